package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseLeverTestdata(t *testing.T) {
	posts, err := parseLever(testdata(t, "lever_postings.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 5 {
		t.Fatalf("got %d postings, want 5", len(posts))
	}
	p := posts[0]
	checks := []struct{ name, got, want string }{
		{"NativeID", p.NativeID, "0f4c5e2a-1111-4ada-8d83-69ecbf316bfa"},
		{"Title", p.Title, "DevOps Engineer"},
		{"URL", p.URL, "https://jobs.lever.co/acme/0f4c5e2a-1111-4ada-8d83-69ecbf316bfa"},
		{"Location", p.Location, "London"},
		{"Department", p.Department, "Engineering"},
		{"Description (raw HTML)", p.Description, "<div>We run <b>Kubernetes</b> on AWS&nbsp;at scale.</div>"},
		{"Posted", p.Posted.Format(time.RFC3339Nano), "2026-04-21T18:49:52.286Z"},
		{"Workplace", p.Workplace.String(), "hybrid"},
		{"second Department (team fallback)", posts[1].Department, "Platform"},
		{"second Workplace", posts[1].Workplace.String(), "remote"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	wantSections := []skillpulse.Section{
		{Heading: "What you'll do", Body: "<ul><li>Operate Terraform and Kubernetes</li><li>Own on-call</li></ul>"},
		{Heading: "Requirements", Body: "<ul><li>5+ years of Linux</li><li>Go or Python</li></ul>"},
		{Heading: "Additional", Body: "<div><b>Benefits</b>: 30 days leave.</div>"},
	}
	if len(p.Sections) != len(wantSections) {
		t.Fatalf("Sections = %+v, want %+v", p.Sections, wantSections)
	}
	for i := range wantSections {
		if p.Sections[i] != wantSections[i] {
			t.Errorf("Sections[%d] = %+v, want %+v", i, p.Sections[i], wantSections[i])
		}
	}
	wantSalary := skillpulse.Salary{Min: 70000, Max: 90000, Currency: "GBP", Period: "year"}
	if p.Salary == nil || *p.Salary != wantSalary {
		t.Errorf("Salary = %+v, want %+v", p.Salary, wantSalary)
	}
	if posts[1].Salary != nil || posts[1].Sections != nil {
		t.Errorf("second posting: Salary %+v Sections %+v, want none", posts[1].Salary, posts[1].Sections)
	}
}

func TestParseLeverErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"error object", `{"ok":false,"error":"Document not found"}`, `want a JSON array of postings, got "{\"ok\":false`},
		{"truncated", `[{"id":"a","text":"SRE"},{"id":`, "unexpected end of JSON input at byte 31 of 31"},
		{"bad createdAt: the posting is skipped", `[{"id":"a","text":"SRE","createdAt":"yesterday"}]`, "1 malformed records skipped, first: record 1: json: cannot unmarshal string into Go struct field leverPosting.createdAt of type int64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLever([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if posts, err := parseLever([]byte("[]")); err != nil || len(posts) != 0 {
		t.Errorf("empty site: %v, %v; want no postings, no error", posts, err)
	}
}

func TestParseLeverFixtures(t *testing.T) {
	tests := []struct {
		file     string
		postings int
		title    string
	}{
		{"lever/postings_moo.json", 15, "Head of Information Security"},
		{"lever/postings_yassir_infra_subset.json", 8, ""},
		{"lever/postings_palantir_PRUNED_tideline.json", 4, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			posts, err := parseLever(sharedFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != tt.postings {
				t.Fatalf("got %d postings, want %d", len(posts), tt.postings)
			}
			found := tt.title == ""
			for _, p := range posts {
				if p.NativeID == "" || p.Title == "" || p.URL == "" || p.Posted.IsZero() {
					t.Errorf("posting missing id/title/url/createdAt: %q %q", p.NativeID, p.Title)
				}
				for _, s := range p.Sections {
					if !strings.HasPrefix(s.Body, "<ul>") && s.Heading != "Additional" {
						t.Errorf("%s: section %q not wrapped in <ul>", p.Title, s.Heading)
					}
				}
				found = found || p.Title == tt.title
			}
			if !found {
				t.Errorf("no posting titled %q", tt.title)
			}
		})
	}
}

// leverServer serves postings the way api.lever.co does: a bare array,
// sliced by skip and limit.
func leverServer(t *testing.T, postings []json.RawMessage, seen *requests) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		if r.URL.Path != "/v0/postings/acme" {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		skip, _ := strconv.Atoi(q.Get("skip"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		if q.Get("mode") != "json" || limit <= 0 {
			http.Error(w, "bad query", http.StatusBadRequest)
			return
		}
		page := postings[min(skip, len(postings)):min(skip+limit, len(postings))]
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(page)
	}))
}

