package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/store"
)

// BenchmarkReportYearHistory times `skillpulse report` end to end — open
// the store, build the report (two weeks of postings, lifecycle, runs, 12
// weeks of trends), write md, json, html and csv — for weeks 2, 13 and 52
// of a store holding a year of nightly runs of yearLivePostings live
// postings with daily churn. Week 2 has two weeks of trend to read, weeks 13
// and 52 the full twelve: week52/week13 near 1 means the cost does not
// grow with history. Building the store takes a minute or two:
//
//	go test -run '^$' -bench ReportYearHistory -benchtime 3x ./cmd/skillpulse
func BenchmarkReportYearHistory(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a year of nightly runs: a minute or more; run without -short")
	}
	db := filepath.Join(b.TempDir(), "year.db")
	first := time.Date(2025, 12, 29, 3, 0, 0, 0, time.UTC) // Monday of 2026-W01
	began := time.Now()
	if err := buildReportYear(db, first); err != nil {
		b.Fatal(err)
	}
	b.Logf("a year of nightly runs of %d live postings built in %s", yearLivePostings, time.Since(began).Round(time.Second))
	ms := map[int]float64{}
	for _, week := range []int{2, 13, 52} {
		w := skillpulse.WeekOf(first.AddDate(0, 0, 7*(week-1)))
		b.Run(fmt.Sprintf("week%02d", week), func(b *testing.B) {
			out := b.TempDir()
			for b.Loop() {
				code := run(context.Background(), []string{"--db", db, "--log-level", "error", "report", "--week", w.String(), "--out", out},
					strings.NewReader(""), devNull{}, devNull{})
				if code != 0 {
					b.Fatalf("report %s: exit %d", w, code)
				}
			}
			ms[week] = float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
			b.ReportMetric(ms[week], "ms/report")
		})
	}
	if ms[2] > 0 && ms[13] > 0 {
		b.Logf("week 52 / week 13: %.2f, week 52 / week 2: %.2f (%.1f, %.1f, %.1f ms)", ms[52]/ms[13], ms[52]/ms[2], ms[2], ms[13], ms[52])
	}
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }

// yearLivePostings is how many postings are live on any night.
const yearLivePostings = 5000

// buildReportYear writes 364 nightly runs into db: each night about 3 % of
// the postings close and as many open, tagged with skills of the real
// taxonomy, some stating pay.
func buildReportYear(db string, first time.Time) error {
	ctx := context.Background()
	st, err := store.Open(db, store.Options{Grace: 12 * time.Hour})
	if err != nil {
		return err
	}
	defer st.Close()
	skills := []string{"aws", "gcp", "azure", "kubernetes", "terraform", "ansible", "linux", "docker", "helm",
		"prometheus", "grafana", "python", "go", "bash", "puppet", "postgresql", "kafka", "vault", "argocd", "networking"}
	r := rand.New(rand.NewPCG(1, 2))
	tags := map[string]skillpulse.Tags{}
	tagger := store.TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags { return tags[p.NativeID] })
	next := 0
	newPosting := func() skillpulse.Posting {
		next++
		id := fmt.Sprint(next)
		t := skillpulse.Tags{Seniority: skillpulse.Seniority(1 + r.IntN(5)), Language: "en"}
		for _, i := range r.Perm(len(skills))[:4+r.IntN(6)] {
			m := skillpulse.Mention{SkillID: skills[i], Level: skillpulse.Level(1 + r.IntN(3))}
			if r.IntN(3) == 0 {
				m.Years = 1 + r.IntN(9)
			}
			t.Mentions = append(t.Mentions, m)
		}
		tags[id] = t
		p := skillpulse.Posting{NativeID: id, Title: "Platform Engineer " + id, URL: "https://example.com/" + id,
			Description: "Posting " + id, Workplace: skillpulse.Workplace(r.IntN(4))}
		if r.IntN(2) == 0 {
			lo := float64(100000 + 5000*r.IntN(20))
			p.Salary = &skillpulse.Salary{Min: lo, Max: lo + 30000, Currency: "USD", Period: "year"}
		}
		return p
	}
	live := make([]skillpulse.Posting, 0, yearLivePostings)
	for range yearLivePostings {
		live = append(live, newPosting())
	}
	for night := range 364 {
		for i := range live {
			if r.IntN(100) < 3 {
				live[i] = newPosting()
			}
		}
		at := first.AddDate(0, 0, night)
		w, err := st.BeginRun(ctx, at, "")
		if err != nil {
			return err
		}
		if _, err := w.Put(ctx, "board", live, tagger); err != nil {
			return err
		}
		if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "board", Fetched: len(live)}}, at.Add(time.Minute)); err != nil {
			return err
		}
	}
	return nil
}
