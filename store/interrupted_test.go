package store

import (
	"bytes"
	"context"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestReopenMarksInterruptedRuns begins a run, writes a batch, closes the
// store without finishing and reopens it: a ReadOnly open writes nothing
// but shows the run interrupted (no crawl holds the lock), a read-write
// open records it interrupted and keeps what it wrote.
func TestReopenMarksInterruptedRuns(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	path := s.Path()
	done := crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, []skillpulse.SourceOutcome{{Name: "acme"}})
	w, err := s.BeginRun(ctx, day(1), "cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "2", "y")}, &countingTagger{}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	status := func(s *Store) map[string]skillpulse.Run {
		t.Helper()
		runs, err := s.Runs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]skillpulse.Run{}
		for _, r := range runs {
			m[r.ID] = r
		}
		return m
	}

	ro, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := status(ro)[w.ID()]; got.Status != skillpulse.RunInterrupted || got.Reason != AbandonedReason {
		t.Errorf("after a ReadOnly open the unfinished run shows %v (%q), want interrupted (%q)", got.Status, got.Reason, AbandonedReason)
	}
	if raw := rawGet(t, ro, bucketRuns, []byte(w.ID())); !bytes.Contains(raw, runningMarker) {
		t.Errorf("a ReadOnly open rewrote the unfinished run: %s", raw)
	}
	ro.Close()

	rw, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	runs := status(rw)
	if raw := rawGet(t, rw, bucketRuns, []byte(w.ID())); bytes.Contains(raw, runningMarker) {
		t.Errorf("a read-write open left the unfinished run recorded as running: %s", raw)
	}
	if r := runs[w.ID()]; r.Status != skillpulse.RunInterrupted || r.Reason != AbandonedReason || !r.Finished.IsZero() || r.ConfigHash != "cfg" || len(r.Sources) != 0 {
		t.Errorf("after a read-write open the unfinished run is %+v, want interrupted, unfinished, config kept", r)
	}
	if r := runs[done.ID]; r.Status != skillpulse.RunComplete || !r.Finished.Equal(done.Finished) || r.Live != 1 {
		t.Errorf("the complete run changed on reopen: %+v", r)
	}
	if _, err := rw.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "2"}); err != nil {
		t.Errorf("posting written by the interrupted run: %v", err)
	}
	if hist, _ := rw.SourceHistory(ctx, "acme", 5); len(hist) != 1 {
		t.Errorf("SourceHistory counts %d runs, want only the complete one", len(hist))
	}
	if res, err := rw.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
	// The store goes on taking runs; the interrupted one never finishes.
	next := crawl(t, rw, day(2), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, []skillpulse.SourceOutcome{{Name: "acme"}})
	if next.Status != skillpulse.RunComplete {
		t.Errorf("run after the interrupted one: %v", next.Status)
	}
	if n, err := rw.markInterrupted(context.Background()); err != nil || n != 0 {
		t.Errorf("markInterrupted on a tidy store = %d, %v; want 0 and no write", n, err)
	}
}
