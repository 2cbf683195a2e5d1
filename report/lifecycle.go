package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
)

// runsSource is implemented by sources that know the crawl runs (the store
// does); without it a report has no per-source failures.
type runsSource interface {
	RunsBetween(ctx context.Context, from, to time.Time) ([]skillpulse.Run, error)
}

// SourceHealth is one source's week: the postings it listed and how its
// crawls went.
type SourceHealth struct {
	Name     string `json:"name"`
	Postings int    `json:"postings"`
	// Runs is how many complete runs of the week crawled the source;
	// Failed, Suspect and Truncated count those in which it failed, looked
	// broken or was cut short (none of which closes a posting).
	Runs      int `json:"runs"`
	Failed    int `json:"failed"`
	Suspect   int `json:"suspect"`
	Truncated int `json:"truncated"`
}

// lifecycle fills the week's new and closed postings, the median days a
// closed posting had been open, and each source's runs.
//
// A posting is new when first seen in the week. It is closed this week when
// its closing falls in the week; it was then live this week or, if the
// grace period ran out early in the week, the week before, so both weeks'
// postings are looked at (each posting once).
func (r *Report) lifecycle(ctx context.Context, src Source, cur, prev *extras) error {
	r.NewPostings = cur.newPostings
	days := make([]float64, 0, len(cur.closed)+len(prev.closed))
	for _, d := range cur.closed {
		days = append(days, d)
	}
	for k, d := range prev.closed {
		if _, seen := cur.closed[k]; !seen {
			days = append(days, d)
		}
	}
	r.ClosedPostings = len(days)
	r.MedianDaysOpen = nil
	if len(days) > 0 {
		m := math.Round(medianFloat(days)*10) / 10
		r.MedianDaysOpen = &m
	}
	return r.sourceHealth(ctx, src)
}

func (r *Report) sourceHealth(ctx context.Context, src Source) error {
	byName := map[string]*SourceHealth{}
	get := func(name string) *SourceHealth {
		h := byName[name]
		if h == nil {
			h = &SourceHealth{Name: name}
			byName[name] = h
		}
		return h
	}
	for _, c := range r.Sources {
		get(c.Name).Postings = c.Postings
	}
	if rs, ok := src.(runsSource); ok {
		runs, err := rs.RunsBetween(ctx, r.Week.Start(), r.Week.End())
		if err != nil {
			return fmt.Errorf("report %s: runs: %w", r.Week, err)
		}
		for _, run := range runs {
			if run.Status != skillpulse.RunComplete {
				continue
			}
			for _, o := range run.Sources {
				h := get(o.Name)
				h.Runs++
				if o.Failed {
					h.Failed++
				}
				if o.Suspect {
					h.Suspect++
				}
				if o.Truncated {
					h.Truncated++
				}
			}
		}
	}
	r.SourceHealth = make([]SourceHealth, 0, len(byName))
	for _, h := range byName {
		r.SourceHealth = append(r.SourceHealth, *h)
	}
	slices.SortFunc(r.SourceHealth, func(a, b SourceHealth) int {
		if a.Postings != b.Postings {
			return b.Postings - a.Postings
		}
		if a.Name < b.Name {
			return -1
		}
		return 1
	})
	return nil
}

// medianFloat is the median of xs (the mean of the middle two for an even
// count); xs is sorted in place.
func medianFloat(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
