// Package crawltest is a fault-injecting stand-in for the job APIs the
// crawler reads, for tests anywhere in skillpulse.
//
// A Server listens on loopback, answers on the sources' real paths and in
// their real formats (Greenhouse, Lever with skip/limit paging, Ashby,
// RemoteOK), records every request URI, and can be told to misbehave on
// the next requests to a path: error statuses, Retry-After, dropped
// connections, truncated or stalled bodies, gzip bombs, redirects.
//
//	srv := crawltest.NewServer(t)
//	srv.Greenhouse("acme", body)
//	srv.Inject("/v1/boards/acme/jobs", crawltest.Status(503), crawltest.Drop())
//	src := srv.Source("acme", "greenhouse", "acme") // base_url set, allow_private on
//
// Sources built by Source allow private addresses, since the server is on
// loopback; everything else about them is as in production.
package crawltest

import (
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/skillpulse/skillpulse/config"
)

// Fault is one misbehaviour, applied to one request.
type Fault func(w http.ResponseWriter, r *http.Request)

// Server is a loopback API server with fault injection.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	routes   map[string]http.HandlerFunc
	faults   map[string][]Fault
	requests []string
}

// NewServer starts a Server that is closed when the test ends.
func NewServer(t testing.TB) *Server {
	s := &Server{routes: map[string]http.HandlerFunc{}, faults: map[string][]Fault{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.RequestURI)
	var fault Fault
	if q := s.faults[r.URL.Path]; len(q) > 0 {
		fault, s.faults[r.URL.Path] = q[0], q[1:]
	}
	route := s.routes[r.URL.Path]
	s.mu.Unlock()
	switch {
	case fault != nil:
		fault(w, r)
	case route != nil:
		route(w, r)
	default:
		http.NotFound(w, r)
	}
}

// Handle serves path with h (for formats the helpers below do not cover).
func (s *Server) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// Inject queues faults for the next requests to path, one per request;
// once they are used up, path is served normally again.
func (s *Server) Inject(path string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], faults...)
}

// Requests returns the request URIs seen so far, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// Greenhouse serves body (a /jobs?content=true payload) for board.
func (s *Server) Greenhouse(board string, body []byte) {
	s.Handle("/v1/boards/"+board+"/jobs", jsonBody(body))
}

// Ashby serves body (a job-board payload) for board.
func (s *Server) Ashby(board string, body []byte) {
	s.Handle("/posting-api/job-board/"+board, jsonBody(body))
}

// RemoteOK serves body (the /api feed).
func (s *Server) RemoteOK(body []byte) { s.Handle("/api", jsonBody(body)) }

// Lever serves body (a JSON array of postings) for site, sliced by the
// skip and limit query parameters as api.lever.co does. A malformed body
// is served whole, to test decode errors.
func (s *Server) Lever(site string, body []byte) {
	var postings []json.RawMessage
	if err := json.Unmarshal(body, &postings); err != nil {
		s.Handle("/v0/postings/"+site, jsonBody(body))
		return
	}
	s.Handle("/v0/postings/"+site, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		skip, _ := strconv.Atoi(q.Get("skip"))
		limit, err := strconv.Atoi(q.Get("limit"))
		if err != nil || limit <= 0 {
			limit = len(postings)
		}
		skip = min(max(skip, 0), len(postings))
		page := postings[skip:min(skip+limit, len(postings))]
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(page)
	})
}

// Source is a source of the given type pointed at the server, with its
// key (board, site) set and private addresses allowed.
func (s *Server) Source(name, typ, key string) config.Source {
	allow := true
	src := config.Source{Name: name, Type: typ, BaseURL: s.URL, AllowPrivate: &allow}
	switch typ {
	case "greenhouse", "ashby":
		src.Board = key
	case "lever":
		src.Site = key
	}
	return src
}

func jsonBody(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(body)
	}
}

// Status answers with code and an empty body.
func Status(code int) Fault {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
}

// RetryAfter answers with code and a Retry-After header of value
// (seconds or an HTTP date).
func RetryAfter(code int, value string) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", value)
		w.WriteHeader(code)
	}
}

// Drop closes the connection without answering.
func Drop() Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}
}

// CutShort answers 200 promising body's full length, sends its first n
// bytes and closes the connection: a server that dies mid-body.
func CutShort(body []byte, n int) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:n])
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}
}

// Body answers 200 with body, whatever the route would have said
// (e.g. a truncated copy of the real payload).
func Body(body []byte) Fault { return Fault(jsonBody(body)) }

// Stall sends the start of body, then holds the response open until
// release is closed or the client goes away.
func Stall(start []byte, release <-chan struct{}) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Write(start)
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
}

// GzipBomb answers with n bytes of zeros, gzip-compressed
// (Content-Encoding: gzip): a tiny transfer that inflates to n bytes.
func GzipBomb(n int64) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		zeros := make([]byte, 1<<20)
		// A Fault may answer many requests: count down a copy, not n.
		for left := n; left > 0; {
			k := min(left, int64(len(zeros)))
			if _, err := zw.Write(zeros[:k]); err != nil {
				return
			}
			left -= k
			// Send as we go, so a client that stops reading stops us.
			zw.Flush()
			w.(http.Flusher).Flush()
		}
		zw.Close()
	}
}

// Redirect answers 302 to location.
func Redirect(location string) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, location, http.StatusFound)
	}
}
