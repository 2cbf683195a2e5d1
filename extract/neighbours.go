package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words around a match that guards read: bounded looks back and
// forward from a byte offset, word lists written as constants, and the
// punctuation that joins the words of one term or the items of a list.

// prevWords returns up to n lower-cased words before byte offset i,
// nearest first, in dst's memory. A word is a run of letters, digits and
// apostrophes. It looks back at most 64 bytes: guards only care about
// the neighbourhood, and a bounded look keeps long lines linear; the
// first word of that window is dropped, since it may be cut.
func prevWords(s string, i, n int, dst []string) []string {
	lo := max(0, i-64)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' }
	out := dst[:0]
	for j := i; j > lo && len(out) < n; {
		r, w := utf8.DecodeLastRuneInString(s[lo:j])
		if !isWord(r) {
			j -= w
			continue
		}
		k := j
		for k > lo {
			r, w := utf8.DecodeLastRuneInString(s[lo:k])
			if !isWord(r) {
				break
			}
			k -= w
		}
		if lo > 0 && strings.IndexFunc(s[lo:k], isWord) < 0 {
			break // the window's first word, maybe cut
		}
		out = append(out, strings.ToLower(s[k:j]))
		j = k
	}
	return out
}

// nextWord returns the lower-cased word after byte offset i, skipping
// spaces only (not punctuation): "Go, Rust" has no next word for Go.
func nextWord(s string, i int) string {
	rest := strings.TrimLeft(s[i:min(len(s), i+64)], " ")
	// A place is written "Palo Alto, CA": a state's two capitals after a
	// comma are the next word.
	if len(rest) >= 4 && rest[0] == ',' && rest[1] == ' ' && isUpperASCII(rest[2]) && isUpperASCII(rest[3]) && (len(rest) == 4 || !isASCIILetter(rest[4])) {
		return strings.ToLower(rest[2:4])
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r)) })
	if end < 0 {
		end = len(rest)
	}
	return strings.ToLower(rest[:end])
}

func nextRune(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// inWords reports whether w is one of the space-separated words in list,
// which starts and ends with a space. Constants keep the package free of
// mutable state; guards run rarely enough that a scan is cheap. It is
// strings.Contains(list, " "+w+" ") without building the needle: w is
// looked for at its first byte, which a list holds far fewer of than
// spaces, and each place it occurs is checked for a space either side.
func inWords(list, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(list[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if e := j + len(w); j > 0 && list[j-1] == ' ' && e < len(list) && list[e] == ' ' {
			return true
		}
		i = j + 1
	}
}

// isJoiner reports whether b may join two words of one term: a space, a
// hyphen or a slash ("Layer-3", "IP/MPLS").
func isJoiner(b byte) bool { return b == ' ' || b == '-' || b == '/' }

// isListJoiner is what may stand between two items of a list besides
// "and" and "or".
func isListJoiner(b byte) bool { return isJoiner(b) || b == ',' || b == '&' }

// wordBefore returns the lower-cased word joined to byte offset i from
// before (see isJoiner), or "", and the word before i across list
// punctuation and one "and"/"or" ("switching, and routing"). It looks
// at most 64 bytes back.
func wordBefore(s string, i int) (joined, listed string) {
	lo := max(0, i-64)
	word := func(j int) (string, int) {
		k := j
		for k > lo && (isASCIILetter(s[k-1]) || isDigit(s[k-1])) {
			k--
		}
		return strings.ToLower(s[k:j]), k
	}
	j := i
	for j > lo && isJoiner(s[j-1]) {
		j--
	}
	joined, _ = word(j)
	for j > lo && isListJoiner(s[j-1]) {
		j--
	}
	listed, k := word(j)
	if listed == "and" || listed == "or" {
		for k > lo && isListJoiner(s[k-1]) {
			k--
		}
		listed, _ = word(k)
	}
	return joined, listed
}

// wordAfter is wordBefore looking forward from byte offset i.
func wordAfter(s string, i int) (joined, listed string) {
	hi := min(len(s), i+64)
	word := func(j int) (string, int) {
		k := j
		for k < hi && (isASCIILetter(s[k]) || isDigit(s[k])) {
			k++
		}
		return strings.ToLower(s[j:k]), k
	}
	j := i
	for j < hi && isJoiner(s[j]) {
		j++
	}
	joined, _ = word(j)
	for j < hi && isListJoiner(s[j]) {
		j++
	}
	listed, k := word(j)
	if listed == "and" || listed == "or" {
		for k < hi && isListJoiner(s[k]) {
			k++
		}
		listed, _ = word(k)
	}
	return joined, listed
}

// listGap reports whether the text between two matches is only list
// punctuation and conjunctions: ", ", " / ", " or ", ", and ".
func listGap(g string) bool {
	if len(g) > 12 {
		return false
	}
	// What strings.NewReplacer("and", " ", "or", " ", ",", " ", ...)
	// followed by TrimSpace left empty: only those words, characters and
	// white space, in any case.
	for i := 0; i < len(g); {
		if e := foldLit(g, i, "and"); e == i+3 {
			i = e
			continue
		}
		if e := foldLit(g, i, "or"); e == i+2 {
			i = e
			continue
		}
		switch g[i] {
		case ',', '/', '&', '|', '(', ')':
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(g[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// listJoin reports whether g joins two items of a list: list punctuation
// and conjunctions only (see listGap), and not white space alone
// ("disaster recovery testing", "serverless cloud" are one term).
func listJoin(g string) bool {
	return listGap(g) && strings.TrimSpace(g) != ""
}

// acronym reports whether w is written in capitals only, three letters
// or more.
func acronym(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !(w[i] >= 'A' && w[i] <= 'Z') {
			return false
		}
	}
	return true
}
