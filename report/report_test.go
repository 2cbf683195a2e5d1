package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fakeStore serves fixed postings for one week (and, optionally, the week
// before), checking that the report asks for whole weeks.
type fakeStore struct {
	t        *testing.T
	from, to time.Time
	postings []*skillpulse.StoredPosting
	prev     []*skillpulse.StoredPosting // the week before from
}

func (f *fakeStore) ForEachLiveTags(_ context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	ps := f.postings
	switch {
	case from.Equal(f.from) && to.Equal(f.to):
	case from.Equal(f.from.AddDate(0, 0, -7)) && to.Equal(f.from):
		ps = f.prev
	default:
		f.t.Errorf("asked for [%v, %v), want the week [%v, %v) or the one before", from, to, f.from, f.to)
	}
	for _, p := range ps {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

type skillTable map[string]skillpulse.Skill

func (s skillTable) Lookup(id string) (skillpulse.Skill, bool) { sk, ok := s[id]; return sk, ok }

var skills = skillTable{
	"linux":     {ID: "linux", Name: "Linux", Category: skillpulse.CategoryOS},
	"terraform": {ID: "terraform", Name: "Terraform", Category: skillpulse.CategoryIaC},
	"aws":       {ID: "aws", Name: "AWS", Category: skillpulse.CategoryCloud},
	"gcp":       {ID: "gcp", Name: "Google Cloud", Category: skillpulse.CategoryCloud},
	"python":    {ID: "python", Name: "Python", Category: skillpulse.CategoryLanguage},
}

var market = []config.MarketArea{
	{ID: "cloud", Name: "Cloud platforms", Weight: 0.95, Reason: "primary", Skills: []string{"aws", "gcp", "azure"}},
	{ID: "linux", Name: "Linux", Weight: 0.95, Reason: "assumed", Skills: []string{"linux"}},
	{ID: "terraform", Name: "Terraform", Weight: 0.5, Reason: "dominant", Skills: []string{"terraform"}},
}

func posting(src, id string, sen skillpulse.Seniority, ms ...skillpulse.Mention) *skillpulse.StoredPosting {
	return &skillpulse.StoredPosting{
		Posting: skillpulse.Posting{Source: src, NativeID: id, Title: "Platform Engineer " + id, Workplace: skillpulse.WorkplaceRemote},
		Tags:    skillpulse.Tags{Mentions: ms, Seniority: sen},
	}
}

func req(id string, years int) skillpulse.Mention {
	return skillpulse.Mention{SkillID: id, Level: skillpulse.LevelRequired, Years: years}
}
func pref(id string) skillpulse.Mention {
	return skillpulse.Mention{SkillID: id, Level: skillpulse.LevelPreferred}
}
func ment(id string) skillpulse.Mention {
	return skillpulse.Mention{SkillID: id, Level: skillpulse.LevelMentioned}
}

// knownStore holds four postings with hand-counted figures:
//
//	aws: 3 postings (2 required, 1 preferred) → 75%, required 50%
//	terraform: 2 (1 required with 3y, 1 mentioned) → 50%, 25%
//	linux: 1 (required, 5y) → 25%
//	gcp: 1 (mentioned); python: 1 (preferred), named twice in one posting
//	cloud area (aws|gcp|azure): 4 of 4 → share 1.0, required 0.5, gap -0.05 in line
//	linux area: 0.25 listed, gap +0.70 under-listed; terraform: 0.5, gap 0 in line
func knownStore(t *testing.T, w skillpulse.Week) *fakeStore {
	return &fakeStore{t: t, from: w.Start(), to: w.End(), postings: []*skillpulse.StoredPosting{
		posting("acme", "1", skillpulse.SenioritySenior, req("aws", 0), req("terraform", 3), req("linux", 5)),
		posting("acme", "2", skillpulse.SenioritySenior, req("aws", 0), ment("terraform")),
		posting("globex", "3", skillpulse.SeniorityMid, pref("aws"), pref("python"), ment("python")),
		posting("globex", "4", skillpulse.SeniorityUnknown, ment("gcp")),
	}}
}

func build(t *testing.T) *report.Report {
	t.Helper()
	w := skillpulse.Week{Year: 2026, Num: 47}
	r, err := report.Build(context.Background(), knownStore(t, w), skills, report.Options{
		Week: w, Market: market, Generated: time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBuildFigures(t *testing.T) {
	r := build(t)
	if r.Postings != 4 {
		t.Fatalf("postings: got %d, want 4", r.Postings)
	}
	want := map[string]report.SkillDemand{
		"aws":       {Postings: 3, Required: 2, Preferred: 1, Share: 0.75, RequiredShare: 0.5},
		"terraform": {Postings: 2, Required: 1, Mentioned: 1, Share: 0.5, RequiredShare: 0.25, MedianYears: 3},
		"linux":     {Postings: 1, Required: 1, Share: 0.25, RequiredShare: 0.25, MedianYears: 5},
		"python":    {Postings: 1, Preferred: 1, Share: 0.25},
		"gcp":       {Postings: 1, Mentioned: 1, Share: 0.25},
	}
	if len(r.Skills) != len(want) {
		t.Fatalf("skills: got %d rows, want %d: %+v", len(r.Skills), len(want), r.Skills)
	}
	if r.Skills[0].ID != "aws" || r.Skills[1].ID != "terraform" {
		t.Errorf("order: got %s, %s first; want aws, terraform", r.Skills[0].ID, r.Skills[1].ID)
	}
	for _, s := range r.Skills {
		w := want[s.ID]
		if s.Postings != w.Postings || s.Required != w.Required || s.Preferred != w.Preferred || s.Mentioned != w.Mentioned ||
			s.Share != w.Share || s.RequiredShare != w.RequiredShare || s.MedianYears != w.MedianYears {
			t.Errorf("%s: got %+v, want %+v", s.ID, s, w)
		}
	}
	if r.Skills[0].Name != "AWS" || r.Skills[0].Category != skillpulse.CategoryCloud {
		t.Errorf("aws not resolved through the taxonomy: %+v", r.Skills[0])
	}
	areas := map[string]struct {
		share, required, gap float64
		verdict              report.Verdict
	}{
		"cloud":     {1, 0.5, -0.05, report.VerdictInLine},
		"linux":     {0.25, 0.25, 0.70, report.VerdictUnderListed},
		"terraform": {0.5, 0.25, 0, report.VerdictInLine},
	}
	for _, m := range r.Market {
		w := areas[m.ID]
		if m.Share != w.share || m.RequiredShare != w.required || m.Gap != w.gap || m.Verdict != w.verdict {
			t.Errorf("area %s: got share %v required %v gap %v %s; want %+v", m.ID, m.Share, m.RequiredShare, m.Gap, m.Verdict, w)
		}
	}
	if got := r.Sources; len(got) != 2 || got[0].Postings != 2 || got[1].Postings != 2 {
		t.Errorf("sources: %+v", got)
	}
}

func TestWeekOverWeekChange(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 47}
	st := knownStore(t, w)
	// Last week: two postings, one asking for aws; none for linux.
	st.prev = []*skillpulse.StoredPosting{
		posting("acme", "1", skillpulse.SenioritySenior, req("aws", 0)),
		posting("acme", "9", skillpulse.SeniorityMid, ment("python")),
	}
	r, err := report.Build(context.Background(), st, skills, report.Options{Week: w, Market: market})
	if err != nil {
		t.Fatal(err)
	}
	if r.PrevPostings == nil || *r.PrevPostings != 2 {
		t.Fatalf("prev postings: %v", r.PrevPostings)
	}
	want := map[string]float64{"aws": 0.25, "terraform": 0.5, "python": -0.25, "linux": 0.25} // 75%-50%, 50%-0, 25%-50%, 25%-0
	for _, s := range r.Skills {
		w, ok := want[s.ID]
		if !ok {
			continue
		}
		if s.Change == nil || *s.Change != w {
			t.Errorf("%s change: %v, want %+.2f", s.ID, s.Change, w)
		}
	}
	for _, m := range r.Market {
		if m.ID == "cloud" && (m.Change == nil || *m.Change != 0.5) { // 100% - 50%
			t.Errorf("cloud area change: %v, want +0.50", m.Change)
		}
	}
	var md bytes.Buffer
	r.WriteFormat(&md, "md")
	if !strings.Contains(md.String(), "vs last week") || !strings.Contains(md.String(), "(2 the week before)") {
		t.Errorf("markdown shows no trend:\n%s", md.String())
	}
	// Without a last week there is no change anywhere.
	if r := build(t); r.PrevPostings != nil || r.Skills[0].Change != nil {
		t.Errorf("change reported without a last week: %+v", r.Skills[0])
	}
}

func TestBuildTopLimitsSkillsOnly(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 47}
	r, err := report.Build(context.Background(), knownStore(t, w), skills, report.Options{Week: w, Market: market, Top: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Skills) != 2 || r.SkillsTotal != 5 || len(r.Market) != 3 {
		t.Errorf("top 2: got %d skills of %d, %d areas", len(r.Skills), r.SkillsTotal, len(r.Market))
	}
}

func TestEmptyWeek(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 1}
	r, err := report.Build(context.Background(), &fakeStore{t: t, from: w.Start(), to: w.End()}, skills,
		report.Options{Week: w, Market: market})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Market {
		if m.Verdict != report.VerdictNoData {
			t.Errorf("%s: verdict %s on an empty week", m.ID, m.Verdict)
		}
	}
	var md bytes.Buffer
	if err := r.WriteFormat(&md, "md"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "nothing to measure") {
		t.Errorf("empty week markdown does not say so:\n%s", md.String())
	}
}

func TestGolden(t *testing.T) {
	r := build(t)
	for _, format := range []string{"md", "json", "csv", "html"} {
		t.Run(format, func(t *testing.T) {
			var got bytes.Buffer
			if err := r.WriteFormat(&got, format); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "week47."+format)
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s output differs from %s; rerun with -update if the change is intended\n%s", format, path, got.String())
			}
		})
	}
}

func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := build(t).WriteFormat(&buf, "json"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"week", "postings", "skills", "market", "sources"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("report JSON lacks %q", k)
		}
	}
	if doc["week"] != "2026-W47" {
		t.Errorf("week: got %v", doc["week"])
	}
}

