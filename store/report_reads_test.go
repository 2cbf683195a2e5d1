package store

import (
	"context"
	"maps"
	"path/filepath"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

func TestRunsBetweenReturnsTheRunsStartedInTheSpanOldestFirst(t *testing.T) {
	ctx := context.Background()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), Options{})
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

// TestWeeksSkillPostingsGivesEachWeeksAggregateCounts checks that the
// trend read gives, week by week, the postings and per-skill named counts
// of the week's aggregate, and 0 with an empty map for a week without runs.
func TestWeeksSkillPostingsGivesEachWeeksAggregateCounts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	randomHistory(t, s, 7)
	var weeks []skillpulse.Week
	for w := skillpulse.WeekOf(day(-14)); w.Start().Before(day(28)); w = skillpulse.WeekOf(w.End()) {
		weeks = append(weeks, w)
	}
	postings, skills, err := s.WeeksSkillPostings(ctx, weeks)
	if err != nil {
		t.Fatal(err)
	}
	withData := 0
	for i, w := range weeks {
		agg, err := s.WeekAggregate(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for id, sa := range agg.Skills {
			if sa.Postings > 0 {
				want[id] = sa.Postings
			}
		}
		if agg.Snapshots > 0 {
			withData++
		}
		if postings[i] != agg.Postings || !maps.Equal(skills[i], want) {
			t.Errorf("week %s: %d postings %v, want the aggregate's %d %v", w, postings[i], skills[i], agg.Postings, want)
		}
	}
	if withData < 3 || withData == len(weeks) {
		t.Fatalf("%d of %d weeks have data; the test needs weeks with and without", withData, len(weeks))
	}
}
