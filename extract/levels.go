package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// Section headings are recognised by phrases found anywhere in the
// lower-cased heading (one automaton pass, see headingMatcher). Preferred
// phrases win first, because "Preferred qualifications" and "Good to have
// skills" also hold a required word; then the "about you" family (which
// must beat "about us"); then mentioned ("What you'll do" before "what
// you'll need" could never clash, but "Benefits & experience" should
// stay benefits); then required.
const (
	headPreferred = "good to know|nice to know|nice to have|nice-to-have|nice to haves|nice-to-haves|bonus|preferred|plus|pluses|plusses|good to have|good-to-have|desired|desirable|extra credit|would be great|will be great|great if you|would be nice|ideally|preferable|optional|not required|stand out|even better|advantage|advantageous"
	headAboutYou  = "what you'll need|what you’ll need|what youll need|what you need|what you will need|what we need|what we want|about you|who you are|what you bring|you'll bring|you’ll bring|you will bring|you bring|you'll have|you’ll have|you will have|you have|apply if|thrive if|a fit if|a good fit if|the person we want|strong fit|great fit|good fit|perfect fit|right fit|you fit if|thrive here if"
	// headDuties are the mentioned headings over what the role will do:
	// a list under one may still state what the candidate brings (see
	// section.duties).
	headDuties    = "responsibilit|what you'll do|what you’ll do|what you will do|what you'll be doing|what you’ll be doing|what you will be doing|what you'd do|what you’d do|what you would do|what you'd be doing|what you’d be doing|what you would be doing|you'll work on|you’ll work on|you will work on|what you'll build|what you’ll build|what you will build|what you'd build|what you’d build|you'll own|you’ll own|what you'd own|what you’d own|work includes|day to day|day-to-day|the role|about the role|about the position"
	headMentioned = "about us|about the team|about the company|about the job|overview|benefits|perks|what we offer|we offer|to offer|can offer|search terms|keywords|life at|life @|why join|why work|why you'll love|why you’ll love|what's in it for you|what’s in it for you|what you'll get|what you’ll get|our culture|our values|compensation|salary|our stack|tech stack|technology stack|stack|technologies we use|tools we use|our tech|the team|who we are|our mission|how to apply|location|equal opportunity|role boundaries|out of scope|kpis|key performance|impact you|mission|culture|interview"
	headRequired  = "requirement|qualifications|must have|must-have|must haves|must-haves|looking for|ideal candidate|ideal background|ideal profile|you should have|we expect|you are"
	// headRequiredWeak are required words that a requirement itself may
	// hold ("Python experience", "Strong Go skills", "as required"): they
	// make a heading of a line known to be one, not of a paragraph.
	headRequiredWeak = "required|essential|mandatory|profile|skills|experience|expertise|competenc|knowledge"
)

type headKind uint8

const (
	headPref headKind = 1 << iota
	headYou
	headMent
	headDuty
	headReq
	headReqWeak
)

// headingMatcher classifies headings; built once per Tagger.
type headingMatcher struct {
	ac    *automaton
	kinds []headKind
}

func newHeadingMatcher() *headingMatcher {
	h := &headingMatcher{}
	var pats []string
	for _, l := range []struct {
		list string
		k    headKind
	}{{headPreferred, headPref}, {headAboutYou, headYou}, {headDuties, headDuty}, {headMentioned, headMent}, {headRequired, headReq}, {headRequiredWeak, headReqWeak}} {
		for _, p := range strings.Split(l.list, "|") {
			pats = append(pats, p)
			h.kinds = append(h.kinds, l.k)
		}
	}
	h.ac = newAutomaton(pats)
	return h
}

// classify maps a section heading to the level its body starts at. ok is
// false for headings it does not recognise (sub-headings, company names);
// the caller keeps the section it is in.
func (hm *headingMatcher) classify(h string) (skillpulse.Level, bool) {
	kinds, _ := hm.kindsOf(h)
	return headLevel(kinds)
}

