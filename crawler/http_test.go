package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/skillpulse/skillpulse/config"
)

func TestGetStatusRetries(t *testing.T) {
	tests := []struct {
		name      string
		statuses  []int // served in order; the last repeats
		header    http.Header
		wantCalls int
		wantErr   string // "" for success
		wantWaits int
	}{
		{name: "404 asked once", statuses: []int{404}, wantCalls: 1, wantErr: "404 Not Found"},
		{name: "400 asked once", statuses: []int{400}, wantCalls: 1, wantErr: "400 Bad Request"},
		{name: "503 then 200", statuses: []int{503, 200}, wantCalls: 2, wantWaits: 1},
		{name: "500 500 200", statuses: []int{500, 500, 200}, wantCalls: 3, wantWaits: 2},
		{name: "503 until attempts run out", statuses: []int{503}, wantCalls: 3, wantWaits: 2,
			wantErr: "503 Service Unavailable (gave up after 3 attempts)"},
		{name: "429 then 200", statuses: []int{429, 200}, wantCalls: 2, wantWaits: 1},
		{name: "304 to a conditional request is a result", statuses: []int{304}, header: http.Header{"If-None-Match": {`"v1"`}}, wantCalls: 1},
		{name: "304 to a plain request is an error, asked once", statuses: []int{304}, wantCalls: 1,
			wantErr: "304 Not Modified to a request that was not conditional"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := int(calls.Add(1))
				w.WriteHeader(tt.statuses[min(n, len(tt.statuses))-1])
			}))
			defer srv.Close()
			w := &waits{}
			_, err := testHTTP(loopbackLimits(), w).Get(context.Background(), srv.URL+"/x", tt.header)
			if got := int(calls.Load()); got != tt.wantCalls {
				t.Errorf("server asked %d times, want %d", got, tt.wantCalls)
			}
			if tt.wantErr == "" && err != nil {
				t.Errorf("error = %v, want none", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.HasSuffix(err.Error(), tt.wantErr)) {
				t.Errorf("error = %v, want it to end in %q", err, tt.wantErr)
			}
			if got := len(w.all()); got != tt.wantWaits {
				t.Errorf("waited %d times, want %d", got, tt.wantWaits)
			}
		})
	}
}

func TestGetStatusErrorIsTyped(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, err := testHTTP(loopbackLimits(), nil).Get(context.Background(), srv.URL, nil)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 {
		t.Fatalf("error = %#v, want *StatusError 404", err)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	now := time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		retryAfter string
		max        time.Duration
		want       time.Duration
	}{
		{"seconds", "1", time.Minute, time.Second},
		{"http date", now.Add(3 * time.Second).Format(http.TimeFormat), time.Minute, 3 * time.Second},
		{"capped by the bound", "3600", 2 * time.Second, 2 * time.Second},
		{"date in the past", now.Add(-time.Hour).Format(http.TimeFormat), time.Minute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", tt.retryAfter)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				w.Write([]byte("ok"))
			}))
			defer srv.Close()
			w := &waits{}
			h := testHTTP(loopbackLimits(), w, WithClock(func() time.Time { return now }), WithBackoff(0, tt.max))
			resp, err := h.Get(context.Background(), srv.URL, nil)
			if err != nil || string(resp.Body) != "ok" {
				t.Fatalf("Get = %v, %v; want ok", resp, err)
			}
			if got := w.all(); len(got) != 1 || got[0] != tt.want {
				t.Errorf("waits = %v, want [%v]", got, tt.want)
			}
		})
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	h := testHTTP(loopbackLimits(), nil, WithBackoff(100*time.Millisecond, time.Second))
	for attempt, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 5: time.Second, 40: time.Second} {
		for range 20 {
			if d := h.backoff(attempt, 0); d < want/2 || d >= want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v)", attempt, d, want/2, want)
			}
		}
	}
}

func TestConnectionErrorRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			// Drop the connection without an answer.
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	w := &waits{}
	resp, err := testHTTP(loopbackLimits(), w).Get(context.Background(), srv.URL, nil)
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("Get = %v, %v; want ok after a retry", resp, err)
	}
	if calls.Load() != 2 || len(w.all()) != 1 {
		t.Errorf("calls %d, waits %d; want 2, 1", calls.Load(), len(w.all()))
	}
}

func TestMaxRetriesZeroAsksOnce(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.MaxRetries = 0
	_, err := testHTTP(lim, nil).Get(context.Background(), srv.URL, nil)
	if err == nil || calls.Load() != 1 {
		t.Errorf("calls %d, err %v; want 1 call and an error", calls.Load(), err)
	}
}

