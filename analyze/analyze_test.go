package analyze

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/resume"
)

func TestEachResumeReadsAsItsPathWithItsKnownGapNearTheTop(t *testing.T) {
	tax := testTaxonomy(t)
	src := testMarket(t, tax)
	cases := []struct {
		resume string
		path   PathID
		top3   []string // at least one of these is among the three gaps of highest impact
	}{
		{"sysadmin", PathSysadmin, []string{"terraform", "aws"}},
		{"network", PathNetwork, []string{"kubernetes", "aws", "docker"}},
		{"devops", PathDevOps, []string{"networking", "security"}},
		// Networking too, though HTTP implies it: one skill is thin
		// evidence against the path's known gap.
		{"backend", PathBackend, []string{"networking", "security", "incident-response", "capacity-planning"}},
		{"cloud-support", PathCloudSupport, []string{"terraform"}},
		{"sre", PathDevOps, []string{"security"}},
	}
	for _, tc := range cases {
		t.Run(tc.resume, func(t *testing.T) {
			r := analyzeText(t, tax, src, testResume(t, tc.resume), 10)
			if r.Path.From == nil || *r.Path.From != tc.path {
				t.Fatalf("path %+v, want %s", r.Path, tc.path)
			}
			if r.Path.Why == "" || r.Path.Name == "" {
				t.Errorf("path %+v has no name or reason", r.Path)
			}
			var top []string
			for _, g := range r.Gaps[:min(3, len(r.Gaps))] {
				top = append(top, g.ID)
			}
			if !slices.ContainsFunc(tc.top3, func(id string) bool { return slices.Contains(top, id) }) {
				t.Errorf("top gaps %v, want one of %v among them", top, tc.top3)
			}
			known := slices.IndexFunc(r.Gaps, func(g Gap) bool { return g.Known })
			if known < 0 || known > 2 {
				t.Errorf("first known gap at %d of %+v, want in the top three", known, r.Gaps)
			}
			for i, g := range r.Gaps {
				if g.Why == "" {
					t.Errorf("gap %s has no why", g.ID)
				}
				if i > 0 && g.Impact > r.Gaps[i-1].Impact {
					t.Errorf("gaps not ordered by impact at %d: %v > %v", i, g.Impact, r.Gaps[i-1].Impact)
				}
				if slices.ContainsFunc(r.Skills, func(s resume.Skill) bool { return s.ID == g.ID }) {
					t.Errorf("gap %s is a skill the resume names", g.ID)
				}
				thin := g.Known && strings.Contains(g.Why, "implies it only through")
				if slices.ContainsFunc(r.Implied, func(s resume.Implied) bool { return s.ID == g.ID && len(s.Via) > 1 }) ||
					slices.ContainsFunc(r.Implied, func(s resume.Implied) bool { return s.ID == g.ID }) && !thin {
					t.Errorf("gap %s is a skill the resume implies: %+v", g.ID, g)
				}
			}
			if len(r.Strengths) == 0 {
				t.Errorf("no strengths")
			}
			for _, st := range r.Strengths {
				if slices.ContainsFunc(r.Gaps, func(g Gap) bool { return g.ID == st.ID }) {
					t.Errorf("%s is both a strength and a gap", st.ID)
				}
			}
			for i := 1; i < len(r.Strengths); i++ {
				if r.Strengths[i].Share > r.Strengths[i-1].Share {
					t.Errorf("strengths not ordered by share: %+v", r.Strengths)
				}
			}
		})
	}
}

func TestImpactFollowsTheDocumentedFormula(t *testing.T) {
	tax := testTaxonomy(t)
	// 10 postings: 5 require Terraform, 6 require AWS, 3 require GCP, 2
	// name Jira.
	src := &fakeSource{runs: []skillpulse.Run{{Status: skillpulse.RunComplete, Finished: now}}}
	for i := range 10 {
		var req, named []string
		if i < 5 {
			req = append(req, "terraform")
		}
		if i < 6 {
			req = append(req, "aws")
		}
		if i >= 7 {
			req = append(req, "gcp")
		}
		if i < 2 {
			named = append(named, "jira")
		}
		src.posts = append(src.posts, seenPosting{now, posting(tax, i, "Infrastructure Engineer", req, named)})
	}
	// A sysadmin who knows AWS: Terraform is the path's known gap; GCP's
	// area (cloud) is covered by AWS.
	r := analyzeText(t, tax, src, testResume(t, "sysadmin")+"\nAWS (2020–present)\n", 0)
	if r.Path.From == nil || *r.Path.From != PathSysadmin {
		t.Fatalf("path %+v", r.Path)
	}
	gap := func(id string) Gap {
		i := slices.IndexFunc(r.Gaps, func(g Gap) bool { return g.ID == id })
		if i < 0 {
			t.Fatalf("no gap %s in %+v", id, r.Gaps)
		}
		return r.Gaps[i]
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-4 }
	// Terraform: required 0.5, weight 0.85 (the area's only skill), boosted.
	if g := gap("terraform"); !near(g.Impact, (0.5+0.85)/2*KnownGapBoost) || !g.Known || !near(g.Weight, 0.85) {
		t.Errorf("terraform %+v, want impact %.4f", g, (0.5+0.85)/2*KnownGapBoost)
	}
	// GCP: required 0.3; weight 0.95 × 0.3/0.6 (AWS is the area's most
	// named), halved since the resume has AWS; boosted (cloud depth).
	w := 0.95 * 0.3 / 0.6 / 2
	if g := gap("gcp"); !near(g.Impact, (0.3+w)/2*KnownGapBoost) || !near(g.Weight, w) {
		t.Errorf("gcp %+v, want weight %.4f impact %.4f", g, w, (0.3+w)/2*KnownGapBoost)
	}
	// Jira: required by none, outside the weighting: no impact, not listed.
	if slices.ContainsFunc(r.Gaps, func(g Gap) bool { return g.ID == "jira" }) {
		t.Errorf("jira listed as a gap with no impact: %+v", r.Gaps)
	}
	if slices.ContainsFunc(r.Gaps, func(g Gap) bool { return g.ID == "aws" }) {
		t.Errorf("aws listed as a gap of a resume naming it")
	}
}

