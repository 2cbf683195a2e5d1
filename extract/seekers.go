package extract

import (
	"strings"

	"github.com/skillpulse/skillpulse"
)

// Levels read from how an HN comment asks where it has no heading and no
// cue word: whom the company is looking for ("I am especially looking
// for folks with deep ClickHouse, Postgres, Redis, and Python
// experience", hn-47606585), what a "bonus" is when it is pay
// ("$160~180k USD + up to 10% bonus - Go (golang), Kubernetes (K8s),
// GCP", hn-48013821), and a closing "(Production experience required)"
// (hn-46879486). RULES.md, sixth pass (HN levels).

// seekers, lower-cased, say whom the company is looking for.
var seekers = [...]string{"looking for ", "seeking ", "hiring ", "searching for ", "in search of ", "we need "}

// backgroundNouns, lower-cased, name what a candidate brings: a seeker
// followed by one of them asks for the skills around it.
var backgroundNouns = [...]string{"experience", "exp", "skills", "expertise", "background", "backgrounds", "chops", "knowledge", "proficiency", "fluency"}

// nonCandidateExperience, before "experience", make it what a product
// gives its users, not what the candidate brings: "hiring engineers who
// care about the developer experience".
const nonCandidateExperience = " developer dev user customer patient guest candidate product learning shopping buying member employee client player "

// seekerAt returns the end of the first seeker phrase of clause s that
// starts a word, or -1. It looks only at word starts whose first letter
// can open one, so that most clauses are passed over in one scan.
func seekerAt(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c != 'l' && c != 's' && c != 'h' && c != 'i' && c != 'w' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, p := range seekers {
			if p[0] == c {
				if e := foldLit(s, i, p); e >= 0 {
					return e
				}
			}
		}
	}
	return -1
}

// seeksBackground reports whether clause s of a sentence, with rest the
// sentence from the clause's start on, says whom the company is looking
// for by what they bring: a seeker ("looking for", "seeking", "hiring")
// and, later in the sentence, one of backgroundNouns ("engineers with
// meaningful Rust, C++ or Java experience", hn-48009832; "a senior
// engineer with Java 25 skills, PostgreSQL, git", hn-47220916; "(looking
// for Kotlin/Java/Scala experience)", hn-47977858). The skills between
// and after are asked for, as "experience with X" in a list of what the
// candidate brings is (RULES.md, levels 4). A purpose clause between the
// two ("hiring a Product Engineer to improve the developer experience")
// says what the role will do, not what it asks.
func seeksBackground(s, rest string) bool {
	e := seekerAt(s)
	if e < 0 {
		return false
	}
	return backgroundAfter(rest[e:])
}

// backgroundAfter reports whether rest, the words after a seeker, names
// what the person brings: one of backgroundNouns before any purpose
// clause ("to"), and not a product's experience (nonCandidateExperience).
func backgroundAfter(rest string) bool {
	for i := 0; i < len(rest); i++ {
		if i > 0 && isWordByte(rest[i-1]) || !isASCIILetter(rest[i]) {
			continue
		}
		j := i
		for j < len(rest) && isWordByte(rest[j]) {
			j++
		}
		w := rest[i:j]
		switch {
		case foldASCIIEqual(w, "to"):
			return false
		case backgroundNoun(w):
			if !foldASCIIEqual(w, "experience") {
				return true
			}
			if ws, we := prevWordAt(rest, i); ws < 0 || !inWordsFold(nonCandidateExperience, rest[ws:we]) {
				return true
			}
		}
		i = j
	}
	return false
}

// labelWantsBackground reports whether clause part, the first of
// sentence s, is a role's label followed by the person it wants and what
// they bring: "Founding Applied AI Engineer: Senior Eng with production
// LLM experience" (hn-47977906), "Technical Product Manager ($150-225k
// USD): Business-minded ex-engineer with SQL, analytics, and integration
// skills" (hn-47036452). The label ends at a colon within its first 60
// bytes; the person, at most four words on, is a person's noun right
// before "with"; a noun of backgroundNouns follows in the sentence.
func labelWantsBackground(part, s string) bool {
	c := strings.IndexByte(part[:min(len(part), 60)], ':')
	if c < 0 {
		return false
	}
	rest := part[c+1:]
	prev := ""
	for i, n := 0, 0; i < len(rest) && n < 5; i++ {
		if i > 0 && isWordByte(rest[i-1]) || !isASCIILetter(rest[i]) {
			continue
		}
		j := i
		for j < len(rest) && (isWordByte(rest[j]) || rest[j] == '-') {
			j++
		}
		if foldASCIIEqual(rest[i:j], "with") {
			w := prev
			if k := strings.LastIndexByte(w, '-'); k >= 0 {
				w = w[k+1:] // "ex-engineer"
			}
			return (personNoun(w) || foldASCIIEqual(w, "eng")) && backgroundAfter(s[c+1+j:])
		}
		prev, n, i = rest[i:j], n+1, j
	}
	return false
}

