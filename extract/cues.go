package extract

import (
	"encoding/binary"
	"math/bits"
	"slices"
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
	cueSeekTrig                      // says whom the company seeks: check seeksBackground
)

// Cue phrases are literals found in one automaton pass over the lower-cased
// clause, each checked for word boundaries. Only the few shapes that need
// more than a literal (negations, "5+ years") go to a regular expression,
// and only when a trigger word is present: running the expressions on
// every clause took most of the tagging time. The lists are '|'-separated
// constants so that the package holds no mutable state.
const (
	preferredCues    = "nice to have|nice-to-have|a plus|plus if|bonus|preferred|preferably|preferable|familiarity with|familiarity in|familiar with|familiar in|exposure to|ideally|good to have|desirable|desired|would be great|would be nice|would be helpful|would be a plus|would be an advantage|would be beneficial|helpful|an advantage|an added advantage|advantageous|optional|optionally|appreciated|interest in|willingness to learn|willing to learn|willing to use|willing to work in|willing to work with|or is eager to learn|or eager to learn|or a desire to learn|or the desire to learn|or keen to learn|even better|a big plus|a huge plus|a strong plus|a definite plus|big pluses|pluses|interested in|would be valuable|would also be valuable|is valuable|are valuable|is valued|are valued|is also valued|highly valued|is beneficial|are beneficial|bonuses|beneficial experience|beneficial skills|beneficial knowledge"
	requiredCues     = "must|required|require|requires|mandatory|essential|strong|proficient|proficiency|expert|experts|expertise|deep knowledge|deep understanding|deep experience|deep expertise|extensive|solid|mastery|advanced knowledge|advanced skills|advanced experience|advanced understanding|fluent|fluency|in-depth|thorough|proven|excellent|comfortable|comfort with|comfort working|comfort in|you should be|you must be|you possess|we expect|you should have|you need|you'll need|you’ll need|you will need|looking for skills|hands-on experience|track record|you have experience|you have deep|you understand|you know how to|you are a|you’re a|you're a|you have built|you've built|you’ve built|you have worked|you've worked|you’ve worked|ideal candidate|candidate will have|candidate would have|candidate should have|candidate has|ideal background|skilled in|skilled with|skilled at|experienced in|experienced with"
	negationTriggers = "no|not|never|without|don't|don’t|do not|doesn't|doesn’t|does not|won't|won’t|will not"
	yearsTriggers    = "year|years|yrs|yr|yoe|y"
	// seekerTriggers are the phrases of seekers (seekers.go).
	seekerTriggers = "looking for|seeking|hiring|searching for|in search of|we need"
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
	// noise2 holds, by a noise trigger's first letter, the bit of each
	// letter that follows it in one ('a' is bit 0): most word starts
	// with such a first letter are ruled out by their second.
	noise2 [26]uint32
	// noise3 is a filter of the noise triggers' first three letters
	// (lower-case, packed as noiseKey3 packs them) for the trigger
	// scan's short words: most words that pass noise2 ("with", "will",
	// "senior") start no trigger, and are ruled out by one bit.
	noise3 [16]uint64
	bytes  [256]uint8
	// notLetter is 1 for the bytes that are not ASCII letters, for
	// letterEnd.
	notLetter [256]uint8
}

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
	add(seekerTriggers, cueSeekTrig)
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
		if second := w[1] - 'a'; second < 26 {
			c.noise2[w[0]-'a'] |= 1 << second
		} else {
			c.noise2[w[0]-'a'] = ^uint32(0) // not a letter: no filter
		}
		c.bytes[w[0]] |= tbNoise
		c.bytes[w[0]-'a'+'A'] |= tbNoise
		if len(w) < 3 || !isASCIILetter(w[1]) || !isASCIILetter(w[2]) {
			c.noise3 = [16]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0),
				^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)} // no filter
			continue
		}
		h := noiseHash3(uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16)
		c.noise3[h>>6] |= 1 << (h & 63)
	}
	for b := range 256 {
		switch {
		case isWordByte(byte(b)):
			c.bytes[b] |= tbWord
		case b == '@' || b == ':' || b == '.':
			c.bytes[b] |= tbAddr
		case b >= utf8.RuneSelf:
			c.bytes[b] |= tbHigh
		case b == '\'':
			c.bytes[b] |= tbApos
		}
		if isASCIILetter(byte(b)) {
			c.bytes[b] |= tbLetter
		} else {
			c.notLetter[b] = 1
		}
	}
	return c
}

