package report

import (
	"cmp"
	"fmt"
	"slices"
)

// The mover rule. A skill is a gainer (loser) when both weeks have at least
// minMoverPostings postings and the 95 % Wilson interval of its share this
// week lies wholly above (below) that of the week before. Intervals that
// overlap are noise, however large the change looks; a small week has wide
// intervals and, under the floor, no movers at all.
const (
	minMoverPostings = 30
	maxMovers        = 10
)

// MoversBasis says what the movers are measured against, for the reader.
func moversBasis(r *Report) string {
	return fmt.Sprintf("against the previous week (%s): a skill moves when its share's 95 %% Wilson intervals in the two weeks do not overlap, and only when both weeks have at least %d postings",
		r.Week.Prev(), minMoverPostings)
}

// Mover is a skill whose share changed beyond noise since the week before.
type Mover struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Umbrella      bool    `json:"umbrella,omitempty"`
	Postings      int     `json:"postings"`
	PrevPostings  int     `json:"prev_postings"`
	Share         float64 `json:"share"`
	ShareLow      float64 `json:"share_low"`
	ShareHigh     float64 `json:"share_high"`
	PrevShare     float64 `json:"prev_share"`
	PrevShareLow  float64 `json:"prev_share_low"`
	PrevShareHigh float64 `json:"prev_share_high"`
	Change        float64 `json:"change"` // Share minus PrevShare
}

// movers applies the mover rule to every skill named in either week; cur
// and prev count the postings naming each skill, out of n and prevN.
func movers(cur map[string]int, n int, prev map[string]int, prevN int, skills Skills) (gainers, losers []Mover) {
	gainers, losers = []Mover{}, []Mover{}
	if n < minMoverPostings || prevN < minMoverPostings {
		return gainers, losers
	}
	ids := map[string]bool{}
	for id := range cur {
		ids[id] = true
	}
	for id := range prev {
		ids[id] = true
	}
	for id := range ids {
		m := Mover{ID: id, Name: id, Postings: cur[id], PrevPostings: prev[id],
			Share: Share(cur[id], n), PrevShare: Share(prev[id], prevN)}
		m.ShareLow, m.ShareHigh = Wilson(cur[id], n)
		m.PrevShareLow, m.PrevShareHigh = Wilson(prev[id], prevN)
		m.Change = round(m.Share - m.PrevShare)
		if s, ok := skills.Lookup(id); ok {
			m.Name = s.Name
		}
		if u, ok := skills.(umbrellas); ok {
			m.Umbrella = u.Umbrella(id)
		}
		switch {
		case m.ShareLow > m.PrevShareHigh:
			gainers = append(gainers, m)
		case m.ShareHigh < m.PrevShareLow:
			losers = append(losers, m)
		}
	}
	slices.SortFunc(gainers, func(a, b Mover) int { return cmp.Or(cmp.Compare(b.Change, a.Change), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(losers, func(a, b Mover) int { return cmp.Or(cmp.Compare(a.Change, b.Change), cmp.Compare(a.ID, b.ID)) })
	return gainers[:min(len(gainers), maxMovers)], losers[:min(len(losers), maxMovers)]
}

// displayName is the mover's name as the human formats show it: a broad
// area (an umbrella such as Infrastructure as Code) says so, since it
// usually moves with one of its specific skills.
func (m Mover) displayName() string {
	if m.Umbrella {
		return m.Name + " (broad area)"
	}
	return m.Name
}
