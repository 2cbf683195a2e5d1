package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/skillpulse/skillpulse"
)

// Section headings, matched on the lower-cased heading. Preferred is tried
// first because "Preferred qualifications" and "Good to have skills" also
// hold a required word; then mentioned ("What you'll do" before "what
// you'll need"); then required.
var (
	headPreferred = regexp.MustCompile(`nice[ -]to[ -]haves?|^nice$|bonus|preferred|\bplus(?:es)?\b|good[ -]to[ -]have|desir(?:ed|able)|extra credit|would be (?:great|nice)|ideally|optional|not required|stand out|even better|advantage|advantageous`)
	headAboutYou  = regexp.MustCompile(`what you(?:'|’)?ll need|what you need|what we need|what we want|what you will need|about you|who you are|what you bring|you(?:'|’)?ll have|you have`)
	headMentioned = regexp.MustCompile(`responsibilit|what you(?:'|’)?ll do|what you will do|what you(?:'|’)?ll be doing|what you will be doing|day[ -]to[ -]day|\bthe role\b|about (?:us|the (?:role|team|company|job|position))|\babout [a-z0-9.]+$|overview|benefits|perks|what we offer|we offer|life (?:at|@)|why (?:join|work|you(?:'|’)?ll love)|what(?:'|’)?s in it for you|what you(?:'|’)?ll get|our culture|our values|compensation|salary|our (?:tech )?stack|tech(?:nology)? stack|the team|who we are|our mission|why join|how to apply|location|equal opportunity|role boundaries|kpis|key performance|impact you|mission|culture|interview`)
	headRequired  = regexp.MustCompile(`requirement|required|essential|mandatory|qualifications|must[ -]haves?|what you(?:'|’)?ll need|what you need|what you will need|what (?:we(?:'|’)?re|we are) looking for|looking for|about you|who you are|you have|you(?:'|’)?ll have|you bring|what you bring|your profile|profile|skills|experience|expertise|ideal candidate|you should have|we expect|you are|competenc|knowledge`)
)

// classifyHeading maps a section heading to the level its body starts at.
// ok is false for headings it does not recognise (sub-headings, company
// names); the caller keeps the section it is in.
func classifyHeading(h string) (skillpulse.Level, bool) {
	h = strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(h), ":*#-–—•")))
	if h == "" || len(h) > 80 {
		return 0, false
	}
	switch {
	case headPreferred.MatchString(h):
		return skillpulse.LevelPreferred, true
	case headAboutYou.MatchString(h):
		return skillpulse.LevelRequired, true
	case headMentioned.MatchString(h):
		return skillpulse.LevelMentioned, true
	case headRequired.MatchString(h):
		return skillpulse.LevelRequired, true
	}
	return 0, false
}

// Sentence cues override the section: negation, then preferred, then
// required (the literal cue phrases are in cues.go). Negation comes first because "no Kubernetes experience
// required" holds a required word; preferred before required because "a
// strong plus" is still a plus.
var (
	cueNegation = regexp.MustCompile(`\b(?:no|not|never|without)\b[^.;]{0,50}\b(?:required|needed|necessary|expected|a (?:requirement|prerequisite|must))\b|\bno (?:prior |previous )?(?:experience|knowledge)\b|\b(?:don't|don’t|do not|doesn't|doesn’t|does not|won't|won’t|will not) (?:need|have to|require|expect)\b|\bnot (?:required|needed|necessary|expected)\b`)
	// cueYears is the required cue a years phrase gives ("5+ years",
	// "3-5 years", "two years").
	cueYears = regexp.MustCompile(`\d\s*\+\s*(?:years?|yrs)|\d\s*(?:-|–|to)\s*\d+\s*(?:years?|yrs)|\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\+? (?:years?|yrs)\b`)
	// localCue reads a parenthesis right after a skill: "GCP (preferred)
	// and AWS" prefers GCP only.
	cueLocal = regexp.MustCompile(`(?i)^\s*\(\s*(preferred|preferably|a plus|plus|nice to have|bonus|optional|ideally|required|must|must have|mandatory)\s*\)`)
)

