package extract

import (
	"strings"

	"github.com/skillpulse/skillpulse"
)

// Words that name a skill in another sense. A product's name is also a
// company's, and a practice's is also a team's: "customers include
// DigitalOcean and Temporal", "backed by Spark Capital", "work with
// Security, Legal and Platform", "think GitHub, but for hardware". None of
// these asks for the skill or says the team uses it. dropOtherSenses
// removes such hits after the guards, looking only at the sentences that
// have hits, and only as far as the words around each hit.

// dropOtherSenses removes the hits under a heading over other roles
// (see section.elsewhere), that sit in a list of organisations
// (see inNameList), name a team (teamName), draw a comparison
// (comparison), say what to send with an application (applyLine) or
// say the job is without it (negated). Hits come in text order, so the
// hits of one list of names are judged once (see nameListMemo).
func (g *Tagger) dropOtherSenses(d *doc, hits []hit) []hit {
	out := hits[:0]
	cur, applyFrom, applyTo := -1, -1, -1
	var names nameListMemo
	var rivals rivalMemo
	for i, h := range hits {
		sent := &d.sentences[h.sent]
		s := d.text[sent.start:sent.end]
		if h.sent != cur {
			cur, names, rivals = h.sent, nameListMemo{end: -1, words: g.words}, rivalMemo{start: -1}
			applyFrom, applyTo = applyLine(sent.text, sent.trig)
		}
		start, end := h.start-sent.start, h.end-sent.start
		switch {
		case sent.elsewhere, start >= applyFrom && start < applyTo, names.in(s, start, end), executiveBeside(s, start, end), orgNamed(s, start, end), rivals.rival(s, start, end), comparison(s, start, end),
			g.teamName(s, start, end, h.skill), negated(s, start, end), inName(s, start, end, d.company),
			g.otherTrade(d, s, start, end, h.skill, sent.title), labelRepeated(s, start, end, sent.start, hits[i:]):
			continue
		}
		out = append(out, h)
	}
	return out
}

// topicLabelReach bounds where a line's topic label may end.
const topicLabelReach = 48

// labelRepeated reports whether the hit at s[start:end], the first of
// rest (the hits from it on, text order; off is s's offset in the
// text), lies in the line's topic label ("Cloud & Kubernetes:
// Experience operating services on a major cloud (ideally GCP/GKE) and
// exposure to Kubernetes and containers",
// fixture:greenhouse/jobs_content_impact_infra_subset.json#8545895002,
// blind) and the line names the skill again after it: the label only
// says what the line is about, and the line's own mention, with its
// own cue, names the skill.
func labelRepeated(s string, start, end, off int, rest []hit) bool {
	if end >= min(len(s), topicLabelReach) {
		return false
	}
	colon := strings.IndexByte(s[end:min(len(s), topicLabelReach)], ':')
	if colon < 0 || strings.ContainsAny(s[:end+colon], ".;!?") {
		return false
	}
	colon += end
	for _, o := range rest[1:] {
		if o.sent != rest[0].sent {
			return false
		}
		if o.skill == rest[0].skill && o.start-off > colon {
			return true
		}
	}
	return false
}

// inName reports whether s[start:end] lies inside the hiring company's
// name of several words, written whole in s ("Red Balloon Security |
// Security Researchers": the first "Security" names the employer; the
// exact name alone is handled in matching, see companyNames).
func inName(s string, start, end int, company string) bool {
	if len(company) <= end-start || strings.IndexByte(company, ' ') < 0 {
		return false
	}
	lo, hi := max(0, end-len(company)), min(len(s), start+len(company))
	i := strings.Index(s[lo:hi], company)
	return i >= 0 && lo+i <= start && end <= lo+i+len(company)
}

// inWordsFold is inWords for a word in any ASCII case, without
// allocating: the lower-cased copy lives on the stack.
func inWordsFold(list, w string) bool {
	var buf [maxFoldWord]byte
	if w == "" || len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		buf[i] = lowerASCII(w[i])
	}
	return inWords(list, string(buf[:len(w)]))
}

// prevWordAt returns the span of the word before offset i of s (a run of
// ASCII letters, digits and apostrophes), across anything else, looking
// at most 64 bytes back; ws is -1 when there is none. It is prevWords
// for one word, without lower-casing.
func prevWordAt(s string, i int) (ws, we int) {
	lo := max(0, i-64)
	isW := func(c byte) bool { return isASCIILetter(c) || isDigit(c) || c == '\'' }
	j := i
	for j > lo && !isW(s[j-1]) {
		j--
	}
	k := j
	for k > lo && isW(s[k-1]) {
		k--
	}
	if k == j || k == lo && lo > 0 {
		return -1, -1 // none, or cut by the window
	}
	return k, j
}

