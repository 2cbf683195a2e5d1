package extract

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/skillpulse/skillpulse"
)

// cueKind is what a literal cue phrase signals.
type cueKind uint8

const (
	cuePref      cueKind = 1 << iota // a preferred cue: "nice to have"
	cueReq                           // a required cue: "must", "strong"
	cueNegTrig                       // may start a negation: check cueNegation
	cueYearsTrig                     // may be a years phrase: check cueYearsIndex
	cueNoiseTrig                     // may be an apply/equipment sentence: check noise
	cueAddrTrig                      // may hold a URL or address: check addresses
)

// Cue phrases are literals found in one automaton pass over the lower-cased
// clause, each checked for word boundaries. Only the few shapes that need
// more than a literal (negations, "5+ years") go to a regular expression,
// and only when a trigger word is present: running the expressions on
// every clause took most of the tagging time. The lists are '|'-separated
// constants so that the package holds no mutable state.
const (
	preferredCues    = "nice to have|nice-to-have|a plus|plus if|bonus|preferred|preferably|preferable|familiarity with|familiarity in|familiar with|familiar in|exposure to|ideally|good to have|desirable|desired|would be great|would be nice|would be helpful|would be a plus|would be an advantage|would be beneficial|helpful|an advantage|an added advantage|advantageous|optional|appreciated|interest in|willingness to learn|willing to learn|even better|a big plus|a huge plus|a strong plus|a definite plus|big pluses|pluses|interested in|would be valuable|would also be valuable|is valuable|are valuable"
	requiredCues     = "must|required|require|requires|mandatory|essential|strong|proficient|proficiency|expert|experts|expertise|deep knowledge|deep understanding|deep experience|deep expertise|extensive|solid|mastery|advanced knowledge|advanced skills|advanced experience|advanced understanding|fluent|fluency|in-depth|thorough|proven|excellent|comfortable with|comfortable writing|comfortable in|comfortable working|comfort with|comfort working|comfort in|comfortable using|comfortable on|comfortable operating|comfortable running|you possess|we expect|you should have|you need|you'll need|you’ll need|you will need|looking for skills|hands-on experience|track record|you have experience|you have deep|you understand|you know how to|you are a|you’re a|you're a|you have built|you've built|you’ve built|you have worked|you've worked|you’ve worked"
	negationTriggers = "no|not|never|without|don't|don’t|do not|doesn't|doesn’t|does not|won't|won’t|will not"
	yearsTriggers    = "year|years|yrs|yr"
	// noiseTriggers and addressTriggers are matched without word
	// boundaries: they only decide whether the expressions run. The
	// address triggers are these, a dot before each of addressTLDs and
	// each of addressSchemes with its colon.
	noiseTriggers   = "laptop|macbook|equipment|stipend|office|apply|send|email|choice|choose|pick|mac|windows"
	addressTriggers = "://|www.|@|data:"
)

// cueMatcher finds cue phrases. It is built once per Tagger.
type cueMatcher struct {
	ac    *automaton // cue phrases, negation and years triggers
	kinds []cueKind  // by pattern of ac
	// trig holds the noise and address triggers apart: they are matched
	// anywhere, not at word starts, over every sentence, and a small
	// automaton does that faster.
	trig      *automaton
	trigKinds []cueKind
	// noise holds the noise triggers by their first letter, for the
	// scan of ASCII sentences (see triggers); bytes classes every byte
	// for that scan.
	noise [26][]string
	bytes [256]uint8
}

// Byte classes of scanTriggers. tbNoise is tbWord<<1, so that a byte's
// class with its predecessor's class shifted left cleared out keeps
// tbNoise only at a word start; the other bits are out of that shift's
// way.
const (
	tbWord  = 1      // continues a word (isWordByte)
	tbNoise = 1 << 1 // the first letter of a noise trigger, in either case
	tbAddr  = 1 << 3 // '@', ':' or '.', after which address triggers are looked for
	tbHigh  = 1 << 6 // not ASCII
)

func newCueMatcher() *cueMatcher {
	var pats []string
	var kinds []cueKind
	add := func(list string, k cueKind) {
		for _, p := range strings.Split(list, "|") {
			pats = append(pats, p)
			kinds = append(kinds, k)
		}
	}
	add(preferredCues, cuePref)
	add(requiredCues, cueReq)
	add(negationTriggers, cueNegTrig)
	add(yearsTriggers, cueYearsTrig)
	c := &cueMatcher{ac: newAutomaton(pats), kinds: kinds}
	pats, kinds = nil, nil
	add(noiseTriggers, cueNoiseTrig)
	add(addressTriggers, cueAddrTrig)
	for _, tld := range addressTLDs {
		add("."+tld, cueAddrTrig)
	}
	for _, sc := range addressSchemes {
		add(sc+":", cueAddrTrig)
	}
	c.trig, c.trigKinds = newAutomaton(pats), kinds
	for _, w := range strings.Split(noiseTriggers, "|") {
		c.noise[w[0]-'a'] = append(c.noise[w[0]-'a'], w)
		c.bytes[w[0]] |= tbNoise
		c.bytes[w[0]-'a'+'A'] |= tbNoise
	}
	for b := range 256 {
		switch {
		case isWordByte(byte(b)):
			c.bytes[b] |= tbWord
		case b == '@' || b == ':' || b == '.':
			c.bytes[b] |= tbAddr
		case b >= utf8.RuneSelf:
			c.bytes[b] |= tbHigh
		}
	}
	return c
}

