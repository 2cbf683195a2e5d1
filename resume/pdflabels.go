package resume

import (
	"math"
	"strings"
	"unicode"
)

// Thresholds for a page that sets short labels (dates, skill areas) in a
// narrow column left of its body, as LaTeX's moderncv and other CV
// classes do: "Jan. 2012 –" and "Dec. 2014" on two lines beside a role,
// "Routing and" and "switching" beside a skills line.
const (
	// labelLines is the least number of lines with a label.
	labelLines = 3
	// labelGap is the least gap between a label and the body, in font
	// sizes: wider than a word space (a third), so a sentence that happens
	// to have a word break at the body's edge is no label.
	labelGap = 0.6
	// labelLeading is the most distance between the baselines of two lines
	// of one label, in font sizes; the next label sits further down.
	labelLeading = 1.4
	// labelShare is the most share of the page's text width the label
	// column takes.
	labelShare = 0.35
)

// labelEdge finds the left edge of a page's body when the page has a
// label column: the x at which most lines start, left of which at least
// labelLines lines hold a label set apart by a gap, and which no line
// crosses but for headerLines lines among the page's first few.
func labelEdge(lines []pageLine) (float64, bool) {
	counts := map[int]int{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		if g, ok := firstInk(l); ok {
			counts[int(math.Round(g.X))]++
			lo, hi = min(lo, g.X), max(hi, l[len(l)-1].X+l[len(l)-1].W)
		}
	}
	best, n := 0, 0
	for x := range counts {
		if c := counts[x-1] + counts[x] + counts[x+1]; c > n || c == n && x < best {
			best, n = x, c
		}
	}
	edge := float64(best) - 1.5 // the body's first glyphs lie within a point of it
	if hi <= lo || edge-lo > labelShare*(hi-lo) {
		return 0, false
	}
	labels, crossing := 0, 0
	for i, l := range lines {
		label, _, ok := splitLabel(l, edge)
		switch {
		case ok && hasAlnum(label):
			labels++
		case !ok:
			// Only the header, at the page's top, may cross.
			if crossing++; crossing > headerLines || i >= headerLines+2 {
				return 0, false
			}
		}
	}
	return edge, labels >= labelLines
}

// firstInk returns a line's first glyph that is not a space.
func firstInk(l pageLine) (glyph, bool) {
	for _, g := range l {
		if strings.TrimSpace(g.S) != "" {
			return g, true
		}
	}
	return glyph{}, false
}

// splitLabel splits a line at edge into the label left of it and the
// body; ok is false when the line's text crosses edge without a gap of
// labelGap font sizes.
func splitLabel(l pageLine, edge float64) (label, body pageLine, ok bool) {
	i := 0
	for i < len(l) && l[i].X < edge {
		i++
	}
	label, body = l[:i], l[i:]
	for j := len(label) - 1; j >= 0; j-- {
		if g := label[j]; strings.TrimSpace(g.S) != "" {
			next := edge + 1.5
			if len(body) > 0 {
				next = body[0].X
			}
			return label, body, next-(g.X+g.W) >= labelGap*max(g.FontSize, 1)
		}
	}
	return nil, l, true
}

// writeLabelled writes a page with a label column: each label whole on
// one line, its lines joined, followed by the body line beside its first
// line (on a line of its own when the label is a section heading), then
// the body lines beside the rest; lines without a label (a bullet is
// none) as they are.
func writeLabelled(b *strings.Builder, lines []pageLine, edge float64) {
	var labels []string
	var bodies []pageLine
	var lastY, lastSize float64
	flush := func() {
		if len(labels) == 0 {
			return
		}
		text := strings.Join(labels, " ")
		b.WriteString(text)
		if _, isHeading := heading(text); isHeading {
			b.WriteByte('\n') // a section's heading (moderncv's fancy style) heads its lines
			bodies = append([]pageLine{nil}, bodies...)
		}
		if len(bodies[0]) > 0 {
			b.WriteByte(' ')
			writeLine(b, bodies[0])
		} else {
			b.WriteByte('\n')
		}
		for _, l := range bodies[1:] {
			if len(l) > 0 {
				writeLine(b, l)
			}
		}
		labels, bodies = labels[:0], bodies[:0]
	}
	for _, l := range lines {
		label, body, ok := splitLabel(l, edge)
		if !ok || !hasAlnum(label) {
			flush()
			writeLine(b, l)
			continue
		}
		if len(labels) > 0 && lastY-l[0].Y > labelLeading*lastSize {
			flush()
		}
		labels = append(labels, lineText(label))
		bodies = append(bodies, body)
		lastY, lastSize = l[0].Y, max(l[0].FontSize, 1)
	}
	flush()
}

// lineText is a line's text on one line.
func lineText(l pageLine) string {
	var b strings.Builder
	writeLine(&b, l)
	return strings.Join(strings.Fields(b.String()), " ")
}

// hasAlnum reports whether a line holds a letter or digit.
func hasAlnum(l pageLine) bool {
	for _, g := range l {
		if strings.IndexFunc(g.S, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			return true
		}
	}
	return false
}
