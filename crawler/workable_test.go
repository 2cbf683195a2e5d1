package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/config"
)

func TestParseWorkableTestdata(t *testing.T) {
	posts, err := parseWorkable(testdata(t, "workable_account.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 3 {
		t.Fatalf("got %d postings, want 3", len(posts))
	}
	p, sre := posts[0], posts[1]
	checks := []struct{ name, got, want string }{
		{"NativeID (shortcode)", p.NativeID, "3F7A1C9B2E"},
		{"Title", p.Title, "DevOps Engineer (AWS)"},
		{"URL", p.URL, "https://apply.workable.com/j/3F7A1C9B2E"},
		{"Company (account name)", p.Company, "Globex Logistics"},
		{"Department", p.Department, "Engineering"},
		{"Location (hidden location left out, city = region once)", p.Location, "Hamburg, Germany; Warsaw, Masovian Voivodeship, Poland"},
		{"Workplace", p.Workplace.String(), "unknown"},
		{"Posted (published_on)", p.Posted.Format(time.RFC3339), "2026-07-14T00:00:00Z"},
		{"Description (raw HTML)", p.Description, "<p><strong>About the role</strong></p><p>Run our EKS clusters with Terraform &amp; ArgoCD.</p><p><strong>Requirements</strong></p><ul><li>AWS</li><li>Kubernetes</li></ul>"},
		{"telecommuting", sre.Workplace.String(), "remote"},
		{"Location without locations[]", sre.Location, "Spain"},
		{"Posted (created_at when unpublished date is blank)", sre.Posted.Format(time.RFC3339), "2026-07-02T00:00:00Z"},
		{"Company on every job", sre.Company, "Globex Logistics"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestParseWorkableErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"error object", `{"error":"Not found"}`, errNoArray.Error()},
		{"truncated", `{"name":"Globex","jobs":[{"title":"SRE",`, "unexpected end of JSON input at byte 40 of 40"},
		{"bad telecommuting: the job is skipped", `{"name":"Globex","jobs":[{"title":"SRE","telecommuting":"yes"}]}`, "1 malformed records skipped, first: record 1: json: cannot unmarshal string into Go struct field workableJob.telecommuting of type bool"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseWorkable([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if posts, err := parseWorkable([]byte(`{"name":"Globex","description":"","jobs":[]}`)); err != nil || len(posts) != 0 {
		t.Errorf("account without jobs: %v, %v; want no postings, no error", posts, err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-07-14", "2026-07-14T00:00:00Z"},
		{"2026-07-28T14:23:05", "2026-07-28T14:23:05Z"},
		{" 2026-07-28T14:23:05.5 ", "2026-07-28T14:23:05.5Z"},
		{"2026-08-04T09:51:42-04:00", "2026-08-04T09:51:42-04:00"},
		{"14/07/2026", "0001-01-01T00:00:00Z"},
		{"", "0001-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := parseDate(tt.in).Format(time.RFC3339Nano); got != tt.want {
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWorkableFetchResult(t *testing.T) {
	var seen requests
	body := testdata(t, "workable_account.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		if r.URL.Path != "/api/v1/widget/accounts/globex" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer srv.Close()
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	res, err := c.FetchResult(context.Background(), &config.Source{Name: "globex", Type: "workable", Account: "globex", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range res.Postings {
		ids = append(ids, p.NativeID)
	}
	if strings.Join(ids, ",") != "3F7A1C9B2E,8D2B4A6C1F" || res.Filtered != 1 {
		t.Errorf("ids = %v, filtered %d; want the two infra roles, the account manager filtered", ids, res.Filtered)
	}
	_, err = c.FetchResult(context.Background(), &config.Source{Name: "gone", Type: "workable", Account: "gone", BaseURL: srv.URL})
	want := `workable account "gone": GET ` + srv.URL + `/api/v1/widget/accounts/gone?details=true: 404 Not Found`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s", err, want)
	}
	if got := seen.list(); len(got) != 2 || got[0] != "/api/v1/widget/accounts/globex?details=true" {
		t.Errorf("server saw %q", got)
	}
}

func FuzzParseWorkable(f *testing.F) { fuzzParser(f, parseWorkable) }
