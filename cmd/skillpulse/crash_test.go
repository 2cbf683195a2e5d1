package main

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCrashAtRandomPoints kills real crawls with SIGKILL at random moments
// and checks after every kill that the store is consistent (db check) and
// that every run completed before the kill is still there, unchanged. The
// boards change a little on every request, so every crawl writes.
func TestCrashAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs dozens of crawls")
	}
	const kills = 25
	dir := t.TempDir()
	bin := buildBinary(t)

	var version atomic.Int64 // bumped per request: a tenth of the postings change
	// servedAll is signalled when the third board body of the current
	// crawl has been sent: from then on the crawl is tagging and writing.
	// Each crawl sends its number in its User-Agent, so a request of a
	// killed crawl that the server finishes late counts for no other.
	servedAll := make(chan struct{}, 1)
	var (
		mu      sync.Mutex
		current int // the crawl running now
		served  int // boards served to it
	)
	startCrawl := func(n int) {
		mu.Lock()
		defer mu.Unlock()
		current, served = n, 0
		select {
		case <-servedAll: // a signal no one took
		default:
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/boards/{board}/jobs", func(w http.ResponseWriter, r *http.Request) {
		v := version.Add(1)
		n, _ := strconv.Atoi(strings.TrimPrefix(r.UserAgent(), "skillpulse-crash-test/"))
		defer func() {
			mu.Lock()
			defer mu.Unlock()
			if n == current {
				if served++; served == 3 {
					servedAll <- struct{}{}
				}
			}
		}()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"jobs":[`)
		for i := range 700 {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			rev := 0
			if i%10 == int(v%10) {
				rev = int(v)
			}
			content := html.EscapeString(fmt.Sprintf(`<h2>Requirements</h2><ul><li>%d+ years of Terraform and AWS</li><li>Linux, Kubernetes and Python</li></ul><p>Revision %d of posting %d on %s.</p>`,
				i%7+1, rev, i, r.PathValue("board")))
			fmt.Fprintf(w, `{"id":%d,"title":"Site Reliability Engineer %d","absolute_url":"https://example.com/%s/%d","location":{"name":"Remote"},"updated_at":"2026-11-20T09:00:00Z","content":%q}`,
				i+1, i, r.PathValue("board"), i, content)
		}
		fmt.Fprint(w, `],"meta":{"total":700}}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	db := filepath.Join(dir, "sp.db")
	crawls := 0
	// crawlConfig writes the config of the next crawl, which it numbers.
	crawlConfig := func() string {
		crawls++
		startCrawl(crawls)
		return writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-crash-test/%d, delay: 0s, parallelism: 4, max_retries: 0}
sources:
  - {name: a, type: greenhouse, board: a, base_url: %[3]s, allow_private: true}
  - {name: b, type: greenhouse, board: b, base_url: %[3]s, allow_private: true}
  - {name: c, type: greenhouse, board: c, base_url: %[3]s, allow_private: true}
`, db, crawls, srv.URL))
	}
	sp := binary{t: t, path: bin, config: crawlConfig()}
	skillpulse := func(args ...string) *exec.Cmd {
		if args[0] == "crawl" {
			crawlConfig()
		}
		return sp.cmd(args...)
	}
	completedRuns := func() map[string]string {
		out, err := skillpulse("runs", "--json", "--limit", "1000").Output()
		if err != nil {
			t.Fatalf("runs: %v", err)
		}
		var runs []json.RawMessage
		if err := json.Unmarshal(out, &runs); err != nil {
			t.Fatalf("runs --json: %v\n%s", err, out)
		}
		m := map[string]string{}
		for _, raw := range runs {
			var r struct {
				ID     string `json:"run_id"`
				Status string `json:"status"`
			}
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			if r.Status == "complete" {
				m[r.ID] = string(raw)
			}
		}
		return m
	}
	// fullCrawl runs a crawl to its end and measures it, whole and from
	// its last board on (its write phase), so that the kills aim at
	// crawls as long as the machine makes them now, loaded or idle.
	var took, writing time.Duration
	fullCrawl := func() {
		cmd := skillpulse("crawl")
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-servedAll:
		case err := <-done:
			t.Fatalf("full crawl ended before fetching all boards: %v\n%s", err, &out)
		}
		fetched := time.Now()
		if err := <-done; err != nil {
			t.Fatalf("full crawl: %v\n%s", err, &out)
		}
		took, writing = time.Since(start), time.Since(fetched)
	}

	fullCrawl()                        // stores every posting
	fullCrawl()                        // as every later crawl does, changes a tenth
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: a failure can be replayed
	interrupted := 0
	for i := range kills {
		before := completedRuns()
		cmd := skillpulse("crawl")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Even kills fall anywhere in the crawl; odd ones in its write
		// phase, which a loaded machine would otherwise rarely hit. No
		// wait here is bounded by a guess of how fast the machine is:
		// the crawl ends by itself if the kill comes too late.
		delay := time.Duration(rng.Int64N(int64(took)))
		var trigger <-chan time.Time
		if i%2 == 0 {
			trigger = time.After(delay)
		} else {
			select {
			case <-servedAll:
			case err := <-done:
				t.Fatalf("crawl ended before fetching all boards: %v", err)
			}
			delay = time.Duration(rng.Int64N(int64(max(writing, time.Millisecond))))
			trigger = time.After(delay)
		}
		select {
		case <-done: // finished before the kill: also fine
		case <-trigger:
			cmd.Process.Kill()
			if err := <-done; err != nil {
				interrupted++
			}
		}
		if out, err := skillpulse("db", "check").CombinedOutput(); err != nil {
			t.Fatalf("kill %d after %v: db check failed: %v\n%s", i, delay, err, out)
		}
		after := completedRuns()
		for id, rec := range before {
			if after[id] != rec {
				t.Fatalf("kill %d after %v: completed run %s changed or vanished:\nbefore %s\nafter  %s", i, delay, id, rec, after[id])
			}
		}
		if i%5 == 4 {
			fullCrawl() // the store still takes complete runs after kills
		}
	}
	if interrupted < kills/3 {
		t.Errorf("only %d of %d crawls were killed mid-way; the kill window is off", interrupted, kills)
	}
	t.Logf("%d kills, %d mid-crawl; the last full crawl took %v, %v of it writing", kills, interrupted, took, writing)
}
