package crawler

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/skillpulse/skillpulse/config"
)

// Defaults for limits left at zero by the config.
const (
	DefaultUserAgent      = "skillpulse/1 (+https://github.com/skillpulse/skillpulse)"
	DefaultRequestTimeout = 30 * time.Second
	DefaultSourceTimeout  = time.Hour
	DefaultMaxBody        = 10 << 20
	DefaultMaxItems       = 5000
	DefaultMaxPages       = 50

	maxRedirects       = 5
	dialTimeout        = 10 * time.Second
	defaultBackoffBase = 500 * time.Millisecond
	defaultBackoffMax  = 30 * time.Second
)

// withDefaults fills the limits the config left at zero.
func withDefaults(l config.Limits) config.Limits {
	if strings.TrimSpace(l.UserAgent) == "" {
		l.UserAgent = DefaultUserAgent
	}
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = DefaultRequestTimeout
	}
	if l.SourceTimeout <= 0 {
		l.SourceTimeout = DefaultSourceTimeout
	}
	if l.Parallelism <= 0 {
		l.Parallelism = 1
	}
	l.Delay = max(l.Delay, 0)
	l.MaxRetries = max(l.MaxRetries, 0)
	if l.MaxBody <= 0 {
		l.MaxBody = DefaultMaxBody
	}
	if l.MaxItems <= 0 {
		l.MaxItems = DefaultMaxItems
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultMaxPages
	}
	return l
}

// HTTP is the one way sources talk to the network. It is built from a
// source's effective limits and is safe for concurrent use.
//
// The politeness layer is gocolly/colly: one Collector per host carries the
// User-Agent, the per-host LimitRule (parallelism), the request timeout
// and the redirect policy. Five things colly does not do the way we need
// are wrapped around it here, not patched into it:
//
//   - Retries: colly's Request.Retry is meant for async callbacks and knows
//     nothing of backoff or Retry-After, so Get loops over single colly
//     requests itself (a backoff library would not let tests fake the wait).
//   - Body bound: colly's MaxBodySize truncates silently, and its own gunzip
//     reads without bound. The transport wrapper (boundedTransport) counts
//     decompressed bytes and fails with *BodyTooLargeError instead.
//   - Per-host rules: colly's Collector.Limit initialises a rule after
//     publishing it, which races with requests in flight, so each host gets
//     its own Collector whose single rule is set before first use.
//   - Delay: colly sleeps a rule's delay inside the request, deaf to the
//     context, so the per-host budget is hostSlots (politeness.go), whose
//     wait a cancelled context ends.
//   - robots.txt: colly fetches it without the context, blames the page
//     for its failures and crawls a host whose robots.txt answers 5xx, so
//     checkRobots (robots.go) reads it as RFC 9309 says.
//
// A Collector has one Context, so each request runs on a Clone (which
// shares the backend, and therefore the host's LimitRule) with the
// caller's context.
type HTTP struct {
	lim       config.Limits
	robots    bool
	log       *slog.Logger
	opts      options
	transport http.RoundTripper
	hosts     *hostCollectors

	// cond is the conditional-request session of one Crawler.Fetch; nil
	// makes GetConditional a plain Get.
	cond *condSession
}

// hostCollectors holds one Collector per host, shared by every view of
// an HTTP.
type hostCollectors struct {
	mu     sync.Mutex
	m      map[string]*colly.Collector
	slots  map[string]hostSlots    // see politeness.go
	robots map[string]*robotsEntry // see robots.go
}

// NewHTTP returns an HTTP layer for lim (zero limits take the defaults).
// robots makes it obey robots.txt.
func NewHTTP(lim config.Limits, robots bool, opts ...Option) *HTTP {
	return newHTTP(lim, robots, buildOptions(opts))
}

