package report_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/report"
)

// benchSource serves the same postings for every week asked.
type benchSource struct{ postings []*skillpulse.StoredPosting }

func (s benchSource) ForEachLiveTags(_ context.Context, _, _ time.Time, fn func(*skillpulse.StoredPosting) error) error {
	for _, p := range s.postings {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

type benchSkills struct{}

func (benchSkills) Lookup(id string) (skillpulse.Skill, bool) {
	return skillpulse.Skill{ID: id, Name: id, Category: skillpulse.CategoryTool}, true
}

// BenchmarkBuild builds one week's report over 5,000 postings (and the
// week before's, for the changes), each naming 15 of 150 skills at mixed
// levels, a third with years and a tenth merged from a second source: the
// size of a busy week.
func BenchmarkBuild(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, nSkills = 5000, 150
	ps := make([]*skillpulse.StoredPosting, n)
	for i := range ps {
		p := &skillpulse.StoredPosting{Posting: skillpulse.Posting{Source: fmt.Sprint("src", i%7), Workplace: skillpulse.Workplace(i % 4)}}
		if i%10 == 0 {
			p.Origins = []skillpulse.Origin{{Source: p.Source}, {Source: "other"}}
		}
		p.Tags.Seniority = skillpulse.Seniority(i % 8)
		for range 15 {
			m := skillpulse.Mention{SkillID: fmt.Sprint("skill", r.IntN(nSkills)), Level: skillpulse.Level(1 + r.IntN(3))}
			if r.IntN(3) == 0 {
				m.Years = 1 + r.IntN(8)
			}
			p.Tags.Mentions = append(p.Tags.Mentions, m)
		}
		ps[i] = p
	}
	market := []config.MarketArea{{ID: "a", Name: "A", Weight: 0.5, Skills: []string{"skill1", "skill2", "skill3"}}}
	opts := report.Options{Week: skillpulse.Week{Year: 2026, Num: 47}, Market: market, Generated: time.Unix(0, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := report.Build(context.Background(), benchSource{ps}, benchSkills{}, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/report")
	b.ReportMetric(float64(2*n*b.N)/b.Elapsed().Seconds(), "postings/s")
}
