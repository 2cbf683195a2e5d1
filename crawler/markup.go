package crawler

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/skillpulse/skillpulse/config"
)

// Helpers for the sources that scrape markup (hn, rss, jsonld, html)
// rather than read a JSON API built for the purpose.

// maxTextInput bounds how much markup htmlText reads: it is used on short
// fields (a title, a first line), and a hostile page must not make it
// walk megabytes to produce a string that is clipped to 300 runes anyway.
const maxTextInput = 64 << 10

// htmlText is the text of an HTML fragment: tags dropped, entities
// decoded once, white space collapsed. Tags separate words (a <br> or
// </p> between two words does not glue them together).
func htmlText(fragment string) string {
	fragment = clipBytes(fragment, maxTextInput)
	if !strings.ContainsAny(fragment, "<&") {
		return strings.Join(strings.Fields(fragment), " ")
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0 // inside <script> or <style>, whose text is not text
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// resolveLink resolves href against base and returns it as an absolute
// http(s) URL without its fragment, or "" for anything else (mailto:,
// javascript:, a malformed href). The fragment goes because it names a
// place in a page, not a different page: "/jobs/1#apply" is "/jobs/1".
func resolveLink(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || len(href) > maxURLLen {
		return ""
	}
	ref, err := url.Parse(href)
	if err != nil {
		return ""
	}
	u := base.ResolveReference(ref)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// checkPageURL validates a configured page URL: absolute http(s) with a
// host and no user info, as the fetchers only ever request such URLs.
func checkPageURL(s string) error {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return fmt.Errorf("bad URL %q", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("bad URL %q: want an absolute http:// or https:// URL", s)
	case u.Host == "":
		return fmt.Errorf("bad URL %q: no host", s)
	case u.User != nil:
		return fmt.Errorf("bad URL %q: user info is not allowed", s)
	case !validPort(u.Port()):
		return fmt.Errorf("bad URL %q: port %q is outside 1–65535", s, u.Port())
	}
	return nil
}

// validPort reports whether a URL's port, "" when it names none, is one a
// request can use (the dial of port 0 or 99999 fails only at crawl time).
func validPort(port string) bool {
	if port == "" {
		return true
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 1 && n <= 65535
}

// checkURLKey validates the url key of a source that fetches one page
// (rss, html).
func checkURLKey(src *config.Source) error {
	if err := checkPageURL(src.URL); err != nil {
		return &KeyError{Key: "url", Err: err}
	}
	return nil
}
