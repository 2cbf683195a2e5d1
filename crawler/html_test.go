package crawler

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

// boardSelectors are the selectors of testdata/html_board.html.
func boardSelectors() config.Selectors {
	return config.Selectors{
		Item: "li.job-card", Link: "a.job-link", Title: ".job-title",
		Location: ".job-location", Description: ".job-description",
	}
}

// boardServer serves the html testdata board at /careers: its detail page
// /jobs/sre-1, a robots.txt that disallows /private/, and pages that must
// never be requested.
func boardServer(t *testing.T) *crawltest.Server {
	return siteServer(t, "User-agent: *\nDisallow: /private/\n", map[string]string{
		"/careers":        "html_board.html",
		"/jobs/sre-1":     "html_job.html",
		"/jobs/sales-2":   "html_job.html", // filtered by role: never asked
		"/private/jobs/4": "html_job.html", // robots.txt: never asked
	})
}

func TestHTMLFetchResult(t *testing.T) {
	srv := boardServer(t)
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	src := config.Source{Name: "northwind", Type: "html", URL: srv.URL + "/careers", Selectors: boardSelectors()}
	res, err := c.FetchResult(context.Background(), &src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Postings) != 2 {
		t.Fatalf("got %d postings, want 2: %+v", len(res.Postings), res.Postings)
	}
	p, partner := res.Postings[0], res.Postings[1]
	checkFields(t, []field{
		{"NativeID (link resolved against <base href>)", p.NativeID, srv.URL + "/jobs/sre-1"},
		{"URL", p.URL, srv.URL + "/jobs/sre-1"},
		{"Title (white space collapsed)", p.Title, "Senior Site Reliability Engineer"},
		{"Location", p.Location, "Berlin (Hybrid)"},
		{"Description (every match on the detail page)", p.Description,
			"<p>Keep our <strong>Kubernetes</strong> fleet and PostgreSQL clusters healthy.</p>\n" +
				"<h2>Requirements</h2>\n    <ul><li>Terraform &amp; Ansible</li><li>On-call experience</li></ul>"},
		{"other host's posting: list data only", partner.NativeID + " " + partner.Title + " " + partner.Description,
			"https://boards.partner.example/northwind/3 Platform Engineer "},
	})
	if p.Workplace != skillpulse.WorkplaceHybrid || partner.Workplace != skillpulse.WorkplaceRemote {
		t.Errorf("Workplace %v / %v, want hybrid / remote from the locations", p.Workplace, partner.Workplace)
	}
	// Sales is filtered before its page is asked for; DevOps is refused by
	// robots.txt without a request; Cloud's page is gone (404) and so is
	// the posting; the partner's host is never asked; Network has no link
	// (invalid); the second Senior SRE repeats the first.
	wantReqs := []string{"/robots.txt", "/careers", "/jobs/sre-1", "/jobs/5"}
	if got := srv.Requests(); strings.Join(got, " ") != strings.Join(wantReqs, " ") {
		t.Errorf("server saw %q, want %q", got, wantReqs)
	}
	if res.Seen != 5 || res.Filtered != 1 || res.Invalid != 1 || res.Duplicates != 1 || res.Truncated {
		t.Errorf("Seen %d Filtered %d Invalid %d Duplicates %d Truncated %v, want 5 1 1 1 false",
			res.Seen, res.Filtered, res.Invalid, res.Duplicates, res.Truncated)
	}
}

