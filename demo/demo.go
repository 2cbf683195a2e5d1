package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

// Nights is the number of bundled datasets; Start and SetNight accept 1..Nights.
const Nights = 2

// Source types, as the config's `type` key spells them.
const (
	TypeGreenhouse = "greenhouse"
	TypeLever      = "lever"
)

// Error bodies of the real APIs for an unknown board or site.
const (
	greenhouseNotFound = `{"status":404,"error":"Job not found"}`
	leverNotFound      = `{"ok":false,"error":"Document not found"}`
)

//go:embed boards
var boardFiles embed.FS

// SourceSpec is one source the demo config should list.
type SourceSpec struct {
	Name  string
	Type  string // TypeGreenhouse or TypeLever
	Board string // Greenhouse board token
	Site  string // Lever site name
}

// Sources returns the sources the demo config should list, one per bundled
// board, in a stable order (by type, then key). Every board and site named
// here exists on the server in every night.
func Sources() []SourceSpec {
	return []SourceSpec{
		{Name: "graniteridge", Type: TypeGreenhouse, Board: "graniteridge"},
		{Name: "northwind", Type: TypeGreenhouse, Board: "northwind"},
		{Name: "tidepool", Type: TypeGreenhouse, Board: "tidepool"},
		{Name: "ferrous", Type: TypeLever, Site: "ferrous"},
	}
}

// dataset is one night's boards, loaded once and never modified.
type dataset struct {
	// greenhouse maps a board token to its two response bodies.
	greenhouse map[string]greenhouseBoard
	// lever maps a site to its postings.
	lever map[string]leverSite
	// failing names the boards and sites that answer 500 this night.
	failing map[string]bool
}

type leverSite struct {
	postings []json.RawMessage          // the stored bytes of each array element, in order
	byID     map[string]json.RawMessage // the same postings by id
}

type greenhouseBoard struct {
	withContent    []byte // the file, as stored
	withoutContent []byte // the same jobs without content, departments, offices
}

// Server serves the bundled boards at the real API paths on a loopback port.
// It is safe for concurrent requests and for SetNight while serving.
type Server struct {
	nights  [Nights]*dataset
	cur     atomic.Pointer[dataset] // what is served now
	history *History                // nil unless started by StartHistory
	url     string
	srv     *http.Server
	done    chan struct{} // closed when Serve returns
}

// Start loads every night's boards, listens on 127.0.0.1 on a free port and
// serves the given night (1 or 2) until Close.
func Start(night int) (*Server, error) {
	if night < 1 || night > Nights {
		return nil, fmt.Errorf("demo: night %d: want 1..%d", night, Nights)
	}
	s := &Server{done: make(chan struct{})}
	for i := range s.nights {
		d, err := loadNight(boardFiles, i+1)
		if err != nil {
			return nil, err
		}
		s.nights[i] = d
	}
	s.cur.Store(s.nights[night-1])
	if err := s.listen(); err != nil {
		return nil, err
	}
	return s, nil
}

// StartHistory serves h's first night on loopback until Close; move on with
// SetHistoryNight.
func StartHistory(h *History) (*Server, error) {
	s, err := Start(1)
	if err != nil {
		return nil, err
	}
	s.history = h
	if err := s.SetHistoryNight(0); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// SetHistoryNight serves night n (0-based) of the history the server was
// started with from the next request on.
func (s *Server) SetHistoryNight(n int) error {
	if s.history == nil {
		return errors.New("demo: SetHistoryNight on a server started without a history")
	}
	if n < 0 || n >= s.history.Nights() {
		return fmt.Errorf("demo: night %d: want 0..%d", n, s.history.Nights()-1)
	}
	d, err := s.history.night(n, s.nights)
	if err != nil {
		return err
	}
	s.cur.Store(d)
	return nil
}

func (s *Server) listen() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: listen on loopback: %w", err)
	}
	s.url = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s.handler()}
	go func() {
		defer close(s.done)
		// Serve returns http.ErrServerClosed after Close; any other error
		// means the listener died, and later requests fail visibly.
		_ = s.srv.Serve(ln)
	}()
	return nil
}

// URL returns the server's base URL, "http://127.0.0.1:PORT", to be used as
// a source's base_url.
func (s *Server) URL() string { return s.url }

// SetNight switches the dataset served from the next request on. Requests
// already being answered finish with the dataset they started with. It
// panics if n is not between 1 and Nights, like an out-of-range index.
func (s *Server) SetNight(n int) {
	if n < 1 || n > Nights {
		panic(fmt.Sprintf("demo: SetNight(%d): want 1..%d", n, Nights))
	}
	s.cur.Store(s.nights[n-1])
}

// Close stops the server, drops open connections and waits for the serving
// goroutine to return.
func (s *Server) Close() {
	_ = s.srv.Close() // only reports listener close errors, nothing to act on
	<-s.done
}

func (s *Server) current() *dataset { return s.cur.Load() }

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/boards/{board}/jobs", s.greenhouseJobs)
	mux.HandleFunc("GET /v0/postings/{site}", s.leverPostings)
	mux.HandleFunc("GET /v0/postings/{site}/{id}", s.leverPosting)
	return mux
}

// greenhouseJobs answers the Greenhouse job list. The whole board is one
// response; the real API has no paging either.
func (s *Server) greenhouseJobs(w http.ResponseWriter, r *http.Request) {
	d := s.current()
	if d.failing[r.PathValue("board")] {
		writeJSON(w, http.StatusInternalServerError, []byte(`{"status":500,"error":"Internal Server Error"}`))
		return
	}
	b, ok := d.greenhouse[r.PathValue("board")]
	if !ok {
		writeJSON(w, http.StatusNotFound, []byte(greenhouseNotFound))
		return
	}
	body := b.withoutContent
	if r.URL.Query().Get("content") == "true" {
		body = b.withContent
	}
	writeJSON(w, http.StatusOK, body)
}

