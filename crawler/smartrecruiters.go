package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// SmartRecruiters Posting API: a paged list without job text, then one
// detail request per posting for the text.
//
//	GET https://api.smartrecruiters.com/v1/companies/{company}/postings?offset=N&limit=M
//	{"offset","limit","totalFound","content":[{id, name, uuid, refNumber,
//	  company{identifier,name}, releasedDate, location{city,region,country,
//	  remote,fullLocation}, typeOfEmployment{label}, experienceLevel{label},
//	  department{label}, ref}, ...]}
//	GET https://api.smartrecruiters.com/v1/companies/{company}/postings/{id}
//	{... the list fields, postingUrl, applyUrl, jobAd{sections{
//	  companyDescription, jobDescription, qualifications,
//	  additionalInformation: {title, text (raw HTML)}}}}
//
// Pages are requested until the list is exhausted (a short or empty page,
// or offset reaching totalFound), max_pages is reached, or a page repeats
// the previous one. Details are the expensive part (one request per
// posting), so titles the role filter will drop, ids already fetched and
// postings beyond max_items get no detail request; they come back
// list-only and Crawler.FetchResult drops and counts them as usual. The
// detail URL is built from the id, never taken from the list's ref, so
// base_url and the SSRF guard apply to it like to every other request.
const (
	smartRecruitersOrigin   = "https://api.smartrecruiters.com"
	smartRecruitersPageSize = 100 // the API's maximum limit
)

type smartRecruiters struct {
	h        *HTTP
	pageSize int
	// keep is the role filter's title test; nil keeps every title.
	keep func(title string) bool
}

func newSmartRecruiters(h *HTTP) Fetcher {
	return &smartRecruiters{h: h, pageSize: smartRecruitersPageSize}
}

// filterTitles implements titleFilterer.
func (s *smartRecruiters) filterTitles(match func(title string) bool) { s.keep = match }

func (s *smartRecruiters) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	fail := errSource("smartrecruiters", "company", src.Company)
	path := "/v1/companies/" + url.PathEscape(src.Company) + "/postings"
	posts, listErr := s.list(ctx, src, path, fail)
	if listErr != nil && !errors.Is(listErr, ErrTruncated) {
		return nil, listErr
	}
	maxItems := s.h.Limits().MaxItems
	detailed := make(map[string]bool)
	var bad MalformedError // details that did not decode
	kept := posts[:0]
	for _, p := range posts {
		if strings.TrimSpace(p.NativeID) == "" || strings.TrimSpace(p.Title) == "" {
			kept = append(kept, p) // FetchResult counts it as invalid
			continue
		}
		if s.keep != nil && !s.keep(p.Title) {
			continue // keep counted it as filtered
		}
		if detailed[p.NativeID] || len(detailed) >= maxItems {
			// A repeat, or over max_items: FetchResult drops and counts it.
			kept = append(kept, p)
			continue
		}
		detailed[p.NativeID] = true
		d, err := s.detail(ctx, src, path, p.NativeID)
		if errors.Is(err, errGone) {
			s.h.log.Warn("posting listed but its detail is gone", "source", src.Name, "id", p.NativeID)
			continue
		}
		if malformed(err) > 0 {
			bad.add(err)
			continue
		}
		if err != nil {
			return nil, fail("", err)
		}
		kept = append(kept, d)
	}
	if err := bad.orNil(); err != nil {
		return kept, errors.Join(listErr, fail("", err))
	}
	return kept, listErr
}

// errGone is a detail that answered 404: the posting was withdrawn
// between the list and its detail request.
var errGone = errors.New("posting gone")

// detail fetches and decodes one posting's detail.
func (s *smartRecruiters) detail(ctx context.Context, src *config.Source, path, id string) (skillpulse.Posting, error) {
	u := apiURL(src.BaseURL, smartRecruitersOrigin, path+"/"+url.PathEscape(id), "")
	resp, err := s.h.Get(ctx, u, http.Header{"Accept": {"application/json"}})
	var status *StatusError
	if errors.As(err, &status) && status.Status == http.StatusNotFound {
		return skillpulse.Posting{}, errGone
	}
	if err != nil {
		return skillpulse.Posting{}, err
	}
	d, err := parseSmartRecruitersPosting(resp.Body)
	if err == nil && d.NativeID != id {
		err = fmt.Errorf("detail has id %q", d.NativeID)
	}
	if err != nil {
		// One posting's broken detail skips that posting, not the board.
		return skillpulse.Posting{}, &MalformedError{Count: 1, Reasons: []string{fmt.Sprintf("decode posting %s: %v", id, err)}}
	}
	return d, nil
}

