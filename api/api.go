// Package api serves skillpulse's read-only JSON API, which the analyzer
// service (resume against market) reads demand data from, and its
// Prometheus metrics.
//
// Every endpoint answers GET only, with JSON bodies and JSON errors
// ({"error": "..."}). Reports are built from the store on demand and cached
// per week, encoded, until the next crawl run completes, so a burst of reads
// costs one build; with a store that says its revision (*store.Store does),
// an answer from the cache reads nothing from the store. The API never
// writes to the store.
//
//	GET /api/v1/health                    liveness and the newest run, as of at most a second ago
//	GET /api/v1/runs?limit=N              recent runs, newest first
//	GET /api/v1/weeks?limit=N             weeks that have complete crawls, newest first
//	GET /api/v1/weeks/{week}              the week's report (week: 2026-W47 or "current")
//	GET /api/v1/weeks/{week}/skills/{id}  one skill's demand in that week
//	GET /api/v1/trends/{id}?weeks=N       one skill's share, week by week (N ≤ 52)
//	GET /api/v1/skills                    the taxonomy
//	GET /api/v1/market                    the market weighting
//	GET /api/v1/postings?week=…&skill=…   the week's live postings, filtered, paged by cursor
//	GET /api/v1/postings/{id}             one posting with its description
//	GET /api/v1/openapi.json              the OpenAPI 3.1 document of all of them (openapi.json)
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/report"
)

// Store is what the API reads; *store.Store satisfies it. A Store that
// also has Revision(ctx) (uint64, error), a number that changes with every
// write to it (as *store.Store has), spares the API a read of its newest
// run per request: the caches are checked against the revision.
type Store interface {
	report.Source
	Runs(ctx context.Context, limit int) ([]skillpulse.Run, error)
	Snapshots(ctx context.Context, from, to time.Time) ([]skillpulse.SnapshotInfo, error)
	WeekAggregate(ctx context.Context, w skillpulse.Week) (skillpulse.Aggregate, error)
	DayAggregate(ctx context.Context, day time.Time) (skillpulse.Aggregate, error)
	// Posting returns a posting's current content, or an error wrapping
	// skillpulse.ErrNotFound.
	Posting(ctx context.Context, key skillpulse.PostingKey) (*skillpulse.StoredPosting, error)
}

// Taxonomy resolves and lists skills; the extractor's taxonomy satisfies it.
type Taxonomy interface {
	report.Skills
	Skills() []skillpulse.Skill
}

// Options configure the API.
type Options struct {
	Store    Store
	Taxonomy Taxonomy
	Market   []config.MarketArea
	// MarketSource cites the market weighting's source in reports.
	MarketSource string
	Log          *slog.Logger
	// Now is the clock ("current" week); nil means time.Now.
	Now func() time.Time
}

// Handler is the API's http.Handler; Server serves it.
type Handler struct {
	opts Options
	mux  *http.ServeMux

	routes  []route
	manners http.Handler // mux behind the shared answer rules (manners.go)

	seen atomic.Pointer[storeState] // the store's state as last read (answers.go)
	// healthSeen is the last health answer; healthFill is held while the
	// store is read for a new one (health.go).
	healthSeen atomic.Pointer[healthState]
	healthFill sync.Mutex
	// fill is held while a cache entry is built, so that the requests a
	// new run sends to a missing entry wait for one build, not make one
	// each.
	fill     sync.Mutex
	mu       sync.Mutex
	cache    map[skillpulse.Week]cached
	postings map[skillpulse.Week]*cachedPostings
}

type cached struct {
	newestRun string
	report    *report.Report
	answer    *prepared // the report encoded
}

// maxTrendWeeks bounds how many reports one trends request may build.
const maxTrendWeeks = 52

// New returns the API handler.
func New(opts Options) *Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	s := &Handler{opts: opts, mux: http.NewServeMux(), cache: map[skillpulse.Week]cached{}, postings: map[skillpulse.Week]*cachedPostings{}}
	s.routes = []route{
		{"GET /api/v1/health", http.HandlerFunc(s.health)},
		{"GET /api/v1/runs", http.HandlerFunc(s.runs)},
		{"GET /api/v1/weeks", http.HandlerFunc(s.weeks)},
		{"GET /api/v1/weeks/{week}", http.HandlerFunc(s.week)},
		{"GET /api/v1/weeks/{week}/skills/{id}", http.HandlerFunc(s.weekSkill)},
		{"GET /api/v1/trends/{id}", http.HandlerFunc(s.trend)},
		{"GET /api/v1/days/{day}", http.HandlerFunc(s.day)},
		{"GET /api/v1/skills", http.HandlerFunc(s.skills)},
		{"GET /api/v1/market", http.HandlerFunc(s.market)},
		{"GET /api/v1/postings", http.HandlerFunc(s.postingsList)},
		{"GET /api/v1/postings/{id}", http.HandlerFunc(s.posting)},
		{"GET /api/v1/openapi.json", http.HandlerFunc(serveOpenAPI)},
	}
	for _, r := range s.routes {
		s.mux.Handle(r.pattern, r.h)
	}
	s.manners = manners(s.mux, opts.Log)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: see /api/v1/openapi.json")
	})
	return s
}

