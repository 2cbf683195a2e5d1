package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/store"
)

// TestKilledCrawlShowsInterrupted kills a real crawl with SIGKILL while it
// waits for a slow board, beside a running `serve`: from then on `runs`
// (a read-only open), the API's runs and health all show the run
// interrupted with store.AbandonedReason rather than running forever, and
// the next crawl records it so and completes. While the crawl was alive
// they showed it running.
func TestKilledCrawlShowsInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it in several processes")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	board := newHeldBoard(t, 20)
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-kill-test, delay: 0s, max_retries: 0, request_timeout: 10m}
sources:
  - {name: a, type: greenhouse, board: a, base_url: %s, allow_private: true}
api: {listen: "127.0.0.1:0"}
`, filepath.Join(dir, "sp.db"), board.srv.URL))
	sp := binary{t: t, path: bin, config: cfg}
	command, must := sp.cmd, sp.must
	type run struct {
		ID     string `json:"run_id"`
		Status string `json:"status"`
		Reason string `json:"reason"`
		Live   int    `json:"postings_live"`
	}
	cliRuns := func() []run {
		t.Helper()
		var runs []run
		if out := must("runs", "--json"); json.Unmarshal(out, &runs) != nil || len(runs) == 0 {
			t.Fatalf("runs --json: %s", out)
		}
		return runs
	}
	first := must("crawl", "--json")

	serve := command("serve", "--no-schedule")
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer serve.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || len(strings.Fields(line)) < 4 {
		t.Fatalf("serve printed no address: %q, %v", line, err)
	}
	go io.Copy(io.Discard, stdout)
	base := strings.Fields(line)[3]
	apiGet := func(path string, v any) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || json.Unmarshal(body, v) != nil {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
	}
	// newest says how the CLI, the API's runs and its health show the
	// newest run.
	newest := func(t *testing.T, wantStatus, wantReason string) run {
		t.Helper()
		var api struct{ Runs []run }
		apiGet("/api/v1/runs", &api)
		cli := cliRuns()[0]
		var health struct {
			Newest run `json:"newest_run"`
		}
		// Health answers as of at most a second ago.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			apiGet("/api/v1/health", &health)
			if health.Newest.Status == wantStatus || time.Now().After(deadline) {
				break
			}
		}
		for _, got := range []struct {
			who string
			r   run
		}{{"runs --json", cli}, {"/api/v1/runs", api.Runs[0]}, {"/api/v1/health", health.Newest}} {
			if got.r.Status != wantStatus || got.r.Reason != wantReason || got.r.ID != cli.ID {
				t.Errorf("%s shows the newest run as %+v, want %s (%q) for run %s", got.who, got.r, wantStatus, wantReason, cli.ID)
			}
		}
		return cli
	}

	board.hold.Store(true)
	crawl := command("crawl")
	if err := crawl.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- crawl.Wait() }()
	select {
	case <-board.asked:
	case err := <-done:
		t.Fatalf("the crawl ended before fetching: %v", err)
	case <-time.After(60 * time.Second):
		crawl.Process.Kill()
		t.Fatal("the crawl never fetched")
	}
	var killed run
	t.Run("a crawl in progress shows running", func(t *testing.T) {
		killed = newest(t, "running", "")
	})
	if err := crawl.Process.Kill(); err != nil { // SIGKILL: nothing of ours runs after it
		t.Fatal(err)
	}
	<-done
	t.Run("once killed it shows interrupted everywhere", func(t *testing.T) {
		if r := newest(t, "interrupted", store.AbandonedReason); r.ID != killed.ID {
			t.Errorf("the newest run is %s, want the killed %s", r.ID, killed.ID)
		}
		table := string(must("runs"))
		if !strings.Contains(table, "interrupted ("+store.AbandonedReason+")") {
			t.Errorf("runs does not say why the run stopped:\n%s", table)
		}
	})
	board.hold.Store(false)
	close(board.release)
	next := must("crawl", "--json")
	t.Run("the next crawl records it interrupted and completes", func(t *testing.T) {
		runs := cliRuns()
		if len(runs) != 3 || runs[0].Status != "complete" || runs[1].ID != killed.ID ||
			runs[1].Status != "interrupted" || runs[1].Reason != store.AbandonedReason || runs[2].Status != "complete" {
			t.Errorf("runs after the next crawl: %+v\nnext crawl: %s", runs, next)
		}
		var before run
		if err := json.Unmarshal(first, &before); err != nil || runs[0].Live != before.Live || before.Live != 20 {
			t.Errorf("live postings: %d after, %d before the killed crawl (%v); want 20, nothing closed", runs[0].Live, before.Live, err)
		}
	})
}
