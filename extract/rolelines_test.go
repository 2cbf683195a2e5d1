package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestRoleLinesUnderARequirementsHeadingAskNothing: an HN comment's list
// of openings under "We are looking for:" names roles and their stacks,
// not requirements; an item that asks, or a requirement under the same
// heading, still does (RULES.md, "Sixth pass (HN)").
func TestRoleLinesUnderARequirementsHeadingAskNothing(t *testing.T) {
	g := newTestTagger(t)
	// hn-47975828 (unlabelled): roles with links under "We are currently
	// looking for:".
	smarkets := "Smarkets | Full Time | London<p>We run prediction markets.<p>We are currently looking for:<p>Software Engineers - Backend, Python, Rust - https://example.com/job/1<p>Dev Ops Engineer - https://example.com/job/2"
	// hn-46468629 (unlabelled): dashed roles with their duties.
	brave := "Brave | C++ Engineer | REMOTE<p>On the privacy team, we are looking for:<p>- Filterlist Engineer: Working on adblocking and JavaScript fixes for websites.\nLink: https://example.com/jobs/2"
	// hn-47638436 (unlabelled): numbered roles under a line with a preference.
	ayeeye := "We’re hiring for 3 roles Remote (UK/EU preferred):<p>2) Developer Platform Lead\nDefine the self-serve developer ecosystem."
	asks := "We are looking for:<p>- Senior Engineer with 5+ years of Go<p>- Strong Python engineer<p>- Full Stack Engineer - We are seeking a skilled engineer with experience with both Javascript and React"
	tests := []struct {
		name, doc, id string
		level         skillpulse.Level
	}{
		{"a role's stack after a dash", smarkets, "rust", skillpulse.LevelMentioned},
		{"a role's practice", smarkets, "devops", skillpulse.LevelMentioned},
		{"a role and its duties", brave, "javascript", skillpulse.LevelMentioned},
		{"a numbered role under a preferring line", ayeeye, "platform-engineering", skillpulse.LevelMentioned},
		{"a role with years asks", asks, "go", skillpulse.LevelRequired},
		{"a strong word asks", asks, "python", skillpulse.LevelRequired},
		{"a role whose description asks for experience", asks, "react", skillpulse.LevelRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := mentionOf(g.TagDocument(tt.doc), tt.id)
			if !ok {
				t.Fatalf("%s not found", tt.id)
			}
			if m.Level != tt.level {
				t.Errorf("%s: level %v (%v), want %v; evidence %q", tt.id, m.Level, m.Reason, tt.level, m.Evidence)
			}
		})
	}
}