// section is classify as the section a heading opens: its level, set by
// a heading, and whether the heading is over the role's duties (a
// mentioned heading of headDuties).
func (hm *headingMatcher) section(h string) (section, bool) {
	kinds, _ := hm.kindsOf(h)
	l, ok := headLevel(kinds)
	return section{level: l, byHeading: true, duties: ok && l == skillpulse.LevelMentioned && kinds&headDuty != 0,
		elsewhere: ok && otherRoles(h)}, ok
}

// otherRolesHeadings, lower-cased, head what a posting says of other roles
// than the one it is for: "NOT YOUR TECH STACK?" over the forty stacks a
// marketplace also hires for, in a graphic designer's posting
// (fixture:remotive/remote-jobs_lcarlini.json#2091081, unlabelled); or
// what this role leaves to others: "Role Boundaries" over "this role
// does not own: ... CI/CD deployment tooling. Security policy and risk
// management frameworks (owned by the Security department)"
// (fixture:greenhouse/jobs_content_impact_infra_subset.json#8642851002,
// blind; RULES.md never labels a skill named to say the job does not use
// it).
var otherRolesHeadings = [...]string{"not your tech stack", "not your stack", "not the right role", "not the right fit", "other open roles", "other openings", "other open positions", "role boundaries", "out of scope"}

// otherRoles reports whether heading h holds one of otherRolesHeadings,
// ASCII case folded. They open with "no", "ot", "ou" or "ro"
// (TestOtherRolesOpenings keeps them so): h is read once, and the
// headings compared only where one of those stands, not searched for one
// by one (a known heading is read here on every section it opens).
func otherRoles(h string) bool {
	for i := 0; i+1 < len(h); i++ {
		if c, d := h[i]|0x20, h[i+1]|0x20; !(c == 'n' && d == 'o' || c == 'o' && (d == 't' || d == 'u') || c == 'r' && d == 'o') {
			continue
		}
		for _, o := range otherRolesHeadings {
			if len(h)-i >= len(o) && foldASCIIEqual(h[i:i+len(o)], o) {
				return true
			}
		}
	}
	return false
}

// joinsSections reports whether gap, the words between a heading's
// requirement phrase and its preference phrase, joins two sections ("&",
// "and", "/"), not one phrase ("Preferred qualifications" has no gap).
func joinsSections(gap string) bool {
	gap = strings.TrimSpace(gap)
	return gap == "&" || gap == "/" || gap == "+" || foldASCIIEqual(gap, "and")
}

// paragraphHeading is classify for a paragraph that may be a heading
// written as one (HTML "<p>What you’ll do</p>", "<p>Stack</p>"): short,
// not a list item, and named by a heading phrase that covers more than a
// third of it ("We're looking for engineers that will:" is a sentence
// that introduces a list, not a heading); the weak required words alone
// ("<p>- DevOps experience</p>", "<p>Strong Go skills</p>") do not make
// one, nor does a phrase lost in a sentence ("Develop infrastructure as
// code as required").
func (hm *headingMatcher) paragraphHeading(p string) (skillpulse.Level, bool) {
	p = strings.TrimSpace(p)
	// A heading asked as a question ("Why join?", "Who are you?") is one
	// as a heading with a colon is.
	if q, ok := strings.CutSuffix(p, "?"); ok {
		p = q + ":"
	}
	if p == "" || len(p) > 80 || !maybeHeading(p) && !strings.HasSuffix(p, ":") {
		return 0, false
	}
	if r, _ := utf8.DecodeRuneInString(p); strings.ContainsRune("-•*·–—", r) {
		return 0, false
	}
	kinds, longest := hm.kindsOf(p)
	if kinds == headReqWeak && weakHeading(p) {
		return skillpulse.LevelRequired, true
	}
	if kinds&^headReqWeak == 0 {
		return 0, false
	}
	if 3*longest <= len(strings.Trim(p, " :*#")) {
		return 0, false
	}
	return headLevel(kinds &^ headReqWeak)
}

