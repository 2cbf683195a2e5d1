package report

import "math"

// z95 is the normal quantile of a two-sided 95 % interval.
const z95 = 1.959963984540054

// Wilson is the 95 % Wilson score interval of the share k/n, rounded as
// reports give shares. It stays inside [0, 1] and is sensible for shares
// near 0 or 1 and for small n, where the normal approximation is not.
// With n == 0 nothing is known: the interval is [0, 1].
func Wilson(k, n int) (low, high float64) {
	if n <= 0 {
		return 0, 1
	}
	p := float64(k) / float64(n)
	nf := float64(n)
	z2 := z95 * z95
	denom := 1 + z2/nf
	center := (p + z2/(2*nf)) / denom
	half := z95 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / denom
	return round(max(0, center-half)), round(min(1, center+half))
}
