// Package report builds the weekly skill-demand report and writes it as
// Markdown, JSON, CSV and HTML.
//
// A report covers one ISO week: every posting live in at least one complete
// crawl of that week counts once. For each skill it gives the share of those
// postings that name it and the share that require it (the demand rule in
// skillpulse.DemandOf: named skills only), and beside it the share including
// postings that only imply it through a more specific skill (EKS for
// Kubernetes), said so wherever shown; for each area of the market
// weighting (config.yaml's market section) it sets the share of postings
// asking for the area, named or implied, beside the weight the market
// really gives it, and the gap between the two.
//
// From a source that keeps weekly aggregates (the store), a report takes a
// week's demand from its aggregate, counted at ingest by the same rule, and
// reads of the postings that aggregate counts only what no aggregate holds:
// market areas, pay, years asked and lifecycle. From any other source it
// counts every posting itself; both give the same report.
package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Source is what a report reads: the store satisfies it.
type Source interface {
	// ForEachLiveTags calls fn once for every posting live in a complete
	// run's snapshot taken in [from, to), with its tags; a report needs no
	// descriptions, so the source may leave them out.
	ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error
}

// Skills resolves skill ids to names and categories; the taxonomy satisfies it.
type Skills interface {
	Lookup(id string) (skillpulse.Skill, bool)
}

// umbrellas is implemented by taxonomies that know which skills are broad
// areas (cloud, networking) that specific skills roll up to.
type umbrellas interface {
	Umbrella(id string) bool
}

// Options select and shape a report.
type Options struct {
	Week   skillpulse.Week
	Market []config.MarketArea
	// Top limits the skills listed (0: all). Market areas are always all listed.
	Top int
	// Generated is the time written into the report.
	Generated time.Time
	// MarketSource cites the market weighting's source, in one line.
	MarketSource string
}

// Report is one week's demand figures. Its JSON form is read by other
// tools: add fields, rename none.
type Report struct {
	Week      skillpulse.Week `json:"week"`
	From      time.Time       `json:"from"`
	To        time.Time       `json:"to"`
	Generated time.Time       `json:"generated"`
	// Postings is the number of distinct postings live during the week.
	Postings int `json:"postings"`
	// PrevPostings is the same for the week before; absent when that week
	// has no postings, and then no change is given anywhere.
	PrevPostings *int           `json:"prev_postings,omitempty"`
	Sources      []Count        `json:"sources"`
	Seniority    []Count        `json:"seniority"`
	Workplace    []Count        `json:"workplace"`
	Skills       []SkillDemand  `json:"skills"`
	Market       []MarketDemand `json:"market"`
	// SkillsTotal is how many distinct skills were seen, before Top.
	SkillsTotal int `json:"skills_total"`

	// MoversBasis says what Gainers and Losers are measured against and
	// the rule that makes a mover; both lists are empty, never absent.
	MoversBasis string  `json:"movers_basis"`
	Gainers     []Mover `json:"gainers"`
	Losers      []Mover `json:"losers"`
	// NewPostings were first seen this week; ClosedPostings were closed
	// this week, after MedianDaysOpen days open (absent when none closed).
	NewPostings    int            `json:"new_postings"`
	ClosedPostings int            `json:"closed_postings"`
	MedianDaysOpen *float64       `json:"median_days_open,omitempty"`
	SourceHealth   []SourceHealth `json:"source_health"`
	// Salary is the pay stated by the week's postings.
	Salary *PaySummary `json:"salary"`
	// MarketSource cites where the market weighting comes from.
	MarketSource string `json:"market_source,omitempty"`
}

// Count is a number of postings under a label, with its share of the
// week's postings and the share's 95 % Wilson interval.
type Count struct {
	Name      string  `json:"name"`
	Postings  int     `json:"postings"`
	Share     float64 `json:"share"`
	ShareLow  float64 `json:"share_low"`
	ShareHigh float64 `json:"share_high"`
}

