package crawler

import (
	"context"
	"html"
	"net/url"
	"strings"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Greenhouse Job Board API: one unpaginated GET returns the whole board.
//
//	GET https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true
//	{"jobs":[{id, title, absolute_url, location{name}, company_name,
//	  departments[{name}], offices[{name,location}], updated_at,
//	  first_published, content}, ...], "meta":{"total":N}}
//
// content is HTML that Greenhouse entity-escaped once ("&lt;p&gt;"); it is
// unescaped exactly once, so a literal "&lt;" in the text survives.
// meta.total is not trusted: the jobs array is what there is.
const greenhouseOrigin = "https://boards-api.greenhouse.io"

type greenhouse struct{ h *HTTP }

func newGreenhouse(h *HTTP) Fetcher { return &greenhouse{h: h} }

func (g *greenhouse) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	u := apiURL(src.BaseURL, greenhouseOrigin, "/v1/boards/"+url.PathEscape(src.Board)+"/jobs", "content=true")
	return fetchJSON(ctx, g.h, u, errSource("greenhouse", "board", src.Board), parseGreenhouse)
}

// greenhouseJob is one element of the jobs array, as greenhouseJob's
// UnmarshalJSON reads it (greenhouse_json.go).
type greenhouseJob struct {
	ID             jsonID // "id"
	Title          string // "title"
	AbsoluteURL    string // "absolute_url"
	Location       string // "location": {"name"}; null or missing: ""
	CompanyName    string // "company_name"
	Department     string // "departments": [{"name"}], the first one's
	Offices        []greenhouseOffice
	UpdatedAt      string // "updated_at"
	FirstPublished string // "first_published"
	Content        string // "content"
}

// greenhouseOffice is an element of "offices".
type greenhouseOffice struct{ Name, Location string }

// parseGreenhouse decodes a /jobs?content=true body.
func parseGreenhouse(body []byte) ([]skillpulse.Posting, error) {
	jobs, err := decodeJobs[greenhouseJob](body)
	if err != nil && !isTruncation(err) {
		return nil, err
	}
	out := make([]skillpulse.Posting, 0, len(jobs))
	for _, j := range jobs {
		p := skillpulse.Posting{
			NativeID:    string(j.ID),
			Title:       j.Title,
			URL:         j.AbsoluteURL,
			Company:     j.CompanyName,
			Posted:      parseTime(j.FirstPublished),
			Updated:     parseTime(j.UpdatedAt),
			Description: html.UnescapeString(j.Content),
		}
		p.Location = j.Location
		if p.Location == "" {
			var offices []string
			for _, o := range j.Offices {
				if s := strings.TrimSpace(o.Location); s != "" {
					offices = append(offices, s)
				} else if s := strings.TrimSpace(o.Name); s != "" {
					offices = append(offices, s)
				}
			}
			p.Location = strings.Join(offices, "; ")
		}
		p.Department = j.Department
		p.Workplace = workplaceFromLocation(p.Location)
		out = append(out, p)
	}
	return out, err // err: nil or the malformed jobs skipped
}
