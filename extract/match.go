package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hit is one accepted alias occurrence.
type hit struct {
	skill      int
	alias      int
	start, end int // in doc.buf
	sent       int // index into doc.sentences
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// boundary reports whether buf[start:end] stands as a word: no letter,
// digit or '_' touching it, no '+' or '#' after it (C is not C++ or C#),
// and not one part of a dotted name (main.go, k8s.io), though a version may
// follow a name that ends in a digit (Python3.11).
func boundary(buf string, start, end int) bool {
	if start > 0 {
		r, n := utf8.DecodeLastRuneInString(buf[:start])
		if isWordRune(r) || r == '@' {
			return false
		}
		if r == '.' && start-n > 0 {
			if p, _ := utf8.DecodeLastRuneInString(buf[:start-n]); isWordRune(p) {
				return false
			}
		}
	}
	if end < len(buf) {
		r, n := utf8.DecodeRuneInString(buf[end:])
		if isWordRune(r) || r == '+' || r == '#' || r == '@' {
			return false
		}
		if r == '.' && end+n < len(buf) {
			// A dotted name ("main.go", "k8s.io") is not a mention; a
			// version glued to a name ending in a digit is ("Python3.11").
			q, _ := utf8.DecodeRuneInString(buf[end+n:])
			if isWordRune(q) && !(isDigit(buf[end-1]) && isDigit(buf[end+n])) {
				return false
			}
		}
	}
	return true
}

// match finds the skills named in d: every alias occurrence the
// automaton reports that stands as a word in an allowed spelling (see
// candidate), overlaps resolved leftmost-longest with the word vetoes
// applied (leftmostLongest), then the code guards of exact aliases
// (applyGuards), and the words that name a skill in another sense
// (dropOtherSenses). Hits come back in text order, each with its sentence.
func (g *Tagger) match(d *doc) []hit {
	return g.dropOtherSenses(d, g.applyGuards(d, g.leftmostLongest(d), d.sc))
}

// candidate reports whether the automaton's match m stands as a word, is
// spelled as its alias allows and is not the hiring company's name (co,
// see companyNames), and returns it as a hit.
func (g *Tagger) candidate(d *doc, m acMatch, co companyNames) (hit, bool) {
	start, end := int(m.start), int(m.end)
	if !boundary(d.text, start, end) {
		return hit{}, false
	}
	a := &g.aliases[m.pat]
	if !a.accepts(d.text[start:end]) || co.is(d.text[start:end]) {
		return hit{}, false
	}
	return hit{skill: a.skill, alias: int(m.pat), start: start, end: end}, true
}

// leftmostLongest keeps, of the automaton's matches that are candidates
// (see candidate), the one that starts first and, among those, the
// longest: "Terraform Cloud" beats "Terraform" at the same start;
// overlaps that start later lose. (Spans are unique: one pattern per
// lower-cased alias.) A vetoed candidate ("Salt Lake") leaves room for
// the next. Each hit learns its sentence.
//
// The matches were found as the text was built (see doc.addSentence),
// sentence by sentence, each sentence's by start, then end: so the
// matches of one start are read from the last, the longest, back, with
// no sort; and a match that starts where a kept hit overlaps is passed
// over before it is read as a word at all.
func (g *Tagger) leftmostLongest(d *doc) []hit {
	raw := d.sc.raw
	if !byStartThenEnd(raw) { // not as addSentence builds them; sort to be safe
		slices.SortFunc(raw, func(a, b acMatch) int {
			return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
		})
	}
	co := newCompanyNames(d.company)
	hits := d.sc.cands[:0]
	lastEnd, si := -1, 0
	for i := 0; i < len(raw); {
		k := i + 1 // raw[i:k] share a start
		for k < len(raw) && raw[k].start == raw[i].start {
			k++
		}
		from := i
		i = k
		if int(raw[from].start) < lastEnd {
			continue
		}
		for j := k - 1; j >= from; j-- {
			h, ok := g.candidate(d, raw[j], co)
			if !ok {
				continue
			}
			for si < len(d.sentences) && d.sentences[si].end < h.start {
				si++
			}
			if si == len(d.sentences) {
				d.sc.cands = hits
				return hits
			}
			h.sent = si
			if !g.vetoed(d, &h) {
				hits = append(hits, h)
				lastEnd = h.end
				break
			}
		}
	}
	d.sc.cands = hits
	return hits
}

// byStartThenEnd reports whether ms are ordered by start, then end.
func byStartThenEnd(ms []acMatch) bool {
	for i := 1; i < len(ms); i++ {
		if a, b := ms[i-1], ms[i]; a.start > b.start || a.start == b.start && a.end > b.end {
			return false
		}
	}
	return true
}

// vetoed applies an exact alias's word vetoes ("Salt Lake", "head Chef").
func (g *Tagger) vetoed(d *doc, h *hit) bool {
	a := &g.aliases[h.alias]
	if !a.exactOnly() {
		return false
	}
	s := &g.skills[h.skill]
	if s.vetoPrev.list == "" && s.vetoNext.list == "" && len(s.vetoSentence) == 0 {
		return false
	}
	sent := &d.sentences[h.sent]
	text := d.text[sent.start:sent.end]
	off := sent.start
	if s.vetoPrev.list != "" {
		var buf [1]string
		if pw := prevWords(text, h.start-off, 1, buf[:0]); len(pw) > 0 && s.vetoPrev.has(pw[0]) {
			return true
		}
	}
	if s.vetoNext.list != "" && s.vetoNext.has(nextWord(text, h.end-off)) {
		return true
	}
	return len(s.vetoSentence) > 0 && g.sentenceVetoed(d, h, text)
}

// sentenceVetoed reports whether h's sentence (text) holds one of its
// skill's sentence vetoes. The sentence is read once for the vetoes of
// every skill (g.vetoWords, one automaton pass), not once per hit or per
// veto word: a sentence of maxSentence bytes may hold a hundred hits, and
// a skill a dozen vetoes. The vetoes found are kept until the next
// sentence (d.sc.vetoFound).
func (g *Tagger) sentenceVetoed(d *doc, h *hit, text string) bool {
	sc := d.sc
	if sc.vetoSent != h.sent+1 {
		sc.vetoSent = h.sent + 1
		sc.vetoFound = g.vetoWordsIn(text, sc.vetoFound[:0])
		d.reads += len(text)
	}
	for _, w := range g.skills[h.skill].vetoSentence {
		if slices.Contains(sc.vetoFound, w) {
			return true
		}
	}
	return false
}

// vetoWordsIn appends to dst the sentence vetoes (indexes of g.vetoWords'
// patterns) that text, lower-cased, holds as whole words (see boundary).
// The automaton folds ASCII case itself: only a sentence beyond ASCII
// is lower-cased first, as strings.ToLower may change its bytes.
func (g *Tagger) vetoWordsIn(text string, dst []int32) []int32 {
	lower := text
	if !isASCII(text) {
		lower = strings.ToLower(text)
	}
	var buf [16]acMatch
	for _, m := range g.vetoWords.findAll(lower, buf[:0]) {
		if boundary(lower, int(m.start), int(m.end)) {
			dst = append(dst, m.pat)
		}
	}
	return dst
}

// containsWord reports whether w occurs in s as a whole word (or words).
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if boundary(s, j, j+len(w)) {
			return true
		}
		i = j + 1
	}
}

