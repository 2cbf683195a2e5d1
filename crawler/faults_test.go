package crawler_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

// These tests drive the public API through crawltest's fault injection,
// the way the pipeline uses the crawler.

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type recordedWaits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (r *recordedWaits) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.d = append(r.d, d)
	return ctx.Err()
}

func newCrawler(crawl config.Crawl, w *recordedWaits) *crawler.Crawler {
	return crawler.New(crawl,
		crawler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
		crawler.WithSleep(w.sleep),
		crawler.WithBackoff(10*time.Millisecond, 5*time.Second))
}

func TestFetchUnderFaults(t *testing.T) {
	gh := read(t, "greenhouse_board.json")
	lever := read(t, "lever_postings.json")
	const ghPath = "/v1/boards/acme/jobs"
	const leverPath = "/v0/postings/acme"

	tests := []struct {
		name      string
		typ, key  string
		faults    map[string][]crawltest.Fault
		retries   int
		wantPosts int
		wantErr   string // substring; "" for success
		wantWaits []time.Duration
		wantCalls int
	}{
		{name: "greenhouse clean", typ: "greenhouse", key: "acme", retries: 2, wantPosts: 2, wantCalls: 1},
		{name: "greenhouse 503, drop, then ok", typ: "greenhouse", key: "acme", retries: 2, wantPosts: 2, wantCalls: 3,
			faults: map[string][]crawltest.Fault{ghPath: {crawltest.Status(503), crawltest.Drop()}}},
		{name: "greenhouse 429 Retry-After honoured", typ: "greenhouse", key: "acme", retries: 1, wantPosts: 2, wantCalls: 2,
			faults:    map[string][]crawltest.Fault{ghPath: {crawltest.RetryAfter(429, "2")}},
			wantWaits: []time.Duration{2 * time.Second}},
		{name: "greenhouse 404 asked once", typ: "greenhouse", key: "acme", retries: 3, wantCalls: 1,
			faults:  map[string][]crawltest.Fault{ghPath: {crawltest.Status(404)}},
			wantErr: `greenhouse board "acme": GET `},
		{name: "greenhouse truncated body", typ: "greenhouse", key: "acme", retries: 3, wantCalls: 1,
			faults:  map[string][]crawltest.Fault{ghPath: {crawltest.Body(gh[:200])}},
			wantErr: `greenhouse board "acme": decode jobs: unexpected end of JSON input at byte 200 of 200`},
		{name: "greenhouse server closing mid-body, every time", typ: "greenhouse", key: "acme", retries: 1, wantCalls: 2,
			faults:  map[string][]crawltest.Fault{ghPath: {crawltest.CutShort(gh, 300), crawltest.CutShort(gh, 300)}},
			wantErr: `/v1/boards/acme/jobs?content=true: the body ended early, after 300 bytes: unexpected EOF (gave up after 2 attempts)`},
		{name: "greenhouse server closing mid-body, then whole", typ: "greenhouse", key: "acme", retries: 1, wantPosts: 2, wantCalls: 2,
			faults: map[string][]crawltest.Fault{ghPath: {crawltest.CutShort(gh, 300)}}},
		{name: "greenhouse error page served with 200", typ: "greenhouse", key: "acme", retries: 3, wantCalls: 1,
			faults:  map[string][]crawltest.Fault{ghPath: {crawltest.Body([]byte("<html><body><h1>Down for maintenance</h1></body></html>"))}},
			wantErr: `greenhouse board "acme": decode jobs: invalid character '<' looking for beginning of value at byte 1 of 55: the answer is HTML or XML, not JSON (an error page?)`},
		{name: "lever error page served with 200", typ: "lever", key: "acme", retries: 3, wantCalls: 1,
			faults:  map[string][]crawltest.Fault{leverPath: {crawltest.Body([]byte("\n  <!DOCTYPE html><title>503</title>"))}},
			wantErr: `decode postings page 1 (skip=0): want a JSON array of postings, got "\n  <!DOCTYPE html><title>503</title>"`},
		{name: "greenhouse retries exhausted", typ: "greenhouse", key: "acme", retries: 1, wantCalls: 2,
			faults:  map[string][]crawltest.Fault{ghPath: {crawltest.Status(502), crawltest.Status(502)}},
			wantErr: "502 Bad Gateway (gave up after 2 attempts)"},
		{name: "greenhouse gzip bomb", typ: "greenhouse", key: "acme", retries: 2, wantCalls: 1,
			faults:  map[string][]crawltest.Fault{ghPath: {crawltest.GzipBomb(16 << 20)}},
			wantErr: "response body exceeds max_body (1048576 bytes)"},
		{name: "lever pages with a 503 on the first", typ: "lever", key: "acme", retries: 2, wantPosts: 3, wantCalls: 2,
			faults: map[string][]crawltest.Fault{leverPath: {crawltest.Status(503)}}},
		{name: "lever redirect off-host refused", typ: "lever", key: "acme", retries: 2, wantCalls: 1,
			faults:  map[string][]crawltest.Fault{leverPath: {crawltest.Redirect("http://192.0.2.1/v0/postings/acme")}},
			wantErr: "refusing redirect from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := crawltest.NewServer(t)
			srv.Greenhouse("acme", gh)
			srv.Lever("acme", lever)
			for path, faults := range tt.faults {
				srv.Inject(path, faults...)
			}
			w := &recordedWaits{}
			c := newCrawler(config.Crawl{MaxRetries: tt.retries, MaxBody: 1 << 20}, w)
			src := srv.Source("acme", tt.typ, tt.key)
			posts, err := c.Fetch(context.Background(), &src)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("error = %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			if len(posts) != tt.wantPosts {
				t.Errorf("got %d postings, want %d", len(posts), tt.wantPosts)
			}
			if got := len(srv.Requests()); got != tt.wantCalls {
				t.Errorf("server saw %d requests (%q), want %d", got, srv.Requests(), tt.wantCalls)
			}
			if tt.wantWaits != nil && strings.Join(durations(w.d), ",") != strings.Join(durations(tt.wantWaits), ",") {
				t.Errorf("waits = %v, want %v", w.d, tt.wantWaits)
			}
		})
	}
}

