package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/skillpulse/skillpulse"
)

// pageCrawl is the bookkeeping of one fetch of a source that scrapes web
// pages (jsonld, html): the hosts it may visit, the pages it has asked
// for, what max_pages leaves, and what became of the detail pages.
//
// What it guarantees: no URL is requested twice; no request leaves the
// configured hosts (redirects are held to the requested host by the HTTP
// layer); at most max_pages requests are made; robots.txt is obeyed by the
// HTTP layer, which such sources build with Kind.Robots.
//
// A configured page that fails fails the source. A detail page is one
// posting among many, so its failure is judged by kind: a 404 or 410
// means the posting is gone, and robots.txt refusing it means it is not
// ours to read, so both are skipped; anything else (a 5xx after retries,
// a timeout) leaves the result incomplete, and err reports it as
// truncation so that the missing postings are not closed. Only when every
// detail page failed so is the source a failure.
type pageCrawl struct {
	h        *HTTP
	log      *slog.Logger
	hosts    []string // lower-case host[:port]
	visited  map[string]bool
	maxPages int

	requests            int
	fetched             int // detail pages read
	gone, blocked       int
	failed              []error
	overBudget, offHost int
	overItems           int
	capped              int // pages holding more JobPostings than are read
}

func newPageCrawl(h *HTTP, source string, pages []string) *pageCrawl {
	c := &pageCrawl{
		h:        h,
		log:      h.log.With("source", source),
		visited:  make(map[string]bool),
		maxPages: h.Limits().MaxPages,
	}
	for _, p := range pages {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil && u.Host != "" {
			c.hosts = append(c.hosts, strings.ToLower(u.Host))
		}
	}
	return c
}

// onHost reports whether the absolute URL u is on a configured host.
func (c *pageCrawl) onHost(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	host := strings.ToLower(p.Host)
	for _, h := range c.hosts {
		if h == host {
			return true
		}
	}
	return false
}

// page is a fetched, parsed HTML page and the URL its links resolve
// against (its final URL, or its <base href>).
type page struct {
	doc  *goquery.Document
	base *url.URL
}

// list fetches a configured page. It reports ok=false, without a
// request, when max_pages is used up (counted as truncation).
func (c *pageCrawl) list(ctx context.Context, rawURL string) (p page, ok bool, err error) {
	rawURL = strings.TrimSpace(rawURL)
	if c.visited[rawURL] {
		return page{}, false, nil
	}
	if c.requests >= c.maxPages {
		c.overBudget++
		return page{}, false, nil
	}
	c.visited[rawURL] = true
	c.requests++
	p, err = c.get(ctx, rawURL)
	return p, err == nil, err
}

// detail fetches a detail page at most once. ok=false means the page is
// not to be read (already fetched, off the configured hosts, over budget,
// gone, refused by robots.txt, failed); only a cancelled ctx is an error.
func (c *pageCrawl) detail(ctx context.Context, rawURL string) (p page, ok bool, err error) {
	switch {
	case c.visited[rawURL]:
		return page{}, false, nil
	case !c.onHost(rawURL):
		c.offHost++
		return page{}, false, nil
	case c.requests >= c.maxPages:
		c.overBudget++
		return page{}, false, nil
	}
	c.visited[rawURL] = true
	c.requests++
	p, err = c.get(ctx, rawURL)
	var status *StatusError
	switch {
	case err == nil:
		c.fetched++
		return p, true, nil
	case ctx.Err() != nil:
		return page{}, false, err
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		c.blocked++
		c.log.Debug("robots.txt disallows detail page", "url", rawURL)
	case errors.As(err, &status) && (status.Status == http.StatusNotFound || status.Status == http.StatusGone):
		c.gone++
		c.log.Debug("detail page gone", "url", rawURL, "status", status.Status)
	default:
		c.failed = append(c.failed, err)
		c.log.Warn("detail page failed", "error", err)
	}
	return page{}, false, nil
}

