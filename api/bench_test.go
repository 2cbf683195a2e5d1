package api_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/report"
	"github.com/skillpulse/skillpulse/store"
)

// BenchmarkReportFromStore builds a week's report from a real store
// holding 3,000 postings crawled nightly for two weeks, each naming 15 of
// 150 skills: what `skillpulse report` and the API's week endpoint cost,
// reading included.
func BenchmarkReportFromStore(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(3, 4))
	const n = 3000
	ps := make([]skillpulse.Posting, n)
	for i := range ps {
		desc := ""
		for range 15 {
			desc += fmt.Sprintf("skill%d:%d:%d ", r.IntN(150), 1+r.IntN(3), r.IntN(3)*3)
		}
		ps[i] = skillpulse.Posting{NativeID: fmt.Sprint(i), Title: "SRE", Company: fmt.Sprint("co", i), URL: fmt.Sprintf("https://example.com/%d", i),
			Workplace: skillpulse.Workplace(i % 4), Description: desc}
	}
	start := skillpulse.Week{Year: 2026, Num: 46}.Start().Add(3 * time.Hour)
	for d := range 14 {
		crawlNight(b, st, start.Add(time.Duration(d)*24*time.Hour), "acme", ps, agreementTagger)
	}
	opts := report.Options{Week: skillpulse.Week{Year: 2026, Num: 47}, Generated: time.Unix(0, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep, err := report.Build(ctx, st, agreementTaxonomyAll{}, opts)
		if err != nil || rep.Postings != n {
			b.Fatalf("report of %d postings, %v", rep.Postings, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/report")
}

// agreementTaxonomyAll knows every skill.
type agreementTaxonomyAll struct{}

func (agreementTaxonomyAll) Lookup(id string) (skillpulse.Skill, bool) {
	return skillpulse.Skill{ID: id, Name: id, Category: skillpulse.CategoryTool}, true
}
