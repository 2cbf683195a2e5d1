package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// TestAddTextKnowsWhenCollapsed checks that a block whose text tokens
// addText found clean is what collapse would return, for tokens built
// from spaces, white space beyond ASCII, runes cut between tokens and
// plain words.
func TestAddTextKnowsWhenCollapsed(t *testing.T) {
	parts := []string{" ", "  ", "\t", "\n", "a", "Go", "é", "abcdefgh", "x y z w v", "\u00a0", "\u2003", "\u200b", "\ufeff", "\u0085",
		"\xe2\x80", "\x83", "\xe2", "\x80\x83", "\xc2", "\xa0", "\xff", "x y", "\x7f", "\x01"}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		var b blockBuilder
		b.start(nil, &blockScratch{})
		var all strings.Builder
		valid := true // every token valid UTF-8: no rune cut between tokens
		for range 1 + rng.IntN(4) {
			var tok strings.Builder
			for range rng.IntN(12) {
				tok.WriteString(parts[rng.IntN(len(parts))])
			}
			b.addText(tok.String())
			all.WriteString(tok.String())
			valid = valid && utf8.ValidString(tok.String())
		}
		s := all.String()
		if len(b.out) > 0 {
			continue // a line break ended a typed line ("x\nGo"): s is not one block
		}
		clean := !b.recheck && (len(s) == 0 || s[len(s)-1] != ' ')
		if clean && !collapsed(s) {
			t.Fatalf("%q: addText found it clean, but it is not collapsed", s)
		}
		// The runes addText counts: all but white space and NBSP (a rune
		// cut between tokens counts per token, as addText reads them).
		if !valid {
			continue
		}
		want := 0
		for _, r := range s {
			if !unicode.IsSpace(r) && r != '\u00a0' {
				want++
			}
		}
		if b.allText != want {
			t.Fatalf("%q: addText counted %d runes that are not space, want %d", s, b.allText, want)
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

// TestEvidenceOutlivesTheCall: the text of HTML blocks is scratch memory
// that the next call overwrites; evidence cut from it is copied out.
func TestEvidenceOutlivesTheCall(t *testing.T) {
	g := newTestTagger(t)
	first := g.TagDocument("<ul><li>Strong Kubernetes skills</li><li>Terraform</li><li>" + strings.Repeat("padding ", 100) + "</li></ul>")
	for range 3 { // shorter: written over the same memory
		g.TagDocument("<ul><li>Something else, with Python</li><li>and PostgreSQL</li></ul>")
	}
	want := map[string]string{"kubernetes": "Strong Kubernetes skills", "terraform": "Terraform"}
	for _, m := range first.Mentions {
		if w, ok := want[m.SkillID]; ok && m.Evidence != w {
			t.Errorf("%s: evidence %q after later calls, want %q", m.SkillID, m.Evidence, w)
		}
		delete(want, m.SkillID)
	}
	if len(want) > 0 {
		t.Errorf("missing mentions %v in %v", want, first.Mentions)
	}
}

// refLooksLikeHeading is looksLikeHeading as it read before its fast
// reject on a lower-case ASCII letter.
func refLooksLikeHeading(line string) bool {
	if utf8.RuneCountInString(line) > 60 || len(strings.Fields(line)) > 8 {
		return false
	}
	if strings.HasSuffix(line, ":") {
		return true
	}
	letters, lower := 0, 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	return letters >= 4 && lower == 0
}

// TestHeadingShapesMatchTheReference checks looksLikeHeading and
// maybeHeading, which test cheap things first, against their plain form.
func TestHeadingShapesMatchTheReference(t *testing.T) {
	lines := []string{"REQUIREMENTS", "Requirements:", "What you'll need", "ÉQUIPE", "équipe", "GO", "A B C D E F G H I",
		"ABCD EFGH", "nice to have:", "Über uns", "ÜBER UNS", "1234", "AB-CD", "x", "", "WE USE GO.", "a b c d e f g",
		strings.Repeat("X", 61), strings.Repeat("É", 60) + ":", "Skills (nice to have)", "C++ / GO / AWS"}
	for _, l := range lines {
		if got, want := looksLikeHeading(l), refLooksLikeHeading(l); got != want {
			t.Errorf("looksLikeHeading(%q) = %v, reference %v", l, got, want)
		}
		last, _ := utf8.DecodeLastRuneInString(l)
		want := len(l) <= 50 && len(strings.Fields(l)) <= 6 && !strings.ContainsRune(".,;!?)", last)
		if got := maybeHeading(l); got != want {
			t.Errorf("maybeHeading(%q) = %v, reference %v", l, got, want)
		}
	}
}

// TestCollapsedReadsLanesRight checks collapsed, which reads eight bytes
// at a time, against its byte-wise reference on text where spaces, other
// white space and runes beyond ASCII fall on every side of a lane's edge.
func TestCollapsedReadsLanesRight(t *testing.T) {
	parts := []string{"a", "bc", "defgh", " ", "  ", "~", "\t", "\n", "é", "\u00a0", "\u2003", "\x7f", "\x01", "\xff"}
	rng := rand.New(rand.NewPCG(9, 2))
	for k := range 100000 {
		clean := 6 // every other text only printable ASCII and spaces
		if k%2 == 0 {
			clean = len(parts)
		}
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(parts[rng.IntN(clean)])
		}
		s := b.String()
		if got, want := collapsed(s), refCollapsed(s); got != want {
			t.Fatalf("collapsed(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestLetterEndReadsLanesRight checks letterEnd, which reads eight bytes
// at a time by arithmetic, against a byte-wise loop, over every byte
// value in every lane.
func TestLetterEndReadsLanesRight(t *testing.T) {
	c := newCueMatcher()
	rng := rand.New(rand.NewPCG(4, 4))
	buf := make([]byte, 24)
	for range 100000 {
		for k := range buf {
			buf[k] = "abcXYZ"[rng.IntN(6)]
			if rng.IntN(8) == 0 {
				buf[k] = byte(rng.IntN(256))
			}
		}
		s, i := string(buf), rng.IntN(len(buf))
		want := i
		for want < len(s) && isASCIILetter(s[want]) {
			want++
		}
		if got := c.letterEnd(s, i); got != want {
			t.Fatalf("letterEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// TestWordEndReadsLanesRight checks automaton.wordEnd the same way.
func TestWordEndReadsLanesRight(t *testing.T) {
	a := newAutomaton([]string{"go"})
	rng := rand.New(rand.NewPCG(5, 5))
	buf := make([]byte, 24)
	for range 100000 {
		for k := range buf {
			buf[k] = "aZ09_"[rng.IntN(5)]
			if rng.IntN(8) == 0 {
				buf[k] = byte(rng.IntN(256))
			}
		}
		s, i := string(buf), rng.IntN(len(buf))
		want := i
		for want < len(s) && isWordByte(s[want]) {
			want++
		}
		if got := a.wordEnd(s, i); got != want {
			t.Fatalf("wordEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// TestPreformattedLines: the lines of a <pre> block (how HN comments set
// their lists) are blocks of their own, bulleted lines list items, in
// both HTML readers; text outside <pre> keeps its newlines as spaces.
func TestPreformattedLines(t *testing.T) {
	for _, doc := range []string{
		// hn-46470027's shape.
		"<p>What you'll do:<p><pre><code>    - Build features (TypeScript, NestJS).\n\n    - Engineering excellence: strong code reviews.\n</code></pre>\nText\nafter",
		// An entity the simple reader gives up on: the tokenizer reads it.
		"<p>What you'll do:<p><pre><code>    - Build features (TypeScript, NestJS).\n\n    - Engineering excellence: strong code reviews.\n</code></pre>\nText\nafter&notanentity",
	} {
		got := htmlBlocks(doc, nil, &blockScratch{})
		var texts []string
		for _, b := range got {
			texts = append(texts, b.text)
		}
		if len(got) != 4 || got[1].kind != blockItem || got[2].kind != blockItem ||
			got[1].text != "Build features (TypeScript, NestJS)." || !strings.HasPrefix(got[3].text, "Text after") {
			t.Errorf("%q: blocks %q, kinds %v", doc, texts, got)
		}
	}
	g := newTestTagger(t)
	tags := g.TagDocument("Acme | Eng<p>What you'll do:<p><pre><code>    - Build features (TypeScript, NestJS).\n\n    - Engineering excellence: strong code reviews.\n</code></pre>")
	if m, ok := mentionOf(tags, "nestjs"); !ok || m.Level != skillpulse.LevelMentioned {
		t.Errorf("a cue in one line of a <pre> list governs another: %+v", tags.Mentions)
	}
}
