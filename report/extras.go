package report

import (
	"slices"
	"time"
	"unsafe"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// extras gathers, in the same pass over a week's postings as the demand
// tally, what lifecycle, pay, years of experience and the market areas
// need. It sees each posting the tally sees, once, and keeps per posting
// only what it must: pay where stated, and the few postings that closed in
// the report's week.
type extras struct {
	// from and to bound the week read: postings first seen in it are new.
	from, to time.Time
	// closeFrom and closeTo bound the report's week, in which closings count.
	closeFrom, closeTo time.Time
	newPostings        int
	// closed holds, for each posting that closed in the report's week, the
	// days it had been open.
	closed map[skillpulse.PostingKey]float64
	pay    []payPoint
	// areas counts the postings asking for each market area.
	areas []areaTally
	// skills reads each posting's skills before add counts it; its slots
	// number them here too.
	skills *skillReader
	// required counts, per slot, the postings requiring the skill that
	// state years, by the most years they ask.
	required []map[int]int
}

type areaTally struct{ any, required int }

// skillReader reads a posting's skills once for every week that counts
// it. It numbers the skills it meets (their slots), so that a posting's
// skills are looked up by id once each and then by number.
type skillReader struct {
	of map[string]int
	// recent remembers the slots of ids by where their bytes are: a
	// source hands out the same string for a skill posting after posting
	// (the store's projection does), and a string's bytes never change,
	// so an id at the same address and of the same length is the same id,
	// found without hashing it. A miss falls back to of.
	recent [1024]recentSlot

	ids    []string
	areas  [][]int // per slot: the market areas (by index) listing the skill
	market []config.MarketArea
	// seen is, per slot, the number of the last posting that named the
	// skill, and level and years the strongest level and most years that
	// posting asks for it.
	seen  []int
	level []skillpulse.Level
	years []int
	// read numbers the postings read; scratch holds the last one's named
	// skills (slots), each once, and areaLevel its level for each market
	// area.
	read      int
	scratch   []int
	areaLevel []skillpulse.Level
}

func newSkillReader(market []config.MarketArea) *skillReader {
	return &skillReader{of: map[string]int{}, market: market, areaLevel: make([]skillpulse.Level, len(market))}
}

// recentSlot is one entry of skillReader.recent.
type recentSlot struct {
	at   *byte
	n    int
	slot int
}

// slot returns id's slot, giving it one if it has none.
func (k *skillReader) slot(id string) int {
	at := unsafe.StringData(id)
	r := &k.recent[uint64(uintptr(unsafe.Pointer(at)))*0x9e3779b97f4a7c15>>54] // Fibonacci hashing to 10 bits
	if r.at == at && r.n == len(id) && at != nil {
		return r.slot
	}
	i := k.slotOf(id)
	*r = recentSlot{at: at, n: len(id), slot: i}
	return i
}

// slotOf is slot by the id's bytes.
func (k *skillReader) slotOf(id string) int {
	if i, ok := k.of[id]; ok {
		return i
	}
	i := len(k.ids)
	k.of[id] = i
	k.ids = append(k.ids, id)
	var areas []int
	for a, area := range k.market {
		if slices.Contains(area.Skills, id) {
			areas = append(areas, a)
		}
	}
	k.areas = append(k.areas, areas)
	k.seen = append(k.seen, 0)
	k.level = append(k.level, 0)
	k.years = append(k.years, 0)
	return i
}

// readSkills reads p's skills: each named skill once, at the strongest
// level and the most years its mentions ask, and p's level for each market
// area — the strongest it asks for any of the area's skills, named or
// implied (the level skillpulse.Demand.Level gives each skill).
func (k *skillReader) readSkills(p *skillpulse.StoredPosting) {
	k.read++
	k.scratch = k.scratch[:0]
	clear(k.areaLevel)
	for _, m := range p.Tags.Mentions {
		i := k.slot(m.SkillID)
		if k.seen[i] != k.read {
			k.seen[i], k.level[i], k.years[i] = k.read, m.Level, m.Years
			k.scratch = append(k.scratch, i)
		} else {
			k.level[i], k.years[i] = max(k.level[i], m.Level), max(k.years[i], m.Years)
		}
		for _, a := range k.areas[i] {
			k.areaLevel[a] = max(k.areaLevel[a], m.Level)
		}
	}
	for _, m := range p.Tags.Implied {
		for _, a := range k.areas[k.slot(m.SkillID)] {
			k.areaLevel[a] = max(k.areaLevel[a], m.Level)
		}
	}
}

// yearsRequired is the histogram of years asked by the postings requiring
// skill id that state years, nil when none does.
func (x *extras) yearsRequired(id string) map[int]int {
	if i, ok := x.skills.of[id]; ok && i < len(x.required) {
		return x.required[i]
	}
	return nil
}

// payPoint is one posting's stated pay: the midpoint of its range.
type payPoint struct {
	currency, period, seniority string
	mid                         float64
	skills                      []string // skill ids it names, at any level
}

// newExtras reads week for a report on reportWeek (the same week, or the
// one after it), counting the market areas, with the postings' skills read
// by skills.
func newExtras(week, reportWeek skillpulse.Week, market []config.MarketArea, skills *skillReader) *extras {
	return &extras{from: week.Start(), to: week.End(), closeFrom: reportWeek.Start(), closeTo: reportWeek.End(),
		closed: map[skillpulse.PostingKey]float64{}, areas: make([]areaTally, len(market)), skills: skills}
}

func within(t, from, to time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }

// add counts p, whose skills x.skills has just read.
func (x *extras) add(p *skillpulse.StoredPosting) {
	if within(p.FirstSeen, x.from, x.to) {
		x.newPostings++
	}
	if within(p.ClosedAt, x.closeFrom, x.closeTo) {
		x.closed[p.Key()] = p.ClosedAt.Sub(p.FirstSeen).Hours() / 24
	}
	k := x.skills
	for a, l := range k.areaLevel {
		if l > 0 {
			x.areas[a].any++
		}
		if l == skillpulse.LevelRequired {
			x.areas[a].required++
		}
	}
	for _, i := range k.scratch {
		if k.level[i] == skillpulse.LevelRequired && k.years[i] > 0 {
			if i >= len(x.required) {
				x.required = append(x.required, make([]map[int]int, len(k.ids)-len(x.required))...)
			}
			if x.required[i] == nil {
				x.required[i] = map[int]int{}
			}
			x.required[i][k.years[i]]++
		}
	}
	if mid, ok := midpoint(p.Salary); ok {
		pt := payPoint{currency: p.Salary.Currency, period: p.Salary.Period, seniority: p.Tags.Seniority.String(), mid: mid,
			skills: make([]string, len(k.scratch))}
		for j, i := range k.scratch {
			pt.skills[j] = k.ids[i]
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
