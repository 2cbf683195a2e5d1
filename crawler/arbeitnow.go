package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Arbeitnow job board API: the whole board, paged in the Laravel style.
//
//	GET https://www.arbeitnow.com/api/job-board-api?page=N
//	{"data":[{slug, company_name, title, description (raw HTML), remote,
//	  url, tags[], job_types[], location, created_at (unix s)}, ...],
//	 "links":{first, last, prev, next}, "meta":{current_page, from, path,
//	  per_page, to, ...}}
//
// Paging follows links.next until it is null or absent, as long as it
// stays on the scheme and host of the first request (the real origin or
// base_url): a next link elsewhere is not followed, and the result is
// reported cut short rather than complete. A next link already visited
// ends paging, as does max_pages.
const arbeitnowOrigin = "https://www.arbeitnow.com"

type arbeitnow struct{ h *HTTP }

func newArbeitnow(h *HTTP) Fetcher { return &arbeitnow{h: h} }

func (a *arbeitnow) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errKind("arbeitnow")
	next := apiURL(src.BaseURL, arbeitnowOrigin, "/api/job-board-api", "page=1")
	origin, err := url.Parse(next)
	if err != nil {
		return nil, fail("", err)
	}
	visited := make(map[string]bool)
	var offsite error // a next link that was not followed
	posts, err := fetchPages(ctx, a.h, src.Name, 0, func(ctx context.Context, n int) ([]skillpulse.Posting, bool, error) {
		u := next
		visited[u] = true
		resp, err := a.h.Get(ctx, u, http.Header{"Accept": {"application/json"}})
		if err != nil {
			return nil, false, fail("", err)
		}
		posts, link, err := parseArbeitnowPage(resp.Body)
		if err != nil {
			// A truncation (jobs skipped as malformed) comes with the page.
			err = fail(fmt.Sprintf("decode jobs page %d (%s)", n+1, u), err)
			if !isTruncation(err) {
				return nil, false, err
			}
		}
		if strings.TrimSpace(link) == "" {
			return posts, false, err
		}
		next = resolveLink(origin, link)
		switch {
		case !sameOrigin(origin, next):
			offsite = fmt.Errorf("%w: links.next %.200q on page %d leaves %s://%s", ErrTruncated, link, n+1, origin.Scheme, origin.Host)
			return posts, false, err
		case visited[next]:
			a.h.log.Warn("stopped paging: links.next was already visited", "source", src.Name, "next", next)
			return posts, false, err
		}
		return posts, true, err
	})
	switch {
	case offsite != nil:
		return posts, fail("", errors.Join(offsite, err))
	case isTruncation(err): // max_pages, malformed jobs
		return posts, fail("", err)
	case err != nil:
		return nil, err
	}
	return posts, nil
}

// sameOrigin reports whether link is on origin's scheme and host: a next
// link elsewhere could walk the crawler off to any site.
func sameOrigin(origin *url.URL, link string) bool {
	u, err := url.Parse(link)
	return err == nil && u.Scheme == origin.Scheme && strings.EqualFold(u.Host, origin.Host)
}

type arbeitnowPage struct {
	Data  *records[arbeitnowJob] `json:"data"`
	Links struct {
		Next string `json:"next"`
	} `json:"links"`
}

type arbeitnowJob struct {
	Slug        string `json:"slug"`
	CompanyName string `json:"company_name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Remote      bool   `json:"remote"`
	URL         string `json:"url"`
	Location    string `json:"location"`
	CreatedAt   int64  `json:"created_at"`
}

// parseArbeitnowPage decodes one page: its postings and links.next ("" on
// the last page, where it is null).
func parseArbeitnowPage(body []byte) ([]skillpulse.Posting, string, error) {
	var page arbeitnowPage
	if err := decodeJSON(body, &page); err != nil {
		return nil, "", err
	}
	if page.Data == nil {
		return nil, "", errNoArray
	}
	out := make([]skillpulse.Posting, 0, len(page.Data.Items))
	for _, j := range page.Data.Items {
		p := skillpulse.Posting{
			NativeID:    j.Slug,
			Title:       j.Title,
			URL:         j.URL,
			Company:     j.CompanyName,
			Location:    j.Location,
			Workplace:   workplaceFromLocation(j.Location),
			Description: j.Description,
		}
		if j.Remote {
			p.Workplace = skillpulse.WorkplaceRemote
		}
		if j.CreatedAt > 0 {
			p.Posted = time.Unix(j.CreatedAt, 0).UTC()
		}
		out = append(out, p)
	}
	return out, page.Links.Next, page.Data.err()
}