func durations(ds []time.Duration) []string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return s
}

func TestFetchStalledBodyTimesOut(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := crawltest.NewServer(t)
	srv.Inject("/v1/boards/acme/jobs", crawltest.Stall([]byte(`{"jobs":[`), release))
	timeout := config.Duration(100 * time.Millisecond)
	c := newCrawler(config.Crawl{RequestTimeout: timeout}, &recordedWaits{})
	src := srv.Source("acme", "greenhouse", "acme")
	_, err := c.Fetch(context.Background(), &src)
	if err == nil || !strings.Contains(err.Error(), `greenhouse board "acme"`) || !strings.HasSuffix(err.Error(), "timed out after 100ms (request_timeout, body included)") {
		t.Fatalf("error = %v, want a timeout naming the source", err)
	}
}

// TestSourceTimeoutBoundsTheWholeFetch checks that source_timeout ends a
// source whose requests each stay within request_timeout (here ten
// minutes) but together run on, with an error naming the source, the
// bound and the request in flight, and that it counts retries too.
func TestSourceTimeoutBoundsTheWholeFetch(t *testing.T) {
	const path = "/v1/boards/acme/jobs"
	cases := []struct {
		name   string
		faults func(release <-chan struct{}) []crawltest.Fault
	}{
		{"one request stalled past the bound", func(release <-chan struct{}) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Stall([]byte(`{"jobs":[`), release)}
		}},
		{"retries that together run past the bound", func(release <-chan struct{}) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Status(503), crawltest.Status(503), crawltest.Stall(nil, release)}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			defer close(release)
			srv := crawltest.NewServer(t)
			srv.Greenhouse("acme", read(t, "greenhouse_board.json"))
			srv.Inject(path, tc.faults(release)...)
			c := newCrawler(config.Crawl{
				RequestTimeout: config.Duration(10 * time.Minute),
				SourceTimeout:  config.Duration(100 * time.Millisecond),
				MaxRetries:     3,
			}, &recordedWaits{})
			src := srv.Source("acme", "greenhouse", "acme")
			// A broken bound would wait for request_timeout; the test's own
			// deadline then ends the fetch with the wrong error.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			posts, err := c.Fetch(ctx, &src)
			var st *crawler.SourceTimeoutError
			if !errors.As(err, &st) || st.Limit != 100*time.Millisecond {
				t.Fatalf("error = %v, want a *SourceTimeoutError of 100ms", err)
			}
			for _, want := range []string{`source "acme"`, "source_timeout (100ms", srv.URL + path} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %q", err, want)
				}
			}
			if len(posts) != 0 {
				t.Errorf("a source past its bound returned %d postings, want none (it fails)", len(posts))
			}
		})
	}
}

// TestCancelledFetchIsNotASourceTimeout checks that the caller's own end
// (a signal, serve shutting down) is reported as itself, not as the
// source's bound.
func TestCancelledFetchIsNotASourceTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := crawltest.NewServer(t)
	srv.Inject("/v1/boards/acme/jobs", crawltest.Stall([]byte(`{"jobs":[`), release))
	c := newCrawler(config.Crawl{SourceTimeout: config.Duration(time.Hour)}, &recordedWaits{})
	src := srv.Source("acme", "greenhouse", "acme")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Fetch(ctx, &src)
	var st *crawler.SourceTimeoutError
	if errors.As(err, &st) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want the caller's deadline, not a source timeout", err)
	}
}

func TestFetchCancelled(t *testing.T) {
	srv := crawltest.NewServer(t)
	srv.Greenhouse("acme", read(t, "greenhouse_board.json"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := newCrawler(config.Crawl{MaxRetries: 3}, &recordedWaits{})
	src := srv.Source("acme", "greenhouse", "acme")
	_, err := c.Fetch(ctx, &src)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

// TestEmployerFillsMissingCompany checks that a source's employer names
// the company of its postings that name none, and only of those.
func TestEmployerFillsMissingCompany(t *testing.T) {
	srv := crawltest.NewServer(t)
	srv.Greenhouse("acme", read(t, "greenhouse_board.json"))
	srv.Lever("acme", read(t, "lever_postings.json"))
	c := newCrawler(config.Crawl{}, &recordedWaits{})
	tests := []struct {
		typ, employer string
		want          func(company string) bool
		describe      string
	}{
		{"lever", "  Acme Robotics GmbH ", func(c string) bool { return c == "Acme Robotics GmbH" }, "the employer, trimmed"},
		{"lever", "", func(c string) bool { return c == "" }, "none"},
		{"greenhouse", "Someone Else", func(c string) bool { return c != "" && c != "Someone Else" }, "the board's own company_name"},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+tt.employer, func(t *testing.T) {
			src := srv.Source("acme", tt.typ, "acme")
			src.Employer = tt.employer
			posts, err := c.Fetch(context.Background(), &src)
			if err != nil || len(posts) == 0 {
				t.Fatalf("Fetch: %d postings, %v", len(posts), err)
			}
			for _, p := range posts {
				if !tt.want(p.Company) {
					t.Errorf("%s: company %q, want %s", p.NativeID, p.Company, tt.describe)
				}
			}
		})
	}
}