// backgroundNoun reports whether word w is one of backgroundNouns, any
// ASCII case.
func backgroundNoun(w string) bool {
	if len(w) < 3 || len(w) > 11 || strings.IndexByte("esbckpf", w[0]|0x20) < 0 {
		return false
	}
	for _, n := range backgroundNouns {
		if foldASCIIEqual(w, n) {
			return true
		}
	}
	return false
}

// payBonusBefore and payBonusAfter, lower-cased, are the words around
// "bonus" that make it pay: "annual cash bonus", "base + bonus +
// equity", "bonus scheme".
const (
	payBonusBefore = " annual cash signing performance monthly quarterly yearly discretionary guaranteed relocation retention referral company target holiday salary base equity stock competitive generous tied "
	payBonusAfter  = " plan plans scheme schemes structure eligibility potential pool "
)

// payBonus reports whether the "bonus" or "bonuses" at s[start:end] of
// the lower-cased clause s is pay, not a preference: after a number, a
// '%', a '+', '&' or '/' ("up to 10% bonus", "$120k + bonus",
// "Equity/Bonuses"), after one of payBonusBefore, or before one of
// payBonusAfter or a '+'.
func payBonus(s string, start, end int) bool {
	i := start
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	if i > 0 && (isDigit(s[i-1]) || strings.IndexByte("%+&/$€£", s[i-1]) >= 0) {
		return true
	}
	if ws, we := prevWordAt(s, start); ws >= 0 && inWords(payBonusBefore, s[ws:we]) {
		return true
	}
	j := end
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && (s[j] == '+' || s[j] == '&') {
		return true
	}
	ws, we := wordAt(s, j)
	return ws < we && inWords(payBonusAfter, s[ws:we])
}

// seekerIntro reports whether text, a line that opens a list, says whom
// the company is looking for and that the list says what they know or
// bring: a seeker (seek says the cue scan found one; "we need" is one), then a
// person and "with" or "who" and what they know or are ("We need
// engineers who know:", hn-46634701; "We're looking for Senior and
// Principal engineers with either:", hn-47222314). Who will or can do
// something introduces what the role does ("a full-stack engineer who
// can own features end-to-end across our stack:", hn-47221630), and a
// role that "bridges our technology with" no person at all
// (hn-46525416).
func seekerIntro(text string, seek bool) bool {
	if !seek {
		return false
	}
	e := seekerAt(text)
	if e < 0 {
		return false
	}
	prev := ""
	for i := e; i < len(text); i++ {
		if i > 0 && isWordByte(text[i-1]) || !isASCIILetter(text[i]) {
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		w := text[i:j]
		switch {
		case foldASCIIEqual(w, "to"):
			return false
		case foldASCIIEqual(w, "with"):
			return personNoun(prev)
		case foldASCIIEqual(w, "who"):
			ws, we := wordAt(text, j)
			return personNoun(prev) && (ws == len(text) || inWordsFold(whoKnows, text[ws:we]))
		}
		prev = w
		i = j
	}
	return false
}

// whoKnows, after "who", say what a person knows or is, lower-cased.
const whoKnows = " know knows understand understands have has are is "

// personNoun reports whether w names the people a company looks for,
// any ASCII case: "engineers", "someone", "folks", a role's noun.
func personNoun(w string) bool {
	return inWordsFold(" people person someone somebody folks candidates candidate individuals builders builder generalists generalist hackers hacker swes ", w) || oneOfFold(w, roleLineNouns[:])
}

// experienceCue reads a parenthesis that says the experience of its
// sentence is required or preferred, in at most four plain words that
// name nothing: "Stack: Go, Rust, and/or SolidJS (Production experience
// required)" asks for what the line names (hn-46879486); "(macOS
// experience preferred)" is for macOS alone.
func experienceCue(inner string) (skillpulse.Level, bool) {
	inner = strings.TrimSpace(inner)
	// The last word decides first: most parentheses end in none of them.
	k := strings.LastIndexByte(inner, ' ')
	if k < 0 || len(inner)-k-1 < 8 {
		return 0, false
	}
	var lvl skillpulse.Level
	switch last := inner[k+1:]; {
	case foldASCIIEqual(last, "required"), foldASCIIEqual(last, "essential"), foldASCIIEqual(last, "mandatory"):
		lvl = skillpulse.LevelRequired
	case foldASCIIEqual(last, "preferred"), foldASCIIEqual(last, "desirable"):
		lvl = skillpulse.LevelPreferred
	default:
		return 0, false
	}
	n, experience := 0, false
	for w := range strings.FieldsSeq(inner) {
		for j := 1; j < len(w); j++ {
			if w[j] >= 'A' && w[j] <= 'Z' || w[j] >= 0x80 {
				return 0, false // it names something: "(macOS experience preferred)"
			}
		}
		if n > 0 && (w[0] < 'a' || w[0] > 'z') {
			return 0, false
		}
		n++
		experience = experience || foldASCIIEqual(w, "experience")
	}
	if n < 2 || n > 4 || !experience {
		return 0, false
	}
	return lvl, true
}