// lineHeading is classify for a short line with no closing punctuation
// that may be a heading (blockMaybeHeading). The weak required words make
// a heading of such a line only when it is nothing else ("Skills",
// "Required Experience"), not of a requirement written without a full
// stop, as Google's qualification lines are ("Experience with FPGA
// prototyping" over "Experience with C/C++, Python, Bash" in Preferred
// qualifications, google-job-skills-row269): one that names what the
// experience is with, in or of.
func (hm *headingMatcher) lineHeading(h string) (skillpulse.Level, bool) {
	kinds, _ := hm.kindsOf(h)
	if kinds == headReqWeak && !weakHeading(h) && !strings.HasSuffix(strings.TrimSpace(h), ":") && namesObject(h) {
		return 0, false // a line that ends in ':' introduces what follows ("Experience with the following:")
	}
	return headLevel(kinds)
}

// objectWords, lower-cased, tie a weak required word to what it is about
// ("Experience with", "Knowledge of", "Expertise in").
const objectWords = " with in of on using for to across "

// namesObject reports whether line h holds one of objectWords.
func namesObject(h string) bool {
	for w := range strings.FieldsSeq(h) {
		if inWordsFold(objectWords, w) {
			return true
		}
	}
	return false
}

// weakHeadings are paragraphs that are headings though they hold only
// the weak required words, lower-cased: "<p>Skills</p>" over a list is
// one, "<p>Strong Go skills</p>" is not.
const weakHeadings = "|skills|key skills|technical skills|required skills|your skills|skills & experience|skills and experience|experience|your experience|relevant experience|expertise|profile|your profile|competencies|knowledge|"

// weakHeading reports whether paragraph p is one of weakHeadings, any
// ASCII case, with a closing colon or not.
func weakHeading(p string) bool {
	p = strings.TrimSpace(strings.TrimRight(p, ": "))
	if p == "" || len(p) > 24 {
		return false
	}
	var buf [24]byte
	for i := 0; i < len(p); i++ {
		buf[i] = lowerASCII(p[i])
	}
	return strings.Contains(weakHeadings, "|"+string(buf[:len(p)])+"|")
}

// kindsOf returns the heading kinds h holds and the length of the
// longest phrase found.
func (hm *headingMatcher) kindsOf(h string) (headKind, int) {
	h = strings.TrimSpace(trimHeadingMarks(strings.TrimSpace(h)))
	if h == "" || len(h) > 80 {
		return 0, 0
	}
	var buf [8]acMatch
	var kinds headKind
	longest := 0
	reqEnd, prefStart := -1, -1 // the first requirement phrase's end, the first preference phrase's start
	for _, m := range hm.ac.findAll(h, buf[:0]) {
		k := hm.kinds[m.pat]
		kinds |= k
		longest = max(longest, int(m.end-m.start))
		if k == headReq && reqEnd < 0 {
			reqEnd = int(m.end)
		}
		if k == headPref && prefStart < 0 {
			prefStart = int(m.start)
		}
	}
	if reqEnd >= 0 && prefStart > reqEnd && joinsSections(h[reqEnd:prefStart]) {
		// "Qualifications & Preferred Experience" over what the
		// candidate must bring, before a "Bonus Skills" section
		// (fixture:greenhouse/jobs_content_takealotgroup.json#8079500,
		// blind): requirements first, so a requirement section whose
		// items' own cues may prefer.
		kinds &^= headPref
	}
	// (Lower-casing beyond ASCII cannot make "nice" or "about ", so ASCII
	// folding decides these as strings.ToLower did.)
	if len(h) == 4 && foldLit(h, 0, "nice") == 4 {
		kinds |= headPref
	}
	// "You:" heads what the candidate is and brings, as "About you"
	// does ("You: Shipped real Go in production", hn-47988482, blind3).
	if len(h) == 3 && foldLit(h, 0, "you") == 3 {
		kinds |= headYou
		longest = 3
	}
	// "Not a fit if" lists what the role is not: no requirement, though
	// it holds "a fit if".
	if kinds&headYou != 0 && (indexFoldASCII(h, "not a fit") >= 0 || indexFoldASCII(h, "not for you") >= 0) {
		kinds = headMent
	}
	// "About Acme" (a company name) introduces the company.
	if foldLit(h, 0, "about ") == 6 && strings.IndexByte(h[6:], ' ') < 0 && kinds&headYou == 0 {
		kinds |= headMent
		longest = len(h)
	}
	if len(h) == 4 && kinds&headPref != 0 {
		longest = 4
	}
	return kinds, longest
}

