package analyze

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/resume"
)

func testHandler(t *testing.T) http.Handler {
	tax := testTaxonomy(t)
	return NewHandler(HandlerOptions{Store: testMarket(t, tax), Tagger: extract.NewTagger(tax), Market: testMarketAreas(t),
		Now: func() time.Time { return now }})
}

func request(t *testing.T, h http.Handler, method, target, contentType string, body []byte) (int, map[string]json.RawMessage) {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: body is not JSON: %q", method, target, rec.Body.String())
	}
	if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "application/json") {
		t.Errorf("Content-Type %q", got)
	}
	return rec.Code, out
}

func textPDF(t *testing.T, text string) []byte {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 10)
	tr := p.UnicodeTranslatorFromDescriptor("")
	for _, line := range strings.Split(text, "\n") {
		p.CellFormat(0, 5, tr(line), "", 1, "L", false, 0, "")
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func multipartBody(t *testing.T, field string, data []byte) ([]byte, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("note", "ignored")
	w, err := mw.CreateFormFile(field, "resume.pdf")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

func TestHandlerAnalysesAResumeSentEveryWay(t *testing.T) {
	h := testHandler(t)
	text := testResume(t, "sysadmin")
	pdf := textPDF(t, text)
	mp, mpType := multipartBody(t, "resume", pdf)
	cases := []struct {
		name, contentType string
		body              []byte
	}{
		{"plain text", "text/plain; charset=utf-8", []byte(text)},
		{"markdown", "text/markdown", []byte(text)},
		{"pdf body", "application/pdf", pdf},
		{"pdf sent as text, read by its content", "text/plain", pdf},
		{"multipart field resume", mpType, mp},
		{"pdf protected only by an owner password (AES-256)", "application/pdf", encryptedPDF(t, "aes-256-r5.pdf")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out := request(t, h, http.MethodPost, "/api/v1/analyze?weeks=2&top=3", tc.contentType, tc.body)
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, out["error"])
			}
			var path Path
			var gaps []Gap
			var weeks []string
			json.Unmarshal(out["path"], &path)
			json.Unmarshal(out["gaps"], &gaps)
			json.Unmarshal(out["weeks"], &weeks)
			if path.From == nil || *path.From != PathSysadmin {
				t.Errorf("path %+v", path)
			}
			if len(gaps) != 3 || len(weeks) != 2 {
				t.Errorf("%d gaps over weeks %v, want top=3 over weeks=2", len(gaps), weeks)
			}
		})
	}
}

// encryptedPDF reads a PDF of resume/testdata/encrypted.
func encryptedPDF(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "resume", "testdata", "encrypted", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHandlerRefusalsSayWhy(t *testing.T) {
	h := testHandler(t)
	mpOther, mpOtherType := multipartBody(t, "cv", []byte("Linux"))
	cases := []struct {
		name, method, target, contentType string
		body                              []byte
		status                            int
		says                              string
	}{
		{"get", http.MethodGet, "/api/v1/analyze", "", nil, http.StatusMethodNotAllowed, "POST"},
		{"put", http.MethodPut, "/api/v1/analyze", "text/plain", []byte("Linux"), http.StatusMethodNotAllowed, "POST"},
		{"over 10 MiB", http.MethodPost, "/api/v1/analyze", "text/plain", bytes.Repeat([]byte("Linux "), resume.MaxSize/6+1), http.StatusRequestEntityTooLarge, "MiB"},
		{"over 10 MiB in a multipart field", http.MethodPost, "/api/v1/analyze", "", nil, http.StatusRequestEntityTooLarge, "MiB"},
		{"unknown content type", http.MethodPost, "/api/v1/analyze", "image/png", []byte("\x89PNG\r\n\x1a\n"), http.StatusUnsupportedMediaType, "Content-Type"},
		{"form-encoded, as curl -d sends", http.MethodPost, "/api/v1/analyze", "application/x-www-form-urlencoded", []byte("Linux"), http.StatusUnsupportedMediaType, "multipart"},
		{"no content type", http.MethodPost, "/api/v1/analyze", "", []byte("Linux"), http.StatusUnsupportedMediaType, "Content-Type"},
		{"an image sent as text", http.MethodPost, "/api/v1/analyze", "text/plain", pngHeader(), http.StatusUnsupportedMediaType, "image/png"},
		{"empty document", http.MethodPost, "/api/v1/analyze", "text/plain", nil, http.StatusUnprocessableEntity, "empty"},
		{"no words", http.MethodPost, "/api/v1/analyze", "text/plain", []byte("2019 -- 2021\n"), http.StatusUnprocessableEntity, "no words"},
		{"pdf that needs a password", http.MethodPost, "/api/v1/analyze", "application/pdf", encryptedPDF(t, "user-password.pdf"), http.StatusUnprocessableEntity, "needs a password"},
		{"multipart without the field", http.MethodPost, "/api/v1/analyze", mpOtherType, mpOther, http.StatusBadRequest, "multipart field"},
		{"multipart without a boundary", http.MethodPost, "/api/v1/analyze", "multipart/form-data", []byte("Linux"), http.StatusBadRequest, "request body"},
		{"bad weeks", http.MethodPost, "/api/v1/analyze?weeks=60", "text/plain", []byte("Linux"), http.StatusBadRequest, "weeks"},
		{"bad top", http.MethodPost, "/api/v1/analyze?top=x", "text/plain", []byte("Linux"), http.StatusBadRequest, "top"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := tc.body, tc.contentType
			if tc.name == "over 10 MiB in a multipart field" {
				body, ct = multipartBody(t, "resume", bytes.Repeat([]byte("Linux "), resume.MaxSize/6+1))
			}
			code, out := request(t, h, tc.method, tc.target, ct, body)
			if code != tc.status {
				t.Errorf("status %d, want %d (%s)", code, tc.status, out["error"])
			}
			if !strings.Contains(string(out["error"]), tc.says) {
				t.Errorf("error %s does not say %q", out["error"], tc.says)
			}
		})
	}
}

