package report

import (
	"context"
	"fmt"
	"sync"

	"github.com/skillpulse/skillpulse"
)

// trendWeeks is how many weeks, this one included, a trend spans at most.
const trendWeeks = 12

// weeklySource is implemented by sources that keep per-week aggregates
// (the store does): a report reads its trends from them, one read a week,
// never building a report per week.
type weeklySource interface {
	// WeeksSkillPostings reads, for each of weeks, the postings live in
	// it and, per skill id, how many of them name it; its results are
	// parallel to weeks, 0 postings for a week without data.
	WeeksSkillPostings(ctx context.Context, weeks []skillpulse.Week) (postings []int, skills []map[string]int, err error)
}

// TrendPoint is one week of a trend.
type TrendPoint struct {
	Week      skillpulse.Week `json:"week"`
	Share     float64         `json:"share"`
	ShareLow  float64         `json:"share_low"` // Share's 95 % Wilson interval
	ShareHigh float64         `json:"share_high"`
	Postings  int             `json:"postings"` // postings naming the skill (or area) that week
}

func trendPoint(w skillpulse.Week, k, n int) TrendPoint {
	p := TrendPoint{Week: w, Share: Share(k, n), Postings: k}
	p.ShareLow, p.ShareHigh = Wilson(k, n)
	return p
}

// weekCounts is one week's aggregate as trends need it.
type weekCounts struct {
	week     skillpulse.Week
	postings int
	skills   map[string]int
}

// trendRead is the weekly aggregates trends read, read aside: on a
// goroutine of its own while the report's week is counted.
type trendRead struct {
	asked    []skillpulse.Week
	postings []int
	skills   []map[string]int
	err      error
	wait     func()
}

// readTrends starts reading the trendWeeks weeks ending with week from
// src, nil if src keeps no weekly aggregates. Its wait, which may be
// called again, must be called.
func readTrends(ctx context.Context, src Source, week skillpulse.Week) *trendRead {
	ws, ok := src.(weeklySource)
	if !ok {
		return nil
	}
	t := &trendRead{asked: make([]skillpulse.Week, trendWeeks)}
	for i, w := trendWeeks-1, week; i >= 0; i, w = i-1, w.Prev() {
		t.asked[i] = w
	}
	t.wait = sync.OnceFunc(goWait(func() { t.postings, t.skills, t.err = ws.WeeksSkillPostings(ctx, t.asked) }))
	return t
}

// trends fills Series on every listed skill and market area from the
// weekly aggregates of the trendWeeks weeks ending with the report's week,
// oldest first, as t read them; weeks without data are left out.
func (r *Report) trends(t *trendRead) error {
	if t == nil {
		return nil
	}
	t.wait()
	asked, postings, skills, err := t.asked, t.postings, t.skills, t.err
	if err != nil {
		return fmt.Errorf("report %s: trend weeks %s to %s: %w", r.Week, asked[0], r.Week, err)
	}
	if len(postings) != len(asked) || len(skills) != len(asked) {
		return fmt.Errorf("report %s: trend weeks: %d counts for %d weeks", r.Week, len(postings), len(asked))
	}
	var weeks []weekCounts
	for i, w := range asked {
		if postings[i] > 0 {
			weeks = append(weeks, weekCounts{w, postings[i], skills[i]})
		}
	}
	for i := range r.Skills {
		s := &r.Skills[i]
		s.Series = make([]TrendPoint, 0, len(weeks))
		for _, wc := range weeks {
			k := wc.skills[s.ID]
			s.Series = append(s.Series, trendPoint(wc.week, k, wc.postings))
		}
	}
	for i := range r.Market {
		m := &r.Market[i]
		m.Series = make([]TrendPoint, 0, len(weeks))
		for _, wc := range weeks {
			// The aggregates count skills, not areas: a posting naming two of
			// an area's skills cannot be told from two postings. The area's
			// most-named skill is a floor under the area's share.
			k := 0
			for _, id := range m.Skills {
				k = max(k, wc.skills[id])
			}
			m.Series = append(m.Series, trendPoint(wc.week, k, wc.postings))
		}
		if len(m.Skills) > 1 {
			m.SeriesLowerBound = true
		}
	}
	return nil
}
