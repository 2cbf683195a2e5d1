package skillpulse_test

import (
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestCSVCellNeverLeavesAFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x.example","click")`, `'=HYPERLINK("http://x.example","click")`},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-0.25", "-0.25"},
		{"120000", "120000"},
		{"Acme = Good", "Acme = Good"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := skillpulse.CSVCell(tt.in); got != tt.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrintableLeavesNothingThatMovesTheCursorOrReordersTheLine(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"a plain name is kept", "Acme Cloud", 40, "Acme Cloud"},
		{"an escape sequence loses its ESC", "\x1b[2J\x1b]8;;http://x.example\x07Acme", 40, " [2J ]8;;http://x.example Acme"},
		{"a right-to-left override is a space", "Acme\u202Egnp.exe", 40, "Acme gnp.exe"},
		{"an isolate is a space", "a\u2066b\u2069c", 40, "a b c"},
		{"line separators are spaces", "one\u2028two\u2029three\nfour", 40, "one two three four"},
		{"a long value is cut to n runes with an ellipsis", "ÄÖÜäöü", 4, "ÄÖÜ…"},
		{"a value of exactly n runes is kept", "ÄÖÜä", 4, "ÄÖÜä"},
		{"no room is nothing", "Acme", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := skillpulse.Printable(tt.in, tt.n); got != tt.want {
				t.Errorf("Printable(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestMarkdownCellLeavesNoMarkupLinkOrRowBreak(t *testing.T) {
	for name, in := range map[string]string{
		"an html tag":         `<img src=x onerror=alert(1)>`,
		"a javascript link":   `[click](javascript:alert(1))`,
		"an image":            `![x](http://evil.example/x.png)`,
		"a table pipe":        "a | b",
		"a line break":        "one\ntwo\r\nthree",
		"emphasis and code":   "*bold* _it_ `code` ~~gone~~",
		"a heading at start":  "# Heading",
		"an escape sequence":  "red\x1b[31m",
		"an html comment":     "<!-- hidden -->",
		"an entity":           "&lt;script&gt;",
		"a template brace":    "{{ .Secret }}",
		"a backslash escape":  `\[not a link\]`,
		"an autolink":         "<https://evil.example>",
		"an html closing tag": "</style>",
		// A right-to-left override reorders the rest of a rendered line
		// (an area's bullet, a paragraph), as it would in a terminal.
		"a right-to-left override": "Acme\u202Egnp.exe",
		"an isolate and a mark":    "a\u2067b\u200Fc",
		"a line separator":         "one\u2028two\u2029three",
	} {
		got := skillpulse.MarkdownCell(in)
		for _, bad := range []string{"<", "\n", "\r", "\x1b", "](", "![", "&lt;script", "\u202E", "\u2067", "\u200F", "\u2028", "\u2029"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: MarkdownCell(%q) = %q, still holds %q", name, in, got, bad)
			}
		}
		for i := 0; i < len(got); i++ {
			if strings.IndexByte("|*_`~[]()#{}!>", got[i]) >= 0 && (i == 0 || got[i-1] != '\\') {
				t.Errorf("%s: MarkdownCell(%q) = %q leaves %q unescaped at %d", name, in, got, got[i], i)
			}
		}
	}
}
