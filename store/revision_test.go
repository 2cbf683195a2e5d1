package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestRevisionChangesWithEveryCommittedWriteOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	revision := func(who *Store) uint64 {
		t.Helper()
		r, err := who.Revision(ctx)
		if err != nil {
			t.Fatalf("Revision: %v", err)
		}
		return r
	}
	acme := map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "terraform")}}
	outcomes := []skillpulse.SourceOutcome{{Name: "acme"}}

	before := revision(s)
	if _, err := s.Runs(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if r := revision(s); r != before {
		t.Errorf("a read moved the revision from %d to %d", before, r)
	}
	crawl(t, s, day(0), acme, outcomes)
	afterCrawl := revision(s)
	if afterCrawl == before {
		t.Errorf("a crawl left the revision at %d", before)
	}

	// Another process's write: a second Store on the same file.
	other, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if r := revision(other); r != afterCrawl {
		t.Errorf("a second Store of the file reads revision %d, the first %d", r, afterCrawl)
	}
	crawl(t, other, day(1), acme, outcomes)
	if r := revision(s); r == afterCrawl {
		t.Errorf("a crawl by another Store of the file left the first's revision at %d", r)
	}
}

func TestRevisionOfADamagedFileIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := os.WriteFile(path, make([]byte, 64<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = s.Revision(context.Background())
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("Revision of a file of zeros = %v, want ErrCorrupt", err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revision(context.Background()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Revision of a removed file = %v, want it not to exist", err)
	}
}