// Routes lists the handler's routes as net/http patterns ("GET
// /api/v1/weeks/{week}"); the OpenAPI document describes each.
func (s *Handler) Routes() []string {
	out := make([]string, len(s.routes))
	for i, r := range s.routes {
		out[i] = r.pattern
	}
	return out
}

func (s *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "the API is read-only: GET only")
		return
	}
	s.manners.ServeHTTP(w, r)
}

// httpError is an error with the status to answer it with.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, echoable(args)...)}
}

func notFound(format string, args ...any) error {
	return &httpError{http.StatusNotFound, fmt.Sprintf(format, echoable(args)...)}
}

// maxEcho is how many runes of a request's own value an error repeats.
const maxEcho = 80

// echoable cuts the strings among an error's arguments, which come from
// the request (an id, a cursor, a filter), to maxEcho runes, so that an
// answer to a 10 KB cursor is not 10 KB of that cursor again.
func echoable(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = skillpulse.Printable(s, maxEcho)
		}
		out[i] = a
	}
	return out
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// answer writes v, or err as a JSON error with its status (500 for errors
// that are ours, logged rather than shown).
func (s *Handler) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err == nil {
		writeJSON(w, v)
		return
	}
	var he *httpError
	if errors.As(err, &he) {
		writeError(w, he.status, he.msg)
		return
	}
	s.opts.Log.Error("api request failed", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error; see the server log")
}

func limitParam(r *http.Request, def, most int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, badRequest("limit %q: want a whole number from 1 to %d", v, most)
	}
	return n, nil
}

func (s *Handler) parseWeek(v string) (skillpulse.Week, error) {
	if v == "current" {
		return skillpulse.WeekOf(s.opts.Now().UTC()), nil
	}
	w, err := skillpulse.ParseWeek(v)
	if err != nil {
		return w, badRequest("%v", err)
	}
	return w, nil
}

func (s *Handler) runs(w http.ResponseWriter, r *http.Request) {
	limit, err := limitParam(r, 20, 1000)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	runs, err := s.opts.Store.Runs(r.Context(), limit)
	if runs == nil {
		runs = []skillpulse.Run{}
	}
	s.answer(w, r, map[string]any{"runs": runs}, err)
}

// WeekInfo is one entry of /weeks.
type WeekInfo struct {
	Week      skillpulse.Week `json:"week"`
	Snapshots int             `json:"snapshots"`
	// LiveMax is the most postings live in one of the week's snapshots.
	LiveMax int `json:"live_max"`
}

func (s *Handler) weeks(w http.ResponseWriter, r *http.Request) {
	limit, err := limitParam(r, 12, 520)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	cur := skillpulse.WeekOf(s.opts.Now().UTC())
	from := cur.Start().AddDate(0, 0, -7*(limit-1))
	snaps, err := s.opts.Store.Snapshots(r.Context(), from, cur.End())
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	byWeek := map[skillpulse.Week]*WeekInfo{}
	var order []skillpulse.Week
	for _, sn := range snaps {
		wk := skillpulse.WeekOf(sn.Taken.UTC())
		info := byWeek[wk]
		if info == nil {
			info = &WeekInfo{Week: wk}
			byWeek[wk] = info
			order = append(order, wk)
		}
		info.Snapshots++
		info.LiveMax = max(info.LiveMax, sn.Live)
	}
	out := make([]WeekInfo, 0, len(order))
	for i := len(order) - 1; i >= 0; i-- { // newest first
		out = append(out, *byWeek[order[i]])
	}
	s.answer(w, r, map[string]any{"weeks": out}, nil)
}

// newestRun names the store's state for the caches: the newest run and
// its status. Reports and posting lists change only when it does.
func (s *Handler) newestRun(ctx context.Context) (string, error) {
	runs, err := s.opts.Store.Runs(ctx, 1)
	if err != nil || len(runs) == 0 {
		return "", err
	}
	return runs[0].ID + runs[0].Status.String(), nil
}

// build returns the week's report and its encoded answer, from the cache
// while no run has completed since they were built.
func (s *Handler) build(ctx context.Context, wk skillpulse.Week) (cached, error) {
	newest, err := s.state(ctx)
	if err != nil {
		return cached{}, err
	}
	lookup := func() (cached, bool) {
		s.mu.Lock()
		defer s.mu.Unlock()
		c, ok := s.cache[wk]
		return c, ok && c.newestRun == newest
	}
	if c, ok := lookup(); ok {
		return c, nil
	}
	s.fill.Lock()
	defer s.fill.Unlock()
	if c, ok := lookup(); ok { // built while this request waited
		return c, nil
	}
	rep, err := report.Build(ctx, s.opts.Store, s.opts.Taxonomy, report.Options{
		Week: wk, Market: s.opts.Market, Generated: s.opts.Now(), MarketSource: s.opts.MarketSource,
	})
	if err != nil {
		return cached{}, err
	}
	answer, err := prepare(rep)
	if err != nil {
		return cached{}, fmt.Errorf("encode the report of %s: %w", wk, err)
	}
	c := cached{newestRun: newest, report: rep, answer: answer}
	s.mu.Lock()
	if len(s.cache) > 2*maxTrendWeeks {
		clear(s.cache) // bounded: a scan over many weeks does not grow it forever
	}
	s.cache[wk] = c
	s.mu.Unlock()
	return c, nil
}

