package skillpulse

import (
	"maps"
	"slices"
	"time"
)

// The demand rule: how one posting counts towards a skill's share. The
// report, the store's weekly and daily aggregates and the API all count
// through DemandOf and Aggregate.Add, so they cannot disagree.
//
//   - The window. A posting counts in a period (an ISO week, [Week.Start,
//     Week.End), or a UTC day) when it was live in at least one complete
//     run's snapshot taken in it, and it counts once however many snapshots
//     held it, with its content and tags in the latest of them.
//   - Sources merged. A posting listed by several sources (cross-source
//     dedup) is one posting: once in every total, and once for each
//     distinct source it was seen at in the per-source counts.
//   - The strongest level. A skill named several times counts once per
//     posting, at the strongest level the posting asks for it; years of
//     experience are counted per mention that states them.
//   - Named and implied. A skill a posting names (Tags.Mentions) counts as
//     named; a skill it reaches only through a more specific one it names
//     (Tags.Implied: eks → kubernetes) is implied. A skill both named and
//     implied counts as named. A skill's share counts named credit only:
//     SkillAggregate.Postings and its levels are the postings that name
//     it. Implied credit is counted apart, in SkillAggregate.Implied, for
//     the figures that may use it (umbrella areas, market areas) and must
//     say so ("Kubernetes: 41 % named, 55 % incl. EKS/GKE/AKS").

// Demand is one posting's contribution to demand, worked out once by
// DemandOf and added to (or taken out of) any number of aggregates.
type Demand struct {
	// Sources are the distinct sources the posting was seen at, its own
	// first.
	Sources   []string
	Seniority string // Tags.Seniority.String()
	Workplace string // Workplace.String()
	// Skills holds each skill once, at the strongest level the posting asks
	// for it, in the order of first mention.
	Skills []SkillCredit
	// mentions are the named mentions the credits came from; those that state
	// years of experience are counted in the years histogram.
	mentions []Mention
	// credited has bit idBit(id) set for every skill in Skills, so that a
	// skill seen for the first time — nearly every mention — is told apart
	// without comparing it with every credit before it.
	credited uint64
}

// SkillCredit is what one posting gives one skill.
type SkillCredit struct {
	ID    string
	Level Level
	// Implied marks credit the posting gives the skill only through a more
	// specific skill it names (a parent in the taxonomy).
	Implied bool
}

// DemandOf applies the demand rule to one posting: source and origins say
// where it was seen, workplace and tags what it asks for. Mentions in
// tags are named credit.
func DemandOf(source string, origins []Origin, workplace Workplace, tags *Tags) Demand {
	d := Demand{
		Sources:   PostingSources(source, origins),
		Seniority: tags.Seniority.String(),
		Workplace: workplace.String(),
		// A posting names tens of skills: a linear search beats a map.
		Skills:   make([]SkillCredit, 0, len(tags.Mentions)),
		mentions: tags.Mentions,
	}
	for _, m := range tags.Mentions {
		d.credit(m, false)
	}
	for _, m := range tags.Implied {
		d.credit(Mention{SkillID: m.SkillID, Level: m.Level}, true)
	}
	return d
}

// credit counts one mention: a skill seen again keeps its strongest level,
// and becomes named if any of its credits is.
func (d *Demand) credit(m Mention, implied bool) {
	bit := idBit(m.SkillID)
	if d.credited&bit == 0 {
		d.credited |= bit
		d.Skills = append(d.Skills, SkillCredit{ID: m.SkillID, Level: m.Level, Implied: implied})
		return
	}
	for i := range d.Skills {
		if c := &d.Skills[i]; c.ID == m.SkillID {
			c.Level = max(c.Level, m.Level)
			c.Implied = c.Implied && implied
			return
		}
	}
	d.Skills = append(d.Skills, SkillCredit{ID: m.SkillID, Level: m.Level, Implied: implied})
}

// idBit is a skill id's bit in Demand.credited: one of 64 by an FNV-1a
// hash of the id.
func idBit(id string) uint64 {
	h := uint32(2166136261)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint32(id[i])) * 16777619
	}
	return 1 << (h & 63)
}

// Level is the strongest level the posting asks for skill id, named or
// implied (market areas count both), 0 when it neither names nor implies
// it.
func (d *Demand) Level(id string) Level {
	for _, c := range d.Skills {
		if c.ID == id {
			return c.Level
		}
	}
	return 0
}

// PostingSources returns the distinct sources a posting was seen at: its
// own, then its origins' in order, each once.
func PostingSources(source string, origins []Origin) []string {
	out := make([]string, 1, 1+len(origins))
	out[0] = source
	for _, o := range origins {
		if !slices.Contains(out, o.Source) {
			out = append(out, o.Source)
		}
	}
	return out
}

