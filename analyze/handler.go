package analyze

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"time"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/resume"
)

// HandlerOptions configure the analysis endpoint.
type HandlerOptions struct {
	Store  Source
	Tagger *extract.Tagger
	Market []config.MarketArea
	// Log receives failures of the store only; nothing of a resume is
	// ever logged. Nil discards.
	Log *slog.Logger
	// Now is the clock ("present" in a resume); nil means time.Now.
	Now func() time.Time
	// Concurrent bounds the analyses running at once (0: 2); requests past
	// it are answered 503 at once rather than queued. Bodies are read
	// before an analysis slot is taken, so a client sending its resume
	// slowly holds none: up to 4×Concurrent bodies are read at once (more
	// are answered 503), so at most 5×Concurrent resumes are in memory.
	Concurrent int
}

// Content types the endpoint takes as a raw body. The document's content
// still decides how it is read (a PDF sent as text/plain is read as PDF).
var bodyTypes = map[string]bool{
	"text/plain": true, "text/markdown": true, "text/x-markdown": true, "text/html": true,
	"application/pdf": true, "application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
}

// multipartOverhead is room for a multipart envelope around a document of
// resume.MaxSize.
const multipartOverhead = 64 << 10

// NewHandler returns the handler for POST /api/v1/analyze: the resume is
// the request body with its Content-Type (text/plain, text/markdown,
// text/html, application/pdf or the .docx type), or the multipart/form-data
// field "resume"; the query may set weeks (1–52, default 4) and top
// (0–100). It answers the Result as JSON; 405 to other methods, 413 over
// resume.MaxSize, 415 for another type, 422 for a document with no text
// (a scan, an encrypted file), 400 for a bad query. It reads the store and
// writes nothing anywhere: the resume lives in memory for the request.
func NewHandler(opts HandlerOptions) http.Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Concurrent <= 0 {
		opts.Concurrent = 2
	}
	return &handler{opts: opts, parser: resume.NewParser(opts.Tagger), reader: resume.NewReader(opts.Concurrent),
		slots: make(chan struct{}, opts.Concurrent), uploads: make(chan struct{}, 4*opts.Concurrent)}
}

type handler struct {
	opts   HandlerOptions
	parser *resume.Parser
	// reader bounds PDF readings, including those that outlived their
	// request's deadline and still run.
	reader *resume.Reader
	slots  chan struct{} // analyses running
	// uploads are bodies being read: apart from slots, so that slow
	// senders cannot hold every analysis slot (ReadTimeout ends them).
	uploads chan struct{}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		httpError(w, http.StatusMethodNotAllowed, "POST the resume as the request body")
		return
	}
	weeks, top, err := queryParams(r)
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	if !tryAcquire(h.uploads) {
		busy(w)
		return
	}
	data, status, msg := readBody(w, r)
	if status != 0 {
		<-h.uploads
		httpError(w, status, msg)
		return
	}
	ok := tryAcquire(h.slots)
	<-h.uploads // the body read is now held by the analysis slot, or dropped
	if !ok {
		busy(w)
		return
	}
	defer func() { <-h.slots }()
	doc, err := h.reader.ReadBytes(r.Context(), data)
	if err != nil {
		httpError(w, documentStatus(err), err.Error())
		return
	}
	now := h.opts.Now()
	tax := h.opts.Tagger.Taxonomy()
	m, err := LoadMarket(r.Context(), h.opts.Store, tax, weeks, now)
	if err != nil {
		h.opts.Log.Error("analyze: read the market", "err", err)
		httpError(w, http.StatusInternalServerError, "internal error; see the server log")
		return
	}
	res := Analyze(h.parser.Parse(doc.Text, now), m, tax, Options{Market: h.opts.Market, Top: top})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(res)
}

// tryAcquire takes a slot of sem if one is free.
func tryAcquire(sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	default:
		return false
	}
}

// busy answers 503: requests past the handler's bounds are not queued.
func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "5")
	httpError(w, http.StatusServiceUnavailable, "busy analysing other resumes; try again shortly")
}

func queryParams(r *http.Request) (weeks, top int, err error) {
	q := r.URL.Query()
	weeks, top = 4, 0
	if v := q.Get("weeks"); v != "" {
		if weeks, err = strconv.Atoi(v); err != nil || weeks < 1 || weeks > 52 {
			return 0, 0, fmt.Errorf("weeks %q: want a whole number from 1 to 52", v)
		}
	}
	if v := q.Get("top"); v != "" {
		if top, err = strconv.Atoi(v); err != nil || top < 0 || top > 100 {
			return 0, 0, fmt.Errorf("top %q: want a whole number from 0 to 100", v)
		}
	}
	return weeks, top, nil
}

// readBody returns the document: the body of an accepted type, or the
// multipart field "resume". A non-zero status is the answer to give.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, int, string) {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return nil, http.StatusUnsupportedMediaType, "unreadable Content-Type"
	}
	tooLarge := fmt.Sprintf("the resume is over %d MiB", resume.MaxSize>>20)
	switch {
	case bodyTypes[ct]:
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, resume.MaxSize))
		if err != nil {
			return nil, bodyStatus(err), bodyMessage(err, tooLarge)
		}
		return data, 0, ""
	case ct == "multipart/form-data":
		// Parts are streamed with NextPart: Request.ParseMultipartForm
		// would spill a large file to a temporary file, and the resume
		// must never touch the disk.
		mr := multipart.NewReader(http.MaxBytesReader(w, r.Body, resume.MaxSize+multipartOverhead), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return nil, http.StatusBadRequest, `no multipart field "resume"`
				}
				return nil, bodyStatus(err), bodyMessage(err, tooLarge)
			}
			if part.FormName() != "resume" {
				continue
			}
			data, err := io.ReadAll(io.LimitReader(part, resume.MaxSize+1))
			if err != nil {
				return nil, bodyStatus(err), bodyMessage(err, tooLarge)
			}
			if len(data) > resume.MaxSize {
				return nil, http.StatusRequestEntityTooLarge, tooLarge
			}
			return data, 0, ""
		}
	}
	return nil, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send text/plain, text/markdown, text/html, application/pdf, "+
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document, or multipart/form-data with a field \"resume\"", ct)
}

func bodyStatus(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// bodyMessage says why a body could not be read: too large, or the
// reader's own error (a malformed multipart body, a dropped connection).
func bodyMessage(err error, tooLarge string) string {
	if bodyStatus(err) == http.StatusRequestEntityTooLarge {
		return tooLarge
	}
	return "read the request body: " + err.Error()
}

// documentStatus answers a document that cannot be read: 413 too large,
// 415 a format not taken, 422 one with no text to read.
func documentStatus(err error) int {
	switch {
	case errors.Is(err, resume.ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, resume.ErrUnsupported):
		return http.StatusUnsupportedMediaType
	}
	return http.StatusUnprocessableEntity
}

func httpError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