func (s *Handler) week(w http.ResponseWriter, r *http.Request) {
	wk, err := s.parseWeek(r.PathValue("week"))
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	c, err := s.build(r.Context(), wk)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	writePrepared(w, c.answer)
}

// day answers one UTC day's demand as the store aggregates it: the
// postings live in that day's complete runs, per skill and level, by
// seniority, workplace and source.
func (s *Handler) day(w http.ResponseWriter, r *http.Request) {
	v := r.PathValue("day")
	d, err := time.Parse(time.DateOnly, v)
	switch {
	case v == "today":
		d, err = s.opts.Now().UTC(), nil
	case err != nil:
		s.answer(w, r, nil, badRequest("day %q: want YYYY-MM-DD or today", v))
		return
	}
	agg, err := s.opts.Store.DayAggregate(r.Context(), d)
	s.answer(w, r, agg, err)
}

// skillRow finds a skill's demand in a report; a known skill absent from
// the week's postings has zero demand rather than being an error.
func (s *Handler) skillRow(rep *report.Report, id string) (report.SkillDemand, error) {
	sk, ok := s.opts.Taxonomy.Lookup(id)
	if !ok {
		return report.SkillDemand{}, notFound("unknown skill %q: see /api/v1/skills", id)
	}
	for _, d := range rep.Skills {
		if d.ID == id {
			return d, nil
		}
	}
	return report.SkillDemand{ID: sk.ID, Name: sk.Name, Category: sk.Category}, nil
}

func (s *Handler) weekSkill(w http.ResponseWriter, r *http.Request) {
	wk, err := s.parseWeek(r.PathValue("week"))
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	c, err := s.build(r.Context(), wk)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	rep := c.report
	row, err := s.skillRow(rep, r.PathValue("id"))
	s.answer(w, r, map[string]any{"week": wk, "postings": rep.Postings, "skill": row}, err)
}

// TrendPoint is one week of a skill's trend.
type TrendPoint struct {
	Week          skillpulse.Week `json:"week"`
	Postings      int             `json:"postings"`       // postings live in the week
	SkillPostings int             `json:"skill_postings"` // of them, naming the skill
	// SkillImplied counts the postings that only imply the skill through a
	// more specific one they name (EKS for Kubernetes).
	SkillImplied     int     `json:"skill_implied,omitempty"`
	Share            float64 `json:"share"`
	RequiredShare    float64 `json:"required_share"`
	ShareWithImplied float64 `json:"share_with_implied"`
}

func (s *Handler) trend(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, ok := s.opts.Taxonomy.Lookup(id); !ok {
		s.answer(w, r, nil, notFound("unknown skill %q: see /api/v1/skills", id))
		return
	}
	n := 12
	if v := r.URL.Query().Get("weeks"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 || n > maxTrendWeeks {
			s.answer(w, r, nil, badRequest("weeks %q: want a whole number from 1 to %d", v, maxTrendWeeks))
			return
		}
	}
	// The store's weekly aggregates count exactly what a week's report
	// counts, so a year of points costs a year of small reads rather than
	// a year of reports.
	wk := skillpulse.WeekOf(s.opts.Now().UTC())
	points := make([]TrendPoint, n)
	for i := n - 1; i >= 0; i-- {
		agg, err := s.opts.Store.WeekAggregate(r.Context(), wk)
		if err != nil {
			s.answer(w, r, nil, err)
			return
		}
		sk := agg.Skills[id]
		points[i] = TrendPoint{Week: wk, Postings: agg.Postings, SkillPostings: sk.Postings, SkillImplied: sk.Implied,
			Share: report.Share(sk.Postings, agg.Postings), RequiredShare: report.Share(sk.Required, agg.Postings),
			ShareWithImplied: report.Share(sk.Postings+sk.Implied, agg.Postings)}
		wk = wk.Prev()
	}
	s.answer(w, r, map[string]any{"skill": id, "weeks": points}, nil)
}

func (s *Handler) skills(w http.ResponseWriter, r *http.Request) {
	sk := s.opts.Taxonomy.Skills()
	if sk == nil {
		sk = []skillpulse.Skill{}
	}
	s.answer(w, r, map[string]any{"skills": sk}, nil)
}

func (s *Handler) market(w http.ResponseWriter, r *http.Request) {
	type area struct {
		ID     string   `json:"id"`
		Name   string   `json:"name"`
		Weight float64  `json:"weight"`
		Reason string   `json:"reason"`
		Skills []string `json:"skills"`
	}
	out := make([]area, 0, len(s.opts.Market))
	for _, m := range s.opts.Market {
		out = append(out, area{m.ID, m.Name, m.Weight, m.Reason, m.Skills})
	}
	s.answer(w, r, map[string]any{"market": out}, nil)
}
