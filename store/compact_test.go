package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// churnHistory stores a month of daily runs over 300 postings with 3–5 KB
// descriptions: every day 5% change, 3% go (and close after the grace
// period) and 3% are new, so heads, last sightings and week lists are
// rewritten over and over and leave free pages behind.
func churnHistory(t *testing.T, s *Store) {
	t.Helper()
	const n = 300
	ps := synthetic("acme", n*2, 11)
	live, spare := ps[:n], ps[n:]
	one := []skillpulse.SourceOutcome{{Name: "acme"}}
	for d := range 30 {
		live = live[n*3/100:]
		for i := d % 20; i < len(live); i += 20 {
			live[i].Description += fmt.Sprintf(" Changed on day %d.", d)
		}
		live = append(live, spare[:n*3/100]...)
		spare = spare[n*3/100:]
		crawl(t, s, day(d), map[string][]skillpulse.Posting{"acme": live}, one)
	}
}

func TestCompactInPlace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a month of history")
	}
	ctx := context.Background()
	s := openTest(t, Options{})
	churnHistory(t, s)
	want, n := export(t, s, FormatJSONL, time.Time{})
	weekBefore, err := s.WeekAggregate(ctx, skillpulse.WeekOf(day(14)))
	if err != nil {
		t.Fatal(err)
	}

	stBefore, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before, after, err := s.CompactInPlace(ctx)
	if err != nil {
		t.Fatalf("CompactInPlace: %v", err)
	}
	stAfter, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// bbolt grows small files in powers of two, so the pages in use show
	// the shrinking best; the file must not grow.
	if stAfter.DataBytes >= stBefore.DataBytes || after > before {
		t.Errorf("compaction did not shrink the database: pages in use %d → %d bytes, file %d → %d bytes",
			stBefore.DataBytes, stAfter.DataBytes, before, after)
	}
	t.Logf("%d postings: pages in use %d → %d bytes, file %d → %d bytes", n, stBefore.DataBytes, stAfter.DataBytes, before, after)
	if fi, err := os.Stat(s.Path()); err != nil || fi.Size() != after {
		t.Errorf("file at the store's path: %v, %v; want the compacted %d bytes", fi, err, after)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check after compaction: %v %q", err, res.Problems)
	}
	if got, _ := export(t, s, FormatJSONL, time.Time{}); got != want {
		t.Errorf("compaction changed the postings:\n%s", firstDiff(got, want))
	}
	if w, err := s.WeekAggregate(ctx, skillpulse.WeekOf(day(14))); err != nil || w.Postings != weekBefore.Postings || w.Snapshots != weekBefore.Snapshots {
		t.Errorf("week aggregate after compaction: %+v, %v", w, err)
	}

	// Another Store opening the path now reads the compacted file.
	if other, err := Open(context.Background(), s.Path(), Options{ReadOnly: true, LockTimeout: 50 * time.Millisecond}); err != nil {
		t.Errorf("Open after compaction: %v", err)
	} else {
		if got, _ := export(t, other, FormatJSONL, time.Time{}); got != want {
			t.Errorf("another Store reads other postings after compaction:\n%s", firstDiff(got, want))
		}
		other.Close()
	}
	// The store goes on: ids keep counting from where they were.
	crawl(t, s, day(31), map[string][]skillpulse.Posting{"fresh": {posting("fresh", "after", "terraform")}}, []skillpulse.SourceOutcome{{Name: "fresh"}})
	if id := postingID(t, s, "fresh", "after"); id != uint64(n)+1 {
		t.Errorf("first posting after compaction got id %d, want %d", id, n+1)
	}
	path := s.Path()
	s.Close()
	s2, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("reopen after compaction: %v", err)
	}
	defer s2.Close()
	if res, err := s2.Check(ctx); err != nil {
		t.Errorf("Check after reopening: %v %q", err, res.Problems)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*compact*")); len(left) > 0 {
		t.Errorf("compaction left %q behind", left)
	}
}

func TestCompact(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	lifecycleHistory(t, s)
	want, _ := export(t, s, FormatJSONL, time.Time{})
	src := s.Path()

	dst := filepath.Join(t.TempDir(), "compact.db")
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- s.db.Update(context.Background(), func(*bolt.Tx) error { close(held); <-release; return nil })
	}()
	<-held
	if _, _, err := compactFile(ctx, src, dst, 50*time.Millisecond); !errors.Is(err, ErrInUse) {
		t.Errorf("Compact of a file in a write transaction: %v, want ErrInUse", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dst); err == nil {
		t.Error("a failed Compact left its destination behind")
	}
	s.Close()

	before, after, err := Compact(ctx, src, dst)
	if err != nil {
		t.Fatalf("Compact: %v", err)
	}
	if after > before {
		t.Errorf("compaction grew the file: %d → %d bytes", before, after)
	}
	c, err := Open(context.Background(), dst, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if res, err := c.Check(ctx); err != nil {
		t.Errorf("Check of the compacted copy: %v %q", err, res.Problems)
	}
	if got, _ := export(t, c, FormatJSONL, time.Time{}); got != want {
		t.Errorf("compacted copy holds other postings:\n%s", firstDiff(got, want))
	}
	if _, _, err := Compact(ctx, src, dst); err == nil {
		t.Error("Compact over an existing file succeeded")
	}
}
