package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

func TestRunsBetweenReturnsTheRunsStartedInTheSpanOldestFirst(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC) // a Monday
	for d := -1; d <= 7; d++ {
		w, err := s.BeginRun(ctx, day.AddDate(0, 0, d), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "a", Failed: d == 2}}, day.AddDate(0, 0, d).Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	week := skillpulse.WeekOf(day)
	runs, err := s.RunsBetween(ctx, week.Start(), week.End())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 7 {
		t.Fatalf("got %d runs in the week, want 7 (Monday to Sunday)", len(runs))
	}
	if !runs[0].Started.Equal(day) || !runs[6].Started.Equal(day.AddDate(0, 0, 6)) {
		t.Errorf("first %s, last %s: want Monday first and Sunday last", runs[0].Started, runs[6].Started)
	}
	if !runs[2].Sources[0].Failed {
		t.Error("the outcomes of a run are not returned")
	}
}