func TestHostileStringsAreEscaped(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 47}
	evil := skillTable{"x": {ID: "x", Name: `<script>alert(1)</script>|=cmd`, Category: skillpulse.CategoryTool}}
	st := &fakeStore{t: t, from: w.Start(), to: w.End(), postings: []*skillpulse.StoredPosting{
		posting(`<img src=x onerror=alert(1)>`, "1", skillpulse.SeniorityJunior, req("x", 0)),
	}}
	r, err := report.Build(context.Background(), st, evil, report.Options{Week: w})
	if err != nil {
		t.Fatal(err)
	}
	var h, md, c bytes.Buffer
	for f, b := range map[string]*bytes.Buffer{"html": &h, "md": &md, "csv": &c} {
		if err := r.WriteFormat(b, f); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(h.String(), "<script>alert") || strings.Contains(h.String(), "<img src=x") {
		t.Error("html report carries scraped markup unescaped")
	}
	if !strings.Contains(h.String(), "&lt;script&gt;") {
		t.Error("html report lost the escaped name")
	}
	if !strings.Contains(md.String(), `\|=cmd`) {
		t.Error("markdown table cell not escaped")
	}
	if !strings.Contains(c.String(), `'<script>`) && !strings.Contains(c.String(), "<script>") {
		t.Error("csv lost the name")
	}
}

