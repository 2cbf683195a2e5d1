package extract

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// newTestTagger builds a tagger from the embedded taxonomy once per test.
func newTestTagger(tb testing.TB) *Tagger {
	tb.Helper()
	tx, err := DefaultTaxonomy()
	if err != nil {
		tb.Fatalf("default taxonomy: %v", err)
	}
	return NewTagger(tx)
}

func mentionOf(tags skillpulse.Tags, id string) (skillpulse.Mention, bool) {
	for _, m := range tags.Mentions {
		if m.SkillID == id {
			return m, true
		}
	}
	return skillpulse.Mention{}, false
}

func ids(tags skillpulse.Tags) []string {
	var out []string
	for _, m := range tags.Mentions {
		out = append(out, m.SkillID+":"+m.Level.String())
	}
	return out
}

func TestHTMLAndText(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name string
		doc  string
		want []string // id:level of the skills named, all of them, in order
	}{
		{"plain text", "Requirements:\n- Terraform\n- AWS\n", []string{"aws:required", "terraform:required"}},
		{"html", "<h3>Requirements</h3><ul><li>Terraform</li><li>AWS</li></ul>", []string{"aws:required", "terraform:required"}},
		{"escaped html once", "&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Terraform&lt;/li&gt;&lt;/ul&gt;", []string{"terraform:required"}},
		{"script and style dropped", "<style>.docker{}</style><script>var kubernetes=1</script><p>We use Ansible.</p>", []string{"ansible:mentioned"}},
		{"entities decoded", "<p>Terraform&nbsp;&amp;&nbsp;Ansible</p>", []string{"ansible:mentioned", "terraform:mentioned"}},
		{"lever bare li", "\n<li>Docker</li><li>Kubernetes</li>", []string{"docker:mentioned", "kubernetes:mentioned"}},
		{"hn comment", "Acme | SRE | Remote<p>We run Go on Kubernetes.<p>Requirements: Linux", []string{"linux:required", "go:mentioned", "kubernetes:mentioned", "sre:mentioned"}},
		{"inline middle-dot bullets", "<p>Stack · Go · Terraform · AWS</p>", []string{"aws:mentioned", "go:mentioned", "terraform:mentioned"}},
		{"inline round bullets", "<p>Stack • Go • Terraform • AWS</p>", []string{"aws:mentioned", "go:mentioned", "terraform:mentioned"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(g.TagDocument(tt.doc))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("%q:\n got %v\nwant %v", tt.doc, got, tt.want)
			}
		})
	}
}

func TestTagPosting(t *testing.T) {
	g := newTestTagger(t)
	p := &skillpulse.Posting{
		Title:       "Senior Site Reliability Engineer (Kubernetes)",
		Description: "<p>We run a large fleet on GCP.</p>",
		Sections: []skillpulse.Section{
			{Heading: "Requirements", Body: "<li>5+ years with Terraform</li><li>Python or Go</li>"},
			{Heading: "Nice to have", Body: "<li>Istio</li>"},
		},
	}
	tags := g.Tag(p)
	if tags.Seniority != skillpulse.SenioritySenior {
		t.Errorf("seniority = %v, want senior", tags.Seniority)
	}
	if tags.Language != "en" {
		t.Errorf("language = %q, want en", tags.Language)
	}
	want := map[string]skillpulse.Level{
		"kubernetes": skillpulse.LevelRequired, // title
		"sre":        skillpulse.LevelRequired, // title
		"terraform":  skillpulse.LevelRequired,
		"python":     skillpulse.LevelRequired,
		"go":         skillpulse.LevelRequired,
		"istio":      skillpulse.LevelPreferred,
		"gcp":        skillpulse.LevelMentioned,
	}
	for id, lvl := range want {
		m, ok := mentionOf(tags, id)
		if !ok || m.Level != lvl {
			t.Errorf("%s = %v (found %v), want %v; all %v", id, m.Level, ok, lvl, ids(tags))
		}
	}
	if m, _ := mentionOf(tags, "terraform"); m.Years != 5 {
		t.Errorf("terraform years = %d, want 5", m.Years)
	}
	// Sorted by level descending, then id.
	for i := 1; i < len(tags.Mentions); i++ {
		a, b := tags.Mentions[i-1], tags.Mentions[i]
		if a.Level < b.Level || a.Level == b.Level && a.SkillID >= b.SkillID {
			t.Errorf("mentions out of order at %d: %v then %v", i, a, b)
		}
	}
}

