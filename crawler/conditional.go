package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
)

// Validator is what a server said about a response so that it can later
// answer "304 Not Modified" instead of sending it again.
type Validator struct {
	ETag         string
	LastModified string
}

// Validators keeps validators between runs, keyed by request URL. The
// caller provides it (typically backed by the store) with WithValidators.
//
// Crawler.Fetch saves a source's new validators only after the whole
// source was fetched and parsed, so a failed run never leaves a validator
// for a body that was not processed. Validators describe the response, not
// what the crawler kept of it: a caller that changes the role filter or
// max_items must forget them (e.g. key the store's bucket by config hash).
type Validators interface {
	LoadValidator(ctx context.Context, url string) (Validator, bool)
	SaveValidator(ctx context.Context, url string, v Validator) error
}

// ErrNotModified is returned (wrapped, naming the source) by
// Crawler.Fetch when a source answered 304 Not Modified to a conditional
// request: it has the same postings as at the last successful fetch.
var ErrNotModified = errors.New("not modified since the last successful fetch")

// WithValidators turns on conditional requests (If-None-Match,
// If-Modified-Since) for the sources whose fetchers use
// HTTP.GetConditional: single-response APIs such as greenhouse, ashby and
// remoteok. Paged sources (lever) always fetch every page.
func WithValidators(v Validators) Option {
	return func(o *options) { o.validators = v }
}

// condSession collects the validators of one source fetch until commit.
type condSession struct {
	store   Validators
	mu      sync.Mutex
	pending map[string]Validator
}

func newCondSession(v Validators) *condSession {
	if v == nil {
		return nil
	}
	return &condSession{store: v, pending: make(map[string]Validator)}
}

// commit saves the collected validators; failures are logged, as a lost
// validator only costs a full fetch next time.
func (s *condSession) commit(ctx context.Context, log *slog.Logger) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for u, v := range s.pending {
		if err := s.store.SaveValidator(ctx, u, v); err != nil {
			log.Warn("saving validator", "url", u, "error", err)
		}
	}
	clear(s.pending)
}

// withSession returns a view of h that shares its collectors and
// transport but records validators into s.
func (h *HTTP) withSession(s *condSession) *HTTP {
	v := *h
	v.cond = s
	return &v
}

// GetConditional is Get with the validators saved for rawURL, when the
// crawler has a Validators store. A 304 answer is an error wrapping
// ErrNotModified; a 200 answer's validators are kept for commit.
func (h *HTTP) GetConditional(ctx context.Context, rawURL string, hdr http.Header) (*Response, error) {
	if h.cond == nil {
		return h.Get(ctx, rawURL, hdr)
	}
	hdr = hdr.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	if v, ok := h.cond.store.LoadValidator(ctx, rawURL); ok {
		if v.ETag != "" {
			hdr.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			hdr.Set("If-Modified-Since", v.LastModified)
		}
	}
	resp, err := h.Get(ctx, rawURL, hdr)
	if err != nil {
		return nil, err
	}
	if resp.Status == http.StatusNotModified {
		return nil, fmt.Errorf("GET %s: %w", rawURL, ErrNotModified)
	}
	v := Validator{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if v != (Validator{}) {
		h.cond.mu.Lock()
		h.cond.pending[rawURL] = v
		h.cond.mu.Unlock()
	}
	return resp, nil
}
