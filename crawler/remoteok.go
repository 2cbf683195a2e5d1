package crawler

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// RemoteOK: one GET returns the whole feed as a bare array whose first
// element is a legal notice (no id, no position), not a job.
//
//	GET https://remoteok.com/api
//	[{"last_updated":…, "legal":"…"}, {id (string), position, company,
//	  location, url, epoch (unix s), date, description (raw HTML), tags[],
//	  salary_min, salary_max (0: not given)}, ...]
//
// The terms ask for a link back and attribution; the feed is remote-only
// by definition. Some recorded payloads carry UTF-8 that was encoded
// twice; fixMojibake undoes that where it can be proven.
const remoteOKOrigin = "https://remoteok.com"

type remoteOK struct{ h *HTTP }

func newRemoteOK(h *HTTP) Fetcher { return &remoteOK{h: h} }

func (r *remoteOK) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	u := apiURL(src.BaseURL, remoteOKOrigin, "/api", "")
	return fetchJSON(ctx, r.h, u, errKind("remoteok"), parseRemoteOK)
}

type remoteOKJob struct {
	Legal       *string `json:"legal"`
	ID          jsonID  `json:"id"`
	Position    string  `json:"position"`
	Company     string  `json:"company"`
	Location    string  `json:"location"`
	URL         string  `json:"url"`
	Epoch       int64   `json:"epoch"`
	Date        string  `json:"date"`
	Description string  `json:"description"`
	SalaryMin   float64 `json:"salary_min"`
	SalaryMax   float64 `json:"salary_max"`
}

// parseRemoteOK decodes the feed, skipping the legal notice.
func parseRemoteOK(body []byte) ([]skillpulse.Posting, error) {
	if b := firstByte(body); b != '[' && b != 0 {
		return nil, fmt.Errorf("want a JSON array of jobs, got %.80q", body)
	}
	var feed records[remoteOKJob]
	if err := decodeJSON(body, &feed); err != nil {
		return nil, err
	}
	out := make([]skillpulse.Posting, 0, len(feed.Items))
	for _, j := range feed.Items {
		if j.Legal != nil && j.ID == "" && j.Position == "" {
			continue
		}
		p := skillpulse.Posting{
			NativeID:    string(j.ID),
			Title:       fixMojibake(j.Position),
			Company:     fixMojibake(j.Company),
			Location:    strings.Trim(fixMojibake(j.Location), " ,"),
			URL:         j.URL,
			Workplace:   skillpulse.WorkplaceRemote,
			Posted:      parseTime(j.Date),
			Description: fixMojibake(j.Description),
		}
		if p.Posted.IsZero() && j.Epoch > 0 {
			p.Posted = time.Unix(j.Epoch, 0).UTC()
		}
		if j.SalaryMin > 0 || j.SalaryMax > 0 {
			// The feed names neither currency nor period; none is invented.
			p.Salary = &skillpulse.Salary{Min: j.SalaryMin, Max: j.SalaryMax}
		}
		out = append(out, p)
	}
	return out, feed.err()
}

// fixMojibake undoes UTF-8 that was decoded as Latin-1 and encoded again
// ("donâ\u0080\u0099t" for "don’t"). It only acts when the proof is
// there: every rune fits in a byte, at least one is a C1 control
// (U+0080–U+009F, which real text never contains), and the bytes form
// valid UTF-8. Anything else is returned unchanged.
func fixMojibake(s string) string {
	c1 := false
	for _, r := range s {
		if r > 0xFF {
			return s
		}
		if r >= 0x80 && r <= 0x9F {
			c1 = true
		}
	}
	if !c1 {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}
