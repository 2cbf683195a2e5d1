package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseGreenhouseTestdata(t *testing.T) {
	posts, err := parseGreenhouse(testdata(t, "greenhouse_board.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 4 {
		t.Fatalf("got %d postings, want 4 (meta.total says 40 and must be ignored)", len(posts))
	}
	p := posts[0]
	wantDesc := "<p>You will run our <strong>Kubernetes</strong> fleet&nbsp;and Terraform modules.</p>\n<p>Write &lt;code&gt; literally.</p>"
	checks := []struct{ name, got, want string }{
		{"NativeID", p.NativeID, "4001001"},
		{"Title", p.Title, "Senior Platform Engineer"},
		{"URL", p.URL, "https://job-boards.greenhouse.io/acme/jobs/4001001"},
		{"Company", p.Company, "Acme Corp"},
		{"Location", p.Location, "Berlin, Germany"},
		{"Department", p.Department, "Infrastructure"},
		{"Description (unescaped exactly once)", p.Description, wantDesc},
		{"Updated", p.Updated.UTC().Format(time.RFC3339), "2026-08-04T13:51:42Z"},
		{"Posted", p.Posted.UTC().Format(time.RFC3339), "2026-07-01T10:10:54Z"},
		{"second Location (from offices)", posts[1].Location, "Remote - EMEA; Lisbon, Portugal"},
		{"second Description", posts[1].Description, `<div class="content-intro"><p>About Acme</p></div><p>On-call for Prometheus &amp; Grafana.</p>`},
		{"second Department (none)", posts[1].Department, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if posts[1].Workplace != skillpulse.WorkplaceRemote {
		t.Errorf("Workplace from %q = %v, want remote", posts[1].Location, posts[1].Workplace)
	}
}

func TestParseGreenhouseErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"truncated", `{"jobs":[{"id":1,"title":"SRE"`, "unexpected end of JSON input at byte 30 of 30"},
		{"wrong type", `{"jobs":{"id":1}}`, "cannot unmarshal object"},
		{"no jobs array", `{"error":"Could not find board"}`, "no postings array"},
		{"html", `<html>maintenance</html>`, "invalid character '<'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseGreenhouse([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseGreenhouseFixtures(t *testing.T) {
	tests := []struct {
		file  string
		jobs  int
		title string // one title that must be among them
	}{
		{"greenhouse/jobs_content_takealotgroup.json", 24, "Senior Software Engineer (DevOps)"},
		{"greenhouse/jobs_content_impact_infra_subset.json", 7, "Site Reliability Engineer"},
		{"greenhouse/jobs_content_anthropic_PRUNED_tideline.json", 4, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			posts, err := parseGreenhouse(sharedFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != tt.jobs {
				t.Fatalf("got %d postings, want %d", len(posts), tt.jobs)
			}
			found := tt.title == ""
			for _, p := range posts {
				if p.NativeID == "" || p.Title == "" || p.URL == "" {
					t.Errorf("posting missing id/title/url: %+v", p.Key())
				}
				if strings.Contains(p.Description, "&lt;p&gt;") || strings.Contains(p.Description, "&amp;nbsp;") {
					t.Errorf("%s: description still entity-escaped: %.80q", p.Title, p.Description)
				}
				if p.Description != "" && !strings.HasPrefix(strings.TrimSpace(p.Description), "<") {
					t.Errorf("%s: description does not start with a tag: %.40q", p.Title, p.Description)
				}
				if p.Updated.IsZero() {
					t.Errorf("%s: no updated_at", p.Title)
				}
				found = found || p.Title == tt.title
			}
			if !found {
				t.Errorf("no posting titled %q", tt.title)
			}
		})
	}
}

func TestGreenhouseFetchRealPathAndErrors(t *testing.T) {
	body := testdata(t, "greenhouse_board.json")
	var seen requests
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		switch r.URL.Path {
		case "/v1/boards/acme/jobs", "/v1/boards/acme inc/jobs":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Write(body)
		case "/v1/boards/truncated/jobs":
			w.Write(body[:53])
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	h := testHTTP(loopbackLimits(), nil)
	g := newGreenhouse(h)

	posts, err := g.Fetch(context.Background(), &config.Source{Name: "acme", Type: "greenhouse", Board: "acme", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 4 {
		t.Errorf("got %d postings, want 4", len(posts))
	}
	if _, err := g.Fetch(context.Background(), &config.Source{Type: "greenhouse", Board: "acme inc", BaseURL: srv.URL + "/"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"/v1/boards/acme/jobs?content=true", "/v1/boards/acme%20inc/jobs?content=true"}
	if got := seen.list(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("server saw %q, want %q", got, want)
	}

	_, err = g.Fetch(context.Background(), &config.Source{Type: "greenhouse", Board: "truncated", BaseURL: srv.URL})
	wantErr := `greenhouse board "truncated": decode jobs: unexpected end of JSON input at byte 53 of 53`
	if err == nil || err.Error() != wantErr {
		t.Errorf("truncated body: error = %v, want %s", err, wantErr)
	}

	_, err = g.Fetch(context.Background(), &config.Source{Type: "greenhouse", Board: "nope", BaseURL: srv.URL})
	wantErr = `greenhouse board "nope": GET ` + srv.URL + `/v1/boards/nope/jobs?content=true: 404 Not Found`
	if err == nil || err.Error() != wantErr {
		t.Errorf("404: error = %v, want %s", err, wantErr)
	}
}
