package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

// cli runs skillpulse with args and returns its exit status and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsageAndConfigErrorsExit2WithoutTouchingTheStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "never.db")
	bad := writeFile(t, dir, "bad.yaml", "storage:\n  path: "+db+"\ncrawl:\n  delay: soon\nsources:\n  - name: a\n    type: greenhose\n    board: x\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown subcommand", []string{"crawll"}, `unknown command "crawll"`},
		{"unknown flag", []string{"crawl", "--jsn"}, "unknown flag: --jsn"},
		{"bad config", []string{"--config", bad, "crawl"}, "bad.yaml:4: crawl.delay: bad duration"},
		{"unknown source type", []string{"--config", writeFile(t, dir, "t.yaml", strings.Replace(
			"storage:\n  path: DB\nsources:\n  - name: a\n    type: greenhose\n    board: x\n", "DB", db, 1)), "crawl"},
			`t.yaml:5: sources[0].type: unknown source type "greenhose"`},
		{"missing config file", []string{"--config", filepath.Join(dir, "nope.yaml"), "crawl"}, "nope.yaml"},
		{"bad week", []string{"--config", bad, "report", "--week", "2026-47"}, "bad.yaml"},
		{"bad format", []string{"extract", "--format", "xml"}, `--format "xml"`},
		{"extract two files", []string{"extract", "a", "b"}, "at most one file"},
		{"crawl with an argument", []string{"crawl", "now"}, "takes no arguments"},
		{"unknown db subcommand", []string{"--db", db, "db", "chek"}, `unknown command "chek" for skillpulse db (see skillpulse db --help)`},
		{"unknown taxonomy subcommand", []string{"taxonomy", "chek"}, `unknown command "chek" for skillpulse taxonomy (see skillpulse taxonomy --help)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli(t, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Fatalf("%v created the store file", tc.args)
			}
		})
	}
}

func TestExtractJSONContract(t *testing.T) {
	post := `<h2>What you'll need</h2><ul><li>5+ years of experience with Terraform and AWS</li><li>Strong Linux skills</li></ul>
<h2>Nice to have</h2><ul><li>Experience with Kubernetes</li></ul>`
	for _, args := range [][]string{
		{"extract", "--format", "json"},                                            // stdin
		{"extract", writeFile(t, t.TempDir(), "p.html", post), "--format", "json"}, // flags after the file
		{"extract", "--format", "json", "-"},
	} {
		code, out, stderr := cli(t, post, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var doc struct {
			Skills []map[string]any `json:"skills"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		levels := map[string]string{}
		for _, s := range doc.Skills {
			for _, k := range []string{"id", "name", "category", "level", "level_reason", "evidence"} {
				if _, ok := s[k]; !ok {
					t.Errorf("skill %v lacks %q", s, k)
				}
			}
			levels[s["id"].(string)] = s["level"].(string)
			if y, ok := s["years"]; ok && y.(float64) <= 0 {
				t.Errorf("years present but %v", y)
			}
		}
		for id, want := range map[string]string{"terraform": "required", "aws": "required", "linux": "required", "kubernetes": "preferred"} {
			if levels[id] != want {
				t.Errorf("%v: %s level %q, want %q (all: %v)", args, id, levels[id], want, levels)
			}
		}
	}
}

