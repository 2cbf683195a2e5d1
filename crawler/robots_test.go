package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"
)

// TestRobotsTxtAnswers checks each way a robots.txt may answer: what a
// page of its host then gets, and that a failure names robots.txt and
// its URL, not the page asked for.
func TestRobotsTxtAnswers(t *testing.T) {
	cases := []struct {
		name   string
		robots http.HandlerFunc
		// wantPage is whether the page is fetched; otherwise the error
		// must contain every string of wantErr.
		wantPage bool
		wantErr  []string
		blocked  bool // the error is a refusal by the rules
	}{
		{name: "rules that allow the page", wantPage: true,
			robots: func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("User-agent: *\nDisallow: /private\n")) }},
		{name: "rules that disallow it", blocked: true, wantErr: []string{"/careers", "robots.txt"},
			robots: func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("User-agent: *\nDisallow: /careers\n")) }},
		{name: "no robots.txt (404) allows everything", wantPage: true,
			robots: func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }},
		{name: "a 403 allows everything, as any 4xx", wantPage: true,
			robots: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) }},
		{name: "a 503 after retries disallows the host", wantErr: []string{"/robots.txt: 503 Service Unavailable", "not crawling the host"},
			robots: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }},
		{name: "a 429 disallows the host as a 5xx does", wantErr: []string{"/robots.txt: 429 Too Many Requests"},
			robots: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTooManyRequests) }},
		{name: "a robots.txt that stalls is named, not the page", wantErr: []string{"robots.txt could not be read: GET http://", "/robots.txt: timed out after 200ms"},
			robots: func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte("#"))
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			}},
		{name: "a robots.txt redirecting in a loop is named", wantErr: []string{"robots.txt could not be read: GET http://", "/robots.txt: stopped after 5 redirects"},
			robots: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/robots.txt", http.StatusFound) }},
		{name: "a robots.txt over max_body is named", wantErr: []string{"robots.txt could not be read: GET http://", "/robots.txt: response body exceeds max_body"},
			robots: func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("#", 2<<10))) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var pages, robots atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					robots.Add(1)
					tc.robots(w, r)
					return
				}
				pages.Add(1)
				w.Write([]byte("page"))
			}))
			defer srv.Close()
			lim := loopbackLimits()
			lim.RequestTimeout, lim.MaxBody = 200*time.Millisecond, 1<<10
			h := NewHTTP(lim, true, WithLogger(quietLogger()), WithSleep((&waits{}).sleep))
			var afterFirst int32
			for i := range 2 { // the second page asks robots.txt nothing more
				if i == 1 {
					afterFirst = robots.Load()
				}
				resp, err := h.Get(context.Background(), srv.URL+"/careers", nil)
				if tc.wantPage {
					if err != nil || string(resp.Body) != "page" {
						t.Fatalf("Get = %v, %v; want the page", resp, err)
					}
					continue
				}
				if err == nil {
					t.Fatal("Get fetched the page; want an error")
				}
				for _, want := range tc.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not say %q", err, want)
					}
				}
				if blocked := errors.Is(err, colly.ErrRobotsTxtBlocked); blocked != tc.blocked {
					t.Errorf("errors.Is(%v, ErrRobotsTxtBlocked) = %v, want %v", err, blocked, tc.blocked)
				}
			}
			if !tc.wantPage && pages.Load() != 0 {
				t.Errorf("the page was asked for %d times; want never", pages.Load())
			}
			// robots.txt is fetched (with its retries and redirects) for
			// the first page only: its answer holds for the host.
			if afterFirst == 0 || robots.Load() != afterFirst {
				t.Errorf("robots.txt asked %d times for the first page, %d for the second; want some, then none", afterFirst, robots.Load()-afterFirst)
			}
		})
	}
}

// TestRobotsTxtFetchEndsWithTheContext checks that a cancelled crawl (a
// signal, source_timeout) ends a robots.txt fetch in flight, which colly's
// own fetch, made without the context, did not.
func TestRobotsTxtFetchEndsWithTheContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.RequestTimeout = 5 * time.Second // what ends a fetch that ignores ctx
	h := NewHTTP(lim, true, WithLogger(quietLogger()))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := h.Get(ctx, srv.URL+"/careers", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want the context's deadline", err)
	}
}

// TestAPageWaitingForAnotherFetchOfRobotsTxtEndsWithItsContext: a host's
// robots.txt is fetched once, and other pages of the host wait for that
// fetch; a page whose own context ends (its source's source_timeout, a
// signal) stops waiting then, not when the other fetch ends.
func TestAPageWaitingForAnotherFetchOfRobotsTxtEndsWithItsContext(t *testing.T) {
	release, asked := make(chan struct{}), make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			select {
			case asked <- struct{}{}:
			default:
			}
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.RequestTimeout = time.Minute
	h := NewHTTP(lim, true, WithLogger(quietLogger()))
	first := make(chan error, 1)
	go func() {
		_, err := h.Get(t.Context(), srv.URL+"/a", nil)
		first <- err
	}()
	<-asked // the first page's fetch of robots.txt is in flight
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	second := make(chan error, 1)
	go func() {
		_, err := h.Get(ctx, srv.URL+"/b", nil)
		second <- err
	}()
	var err error
	select {
	case err = <-second:
	case <-time.After(30 * time.Second): // the robots.txt fetch waited for lasts a minute
		close(release)
		t.Fatal("the page still waited for another page's robots.txt fetch 30s after its context ended")
	}
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), srv.URL+"/b") {
		t.Errorf("the waiting page's error = %v, want its context's deadline, naming it", err)
	}
	select {
	case err := <-first:
		t.Errorf("the waiting page returned only after the robots.txt fetch it waited for ended (%v)", err)
	default:
	}
	close(release)
	<-first
}
