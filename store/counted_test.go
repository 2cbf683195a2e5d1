package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestForEachCountedYieldsTheWeeksLivePostings checks that ForEachCounted
// yields, week by week, the postings ForEachLiveTags yields, in the same
// order, with the same identity, lifecycle, workplace, salary and tags,
// and only the fields counting does not read left out.
func TestForEachCountedYieldsTheWeeksLivePostings(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	randomHistory(t, s, 4)
	weeks := 0
	for w := skillpulse.WeekOf(day(-7)); w.Start().Before(day(27)); w = skillpulse.WeekOf(w.End()) {
		var live, counted []skillpulse.StoredPosting
		if err := s.ForEachLiveTags(ctx, w.Start(), w.End(), func(p *skillpulse.StoredPosting) error { live = append(live, *p); return nil }); err != nil {
			t.Fatal(err)
		}
		agg, err := s.ForEachCounted(ctx, w, func(p *skillpulse.StoredPosting) error {
			// The posting is valid only during the call: keep a deep copy.
			c := *p
			c.Tags.Mentions = append([]skillpulse.Mention(nil), p.Tags.Mentions...)
			c.Tags.Implied = append([]skillpulse.Implied(nil), p.Tags.Implied...)
			counted = append(counted, c)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want, err := s.WeekAggregate(ctx, w); err != nil || !reflect.DeepEqual(agg, want) {
			t.Fatalf("week %s: ForEachCounted's aggregate\n%+v\nwant WeekAggregate's\n%+v (%v)", w, agg, want, err)
		}
		if agg.Postings != len(counted) {
			t.Fatalf("week %s: the aggregate counts %d postings, ForEachCounted yielded %d", w, agg.Postings, len(counted))
		}
		if len(live) > 0 {
			weeks++
		}
		if len(counted) != len(live) {
			t.Fatalf("week %s: ForEachCounted yielded %d postings, ForEachLiveTags %d", w, len(counted), len(live))
		}
		for i := range live {
			want := countedView(live[i])
			if !reflect.DeepEqual(counted[i], want) {
				t.Fatalf("week %s: ForEachCounted gave\n%+v\nwant\n%+v", w, counted[i], want)
			}
		}
	}
	if weeks < 3 {
		t.Fatalf("only %d weeks have postings; the test needs at least 3", weeks)
	}
}

// countedView is p as ForEachCounted gives it: without the fields counting
// does not read.
func countedView(p skillpulse.StoredPosting) skillpulse.StoredPosting {
	c := skillpulse.StoredPosting{FirstSeen: p.FirstSeen, ClosedAt: p.ClosedAt, Tags: p.Tags}
	c.Source, c.NativeID, c.Workplace, c.Salary, c.Posted, c.Updated = p.Source, p.NativeID, p.Workplace, p.Salary, p.Posted, p.Updated
	c.Tags.Language = ""
	c.Tags.Implied = nil
	for _, m := range p.Tags.Implied {
		m.Via = nil
		c.Tags.Implied = append(c.Tags.Implied, m)
	}
	return c
}

// TestForEachCountedStopsAtTheFirstError checks that an error from fn
// stops the walk and comes back as it is.
func TestForEachCountedStopsAtTheFirstError(t *testing.T) {
	s := openTest(t, Options{})
	randomHistory(t, s, 4)
	stop := errors.New("stop")
	calls := 0
	_, err := s.ForEachCounted(context.Background(), skillpulse.WeekOf(day(0)), func(*skillpulse.StoredPosting) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Fatalf("ForEachCounted = %v after %d calls, want the callback's error after 1", err, calls)
	}
}

// TestForEachCountedPassesOnTheCallbacksPanic checks that a panic in fn
// comes out of ForEachCounted as a panic, not as a damaged file, and
// leaves the store readable.
func TestForEachCountedPassesOnTheCallbacksPanic(t *testing.T) {
	s := openTest(t, Options{})
	randomHistory(t, s, 4)
	w := skillpulse.WeekOf(day(0))
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the callback's panic", r)
			}
		}()
		s.ForEachCounted(context.Background(), w, func(*skillpulse.StoredPosting) error { panic("boom") })
		t.Error("ForEachCounted returned after its callback panicked")
	}()
	n := 0
	if _, err := s.ForEachCounted(context.Background(), w, func(*skillpulse.StoredPosting) error { n++; return nil }); err != nil || n == 0 {
		t.Fatalf("after the panic: %v, %d postings", err, n)
	}
}
