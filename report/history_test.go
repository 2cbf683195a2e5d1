package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/report"
)

// historyStore is a known store of three weeks (2026-W45 to W47) whose
// figures are set by construction:
//
//	W45: 40 postings; W46: 50; W47: 60.
//	terraform: W46 10 of 50 (20 %, Wilson 11.2–33.0 %), W47 40 of 60
//	           (66.7 %, 54.1–77.3 %): the intervals separate, a gainer.
//	puppet:    W46 25 of 50 (50 %, 36.6–63.4 %), W47 10 of 60 (16.7 %,
//	           9.3–28.0 %): a loser.
//	linux:     W46 25 of 50, W47 33 of 60 (55 %, 42.5–66.9 %): +5 pts
//	           but overlapping intervals, so not a mover.
//	pay:       in W47, postings 0..29 state USD a year (midpoints 100k,
//	           102k, ... 158k), postings 30..39 EUR a year, the rest none.
//	lifecycle: W47 postings 0..19 are new that week; W46 postings 40..49
//	           close on W47's Tuesday after 10 days; globex fails on W47's
//	           Wednesday, initech every night (and so lists nothing).
type historyStore struct {
	weeks map[skillpulse.Week][]*skillpulse.StoredPosting
	runs  []skillpulse.Run
}

var (
	hW45 = skillpulse.Week{Year: 2026, Num: 45}
	hW46 = skillpulse.Week{Year: 2026, Num: 46}
	hW47 = skillpulse.Week{Year: 2026, Num: 47}
)

func newHistoryStore() *historyStore {
	h := &historyStore{weeks: map[skillpulse.Week][]*skillpulse.StoredPosting{}}
	sizes := map[skillpulse.Week]int{hW45: 40, hW46: 50, hW47: 60}
	counts := map[skillpulse.Week]map[string]int{
		hW45: {"terraform": 8, "puppet": 20, "linux": 20},
		hW46: {"terraform": 10, "puppet": 25, "linux": 25},
		hW47: {"terraform": 40, "puppet": 10, "linux": 33},
	}
	seniorities := []skillpulse.Seniority{skillpulse.SenioritySenior, skillpulse.SeniorityMid, skillpulse.SeniorityJunior}
	for w, n := range sizes {
		for i := range n {
			p := &skillpulse.StoredPosting{
				Posting: skillpulse.Posting{Source: []string{"acme", "globex"}[i%2], NativeID: fmt.Sprintf("%s-%d", w, i),
					Title: "Platform Engineer", Workplace: []skillpulse.Workplace{skillpulse.WorkplaceRemote, skillpulse.WorkplaceHybrid, skillpulse.WorkplaceOnSite, skillpulse.WorkplaceUnknown}[i%4]},
				FirstSeen: w.Start().AddDate(0, 0, -14),
				Tags:      skillpulse.Tags{Seniority: seniorities[i%3]},
			}
			for _, id := range []string{"terraform", "puppet", "linux"} {
				if i < counts[w][id] {
					p.Tags.Mentions = append(p.Tags.Mentions, skillpulse.Mention{SkillID: id, Level: skillpulse.LevelRequired, Years: 1 + i%9})
				}
			}
			if w == hW47 {
				if i < 20 {
					p.FirstSeen = w.Start().Add(time.Duration(i) * time.Hour)
				}
				switch {
				case i < 30:
					p.Salary = &skillpulse.Salary{Min: 90000 + 2000*float64(i), Max: 110000 + 2000*float64(i), Currency: "USD", Period: "year"}
				case i < 40:
					p.Salary = &skillpulse.Salary{Min: 70000, Max: 80000 + 1000*float64(i-30), Currency: "EUR", Period: "year"}
				}
			}
			if w == hW46 && i >= 40 {
				p.FirstSeen = hW47.Start().AddDate(0, 0, -9)
				p.ClosedAt = hW47.Start().AddDate(0, 0, 1)
			}
			h.weeks[w] = append(h.weeks[w], p)
		}
	}
	for d := range 7 {
		at := hW47.Start().AddDate(0, 0, d).Add(3 * time.Hour)
		h.runs = append(h.runs, skillpulse.Run{ID: at.Format("20060102T150405Z"), Started: at, Status: skillpulse.RunComplete,
			Sources: []skillpulse.SourceOutcome{{Name: "acme"}, {Name: "globex", Failed: d == 2}, {Name: "initech", Failed: true}}})
	}
	return h
}

