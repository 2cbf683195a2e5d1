package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// signalCase is one signal sent to one command of the built binary.
type signalCase struct {
	name     string
	args     []string
	sig      syscall.Signal
	wantWhy  string // the run's reason: "received terminated"
	wantExit int    // crawl 1 (it did not complete), serve 0 (it stops cleanly)
}

// signalCases are the commands that crawl, with each signal that stops
// them.
var signalCases = []signalCase{
	{"SIGINT during crawl", []string{"crawl"}, syscall.SIGINT, "received interrupt", exitFailure},
	{"SIGTERM during crawl", []string{"crawl"}, syscall.SIGTERM, "received terminated", exitFailure},
	{"serve stopped mid-crawl", []string{"serve", "--listen", "127.0.0.1:0"}, syscall.SIGTERM, "received terminated", exitOK},
	{"serve interrupted mid-crawl (Ctrl-C)", []string{"serve", "--listen", "127.0.0.1:0"}, syscall.SIGINT, "received interrupt", exitOK},
	{"serve hung up mid-crawl (its terminal closed)", []string{"serve", "--listen", "127.0.0.1:0"}, syscall.SIGHUP, "received hangup", exitOK},
}

// signalStore is a store that one complete crawl of a held board of
// boardPostings postings has filled, with the config of that board, for a
// test to signal the crawl after it. serve crawls it every second.
func signalStore(t *testing.T, i int) (binary, *heldBoard, string) {
	t.Helper()
	dir := t.TempDir()
	board := newHeldBoard(t, boardPostings)
	db := filepath.Join(dir, fmt.Sprintf("sp%d.db", i))
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %s}
crawl: {user_agent: skillpulse-signal-test, delay: 0s, max_retries: 0, request_timeout: 10m}
schedule: {crawl: "@every 1s"}
sources:
  - {name: a, type: greenhouse, board: a, base_url: %s, allow_private: true}