// SkillDemand is how often the week's postings ask for one skill.
type SkillDemand struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Category skillpulse.Category `json:"category"`
	Postings int                 `json:"postings"` // postings naming it at any level
	// Implied counts the postings that do not name it but imply it through
	// a more specific skill they name (EKS for Kubernetes).
	Implied   int `json:"implied,omitempty"`
	Required  int `json:"required"`  // postings requiring it
	Preferred int `json:"preferred"` // postings preferring it
	Mentioned int `json:"mentioned"` // postings only mentioning it
	// Share and RequiredShare are fractions of the week's postings (0..1).
	Share         float64 `json:"share"`
	RequiredShare float64 `json:"required_share"`
	// ShareLow and ShareHigh bound Share: its 95 % Wilson interval; the
	// required share and last week's share carry theirs too.
	ShareLow          float64 `json:"share_low"`
	ShareHigh         float64 `json:"share_high"`
	RequiredShareLow  float64 `json:"required_share_low"`
	RequiredShareHigh float64 `json:"required_share_high"`
	// PrevShare is last week's share; absent without a last week.
	PrevShare     *float64 `json:"prev_share,omitempty"`
	PrevShareLow  *float64 `json:"prev_share_low,omitempty"`
	PrevShareHigh *float64 `json:"prev_share_high,omitempty"`
	// RequiredYears is the years asked by the postings requiring the skill,
	// as a distribution; absent when none states years.
	RequiredYears *YearsDist `json:"required_years,omitempty"`
	// ShareWithImplied is the share of postings naming or implying it.
	ShareWithImplied float64 `json:"share_with_implied"`
	// MedianYears is the median of the years asked where stated (0: never stated).
	MedianYears float64 `json:"median_years,omitempty"`
	// Seniority counts the postings naming it by their seniority ("senior",
	// "junior", "unknown", ...).
	Seniority map[string]int `json:"seniority,omitempty"`
	// Change is Share minus last week's share; absent without a last week.
	Change *float64 `json:"change,omitempty"`
	// Umbrella marks a broad area (cloud, networking) that postings mostly
	// reach through a specific skill; the human formats list these apart.
	Umbrella bool `json:"umbrella,omitempty"`
	// Series is the skill's share week by week, oldest first, over up to
	// 12 weeks ending with this one, from the store's weekly aggregates.
	Series []TrendPoint `json:"series,omitempty"`
}

// MarketDemand sets one area of the market weighting beside the listings.
type MarketDemand struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Skills        []string `json:"skills"`
	Weight        float64  `json:"weight"` // what the market really requires, 0..1
	Reason        string   `json:"reason"`
	Postings      int      `json:"postings"`       // postings naming or implying any of the area's skills
	Share         float64  `json:"share"`          // of the week's postings
	RequiredShare float64  `json:"required_share"` // requiring any of the area's skills
	ShareLow      float64  `json:"share_low"`      // Share's 95 % Wilson interval
	ShareHigh     float64  `json:"share_high"`
	// RequiredShare's 95 % Wilson interval.
	RequiredShareLow  float64 `json:"required_share_low"`
	RequiredShareHigh float64 `json:"required_share_high"`
	// Gap is Weight minus Share: positive when the market needs the area
	// more than listings say (Linux, security), negative when listings ask
	// for it more than the market weighting does.
	Gap     float64 `json:"gap"`
	Verdict Verdict `json:"verdict"`
	// Explanation says the verdict in words, with the weighting's reason.
	Explanation string `json:"explanation"`
	// Change is Share minus last week's share; absent without a last week.
	Change *float64 `json:"change,omitempty"`
	// Series is the area's share week by week, as for skills. Where the
	// area has several skills it is the share of its most-named skill (the
	// weekly aggregates count skills, not areas), a floor under the
	// area's share, and SeriesLowerBound says so.
	Series           []TrendPoint `json:"series,omitempty"`
	SeriesLowerBound bool         `json:"series_lower_bound,omitempty"`
}

