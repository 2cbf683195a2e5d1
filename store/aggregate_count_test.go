package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// A Finish counts the versions of a run in chunks decoded ahead on other
// goroutines; a run with several chunks, some postings changed (a version
// counted out and one in) and some new, must leave the aggregates and the
// week's projection as one version at a time would.
func TestFinishCountsRunsOfManyChunksAsOneVersionAtATime(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	n := 2*countChunkSize + 300
	desc := func(i, rev int) string {
		return fmt.Sprintf("k:%d:%d t:%d:0 rev %d of %d", 1+i%3, i%5, 1+(i+rev)%3, rev, i)
	}
	var first, second []skillpulse.Posting
	for i := range n {
		p := posting("acme", fmt.Sprintf("%05d", i), desc(i, 0))
		p.Workplace = skillpulse.Workplace(i % 4)
		first = append(first, p)
		switch {
		case i%7 == 0:
			continue // missing from the second run, still open
		case i%3 == 0:
			p.Description = desc(i, 1)
		}
		second = append(second, p)
	}
	for i := n; i < n+countChunkSize/2; i++ {
		second = append(second, posting("acme", fmt.Sprintf("%05d", i), desc(i, 0)))
	}
	for d, ps := range [][]skillpulse.Posting{first, second} {
		w, err := s.BeginRun(ctx, day(d), "cfg")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Put(ctx, "acme", ps, levelTagger{}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(d).Add(runTook)); err != nil {
			t.Fatal(err)
		}
	}
	if res, err := s.Check(ctx); err != nil {
		t.Fatalf("Check after the runs: %v (%q)", err, res.Problems)
	}
	w := skillpulse.WeekOf(day(1))
	got, err := s.WeekAggregate(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	if want := aggregateLive(t, s, weekPeriod(w)); !reflect.DeepEqual(got, want) {
		t.Errorf("week %s:\nWeekAggregate %+v\nForEachLive   %+v", w, got, want)
	}
	if got.Postings != n+countChunkSize/2 {
		t.Errorf("week %s counts %d postings, want %d", w, got.Postings, n+countChunkSize/2)
	}
	stored, want := weekProjEntries(t, s, w)
	if !reflect.DeepEqual(stored, want) {
		t.Errorf("week %s: the projection holds %d entries unlike the %d its versions give", w, len(stored), len(want))
	}
}
