package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseAshbyTestdata(t *testing.T) {
	posts, err := parseAshby(testdata(t, "ashby_board.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("got %d postings, want 2 (the unlisted one left out)", len(posts))
	}
	p := posts[0]
	checks := []struct{ name, got, want string }{
		{"NativeID", p.NativeID, "5b1e0c2e-9a51-4d1c-8c55-0d3c0a2f7e01"},
		{"Title", p.Title, "Senior Site Reliability Engineer"},
		{"URL", p.URL, "https://jobs.ashbyhq.com/acme/5b1e0c2e-9a51-4d1c-8c55-0d3c0a2f7e01"},
		{"Location", p.Location, "Amsterdam; Remote - Europe"},
		{"Department", p.Department, "Engineering"},
		{"Workplace", p.Workplace.String(), "hybrid"},
		{"Posted", p.Posted.Format(time.RFC3339Nano), "2026-03-12T16:38:15.322Z"},
		{"Description (raw HTML)", p.Description, `<p style="min-height:1.5em">Run <strong>Kubernetes</strong> &amp; Terraform.</p>`},
		{"second Department (team)", posts[1].Department, "Platform"},
		{"second Workplace (isRemote)", posts[1].Workplace.String(), "remote"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	want := skillpulse.Salary{Min: 90000, Max: 120000, Currency: "EUR", Period: "year"}
	if p.Salary == nil || *p.Salary != want {
		t.Errorf("Salary = %+v, want %+v", p.Salary, want)
	}
	if posts[1].Salary != nil {
		t.Errorf("second Salary = %+v, want none", posts[1].Salary)
	}
}

func TestParseAshbyFixtures(t *testing.T) {
	tests := []struct {
		file     string
		postings int
		title    string
		salary   bool
	}{
		{"ashby/job-board_truelogic_lcarlini.json", 3, "DevOps Engineer - Open Application", false},
		{"ashby/job-board_openai_PRUNED_tideline.json", 2, "Technical Program Manager, Compute Infrastructure", true}, // third is unlisted
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			posts, err := parseAshby(sharedFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != tt.postings {
				t.Fatalf("got %d postings, want %d", len(posts), tt.postings)
			}
			var found *skillpulse.Posting
			for i := range posts {
				if posts[i].NativeID == "" || posts[i].URL == "" || posts[i].Posted.IsZero() {
					t.Errorf("posting missing id/url/publishedAt: %q", posts[i].Title)
				}
				if posts[i].Title == tt.title {
					found = &posts[i]
				}
			}
			if found == nil {
				t.Fatalf("no posting titled %q", tt.title)
			}
			if tt.salary && (found.Salary == nil || found.Salary.Min != 257000 || found.Salary.Currency != "USD") {
				t.Errorf("salary = %+v, want 257000.. USD", found.Salary)
			}
		})
	}
}

func TestAshbyFetchPathAnd404(t *testing.T) {
	var seen requests
	body := testdata(t, "ashby_board.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		if r.URL.Path != "/posting-api/job-board/acme" {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	a := newAshby(testHTTP(loopbackLimits(), nil))
	if _, err := a.Fetch(context.Background(), &config.Source{Type: "ashby", Board: "acme", BaseURL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	_, err := a.Fetch(context.Background(), &config.Source{Type: "ashby", Board: "gone", BaseURL: srv.URL})
	want := `ashby board "gone": GET ` + srv.URL + `/posting-api/job-board/gone?includeCompensation=true: 404 Not Found`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	got := seen.list()
	if len(got) != 2 || got[0] != "/posting-api/job-board/acme?includeCompensation=true" {
		t.Errorf("server saw %q", got)
	}
}
