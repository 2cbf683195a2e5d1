package extract

import "strings"

// Role lines. An HN comment often lists its openings under a heading
// that elsewhere opens requirements: "We are currently looking for:"
// followed by "Software Engineers - Backend, Python, Rust - https://...",
// "Dev Ops Engineer - https://..." (hn-47975828), or "On the privacy team,
// we are looking for: - C++ Engineer: Working on privacy features ..."
// (hn-46468629), or "We're hiring for 3 roles Remote (UK/EU preferred):"
// over "Developer Platform Lead" (hn-47638436). Such an item names a role
// and its stack, as a header's role field does: its skills are
// mentioned, whatever the heading says (RULES.md, levels 1).

// roleLineNouns end a role's name.
var roleLineNouns = [...]string{"engineer", "engineers", "developer", "developers", "manager", "managers", "lead", "leads",
	"architect", "architects", "administrator", "administrators", "analyst", "analysts", "specialist", "specialists",
	"scientist", "scientists", "designer", "designers", "researcher", "researchers", "intern", "interns"}

// roleSeps end a role's name in a role line: its description, stack or
// link follows.
var roleSeps = [...]string{" - ", " – ", " — ", ": ", " (", " http", " |", " ["}

// roleLine reports whether sentence s opens with a role's name (short,
// every word capitalised but "of", "and", "&", "/", the last a role noun)
// that ends the sentence or is followed by one of roleSeps: "Dev Ops
// Engineer - https://...", "C++ Engineer: Working on ...", "Developer
// Platform Lead". "Senior Engineer with 5+ years of Go" and "Strong
// Python engineer" (a lower-case or cue word) are asks, and so is a role
// whose description asks for experience ("Full Stack Engineer - We are
// seeking ... with experience with both JavaScript and Python",
// hn-46467085).
func roleLine(s string) bool {
	s = strings.TrimLeft(s, " -•*·–—+>#")
	if i := 0; i < len(s) && isDigit(s[0]) {
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i+1 < len(s) && (s[i] == ')' || s[i] == '.') && s[i+1] == ' ' {
			s = s[i+2:] // "1) Senior Product Designer"
		}
	}
	end := len(s)
	for _, sep := range roleSeps {
		if i := strings.Index(s[:end], sep); i >= 0 {
			end = i
		}
	}
	if rest := s[end:]; containsFoldASCII(rest, "experience") || containsFoldASCII(rest, "seeking") || containsFoldASCII(rest, "looking for") {
		return false // "Full Stack Engineer - We are seeking ... with experience with both JavaScript and Python"
	}
	seg := strings.TrimRight(s[:end], " :.")
	if seg == "" || len(seg) > 60 {
		return false
	}
	last := ""
	for w := range strings.SplitSeq(seg, " ") {
		switch {
		case w == "":
			continue
		case w == "of" || w == "and" || w == "&" || w == "/" || w == "+":
		case !isUpperASCII(w[0]) && !isDigit(w[0]):
			return false
		}
		last = w
	}
	return oneOfFold(last, roleLineNouns[:])
}
