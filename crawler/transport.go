package crawler

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

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
	if enc := strings.TrimSpace(resp.Header.Get("Content-Encoding")); !resp.Uncompressed && (strings.EqualFold(enc, "gzip") || strings.EqualFold(enc, "x-gzip")) {
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
	if enc := strings.TrimSpace(resp.Header.Get("Content-Encoding")); enc != "" && !strings.EqualFold(enc, "identity") {
		// Only gzip is offered; any other encoding would reach the
		// decoders as bytes they call invalid at byte 1.
		body.Close()
		return nil, &EncodingError{Encoding: enc}
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
	if errors.Is(err, io.ErrUnexpectedEOF) {
		// The connection closed, or a gzip stream ended, before the
		// body did: say so, and how far it got.
		err = fmt.Errorf("the body ended early, after %d bytes: %w", b.read, err)
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
