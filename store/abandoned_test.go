package store

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestRunsTellALiveCrawlFromADeadOne begins a run under the crawl lock and
// lets the lock go without finishing, as the kernel does when a crawl is
// killed with SIGKILL: while the lock is held the run shows running, to a
// read-write and a ReadOnly store alike; once it is free the run shows
// interrupted with AbandonedReason, without anything written, until the
// next LockCrawl records it so. Nothing closes on the way.
func TestRunsTellALiveCrawlFromADeadOne(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, []skillpulse.SourceOutcome{{Name: "acme"}})
	lock, err := s.LockCrawl(context.Background(), day(1))
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.BeginRun(ctx, day(1), "cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "2", "y")}, &countingTagger{}); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(context.Background(), s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()

	// shown reports how st's Runs and Run show the unfinished run.
	shown := func(t *testing.T, st *Store, wantStatus skillpulse.RunStatus, wantReason string) {
		t.Helper()
		runs, err := st.Runs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 2 || runs[0].ID != w.ID() {
			t.Fatalf("Runs = %+v, want the unfinished run first of two", runs)
		}
		if r := runs[0]; r.Status != wantStatus || r.Reason != wantReason {
			t.Errorf("Runs shows the unfinished run %v (%q), want %v (%q)", r.Status, r.Reason, wantStatus, wantReason)
		}
		if runs[1].Status != skillpulse.RunComplete {
			t.Errorf("Runs shows the complete run %v", runs[1].Status)
		}
		r, err := st.Run(ctx, w.ID())
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != wantStatus || r.Reason != wantReason {
			t.Errorf("Run shows the unfinished run %v (%q), want %v (%q)", r.Status, r.Reason, wantStatus, wantReason)
		}
	}
	recordedRunning := func() bool {
		return bytes.Contains(rawGet(t, s, bucketRuns, []byte(w.ID())), runningMarker)
	}

	t.Run("a run whose crawl holds the lock shows running", func(t *testing.T) {
		shown(t, s, skillpulse.RunRunning, "")
		shown(t, ro, skillpulse.RunRunning, "")
	})
	if err := lock.Unlock(); err != nil {
		t.Fatal(err)
	}
	t.Run("a run left running with the lock free shows interrupted and stays recorded as it was", func(t *testing.T) {
		shown(t, s, skillpulse.RunInterrupted, AbandonedReason)
		shown(t, ro, skillpulse.RunInterrupted, AbandonedReason)
		if !recordedRunning() {
			t.Error("a read rewrote the run")
		}
	})
	t.Run("the next crawl lock records it interrupted", func(t *testing.T) {
		next, err := s.LockCrawl(context.Background(), day(2))
		if err != nil {
			t.Fatal(err)
		}
		defer next.Unlock()
		if recordedRunning() {
			t.Error("LockCrawl left the run recorded as running")
		}
		shown(t, s, skillpulse.RunInterrupted, AbandonedReason)
		shown(t, ro, skillpulse.RunInterrupted, AbandonedReason)
	})
	t.Run("no posting closed", func(t *testing.T) {
		for _, id := range []string{"1", "2"} {
			p, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: id})
			if err != nil {
				t.Fatal(err)
			}
			if !p.ClosedAt.IsZero() {
				t.Errorf("posting acme/%s closed at %v", id, p.ClosedAt)
			}
		}
	})
	if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(1).Add(runTook)); !errors.Is(err, ErrRunFinished) {
		t.Errorf("Finish of the interrupted run: %v, want ErrRunFinished", err)
	}
}

// TestLockCrawlIsNotRefusedBecauseSomeoneLooked takes and lets go of the
// crawl lock many times while other goroutines keep checking whether a
// crawl runs, as every read of the runs does while one shows running: the
// checks hold a shared lock for a moment, and no crawl may be refused for
// that.
func TestLockCrawlIsNotRefusedBecauseSomeoneLooked(t *testing.T) {
	s := openTest(t, Options{})
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for !stop.Load() {
				crawlLockFree(s.Path())
			}
		})
	}
	defer wg.Wait()
	defer stop.Store(true)
	for i := range 1000 {
		lock, err := s.LockCrawl(context.Background(), day(i))
		if err != nil {
			t.Fatalf("LockCrawl %d with only readers looking: %v", i, err)
		}
		if err := lock.Unlock(); err != nil {
			t.Fatal(err)
		}
	}
}