// leverPostings answers the Lever posting list, paged by skip and limit like
// the real API: no total, no cursor; a page shorter than limit is the last.
// Without limit the rest of the site comes in one page. mode may be absent or
// json; the html and iframe modes of the real API are not served.
func (s *Server) leverPostings(w http.ResponseWriter, r *http.Request) {
	site, ok := s.current().lever[r.PathValue("site")]
	if !ok {
		writeJSON(w, http.StatusNotFound, []byte(leverNotFound))
		return
	}
	postings := site.postings
	q := r.URL.Query()
	if m := q.Get("mode"); m != "" && m != "json" {
		writeLeverError(w, http.StatusBadRequest, fmt.Sprintf("mode %q is not served by the demo, only json", m))
		return
	}
	skip, err := queryInt(q.Get("skip"), 0, 0)
	if err != nil {
		writeLeverError(w, http.StatusBadRequest, "skip: "+err.Error())
		return
	}
	limit, err := queryInt(q.Get("limit"), len(postings), 1)
	if err != nil {
		writeLeverError(w, http.StatusBadRequest, "limit: "+err.Error())
		return
	}
	start := min(skip, len(postings))
	end := start + min(limit, len(postings)-start)
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, p := range postings[start:end] {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(p)
	}
	buf.WriteByte(']')
	writeJSON(w, http.StatusOK, buf.Bytes())
}

// leverPosting answers one posting by id, as the real API does.
func (s *Server) leverPosting(w http.ResponseWriter, r *http.Request) {
	site, ok := s.current().lever[r.PathValue("site")]
	if !ok {
		writeJSON(w, http.StatusNotFound, []byte(leverNotFound))
		return
	}
	p, ok := site.byID[r.PathValue("id")]
	if !ok {
		writeJSON(w, http.StatusNotFound, []byte(leverNotFound))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// queryInt parses a non-negative paging parameter; empty means def.
func queryInt(v string, def, least int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		return 0, fmt.Errorf("want a whole number >= %d, not %q", least, v)
	}
	return n, nil
}

func writeLeverError(w http.ResponseWriter, status int, msg string) {
	body, _ := json.Marshal(struct { // a struct of two plain fields always marshals
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}{false, msg})
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body) // a client that went away is not the server's error
}

// loadNight reads boards/night{n}/greenhouse/*.json and
// boards/night{n}/lever/*.json; the file name is the board token or site.
func loadNight(fsys fs.FS, n int) (*dataset, error) {
	d := &dataset{
		greenhouse: map[string]greenhouseBoard{},
		lever:      map[string]leverSite{},
	}
	dir := fmt.Sprintf("boards/night%d", n)
	ghFiles, err := fs.Glob(fsys, dir+"/greenhouse/*.json")
	if err != nil {
		return nil, fmt.Errorf("demo: list %s: %w", dir, err)
	}
	for _, name := range ghFiles {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		stripped, err := withoutContent(raw)
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", name, err)
		}
		d.greenhouse[boardKey(name)] = greenhouseBoard{withContent: raw, withoutContent: stripped}
	}
	leverFiles, err := fs.Glob(fsys, dir+"/lever/*.json")
	if err != nil {
		return nil, fmt.Errorf("demo: list %s: %w", dir, err)
	}
	for _, name := range leverFiles {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		var postings []json.RawMessage
		if err := json.Unmarshal(raw, &postings); err != nil {
			return nil, fmt.Errorf("demo: %s: decode postings: %w", name, err)
		}
		site := leverSite{postings: postings, byID: map[string]json.RawMessage{}}
		for i, p := range postings {
			var head struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(p, &head); err != nil || head.ID == "" {
				return nil, fmt.Errorf("demo: %s: posting %d: no id (%v)", name, i, err)
			}
			site.byID[head.ID] = p
		}
		d.lever[boardKey(name)] = site
	}
	if len(d.greenhouse)+len(d.lever) == 0 {
		return nil, fmt.Errorf("demo: %s: no boards", dir)
	}
	return d, nil
}

func boardKey(name string) string { return strings.TrimSuffix(path.Base(name), ".json") }

// withoutContent rebuilds a Greenhouse job list as the API answers it without
// content=true: the same jobs, keys and value bytes, minus content,
// departments and offices.
func withoutContent(raw []byte) ([]byte, error) {
	var list struct {
		Jobs []json.RawMessage `json:"jobs"`
		Meta json.RawMessage   `json:"meta"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("decode jobs: %w", err)
	}
	if list.Jobs == nil || list.Meta == nil {
		return nil, errors.New("decode jobs: want an object with jobs and meta")
	}
	var buf bytes.Buffer
	buf.WriteString(`{"jobs":[`)
	for i, job := range list.Jobs {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := copyJobWithout(&buf, job, "content", "departments", "offices"); err != nil {
			return nil, fmt.Errorf("job %d: %w", i, err)
		}
	}
	buf.WriteString(`],"meta":`)
	buf.Write(list.Meta)
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// copyJobWithout writes the JSON object job to buf, keeping key order and the
// original bytes of every value, and leaving out the keys named in drop.
func copyJobWithout(buf *bytes.Buffer, job json.RawMessage, drop ...string) error {
	dec := json.NewDecoder(bytes.NewReader(job))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("want an object, got %v (%v)", t, err)
	}
	buf.WriteByte('{')
	first := true
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string) // object keys are always strings
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return fmt.Errorf("key %q: %w", key, err)
		}
		if slices.Contains(drop, key) {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(key) // a string always marshals
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(value)
	}
	buf.WriteByte('}')
	return nil
}
