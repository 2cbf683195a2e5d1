package crawler

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Remotive public API: one unpaginated GET per category.
//
//	GET https://remotive.com/api/remote-jobs?category=devops-sysadmin
//	{"00-warning", "0-legal-notice", "job-count":N, "total-job-count":M,
//	  "jobs":[{id, url, title, company_name, company_logo, category,
//	  tags[], job_type, publication_date (no zone), candidate_required_location,
//	  salary (free text), description (raw HTML)}]}
//
// The jobs array is what there is; job-count is not trusted. Every job is
// remote (it is a remote-only board), and its URL is Remotive's page,
// which is the link back the terms ask for.
//
// Politeness: Remotive's terms allow at most 4 requests a day and block
// clients making more than 2 a minute. A fetch is one request, with no
// retries (a retry is exactly the second request within a minute that
// gets a client blocked; the next scheduled run is the retry), and a
// conditional one, so an unchanged feed costs Remotive no body. What is
// left is the schedule: the default nightly crawl makes one request a day
// per configured remotive source, so keep to a few categories and do not
// run crawls by hand more than a couple of times a day on top of it.
const (
	remotiveOrigin          = "https://remotive.com"
	remotiveDefaultCategory = "devops-sysadmin"
)

type remotive struct{ h *HTTP }

func newRemotive(h *HTTP) Fetcher { return &remotive{h: h} }

func (r *remotive) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	category := strings.TrimSpace(src.Category)
	if category == "" {
		category = remotiveDefaultCategory
	}
	fail := errSource("remotive", "category", category)
	u := apiURL(src.BaseURL, remotiveOrigin, "/api/remote-jobs", "category="+url.QueryEscape(category))
	return fetchJSON(ctx, withoutRetries(r.h), u, fail, parseRemotive)
}

// withoutRetries is a view of h that makes every request once. It shares
// h's per-host collectors, so the configured delay still applies.
func withoutRetries(h *HTTP) *HTTP {
	v := *h
	v.lim.MaxRetries = 0
	return &v
}

type remotiveJob struct {
	ID                        jsonID `json:"id"`
	URL                       string `json:"url"`
	Title                     string `json:"title"`
	CompanyName               string `json:"company_name"`
	PublicationDate           string `json:"publication_date"`
	CandidateRequiredLocation string `json:"candidate_required_location"`
	Salary                    string `json:"salary"`
	Description               string `json:"description"`
}

// parseRemotive decodes a remote-jobs body.
func parseRemotive(body []byte) ([]skillpulse.Posting, error) {
	jobs, err := decodeJobs[remotiveJob](body)
	if err != nil && !isTruncation(err) {
		return nil, err
	}
	out := make([]skillpulse.Posting, 0, len(jobs))
	for _, j := range jobs {
		out = append(out, skillpulse.Posting{
			NativeID:    string(j.ID),
			Title:       j.Title,
			URL:         j.URL,
			Company:     j.CompanyName,
			Location:    j.CandidateRequiredLocation,
			Workplace:   skillpulse.WorkplaceRemote,
			Salary:      parseSalaryText(j.Salary),
			Posted:      parseDate(j.PublicationDate),
			Description: j.Description,
		})
	}
	return out, err // err: nil or the malformed jobs skipped
}

// salaryFigure is a figure in free text with its separators ("45,000",
// "45.000", "22.50"), then an optional "k" that is not the start of a word.
var salaryFigure = regexp.MustCompile(`(\d[\d,.]*)(?:\s?([kK])(?:[^\pL]|$))?`)

// parseSalaryText reads a free-text salary ("$55k - $100k", "$18 - $22/hr",
// "EUR 60.000 – 80.000 per year") as a range. Without a stated currency,
// or without a figure, it is nil: a bare "competitive" or "50-60" says
// nothing comparable. A single figure is both ends. The period is set
// only when the text states one.
func parseSalaryText(s string) *skillpulse.Salary {
	s = clipBytes(strings.TrimSpace(s), maxShortLen)
	currency := textCurrency(s)
	if currency == "" {
		return nil
	}
	var figures []float64
	for _, m := range salaryFigure.FindAllStringSubmatch(s, -1) {
		v, ok := parseFigure(m[1])
		if !ok {
			continue
		}
		if m[2] != "" {
			v *= 1000
		}
		figures = append(figures, v)
		if len(figures) == 2 {
			break
		}
	}
	if len(figures) == 0 {
		return nil
	}
	sal := &skillpulse.Salary{Min: figures[0], Max: figures[len(figures)-1], Currency: currency, Period: textPeriod(s)}
	if sal.Min > sal.Max {
		sal.Min, sal.Max = sal.Max, sal.Min
	}
	return sal
}

// parseFigure reads "45,000", "45.000", "1,234.56", "22.50" or "60": with
// both separators the last one is the decimal point; with one kind, it
// separates thousands when every group after the first has three digits.
func parseFigure(tok string) (float64, bool) {
	tok = strings.TrimRight(tok, ",.")
	if i := strings.LastIndexAny(tok, ",."); i >= 0 && strings.ContainsRune(tok, ',') && strings.ContainsRune(tok, '.') {
		tok = strings.NewReplacer(",", "", ".", "").Replace(tok[:i]) + "." + tok[i+1:]
	} else if groups := strings.FieldsFunc(tok, func(r rune) bool { return r == ',' || r == '.' }); len(groups) > 1 {
		thousands := len(groups[0]) <= 3
		for _, g := range groups[1:] {
			thousands = thousands && len(g) == 3
		}
		switch {
		case thousands:
			tok = strings.Join(groups, "")
		case len(groups) == 2:
			tok = groups[0] + "." + groups[1]
		default:
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(tok, 64)
	return v, err == nil && v > 0
}

// textCurrency is the currency a free-text salary names: an ISO code
// ("USD", "eur") or a symbol, most specific first ("CA$" before "$").
func textCurrency(s string) string {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w = strings.ToUpper(w); w {
		case "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK",
			"PLN", "CZK", "INR", "JPY", "SGD", "BRL", "MXN", "ZAR":
			return w
		}
	}
	symbols := [][2]string{
		{"CA$", "CAD"}, {"C$", "CAD"}, {"AU$", "AUD"}, {"A$", "AUD"}, {"US$", "USD"},
		{"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"₹", "INR"},
	}
	for _, c := range symbols {
		if strings.Contains(s, c[0]) {
			return c[1]
		}
	}
	return ""
}

// textPeriod is salaryPeriod with the abbreviations of free text
// ("/hr", "/yr", "p.a.").
func textPeriod(s string) string {
	l := strings.ToLower(s)
	if p := salaryPeriod(l); p != "" {
		return p
	}
	switch {
	case strings.Contains(l, "/hr") || strings.Contains(l, "hourly"):
		return "hour"
	case strings.Contains(l, "/yr") || strings.Contains(l, "p.a.") || strings.Contains(l, "annual"):
		return "year"
	case strings.Contains(l, "/mo"):
		return "month"
	}
	return ""
}
