package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// BenchmarkIngest measures Put over synthetic postings with 3–5 KB
// descriptions: "new" is a first crawl (every posting tagged, compressed and
// stored), "unchanged" a re-crawl of the same postings (only last-seen
// written). It reports postings/s and, for "new", per posting: the file's size, the
// pages in use, and the description before and after compression.
//
//	go test -run '^$' -bench Ingest -benchtime 3x ./store
func BenchmarkIngest(b *testing.B) {
	const n = 20000
	ps := synthetic("acme", n, 42)
	ctx := context.Background()
	tag := evidenceTagger{}

	b.Run("new", func(b *testing.B) {
		var size int64
		var st Stats
		for b.Loop() {
			b.StopTimer()
			path := filepath.Join(b.TempDir(), "bench.db")
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			w, err := s.BeginRun(ctx, day(0), "")
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := w.Put(ctx, "acme", ps, tag); err != nil {
				b.Fatal(err)
			}
			if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(0).Add(runTook)); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if st, err = s.Stats(ctx); err != nil {
				b.Fatal(err)
			}
			s.Close()
			fi, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			size = fi.Size()
			b.StartTimer()
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "postings/s")
		b.ReportMetric(float64(size)/n, "file-B/posting")
		b.ReportMetric(float64(st.DataBytes)/n, "data-B/posting")
		b.ReportMetric(float64(st.BodyBytes)/n, "body-B/posting")
		b.ReportMetric(float64(st.StoredBodyBytes)/n, "zstd-B/posting")
	})

	b.Run("unchanged", func(b *testing.B) {
		s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		crawl(b, s, day(0), map[string][]skillpulse.Posting{"acme": ps}, []skillpulse.SourceOutcome{{Name: "acme"}})
		for i := 1; b.Loop(); i++ {
			w, err := s.BeginRun(ctx, day(i), "")
			if err != nil {
				b.Fatal(err)
			}
			c, err := w.Put(ctx, "acme", ps, tag)
			if err != nil {
				b.Fatal(err)
			}
			if c.Unchanged != n {
				b.Fatalf("re-crawl: %+v, want all %d unchanged", c, n)
			}
			if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(i).Add(runTook)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "postings/s")
	})
}

// BenchmarkDailyRun measures a realistic daily run over an established
// store of 20 000 postings: 3% changed, 1% new, 1% gone, then Finish with
// its snapshot and weekly aggregate. It reports postings/s through the
// whole run and how much the data grew per run.
func BenchmarkDailyRun(b *testing.B) {
	const n = 20000
	ctx := context.Background()
	ps := synthetic("acme", n+n/100*200, 43) // spares for the new ones
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	live := slices.Clone(ps[:n])
	spare := ps[n:]
	crawl(b, s, day(0), map[string][]skillpulse.Posting{"acme": live}, []skillpulse.SourceOutcome{{Name: "acme"}})
	before, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	runs := 0
	for d := 1; b.Loop(); d++ {
		b.StopTimer()
		// Churn: drop 1%, change 3%, add 1% (from the spares).
		live = live[n/100:]
		for i := 0; i < len(live); i += 33 {
			live[i].Description += fmt.Sprintf(" Updated on day %d.", d)
		}
		if len(spare) < n/100 {
			b.Fatal("benchmark ran out of spare postings; lower -benchtime")
		}
		live = append(live, spare[:n/100]...)
		spare = spare[n/100:]
		b.StartTimer()
		crawl(b, s, day(d), map[string][]skillpulse.Posting{"acme": live}, []skillpulse.SourceOutcome{{Name: "acme"}})
		runs++
	}
	after, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "postings/s")
	b.ReportMetric(float64(after.DataBytes-before.DataBytes)/float64(runs), "data-B/run")
}

// BenchmarkForEachLive measures reading a week of 20 000 live postings, as
// a weekly report does: with their descriptions, and with their tags only.
func BenchmarkForEachLive(b *testing.B) {
	const n = 20000
	ctx := context.Background()
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ps := synthetic("acme", n, 44)
	for d := range 7 {
		crawl(b, s, day(d), map[string][]skillpulse.Posting{"acme": ps}, []skillpulse.SourceOutcome{{Name: "acme"}})
	}
	w := skillpulse.WeekOf(day(0))
	walks := []struct {
		name string
		walk func(context.Context, time.Time, time.Time, func(*skillpulse.StoredPosting) error) error
	}{{"bodies", s.ForEachLive}, {"tags", s.ForEachLiveTags}}
	for _, walk := range walks {
		b.Run(walk.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				count := 0
				if err := walk.walk(ctx, w.Start(), w.End(), func(*skillpulse.StoredPosting) error { count++; return nil }); err != nil {
					b.Fatal(err)
				}
				if count != n {
					b.Fatalf("%s yielded %d postings, want %d", walk.name, count, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "postings/s")
		})
	}
}
