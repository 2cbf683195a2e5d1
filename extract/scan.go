package extract

// Hand scanners for the shapes that used to be regular expressions on the
// hot path (years phrases, markup detection, title words). Each one keeps
// the semantics of the expression it replaces exactly, down to Go's
// regexp rules: \s and \b are ASCII, and (?i) folds 'k' with the Kelvin
// sign and 's' with the long s. scan_test.go keeps the expressions as the
// reference and checks the scanners against them.

import (
	"strings"
	"unicode/utf8"
)

// foldLit matches lit (lower-case ASCII) at s[i:] the way a (?i) regexp
// does and returns the end offset, or -1.
func foldLit(s string, i int, lit string) int {
	for j := 0; j < len(lit); j++ {
		c := lit[j]
		if i < len(s) && lowerASCII(s[i]) == c {
			i++
			continue
		}
		switch {
		case c == 's' && i+1 < len(s) && s[i] == 0xc5 && s[i+1] == 0xbf: // ſ
			i += 2
		case c == 'k' && i+2 < len(s) && s[i] == 0xe2 && s[i+1] == 0x84 && s[i+2] == 0xaa: // K
			i += 3
		default:
			return -1
		}
	}
	return i
}

// foldMay reports whether foldLit(s, i, lit) may match, from the first
// byte alone: an ASCII byte that is not lit's first, ASCII case folded,
// rules it out (only the long s and the Kelvin sign, beyond ASCII, fold
// to an ASCII letter). The loops over word lists ask it before the call.
func foldMay(s string, i int, lit string) bool {
	return i < len(s) && (s[i] >= utf8.RuneSelf || lowerASCII(s[i]) == lit[0])
}

// exactLit matches lit byte for byte at s[i:] and returns the end offset,
// or -1.
func exactLit(s string, i int, lit string) int {
	if len(s)-i >= len(lit) && s[i:i+len(lit)] == lit {
		return i + len(lit)
	}
	return -1
}

// firstLit returns the end of the first of lits that matches at s[i:]
// (folded when fold is set), or -1: a regexp alternation.
func firstLit(s string, i int, fold bool, lits ...string) int {
	for _, l := range lits {
		var e int
		if fold {
			if !foldMay(s, i, l) {
				continue
			}
			e = foldLit(s, i, l)
		} else {
			e = exactLit(s, i, l)
		}
		if e >= 0 {
			return e
		}
	}
	return -1
}

// numberWords are the spelled-out numbers a years phrase starts with, in
// the order the expression tried them, with their values.
var numberWords = [...]struct {
	w string
	n int
}{
	{"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
	{"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"fifteen", 15}, {"twenty", 20},
}

// yearsTail are the words after "years" that make it about experience.
var yearsTail = [...]string{"of", "in", "with", "as", "at", "on", "doing", "working", "building", "running",
	"operating", "managing", "developing", "writing", "using", "designing", "hands-on", "professional",
	"industry", "relevant", "experience", "exp"}

// yearsQualifiers may open a years phrase ("at least 5 years"), in the
// order the expression tried them.
var yearsQualifiers = [...]string{"at least ", "minimum of ", "min. ", "min ", "over ", "more than "}

// rangeWords are the number words the expression allowed after "-"/"to"
// (one to ten, twelve, fifteen): a set, not a prefix of numberWords.
var rangeWords = [...]string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen"}

// yearsMatch is one years phrase.
type yearsMatch struct {
	start, end int  // the whole phrase
	n          int  // the (lower) number of years, uncapped
	qualified  bool // "at least", "over", ...
	tail       bool // followed by of/in/with/a verb of doing
}

// scanNumber reads a years number at s[i:]: one or two ASCII digits or a
// number word. words bounds the words allowed (the range's upper bound
// knows fewer). It returns the value and end offset, or end -1.
func scanNumber(s string, i int, words int) (n, end int) {
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n, end = int(s[i]-'0'), i+1
		if end < len(s) && s[end] >= '0' && s[end] <= '9' {
			n, end = n*10+int(s[end]-'0'), end+1
			// \d{1,2} backtracks to one digit, but a digit can start
			// nothing that follows, so a third digit fails the phrase.
		}
		if end < len(s) && s[end] >= '0' && s[end] <= '9' {
			return 0, -1
		}
		return n, end
	}
	for _, w := range numberWords[:words] {
		if !foldMay(s, i, w.w) {
			continue
		}
		if e := foldLit(s, i, w.w); e >= 0 {
			if e-i != len(w.w) {
				// Matched through a long s ("ſix"): the expression
				// matched it too, but its value was read with
				// strings.ToLower, which keeps ſ, and came out 0.
				return 0, e
			}
			return w.n, e
		}
	}
	return 0, -1
}

// scanRangeNumber reads the number after a range's "-" or "to": digits
// or one of rangeWords.
func scanRangeNumber(s string, i int) int {
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		_, e := scanNumber(s, i, 0)
		return e
	}
	for _, w := range rangeWords {
		if !foldMay(s, i, w) {
			continue
		}
		if e := foldLit(s, i, w); e >= 0 {
			return e
		}
	}
	return -1
}

