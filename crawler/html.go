package crawler

import (
	"context"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Job boards with no API, read with CSS selectors from config:
//
//	url: the list page
//	selectors.item:        each posting's element on the list (required)
//	selectors.link:        within an item, the link to the detail page
//	                       (default: the item itself if it is an <a href>,
//	                       else its first a[href])
//	selectors.title:       within an item (default: the link's text)
//	selectors.location:    within an item
//	selectors.description: on the detail page; without it no detail page
//	                       is fetched and the item's own HTML is the
//	                       description
//
// A posting is identified by its link, so an item without one is left
// for Crawler.Fetch to count as invalid. The role filter sees each list
// title before its detail page is fetched, so a filtered-out posting
// costs no request. Detail pages are fetched once each, only on the list
// page's host, within max_pages and max_items; a link to another host
// keeps the list's data and is never fetched, while a detail page that is
// gone (404, 410) or that robots.txt disallows takes its posting with it
// (see pageCrawl for failures). A list on which the item
// selector matches nothing is an error, not an empty board: it is far
// more often a changed page than a company with no openings, and an empty
// result would close every posting. robots.txt is obeyed (Kind.Robots).
type htmlBoard struct {
	h *HTTP
	prefilter
}

func newHTMLBoard(h *HTTP) Fetcher { return &htmlBoard{h: h} }

func (b *htmlBoard) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errSource("html", "url", src.URL)
	sel := src.Selectors
	crawl := newPageCrawl(b.h, src.Name, []string{src.URL})
	list, _, err := crawl.list(ctx, src.URL)
	if err != nil {
		return nil, fail("", err)
	}
	items := list.doc.Find(sel.Item)
	if items.Length() == 0 {
		return nil, fail("", fmt.Errorf("selectors.item %q matched nothing on the list page", sel.Item))
	}
	maxItems := b.h.Limits().MaxItems
	var posts []skillpulse.Posting
	for i := range items.Length() {
		if len(posts) >= maxItems {
			crawl.skipItems(items.Length() - i)
			break
		}
		item := items.Eq(i)
		p, link := htmlListItem(item, sel, list)
		if !b.keep(p.Title) {
			continue
		}
		if sel.Description == "" {
			p.Description = htmlOf(item)
			posts = append(posts, p)
			continue
		}
		if p.NativeID == "" || p.Title == "" || crawl.visited[link] {
			posts = append(posts, p) // invalid or repeated: Fetch counts it
			continue
		}
		if !crawl.onHost(link) {
			crawl.offHost++
			posts = append(posts, p)
			continue
		}
		detail, ok, err := crawl.detail(ctx, link)
		if err != nil {
			return nil, fail("", err)
		}
		if !ok {
			continue // gone, refused or failed: crawl.err says which
		}
		detail.doc.Find(sel.Description).Each(func(_ int, s *goquery.Selection) {
			if p.Description != "" {
				p.Description += "\n"
			}
			p.Description += htmlOf(s)
		})
		posts = append(posts, p)
	}
	return crawl.result(posts, fail)
}

// htmlListItem reads one list item: the posting as far as the list tells,
// and the absolute URL of its detail page ("" without a usable link).
func htmlListItem(item *goquery.Selection, sel config.Selectors, list page) (skillpulse.Posting, string) {
	var a *goquery.Selection
	switch {
	case sel.Link != "":
		a = item.Find(sel.Link).First()
	case goquery.NodeName(item) == "a":
		a = item
	default:
		a = item.Find("a[href]").First()
	}
	href, _ := a.Attr("href")
	link := resolveLink(list.base, href)
	p := skillpulse.Posting{NativeID: link, URL: link}
	if sel.Title != "" {
		p.Title = selText(item.Find(sel.Title).First())
	} else {
		p.Title = selText(a)
	}
	if sel.Location != "" {
		p.Location = selText(item.Find(sel.Location).First())
	}
	p.Workplace = workplaceFromLocation(p.Location)
	return p, link
}

// selText is a selection's text with white space collapsed, bounded.
func selText(s *goquery.Selection) string {
	return clipRunes(strings.Join(strings.Fields(s.Text()), " "), maxTitleLen)
}

// htmlOf is a selection's inner HTML ("" when it cannot be rendered).
func htmlOf(s *goquery.Selection) string {
	h, err := s.Html()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(h)
}

// checkHTML validates url and selectors: item is required and every
// selector given must compile (as goquery would silently match nothing
// with one that does not).
func checkHTML(src *config.Source) error {
	if err := checkURLKey(src); err != nil {
		return err
	}
	sel := src.Selectors
	if strings.TrimSpace(sel.Item) == "" {
		return &KeyError{Key: "selectors.item", Err: fmt.Errorf("required for type html")}
	}
	for _, s := range []struct{ key, value string }{
		{"selectors.item", sel.Item}, {"selectors.link", sel.Link}, {"selectors.title", sel.Title},
		{"selectors.location", sel.Location}, {"selectors.description", sel.Description},
	} {
		if s.value == "" {
			continue
		}
		if _, err := cascadia.Compile(s.value); err != nil {
			return &KeyError{Key: s.key, Err: fmt.Errorf("bad CSS selector %q: %w", s.value, err)}
		}
	}
	return nil
}
