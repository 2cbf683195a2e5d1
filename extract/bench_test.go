package extract

import (
	"regexp"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// corpus returns the labelled postings and their total size in bytes (the
// text the tagger reads: title, description, section headings and bodies).
func corpus(b *testing.B) ([]labelled, int64) {
	set := loadLabelled(b)
	var n int64
	for i := range set {
		p := set[i].posting()
		n += int64(len(p.Title) + len(p.Description))
		for _, s := range p.Sections {
			n += int64(len(s.Heading) + len(s.Body))
		}
	}
	return set, n
}

// BenchmarkExtract tags the whole labelled corpus per iteration: HTML
// parsing, sentence splitting, matching, levels, years and roll-up.
func BenchmarkExtract(b *testing.B) {
	g := newTestTagger(b)
	set, size := corpus(b)
	posts := make([]*skillpulse.Posting, len(set))
	for i := range set {
		posts[i] = set[i].posting()
	}
	b.SetBytes(size)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for _, p := range posts {
			g.Tag(p)
		}
	}
	b.ReportMetric(float64(b.N*len(posts))/time.Since(start).Seconds(), "postings/s")
}

// preparedTexts is the corpus as the matcher sees it: one string per
// posting with URLs blanked, after HTML and sentence handling.
func preparedTexts(b *testing.B, g *Tagger) ([]string, int64) {
	set, _ := corpus(b)
	var out []string
	var n int64
	for i := range set {
		p := set[i].posting()
		d := doc{g: g, sc: g.getScratch()}
		d.start(0)
		d.addSentence(p.Title, 0, true)
		d.addBlocks(d.splitBlocks(p.Description), 0)
		for _, s := range p.Sections {
			d.addSentence(s.Heading, 0, false)
			d.addBlocks(d.splitBlocks(s.Body), 0)
		}
		d.finish()
		g.putScratch(d.sc)
		out = append(out, d.text)
		n += int64(len(d.text))
	}
	return out, n
}

// BenchmarkMatchAutomaton is the matching stage alone, over prepared
// text: the trie walked from word starts (what the tagger runs) and, for
// comparison, the full automaton over every byte, each followed by the
// boundary and case checks.
func BenchmarkMatchAutomaton(b *testing.B) {
	g := newTestTagger(b)
	texts, size := preparedTexts(b, g)
	for _, bm := range []struct {
		name string
		find func(string, []acMatch) []acMatch
	}{{"anchored", g.ac.findAnchored}, {"full", g.ac.findAll}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			buf := make([]acMatch, 0, 256)
			found := 0
			for b.Loop() {
				for _, t := range texts {
					buf = bm.find(t, buf[:0])
					for _, m := range buf {
						if boundary(t, int(m.start), int(m.end)) && g.aliases[m.pat].accepts(t[m.start:m.end]) {
							found++
						}
					}
				}
			}
			_ = found
		})
	}
}

// BenchmarkExtractNaiveRegexp is the approach the automaton replaces: one
// compiled regexp per alias, each run over the same prepared text. Compare
// its ns/op with BenchmarkMatchAutomaton (same work) and BenchmarkExtract
// (all the work).
func BenchmarkExtractNaiveRegexp(b *testing.B) {
	g := newTestTagger(b)
	texts, size := preparedTexts(b, g)
	// The fairest simple form: \b where the alias starts or ends with a
	// word character (ASCII boundaries, the cheapest the package offers),
	// a negated class otherwise (c++, .net).
	naive := func(alias, flags string) *regexp.Regexp {
		expr := regexp.QuoteMeta(alias)
		if isWordRune(rune(alias[0])) {
			expr = `\b` + expr
		} else {
			expr = `(?:^|[^\w])` + expr
		}
		if isWordRune(rune(alias[len(alias)-1])) {
			expr += `\b`
		} else {
			expr += `(?:$|[^\w+#])`
		}
		return regexp.MustCompile(flags + expr)
	}
	var res []*regexp.Regexp
	for _, e := range g.tax.entries {
		for _, a := range e.Aliases {
			res = append(res, naive(a, "(?i)"))
		}
		for _, a := range e.Exact {
			res = append(res, naive(a, ""))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		for _, t := range texts {
			for _, re := range res {
				found += len(re.FindAllStringIndex(t, -1))
			}
		}
	}
	_ = found
	b.ReportMetric(float64(len(res)), "regexps")
}