// headingMarks are the marks trimHeadingMarks trims: ':', '*', '#', '-'
// and, three bytes each in UTF-8, '–', '—' and '•'.
const headingMarks = ":*#-–—•"

// trimHeadingMarks is strings.Trim(h, headingMarks) without decoding
// every rune at both ends against the marks, which a cut set beyond
// ASCII makes strings.Trim do: the ASCII marks are single bytes and the
// others are matched as their bytes.
func trimHeadingMarks(h string) string {
	isMark := func(c byte) bool { return c == ':' || c == '*' || c == '#' || c == '-' }
	wide := func(s string) bool { // one of the three-byte marks, s at least 3 bytes
		return s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xa2)
	}
	for len(h) > 0 {
		if isMark(h[0]) {
			h = h[1:]
		} else if len(h) >= 3 && wide(h) {
			h = h[3:]
		} else {
			break
		}
	}
	for len(h) > 0 {
		if isMark(h[len(h)-1]) {
			h = h[:len(h)-1]
		} else if len(h) >= 3 && wide(h[len(h)-3:]) {
			h = h[:len(h)-3]
		} else {
			break
		}
	}
	return h
}

// headLevel is the level a heading of the given kinds sets: preferred
// phrases win first, then the "about you" family, then mentioned, then
// required (see the lists above).
func headLevel(kinds headKind) (skillpulse.Level, bool) {
	switch {
	case kinds&headPref != 0:
		return skillpulse.LevelPreferred, true
	case kinds&headYou != 0:
		return skillpulse.LevelRequired, true
	case kinds&(headMent|headDuty) != 0:
		return skillpulse.LevelMentioned, true
	case kinds&(headReq|headReqWeak) != 0:
		return skillpulse.LevelRequired, true
	}
	return 0, false
}

// Sentence cues override the section: negation, then preferred, then
// required (the literal cue phrases are in cues.go). Negation comes first because "no Kubernetes experience
// required" holds a required word; preferred before required because "a
// strong plus" is still a plus. cueOf runs cueNegation only on clauses
// that hold one of negationObjects (see mayNegate), which must cover
// every alternative (TestMayNegateCoversTheExpression checks).
var (
	cueNegation = regexp.MustCompile(`\b(?:no|not|never|without)\b[^.;]{0,50}\b(?:required|needed|necessary|expected|a (?:requirement|prerequisite|must))\b|\bno (?:prior |previous )?(?:experience|knowledge)\b|\b(?:don't|don’t|do not|doesn't|doesn’t|does not|won't|won’t|will not) (?:need|have to|require|expect)\b|\bnot (?:required|needed|necessary|expected)\b|\bnot (?:a (?:good |great )?fit|for you)\b`)
)

