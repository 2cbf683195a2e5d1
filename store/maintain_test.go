package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// smallHistory stores two days of one source: 1 and 2 on day 0, then 1
// changed and 3 new on day 1.
func smallHistory(t *testing.T, s *Store) {
	t.Helper()
	one := []skillpulse.SourceOutcome{{Name: "acme"}}
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "kubernetes"), posting("acme", "2", "terraform")}}, one)
	crawl(t, s, day(1), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "kubernetes on aws"), posting("acme", "2", "terraform"), posting("acme", "3", "linux")}}, one)
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx, s *Store) error
		want    string // substring of a reported problem; "" for a clean store
	}{
		{"clean store", nil, ""},
		{"missing description", func(tx *bolt.Tx, s *Store) error {
			k, _ := tx.Bucket(bucketContent).Cursor().First()
			return tx.Bucket(bucketContent).Delete(k)
		}, "is missing"},
		{"damaged description", func(tx *bolt.Tx, s *Store) error {
			c := tx.Bucket(bucketContent)
			k, v := c.Cursor().First()
			return c.Put(bytes.Clone(k), append(bytes.Clone(v[:len(v)-4]), 0, 0, 0, 0))
		}, "content/"},
		{"open posting missing from open bucket", func(tx *bolt.Tx, s *Store) error {
			k, _ := tx.Bucket(bucketOpen).Cursor().First()
			return tx.Bucket(bucketOpen).Delete(k)
		}, "open but not in the open bucket"},
		{"snapshot pointing at a missing version", func(tx *bolt.Tx, s *Store) error {
			return tx.Bucket(bucketVersions).Delete(versionKey(1, 0))
		}, "posting 1 version 0 does not exist"},
		{"stale week aggregate", func(tx *bolt.Tx, s *Store) error {
			return tx.Bucket(bucketWeekAgg).Put(weekPeriod(skillpulse.WeekOf(day(0))).key(), []byte(`{"postings":99}`))
		}, "differs from a recount"},
		{"week posting list missing a posting", func(tx *bolt.Tx, s *Store) error {
			var e encoder
			(&snapshot{IDs: []uint64{1}, Vers: []uint32{1}}).encode(&e)
			return tx.Bucket(bucketWeekPost).Put(weekPeriod(skillpulse.WeekOf(day(0))).key(), e.bytes())
		}, "posting list differs from a recount"},
		{"key without posting", func(tx *bolt.Tx, s *Store) error {
			return tx.Bucket(bucketKeys).Put(postingKey("acme", "ghost"), u64(999))
		}, "posting 999 does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			smallHistory(t, s)
			if tt.corrupt != nil {
				if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error { return tt.corrupt(tx, s) }); err != nil {
					t.Fatal(err)
				}
			}
			res, err := s.Check(context.Background())
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check of a clean store: %v (problems %q)", err, res.Problems)
				}
				if res.Postings != 3 || res.Versions != 4 || res.Bodies != 4 || res.Snapshots != 2 || res.Runs != 2 || res.Weeks != 1 {
					t.Errorf("Check counted %+v", res)
				}
				return
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Check error = %v, want ErrCorrupt", err)
			}
			found := false
			for _, p := range res.Problems {
				found = found || strings.Contains(p, tt.want)
			}
			if !found {
				t.Errorf("Check problems %q do not mention %q", res.Problems, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	s := openTest(t, Options{})
	smallHistory(t, s)
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Path: s.Path(), Schema: SchemaVersion, Postings: 3, Open: 3, Versions: 4, Bodies: 4, Runs: 2, Snapshots: 2, Weeks: 1, Days: 2}
	got := st
	got.FileBytes, got.DataBytes, got.BodyBytes, got.StoredBodyBytes = 0, 0, 0, 0
	if !reflect.DeepEqual(got.OpenBySource, map[string]int{"acme": 3}) {
		t.Errorf("Stats.OpenBySource = %v, want acme: 3", got.OpenBySource)
	}
	got.OpenBySource = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
	if st.BodyBytes == 0 || st.StoredBodyBytes == 0 || st.DataBytes == 0 || st.FileBytes < st.DataBytes {
		t.Errorf("Stats sizes implausible: %+v", st)
	}
}

func TestBackup(t *testing.T) {
	s := openTest(t, Options{})
	smallHistory(t, s)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "backup.db")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Backup(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != n {
		t.Errorf("Backup reported %d bytes, file has %d", n, fi.Size())
	}
	b, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer b.Close()
	if _, err := b.Check(ctx); err != nil {
		t.Errorf("Check of backup: %v", err)
	}
	p, err := b.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "1"})
	if err != nil || p.Description != "kubernetes on aws" {
		t.Errorf("backup posting 1 = %v, %v", p, err)
	}

	// BackupFile leaves a complete copy and no temporary file behind.
	dir := t.TempDir()
	fileN, err := s.BackupFile(ctx, filepath.Join(dir, "copy.db"))
	if err != nil || fileN != n {
		t.Errorf("BackupFile = %d, %v; want %d bytes like Backup", fileN, err, n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("BackupFile left %d files in its directory, want 1", len(entries))
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Backup(cancelled, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Backup with cancelled context: %v, want context.Canceled", err)
	}
}