func TestLanguage(t *testing.T) {
	g := newTestTagger(t)
	de := "Wir suchen eine DevOps Engineer (m/w/d) für unser Team in Berlin. Du bist verantwortlich für die Kubernetes Cluster und die CI/CD Pipelines mit GitLab. Wir bieten dir eine spannende Aufgabe und ein tolles Team, mit flexiblen Arbeitszeiten und der Möglichkeit, von zu Hause zu arbeiten."
	tags := g.TagDocument(de)
	if tags.Language != "de" {
		t.Errorf("language = %q, want de", tags.Language)
	}
	if len(tags.Mentions) != 0 {
		t.Errorf("non-English posting tagged: %v", ids(tags))
	}
	if got := g.TagDocument("We run Kubernetes on AWS and you will own it.").Language; got != "en" {
		t.Errorf("english language = %q", got)
	}
}

func TestEvidenceBounded(t *testing.T) {
	g := newTestTagger(t)
	long := "We use Kubernetes " + strings.Repeat("and ünïcödé words ", 100) + "daily."
	m, ok := mentionOf(g.TagDocument(long), "kubernetes")
	if !ok {
		t.Fatal("no kubernetes mention")
	}
	if n := utf8.RuneCountInString(m.Evidence); n > maxEvidence {
		t.Errorf("evidence is %d runes, want ≤ %d", n, maxEvidence)
	}
	if !utf8.ValidString(m.Evidence) {
		t.Errorf("evidence is not valid UTF-8: %q", m.Evidence)
	}
	if strings.Contains(m.Evidence, "  ") {
		t.Errorf("evidence whitespace not collapsed: %q", m.Evidence)
	}
}

func TestConcurrentUse(t *testing.T) {
	g := newTestTagger(t)
	doc := "Requirements:\n- 5+ years of Go and Kubernetes\n- Terraform on AWS\n"
	want := strings.Join(ids(g.TagDocument(doc)), " ")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := strings.Join(ids(g.TagDocument(doc)), " "); got != want {
					t.Errorf("concurrent result differs: %s vs %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestMaxInput checks that text past MaxInput is ignored, not read: the
// bound is what callers check input against.
func TestMaxInput(t *testing.T) {
	g := newTestTagger(t)
	pad := strings.Repeat("We value calm and written decisions. ", MaxInput/36)
	if got := ids(g.TagDocument("We run Kafka. " + pad)); !slices.Contains(got, "kafka:mentioned") {
		t.Errorf("skill within MaxInput lost: %v", got)
	}
	if got := ids(g.TagDocument(pad + " We run Kafka.")); slices.Contains(got, "kafka:mentioned") {
		t.Errorf("skill past MaxInput (%d bytes in) was read: %v", len(pad), got)
	}
}

// namedCase is a sentence and whether the tagger should find a skill in
// it: the shape of the tests of ambiguous names and other senses.
type namedCase struct {
	name string
	doc  string
	id   string
	want bool
}

// checkNamed tags each case's sentence and fails the case when the
// skill's presence is not what it wants, listing the skills found.
func checkNamed(t *testing.T, g *Tagger, tests []namedCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.doc)
			if _, got := mentionOf(tags, tt.id); got != tt.want {
				t.Errorf("%q: mention of %s = %v, want %v (got %v)", tt.doc, tt.id, got, tt.want, ids(tags))
			}
		})
	}
}
