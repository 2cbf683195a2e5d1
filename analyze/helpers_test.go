package analyze

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/resume"
)

// now is the day the tests analyse on.
var now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// fakeSource is a store with postings each seen at one time, and runs.
type fakeSource struct {
	runs  []skillpulse.Run
	posts []seenPosting
}

type seenPosting struct {
	at time.Time
	p  skillpulse.StoredPosting
}

func (f *fakeSource) ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	for i := range f.posts {
		if !f.posts[i].at.Before(from) && f.posts[i].at.Before(to) {
			p := f.posts[i].p
			if err := fn(&p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *fakeSource) Runs(ctx context.Context, limit int) ([]skillpulse.Run, error) {
	return f.runs, nil
}

func testTaxonomy(t testing.TB) *extract.Taxonomy {
	t.Helper()
	tax, err := extract.DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func testMarketAreas(t testing.TB) []config.MarketArea {
	t.Helper()
	cfg, err := config.Parse(config.EmbeddedName, skillpulse.DefaultConfig, func(*config.Source) (string, error) { return "", nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Market) == 0 {
		t.Fatal("the default config has no market section")
	}
	return cfg.Market
}

// posting makes a posting requiring req and naming named, with the
// taxonomy's ancestors credited at the same level as the tagger does.
func posting(tax *extract.Taxonomy, n int, title string, req, named []string) skillpulse.StoredPosting {
	levels := map[string]skillpulse.Level{}
	add := func(id string, l skillpulse.Level) {
		for _, x := range append([]string{id}, tax.Ancestors(id)...) {
			levels[x] = max(levels[x], l)
		}
	}
	for _, id := range named {
		add(id, skillpulse.LevelMentioned)
	}
	for _, id := range req {
		add(id, skillpulse.LevelRequired)
	}
	var tags skillpulse.Tags
	for id, l := range levels {
		tags.Mentions = append(tags.Mentions, skillpulse.Mention{SkillID: id, Level: l})
	}
	return skillpulse.StoredPosting{
		Posting: skillpulse.Posting{Source: "board", NativeID: fmt.Sprint(n), Title: title,
			Company: fmt.Sprintf("Company %d", n), URL: fmt.Sprintf("https://jobs.example/%d", n)},
		Tags: tags,
	}
}

// marketDemand is how many of 40 postings require, and name without
// requiring, each skill: a market shaped like the demo's and the real
// corpus's, with IaC and cloud on top.
var marketDemand = []struct {
	id              string
	required, named int
}{
	{"terraform", 22, 6}, {"aws", 18, 6}, {"kubernetes", 16, 6}, {"python", 16, 8}, {"linux", 14, 8},
	{"networking", 12, 8}, {"security", 10, 6}, {"bash", 10, 4}, {"docker", 8, 4}, {"observability", 8, 6},
	{"go", 8, 6}, {"ci-cd", 8, 6}, {"gcp", 6, 6}, {"azure", 6, 4}, {"prometheus", 6, 4}, {"ansible", 5, 5},
	{"on-call", 5, 4}, {"incident-response", 4, 4}, {"helm", 4, 4}, {"postgresql", 4, 4}, {"troubleshooting", 4, 6},
	{"capacity-planning", 3, 3}, {"storage", 3, 3}, {"virtualization", 3, 3}, {"cloudformation", 3, 1},
	{"java", 3, 3}, {"vmware", 2, 2}, {"bgp", 2, 2},
}

// testMarket is 40 postings seen in 2026-W48 after marketDemand, with a
// complete run in that week.
func testMarket(t testing.TB, tax *extract.Taxonomy) *fakeSource {
	t.Helper()
	at := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	src := &fakeSource{runs: []skillpulse.Run{{ID: "r1", Status: skillpulse.RunComplete, Started: at, Finished: at.Add(time.Minute)}}}
	titles := []string{"Platform Engineer", "Infrastructure Engineer", "Site Reliability Engineer", "Cloud Engineer"}
	for i := range 40 {
		var req, named []string
		for k, d := range marketDemand {
			// Spread each skill over different postings, not always the first ones.
			j := (i + 7*k) % 40
			switch {
			case j < d.required:
				req = append(req, d.id)
			case j < d.required+d.named:
				named = append(named, d.id)
			}
		}
		src.posts = append(src.posts, seenPosting{at, posting(tax, i, titles[i%len(titles)], req, named)})
	}
	return src
}

func testResume(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "resume", "testdata", "resumes", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func analyzeText(t testing.TB, tax *extract.Taxonomy, src Source, text string, top int) *Result {
	t.Helper()
	m, err := LoadMarket(context.Background(), src, tax, 4, now)
	if err != nil {
		t.Fatal(err)
	}
	prof := resume.NewParser(extract.NewTagger(tax)).Parse(text, now)
	return Analyze(prof, m, tax, Options{Market: testMarketAreas(t), Top: top})
}
