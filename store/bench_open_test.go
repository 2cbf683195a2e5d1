package store

import (
	"context"
	"os"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// BenchmarkOpenWalk times a ReadOnly Open of a store of 10k postings and,
// in the same run, walkPages alone: the share of Open that refusing a
// damaged structure costs (walk/open), and the walk's speed in MB/s of
// file.
func BenchmarkOpenWalk(b *testing.B) {
	s := openTest(b, Options{})
	crawl(b, s, day(0), map[string][]skillpulse.Posting{"bulk": synthetic("bulk", 10000, 5)}, []skillpulse.SourceOutcome{{Name: "bulk"}})
	path := s.Path()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	var open, walk float64
	for b.Loop() {
		start := b.Elapsed()
		ro, err := Open(context.Background(), path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		ro.Close()
		mid := b.Elapsed()
		if p, err := walkPages(path, 1); err != nil || len(p) > 0 {
			b.Fatal(err, p)
		}
		open += float64(mid - start)
		walk += float64(b.Elapsed() - mid)
	}
	b.ReportMetric(open/float64(b.N)/1e6, "open-ms/op")
	b.ReportMetric(walk/float64(b.N)/1e6, "walk-ms/op")
	b.ReportMetric(walk/open, "walk/open")
	b.ReportMetric(float64(fi.Size())/(1<<20)/(walk/float64(b.N)/1e9), "walk-MB/s")
}
