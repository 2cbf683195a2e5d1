package analyze

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/resume"
)

// largeMarket is n postings cycling through the test market's skill mix,
// as a store of n live postings would hand them over.
func largeMarket(b *testing.B, tax *extract.Taxonomy, n int) *fakeSource {
	base := testMarket(b, tax)
	src := &fakeSource{runs: base.runs}
	for i := range n {
		sp := base.posts[i%len(base.posts)]
		sp.p.NativeID = fmt.Sprint(i)
		src.posts = append(src.posts, sp)
	}
	return src
}

// BenchmarkAnalyze sets the SRE resume against 5,000 postings: reading
// the market and analysing, beside a baseline that only walks the same
// postings' tags, the least any analysis must do.
func BenchmarkAnalyze(b *testing.B) {
	tax := testTaxonomy(b)
	src := largeMarket(b, tax, 5000)
	prof := resume.NewParser(extract.NewTagger(tax)).Parse(testResume(b, "sre"), now)
	areas := testMarketAreas(b)
	ctx := context.Background()
	var base float64
	b.Run("walk-tags", func(b *testing.B) {
		for b.Loop() {
			n := 0
			src.ForEachLiveTags(ctx, time.Time{}, now.AddDate(1, 0, 0), func(p *skillpulse.StoredPosting) error {
				n += len(p.Tags.Mentions)
				return nil
			})
		}
		base = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(5000/(base/1e9), "postings/s")
	})
	b.Run("analyze", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, err := LoadMarket(ctx, src, tax, 4, now)
			if err != nil {
				b.Fatal(err)
			}
			Analyze(prof, m, tax, Options{Market: areas})
		}
		perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(5000/(perOp/1e9), "postings/s")
		if base > 0 {
			b.ReportMetric(perOp/base, "x-walk")
		}
	})
}
