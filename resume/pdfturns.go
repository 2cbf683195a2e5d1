package resume

import (
	"cmp"
	"math"
	"slices"
)

// quarterTurns is the direction (dx, dy) in quarter turns left of
// left-to-right, the nearest of 0 to 3.
func quarterTurns(dx, dy float64) int8 {
	q := int(math.Round(math.Atan2(dy, dx) / (math.Pi / 2)))
	return int8((q%4 + 4) % 4)
}

// byDirection splits a page's glyphs by the direction their text runs
// in, the direction most glyphs run in first, and turns each group's
// positions so that its text runs left to right, its lines top to bottom.
// A page placed turned (pdfpages' angle=90, a landscape page on a portrait
// sheet), or drawn turned under a /Rotate that turns it back upright on
// screen, so reads as the page it shows; a line set sideways beside the
// body (a vertical "RESUME" banner) reads after the body.
func byDirection(glyphs []glyph) [][]glyph {
	var groups [4][]glyph
	for _, g := range glyphs {
		switch g.turn {
		case 1: // up the page: the next line is to its right
			g.X, g.Y = g.Y, -g.X
		case 2:
			g.X, g.Y = -g.X, -g.Y
		case 3: // down the page
			g.X, g.Y = -g.Y, g.X
		}
		groups[g.turn] = append(groups[g.turn], g)
	}
	out := make([][]glyph, 0, 4)
	for _, g := range groups {
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	slices.SortStableFunc(out, func(a, b []glyph) int { return cmp.Compare(len(b), len(a)) })
	return out
}
