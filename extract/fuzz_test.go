package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTagDocument checks that any input tags without panicking, within its
// bounds, and with well-formed output. Seeds are in testdata/fuzz.
func FuzzTagDocument(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("Requirements:\n- 5+ years of Go, C, C++ and C#\n")
	f.Add("<h2>Nice to have</h2><li>Terraform Cloud</li><script>kubernetes</script>")
	// HN levels: seekers, a pay bonus, abbreviations, an experience
	// parenthesis, a seeker's list intro.
	f.Add("<p>We need engineers who know:\n • Linux (e.g. V4L2)\n • Go</p><p>Looking for folks with deep Go experience</p>")
	f.Add("<p>Go - $160k + up to 10% bonus - Kubernetes (K8s)</p><p>Stack: Go, Rust (Production experience required)</p><p>e.g. I.E. esp.</p>")
	tx, err := DefaultTaxonomy()
	if err != nil {
		f.Fatal(err)
	}
	g := NewTagger(tx)
	f.Fuzz(func(t *testing.T, doc string) {
		tags := g.TagDocument(doc)
		seen := map[string]bool{}
		for i, m := range tags.Mentions {
			if seen[m.SkillID] {
				t.Fatalf("skill %s mentioned twice", m.SkillID)
			}
			seen[m.SkillID] = true
			if _, ok := tx.Lookup(m.SkillID); !ok {
				t.Fatalf("unknown skill id %q", m.SkillID)
			}
			if !m.Level.Valid() {
				t.Fatalf("%s: invalid level %d", m.SkillID, m.Level)
			}
			if m.Years < 0 || m.Years > 30 {
				t.Fatalf("%s: years %d out of range", m.SkillID, m.Years)
			}
			if utf8.RuneCountInString(m.Evidence) > maxEvidence || strings.Contains(m.Evidence, "\n") {
				t.Fatalf("%s: evidence not bounded or not collapsed: %q", m.SkillID, m.Evidence)
			}
			if utf8.ValidString(doc) && !utf8.ValidString(m.Evidence) {
				t.Fatalf("%s: evidence cut inside a rune: %q", m.SkillID, m.Evidence)
			}
			if i > 0 {
				p := tags.Mentions[i-1]
				if p.Level < m.Level || p.Level == m.Level && p.SkillID >= m.SkillID {
					t.Fatalf("mentions out of order: %v then %v", p, m)
				}
			}
		}
		if tags.Years < 0 || tags.Years > 30 {
			t.Fatalf("role years %d out of range", tags.Years)
		}
	})
}
