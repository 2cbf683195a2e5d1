package crawler

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseArbeitnowTestdata(t *testing.T) {
	posts, next, err := parseArbeitnowPage(testdata(t, "arbeitnow_page1.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 3 || next != "https://www.arbeitnow.com/api/job-board-api?page=2" {
		t.Fatalf("got %d postings, next %q; want 3, page=2", len(posts), next)
	}
	p := posts[0]
	checks := []struct{ name, got, want string }{
		{"NativeID (slug)", p.NativeID, "devops-engineer-kubernetes-berlin-418210"},
		{"Title", p.Title, "DevOps Engineer (m/w/d) Kubernetes"},
		{"URL", p.URL, "https://www.arbeitnow.com/jobs/companies/nordwind-logistik-gmbh/devops-engineer-kubernetes-berlin-418210"},
		{"Company", p.Company, "Nordwind Logistik GmbH"},
		{"Location", p.Location, "Berlin"},
		{"Workplace (remote false)", p.Workplace.String(), "unknown"},
		{"Posted (unix seconds)", p.Posted.Format(time.RFC3339), "2026-08-03T21:30:34Z"},
		{"Description (raw HTML)", p.Description, "<p><strong>Deine Aufgaben</strong></p><ul><li>Betrieb unserer Kubernetes-Cluster auf AWS</li><li>CI/CD mit GitLab &amp; Terraform</li></ul>"},
		{"Workplace (remote true)", posts[2].Workplace.String(), "remote"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	last, next, err := parseArbeitnowPage(testdata(t, "arbeitnow_page2.json"))
	if err != nil || len(last) != 2 || next != "" {
		t.Fatalf("last page: %d postings, next %q, %v; want 2, null next, nil", len(last), next, err)
	}
	if last[0].Workplace.String() != "hybrid" {
		t.Errorf("Workplace from location %q = %v, want hybrid", last[0].Location, last[0].Workplace)
	}
}

func TestParseArbeitnowFixture(t *testing.T) {
	// The recorded payload kept only "data": no links, so no next page.
	posts, next, err := parseArbeitnowPage(sharedFixture(t, "arbeitnow/job-board-api_lcarlini.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 5 || next != "" {
		t.Fatalf("got %d postings, next %q; want 5, none", len(posts), next)
	}
	for _, p := range posts {
		if p.NativeID == "" || p.Title == "" || !strings.HasPrefix(p.URL, "https://www.arbeitnow.com/") || p.Posted.IsZero() || p.Description == "" {
			t.Errorf("posting missing slug/title/url/date/description: %q %q", p.NativeID, p.Title)
		}
	}
	if posts[0].Title != "ML Product Engineer" || posts[0].Posted.Unix() != 1785792634 {
		t.Errorf("first posting %q posted %v", posts[0].Title, posts[0].Posted)
	}
}

func TestParseArbeitnowErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"error object", `{"message":"Too Many Attempts."}`, errNoArray.Error()},
		{"truncated", `{"data":[{"slug":"a",`, "unexpected end of JSON input at byte 21 of 21"},
		{"created_at not seconds: the job is skipped", `{"data":[{"slug":"a","created_at":"2026-08-03"}]}`, "1 malformed records skipped, first: record 1: json: cannot unmarshal string into Go struct field arbeitnowJob.created_at of type int64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parseArbeitnowPage([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// arbeitnowServer serves pages[N-1] for ?page=N, with the real origin in
// its links rewritten to next's origin (the server's own, unless a test
// points the links elsewhere).
func arbeitnowServer(t *testing.T, pages [][]byte, seen *requests, linkOrigin func(srv string) string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		n := 0
		for i := range pages {
			if r.URL.Path == "/api/job-board-api" && r.URL.Query().Get("page") == string(rune('1'+i)) {
				n = i + 1
			}
		}
		if n == 0 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(bytes.ReplaceAll(pages[n-1], []byte("https://www.arbeitnow.com/api/"), []byte(linkOrigin(srv.URL)+"/api/")))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func sameServer(srv string) string { return srv }

func TestArbeitnowFetchResult(t *testing.T) {
	pages := [][]byte{testdata(t, "arbeitnow_page1.json"), testdata(t, "arbeitnow_page2.json")}
	roles := config.Roles{Include: []string{"devops", "site reliability", "platform", "linux"}}

	t.Run("follows links.next to the last page", func(t *testing.T) {
		var seen requests
		srv := arbeitnowServer(t, pages, &seen, sameServer)
		c := New(config.Crawl{AllowPrivate: true, Roles: roles}, WithLogger(quietLogger()))
		res, err := c.FetchResult(context.Background(), &config.Source{Name: "an", Type: "arbeitnow", BaseURL: srv.URL})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Postings) != 4 || res.Seen != 5 || res.Filtered != 1 || res.Truncated {
			t.Errorf("%d postings of %d seen, %d filtered, truncated %v; want 4 of 5, 1 (the account executive), false",
				len(res.Postings), res.Seen, res.Filtered, res.Truncated)
		}
		want := "/api/job-board-api?page=1\n/api/job-board-api?page=2"
		if got := strings.Join(seen.list(), "\n"); got != want {
			t.Errorf("server saw\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("next on another host is not followed and the result is cut short", func(t *testing.T) {
		var seen requests
		srv := arbeitnowServer(t, pages, &seen, func(string) string { return "https://www.arbeitnow.com" })
		c := New(config.Crawl{AllowPrivate: true, Roles: roles}, WithLogger(quietLogger()))
		res, err := c.FetchResult(context.Background(), &config.Source{Name: "an", Type: "arbeitnow", BaseURL: srv.URL})
		if err != nil || len(res.Postings) != 2 || !res.Truncated || len(seen.list()) != 1 {
			t.Errorf("%d postings, truncated %v, %d requests, %v; want 2, true, 1, nil", len(res.Postings), res.Truncated, len(seen.list()), err)
		}
		_, err = newArbeitnow(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(), &config.Source{Type: "arbeitnow", BaseURL: srv.URL})
		want := `arbeitnow: result cut short by a crawl bound: links.next "https://www.arbeitnow.com/api/job-board-api?page=2" on page 1 leaves ` + srv.URL
		if !errors.Is(err, ErrTruncated) || err.Error() != want {
			t.Errorf("error = %v\nwant %s", err, want)
		}
	})
	t.Run("next to a visited page ends paging", func(t *testing.T) {
		var seen requests
		loop := bytes.Replace(pages[1], []byte(`"next":null`), []byte(`"next":"https://www.arbeitnow.com/api/job-board-api?page=1"`), 1)
		srv := arbeitnowServer(t, [][]byte{pages[0], loop}, &seen, sameServer)
		posts, err := newArbeitnow(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(), &config.Source{Type: "arbeitnow", BaseURL: srv.URL})
		if err != nil || len(posts) != 5 || len(seen.list()) != 2 {
			t.Errorf("%d postings, %d requests, %v; want 5, 2, nil", len(posts), len(seen.list()), err)
		}
	})
	t.Run("max_pages", func(t *testing.T) {
		var seen requests
		srv := arbeitnowServer(t, pages, &seen, sameServer)
		lim := loopbackLimits()
		lim.MaxPages = 1
		posts, err := newArbeitnow(testHTTP(lim, nil)).Fetch(context.Background(), &config.Source{Type: "arbeitnow", BaseURL: srv.URL})
		want := "arbeitnow: result cut short by a crawl bound: stopped after max_pages (1) pages"
		if !errors.Is(err, ErrTruncated) || err.Error() != want || len(posts) != 3 || len(seen.list()) != 1 {
			t.Errorf("%d postings, %d requests, %v; want 3, 1, %s", len(posts), len(seen.list()), err, want)
		}
	})
	t.Run("bad page names page and URL", func(t *testing.T) {
		srv := arbeitnowServer(t, [][]byte{pages[0], []byte(`{"data":[`)}, &requests{}, sameServer)
		_, err := newArbeitnow(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(), &config.Source{Type: "arbeitnow", BaseURL: srv.URL})
		want := "arbeitnow: decode jobs page 2 (" + srv.URL + "/api/job-board-api?page=2): unexpected end of JSON input at byte 9 of 9"
		if err == nil || err.Error() != want || errors.Is(err, ErrTruncated) {
			t.Errorf("error = %v\nwant %s", err, want)
		}
	})
}

func FuzzParseArbeitnow(f *testing.F) {
	fuzzParser(f, func(body []byte) ([]skillpulse.Posting, error) {
		posts, _, err := parseArbeitnowPage(body)
		return posts, err
	})
}
