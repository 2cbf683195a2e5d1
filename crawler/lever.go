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

// Lever Postings API: a bare JSON array per page, paged with skip/limit
// and no total or cursor.
//
//	GET https://api.lever.co/v0/postings/{site}?mode=json&skip=N&limit=M
//	[{id, text, categories{location,team,department}, workplaceType,
//	  hostedUrl, createdAt (epoch ms), description (raw HTML),
//	  lists[{text, content: bare <li>s}], additional, salaryRange?}, ...]
//
// Pages are requested until one is shorter than the limit, max_pages is
// reached, or a page repeats the previous one (a server ignoring skip).
const (
	leverOrigin   = "https://api.lever.co"
	leverPageSize = 100
)

type lever struct {
	h        *HTTP
	pageSize int
}

func newLever(h *HTTP) Fetcher { return &lever{h: h, pageSize: leverPageSize} }

func (l *lever) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errSource("lever", "site", src.Site)
	path := "/v0/postings/" + url.PathEscape(src.Site)
	posts, err := fetchPages(ctx, l.h, src.Name, l.pageSize, func(ctx context.Context, n int) ([]skillpulse.Posting, bool, error) {
		skip := n * l.pageSize
		u := apiURL(src.BaseURL, leverOrigin, path, fmt.Sprintf("mode=json&skip=%d&limit=%d", skip, l.pageSize))
		resp, err := l.h.Get(ctx, u, http.Header{"Accept": {"application/json"}})
		if err != nil {
			return nil, false, fail("", err)
		}
		posts, err := parseLever(resp.Body)
		if err != nil && !isTruncation(err) {
			return nil, false, fail(fmt.Sprintf("decode postings page %d (skip=%d)", n+1, skip), err)
		}
		// A full page with records skipped as malformed is still full.
		return posts, len(posts)+malformed(err) >= l.pageSize, err
	})
	if errors.Is(err, ErrTruncated) {
		return posts, fail("", err)
	}
	return posts, err
}

type leverPosting struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	Categories struct {
		Location   string `json:"location"`
		Team       string `json:"team"`
		Department string `json:"department"`
	} `json:"categories"`
	WorkplaceType string `json:"workplaceType"`
	HostedURL     string `json:"hostedUrl"`
	CreatedAt     int64  `json:"createdAt"`
	Description   string `json:"description"`
	Lists         []struct {
		Text    string `json:"text"`
		Content string `json:"content"`
	} `json:"lists"`
	Additional  string `json:"additional"`
	SalaryRange *struct {
		Currency string  `json:"currency"`
		Interval string  `json:"interval"`
		Min      float64 `json:"min"`
		Max      float64 `json:"max"`
	} `json:"salaryRange"`
}

// parseLever decodes one page of postings.
func parseLever(body []byte) ([]skillpulse.Posting, error) {
	if b := firstByte(body); b != '[' && b != 0 {
		return nil, fmt.Errorf("want a JSON array of postings, got %.80q", body)
	}
	var page records[leverPosting]
	if err := decodeJSON(body, &page); err != nil {
		return nil, err
	}
	out := make([]skillpulse.Posting, 0, len(page.Items))
	for _, lp := range page.Items {
		p := skillpulse.Posting{
			NativeID:    lp.ID,
			Title:       lp.Text,
			URL:         lp.HostedURL,
			Location:    lp.Categories.Location,
			Department:  lp.Categories.Department,
			Workplace:   skillpulse.ParseWorkplace(lp.WorkplaceType),
			Description: lp.Description,
		}
		if p.Department == "" {
			p.Department = lp.Categories.Team
		}
		if lp.CreatedAt > 0 {
			p.Posted = time.UnixMilli(lp.CreatedAt).UTC()
		}
		for _, l := range lp.Lists {
			content := strings.TrimSpace(l.Content)
			if content == "" {
				continue
			}
			p.Sections = append(p.Sections, skillpulse.Section{Heading: l.Text, Body: "<ul>" + content + "</ul>"})
		}
		if s := strings.TrimSpace(lp.Additional); s != "" {
			p.Sections = append(p.Sections, skillpulse.Section{Heading: "Additional", Body: s})
		}
		if sr := lp.SalaryRange; sr != nil && (sr.Min > 0 || sr.Max > 0) {
			p.Salary = &skillpulse.Salary{Min: sr.Min, Max: sr.Max, Currency: sr.Currency, Period: salaryPeriod(sr.Interval)}
		}
		out = append(out, p)
	}
	return out, page.err()
}

// salaryPeriod maps Lever's intervals ("per-year-salary", "per-hour-wage")
// to our periods.
func salaryPeriod(interval string) string {
	i := strings.ToLower(interval)
	for _, p := range []string{"year", "month", "week", "day", "hour"} {
		if strings.Contains(i, p) {
			return p
		}
	}
	return ""
}
