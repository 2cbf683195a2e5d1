package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// Fetcher fetches one source's postings. There is one implementation per
// source type, each in its own file. A Fetcher returns what the source
// said; Crawler.Fetch bounds, filters and stamps it. When a bound
// (max_pages) cuts a source short, the Fetcher returns the postings it has
// together with an error wrapping ErrTruncated.
type Fetcher interface {
	Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error)
}

// Kind describes a source type: which config keys it needs, and how to
// build its fetcher.
type Kind struct {
	Type string
	// Required are the config keys (yaml names, e.g. "board") that must be
	// non-empty for this type; Optional are the other type-specific keys it
	// reads. Any other type-specific key set on the source is an error, so
	// "site: acme" on a greenhouse source does not pass unnoticed.
	Required []string
	Optional []string
	New      func(h *HTTP) Fetcher
	// Robots makes the HTTP layer obey robots.txt. JSON APIs that are
	// published for programmatic use leave it off; HTML scrapers set it.
	Robots bool
	// Check, when set, validates the type's keys beyond being present (a
	// URL that must be absolute, a pattern or CSS selector that must
	// compile), so the mistake is a config error rather than a failed
	// crawl. It returns a *KeyError naming the key ("selectors.item").
	Check func(src *config.Source) error
}

// titleFilterer is a Fetcher that sees titles before it pays for a
// request, e.g. a list page linking to detail pages. FetchResult gives it
// the role filter so that filtered-out postings cost no request; whatever
// the fetcher returns is still filtered as usual.
type titleFilterer interface {
	filterTitles(match func(title string) bool)
}

// Kinds returns the built-in source types. The slice is new on every call.
func Kinds() []Kind {
	return []Kind{
		{Type: "greenhouse", Required: []string{"board"}, New: newGreenhouse},
		{Type: "lever", Required: []string{"site"}, New: newLever},
		{Type: "ashby", Required: []string{"board"}, New: newAshby},
		{Type: "remoteok", New: newRemoteOK},
		{Type: "hn", New: newHN},
		{Type: "rss", Required: []string{"url"}, New: newRSS, Robots: true, Check: checkURLKey},
		{Type: "jsonld", Required: []string{"urls"}, Optional: []string{"follow"}, New: newJSONLD, Robots: true, Check: checkJSONLD},
		{Type: "html", Required: []string{"url", "selectors"}, New: newHTMLBoard, Robots: true, Check: checkHTML},
		{Type: "smartrecruiters", Required: []string{"company"}, New: newSmartRecruiters},
		{Type: "workable", Required: []string{"account"}, New: newWorkable},
		{Type: "remotive", Optional: []string{"category"}, New: newRemotive},
		{Type: "arbeitnow", New: newArbeitnow},
	}
}

func kindOf(typ string) (Kind, bool) {
	for _, k := range Kinds() {
		if k.Type == typ {
			return k, true
		}
	}
	return Kind{}, false
}

// KeyError is a problem with one key of a source's configuration. Key is
// the yaml key ("type", "board", "base_url"); Err says what is wrong with
// it, without the key. The config loader renders it as
// "file:line: sources[2].board: required for type greenhouse".
type KeyError struct {
	Key string
	Err error
}

func (e *KeyError) Error() string { return e.Key + ": " + e.Err.Error() }
func (e *KeyError) Unwrap() error { return e.Err }

