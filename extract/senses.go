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

// dropOtherSenses removes the hits that sit in a list of organisations
// (see nameLists), name a team (teamName), draw a comparison
// (comparison), say what to send with an application (applyFrom) or
// say the job is without it (negated). Hits come in text order, so each sentence's name lists
// are found once, when its first hit is met.
func (g *Tagger) dropOtherSenses(d *doc, hits []hit) []hit {
	out := hits[:0]
	cur, apply := -1, -1
	var lists [][2]int
	var buf [4][2]int
	for _, h := range hits {
		sent := &d.sentences[h.sent]
		s := d.text[sent.start:sent.end]
		if h.sent != cur {
			cur, lists = h.sent, nameLists(s, buf[:0])
			apply = applyFrom(sent.text)
		}
		start, end := h.start-sent.start, h.end-sent.start
		if apply >= 0 && start >= apply || inSpans(lists, start, end) || comparison(s, start, end) || g.teamName(s, start, end, h.skill) || negated(s, start, end) {
			continue
		}
		out = append(out, h)
	}
	return out
}

func inSpans(spans [][2]int, start, end int) bool {
	for _, sp := range spans {
		if start >= sp[0] && end <= sp[1] {
			return true
		}
	}
	return false
}

// wordAt returns the next word of s at or after i (a run of word bytes or
// bytes beyond ASCII, so "we’re" is one word), or start == len(s).
func wordAt(s string, i int) (start, end int) {
	for i < len(s) && !isWordByte(s[i]) && s[i] < 0x80 {
		if s[i] == ';' {
			return len(s), len(s) // a list never runs past a semicolon
		}
		i++
	}
	start = i
	for i < len(s) && (isWordByte(s[i]) || s[i] >= 0x80) {
		i++
	}
	return start, i
}

// orgNouns are the words for organisations (and the people of one) that a
// list of names follows: "customers include", "investors including",
// "companies such as", "teams at", "industries including". orgBy are the
// participles that take "by" before such a list: "backed by", "trusted
// by", "used by".
const (
	orgNouns = " customers customer clients client companies organizations organisations orgs brands enterprises businesses investors backers vcs funds startups logos industries teams engineers folks alumni retailers banks fintechs partners "
	orgBy    = " backed trusted used loved funded adopted "
	// orgJoin are the words that introduce the list after one of orgNouns.
	orgJoin = " like include includes including such e.g eg at from "
	// listFill are the lower-case words a list of names may hold besides
	// the names: "Ramp, Bilt and many others", "Canva, FanDuel, etc".
	listFill = " and or etc many more others other among the of plus a few to name just dozens hundreds thousands with as e.g eg "
)

// nameLists returns the spans of s that list organisations by name: the
// capitalised words (and the fill words between them, see listFill) that
// follow an organisation noun and its joining word ("customers like
// Cursor, Temporal and DigitalOcean", "Our customers, including Alibaba
// Cloud, BILT Rewards ... and many others") or a participle and "by"
// ("backed by investors including Spark Capital", "trusted by Vercel").
// A list ends at the first other lower-case word ("rely on us").
func nameLists(s string, dst [][2]int) [][2]int {
	var lower [16]byte
	low := func(ws, we int) string {
		n := copy(lower[:], s[ws:min(we, ws+len(lower))])
		for i := range n {
			lower[i] = lowerASCII(lower[i])
		}
		return string(lower[:n])
	}
	for i := 0; i < len(s); {
		ws, we := wordAt(s, i)
		if ws == len(s) {
			break
		}
		i = we
		w := low(ws, we)
		join := -1
		switch {
		case inWords(orgNouns, w):
			// The joining word comes within five words: "customers using
			// our data products including".
			j := we
			for range 5 {
				js, je := wordAt(s, j)
				if js == len(s) {
					break
				}
				if inWords(orgJoin, low(js, je)) {
					join = je
					if foldLit(s, js, "such") == je {
						if ae := foldLit(s, skipSpace(s, je), "as"); ae >= 0 {
							join = ae
						}
					}
					break
				}
				j = je
			}
		case inWords(orgBy, w):
			if js, je := wordAt(s, we); js < len(s) && low(js, je) == "by" {
				join = je
			}
		}
		if join < 0 {
			continue
		}
		if end := nameListEnd(s, join); end > join {
			dst = append(dst, [2]int{join, end})
			i = end
		}
	}
	return dst
}

// nameListEnd returns where the list of names that starts at i ends: after
// its last capitalised word (or word with a digit, "15,000+"), before the
// first lower-case word that is not a fill word.
func nameListEnd(s string, i int) int {
	last := i
	for {
		ws, we := wordAt(s, i)
		if ws == len(s) {
			return last
		}
		c := s[ws]
		switch {
		case c >= 'A' && c <= 'Z' || isDigit(c) || c >= 0x80:
			last = we
		case inWords(listFill, strings.ToLower(s[ws:we])):
		default:
			return last
		}
		i = we
	}
}

