package resume

import (
	"math"
	"slices"
	"strings"
)

// Thresholds for telling a page laid out in two columns (a sidebar, a
// LinkedIn export, a two-column LaTeX template) from one column with
// right-aligned dates.
const (
	// gutterMin is the least width of the strip between columns, in
	// points, that no line's text crosses.
	gutterMin = 6.0
	// segmentGap splits a line into segments where two glyphs lie further
	// apart than this many font sizes (a word space is about a third).
	segmentGap = 1.2
	// columnShare is the least share of a page's glyphs each column holds:
	// a strip of right-aligned dates is no column.
	columnShare = 0.12
	// sideBySide is the least number of lines with text in both columns.
	sideBySide = 3
	// headerLines is the most lines above the columns that may cross the
	// gutter (the name and headline across the page's top).
	headerLines = 2
)

// pageLine is one baseline's glyphs, left to right.
type pageLine []glyph

// segments returns the x-extents of the line's runs of text. Spaces count
// for nothing: a cell's line often ends in one that reaches the next cell.
func (l pageLine) segments() [][2]float64 {
	var out [][2]float64
	end := math.Inf(-1)
	for _, g := range l {
		if strings.TrimSpace(g.S) == "" {
			continue
		}
		if len(out) == 0 || g.X-end > segmentGap*max(g.FontSize, 1) {
			out = append(out, [2]float64{g.X, g.X + g.W})
		}
		end = max(end, g.X+g.W)
		out[len(out)-1][1] = end
	}
	return out
}

// baselines groups glyphs into lines, top to bottom, each left to right:
// glyphs whose baselines lie within a third of the font size of the
// line's first. The lines share one copy of glyphs, each capped at its
// end, so glyphs itself is left in its order.
func baselines(glyphs []glyph) []pageLine {
	all := slices.Clone(glyphs)
	slices.SortStableFunc(all, func(x, y glyph) int { return -cmpFloat(x.Y, y.Y) })
	var out []pageLine
	for len(all) > 0 {
		y, tol := all[0].Y, max(1, all[0].FontSize/3)
		n := 1
		for n < len(all) && math.Abs(all[n].Y-y) <= tol {
			n++
		}
		line := all[:n:n]
		slices.SortStableFunc(line, func(x, y glyph) int { return cmpFloat(x.X, y.X) })
		out = append(out, line)
		all = all[n:]
	}
	return out
}

// columns splits a page's glyphs into the blocks to be read one after the
// other: the page whole, or, when its text stands in two columns, the
// lines across the top, then the wider column, then the narrower (a
// sidebar of contacts and skills comes after the body; two columns of
// equal width are read left then right, as newspaper columns are). Lines
// are kept whole: a page is split only at a vertical strip that no line
// below the header crosses.
func columns(glyphs []glyph) [][]glyph {
	lines := baselines(glyphs)
	x, ok := gutter(lines, len(glyphs))
	if !ok {
		return [][]glyph{glyphs}
	}
	var header, left, right []glyph
	for _, l := range lines {
		crosses := slices.ContainsFunc(l.segments(), func(s [2]float64) bool { return s[0] < x+gutterMin/2 && s[1] > x-gutterMin/2 })
		for _, g := range l {
			switch {
			case crosses:
				header = append(header, g)
			case g.X < x:
				left = append(left, g)
			default:
				right = append(right, g)
			}
		}
	}
	lw, rw := x-minX(left), maxX(right)-x
	if lw < 0.75*rw {
		left, right = right, left // the sidebar is on the left: the body first
	}
	return [][]glyph{header, left, right}
}

// gutter finds the x of a vertical strip at least gutterMin wide that no
// line's text crosses but for at most headerLines lines above the
// columns, with at least columnShare of the glyphs on each side and
// sideBySide lines that have text on both.
func gutter(lines []pageLine, total int) (float64, bool) {
	if len(lines) < 2*sideBySide || total == 0 {
		return 0, false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		for _, s := range l.segments() {
			lo, hi = min(lo, s[0]), max(hi, s[1])
		}
	}
	// Candidate strips: the gaps between segments, tried widest first.
	type strip struct{ x, w float64 }
	var cands []strip
	for _, l := range lines {
		segs := l.segments()
		for i := 1; i < len(segs); i++ {
			if w := segs[i][0] - segs[i-1][1]; w >= gutterMin {
				cands = append(cands, strip{segs[i-1][1] + w/2, w})
			}
		}
	}
	slices.SortFunc(cands, func(a, b strip) int { return cmpFloat(b.w, a.w) })
	for _, c := range cands[:min(len(cands), 50)] {
		if c.x < lo+0.1*(hi-lo) || c.x > hi-0.1*(hi-lo) {
			continue
		}
		if splitsColumns(lines, total, c.x) {
			return c.x, true
		}
	}
	return 0, false
}

// splitsColumns reports whether x splits the page into two columns.
func splitsColumns(lines []pageLine, total int, x float64) bool {
	crossing, both, left, right, firstBoth, lastCross := 0, 0, 0, 0, -1, -1
	for i, l := range lines {
		var hasLeft, hasRight bool
		for _, s := range l.segments() {
			switch {
			case s[0] < x+gutterMin/2 && s[1] > x-gutterMin/2:
				crossing++
				lastCross = i
			case s[1] <= x:
				hasLeft = true
			default:
				hasRight = true
			}
		}
		for _, g := range l {
			if g.X < x {
				left++
			} else {
				right++
			}
		}
		if hasLeft && hasRight {
			both++
			if firstBoth < 0 {
				firstBoth = i
			}
		}
	}
	return crossing <= headerLines && (crossing == 0 || lastCross < firstBoth) && both >= sideBySide &&
		float64(left) >= columnShare*float64(total) && float64(right) >= columnShare*float64(total)
}

func minX(gs []glyph) float64 {
	m := math.Inf(1)
	for _, g := range gs {
		m = min(m, g.X)
	}
	return m
}

func maxX(gs []glyph) float64 {
	m := math.Inf(-1)
	for _, g := range gs {
		m = max(m, g.X+g.W)
	}
	return m
}
