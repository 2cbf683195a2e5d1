package extract

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

// sameAsTokenizer checks that simpleHTMLBlocks, when it reads doc at
// all, gives exactly the blocks the tokenizer path gives. It reports
// whether the simple path read it.
func sameAsTokenizer(t *testing.T, name, doc string) bool {
	t.Helper()
	var bs1, bs2 blockScratch
	want := tokenizerBlocks(doc, nil, &bs1)
	got, ok := simpleHTMLBlocks(doc, nil, &bs2)
	if ok && !reflect.DeepEqual(got, want) {
		t.Errorf("%s: simple HTML reader differs from the tokenizer on %q\n got: %+v\nwant: %+v", name, doc, got, want)
	}
	return ok
}

var simpleHTMLCases = []string{
	`<p>Go &amp; Rust</p>`,
	`<p>R&D, Q&A and AT&T; S&P&nbsp;500 &copy; &#169; &#xA9; &#x2014;&#8212;</p>`,
	`<p>&ampere; &amp &nbspx &#; &#x; &#65 &; & &</p>`,
	`<p>https:&#x2F;&#x2f;a&#X2F;b&#x27;s &#x27 &#x2F &#x2G; &#x272; &#x2F;&#x27;</p>`,
	`<p>&#128; &#0; &#xD800; &#1114112; &#99999999;</p>`,
	`<br/><br /><br/ ><p a=/><p a=b/><p a="b"/><p a='/'/><p a b/><p a= />`,
	`<div class="x>y" id='a"b'>text</div><a href=x>y</a><a href=x/>z</a>`,
	`<P CLASS=a Class=b class=c/>x<STRONG>Bold</STRONG>`,
	`<p =a =b>x</p><p ==a>y</p><p a==b>z</p>`,
	`<p a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" i="9"/>x`,
	`<h2>Nice to have</h2><ul><li>Terraform Cloud</li></ul><script>kubernetes</script>`,
	`<head><title>x</title></head><p>y</p>`,
	`<head>skipped</head><template>t</template><p>k</p>`,
	`<p>a < b</p>`, `<p>x</p><!-- c -->`, `<!DOCTYPE html><p>x</p>`, `<p>x</>y`, `</ p>x`, `<p>x<`, `<p class="x`,
	"<p>line\r\nbreak</p>", "<p>nul\x00</p>", "<p\x00>x</p\x00>",
	`<p>text</p>trailing`, `plain <b>bold</b> text`, `<textarea><p>x</p></textarea>`,
	`<strong>All bold heading</strong><p>body</p>`, `<p><b>Requirements:</b></p><ul><li>5+ years Go</li></ul>`,
	"<p>\tspaced\n  out\u00a0text </p>", `<p>x</p  ><p/ >y</p >`, `<p x='a'y="b"z=c>w</p>`,
	`<br><br/><hr/><img src="a.png"/>after`, `<a/b>x</a/b>`, `<dl><dt>A</dt><dd>B</dd></dl>`,
	// Entities, a carriage return and a NUL at each lane of the eight
	// bytes unescapeSimple reads at a time after an entity.
	`<p>&amp;1234567&amp;12345678&amp;123456789&amp;</p>`, "<p>&amp;1234567\r</p>", "<p>&amp;123456789\x00</p>",
}

func TestSimpleHTMLMatchesTokenizer(t *testing.T) {
	for i, doc := range simpleHTMLCases {
		sameAsTokenizer(t, fmt.Sprint("case ", i), doc)
	}
	set := loadLabelled(t)
	for i := range set {
		p := set[i].posting()
		for _, doc := range append([]string{p.Description}, sectionBodies(p)...) {
			if isHTML(doc) {
				sameAsTokenizer(t, set[i].File, doc)
			}
		}
	}
	// The benchmark's ATS postings are the simple HTML real boards serve:
	// they must take the simple path, or it has stopped paying.
	ats, _ := atsPostings(t)
	for i, p := range ats {
		if !sameAsTokenizer(t, fmt.Sprint("ats ", i), p.Description) {
			t.Errorf("ats %d: not read as simple HTML", i)
		}
	}
	// Every long string of the shared fixtures, when present.
	if fixtureDir, ok := fixtures.Find(); ok {
		files, _ := filepath.Glob(filepath.Join(fixtureDir, "*", "*.json"))
		simple, all := 0, 0
		for _, f := range files {
			rel, _ := filepath.Rel(fixtureDir, f)
			var v any
			readFixture(t, rel, &v)
			walkStrings(v, func(s string) {
				for _, doc := range []string{s, xhtml.UnescapeString(s)} {
					if isHTML(doc) {
						all++
						if sameAsTokenizer(t, rel, doc) {
							simple++
						}
					}
				}
			})
		}
		t.Logf("fixtures: %d of %d HTML strings read as simple HTML", simple, all)
	}
}

func sectionBodies(p *skillpulse.Posting) []string {
	var out []string
	for _, s := range p.Sections {
		out = append(out, s.Body)
	}
	return out
}

// TestSimpleEntities checks unescapeSimple's table and rules against the
// x/net/html unescaping the tokenizer applies to text.
func TestSimpleEntities(t *testing.T) {
	var cases []string
	for _, e := range simpleEntities {
		cases = append(cases, "&"+e.name+";", "x&"+e.name+";y")
	}
	cases = append(cases, "R&D", "&", "& x", "&;", "&a;", "&#65;", "&#x41;", "&#X41;", "&#8217;", "&#x1F600;", "a&b&c",
		"&amp;amp;", "&AMP;", "&Amp;", "&#0065;", "&#x0000041;", "&#1234567;")
	for _, c := range cases {
		got, ok := unescapeSimple(nil, c)
		if want := xhtml.UnescapeString(c); ok && string(got) != want {
			t.Errorf("unescapeSimple(%q) = %q, tokenizer text %q", c, got, want)
		}
	}
	for _, e := range simpleEntities {
		if _, ok := unescapeSimple(nil, "&"+e.name+";"); !ok {
			t.Errorf("&%s; not decoded", e.name)
		}
	}
}

// FuzzSimpleHTML checks the simple HTML reader against the tokenizer on
// any input it accepts.
func FuzzSimpleHTML(f *testing.F) {
	for _, c := range simpleHTMLCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		sameAsTokenizer(t, "fuzz", doc)
		if got, ok := unescapeSimple(nil, doc); ok {
			if want := xhtml.UnescapeString(doc); string(got) != want {
				t.Errorf("unescapeSimple(%q) = %q, tokenizer text %q", doc, got, want)
			}
		}
	})
}

// TestNameAtom checks nameAtom, short cuts included, against the atom
// table's own lookup of the lower-cased name.
func TestNameAtom(t *testing.T) {
	for _, name := range []string{"p", "P", "a", "A", "b", "B", "i", "I", "q", "u", "br", "LI", "pre", "Strong", "code", "", "x", "0", "@", "abcdefghijklmnop", "abcdefghijklmnopq"} {
		want := atom.Lookup([]byte(strings.ToLower(name)))
		if len(name) > 16 {
			want = 0
		}
		if got := nameAtom(name); got != want {
			t.Errorf("nameAtom(%q) = %v, atom.Lookup %v", name, got, want)
		}
	}
}
