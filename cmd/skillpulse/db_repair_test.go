package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/store"
)

// apiWeek is the API's answer for the current week of the store at db, as
// serve gives it, with its status.
func apiWeek(t *testing.T, db string, now time.Time) (int, string) {
	t.Helper()
	st, err := store.Open(context.Background(), db, store.Options{ReadOnly: true, LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tax, err := extract.DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	h := api.New(api.Options{Store: st, Taxonomy: tax, Market: testConfigMarket(t), Now: func() time.Time { return now }})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/weeks/current", nil))
	return rec.Code, rec.Body.String()
}

// demoStore writes a store of two weeks of demo crawls and returns its path.
func demoStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "skillpulse.db")
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "2", "--db", db, "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	return db
}

// spoil changes the bbolt file at path with fn, as a bug or a bad disk
// might have.
func spoil(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(fn)
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("damaging %s: %v", path, err)
	}
}

// eachValue rewrites every value of bucket name with fn.
func eachValue(name string, fn func(v []byte) []byte) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(name))
		if b == nil {
			return errors.New("no bucket " + name)
		}
		vals := map[string][]byte{}
		b.ForEach(func(k, v []byte) error { vals[string(k)] = append([]byte(nil), v...); return nil })
		for k, v := range vals {
			var err error
			if nv := fn(v); nv == nil {
				err = b.Delete([]byte(k))
			} else {
				err = b.Put([]byte(k), nv)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// TestDBRepairWithTheRealBinary damages the derived data of a demo store
// in a built skillpulse's way: db check fails and points to db repair,
// db repair rebuilds it, db check passes again and the report is the one
// written before the damage.
func TestDBRepairWithTheRealBinary(t *testing.T) {
	bin := buildBinary(t)
	good := demoStore(t)
	run := func(db string, args ...string) (int, string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		cmd := exec.Command(bin, append([]string{"--db", db, "--log-level", "error"}, args...)...)
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("%v: %v", args, err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errb.String()
	}
	report := func(db string) (int, string) {
		t.Helper()
		code, out, _ := run(db, "report", "--format", "json", "--out", "-")
		if code != 0 {
			return code, ""
		}
		return code, withoutGenerated(t, []byte(out))
	}
	_, want := report(good)
	if want == "" {
		t.Fatal("no report of the sound store")
	}
	now := time.Now()
	code, wantAPI := apiWeek(t, good, now)
	if code != http.StatusOK || !strings.Contains(wantAPI, `"skills"`) {
		t.Fatalf("API week of the sound store: %d %.300s", code, wantAPI)
	}
	cases := []struct {
		name          string
		damage        func(tx *bolt.Tx) error
		reportRefuses bool
	}{
		{"every week's aggregate deleted", eachValue("weekagg", func([]byte) []byte { return nil }), false},
		{"a bit flipped in every week's projection", eachValue("weekproj", func(v []byte) []byte {
			v[len(v)/2] ^= 0x10
			return v
		}), true},
		{"the projections' bucket deleted", func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("weekproj")) }, true},
		{"every day's posting list deleted", eachValue("daypost", func([]byte) []byte { return nil }), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "skillpulse.db")
			copyFile(t, good, db)
			spoil(t, db, tc.damage)
			if code, out, stderr := run(db, "db", "check"); code != exitFailure || !strings.Contains(stderr, "skillpulse db repair") || !strings.Contains(out, "problem:") {
				t.Errorf("db check of the damaged store: exit %d, want 1 listing problems and pointing to skillpulse db repair\n%s%s", code, out, stderr)
			}
			if code, _ := report(db); tc.reportRefuses && code != exitFailure {
				t.Errorf("report of the damaged store: exit %d, want 1", code)
			}
			code, out, stderr := run(db, "db", "repair")
			if code != 0 || !strings.Contains(out, "stored values differed and were replaced") || stderr != "" {
				t.Fatalf("db repair: exit %d\n%s%s", code, out, stderr)
			}
			if code, out, stderr := run(db, "db", "check"); code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "ok") {
				t.Errorf("db check after db repair: exit %d\n%s%s", code, out, stderr)
			}
			if _, got := report(db); got != want {
				t.Errorf("the report after db repair differs from the one before the damage")
			}
			if code, got := apiWeek(t, db, now); code != http.StatusOK || got != wantAPI {
				t.Errorf("the API's week after db repair (status %d) differs from the one before the damage", code)
			}
		})
	}
	t.Run("a sound store is left as it was", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "skillpulse.db")
		copyFile(t, good, db)
		before, _ := os.ReadFile(db)
		code, out, stderr := run(db, "db", "repair", "--json")
		if code != 0 || !strings.Contains(out, `"changed": 0`) {
			t.Errorf("db repair --json of a sound store: exit %d\n%s%s", code, out, stderr)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Errorf("db repair of a sound store changed its file")
		}
	})
	t.Run("a damaged version record is refused naming it, changing nothing", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "skillpulse.db")
		copyFile(t, good, db)
		cut := false
		spoil(t, db, eachValue("versions", func(v []byte) []byte {
			if cut {
				return v
			}
			cut = true
			return v[:len(v)/2]
		}))
		spoil(t, db, eachValue("weekagg", func([]byte) []byte { return nil }))
		before, _ := os.ReadFile(db)
		code, out, stderr := run(db, "db", "repair")
		for _, want := range []string{db, "versions/", "primary records are damaged", "db backup"} {
			if code != exitFailure || !strings.Contains(stderr, want) {
				t.Errorf("db repair: exit %d, stderr does not say %q:\n%s", code, want, stderr)
			}
		}
		if out != "" {
			t.Errorf("a refused db repair printed %q", out)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Errorf("a refused db repair changed the file")
		}
	})
	t.Run("a crawl holding the lock makes it refuse", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "skillpulse.db")
		copyFile(t, good, db)
		spoil(t, db, eachValue("weekagg", func([]byte) []byte { return nil }))
		st, err := store.Open(context.Background(), db, store.Options{LockTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		lock, err := st.LockCrawl(context.Background(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		code, out, stderr := run(db, "db", "repair")
		lock.Unlock()
		st.Close()
		if code != exitFailure || !strings.Contains(stderr, "a crawl is in progress (pid") || !strings.Contains(stderr, "once the crawl has finished") || out != "" {
			t.Errorf("db repair during a crawl: exit %d, want 1 saying a crawl is in progress\n%s%s", code, out, stderr)
		}
		if code, out, stderr := run(db, "db", "repair"); code != 0 {
			t.Errorf("db repair once the crawl let go: exit %d\n%s%s", code, out, stderr)
		}
	})
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
