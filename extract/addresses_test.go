package extract

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// restCases are tokens that take each turn of addressRest: www. hosts
// cut at '<', '>' or '"', e-mail addresses with and without a domain
// ending, bare domains with labels before and after the top-level one,
// paths, and near misses.
var restCases = []string{
	"www.example.com", "WWW.x", "www.", "www.<a", "xwww.acme.io", "jobs@acme.com", "a.b+c-d@x-y.z.w",
	"a@b", "a@b.", "a@.b", "@b.c", "x@y.z@w.v", "acme.com", "acme.COM/jobs?x=1", "a.b.c.io.de",
	"a.com.b", "a.com-x", "a.comx", "-a.io", "x-a.io", "a..com", ".com", "a.co.uk", "a.cloud.",
	"sub.acme.tech/x<y", "node.js", "asp.net", "k8s.io", "main.go", "mailto@foo.io", "e.g.", "v1.2.sh",
	"a.io.b.io.c", "a_b.me", "<www.x>", "\"a@b.io\"", "a.io/", "a+b.io", "a.b@c", "w.io", "ww.io",
	"x.xyz", "foo.ly/bar", "a.gg@b.so", "www.a@b.c", "-", "@", ".", "a-", "a.-b.io", "a.b-.io",
}

// TestRestSpansMatchTheExpression checks the hand-read addressRest
// against the expression on the cases above and on random tokens built
// from the bytes and words that matter to it, bytes beyond ASCII among
// them; and appendRestSpans on random sentences of such tokens, with the
// runes that (?i) folds into ASCII letters, which it leaves to the
// expression.
func TestRestSpansMatchTheExpression(t *testing.T) {
	tokens := append([]string(nil), restCases...)
	rng := rand.New(rand.NewPCG(7, 11))
	parts := []string{"w", "www", "W", ".", "@", "-", "+", "_", "/", "<", ">", "\"", "a", "b", "x", "1",
		"com", "io", "co", "uk", "sh", "dev", "cloud", "tech", "xyz", "ly", "org", "net", "Com", "IO", "?",
		"é", "’", "\xff", "—"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		tokens = append(tokens, b.String())
	}
	for _, tok := range tokens {
		var want [][2]int
		for _, loc := range addressRest.FindAllStringIndex(tok, -1) {
			want = append(want, [2]int{loc[0] + 3, loc[1] + 3})
		}
		got := appendRestASCII(tok, 3, nil)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: got %v, the expression %v", tok, got, want)
		}
	}
	parts = append(parts, " ", " ", "\t", "ſ", "\u212a", "ſh", "\u212aw")
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(20) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		var want [][2]int
		for _, loc := range addressRest.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{loc[0], loc[1]})
		}
		if got := appendRestSpans(s, nil, nil); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: got %v, the expression %v", s, got, want)
		}
	}
}

// FuzzRestSpans checks the hand-read addressRest against the expression
// on any token it reads (see foldsIntoASCII).
func FuzzRestSpans(f *testing.F) {
	for _, c := range restCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		if foldsIntoASCII(tok) || strings.ContainsAny(tok, " \t\n\f\r") {
			return
		}
		var want [][2]int
		for _, loc := range addressRest.FindAllStringIndex(tok, -1) {
			want = append(want, [2]int{loc[0], loc[1]})
		}
		if got := appendRestASCII(tok, 0, nil); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: got %v, the expression %v", tok, got, want)
		}
	})
}

// TestAddressesAreNotMentions: words inside URLs of any scheme and after a
// scheme prefix are not mentions (hostile input, issue #12 item 8); a
// label with a colon still is.
func TestAddressesAreNotMentions(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, text, id string
		want           bool
	}{
		{"javascript: scheme", "Requirements: 5+ years with javascript:alert(6)", "javascript", false},
		{"JavaScript: scheme in capitals", "Must have JavaScript:alert(document.cookie)", "javascript", false},
		{"vbscript: scheme", "Strong vbscript:Python(1) skills.", "python", false},
		{"s3:// URL", "Artifacts live in s3://builds/terraform/state.", "terraform", false},
		{"ssh:// URL", "Clone ssh://git@example.net/kubernetes/infra first.", "kubernetes", false},
		{"mailto: address", "Write to mailto:python@example.net today.", "python", false},
		{"data: URI", "data:text/html,<b>Python</b> is required.", "python", false},
		{"label with a colon is a mention", "JavaScript: 5+ years required.", "javascript", true},
		{"Data: label is a label", "Data:PostgreSQL and Redis.", "postgresql", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.text)
			if _, got := mentionOf(tags, tt.id); got != tt.want {
				t.Errorf("%q: %s mentioned %v, want %v (got %v)", tt.text, tt.id, got, tt.want, ids(tags))
			}
			if !tt.want && tags.Years != 0 {
				if m, ok := mentionOf(tags, tt.id); ok {
					t.Errorf("%q: %s has %d years", tt.text, tt.id, m.Years)
				}
			}
		})
	}
}

// TestSchemeStartFindsEveryScheme: every scheme is found before its
// colon in any case, the long s folded into it, whatever the byte
// before the colon (schemeEnds lets through only the letters that end
// one); other words before a colon are none.
func TestSchemeStartFindsEveryScheme(t *testing.T) {
	for _, sc := range append([]string{"data"}, addressSchemes[:]...) {
		if strings.IndexByte(schemeEnds, sc[len(sc)-1]) < 0 {
			t.Errorf("schemeEnds %q lacks the last letter of %q", schemeEnds, sc)
		}
		for _, s := range []string{sc, strings.ToUpper(sc), "x " + sc, strings.ReplaceAll(sc, "s", "ſ")} {
			if got, want := schemeStart(s+":", len(s)), len(s)-len(sc); strings.Contains(s, "ſ") && got != 0 || !strings.Contains(s, "ſ") && got != want {
				t.Errorf("schemeStart(%q) = %d", s+":", got)
			}
		}
	}
	for _, s := range []string{"https", "Requirements", "Stack", "ſ", "\u212a", "é", ""} {
		if got := schemeStart(s+":", len(s)); got != -1 {
			t.Errorf("schemeStart(%q) = %d, want -1", s+":", got)
		}
	}
}

// TestURLTokensSkipNothing: the tokens a URL covers whole, which
// appendRestSpans passes over, change none of addressSpans' spans, on
// random sentences of URLs, e-mail addresses, domains and the bytes
// around them.
func TestURLTokensSkipNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	parts := []string{"https://", "http://", "s3://", "x://", "://", "www.", "a.com", "b.io", "/path", "@", "x@y.io",
		"\"", "<", ">", "(", ")", " ", " ", "\t", "a", "b.", ".", "-", "mailto:", "data:", "text/html", "jobs", "ſ", "é"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(16) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		want := appendURLSpans(s, nil)
		want = appendSchemeSpans(s, want)
		want = mergeSpans(appendRestSpans(s, want, nil), 0)
		if got := addressSpans(s, nil); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: got %v, reading every token %v", s, got, want)
		}
	}
}
