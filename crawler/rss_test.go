package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

func TestParseFeedWWRFixture(t *testing.T) {
	posts, err := parseFeed(sharedFixture(t, "weworkremotely/remote-jobs_rss_ikevinxie.xml"), mustURL(t, "https://weworkremotely.com/remote-jobs.rss"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 4 {
		t.Fatalf("got %d postings, want 4", len(posts))
	}
	wantTitles := []string{"Mathmo|Maths Coach", "Qase|Developer Advocate", "APEX TRADE|Entry-Level Crypto Market Specialist", "Qase|Technical Customer Support Specialist"}
	for i, p := range posts {
		if got := p.Company + "|" + p.Title; got != wantTitles[i] {
			t.Errorf("posting %d: company|title = %q, want %q", i, got, wantTitles[i])
		}
		if p.NativeID != p.URL || !strings.HasPrefix(p.URL, "https://weworkremotely.com/remote-jobs/") {
			t.Errorf("%s: id %q, URL %q: want the guid, the job URL, for both", p.Title, p.NativeID, p.URL)
		}
		if !strings.HasPrefix(p.Description, "<") || !strings.Contains(p.Description, "<strong>Headquarters:</strong>") || strings.Contains(p.Description, "&lt;p&gt;") {
			t.Errorf("%s: description is not the HTML once unescaped: %.60q", p.Title, p.Description)
		}
		if p.Location != "Anywhere in the World" || p.Workplace != skillpulse.WorkplaceRemote {
			t.Errorf("%s: location %q workplace %v, want the region and remote", p.Title, p.Location, p.Workplace)
		}
		if p.Posted.IsZero() {
			t.Errorf("%s: no pubDate", p.Title)
		}
	}
	if got := posts[0].Posted.Format(time.RFC3339); got != "2026-07-10T22:45:30Z" {
		t.Errorf("Posted = %s, want 2026-07-10T22:45:30Z", got)
	}
	if posts[0].Department != "All Other Remote" {
		t.Errorf("Department = %q, want the category", posts[0].Department)
	}
}

func TestParseFeedTestdata(t *testing.T) {
	posts, err := parseFeed(testdata(t, "rss_wwr_devops.xml"), mustURL(t, "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 3 {
		t.Fatalf("got %d postings, want 3", len(posts))
	}
	p := posts[0]
	checkFields(t, []field{
		{"NativeID", p.NativeID, "https://weworkremotely.com/remote-jobs/acme-cloud-senior-devops-engineer"},
		{"Company", p.Company, "Acme Cloud"},
		{"Title", p.Title, "Senior DevOps Engineer"},
		{"Location (region before country)", p.Location, "Europe Only"},
		{"Department", p.Department, "DevOps and Sysadmin"},
		{"Posted", p.Posted.Format(time.RFC3339), "2026-08-03T09:12:40Z"},
		// One XML unescape: &amp;nbsp; is the HTML entity &nbsp;, and
		// &amp;lt;code&amp;gt; stays literal text in the HTML.
		{"Description excerpt", p.Description[strings.Index(p.Description, "<p>You"):strings.Index(p.Description, "literally.")],
			"<p>You will run <strong>Kubernetes</strong>&nbsp;clusters with Terraform &amp; Argo CD.</p>\n<p>Write &lt;code&gt; "},
		{"second Company (entity in the title decoded once)", posts[1].Company, "Ops & Co"},
		{"second Title (split on the first \": \" only)", posts[1].Title, "Site Reliability Engineer: Storage"},
		{"second Location", posts[1].Location, "Anywhere in the World"},
	})
}

func TestParseFeedAtom(t *testing.T) {
	posts, err := parseFeed(testdata(t, "atom_jobs.xml"), mustURL(t, "https://careers.tideline.example/jobs.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("got %d postings, want 2", len(posts))
	}
	p := posts[0]
	checkFields(t, []field{
		{"NativeID (entry id)", p.NativeID, "urn:tideline:job:812"},
		{"Title (no \": \", kept whole; HTML title decoded)", p.Title, "Platform Engineer — Networking"},
		{"Company", p.Company, ""},
		{"URL (relative link resolved against the feed)", p.URL, "https://careers.tideline.example/jobs/812-platform-engineer-networking"},
		{"Description (content over the shorter summary)", p.Description, "<p>Run our <b>BGP</b> edge and Envoy mesh. Hybrid, Lisbon.</p>"},
		{"Posted", p.Posted.Format(time.RFC3339), "2026-08-03T08:00:00Z"},
		{"Department", p.Department, "Infrastructure"},
		{"second Posted (updated when not published)", posts[1].Posted.Format(time.RFC3339), "2026-08-02T08:00:00Z"},
	})
	if p.Workplace != skillpulse.WorkplaceUnknown {
		t.Errorf("Workplace = %v: only WWR's region says remote", p.Workplace)
	}
}

func TestParseFeedErrors(t *testing.T) {
	base := mustURL(t, "https://example.com/feed")
	tests := []struct{ name, body, want string }{
		{"html page", "<!doctype html><html><body>Jobs</body></html>", "failed to detect feed type"},
		{"empty", "", "failed to detect feed type"},
		{"truncated", `<?xml version="1.0"?><rss version="2.0"><channel><item><title>SRE</ti`, "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseFeed([]byte(tt.body), base)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	// Items without guid or link have no id; Crawler.Fetch drops them.
	posts, err := parseFeed([]byte(`<rss version="2.0"><channel><item><title>SRE</title><link>javascript:alert(1)</link></item></channel></rss>`), base)
	if err != nil || len(posts) != 1 || posts[0].NativeID != "" || posts[0].URL != "" {
		t.Errorf("javascript: link: %+v, %v; want no id and no URL", posts, err)
	}
}

// TestParseFeedRefusesDeepNesting checks that a feed nesting elements far
// deeper than any real one, or holding far more, is refused before gofeed
// walks it (a 4 MB feed of nested elements cost gofeed over a gigabyte),
// while a feed with sloppy HTML left unclosed inside its items, item after
// item, is read.
func TestParseFeedRefusesDeepNesting(t *testing.T) {
	base := mustURL(t, "https://example.com/feed")
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	item := `<item><title>SRE</title><guid>%d</guid><description>` + strings.Repeat("<p>Kubernetes<br>", 20) + `</description></item>`
	var sloppy strings.Builder
	for i := range 50 {
		fmt.Fprintf(&sloppy, item, i)
	}
	tests := []struct {
		name, body string
		posts      int // -1: refused for its depth, -2 for its size
	}{
		{"RSS with 100,000 nested elements in an item",
			`<?xml version="1.0"?><rss version="2.0"><channel><item><title>SRE</title><guid>1</guid>` + deep("<a>", "</a>", 100_000) + `</item></channel></rss>`, -1},
		{"Atom with nested namespaced extension elements, in ISO-8859-1",
			`<?xml version="1.0" encoding="ISO-8859-1"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="http://x.example/"><entry><id>1</id><title>SRE</title>` + deep("<x:a>", "</x:a>", 300) + `</entry></feed>`, -1},
		{"an item of 400,000 empty extension elements",
			`<rss version="2.0" xmlns:x="http://x.example/"><channel><item><title>SRE</title><guid>1</guid>` + strings.Repeat("<x:a/>", 400_000) + `</item></channel></rss>`, -2},
		{"nesting just within the bound", `<rss version="2.0"><channel><item><title>SRE</title><guid>1</guid>` + deep("<a>", "</a>", 250) + `</item></channel></rss>`, 1},
		{"items of unclosed HTML tags", `<rss version="2.0"><channel>` + sloppy.String() + `</channel></rss>`, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := parseFeed([]byte(tt.body), base)
			if tt.posts < 0 {
				want := map[int]string{-1: "XML elements nest deeper than 256 levels", -2: "more than 300000 XML elements"}[tt.posts]
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error = %v, want %q", err, want)
				}
				return
			}
			if err != nil || len(posts) != tt.posts {
				t.Fatalf("parseFeed = %d postings, %v; want %d", len(posts), err, tt.posts)
			}
		})
	}
}

func TestCheckSourceRSS(t *testing.T) {
	tests := []struct {
		src          config.Source
		key, wantErr string
	}{
		{config.Source{Type: "rss", URL: "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss"}, "", ""},
		{config.Source{Type: "rss"}, "url", "required for type rss"},
		{config.Source{Type: "rss", URL: "weworkremotely.com/remote-jobs.rss"}, "url", `bad URL "weworkremotely.com/remote-jobs.rss": want an absolute http:// or https:// URL`},
		{config.Source{Type: "rss", URL: "https://x.example/f", URLs: []string{"https://x.example/g"}}, "urls", "not used by type rss"},
		{config.Source{Type: "rss", URL: "https://x.example:70000/f"}, "url", `bad URL "https://x.example:70000/f": port "70000" is outside 1–65535`},
	}
	for _, tt := range tests {
		checkKeyError(t, CheckSource(&tt.src), tt.key, tt.wantErr)
	}
}

// checkKeyError checks that err is a *KeyError for key with message
// want, or nil when key is "".
func checkKeyError(t *testing.T, err error, key, want string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Errorf("CheckSource = %v, want nil", err)
		}
		return
	}
	var ke *KeyError
	if !errors.As(err, &ke) || ke.Key != key || ke.Err.Error() != want {
		t.Errorf("CheckSource = %v, want KeyError %s: %s", err, key, want)
	}
}

func TestRSSFetchResult(t *testing.T) {
	srv := crawltest.NewServer(t)
	const feedPath = "/categories/remote-devops-sysadmin-jobs.rss"
	srv.Handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	})
	srv.Handle(feedPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(testdata(t, "rss_wwr_devops.xml"))
	})
	srv.Handle("/private/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Write(testdata(t, "rss_wwr_devops.xml"))
	})
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))

	src := config.Source{Name: "wwr-devops", Type: "rss", URL: srv.URL + feedPath}
	res, err := c.FetchResult(context.Background(), &src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range res.Postings {
		got = append(got, p.Company+": "+p.Title)
	}
	want := "Acme Cloud: Senior DevOps Engineer|Ops & Co: Site Reliability Engineer: Storage"
	if strings.Join(got, "|") != want {
		t.Errorf("kept %q, want %q (the marketing role filtered)", got, want)
	}
	if res.Filtered != 1 {
		t.Errorf("Filtered = %d, want 1", res.Filtered)
	}

	// robots.txt is asked once per host; a disallowed feed is never requested.
	src = config.Source{Name: "private", Type: "rss", URL: srv.URL + "/private/feed.rss"}
	_, err = c.FetchResult(context.Background(), &src)
	if !errors.Is(err, colly.ErrRobotsTxtBlocked) || !strings.HasPrefix(err.Error(), `rss url "`+srv.URL+`/private/feed.rss": `) {
		t.Errorf("disallowed feed: error = %v, want ErrRobotsTxtBlocked naming the source", err)
	}
	if got, want := strings.Join(srv.Requests(), " "), "/robots.txt "+feedPath; got != want {
		t.Errorf("server saw %q, want %q", got, want)
	}
}

func FuzzParseFeed(f *testing.F) {
	base, _ := url.Parse("https://example.com/jobs.rss")
	fuzzParser(f, func(body []byte) ([]skillpulse.Posting, error) { return parseFeed(body, base) })
}