// clause is one comma-separated part of a sentence. A sentence often
// packs several asks: "3+ years in security operations, comfortable
// writing Python, familiar with AWS". Each clause with a cue governs
// itself; a clause without one belongs to the nearest cued clause before
// it ("Proficiency with Terraform, Kubernetes, and Prometheus"), or, when
// none precedes, to the next cued clause if that cue closes a list
// ("Terraform, Ansible or Chef is a plus") rather than opening its own
// clause ("Hands-on AWS experience, ideally with ECS").
type clause struct {
	start   int              // byte offset in the sentence where it starts
	end     int              // byte offset in the sentence where it ends
	cue     skillpulse.Level // own cue, 0 for none
	leading bool             // the cue opens the clause ("ideally with ECS")
	years   int              // years stated in the clause
	persons int              // years stated for the person hired (see rolesYears): the role's, never a skill's
	own     int              // index of the governing clause, -1 for the section
	// weak marks a required cue read only from how the clause opens
	// ("Experience with GraphQL"): it stands only where no other clause
	// of the sentence has a cue and no heading decides (see readLevels).
	weak bool
}

// sentenceCues is appendClauses's scratch memory: its sentence
// lower-cased and the cue phrases found in it, and room to lower-case a
// clause read on its own.
type sentenceCues struct {
	lower, clause []byte
	found         []acMatch
	// alone has every clause read on its own, as a sentence that
	// lower-casing moves is: the reference the tests hold the shared
	// scan to.
	alone bool
}

// appendClauses splits sentence s into clauses, appended to dst, and
// resolves which clause governs each (own counts from the sentence's
// first clause).
//
// The sentence is lower-cased and scanned for cue phrases once for all
// its clauses (see cueMatcher.cueIn), not clause by clause: nine clauses
// in ten hold no cue phrase, and reading one then costs next to nothing.
// A sentence that lower-casing does not keep byte for byte (a Kelvin
// sign, invalid UTF-8) has its clauses read one at a time.
func appendClauses(dst []clause, s string, cues *cueMatcher, sc *sentenceCues) []clause {
	lower, keeps := lowerKeeping(s, &sc.lower)
	keeps = keeps && !sc.alone
	asks := false
	if keeps {
		sc.found = cues.ac.findAnchored(lower, sc.found[:0])
		asks = containsAfterSpace(lower, "required", 2) || containsAfterSpace(lower, "needed", 3)
	}
	next := 0 // sc.found[next:] start in the clause or after it
	// A clause mentions years only if its sentence does (its ends are
	// ends of words): most sentences do not, and their clauses are not
	// looked at for them. Whether the sentence says "experience" matters
	// only to clauses that mention years: it is looked up for the first.
	mentions := mentionsYears(s)
	experience, knowExperience := false, false
	lo := len(dst)
	start := 0
	for start <= len(s) {
		end, sep := clauseBreak(s, start)
		part := s[start:end]
		var cue skillpulse.Level
		var leading, seek bool
		if tail := inParenTail(s, start, end); keeps {
			at := end - len(tail)
			for next < len(sc.found) && int(sc.found[next].start) < at {
				next++
			}
			cue, leading, seek = cues.cueIn(tail, lower[at:end], sc.found[next:], int32(at), true, asks)
		} else {
			cue, leading, seek = cues.clauseCue(tail, &sc.clause)
		}
		years, persons := 0, 0
		if mentions && mentionsYears(part) {
			if !knowExperience {
				experience, knowExperience = containsFoldASCII(s, "experience"), true
			}
			years, persons = yearsAndPersons(part, experience)
		}
		weak := false
		if cue == 0 && opensWithBackground(part) {
			cue, leading, weak = skillpulse.LevelRequired, true, true
		} else if cue == 0 && (seek && seeksBackground(part, s[start:]) || start == 0 && labelWantsBackground(part, s)) {
			// "looking for engineers with meaningful Rust experience",
			// "Founding Applied AI Engineer: Senior Eng with production
			// LLM experience"
			cue, leading = skillpulse.LevelRequired, true
		}
		if cue != 0 && start > 0 && mayBeCompany(part) && companyVoice(part) {
			// The company's own clause asks nothing: "..., we can teach
			// you everything you need to know about our stack (Go".
			cue, leading, weak = 0, false, false
		}
		dst = append(dst, clause{start: start, end: end, cue: cue, leading: leading, years: years, persons: persons, weak: weak})
		start = end + sep
	}
	dropWeakCues(dst[lo:])
	resolveOwners(dst[lo:], s)
	return dst
}