// triggers reports whether s may be a noise sentence (cueNoiseTrig) or
// hold an address (cueAddrTrig), the shapes checked by scanner and
// expression; a false alarm only costs the check.
//
// ASCII text, nearly every sentence, takes a short cut with the same
// outcome, one pass over its bytes: every noise shape starts a trigger
// word at a word start, and the address triggers are found by looking
// after each '.', '@' and ':' only. Other text runs the trigger
// automaton over every byte, since case folding beyond ASCII (the long
// s, the Kelvin sign) lets the shapes match where the trigger words are
// not spelled in ASCII.
func (c *cueMatcher) triggers(s string) cueKind {
	ascii, kinds := c.scanTriggers(s)
	if !ascii {
		var buf [16]acMatch
		for _, m := range c.trig.findAll(s, buf[:0]) {
			kinds |= c.trigKinds[m.pat]
		}
	}
	return kinds
}

// scanTriggers reports, in one pass, whether s is ASCII and, if it is,
// which triggers it holds (ASCII case folded): a noise trigger word at a
// word start (a start findAnchored would walk from), or one of
// addressTriggers, found by looking only at the bytes after each '.',
// '@' and ':'.
func (c *cueMatcher) scanTriggers(s string) (ascii bool, kinds cueKind) {
	var prev uint8 // the class of the byte before; none at the start
	for i := 0; i < len(s); i++ {
		k := c.bytes[s[i]]
		m := k &^ (prev << 1) // tbNoise only at a word start (see tbNoise)
		prev = k
		if m&(tbNoise|tbAddr|tbHigh) == 0 {
			continue // nearly every byte
		}
		switch {
		case m&tbHigh != 0:
			return false, 0
		case m&tbNoise != 0:
			if kinds&cueNoiseTrig == 0 {
				for _, w := range c.noise[s[i]|0x20-'a'] {
					if len(s)-i >= len(w) && foldASCIIEqual(s[i:i+len(w)], w) {
						kinds |= cueNoiseTrig
						break
					}
				}
			}
		case kinds&cueAddrTrig != 0:
		case s[i] == '@':
			kinds |= cueAddrTrig
		case s[i] == ':':
			if strings.HasPrefix(s[i:], "://") || schemeBefore(s, i) {
				kinds |= cueAddrTrig
			}
		case i >= 3 && foldLit(s, i-3, "www.") == i+1:
			kinds |= cueAddrTrig
		default: // '.'
			for _, tld := range addressTLDs {
				if foldLit(s, i+1, tld) >= 0 {
					kinds |= cueAddrTrig
					break
				}
			}
		}
	}
	return true, kinds
}

// schemeBefore reports whether one of addressSchemes, or "data", ends
// at s[i], the colon after it, ASCII case folded.
func schemeBefore(s string, i int) bool { return schemeStart(s, i) >= 0 }

// addressTLDs are the top-level domains whose dotted form (".io") is an
// address trigger: the one list both the automaton and scanTriggers read.
var addressTLDs = [...]string{"com", "io", "org", "co", "dev", "ai", "app", "sh", "cloud", "tech", "us", "uk", "de", "fr", "gg", "xyz", "me", "so", "ly"}

// cueOf returns the level a clause's cue phrases set, or 0 when it has
// none: negation, then preferred, then required. Parenthesised cues that
// belong to one skill ("GCP (preferred)") are ignored here.
//
// leading reports that the cue opens the clause ("ideally with ECS",
// "familiarity with Kafka"): such a cue qualifies what follows it, so
// the clauses before it do not take it (see clauses).
func (c *cueMatcher) cueOf(s string, lower *[]byte) (lvl skillpulse.Level, leading bool) {
	named := strings.IndexByte(s, '(') >= 0 && namedParen(s) >= 0
	s = toLower(s, lower)
	if named {
		s = dropNamedParens(s)
	}
	if strings.Contains(s, "(") {
		s = dropParenCues(s)
	}
	if strings.Contains(s, " required") || strings.Contains(s, " needed") {
		s = dropAsRequired(s)
	}
	var buf [16]acMatch
	var kinds cueKind
	// By bit of cueKind: where its first phrase starts. "First" is the
	// phrase that ends first (of two that end together, the longer),
	// the order a scan of the clause meets them in.
	var first, firstEnd [8]int
	for _, m := range c.ac.findAnchored(s, buf[:0]) {
		if boundary(s, int(m.start), int(m.end)) {
			k := c.kinds[m.pat]
			b := bits.TrailingZeros8(uint8(k))
			if kinds&k == 0 || int(m.end) < firstEnd[b] {
				first[b], firstEnd[b] = int(m.start), int(m.end)
			}
			kinds |= k
		}
	}
	at := func(loc []int) bool { return loc != nil && opensClause(s[:loc[0]]) }
	switch {
	case kinds&cueNegTrig != 0:
		if loc := cueNegation.FindStringIndex(s); loc != nil {
			return skillpulse.LevelMentioned, at(loc)
		}
	}
	switch {
	case kinds&cuePref != 0:
		return skillpulse.LevelPreferred, opensClause(s[:first[bits.TrailingZeros8(uint8(cuePref))]])
	case kinds&cueReq != 0:
		return skillpulse.LevelRequired, opensClause(s[:first[bits.TrailingZeros8(uint8(cueReq))]])
	case kinds&cueYearsTrig != 0:
		if i := cueYearsIndex(s); i >= 0 {
			return skillpulse.LevelRequired, opensClause(s[:i])
		}
	}
	return 0, false
}

