package skillpulse

import (
	"strconv"
	"strings"
	"unicode"
)

// Every scraped or imported string is untrusted. These are the escapes for
// the places such strings are written to other than HTML (html/template)
// and Markdown (the report's own cell escape): terminals and CSV files.

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