// cueOf returns the level a clause's cue phrases set, or 0 when it has
// none: negation, then preferred, then required. Parenthesised cues that
// belong to one skill ("GCP (preferred)") are ignored here.
//
// leading reports that the cue opens the clause ("ideally with ECS",
// "familiarity with Kafka"): such a cue qualifies what follows it, so
// the clauses before it do not take it (see clauses).
func (c *cueMatcher) cueOf(s string, lower *[]byte) (lvl skillpulse.Level, leading bool) {
	lvl, leading, _ = c.clauseCue(s, lower)
	return lvl, leading
}

// clauseCue is cueOf that also reports whether the clause holds one of
// seekerTriggers ("looking for", "seeking", "hiring"), for
// seeksBackground.
func (c *cueMatcher) clauseCue(s string, lower *[]byte) (lvl skillpulse.Level, leading, seek bool) {
	return c.cueIn(s, toLower(s, lower), nil, 0, false, true)
}

// cueIn is clauseCue for clause s lower-cased as lower. When scanned,
// found holds what the cue automaton found in the text lower is cut from
// (its sentence, lower-cased as a whole), ordered by start and offset by
// base, the offset of lower in that text; mayAsk is false when that text
// holds none of " required" and " needed". A clause whose cues the
// parenthesis and "as required" rules edit out is scanned again on its
// own; every other clause reads the sentence's scan, and one it holds no
// phrase of is read at no more cost than a look at those it holds.
func (c *cueMatcher) cueIn(s, lower string, found []acMatch, base int32, scanned, mayAsk bool) (lvl skillpulse.Level, leading, seek bool) {
	edited := false
	if strings.IndexByte(s, '(') >= 0 && (!scanned || parenCueIn(lower)) {
		if namedParen(s) >= 0 {
			lower, edited = dropNamedParens(lower), true
		}
		if strings.Contains(lower, "(") {
			if d := dropParenCues(lower); len(d) != len(lower) {
				lower, edited = d, true
			}
		}
	}
	if (mayAsk || edited) && (containsAfterSpace(lower, "required", 2) || containsAfterSpace(lower, "needed", 3)) {
		if d := dropAsRequired(lower); d != lower {
			lower, edited = d, true
		}
	}
	if edited || !scanned {
		var buf [16]acMatch
		found, base = c.ac.findAnchored(lower, buf[:0]), 0
	}
	return c.readCue(lower, found, base)
}