// yearsAt matches a years phrase starting exactly at offset p, with the
// same preferences as the expression it replaces:
//
//	(?i)(at least |minimum of |min\.? |over |more than )?\b(N)\s*(?:\+|plus)?\s*
//	(?:(?:-|–|—|to)\s*N2\s*\+?\s*)?(?:years?|yrs?)\b
//	(?:\s*(?:'|’)?\s*(of|in|with|...)\b)?
func yearsAt(s string, p int) (yearsMatch, bool) {
	m := yearsMatch{start: p}
	q := p
	if e := firstLit(s, p, true, yearsQualifiers[:]...); e >= 0 {
		q, m.qualified = e, true
	}
	if !wordBoundary(s, q) {
		return m, false
	}
	n, i := scanNumber(s, q, len(numberWords))
	if i < 0 {
		return m, false
	}
	m.n = n
	i = skipSpace(s, i)
	if e := firstLit(s, i, true, "+", "plus"); e >= 0 {
		i = e
	}
	i = skipSpace(s, i)
	if e := firstLit(s, i, true, "-", "–", "—", "to"); e >= 0 {
		j := scanRangeNumber(s, skipSpace(s, e))
		if j < 0 {
			return m, false // "years" cannot start at the dash either
		}
		j = skipSpace(s, j)
		if j < len(s) && s[j] == '+' {
			j++
		}
		i = skipSpace(s, j)
	}
	e := firstLit(s, i, true, "year", "yr")
	switch {
	case e < 0:
		if e = shortYears(s, i); e < 0 {
			return m, false
		}
	case foldLit(s, e, "s") >= 0 && wordBoundary(s, foldLit(s, e, "s")):
		e = foldLit(s, e, "s")
	case wordBoundary(s, e):
	default:
		return m, false
	}
	m.end = e
	// The optional tail: \s*(?:'|’)?\s*(word)\b.
	t := skipSpace(s, e)
	if a := firstLit(s, t, false, "'", "’"); a >= 0 {
		t = skipSpace(s, a)
	}
	for _, w := range yearsTail {
		if !foldMay(s, t, w) {
			continue
		}
		if x := foldLit(s, t, w); x >= 0 && wordBoundary(s, x) {
			m.end, m.tail = x, true
			break
		}
	}
	return m, true
}

