package extract

// A product's rivals. Postings that describe what the company builds
// name what it competes with or replaces: "an alternative to eBPF", "a
// ground-up replacement for Jupyter and VSCode", "Help us replace
// Okta/Auth0, Ping Identity, and Microsoft Entra", "teams escaping from
// Heroku", "a migration tool to help you move off GitHub", "a company on
// the scale of ServiceNow", "Postgres rather than
// MongoDB", "Our approach differs from LLMs". None of these is a skill
// the job uses.

// rivalOpeners are the words that put the names right after them (and
// the rest of their list) in a rival's place. Each is matched as the
// last word or two before the list, lower-case.
var rivalOpeners = [...]string{"alternative to", "alternatives to", "replacement for", "replacements for", "replace", "replaces", "replacing", "escape", "escaping", "escaping from", "instead of", "rather than", "scale of", "differs from", "differ from", "different from", "unlike"}

// rivalLast are the last words of rivalOpeners: only after one of them
// is the opener looked for.
var rivalLast = [...]string{"to", "for", "replace", "replaces", "replacing", "escape", "escaping", "from", "of", "off", "than", "unlike"}

// rivalMemo carries rival's verdict from one hit to the next of the same
// sentence: a walk back that reaches the start of the hit judged before
// it has crossed only list words since, and takes that verdict.
type rivalMemo struct {
	start   int // where the last hit judged starts, -1 for none
	verdict bool
}

// rival reports whether the name at s[start:end], written with a
// capital ("Okta", "eBPF"), is one of a list of names ("Okta/Auth0, Ping
// Identity, and Microsoft Entra") that a word of rivalOpeners opens. A
// determiner or an adjective between them is a migration of the team's
// own stack ("replacing our Angular app", "replace legacy Perl scripts")
// and keeps the skill.
func (m *rivalMemo) rival(s string, start, end int) bool {
	if !hasUpperASCII(s[start:end]) {
		return false
	}
	v := m.walk(s, start)
	m.start, m.verdict = start, v
	return v
}

// walk reads back from the name at start over the names and "and"/"or"
// of its list, at most ten words, to the word that opens the list, and
// reports whether that word ends a rival opener; a sentence that opens
// with "Unlike" is one too.
func (m *rivalMemo) walk(s string, start int) bool {
	i := start
	for range 10 { // a list of rivals is short; a long stack list is no rival's
		if m.start >= 0 && i <= m.start && m.start < start {
			return m.verdict
		}
		ws, we := prevWordAny(s, i)
		if ws < 0 {
			return false
		}
		w := s[ws:we]
		switch c := s[ws]; {
		case c == 'U' && len(w) == 6 && foldASCIIEqual(w, "unlike"):
			return true // "Unlike Kubernetes, ..." opens the sentence
		case opensName(c):
		case w == "and" || w == "or":
		default:
			return oneOfFold(w, rivalLast[:]) && rivalOpener(s, ws, we)
		}
		i = ws
	}
	return false
}

// rivalOpener reports whether the lower-case word at s[ws:we], with the
// word before it, ends in one of rivalOpeners, or is "off" after "move"
// whose mover is the product's users (see othersMoveOff).
func rivalOpener(s string, ws, we int) bool {
	ps, _ := prevWordAny(s, ws)
	if s[ws:we] == "off" {
		return ps >= 0 && othersMoveOff(s, ps)
	}
	for _, o := range rivalOpeners {
		if s[ws:we] == o {
			return true
		}
		if ps >= 0 && we-ps == len(o) && foldASCIIEqual(s[ps:we], o) {
			return true
		}
	}
	return false
}

// hasUpperASCII reports whether s holds an ASCII capital.
func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if isUpperASCII(s[i]) {
			return true
		}
	}
	return false
}

// movers are the users a product helps to move off another: "help you
// move off GitHub", "lets teams move off Heroku".
const movers = " you users customers teams companies developers "

// othersMoveOff reports whether the word at offset ms of s is "move" or
// "moving" and one of movers stands within the two words before it: a
// product that helps others leave a rival ("a migration tool to help you
// move off GitHub", hn-47226189). A team's own "we're moving off Heroku"
// is its migration, which works on Heroku (RULES.md, the third blind
// part's decisions), and keeps the skill.
func othersMoveOff(s string, ms int) bool {
	_, me := wordAt(s, ms)
	if w := s[ms:me]; w != "move" && w != "moving" {
		return false
	}
	i := ms
	for range 2 {
		ps, pe := prevWordAny(s, i)
		if ps < 0 {
			return false
		}
		if inWordsFold(movers, s[ps:pe]) {
			return true
		}
		i = ps
	}
	return false
}