// applyGuards runs the code guards of exact aliases, which need the
// neighbouring hits in the sentence ("C, C++ or Rust").
func (g *Tagger) applyGuards(d *doc, hits []hit, sc *scratch) []hit {
	sc.keep = slices.Grow(sc.keep[:0], len(hits))[:len(hits)]
	keep := sc.keep
	for i := range hits {
		h := &hits[i]
		keep[i] = true
		gf := g.skills[h.skill].guard
		if gf == nil || !g.aliases[h.alias].exactOnly() {
			continue
		}
		sent := &d.sentences[h.sent]
		// The guard is called through a func value, so a hitCtx of
		// its own would escape to the heap on every guarded hit.
		c := &sc.hit
		*c = hitCtx{
			sentence: d.text[sent.start:sent.end],
			start:    h.start - sent.start,
			end:      h.end - sent.start,
			tagger:   g,
		}
		if i > 0 && hits[i-1].sent == h.sent {
			c.prev = &hits[i-1]
			c.prevGap = d.text[c.prev.end:h.start]
		}
		if i+1 < len(hits) && hits[i+1].sent == h.sent {
			c.next = &hits[i+1]
			c.nextGap = d.text[h.end:c.next.start]
		}
		keep[i] = gf(c)
	}
	sc.hit = hitCtx{}
	out := hits[:0]
	for i, h := range hits {
		if keep[i] {
			out = append(out, h)
		}
	}
	return out
}

// companySuffixes are the words a company's name may end with that its
// short form leaves out ("Temporal Technologies" is "Temporal").
var companySuffixes = [...]string{"inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "corporation", "technologies", "labs", "gmbh", "hq"}

// companyNames are the spellings of the hiring company's name that are
// no mention of a skill: the name as given, and its short form without
// a parenthesised remark ("Flux (YC W21)"), a domain ending (".com",
// ".io", ".ai") or a suffix of companySuffixes. They are worked out once
// per document, not once per match; both are empty when the company is
// unknown.
type companyNames struct{ full, short string }

func newCompanyNames(company string) companyNames {
	if company == "" {
		return companyNames{}
	}
	c := company
	if i := strings.IndexByte(c, '('); i > 0 {
		c = strings.TrimSpace(c[:i])
	}
	for _, tld := range [...]string{".com", ".io", ".ai"} {
		if len(c) > len(tld) && sameFold(c[len(c)-len(tld):], tld) {
			c = c[:len(c)-len(tld)]
		}
	}
	if i := strings.LastIndexByte(c, ' '); i > 0 {
		for _, suf := range companySuffixes {
			if sameFold(c[i+1:], suf) {
				c = strings.TrimRight(c[:i], " ,")
				break
			}
		}
	}
	return companyNames{full: company, short: c}
}

// is reports whether the matched text w is the company's name or its
// short form, case folded.
func (co companyNames) is(w string) bool {
	return co.full != "" && (sameFold(w, co.full) || sameFold(w, co.short))
}

// sameFold is strings.EqualFold, first ruling out the usual case
// cheaply: two first bytes in ASCII that differ beyond case. (The only
// runes beyond ASCII that fold to ASCII letters, the long s and the
// Kelvin sign, start with no byte in ASCII.)
func sameFold(w, name string) bool {
	if w == "" || name == "" {
		return w == name
	}
	if w[0] < utf8.RuneSelf && name[0] < utf8.RuneSelf && lowerASCII(w[0]) != lowerASCII(name[0]) {
		return false
	}
	return strings.EqualFold(w, name)
}
