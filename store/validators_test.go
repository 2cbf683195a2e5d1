package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestValidators(t *testing.T) {
	const (
		scope = "cfg1"
		gh    = "https://boards-api.example.com/v1/boards/acme/jobs?content=true"
		ashby = "https://api.example.org/posting-api/job-board/acme"
	)
	ctx := context.Background()
	s := openTest(t, Options{})
	load := func(s *Store, scope, url string) (string, string, bool) {
		t.Helper()
		etag, lm, ok, err := s.LoadValidator(context.Background(), scope, url)
		if err != nil {
			t.Fatalf("LoadValidator(%q, %q): %v", scope, url, err)
		}
		return etag, lm, ok
	}
	save := func(scope, url, etag, lm string) {
		t.Helper()
		if err := s.SaveValidator(context.Background(), scope, url, etag, lm); err != nil {
			t.Fatalf("SaveValidator(%q, %q): %v", scope, url, err)
		}
	}

	if _, _, ok := load(s, scope, gh); ok {
		t.Fatal("a fresh store has a validator")
	}
	save(scope, gh, `W/"abc"`, "")
	save(scope, ashby, "", "Wed, 25 Nov 2026 03:00:00 GMT")
	if etag, lm, ok := load(s, scope, gh); !ok || etag != `W/"abc"` || lm != "" {
		t.Errorf("greenhouse validator = %q, %q, %v", etag, lm, ok)
	}
	save(scope, gh, `"def"`, "Tue, 24 Nov 2026 03:00:00 GMT") // replaces
	if etag, lm, ok := load(s, scope, gh); !ok || etag != `"def"` || lm != "Tue, 24 Nov 2026 03:00:00 GMT" {
		t.Errorf("replaced validator = %q, %q, %v", etag, lm, ok)
	}
	if _, _, ok := load(s, "cfg2", gh); ok {
		t.Error("a validator of scope cfg1 is returned for scope cfg2")
	}

	// It survives a reopen, and a ReadOnly store reads it.
	path := s.Path()
	s.Close()
	ro, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, lm, ok := load(ro, scope, ashby); !ok || lm != "Wed, 25 Nov 2026 03:00:00 GMT" {
		t.Errorf("after reopen: ashby validator %q, %v", lm, ok)
	}
	if err := ro.SaveValidator(context.Background(), scope, gh, "x", ""); err == nil {
		t.Error("SaveValidator on a ReadOnly store succeeded")
	}
	ro.Close()
	if s, err = Open(context.Background(), path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// Both values empty forgets the URL.
	save(scope, ashby, "", "")
	if _, _, ok := load(s, scope, ashby); ok {
		t.Error("saving empty values did not forget the validator")
	}

	// A new scope starts afresh and drops the old scope's validators, even
	// if the old scope comes back.
	save("cfg2", ashby, `"v2"`, "")
	if _, _, ok := load(s, scope, gh); ok {
		t.Error("the old scope's validator is still returned after saving under a new scope")
	}
	save(scope, ashby, `"v3"`, "")
	if _, _, ok := load(s, scope, gh); ok {
		t.Error("going back to the old scope brought its validators back")
	}
	if _, _, ok := load(s, "", ashby); ok {
		t.Error("the empty scope matches another")
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

func TestValidatorBounds(t *testing.T) {
	s := openTest(t, Options{})
	long := strings.Repeat("x", MaxValidatorField+1)
	tests := []struct {
		name                   string
		scope, url, etag, lmod string
		wantInError            string
	}{
		{"empty url", "c", "", "e", "", "empty url"},
		{"long url", "c", "https://x.example/" + strings.Repeat("a", MaxValidatorURL), "e", "", "url of"},
		{"long etag", "c", "https://x.example/", long, "", "etag of"},
		{"long last-modified", "c", "https://x.example/", "", long, "last-modified of"},
		{"long scope", strings.Repeat("s", MaxValidatorScope+1), "https://x.example/", "e", "", "scope of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SaveValidator(context.Background(), tt.scope, tt.url, tt.etag, tt.lmod)
			if err == nil || !strings.Contains(err.Error(), tt.wantInError) {
				t.Fatalf("SaveValidator error = %v, want one saying %q", err, tt.wantInError)
			}
			if _, _, ok, _ := s.LoadValidator(context.Background(), tt.scope, tt.url); ok {
				t.Error("the refused validator was kept")
			}
		})
	}
}

// TestValidatorsDropOldest fills a scope past its bound (a small one, so
// the test need not save MaxValidators times) and checks that the least
// recently saved go first, a re-save counting as recent.
func TestValidatorsDropOldest(t *testing.T) {
	s := openTest(t, Options{})
	const limit = 3
	url := func(i int) string { return fmt.Sprintf("https://x.example/%d", i) }
	put := func(i int) {
		t.Helper()
		if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
			vb := tx.Bucket(bucketValidators)
			if vb.Bucket(bucketValidURLs) == nil {
				if err := resetValidators(vb, "c"); err != nil {
					return err
				}
			}
			return saveValidator(vb, url(i), validatorRecord{ETag: fmt.Sprint(i)}, limit)
		}); err != nil {
			t.Fatal(err)
		}
	}
	put(0)
	put(1)
	put(2)
	put(0) // 0 is now the most recent; 1 the oldest
	put(3)
	put(4)
	var kept []int
	for i := range 5 {
		if _, _, ok, err := s.LoadValidator(context.Background(), "c", url(i)); err != nil {
			t.Fatal(err)
		} else if ok {
			kept = append(kept, i)
		}
	}
	if fmt.Sprint(kept) != "[0 3 4]" {
		t.Errorf("kept %v, want [0 3 4]: the three most recently saved", kept)
	}
	if res, err := s.Check(context.Background()); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}

	// Check notices a count that disagrees with the entries.
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketValidators).Put(keyValidatorCount, u64(7))
	}); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Check(context.Background()); !errors.Is(err, ErrCorrupt) || !strings.Contains(strings.Join(res.Problems, "\n"), "validators/count") {
		t.Errorf("Check with a wrong count: %v (%q), want a validators/count problem", err, res.Problems)
	}
}

// TestMigrateAddsValidators takes a store back to schema 4, without the
// validators bucket, and checks that a read-write Open adds it and a
// ReadOnly one asks for the migration.
func TestMigrateAddsValidators(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	randomHistory(t, s, 5)
	path := s.Path()
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketValidators); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(4))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	if _, err := Open(context.Background(), path, Options{ReadOnly: true}); !errors.Is(err, ErrNeedsMigration) {
		t.Fatalf("ReadOnly Open of schema 4: %v, want ErrNeedsMigration", err)
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("Open schema 4: %v", err)
	}
	defer s.Close()
	if st, err := s.Stats(ctx); err != nil || st.Schema != SchemaVersion {
		t.Fatalf("schema after migration: %d, %v; want %d", st.Schema, err, SchemaVersion)
	}
	if err := s.SaveValidator(context.Background(), "c", "https://x.example/", `"e"`, ""); err != nil {
		t.Fatalf("SaveValidator after migration: %v", err)
	}
	if etag, _, ok, err := s.LoadValidator(context.Background(), "c", "https://x.example/"); err != nil || !ok || etag != `"e"` {
		t.Errorf("LoadValidator after migration = %q, %v, %v", etag, ok, err)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check after migration: %v (%q)", err, res.Problems)
	}
}
