package report

import (
	"cmp"
	"math"
	"slices"
)

// Pay thresholds: a seniority is broken out of a currency's figures when at
// least minSeniorityPay of its postings state pay, and a skill's median pay
// is given when at least minSkillPay postings naming it state pay in that
// currency and period.
const (
	minSeniorityPay = 5
	minSkillPay     = 10
)

// PaySummary is what the week's postings that state pay say about it. Only
// those postings count: pay is never guessed for the others.
type PaySummary struct {
	// Stating is how many of the week's postings state pay with a currency
	// and period; Postings is the week's total, for the share.
	Stating  int `json:"stating"`
	Postings int `json:"postings"`
	// Share is Stating of Postings, with its 95 % Wilson interval.
	Share     float64    `json:"share"`
	ShareLow  float64    `json:"share_low"`
	ShareHigh float64    `json:"share_high"`
	Groups    []PayGroup `json:"groups"`
	Skills    []SkillPay `json:"skills"`
}

// PayStats are quartiles of the midpoints of stated pay ranges (linear
// interpolation between order statistics).
type PayStats struct {
	Count  int     `json:"count"`
	P25    float64 `json:"p25"`
	Median float64 `json:"median"`
	P75    float64 `json:"p75"`
}

// PayGroup is pay in one currency and period ("EUR", "year").
type PayGroup struct {
	Currency string `json:"currency"`
	Period   string `json:"period"`
	PayStats
	// BySeniority breaks the group down where a seniority has enough postings.
	BySeniority []SeniorityPay `json:"by_seniority,omitempty"`
}

// SeniorityPay is one seniority's pay within a group.
type SeniorityPay struct {
	Seniority string `json:"seniority"`
	PayStats
}

// SkillPay is the median pay of postings naming a skill, in one currency
// and period, beside the median of all that group's postings: the pay
// premium (or discount) the skill carries.
type SkillPay struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Currency string  `json:"currency"`
	Period   string  `json:"period"`
	Count    int     `json:"count"`
	Median   float64 `json:"median"`
	// Premium is Median over the group's median, minus one (0.08: 8 % more).
	Premium float64 `json:"premium"`
}

func payStats(xs []float64) PayStats {
	slices.Sort(xs)
	return PayStats{Count: len(xs), P25: quantile(xs, 0.25), Median: quantile(xs, 0.5), P75: quantile(xs, 0.75)}
}

// quantile of sorted xs, interpolating linearly between order statistics
// (the method spreadsheets call PERCENTILE.INC); rounded to whole units.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	pos := q * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(xs)-1)
	return math.Round(xs[lo] + (pos-float64(lo))*(xs[hi]-xs[lo]))
}

// pay summarises the stated pay of the week's postings.
func pay(x *extras, postings int, skills Skills) *PaySummary {
	s := &PaySummary{Stating: len(x.pay), Postings: postings, Share: Share(len(x.pay), postings), Groups: []PayGroup{}, Skills: []SkillPay{}}
	s.ShareLow, s.ShareHigh = Wilson(len(x.pay), postings)
	type key struct{ currency, period string }
	groups := map[key][]payPoint{}
	for _, p := range x.pay {
		k := key{p.currency, p.period}
		groups[k] = append(groups[k], p)
	}
	for k, pts := range groups {
		all := make([]float64, len(pts))
		bySen := map[string][]float64{}
		bySkill := map[string][]float64{}
		for i, p := range pts {
			all[i] = p.mid
			bySen[p.seniority] = append(bySen[p.seniority], p.mid)
			for _, id := range p.skills {
				bySkill[id] = append(bySkill[id], p.mid)
			}
		}
		g := PayGroup{Currency: k.currency, Period: k.period, PayStats: payStats(all)}
		for sen, xs := range bySen {
			if len(xs) >= minSeniorityPay && len(bySen) > 1 {
				g.BySeniority = append(g.BySeniority, SeniorityPay{Seniority: sen, PayStats: payStats(xs)})
			}
		}
		slices.SortFunc(g.BySeniority, func(a, b SeniorityPay) int { return cmp.Compare(a.Seniority, b.Seniority) })
		s.Groups = append(s.Groups, g)
		for id, xs := range bySkill {
			if len(xs) < minSkillPay {
				continue
			}
			m := payStats(xs).Median
			sp := SkillPay{ID: id, Name: id, Currency: k.currency, Period: k.period, Count: len(xs), Median: m}
			if g.Median > 0 {
				sp.Premium = round(m/g.Median - 1)
			}
			if sk, ok := skills.Lookup(id); ok {
				sp.Name = sk.Name
			}
			s.Skills = append(s.Skills, sp)
		}
	}
	slices.SortFunc(s.Groups, func(a, b PayGroup) int {
		return cmp.Or(b.Count-a.Count, cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Period, b.Period))
	})
	slices.SortFunc(s.Skills, func(a, b SkillPay) int {
		return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Period, b.Period),
			cmp.Compare(b.Premium, a.Premium), cmp.Compare(a.ID, b.ID))
	})
	return s
}
