package analyze

import (
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// hostileResult carries markup, Markdown, terminal escapes and a script
// URL in every string that comes from a resume or a posting.
func hostileResult(t *testing.T) *Result {
	tax := testTaxonomy(t)
	src := testMarket(t, tax)
	src.posts[0].p.Title = `<script>alert("title")</script> | **bold** [x](javascript:alert(1))`
	src.posts[0].p.Company = "Evil\x1b[31m Corp\x07\nnext line"
	src.posts[0].p.URL = "javascript:alert(document.cookie)"
	r := analyzeText(t, tax, src, "Jane <img src=x onerror=alert(1)>\nSRE\nSKILLS\nLinux, Bash, \x1b]0;owned\x07 Python", 40)
	r.Matches = append([]Match{{ID: "board/0", Title: src.posts[0].p.Title, Company: src.posts[0].p.Company, URL: src.posts[0].p.URL, Missing: []string{"terraform"}}}, r.Matches...)
	r.Path.Why = `latest title "<b>SRE</b>" | injected`
	return r
}

func TestWriteEscapesEveryFormat(t *testing.T) {
	r := hostileResult(t)
	cases := []struct {
		format string
		must   []string
		never  []string
	}{
		{"html", []string{`http-equiv="Content-Security-Policy" content="default-src 'none'`, "&lt;script&gt;", "Best matches"},
			[]string{"<script>", `href="javascript:`, "<b>SRE", "onerror=alert", "\x1b"}},
		{"md", []string{`\| \*\*bold\*\* \[x\]\(javascript:alert\(1\)\)`, `&lt;script&gt;`, "## Gaps, by impact"},
			[]string{"<script>", "| **bold**", "\x1b", "\x07"}},
		{"table", []string{"GAP", "MATCH", "Evil [31m Corp"}, []string{"\x1b", "\x07"}},
	}
	for _, tc := range cases {
		t.Run(tc.format, func(t *testing.T) {
			var b strings.Builder
			if err := r.Write(&b, tc.format); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, s := range tc.must {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.never {
				if strings.Contains(out, s) {
					t.Errorf("output holds %q", s)
				}
			}
		})
	}
}

func TestMarkdownRowsStayRows(t *testing.T) {
	r := hostileResult(t)
	var b strings.Builder
	if err := r.Write(&b, "md"); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "| ") && strings.Contains(line, "Evil") && strings.Count(line, " | ") != 3 {
			t.Errorf("a posting's strings broke its row: %q", line)
		}
	}
}

func TestWriteRefusesUnknownFormats(t *testing.T) {
	r := &Result{Weeks: []skillpulse.Week{{Year: 2026, Num: 48}}}
	if err := r.Write(&strings.Builder{}, "xml"); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("err = %v", err)
	}
}