func TestCoverageCountsPostingsTheResumeHasSeventyPercentOf(t *testing.T) {
	tax := testTaxonomy(t)
	src := &fakeSource{runs: []skillpulse.Run{{Status: skillpulse.RunComplete, Finished: now}}}
	asks := [][]string{
		{"linux", "bash", "ansible"},                               // all three: covered
		{"linux", "bash", "ansible", "terraform"},                  // 3 of 4 = 75%: covered
		{"linux", "bash", "terraform", "aws"},                      // 2 of 4: not
		{"terraform", "aws", "kubernetes"},                         // none: not
		{"linux", "bash", "ansible", "vmware", "terraform", "aws"}, // 4 of 6: not
	}
	for i, req := range asks {
		src.posts = append(src.posts, seenPosting{now, posting(tax, i, "Systems Engineer", req, nil)})
	}
	src.posts = append(src.posts, seenPosting{now, posting(tax, 9, "Office Manager", nil, nil)}) // asks nothing: left out
	closed := posting(tax, 7, "Systems Engineer", []string{"linux", "bash"}, nil)
	closed.ClosedAt = now // counts in the market and coverage, but is no match
	src.posts = append(src.posts, seenPosting{now, closed})
	r := analyzeText(t, tax, src, testResume(t, "sysadmin"), 3)
	if r.Postings != 7 || r.Coverage != 0.5 {
		t.Errorf("postings %d coverage %v, want 7 and 0.5 (3 of the 6 that ask for anything)", r.Postings, r.Coverage)
	}
	if len(r.Matches) != 3 {
		t.Fatalf("matches %+v, want the top 3", r.Matches)
	}
	if r.Matches[0].ID != "board/0" || r.Matches[0].Covered != 1 || len(r.Matches[0].Missing) != 0 {
		t.Errorf("best match %+v, want board/0 fully covered", r.Matches[0])
	}
	if r.Matches[1].ID != "board/1" || r.Matches[1].Covered != 0.75 || !slices.Equal(r.Matches[1].Missing, []string{"terraform"}) {
		t.Errorf("second match %+v, want board/1 at 0.75 missing terraform", r.Matches[1])
	}
	if r.Matches[2].ID != "board/4" || !slices.Equal(r.Matches[2].Missing, []string{"terraform", "aws"}) {
		t.Errorf("third match %+v, want board/4 missing terraform (4 postings) before aws (3)", r.Matches[2])
	}
}

func TestMarketWindowEndsWithTheNewestCompleteCrawl(t *testing.T) {
	tax := testTaxonomy(t)
	w47 := time.Date(2026, 11, 18, 3, 0, 0, 0, time.UTC)
	src := &fakeSource{runs: []skillpulse.Run{
		{ID: "running", Status: skillpulse.RunRunning, Started: now},
		{ID: "done", Status: skillpulse.RunComplete, Started: w47, Finished: w47},
	}}
	for i, at := range []time.Time{w47, w47.AddDate(0, 0, -21), w47.AddDate(0, 0, -28), w47.AddDate(0, 0, 7)} {
		src.posts = append(src.posts, seenPosting{at, posting(tax, i, "SRE", []string{"linux"}, nil)})
	}
	m, err := LoadMarket(context.Background(), src, tax, 4, now)
	if err != nil {
		t.Fatal(err)
	}
	var weeks []string
	for _, w := range m.Weeks {
		weeks = append(weeks, w.String())
	}
	if !slices.Equal(weeks, []string{"2026-W44", "2026-W45", "2026-W46", "2026-W47"}) || m.Postings != 2 {
		t.Errorf("weeks %v with %d postings, want W44–W47 with the 2 seen then", weeks, m.Postings)
	}
	if m.Share("linux") != 1 || m.RequiredShare("linux") != 1 {
		t.Errorf("linux share %v required %v, want 1 and 1", m.Share("linux"), m.RequiredShare("linux"))
	}
	if _, err := LoadMarket(context.Background(), src, tax, 0, now); err == nil {
		t.Errorf("zero weeks accepted")
	}
}