func (h *historyStore) ForEachLiveTags(_ context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	for _, p := range h.weeks[skillpulse.WeekOf(from)] {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

func (h *historyStore) RunsBetween(_ context.Context, from, to time.Time) ([]skillpulse.Run, error) {
	var out []skillpulse.Run
	for _, r := range h.runs {
		if !r.Started.Before(from) && r.Started.Before(to) {
			out = append(out, r)
		}
	}
	return out, nil
}

// WeeksSkillPostings counts by the demand rule, as the store's aggregates do.
func (h *historyStore) WeeksSkillPostings(_ context.Context, weeks []skillpulse.Week) ([]int, []map[string]int, error) {
	postings, skills := make([]int, len(weeks)), make([]map[string]int, len(weeks))
	for i, w := range weeks {
		agg := skillpulse.Aggregate{Sources: map[string]int{}, Seniority: map[string]int{}, Workplace: map[string]int{}, Skills: map[string]skillpulse.SkillAggregate{}}
		for _, p := range h.weeks[w] {
			d := skillpulse.DemandOf(p.Source, p.Origins, p.Workplace, &p.Tags)
			agg.Add(&d, +1)
		}
		skills[i] = map[string]int{}
		for id, s := range agg.Skills {
			skills[i][id] = s.Postings
		}
		postings[i] = agg.Postings
	}
	return postings, skills, nil
}

var historySkills = skillTable{
	"terraform": {ID: "terraform", Name: "Terraform", Category: skillpulse.CategoryIaC},
	"puppet":    {ID: "puppet", Name: "Puppet", Category: skillpulse.CategoryIaC},
	"linux":     {ID: "linux", Name: "Linux", Category: skillpulse.CategoryOS},
}

func buildHistory(t *testing.T) *report.Report {
	t.Helper()
	r, err := report.Build(context.Background(), newHistoryStore(), historySkills, report.Options{
		Week: hW47, Market: market, Generated: time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC),
		MarketSource: "A one-line source for the weighting.",
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWilsonIntervalsMatchPublishedValues(t *testing.T) {
	for _, c := range []struct {
		k, n      int
		low, high float64
	}{
		{10, 50, 0.1124, 0.3304}, {0, 10, 0, 0.2775}, {40, 60, 0.5406, 0.7727}, {1, 1, 0.2065, 1}, {0, 0, 0, 1},
	} {
		lo, hi := report.Wilson(c.k, c.n)
		if lo != c.low || hi != c.high {
			t.Errorf("Wilson(%d, %d) = [%v, %v], want [%v, %v]", c.k, c.n, lo, hi, c.low, c.high)
		}
	}
}

func TestMoversAreTheSkillsWhoseIntervalsSeparate(t *testing.T) {
	r := buildHistory(t)
	if len(r.Gainers) != 1 || r.Gainers[0].ID != "terraform" {
		t.Fatalf("gainers %+v, want terraform alone", r.Gainers)
	}
	g := r.Gainers[0]
	if g.Share != 0.6667 || g.PrevShare != 0.2 || g.Change != 0.4667 || g.ShareLow != 0.5406 || g.ShareHigh != 0.7727 ||
		g.PrevShareLow != 0.1124 || g.PrevShareHigh != 0.3304 {
		t.Errorf("terraform: %+v", g)
	}
	if len(r.Losers) != 1 || r.Losers[0].ID != "puppet" || r.Losers[0].Change != -0.3333 {
		t.Fatalf("losers %+v, want puppet alone at -0.3333", r.Losers)
	}
	for _, s := range r.Skills {
		if s.ID == "linux" && (s.Change == nil || *s.Change != 0.05) {
			t.Errorf("linux moved %v, want +0.05 (and no headline: its intervals overlap)", s.Change)
		}
	}
	if !strings.Contains(r.MoversBasis, "2026-W46") || !strings.Contains(r.MoversBasis, "Wilson") {
		t.Errorf("movers basis %q does not say what it compares with and how", r.MoversBasis)
	}
}

func TestSmallWeeksMakeNoHeadlines(t *testing.T) {
	// 20 postings a week, a skill from none of them to all of them: the
	// intervals separate, but weeks this small make no headlines.
	h := &historyStore{weeks: map[skillpulse.Week][]*skillpulse.StoredPosting{}}
	for i := range 20 {
		h.weeks[hW46] = append(h.weeks[hW46], posting("acme", fmt.Sprint("a", i), skillpulse.SeniorityMid))
		h.weeks[hW47] = append(h.weeks[hW47], posting("acme", fmt.Sprint("b", i), skillpulse.SeniorityMid, req("terraform", 0)))
	}
	r, err := report.Build(context.Background(), h, historySkills, report.Options{Week: hW47})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Gainers)+len(r.Losers) != 0 {
		t.Errorf("a 20-posting week made headlines: %+v %+v", r.Gainers, r.Losers)
	}
}

func TestLifecyclePayYearsAndShares(t *testing.T) {
	r := buildHistory(t)
	if r.NewPostings != 20 || r.ClosedPostings != 10 || r.MedianDaysOpen == nil || *r.MedianDaysOpen != 10 {
		t.Errorf("new %d, closed %d, median days open %v; want 20, 10, 10", r.NewPostings, r.ClosedPostings, r.MedianDaysOpen)
	}
	var globex report.SourceHealth
	for _, s := range r.SourceHealth {
		if s.Name == "globex" {
			globex = s
		}
	}
	if globex.Runs != 7 || globex.Failed != 1 || globex.Postings != 30 {
		t.Errorf("globex health %+v, want 30 postings, 7 runs, 1 failed", globex)
	}
	var md bytes.Buffer
	if err := r.WriteFormat(&md, "md"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| initech | 0% | 0%–6% | 0 | 7 | 7 | 0 |") {
		t.Errorf("a source that failed every night is missing from the sources table:\n%s", md.String())
	}
	p := r.Salary
	if p.Stating != 40 || p.Postings != 60 || len(p.Groups) != 2 {
		t.Fatalf("salary %+v: want 40 of 60 stating, in two groups", p)
	}
	usd := p.Groups[0]
	// Midpoints 100000 + 2000 i for i < 30: p25 at position 7.25 → 114500.
	if usd.Currency != "USD" || usd.Count != 30 || usd.P25 != 114500 || usd.Median != 129000 || usd.P75 != 143500 {
		t.Errorf("USD: %+v", usd)
	}
	if len(usd.BySeniority) != 3 || usd.BySeniority[0].Seniority != "junior" || usd.BySeniority[0].Count != 10 {
		t.Errorf("USD by seniority: %+v", usd.BySeniority)
	}
	var tfUSD *report.SkillPay
	for i, s := range p.Skills {
		if s.ID == "terraform" && s.Currency == "USD" {
			tfUSD = &p.Skills[i]
		}
	}
	if tfUSD == nil || tfUSD.Count != 30 || tfUSD.Median != 129000 || tfUSD.Premium != 0 {
		t.Errorf("terraform USD pay %+v, want all 30 USD postings, median 129000, premium 0", tfUSD)
	}
	for _, c := range r.Workplace {
		if c.Postings != 15 || c.Share != 0.25 || c.ShareLow != 0.1578 || c.ShareHigh != 0.3723 {
			t.Errorf("workplace %+v: want 15 of 60, 25 %% [15.78 %%, 37.23 %%]", c)
		}
	}
	for _, s := range r.Skills {
		if s.ID != "terraform" {
			continue
		}
		d := s.RequiredYears
		// Years 1 + i%9 for i < 40: 1..4 five times each, 5..9 four times.
		if d == nil || d.Stated != 40 || d.Buckets[0].Postings != 10 || d.Buckets[1].Postings != 10 || d.Buckets[2].Postings != 12 || d.Buckets[3].Postings != 8 || d.Buckets[2].Share != 0.3 {
			t.Errorf("terraform years %+v", d)
		}
		if len(s.Series) != 3 || s.Series[0].Week != hW45 || s.Series[0].Share != 0.2 || s.Series[2].Share != s.Share {
			t.Errorf("terraform series %+v: want W45 0.2 first and this week's share last", s.Series)
		}
	}
}

func TestCSVLeavesUnknownEmptyAndNeutralisesFormulas(t *testing.T) {
	r := buildHistory(t)
	r.Skills = append(r.Skills, report.SkillDemand{ID: "x", Name: "=HYPERLINK(\"http://evil\")", Postings: 1})
	var buf bytes.Buffer
	if err := r.WriteFormat(&buf, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	tables := map[string]bool{}
	for _, row := range rows[1:] {
		tables[row[0]] = true
		if row[0] == "skill" && row[col["id"]] == "x" {
			if row[col["median_years"]] != "" || row[col["change"]] != "" || row[col["years_stated"]] != "" {
				t.Errorf("unknown figures written as %q, %q, %q; want empty cells", row[col["median_years"]], row[col["change"]], row[col["years_stated"]])
			}
			if strings.HasPrefix(row[col["name"]], "=") {
				t.Errorf("formula cell left live: %q", row[col["name"]])
			}
		}
		if row[0] == "loser" && row[col["change"]] != "-0.3333" {
			t.Errorf("a negative change was neutralised like a formula: %q", row[col["change"]])
		}
	}
	for _, want := range []string{"skill", "trend", "market", "market_trend", "gainer", "loser", "source", "seniority", "workplace", "pay", "pay_seniority", "skill_pay", "lifecycle"} {
		if !tables[want] {
			t.Errorf("the CSV has no %q table", want)
		}
	}
}

// TestHistoryGolden checks every number of the known store's report, in
// every format, against testdata/history47.* (go test ./report -update).
func TestHistoryGolden(t *testing.T) {
	r := buildHistory(t)
	for _, f := range []string{"json", "md", "csv", "html"} {
		t.Run(f, func(t *testing.T) {
			var buf bytes.Buffer
			if err := r.WriteFormat(&buf, f); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "history47."+f)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s output differs from %s; rerun with -update if the change is intended", f, path)
			}
		})
	}
}
