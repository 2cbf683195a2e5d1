package crawler

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/skillpulse/skillpulse/config"
)

// Defaults for limits left at zero by the config.
const (
	DefaultUserAgent      = "skillpulse/1 (+https://github.com/skillpulse/skillpulse)"
	DefaultRequestTimeout = 30 * time.Second
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
// User-Agent, the per-host LimitRule (parallelism and delay), the request
// timeout and the redirect policy. Three things colly does not do the way
// we need are wrapped around it here, not patched into it:
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
	mu sync.Mutex
	m  map[string]*colly.Collector
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
		hosts:     &hostCollectors{m: make(map[string]*colly.Collector)},
	}
}

// Limits returns the effective limits, defaults applied.
func (h *HTTP) Limits() config.Limits { return h.lim }

// collector returns the Collector for host, creating it on first use.
func (h *HTTP) collector(host string) (*colly.Collector, error) {
	h.hosts.mu.Lock()
	defer h.hosts.mu.Unlock()
	if c, ok := h.hosts.m[host]; ok {
		return c, nil
	}
	c := colly.NewCollector()
	// Set every field after NewCollector: it applies COLLY_* environment
	// variables last, and our behaviour comes from config alone.
	c.UserAgent = h.lim.UserAgent
	c.AllowedDomains, c.DisallowedDomains = nil, nil
	c.URLFilters, c.DisallowedURLFilters = nil, nil
	c.CacheDir = ""
	c.DetectCharset = false
	c.IgnoreRobotsTxt = !h.robots
	c.AllowURLRevisit = true        // retries and re-crawls ask the same URL
	c.ParseHTTPErrorResponse = true // status codes are ours to judge
	c.MaxDepth, c.MaxRequests = 0, 0
	c.TraceHTTP = false
	// Backstop only: boundedTransport fails at MaxBody+1 bytes first.
	c.MaxBodySize = int(h.lim.MaxBody) + 1
	c.SetClient(&http.Client{Transport: h.transport, Timeout: h.lim.RequestTimeout})
	c.SetRedirectHandler(checkRedirect)
	rule := &colly.LimitRule{DomainGlob: "*", Parallelism: h.lim.Parallelism, Delay: h.lim.Delay}
	if err := c.Limit(rule); err != nil {
		return nil, fmt.Errorf("limit rule for %s: %w", host, err)
	}
	h.hosts.m[host] = c
	return c, nil
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

// StatusError is an HTTP status that ended a request. Callers branch on
// Status (e.g. a 404 board).
type StatusError struct {
	URL      string
	Status   int
	Attempts int
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (gave up after %d attempts)", e.Attempts)
	}
	return s
}

// BodyTooLargeError is a response body over the max_body limit.
type BodyTooLargeError struct{ Limit int64 }

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("response body exceeds max_body (%d bytes)", e.Limit)
}

// TimeoutError is a request that did not complete, body included,
// within request_timeout. It is retried like a connection error.
type TimeoutError struct{ Limit time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("timed out after %v (request_timeout, body included)", e.Limit)
}

func (e *TimeoutError) Timeout() bool { return true }

// RedirectError is a redirect the HTTP layer refused to follow.
type RedirectError struct{ Reason string }

func (e *RedirectError) Error() string { return e.Reason }