// CheckSource validates src's type-specific keys. It returns a *KeyError
// naming the first offending key, or nil.
func CheckSource(src *config.Source) error {
	kind, ok := kindOf(src.Type)
	if !ok {
		if src.Type == "" {
			return &KeyError{Key: "type", Err: fmt.Errorf("required (one of %s)", strings.Join(typeNames(), ", "))}
		}
		return &KeyError{Key: "type", Err: fmt.Errorf("unknown source type %q (known: %s)", src.Type, strings.Join(typeNames(), ", "))}
	}
	for _, key := range kind.Required {
		if sourceKeyEmpty(src, key) {
			return &KeyError{Key: key, Err: fmt.Errorf("required for type %s", src.Type)}
		}
	}
	for _, key := range typeSpecificKeys() {
		if !slices.Contains(kind.Required, key) && !slices.Contains(kind.Optional, key) && !sourceKeyEmpty(src, key) {
			return &KeyError{Key: key, Err: fmt.Errorf("not used by type %s", src.Type)}
		}
	}
	if src.BaseURL != "" {
		if err := checkBaseURL(src.BaseURL); err != nil {
			return &KeyError{Key: "base_url", Err: err}
		}
	}
	if kind.Check != nil {
		return kind.Check(src)
	}
	return nil
}

func typeNames() []string {
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.Type)
	}
	return names
}

// typeSpecificKeys are the Source keys whose meaning depends on the type.
func typeSpecificKeys() []string {
	return []string{"board", "site", "company", "account", "url", "urls", "follow", "category", "selectors"}
}

// sourceKeyEmpty reports whether the yaml key of src is unset. Unknown
// keys count as empty, so a registry typo shows up as a config error.
func sourceKeyEmpty(src *config.Source, key string) bool {
	switch key {
	case "follow":
		return strings.TrimSpace(src.Follow) == ""
	case "selectors":
		return src.Selectors == (config.Selectors{})
	case "board":
		return strings.TrimSpace(src.Board) == ""
	case "site":
		return strings.TrimSpace(src.Site) == ""
	case "company":
		return strings.TrimSpace(src.Company) == ""
	case "account":
		return strings.TrimSpace(src.Account) == ""
	case "url":
		return strings.TrimSpace(src.URL) == ""
	case "urls":
		return len(src.URLs) == 0
	case "category":
		return strings.TrimSpace(src.Category) == ""
	case "base_url":
		return strings.TrimSpace(src.BaseURL) == ""
	}
	return true
}

func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("bad URL %q", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("bad URL %q: want http:// or https://", s)
	}
	if u.Host == "" {
		return fmt.Errorf("bad URL %q: no host", s)
	}
	if !validPort(u.Port()) {
		return fmt.Errorf("bad URL %q: port %q is outside 1–65535", s, u.Port())
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("bad URL %q: only scheme://host[:port] is allowed; the path is always the real API's", s)
	}
	return nil
}

// Option configures a Crawler (and the HTTP layers it builds).
type Option func(*options)

type options struct {
	log         *slog.Logger
	backoffBase time.Duration
	backoffMax  time.Duration
	sleep       func(ctx context.Context, d time.Duration) error
	now         func() time.Time
	wrap        func(http.RoundTripper) http.RoundTripper
	validators  Validators
}

func buildOptions(opts []Option) options {
	o := options{
		log:         slog.Default(),
		backoffBase: defaultBackoffBase,
		backoffMax:  defaultBackoffMax,
		sleep:       sleepCtx,
		now:         time.Now,
	}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// WithLogger sets the logger for dropped items, retries and truncations.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.log = l
		}
	}
}

// WithBackoff sets the first retry wait and the cap on any single wait,
// Retry-After included (defaults 500ms and 30s).
func WithBackoff(base, limit time.Duration) Option {
	return func(o *options) { o.backoffBase, o.backoffMax = base, limit }
}

// WithSleep replaces the function that waits between attempts; tests use
// it to record waits instead of sleeping. It must return ctx.Err() when
// ctx ends first.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(o *options) { o.sleep = sleep }
}

// WithClock sets the clock used to read Retry-After dates.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// WithTransportWrapper wraps the guarded transport, e.g. to inject faults
// or count requests in tests. The SSRF guard stays underneath.
func WithTransportWrapper(wrap func(http.RoundTripper) http.RoundTripper) Option {
	return func(o *options) { o.wrap = wrap }
}

// Crawler fetches sources by type with the crawl-wide limits and role
// filter. It is safe for concurrent use; sources with equal effective
// limits share one HTTP layer, and so one per-host politeness budget.
type Crawler struct {
	crawl config.Crawl
	roles *RoleFilter
	opts  options

	mu    sync.Mutex
	https map[httpKey]*HTTP
}