func TestWriteIsAtomicAndNamed(t *testing.T) {
	dir := t.TempDir()
	// Every format at once: they are written side by side.
	r := build(t)
	paths, err := report.Write(dir, r, []string{"md", "json", "csv", "html"})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 4 || filepath.Base(paths[0]) != "skillpulse-2026-W47.md" || filepath.Base(paths[3]) != "skillpulse-2026-W47.html" {
		t.Fatalf("paths: %v", paths)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("dir holds %d entries, want 4 (no temp files left)", len(entries))
	}
	for _, p := range paths {
		var want bytes.Buffer
		if err := r.WriteFormat(&want, strings.TrimPrefix(filepath.Ext(p), ".")); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s differs from the report written alone", filepath.Base(p))
		}
	}
	paths, err = report.Write(dir, build(t), []string{"md", "pdf"})
	if err == nil || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("unknown format: error %v, want one naming pdf", err)
	}
	if len(paths) != 1 {
		t.Errorf("paths after one format failed: %v, want the one written", paths)
	}
}

func TestMarkdownCellsCarryNoMarkupOrLinks(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 47}
	evil := skillTable{"x": {ID: "x", Name: "[click](javascript:alert(1)) **bold** `code` ![i](http://t.example/p.png)",
		Category: skillpulse.CategoryTool}}
	st := &fakeStore{t: t, from: w.Start(), to: w.End(), postings: []*skillpulse.StoredPosting{
		posting("<img src=x onerror=alert(1)>\x1b[31m", "1", skillpulse.SeniorityJunior, req("x", 0)),
	}}
	r, err := report.Build(context.Background(), st, evil, report.Options{Week: w})
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := r.WriteFormat(&md, "md"); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, raw := range []string{"<img", "](javascript:", "[click]", "**bold**", "`code`", "![i]", "\x1b"} {
		if strings.Contains(out, raw) {
			t.Errorf("markdown report carries %q raw:\n%s", raw, out)
		}
	}
	for _, shown := range []string{`&lt;img src=x onerror=alert\(1\)&gt;`, `\[click\]\(javascript:alert\(1\)\)`} {
		if !strings.Contains(out, shown) {
			t.Errorf("markdown report lost the escaped text %q:\n%s", shown, out)
		}
	}
}