// Aggregate is one period's per-skill demand — an ISO week's or a UTC
// day's. It counts each posting live in the period once, by the demand
// rule (DemandOf, Add). The store keeps one per week and day up to date
// with every complete run; a report counts the same way from the postings.
type Aggregate struct {
	Week Week   `json:"week,omitzero"` // set in a week's aggregate
	Day  string `json:"day,omitempty"` // YYYY-MM-DD, set in a day's
	// Snapshots is how many complete runs of the period are folded in; 0
	// means the period has no data.
	Snapshots int `json:"snapshots"`
	// Postings is the number of distinct postings live during the period.
	Postings int `json:"postings"`
	// Sources counts postings per source they were seen at; a posting with
	// origins at several sources counts for each.
	Sources   map[string]int `json:"sources"`
	Seniority map[string]int `json:"seniority"` // Seniority.String() → postings
	Workplace map[string]int `json:"workplace"` // Workplace.String() → postings
	// Skills counts, per skill id, the postings naming it, split by the
	// strongest level each posting asks for it.
	Skills map[string]SkillAggregate `json:"skills"`
}

// SkillAggregate is one skill's demand in a period.
type SkillAggregate struct {
	Postings  int `json:"postings"` // naming it at any level
	Required  int `json:"required"`
	Preferred int `json:"preferred"`
	Mentioned int `json:"mentioned"`
	// Implied counts the postings that do not name the skill but imply it
	// through a more specific one they name; Postings + Implied is its
	// demand including implied credit.
	Implied int `json:"implied,omitempty"`
	// Seniority counts the postings naming it by their seniority
	// (Seniority.String()).
	Seniority map[string]int `json:"seniority,omitempty"`
	// Years maps years of experience asked to how many mentions asked it;
	// mentions that state no years are left out.
	Years map[int]int `json:"years,omitempty"`
}

// Add counts d in agg (sign +1) or takes it out again (sign -1): one more
// (or fewer) posting, its sources, seniority, workplace and skills. Counts
// that fall to zero are removed, so adding and then taking out a posting
// leaves agg as it was. Snapshots is not touched.
func (agg *Aggregate) Add(d *Demand, sign int) {
	agg.Postings += sign
	if agg.Sources == nil {
		agg.Sources, agg.Seniority, agg.Workplace = map[string]int{}, map[string]int{}, map[string]int{}
	}
	if agg.Skills == nil {
		agg.Skills = map[string]SkillAggregate{}
	}
	for _, s := range d.Sources {
		bump(agg.Sources, s, sign)
	}
	bump(agg.Seniority, d.Seniority, sign)
	bump(agg.Workplace, d.Workplace, sign)
	for i := range d.mentions {
		if m := &d.mentions[i]; m.Years > 0 {
			sa := agg.Skills[m.SkillID]
			if sa.Years == nil {
				sa.Years = map[int]int{}
			}
			bump(sa.Years, m.Years, sign)
			agg.Skills[m.SkillID] = sa
		}
	}
	for _, c := range d.Skills {
		sa := agg.Skills[c.ID]
		if c.Implied {
			sa.Implied += sign
			agg.putSkill(c.ID, sa)
			continue
		}
		sa.Postings += sign
		if sa.Seniority == nil {
			sa.Seniority = map[string]int{}
		}
		bump(sa.Seniority, d.Seniority, sign)
		switch c.Level {
		case LevelRequired:
			sa.Required += sign
		case LevelPreferred:
			sa.Preferred += sign
		default:
			sa.Mentioned += sign
		}
		agg.putSkill(c.ID, sa)
	}
}

// putSkill stores sa as skill id's aggregate, or removes it when every
// count in it is zero.
func (agg *Aggregate) putSkill(id string, sa SkillAggregate) {
	if sa.Postings == 0 && sa.Required == 0 && sa.Preferred == 0 && sa.Mentioned == 0 && sa.Implied == 0 &&
		len(sa.Years) == 0 && len(sa.Seniority) == 0 {
		delete(agg.Skills, id)
		return
	}
	agg.Skills[id] = sa
}

// AddSource counts one more posting seen at source: a posting already
// counted in agg that a merge gave a new origin.
func (agg *Aggregate) AddSource(source string) {
	if agg.Sources == nil {
		agg.Sources = map[string]int{}
	}
	agg.Sources[source]++
}

// bump adds sign to m[k], removing the key when it falls to zero. Counts
// never go below zero, so adding never brings one to it: that case, by far
// the most common, costs one map operation.
func bump[K comparable](m map[K]int, k K, sign int) {
	if sign > 0 {
		m[k] += sign
		return
	}
	if m[k] += sign; m[k] == 0 {
		delete(m, k)
	}
}

// MedianYears is the median of the years of experience asked in the
// skill's mentions that state them (the mean of the middle two for an even
// count), or 0 if none do — the figure a report shows, from the histogram.
func (a SkillAggregate) MedianYears() float64 {
	n := 0
	for _, c := range a.Years {
		n += c
	}
	if n == 0 {
		return 0
	}
	years := slices.Sorted(maps.Keys(a.Years))
	// nth returns the i-th smallest stated value (0-based).
	nth := func(i int) int {
		for _, y := range years {
			if i < a.Years[y] {
				return y
			}
			i -= a.Years[y]
		}
		return 0
	}
	if n%2 == 1 {
		return float64(nth(n / 2))
	}
	return float64(nth(n/2-1)+nth(n/2)) / 2
}

// SnapshotInfo describes one snapshot: the complete run that took it, when
// (the run's Finished) and how many postings were live.
type SnapshotInfo struct {
	RunID string    `json:"run_id"`
	Taken time.Time `json:"taken"`
	Live  int       `json:"live"`
}
