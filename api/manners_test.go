package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
)

// rawGet asks without the client's own gzip handling.
func rawGet(t *testing.T, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestAnswersCarryETagsAndCompress(t *testing.T) {
	srv, _ := newServer(t)
	for _, path := range []string{"/api/v1/health", "/api/v1/runs", "/api/v1/weeks", "/api/v1/weeks/2026-W47",
		"/api/v1/weeks/current/skills/terraform", "/api/v1/trends/terraform", "/api/v1/days/today", "/api/v1/skills",
		"/api/v1/market", "/api/v1/postings/YWNtZQBh", "/api/v1/openapi.json"} {
		t.Run(path, func(t *testing.T) {
			resp, body := rawGet(t, srv.URL+path, nil)
			etag := resp.Header.Get("ETag")
			if resp.StatusCode != 200 || etag == "" || resp.Header.Get("Content-Encoding") != "" {
				t.Fatalf("status %d, ETag %q, Content-Encoding %q", resp.StatusCode, etag, resp.Header.Get("Content-Encoding"))
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", cc)
			}
			again, _ := rawGet(t, srv.URL+path, nil)
			if again.Header.Get("ETag") != etag {
				t.Errorf("ETag changed without a change: %q then %q", etag, again.Header.Get("ETag"))
			}
			nm, nmBody := rawGet(t, srv.URL+path, map[string]string{"If-None-Match": `"other", ` + etag})
			if nm.StatusCode != http.StatusNotModified || len(nmBody) != 0 || nm.Header.Get("ETag") != etag {
				t.Errorf("If-None-Match with the ETag: %d, %d bytes, ETag %q; want 304, none, the same", nm.StatusCode, len(nmBody), nm.Header.Get("ETag"))
			}
			if other, _ := rawGet(t, srv.URL+path, map[string]string{"If-None-Match": `"other"`}); other.StatusCode != 200 {
				t.Errorf("If-None-Match with another ETag: %d, want 200", other.StatusCode)
			}
			z, zBody := rawGet(t, srv.URL+path, map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
			if len(body) < 1024 {
				return
			}
			if z.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("a %d-byte body asked with gzip came as %q", len(body), z.Header.Get("Content-Encoding"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(zBody))
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := io.ReadAll(zr)
			if !bytes.Equal(plain, body) {
				t.Error("the gzip body does not decompress to the plain one")
			}
			if no, _ := rawGet(t, srv.URL+path, map[string]string{"Accept-Encoding": "gzip;q=0"}); no.Header.Get("Content-Encoding") != "" {
				t.Error("gzip;q=0 still got gzip")
			}
		})
	}
}

// panicStore panics where a store would fail unexpectedly.
type panicStore struct{ fakeStore }

func (*panicStore) Runs(context.Context, int) ([]skillpulse.Run, error) { panic("boom") }

func TestErrorsAreJSONEverywhere(t *testing.T) {
	srv, _ := newServer(t)
	panicking := httptest.NewServer(api.New(api.Options{Store: &panicStore{}, Taxonomy: taxonomy{}}))
	defer panicking.Close()
	cases := []struct {
		name, method, url string
		status            int
	}{
		{"no such endpoint", "GET", srv.URL + "/api/v2/nope", 404},
		{"unknown skill", "GET", srv.URL + "/api/v1/trends/cobol", 404},
		{"bad week", "GET", srv.URL + "/api/v1/weeks/last", 400},
		{"a write", "DELETE", srv.URL + "/api/v1/runs", 405},
		{"a panic", "GET", panicking.URL + "/api/v1/health", 500},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, tc.url, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var doc map[string]string
			if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || doc["error"] == "" {
				t.Errorf("body is not a JSON error: %v %v", doc, err)
			}
			if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Errorf("status %d %q, want %d JSON", resp.StatusCode, resp.Header.Get("Content-Type"), tc.status)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" || resp.Header.Get("ETag") != "" {
				t.Errorf("an error with Cache-Control %q and ETag %q; want no-store and none", cc, resp.Header.Get("ETag"))
			}
		})
	}
}
