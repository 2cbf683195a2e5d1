package skillpulse_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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
		{"a stack of marks keeps four", "Z" + strings.Repeat("\u0301", 40) + "algo", 40, "Z\u0301\u0301\u0301\u0301algo"},
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
		// Stacked marks are painted over the lines above and below.
		"a stack of marks": "Z" + strings.Repeat("\u0301", 40) + "algo",
	} {
		got := skillpulse.MarkdownCell(in)
		if strings.Contains(got, strings.Repeat("\u0301", skillpulse.MaxMarks+1)) {
			t.Errorf("%s: MarkdownCell(%q) = %q keeps more than %d marks in a row", name, in, got, skillpulse.MaxMarks)
		}
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

func TestCapMarksKeepsRealTextAndCutsStacks(t *testing.T) {
	zalgo := "Z" + strings.Repeat("\u0301\u0336", 150) + "algo"
	cases := []struct{ name, in, want string }{
		{"plain ASCII is left as it is", "Site Reliability Engineer", "Site Reliability Engineer"},
		{"decomposed Vietnamese keeps its two marks", "Vie\u0323\u0302t Nam", "Vie\u0323\u0302t Nam"},
		{"Hebrew with points and cantillation keeps four", "ב\u05B0\u05BC\u05C1\u0591ית", "ב\u05B0\u05BC\u05C1\u0591ית"},
		{"Devanagari is left as it is", "इन्फ्रास्ट्रक्चर इंजीनियर", "इन्फ्रास्ट्रक्चर इंजीनियर"},
		{"a Zalgo stack keeps four marks", zalgo, "Z\u0301\u0336\u0301\u0336algo"},
		{"each base character keeps its own four", "a" + strings.Repeat("\u0300", 9) + "b" + strings.Repeat("\u0300", 9),
			"a\u0300\u0300\u0300\u0300b\u0300\u0300\u0300\u0300"},
		{"enclosing marks count too", "x" + strings.Repeat("\u20DD", 6), "x\u20DD\u20DD\u20DD\u20DD"},
		{"marks with no base character are capped", strings.Repeat("\u0301", 6) + "ok", "\u0301\u0301\u0301\u0301ok"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := skillpulse.CapMarks(tc.in); got != tc.want {
				t.Errorf("CapMarks(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzCapMarks holds CapMarks to leaving no run of more than MaxMarks
// combining marks, changing nothing else, and keeping valid UTF-8 valid.
func FuzzCapMarks(f *testing.F) {
	for _, s := range []string{"", "plain", "Z\u0301\u0301\u0301\u0301\u0301\u0301algo", "\u0301\u0301\u0301\u0301\u0301", "\xff\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := skillpulse.CapMarks(s)
		run := 0
		var rest []rune
		for _, r := range got {
			if unicode.In(r, unicode.Mn, unicode.Me) {
				if run++; run > skillpulse.MaxMarks {
					t.Fatalf("CapMarks(%q) = %q keeps a run of more than %d marks", s, got, skillpulse.MaxMarks)
				}
				continue
			}
			run = 0
			rest = append(rest, r)
		}
		var want []rune
		for _, r := range s {
			if !unicode.In(r, unicode.Mn, unicode.Me) {
				want = append(want, r)
			}
		}
		if string(rest) != string(want) {
			t.Fatalf("CapMarks(%q) = %q changed more than marks", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("CapMarks(%q) = %q is not valid UTF-8", s, got)
		}
	})
}