// comparison reports whether the skill at s[start:end] is the term of a
// comparison that describes a product rather than naming what it runs
// on: "Think of GitHub but for hardware", "think GitHub + Copilot for
// hardware", "the Databricks for content production". "Think Rust / C++"
// (with no "for") is a stack, and "an on-call rotation for" or "the
// observability tooling for our developers" (not capitalised) are what
// they say.
func comparison(s string, start, end int) bool {
	rest := s[end:]
	if strings.HasPrefix(rest, " but for ") || strings.HasPrefix(rest, ", but for ") {
		return true
	}
	if !(s[start] >= 'A' && s[start] <= 'Z' || s[start] >= 'a' && s[start] <= 'z' && strings.HasPrefix(rest, " but ")) {
		return false
	}
	var buf [2]string
	pw := prevWords(s, start, 2, buf[:0])
	if len(pw) == 0 {
		return false
	}
	if pw[0] == "think" || pw[0] == "of" && len(pw) > 1 && pw[1] == "think" {
		// "think X + Y for hardware": the "for" comes within a few words.
		f := strings.Index(rest[:min(len(rest), 40)], " for ")
		return f >= 0 && !strings.ContainsAny(rest[:f], ".;:")
	}
	return (pw[0] == "the" || pw[0] == "a" || pw[0] == "an") && strings.HasPrefix(rest, " for ")
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
		var buf [1]string
		if pw := prevWords(s, j, 1, buf[:0]); len(pw) == 0 || !inWords(orgNouns, pw[0]) {
			continue
		}
		ws, we := wordAt(s, j+5)
		if ws < len(s) && s[ws] >= 'A' && s[ws] <= 'Z' && strings.HasPrefix(s[we:], " to ") {
			return we + 4
		}
	}
}

// teamName reports whether the capitalised umbrella or practice skill at
// s[start:end] names a team or department of the company rather than the
// practice: listed beside a capitalised department. A role ("Product &
// Platform Engineer") is not a team.
func (g *Tagger) teamName(s string, start, end, skill int) bool {
	if !g.broad(skill) || !(s[start] >= 'A' && s[start] <= 'Z') {
		return false
	}
	if w, _ := wordAfter(s, end); inWords(roleNouns, w) || inWords(roleNouns, strings.ToLower(lastWord(s[start:end]))) {
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
	if w == "" || !(w[0] >= 'A' && w[0] <= 'Z') || !inWords(departments, strings.ToLower(w)) {
		return false
	}
	if after {
		_, itemEnds := skipListGap(s, we, true)
		return itemEnds || we == len(s) || s[we] == '.' || s[we] == ')' || s[we] == ' ' && inWords(" teams team ", nextWord(s, we))
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

// applyVerbs open what to send with an application: "email us your
// GitHub", "send a short note and GitHub to", "reach out ... with your
// resume and github handle".
var applyVerbs = [...]string{"email", "e-mail", "send", "reach out", "ping", "contact", "dm", "message me", "write to"}

// applyFrom returns the offset in s (the sentence as written, of the
// same length as its masked text) of the first apply verb, when s also
// gives an address to write to: an e-mail address, plain or spelled out
// ("deborah [at] botanu dot ai", "ssl @ neocom.ai"). Skills named after
// it are what to send, not what the job asks; -1 when s is no such
// sentence. "Stack: Python, AWS. Contact: email me at ..." keeps its stack,
// which comes before the verb.
func applyFrom(s string) int {
	if strings.IndexByte(s, '@') < 0 && !containsFoldASCII(s, "[at]") && !containsFoldASCII(s, "(at)") &&
		!(containsFoldASCII(s, " at ") && containsFoldASCII(s, " dot ")) {
		return -1
	}
	first := -1
	for _, v := range applyVerbs {
		for k := 0; ; {
			j := indexFoldASCII(s[k:], v)
			if j < 0 {
				break
			}
			j += k
			if wordBoundary(s, j) && wordBoundary(s, j+len(v)) {
				if first < 0 || j < first {
					first = j
				}
				break
			}
			k = j + 1
		}
	}
	return first
}

// negated reports whether the skill at offset start of s is named to say
// the job does without it: right after "no", "without" or "zero",
// perhaps with "a" or "any" between ("No Jira.", "no QA team, no
// DevOps", "without a cloud provider", "Zero lines of React"). "No prior
// Go experience required" is the negation cues' to read (cueNegation);
// "no containers yet" says what the job will bring.
func negated(s string, start, end int) bool {
	switch nextWord(s, end) {
	case "yet":
		return false // "no containers yet": the job brings them
	case "experience", "knowledge", "background", "expertise", "skills", "required", "needed", "necessary":
		return false // "No Kubernetes experience needed": the cues read it
	}
	var buf [2]string
	pw := prevWords(s, start, 2, buf[:0])
	if len(pw) > 1 && (pw[0] == "a" || pw[0] == "any") {
		pw = pw[1:]
	}
	return len(pw) > 0 && (pw[0] == "no" || pw[0] == "without" || pw[0] == "zero")
}