// shortYears returns the end of a short form of "years" at offset i of
// s, or -1: "YOE" (years of experience: "Senior SRE (10+ YOE)", "8–9
// YOE") or a bare "y" right after a number's '+' ("5+y experience in
// python", hn-46617364, blind), each ending a word: "App+Y" is no years.
// Like "years", "YOE" may follow its number unspaced ("8YOE"); what may
// stand before it is the years phrase's to say (yearsAt, cueYearsAt).
func shortYears(s string, i int) int {
	if e := foldLit(s, i, "yoe"); e >= 0 && wordBoundary(s, e) {
		return e
	}
	if i > 1 && i < len(s) && s[i-1] == '+' && isDigit(s[i-2]) && s[i]|0x20 == 'y' && wordBoundary(s, i+1) {
		return i + 1
	}
	return -1
}

// yearsStart reports whether a years phrase can start at s[p]: a digit,
// the long s, or the first two letters of a number word or qualifier
// ("at least", "minimum of", "min", "over", "more than"). None of those
// has an s or a k in its first two letters, so the second byte is
// compared in ASCII only; most letters that start a word of a sentence
// are ruled out by it.
func yearsStart(s string, p int) bool {
	c := lowerASCII(s[p])
	if isDigit(c) || c == 0xc5 {
		return true
	}
	if p+1 >= len(s) {
		return false
	}
	switch c2 := lowerASCII(s[p+1]); c {
	case 'a':
		return c2 == 't'
	case 'm':
		return c2 == 'i' || c2 == 'o'
	case 'o':
		return c2 == 'v' || c2 == 'n'
	case 't':
		return c2 == 'w' || c2 == 'h' || c2 == 'e'
	case 'f':
		return c2 == 'o' || c2 == 'i'
	case 's':
		return c2 == 'i' || c2 == 'e'
	case 'e':
		return c2 == 'i' || c2 == 'l'
	case 'n':
		return c2 == 'i'
	}
	return false
}

// forEachYears calls f for every years phrase in s, leftmost first and not
// overlapping, as FindAll would. A phrase holds "year" or "yr", at most
// yearsReach bytes other than white space after its start: starts are
// tried only that near each of those words, nearest the text's start
// first, as a scan of every byte would meet them.
func forEachYears(s string, f func(m yearsMatch)) {
	for p := 0; p < len(s); {
		q := indexYears(s, p)
		if q < 0 {
			return
		}
		matched := false
		for lo := max(p, yearsWindow(s, q)); lo <= q; lo++ {
			if yearsStart(s, lo) {
				if m, ok := yearsAt(s, lo); ok {
					f(m)
					p, matched = m.end, true
					break
				}
			}
		}
		if !matched {
			p = q + 1
		}
	}
}

// yearsReach bounds the bytes other than white space from a years
// phrase's start to its "year" or "yr" (see yearsAt): a qualifier (10,
// "at leaſt" included), a number word (7), "plus" (5 with a long s), a
// dash (3), a number word (7) and a '+', 33 in all.
const yearsReach = 40

// yearsWindow returns the first offset from which a years phrase may
// reach the "year" or "yr" at q: yearsReach bytes other than white space
// back from q. The windows of later words start no earlier.
func yearsWindow(s string, q int) int {
	n := 0
	for q > 0 {
		if !isSpaceByte(s[q-1]) {
			if n == yearsReach {
				break
			}
			n++
		}
		q--
	}
	return q
}

// indexYears returns the offset of the first "year", "yr" or short form
// (shortYears) in any ASCII case at or after from, or -1 (see
// mentionsYears).
//
// Its y is looked for with strings.IndexByte, which reads many bytes at a
// time: a capital Y, which few sentences hold, is looked for once and
// again only when passed; a small y then only up to it. roleYears runs it
// over a document's whole text, where a y comes every sixty bytes or so,
// and a search per y cost less than testing every eight bytes for one.
func indexYears(s string, from int) int {
	n := len(s) - 1 // a y must have a byte after it
	upper := -1     // the next 'Y' at or after i, n for none, once looked for
	for i := from; i < n; i++ {
		if upper < i {
			if k := strings.IndexByte(s[i:n], 'Y'); k >= 0 {
				upper = i + k
			} else {
				upper = n
			}
		}
		if j := strings.IndexByte(s[i:upper], 'y'); j >= 0 {
			i += j
		} else if i = upper; i == n {
			break
		}
		switch s[i+1] | 0x20 {
		case 'r':
			return i
		case 'e':
			if i+3 < len(s) && s[i+2]|0x20 == 'a' && s[i+3]|0x20 == 'r' {
				return i
			}
		case 'o':
			if i+2 < len(s) && s[i+2]|0x20 == 'e' && shortYears(s, i) >= 0 {
				return i
			}
		default:
			if i > 0 && s[i-1] == '+' && shortYears(s, i) >= 0 {
				return i
			}
		}
	}
	if last := len(s) - 1; last >= from && last > 0 && s[last]|0x20 == 'y' && shortYears(s, last) >= 0 {
		return last // "5+y" ends the text
	}
	return -1
}

