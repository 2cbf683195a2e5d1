package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/demo"
)

// TestServeSchedulesCrawlsAndAnswers runs `serve` with a crawl every second
// against the demo boards, waits (with a deadline) until the API reports a
// complete run, reads the API and metrics, and stops it as SIGTERM would.
func TestServeSchedulesCrawlsAndAnswers(t *testing.T) {
	boards, err := demo.Start(1)
	if err != nil {
		t.Fatal(err)
	}
	defer boards.Close()
	dir := t.TempDir()
	var srcs strings.Builder
	for _, s := range demo.Sources() {
		key := "board: " + s.Board
		if s.Site != "" {
			key = "site: " + s.Site
		}
		fmt.Fprintf(&srcs, "  - {name: %s, type: %s, %s, base_url: %s, allow_private: true}\n", s.Name, s.Type, key, boards.URL())
	}
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-test, delay: 0s}
sources:
%sschedule:
  crawl: "@every 1s"
  report: "0 6 * * 1"
api:
  listen: 127.0.0.1:0
`, filepath.Join(dir, "sp.db"), srcs.String()))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		var stderr strings.Builder
		done <- run(ctx, []string{"--config", cfg, "--log-level", "error", "serve"}, strings.NewReader(""), outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, outR)
	base := strings.Fields(line)[3] // "skillpulse serving on http://127.0.0.1:PORT (...)"

	getJSON := func(path string, v any) int {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if v != nil {
			json.NewDecoder(resp.Body).Decode(v)
		}
		return resp.StatusCode
	}
	deadline := time.Now().Add(30 * time.Second)
	var finished time.Time // the first complete crawl's
	for {
		var runs struct {
			Runs []struct {
				Status   string    `json:"status"`
				Live     int       `json:"postings_live"`
				Finished time.Time `json:"finished"`
			} `json:"runs"`
		}
		getJSON("/api/v1/runs", &runs)
		if len(runs.Runs) > 0 && runs.Runs[0].Status == "complete" {
			if runs.Runs[0].Live == 0 {
				t.Fatal("scheduled crawl stored no postings")
			}
			finished = runs.Runs[0].Finished
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no scheduled crawl completed within 30s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	var rep struct{ Postings int }
	if code := getJSON("/api/v1/weeks/current", &rep); code != 200 || rep.Postings == 0 {
		t.Errorf("current week: status %d, %d postings", code, rep.Postings)
	}
	var day struct{ Snapshots, Postings int }
	if code := getJSON("/api/v1/days/"+finished.UTC().Format(time.DateOnly), &day); code != 200 || day.Snapshots == 0 || day.Postings == 0 {
		t.Errorf("day of the first crawl (%s): status %d, %+v", finished, code, day)
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `skillpulse_crawl_runs_total{result="ok"}`) {
		t.Errorf("metrics lack the crawl counter:\n%.500s", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}
