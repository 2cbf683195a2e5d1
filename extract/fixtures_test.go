package extract

import (
	"encoding/json"
	"html"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

// readFixture decodes one of the real recorded payloads shared by the
// team (see internal/fixtures: the test skips, or under CI fails, when
// they are absent).
func readFixture(t *testing.T, rel string, v any) {
	t.Helper()
	b := fixtures.Read(t, rel)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

// greenhousePostings decodes a Greenhouse board; content is HTML that was
// entity-escaped once, so it is unescaped exactly once, as the crawler does.
func greenhousePostings(t *testing.T, rel string) []skillpulse.Posting {
	var board struct {
		Jobs []struct {
			ID      int64  `json:"id"`
			Title   string `json:"title"`
			Content string `json:"content"`
		} `json:"jobs"`
	}
	readFixture(t, rel, &board)
	var out []skillpulse.Posting
	for _, j := range board.Jobs {
		out = append(out, skillpulse.Posting{Title: j.Title, Description: html.UnescapeString(j.Content)})
	}
	return out
}

// leverPostings decodes a Lever board: lists become headed sections.
func leverPostings(t *testing.T, rel string) []skillpulse.Posting {
	var board []struct {
		Text        string `json:"text"`
		Description string `json:"description"`
		Lists       []struct {
			Text    string `json:"text"`
			Content string `json:"content"`
		} `json:"lists"`
		Additional string `json:"additional"`
	}
	readFixture(t, rel, &board)
	var out []skillpulse.Posting
	for _, p := range board {
		post := skillpulse.Posting{Title: p.Text, Description: p.Description + p.Additional}
		for _, l := range p.Lists {
			post.Sections = append(post.Sections, skillpulse.Section{Heading: l.Text, Body: l.Content})
		}
		out = append(out, post)
	}
	return out
}

type expect struct {
	id    string
	level skillpulse.Level // 0: any level
	years int              // -1: any
}

func checkPosting(t *testing.T, g *Tagger, p *skillpulse.Posting, want []expect, absent []string) {
	t.Helper()
	tags := g.Tag(p)
	for _, w := range want {
		m, ok := mentionOf(tags, w.id)
		switch {
		case !ok:
			t.Errorf("%s: no %s mention; got %v", p.Title, w.id, ids(tags))
		case w.level != 0 && m.Level != w.level:
			t.Errorf("%s: %s level %v, want %v (evidence %q)", p.Title, w.id, m.Level, w.level, m.Evidence)
		case w.years >= 0 && m.Years != w.years:
			t.Errorf("%s: %s years %d, want %d (evidence %q)", p.Title, w.id, m.Years, w.years, m.Evidence)
		}
	}
	for _, id := range absent {
		if m, ok := mentionOf(tags, id); ok {
			t.Errorf("%s: unexpected %s mention (evidence %q)", p.Title, id, m.Evidence)
		}
	}
}

func findPosting(t *testing.T, ps []skillpulse.Posting, title string) *skillpulse.Posting {
	t.Helper()
	for i := range ps {
		if ps[i].Title == title {
			return &ps[i]
		}
	}
	t.Fatalf("fixture has no posting titled %q", title)
	return nil
}

func TestFixtureGreenhouseImpact(t *testing.T) {
	g := newTestTagger(t)
	ps := greenhousePostings(t, "greenhouse/jobs_content_impact_infra_subset.json")
	p := findPosting(t, ps, "Senior Cloud Engineer")
	req, men := skillpulse.LevelRequired, skillpulse.LevelMentioned
	// What the text really says: "Required Experience & Skills" lists
	// 5+ years, GCP (preferred: its own parenthesis) and AWS, Terraform,
	// Kubernetes (GKE),
	// Prometheus/Grafana/OpenTelemetry; responsibilities name DNS, IAM,
	// VPCs, EKS, on-call and capacity planning.
	checkPosting(t, g, p, []expect{
		{"aws", req, -1}, {"gcp", skillpulse.LevelPreferred, -1}, {"terraform", req, -1}, {"kubernetes", req, -1},
		{"gke", req, -1}, {"prometheus", req, -1}, {"grafana", req, -1}, {"opentelemetry", req, -1},
		{"sre", req, 5}, {"cloud", req, 5},
		{"dns", men, -1}, {"iam", 0, -1}, {"vpc", men, -1}, {"eks", men, -1},
		{"on-call", men, -1}, {"capacity-planning", men, -1}, {"incident-response", men, -1},
	}, []string{"go", "c", "chef", "excel", "windows"})
	if tags := g.Tag(p); tags.Seniority != skillpulse.SenioritySenior || tags.Years != 5 {
		t.Errorf("seniority %v years %d, want senior 5", tags.Seniority, tags.Years)
	}
}

func TestFixtureLeverYassir(t *testing.T) {
	g := newTestTagger(t)
	ps := leverPostings(t, "lever/postings_yassir_infra_subset.json")
	p := findPosting(t, ps, "Data Engineer (Mid/Senior)")
	checkPosting(t, g, p, []expect{
		{"gcp", skillpulse.LevelRequired, -1},
		{"bigquery", skillpulse.LevelRequired, -1},
		{"sql", skillpulse.LevelRequired, -1},
		{"python", skillpulse.LevelRequired, -1},
		{"spark", skillpulse.LevelRequired, -1}, // PySpark in the required list
		{"airflow", skillpulse.LevelPreferred, -1},
		{"terraform", skillpulse.LevelPreferred, -1},
		{"docker", skillpulse.LevelPreferred, -1},
		{"kubernetes", skillpulse.LevelPreferred, -1},
	}, []string{"go", "c"})
	// Every posting of the board tags without panicking and is English.
	for i := range ps {
		if tags := g.Tag(&ps[i]); tags.Language != "en" {
			t.Errorf("%s: language %q", ps[i].Title, tags.Language)
		}
	}
}

func TestFixtureHNComments(t *testing.T) {
	g := newTestTagger(t)
	var f struct {
		Hits []struct {
			Text string `json:"comment_text"`
		} `json:"hits"`
	}
	readFixture(t, "hn-algolia/whoishiring_comments_RESHAPED_ikevinxie.json", &f)
	if len(f.Hits) < 2 {
		t.Fatalf("fixture has %d hits", len(f.Hits))
	}
	// The Wave on-prem SRE post: the comment's first line names the role.
	tags := g.TagDocument(f.Hits[1].Text)
	for _, id := range []string{"sre", "bare-metal"} {
		if _, ok := mentionOf(tags, id); !ok {
			t.Errorf("wave comment: no %s mention; got %v", id, ids(tags))
		}
	}
	for _, h := range f.Hits {
		tags := g.TagDocument(h.Text)
		for _, m := range tags.Mentions {
			if m.SkillID == "go" || m.SkillID == "c" || m.SkillID == "r-lang" {
				t.Logf("check: %s in %q", m.SkillID, m.Evidence)
			}
		}
	}
}
