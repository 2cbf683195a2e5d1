package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/store"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestScheduledCrawlGivesWayToACrawlInProgress holds the crawl lock, as a
// crawl from cron does, while serve's schedule fires: serve skips its
// crawl, saying why, and counts no failed run.
func TestScheduledCrawlGivesWayToACrawlInProgress(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sp.db")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: t}
sources: [{name: a, type: greenhouse, board: a, base_url: "http://127.0.0.1:9", allow_private: true}]
schedule: {crawl: "@every 1s", report: "0 6 * * 1"}
api: {listen: "127.0.0.1:0"}
`, db))
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lock, err := st.LockCrawl(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()

	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--config", cfg, "--log-level", "warn", "serve"}, strings.NewReader(""), outW, &stderr)
		outW.Close()
	}()
	defer func() {
		cancel()
		<-done
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v (%s)", err, stderr.String())
	}
	go io.Copy(io.Discard, outR)
	base := strings.Fields(line)[3]
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "scheduled crawl skipped") {
		if time.Now().After(deadline) {
			t.Fatalf("serve's schedule never met the crawl in progress:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "a crawl is in progress (pid ") {
		t.Errorf("the skip does not say which crawl:\n%s", stderr.String())
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `skillpulse_scheduled_runs_skipped_total{job="crawl",reason="crawl_in_progress"} `) ||
		strings.Contains(string(body), `skillpulse_scheduled_runs_skipped_total{job="crawl",reason="crawl_in_progress"} 0`) {
		t.Errorf("metrics do not count the skipped crawl:\n%s", body)
	}
	for _, want := range []string{`skillpulse_crawl_runs_total{result="error"} 0`, `skillpulse_crawl_runs_total{result="ok"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q after a skipped crawl", want)
		}
	}
	if strings.Contains(stderr.String(), "scheduled crawl failed") {
		t.Errorf("a skipped crawl was logged as a failure:\n%s", stderr.String())
	}
}

// TestScheduledJobSlowerThanItsIntervalIsSkippedLoggedAndCounted runs a
// scheduled job while its previous run still runs: the second must not
// start, and the skip must show in the log and in /metrics.
func TestScheduledJobSlowerThanItsIntervalIsSkippedLoggedAndCounted(t *testing.T) {
	var logged syncBuffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	metrics := api.NewMetrics()
	var started atomic.Int32
	release := make(chan struct{})
	job := skipIfStillRunning("crawl", func() {
		started.Add(1)
		<-release
	}, log, metrics)
	first := make(chan struct{})
	go func() {
		job.Run()
		close(first)
	}()
	for started.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	job.Run() // the first still runs
	job.Run()
	close(release)
	<-first
	if n := started.Load(); n != 1 {
		t.Errorf("%d runs started while the first ran; want 1", n)
	}
	if !strings.Contains(logged.String(), "scheduled crawl skipped") {
		t.Errorf("the skip was not logged:\n%s", logged.String())
	}
	var text strings.Builder
	if err := metrics.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`skillpulse_scheduled_runs_skipped_total{job="crawl",reason="still_running"} 2`,
		`skillpulse_scheduled_runs_skipped_total{job="report",reason="still_running"} 0`,
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, text.String())
		}
	}
	job.Run() // the first has finished: the job runs again
	if n := started.Load(); n != 2 {
		t.Errorf("the job did not run again once the first finished (%d runs)", n)
	}
}
