package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
	tag := &countingTagger{}

	b.Run("new", func(b *testing.B) {
		var size int64
		var st Stats
		for b.Loop() {
			b.StopTimer()
			path := filepath.Join(b.TempDir(), "bench.db")
			s, err := Open(path, Options{})
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
		s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
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
