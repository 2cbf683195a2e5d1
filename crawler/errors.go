package crawler

import (
	"fmt"
	"net/http"
	"time"
)

// StatusError is an HTTP status that ended a request. Callers branch on
// Status (e.g. a 404 board).
type StatusError struct {
	URL      string
	Status   int
	Attempts int
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.Status == http.StatusNotModified {
		s += " to a request that was not conditional" // see conditional
	}
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (gave up after %d attempts)", e.Attempts)
	}
	return s
}

// EncodingError is a response in a Content-Encoding that was not asked
// for: only gzip is offered, and only gzip is decoded.
type EncodingError struct{ Encoding string }

func (e *EncodingError) Error() string {
	return fmt.Sprintf("unsupported Content-Encoding %q (only gzip is asked for)", e.Encoding)
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

// SourceTimeoutError is a source whose whole fetch, every request, retry
// and wait of it, ran past source_timeout. The source fails, closing
// nothing; Err is what its fetch was doing when the time ran out.
type SourceTimeoutError struct {
	Source string
	Limit  time.Duration
	Err    error
}

func (e *SourceTimeoutError) Error() string {
	return fmt.Sprintf("source %q: stopped after source_timeout (%v, the whole fetch): %v", e.Source, e.Limit, e.Err)
}

func (e *SourceTimeoutError) Unwrap() error { return e.Err }
func (e *SourceTimeoutError) Timeout() bool { return true }

// RedirectError is a redirect the HTTP layer refused to follow.
type RedirectError struct{ Reason string }

func (e *RedirectError) Error() string { return e.Reason }

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