func TestPathIsNullWhenNothingFits(t *testing.T) {
	tax := testTaxonomy(t)
	r := analyzeText(t, tax, testMarket(t, tax), "Sam Baker\nHead Baker\n\nEXPERIENCE\nHead Baker, Crumb & Co — 2015 – present\n- Sourdough, pastry and the night shift.\n", 0)
	if r.Path.From != nil || r.Path.Why == "" {
		t.Errorf("path %+v, want null with a reason", r.Path)
	}
	var js map[string]json.RawMessage
	b, _ := json.Marshal(r)
	if err := json.Unmarshal(b, &js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js["path"]), `"from":null`) {
		t.Errorf("path JSON %s, want from null", js["path"])
	}
}

// TestJSONHasTheFieldsTheIssuePromises checks every field name of the
// JSON contract (add fields, rename none).
func TestJSONHasTheFieldsTheIssuePromises(t *testing.T) {
	tax := testTaxonomy(t)
	r := analyzeText(t, tax, testMarket(t, tax), testResume(t, "sysadmin"), 5)
	var buf strings.Builder
	if err := r.Write(&buf, "json"); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Weeks     []string         `json:"weeks"`
		Postings  *int             `json:"postings"`
		Skills    []map[string]any `json:"skills"`
		Implied   []map[string]any `json:"implied"`
		Path      map[string]any   `json:"path"`
		Strengths []map[string]any `json:"strengths"`
		Gaps      []map[string]any `json:"gaps"`
		Coverage  *float64         `json:"coverage"`
		Matches   []map[string]any `json:"matches"`
	}
	if err := json.Unmarshal([]byte(buf.String()), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Weeks) != 4 || js.Weeks[3] != "2026-W48" || js.Postings == nil || *js.Postings != 40 || js.Coverage == nil {
		t.Errorf("weeks %v postings %v coverage %v", js.Weeks, js.Postings, js.Coverage)
	}
	has := func(what string, objs []map[string]any, keys ...string) {
		if len(objs) == 0 {
			t.Errorf("%s: empty", what)
			return
		}
		for _, k := range keys {
			if _, ok := objs[0][k]; !ok {
				t.Errorf("%s: no %q in %v", what, k, objs[0])
			}
		}
	}
	has("skills", js.Skills, "id", "name", "category", "years", "evidence")
	has("implied", js.Implied, "id", "name", "via")
	has("path", []map[string]any{js.Path}, "from", "name", "why")
	has("strengths", js.Strengths, "id", "name", "share", "required_share", "weight")
	has("gaps", js.Gaps, "id", "name", "share", "required_share", "weight", "impact", "why")
	has("matches", js.Matches, "id", "title", "company", "url", "covered", "missing")
	if js.Path["from"] != "sysadmin" {
		t.Errorf("path.from %v", js.Path["from"])
	}
}

func TestAnalyzeIgnoresMarketAreasItCannotPlace(t *testing.T) {
	tax := testTaxonomy(t)
	m, err := LoadMarket(context.Background(), &fakeSource{}, tax, 1, now)
	if err != nil {
		t.Fatal(err)
	}
	prof := resume.NewParser(extract.NewTagger(tax)).Parse(testResume(t, "sre"), now)
	r := Analyze(prof, m, tax, Options{Market: []config.MarketArea{{ID: "x", Name: "X", Weight: 1, Skills: []string{"no-such-skill"}}}})
	if r.Postings != 0 || r.Coverage != 0 || len(r.Matches) != 0 || len(r.Strengths) != 0 {
		t.Errorf("an empty market gave %+v", r)
	}
	if len(r.Weeks) != 1 || r.Weeks[0] != skillpulse.WeekOf(now) {
		t.Errorf("weeks %v, want the current week when the store has no complete run", r.Weeks)
	}
}

func TestAKnownGapImpliedThroughOneSkillStaysAGap(t *testing.T) {
	tax := testTaxonomy(t)
	r := analyzeText(t, tax, testMarket(t, tax), testResume(t, "backend"), 40)
	i := slices.IndexFunc(r.Gaps, func(g Gap) bool { return g.ID == "networking" })
	if i < 0 {
		t.Fatalf("networking, implied by REST APIs alone (rest → http → networking), is no gap: %+v", r.Gaps)
	}
	if g := r.Gaps[i]; !g.Known || !strings.Contains(g.Why, "implies it only through rest") {
		t.Errorf("networking gap %+v, want known and saying it is implied only through rest", g)
	}
	if slices.ContainsFunc(r.Strengths, func(s Strength) bool { return s.ID == "networking" }) {
		t.Errorf("networking listed as a strength too")
	}
	// The SRE implies networking through DNS, HAProxy and load balancing:
	// enough, so it is no gap there.
	sre := analyzeText(t, tax, testMarket(t, tax), testResume(t, "sre"), 40)
	if slices.ContainsFunc(sre.Gaps, func(g Gap) bool { return g.ID == "networking" }) {
		t.Errorf("networking is a gap of the SRE, who implies it three ways")
	}
}
