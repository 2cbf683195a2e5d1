package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain text and Markdown blocks: lines, bullets and the lines that read
// as headings. The HTML reader (blocks.go) uses the same bullets and
// heading shapes for what it cannot tell from markup.

var (
	mdHeading   = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*$`)
	boldHeading = regexp.MustCompile(`^(?:\*\*|__)(.+?)(?:\*\*|__):?$`)
)

// bulletEnd returns where a list item's text starts in non-empty line,
// past its bullet and the white space after it, or -1 when line is not a
// list item: what ^(?:[-*•·–◦▪]|\d{1,2}[.)])\s+ matched (\s is ASCII).
func bulletEnd(line string) int {
	var i int
	switch c := line[0]; {
	case c == '-' || c == '*':
		i = 1
	case isDigit(c):
		i = 1
		if i < len(line) && isDigit(line[i]) {
			i++
		}
		if i == len(line) || line[i] != '.' && line[i] != ')' {
			return -1
		}
		i++
	default:
		switch r, n := utf8.DecodeRuneInString(line); r {
		case '•', '·', '–', '◦', '▪':
			i = n
		default:
			return -1
		}
	}
	if j := skipSpace(line, i); j > i {
		return j
	}
	return -1
}

// textBlocks splits plain text (or Markdown) into lines, each a block,
// appended to out. A heading is a Markdown heading, a bold-only line, a
// short line ending in ':' or a short line in capitals. The expressions
// run only on lines whose first byte they could match.
func textBlocks(doc string, out []block) []block {
	base := len(out)
	for i := 0; i <= len(doc); {
		end, clean := collapsedLine(doc, i)
		line := doc[i:end]
		i = end + 1
		if len(out)-base >= maxBlocks {
			break
		}
		if !clean {
			line = collapse(line)
		}
		if line == "" {
			continue
		}
		switch c := line[0]; {
		case c == '#':
			if m := mdHeading.FindStringSubmatch(line); m != nil {
				out = append(out, block{kind: blockHeading, text: m[1]})
				continue
			}
		case (c == '*' || c == '_') && len(line) > 1 && line[1] == c:
			if m := boldHeading.FindStringSubmatch(line); m != nil {
				out = append(out, block{kind: blockHeading, text: m[1]})
				continue
			}
		}
		if c := line[0]; c == '-' || c == '*' || isDigit(c) || c == 0xe2 || c == 0xc2 {
			// -, *, 1. 1), and the UTF-8 leads of • · – ◦ ▪
			if e := bulletEnd(line); e >= 0 {
				out = append(out, block{kind: blockItem, text: line[e:]})
				continue
			}
		}
		if looksLikeHeading(line) {
			out = append(out, block{kind: blockHeading, text: line})
			continue
		}
		if maybeHeading(line) {
			out = append(out, block{kind: blockMaybeHeading, text: line})
			continue
		}
		out = append(out, block{kind: blockPara, text: line})
	}
	return out
}

// fieldsAtMost reports whether s has at most n fields, as strings.Fields
// would count them. ASCII is read byte by byte, without decoding; only a
// byte beyond ASCII is decoded, for unicode.IsSpace.
func fieldsAtMost(s string, n int) bool {
	fields, inField := 0, false
	for i := 0; i < len(s); {
		space := false
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || c-'\t' <= '\r'-'\t'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			inField = false
			continue
		}
		if !inField {
			inField = true
			if fields++; fields > n {
				return false
			}
		}
	}
	return true
}

// moreRunes reports whether s has more than n runes, counting only
// when its length leaves a doubt: a rune takes one to four bytes (a byte
// of invalid UTF-8 counts as one), and most blocks are far longer than a
// heading.
func moreRunes(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false
	case len(s) > 4*n:
		return true
	}
	return utf8.RuneCountInString(s) > n
}

// maybeHeading: at most six words and no closing punctuation.
func maybeHeading(line string) bool {
	if len(line) > 50 {
		return false
	}
	switch last, _ := utf8.DecodeLastRuneInString(line); last {
	case '.', ',', ';', '!', '?', ')':
		return false
	}
	return fieldsAtMost(line, 6)
}

// looksLikeHeading: short, and either ends in ':' or has letters and no
// lower-case ones (REQUIREMENTS).
func looksLikeHeading(line string) bool {
	colon := strings.HasSuffix(line, ":")
	// Most lines are ruled out by their first lower-case ASCII letter,
	// before the runes and fields are counted.
	if !colon && hasLowerASCII(line) || moreRunes(line, 60) || !fieldsAtMost(line, 8) {
		return false
	}
	if colon {
		return true
	}
	letters, lower := 0, 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	return letters >= 4 && lower == 0
}

func hasLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'a' < 26 {
			return true
		}
	}
	return false
}