type httpKey struct {
	lim    config.Limits
	robots bool
}

// New returns a Crawler for the crawl-wide settings crawl.
func New(crawl config.Crawl, opts ...Option) *Crawler {
	return &Crawler{
		crawl: crawl,
		roles: NewRoleFilter(crawl.Roles),
		opts:  buildOptions(opts),
		https: make(map[httpKey]*HTTP),
	}
}

func (c *Crawler) httpFor(lim config.Limits, robots bool) *HTTP {
	// The source's time budget is not the HTTP layer's: sources that
	// differ only in it share one per-host politeness budget.
	lim.SourceTimeout = 0
	k := httpKey{lim: lim, robots: robots}
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.https[k]
	if !ok {
		h = newHTTP(lim, robots, c.opts)
		c.https[k] = h
	}
	return h
}

// ErrTruncated marks a result that a bound (max_items, max_pages) cut
// short: the source has postings that are not in it.
var ErrTruncated = errors.New("result cut short by a crawl bound")

// Result is one source's fetch: the postings kept and what was left out.
type Result struct {
	Postings []skillpulse.Posting
	// Seen is how many postings the source returned.
	Seen int
	// Invalid postings had no id or title, or failed
	// skillpulse.CheckPosting; Filtered failed the role filter; Duplicates
	// repeated an id already kept.
	Invalid, Filtered, Duplicates int
	// BadDates counts dates outside skillpulse.DateInRange that were
	// dropped from the postings kept (the postings stay).
	BadDates int
	// Malformed records of the source's payload could not be decoded and
	// were skipped (see MalformedError); they make the result Truncated.
	Malformed int
	// Truncated is set when max_pages or max_items cut the source short,
	// records were skipped as malformed, or a posting with an id failed
	// skillpulse.CheckPosting (it may be one stored from an earlier run),
	// so postings missing from
	// Postings may still be open: a caller must not close them on the
	// strength of this result.
	Truncated bool
}

// Fetch fetches src, drops postings without an id or title, bounds every
// string, keeps the titles the role filter matches (first of each native
// id), caps the result at MaxItems and stamps Source and SourceType.
// Errors name the source: `greenhouse board "acme": decode jobs: ...`.
// With WithValidators, an unchanged source is an error for which
// errors.Is(err, ErrNotModified) holds. A truncated result is returned
// without error (and logged); FetchResult reports it.
func (c *Crawler) Fetch(ctx context.Context, src *config.Source) ([]skillpulse.Posting, error) {
	r, err := c.FetchResult(ctx, src)
	return r.Postings, err
}

// FetchResult is Fetch with the counts of what was left out, and whether
// a bound cut the source short.
func (c *Crawler) FetchResult(ctx context.Context, src *config.Source) (Result, error) {
	if src == nil {
		return Result{}, errors.New("fetch: nil source")
	}
	if err := CheckSource(src); err != nil {
		return Result{}, fmt.Errorf("source %q: %w", src.Name, err)
	}
	kind, _ := kindOf(src.Type)
	sess := newCondSession(c.opts.validators)
	h := c.httpFor(c.crawl.Limits(src), kind.Robots).withSession(sess)
	log := c.opts.log.With("source", src.Name, "type", src.Type)
	f := kind.New(h)
	// Titles a fetcher drops before fetching count as seen and filtered,
	// as if it had fetched them.
	var prefiltered atomic.Int64
	if tf, ok := f.(titleFilterer); ok {
		tf.filterTitles(func(title string) bool {
			ok := c.roles.Match(title)
			if !ok {
				prefiltered.Add(1)
			}
			return ok
		})
	}
	raw, err := fetchWithin(ctx, f, src, withDefaults(c.crawl.Limits(src)).SourceTimeout)
	var res Result
	switch {
	case errors.Is(err, ErrTruncated):
		res.Truncated = true
		res.Malformed = malformedIn(err)
		log.Warn("source cut short", "reason", err, "malformed_skipped", res.Malformed)
	case err != nil:
		return Result{}, err
	default:
		// Validators describe whole, processed responses only.
		sess.commit(ctx, log)
	}
	res.Seen = len(raw) + int(prefiltered.Load())
	res.Filtered = int(prefiltered.Load())
	c.keep(&res, raw, src, h.Limits().MaxItems, log)
	log.Debug("fetched", "seen", res.Seen, "kept", len(res.Postings), "filtered_by_role", res.Filtered)
	return res, nil
}