func TestRequestTimeoutCoversBody(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"jobs":[`))
		w.(http.Flusher).Flush()
		select { // stall mid-body until the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.RequestTimeout = 100 * time.Millisecond
	lim.MaxRetries = 0
	_, err := testHTTP(lim, nil).Get(context.Background(), srv.URL, nil)
	if err == nil || !strings.HasSuffix(err.Error(), "timed out after 100ms (request_timeout, body included)") {
		t.Fatalf("error = %v, want a client timeout while reading the body", err)
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	sleep := func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}
	lim := loopbackLimits()
	lim.MaxRetries = 5
	_, err := testHTTP(lim, nil, WithSleep(sleep)).Get(ctx, srv.URL, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestRedirects(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("elsewhere"))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/final", http.StatusMovedPermanently)
		case "/final":
			w.Write([]byte("final"))
		case "/away":
			http.Redirect(w, r, other.URL+"/x", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	}))
	defer srv.Close()
	h := testHTTP(loopbackLimits(), nil)

	resp, err := h.Get(context.Background(), srv.URL+"/moved", nil)
	if err != nil || string(resp.Body) != "final" || resp.URL != srv.URL+"/final" {
		t.Errorf("same-host redirect: %v, %v; want final at /final", resp, err)
	}
	_, err = h.Get(context.Background(), srv.URL+"/away", nil)
	var re *RedirectError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "to another host") {
		t.Errorf("cross-host redirect: %v, want refusal", err)
	}
	_, err = h.Get(context.Background(), srv.URL+"/loop", nil)
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "stopped after 5 redirects") {
		t.Errorf("redirect loop: %v, want stop after 5", err)
	}
}

func TestUserAgentAndAccept(t *testing.T) {
	got := make(chan http.Header, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Clone()
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.UserAgent = "skillpulse-test/1.0 (+ops@example.org)"
	if _, err := testHTTP(lim, nil).Get(context.Background(), srv.URL, http.Header{"Accept": {"application/json"}}); err != nil {
		t.Fatal(err)
	}
	hdr := <-got
	if hdr.Get("User-Agent") != lim.UserAgent || hdr.Get("Accept") != "application/json" {
		t.Errorf("User-Agent %q Accept %q", hdr.Get("User-Agent"), hdr.Get("Accept"))
	}
}

func TestParallelismPerHost(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond) // hold the slot so overlaps would show
	}))
	defer srv.Close()
	for _, par := range []int{1, 3} {
		peak.Store(0)
		lim := loopbackLimits()
		lim.Parallelism = par
		h := testHTTP(lim, nil)
		done := make(chan error)
		for range 6 {
			go func() {
				_, err := h.Get(context.Background(), srv.URL, nil)
				done <- err
			}()
		}
		for range 6 {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		if got := int(peak.Load()); got > par {
			t.Errorf("parallelism %d: %d requests in flight at once", par, got)
		}
	}
}

func TestDefaults(t *testing.T) {
	got := withDefaults(config.Limits{Delay: -1, MaxRetries: -3})
	want := config.Limits{UserAgent: DefaultUserAgent, RequestTimeout: DefaultRequestTimeout, SourceTimeout: DefaultSourceTimeout,
		Parallelism: 1,
		MaxBody:     DefaultMaxBody, MaxItems: DefaultMaxItems, MaxPages: DefaultMaxPages}
	if got != want {
		t.Errorf("withDefaults = %+v, want %+v", got, want)
	}
}

func TestDelayBetweenRequestsToAHost(t *testing.T) {
	var mu sync.Mutex
	var at []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		at = append(at, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()

	lim := loopbackLimits()
	lim.Delay = 40 * time.Millisecond
	h := testHTTP(lim, nil)
	for range 3 {
		if _, err := h.Get(context.Background(), srv.URL, nil); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < lim.Delay {
			t.Errorf("request %d came %v after the previous one, want at least %v", i+1, gap, lim.Delay)
		}
	}
}

func TestZeroDelayMeansNoDelay(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	h := testHTTP(loopbackLimits(), nil) // Delay 0
	start := time.Now()
	for range 20 {
		if _, err := h.Get(context.Background(), srv.URL, nil); err != nil {
			t.Fatal(err)
		}
	}
	// A hidden default delay of even 100ms would take 2s here.
	if d := time.Since(start); d > time.Second {
		t.Errorf("20 requests with delay 0 took %v", d)
	}
}

func TestRobotsTxtObeyedWhenAsked(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte("User-agent: *\nDisallow: /private\n"))
			return
		}
		w.Write([]byte("page"))
	}))
	defer srv.Close()

	w := &waits{}
	html := NewHTTP(loopbackLimits(), true, WithLogger(quietLogger()), WithSleep(w.sleep))
	if resp, err := html.Get(context.Background(), srv.URL+"/jobs", nil); err != nil || string(resp.Body) != "page" {
		t.Fatalf("allowed page: %v, %v", resp, err)
	}
	_, err := html.Get(context.Background(), srv.URL+"/private/jobs", nil)
	if !errors.Is(err, colly.ErrRobotsTxtBlocked) {
		t.Fatalf("disallowed page: %v, want ErrRobotsTxtBlocked", err)
	}
	if len(w.all()) != 0 {
		t.Error("a robots.txt refusal was retried")
	}
	// robots.txt is fetched once per host, and the disallowed page never.
	if got := calls.Load(); got != 2 {
		t.Errorf("server saw %d requests, want 2 (robots.txt, /jobs)", got)
	}

	// JSON API layers ignore robots.txt.
	if _, err := testHTTP(loopbackLimits(), nil).Get(context.Background(), srv.URL+"/private/jobs", nil); err != nil {
		t.Errorf("robots off: %v", err)
	}
}

// TestDelayHoldsTheHostNotTheAnswer checks that a host's delay keeps the
// next request back without holding the answer of the one before, and
// that a cancelled context (a signal, source_timeout) ends the wait for
// the delay: colly slept it inside the request, deaf to the context, up
// to the hour the config allows.
func TestDelayHoldsTheHostNotTheAnswer(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	lim := loopbackLimits()
	lim.Delay = time.Hour
	h := testHTTP(lim, nil)
	done := make(chan error, 1)
	go func() {
		_, err := h.Get(context.Background(), srv.URL, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second): // an hour, had the delay held it
		t.Fatal("the first request has not returned: the delay holds its answer")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := h.Get(ctx, srv.URL, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a request within the delay: %v, want it to wait and end with its context", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the server saw %d requests within the delay, want 1", n)
	}
}