func (c *pageCrawl) get(ctx context.Context, rawURL string) (page, error) {
	resp, err := c.h.Get(ctx, rawURL, http.Header{"Accept": {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}})
	if err != nil {
		return page{}, err
	}
	base, err := url.Parse(resp.URL)
	if err != nil {
		return page{}, fmt.Errorf("GET %s: final URL %q: %w", rawURL, resp.URL, err)
	}
	p, err := parsePage(resp.Body, base)
	if err != nil {
		return page{}, fmt.Errorf("GET %s: parse HTML: %w", rawURL, err)
	}
	return p, nil
}

// parsePage parses an HTML page fetched from pageURL. A <base href>
// changes what its relative links mean; it is honoured when it resolves
// to an http(s) URL.
func parsePage(body []byte, pageURL *url.URL) (page, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return page{}, err
	}
	base := pageURL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b := resolveLink(pageURL, href); b != "" {
			base, _ = url.Parse(b)
		}
	}
	return page{doc: doc, base: base}, nil
}

// skipItems records that n postings were left unfetched for max_items.
func (c *pageCrawl) skipItems(n int) { c.overItems += n }

// err is the fetch's outcome: nil when nothing was lost; an error
// wrapping ErrTruncated when a bound or a failed detail page left
// postings out; a plain error when every detail page attempted failed.
func (c *pageCrawl) err() error {
	if c.offHost > 0 {
		c.log.Info("links to other hosts not followed", "count", c.offHost)
	}
	if c.blocked > 0 {
		c.log.Info("detail pages disallowed by robots.txt", "count", c.blocked)
	}
	if len(c.failed) > 0 && c.fetched == 0 {
		return fmt.Errorf("every detail page failed (%d), first: %w", len(c.failed), c.failed[0])
	}
	var why []string
	if c.overBudget > 0 {
		why = append(why, fmt.Sprintf("%d pages not fetched at max_pages (%d)", c.overBudget, c.maxPages))
	}
	if c.overItems > 0 {
		why = append(why, fmt.Sprintf("%d postings not fetched at max_items (%d)", c.overItems, c.h.Limits().MaxItems))
	}
	if c.capped > 0 {
		why = append(why, fmt.Sprintf("%d pages hold more JobPostings than the %d read per page, or nest them deeper than %d", c.capped, maxLDPostings, maxLDDepth))
	}
	if len(c.failed) > 0 {
		why = append(why, fmt.Sprintf("%d detail pages failed, first: %v", len(c.failed), c.failed[0]))
	}
	if len(why) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrTruncated, strings.Join(why, "; "))
}

// result is posts with the outcome of err passed through fail: all of
// them on success, them and the truncation, or only the failure.
func (c *pageCrawl) result(posts []skillpulse.Posting, fail func(what string, err error) error) ([]skillpulse.Posting, error) {
	err := c.err()
	switch {
	case err == nil:
		return posts, nil
	case errors.Is(err, ErrTruncated):
		return posts, fail("", err)
	}
	return nil, fail("", err)
}

// prefilter is the role filter of a fetcher that implements
// titleFilterer by embedding it.
type prefilter struct {
	match func(title string) bool // nil until FetchResult sets it
}

// filterTitles implements titleFilterer.
func (f *prefilter) filterTitles(match func(title string) bool) { f.match = match }

// keep reports whether a posting titled title is worth a request. An
// empty title cannot be judged, so it is kept.
func (f *prefilter) keep(title string) bool {
	return f.match == nil || title == "" || f.match(title)
}

// linkText is what a link says about its target, for the role filter:
// its text, title and aria-label, white space collapsed.
func linkText(a *goquery.Selection) string {
	parts := []string{strings.Join(strings.Fields(a.Text()), " ")}
	for _, attr := range []string{"title", "aria-label"} {
		if v, ok := a.Attr(attr); ok {
			parts = append(parts, strings.Join(strings.Fields(v), " "))
		}
	}
	var out []string
	for _, p := range parts {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, clipRunes(p, maxTitleLen))
		}
	}
	return strings.Join(out, " | ")
}

// jobPostings reads the JobPostings of p, counting a page that holds more
// than are read as a cut that truncates the source.
func (c *pageCrawl) jobPostings(p page) []skillpulse.Posting {
	posts, cut := jobPostings(p.doc, p.base)
	if cut {
		c.capped++
	}
	return posts
}