// cueYearsAt reports whether the required-cue years shape matches at p of
// lower-cased s (the expression was case-sensitive on lower-cased text):
//
//	\d\s*\+\s*(?:years?|yrs) | \d\s*(?:-|–|to)\s*\d+\s*(?:years?|yrs) |
//	\b(?:\d{1,2}|one|...|ten)\+? (?:years?|yrs)\b
func cueYearsAt(s string, p int) bool {
	years := func(i int) int {
		if e := firstLit(s, i, false, "year", "yrs"); e >= 0 {
			return e
		}
		return shortYears(s, i)
	}
	if isDigit(s[p]) {
		i := skipSpace(s, p+1)
		if i < len(s) && s[i] == '+' && years(skipSpace(s, i+1)) >= 0 {
			return true
		}
		if e := firstLit(s, i, false, "-", "–", "to"); e >= 0 {
			j := skipSpace(s, e)
			if j < len(s) && isDigit(s[j]) {
				for j < len(s) && isDigit(s[j]) {
					j++
				}
				if years(skipSpace(s, j)) >= 0 {
					return true
				}
			}
		}
	}
	if !wordBoundary(s, p) {
		return false
	}
	var ends [2]int
	k := 0
	if isDigit(s[p]) {
		ends[k] = p + 1
		k++
		if p+1 < len(s) && isDigit(s[p+1]) {
			ends[k] = p + 2
			k++
		}
	} else {
		for _, w := range numberWords[:10] {
			if e := exactLit(s, p, w.w); e >= 0 {
				ends[k] = e
				k++
				break
			}
		}
	}
	for _, i := range ends[:k] {
		if i < len(s) && s[i] == '+' {
			i++
		}
		if i >= len(s) || s[i] != ' ' {
			continue
		}
		i++
		if e := exactLit(s, i, "year"); e >= 0 {
			if e < len(s) && s[e] == 's' && wordBoundary(s, e+1) || wordBoundary(s, e) {
				return true
			}
		} else if e := exactLit(s, i, "yrs"); e >= 0 && wordBoundary(s, e) {
			return true
		} else if shortYears(s, i) >= 0 {
			return true
		}
	}
	return false
}

// cueYearsIndex returns where the first required-cue years shape starts in
// lower-cased s, or -1.
func cueYearsIndex(s string) int { return cueYearsFrom(s, 0) }

// cueYearsFrom is cueYearsIndex from offset from of s.
func cueYearsFrom(s string, from int) int {
	for p := from; p < len(s); p++ {
		if c := s[p]; isDigit(c) || c == 'o' || c == 't' || c == 'f' || c == 's' || c == 'e' || c == 'n' {
			if cueYearsAt(s, p) {
				return p
			}
		}
	}
	return -1
}

// markupTags are the tag names whose presence makes a document HTML.
var markupTags = []string{"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b",
	"span", "em", "i", "a", "table", "tr", "td", "section", "article", "pre", "code", "blockquote"}

// escapedTags are the tag names that mark once-escaped HTML.
var escapedTags = []string{"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span"}

