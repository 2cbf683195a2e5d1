package crawler

import (
	"context"
	"net/url"
	"strings"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Ashby public posting API: one unpaginated GET per board; an unknown
// board is a 404.
//
//	GET https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true
//	{"apiVersion":"1","jobs":[{id, title, department, team, location,
//	  secondaryLocations[{location}], workplaceType, isRemote, isListed,
//	  publishedAt, jobUrl, descriptionHtml (raw HTML),
//	  compensation{summaryComponents[{compensationType, interval,
//	  currencyCode, minValue, maxValue}]}}]}
//
// Unlisted jobs (isListed false) are left out: the board does not show them.
const ashbyOrigin = "https://api.ashbyhq.com"

type ashby struct{ h *HTTP }

func newAshby(h *HTTP) Fetcher { return &ashby{h: h} }

func (a *ashby) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	u := apiURL(src.BaseURL, ashbyOrigin, "/posting-api/job-board/"+url.PathEscape(src.Board), "includeCompensation=true")
	return fetchJSON(ctx, a.h, u, errSource("ashby", "board", src.Board), parseAshby)
}

type ashbyJob struct {
	ID                 string `json:"id"`
	Title              string `json:"title"`
	Department         string `json:"department"`
	Team               string `json:"team"`
	Location           string `json:"location"`
	SecondaryLocations []struct {
		Location string `json:"location"`
	} `json:"secondaryLocations"`
	WorkplaceType   *string `json:"workplaceType"`
	IsRemote        *bool   `json:"isRemote"`
	IsListed        *bool   `json:"isListed"`
	PublishedAt     string  `json:"publishedAt"`
	JobURL          string  `json:"jobUrl"`
	DescriptionHTML string  `json:"descriptionHtml"`
	Compensation    *struct {
		SummaryComponents []struct {
			CompensationType string   `json:"compensationType"`
			Interval         string   `json:"interval"`
			CurrencyCode     string   `json:"currencyCode"`
			MinValue         *float64 `json:"minValue"`
			MaxValue         *float64 `json:"maxValue"`
		} `json:"summaryComponents"`
	} `json:"compensation"`
}

// parseAshby decodes a job-board body, leaving out unlisted jobs.
func parseAshby(body []byte) ([]skillpulse.Posting, error) {
	jobs, err := decodeJobs[ashbyJob](body)
	if err != nil && !isTruncation(err) {
		return nil, err
	}
	out := make([]skillpulse.Posting, 0, len(jobs))
	for _, j := range jobs {
		if j.IsListed != nil && !*j.IsListed {
			continue
		}
		p := skillpulse.Posting{
			NativeID:    j.ID,
			Title:       j.Title,
			URL:         j.JobURL,
			Department:  j.Department,
			Posted:      parseTime(j.PublishedAt),
			Description: j.DescriptionHTML,
		}
		if p.Department == "" {
			p.Department = j.Team
		}
		locs := []string{j.Location}
		for _, s := range j.SecondaryLocations {
			locs = append(locs, s.Location)
		}
		p.Location = joinNonEmpty(locs, "; ")
		if j.WorkplaceType != nil {
			p.Workplace = skillpulse.ParseWorkplace(*j.WorkplaceType)
		}
		if p.Workplace == skillpulse.WorkplaceUnknown && j.IsRemote != nil && *j.IsRemote {
			p.Workplace = skillpulse.WorkplaceRemote
		}
		if c := j.Compensation; c != nil {
			for _, sc := range c.SummaryComponents {
				if sc.CompensationType != "Salary" || (sc.MinValue == nil && sc.MaxValue == nil) {
					continue
				}
				s := &skillpulse.Salary{Currency: sc.CurrencyCode, Period: salaryPeriod(sc.Interval)}
				if sc.MinValue != nil {
					s.Min = *sc.MinValue
				}
				if sc.MaxValue != nil {
					s.Max = *sc.MaxValue
				}
				p.Salary = s
				break
			}
		}
		out = append(out, p)
	}
	return out, err // err: nil or the malformed jobs skipped
}

// joinNonEmpty joins the non-blank, distinct elements of list.
func joinNonEmpty(list []string, sep string) string {
	var keep []string
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, sep)
}
