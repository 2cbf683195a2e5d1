package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Career pages with schema.org JobPosting markup, the JSON-LD that Google
// for Jobs reads:
//
//	<script type="application/ld+json">{"@context":"https://schema.org",
//	  "@type":"JobPosting", title, description (HTML, often entity-escaped),
//	  datePosted, hiringOrganization{name}, jobLocation{address{
//	  addressLocality, addressRegion, addressCountry}}, jobLocationType
//	  ("TELECOMMUTE"), baseSalary{currency, value{minValue, maxValue,
//	  unitText}}, identifier{value}, url}</script>
//
// A page may hold one object, an array, an @graph, JobPostings nested in
// another node (an ItemList, a WebPage's mainEntity), several script
// blocks, and JSON wrapped in //<![CDATA[ … //]]>; all are read.
//
// Each of urls is fetched; on each, links whose absolute URL matches the
// follow pattern (a Go regexp, unanchored) are detail pages, fetched once
// each, only on the hosts of urls, within max_pages and max_items. A
// link's text (or title / aria-label) goes through the role filter before
// the link is fetched, so a filtered-out posting costs no request; a link
// with no text at all is fetched, as it cannot be judged. Followed pages'
// own links are not followed: the configured pages are the lists.
// robots.txt is obeyed (Kind.Robots).
type jsonld struct {
	h *HTTP
	prefilter
}

func newJSONLD(h *HTTP) Fetcher { return &jsonld{h: h} }

// Bounds on what one page's JSON-LD can make us walk and return.
const (
	maxLDDepth    = 16
	maxLDPostings = 1000
	maxLDPlaces   = 8
)

var errNoJobPostings = errors.New("no schema.org JobPosting on the pages and no link matched follow")

// followLink is a detail-page candidate: its URL and what the links to it
// say, joined, for the role filter.
type followLink struct{ url, text string }

func (j *jsonld) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errSource("jsonld", "source", src.Name)
	var follow *regexp.Regexp
	if strings.TrimSpace(src.Follow) != "" {
		re, err := regexp.Compile(src.Follow)
		if err != nil {
			return nil, fail("follow", err)
		}
		follow = re
	}
	crawl := newPageCrawl(j.h, src.Name, src.URLs)
	var posts []skillpulse.Posting
	var links []followLink
	index := map[string]int{}
	for _, u := range src.URLs {
		p, ok, err := crawl.list(ctx, u)
		if err != nil {
			return nil, fail("", err)
		}
		if !ok {
			continue
		}
		posts = append(posts, crawl.jobPostings(p)...)
		if follow == nil {
			continue
		}
		p.doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			abs := resolveLink(p.base, href)
			if abs == "" || !follow.MatchString(abs) {
				return
			}
			text := linkText(a)
			if i, seen := index[abs]; seen {
				if text != "" && !strings.Contains(links[i].text, text) {
					// Bounded: a page may link one URL a thousand times.
					links[i].text = clipRunes(strings.TrimPrefix(links[i].text+" | "+text, " | "), 4*maxTitleLen)
				}
				return
			}
			index[abs] = len(links)
			links = append(links, followLink{url: abs, text: text})
		})
	}
	maxItems := j.h.Limits().MaxItems
	for i, l := range links {
		if len(posts) >= maxItems {
			crawl.skipItems(len(links) - i)
			break
		}
		if crawl.visited[l.url] {
			continue
		}
		if !crawl.onHost(l.url) {
			crawl.offHost++
			continue
		}
		if !j.keep(l.text) {
			continue
		}
		p, ok, err := crawl.detail(ctx, l.url)
		if err != nil {
			return nil, fail("", err)
		}
		if ok {
			posts = append(posts, crawl.jobPostings(p)...)
		}
	}
	if len(posts) == 0 && len(links) == 0 && crawl.overBudget == 0 && crawl.capped == 0 {
		return nil, fail("", errNoJobPostings)
	}
	return crawl.result(posts, fail)
}

// checkJSONLD validates urls (each an absolute http(s) URL) and follow (a
// Go regexp).
func checkJSONLD(src *config.Source) error {
	for i, u := range src.URLs {
		if err := checkPageURL(u); err != nil {
			return &KeyError{Key: fmt.Sprintf("urls[%d]", i), Err: err}
		}
	}
	if strings.TrimSpace(src.Follow) != "" {
		if _, err := regexp.Compile(src.Follow); err != nil {
			return &KeyError{Key: "follow", Err: fmt.Errorf("bad pattern %q (a Go regexp): %w", src.Follow, err)}
		}
	}
	return nil
}