// inParenTail returns the clause s[start:end] for reading its cue: from
// past the ')' that closes a parenthesis an earlier clause of s opened,
// when the clause opens inside one ("Remote (NJ in the US, Eastern time
// overlap required)"). What the parenthesis says is for what it names
// (see parenLevel), not for the clause.
func inParenTail(s string, start, end int) string {
	part := s[start:end]
	c := strings.IndexByte(part, ')')
	if c < 0 || strings.IndexByte(part[:c], '(') >= 0 || strings.LastIndexByte(s[:start], '(') <= strings.LastIndexByte(s[:start], ')') {
		return part
	}
	return part[c+1:]
}

// dropWeakCues clears the weak cues of a sentence's clauses when another
// clause has a cue of its own: "Experience with ElasticSearch, LogStash,
// and Kibana is a plus" is a plus as a whole.
func dropWeakCues(cl []clause) {
	strong := false
	for i := range cl {
		strong = strong || cl[i].cue != 0 && !cl[i].weak
	}
	if !strong {
		return
	}
	for i := range cl {
		if cl[i].weak {
			cl[i].cue, cl[i].leading, cl[i].weak = 0, false, false
		}
	}
}

// resolveOwners sets which clause of sentence s governs each of cl. A
// clause without a cue belongs to the nearest cued clause before it, or
// else to a later cue that closes a list, except the company's own
// clause and one that only accepts, which keep the section's level: "We
// use ClickHouse, but experience with Flink would be valuable", "C#
// preferred, Java or Python ok". Those two are read only when some other
// clause has a cue to govern them.
func resolveOwners(cl []clause, s string) {
	cued := 0
	for i := range cl {
		if cl[i].cue != 0 {
			cued++
		}
	}
	for i := range cl {
		cl[i].own = -1
		if cl[i].cue != 0 {
			cl[i].own = i
			continue
		}
		if cued == 0 {
			continue
		}
		if part := s[cl[i].start:cl[i].end]; companyVoice(part) || acceptedOnly(part) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if cl[j].cue != 0 {
				cl[i].own = j
				break
			}
		}
		if cl[i].own < 0 {
			// A cue that closes a list ("..., or Chef is a plus") covers
			// the items before it; one that opens its own clause
			// ("..., ideally with ECS") does not.
			for j := i + 1; j < len(cl); j++ {
				if cl[j].cue != 0 {
					if !cl[j].leading {
						cl[i].own = j
					}
					break
				}
			}
		}
	}
}

// acceptedOnly reports whether clause s ends by saying its skills would
// do, no more: "Java or Python ok", "JS ok)", "Go is fine".
func acceptedOnly(s string) bool {
	s = strings.TrimRight(s, " .)!")
	for _, w := range [...]string{" ok", " okay", " is fine", " are fine", " also fine", " fine too"} {
		if len(s) >= len(w) && foldASCIIEqual(s[len(s)-len(w):], w) {
			return true
		}
	}
	return false
}

// clauseBreak returns where the clause of s that starts at from ends,
// and the length of the separator there: ", " or a spaced dash (" — ",
// " – "), which joins two asks as a comma does ("Strong Rust required —
// distributed systems experience a big plus"). At the end of s, it
// returns len(s) and 2, as a comma would.
func clauseBreak(s string, from int) (end, sep int) {
	end, sep = len(s), 2
	if i := strings.Index(s[from:], ", "); i >= 0 {
		end = from + i
	}
	conj, closed := andBreaks(s, from, end)
	if conj >= 0 {
		return conj, len(" and ")
	}
	// " — " and " – " share their first bytes: one search finds both.
	// They are looked for at their rare first byte beyond the space.
	for k := from + 1; k < end; k++ {
		i := strings.IndexByte(s[k:end], 0xe2)
		if i < 0 {
			break
		}
		k += i
		if s[k-1] == ' ' && k+4 <= len(s) && s[k+1] == 0x80 && (s[k+2] == 0x94 || s[k+2] == 0x93) && s[k+3] == ' ' {
			return k - 1, 5
		}
	}
	if closed >= 0 {
		return closed, len(" and ")
	}
	return end, sep
}