`, db, board.srv.URL))
	sp := binary{t: t, path: buildBinary(t), config: cfg, logLevel: "warn"}
	sp.must("crawl")
	return sp, board, db
}

// boardPostings is how many postings signalStore's board lists.
const boardPostings = 20

// startSignalled starts the binary with args, its stderr kept.
func startSignalled(t *testing.T, sp binary, args []string) (*exec.Cmd, *strings.Builder, <-chan error) {
	t.Helper()
	cmd := sp.cmd(args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &stderr, done
}

// signalAndWait sends sig and waits for the process to exit, which must
// be within seconds: a minute is the bound (a wait for the store's write
// lock, which a signal used not to end, was ten). It returns the exit
// status.
func signalAndWait(t *testing.T, cmd *exec.Cmd, sig syscall.Signal, done <-chan error, stderr *strings.Builder) int {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("%v did not exit within a minute of %v\n%s", cmd.Args, sig, stderr)
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.Exited():
		return exit.ExitCode()
	}
	t.Fatalf("%v after %v: %v (killed by the signal, not stopped by itself)\n%s", cmd.Args, sig, err, stderr)
	return -1
}

// storedRun is a run as `runs --json` shows it.
type storedRun struct {
	ID       string    `json:"run_id"`
	Status   string    `json:"status"`
	Reason   string    `json:"reason"`
	Finished time.Time `json:"finished"`
	Live     int       `json:"postings_live"`
}

// checkStoreAfterSignal checks the store the signalled process left: db
// check finds it sound, every posting of the complete crawl before is
// still open, and it returns the runs, newest first.
func checkStoreAfterSignal(t *testing.T, sp binary) []storedRun {
	t.Helper()
	if out := sp.must("db", "check"); !strings.Contains(string(out), "ok") {
		t.Errorf("db check after the signal: %s", out)
	}
	var stats struct {
		Postings int `json:"postings"`
		Open     int `json:"open"`
	}
	if out := sp.must("db", "stats", "--json"); json.Unmarshal(out, &stats) != nil || stats.Open != boardPostings || stats.Postings != boardPostings {
		t.Errorf("db stats after the signal: %s; want all %d postings of the crawl before still open", out, boardPostings)
	}
	var runs []storedRun
	if out := sp.must("runs", "--json"); json.Unmarshal(out, &runs) != nil || len(runs) == 0 {
		t.Fatalf("runs --json: %s", out)
	}
	last := runs[len(runs)-1]
	if last.Status != "complete" || last.Live != boardPostings {
		t.Errorf("the crawl before the signal shows as %+v; want complete, %d live", last, boardPostings)
	}
	return runs
}

// TestSignalledCrawlIsRecordedInterruptedAtOnce runs the real binary,
// signals it while a board is being fetched, and reads the runs with a
// read-only open (which marks nothing itself): the run must already say
// interrupted, with the signal as its reason and a finish time. The
// process exits by itself within seconds, a crawl with status 1 and
// `serve` with 0, saying why on stderr, and every posting the crawl before
// stored is still open.
func TestSignalledCrawlIsRecordedInterruptedAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	for i, tt := range signalCases {
		t.Run(tt.name, func(t *testing.T) {
			sp, board, _ := signalStore(t, i)
			board.hold.Store(true) // the crawl is mid-fetch when signalled
			cmd, stderr, done := startSignalled(t, sp, tt.args)
			select {
			case <-board.asked:
			case err := <-done:
				t.Fatalf("%v ended before asking the board: %v\n%s", tt.args, err, stderr)
			case <-time.After(60 * time.Second):
				t.Fatalf("the crawl never asked the board\n%s", stderr)
			}
			if code := signalAndWait(t, cmd, tt.sig, done, stderr); code != tt.wantExit {
				t.Errorf("%v exited %d after %v, want %d\n%s", tt.args, code, tt.sig, tt.wantExit, stderr)
			}
			if want := "crawl interrupted: recorded, closing nothing"; !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
			if want := "skillpulse: crawl interrupted: " + tt.wantWhy; tt.args[0] == "crawl" && !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
			runs := checkStoreAfterSignal(t, sp)
			if r := runs[0]; len(runs) != 2 || r.Status != "interrupted" || r.Reason != tt.wantWhy || r.Finished.IsZero() {
				t.Errorf("runs %+v; want the newest interrupted, %q, with a finish time\nstderr:\n%s", runs, tt.wantWhy, stderr)
			}
			if table := sp.must("runs"); !strings.Contains(string(table), "interrupted ("+tt.wantWhy+")") {
				t.Errorf("runs does not show the reason:\n%s", table)
			}
		})
	}
}

// holdStoreLock takes the store's lock shared, as a reader in another
// process does for as long as it reads (a `db check` or `export` of a
// large store reads for minutes), until release or the test's end.
func holdStoreLock(t *testing.T, db string) (release func()) {
	t.Helper()
	f, err := os.OpenFile(db+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		t.Fatal(err)
	}
	release = func() { f.Close() } // closing the descriptor lets go of the flock
	t.Cleanup(release)
	return release
}

// writerQueued reports whether a writer waits for the store's lock: it
// holds <db>.gate while it waits.
func writerQueued(t *testing.T, db string) bool {
	t.Helper()
	f, err := os.Open(db + ".gate")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// awaitWriterQueued waits until the process waits to write the store.
func awaitWriterQueued(t *testing.T, db string, done <-chan error, stderr *strings.Builder) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !writerQueued(t, db); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("the process ended before it waited for the store: %v\n%s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the process never waited for the store's lock\n%s", stderr)
		}
	}
}

// TestSignalEndsAWaitForTheStoresLock signals a crawl, and serve's
// scheduled crawl, while another process reads the store and so keeps
// their write waiting (up to ten minutes, for a long `db check`): the
// process stops waiting and exits within seconds, saying on stderr which
// store and lock it waited for and why it stopped. Stopped before its run
// began, a crawl leaves no run; stopped with its run begun, it cannot
// record why in time either, and the run shows as abandoned, as a killed
// crawl's does. Either way the store is sound and every posting stored
// before is still open.
func TestSignalEndsAWaitForTheStoresLock(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	crawl, serve := []string{"crawl"}, []string{"serve", "--listen", "127.0.0.1:0"}
	tests := []struct {
		signalCase
		runBegun bool // the wait is for a batch's write, after BeginRun
	}{
		{signalCase: signalCase{"SIGINT while a crawl waits to begin its run", crawl, syscall.SIGINT, "received interrupt", exitFailure}},
		{signalCase: signalCase{"SIGTERM while a crawl waits to begin its run", crawl, syscall.SIGTERM, "received terminated", exitFailure}},
		{signalCase: signalCase{"SIGTERM while a crawl waits to write a batch", crawl, syscall.SIGTERM, "received terminated", exitFailure}, runBegun: true},
		{signalCase: signalCase{"serve stopped while its scheduled crawl waits", serve, syscall.SIGTERM, "received terminated", exitOK}},
		{signalCase: signalCase{"serve interrupted while its scheduled crawl waits", serve, syscall.SIGINT, "received interrupt", exitOK}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp, board, db := signalStore(t, i)
			var release func()
			if tt.runBegun {
				board.hold.Store(true)
			} else {
				release = holdStoreLock(t, db)
			}
			cmd, stderr, done := startSignalled(t, sp, tt.args)
			if tt.runBegun {
				select {
				case <-board.asked:
				case err := <-done:
					t.Fatalf("%v ended before asking the board: %v\n%s", tt.args, err, stderr)
				}
				release = holdStoreLock(t, db)
				board.hold.Store(false)
				close(board.release)
			}
			awaitWriterQueued(t, db, done, stderr)
			if code := signalAndWait(t, cmd, tt.sig, done, stderr); code != tt.wantExit {
				t.Errorf("%v exited %d after %v, want %d\n%s", tt.args, code, tt.sig, tt.wantExit, stderr)
			}
			if want := db + ": stopped waiting for the store's write lock, which another process holds: " + tt.wantWhy; !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
			release()
			runs := checkStoreAfterSignal(t, sp)
			switch {
			case !tt.runBegun && len(runs) != 1:
				t.Errorf("runs %+v; want only the crawl before: the stopped one never began its run", runs)
			case tt.runBegun && (len(runs) != 2 || runs[0].Status != "interrupted" || runs[0].Reason != "process ended without finishing the run"):
				t.Errorf("runs %+v; want the stopped run interrupted, abandoned", runs)
			}
			if want := "could not record the run as interrupted; the next open will"; tt.runBegun && !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
		})
	}
}
