package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestForEachLiveTags checks that ForEachLiveTags yields what ForEachLive
// does, posting for posting, with only Description and Sections left out.
func TestForEachLiveTags(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	randomHistory(t, s, 4)
	for w := skillpulse.WeekOf(day(0)); w.Start().Before(day(20)); w = skillpulse.WeekOf(w.End()) {
		var full, light []*skillpulse.StoredPosting
		if err := s.ForEachLive(ctx, w.Start(), w.End(), func(p *skillpulse.StoredPosting) error { full = append(full, p); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.ForEachLiveTags(ctx, w.Start(), w.End(), func(p *skillpulse.StoredPosting) error { light = append(light, p); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(full) == 0 || len(full) != len(light) {
			t.Fatalf("week %s: ForEachLive %d postings, ForEachLiveTags %d", w, len(full), len(light))
		}
		for i, p := range light {
			if p.Description != "" || p.Sections != nil {
				t.Errorf("week %s: %s came with its body", w, p.Key())
			}
			want := *full[i]
			want.Description, want.Sections = "", nil
			if !reflect.DeepEqual(*p, want) {
				t.Errorf("week %s: ForEachLiveTags gave\n%+v\nwant\n%+v", w, *p, want)
			}
		}
	}
}

// BenchmarkLiveRead compares reading a week of 5,000 live postings (seven
// daily runs) with and without their bodies, as a weekly report does.
//
//	go test -run '^$' -bench LiveRead ./store
func BenchmarkLiveRead(b *testing.B) {
	const n = 5000
	ctx := context.Background()
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ps := synthetic("acme", n, 45)
	for d := range 7 {
		crawl(b, s, day(d), map[string][]skillpulse.Posting{"acme": ps}, []skillpulse.SourceOutcome{{Name: "acme"}})
	}
	w := skillpulse.WeekOf(day(0))
	for _, bc := range []struct {
		name string
		read func(context.Context, skillpulse.Week, func(*skillpulse.StoredPosting) error) error
	}{
		{"ForEachLive", func(ctx context.Context, w skillpulse.Week, fn func(*skillpulse.StoredPosting) error) error {
			return s.ForEachLive(ctx, w.Start(), w.End(), fn)
		}},
		{"ForEachLiveTags", func(ctx context.Context, w skillpulse.Week, fn func(*skillpulse.StoredPosting) error) error {
			return s.ForEachLiveTags(ctx, w.Start(), w.End(), fn)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				count := 0
				if err := bc.read(ctx, w, func(*skillpulse.StoredPosting) error { count++; return nil }); err != nil {
					b.Fatal(err)
				}
				if count != n && bc.name != "WeekSkills" {
					b.Fatalf("%s yielded %d postings, want %d", bc.name, count, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "postings/s")
		})
	}
}