// asRequired are phrases with "required" in them that ask for nothing:
// "Develop infrastructure as code as required".
var asRequired = [...]string{"as required", "as needed", "when required", "where required", "if required", "when needed", "where needed", "if needed"}

// dropAsRequired blanks the asRequired phrases of the lower-cased s.
func dropAsRequired(s string) string {
	for _, p := range asRequired {
		if strings.Contains(s, p) {
			s = strings.ReplaceAll(s, p, strings.Repeat(" ", len(p)))
		}
	}
	return s
}

// opensClause reports whether prefix (the clause text before a cue) holds
// nothing but conjunctions: the cue then opens the clause.
func opensClause(prefix string) bool {
	for i := 0; i < len(prefix); {
		r, n := utf8.DecodeRuneInString(prefix[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(prefix) {
			r, n := utf8.DecodeRuneInString(prefix[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		switch strings.Trim(prefix[i:j], "&-–—:") {
		case "", "and", "or", "but", "also", "plus":
		default:
			return false
		}
		i = j
	}
	return true
}

// parenCues are the words a parenthesised cue may hold, in the order the
// expression this replaces tried them.
var parenCues = [...]string{"preferred", "preferably", "a plus", "plus", "nice to have", "bonus", "optional",
	"ideally", "required", "must", "must have", "mandatory", "not all required", "not all are required", "not required"}

// dropParenCues removes the parenthesised cues ("(preferred)") from
// lower-cased s, as \(\s*(?:preferred|...|mandatory)\s*\) replaced with ""
// did: they belong to one skill (see localCue), not to the clause.
func dropParenCues(s string) string {
	var b []byte
	last := 0
	for p := 0; p < len(s); p++ {
		if s[p] != '(' {
			continue
		}
		i := skipSpace(s, p+1)
		for _, w := range parenCues {
			e := exactLit(s, i, w)
			if e < 0 {
				continue
			}
			if j := skipSpace(s, e); j < len(s) && s[j] == ')' {
				b = append(b, s[last:p]...)
				last = j + 1
				p = j
				break
			}
		}
	}
	if b == nil && last == 0 {
		return s
	}
	return string(append(b, s[last:]...))
}

// namedParen returns the start of the first parenthesis of s that names
// something (a capital inside) and holds a cue ("(React is a plus)",
// "(preferably MongoDB)"), or -1. Such a cue belongs to what the
// parenthesis names (see parenLevel), not to the clause around it.
func namedParen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return -1
		}
		inner := s[i+1 : i+j]
		if strings.ContainsFunc(inner, unicode.IsUpper) && parenHasCue(inner) {
			return i
		}
		i += j
	}
	return -1
}

// parenHasCue reports whether a parenthesis holds one of parenCues or "a
// plus", as a word, ASCII case folded.
func parenHasCue(inner string) bool {
	for _, w := range parenCues {
		for k := 0; ; {
			j := indexFoldASCII(inner[k:], w)
			if j < 0 {
				break
			}
			j += k
			if wordBoundary(inner, j) && wordBoundary(inner, j+len(w)) {
				return true
			}
			k = j + 1
		}
	}
	return false
}

// indexFoldASCII is strings.Index ignoring ASCII case; sub is lower-case.
func indexFoldASCII(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

// dropNamedParens blanks, in lower-cased s, every parenthesis that holds a
// cue and a word besides it (the lower-cased form of what namedParen
// found): "experience with node.js (react is a plus)" keeps no cue.
func dropNamedParens(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if b[i] != '(' {
			continue
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			break
		}
		inner := s[i+1 : i+j]
		if parenHasCue(inner) && len(strings.Fields(inner)) > 1 {
			for k := i; k <= i+j; k++ {
				b[k] = ' '
			}
		}
		i += j
	}
	return string(b)
}

// toLower is strings.ToLower, written into buf when s is ASCII (the usual
// case) so that it allocates nothing. The result is only valid until buf
// is used again.
func toLower(s string, buf *[]byte) string {
	b := (*buf)[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		b = append(b, lowerASCII(c))
	}
	*buf = b
	return unsafe.String(unsafe.SliceData(b), len(b))
}