// prevWordIs reports whether the word before offset i of s is one of
// words (lower-case), and where it starts (-1 when it is not).
func prevWordIs(s string, i int, words ...string) int {
	ws, we := prevWordAt(s, i)
	if ws < 0 {
		return -1
	}
	for _, w := range words {
		if foldASCIIEqual(s[ws:we], w) {
			return ws
		}
	}
	return -1
}

// nextWordFold returns the word after offset i of s, across spaces only
// (see nextWord), as written: no lower-casing, no allocation.
func nextWordFold(s string, i int) string {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for k < len(s) && (isASCIILetter(s[k]) || isDigit(s[k])) {
		k++
	}
	return s[j:k]
}

// comparison reports whether the skill at s[start:end] is the term of a
// comparison that describes a product rather than naming what it runs
// on: "a Lua-like DSL", "Think of GitHub but for hardware", "think GitHub + Copilot for
// hardware", "the Databricks for content production". "Think Rust / C++"
// (with no "for") is a stack, and "an on-call rotation for" or "the
// observability tooling for our developers" (not capitalised) are what
// they say.
func comparison(s string, start, end int) bool {
	rest := s[end:]
	if len(rest) > 4 && rest[0] == '-' && likeSuffix(rest[1:]) && prevWordIs(s, start, "a", "an") >= 0 {
		return true // "a Lua-like workflow DSL"
	}
	if strings.HasPrefix(rest, " but for ") || strings.HasPrefix(rest, ", but for ") {
		return true
	}
	if !(s[start] >= 'A' && s[start] <= 'Z' || s[start] >= 'a' && s[start] <= 'z' && strings.HasPrefix(rest, " but ")) {
		return false
	}
	ws, we := prevWordAt(s, start)
	if ws < 0 {
		return false
	}
	if foldASCIIEqual(s[ws:we], "think") || foldASCIIEqual(s[ws:we], "of") && prevWordIs(s, ws, "think") >= 0 {
		// "think X + Y for hardware": the "for" comes within a few words.
		f := strings.Index(rest[:min(len(rest), 40)], " for ")
		return f >= 0 && !strings.ContainsAny(rest[:f], ".;:")
	}
	if !strings.HasPrefix(rest, " for ") {
		return false
	}
	if prevWordIs(s, start, "the", "a", "an") >= 0 {
		return true // "the Databricks for content production"
	}
	// A product's one-word name built for someone: "Mesa is building
	// GitHub for AI Agents" (hn-46860157, unlabelled); no team builds
	// GitHub. "Building AI agents for ..." and "building LLMs for ..."
	// are the work.
	name := s[start:end]
	return strings.IndexByte(name, ' ') < 0 && len(name) > 1 && !isUpperASCII(name[1]) &&
		prevWordIs(s, start, "building", "build", "builds", "built") >= 0
}

// likeSuffix reports whether s opens with "like" or "esque" as a whole
// word. After "a" or "an", what precedes the dash is compared to, not
// used ("Tengo (a Lua-like workflow DSL)", hn-47976872); "SQL-like query
// languages" (Google row158) are SQL and its kin, "S3-compatible
// storage" implements S3, and "dbt-style transformation frameworks" (a
// takealot posting of the Greenhouse fixtures) asks for dbt or the like.
func likeSuffix(s string) bool {
	for _, w := range [...]string{"like", "esque"} {
		if e := foldLit(s, 0, w); e >= 0 && (e == len(s) || !isASCIILetter(s[e])) {
			return true
		}
	}
	return false
}

// departments are the names of a company's parts besides its engineering
// areas: a capitalised practice or area listed beside one of them, as an
// item of its own ("Work with Security, Legal and Platform", "DevOps,
// Engineering, and IT teams", "Product/DevOps/QA"), is a team too.
const departments = " legal finance product sales marketing hr people it qa design operations support research compliance procurement accounting tax treasury trading partnerships recruiting engineering "

// broad reports whether skill is an umbrella area or a practice: words
// that also have an everyday sense ("automate", "security", "cloud").
func (g *Tagger) broad(skill int) bool {
	sk := &g.skills[skill]
	return sk.umbrella || sk.category == skillpulse.CategoryPractice
}

// purposeOpeners open a sentence that states the company's purpose.
var purposeOpeners = [...]string{"our mission", "our vision", "our goal", "our purpose", "we're on a mission", "we’re on a mission", "we are on a mission"}