// closingAsks end a clause that says its skill is required; an "and"
// after one joins a second ask with its own cue.
var closingAsks = [...]string{" is essential", " are essential", " is required", " are required", " is a must", " is mandatory", " are mandatory"}

// conjunctCues open a conjunct with a preference: "Experience operating
// services on a major cloud (ideally GCP/GKE) and exposure to Kubernetes"
// (fixture:greenhouse/jobs_content_impact_infra_subset.json#8545895002),
// "Comfort with Linux command line and a willingness to learn systems
// administration basics" (#8547200002, both blind).
var conjunctCues = [...]string{"exposure to ", "some exposure to ", "familiarity with ", "a familiarity with ", "willingness to learn ", "a willingness to learn ", "are willing to learn ", "ideally "}

// The letters, as letterIn's sets, that conjunctCues open with and that
// closingAsks end with (TestBackgroundInitials keeps them so).
const (
	conjunctCueInitials = 1 /* a */ | 1<<('e'-'a') | 1<<('f'-'a') | 1<<('i'-'a') | 1<<('s'-'a') | 1<<('w'-'a')
	closingAskFinals    = 1<<('d'-'a') | 1<<('l'-'a') | 1<<('t'-'a') | 1<<('y'-'a')
)

// andBreaks reads the " and "s of s[from:end] once and returns where the
// first opens a conjunct with one of conjunctCues (a clause of its own,
// whose cue governs what it names, not what the "and" follows), and
// where the first follows one of closingAsks ("Strong experience with
// Python is essential and Django experience is preferred" is two asks,
// Python's required and Django's preferred, hn-47976717, blind3, as a
// comma would split them); -1 for none.
func andBreaks(s string, from, end int) (conj, closed int) {
	conj, closed = -1, -1
	for i := from; i < end && conj < 0; {
		j := indexAt(s[i:end], " and ", 3)
		if j < 0 {
			break
		}
		k := i + j
		// Each list is compared only when the letter next to the "and"
		// can be one of its words' (see letterIn): after most "and"s,
		// none can.
		if rest := s[k+len(" and ") : end]; conj < 0 && len(rest) > 0 && letterIn(conjunctCueInitials, rest[0]) {
			for _, c := range conjunctCues {
				if len(rest) >= len(c) && foldASCIIEqual(rest[:len(c)], c) {
					conj = k
					break
				}
			}
		}
		if closed < 0 && k > from && letterIn(closingAskFinals, s[k-1]) {
			for _, a := range closingAsks {
				if k-from >= len(a) && foldASCIIEqual(s[k-len(a):k], a) {
					closed = k
					break
				}
			}
		}
		i = k + 1
	}
	return conj, closed
}

// owner returns the index of the clause governing byte offset off, or -1
// when the section level applies.
func owner(cl []clause, off int) int {
	for i := range cl {
		if off < cl[i].end || i == len(cl)-1 {
			return cl[i].own
		}
	}
	return -1
}

// localCues are the words a parenthesis after a skill may hold, in the
// order the expression this replaces tried them, and whether each
// requires.
var localCues = [...]struct {
	w   string
	req bool
}{
	{"preferred", false}, {"preferably", false}, {"a plus", false}, {"plus", false}, {"nice to have", false},
	{"bonus", false}, {"optional", false}, {"ideally", false}, {"required", true}, {"must", true},
	{"must have", true}, {"mandatory", true},
}

