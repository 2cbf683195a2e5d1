package crawler

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// RSS 2.0, Atom (and JSON Feed) job feeds, parsed by gofeed; one GET of
// the configured url returns the whole feed.
//
//	<item><title>Company: Job title</title><description>escaped HTML
//	</description><guid>…</guid><link>…</link><pubDate>RFC 1123</pubDate>
//	<category>…</category> + WWR's own <region> <country> <type> …</item>
//
// We Work Remotely titles read "Company: Job title", so a title is split
// on its first ": " into company and title; a feed whose titles have no
// ": " keeps them whole. Descriptions are HTML escaped as XML text: the
// XML parser unescapes them once, which yields the HTML. WWR's extra
// elements arrive in gofeed's Custom map: region (or country) becomes the
// location, and a region marks the posting remote, since WWR lists remote
// jobs only and region says where the remote worker may live.
//
// Feeds are public web resources, not APIs published for robots, so
// robots.txt is obeyed (Kind.Robots).
type rss struct{ h *HTTP }

func newRSS(h *HTTP) Fetcher { return &rss{h: h} }

func (r *rss) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errSource("rss", "url", src.URL)
	resp, err := r.h.GetConditional(ctx, strings.TrimSpace(src.URL), http.Header{
		"Accept": {"application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"},
	})
	if err != nil {
		return nil, fail("", err)
	}
	base, err := url.Parse(resp.URL)
	if err != nil {
		return nil, fail("", err)
	}
	posts, err := parseFeed(resp.Body, base)
	if err != nil {
		return nil, fail("decode feed", err)
	}
	return posts, nil
}

// parseFeed decodes a feed; relative item links resolve against base
// (the feed's own URL).
func parseFeed(body []byte, base *url.URL) ([]skillpulse.Posting, error) {
	if err := checkFeedDepth(body); err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	out := make([]skillpulse.Posting, 0, len(feed.Items))
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		p := skillpulse.Posting{
			URL:         resolveLink(base, it.Link),
			Description: it.Description,
		}
		// Atom and RSS content:encoded carry the full body where
		// description/summary is often an excerpt.
		if len(it.Content) > len(p.Description) {
			p.Description = it.Content
		}
		if p.URL == "" {
			p.URL = resolveLink(base, it.GUID) // WWR: guid is the job URL
		}
		p.NativeID = strings.TrimSpace(it.GUID)
		if p.NativeID == "" {
			p.NativeID = p.URL
		}
		// Titles may carry markup ("A &amp; B" is "A & B" once decoded).
		p.Title = htmlText(it.Title)
		if company, title, ok := strings.Cut(p.Title, ": "); ok && strings.TrimSpace(company) != "" && strings.TrimSpace(title) != "" {
			p.Company, p.Title = company, title
		}
		if it.PublishedParsed != nil {
			p.Posted = it.PublishedParsed.UTC()
		}
		if it.UpdatedParsed != nil {
			p.Updated = it.UpdatedParsed.UTC()
		}
		if p.Posted.IsZero() {
			p.Posted = p.Updated
		}
		if len(it.Categories) > 0 {
			p.Department = strings.TrimSpace(it.Categories[0])
		}
		region, country := strings.TrimSpace(it.Custom["region"]), strings.TrimSpace(it.Custom["country"])
		p.Location = region
		if p.Location == "" {
			p.Location = country
		}
		p.Workplace = workplaceFromLocation(p.Location)
		if region != "" {
			p.Workplace = skillpulse.WorkplaceRemote
		}
		out = append(out, p)
	}
	return out, nil
}
