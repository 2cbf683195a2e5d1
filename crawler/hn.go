package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Hacker News "Ask HN: Who is hiring?" through the Algolia HN API: find
// the newest hiring thread of the whoishiring account, then read the
// whole thread; each top-level comment is one posting.
//
//	GET https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring
//	{"hits":[{objectID (string), title, created_at, created_at_i, ...}], ...}
//	GET https://hn.algolia.com/api/v1/items/{id}
//	{id, type, title, created_at, children:[{id, author, text (HTML),
//	  created_at, parent_id, children:[replies]}, ...]}
//
// The account also posts "Who wants to be hired?" and "Freelancer?"
// threads, so the story is chosen by title. Deleted and dead comments come
// back with a null text or author and are skipped. Comment text is HTML
// with entity escapes and unclosed <p> separators; by convention its first
// paragraph reads "Company | Role | Location | REMOTE | ...", which is
// where title, company, location and workplace come from.
const (
	hnOrigin     = "https://hn.algolia.com"
	hnItemURL    = "https://news.ycombinator.com/item?id="
	hnThreadHead = "ask hn: who is hiring?"
	// maxFirstLine bounds the header line that is split into fields: a
	// comment without a <p> would otherwise make its whole text the line.
	maxFirstLine = 1000
)

type hn struct{ h *HTTP }

func newHN(h *HTTP) Fetcher { return &hn{h: h} }

func (n *hn) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	u := apiURL(src.BaseURL, hnOrigin, "/api/v1/search_by_date", "tags=story,author_whoishiring")
	resp, err := n.h.Get(ctx, u, http.Header{"Accept": {"application/json"}})
	if err != nil {
		return nil, fmt.Errorf("hn: find hiring thread: %w", err)
	}
	id, err := parseHNThreadSearch(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("hn: find hiring thread: %w", err)
	}
	// The thread is one response: an unchanged thread is a 304 when the
	// crawler keeps validators.
	u = apiURL(src.BaseURL, hnOrigin, "/api/v1/items/"+id, "")
	resp, err = n.h.GetConditional(ctx, u, http.Header{"Accept": {"application/json"}})
	if err != nil {
		return nil, fmt.Errorf("hn: thread %s: %w", id, err)
	}
	posts, err := parseHNThread(resp.Body)
	if isTruncation(err) {
		return posts, fmt.Errorf("hn: thread %s: decode item: %w", id, err)
	}
	if err != nil {
		return nil, fmt.Errorf("hn: thread %s: decode item: %w", id, err)
	}
	return posts, nil
}

type hnSearch struct {
	Hits *[]struct {
		ObjectID    string `json:"objectID"`
		Title       string `json:"title"`
		CreatedAtI  int64  `json:"created_at_i"`
		CreatedAt   string `json:"created_at"`
		NumComments int    `json:"num_comments"`
	} `json:"hits"`
}

var errNoHiringThread = errors.New(`no "Ask HN: Who is hiring?" story among the whoishiring stories`)

// parseHNThreadSearch returns the id of the newest "Who is hiring?" story
// in a search_by_date response. Newest is decided by created_at_i (or
// created_at), not by position, so a response in another order still
// gives the current thread.
func parseHNThreadSearch(body []byte) (string, error) {
	var doc hnSearch
	if err := decodeJSON(body, &doc); err != nil {
		return "", err
	}
	if doc.Hits == nil {
		return "", errNoArray
	}
	best, bestAt := "", int64(-1)
	for _, h := range *doc.Hits {
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Title)), hnThreadHead) || !isDigits(h.ObjectID) {
			continue
		}
		at := h.CreatedAtI
		if at == 0 {
			at = parseTime(h.CreatedAt).Unix()
		}
		if at > bestAt {
			best, bestAt = h.ObjectID, at
		}
	}
	if best == "" {
		return "", fmt.Errorf("%w (%d hits)", errNoHiringThread, len(*doc.Hits))
	}
	return best, nil
}

