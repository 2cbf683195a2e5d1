package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

// wholePage wraps a markup fragment (the shared fixtures are single
// <script> or <div> elements) into the page a career site would serve.
func wholePage(fragment string) []byte {
	return []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Careers</title>\n" +
		fragment + "\n</head>\n<body><h1>Careers</h1></body>\n</html>\n")
}

func TestParseJobPostingPageFixtures(t *testing.T) {
	base := mustURL(t, "https://careers.example/jobs/1")
	tests := []struct {
		file                      string
		title, company, location  string
		workplace                 skillpulse.Workplace
		salary                    *skillpulse.Salary
		posted, descriptionPrefix string
	}{
		{"schemaorg_eg-0028_jsonld.html", "Software Engineer", "", "Kirkland, WA", skillpulse.WorkplaceUnknown,
			&skillpulse.Salary{Min: 100000, Max: 100000, Currency: "USD"}, "2011-10-31T00:00:00Z", "Description: ABC Company Inc. seeks"},
		// No title: name stands in for it.
		{"schemaorg_eg-0251_jsonld.html", "Mobile App Developer", "ACME Software", "", skillpulse.WorkplaceUnknown, nil, "", ""},
		{"schemaorg_eg-0268_jsonld.html", "Telecommute from anywhere in USA!", "", "USA", skillpulse.WorkplaceUnknown, nil, "", ""},
		{"schemaorg_eg-0280_jsonld.html", "Systems Research Engineer", "", "", skillpulse.WorkplaceUnknown, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			posts, err := parseJobPostingPage(wholePage(string(sharedFixture(t, "jsonld/"+tt.file))), base)
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 1 {
				t.Fatalf("got %d postings, want 1", len(posts))
			}
			p := posts[0]
			posted := ""
			if !p.Posted.IsZero() {
				posted = p.Posted.Format(time.RFC3339)
			}
			checkFields(t, []field{
				{"Title", p.Title, tt.title},
				{"Company", p.Company, tt.company},
				{"Location", p.Location, tt.location},
				{"NativeID (no identifier or url: the page)", p.NativeID, base.String()},
				{"URL", p.URL, base.String()},
				{"Posted", posted, tt.posted},
				{"Description prefix", p.Description[:min(len(p.Description), len(tt.descriptionPrefix))], tt.descriptionPrefix},
			})
			if p.Workplace != tt.workplace {
				t.Errorf("Workplace = %v, want %v", p.Workplace, tt.workplace)
			}
			if (p.Salary == nil) != (tt.salary == nil) || p.Salary != nil && *p.Salary != *tt.salary {
				t.Errorf("Salary = %+v, want %+v", p.Salary, tt.salary)
			}
		})
	}
	// Microdata is the older form, which this source does not read.
	posts, err := parseJobPostingPage(wholePage(string(sharedFixture(t, "jsonld/schemaorg_eg-0028_microdata.html"))), base)
	if err != nil || len(posts) != 0 {
		t.Errorf("microdata page: %d postings, %v; want none", len(posts), err)
	}
}

func TestParseJobPostingPageTestdata(t *testing.T) {
	base := mustURL(t, "https://tideline.example/careers/jobs/101-senior-sre")
	posts, err := parseJobPostingPage(testdata(t, "jsonld_job_101.html"), base)
	if err != nil || len(posts) != 1 {
		t.Fatalf("101: %d postings, %v; want 1", len(posts), err)
	}
	p := posts[0]
	checkFields(t, []field{
		{"NativeID (identifier value, not its name)", p.NativeID, "TL-101"},
		{"URL (the page)", p.URL, base.String()},
		{"Title", p.Title, "Senior Site Reliability Engineer"},
		{"Company", p.Company, "Tideline"},
		{"Location (every place)", p.Location, "Lisbon, Lisboa, PT; Porto, PT"},
		{"Posted (a date)", p.Posted.Format(time.RFC3339), "2026-08-01T00:00:00Z"},
		{"Description (escaped HTML unescaped once)", p.Description,
			"<p>Run <strong>Kubernetes</strong> and Terraform at scale.</p><ul><li>Prometheus &amp; Grafana</li></ul>"},
	})
	if want := (skillpulse.Salary{Min: 70000, Max: 90000, Currency: "EUR", Period: "year"}); p.Salary == nil || *p.Salary != want {
		t.Errorf("Salary = %+v, want %+v", p.Salary, want)
	}

	base = mustURL(t, "https://tideline.example/careers/jobs/102-platform")
	posts, err = parseJobPostingPage(testdata(t, "jsonld_job_102.html"), base)
	if err != nil || len(posts) != 1 {
		t.Fatalf("102: %d postings, %v; want 1 (breadcrumbs ignored, broken block skipped)", len(posts), err)
	}
	p = posts[0]
	checkFields(t, []field{
		{"NativeID (url resolved)", p.NativeID, "https://tideline.example/careers/jobs/102-platform?utm_source=jsonld"},
		{"Company (a bare string)", p.Company, "Tideline"},
		{"Location (applicant requirements of a remote job)", p.Location, "Portugal; Spain"},
		{"Posted", p.Posted.UTC().Format(time.RFC3339), "2026-07-28T07:30:00Z"},
		{"Description (raw HTML kept)", p.Description, "<p>Own our <b>Kubernetes</b> platform: Cilium, Argo CD, Crossplane.</p>"},
	})
	if p.Workplace != skillpulse.WorkplaceRemote {
		t.Errorf("Workplace = %v, want remote (TELECOMMUTE)", p.Workplace)
	}
	if want := (skillpulse.Salary{Min: 55, Max: 55, Currency: "EUR", Period: "hour"}); p.Salary == nil || *p.Salary != want {
		t.Errorf("Salary = %+v, want %+v", p.Salary, want)
	}
}