// readCue reads the level of lower-cased clause s (see cueOf) from the
// cue phrases found in it: found are ordered by start, offset by base,
// and those that start before s or end after it are none of its.
func (c *cueMatcher) readCue(s string, found []acMatch, base int32) (lvl skillpulse.Level, leading, seek bool) {
	var kinds cueKind
	// By bit of cueKind: where its first phrase starts. "First" is the
	// phrase that ends first (of two that end together, the longer),
	// the order a scan of the clause meets them in.
	var first, firstEnd [8]int
	// closes: a preferred phrase that neither opens the clause nor opens
	// what it governs ("..., or interest in developer tooling is a
	// plus"): it closes the list before it, whatever opens the clause.
	closes := false
	for _, m := range found {
		start, end := int(m.start-base), int(m.end-base)
		if start >= len(s) {
			break // the sentence's next clauses
		}
		if start < 0 || end > len(s) {
			continue // not all in the clause
		}
		if boundary(s, start, end) {
			k := c.kinds[m.pat]
			if k == cueReq && s[start] == 'r' && strings.HasPrefix(s[start:], "requir") && othersNeed(s, start, end) {
				continue // someone else's need: "legacy players who require complex integrations"
			}
			if k == cueReq && s[start] == 'h' && prevWordIs(s, start, "want", "wants", "gain", "gains", "get", "gets") >= 0 {
				continue // what the role gives: "If you want hands-on experience with Kubernetes, this is the role"
			}
			if k == cuePref && s[start] == 'i' && interestInJob(s, start, end) {
				continue // "interested in joining a fintech venture"
			}
			if k == cuePref && s[start] == 'b' && strings.HasPrefix(s[start:], "bonus") && payBonus(s, start, end) {
				continue // pay: "$160~180k USD + up to 10% bonus"
			}
			if k == cuePref && (s[start] == 'f' || s[start] == 'e') && prevWordIs(s, start, "need", "needs", "require", "requires") >= 0 {
				continue // a need: "the core technologies you'll need familiarity with"
			}
			if k == cueReq && s[start] == 's' && s[start:end] == "strong" && nextWordIs(s, end, "focus", "emphasis") {
				continue // the team's emphasis: "strong focus on automated tests"
			}
			if k == cueReq && s[start] == 'e' && prevWordIs(s, start, "build", "gain", "develop", "grow", "deepen", "broaden") >= 0 {
				continue // what the role gives: "a good place to build expertise"
			}
			if k == cuePref && notBefore(s, start) {
				continue // denied: (not "willing to learn"), "not optional"
			}
			b := bits.TrailingZeros8(uint8(k))
			if kinds&k == 0 || end < firstEnd[b] {
				first[b], firstEnd[b] = start, end
			}
			kinds |= k
			if k == cuePref && !closes && !opensObject(s[start:end]) && !opensClause(s[:start]) {
				closes = true
			}
		}
	}
	at := func(loc []int) bool { return loc != nil && opensClause(s[:loc[0]]) }
	switch {
	case kinds&cueNegTrig != 0 && mayNegate(s):
		if loc := cueNegation.FindStringIndex(s); loc != nil {
			if kinds&cuePref != 0 {
				// "is beneficial but not required", "are bonuses but
				// not required": wanted, not asked.
				break
			}
			return skillpulse.LevelMentioned, at(loc), false
		}
	}
	switch {
	case kinds&cuePref != 0:
		b := bits.TrailingZeros8(uint8(cuePref))
		return skillpulse.LevelPreferred, !closes && (opensClause(s[:first[b]]) || opensObject(s[first[b]:firstEnd[b]])), false
	case kinds&cueReq != 0:
		return skillpulse.LevelRequired, opensClause(s[:first[bits.TrailingZeros8(uint8(cueReq))]]), false
	case kinds&cueYearsTrig != 0:
		// The person's years ("Senior SRE (10+ YOE) - Set up ...",
		// hn-47270606, dev) ask for no skill of the line.
		i := cueYearsIndex(s)
		for i >= 0 && rolesYears(s, i) {
			j := i
			for j < len(s) && s[j] != ')' {
				j++ // past the parenthesis: "(10+ yoe)" holds no other years
			}
			i = cueYearsFrom(s, j)
		}
		if i >= 0 && !timeSpan(s, i) {
			return skillpulse.LevelRequired, opensClause(s[:i]), false
		}
	}
	return 0, false, kinds&cueSeekTrig != 0
}

// containsAfterSpace is strings.Contains(s, " "+w). w is looked for at
// its byte w[k], chosen rare in clauses (the 'q' of "required"): far
// fewer places hold it than spaces or most first bytes, and one search
// for it rules most clauses out.
func containsAfterSpace(s, w string, k int) bool {
	for p := k; p < len(s); p++ {
		j := strings.IndexByte(s[p:], w[k])
		if j < 0 {
			return false
		}
		p += j
		if st := p - k; st > 0 && st+len(w) <= len(s) && s[st-1] == ' ' && s[st:st+len(w)] == w {
			return true
		}
	}
	return false
}

