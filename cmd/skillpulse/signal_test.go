package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalledCrawlIsRecordedInterruptedAtOnce runs the real binary,
// signals it while a board is being fetched, and reads the runs with a
// read-only open (which marks nothing itself): the run must already say
// interrupted, with the signal as its reason and a finish time.
func TestSignalledCrawlIsRecordedInterruptedAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	// The board answers only when released: the crawl is mid-fetch when
	// signalled.
	asked := make(chan struct{}, 16)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	tests := []struct {
		name    string
		args    []string
		sig     syscall.Signal
		wantWhy string
	}{
		{"SIGINT during crawl", []string{"crawl"}, syscall.SIGINT, "received interrupt"},
		{"SIGTERM during crawl", []string{"crawl"}, syscall.SIGTERM, "received terminated"},
		{"serve stopped mid-crawl", []string{"serve", "--listen", "127.0.0.1:0"}, syscall.SIGTERM, "received terminated"},
		{"serve hung up mid-crawl (its terminal closed)", []string{"serve", "--listen", "127.0.0.1:0"}, syscall.SIGHUP, "received hangup"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("sp%d.db", i))
			cfg := writeFile(t, dir, fmt.Sprintf("c%d.yaml", i), fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-signal-test, delay: 0s, max_retries: 0, request_timeout: 10m}
schedule: {crawl: "@every 1s"}
sources:
  - {name: a, type: greenhouse, board: a, base_url: %s, allow_private: true}
`, db, srv.URL))
			run := binary{t: t, path: bin, config: cfg, logLevel: "warn"}.cmd
			for len(asked) > 0 {
				<-asked // a request of an earlier case
			}
			cmd := run(tt.args...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-asked:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("the crawl never asked the board\n%s", stderr.String())
			}
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%v did not exit after %v\n%s", tt.args, tt.sig, stderr.String())
			}
			out, err := run("runs", "--json").Output()
			if err != nil {
				t.Fatalf("runs: %v", err)
			}
			var runs []struct {
				Status   string    `json:"status"`
				Reason   string    `json:"reason"`
				Finished time.Time `json:"finished"`
			}
			if err := json.Unmarshal(out, &runs); err != nil || len(runs) == 0 {
				t.Fatalf("runs --json: %v\n%s", err, out)
			}
			r := runs[0]
			if r.Status != "interrupted" || r.Reason != tt.wantWhy || r.Finished.IsZero() {
				t.Errorf("newest run %+v; want interrupted, %q, with a finish time\nstderr:\n%s", r, tt.wantWhy, stderr.String())
			}
			table, _ := run("runs").Output()
			if !strings.Contains(string(table), "interrupted ("+tt.wantWhy+")") {
				t.Errorf("runs does not show the reason:\n%s", table)
			}
		})
	}
}
