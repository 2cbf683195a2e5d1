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
		// The posting is valid only during the call: keep a deep copy.
		agg, err := s.ForEachCounted(ctx, w, func(p *skillpulse.StoredPosting) error { counted = append(counted, keep(p)); return nil })
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

// TestForEachCountedInReadsSharedPostingsOnce checks that reading two
// weeks at once yields, for each week, exactly what ForEachCounted yields
// for it, in the same order, with the same aggregates, and a posting both
// weeks count at the same version once.
func TestForEachCountedInReadsSharedPostingsOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	randomHistory(t, s, 4)
	shared := 0
	for w := skillpulse.WeekOf(day(0)); w.Start().Before(day(27)); w = skillpulse.WeekOf(w.End()) {
		weeks := []skillpulse.Week{w, w.Prev()}
		var each [2][]skillpulse.StoredPosting
		var aggs [2]skillpulse.Aggregate
		for i, wk := range weeks {
			var err error
			aggs[i], err = s.ForEachCounted(ctx, wk, func(p *skillpulse.StoredPosting) error { each[i] = append(each[i], keep(p)); return nil })
			if err != nil {
				t.Fatal(err)
			}
		}
		var both [2][]skillpulse.StoredPosting
		got, err := s.ForEachCountedIn(ctx, weeks, func(p *skillpulse.StoredPosting, in uint64) error {
			if in == 0 || in > 3 {
				t.Errorf("weeks %v: a posting counted in %b", weeks, in)
			}
			if in == 3 {
				shared++
			}
			for i := range weeks {
				if in&(1<<i) != 0 {
					both[i] = append(both[i], keep(p))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, wk := range weeks {
			if !reflect.DeepEqual(got[i], aggs[i]) {
				t.Errorf("week %s: ForEachCountedIn's aggregate differs from ForEachCounted's", wk)
			}
			if !reflect.DeepEqual(both[i], each[i]) {
				t.Errorf("week %s, read with %s: %d postings, ForEachCounted alone %d, or in another order or content", wk, weeks[1-i], len(both[i]), len(each[i]))
			}
		}
	}
	if shared == 0 {
		t.Fatal("no posting was counted in two weeks at the same version; the test needs some")
	}
}

// keep copies a posting ForEachCounted lends, with its own tags.
func keep(p *skillpulse.StoredPosting) skillpulse.StoredPosting {
	c := *p
	c.Tags.Mentions = append([]skillpulse.Mention(nil), p.Tags.Mentions...)
	c.Tags.Implied = append([]skillpulse.Implied(nil), p.Tags.Implied...)
	return c
}
