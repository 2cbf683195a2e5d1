package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

func TestRuns(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	outs := func(fetched int) []skillpulse.SourceOutcome {
		return []skillpulse.SourceOutcome{{Name: "acme", Type: "lever", Fetched: fetched}, {Name: "other", Failed: true, Error: "boom"}}
	}
	r1 := crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, outs(1))
	r2 := crawl(t, s, day(1), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, outs(1))

	// A run in progress: its crawl holds the lock, a batch is written.
	lock, err := s.LockCrawl(context.Background(), day(2))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	w, err := s.BeginRun(ctx, day(2), "cfg2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "2", "y")}, &countingTagger{}); err != nil {
		t.Fatal(err)
	}

	runs, err := s.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var statuses []skillpulse.RunStatus
	for _, r := range runs {
		ids = append(ids, r.ID)
		statuses = append(statuses, r.Status)
	}
	if want := []string{w.ID(), r2.ID, r1.ID}; !slices.Equal(ids, want) {
		t.Errorf("Runs ids = %v, want newest first %v", ids, want)
	}
	if want := []skillpulse.RunStatus{skillpulse.RunRunning, skillpulse.RunComplete, skillpulse.RunComplete}; !slices.Equal(statuses, want) {
		t.Errorf("Runs statuses = %v, want %v", statuses, want)
	}
	if !strings.HasPrefix(r1.ID, "20261123T030000Z-") {
		t.Errorf("run id %q does not start with its UTC start time", r1.ID)
	}
	if limited, _ := s.Runs(ctx, 2); len(limited) != 2 || limited[0].ID != w.ID() {
		t.Errorf("Runs(limit 2) = %d runs, want the 2 newest", len(limited))
	}

	got, err := s.Run(ctx, r1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != skillpulse.RunComplete || !got.Finished.Equal(day(0).Add(runTook)) || len(got.Sources) != 2 ||
		got.Sources[1].Error != "boom" || got.ConfigHash != "cfg" || got.Live != 1 {
		t.Errorf("Run(%s) = %+v", r1.ID, got)
	}
	if _, err := s.Run(ctx, "20990101T000000Z-0001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Run(missing) error = %v, want ErrNotFound", err)
	}

	hist, err := s.SourceHistory(ctx, "acme", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Unchanged != 1 || hist[1].New != 1 {
		t.Errorf("SourceHistory(acme) = %+v, want the two complete runs newest first", hist)
	}
	if hist, _ := s.SourceHistory(ctx, "acme", 1); len(hist) != 1 {
		t.Errorf("SourceHistory(acme, 1) returned %d outcomes", len(hist))
	}

	// The interrupted run's committed batch is kept.
	if _, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "2"}); err != nil {
		t.Errorf("posting written by the interrupted run: %v", err)
	}
	if _, err := w.Finish(ctx, nil, day(2).Add(time.Minute)); err != nil {
		t.Fatalf("finishing the run later: %v", err)
	}
	if _, err := w.Finish(ctx, nil, day(2).Add(time.Minute)); !errors.Is(err, ErrRunFinished) {
		t.Errorf("second Finish error = %v, want ErrRunFinished", err)
	}
	if _, err := w.Put(ctx, "acme", nil, &countingTagger{}); !errors.Is(err, ErrRunFinished) {
		t.Errorf("Put after Finish error = %v, want ErrRunFinished", err)
	}
}