// isHTML reports whether doc is markup rather than plain text: it holds
// one of markupTags as a tag, as the expression
// (?i)</?(?:p|div|...)(?:\s[^>]*)?/?> would find it.
func isHTML(doc string) bool {
	// IndexByte is vectorised and LastIndexByte is not: plain text with no
	// '<' at all, the usual case, is dismissed without a byte-wise scan.
	first := strings.IndexByte(doc, '<')
	if first < 0 {
		return false
	}
	// Only a tag can hold a name followed by white space before the last
	// '>', which is looked for only when one asks: a tag closed right
	// after its name ("<p>", "<br/>"), the usual first one, has its '>'
	// in hand. (No '<' after the last '>' starts a tag.)
	lastGT := -2
	for p := first; p < len(doc); {
		j := strings.IndexByte(doc[p:], '<')
		if j < 0 {
			return false
		}
		p += j + 1
		i := p
		if i < len(doc) && doc[i] == '/' {
			i++
		}
		for _, name := range markupTags {
			e := foldLit(doc, i, name)
			if e < 0 || e >= len(doc) {
				continue
			}
			switch {
			case doc[e] == '>', doc[e] == '/' && e+1 < len(doc) && doc[e+1] == '>':
				return true
			case isSpaceByte(doc[e]):
				if lastGT == -2 {
					lastGT = strings.LastIndexByte(doc, '>')
				}
				if e < lastGT {
					return true
				}
			}
		}
	}
	return false
}

// isEscapedHTML reports whether doc holds markup that was entity-escaped
// once (Greenhouse's content field, RSS descriptions), as the expression
// (?i)&lt;/?(?:p|div|...)(?:\s[^&]*)?/?&gt; would find it.
func isEscapedHTML(doc string) bool {
	for p := 0; p < len(doc); {
		j := strings.IndexByte(doc[p:], '&')
		if j < 0 {
			return false
		}
		p += j
		i := foldLit(doc, p, "&lt;")
		p++
		if i < 0 {
			continue
		}
		if i < len(doc) && doc[i] == '/' {
			i++
		}
		for _, name := range escapedTags {
			e := foldLit(doc, i, name)
			if e < 0 || e >= len(doc) {
				continue
			}
			if isSpaceByte(doc[e]) {
				if a := strings.IndexByte(doc[e+1:], '&'); a >= 0 && foldLit(doc, e+1+a, "&gt;") >= 0 {
					return true
				}
				continue
			}
			if foldLit(doc, e, "&gt;") >= 0 || foldLit(doc, e, "/&gt;") >= 0 {
				return true
			}
		}
	}
	return false
}

// litAlt is one step of a hand-written alternation: the words that may
// come next.
type litAlt []string

// seqMatch reports whether the sequence of alternations matches at s[i:]
// (folded), returning every end offset it can reach; an empty string in
// an alternation makes it optional.
func seqEnds(s string, i int, seq []litAlt, ends []int) []int {
	if len(seq) == 0 {
		return append(ends, i)
	}
	for _, w := range seq[0] {
		if e := foldLitE(s, i, w); e >= 0 {
			ends = seqEnds(s, e, seq[1:], ends)
		}
	}
	return ends
}

// foldLitE is foldLit that also folds é with É, for "résumé".
func foldLitE(s string, i int, lit string) int {
	if strings.IndexByte(lit, 0xc3) < 0 { // no é: foldLit itself, not a call per byte
		return foldLit(s, i, lit)
	}
	for j := 0; j < len(lit); {
		if lit[j] == 0xc3 && j+1 < len(lit) && lit[j+1] == 0xa9 { // é
			if i+1 < len(s) && s[i] == 0xc3 && (s[i+1] == 0xa9 || s[i+1] == 0x89) {
				i, j = i+2, j+2
				continue
			}
			return -1
		}
		e := foldLit(s, i, lit[j:j+1])
		if e < 0 {
			return -1
		}
		i, j = e, j+1
	}
	return i
}

