package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lock, err := st.LockCrawl(time.Now())
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
	for _, want := range []string{`skillpulse_crawl_runs_total{result="error"} 0`, `skillpulse_crawl_runs_total{result="ok"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q after a skipped crawl", want)
		}
	}
	if strings.Contains(stderr.String(), "scheduled crawl failed") {
		t.Errorf("a skipped crawl was logged as a failure:\n%s", stderr.String())
	}
}
