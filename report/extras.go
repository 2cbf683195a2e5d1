package report

import (
	"context"
	"time"

	"github.com/skillpulse/skillpulse"
)

// extras gathers, in the same pass over a week's postings as the demand
// tally, what lifecycle, pay and years of experience need. It sees each
// posting the tally sees, once.
type extras struct {
	week skillpulse.Week
	// open is every posting live in the week, by key, with its first
	// sighting and closing.
	open map[skillpulse.PostingKey]lifespan
	pay  []payPoint
	// years counts, per skill, the postings requiring it that state years,
	// by the most years they ask.
	years map[string]map[int]int
}

type lifespan struct{ first, closed time.Time }

// payPoint is one posting's stated pay: the midpoint of its range.
type payPoint struct {
	currency, period, seniority string
	mid                         float64
	skills                      []string // skill ids it names, at any level
}

func newExtras(week skillpulse.Week) *extras {
	return &extras{week: week, open: map[skillpulse.PostingKey]lifespan{}, years: map[string]map[int]int{}}
}

func (x *extras) add(p *skillpulse.StoredPosting) {
	x.open[p.Key()] = lifespan{first: p.FirstSeen, closed: p.ClosedAt}
	levels := map[string]skillpulse.Level{}
	years := map[string]int{}
	for _, m := range p.Tags.Mentions {
		levels[m.SkillID] = max(levels[m.SkillID], m.Level)
		years[m.SkillID] = max(years[m.SkillID], m.Years)
	}
	for id, l := range levels {
		if l == skillpulse.LevelRequired && years[id] > 0 {
			if x.years[id] == nil {
				x.years[id] = map[int]int{}
			}
			x.years[id][years[id]]++
		}
	}
	if mid, ok := midpoint(p.Salary); ok {
		pt := payPoint{currency: p.Salary.Currency, period: p.Salary.Period, seniority: p.Tags.Seniority.String(), mid: mid}
		for id := range levels {
			pt.skills = append(pt.skills, id)
		}
		x.pay = append(x.pay, pt)
	}
}

// midpoint is the middle of a stated range, or its one stated end; pay
// without a currency or period cannot be compared and does not count.
func midpoint(s *skillpulse.Salary) (float64, bool) {
	if s == nil || s.Currency == "" || s.Period == "" {
		return 0, false
	}
	switch {
	case s.Min > 0 && s.Max > 0:
		return (s.Min + s.Max) / 2, true
	case s.Min > 0:
		return s.Min, true
	case s.Max > 0:
		return s.Max, true
	}
	return 0, false
}

// observed is a Source that shows every posting it yields to extras too.
type observed struct {
	Source
	x *extras
}

func (o observed) ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	return o.Source.ForEachLiveTags(ctx, from, to, func(p *skillpulse.StoredPosting) error {
		o.x.add(p)
		return fn(p)
	})
}