// noiseShapes are the sentences that name software without asking for it:
// how to apply ("apply on GitHub"), equipment and perks ("you choose
// macOS or Windows", "a laptop of your choice"). Each must stand between
// word boundaries, as in the expression they replace:
//
//	(?i)\b(?:laptops?|macbooks?|equipment|stipend|home[- ]office|
//	(?:how to|please) apply|^apply|apply (?:on|via|...)|send (?:us )?your
//	(?:cv|resume|résumé|application)|your choice of|you choose|pick your
//	(?:own )?(?:os|machine|hardware)|mac or (?:windows|linux|pc)|
//	windows or (?:mac|macos|linux))\b|\bto apply[,:]
//
// They are filed under the letter they open with, so that a word start
// is compared with the one or two shapes that can start there, not with
// all of them (TestNoiseInitials keeps them so).
var noiseShapes = [26][][]litAlt{
	0: { // 'a'
		{{"apply "}, {"on", "via", "through", "at", "here", "now", "by", "for this"}},
		{{"apply for the "}, {"role", "position", "job"}},
	},
	'e' - 'a': {{{"equipment"}}},
	'h' - 'a': {
		{{"home"}, {"-", " "}, {"office"}},
		{{"how to"}, {" apply"}},
	},
	'l' - 'a': {{{"laptop"}, {"s", ""}}},
	'm' - 'a': {
		{{"macbook"}, {"s", ""}},
		{{"mac or "}, {"windows", "linux", "pc"}},
	},
	'p' - 'a': {
		{{"please"}, {" apply"}},
		{{"pick your "}, {"own ", ""}, {"os", "machine", "hardware"}},
	},
	's' - 'a': {
		{{"stipend"}},
		{{"send "}, {"us ", ""}, {"your "}, {"cv", "resume", "résumé", "application"}},
	},
	'w' - 'a': {{{"windows or "}, {"mac", "macos", "linux"}}},
	'y' - 'a': {
		{{"your choice of"}},
		{{"you choose"}},
	},
}

// noiseInitials has bit c-'a' set for each ASCII letter c that a noise
// shape or "to apply" opens with (TestNoiseInitials keeps it so): a word
// boundary before any other byte below 0x80 starts none of them.
const noiseInitials = 1 | // 'a'
	1<<('e'-'a') | 1<<('h'-'a') | 1<<('l'-'a') | 1<<('m'-'a') |
	1<<('p'-'a') | 1<<('s'-'a') | 1<<('t'-'a') | 1<<('w'-'a') | 1<<('y'-'a')

// isNoise reports whether s is an application or equipment sentence.
func isNoise(s string) bool {
	var buf [8]int
	prevWord := false // whether s[p-1] is a word byte (see wordBoundary)
	for p := 0; p < len(s); p++ {
		w := isWordByte(s[p])
		if w == prevWord {
			continue
		}
		prevWord = w
		if c := s[p] | 0x20; s[p] < utf8.RuneSelf && (c < 'a' || c > 'z' || noiseInitials>>(c-'a')&1 == 0) {
			continue
		}
		if p == 0 {
			if e := foldLit(s, 0, "apply"); e >= 0 && wordBoundary(s, e) {
				return true
			}
		}
		// A byte beyond ASCII may open a letter that folds into one (a
		// long s): every shape is tried there.
		lo, hi := 0, len(noiseShapes)
		if c := lowerASCII(s[p]); c < utf8.RuneSelf {
			lo, hi = int(c-'a'), int(c-'a')+1
		}
		for _, shapes := range noiseShapes[lo:hi] {
			for _, shape := range shapes {
				for _, e := range seqEnds(s, p, shape, buf[:0]) {
					if wordBoundary(s, e) {
						return true
					}
				}
			}
		}
		if s[p]|0x20 == 't' {
			if e := foldLit(s, p, "to apply"); e >= 0 && e < len(s) && (s[e] == ',' || s[e] == ':') {
				return true
			}
		}
	}
	return false
}
