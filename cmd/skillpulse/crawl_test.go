package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

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