// TestExtractJSONNamedApartFromImplied: skills lists only what the text
// names; parent credit is in implied, with via.
func TestExtractJSONNamedApartFromImplied(t *testing.T) {
	code, out, stderr := cli(t, "Requirements:\n- Experience with ECS/EKS and TypeScript\n", "extract", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Skills []struct {
			ID string `json:"id"`
		} `json:"skills"`
		Implied []struct {
			ID, Name, Category, Level string
			Via                       []string
		} `json:"implied"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var named []string
	for _, s := range doc.Skills {
		named = append(named, s.ID)
	}
	slices.Sort(named)
	if want := []string{"ecs", "eks", "typescript"}; !slices.Equal(named, want) {
		t.Errorf("skills %v, want only the named %v", named, want)
	}
	implied := map[string][]string{}
	for _, m := range doc.Implied {
		if m.Name == "" || m.Category == "" || m.Level != "required" {
			t.Errorf("implied %+v lacks a name, category or its level", m)
		}
		implied[m.ID] = m.Via
	}
	if !slices.Equal(implied["kubernetes"], []string{"eks"}) || !slices.Equal(implied["aws"], []string{"ecs", "eks"}) {
		t.Errorf("implied %v, want kubernetes via eks and aws via ecs, eks", implied)
	}
	if _, ok := implied["javascript"]; ok {
		t.Error("TypeScript implies JavaScript; it is not a kind of it")
	}
}

// TestExtractTitle: --title gives seniority and makes the skills it names
// required; a plain-text first line naming a role is read as the title.
func TestExtractTitle(t *testing.T) {
	for _, tt := range []struct {
		name, stdin string
		args        []string
		seniority   string
	}{
		{"--title", "We run Kubernetes.", []string{"--title", "Staff Go Engineer"}, "staff"},
		{"first line names a role", "Senior Site Reliability Engineer\nWe run Kubernetes.\n", nil, "senior"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := cli(t, tt.stdin, append([]string{"extract", "--json"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var doc struct {
				Seniority string `json:"seniority"`
				Skills    []struct{ ID, Level string }
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Seniority != tt.seniority {
				t.Errorf("seniority %q, want %q", doc.Seniority, tt.seniority)
			}
			if tt.args != nil && !slices.ContainsFunc(doc.Skills, func(s struct{ ID, Level string }) bool { return s.ID == "go" && s.Level == "required" }) {
				t.Errorf("Go in the title is not required: %+v", doc.Skills)
			}
		})
	}
}

func TestExtractTable(t *testing.T) {
	code, out, _ := cli(t, "Requirements:\n- 3+ years of Terraform\n", "extract")
	if code != 0 || !strings.Contains(out, "terraform") || !strings.Contains(out, "required") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// extract tags a posting's text or HTML; a PDF, a Word file or binary
// data is refused, naming the file and what it is, rather than read as
// text in which no skill is found.
func TestExtractRefusesWhatIsNotText(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"posting.pdf":  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
		"posting.docx": "PK\x03\x04\x14\x00\x06\x00",
		"logo.png":     "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"data.bin":     "\x00\x01\x02\x03 Terraform \x00\xff",
	} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, dir, name, content)
			code, out, stderr := cli(t, "", "extract", path)
			if code != exitFailure || !strings.Contains(stderr, path+": not a posting's text or HTML") {
				t.Errorf("exit %d, want %d naming %s as not text:\n%s%s", code, exitFailure, path, out, stderr)
			}
		})
	}
	// Text in a Windows code page or UTF-16 is still text.
	for name, content := range map[string]string{
		"latin1.txt": "Requirements:\n- 3+ years of Terraform, \xe9quipe\n",
		"utf16.txt":  "\xff\xfeR\x00e\x00q\x00",
	} {
		if code, out, stderr := cli(t, "", "extract", writeFile(t, dir, name, content)); code != 0 {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, stderr)
		}
	}
}

// fixtureServer serves the recorded Greenhouse and Lever payloads from
// the shared fixtures (internal/fixtures) at the real API paths, paging
// Lever like the real API.
func fixtureServer(t *testing.T) (*httptest.Server, map[string][]string) {
	t.Helper()
	read := func(p string) []byte { return fixtures.Read(t, p) }
	greenhouse := map[string][]byte{
		"impact":        read("greenhouse/jobs_content_impact_infra_subset.json"),
		"takealotgroup": read("greenhouse/jobs_content_takealotgroup.json"),
	}
	lever := map[string][]json.RawMessage{}
	for site, p := range map[string]string{"yassir": "lever/postings_yassir_infra_subset.json", "moo": "lever/postings_moo.json"} {
		var items []json.RawMessage
		if err := json.Unmarshal(read(p), &items); err != nil {
			t.Fatal(err)
		}
		lever[site] = items
	}
	// titles per source, for the expected role-filter result
	titles := map[string][]string{}
	for board, b := range greenhouse {
		var doc struct{ Jobs []struct{ Title string } }
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		for _, j := range doc.Jobs {
			titles["gh-"+board] = append(titles["gh-"+board], j.Title)
		}
	}
	for site, items := range lever {
		for _, it := range items {
			var p struct{ Text string }
			if err := json.Unmarshal(it, &p); err != nil {
				t.Fatal(err)
			}
			titles["lv-"+site] = append(titles["lv-"+site], p.Text)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/boards/{board}/jobs", func(w http.ResponseWriter, r *http.Request) {
		b, ok := greenhouse[r.PathValue("board")]
		if !ok || r.URL.Query().Get("content") != "true" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	})
	mux.HandleFunc("GET /v0/postings/{site}", func(w http.ResponseWriter, r *http.Request) {
		items, ok := lever[r.PathValue("site")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
		limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
		if err != nil || limit <= 0 {
			limit = len(items)
		}
		page := items[min(skip, len(items)):min(skip+limit, len(items))]
		w.Header().Set("Content-Type", "application/json")
		b, _ := json.Marshal(page)
		w.Write(b)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, titles
}

type crawlJSON struct {
	RunID        string `json:"run_id"`
	Started      string `json:"started"`
	Finished     string `json:"finished"`
	PostingsLive *int   `json:"postings_live"`
	Sources      []map[string]any
}

func TestCrawlFixturesTwice(t *testing.T) {
	srv, titles := fixtureServer(t)
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage:
  path: %s
crawl:
  user_agent: skillpulse-test
  request_timeout: 10s
  delay: 0s
  parallelism: 4
sources:
  - {name: gh-impact, type: greenhouse, board: impact, base_url: %[2]s, allow_private: true}
  - {name: gh-takealotgroup, type: greenhouse, board: takealotgroup, base_url: %[2]s, allow_private: true}
  - {name: lv-yassir, type: lever, site: yassir, base_url: %[2]s, allow_private: true}
  - {name: lv-moo, type: lever, site: moo, base_url: %[2]s, allow_private: true}
`, filepath.Join(dir, "sp.db"), srv.URL))
	filter := crawler.NewRoleFilter(config.Roles{})
	want, total := map[string]int{}, 0
	for src, ts := range titles {
		for _, title := range ts {
			if filter.Match(title) {
				want[src]++
				total++
			}
		}
	}
	if total == 0 {
		t.Fatal("no fixture title passes the role filter; the test would prove nothing")
	}

	crawl := func() crawlJSON {
		code, out, stderr := cli(t, "", "--config", cfgPath, "crawl", "--json")
		if code != 0 {
			t.Fatalf("crawl exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
		}
		var c crawlJSON
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			t.Fatalf("crawl --json is not one JSON object: %v\n%s", err, out)
		}
		return c
	}
	first := crawl()
	if first.RunID == "" || first.Started == "" || first.Finished == "" || first.PostingsLive == nil {
		t.Fatalf("crawl --json lacks run fields: %+v", first)
	}
	if *first.PostingsLive != total {
		t.Errorf("postings_live %d, want %d role-matching postings", *first.PostingsLive, total)
	}
	for _, s := range first.Sources {
		for _, k := range []string{"name", "type", "fetched", "new", "updated", "unchanged", "closed", "failed", "error"} {
			if _, ok := s[k]; !ok {
				t.Errorf("source %v lacks %q", s["name"], k)
			}
		}
		name := s["name"].(string)
		if int(s["fetched"].(float64)) != want[name] || int(s["new"].(float64)) != want[name] {
			t.Errorf("%s: fetched %v new %v, want %d", name, s["fetched"], s["new"], want[name])
		}
	}
	second := crawl()
	if second.RunID == first.RunID {
		t.Error("second crawl reused the run id")
	}
	for _, s := range second.Sources {
		name := s["name"].(string)
		if int(s["unchanged"].(float64)) != want[name] || s["new"].(float64) != 0 || s["updated"].(float64) != 0 || s["closed"].(float64) != 0 {
			t.Errorf("second crawl %s: %v, want all %d unchanged", name, s, want[name])
		}
	}
	if *second.PostingsLive != total {
		t.Errorf("second crawl live %d, want %d", *second.PostingsLive, total)
	}

	code, out, stderr := cli(t, "", "--config", cfgPath, "runs", "--json")
	if code != 0 || strings.Count(out, `"run_id"`) != 2 {
		t.Errorf("runs: exit %d, %s %s", code, out, stderr)
	}
	code, out, stderr = cli(t, "", "--config", cfgPath, "report", "--format", "json", "--out", "-")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var rep struct{ Postings int }
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Postings != total {
		t.Errorf("report postings %d (%v), want %d", rep.Postings, err, total)
	}
}

