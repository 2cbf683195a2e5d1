package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestExportRemovesStaleTempFilesOfItsOwnNaming(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	out := filepath.Join(dir, "postings.jsonl")
	old := time.Now().Add(-time.Hour)
	stale := []string{".postings.jsonl.tmp123456", ".postings.jsonl.tmp9"}
	keep := []string{
		".postings.jsonl.tmpNOTOURS",  // not our digits
		".other.jsonl.tmp123",         // another target's
		"postings.jsonl.tmp123",       // not hidden: not our naming
		".postings.jsonl.tmp77777777", // ours but fresh: a live export may own it
	}
	for _, n := range append(append([]string{}, stale...), keep...) {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, []byte("half an export"), 0o600); err != nil {
			t.Fatal(err)
		}
		if n != keep[3] {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, _, stderr := cli(t, "", "--db", db, "--log-level", "info", "export", "--out", out)
	if code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); !os.IsNotExist(err) {
			t.Errorf("stale %s was not removed", n)
		}
		if !strings.Contains(stderr, n) {
			t.Errorf("removal of %s not logged:\n%s", n, stderr)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
}

func TestCompactSaysItRemovesAStaleCompactionFile(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	leftover := filepath.Join(dir, ".skillpulse.db.compact")
	if err := os.WriteFile(leftover, []byte("half a compaction"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, "", "--db", db, "--log-level", "warn", "db", "compact")
	if code != 0 {
		t.Fatalf("compact: %d %s", code, stderr)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("the stale compaction file is still there (%v)", err)
	}
	if !strings.Contains(stderr, "stale compaction file") {
		t.Errorf("compact did not say it removed the stale file:\n%s", stderr)
	}
}

// A report killed while writing leaves ".skillpulse-2026-W49.html.tmpNNN"
// files in the report folder; the next report of that week removes them,
// as export and db backup do theirs, instead of letting every crash of
// serve's schedule add more.
func TestReportRemovesStaleTempFilesOfAKilledReport(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	reports := filepath.Join(dir, "out")
	if err := os.Mkdir(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	const week = "2026-W10"
	old := time.Now().Add(-time.Hour)
	stale := []string{".skillpulse-" + week + ".html.tmp3651009545", ".skillpulse-" + week + ".json.tmp12"}
	keep := []string{
		".skillpulse-2026-W09.html.tmp123", // another week's: its own report cleans it
		".skillpulse-" + week + ".md.tmp7", // fresh: a live report may own it
		"notes.txt",
	}
	for _, n := range append(append([]string{}, stale...), keep...) {
		p := filepath.Join(reports, n)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if n != keep[1] {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, _, stderr := cli(t, "", "--db", db, "--log-level", "warn", "report", "--week", week, "--out", reports, "--format", "md,html,json")
	if code != 0 {
		t.Fatalf("report: %d %s", code, stderr)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(reports, n)); !os.IsNotExist(err) {
			t.Errorf("stale %s was not removed", n)
		}
		if !strings.Contains(stderr, n) {
			t.Errorf("removal of %s not logged:\n%s", n, stderr)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(reports, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
}
