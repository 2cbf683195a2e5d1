package skillpulse_test

import (
	"html/template"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// asTemplate is what html/template writes for s as text, inside a
// <title> and as a quoted attribute value, joined by "|".
func asTemplate(t testing.TB, s string) string {
	t.Helper()
	tmpl := template.Must(template.New("").Parse(`{{.}}|<title>{{.}}</title>|<a title="{{.}}">`))
	var b strings.Builder
	if err := tmpl.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func asAppendHTML(s string) string {
	e := string(skillpulse.AppendHTML(nil, s))
	return e + "|<title>" + e + "</title>|<a title=\"" + e + "\">"
}

func TestAppendHTMLWritesWhatHTMLTemplateWrites(t *testing.T) {
	for name, s := range map[string]string{
		"plain text is copied":                    "Kubernetes",
		"a tag becomes text":                      `<script>alert("x")</script>`,
		"quotes cannot close an attribute":        `" onmouseover='x'`,
		"ampersands and plus signs are escaped":   "C++ & Go +1e+06",
		"a NUL becomes the replacement character": "a\x00b",
		"multibyte text is copied":                "Über ≥ 49 % … 日本",
		"invalid UTF-8 is copied as it is":        "a\xffb\xc3",
		"the empty string stays empty":            "",
	} {
		t.Run(name, func(t *testing.T) {
			if got, want := asAppendHTML(s), asTemplate(t, s); got != want {
				t.Errorf("AppendHTML(%q):\n got %q\nwant %q", s, got, want)
			}
		})
	}
}

func FuzzAppendHTML(f *testing.F) {
	for _, s := range []string{"<b>&amp;</b>", `"'+`, "\x00\xff", "≥49%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := asAppendHTML(s), asTemplate(t, s); got != want {
			t.Errorf("AppendHTML(%q):\n got %q\nwant %q", s, got, want)
		}
	})
}