// indexAt is strings.Index(s, w), w looked for at its byte w[k], chosen
// rare in text (the 'd' of " and "): one search for that byte passes over
// most of s, where strings.Index, which looks for w's first byte, a
// space, stopped at every word.
func indexAt(s, w string, k int) int {
	for p := k; p+len(w)-k <= len(s); p++ {
		j := strings.IndexByte(s[p:len(s)-(len(w)-k-1)], w[k])
		if j < 0 {
			return -1
		}
		p += j
		// w's bytes either side of w[k] are compared first, one at a
		// time: most places w[k] shows are ruled out by a neighbour,
		// without a call to compare strings.
		if st := p - k; (k == 0 || s[p-1] == w[k-1]) && (k+1 == len(w) || s[p+1] == w[k+1]) && s[st:st+len(w)] == w {
			return st
		}
	}
	return -1
}

// negationObjects are words or phrases one of which every match of
// cueNegation holds, lower-case: what is not required ("requir",
// "needed", "necessary", "expect", "prerequisite", "a must"), not known
// ("no experience", "no prior ...", "no knowledge"), not needed ("need",
// "have to") or not a fit ("fit", "for you").
var negationObjects = [...]string{"requir", "need", "necessary", "expect", "prerequisite", "a must", "no experience", "no knowledge", "no prior ", "no previous ", "have to", "fit", "for you"}

// mayNegate reports whether cueNegation may match lower-cased s: most
// clauses with a negation word ("not only", "no matter") hold none of
// negationObjects, and the expression is not run over them.
func mayNegate(s string) bool {
	for _, o := range negationObjects {
		if strings.Contains(s, o) {
			return true
		}
	}
	return false
}

// opensObject reports whether a preferred cue phrase is one that opens
// what it governs ("exposure to", "familiarity with", "interest in"): it
// qualifies what follows it, so it closes no list before it ("Go
// microservices, DynamoDB, redis, some exposure to rails + postgres"), as
// "is a plus" does.
func opensObject(phrase string) bool {
	for _, p := range [...]string{" to", " with", " in"} {
		if strings.HasSuffix(phrase, p) {
			return true
		}
	}
	return false
}

// jobInterests, after "interested in" or "interest in", make it an
// interest in the job, not in a skill: "interested in joining a fintech
// venture", "interested in this role", "interested in hearing more".
const jobInterests = " joining working applying hearing chatting talking learning the this our us being relocating moving "

// interestInJob reports whether the "interest(ed) in" at s[start:end]
// (lower-cased) is followed by one of jobInterests.
func interestInJob(s string, start, end int) bool {
	if !strings.HasSuffix(s[start:end], " in") {
		return false
	}
	ws, we := wordAt(s, end)
	return ws < we && inWords(jobInterests, s[ws:we])
}

// othersNeed reports whether the "require..." at s[start:end] (lower-cased)
// is someone else's need, not the candidate's: after "who", "that" or
// "which" ("legacy players who require complex integrations"), or
// "required to" after a noun ("the background information required to
// accomplish tasks"), where "you are required to", "is required to" ask.
func othersNeed(s string, start, end int) bool {
	if prevWordIs(s, start, "who", "that", "which") >= 0 {
		return true
	}
	if !strings.HasPrefix(s[end:], " to ") || s[start:end] != "required" {
		return false
	}
	ws, we := prevWordAt(s, start)
	return ws >= 0 && !inWords(" is are be been was were also not you candidates candidate ", s[ws:we])
}

// backgroundOpeners open a clause that states what the candidate brings,
// lower-cased: "Experience with GraphQL and modern application
// architecture", "Knowledge of Terraform". Where no heading says so, a
// list of such items is what the candidate brings (RULES.md, levels 4).
var backgroundOpeners = [...]string{"experience ", "experienced in ", "experienced with ", "knowledge of ", "knowledge in ", "knowledge about ", "background in ", "understanding of ", "hands-on ", "ability to ", "the ability to "}