// localCue reads a level from a parenthesis that follows a skill: "GCP
// (preferred) and AWS" prefers GCP only. It matches what
// (?i)^\s*\(\s*(preferred|...|mandatory)\s*\) matched.
func localCue(after string) (skillpulse.Level, bool) {
	if len(after) == 0 || (after[0] != ' ' && after[0] != '(') {
		return 0, false
	}
	i := skipSpace(after, 0)
	if i == len(after) || after[i] != '(' {
		return 0, false
	}
	i = skipSpace(after, i+1)
	for _, c := range localCues {
		e := foldLit(after, i, c.w)
		if e < 0 {
			continue
		}
		if j := skipSpace(after, e); j < len(after) && after[j] == ')' {
			// The word was compared lower-cased: one spelled with a
			// long s ("muſt") was not a required word.
			if c.req && e-i == len(c.w) {
				return skillpulse.LevelRequired, true
			}
			return skillpulse.LevelPreferred, true
		}
	}
	return 0, false
}

// finalCue reads a parenthesised cue that ends sentence s ("Hands-on
// experience with GCP (primary), AWS or Azure (preferred)."): the style of
// boards that mark a whole bullet so. It applies to every skill of the
// sentence, not to the last one alone.
func finalCue(s string) (skillpulse.Level, bool) {
	s = strings.TrimRight(s, " .;")
	if !strings.HasSuffix(s, ")") {
		return 0, false
	}
	i := strings.LastIndexByte(s, '(')
	if i < 0 {
		return 0, false
	}
	if l, ok := localCue(s[i:]); ok { // it starts with '(', as localCue allows
		return l, true
	}
	return experienceCue(s[i+1 : len(s)-1])
}

// yearsAndPersons returns the largest experience requirement in s,
// capped at 30, or 0: "5+ years", "3-5 years" (lower bound), "five
// years", "at least two years" (see yearsAt for the exact shape). The
// phrase must be about experience: it has a plus or a range ("2+ years
// supporting AWS"), the sentence says "experience", the number is
// qualified ("at least two years"), or the years are followed by
// of/in/with or a verb of doing ("5 years building"). A bare "10 years
// ago" is not. experience says the enclosing sentence talks about
// experience, which makes a bare "5 years" count. persons is the largest
// years phrase that rolesYears gives to the person hired (the role's,
// never a skill's), read in the same pass.
func yearsAndPersons(s string, experience bool) (years, persons int) {
	if !mentionsYears(s) {
		return 0, 0
	}
	experience = experience || containsFoldASCII(s, "experience")
	forEachYears(s, func(m yearsMatch) {
		if timeSpan(s, m.start) {
			return
		}
		if rolesYears(s, m.start) {
			persons = max(persons, min(m.n, 30))
			return
		}
		t := s[m.start:m.end]
		plusOrRange := strings.ContainsAny(t, "+-–—") || containsFoldASCII(t, " to ") || containsFoldASCII(t, "plus")
		if !m.qualified && !m.tail && !plusOrRange && !experience {
			return
		}
		years = max(years, min(m.n, 30))
	})
	return years, persons
}

// timeSpan reports whether the years phrase at offset i of s measures a
// stretch of time rather than experience: "the foundation we've built
// over the past 5 years", "in the last two years", "over the next 3
// years", "in its first 10 years", "6 years ago".
func timeSpan(s string, i int) bool {
	if prevWordIs(s, i, "past", "last", "next", "previous", "first", "coming", "recent") >= 0 {
		return true
	}
	// "Since I joined 6 years ago": a time, not experience.
	j := indexFoldASCII(s[i:min(len(s), i+24)], "year")
	if j < 0 {
		return false
	}
	k := i + j + 4
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	return foldASCIIEqual(nextWordFold(s, k), "ago")
}

// mentionsYears reports whether s holds "year" or "yr" in any ASCII case.
// It looks for a y or Y eight bytes at a time (one pass, where two
// searches for each byte paid a call per y of "you" and "your"): a byte
// with 0x20 set is 'y' only when it is 'y' or 'Y'.
func mentionsYears(s string) bool { return indexYears(s, 0) >= 0 }
