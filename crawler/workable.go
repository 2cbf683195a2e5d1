package crawler

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Workable public job widget: one unpaginated GET per account returns
// every published job, with its HTML description when details=true.
//
//	GET https://apply.workable.com/api/v1/widget/accounts/{account}?details=true
//	{"name", "description", "jobs":[{title, shortcode, code,
//	  employment_type, telecommuting, department, url, shortlink,
//	  application_url, published_on, created_at (YYYY-MM-DD), country,
//	  city, state, education, experience, function, industry,
//	  locations[{country,countryCode,city,region,hidden}],
//	  description (raw HTML)}]}
//
// The account's name is the company of every job. The older
// www.workable.com/api/accounts/{account} URL redirects here across
// hosts, which the HTTP layer refuses, so the widget URL is asked
// directly.
const workableOrigin = "https://apply.workable.com"

type workable struct{ h *HTTP }

func newWorkable(h *HTTP) Fetcher { return &workable{h: h} }

func (w *workable) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errSource("workable", "account", src.Account)
	u := apiURL(src.BaseURL, workableOrigin, "/api/v1/widget/accounts/"+url.PathEscape(src.Account), "details=true")
	return fetchJSON(ctx, w.h, u, fail, parseWorkable)
}

type workableAccount struct {
	Name string                `json:"name"`
	Jobs *records[workableJob] `json:"jobs"`
}

type workableJob struct {
	Title         string `json:"title"`
	Shortcode     string `json:"shortcode"`
	Telecommuting bool   `json:"telecommuting"`
	Department    string `json:"department"`
	URL           string `json:"url"`
	Shortlink     string `json:"shortlink"`
	PublishedOn   string `json:"published_on"`
	CreatedAt     string `json:"created_at"`
	Country       string `json:"country"`
	City          string `json:"city"`
	State         string `json:"state"`
	Locations     []struct {
		Country string `json:"country"`
		City    string `json:"city"`
		Region  string `json:"region"`
		Hidden  bool   `json:"hidden"`
	} `json:"locations"`
	Description string `json:"description"`
}

// parseWorkable decodes a widget account body.
func parseWorkable(body []byte) ([]skillpulse.Posting, error) {
	var doc workableAccount
	if err := decodeJSON(body, &doc); err != nil {
		return nil, err
	}
	if doc.Jobs == nil {
		return nil, errNoArray
	}
	out := make([]skillpulse.Posting, 0, len(doc.Jobs.Items))
	for _, j := range doc.Jobs.Items {
		p := skillpulse.Posting{
			NativeID:    j.Shortcode,
			Title:       j.Title,
			URL:         j.URL,
			Company:     doc.Name,
			Department:  j.Department,
			Posted:      parseDate(j.PublishedOn),
			Description: j.Description,
		}
		if p.URL == "" {
			p.URL = j.Shortlink
		}
		if p.Posted.IsZero() {
			p.Posted = parseDate(j.CreatedAt)
		}
		var locs []string
		for _, l := range j.Locations {
			if !l.Hidden {
				locs = append(locs, joinNonEmpty([]string{l.City, l.Region, l.Country}, ", "))
			}
		}
		p.Location = joinNonEmpty(locs, "; ")
		if p.Location == "" {
			p.Location = joinNonEmpty([]string{j.City, j.State, j.Country}, ", ")
		}
		if j.Telecommuting {
			p.Workplace = skillpulse.WorkplaceRemote
		}
		out = append(out, p)
	}
	return out, doc.Jobs.err()
}

// parseDate is parseTime extended to the forms that some boards use
// instead of RFC 3339: a date alone (Workable's "2026-07-14") and a
// timestamp without a zone (Remotive's "2026-07-28T14:23:05"). Both are
// read as UTC, the zone being unstated; anything else is the zero time.
func parseDate(s string) time.Time {
	if t := parseTime(s); !t.IsZero() {
		return t
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", time.DateOnly} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}
