package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestCommandsOnADamagedStore runs every store-reading command, and a
// crawl, on a truncated file, one with its root page zeroed and one with
// both meta pages zeroed: each exits 1 with an error naming the file, never
// with a panic or a fault; db check lists what it found.
func TestCommandsOnADamagedStore(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	good, err := os.ReadFile(filepath.Join(dir, "skillpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	const ps = 16 << 10
	damages := []struct {
		name, says string
		damage     func([]byte) []byte
	}{
		{"truncated", "the file is truncated", func(b []byte) []byte { return b[:len(b)/3] }},
		{"meta pages zeroed", "neither of its two meta pages is valid", func(b []byte) []byte { clear(b[:2*ps]); return b }},
		{"pages zeroed", "corrupt data", func(b []byte) []byte { clear(b[2*ps:]); return b }},
	}
	commands := [][]string{
		{"report", "--format", "json", "--out", "-"},
		{"export"},
		{"runs"},
		{"db", "stats"},
		{"db", "check"},
		{"db", "backup", "BACKUP"},
		{"crawl"},
		{"retag"},
	}
	for _, d := range damages {
		path := filepath.Join(t.TempDir(), "damaged.db")
		if err := os.WriteFile(path, d.damage(append([]byte(nil), good...)), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range commands {
			t.Run(d.name+"/"+strings.Join(args[:min(2, len(args))], " "), func(t *testing.T) {
				args := append([]string{"--db", path, "--log-level", "error"}, args...)
				for i, a := range args {
					if a == "BACKUP" {
						args[i] = filepath.Join(t.TempDir(), "backup.db")
					}
				}
				code, out, stderr := cli(t, "", args...)
				if code != exitFailure {
					t.Errorf("exit %d, want 1\n%s\n%s", code, out, stderr)
				}
				if !strings.Contains(stderr, path) || !strings.Contains(stderr+out, d.says) {
					t.Errorf("stderr does not name the file and say %q:\n%s%s", d.says, stderr, out)
				}
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
					t.Errorf("a panic reached the user:\n%s", stderr)
				}
				if args[len(args)-1] == "check" && !strings.Contains(out, "problem:") {
					t.Errorf("db check lists no problem:\n%s", out)
				}
			})
		}
	}
}

// TestReportRefusesADamagedWeekProjection damages, byte by byte, what the
// report reads of each week's postings (the store's weekproj values): the
// report exits 1 naming the file and writes nothing, rather than a report
// of other figures, and db check lists the weeks.
func TestReportRefusesADamagedWeekProjection(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "skillpulse.db")
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "2", "--db", db, "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	bdb, err := bolt.Open(db, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	damaged := 0
	err = bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("weekproj"))
		if b == nil {
			return errors.New("no weekproj bucket")
		}
		vals := map[string][]byte{}
		b.ForEach(func(k, v []byte) error { vals[string(k)] = append([]byte(nil), v...); return nil })
		for k, v := range vals {
			if len(v) < 40 {
				continue
			}
			v[len(v)/2] ^= 0x10 // one bit, in the middle of the entries
			damaged++
			if err := b.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	bdb.Close()
	if err != nil || damaged == 0 {
		t.Fatalf("damaging the projections: %v (%d damaged)", err, damaged)
	}
	out := filepath.Join(t.TempDir(), "reports")
	code, stdout, stderr := cli(t, "", "--db", db, "--log-level", "error", "report", "--out", out)
	if code != exitFailure || !strings.Contains(stderr, db) || !strings.Contains(stderr, "weekproj") || !strings.Contains(stderr, "checksum") {
		t.Errorf("report: exit %d, stderr %q; want 1 and an error naming %s and its damaged weekproj", code, stderr, db)
	}
	if written, _ := os.ReadDir(out); len(written) > 0 || stdout != "" {
		t.Errorf("a report was written from a damaged projection: %q %v", stdout, written)
	}
	code, stdout, _ = cli(t, "", "--db", db, "--log-level", "error", "db", "check")
	if code != exitFailure || strings.Count(stdout, "weekproj/") < damaged {
		t.Errorf("db check: exit %d, %d weekproj problems listed, want %d:\n%s", code, strings.Count(stdout, "weekproj/"), damaged, stdout)
	}
}
