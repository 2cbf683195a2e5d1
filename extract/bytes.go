package extract

import "unicode/utf8"

// The ASCII byte tests and folds the scanners share. Each is written once
// here: the block splitter, the HTML scanner, the matcher and the cue and
// years scanners all mean the same thing by a word byte or a space.

// isWordByte is regexp's \w: the bytes that make a \b, and the bytes that
// continue a word (a match can pass the tagger's boundary check only where
// the byte before it is not one).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// isSpaceByte is regexp's \s, which is also HTML's whitespace between
// attributes.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func lowerASCII(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// wordBoundary is regexp's \b at byte offset i of s.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// skipSpace returns the offset of the first byte at or after i that is not
// \s.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCIIEqual reports whether s equals lower-case lit, ASCII case
// folded only (as the tokenizer compares tag names).
func foldASCIIEqual(s, lit string) bool {
	if len(s) != len(lit) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != lit[i] {
			return false
		}
	}
	return true
}

// containsFoldASCII is strings.Contains ignoring ASCII case, without
// allocating a lower-cased copy.
func containsFoldASCII(s, sub string) bool { return indexFoldASCII(s, sub) >= 0 }

// isUpperASCII reports whether c is an ASCII capital.
func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
