package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/config"
)

// fakeStore has two postings live in week 2026-W47 only.
type fakeStore struct {
	reads  atomic.Int64
	newest atomic.Value // run id
}

var w47 = skillpulse.Week{Year: 2026, Num: 47}

func (f *fakeStore) ForEachLiveTags(_ context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	f.reads.Add(1)
	if !from.Equal(w47.Start()) {
		return nil
	}
	for i, lv := range []skillpulse.Level{skillpulse.LevelRequired, skillpulse.LevelPreferred} {
		p := &skillpulse.StoredPosting{
			Posting: skillpulse.Posting{Source: "acme", NativeID: string(rune('a' + i)), Title: "SRE"},
			Tags:    skillpulse.Tags{Mentions: []skillpulse.Mention{{SkillID: "terraform", Level: lv}}},
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeStore) WeekAggregate(_ context.Context, w skillpulse.Week) (skillpulse.Aggregate, error) {
	agg := skillpulse.Aggregate{Week: w}
	if w == w47 {
		agg.Snapshots, agg.Postings = 2, 2
		agg.Skills = map[string]skillpulse.SkillAggregate{"terraform": {Postings: 2, Required: 1, Preferred: 1}}
	}
	return agg, nil
}

func (f *fakeStore) DayAggregate(_ context.Context, day time.Time) (skillpulse.Aggregate, error) {
	agg := skillpulse.Aggregate{Day: day.UTC().Format(time.DateOnly)}
	if agg.Day == "2026-11-17" {
		agg.Snapshots, agg.Postings = 1, 2
		agg.Skills = map[string]skillpulse.SkillAggregate{"terraform": {Postings: 2, Required: 1, Preferred: 1}}
	}
	return agg, nil
}

func (f *fakeStore) Runs(context.Context, int) ([]skillpulse.Run, error) {
	return []skillpulse.Run{{ID: f.newest.Load().(string), Status: skillpulse.RunComplete, Live: 2}}, nil
}

func (f *fakeStore) Snapshots(_ context.Context, from, to time.Time) ([]skillpulse.SnapshotInfo, error) {
	taken := w47.Start().Add(27 * time.Hour)
	if taken.Before(from) || !taken.Before(to) {
		return nil, nil
	}
	return []skillpulse.SnapshotInfo{{RunID: "r1", Taken: taken, Live: 2}, {RunID: "r2", Taken: taken.Add(24 * time.Hour), Live: 3}}, nil
}

func (f *fakeStore) Posting(_ context.Context, key skillpulse.PostingKey) (*skillpulse.StoredPosting, error) {
	if key.Source != "acme" || key.NativeID != "a" {
		return nil, fmt.Errorf("posting %s: %w", key, skillpulse.ErrNotFound)
	}
	return &skillpulse.StoredPosting{Posting: skillpulse.Posting{Source: "acme", NativeID: "a", Title: "SRE", Description: "<p>Terraform</p>"}}, nil
}

type taxonomy struct{}

var skills = []skillpulse.Skill{{ID: "terraform", Name: "Terraform", Category: skillpulse.CategoryIaC}, {ID: "linux", Name: "Linux", Category: skillpulse.CategoryOS}}

func (taxonomy) Lookup(id string) (skillpulse.Skill, bool) {
	for _, s := range skills {
		if s.ID == id {
			return s, true
		}
	}
	return skillpulse.Skill{}, false
}
func (taxonomy) Skills() []skillpulse.Skill { return skills }

func newServer(t *testing.T) (*httptest.Server, *fakeStore) {
	t.Helper()
	st := &fakeStore{}
	st.newest.Store("r2")
	h := api.New(api.Options{
		Store: st, Taxonomy: taxonomy{},
		Market: []config.MarketArea{{ID: "iac", Name: "Terraform", Weight: 0.8, Reason: "dominant", Skills: []string{"terraform"}}},
		Now:    func() time.Time { return w47.Start().Add(50 * time.Hour) },
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

func get(t *testing.T, srv *httptest.Server, path string) (int, map[string]any) {
	t.Helper()
	var doc map[string]any
	return fetch(t, srv, path, &doc), doc
}

// fetch GETs path, decodes the JSON answer into v and returns the status.
func fetch(t *testing.T, srv *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", path, err, body)
	}
	return resp.StatusCode
}

func TestEndpoints(t *testing.T) {
	srv, _ := newServer(t)
	cases := []struct {
		path   string
		status int
		check  func(t *testing.T, doc map[string]any)
	}{
		{"/api/v1/health", 200, func(t *testing.T, d map[string]any) {
			if d["status"] != "ok" {
				t.Errorf("health: %v", d)
			}
		}},
		{"/api/v1/weeks/2026-W47", 200, func(t *testing.T, d map[string]any) {
			if d["postings"].(float64) != 2 || d["week"] != "2026-W47" {
				t.Errorf("report: %v", d)
			}
			m := d["market"].([]any)[0].(map[string]any)
			if m["share"].(float64) != 1 || m["required_share"].(float64) != 0.5 {
				t.Errorf("market row: %v", m)
			}
		}},
		{"/api/v1/weeks/current", 200, func(t *testing.T, d map[string]any) {
			if d["week"] != "2026-W47" {
				t.Errorf("current week: %v", d["week"])
			}
		}},
		{"/api/v1/weeks/2026-W47/skills/terraform", 200, func(t *testing.T, d map[string]any) {
			s := d["skill"].(map[string]any)
			if s["postings"].(float64) != 2 || s["required"].(float64) != 1 {
				t.Errorf("skill: %v", s)
			}
		}},
		{"/api/v1/weeks/2026-W47/skills/linux", 200, func(t *testing.T, d map[string]any) {
			if s := d["skill"].(map[string]any); s["postings"].(float64) != 0 || s["name"] != "Linux" {
				t.Errorf("absent known skill: %v", s)
			}
		}},
		{"/api/v1/weeks/2026-W47/skills/cobol", 404, nil},
		{"/api/v1/weeks/2026-47", 400, nil},
		// Its last days fall in the year 10000, which no JSON date says.
		{"/api/v1/weeks/9999-W52", 400, nil},
		{"/api/v1/weeks/9999-W52/skills/terraform", 400, nil},
		{"/api/v1/weeks", 200, func(t *testing.T, d map[string]any) {
			ws := d["weeks"].([]any)
			if len(ws) != 1 || ws[0].(map[string]any)["snapshots"].(float64) != 2 || ws[0].(map[string]any)["live_max"].(float64) != 3 {
				t.Errorf("weeks: %v", ws)
			}
		}},
		{"/api/v1/trends/terraform?weeks=3", 200, func(t *testing.T, d map[string]any) {
			pts := d["weeks"].([]any)
			if len(pts) != 3 {
				t.Fatalf("trend points: %v", pts)
			}
			last := pts[2].(map[string]any)
			if last["week"] != "2026-W47" || last["share"].(float64) != 1 || pts[0].(map[string]any)["postings"].(float64) != 0 {
				t.Errorf("trend: %v", pts)
			}
		}},
		{"/api/v1/trends/terraform?weeks=500", 400, nil},
		{"/api/v1/trends/cobol", 404, nil},
		{"/api/v1/runs?limit=zero", 400, nil},
		{"/api/v1/skills", 200, func(t *testing.T, d map[string]any) {
			if len(d["skills"].([]any)) != 2 {
				t.Errorf("skills: %v", d)
			}
		}},
		{"/api/v1/market", 200, nil},
		{"/api/v1/days/2026-11-17", 200, func(t *testing.T, d map[string]any) {
			tf := d["skills"].(map[string]any)["terraform"].(map[string]any)
			if d["day"] != "2026-11-17" || d["postings"].(float64) != 2 || tf["required"].(float64) != 1 {
				t.Errorf("day: %v", d)
			}
		}},
		{"/api/v1/days/today", 200, func(t *testing.T, d map[string]any) {
			if d["day"] != "2026-11-18" || d["snapshots"].(float64) != 0 {
				t.Errorf("today: %v", d)
			}
		}},
		{"/api/v1/days/2026-13-01", 400, nil},
		{"/nope", 404, nil},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			status, doc := get(t, srv, tc.path)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %v", status, tc.status, doc)
			}
			if status >= 400 && doc["error"] == "" {
				t.Errorf("error answer without a message: %v", doc)
			}
			if tc.check != nil {
				tc.check(t, doc)
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	srv, _ := newServer(t)
	resp, err := http.Post(srv.URL+"/api/v1/weeks/2026-W47", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
}

func TestReportCachedUntilNextRun(t *testing.T) {
	srv, st := newServer(t)
	get(t, srv, "/api/v1/weeks/2026-W47")
	perBuild := st.reads.Load() // a report reads its week and the week before
	get(t, srv, "/api/v1/weeks/2026-W47")
	if n := st.reads.Load(); n != perBuild {
		t.Errorf("a second read of the week read the store again (%d reads, want %d)", n, perBuild)
	}
	st.newest.Store("r3")
	get(t, srv, "/api/v1/weeks/2026-W47")
	if n := st.reads.Load(); n != 2*perBuild {
		t.Errorf("a new run did not invalidate the cache (%d reads, want %d)", n, 2*perBuild)
	}
}

func TestMetrics(t *testing.T) {
	m := api.NewMetrics()
	m.ObserveRun(skillpulse.Run{Live: 7, Sources: []skillpulse.SourceOutcome{
		{Name: "acme", Type: "greenhouse", Fetched: 7, New: 2},
		{Name: "globex", Type: "lever", Failed: true, Error: "503"},
	}}, 3*time.Second, nil)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`skillpulse_crawl_runs_total{result="partial"} 1`,
		`skillpulse_postings_live 7`,
		`skillpulse_source_postings{source="acme",type="greenhouse"} 7`,
		`skillpulse_source_failures_total{kind="failed",source="globex"} 1`,
		`skillpulse_source_postings_changed_total{change="new",source="acme"} 2`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestMetricsLoadAndTextfile(t *testing.T) {
	m := api.NewMetrics()
	m.Load([]skillpulse.Run{
		{ID: "r3", Status: skillpulse.RunRunning},
		{ID: "r2", Status: skillpulse.RunComplete, Live: 21, Finished: time.Unix(1_800_000_000, 0),
			Sources: []skillpulse.SourceOutcome{{Name: "acme", Type: "greenhouse", Fetched: 21}}},
		{ID: "r1", Status: skillpulse.RunComplete, Live: 5},
	})
	path := filepath.Join(t.TempDir(), "skillpulse.prom")
	if err := m.WriteTextfile(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{
		"skillpulse_postings_live 21\n",
		`skillpulse_source_postings{source="acme",type="greenhouse"} 21`,
		`skillpulse_last_run_timestamp_seconds{result="ok"} 1.8e+09`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("textfile lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "go_goroutines") || strings.Contains(text, "process_") {
		t.Error("the textfile carries the Go runtime's series, which node_exporter has of its own")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
