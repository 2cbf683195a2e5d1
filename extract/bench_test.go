package extract

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
	"github.com/skillpulse/skillpulse"
)

// corpus returns the labelled postings and their total size in bytes (the
// text the tagger reads: title, description, section headings and bodies).
func corpus(tb testing.TB) ([]labelled, int64) {
	set := loadLabelled(tb)
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

// BenchmarkExtractInvented tags the whole invented labelled set per
// iteration: HTML parsing, sentence splitting, matching, levels, years and
// roll-up, on short postings.
func BenchmarkExtractInvented(b *testing.B) {
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

// atsPostings turns each labelled posting into the kind of description a
// Greenhouse board serves: a company introduction, the posting's own text
// as HTML (headed sections, lists), benefits and an equal-opportunity
// statement, the posting's body repeated as the longer real postings
// repeat their asks, until it is 3–5 KB. It returns them with their total
// size.
func atsPostings(tb testing.TB) ([]*skillpulse.Posting, int64) {
	set, _ := corpus(tb)
	const (
		intro    = `<div class="content-intro"><p><strong>About Northwind</strong></p><p>Northwind builds the payments backbone for more than 4,000 merchants across Europe and Africa. We are a remote-first team of 180 people in 14 countries, backed by long-term investors, and we care about calm on-call rotations, written decisions and shipping small changes often.</p><p>Our platform team keeps the lights on for every product squad: the network edge, the clusters, the data stores and the pipelines that build and ship them.</p></div>`
		benefits = `<p><strong>What we offer</strong></p><ul><li>Competitive salary and equity, reviewed twice a year</li><li>25 days of paid leave plus public holidays</li><li>A home-office budget and a yearly learning budget of €2,000</li><li>Private health insurance for you and your family</li><li>Parental leave of 20 weeks, whatever your gender</li></ul>`
		eeo      = `<div class="content-conclusion"><p>Northwind is an equal opportunity employer. We welcome applicants of every background, identity and ability, and we will make reasonable adjustments at every stage of the process &mdash; just let your recruiter know. All qualified applicants will receive consideration for employment without regard to race, colour, religion, sex, sexual orientation, gender identity, national origin, disability or veteran status.</p></div>`
	)
	var posts []*skillpulse.Posting
	var n int64
	for i := range set {
		p := set[i].posting()
		var body strings.Builder
		if isHTML(p.Description) {
			body.WriteString(p.Description)
		} else {
			for _, line := range strings.Split(p.Description, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					body.WriteString("<p>" + html.EscapeString(line) + "</p>")
				}
			}
		}
		for _, s := range p.Sections {
			body.WriteString("<h3>" + html.EscapeString(s.Heading) + "</h3>")
			if isHTML(s.Body) {
				body.WriteString(s.Body)
				continue
			}
			body.WriteString("<ul>")
			for _, line := range strings.Split(s.Body, "\n") {
				if line = strings.TrimSpace(strings.TrimLeft(line, "-*• ")); line != "" {
					body.WriteString("<li>" + html.EscapeString(line) + "</li>")
				}
			}
			body.WriteString("</ul>")
		}
		desc := intro + body.String()
		for len(desc)+len(benefits)+len(eeo) < 3000 {
			desc += body.String()
		}
		desc += benefits + eeo
		if len(desc) > 5000 {
			desc = desc[:5000]
		}
		posts = append(posts, &skillpulse.Posting{Title: p.Title, Description: desc})
		n += int64(len(p.Title) + len(desc))
	}
	return posts, n
}

// realInputs are the shared corpus's postings as the pipeline tags them
// (see corpusPost), with the raw text a plain matcher would read instead.
func realInputs(tb testing.TB) (posts []*skillpulse.Posting, docs, raw []string, size int64) {
	for _, c := range readCorpus(tb) {
		p, d := corpusPost(&c)
		if p != nil {
			posts = append(posts, p)
			raw = append(raw, p.Title+"\n"+p.Description)
		} else {
			docs = append(docs, d)
			raw = append(raw, d)
		}
		size += int64(len(raw[len(raw)-1]))
	}
	return posts, docs, raw, size
}

// BenchmarkExtract tags every posting of the real corpus (1,754 Google and
// HN postings, read from the shared folder) per iteration, and reports
// MB/s beside a plain case-insensitive whole-word Aho–Corasick matcher
// (petar-dambovaliev/aho-corasick, DFA, leftmost-longest) over the same
// aliases and the same input bytes, measured in the same run: the matcher
// only finds aliases; the tagger also reads markup, sentences, levels,
// years and roll-ups. Run it on one core (-cpu 1): it is single-threaded.
func BenchmarkExtract(b *testing.B) {
	g := newTestTagger(b)
	posts, docs, raw, size := realInputs(b)
	var patterns []string
	for _, s := range g.Taxonomy().Skills() {
		patterns = append(patterns, g.Taxonomy().Aliases(s.ID)...)
	}
	builder := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
		AsciiCaseInsensitive: true,
		MatchOnlyWholeWords:  true,
		MatchKind:            ahocorasick.LeftMostLongestMatch,
		DFA:                  true,
	})
	ac := builder.Build(patterns)
	// The matcher's passes run before the timed loop, for at least as
	// long as the tagger's usually take (testing.Benchmark cannot nest).
	found, passes := 0, 0
	mstart := time.Now()
	for passes < 3 || time.Since(mstart) < 500*time.Millisecond {
		for _, t := range raw {
			found += len(ac.FindAll(t))
		}
		passes++
	}
	matcherMBs := float64(size) * float64(passes) / time.Since(mstart).Seconds() / 1e6

	b.SetBytes(size)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for _, p := range posts {
			g.Tag(p)
		}
		for _, d := range docs {
			g.TagDocument(d)
		}
	}
	mbs := float64(size) * float64(b.N) / time.Since(start).Seconds() / 1e6
	b.ReportMetric(matcherMBs, "matcher-MB/s")
	b.ReportMetric(mbs/matcherMBs, "x-matcher")
	b.ReportMetric(float64(b.N*len(raw))/time.Since(start).Seconds(), "postings/s")
	_ = found
}

// BenchmarkExtractATS tags labelled postings grown to real ATS size
// (3–5 KB of HTML each, see atsPostings): short postings over-weight the
// per-posting overhead that BenchmarkExtract measures.
func BenchmarkExtractATS(b *testing.B) {
	g := newTestTagger(b)
	posts, size := atsPostings(b)
	b.SetBytes(size)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for _, p := range posts {
			g.Tag(p)
		}
	}
	b.ReportMetric(float64(b.N*len(posts))/time.Since(start).Seconds(), "postings/s")
	b.ReportMetric(float64(size)/float64(len(posts)), "bytes/posting")
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
		d.addSentence(p.Title, section{}, true)
		d.addBlocks(d.splitBlocks(p.Description), section{})
		for _, s := range p.Sections {
			d.addSentence(s.Heading, section{}, false)
			d.addBlocks(d.splitBlocks(s.Body), section{})
		}
		d.finish()
		text := strings.Clone(d.text) // d.text is the scratch's memory
		g.putScratch(d.sc)
		out = append(out, text)
		n += int64(len(text))
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
