package extract

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file splits text into sentences and clauses, each bounded by
// maxSentence.

// sentenceBytes are the bytes appendSentences looks at (1): the ends of
// sentences and clauses, and the first bytes of the inline bullets.
var sentenceBytes = [256]uint8{'.': 1, '!': 1, '?': 1, ';': 1, '|': 1, 0xe2: 1, 0xc2: 1}

// nextSentenceByte returns the offset of the first of sentenceBytes at or
// after i, or len(s), eight bytes at a time (see automaton.wordEnd).
func nextSentenceByte(s string, i int) int {
	sb := &sentenceBytes
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		m := uint(sb[b[0]]) | uint(sb[b[1]])<<1 | uint(sb[b[2]])<<2 | uint(sb[b[3]])<<3 |
			uint(sb[b[4]])<<4 | uint(sb[b[5]])<<5 | uint(sb[b[6]])<<6 | uint(sb[b[7]])<<7
		if m != 0 {
			return i + bits.TrailingZeros(m)
		}
	}
	for i < len(s) && sb[s[i]] == 0 {
		i++
	}
	return i
}

// appendSentences appends s cut at '.', '!', '?' followed by a space and
// a capital or digit, and at every "; " and " | ", so that "Strong Python
// required; Go is a plus" gives each clause its own level.
func appendSentences(out []string, s string) []string {
	last := 0
	for i := nextSentenceByte(s, 0); i < len(s); i = nextSentenceByte(s, i+1) {
		switch s[i] {
		case 0xe2, 0xc2:
			// Inline bullets ("What we're looking for: • Go • AWS"), seen
			// at the bullet's first byte, after the space before it.
			if j := i - 1; j >= 0 && s[j] == ' ' {
				for _, bullet := range [...]string{" • ", " · "} {
					if strings.HasPrefix(s[j:], bullet) {
						// j < last: two bullets share the space
						// between them (" · · "), nothing lies between.
						if t := strings.TrimSpace(s[min(last, j):j]); t != "" {
							out = appendBounded(out, t)
						}
						last = j + len(bullet) // the two bullets differ in length
						break
					}
				}
			}
			continue
		case '.', '!', '?', ';':
		case '|':
			// The fields of a header line ("Acme | Engineer | Costa Mesa,
			// CA ideally | React, Node") are read apart: one field's cue
			// says nothing of the others.
			if i == 0 || s[i-1] != ' ' || i+1 >= len(s) || s[i+1] != ' ' {
				continue
			}
			if t := strings.TrimSpace(s[last:i]); t != "" {
				out = appendBounded(out, t)
			}
			last = i + 1
			continue
		default:
			continue
		}
		c := s[i]
		if i+1 >= len(s) || s[i+1] != ' ' {
			continue
		}
		if c != ';' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '(') {
				continue
			}
			if c == '.' && i >= 2 && abbreviationPair(s[i-2], s[i-1]) && abbreviationEnd(s, i) {
				continue // "(e.g. C or C++ or Rust)" goes on
			}
		}
		if t := strings.TrimSpace(s[last : i+1]); t != "" {
			out = appendBounded(out, t)
		}
		last = i + 1
	}
	if t := strings.TrimSpace(s[last:]); t != "" {
		out = appendBounded(out, t)
	}
	return out
}

// appendBounded appends s cut into pieces of at most maxSentence bytes, at
// spaces where there are any, else on rune boundaries.
func appendBounded(out []string, s string) []string {
	for len(s) > maxSentence {
		cut := strings.LastIndexByte(s[:maxSentence], ' ')
		if cut <= 0 {
			cut = maxSentence
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 {
				cut = maxSentence // not UTF-8: cut anywhere
			}
		}
		if t := strings.TrimSpace(s[:cut]); t != "" {
			out = append(out, t)
		}
		s = s[cut:]
	}
	if trimmed(s) { // what appendSentences hands over, nearly always
		return append(out, s)
	}
	if t := strings.TrimSpace(s); t != "" {
		out = append(out, t)
	}
	return out
}

// trimmed reports whether s is not empty and opens and closes with
// printable ASCII other than a space, so that strings.TrimSpace would
// return it as it is.
func trimmed(s string) bool {
	return s != "" && s[0]-'!' < utf8.RuneSelf-'!' && s[len(s)-1]-'!' < utf8.RuneSelf-'!'
}

// abbreviationEnd reports whether the '.' at s[i] ends an abbreviation,
// a word of its own, that ends no sentence: "experience in system-level
// development (e.g. C or C++ or Rust), and network engineering" is one
// ask (hn-47223685), as is "Rust (esp. Polars)". The abbreviations are
// e.g., i.e., eg., ie., vs., esp., incl., approx. and cf., any case.
func abbreviationEnd(s string, i int) bool {
	// Each ends in one of these letters: most words before a full stop
	// are passed over at their last byte.
	if i < 2 || !abbreviationPair(s[i-2], s[i-1]) {
		return false
	}
	j := i
	for j > 0 && (isASCIILetter(s[j-1]) || s[j-1] == '.') && i-j < 6 {
		j--
	}
	if j == i || j > 0 && isWordByte(s[j-1]) {
		return false
	}
	var buf [6]byte
	n := copy(buf[:], s[j:i])
	for k := range n {
		buf[k] = lowerASCII(buf[k])
	}
	switch string(buf[:n]) {
	case "e.g", "i.e", "eg", "ie", "vs", "esp", "incl", "approx", "cf":
		return true
	}
	return false
}

// abbreviationPair reports whether a and b, the two bytes before a full
// stop, can end one of the abbreviations abbreviationEnd knows: most
// words before a full stop ("services.", "team.") are passed over at
// their last two bytes, without a call.
func abbreviationPair(a, b byte) bool {
	switch uint16(a|0x20)<<8 | uint16(b|0x20) {
	case 'e'<<8 | 'g', 'i'<<8 | 'e', 'v'<<8 | 's', 's'<<8 | 'p', 'c'<<8 | 'l', 'o'<<8 | 'x', 'c'<<8 | 'f', '.'<<8 | 'g', '.'<<8 | 'e':
		return true
	}
	return false
}