func newHTTP(lim config.Limits, robots bool, o options) *HTTP {
	lim = withDefaults(lim)
	dialer := &net.Dialer{
		Timeout:   dialTimeout,
		KeepAlive: 30 * time.Second,
		Control:   dialGuard(lim.AllowPrivate),
	}
	var rt http.RoundTripper = &http.Transport{
		// No proxy: the guard must see the address actually dialled.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   dialTimeout,
		MaxIdleConnsPerHost:   lim.Parallelism,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	if o.wrap != nil {
		rt = o.wrap(rt)
	}
	return &HTTP{
		lim:       lim,
		robots:    robots,
		log:       o.log,
		opts:      o,
		transport: &boundedTransport{next: rt, max: lim.MaxBody},
		hosts:     &hostCollectors{m: make(map[string]*colly.Collector), slots: make(map[string]hostSlots)},
	}
}

// Limits returns the effective limits, defaults applied.
func (h *HTTP) Limits() config.Limits { return h.lim }

// collector returns the Collector for host and its politeness budget,
// creating them on first use.
func (h *HTTP) collector(host string) (*colly.Collector, hostSlots, error) {
	h.hosts.mu.Lock()
	defer h.hosts.mu.Unlock()
	if c, ok := h.hosts.m[host]; ok {
		return c, h.hosts.slots[host], nil
	}
	c := colly.NewCollector()
	// Set every field after NewCollector: it applies COLLY_* environment
	// variables last, and our behaviour comes from config alone.
	c.UserAgent = h.lim.UserAgent
	c.AllowedDomains, c.DisallowedDomains = nil, nil
	c.URLFilters, c.DisallowedURLFilters = nil, nil
	c.CacheDir = ""
	c.DetectCharset = false
	c.IgnoreRobotsTxt = true        // HTTP.checkRobots reads it (robots.go)
	c.AllowURLRevisit = true        // retries and re-crawls ask the same URL
	c.ParseHTTPErrorResponse = true // status codes are ours to judge
	c.MaxDepth, c.MaxRequests = 0, 0
	c.TraceHTTP = false
	// Backstop only: boundedTransport fails at MaxBody+1 bytes first.
	c.MaxBodySize = int(h.lim.MaxBody) + 1
	c.SetClient(&http.Client{Transport: h.transport, Timeout: h.lim.RequestTimeout})
	c.SetRedirectHandler(checkRedirect)
	// The delay is hostSlots' (politeness.go), which a context ends; the
	// rule only repeats the parallelism bound.
	rule := &colly.LimitRule{DomainGlob: "*", Parallelism: h.lim.Parallelism}
	if err := c.Limit(rule); err != nil {
		return nil, nil, fmt.Errorf("limit rule for %s: %w", host, err)
	}
	h.hosts.m[host] = c
	h.hosts.slots[host] = newHostSlots(h.lim.Parallelism)
	return c, h.hosts.slots[host], nil
}

// Response is a fetched response: final URL, status, headers and the
// whole body (at most MaxBody bytes, decompressed, charset-converted to
// UTF-8 when the Content-Type names another charset).
type Response struct {
	URL    string
	Status int
	Header http.Header
	Body   []byte
}

// Get fetches rawURL with the given extra headers, retrying transient
// failures. A status other than 2xx, or 304 to a conditional request, is
// a *StatusError.
//
// A layer built to obey robots.txt asks for no page it disallows (an
// error wrapping colly.ErrRobotsTxtBlocked), and for no page of a host
// whose robots.txt cannot be read (a *RobotsError).
func (h *HTTP) Get(ctx context.Context, rawURL string, hdr http.Header) (*Response, error) {
	if h.robots {
		u, err := url.Parse(rawURL)
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			if err := h.checkRobots(ctx, u); err != nil {
				return nil, err
			}
		}
	}
	return h.fetch(ctx, rawURL, hdr)
}

// fetch is Get without robots.txt.
func (h *HTTP) fetch(ctx context.Context, rawURL string, hdr http.Header) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("GET %s: not an absolute http(s) URL", rawURL)
	}
	coll, slots, err := h.collector(u.Host)
	if err != nil {
		return nil, err
	}
	attempts := 1 + h.lim.MaxRetries
	for attempt := 1; ; attempt++ {
		resp, err := h.politely(ctx, slots, func() (*Response, error) { return h.once(ctx, coll, rawURL, hdr) })
		var lastErr error
		var retryAfter time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, fmt.Errorf("GET %s: %w", rawURL, ctx.Err())
			}
			if !retryable(err) {
				return nil, err
			}
			lastErr = err
		case resp.Status >= 200 && resp.Status < 300 || resp.Status == http.StatusNotModified && conditional(hdr):
			return resp, nil
		case resp.Status == http.StatusTooManyRequests || resp.Status >= 500:
			lastErr = &StatusError{URL: rawURL, Status: resp.Status, Attempts: attempt}
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), h.opts.now())
		default:
			return nil, &StatusError{URL: rawURL, Status: resp.Status, Attempts: attempt}
		}
		if attempt >= attempts {
			if _, ok := lastErr.(*StatusError); !ok && attempt > 1 {
				lastErr = fmt.Errorf("%w (gave up after %d attempts)", lastErr, attempt)
			}
			return nil, lastErr
		}
		wait := h.backoff(attempt, retryAfter)
		h.log.Info("retrying request", "url", rawURL, "attempt", attempt, "wait", wait, "error", lastErr)
		if err := h.opts.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("GET %s: %w", rawURL, err)
		}
	}
}