// fetchWithin runs f.Fetch with at most budget (source_timeout) for the
// whole fetch. When the budget, not ctx, ended it, the error is a
// *SourceTimeoutError naming the source and what was in flight, and any
// postings fetched so far are dropped: the source fails, closing nothing.
func fetchWithin(ctx context.Context, f Fetcher, src *config.Source, budget time.Duration) ([]skillpulse.Posting, error) {
	fctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	raw, err := f.Fetch(fctx, src)
	if err != nil && ctx.Err() == nil && fctx.Err() != nil {
		return nil, &SourceTimeoutError{Source: src.Name, Limit: budget, Err: err}
	}
	return raw, err
}

// keep puts into res the postings of raw worth storing: bounded, with an
// id and title, of a role the filter matches, the first of each native id,
// at most maxItems; and counts and logs what it left out.
func (c *Crawler) keep(res *Result, raw []skillpulse.Posting, src *config.Source, maxItems int, log *slog.Logger) {
	over := 0
	seen := make(map[string]bool, len(raw))
	res.Postings = make([]skillpulse.Posting, 0, min(len(raw), maxItems))
	employer := clipRunes(oneLine(src.Employer), maxShortLen)
	var firstInvalid error
	for i := range raw {
		p := &raw[i]
		if !boundPosting(p) {
			res.Invalid++
			continue
		}
		if p.Company == "" {
			p.Company = employer
		}
		res.BadDates += dropBadDates(p)
		p.Source, p.SourceType = src.Name, src.Type
		if err := skillpulse.CheckPosting(p); err != nil {
			// The posting has an id, so it may be one an earlier run
			// stored: leaving it out must not close it.
			res.Invalid++
			res.Truncated = true
			if firstInvalid == nil {
				firstInvalid = fmt.Errorf("posting %.80q: %w", p.NativeID, err)
			}
			continue
		}
		if !c.roles.Match(p.Title) {
			res.Filtered++
			continue
		}
		if seen[p.NativeID] {
			res.Duplicates++
			continue
		}
		seen[p.NativeID] = true
		if len(res.Postings) >= maxItems {
			over++
			continue
		}
		res.Postings = append(res.Postings, *p)
	}
	if res.Invalid > 0 {
		log.Warn("dropped invalid postings (no id or title, or out of bounds)", "count", res.Invalid, "first", firstInvalid)
	}
	if res.BadDates > 0 {
		log.Warn("dropped dates outside the plausible range", "count", res.BadDates,
			"from", skillpulse.EarliestDate.Format(time.DateOnly), "until", skillpulse.LatestDate.Format(time.DateOnly))
	}
	if res.Duplicates > 0 {
		log.Warn("dropped postings with a repeated id", "count", res.Duplicates)
	}
	if over > 0 {
		res.Truncated = true
		log.Warn("dropped postings over max_items", "max_items", maxItems, "count", over)
	}
}

// errSource is a fetcher's error prefix, e.g. `greenhouse board "acme"`.
func errSource(kind, key, value string) func(what string, err error) error {
	return func(what string, err error) error {
		if what == "" {
			return fmt.Errorf("%s %s %q: %w", kind, key, value, err)
		}
		return fmt.Errorf("%s %s %q: %s: %w", kind, key, value, what, err)
	}
}

// errNoArray is returned for a payload that lacks its postings array
// (typically an error object served with status 200).
var errNoArray = errors.New("no postings array in response")
