package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sync"
)

// prepared is an answer encoded once and served until the store changes:
// its body as writeJSON writes it, its ETag, and, made on first need, the
// body gzipped. Serving one is a lookup and a write; nothing is encoded,
// hashed or compressed again per request.
type prepared struct {
	body []byte
	etag string

	gzipOnce sync.Once
	gz       []byte
}

// prepare encodes v as writeJSON would.
func prepare(v any) (*prepared, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return &prepared{body: buf.Bytes(), etag: etagOf(buf.Bytes())}, nil
}

// gzipped is the body gzipped, compressed harder than a one-off answer
// since it is compressed once.
func (p *prepared) gzipped() []byte {
	p.gzipOnce.Do(func() { p.gz = gzipBody(p.body, gzip.DefaultCompression) })
	return p.gz
}

// size is what p holds in memory, for the caches' bounds.
func (p *prepared) size() int { return len(p.body) + len(p.gz) }

// writePrepared answers with p. Behind manners it hands p over as it is,
// for manners to send with its ETag (or a 304) and gzipped if asked.
func writePrepared(w http.ResponseWriter, p *prepared) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if bw, ok := w.(*bufferedWriter); ok && !bw.wroteHeader {
		bw.prepared, bw.wroteHeader = p, true
		return
	}
	w.Write(p.body)
}

// etagOf is a body's strong ETag: a digest of its bytes.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

func gzipBody(body []byte, level int) []byte {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, level)
	zw.Write(body)
	zw.Close()
	return z.Bytes()
}

// revisioned is what a Store may also do, as *store.Store does: say with
// a few system calls, rather than a read of the database, whether
// anything was written since it last said (see store.Store.Revision).
type revisioned interface {
	Revision(ctx context.Context) (uint64, error)
}

// storeState is what the caches were last checked against.
type storeState struct {
	revision  uint64
	newestRun string
}

// state names the store's state for the caches: its newest run and that
// run's status, as newestRun reads it. Reports and posting lists change
// only when it does. A store that says its revision is read again only
// when the revision moved, so a request that the caches answer does not
// read the store.
func (s *Handler) state(ctx context.Context) (string, error) {
	rs, ok := s.opts.Store.(revisioned)
	if !ok {
		return s.newestRun(ctx)
	}
	rev, err := rs.Revision(ctx)
	if err != nil {
		return "", err
	}
	if st := s.seen.Load(); st != nil && st.revision == rev {
		return st.newestRun, nil
	}
	// Read after the revision, so it is at least as new: a write in
	// between moves the revision again and is seen by the next request.
	newest, err := s.newestRun(ctx)
	if err != nil {
		return "", err
	}
	s.seen.Store(&storeState{revision: rev, newestRun: newest})
	return newest, nil
}