func TestJobPostingShapes(t *testing.T) {
	base := mustURL(t, "https://careers.example/list")
	script := func(body string) string { return `<script type="application/ld+json">` + body + `</script>` }
	posting := func(title string) string {
		return `{"@context":"https://schema.org","@type":"JobPosting","title":"` + title + `"}`
	}
	tests := []struct {
		name, head string
		want       []string // title@id
	}{
		{"one object", script(posting("SRE")), []string{"SRE@https://careers.example/list"}},
		{"array, no ids: told apart by order", script("[" + posting("SRE") + "," + posting("NetOps") + "]"),
			[]string{"SRE@https://careers.example/list#1", "NetOps@https://careers.example/list#2"}},
		{"@graph", script(`{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"X"},` + posting("SRE") + `]}`),
			[]string{"SRE@https://careers.example/list"}},
		{"nested in an ItemList", script(`{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"JobPosting","title":"DBA","url":"/j/9"}}]}`),
			[]string{"DBA@https://careers.example/j/9"}},
		{"CDATA without comment markers", script("<![CDATA[" + posting("SRE") + "]]>"), []string{"SRE@https://careers.example/list"}},
		{"HTML comment wrapper", script("<!--\n" + posting("SRE") + "\n-->"), []string{"SRE@https://careers.example/list"}},
		{"raw newline inside a string", script(`{"@type":"JobPosting","title":"SRE","description":"line one` + "\n" + `line two"}`),
			[]string{"SRE@https://careers.example/list"}},
		{"type with a parameter and prefixed @type", `<script type="Application/LD+JSON; charset=utf-8">{"@type":"schema:JobPosting","title":"SRE","identifier":42}</script>`,
			[]string{"SRE@42"}},
		{"several blocks, one broken", script(`{"title":`) + script(posting("SRE")) + `<script type="application/json">` + posting("Not LD") + `</script>`,
			[]string{"SRE@https://careers.example/list"}},
		{"not a JobPosting", script(`{"@type":"Organization","name":"Job Posting Inc"}`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := parseJobPostingPage(wholePage(tt.head), base)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range posts {
				got = append(got, p.Title+"@"+p.NativeID)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckSourceJSONLD(t *testing.T) {
	tests := []struct {
		src          config.Source
		key, wantErr string
	}{
		{config.Source{Type: "jsonld", URLs: []string{"https://tideline.example/careers/"}, Follow: `^https://tideline\.example/careers/jobs/\d+`}, "", ""},
		{config.Source{Type: "jsonld", URLs: []string{"https://tideline.example/careers/"}}, "", ""},
		{config.Source{Type: "jsonld", Follow: "/jobs/"}, "urls", "required for type jsonld"},
		{config.Source{Type: "jsonld", URLs: []string{"https://a.example/", "/careers"}}, "urls[1]", `bad URL "/careers": want an absolute http:// or https:// URL`},
		{config.Source{Type: "jsonld", URLs: []string{"https://a.example/"}, Follow: "/jobs/(["}, "follow",
			"bad pattern \"/jobs/([\" (a Go regexp): error parsing regexp: missing closing ]: `[`"},
		{config.Source{Type: "jsonld", URLs: []string{"https://a.example/"}, URL: "https://a.example/"}, "url", "not used by type jsonld"},
	}
	for _, tt := range tests {
		checkKeyError(t, CheckSource(&tt.src), tt.key, tt.wantErr)
	}
}

// careersServer serves the jsonld testdata site: a careers page linking
// to detail pages, one of them gone and one disallowed by robots.txt.
func careersServer(t *testing.T) *crawltest.Server {
	return siteServer(t, "User-agent: *\nDisallow: /careers/jobs/private/\n", map[string]string{
		"/careers/":                    "jsonld_careers.html",
		"/careers/jobs/101-senior-sre": "jsonld_job_101.html",
		"/careers/jobs/102-platform":   "jsonld_job_102.html",
		"/careers/jobs/103-growth":     "jsonld_job_101.html", // filtered by role: never asked
		"/careers/jobs/private/105":    "jsonld_job_101.html", // robots.txt: never asked
	})
}

func TestJSONLDFetchResult(t *testing.T) {
	srv := careersServer(t)
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	src := config.Source{Name: "tideline", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}, Follow: `/careers/jobs/`}
	res, err := c.FetchResult(context.Background(), &src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range res.Postings {
		got = append(got, p.NativeID+" "+p.Title)
	}
	want := []string{"TL-101 Senior Site Reliability Engineer", srv.URL + "/careers/jobs/102-platform?utm_source=jsonld Platform Engineer"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("postings %q, want %q", got, want)
	}
	// The marketing link is filtered before it is fetched; the image
	// link, which says nothing, is fetched and is gone (404); the
	// private page is refused by robots.txt without a request; the
	// partner's host is never asked.
	wantReqs := []string{"/robots.txt", "/careers/", "/careers/jobs/101-senior-sre", "/careers/jobs/102-platform", "/careers/jobs/104"}
	if got := srv.Requests(); strings.Join(got, " ") != strings.Join(wantReqs, " ") {
		t.Errorf("server saw %q, want %q", got, wantReqs)
	}
	if res.Filtered != 1 || res.Seen != 3 || res.Truncated {
		t.Errorf("Seen %d Filtered %d Truncated %v, want 3 1 false", res.Seen, res.Filtered, res.Truncated)
	}
}

func TestJSONLDFetchBoundsAndFailures(t *testing.T) {
	t.Run("max_pages", func(t *testing.T) {
		srv := careersServer(t)
		c := New(config.Crawl{AllowPrivate: true, MaxPages: 2}, WithLogger(quietLogger()))
		src := config.Source{Name: "tideline", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}, Follow: `/careers/jobs/`}
		res, err := c.FetchResult(context.Background(), &src)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Truncated || len(res.Postings) != 1 || res.Postings[0].NativeID != "TL-101" {
			t.Errorf("Truncated %v, %d postings; want truncated after the list and one detail page", res.Truncated, len(res.Postings))
		}
		if got := srv.Requests(); len(got) != 3 {
			t.Errorf("server saw %q, want robots.txt and 2 pages", got)
		}
	})
	t.Run("a failing detail page truncates", func(t *testing.T) {
		srv := careersServer(t)
		srv.Inject("/careers/jobs/102-platform", crawltest.Status(http.StatusServiceUnavailable))
		src := config.Source{Name: "tideline", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}, Follow: `/careers/jobs/`}
		_, err := newJSONLD(testHTTP(config.Limits{AllowPrivate: true}, nil)).Fetch(context.Background(), &src)
		want := `jsonld source "tideline": result cut short by a crawl bound: 1 detail pages failed, first: GET ` + srv.URL + `/careers/jobs/102-platform: 503 Service Unavailable`
		if !errors.Is(err, ErrTruncated) || err.Error() != want {
			t.Errorf("error = %v, want %s", err, want)
		}
	})
	t.Run("every detail page failing fails the source", func(t *testing.T) {
		srv := careersServer(t)
		srv.Inject("/careers/jobs/101-senior-sre", crawltest.Status(http.StatusInternalServerError))
		srv.Inject("/careers/jobs/102-platform", crawltest.Status(http.StatusInternalServerError))
		src := config.Source{Name: "tideline", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}, Follow: `/careers/jobs/`}
		_, err := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		if err == nil || errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "every detail page failed (2), first: GET "+srv.URL+"/careers/jobs/101-senior-sre: 500") {
			t.Errorf("error = %v, want every detail page failed", err)
		}
	})
	t.Run("a page with nothing to read", func(t *testing.T) {
		srv := careersServer(t)
		src := config.Source{Name: "tideline", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}, Follow: `/no-such-links/`}
		_, err := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		if !errors.Is(err, errNoJobPostings) {
			t.Errorf("error = %v, want errNoJobPostings", err)
		}
	})
	t.Run("robots.txt disallows a configured page", func(t *testing.T) {
		srv := careersServer(t)
		src := config.Source{Name: "tideline", Type: "jsonld", URLs: []string{srv.URL + "/careers/jobs/private/105"}}
		_, err := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		if err == nil || !strings.Contains(err.Error(), "robots.txt") {
			t.Errorf("error = %v, want a robots.txt refusal", err)
		}
		if got := srv.Requests(); strings.Join(got, " ") != "/robots.txt" {
			t.Errorf("server saw %q, want only /robots.txt", got)
		}
	})
}

func FuzzParseJobPostingPage(f *testing.F) {
	base, _ := url.Parse("https://careers.example/jobs/1")
	fuzzParser(f, func(body []byte) ([]skillpulse.Posting, error) { return parseJobPostingPage(body, base) })
}
