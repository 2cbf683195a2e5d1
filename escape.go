package skillpulse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every scraped or imported string is untrusted. These are the escapes for
// the places such strings are written to other than HTML (html/template):
// terminals, Markdown and CSV files.

// HasControl reports whether s holds a control character (C0, DEL, C1),
// which no one-line field may carry: an escape sequence in a skill id
// must not reach a terminal.
func HasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

// StripControl returns s with every control character (terminal escape
// sequences' ESC among them) replaced by a space. Every table printed to
// a terminal passes untrusted cells through it.
func StripControl(s string) string {
	if !HasControl(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// Printable makes s safe for one cell of a table printed to a terminal:
// control characters (escape sequences' ESC among them), line and
// paragraph separators, and bidirectional controls (which reorder the
// rest of a line as displayed) become spaces, a stack of combining marks
// keeps MaxMarks, and s is cut to n runes, the last of them an ellipsis
// when it was longer.
func Printable(s string, n int) string {
	s = spaceUnprintable(CapMarks(s))
	if n < 1 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// spaceUnprintable returns s with every rune unprintable reports replaced
// by a space.
func spaceUnprintable(s string) string {
	if strings.IndexFunc(s, unprintable) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unprintable(r) {
			return ' '
		}
		return r
	}, s)
}

func unprintable(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
}

// CSVCell makes s safe as a cell of a CSV file that a spreadsheet may
// open: a cell starting with '=', '+', '-' or '@', or with a tab or
// carriage return (which spreadsheets skip before reading a formula), is
// prefixed with a single quote so it is shown as text and never run as a
// formula ("=HYPERLINK(...)"). A plain number ("-0.25") is left as it is.
// Every CSV skillpulse writes passes every cell through it.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
	default:
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "\t\r") {
		return s
	}
	return "'" + s
}

// CSVRow is row with every cell passed through CSVCell, in place.
func CSVRow(row []string) []string {
	for i, c := range row {
		row[i] = CSVCell(c)
	}
	return row
}

// MarkdownCell makes s safe as one cell of a Markdown table or a run of
// inline text: control characters and bidirectional controls (which
// reorder the rest of a rendered line) become spaces, a stack of
// combining marks keeps MaxMarks, white space (line breaks included)
// folds to single spaces, '&', '<' and '>' become HTML
// entities, so no tag or comment survives, and every character Markdown
// gives a meaning inside a line (emphasis, code, links and images, table
// pipes, strike-through, headings, braces) is backslash-escaped. Every
// Markdown file skillpulse writes passes untrusted text through it.
func MarkdownCell(s string) string {
	return markdownEscaper.Replace(strings.Join(strings.Fields(spaceUnprintable(CapMarks(s))), " "))
}

var markdownEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"(", `\(`, ")", `\)`, "|", `\|`, "~", `\~`, "!", `\!`, "#", `\#`,
	"{", `\{`, "}", `\}`,
)

// AppendHTML appends s to dst escaped as html/template escapes a string
// written as text, as an element's text or as a quoted attribute value:
// ampersands, angle brackets, both quotes and '+' become character
// references and NUL becomes U+FFFD; every other byte is copied. Writers
// that build HTML without a template pass every string through it, so
// they write the same bytes the template would and no string ever becomes
// markup.
func AppendHTML(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		dst = append(append(dst, s[last:i]...), esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// MaxMarks is the most combining marks (Unicode Mn and Me) kept in a row
// on one character. Real text stacks three or four at most (Vietnamese
// tones, Hebrew points with cantillation, a Devanagari cluster); "Zalgo"
// text stacks hundreds, which a browser paints far above and below the
// line, over the rows and cells around it.
const MaxMarks = 4

// CapMarks returns s with every combining mark past the MaxMarks-th in a
// row dropped, so no scraped string paints outside its own line. A
// string with no such run, as nearly all are, is returned as it is.
func CapMarks(s string) string {
	cut := marksOver(s)
	if cut < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:cut]...)
	run := MaxMarks
	for _, r := range s[cut:] {
		if isMark(r) {
			run++
			if run > MaxMarks {
				continue
			}
		} else {
			run = 0
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// marksOver is the byte offset of the first combining mark past the
// MaxMarks-th in a row, or -1.
func marksOver(s string) int {
	run := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf { // no ASCII byte is a mark
			run = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isMark(r) {
			run = 0
		} else if run++; run > MaxMarks {
			return i
		}
		i += size
	}
	return -1
}

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me) }