// Verdict reads a gap.
type Verdict string

const (
	VerdictUnderListed Verdict = "under-listed" // needed more than listed
	VerdictInLine      Verdict = "in-line"
	VerdictOverListed  Verdict = "over-listed" // listed more than needed
	VerdictNoData      Verdict = "no-data"
)

// gapTolerance is how far listings may sit from the weighting and still
// count as in line with it.
const gapTolerance = 0.15

// share is n as a fraction of the week's postings.
func (t *weekTally) share(n int) float64 { return Share(n, t.Postings) }

// Share is n as a fraction of total, rounded as reports give it; 0 when
// total is.
func Share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return round(float64(n) / float64(total))
}

// Build computes the report for opts.Week from src, with the change since
// the week before where that week has postings.
func Build(ctx context.Context, src Source, skills Skills, opts Options) (*Report, error) {
	r := &Report{
		Week:      opts.Week,
		From:      opts.Week.Start(),
		To:        opts.Week.End(),
		Generated: opts.Generated.UTC(),
	}
	trends := readTrends(ctx, src, opts.Week)
	if trends != nil {
		defer trends.wait() // before the caller may close src, whatever fails
	}
	cur, prev, curX, prevX, err := tallyWeeks(ctx, src, opts.Week, opts.Market)
	if err != nil {
		return nil, err
	}
	r.Postings = cur.Postings
	if prev.Postings > 0 {
		r.PrevPostings = &prev.Postings
	}
	r.Skills = skillDemands(cur, prev, curX, skills)
	r.SkillsTotal = len(r.Skills)
	if opts.Top > 0 && len(r.Skills) > opts.Top {
		r.Skills = r.Skills[:opts.Top]
	}
	r.Market = marketDemands(cur, prev, opts.Market)
	r.Sources = withShares(counts(cur.Sources), cur.Postings)
	r.Seniority = withShares(counts(cur.Seniority), cur.Postings)
	r.Workplace = withShares(counts(cur.Workplace), cur.Postings)
	r.MarketSource = opts.MarketSource
	if err := r.beyondDemand(ctx, src, skills, cur, prev, curX, prevX, trends); err != nil {
		return nil, err
	}
	return r, nil
}

// changeSince is the movement in share since last week, nil without a
// last week.
func changeSince(prev *weekTally, now, before float64) *float64 {
	if prev.Postings == 0 {
		return nil
	}
	d := round(now - before)
	return &d
}

// skillDemands is every skill's demand this week beside last week's, most
// named first.
func skillDemands(cur, prev *weekTally, curX *extras, skills Skills) []SkillDemand {
	var out []SkillDemand
	for id, t := range cur.Skills {
		d := SkillDemand{
			ID: id, Name: id,
			Postings: t.Postings, Implied: t.Implied, Required: t.Required, Preferred: t.Preferred, Mentioned: t.Mentioned,
			Share: cur.share(t.Postings), RequiredShare: cur.share(t.Required), ShareWithImplied: cur.share(t.Postings + t.Implied),
			MedianYears: t.MedianYears(), Seniority: t.Seniority,
		}
		d.Change = changeSince(prev, d.Share, prev.share(prev.Skills[id].Postings))
		d.ShareLow, d.ShareHigh = Wilson(t.Postings, cur.Postings)
		d.RequiredShareLow, d.RequiredShareHigh = Wilson(t.Required, cur.Postings)
		if prev.Postings > 0 {
			ps := prev.share(prev.Skills[id].Postings)
			lo, hi := Wilson(prev.Skills[id].Postings, prev.Postings)
			d.PrevShare, d.PrevShareLow, d.PrevShareHigh = &ps, &lo, &hi
		}
		d.RequiredYears = yearsDist(curX.yearsRequired(id))
		if s, ok := skills.Lookup(id); ok {
			d.Name, d.Category = s.Name, s.Category
		}
		if u, ok := skills.(umbrellas); ok {
			d.Umbrella = u.Umbrella(id)
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Postings != b.Postings {
			return a.Postings > b.Postings
		}
		if a.Implied != b.Implied {
			return a.Implied > b.Implied
		}
		if a.Required != b.Required {
			return a.Required > b.Required
		}
		return a.ID < b.ID
	})
	return out
}