// backgroundAdjectives may come before one of backgroundOpeners without
// making a cue of their own: "Good knowledge of cryptography", "Working
// knowledge of Terraform", "Prior experience with Kafka".
var backgroundAdjectives = [...]string{"good ", "working ", "practical ", "demonstrated ", "prior ", "previous ", "professional ", "relevant ", "sound ", "general "}

// opensWithBackground reports whether clause s opens with one of
// backgroundOpeners, in any ASCII case, after a bullet, a conjunction or
// spaces.
func opensWithBackground(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '-' || s[i] == '*') {
		i++
	}
	// Each list is tried only when the next letter can open one of its
	// words: most clauses open with none of them. Within a list, only the
	// words that open with that letter are compared: letterIn passed
	// only an ASCII letter, so comparing first letters is foldLit's own
	// first step, without the call for every word of the list.
	if i < len(s) && letterIn(conjunctionInitials, s[i]) {
		for _, c := range [...]string{"and ", "or ", "plus "} {
			if c[0] != lowerASCII(s[i]) {
				continue
			}
			if e := foldLit(s, i, c); e >= 0 {
				i = e
				break
			}
		}
	}
	if i < len(s) && letterIn(adjectiveInitials, s[i]) {
		for _, c := range backgroundAdjectives {
			if c[0] != lowerASCII(s[i]) {
				continue
			}
			if e := foldLit(s, i, c); e >= 0 {
				i = e
				break
			}
		}
	}
	if i == len(s) || !letterIn(openerInitials, s[i]) {
		return false
	}
	for _, o := range backgroundOpeners {
		if o[0] == lowerASCII(s[i]) && foldLit(s, i, o) >= 0 {
			return true
		}
	}
	return false
}

// letterIn reports whether c, ASCII case folded, is one of the letters
// of set (bit c-'a' for each letter, see letters): a bit test where
// strings.IndexByte(letters, c|0x20) paid a call.
func letterIn(set uint32, c byte) bool {
	x := c | 0x20 - 'a'
	return x < 26 && set>>x&1 != 0
}

// The first letters opensWithBackground looks for, as letterIn's sets:
// of "and ", "or ", "plus "; of backgroundAdjectives; of
// backgroundOpeners (TestBackgroundInitials keeps them so).
const (
	conjunctionInitials = 1 /* a */ | 1<<('o'-'a') | 1<<('p'-'a')
	adjectiveInitials   = 1<<('d'-'a') | 1<<('g'-'a') | 1<<('p'-'a') | 1<<('r'-'a') | 1<<('s'-'a') | 1<<('w'-'a')
	openerInitials      = 1 /* a */ | 1<<('b'-'a') | 1<<('e'-'a') | 1<<('h'-'a') | 1<<('k'-'a') | 1<<('t'-'a') | 1<<('u'-'a')
)

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
// nothing but conjunctions (and "are", the verb of a list of what the
// candidate is: ", and are willing to learn and evolve your skillset",
// fixture:lever/postings_moo.json#91e9c325): the cue then opens the
// clause.
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
		case "", "and", "or", "but", "also", "plus", "are":
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

// parenCueIn reports whether a parenthesis of lower-cased s holds one of
// parenCues (see parenHasCue), reading from each '(' to the first ')'
// after it: only then can namedParen find one in s, or dropParenCues drop
// one, when lower-casing kept s byte for byte (keeping which bytes are
// word bytes). A '(' before that ')' opens a part of what the first one
// holds, with the same word boundaries, and is not read again.
func parenCueIn(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return false
		}
		if parenHasCue(s[i+1 : i+j]) {
			return true
		}
		i += j
	}
	return false
}

// parenHasCue reports whether a parenthesis holds one of parenCues or "a
// plus", as a word, ASCII case folded.
func parenHasCue(inner string) bool {
	// One pass over the word starts, each compared with the cues that
	// begin with its letter.
	for j := 0; j < len(inner); j++ {
		c := inner[j] | 0x20
		if c < 'a' || c > 'z' || !wordBoundary(inner, j) {
			continue
		}
		for _, w := range parenCues {
			if w[0] == c && len(inner)-j >= len(w) && foldASCIIEqual(inner[j:j+len(w)], w) && wordBoundary(inner, j+len(w)) {
				return true
			}
		}
	}
	return false
}