func TestLeverPaging(t *testing.T) {
	var all []json.RawMessage
	if err := json.Unmarshal(testdata(t, "lever_postings.json"), &all); err != nil {
		t.Fatal(err)
	}
	var seen requests
	srv := leverServer(t, all, &seen)
	defer srv.Close()

	l := &lever{h: testHTTP(loopbackLimits(), nil), pageSize: 2}
	posts, err := l.Fetch(context.Background(), &config.Source{Name: "acme", Type: "lever", Site: "acme", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 5 {
		t.Errorf("got %d postings over the pages, want 5", len(posts))
	}
	want := []string{
		"/v0/postings/acme?mode=json&skip=0&limit=2",
		"/v0/postings/acme?mode=json&skip=2&limit=2",
		"/v0/postings/acme?mode=json&skip=4&limit=2",
	}
	if got := seen.list(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("server saw\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLeverPagingStops(t *testing.T) {
	var all []json.RawMessage
	if err := json.Unmarshal(testdata(t, "lever_postings.json"), &all); err != nil {
		t.Fatal(err)
	}
	t.Run("exact multiple of limit asks one empty page", func(t *testing.T) {
		var seen requests
		srv := leverServer(t, all[:4], &seen)
		defer srv.Close()
		l := &lever{h: testHTTP(loopbackLimits(), nil), pageSize: 2}
		posts, err := l.Fetch(context.Background(), &config.Source{Type: "lever", Site: "acme", BaseURL: srv.URL})
		if err != nil || len(posts) != 4 || len(seen.list()) != 3 {
			t.Errorf("got %d postings, %d requests, err %v; want 4, 3, nil", len(posts), len(seen.list()), err)
		}
	})
	t.Run("max_pages", func(t *testing.T) {
		var seen requests
		srv := leverServer(t, all, &seen)
		defer srv.Close()
		lim := loopbackLimits()
		lim.MaxPages = 2
		l := &lever{h: testHTTP(lim, nil), pageSize: 2}
		posts, err := l.Fetch(context.Background(), &config.Source{Type: "lever", Site: "acme", BaseURL: srv.URL})
		if !errors.Is(err, ErrTruncated) || len(posts) != 4 || len(seen.list()) != 2 {
			t.Errorf("got %d postings, %d requests, err %v; want 4, 2, ErrTruncated", len(posts), len(seen.list()), err)
		}
		want := `lever site "acme": result cut short by a crawl bound: stopped after max_pages (2) pages of 2`
		if err == nil || err.Error() != want {
			t.Errorf("error = %v, want %s", err, want)
		}
	})
	t.Run("server ignoring skip", func(t *testing.T) {
		var seen requests
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen.add(r.RequestURI)
			json.NewEncoder(w).Encode(all[:2])
		}))
		defer srv.Close()
		l := &lever{h: testHTTP(loopbackLimits(), nil), pageSize: 2}
		posts, err := l.Fetch(context.Background(), &config.Source{Type: "lever", Site: "acme", BaseURL: srv.URL})
		if !errors.Is(err, ErrTruncated) || len(posts) != 2 || len(seen.list()) != 2 {
			t.Errorf("got %d postings, %d requests, err %v; want 2, 2, truncated: the pages it would not give may list open postings", len(posts), len(seen.list()), err)
		}
	})
	t.Run("bad page names page and skip", func(t *testing.T) {
		var seen requests
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if seen.add(r.RequestURI) == 1 {
				json.NewEncoder(w).Encode(all[:2])
				return
			}
			w.Write([]byte(`[{"id":`))
		}))
		defer srv.Close()
		l := &lever{h: testHTTP(loopbackLimits(), nil), pageSize: 2}
		_, err := l.Fetch(context.Background(), &config.Source{Type: "lever", Site: "acme", BaseURL: srv.URL})
		want := `lever site "acme": decode postings page 2 (skip=2): unexpected end of JSON input at byte 7 of 7`
		if err == nil || err.Error() != want {
			t.Errorf("error = %v, want %s", err, want)
		}
	})
}
