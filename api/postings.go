package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/skillpulse/skillpulse"
)

// Paging of /postings.
const (
	defaultPostingsLimit = 100
	maxPostingsLimit     = 1000
	// postingsCacheWeeks bounds the weeks whose posting lists are kept.
	postingsCacheWeeks = 4
	// pageCacheBytes bounds the encoded pages kept per week.
	pageCacheBytes = 8 << 20
)

// PostingSkill is one skill a posting names, at the strongest level it
// asks for it.
type PostingSkill struct {
	ID    string           `json:"id"`
	Level skillpulse.Level `json:"level"`
	Years int              `json:"years,omitempty"`
}

// ImpliedSkill is a skill a posting reaches only through a more specific
// one it names (eks implies kubernetes and aws), at the strongest level of
// those.
type ImpliedSkill struct {
	ID    string           `json:"id"`
	Level skillpulse.Level `json:"level"`
}

// PostingRow is one posting of /postings.
type PostingRow struct {
	ID        string             `json:"id"`
	Title     string             `json:"title"`
	Company   string             `json:"company"`
	Location  string             `json:"location"`
	URL       string             `json:"url"`
	Source    string             `json:"source"`
	Sources   []string           `json:"sources"`
	FirstSeen time.Time          `json:"first_seen"`
	LastSeen  time.Time          `json:"last_seen"`
	Seniority string             `json:"seniority"`
	Workplace string             `json:"workplace"`
	Salary    *skillpulse.Salary `json:"salary,omitempty"`
	Skills    []PostingSkill     `json:"skills"`
	Implied   []ImpliedSkill     `json:"implied"`
	sortKey   string             // source 0x00 native id: the paging order
}

// PostingDetail is /postings/{id}: the row with the posting's text.
type PostingDetail struct {
	PostingRow
	Description string               `json:"description"`
	Sections    []skillpulse.Section `json:"sections"`
	ClosedAt    *time.Time           `json:"closed_at,omitempty"`
}

type cachedPostings struct {
	newestRun string
	rows      []PostingRow // sorted by sortKey

	// pages are the pages asked for so far, encoded, and pageBytes their
	// size; guarded by Handler.mu.
	pages     map[pageKey]*prepared
	pageBytes int
}

// pageKey is what a page of /postings is a function of, besides the week
// and the store's state.
type pageKey struct {
	limit int
	f     postingFilter
	after string
}

// size is what k holds in memory: a query's strings count towards the
// cache's bound as its pages do, so that many long queries with small
// answers cannot grow it past the bound.
func (k pageKey) size() int {
	f := &k.f
	return 64 + len(k.after) + len(f.skill) + len(f.source) + len(f.company) + len(f.seniority) + len(f.workplace)
}

// page returns the page cached under k, or nil.
func (s *Handler) page(c *cachedPostings, k pageKey) *prepared {
	s.mu.Lock()
	defer s.mu.Unlock()
	return c.pages[k]
}

// keepPage caches p under k, forgetting the week's other pages when they
// would hold more than pageCacheBytes (not counting their gzipped bodies,
// made later and smaller).
func (s *Handler) keepPage(c *cachedPostings, k pageKey, p *prepared) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := k.size() + p.size()
	if c.pageBytes+n > pageCacheBytes {
		clear(c.pages)
		c.pageBytes = 0
	}
	c.pages[k] = p
	c.pageBytes += n
}

// postingID is a posting's id in the API: its source and native id,
// base64url-encoded, so any id a board uses makes a path segment.
func postingID(key string) string { return base64.RawURLEncoding.EncodeToString([]byte(key)) }

func parsePostingID(id string) (skillpulse.PostingKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(id)
	src, native, ok := strings.Cut(string(b), "\x00")
	if err != nil || !ok || src == "" || native == "" {
		return skillpulse.PostingKey{}, notFound("no posting %q: ids come from /api/v1/postings", id)
	}
	return skillpulse.PostingKey{Source: src, NativeID: native}, nil
}