// purposeFrom returns the offset in s from which s states what the
// company's product does for its customers, or -1: the whole of a
// mission sentence ("Our mission is to automate learning", "Our goal is
// to become the AI platform for all enterprise automation"), or what
// follows "<customers> use <Product> to" ("Banks and fintechs use Omni to
// automate document collection"). There, "automate" is the customers'
// business, not the engineering the job does (see engineeringAutomation);
// an area the company works in ("to make private cloud computing
// accessible") and products named stay mentions.
func purposeFrom(s string) int {
	for _, o := range purposeOpeners {
		if e := foldLit(s, 0, o); e >= 0 && wordBoundary(s, e) {
			return 0
		}
	}
	for k := 0; ; {
		j := strings.Index(s[k:], " use ")
		if j < 0 {
			return -1
		}
		j += k
		k = j + 1
		if ws, we := prevWordAt(s, j); ws < 0 || orgWord(s[ws:we]) != orgNoun {
			continue
		}
		ws, we := wordAt(s, j+5)
		if ws < len(s) && s[ws] >= 'A' && s[ws] <= 'Z' && strings.HasPrefix(s[we:], " to ") {
			return we + 4
		}
	}
}

// teamName reports whether the umbrella or practice skill at s[start:end]
// names teams or a department rather than the practice: before "teams"
// (the customers' or other departments': "an agentic platform to help
// security teams understand ...", hn-47615904; "collaborating closely
// with product/security teams", hn-47976970), or capitalised and listed
// beside a capitalised department. A role ("Product & Platform
// Engineer") is not a team.
func (g *Tagger) teamName(s string, start, end, skill int) bool {
	if !g.broad(skill) {
		return false
	}
	if end+1 < len(s) && s[end] == ' ' && s[end+1]|0x20 == 't' && foldASCIIEqual(nextWordFold(s, end), "teams") {
		return true // other people's teams: "help security teams defend", "collaborate with product/security teams"
	}
	if !(s[start] >= 'A' && s[start] <= 'Z') {
		return false
	}
	if g.words.roleNouns.hasFold(nextWordFold(s, end)) || g.words.roleNouns.hasFold(lastWord(s[start:end])) {
		return false
	}
	return listedDepartment(s, start, false) || listedDepartment(s, end, true)
}

// roleNouns end a role's name.
const roleNouns = " engineer engineers engineering manager managers administrator administrators developer developers architect architects lead analyst analysts specialist "

// lastWord returns the last run of ASCII letters of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 && isASCIILetter(s[i-1]) {
		i--
	}
	return s[i:]
}

// listedDepartment reports whether the list item next to offset i of s
// (after it when after is set, else before it) is one of departments,
// capitalised, standing as an item of its own: joined to i by list
// punctuation or "and"/"or" (not a bare space: "Product Security",
// "Design Automation"), and ending at list punctuation, a conjunction or
// the end ("Business Intelligence" is not the department).
func listedDepartment(s string, i int, after bool) bool {
	var ws, we int
	if after {
		j, listed := skipListGap(s, i, true)
		if !listed {
			return false
		}
		ws, we = j, j
		for we < len(s) && isASCIILetter(s[we]) {
			we++
		}
	} else {
		j, listed := skipListGap(s, i, false)
		if !listed {
			return false
		}
		ws, we = j, j
		for ws > 0 && isASCIILetter(s[ws-1]) {
			ws--
		}
	}
	w := s[ws:we]
	if w == "" || !(w[0] >= 'A' && w[0] <= 'Z') || !inWordsFold(departments, w) {
		return false
	}
	if after {
		_, itemEnds := skipListGap(s, we, true)
		return itemEnds || we == len(s) || s[we] == '.' || s[we] == ')' || s[we] == ' ' && inWordsFold(" teams team ", nextWordFold(s, we))
	}
	return true
}

// skipListGap moves from offset i of s over list punctuation, spaces and
// one "and" or "or" (forward when after is set, else backward) and
// returns where it stops and whether the gap was a list's: it held
// punctuation or a conjunction, not only spaces.
func skipListGap(s string, i int, after bool) (int, bool) {
	listed := false
	step := func(j int) int {
		for {
			if after {
				if j < len(s) && isListJoiner(s[j]) {
					listed = listed || s[j] != ' ' && s[j] != '-'
					j++
					continue
				}
				return j
			}
			if j > 0 && isListJoiner(s[j-1]) {
				listed = listed || s[j-1] != ' ' && s[j-1] != '-'
				j--
				continue
			}
			return j
		}
	}
	j := step(i)
	for _, c := range [...]string{"and", "or"} {
		if after && foldLit(s, j, c) == j+len(c) && j+len(c) < len(s) && s[j+len(c)] == ' ' {
			listed = true
			return step(j + len(c)), true
		}
		if !after && j >= len(c)+1 && foldLit(s, j-len(c), c) == j && s[j-len(c)-1] == ' ' {
			return step(j - len(c)), true
		}
	}
	return j, listed
}

