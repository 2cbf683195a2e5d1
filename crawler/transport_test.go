package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestBodyOverMaxBody(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 4096)
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"plain", func(w http.ResponseWriter, r *http.Request) { w.Write(big) }},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			// 16 MiB of zeros compresses to ~16 KiB; only 1 KiB may be read.
			w.Header().Set("Content-Encoding", "gzip")
			zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
			zeros := make([]byte, 1<<20)
			for range 16 {
				if _, err := zw.Write(zeros); err != nil {
					return
				}
				zw.Flush()
				w.(http.Flusher).Flush()
			}
			zw.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			lim := loopbackLimits()
			lim.MaxBody = 1024
			w := &waits{}
			_, err := testHTTP(lim, w).Get(context.Background(), srv.URL, nil)
			var tooLarge *BodyTooLargeError
			if !errors.As(err, &tooLarge) || !strings.HasSuffix(err.Error(), "response body exceeds max_body (1024 bytes)") {
				t.Fatalf("error = %v, want a clear max_body error", err)
			}
			if len(w.all()) != 0 {
				t.Errorf("an oversized body was retried")
			}
		})
	}
}

func TestGzipContentTypeStaysRaw(t *testing.T) {
	// colly would gunzip an application/gzip body without bound; the HTTP
	// layer hands it over as sent.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		zw := gzip.NewWriter(w)
		zw.Write(make([]byte, 1<<20))
		zw.Close()
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.MaxBody = 64 << 10
	resp, err := testHTTP(lim, nil).Get(context.Background(), srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Body) < 2 || resp.Body[0] != 0x1f || resp.Body[1] != 0x8b || len(resp.Body) > 64<<10 {
		t.Errorf("body is %d bytes starting % x, want the raw gzip stream", len(resp.Body), resp.Body[:min(4, len(resp.Body))])
	}
}

func TestGzipBodyDecoded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Write([]byte("client did not offer gzip"))
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte(`{"jobs":[]}`))
		zw.Close()
	}))
	defer srv.Close()
	resp, err := testHTTP(loopbackLimits(), nil).Get(context.Background(), srv.URL, nil)
	if err != nil || string(resp.Body) != `{"jobs":[]}` {
		t.Fatalf("Get = %q, %v", resp.Body, err)
	}
}

// A body in an encoding skillpulse did not ask for (it offers gzip only)
// is refused by name, once, rather than handed on as the bytes a decoder
// then calls invalid JSON at byte 1.
func TestUnaskedContentEncodingRefusedByName(t *testing.T) {
	for _, enc := range []string{"deflate", "br", "zstd", "gzip, gzip", "compress"} {
		t.Run(enc, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.Header().Set("Content-Encoding", enc)
				w.Write([]byte("\x78\x9c compressed bytes"))
			}))
			defer srv.Close()
			w := &waits{}
			_, err := testHTTP(loopbackLimits(), w).Get(context.Background(), srv.URL+"/x", nil)
			if want := fmt.Sprintf("Content-Encoding %q", enc); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("error = %v, want one naming %s", err, want)
			}
			if n := calls.Load(); n != 1 {
				t.Errorf("asked %d times, want once", n)
			}
		})
	}
	// "x-gzip" is gzip (RFC 9110, 8.4.1.3).
	gz := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "x-gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte(`{"jobs":[]}`))
		zw.Close()
	}))
	defer gz.Close()
	if resp, err := testHTTP(loopbackLimits(), nil).Get(context.Background(), gz.URL, nil); err != nil || string(resp.Body) != `{"jobs":[]}` {
		t.Errorf("x-gzip: %v", err)
	}
	// "identity" is no encoding at all.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "identity")
		w.Write([]byte(`{"jobs":[]}`))
	}))
	defer srv.Close()
	if resp, err := testHTTP(loopbackLimits(), nil).Get(context.Background(), srv.URL, nil); err != nil || string(resp.Body) != `{"jobs":[]}` {
		t.Errorf("identity: %v", err)
	}
}