// parseJobPostingPage reads the JobPostings of an HTML page whose URL is
// base. A page holding more than it reads comes with an error wrapping
// ErrTruncated.
func parseJobPostingPage(body []byte, base *url.URL) ([]skillpulse.Posting, error) {
	p, err := parsePage(body, base)
	if err != nil {
		return nil, err
	}
	posts, cut := jobPostings(p.doc, p.base)
	if cut {
		return posts, fmt.Errorf("%w: page holds more JobPostings than the %d read, or nests them deeper than %d", ErrTruncated, maxLDPostings, maxLDDepth)
	}
	return posts, nil
}

// jobPostings collects the JobPostings of every JSON-LD block of doc. A
// block that is not valid JSON is skipped: one broken widget must not
// hide the postings of the others. cut reports that a bound
// (maxLDPostings, maxLDDepth) left JobPostings of the page unread, so the
// result must not close anything.
func jobPostings(doc *goquery.Document, base *url.URL) (posts []skillpulse.Posting, cut bool) {
	var nodes []map[string]any
	doc.Find("script[type]").Each(func(_ int, s *goquery.Selection) {
		typ, _ := s.Attr("type")
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(typ)), "application/ld+json") {
			return
		}
		var v any
		dec := json.NewDecoder(strings.NewReader(ldScriptJSON(s.Text())))
		dec.UseNumber()
		if dec.Decode(&v) != nil {
			return
		}
		collectJobPostings(v, 0, &nodes, &cut)
	})
	out := make([]skillpulse.Posting, 0, len(nodes))
	for i, n := range nodes {
		p := ldPosting(n, base)
		if p.NativeID == "" {
			// Neither identifier nor url: the page is the posting. A
			// page of several such postings tells them apart by order.
			p.NativeID = base.String()
			if len(nodes) > 1 {
				p.NativeID += "#" + strconv.Itoa(i+1)
			}
		}
		if p.URL == "" {
			p.URL = base.String()
		}
		out = append(out, p)
	}
	return out, cut
}

// ldScriptJSON strips what pages wrap JSON-LD in (CDATA markers, HTML
// comments) and turns raw control characters, which encoding/json
// rejects inside strings and which careless templates leave there, into
// spaces.
func ldScriptJSON(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}, {"<!--", "-->"}} {
		if rest, ok := strings.CutPrefix(s, w[0]); ok {
			s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), w[1]))
		}
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
}

// collectJobPostings appends the JobPosting nodes in v, depth first in
// document order (object keys sorted, so the result does not depend on
// map order). It sets *cut, and stops, when a JobPosting is found past
// maxLDPostings or a list or object lies deeper than maxLDDepth (it may
// hold JobPostings).
func collectJobPostings(v any, depth int, out *[]map[string]any, cut *bool) {
	if *cut {
		return
	}
	if depth > maxLDDepth {
		switch t := v.(type) {
		case []any:
			*cut = len(t) > 0
		case map[string]any:
			*cut = len(t) > 0
		}
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectJobPostings(e, depth+1, out, cut)
		}
	case map[string]any:
		if isJobPosting(t["@type"]) {
			if len(*out) >= maxLDPostings {
				*cut = true
				return
			}
			*out = append(*out, t)
			return
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			collectJobPostings(t[k], depth+1, out, cut)
		}
	}
}

// isJobPosting reports whether an @type names JobPosting ("JobPosting",
// "schema:JobPosting", "https://schema.org/JobPosting", or a list with
// one of them).
func isJobPosting(t any) bool {
	switch v := t.(type) {
	case string:
		i := strings.LastIndexAny(v, "/:#")
		return strings.EqualFold(strings.TrimSpace(v[i+1:]), "JobPosting")
	case []any:
		return slices.ContainsFunc(v, isJobPosting)
	}
	return false
}

