package report

import (
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
)

// extras gathers, in the same pass over a week's postings as the demand
// tally, what lifecycle, pay and years of experience need. It sees each
// posting the tally sees, once, and keeps per posting only what it must:
// pay where stated, and the few postings that closed in the report's week.
type extras struct {
	// week is the week read: postings first seen in it are new.
	week skillpulse.Week
	// closeFrom and closeTo bound the report's week, in which closings count.
	closeFrom, closeTo time.Time
	newPostings        int
	// closed holds, for each posting that closed in the report's week, the
	// days it had been open.
	closed map[skillpulse.PostingKey]float64
	pay    []payPoint
	// years counts, per skill, the postings requiring it that state years,
	// by the most years they ask.
	years map[string]map[int]int
	// scratch holds one posting's skills while it is read.
	scratch []postingSkill
}

type postingSkill struct {
	id    string
	level skillpulse.Level
	years int
}

// payPoint is one posting's stated pay: the midpoint of its range.
type payPoint struct {
	currency, period, seniority string
	mid                         float64
	skills                      []string // skill ids it names, at any level
}

// newExtras reads week for a report on reportWeek (the same week, or the
// one after it).
func newExtras(week, reportWeek skillpulse.Week) *extras {
	return &extras{week: week, closeFrom: reportWeek.Start(), closeTo: reportWeek.End(),
		closed: map[skillpulse.PostingKey]float64{}, years: map[string]map[int]int{}}
}

func within(t, from, to time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }

func (x *extras) add(p *skillpulse.StoredPosting) {
	if within(p.FirstSeen, x.week.Start(), x.week.End()) {
		x.newPostings++
	}
	if within(p.ClosedAt, x.closeFrom, x.closeTo) {
		x.closed[p.Key()] = p.ClosedAt.Sub(p.FirstSeen).Hours() / 24
	}
	// Each skill once, at its strongest level and the most years asked.
	s := x.scratch[:0]
	for _, m := range p.Tags.Mentions {
		i := slices.IndexFunc(s, func(e postingSkill) bool { return e.id == m.SkillID })
		if i < 0 {
			s = append(s, postingSkill{m.SkillID, m.Level, m.Years})
			continue
		}
		s[i].level, s[i].years = max(s[i].level, m.Level), max(s[i].years, m.Years)
	}
	x.scratch = s
	for _, e := range s {
		if e.level == skillpulse.LevelRequired && e.years > 0 {
			if x.years[e.id] == nil {
				x.years[e.id] = map[int]int{}
			}
			x.years[e.id][e.years]++
		}
	}
	if mid, ok := midpoint(p.Salary); ok {
		pt := payPoint{currency: p.Salary.Currency, period: p.Salary.Period, seniority: p.Tags.Seniority.String(), mid: mid,
			skills: make([]string, len(s))}
		for i, e := range s {
			pt.skills[i] = e.id
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