// Get fetches rawURL with the given extra headers, retrying transient
// failures. A non-2xx/304 status is a *StatusError.
func (h *HTTP) Get(ctx context.Context, rawURL string, hdr http.Header) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("GET %s: not an absolute http(s) URL", rawURL)
	}
	coll, err := h.collector(u.Host)
	if err != nil {
		return nil, err
	}
	attempts := 1 + h.lim.MaxRetries
	for attempt := 1; ; attempt++ {
		resp, err := h.once(ctx, coll, rawURL, hdr)
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
		case resp.Status >= 200 && resp.Status < 300 || resp.Status == http.StatusNotModified:
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

// retryable reports whether a transport error may go away on its own.
func retryable(err error) bool {
	var refused *RefusedError
	var tooLarge *BodyTooLargeError
	var redirect *RedirectError
	var cert *tls.CertificateVerificationError
	switch {
	case errors.As(err, &refused), errors.As(err, &tooLarge), errors.As(err, &redirect), errors.As(err, &cert):
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

// checkRedirect keeps redirects few and on the host first asked.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return &RedirectError{Reason: fmt.Sprintf("stopped after %d redirects", maxRedirects)}
	}
	first := via[0].URL
	if !strings.EqualFold(req.URL.Host, first.Host) {
		return &RedirectError{Reason: fmt.Sprintf("refusing redirect from %s to another host (%s)", first.Host, req.URL.Host)}
	}
	if first.Scheme == "https" && req.URL.Scheme != "https" {
		return &RedirectError{Reason: fmt.Sprintf("refusing redirect from https to %s", req.URL.Scheme)}
	}
	return nil
}

// boundedTransport bounds response bodies after decompression, so neither
// a huge body nor a gzip bomb can exhaust memory, and fails loudly where
// colly would truncate silently.
type boundedTransport struct {
	next http.RoundTripper
	max  int64
}

func (t *boundedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body := resp.Body
	if !resp.Uncompressed && strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		// The net/http transport decompresses transparently only when it
		// asked for gzip itself; any other gzip body is decoded here.
		zr, err := gzip.NewReader(body)
		if err != nil {
			body.Close()
			return nil, fmt.Errorf("gzip response: %w", err)
		}
		body = &gzipBody{zr: zr, raw: body}
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
	}
	// Stops colly from gunzipping "application/gzip" bodies without bound.
	resp.Uncompressed = true
	resp.Body = &limitedBody{rc: body, max: t.max}
	return resp, nil
}

type gzipBody struct {
	zr  *gzip.Reader
	raw io.ReadCloser
}

func (g *gzipBody) Read(p []byte) (int, error) { return g.zr.Read(p) }
func (g *gzipBody) Close() error {
	g.zr.Close()
	return g.raw.Close()
}

// limitedBody fails with *BodyTooLargeError once more than max bytes are read.
type limitedBody struct {
	rc   io.ReadCloser
	max  int64
	read int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.read > b.max {
		return 0, &BodyTooLargeError{Limit: b.max}
	}
	n, err := b.rc.Read(p)
	b.read += int64(n)
	if b.read > b.max {
		return n - int(b.read-b.max), &BodyTooLargeError{Limit: b.max}
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// RefusedError is a connection the SSRF guard refused.
type RefusedError struct {
	Addr  string // ip:port dialled
	Class string // loopback, private, link-local, unspecified
	// Always is set for addresses refused even with allow_private.
	Always bool
}

func (e *RefusedError) Error() string {
	if e.Always {
		return fmt.Sprintf("refusing to connect to %s (%s): %s addresses are refused even with allow_private", e.Addr, e.Class, e.Class)
	}
	return fmt.Sprintf("refusing to connect to %s (%s): set allow_private: true on the source or in crawl to allow it", e.Addr, e.Class)
}

// dialGuard is a net.Dialer Control func: it runs on the resolved address
// before connect, so a refused address never sees a packet, and DNS
// rebinding cannot slip past it.
func dialGuard(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return &RefusedError{Addr: address, Class: "unparsable address", Always: true}
		}
		class, always := addrClass(ap.Addr())
		if class == "" || (allowPrivate && !always) {
			return nil
		}
		return &RefusedError{Addr: address, Class: class, Always: always}
	}
}

// addrClass names the non-public class of ip ("" for public) and whether
// it is refused even with allow_private.
func addrClass(ip netip.Addr) (class string, always bool) {
	ip = ip.Unmap()
	thisNet := netip.PrefixFrom(netip.AddrFrom4([4]byte{0, 0, 0, 0}), 8)
	sharedNet := netip.PrefixFrom(netip.AddrFrom4([4]byte{100, 64, 0, 0}), 10) // RFC 6598 carrier-grade NAT
	switch {
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		// 169.254.0.0/16 and fe80::/10: cloud metadata endpoints live here.
		return "link-local", true
	case ip.IsUnspecified(), thisNet.Contains(ip):
		return "unspecified", false
	case ip.IsLoopback():
		return "loopback", false
	case ip.IsPrivate(), sharedNet.Contains(ip):
		return "private", false
	case ip.IsMulticast():
		return "multicast", true
	}
	return "", false
}
