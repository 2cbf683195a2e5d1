package resume

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dewrap joins the lines a PDF writer broke a sentence across, so the
// tagger reads the sentence whole and a date range reads as one:
//
//   - a line that does not end a sentence, followed by one that starts in
//     lower case ("…keeping large Linux fleets" + "and the services…");
//   - a line ending in a date range's dash or "to", followed by its end
//     ("(Jun 2022 –" + "Present)");
//   - a word hyphenated at the line's end ("cer-" + "tificates"), joined
//     without the hyphen when the rest starts in lower case, unless the
//     part before is a word that compounds with a hyphen ("on-" + "call",
//     "incident-" + "response"); before a capital ("Hyper-" + "V") the
//     hyphen stays, as it is more often part of a name.
func dewrap(text string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		n := len(out)
		if n == 0 {
			out = append(out, l)
			continue
		}
		prev := strings.TrimRight(out[n-1], " ")
		next := strings.TrimLeft(l, " ")
		switch {
		case hyphenated(prev, next):
			if r, _ := utf8.DecodeRuneInString(next); unicode.IsLower(r) && !compoundHead(prev) {
				prev = strings.TrimSuffix(prev, "-")
			}
			out[n-1] = prev + next
		case rangeContinues(prev, next), continues(prev, next):
			out[n-1] = prev + " " + next
		default:
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// continues reports whether next goes on with the sentence prev leaves
// open: prev ends in no sentence or clause punctuation and next starts in
// lower case.
func continues(prev, next string) bool {
	if prev == "" || next == "" || strings.ContainsAny(prev[len(prev)-1:], ".:;!?") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r)
}

// hyphenated reports whether prev ends in a word broken by a hyphen that
// next goes on with: two letters, a hyphen, then a letter.
func hyphenated(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") || next == "" {
		return false
	}
	word := lastWord(strings.TrimSuffix(prev, "-"))
	r, _ := utf8.DecodeRuneInString(next)
	return utf8.RuneCountInString(word) >= 2 && isLetters(word) && unicode.IsLetter(r)
}

// compoundHeads are words that open hyphenated compounds in resumes: a
// line ending "on-" goes on with "call", and the hyphen is kept.
var compoundHeads = map[string]bool{
	"on": true, "off": true, "multi": true, "self": true, "non": true, "cross": true, "end": true,
	"hands": true, "high": true, "low": true, "real": true, "full": true, "open": true, "fail": true,
	"zero": true, "cert": true, "cloud": true, "incident": true, "event": true, "service": true,
	"load": true, "data": true, "follow": true, "co": true, "re": true, "pre": true, "post": true,
	"e": true, "in": true, "out": true, "up": true, "long": true, "short": true, "well": true,
	"front": true, "back": true, "fine": true, "auto": true, "sub": true, "side": true, "day": true,
}

// compoundHead reports whether the word prev ends with, before its
// hyphen, is one of compoundHeads.
func compoundHead(prev string) bool {
	return compoundHeads[strings.ToLower(lastWord(strings.TrimSuffix(prev, "-")))]
}

// lastWord returns the letters that end s.
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

// isLetters reports whether s is letters only, and not empty.
func isLetters(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// rangeOpen and rangeEnd find a date range cut after its separator.
var (
	rangeOpen = regexp.MustCompile(`(?i)(?:\b(?:19|20)\d\d(?:-\d\d)?|\b\d\d?[/.](?:19|20)\d\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s*(?:[-–—‒]+|\bto|\buntil)$`)
	rangeEnd  = regexp.MustCompile(`(?i)^(?:present|current|now|today|ongoing|date|(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d|\d\d?[/.](?:19|20)\d\d)\b`)
)

// rangeContinues reports whether prev ends in a date range cut after its
// separator and next opens with the range's end (see rangeOpen, rangeEnd).
func rangeContinues(prev, next string) bool {
	// Most lines end otherwise: look at the last rune before the regexp.
	r, _ := utf8.DecodeLastRuneInString(prev)
	if r != '-' && r != '–' && r != '—' && r != '‒' && r != 'o' && r != 'O' && r != 'l' && r != 'L' {
		return false
	}
	if len(prev) > 40 {
		prev = prev[len(prev)-40:]
	}
	return rangeEnd.MatchString(next) && rangeOpen.MatchString(prev)
}