// ldPosting maps one JobPosting node.
func ldPosting(n map[string]any, base *url.URL) skillpulse.Posting {
	p := skillpulse.Posting{
		Title:   htmlText(ldText(n["title"])),
		Company: htmlText(ldText(n["hiringOrganization"])),
		Posted:  ldDate(ldText(n["datePosted"])),
		URL:     resolveLink(base, ldText(n["url"])),
	}
	if p.Title == "" {
		p.Title = htmlText(ldText(n["name"]))
	}
	p.NativeID = ldID(n["identifier"])
	if p.NativeID == "" {
		p.NativeID = p.URL
	}
	// Descriptions are HTML, which many sites entity-escape once more;
	// markup that is all escaped is unescaped exactly once.
	p.Description = ldText(n["description"])
	if !strings.Contains(p.Description, "<") && strings.Contains(p.Description, "&lt;") {
		p.Description = html.UnescapeString(p.Description)
	}
	p.Location = ldLocations(n["jobLocation"])
	if p.Location == "" {
		p.Location = ldNames(n["applicantLocationRequirements"])
	}
	p.Workplace = workplaceFromLocation(p.Location)
	if strings.Contains(strings.ToUpper(ldText(n["jobLocationType"])), "TELECOMMUTE") {
		p.Workplace = skillpulse.WorkplaceRemote
	}
	p.Salary = ldSalary(n["baseSalary"], ldText(n["salaryCurrency"]))
	return p
}

// ldText reads a text-like value: a string, a number, the first usable
// element of a list, or an object's name or @value.
func ldText(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case json.Number:
		return t.String()
	case []any:
		for _, e := range t {
			if s := ldText(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"name", "@value"} {
			if s, ok := t[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// ldID reads an identifier: a PropertyValue's value, or a bare string or
// number. (ldText would take a PropertyValue's name, the issuer.)
func ldID(v any) string {
	if m, ok := v.(map[string]any); ok {
		for _, k := range []string{"value", "@value", "@id"} {
			if s := ldText(m[k]); s != "" {
				return s
			}
		}
		return ""
	}
	if l, ok := v.([]any); ok && len(l) > 0 {
		return ldID(l[0])
	}
	return ldText(v)
}

// ldDate reads datePosted: an ISO 8601 date or date-time, with or
// without a zone (a zone-less one is taken as UTC).
func ldDate(s string) time.Time {
	if t := parseTime(s); !t.IsZero() {
		return t
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// ldLocations reads jobLocation (a Place or a list of them) as
// "locality, region, country" per place, places joined by "; ".
func ldLocations(v any) string {
	var out []string
	for _, pl := range ldList(v) {
		if len(out) >= maxLDPlaces {
			break
		}
		var s string
		switch t := pl.(type) {
		case string:
			s = t
		case map[string]any:
			switch a := t["address"].(type) {
			case string:
				s = a
			case map[string]any:
				var parts []string
				for _, k := range []string{"addressLocality", "addressRegion", "addressCountry"} {
					if part := htmlText(ldText(a[k])); part != "" && !slices.Contains(parts, part) {
						parts = append(parts, part)
					}
				}
				s = strings.Join(parts, ", ")
			}
			if s == "" {
				s = ldText(t["name"])
			}
		}
		if s = htmlText(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// ldList is v as a list: schema.org allows one value or several.
func ldList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// ldNames reads the names of a node or list of nodes (e.g.
// applicantLocationRequirements: [{"@type":"Country","name":"USA"}]).
func ldNames(v any) string {
	var out []string
	for _, e := range ldList(v) {
		if s := htmlText(ldText(e)); s != "" && len(out) < maxLDPlaces && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// ldSalary reads baseSalary: a MonetaryAmount whose value is a
// QuantitativeValue (minValue, maxValue or value, unitText) or a number,
// or a bare number with the posting's salaryCurrency.
func ldSalary(v any, currency string) *skillpulse.Salary {
	var s skillpulse.Salary
	s.Currency = currency
	amount := v
	if m, ok := v.(map[string]any); ok {
		if c := ldText(m["currency"]); c != "" {
			s.Currency = c
		}
		amount = m["value"]
		s.Period = salaryPeriod(ldText(m["unitText"]))
	}
	if q, ok := amount.(map[string]any); ok {
		s.Min, s.Max = ldNumber(q["minValue"]), ldNumber(q["maxValue"])
		if one := ldNumber(q["value"]); s.Min == 0 && s.Max == 0 {
			s.Min, s.Max = one, one
		}
		if p := salaryPeriod(ldText(q["unitText"])); p != "" {
			s.Period = p
		}
	} else {
		one := ldNumber(amount)
		s.Min, s.Max = one, one
	}
	if s.Min <= 0 && s.Max <= 0 {
		return nil
	}
	return &s
}

// ldNumber reads a number given as a JSON number or a string such as
// "100000" or "120,000.50"; anything else is 0.
func ldNumber(v any) float64 {
	var s string
	switch t := v.(type) {
	case json.Number:
		s = t.String()
	case string:
		s = strings.ReplaceAll(strings.TrimSpace(t), ",", "")
	default:
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 1e12 {
		return 0
	}
	return f
}