// clause is one comma-separated part of a sentence. A sentence often
// packs several asks: "3+ years in security operations, comfortable
// writing Python, familiar with AWS". Each clause with a cue governs
// itself; a clause without one belongs to the nearest cued clause before
// it ("Proficiency with Terraform, Kubernetes, and Prometheus"), or, when
// none precedes, after it ("Terraform, Ansible or Chef is a plus").
type clause struct {
	end   int              // byte offset in the sentence where it ends
	cue   skillpulse.Level // own cue, 0 for none; after resolution, the owner's
	years int              // years stated in the clause
	own   int              // index of the governing clause, -1 for the section
}

// clauses splits a sentence and resolves which clause governs each.
func clauses(s string, cues *cueMatcher) []clause {
	experience := containsFoldASCII(s, "experience")
	var out []clause
	start := 0
	for start <= len(s) {
		end := strings.Index(s[start:], ", ")
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		part := s[start:end]
		out = append(out, clause{end: end, cue: cues.cueOf(part), years: yearsIn(part, experience)})
		start = end + 2
	}
	for i := range out {
		out[i].own = -1
		if out[i].cue != 0 {
			out[i].own = i
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if out[j].cue != 0 {
				out[i].own = j
				break
			}
		}
		if out[i].own < 0 {
			for j := i + 1; j < len(out); j++ {
				if out[j].cue != 0 {
					out[i].own = j
					break
				}
			}
		}
	}
	return out
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

var cueParens = regexp.MustCompile(`\(\s*(?:preferred|preferably|a plus|plus|nice to have|bonus|optional|ideally|required|must|must have|mandatory)\s*\)`)

// localCue reads a level from a parenthesis that follows a skill.
func localCue(after string) (skillpulse.Level, bool) {
	if len(after) == 0 || (after[0] != ' ' && after[0] != '(') {
		return 0, false
	}
	m := cueLocal.FindStringSubmatch(after)
	if m == nil {
		return 0, false
	}
	switch strings.ToLower(m[1]) {
	case "required", "must", "must have", "mandatory":
		return skillpulse.LevelRequired, true
	}
	return skillpulse.LevelPreferred, true
}

// yearsPhrase finds "5+ years", "3-5 years" (lower bound), "five years",
// "at least two years". The phrase must be about experience: the sentence
// says "experience", the number is qualified ("at least two years"), or
// the years are followed by of/in/with or a verb of doing ("5+ years
// building").
var yearsPhrase = regexp.MustCompile(`(?i)(at least |minimum of |min\.? |over |more than )?\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s*(?:\+|plus)?\s*(?:(?:-|–|—|to)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)\s*\+?\s*)?(?:years?|yrs?)\b(?:\s*(?:'|’)?\s*(of|in|with|as|at|on|doing|working|building|running|operating|managing|developing|writing|using|designing|hands-on|professional|industry|relevant|experience|exp)\b)?`)

// wordNumber reads the spelled-out numbers yearsPhrase accepts.
func wordNumber(w string) int {
	switch strings.ToLower(w) {
	case "one":
		return 1
	case "two":
		return 2
	case "three":
		return 3
	case "four":
		return 4
	case "five":
		return 5
	case "six":
		return 6
	case "seven":
		return 7
	case "eight":
		return 8
	case "nine":
		return 9
	case "ten":
		return 10
	case "eleven":
		return 11
	case "twelve":
		return 12
	case "fifteen":
		return 15
	case "twenty":
		return 20
	}
	return 0
}

// yearsIn returns the largest experience requirement in s, capped at 30,
// or 0. experience says the enclosing sentence talks about experience,
// which makes a bare "5 years" count.
func yearsIn(s string, experience bool) int {
	if !containsFoldASCII(s, "year") && !containsFoldASCII(s, "yr") {
		return 0
	}
	experience = experience || containsFoldASCII(s, "experience")
	best := 0
	for _, m := range yearsPhrase.FindAllStringSubmatch(s, -1) {
		if m[1] == "" && m[3] == "" && !experience {
			continue
		}
		n, err := strconv.Atoi(m[2])
		if err != nil {
			n = wordNumber(m[2])
		}
		best = max(best, min(n, 30))
	}
	return best
}

// containsFoldASCII is strings.Contains ignoring ASCII case, without
// allocating a lower-cased copy.
func containsFoldASCII(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}
