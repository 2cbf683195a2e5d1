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
// listed, against its weight, what the gap reads as, and the weighting's
// reason for the weight.
func explain(m *MarketDemand) string {
	head := fmt.Sprintf("Listed in %s of postings (required in %s) against a weight of %.2f", pct(m.Share), pct(m.RequiredShare), m.Weight)
	tol := fmt.Sprintf("%.0f", gapTolerance*100)
	var reading string
	switch m.Verdict {
	case VerdictUnderListed:
		reading = fmt.Sprintf("under-listed, needed %.0f points more than listings say (beyond the %s-point tolerance)", m.Gap*100, tol)
	case VerdictOverListed:
		reading = fmt.Sprintf("over-listed, asked for %.0f points more than the market needs it (beyond the %s-point tolerance)", -m.Gap*100, tol)
	case VerdictInLine:
		reading = fmt.Sprintf("in line, within %s points of its weight", tol)
	default:
		return "No postings this week to set beside the weight."
	}
	return fmt.Sprintf("%s: %s. Why %.2f: %s", head, reading, m.Weight, m.Reason)
}
