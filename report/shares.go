package report

import "fmt"

// YearsBucket is how many postings requiring a skill ask for a range of
// years of experience with it.
type YearsBucket struct {
	Range    string  `json:"range"` // "0-2", "3-4", "5-7", "8+"
	Postings int     `json:"postings"`
	Share    float64 `json:"share"` // of the postings that state years
	// Share's 95 % Wilson interval.
	ShareLow  float64 `json:"share_low"`
	ShareHigh float64 `json:"share_high"`
}

// YearsDist is the years of experience asked by the postings that require
// a skill and state years for it (each posting once, at the most it asks).
type YearsDist struct {
	Stated  int           `json:"stated"`
	Buckets []YearsBucket `json:"buckets"`
}

// yearsRanges are the buckets' bounds, inclusive; the last is open.
var yearsRanges = [...]struct {
	label  string
	lo, hi int
}{{"0-2", 0, 2}, {"3-4", 3, 4}, {"5-7", 5, 7}, {"8+", 8, 1 << 30}}

func yearsDist(hist map[int]int) *YearsDist {
	if len(hist) == 0 {
		return nil
	}
	d := &YearsDist{}
	counts := make([]int, len(yearsRanges))
	for y, n := range hist {
		d.Stated += n
		for i, r := range yearsRanges {
			if y >= r.lo && y <= r.hi {
				counts[i] += n
			}
		}
	}
	for i, r := range yearsRanges {
		b := YearsBucket{Range: r.label, Postings: counts[i], Share: Share(counts[i], d.Stated)}
		b.ShareLow, b.ShareHigh = Wilson(counts[i], d.Stated)
		d.Buckets = append(d.Buckets, b)
	}
	return d
}

// withShares gives each count its share of total and the share's interval.
func withShares(cs []Count, total int) []Count {
	for i := range cs {
		cs[i].Share = Share(cs[i].Postings, total)
		cs[i].ShareLow, cs[i].ShareHigh = Wilson(cs[i].Postings, total)
	}
	return cs
}

// explain says in words why an area got its verdict: how often it is
// listed, its weight, the gap, and the weighting's reason.
func explain(m *MarketDemand) string {
	head := fmt.Sprintf("listed in %s of postings (required in %s), weighted %.2f", pct(m.Share), pct(m.RequiredShare), m.Weight)
	switch m.Verdict {
	case VerdictUnderListed:
		return fmt.Sprintf("%s: under-listed by %s, as the weighting says: %s", head, signedPct(m.Gap), m.Reason)
	case VerdictOverListed:
		return fmt.Sprintf("%s: listed %s more than the market needs it, for the weighting says: %s", head, signedPct(-m.Gap), m.Reason)
	case VerdictInLine:
		return fmt.Sprintf("%s: within %s of its weight, in line with the weighting: %s", head, signedPct(gapTolerance), m.Reason)
	}
	return "no postings this week to set beside the weight"
}
