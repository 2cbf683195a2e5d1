package extract

import (
	"slices"
	"strings"

	"github.com/skillpulse/skillpulse"
)

// The company's voice and the role's duties. A sentence that speaks for
// the company ("We use Kubernetes", "Our stack is Go") or says what the
// role will do ("Operate production systems with strong observability")
// describes; it asks nothing of the candidate, whatever its cue words
// (RULES.md, levels 4: company and product descriptions and what the
// role will do are mentioned).

// companyAsks are the phrases that make a sentence in the company's voice
// ask something of the candidate after all: "We're looking for 4+ years of
// Go", "We expect strong Linux", "We'd love experience with Rust". The
// subject must be "we": in "We build data centers for hospitals that
// require it" it is the hospitals that require.
var companyAsks = [...]string{"we expect", "we require", "we need", "we're looking", "we’re looking", "we are looking",
	"we look for", "we seek", "we want", "we'd love", "we’d love", "we would love", "we'd like", "we’d like", "we would like",
	"we prefer", "we're seeking", "we’re seeking", "we are seeking", "we're hiring", "we’re hiring", "we are hiring", "we hire", "we ask", "we're searching", "we’re searching",
	"we're especially", "we’re especially", "we're interested", "we’re interested", "we are interested", "we value experience",
	"we're particularly", "we’re particularly", "we are particularly", "we're hoping", "we’re hoping", "we are hoping", "we hope",
	"bonus", "a plus", "big plus", "huge plus", "strong plus", "ideal", "valuable", "if you have", "if you are", "if you're", "if you’re"}

// laterAsks are the companyAsks whose "we" came earlier in the
// sentence: "We build production systems in Rust and are looking for
// engineers with meaningful Rust experience" (hn-48009832), "We highly
// value fundamentals and experience with Go is valued" (hn-47605285).
// They are tried only at word starts.
var laterAsks = [...]string{"are looking for", "are seeking", "are hiring", "are valued", "is valued"}

// companyVoice reports whether s speaks for the company ("We value a
// solid CI/CD pipeline", "Our stack is Go", "We use Kubernetes") without
// asking anything of the candidate: a company or product description,
// which is never a requirement.
func companyVoice(s string) bool {
	s = afterHereAt(s)
	// A clause joined on by "and" or "so" speaks as its first word does:
	// "..., and our AI agents handle these complex workflows".
	if s != "" && (s[0]|0x20 == 'a' || s[0]|0x20 == 's') {
		if e := foldLit(s, 0, "and "); e >= 0 {
			s = s[e:]
		} else if e := foldLit(s, 0, "so "); e >= 0 {
			s = s[e:]
		}
	}
	i := strings.IndexByte(s, ' ')
	if i <= 0 || i > 8 { // "we’re" is seven bytes
		return false
	}
	w := s[:i]
	if !slices.ContainsFunc(companyWords[:], func(c string) bool { return foldASCIIEqual(w, c) }) {
		return false
	}
	return !asksInVoice(s)
}

// afterHereAt returns s past an opening "At <Name>," or "Here at
// <Name>" that sets the company before its voice ("At Songscription, we
// train ...", "Here at Hearst we've been building ..."), when "we" or
// "our" follows within a few words; else s.
func afterHereAt(s string) string {
	e := foldLit(s, 0, "at ")
	if e < 0 {
		if e = foldLit(s, 0, "here at "); e < 0 {
			return s
		}
	}
	for i, n := e, 0; n < 5 && i < len(s); n++ {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			return s
		}
		i += j + 1
		for i < len(s) && s[i] == ' ' {
			i++ // a blanked address: "At CiceroAI(       ), we"
		}
		if foldLit(s, i, "we") >= 0 || foldLit(s, i, "our ") >= 0 {
			return s[i:]
		}
	}
	return s
}

// asksInVoice reports whether s holds one of companyAsks, ASCII case
// folded. The asks that start with "we" are tried only where a word
// starts with "we", the few others anywhere: companyVoice runs on every
// clause without a cue, so one pass over s and a few scans replace a
// scan per ask.
func asksInVoice(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i] | 0x20; (c == 'a' && s[i+1]|0x20 == 'r' || c == 'i' && s[i+1]|0x20 == 's') && (i == 0 || !isWordByte(s[i-1])) {
			for _, a := range laterAsks {
				if a[0] == c && foldLit(s, i, a) >= 0 {
					return true
				}
			}
			continue
		}
		if s[i]|0x20 != 'w' || s[i+1]|0x20 != 'e' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, a := range companyAsks {
			if a[0] == 'w' && foldLit(s, i, a) >= 0 {
				return true
			}
		}
	}
	for _, a := range companyAsks {
		if a[0] != 'w' && containsFoldASCII(s, a) {
			return true
		}
	}
	return false
}

