package api

import (
	"bytes"
	"compress/gzip"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// minGzip is the smallest body worth compressing.
const minGzip = 1 << 10

// manners wraps the API's routes with what every answer shares: a JSON
// error for a panic; for a good answer an ETag (a digest of the body),
// 304 Not Modified when If-None-Match names it, Cache-Control: no-cache
// (keep it, but ask again), and gzip when the client accepts it. Errors
// stay no-store.
func manners(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bw := &bufferedWriter{header: w.Header(), status: http.StatusOK}
		func() {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					log.Error("api handler panicked", "path", r.URL.Path, "panic", v)
					bw.body.Reset()
					bw.prepared = nil
					writeError(bw, http.StatusInternalServerError, "internal error; see the server log")
				}
			}()
			next.ServeHTTP(bw, r)
		}()
		h := w.Header()
		if bw.status != http.StatusOK {
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(bw.status)
			w.Write(bw.body.Bytes())
			return
		}
		p := bw.prepared
		if p == nil {
			p = &prepared{body: bw.body.Bytes(), etag: etagOf(bw.body.Bytes())}
		}
		h.Set("ETag", p.etag)
		h.Set("Cache-Control", "no-cache")
		h.Add("Vary", "Accept-Encoding")
		if etagMatch(r.Header.Get("If-None-Match"), p.etag) {
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := p.body
		if len(body) >= minGzip && acceptsGzip(r.Header.Get("Accept-Encoding")) {
			if bw.prepared != nil {
				body = p.gzipped()
			} else {
				body = gzipBody(body, gzip.BestSpeed)
			}
			h.Set("Content-Encoding", "gzip")
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body)
	})
}

// bufferedWriter holds a handler's answer until it is complete, so that
// its ETag can be worked out before anything is sent.
type bufferedWriter struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
	prepared    *prepared // the answer, when the handler had it ready (writePrepared)
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	if !b.wroteHeader {
		b.status, b.wroteHeader = status, true
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wroteHeader = true
	return b.body.Write(p)
}

// etagMatch reports whether an If-None-Match header names etag (weakly,
// as RFC 9110 has it for If-None-Match) or is "*".
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip with a
// non-zero quality.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			return err == nil && f > 0
		}
		return true
	}
	return false
}