// row renders a stored posting for the API.
func (s *Handler) row(sp *skillpulse.StoredPosting) PostingRow {
	key := sp.Source + "\x00" + sp.NativeID
	r := PostingRow{
		ID: postingID(key), Title: sp.Title, Company: sp.Company, Location: sp.Location, URL: sp.URL,
		Source: sp.Source, Sources: skillpulse.PostingSources(sp.Source, sp.Origins),
		FirstSeen: sp.FirstSeen.UTC(), LastSeen: sp.LastSeen.UTC(),
		Seniority: sp.Tags.Seniority.String(), Workplace: sp.Workplace.String(), Salary: sp.Salary,
		Skills: []PostingSkill{}, Implied: []ImpliedSkill{}, sortKey: key,
	}
	for _, m := range sp.Tags.Mentions {
		if i := slices.IndexFunc(r.Skills, func(k PostingSkill) bool { return k.ID == m.SkillID }); i >= 0 {
			r.Skills[i].Level = max(r.Skills[i].Level, m.Level)
			r.Skills[i].Years = max(r.Skills[i].Years, m.Years)
			continue
		}
		r.Skills = append(r.Skills, PostingSkill{ID: m.SkillID, Level: m.Level, Years: m.Years})
	}
	for _, k := range r.Skills {
		for _, anc := range s.ancestors(k.ID) {
			if slices.ContainsFunc(r.Skills, func(n PostingSkill) bool { return n.ID == anc }) {
				continue
			}
			if i := slices.IndexFunc(r.Implied, func(n ImpliedSkill) bool { return n.ID == anc }); i >= 0 {
				r.Implied[i].Level = max(r.Implied[i].Level, k.Level)
				continue
			}
			r.Implied = append(r.Implied, ImpliedSkill{ID: anc, Level: k.Level})
		}
	}
	return r
}

// ancestors lists the skills id rolls up to in the taxonomy, each once.
func (s *Handler) ancestors(id string) []string {
	var out []string
	queue := []string{id}
	for len(queue) > 0 && len(out) < 64 {
		sk, ok := s.opts.Taxonomy.Lookup(queue[0])
		queue = queue[1:]
		if !ok {
			continue
		}
		for _, p := range sk.Parents {
			if p != id && !slices.Contains(out, p) {
				out = append(out, p)
				queue = append(queue, p)
			}
		}
	}
	return out
}

// weekPostings returns the week's live postings as rows in paging order,
// with the pages asked for so far, from the cache while no run has
// completed since they were read.
func (s *Handler) weekPostings(ctx context.Context, wk skillpulse.Week) (*cachedPostings, error) {
	newest, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	lookup := func() *cachedPostings {
		s.mu.Lock()
		defer s.mu.Unlock()
		if c := s.postings[wk]; c != nil && c.newestRun == newest {
			return c
		}
		return nil
	}
	if c := lookup(); c != nil {
		return c, nil
	}
	s.fill.Lock()
	defer s.fill.Unlock()
	if c := lookup(); c != nil { // read while this request waited
		return c, nil
	}
	var rows []PostingRow
	err = s.opts.Store.ForEachLiveTags(ctx, wk.Start(), wk.End(), func(sp *skillpulse.StoredPosting) error {
		rows = append(rows, s.row(sp))
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b PostingRow) int { return strings.Compare(a.sortKey, b.sortKey) })
	c := &cachedPostings{newestRun: newest, rows: rows, pages: map[pageKey]*prepared{}}
	s.mu.Lock()
	if len(s.postings) >= postingsCacheWeeks {
		clear(s.postings)
	}
	s.postings[wk] = c
	s.mu.Unlock()
	return c, nil
}

// postingFilter is the query of /postings.
type postingFilter struct {
	skill, source, company, seniority, workplace string
	level                                        skillpulse.Level
}

func parsePostingFilter(r *http.Request) (postingFilter, error) {
	q := r.URL.Query()
	f := postingFilter{skill: q.Get("skill"), source: q.Get("source"), company: q.Get("company"),
		seniority: q.Get("seniority"), workplace: q.Get("workplace")}
	if v := q.Get("level"); v != "" {
		if err := f.level.UnmarshalText([]byte(v)); err != nil {
			return f, badRequest("level %q: want required, preferred or mentioned", v)
		}
	}
	var sen skillpulse.Seniority
	if v := f.seniority; v != "" && sen.UnmarshalText([]byte(v)) != nil {
		return f, badRequest("seniority %q: want unknown, junior, mid, senior, staff, principal, lead or manager", v)
	}
	if v := f.workplace; v != "" && skillpulse.ParseWorkplace(v).String() != v {
		return f, badRequest("workplace %q: want unknown, on-site, hybrid or remote", v)
	}
	return f, nil
}