func TestHTMLFetchVariants(t *testing.T) {
	t.Run("no description selector: the list alone", func(t *testing.T) {
		srv := boardServer(t)
		src := config.Source{Name: "northwind", Type: "html", URL: srv.URL + "/careers", Selectors: config.Selectors{Item: "li.job-card"}}
		res, err := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(srv.Requests(), " "); got != "/robots.txt /careers" {
			t.Errorf("server saw %q, want no detail page", got)
		}
		// Default link: the item's first a[href]; default title: its text.
		p := res.Postings[0]
		if p.Title != "Senior Site Reliability Engineer" || p.NativeID != srv.URL+"/jobs/sre-1" || !strings.Contains(p.Description, `<span class="job-location">Berlin (Hybrid)</span>`) {
			t.Errorf("first posting %q %q %.80q: want the link's text, its URL and the item's HTML", p.Title, p.NativeID, p.Description)
		}
	})
	t.Run("max_items", func(t *testing.T) {
		srv := boardServer(t)
		src := config.Source{Name: "northwind", Type: "html", URL: srv.URL + "/careers", Selectors: boardSelectors()}
		res, err := New(config.Crawl{AllowPrivate: true, MaxItems: 1}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Truncated || len(res.Postings) != 1 {
			t.Errorf("Truncated %v, %d postings; want truncated at 1", res.Truncated, len(res.Postings))
		}
		if got := strings.Join(srv.Requests(), " "); got != "/robots.txt /careers /jobs/sre-1" {
			t.Errorf("server saw %q, want no request past max_items", got)
		}
	})
	t.Run("item selector matching nothing", func(t *testing.T) {
		srv := boardServer(t)
		src := config.Source{Name: "northwind", Type: "html", URL: srv.URL + "/careers", Selectors: config.Selectors{Item: "div.vacancy"}}
		_, err := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		want := `html url "` + srv.URL + `/careers": selectors.item "div.vacancy" matched nothing on the list page`
		if err == nil || err.Error() != want {
			t.Errorf("error = %v, want %s", err, want)
		}
	})
	t.Run("robots.txt disallows the list", func(t *testing.T) {
		srv := boardServer(t)
		src := config.Source{Name: "northwind", Type: "html", URL: srv.URL + "/private/jobs/4", Selectors: boardSelectors()}
		_, err := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger())).FetchResult(context.Background(), &src)
		if err == nil || !strings.Contains(err.Error(), "robots.txt") {
			t.Errorf("error = %v, want a robots.txt refusal", err)
		}
		if got := strings.Join(srv.Requests(), " "); got != "/robots.txt" {
			t.Errorf("server saw %q, want only /robots.txt", got)
		}
	})
}

func TestCheckSourceHTML(t *testing.T) {
	ok := boardSelectors()
	tests := []struct {
		src          config.Source
		key, wantErr string
	}{
		{config.Source{Type: "html", URL: "https://northwind.example/careers", Selectors: ok}, "", ""},
		{config.Source{Type: "html", Selectors: ok}, "url", "required for type html"},
		{config.Source{Type: "html", URL: "https://northwind.example/careers"}, "selectors", "required for type html"},
		{config.Source{Type: "html", URL: "https://northwind.example/careers", Selectors: config.Selectors{Title: "h3"}}, "selectors.item", "required for type html"},
		{config.Source{Type: "html", URL: "https://northwind.example/careers", Selectors: config.Selectors{Item: "li[class="}}, "selectors.item",
			`bad CSS selector "li[class=": unexpected EOF in attribute selector`},
		{config.Source{Type: "html", URL: "https://northwind.example/careers", Selectors: config.Selectors{Item: "li", Description: "div >> p"}}, "selectors.description",
			`bad CSS selector "div >> p": expected identifier, found > instead`},
		{config.Source{Type: "html", URL: "javascript:alert(1)", Selectors: ok}, "url", `bad URL "javascript:alert(1)": want an absolute http:// or https:// URL`},
		{config.Source{Type: "html", URL: "https://northwind.example/careers", Selectors: ok, Follow: "/jobs/"}, "follow", "not used by type html"},
	}
	for _, tt := range tests {
		checkKeyError(t, CheckSource(&tt.src), tt.key, tt.wantErr)
	}
}

// parseHTMLList reads a list page with boardSelectors as Fetch does,
// without detail pages; it is the fuzz target's view of the html source.
func parseHTMLList(body []byte) ([]skillpulse.Posting, error) {
	list, err := parsePage(body, &url.URL{Scheme: "https", Host: "northwind.example", Path: "/careers"})
	if err != nil {
		return nil, err
	}
	var out []skillpulse.Posting
	list.doc.Find("li.job-card").Each(func(_ int, item *goquery.Selection) {
		p, _ := htmlListItem(item, boardSelectors(), list)
		p.Description = htmlOf(item)
		out = append(out, p)
	})
	return out, nil
}

func TestParseHTMLList(t *testing.T) {
	posts, err := parseHTMLList(testdata(t, "html_board.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 7 || posts[5].NativeID != "" || posts[0].NativeID != "https://northwind.example/jobs/sre-1" {
		t.Errorf("got %d items, ids %q, %q; want 7, the linkless one without id, links resolved against <base href>", len(posts), posts[5].NativeID, posts[0].NativeID)
	}
	if _, err := parseHTMLList(nil); err != nil {
		t.Errorf("empty page: %v", err)
	}
}

func FuzzParseHTMLList(f *testing.F) { fuzzParser(f, parseHTMLList) }