// indexFoldASCII is strings.Index ignoring ASCII case; sub is lower-case.
// Places where sub's first byte cannot be are passed over eight bytes at a
// time: when that byte has 0x20 set (as every lower-case letter, digit
// and space does), only a byte that equals it once 0x20 is set may match
// it in either case.
func indexFoldASCII(s, sub string) int {
	n := len(sub)
	if n == 0 {
		return 0
	}
	c0 := uint64(sub[0])
	for i := 0; i+n <= len(s); i++ {
		if c0&0x20 != 0 {
			for ; i+8 <= len(s); i += 8 {
				x := (load8(s, i) | 0x20*laneOnes) ^ c0*laneOnes
				if m := (x - laneOnes) &^ x & laneHighs; m != 0 { // the lowest lane flagged is 0
					i += bits.TrailingZeros64(m) / 8
					break
				}
			}
			if i+n > len(s) {
				return -1
			}
		}
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

// toLower is strings.ToLower written into buf, so that it allocates
// nothing: ASCII bytes are folded as they are, and from the first byte
// beyond ASCII on, runes are mapped with unicode.ToLower as strings.Map
// maps them (a byte of invalid UTF-8 becomes U+FFFD). The result is only
// valid until buf is used again.
func toLower(s string, buf *[]byte) string {
	l, _ := lowerKeeping(s, buf)
	return l
}

// lowerKeeping is toLower that also reports whether the result keeps
// every byte offset of s: whether each rune lower-cases to as many bytes
// as it takes in s, as all but a few do (the Kelvin sign lower-cases to
// 'k', a byte of invalid UTF-8 becomes three).
func lowerKeeping(s string, buf *[]byte) (string, bool) {
	keeps := true
	b := slices.Grow((*buf)[:0], len(s))
	for i := 0; i < len(s); {
		// Eight ASCII bytes at a time: a lane holds a capital when
		// adding 0x80-'A' sets its high bit and adding 0x80-'Z'-1 does
		// not (no carry leaves a lane of ASCII), and that bit shifted
		// down to 0x20 lower-cases it. A byte beyond ASCII stops this
		// for one byte or rune only: a sentence's quotes and dashes come
		// one in many words.
		for ; i+8 <= len(s); i += 8 {
			w := load8(s, i)
			if w&laneHighs != 0 {
				break
			}
			upper := (w + (0x80-'A')*laneOnes) &^ (w + (0x80-'Z'-1)*laneOnes) & laneHighs
			b = binary.LittleEndian.AppendUint64(b, w|upper>>2)
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, lowerASCII(c))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:]) // as ranging over s decodes it
		l := unicode.ToLower(r)
		b = utf8.AppendRune(b, l)
		keeps = keeps && utf8.RuneLen(l) == n
		i += n
	}
	*buf = b
	return unsafe.String(unsafe.SliceData(b), len(b)), keeps
}

// notBefore reports whether the cue phrase at start of lower-cased s
// comes right after "not", perhaps with an opening quote between: the
// preference is denied ("Shipped real Go in production (not \"willing to
// learn\")", hn-47988482, blind3; "is not optional").
func notBefore(s string, start int) bool {
	i := start
	for i > 0 && (s[i-1] == '"' || s[i-1] == '\'') {
		i--
	}
	if strings.HasSuffix(s[:i], "\u201c") {
		i -= 3
	}
	return i >= 4 && s[i-1] == ' ' && s[i-4:i-1] == "not" && (i == 4 || !isWordByte(s[i-5]))
}

// nextWordIs reports whether the word right after offset i of s, across
// spaces, is one of words (lower-case s).
func nextWordIs(s string, i int, words ...string) bool {
	w := nextWordFold(s, i)
	for _, x := range words {
		if w == x {
			return true
		}
	}
	return false
}
