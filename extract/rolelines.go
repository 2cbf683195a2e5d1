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
// link follows (a colon ends it too).
var roleSeps = [...]string{" - ", " – ", " — ", " (", " http", " |", " ["}

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
	if s == "" || !isUpperASCII(s[0]) && !isDigit(s[0]) {
		return false
	}
	// The name: capitalised words up to a separator, the end, or 60 bytes.
	end, last := len(s), ""
	for i := 0; i < len(s); {
		if i > 60 {
			return false
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != ':' {
			j++
		}
		switch w := s[i:j]; {
		case w == "":
		case w == "of" || w == "and" || w == "&" || w == "/" || w == "+":
		case !isUpperASCII(w[0]) && !isDigit(w[0]):
			return false
		default:
			last = w
		}
		if j < len(s) && (s[j] == ':' || sepAt(s, j)) {
			end = j
			break
		}
		i = j + 1
	}
	if !oneOfFold(strings.TrimRight(last, "."), roleLineNouns[:]) {
		return false
	}
	rest := s[end:]
	return !containsFoldASCII(rest, "experience") && !containsFoldASCII(rest, "seeking") && !containsFoldASCII(rest, "looking for")
}

// sepAt reports whether one of roleSeps starts at offset i of s.
func sepAt(s string, i int) bool {
	if s[i] != ' ' {
		return false
	}
	for _, sep := range roleSeps {
		if strings.HasPrefix(s[i:], sep) {
			return true
		}
	}
	return false
}

// roleLineMemo remembers roleLine's verdict on the last sentence asked
// about: the hits of one sentence come together.
type roleLineMemo struct {
	sent int
	role bool
}

// is reports whether sentence i, of text s, is a role line.
func (m *roleLineMemo) is(i int, s string) bool {
	if m.sent != i {
		m.sent, m.role = i, roleLine(s)
	}
	return m.role
}