// match reports whether a row passes the filter. skill matches a named or
// implied skill; level, with skill, is that skill's strongest level, and
// without it any skill's.
func (f *postingFilter) match(r *PostingRow) bool {
	switch {
	case f.source != "" && !slices.Contains(r.Sources, f.source),
		f.company != "" && !strings.EqualFold(f.company, r.Company),
		f.seniority != "" && f.seniority != r.Seniority,
		f.workplace != "" && f.workplace != r.Workplace:
		return false
	}
	if f.skill == "" && f.level == 0 {
		return true
	}
	for _, k := range r.Skills {
		if (f.skill == "" || k.ID == f.skill) && (f.level == 0 || k.Level == f.level) {
			return true
		}
	}
	for _, k := range r.Implied {
		if (f.skill == "" || k.ID == f.skill) && (f.level == 0 || k.Level == f.level) {
			return true
		}
	}
	return false
}

// cursor is where a page ends: the week and the last posting's sort key,
// opaque to clients.
func encodeCursor(wk skillpulse.Week, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("1\x00" + wk.String() + "\x00" + key))
}

func decodeCursor(v string, wk skillpulse.Week) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	parts := strings.SplitN(string(b), "\x00", 3)
	if err != nil || len(parts) != 3 || parts[0] != "1" {
		return "", badRequest("cursor %q: not a cursor this API gave", v)
	}
	if parts[1] != wk.String() {
		return "", badRequest("cursor is for week %s, not %s", parts[1], wk)
	}
	return parts[2], nil
}

func (s *Handler) postingsList(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query().Get("week")
	if v == "" {
		v = "current"
	}
	wk, err := s.parseWeek(v)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	limit, err := limitParam(r, defaultPostingsLimit, maxPostingsLimit)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	f, err := parsePostingFilter(r)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	if _, ok := s.opts.Taxonomy.Lookup(f.skill); f.skill != "" && !ok {
		// A misspelt id is a typo to be told of, not a filter that
		// matches nothing.
		s.answer(w, r, nil, badRequest("skill %q: unknown, see /api/v1/skills", f.skill))
		return
	}
	after := ""
	if c := r.URL.Query().Get("cursor"); c != "" {
		if after, err = decodeCursor(c, wk); err != nil {
			s.answer(w, r, nil, err)
			return
		}
	}
	c, err := s.weekPostings(r.Context(), wk)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	key := pageKey{limit: limit, f: f, after: after}
	if p := s.page(c, key); p != nil {
		writePrepared(w, p)
		return
	}
	p, err := prepare(pageOf(c.rows, wk, key))
	if err != nil {
		s.answer(w, r, nil, fmt.Errorf("encode a page of postings of %s: %w", wk, err))
		return
	}
	s.keepPage(c, key, p)
	writePrepared(w, p)
}

// postingsPage is a page of /postings.
type postingsPage struct {
	Week     skillpulse.Week `json:"week"`
	Postings []PostingRow    `json:"postings"`
	Next     string          `json:"next,omitempty"`
}

// pageOf picks the page k names from the week's rows.
func pageOf(rows []PostingRow, wk skillpulse.Week, k pageKey) postingsPage {
	limit, f, after := k.limit, k.f, k.after
	start, _ := slices.BinarySearchFunc(rows, after, func(row PostingRow, key string) int { return strings.Compare(row.sortKey, key) })
	if after != "" && start < len(rows) && rows[start].sortKey == after {
		start++
	}
	page := make([]PostingRow, 0, min(limit, 64))
	next := ""
	for i := start; i < len(rows); i++ {
		if !f.match(&rows[i]) {
			continue
		}
		if len(page) == limit {
			next = encodeCursor(wk, page[len(page)-1].sortKey)
			break
		}
		page = append(page, rows[i])
	}
	return postingsPage{wk, page, next}
}

func (s *Handler) posting(w http.ResponseWriter, r *http.Request) {
	key, err := parsePostingID(r.PathValue("id"))
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	sp, err := s.opts.Store.Posting(r.Context(), key)
	if errors.Is(err, skillpulse.ErrNotFound) {
		s.answer(w, r, nil, notFound("no posting %q", r.PathValue("id")))
		return
	}
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	d := PostingDetail{PostingRow: s.row(sp), Description: sp.Description, Sections: sp.Sections}
	if d.Sections == nil {
		d.Sections = []skillpulse.Section{}
	}
	if !sp.ClosedAt.IsZero() {
		t := sp.ClosedAt.UTC()
		d.ClosedAt = &t
	}
	s.answer(w, r, d, nil)
}
