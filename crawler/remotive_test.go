package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseRemotiveTestdata(t *testing.T) {
	posts, err := parseRemotive(testdata(t, "remotive_remote_jobs.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 3 {
		t.Fatalf("got %d postings, want 3", len(posts))
	}
	p := posts[0]
	checks := []struct{ name, got, want string }{
		{"NativeID (number)", p.NativeID, "2091101"},
		{"Title", p.Title, "Senior DevOps Engineer"},
		{"URL", p.URL, "https://remotive.com/remote-jobs/devops/senior-devops-engineer-2091101"},
		{"Company", p.Company, "Initech"},
		{"Location (candidate_required_location)", p.Location, "Europe, UK"},
		{"Workplace", p.Workplace.String(), "remote"},
		{"Posted (no zone: UTC)", p.Posted.Format(time.RFC3339), "2026-07-28T14:23:05Z"},
		{"Description (raw HTML)", p.Description, "<p>Run <strong>EKS</strong> with Terraform &amp; Argo&nbsp;CD.</p>\n<ul><li>On-call</li></ul>"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := (skillpulse.Salary{Min: 120000, Max: 150000, Currency: "USD"}); p.Salary == nil || *p.Salary != want {
		t.Errorf("Salary = %+v, want %+v", p.Salary, want)
	}
	if posts[1].Salary != nil {
		t.Errorf("blank salary read as %+v", posts[1].Salary)
	}
}

func TestParseRemotiveFixtures(t *testing.T) {
	tests := []struct {
		file     string
		postings int // the jobs array; job-count is not trusted
		title    string
		salary   string
	}{
		{"remotive/remote-jobs_ikevinxie.json", 4, "Inside Sales Contractor", "{25000 35000 USD }"},
		{"remotive/remote-jobs_lcarlini.json", 5, "Data Labeling Specialists", "{18 22 USD hour}"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			posts, err := parseRemotive(sharedFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != tt.postings {
				t.Fatalf("got %d postings, want %d", len(posts), tt.postings)
			}
			var found *skillpulse.Posting
			for i, p := range posts {
				if p.NativeID == "" || p.Title == "" || !strings.HasPrefix(p.URL, "https://remotive.com/") || p.Posted.IsZero() || p.Description == "" {
					t.Errorf("posting missing id/title/url/date/description: %q %q", p.NativeID, p.Title)
				}
				if p.Title == tt.title {
					found = &posts[i]
				}
			}
			if found == nil {
				t.Fatalf("no posting titled %q", tt.title)
			}
			if found.Salary == nil || fmt.Sprint(*found.Salary) != tt.salary {
				t.Errorf("%s: Salary = %+v, want %s", tt.title, found.Salary, tt.salary)
			}
		})
	}
}

func TestParseRemotiveErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"error object", `{"error":"Too many requests"}`, errNoArray.Error()},
		{"truncated", `{"job-count":1,"jobs":[{"id":1,`, "unexpected end of JSON input at byte 31 of 31"},
		{"bad id", `{"jobs":[{"id":{"n":1}}]}`, "id: want a number or string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseRemotive([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	posts, err := parseRemotive([]byte(`{"job-count":50,"total-job-count":900,"jobs":[{"id":1,"title":"SRE"}]}`))
	if err != nil || len(posts) != 1 {
		t.Errorf("job-count 50 over one job: %d postings, %v; want 1, nil", len(posts), err)
	}
}

func TestParseSalaryText(t *testing.T) {
	tests := []struct {
		in   string
		want string // fmt of *Salary
	}{
		{"$55k - $100k", "&{55000 100000 USD }"},
		{"OTE $25k - $35k", "&{25000 35000 USD }"},
		{"$18 - $22/hr", "&{18 22 USD hour}"},
		{"$45,000 - $50,000", "&{45000 50000 USD }"},
		{"$14/hr", "&{14 14 USD hour}"},
		{"€60.000 – €80.000 p.a.", "&{60000 80000 EUR year}"},
		{"EUR 65,000-75,000 per year", "&{65000 75000 EUR year}"},
		{"CA$90K–110K", "&{90000 110000 CAD }"},
		{"£1.5k per month", "&{1500 1500 GBP month}"},
		{"$22.50 hourly", "&{22.5 22.5 USD hour}"},
		{"$1,234.56 - $2,000", "&{1234.56 2000 USD }"},
		{"$100k - $80k", "&{80000 100000 USD }"},
		{"usd 120k+", "&{120000 120000 USD }"},
		{"$5 kubernetes clusters", "&{5 5 USD }"},
		{"50-60k", "<nil>"},
		{"Competitive", "<nil>"},
		{"$", "<nil>"},
		{"", "<nil>"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(parseSalaryText(tt.in)); got != tt.want {
			t.Errorf("parseSalaryText(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestRemotiveFetchResult(t *testing.T) {
	var seen requests
	body := testdata(t, "remotive_remote_jobs.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		switch {
		case r.URL.Path != "/api/remote-jobs":
			http.NotFound(w, r)
		case r.URL.Query().Get("category") == "busy":
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
		}
	}))
	defer srv.Close()
	c := New(config.Crawl{AllowPrivate: true, MaxRetries: 3}, WithLogger(quietLogger()), WithSleep((&waits{}).sleep))

	res, err := c.FetchResult(context.Background(), &config.Source{Name: "remotive", Type: "remotive", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range res.Postings {
		ids = append(ids, p.NativeID)
	}
	if strings.Join(ids, ",") != "2091101,2091102" || res.Filtered != 1 {
		t.Errorf("ids = %v, filtered %d; want the two infra roles, customer success filtered", ids, res.Filtered)
	}
	if _, err := c.FetchResult(context.Background(), &config.Source{Name: "sw", Type: "remotive", Category: "software-dev", BaseURL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	_, err = c.FetchResult(context.Background(), &config.Source{Name: "busy", Type: "remotive", Category: "busy", BaseURL: srv.URL})
	want := `remotive category "busy": GET ` + srv.URL + `/api/remote-jobs?category=busy: 429 Too Many Requests`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s (one attempt, no retries)", err, want)
	}
	// The busy category was asked once although max_retries is 3.
	wantSeen := []string{
		"/api/remote-jobs?category=devops-sysadmin",
		"/api/remote-jobs?category=software-dev",
		"/api/remote-jobs?category=busy",
	}
	if got := seen.list(); strings.Join(got, "\n") != strings.Join(wantSeen, "\n") {
		t.Errorf("server saw\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantSeen, "\n"))
	}
}

func TestRemotiveConditional(t *testing.T) {
	var seen requests
	body := testdata(t, "remotive_remote_jobs.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.Header.Get("If-None-Match"))
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(body)
	}))
	defer srv.Close()
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()), WithValidators(&memValidators{}))
	src := &config.Source{Name: "remotive", Type: "remotive", BaseURL: srv.URL}
	if _, err := c.FetchResult(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if _, err := c.FetchResult(context.Background(), src); !errors.Is(err, ErrNotModified) {
		t.Errorf("second fetch: %v, want ErrNotModified", err)
	}
	if got := seen.list(); len(got) != 2 || got[1] != `"v1"` {
		t.Errorf("If-None-Match sent: %q", got)
	}
}

func FuzzParseRemotive(f *testing.F) { fuzzParser(f, parseRemotive) }