// politely makes the request do within the host's budget (politeness.go).
func (h *HTTP) politely(ctx context.Context, slots hostSlots, do func() (*Response, error)) (*Response, error) {
	if err := slots.acquire(ctx); err != nil {
		return nil, err
	}
	defer slots.release(h.lim.Delay)
	return do()
}

// once makes one request through the host's Collector.
func (h *HTTP) once(ctx context.Context, coll *colly.Collector, rawURL string, hdr http.Header) (*Response, error) {
	c := coll.Clone()
	c.Context = ctx
	var got *colly.Response
	c.OnResponse(func(r *colly.Response) { got = r })
	reqHdr := hdr.Clone()
	if reqHdr == nil {
		reqHdr = http.Header{}
	}
	if err := c.Request(http.MethodGet, rawURL, nil, nil, reqHdr); err != nil {
		// Drop wrappers that repeat the URL or address we already name.
		var ue *url.Error
		var refused *RefusedError
		switch {
		case errors.As(err, &refused):
			err = refused
		case ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded):
			// The client's own deadline, not the caller's: say which limit.
			err = &TimeoutError{Limit: h.lim.RequestTimeout}
		case errors.As(err, &ue):
			err = ue.Err
		}
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	if got == nil {
		return nil, fmt.Errorf("GET %s: no response", rawURL)
	}
	r := &Response{URL: rawURL, Status: got.StatusCode, Body: got.Body}
	if got.Request != nil && got.Request.URL != nil {
		r.URL = got.Request.URL.String()
	}
	if got.Headers != nil {
		r.Header = *got.Headers
	}
	r.Body = htmlToUTF8(r.Body, r.Header.Get("Content-Type"))
	return r, nil
}

// conditional reports whether a request with these headers may be
// answered 304 Not Modified: only one that says what the client has. A
// 304 to any other is a *StatusError, never "nothing changed".
func conditional(hdr http.Header) bool {
	return hdr.Get("If-None-Match") != "" || hdr.Get("If-Modified-Since") != ""
}

// retryable reports whether a transport error may go away on its own.
func retryable(err error) bool {
	var refused *RefusedError
	var tooLarge *BodyTooLargeError
	var redirect *RedirectError
	var cert *tls.CertificateVerificationError
	var encoding *EncodingError
	switch {
	case errors.As(err, &refused), errors.As(err, &tooLarge), errors.As(err, &redirect), errors.As(err, &cert), errors.As(err, &encoding):
		return false
	case errors.Is(err, context.Canceled):
		return false
	case errors.Is(err, colly.ErrRobotsTxtBlocked), errors.Is(err, colly.ErrForbiddenDomain),
		errors.Is(err, colly.ErrForbiddenURL), errors.Is(err, colly.ErrAbortedAfterHeaders):
		return false
	}
	return true
}

// backoff is the wait before attempt+1: Retry-After when the server gave
// one, else exponential from the base with jitter in [d/2, d); both capped
// at the configured maximum.
func (h *HTTP) backoff(attempt int, retryAfter time.Duration) time.Duration {
	limit := h.opts.backoffMax
	if retryAfter > 0 {
		return min(retryAfter, limit)
	}
	base := h.opts.backoffBase
	if base <= 0 {
		return 0
	}
	d := base << min(attempt-1, 20)
	if d <= 0 || d > limit {
		d = limit
	}
	if half := int64(d / 2); half > 0 {
		d = time.Duration(half + rand.Int64N(half))
	}
	return d
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(min(secs, 1<<20)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
