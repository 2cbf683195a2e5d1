package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/skillpulse/skillpulse/demo"
)

// An output file given to export or db backup is written beside the store
// through a temporary name and renamed into place: given the store (or a
// name for it), that rename would replace every posting with an export.
func TestExportAndBackupNeverWriteOverTheStore(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{
		"the store's own path":           db,
		"the store by a relative path":   filepath.Join(dir, ".", "reports", "..", "skillpulse.db"),
		"a symbolic link to the store":   link,
		"a hard link to the store":       hard,
		"the lock file beside the store": db + ".lock",
		"the crawl lock beside it":       db + ".crawl",
	}
	for name, target := range targets {
		for _, args := range [][]string{{"export", "--out", target}, {"export", "--format", "csv", "--out", target}, {"db", "backup", target}} {
			t.Run(name+"/"+strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
				code, _, stderr := cli(t, "", append([]string{"--db", db, "--log-level", "warn"}, args...)...)
				if code != 2 || !strings.Contains(stderr, target) || !strings.Contains(stderr, "store") {
					t.Errorf("exit %d, want 2 with an error naming %s as the store's:\n%s", code, target, stderr)
				}
			})
		}
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatalf("the store changed (%d bytes, was %d)", len(after), len(before))
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symbolic link to the store was replaced: %v %v", fi, err)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "check"); code != 0 || !strings.HasSuffix(out, "ok\n") {
		t.Errorf("db check after the refused writes: exit %d\n%s%s", code, out, stderr)
	}
}

// A target that is not a regular file — a pipe, a device such as
// /dev/null or /dev/stdout — is written to, never renamed over: a rename
// would put a regular file in its place (as root, /dev/null itself).
func TestExportToANamedPipeWritesIntoIt(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	fifo := filepath.Join(dir, "pipe")
	read, release := readPipe(t, fifo)
	code, _, stderr := cli(t, "", "--db", db, "--log-level", "warn", "export", "--out", fifo)
	if code != 0 {
		release()
		t.Fatalf("export to a named pipe: exit %d\n%s", code, stderr)
	}
	fi, err := os.Lstat(fifo)
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced by %v (%v)", fi.Mode(), err)
	}
	b := read()
	if n := bytes.Count(b, []byte("\n")); n == 0 || !bytes.HasPrefix(b, []byte(`{"source":`)) {
		t.Errorf("the reader of the pipe got %d lines: %.200s", n, b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".pipe.tmp*")); len(left) != 0 {
		t.Errorf("temporary files left beside the pipe: %v", left)
	}
}

// --metrics-file is written after the crawl through a temporary name
// renamed into place: given the store, the crawl's own postings would be
// replaced by a page of metrics. It is refused before anything is
// fetched; a pipe or device is written in place.
func TestMetricsFileIsNeverTheStore(t *testing.T) {
	boards, err := demo.Start(1)
	if err != nil {
		t.Fatal(err)
	}
	defer boards.Close()
	dir := t.TempDir()
	cfg := demoBoardsConfig(t, dir, boards.URL())
	db := filepath.Join(dir, "sp.db")
	if code, out, stderr := cli(t, "", "--config", cfg, "--log-level", "error", "crawl"); code != 0 {
		t.Fatalf("crawl: %d %s %s", code, out, stderr)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"crawl", "run"} {
		for _, target := range []string{db, db + ".lock"} {
			code, _, stderr := cli(t, "", "--config", cfg, "--log-level", "error", cmd, "--metrics-file", target)
			if code != 2 || !strings.Contains(stderr, target) || !strings.Contains(stderr, "store") {
				t.Errorf("%s --metrics-file %s: exit %d, want 2 naming it as the store's:\n%s", cmd, target, code, stderr)
			}
		}
	}
	if after, err := os.ReadFile(db); err != nil || !bytes.Equal(before, after) {
		t.Fatalf("the store changed (%v)", err)
	}

	fifo := filepath.Join(dir, "metrics.pipe")
	read, release := readPipe(t, fifo)
	if code, out, stderr := cli(t, "", "--config", cfg, "--log-level", "error", "crawl", "--metrics-file", fifo); code != 0 {
		release()
		t.Fatalf("crawl --metrics-file to a pipe: %d %s %s", code, out, stderr)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced by %v (%v)", fi.Mode(), err)
	}
	if b := read(); !bytes.Contains(b, []byte("skillpulse_postings_live ")) {
		t.Errorf("the reader of the pipe got no metrics: %.300s", b)
	}
}

// readPipe makes a named pipe at path and reads it to its end in the
// background: read waits for what a writer wrote, and release lets the
// reader go when no writer ever opened the pipe (a failed command).
func readPipe(t *testing.T, path string) (read func() []byte, release func()) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	read = func() []byte { return <-got }
	release = func() {
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}
	return read, release
}