// list reads every page of the posting list; at max_pages it returns what
// it has and an error wrapping ErrTruncated.
func (s *smartRecruiters) list(ctx context.Context, src *config.Source, path string, fail func(string, error) error) ([]skillpulse.Posting, error) {
	posts, err := fetchPages(ctx, s.h, src.Name, 0, func(ctx context.Context, n int) ([]skillpulse.Posting, bool, error) {
		offset := n * s.pageSize
		u := apiURL(src.BaseURL, smartRecruitersOrigin, path, fmt.Sprintf("offset=%d&limit=%d", offset, s.pageSize))
		resp, err := s.h.Get(ctx, u, http.Header{"Accept": {"application/json"}})
		if err != nil {
			return nil, false, fail("", err)
		}
		posts, total, err := parseSmartRecruitersList(resp.Body)
		if err != nil && !isTruncation(err) {
			return nil, false, fail(fmt.Sprintf("decode postings page %d (offset=%d)", n+1, offset), err)
		}
		// totalFound only ends paging early; a short page ends it anyway.
		got := len(posts) + malformed(err)
		if err != nil {
			err = fail(fmt.Sprintf("decode postings page %d (offset=%d)", n+1, offset), err)
		}
		return posts, got == s.pageSize && offset+got < total, err
	})
	if errors.Is(err, ErrTruncated) {
		return posts, fail("", err)
	}
	return posts, err
}

type smartRecruitersPage struct {
	TotalFound int                              `json:"totalFound"`
	Content    *records[smartRecruitersPosting] `json:"content"`
}

// smartRecruitersPosting is a list item or, with JobAd and the URLs, a
// detail: the detail repeats the list fields.
type smartRecruitersPosting struct {
	ID      jsonID `json:"id"`
	Name    string `json:"name"`
	Company struct {
		Name string `json:"name"`
	} `json:"company"`
	ReleasedDate string `json:"releasedDate"`
	Location     struct {
		City         string `json:"city"`
		Region       string `json:"region"`
		Country      string `json:"country"`
		Remote       bool   `json:"remote"`
		Hybrid       bool   `json:"hybrid"`
		FullLocation string `json:"fullLocation"`
	} `json:"location"`
	Department struct {
		Label string `json:"label"`
	} `json:"department"`
	PostingURL string `json:"postingUrl"`
	JobAd      struct {
		Sections struct {
			JobDescription        smartRecruitersSection `json:"jobDescription"`
			Qualifications        smartRecruitersSection `json:"qualifications"`
			AdditionalInformation smartRecruitersSection `json:"additionalInformation"`
		} `json:"sections"`
	} `json:"jobAd"`
}

type smartRecruitersSection struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// parseSmartRecruitersList decodes one page of the posting list. total is
// the envelope's totalFound, which only helps to stop paging.
func parseSmartRecruitersList(body []byte) (posts []skillpulse.Posting, total int, err error) {
	var page smartRecruitersPage
	if err := decodeJSON(body, &page); err != nil {
		return nil, 0, err
	}
	if page.Content == nil {
		return nil, 0, errNoArray
	}
	out := make([]skillpulse.Posting, 0, len(page.Content.Items))
	for i := range page.Content.Items {
		out = append(out, page.Content.Items[i].posting())
	}
	return out, page.TotalFound, page.Content.err()
}

// parseSmartRecruitersPosting decodes one posting's detail.
func parseSmartRecruitersPosting(body []byte) (skillpulse.Posting, error) {
	if b := firstByte(body); b != '{' {
		return skillpulse.Posting{}, fmt.Errorf("want a JSON posting object, got %.80q", body)
	}
	var sp smartRecruitersPosting
	if err := decodeJSON(body, &sp); err != nil {
		return skillpulse.Posting{}, err
	}
	return sp.posting(), nil
}

func (sp *smartRecruitersPosting) posting() skillpulse.Posting {
	loc := sp.Location
	p := skillpulse.Posting{
		NativeID:   string(sp.ID),
		Title:      sp.Name,
		URL:        sp.PostingURL,
		Company:    sp.Company.Name,
		Location:   loc.FullLocation,
		Department: sp.Department.Label,
		Posted:     parseTime(sp.ReleasedDate),
		// The company description is left out: it describes the employer,
		// is the same on all its postings, and would count its tools as
		// demand once per posting.
		Description: sp.JobAd.Sections.JobDescription.Text,
	}
	if p.Location == "" {
		p.Location = joinNonEmpty([]string{loc.City, loc.Region, loc.Country}, ", ")
	}
	switch {
	case loc.Remote:
		p.Workplace = skillpulse.WorkplaceRemote
	case loc.Hybrid:
		p.Workplace = skillpulse.WorkplaceHybrid
	}
	// Qualifications get a fixed heading whatever the ad calls them, so
	// that the extractor can rely on it.
	if q := sp.JobAd.Sections.Qualifications.Text; q != "" {
		p.Sections = append(p.Sections, skillpulse.Section{Heading: "Qualifications", Body: q})
	}
	if a := sp.JobAd.Sections.AdditionalInformation; a.Text != "" {
		heading := a.Title
		if heading == "" {
			heading = "Additional Information"
		}
		p.Sections = append(p.Sections, skillpulse.Section{Heading: heading, Body: a.Text})
	}
	return p
}