// productVerbs, right after a capitalised name that opens a sentence,
// make it a description of a company or its product ("Maiven is the
// software platform automating home decarbonization", "GrackerAI
// provides the analytics and automation layer", "Parallel builds web
// infrastructure for AI"), lower-cased.
const productVerbs = " is are provides builds helps offers combines powers makes enables lets solves develops "

// productVoice returns where the description starts when s opens by
// describing a company or its product: a name of one to three
// capitalised words ("Pickle Robot", "Amperos Health") and then one of
// productVerbs, or "At <Name>, we ..." in the company's voice; else -1.
// What such a description says the product automates is the customers'
// work, not the engineering the job does; the name itself may be a
// role's ("Automation Engineers are our Sales Engineers").
func productVoice(s string) int {
	if r := afterHereAt(s); len(r) < len(s) {
		return len(s) - len(r)
	}
	i := 0
	for n := 0; n < 3; n++ {
		if i >= len(s) || s[i] < 'A' || s[i] > 'Z' {
			return -1
		}
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			return -1
		}
		w := s[i : i+j]
		if n == 0 && slices.ContainsFunc(companyWords[:], func(c string) bool { return foldASCIIEqual(w, c) }) || foldASCIIEqual(w, "you") {
			return -1
		}
		i += j + 1
		k := strings.IndexByte(s[i:], ' ')
		if k > 0 && inWords(productVerbs, s[i:i+k]) {
			return i
		}
	}
	return -1
}

// companyWords open a sentence in the company's voice, lower-cased (the
// curly apostrophe is not ASCII and so compares as written).
var companyWords = [...]string{"we", "we're", "we’re", "we've", "we’ve", "we'll", "we’ll", "we'd", "we’d", "our"}

// dutyVerbs open a sentence that says what the role will do ("Operate
// and improve production systems with strong observability", "Build
// reliable pipelines with solid test coverage"), lower-cased: the
// required words there describe the work, not the candidate (RULES.md,
// levels 4: what the role will do is mentioned).
const dutyVerbs = " operate build design develop own maintain improve ensure drive lead create implement deploy manage run write collaborate support define scale ship architect partner contribute automate monitor migrate optimize optimise integrate establish evolve deliver administer configure troubleshoot debug investigate plan participate help leverage facilitate conduct "

// dutySubjects, lower-cased, open a sentence that says what the role
// will do when a duty verb follows ("You will own ...", "The Data
// Engineer will own the reliability ... while ensuring strong data
// quality"), or what it gives ("You'll get hands-on experience with our
// stack").
var dutySubjects = [...]string{"you will ", "you'll ", "you’ll ", "in this role you will ", "in this role, you will ", "in this role you'll ", "in this role, you'll ", "in this role, you’ll "}

// opensWithDuty reports whether sentence s opens with one of dutyVerbs,
// after a bullet, or with a duty subject (see dutySubjects, or "The
// <role> will") and a duty verb or "get" or "gain".
func opensWithDuty(s string) bool {
	if dutyAt(s) {
		return true
	}
	// A role's label before its duties: "$180k-220k: Own end-to-end LLM
	// product surfaces", "Backend: contribute heavily to APIs".
	if c := strings.Index(s[:min(len(s), 40)], ": "); c > 0 {
		return dutyAt(s[c+2:])
	}
	return false
}

// opensWithBe reports whether sentence s opens with "Be " (after a
// bullet): under a duties heading that says what the role is to be ("Be a
// multi-platform expert and trusted advisor to our largest advertisers",
// google-job-skills-row383), not what the candidate brings; elsewhere "Be
// proficient in Go" may ask, so readLevels checks it only there.
func opensWithBe(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '-' || s[i] == '*') {
		i++
	}
	return foldLit(s, i, "be ") >= 0
}

// dutyAt is opensWithDuty without a label.
func dutyAt(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '-' || s[i] == '*') {
		i++
	}
	if e := dutySubject(s, i); e >= 0 {
		k := e
		for k < len(s) && isASCIILetter(s[k]) {
			k++
		}
		w := s[e:k]
		return k > e && (inWordsFold(dutyVerbs, w) || foldASCIIEqual(w, "get") || foldASCIIEqual(w, "gain"))
	}
	j := i
	for j < len(s) && isASCIILetter(s[j]) {
		j++
	}
	if j == i || j < len(s) && s[j] != ' ' {
		return false
	}
	return inWordsFold(dutyVerbs, s[i:j])
}

