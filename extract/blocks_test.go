package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAddTextKnowsWhenCollapsed checks that a block whose text tokens
// addText found clean is what collapse would return, for tokens built
// from spaces, white space beyond ASCII, runes cut between tokens and
// plain words.
func TestAddTextKnowsWhenCollapsed(t *testing.T) {
	parts := []string{" ", "  ", "\t", "\n", "a", "Go", "é", "\u00a0", "\u2003", "\u200b", "\ufeff", "\u0085",
		"\xe2\x80", "\x83", "\xe2", "\x80\x83", "\xc2", "\xa0", "\xff", "x y", "\x7f", "\x01"}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		var b blockBuilder
		b.start(nil, &blockScratch{})
		var all strings.Builder
		for range 1 + rng.IntN(4) {
			var tok strings.Builder
			for range rng.IntN(4) {
				tok.WriteString(parts[rng.IntN(len(parts))])
			}
			b.addText(tok.String())
			all.WriteString(tok.String())
		}
		s := all.String()
		clean := !b.recheck && (len(s) == 0 || s[len(s)-1] != ' ')
		if clean && !collapsed(s) {
			t.Fatalf("%q: addText found it clean, but it is not collapsed", s)
		}
	}
}

// TestBulletsSideBySide: two inline bullets with one space between them
// (" · · ") share that space; the text around them is read, and nothing
// panics.
func TestBulletsSideBySide(t *testing.T) {
	g := newTestTagger(t)
	tags := g.TagDocument("We run our services on Go · · AWS in production, with a team of ten engineers.")
	got := map[string]bool{}
	for _, m := range tags.Mentions {
		got[m.SkillID] = true
	}
	if !got["go"] || !got["aws"] {
		t.Errorf("mentions %v, want go and aws", tags.Mentions)
	}
}