func TestCrawlWithFailingSourceExits1AndKeepsPostings(t *testing.T) {
	srv, titles := fixtureServer(t)
	dir := t.TempDir()
	cfg := func(board string) string {
		return writeFile(t, dir, board+".yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-test, delay: 0s, max_retries: 0}
sources:
  - {name: gh, type: greenhouse, board: %s, base_url: %s, allow_private: true}
`, filepath.Join(dir, "sp.db"), board, srv.URL))
	}
	if code, out, stderr := cli(t, "", "--config", cfg("impact"), "crawl", "--json"); code != 0 {
		t.Fatalf("first crawl exit %d: %s %s", code, out, stderr)
	}
	// The board now answers 404: the source fails, the run exits 1, and
	// its postings stay live.
	code, out, _ := cli(t, "", "--config", cfg("vanished"), "crawl", "--json")
	if code != exitFailure {
		t.Fatalf("crawl with a failing source: exit %d, want 1", code)
	}
	var c crawlJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("failed crawl still prints its JSON: %v\n%s", err, out)
	}
	s := c.Sources[0]
	if s["failed"] != true || s["error"] == "" || s["closed"].(float64) != 0 {
		t.Errorf("failed source outcome: %v", s)
	}
	filter := crawler.NewRoleFilter(config.Roles{})
	n := 0
	for _, title := range titles["gh-impact"] {
		if filter.Match(title) {
			n++
		}
	}
	if *c.PostingsLive != n {
		t.Errorf("postings_live %d after the failure, want %d kept", *c.PostingsLive, n)
	}
}

func TestReportWithoutStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.db")
	code, _, stderr := cli(t, "", "--db", db, "report")
	if code != exitFailure || !strings.Contains(stderr, "no store at") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("report created a store")
	}
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"21 nights", "night  1", "night 21", "failed: graniteridge (closes nothing)", "report for", ".html"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "reports", "skillpulse-*.md"))
	if len(matches) != 1 {
		t.Fatalf("demo reports: %v", matches)
	}
	t.Run("a second run into the same store refuses and leaves it as it was", func(t *testing.T) {
		db := filepath.Join(dir, "skillpulse.db")
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir)
		if code != exitUsage || !strings.Contains(stderr, "already exists") {
			t.Errorf("second demo: exit %d, stderr %q; want 2 and a refusal", code, stderr)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Error("the refused demo changed the store")
		}
	})
	t.Run("with --db only, reports go beside the store", func(t *testing.T) {
		other := t.TempDir()
		db := filepath.Join(other, "sub", "demo.db")
		code, out, stderr := cli(t, "", "--log-level", "warn", "--db", db, "demo", "--weeks", "1")
		if code != 0 {
			t.Fatalf("demo --db: exit %d\n%s\n%s", code, out, stderr)
		}
		if m, _ := filepath.Glob(filepath.Join(other, "sub", "reports", "skillpulse-*.html")); len(m) != 1 {
			t.Errorf("reports beside the store: %v\n%s", m, out)
		}
	})
	t.Run("a bad week count is a usage error", func(t *testing.T) {
		if code, _, stderr := cli(t, "", "demo", "--weeks", "0", "--out", t.TempDir()); code != exitUsage || !strings.Contains(stderr, "--weeks") {
			t.Errorf("--weeks 0: exit %d, %s", code, stderr)
		}
	})
}

func TestDBCommands(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	code, out, stderr := cli(t, "", "--db", db, "db", "stats", "--json")
	if code != 0 {
		t.Fatalf("db stats: %d %s", code, stderr)
	}
	var stats struct {
		Postings, Runs int
		NewestRun      string  `json:"newest_run"`
		BytesPer       float64 `json:"bytes_per_posting"`
	}
	if err := json.Unmarshal([]byte(out), &stats); err != nil || stats.Postings == 0 || stats.Runs != 7 || stats.NewestRun == "" || stats.BytesPer <= 0 {
		t.Errorf("db stats: %+v %v\n%s", stats, err, out)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "check"); code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "ok") {
		t.Errorf("db check: %d %s %s", code, out, stderr)
	}
	backup := filepath.Join(dir, "copy.db")
	if code, _, stderr := cli(t, "", "--db", db, "db", "backup", backup); code != 0 {
		t.Fatalf("db backup: %d %s", code, stderr)
	}
	if code, out, stderr := cli(t, "", "--db", backup, "db", "check"); code != 0 {
		t.Errorf("check of the backup: %d %s %s", code, out, stderr)
	}
	if code, _, _ := cli(t, "", "--db", db, "db", "backup"); code != exitUsage {
		t.Errorf("db backup without a file: exit %d, want 2", code)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "compact"); code != 0 || !strings.Contains(out, "compacted") {
		t.Errorf("db compact: %d %s %s", code, out, stderr)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "check"); code != 0 {
		t.Errorf("db check after compact: %d %s %s", code, out, stderr)
	}
}

func TestRetagAfterTaxonomyChange(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	// Same taxonomy: nothing changes.
	code, out, stderr := cli(t, "", "--db", db, "retag", "--json")
	if code != 0 {
		t.Fatalf("retag: %d %s", code, stderr)
	}
	var c struct{ Versions, Changed int }
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.Versions == 0 || c.Changed != 0 {
		t.Fatalf("retag with an unchanged taxonomy: %+v %v", c, err)
	}
	// A user taxonomy teaching a new skill changes the postings that name
	// it. (Not "Northwind": that is the demo's company, never a skill.)
	tax := writeFile(t, dir, "extra.yaml", "skills:\n  - id: freight-dispatch\n    name: Freight dispatch\n    category: tool\n    aliases: [freight]\n")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\nsources:\n  - {name: x, type: greenhouse, board: x}\ntaxonomy:\n  files: [%s]\n", db, tax))
	code, out, stderr = cli(t, "", "--config", cfg, "retag")
	if code != 0 || !strings.Contains(out, "freight-dispatch") {
		t.Fatalf("retag with a new skill: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, out, _ := cli(t, "", "--db", db, "db", "check"); code != 0 {
		t.Errorf("db check after retag: %s", out)
	}
	// The report reads the stored aggregates with the new id among them.
	code, out, stderr = cli(t, "", "--config", cfg, "--log-level", "error", "report", "--format", "json", "--out", "-")
	if code != 0 || !json.Valid([]byte(out)) {
		t.Errorf("report after retag with a new skill: exit %d, valid JSON %v\n%s", code, json.Valid([]byte(out)), stderr)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	code, jsonl, stderr := cli(t, "", "--db", db, "export")
	if code != 0 || strings.Count(jsonl, "\n") == 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	fresh := filepath.Join(dir, "fresh.db")
	code, out, stderr := cli(t, jsonl, "--db", fresh, "import", "--json")
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	var c struct{ New int }
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.New != strings.Count(jsonl, "\n") {
		t.Errorf("import counts %s, want every one of %d lines new", out, strings.Count(jsonl, "\n"))
	}
	// Without --json, import prints a table; the second import changes nothing.
	code, out, stderr = cli(t, jsonl, "--db", fresh, "import")
	if want := fmt.Sprintf("%d\n", strings.Count(jsonl, "\n")); code != 0 || !strings.Contains(out, "UNCHANGED") || !strings.HasSuffix(strings.TrimRight(out, " "), want) {
		t.Errorf("import again, as a table: exit %d\n%s%s", code, out, stderr)
	}
	if code, again, _ := cli(t, "", "--db", fresh, "export"); code != 0 || again != jsonl {
		t.Errorf("export after import differs from the original export")
	}
	code, csvOut, _ := cli(t, "", "--db", db, "export", "--format", "csv")
	if code != 0 || !strings.HasPrefix(csvOut, "source,") || !strings.Contains(csvOut, ":required") {
		t.Errorf("csv export: %d\n%.300s", code, csvOut)
	}
	if code, _, stderr := cli(t, "not json\n", "--db", fresh, "import"); code == 0 || !strings.Contains(stderr, "line 1") {
		t.Errorf("bad import: exit %d, %s", code, stderr)
	}
}

func TestRefusedImportCreatesNoStoreFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "never.db")
	bad := `{"source":"acme","native_id":"1","url":"javascript:alert(1)","title":"SRE",` +
		`"first_seen":"2026-11-23T03:00:00Z","last_seen":"2026-11-23T03:00:00Z","origins":[],"description":"",` +
		`"tags":{"skills":[{"id":"terraform","level":"required"}],"seniority":"senior"}}` + "\n"
	code, _, stderr := cli(t, bad, "--db", db, "import")
	if code == 0 || !strings.Contains(stderr, "line 1") || !strings.Contains(stderr, "url:") {
		t.Errorf("import of a javascript: URL: exit %d, %s", code, stderr)
	}
	unknown := strings.Replace(strings.Replace(bad, "javascript:alert(1)", "https://example.com/1", 1), `"terraform"`, `"cobol-85"`, 1)
	code, _, stderr = cli(t, unknown, "--db", db, "import")
	if code == 0 || !strings.Contains(stderr, `unknown skill "cobol-85"`) {
		t.Errorf("import of an unknown skill: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import created the store file (%v)", err)
	}
}

func TestTablePrintersStripControlCharacters(t *testing.T) {
	dir := t.TempDir()
	tax := writeFile(t, dir, "evil.yaml", "skills:\n  - id: northwind-mesh\n    name: \"Northwind\\e]0;pwned\\a Mesh\\e[2J\"\n    category: tool\n    aliases: [northwind]\n")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\nsources:\n  - {name: x, type: greenhouse, board: x}\ntaxonomy:\n  files: [%s]\n",
		filepath.Join(dir, "s.db"), tax))
	for _, args := range [][]string{
		{"--config", cfg, "taxonomy"},
		{"--config", cfg, "extract", "-"},
	} {
		code, out, stderr := cli(t, "Requirements: 3+ years of Northwind in production.\n", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		if !strings.Contains(out, "Northwind") || strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%v printed control characters or lost the name:\n%q", args, out)
		}
	}
}

func TestOutOfRangeConfigExitsTwoAndCreatesNothing(t *testing.T) {
	for _, tc := range []struct{ name, crawl, extra string }{
		{"parallelism at max int64", "parallelism: 9223372036854775807", ""},
		{"a bad api.listen", "parallelism: 2", "api:\n  listen: \"127.0.0.1:99999\"\n"},
		{"an alias bomb", "parallelism: 2", "x: &u [" + strings.Repeat("a, ", 3000) + "a]\nreport:\n  formats: [" + strings.Repeat("*u, ", 100) + "*u]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "store.db")
			cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl:\n  user_agent: t\n  %s\nsources:\n  - {name: x, type: greenhouse, board: x, base_url: \"http://127.0.0.1:1\", allow_private: true}\n%s",
				db, tc.crawl, tc.extra))
			for _, cmd := range []string{"crawl", "serve", "runs"} {
				code, _, stderr := cli(t, "", "--config", cfg, cmd)
				if code != exitUsage || !strings.Contains(stderr, "c.yaml:") {
					t.Errorf("%s: exit %d, %s; want 2 and the file:line", cmd, code, stderr)
				}
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the store was created (%v)", err)
			}
		})
	}
}

// TestTaxonomyJSONListsAliasesAndParents: each skill of `taxonomy --json`
// has its aliases and its parents (an empty list when it has none).
func TestTaxonomyJSONListsAliasesAndParents(t *testing.T) {
	code, out, stderr := cli(t, "", "taxonomy", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Skills []struct {
			ID      string    `json:"id"`
			Parents *[]string `json:"parents"`
			Aliases []string  `json:"aliases"`
		} `json:"skills"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	byID := map[string][]string{}
	for _, s := range doc.Skills {
		if s.Parents == nil || len(s.Aliases) == 0 {
			t.Errorf("%s: parents %v, aliases %v; want both listed", s.ID, s.Parents, s.Aliases)
			continue
		}
		byID[s.ID] = *s.Parents
	}
	if !slices.Equal(byID["eks"], []string{"kubernetes", "aws"}) || len(byID["typescript"]) != 0 {
		t.Errorf("eks parents %v, typescript parents %v", byID["eks"], byID["typescript"])
	}
}

// A command that reads or rewrites what is stored says there is no store
// at a mistyped --db, and creates nothing there: only crawl, run, import,
// demo and serve start a store.
func TestCommandsOnAMissingStoreSaySoAndCreateNothing(t *testing.T) {
	dir := t.TempDir()
	resumeFile := writeFile(t, dir, "r.txt", privateResume)
	for _, args := range [][]string{
		{"runs"}, {"retag"}, {"report"}, {"export"}, {"analyze", resumeFile},
		{"db", "stats"}, {"db", "check"}, {"db", "repair"}, {"db", "compact"}, {"db", "backup", filepath.Join(dir, "b.db")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			db := filepath.Join(dir, "typo.db")
			code, _, stderr := cli(t, "", append([]string{"--db", db, "--log-level", "warn"}, args...)...)
			if code != exitFailure || !strings.Contains(stderr, "no store at "+db) {
				t.Errorf("exit %d, want %d saying there is no store at %s:\n%s", code, exitFailure, db, stderr)
			}
			if left, _ := filepath.Glob(db + "*"); len(left) != 0 {
				t.Errorf("created %v", left)
				for _, p := range left {
					os.Remove(p)
				}
			}
		})
	}
}

// A taxonomy file config.yaml lists but that cannot be read is a bad
// config: exit 2 naming the config's line, and no store is created.
func TestMissingTaxonomyFileIsAConfigError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %q}
taxonomy:
  files: [nope.yaml]
sources:
  - {name: a, type: greenhouse, board: a, base_url: "http://127.0.0.1:9", allow_private: true, max_retries: 0}
`, db))
	for _, args := range [][]string{{"crawl"}, {"taxonomy"}, {"extract", "-"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := cli(t, "Terraform", append([]string{"--config", cfg, "--log-level", "error"}, args...)...)
			want := cfg + ":3: taxonomy.files[0]: cannot read " + filepath.Join(dir, "nope.yaml")
			if code != exitUsage || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, want %d saying %q:\n%s", code, exitUsage, want, stderr)
			}
		})
	}
	if left, _ := filepath.Glob(db + "*"); len(left) != 0 {
		t.Errorf("created %v", left)
	}
}