// asksAfterVoice reports whether the hit at byte off of sentence s, which
// opens in the company's voice, sits in a later clause that turns from
// the company to the candidate: it opens with "but", "though", "yet" or
// "however" and has a cue of its own ("Our team is small and polyglot,
// but experience with TypeScript is a must"). A clause that only goes on
// with the company's list ("We value a trunk-based workflow, comprehensive
// testing and a solid CI/CD pipeline") or speaks for the company again
// (", but we use strong typing") still asks for nothing. o is the clause
// governing the hit (see owner).
func asksAfterVoice(cl []clause, o, off int, s string) bool {
	if o <= 0 || cl[o].cue == 0 || off < cl[o].start || off >= cl[o].end {
		return false
	}
	part := s[cl[o].start:cl[o].end]
	for _, c := range [...]string{"but ", "though ", "although ", "yet ", "however "} {
		if e := foldLit(part, 0, c); e >= 0 {
			return !companyVoice(part[e:])
		}
	}
	return false
}

// bringsItem reports whether list item s states what the candidate
// brings rather than what the role will do: it opens with the
// candidate's experience, knowledge or ability ("Experience working with
// mobile-first applications", "Knowledge about how to work with
// Docker"), or with a cue ("5+ years working on software development",
// "Solid experience with Redux", "Familiar with building secure
// systems").
func bringsItem(s string, cues *cueMatcher, lower *[]byte) bool {
	if opensWithBackground(s) {
		return true
	}
	// A cue that opens the item lies in its first words: the rest need
	// not be read.
	if len(s) > 60 {
		if j := strings.LastIndexByte(s[:60], ' '); j > 0 {
			s = s[:j]
		}
	}
	cue, leading := cues.cueOf(s, lower)
	return leading && cue > skillpulse.LevelMentioned
}

// dutySubject returns the end of a duty subject at offset i of s (see
// dutySubjects): one of them, or "The <one to three words> will ", in
// any ASCII case; else -1.
func dutySubject(s string, i int) int {
	if i == len(s) || s[i]|0x20 != 'y' && s[i]|0x20 != 'i' && s[i]|0x20 != 't' {
		return -1
	}
	for _, d := range dutySubjects {
		if e := foldLit(s, i, d); e >= 0 {
			return e
		}
	}
	e := foldLit(s, i, "the ")
	if e < 0 {
		return -1
	}
	for n := 0; n < 3; n++ {
		j := strings.IndexByte(s[e:], ' ')
		if j <= 0 {
			return -1
		}
		e += j + 1
		if w := foldLit(s, e, "will "); w >= 0 {
			return w
		}
	}
	return -1
}

// productDescription returns where sentence s describes the company or
// its product (see productVoice), or -1: a hit there, under whatever
// heading, asks for nothing ("Moyai is an AI-powered agent monitoring
// tool for AI engineers"; see sentenceMemo.describesProduct). "Is" or
// "are" must introduce what the company is ("is a", "is an", "is the"):
// "Go is our main language" says what the role uses; of the other verbs,
// only those that cannot be a plural noun count.
func productDescription(s string) int {
	p := productVoice(s)
	if p < 0 {
		return -1
	}
	if e := foldLit(s, p, "is "); e >= 0 || foldLit(s, p, "are ") >= 0 {
		if e < 0 {
			e = p + 4
		}
		if foldLit(s, e, "a ") >= 0 || foldLit(s, e, "an ") >= 0 || foldLit(s, e, "the ") >= 0 {
			return p
		}
		return -1
	}
	// Of the other verbs, those that are no plural noun: "Reproducible
	// builds with CMake" is a duty, not a company.
	for _, v := range [...]string{"provides ", "helps ", "develops ", "enables ", "combines ", "lets ", "solves "} {
		if foldLit(s, p, v) >= 0 {
			return p
		}
	}
	return -1
}

// mayBeCompany reports whether clause s opens with a letter that one of
// the company's openings companyVoice reads can open with ("we", "our",
// "at", "here at", "and", "so"): most clauses are passed over without a
// call.
func mayBeCompany(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] | 0x20 {
	case 'w', 'o', 'a', 'h', 's':
		return true
	}
	return false
}