func TestHandlerAnswersBusyPastItsConcurrency(t *testing.T) {
	tax := testTaxonomy(t)
	block := make(chan struct{})
	src := &blockingSource{fakeSource: testMarket(t, tax), block: block, entered: make(chan struct{})}
	h := NewHandler(HandlerOptions{Store: src, Tagger: extract.NewTagger(tax), Concurrent: 1})
	done := make(chan int)
	go func() {
		code, _ := request(t, h, http.MethodPost, "/api/v1/analyze", "text/plain", []byte("Linux and Bash"))
		done <- code
	}()
	<-src.entered
	code, out := request(t, h, http.MethodPost, "/api/v1/analyze", "text/plain", []byte("Linux and Bash"))
	if code != http.StatusServiceUnavailable {
		t.Errorf("second request: %d %s, want 503 while the first runs", code, out["error"])
	}
	close(block)
	if code := <-done; code != http.StatusOK {
		t.Errorf("first request: %d", code)
	}
}

type blockingSource struct {
	*fakeSource
	block, entered chan struct{}
}

func (b *blockingSource) Runs(ctx context.Context, limit int) ([]skillpulse.Run, error) {
	close(b.entered)
	<-b.block
	return b.fakeSource.Runs(ctx, limit)
}

func pngHeader() []byte { return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") }

// TestHandlerSlowSenderHoldsNoAnalysisSlot sends one resume that never
// finishes arriving: a second, complete one must still be analysed, since
// the analysis slot is taken only once a body has been read.
func TestHandlerSlowSenderHoldsNoAnalysisSlot(t *testing.T) {
	tax := testTaxonomy(t)
	h := NewHandler(HandlerOptions{Store: testMarket(t, tax), Tagger: extract.NewTagger(tax), Concurrent: 1,
		Now: func() time.Time { return now }})
	pr, pw := io.Pipe()
	slow := httptest.NewRequest(http.MethodPost, "/api/v1/analyze", pr)
	slow.Header.Set("Content-Type", "text/plain")
	done := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, slow)
		done <- rec.Code
	}()
	if _, err := pw.Write([]byte("Linux and ")); err != nil { // the handler is reading the body
		t.Fatal(err)
	}
	if code, out := request(t, h, http.MethodPost, "/api/v1/analyze", "text/plain", []byte("Linux and Bash")); code != http.StatusOK {
		t.Errorf("a complete resume beside a slow one: %d %s, want 200", code, out["error"])
	}
	pw.Write([]byte("Bash"))
	pw.Close()
	if code := <-done; code != http.StatusOK {
		t.Errorf("the slow resume, once sent: %d, want 200", code)
	}
}

// TestHandlerBoundsTheBodiesItReads answers 503 to a resume past the
// bodies being read at once (4×Concurrent), so slow senders cannot make it
// hold unbounded memory.
func TestHandlerBoundsTheBodiesItReads(t *testing.T) {
	tax := testTaxonomy(t)
	h := NewHandler(HandlerOptions{Store: testMarket(t, tax), Tagger: extract.NewTagger(tax), Concurrent: 1,
		Now: func() time.Time { return now }})
	var writers []*io.PipeWriter
	done := make(chan int, 4)
	for range 4 {
		pr, pw := io.Pipe()
		writers = append(writers, pw)
		req := httptest.NewRequest(http.MethodPost, "/api/v1/analyze", pr)
		req.Header.Set("Content-Type", "text/plain")
		go func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			done <- rec.Code
		}()
		if _, err := pw.Write([]byte("Linux ")); err != nil {
			t.Fatal(err)
		}
	}
	if code, out := request(t, h, http.MethodPost, "/api/v1/analyze", "text/plain", []byte("Linux and Bash")); code != http.StatusServiceUnavailable {
		t.Errorf("a fifth body beside four being read: %d %s, want 503", code, out["error"])
	}
	for _, pw := range writers {
		pw.CloseWithError(errors.New("client gone"))
	}
	for range 4 {
		if code := <-done; code != http.StatusBadRequest {
			t.Errorf("a body cut short: %d, want 400", code)
		}
	}
}