// spelledAddress reports whether s spells an e-mail address out:
// "name [at] example dot ai", "name (at) example.com". It runs on every
// sentence with hits, so it looks for the bracket first.
func spelledAddress(s string) bool {
	for i := 0; ; {
		j := strings.IndexAny(s[i:], "[(")
		if j < 0 {
			break
		}
		i += j + 1
		if e := foldLit(s, i, "at"); e >= 0 && e < len(s) && (s[e] == ']' || s[e] == ')') {
			return true
		}
	}
	return strings.Contains(s, " dot ") && strings.Contains(s, " at ")
}

// applyVerbs open what to send with an application: "email us your
// GitHub", "send a short note and GitHub to", "reach out ... with your
// resume and github handle".
var applyVerbs = [...]string{"email", "e-mail", "send", "reach out", "ping", "contact", "dm", "message me", "write to"}

// applyLine returns the span of s (the sentence as written, of the same
// length as its masked text) that says what to send with an application:
// from the first apply verb to the next spaced dash or the end, when s
// also gives an address to write to: an e-mail address, plain or spelled
// out ("deborah [at] botanu dot ai" beside "send", "ssl @ neocom.ai").
// Skills named there are what to send, not what the job asks; from is -1
// when s is no such sentence. "Stack: Python, AWS. Contact: email me at
// ..." keeps its stack, which comes before the verb, and "email us - no
// Go experience required, we'll teach you" the Go after the dash.
func applyLine(s string, trig cueKind) (from, to int) {
	// The sentence's triggers say cheaply whether it may hold an address
	// at all; an address spelled out is looked for only beside a noise
	// trigger ("send").
	if !(trig&cueAddrTrig != 0 && strings.IndexByte(s, '@') >= 0 || trig&cueNoiseTrig != 0 && spelledAddress(s)) {
		return -1, -1
	}
	from = -1
	for _, v := range applyVerbs {
		for k := 0; ; {
			j := indexFoldASCII(s[k:], v)
			if j < 0 {
				break
			}
			j += k
			if wordBoundary(s, j) && wordBoundary(s, j+len(v)) {
				if from < 0 || j < from {
					from = j
				}
				break
			}
			k = j + 1
		}
	}
	if from < 0 {
		return -1, -1
	}
	to = len(s)
	for _, d := range [...]string{" - ", " — ", " – "} {
		if i := strings.Index(s[from:to], d); i >= 0 {
			to = from + i
		}
	}
	return from, to
}

// negationWords are the words right before a skill that say the job is
// without it, or the article between ("no a", "without any").
var negationWords = [...]string{"no", "not", "without", "zero", "a", "any"}

// negated reports whether the skill at offset start of s is named to say
// the job does without it: right after "no", "not", "without" or
// "zero", perhaps with "a" or "any" between ("No Jira.", "no QA team, no
// DevOps", "without a cloud provider", "Zero lines of React",
// "mission-critical systems, not internal tools"). "Not just code" and
// "not only Go" have another word between. "No prior
// Go experience required" is the negation cues' to read (cueNegation);
// "no containers yet" says what the job will bring.
func negated(s string, start, end int) bool {
	ws, we := prevWordAt(s, start)
	if ws < 0 {
		return false
	}
	if foldASCIIEqual(s[ws:we], "of") {
		// "Zero lines of React", "no use of Kubernetes": a quantity of
		// none (hn-47606253, unlabelled).
		ns, _ := prevWordAt(s, ws)
		return ns >= 0 && prevWordIs(s, ns, "no", "zero") >= 0
	}
	if !oneOfFold(s[ws:we], negationWords[:]) {
		return false
	}
	if c := s[ws] | 0x20; c == 'a' {
		if ws = prevWordIs(s, ws, "no", "not", "without", "zero"); ws < 0 {
			return false
		}
	}
	next := nextWordFold(s, end)
	if foldASCIIEqual(next, "yet") {
		return false // "no containers yet": the job brings them
	}
	// "No Kubernetes experience needed": the negation cues read it.
	return !inWordsFold(" experience knowledge background expertise skills required needed necessary ", next)
}