// marketDemands sets each market area's weight beside the share of this
// week's postings that list it.
func marketDemands(cur, prev *weekTally, market []config.MarketArea) []MarketDemand {
	var out []MarketDemand
	for i, a := range market {
		m := MarketDemand{
			ID: a.ID, Name: a.Name, Skills: slices.Clone(a.Skills), Weight: a.Weight, Reason: a.Reason,
			Postings: cur.areas[i].any, Share: cur.share(cur.areas[i].any), RequiredShare: cur.share(cur.areas[i].required),
		}
		m.Change = changeSince(prev, m.Share, prev.share(prev.areas[i].any))
		m.Gap = round(m.Weight - m.Share)
		m.Verdict = verdict(cur.Postings, m.Gap)
		m.ShareLow, m.ShareHigh = Wilson(cur.areas[i].any, cur.Postings)
		m.RequiredShareLow, m.RequiredShareHigh = Wilson(cur.areas[i].required, cur.Postings)
		m.Explanation = explain(&m)
		out = append(out, m)
	}
	return out
}

// beyondDemand adds what the week's demand figures alone do not give:
// movers, pay, lifecycle and trends (as t read them).
func (r *Report) beyondDemand(ctx context.Context, src Source, skills Skills, cur, prev *weekTally, curX, prevX *extras, t *trendRead) error {
	r.MoversBasis = moversBasis(r)
	r.Gainers, r.Losers = movers(skillPostings(cur), cur.Postings, skillPostings(prev), prev.Postings, skills)
	r.Salary = pay(curX, cur.Postings, skills)
	if err := r.lifecycle(ctx, src, curX, prevX); err != nil {
		return err
	}
	return r.trends(t)
}

// skillPostings is how many postings name each skill.
func skillPostings(t *weekTally) map[string]int {
	out := make(map[string]int, len(t.Skills))
	for id, s := range t.Skills {
		out[id] = s.Postings
	}
	return out
}

func verdict(postings int, gap float64) Verdict {
	switch {
	case postings == 0:
		return VerdictNoData
	case gap > gapTolerance:
		return VerdictUnderListed
	case gap < -gapTolerance:
		return VerdictOverListed
	}
	return VerdictInLine
}

func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Name: k, Postings: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Postings != out[j].Postings {
			return out[i].Postings > out[j].Postings
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// round keeps four decimals so that JSON shows 0.4286, not 0.42857142857142855.
func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// pct formats a share as a percentage for the human formats.
func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// signedPct formats a gap in percentage points.
func signedPct(f float64) string {
	s := fmt.Sprintf("%+.0f", f*100)
	if s == "-0" || s == "+0" {
		s = "0"
	}
	return s + " pts"
}

// changePct formats a change of share in percentage points; "–" when
// there is nothing to compare with.
func changePct(c *float64) string {
	if c == nil {
		return "–"
	}
	return signedPct(*c)
}

// HasImplied reports whether any listed skill has implied credit, which
// the human formats then show beside the named share.
func (r *Report) HasImplied() bool {
	return slices.ContainsFunc(r.Skills, func(s SkillDemand) bool { return s.Implied > 0 })
}

// Specific returns the skills that are not umbrellas, and the umbrellas,
// each in report order: the human formats show them apart.
func (r *Report) Specific() (specific, broad []SkillDemand) {
	for _, s := range r.Skills {
		if s.Umbrella {
			broad = append(broad, s)
		} else {
			specific = append(specific, s)
		}
	}
	return specific, broad
}

// FileName is the base name (without extension) of a week's report files.
func FileName(w skillpulse.Week) string { return "skillpulse-" + w.String() }
