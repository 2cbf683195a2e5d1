package report

import (
	"context"
	"fmt"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// weekTally is what one pass over a week's postings counts: the week's
// aggregate, by the demand rule every figure shares, and the market areas.
type weekTally struct {
	skillpulse.Aggregate
	areas []areaTally // parallel to the market areas
}

// countedSource is implemented by sources that keep each week's aggregate
// and can list the postings it counts (the store does): a report takes
// the week's demand from the aggregate, counted once at ingest, and reads
// of each posting only what no aggregate holds — market areas, pay,
// lifecycle and years asked.
type countedSource interface {
	// ForEachCountedIn returns the aggregates of weeks and calls fn once
	// for every posting version any of them counts, as ForEachLiveTags
	// would for each week, with at least identity, lifecycle, salary and
	// tags filled in; bit i of in is set when weeks[i] counts it.
	ForEachCountedIn(ctx context.Context, weeks []skillpulse.Week, fn func(p *skillpulse.StoredPosting, in uint64) error) ([]skillpulse.Aggregate, error)
}

// tallyWeeks reads the postings of week and of the week before it, and
// the extras of each. From a countedSource both weeks are read in one pass
// — most postings are in both, at the same version, and are read once,
// their skills too — else each week's postings are counted, the two weeks
// side by side.
func tallyWeeks(ctx context.Context, src Source, week skillpulse.Week, market []config.MarketArea) (cur, prev *weekTally, curX, prevX *extras, err error) {
	if cs, ok := src.(countedSource); ok {
		skills := newSkillReader(market)
		curX, prevX = newExtras(week, week, market, skills), newExtras(week.Prev(), week, market, skills)
		aggs, err := cs.ForEachCountedIn(ctx, []skillpulse.Week{week, week.Prev()}, func(p *skillpulse.StoredPosting, in uint64) error {
			skills.readSkills(p)
			if in&1 != 0 {
				curX.add(p)
			}
			if in&2 != 0 {
				prevX.add(p)
			}
			return nil
		})
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("report %s: read postings: %w", week, err)
		}
		return &weekTally{Aggregate: aggs[0], areas: curX.areas}, &weekTally{Aggregate: aggs[1], areas: prevX.areas}, curX, prevX, nil
	}
	curX, prevX = newExtras(week, week, market, newSkillReader(market)), newExtras(week.Prev(), week, market, newSkillReader(market))
	var prevErr error
	wait := goWait(func() { prev, prevErr = tally(ctx, src, week.Prev(), prevX) })
	cur, err = tally(ctx, src, week, curX)
	if wait(); err == nil {
		err = prevErr
	}
	return cur, prev, curX, prevX, err
}

// tally counts every posting live in week, showing each to x, which
// counts the market areas too.
func tally(ctx context.Context, src Source, week skillpulse.Week, x *extras) (*weekTally, error) {
	t := &weekTally{}
	err := src.ForEachLiveTags(ctx, week.Start(), week.End(), func(p *skillpulse.StoredPosting) error {
		d := skillpulse.DemandOf(p.Source, p.Origins, p.Workplace, &p.Tags)
		t.Add(&d, +1)
		x.skills.readSkills(p)
		x.add(p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("report %s: read postings: %w", week, err)
	}
	t.areas = x.areas
	return t, nil
}

// goWait runs fn on a goroutine of its own; the function it returns waits
// for fn to end and, if fn panicked, panics with the same value, so that a
// panic reaches the caller's goroutine (and net/http's recovery there)
// rather than ending the process.
func goWait(fn func()) (wait func()) {
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	return func() {
		if r := <-done; r != nil {
			panic(r)
		}
	}
}
