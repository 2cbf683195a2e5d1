package extract

// Folding white space: every block, sentence and piece of evidence is
// read collapsed, and most text already is, so the check comes first and
// is the part that must be fast.

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// collapse folds every run of white space (NBSP included) into one space
// and trims the ends.
func collapse(s string) string {
	if collapsed(s) {
		return s // the common case for sentences: no copy
	}
	return string(appendCollapsed(make([]byte, 0, len(s)), s))
}

// isCollapseSpace is the white space collapse folds.
func isCollapseSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// appendCollapsed appends collapse(s) to dst when s is not collapsed
// already; invalid UTF-8 comes out as U+FFFD. Runs of ASCII bytes that
// are not white space are copied as they are, at once, without decoding.
func appendCollapsed(dst []byte, s string) []byte {
	space, wrote := false, false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if isASCIISpace(c) {
				space = true
				i++
				continue
			}
			j := asciiWordEnd(s, i+1)
			if space && wrote {
				dst = append(dst, ' ')
			}
			space, wrote = false, true
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if isCollapseSpace(r) {
			space = true
			continue
		}
		if space && wrote {
			dst = append(dst, ' ')
		}
		space, wrote = false, true
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// asciiWordEnd returns the end of the run of ASCII bytes that are not
// white space from i on in s. Eight bytes of printable ASCII other than
// space are passed over at once; a byte below '!' or beyond ASCII is
// looked at alone.
func asciiWordEnd(s string, i int) int {
	for i < len(s) {
		for ; i+8 <= len(s); i += 8 {
			w := load8(s, i)
			if m := (w - '!'*laneOnes | w) & laneHighs; m != 0 { // the lowest lane flagged is below '!' or beyond ASCII
				i += bits.TrailingZeros64(m) / 8
				break
			}
		}
		if i == len(s) || s[i] >= utf8.RuneSelf || isASCIISpace(s[i]) {
			return i
		}
		i++
	}
	return i
}

// isASCIISpace is isCollapseSpace for an ASCII byte: unicode.IsSpace's
// ASCII white space.
func isASCIISpace(c byte) bool { return c == ' ' || c-'\t' <= '\r'-'\t' }

// Lanes of eight bytes read as one integer, for the scans that take
// eight bytes at a time.
const (
	laneOnes  = 0x0101010101010101
	laneHighs = 0x8080808080808080
	laneLows  = 0x7f7f7f7f7f7f7f7f
)

// load8 reads s[i:i+8] as an integer, s[i] in the lowest byte.
func load8(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// collapsed reports whether s is already what collapse would return.
func collapsed(s string) bool {
	end, ok := collapsedLine(s, 0)
	return ok && end == len(s)
}

// collapsedLine reads the line of s that starts at i, up to the first
// '\n' or the end of s, and returns where it ends and whether it is
// collapsed already: one pass for both, as textBlocks reads a document
// line by line. Eight bytes of printable ASCII or spaces (nearly all
// text) are read at once: they hold white space to fold only where two
// spaces meet.
func collapsedLine(s string, i int) (end int, ok bool) {
	// Once the line is known to fold, only its end is looked for.
	folds := func(i int) (int, bool) {
		if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
			return i + j, false
		}
		return len(s), false
	}
	if i < len(s) && s[i] == ' ' {
		return folds(i)
	}
	prevSpace := false
	for ; i < len(s); i++ {
		// Eight bytes at a time, without a branch per lane: twice 0x80
		// marks a space after a space in doubled, and prev the last
		// lane's space for the next eight.
		var doubled, prev uint64
		if prevSpace {
			prev = 0x80
		}
		for ; i+8 <= len(s); i += 8 {
			w := load8(s, i)
			if (w-0x20*laneOnes|w)&laneHighs != 0 { // a byte below ' ' or beyond ASCII
				break
			}
			x := w ^ 0x20*laneOnes
			sp := ^(x&laneLows + laneLows | x | laneLows) // 0x80 in the lanes that are spaces
			doubled |= sp & (sp<<8 | prev)
			prev = sp >> 56
		}
		if doubled != 0 {
			return folds(i)
		}
		prevSpace = prev != 0
		if i == len(s) {
			break
		}
		c := s[i]
		if c-'!' < utf8.RuneSelf-'!' {
			// Printable ASCII other than space.
			prevSpace = false
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				return i, !prevSpace // a space at the end folds
			case c == ' ':
				if prevSpace {
					return folds(i)
				}
				prevSpace = true
			case c >= '\t' && c <= '\r':
				return folds(i)
			default:
				prevSpace = false
			}
			continue
		}
		prevSpace = false
		r, n := utf8.DecodeRuneInString(s[i:])
		if isCollapseSpace(r) {
			return folds(i)
		}
		i += n - 1
	}
	return len(s), !prevSpace
}
