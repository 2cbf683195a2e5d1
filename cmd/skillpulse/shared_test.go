package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// heldBoard is a Greenhouse board of n postings whose answers can be held
// back, so that a crawl can be kept in progress as long as a test needs.
type heldBoard struct {
	srv     *httptest.Server
	hold    atomic.Bool
	release chan struct{}
	asked   chan struct{} // receives when a held request arrives
	version atomic.Int64
}

func newHeldBoard(t *testing.T, n int) *heldBoard {
	b := &heldBoard{release: make(chan struct{}), asked: make(chan struct{}, 8)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/boards/{board}/jobs", func(w http.ResponseWriter, r *http.Request) {
		if b.hold.Load() {
			select {
			case b.asked <- struct{}{}:
			default: // no one is counting
			}
			select {
			case <-b.release:
			case <-r.Context().Done(): // the crawl was stopped
				return
			}
		}
		v := b.version.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"jobs":[`)
		for i := range n {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			content := html.EscapeString(fmt.Sprintf(`<h2>Requirements</h2><ul><li>%d+ years of Terraform and AWS</li><li>Linux, Kubernetes and Python</li></ul><p>Posting %d of %s, revision %d.</p>`,
				i%7+1, i, r.PathValue("board"), v*int64(i%3)))
			fmt.Fprintf(w, `{"id":%d,"title":"Site Reliability Engineer %d","absolute_url":"https://example.com/%s/%d","location":{"name":"Remote"},"updated_at":"2026-11-20T09:00:00Z","content":%q}`,
				i+1, i, r.PathValue("board"), i, content)
		}
		fmt.Fprint(w, `],"meta":{"total":1}}`)
	})
	b.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		if b.hold.Swap(false) {
			close(b.release)
		}
		b.srv.Close()
	})
	return b
}

// TestCommandsBesideServe runs `serve` (the built binary) on a store and,
// while it serves, runs every reading command and crawls from other
// processes: they all succeed, a second crawl is refused naming the first,
// the report made while serving equals the one made with serve stopped, and
// the backup made while serving passes db check.
func TestCommandsBesideServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it in several processes")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	board := newHeldBoard(t, 400)
	db := filepath.Join(dir, "sp.db")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-shared-test, delay: 0s, max_retries: 0}
sources:
  - {name: a, type: greenhouse, board: a, base_url: %[2]s, allow_private: true}
  - {name: b, type: greenhouse, board: b, base_url: %[2]s, allow_private: true}
schedule: {crawl: "0 3 * * *", report: "0 6 * * 1"}
api: {listen: "127.0.0.1:0"}
`, db, board.srv.URL))
	sp := binary{t: t, path: bin, config: cfg}
	command, must := sp.cmd, sp.must
	must("crawl", "--json")

	serve := command("serve", "--no-schedule")
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- serve.Wait() }()
	defer func() {
		serve.Process.Kill()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, stdout)
	base := strings.Fields(line)[3]

	// Crawl A is held at its first fetch: a crawl in progress.
	board.hold.Store(true)
	crawlA := command("crawl", "--json")
	var outA bytes.Buffer
	crawlA.Stdout = &outA
	if err := crawlA.Start(); err != nil {
		t.Fatal(err)
	}
	doneA := make(chan error, 1)
	go func() { doneA <- crawlA.Wait() }()
	select {
	case <-board.asked:
	case err := <-doneA:
		t.Fatalf("crawl A ended before fetching: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("crawl A never fetched")
	}

	t.Run("a second crawl is refused naming the first", func(t *testing.T) {
		var stderr bytes.Buffer
		second := command("crawl", "--json")
		second.Stderr = &stderr
		err := second.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("second crawl: %v, want exit status 1", err)
		}
		want := fmt.Sprintf("a crawl is in progress (pid %d, started ", crawlA.Process.Pid)
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("second crawl said %q, want %q", stderr.String(), want)
		}
	})
	t.Run("every reading command works during a crawl", func(t *testing.T) {
		must("report", "--format", "json", "--out", "-")
		must("export")
		must("runs", "--json")
		must("db", "stats")
		must("db", "check")
		must("db", "backup", filepath.Join(dir, "during-crawl.db"))
		resp, err := http.Get(base + "/api/v1/weeks/current")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("API during a crawl: %d", resp.StatusCode)
		}
	})

	board.hold.Store(false)
	close(board.release)
	if err := <-doneA; err != nil {
		t.Fatalf("crawl A beside serve: %v\n%s", err, outA.Bytes())
	}
	var runA struct {
		ID      string            `json:"run_id"`
		Live    int               `json:"postings_live"`
		Sources []json.RawMessage `json:"sources"`
	}
	if err := json.Unmarshal(outA.Bytes(), &runA); err != nil || runA.ID == "" || runA.Live != 800 || len(runA.Sources) != 2 {
		t.Fatalf("crawl A --json: %+v, %v\n%s", runA, err, outA.Bytes())
	}
	var apiRuns struct {
		Runs []struct {
			ID string `json:"run_id"`
		} `json:"runs"`
	}
	resp, err := http.Get(base + "/api/v1/runs?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&apiRuns)
	resp.Body.Close()
	if len(apiRuns.Runs) != 1 || apiRuns.Runs[0].ID != runA.ID {
		t.Errorf("serve's API shows runs %+v, want the crawl made beside it (%s) first", apiRuns.Runs, runA.ID)
	}

	reportServing := must("report", "--format", "json", "--out", "-")
	backup := filepath.Join(dir, "backup.db")
	must("db", "backup", backup)
	exportServing := must("export")

	serve.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	reportIdle := must("report", "--format", "json", "--out", "-")
	if a, b := withoutGenerated(t, reportServing), withoutGenerated(t, reportIdle); a != b {
		t.Errorf("the report made beside serve differs from the one made with it stopped:\n%.400s\n%.400s", a, b)
	}
	if got := must("export"); !bytes.Equal(got, exportServing) {
		t.Error("the export made beside serve differs from the one made with it stopped")
	}
	if out := must("--db", backup, "db", "check"); !bytes.Contains(out, []byte("ok")) {
		t.Errorf("db check of the backup made beside serve: %s", out)
	}
}

// withoutGenerated is a JSON report without its generation time.
func withoutGenerated(t *testing.T, b []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("report is not JSON: %v\n%.300s", err, b)
	}
	delete(m, "generated")
	out, _ := json.Marshal(m)
	return string(out)
}