// TestImpliedCreditCountsApart: a skill's share counts the postings that
// name it; postings that only imply it (EKS for Kubernetes) count in its
// share with implied credit, and in the market areas, and the Markdown
// says which is which.
func TestImpliedCreditCountsApart(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 47}
	eks := posting("acme", "1", skillpulse.SenioritySenior, req("eks", 0))
	eks.Tags.Implied = []skillpulse.Implied{{SkillID: "kubernetes", Level: skillpulse.LevelRequired, Via: []string{"eks"}}}
	store := &fakeStore{t: t, from: w.Start(), to: w.End(), postings: []*skillpulse.StoredPosting{
		eks,
		posting("acme", "2", skillpulse.SeniorityMid, ment("kubernetes")),
		posting("acme", "3", skillpulse.SeniorityMid, ment("linux")),
		posting("acme", "4", skillpulse.SeniorityMid, ment("linux")),
	}}
	area := []config.MarketArea{{ID: "k8s", Name: "Kubernetes", Weight: 0.5, Reason: "r", Skills: []string{"kubernetes"}}}
	r, err := report.Build(context.Background(), store, skills, report.Options{Week: w, Market: area})
	if err != nil {
		t.Fatal(err)
	}
	var k8s report.SkillDemand
	for _, s := range r.Skills {
		if s.ID == "kubernetes" {
			k8s = s
		}
	}
	if k8s.Postings != 1 || k8s.Implied != 1 || k8s.Share != 0.25 || k8s.ShareWithImplied != 0.5 {
		t.Errorf("kubernetes: %+v, want 1 posting naming it (25%%) and 1 implying it (50%% with implied credit)", k8s)
	}
	if m := r.Market[0]; m.Postings != 2 || m.Share != 0.5 {
		t.Errorf("the market area counts implied credit: %+v, want 2 postings", m)
	}
	var md bytes.Buffer
	if err := r.WriteFormat(&md, "md"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"*with implied* adds those that only imply it", "| Listed | With implied |", "| 25% | 50% |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
}

// panickyStore panics when asked for the week before from.
type panickyStore struct{ from time.Time }

func (p panickyStore) ForEachLiveTags(_ context.Context, from, _ time.Time, _ func(*skillpulse.StoredPosting) error) error {
	if from.Before(p.from) {
		panic("source broke")
	}
	return nil
}

// TestBuildPanicsInItsCallersGoroutine checks that a panic while the week
// before is read (on a goroutine of its own) comes out of Build in the
// caller's goroutine, where the caller (net/http for the API) recovers it,
// rather than ending the process.
func TestBuildPanicsInItsCallersGoroutine(t *testing.T) {
	w := skillpulse.Week{Year: 2026, Num: 47}
	defer func() {
		if r := recover(); r != "source broke" {
			t.Errorf("recovered %v, want the source's panic", r)
		}
	}()
	report.Build(context.Background(), panickyStore{w.Start()}, skills, report.Options{Week: w})
	t.Error("Build returned although its source panicked")
}
