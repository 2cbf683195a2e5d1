package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/store"
)

// greenhouseBoard writes a board of n postings in the real Greenhouse shape.
func greenhouseBoard(t *testing.T, board string, n int) []byte {
	t.Helper()
	type job struct {
		ID          int64             `json:"id"`
		Title       string            `json:"title"`
		AbsoluteURL string            `json:"absolute_url"`
		Location    map[string]string `json:"location"`
		UpdatedAt   string            `json:"updated_at"`
		Content     string            `json:"content"`
	}
	var jobs []job
	for i := range n {
		jobs = append(jobs, job{
			ID: int64(1000 + i), Title: "Site Reliability Engineer", Location: map[string]string{"name": "Remote"},
			AbsoluteURL: fmt.Sprintf("https://job-boards.greenhouse.io/%s/jobs/%d", board, 1000+i),
			UpdatedAt:   "2026-11-20T09:00:00-05:00",
			Content:     fmt.Sprintf("&lt;h2&gt;Requirements&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;%d+ years of Terraform and Linux&lt;/li&gt;&lt;/ul&gt;", i%5+1),
		})
	}
	b, err := json.Marshal(map[string]any{"jobs": jobs, "meta": map[string]int{"total": n}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFaultsAreRecordedAndCloseNothing crawls two boards, then crawls them
// again three days later (past the grace period) with one fault injected on
// the victim board. Whatever the fault, the crawl must end in bounded time,
// record the victim's outcome with a clear error, close none of its
// postings, and leave the healthy board's result untouched.
func TestFaultsAreRecordedAndCloseNothing(t *testing.T) {
	const n = 12
	const retries = 1 // so a persistent fault is n+1 requests
	victimPath := "/v1/boards/victim/jobs"
	good := greenhouseBoard(t, "victim", n)
	invalidUTF8 := bytes.Replace(good, []byte("Terraform"), []byte("Terra\xff\xfeform"), 1)
	malformedJob := bytes.Replace(good, []byte(`"id":1003`), []byte(`"id":true`), 1)
	absurdDates := bytes.ReplaceAll(good, []byte(`"updated_at":"2026-11-20T09:00:00-05:00"`), []byte(`"updated_at":"9999-12-31T23:59:59Z","first_published":"1600-01-01T00:00:00Z"`))
	// A persistent fault answers every attempt. net/http itself retries a
	// GET once when a reused connection drops before the answer, so there
	// are twice as many as the crawler's own attempts.
	persistent := func(f crawltest.Fault) []crawltest.Fault {
		fs := make([]crawltest.Fault, 2*(retries+1))
		for i := range fs {
			fs[i] = f
		}
		return fs
	}
	never := make(chan struct{}) // a stalled body is never released
	t.Cleanup(func() { close(never) })

	cases := []struct {
		name    string
		faults  func(srv *crawltest.Server) []crawltest.Fault
		healthy bool   // the victim's result is still trustworthy (its postings all came back)
		errSays string // substring of the recorded error when not healthy; "a|b" for either
		// truncated: the victim answered in part (a record skipped): not
		// broken, but it closes nothing.
		truncated bool
	}{
		{"429 with Retry-After, then served", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.RetryAfter(429, "1")}
		}, true, "", false},
		{"429 with Retry-After throughout", func(*crawltest.Server) []crawltest.Fault {
			return persistent(crawltest.RetryAfter(429, "1"))
		}, false, "429", false},
		{"503 burst", func(*crawltest.Server) []crawltest.Fault { return persistent(crawltest.Status(503)) }, false, "503", false},
		{"500 burst", func(*crawltest.Server) []crawltest.Fault { return persistent(crawltest.Status(500)) }, false, "500", false},
		{"connection reset", func(*crawltest.Server) []crawltest.Fault { return persistent(crawltest.Drop()) }, false, "victim", false},
		{"stall mid-body", func(*crawltest.Server) []crawltest.Fault {
			return persistent(crawltest.Stall(good[:len(good)/2], never))
		}, false, "request_timeout", false},
		{"truncated JSON", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Body(good[:len(good)/2])}
		}, false, "decode", false},
		{"invalid UTF-8 in a description", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Body(invalidUTF8)}
		}, true, "", false},
		{"50 MiB body", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Body(bytes.Repeat([]byte(" "), 50<<20))}
		}, false, "max_body", false},
		{"gzip bomb", func(*crawltest.Server) []crawltest.Fault {
			return persistent(crawltest.GzipBomb(16 << 20)) // inflates past the 10 MiB max_body
		}, false, "max_body|request_timeout", false}, // on a loaded machine the server may be slower than the timeout
		{"redirect loop", func(srv *crawltest.Server) []crawltest.Fault {
			loop := make([]crawltest.Fault, 20)
			for i := range loop {
				loop[i] = crawltest.Redirect(srv.URL + victimPath + "?content=true")
			}
			return loop
		}, false, "redirect", false},
		{"redirect to cloud metadata", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Redirect("http://169.254.169.254/latest/meta-data/")}
		}, false, "169.254.169.254", false},
		{"board suddenly empty", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Body([]byte(`{"jobs":[],"meta":{"total":0}}`))}
		}, false, "suspect", false},
		{"one malformed job (id: true)", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Body(malformedJob)}
		}, false, "", true},
		{"dates in 9999 and 1600", func(*crawltest.Server) []crawltest.Fault {
			return []crawltest.Fault{crawltest.Body(absurdDates)}
		}, true, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := crawltest.NewServer(t)
			srv.Greenhouse("victim", good)
			srv.Greenhouse("healthy", greenhouseBoard(t, "healthy", n))
			cfg := config.Defaults()
			cfg.Crawl.Delay = 0
			cfg.Crawl.MaxRetries = retries
			cfg.Crawl.RequestTimeout = config.Duration(2 * time.Second)
			cfg.Sources = []config.Source{
				srv.Source("victim", "greenhouse", "victim"),
				srv.Source("healthy", "greenhouse", "healthy"),
			}
			st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			tax, err := extract.DefaultTaxonomy()
			if err != nil {
				t.Fatal(err)
			}
			clock := time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC)
			crawl := func() skillpulse.Run {
				c := &Crawl{
					Config:  &cfg,
					Fetcher: crawler.New(cfg.Crawl, crawler.WithBackoff(time.Millisecond, 5*time.Millisecond)),
					Tagger:  extract.NewTagger(tax),
					Store:   st,
					Now:     func() time.Time { return clock },
				}
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				run, err := c.Run(ctx)
				if err != nil {
					t.Fatalf("crawl did not complete: %v", err)
				}
				return run
			}
			if first := crawl(); first.Live != 2*n || first.Failed() {
				t.Fatalf("baseline crawl: %+v", first)
			}

			srv.Inject(victimPath, tc.faults(srv)...)
			clock = clock.Add(72 * time.Hour)
			start := time.Now()
			run := crawl()
			if took := time.Since(start); took > 60*time.Second { // bounded, with room for a loaded CI machine
				t.Errorf("crawl under fault took %v", took)
			}
			victim, healthy := outcome(t, run, "victim"), outcome(t, run, "healthy")
			if healthy.Broken() || healthy.Unchanged != n || healthy.Closed != 0 {
				t.Errorf("healthy board affected: %+v", healthy)
			}
			if victim.Closed != 0 {
				t.Errorf("victim closed %d postings", victim.Closed)
			}
			switch {
			case tc.truncated:
				if victim.Broken() || !victim.Truncated || victim.Fetched != n-1 || victim.Error != "1 malformed records skipped" {
					t.Errorf("victim: %+v, want truncated (not broken) with %d postings", victim, n-1)
				}
			case tc.healthy:
				if victim.Broken() || victim.Fetched != n {
					t.Errorf("victim: %+v, want all %d postings back", victim, n)
				}
			default:
				if !victim.Broken() || victim.Error == "" {
					t.Errorf("victim outcome not recorded as failed/suspect: %+v", victim)
				}
				if !containsAny(victim.Error, strings.Split(tc.errSays, "|")) {
					t.Errorf("victim error %q does not say %q", victim.Error, tc.errSays)
				}
			}
			if run.Live != 2*n {
				t.Errorf("live %d after the fault, want %d", run.Live, 2*n)
			}
			for i := range n {
				p, err := st.Posting(context.Background(), skillpulse.PostingKey{Source: "victim", NativeID: fmt.Sprint(1000 + i)})
				if err != nil || !p.ClosedAt.IsZero() {
					t.Fatalf("victim posting %d after the fault: %v, closed %v", i, err, p.ClosedAt)
				}
			}
		})
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// TestRobotsDisallowClosesNothing: a feed whose site starts disallowing us
// in robots.txt is not fetched; the source fails with a clear error and
// keeps its postings, and the other source is unaffected.
func TestRobotsDisallowClosesNothing(t *testing.T) {
	srv := crawltest.NewServer(t)
	srv.Greenhouse("healthy", greenhouseBoard(t, "healthy", 4))
	var disallow atomic.Bool
	srv.Handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if disallow.Load() {
			fmt.Fprint(w, "User-agent: *\nDisallow: /feeds/\n")
			return
		}
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	})
	srv.Handle("/feeds/devops.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Jobs</title>`)
		for i := range 3 {
			fmt.Fprintf(w, `<item><title>Acme %d: Site Reliability Engineer</title><guid>https://jobs.example/%d</guid><link>https://jobs.example/%d</link><description>&lt;p&gt;Terraform and Linux&lt;/p&gt;</description><pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate></item>`, i, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	cfg := config.Defaults()
	cfg.Crawl.Delay = 0
	yes := true
	cfg.Sources = []config.Source{
		{Name: "feed", Type: "rss", URL: srv.URL + "/feeds/devops.rss", AllowPrivate: &yes},
		srv.Source("healthy", "greenhouse", "healthy"),
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC)
	crawl := func() skillpulse.Run {
		c := &Crawl{Config: &cfg, Fetcher: crawler.New(cfg.Crawl), Tagger: &countingTagger{}, Store: st,
			Now: func() time.Time { return clock }}
		run, err := c.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return run
	}
	if run := crawl(); run.Live != 7 || run.Failed() {
		t.Fatalf("baseline: %+v", run)
	}
	disallow.Store(true)
	clock = clock.Add(72 * time.Hour)
	run := crawl()
	feed := outcome(t, run, "feed")
	if !feed.Failed || !strings.Contains(strings.ToLower(feed.Error), "robots") || feed.Closed != 0 {
		t.Errorf("disallowed feed: %+v", feed)
	}
	if h := outcome(t, run, "healthy"); h.Broken() || h.Unchanged != 4 {
		t.Errorf("healthy board affected: %+v", h)
	}
	if run.Live != 7 {
		t.Errorf("live %d, want all 7 kept", run.Live)
	}
	feedFetches := 0
	for _, req := range srv.Requests() {
		if strings.HasPrefix(req, "/feeds/") {
			feedFetches++
		}
	}
	if feedFetches != 1 {
		t.Errorf("the feed was requested %d times, want once (before robots.txt disallowed it)", feedFetches)
	}
}

// TestCappedJSONLDPageReorderedClosesNothing is the case: a career
// page listing more JobPostings than the crawler reads per page, reordered
// between two crawls. What falls past the cap the second time is still
// listed, so it must not be closed after the grace period.
func TestCappedJSONLDPageReorderedClosesNothing(t *testing.T) {
	const n = 1500 // over the 1,000 JobPostings read per page
	var reversed atomic.Bool
	srv := crawltest.NewServer(t)
	srv.Handle("/careers/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><script type="application/ld+json">[`)
		for k := range n {
			i := k
			if reversed.Load() {
				i = n - 1 - k
			}
			if k > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, `{"@type":"JobPosting","title":"Site Reliability Engineer","identifier":"J%d","description":"Terraform"}`, i)
		}
		fmt.Fprint(w, `]</script></head><body></body></html>`)
	})
	cfg := config.Defaults()
	cfg.Crawl.Delay = 0
	yes := true
	cfg.Sources = []config.Source{{Name: "careers", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}, AllowPrivate: &yes}}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{Grace: 48 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clock := time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC)
	crawl := func() skillpulse.Run {
		c := &Crawl{Config: &cfg, Fetcher: crawler.New(cfg.Crawl), Tagger: &countingTagger{}, Store: st,
			Now: func() time.Time { return clock }}
		run, err := c.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return run
	}
	first := outcome(t, crawl(), "careers")
	if !first.Truncated || first.Fetched != 1000 {
		t.Fatalf("first crawl: %+v, want 1,000 postings and truncated", first)
	}
	reversed.Store(true)
	clock = clock.Add(72 * time.Hour)
	run := crawl()
	second := outcome(t, run, "careers")
	if !second.Truncated || second.Closed != 0 || second.Broken() {
		t.Errorf("reordered crawl: %+v, want truncated, nothing closed, not broken", second)
	}
	if run.Live != n {
		t.Errorf("live %d after the reordered crawl, want all %d still listed", run.Live, n)
	}
}