// isDigits reports whether s is a non-empty decimal number, which every
// HN id is; it keeps a hostile objectID out of the next request's path.
func isDigits(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

type hnItem struct {
	ID       jsonID              `json:"id"`
	Children *records[hnComment] `json:"children"`
}

type hnComment struct {
	ID        jsonID  `json:"id"`
	Author    *string `json:"author"`
	Text      *string `json:"text"`
	CreatedAt string  `json:"created_at"`
	// Replies (children of children) are not declared, so they are
	// skipped without being kept in memory.
}

// parseHNThread turns the top-level comments of an items/{id} response
// into postings.
func parseHNThread(body []byte) ([]skillpulse.Posting, error) {
	var doc hnItem
	if err := decodeJSON(body, &doc); err != nil {
		return nil, err
	}
	if doc.Children == nil {
		return nil, errNoArray
	}
	out := make([]skillpulse.Posting, 0, len(doc.Children.Items))
	for _, c := range doc.Children.Items {
		if c.Author == nil || c.Text == nil || strings.TrimSpace(*c.Text) == "" || c.ID == "" {
			continue // deleted or dead
		}
		p := skillpulse.Posting{
			NativeID:    string(c.ID),
			URL:         hnItemURL + string(c.ID),
			Posted:      parseTime(c.CreatedAt),
			Description: *c.Text,
		}
		h := parseHNHeader(hnFirstLine(*c.Text))
		if h.company == "" || hnHeaderSpans(*c.Text) {
			h.company = hnCompany(*c.Text)
		}
		p.Title, p.Company, p.Location, p.Workplace = h.title, h.company, h.location, h.workplace
		out = append(out, p)
	}
	return out, doc.Children.err()
}

// hnFirstLine is the text of a comment's first paragraph, where posters
// put the "Company | Role | ..." header. Only <p> ends it: a header that
// wraps onto a second text line is still the header.
func hnFirstLine(text string) string {
	if i := strings.Index(strings.ToLower(text), "<p>"); i >= 0 {
		text = text[:i]
	}
	return htmlText(clipBytes(text, maxFirstLine))
}

type hnHeader struct {
	title, company, location string
	workplace                skillpulse.Workplace
}

// parseHNHeader reads the conventional "Company | Role | Location |
// REMOTE | Full-time | $salary" line. Field order varies between posters,
// so each field is recognised by what it looks like: the title is the
// first field after the company that names a role, the location the first
// field that is nothing else (not a role, workplace, employment type,
// salary or URL). A line with no role-like field becomes the title whole,
// so the role filter still sees every word of it.
func parseHNHeader(line string) hnHeader {
	var h hnHeader
	fields := strings.Split(line, "|")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	h.workplace = hnWorkplace(fields)
	if len(fields) < 2 {
		h.title = clipRunes(line, maxTitleLen)
		return h
	}
	h.company = fields[0]
	titleAt := -1
	for i, f := range fields[1:] {
		if looksLikeRole(f) {
			titleAt = i + 1
			break
		}
	}
	if titleAt < 0 {
		h.title = clipRunes(line, maxTitleLen)
		return h
	}
	h.title = fields[titleAt]
	for i, f := range fields[1:] {
		if i+1 != titleAt && isLocationLike(f) {
			h.location = f
			break
		}
	}
	return h
}

// roleWords name a job in a title. They are broader than the role
// filter's engineering words: this only decides which header field is the
// title, and the role filter then decides whether it is wanted.
func roleWords() []string {
	return []string{
		"engineer", "engineers", "engineering", "developer", "developers", "dev", "devs",
		"programmer", "architect", "administrator", "admin", "sysadmin", "sre", "sres",
		"devops", "devsecops", "ops", "operations", "scientist", "researcher", "analyst",
		"manager", "director", "lead", "head", "designer", "specialist", "consultant",
		"technician", "advocate", "intern", "internship", "cto", "vp", "founding",
		"fullstack", "frontend", "backend", "swe", "ml", "roles", "positions",
	}
}

func looksLikeRole(field string) bool {
	return containsAny(" "+normalizeWords(field)+" ", phrases(roleWords()))
}

// hnWorkplace reads REMOTE / HYBRID / ONSITE from the header fields.
// Remote wins when offered at all ("ONSITE or REMOTE"), as the posting is
// then open to remote applicants; "no remote" means on-site.
func hnWorkplace(fields []string) skillpulse.Workplace {
	var remote, hybrid, onsite bool
	for _, f := range fields {
		w := " " + normalizeWords(f) + " "
		noRemote := containsAny(w, []string{" no remote ", " not remote "})
		remote = remote || strings.Contains(w, " remote ") && !noRemote
		hybrid = hybrid || strings.Contains(w, " hybrid ")
		onsite = onsite || noRemote || containsAny(w, []string{" onsite ", " on site ", " in office ", " in person "})
	}
	switch {
	case remote:
		return skillpulse.WorkplaceRemote
	case hybrid:
		return skillpulse.WorkplaceHybrid
	case onsite:
		return skillpulse.WorkplaceOnSite
	}
	return skillpulse.WorkplaceUnknown
}

// isLocationLike reports whether a header field can be a location: it is
// not a role, an employment type, a salary or a URL, and it says more than
// a workplace. "Remote (EMEA)" is a location; "REMOTE" alone is not.
func isLocationLike(field string) bool {
	lower := strings.ToLower(field)
	if looksLikeRole(field) || strings.ContainsAny(field, "$€£¥") ||
		strings.Contains(lower, "://") || strings.HasPrefix(lower, "www.") {
		return false
	}
	w := " " + normalizeWords(field) + " "
	if containsAny(w, phrases([]string{
		"full time", "fulltime", "part time", "contract", "contractor", "permanent", "freelance",
		"salary", "equity", "visa", "sponsorship", "relocation",
	})) {
		return false
	}
	filler := []string{"remote", "onsite", "on", "site", "hybrid", "in", "office", "person", "only", "ok", "or", "and", "friendly", "first", "fully", "100"}
	for _, word := range strings.Fields(w) {
		if !slices.Contains(filler, word) {
			return true
		}
	}
	return false
}
