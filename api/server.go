package api

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Server serves the API and the metrics on one listener for the life of a
// process: set its fields, Mount any further routes, Open it, Close it.
// Every answer it gives, the API's, the metrics' and a mounted route's,
// follows the same rules:
//
//   - X-Content-Type-Options: nosniff and, unless the handler says
//     otherwise, Cache-Control: no-store;
//   - on a loopback listener, a Host that is not a loopback address,
//     "localhost" or one of Hosts is answered 421 Misdirected Request, so a
//     web page whose name a hostile DNS server rebinds to 127.0.0.1 cannot
//     read the API from a browser;
//   - /metrics answers GET and HEAD only (405 otherwise), as the API does;
//   - with a Token, every request but /api/v1/health (and /metrics when
//     MetricsOpen) must carry it, or is answered 401.
type Server struct {
	// Addr is the address Open listens on ("127.0.0.1:9477"; port 0 picks a
	// free one).
	Addr string
	// API answers everything not mounted elsewhere; Metrics answers
	// /metrics (nil: not served).
	API     http.Handler
	Metrics http.Handler
	// Hosts are the names, besides loopback addresses and "localhost",
	// that a request to a loopback listener may carry in its Host header.
	Hosts []string
	// Token, when set, is the bearer token every request but one for
	// /api/v1/health must carry (Authorization: Bearer <token>), compared
	// in constant time; others are answered 401. MetricsOpen leaves
	// /metrics open even then.
	Token       string
	MetricsOpen bool
	// Log receives errors of the HTTP server; nil discards them.
	Log *slog.Logger
	// BaseContext is the parent of every request's context; nil means
	// context.Background.
	BaseContext context.Context

	routes   []route
	ln       net.Listener
	srv      *http.Server
	loopback bool
	done     chan error
}

type route struct {
	pattern string
	h       http.Handler
}

// Mount adds a route (a net/http ServeMux pattern such as
// "POST /api/v1/analyze") beside the API, under the same rules. It must be
// called before Open.
func (s *Server) Mount(pattern string, h http.Handler) {
	s.routes = append(s.routes, route{pattern, h})
}

// Listen opens the listener on Addr without serving yet, so that a
// command can refuse a bad address before it touches anything else. Open
// calls it when it was not called.
func (s *Server) Listen() error {
	if s.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	s.loopback = isLoopback(ln.Addr())
	return nil
}

// Open listens on Addr (unless Listen did) and serves in the background
// until Close. A listener that cannot be opened is an error naming the
// address.
func (s *Server) Open() error {
	if s.srv != nil {
		return errors.New("api: server already open")
	}
	if err := s.Listen(); err != nil {
		return err
	}
	ln := s.ln
	log := s.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base := s.BaseContext
	if base == nil {
		base = context.Background()
	}
	s.srv = &http.Server{
		Handler:           s.handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	s.done = make(chan error, 1)
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return nil
}

// URL is the server's base URL, e.g. "http://127.0.0.1:9477"; empty before
// Open.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Done receives once when the server stops serving: nil after Close, the
// error when serving failed.
func (s *Server) Done() <-chan error { return s.done }

// Close stops the server: it stops listening at once and waits up to 10
// seconds for requests in flight to finish.
func (s *Server) Close() error {
	if s.srv == nil {
		if s.ln != nil {
			return s.ln.Close()
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	return err
}

// handler is the server's routes behind its rules.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	if s.Metrics != nil {
		mux.Handle("/metrics", readOnly(s.Metrics))
	}
	for _, r := range s.routes {
		mux.Handle(r.pattern, r.h)
	}
	if s.API != nil {
		mux.Handle("/", s.API)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		if s.loopback && !s.hostAllowed(r.Host) {
			writeError(w, http.StatusMisdirectedRequest,
				fmt.Sprintf("host %q is not served here: this server answers loopback names and api.hosts only", r.Host))
			return
		}
		if !s.authorized(r) {
			h.Set("WWW-Authenticate", `Bearer realm="skillpulse"`)
			writeError(w, http.StatusUnauthorized, "this endpoint needs Authorization: Bearer <token> (api.token_file)")
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// authorized reports whether a request may pass: no token is set, it is
// for an open endpoint, or it carries the token.
func (s *Server) authorized(r *http.Request) bool {
	if s.Token == "" || r.URL.Path == "/api/v1/health" || s.MetricsOpen && r.URL.Path == "/metrics" {
		return true
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.Token)) == 1
}

// IsLoopbackAddr reports whether a listen address ("127.0.0.1:9477",
// "[::1]:0", "localhost:9477") can only be reached from this machine. An
// empty host, 0.0.0.0, :: and any other name are not.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// readOnly refuses any method but GET and HEAD, as the API does.
func readOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "read-only: GET only")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a request's Host names this loopback server:
// a loopback address, localhost, or a configured name, with any port.
func (s *Server) hostAllowed(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return slices.ContainsFunc(s.Hosts, func(n string) bool { return strings.EqualFold(strings.TrimSuffix(n, "."), host) })
}

func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
