package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

func TestPostingRoundTrip(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	p := posting("acme", "7", "Linux, Terraform and AWS; <b>on call</b> ✓")
	p.Updated = t0.Add(-time.Hour)
	p.Department = "Infrastructure"
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {p}}, []skillpulse.SourceOutcome{{Name: "acme"}})

	got, err := s.Posting(ctx, p.Key())
	if err != nil {
		t.Fatal(err)
	}
	want := skillpulse.StoredPosting{
		Posting:   p,
		FirstSeen: day(0),
		LastSeen:  day(0),
		Hash:      p.ContentHash(),
		Origins:   []skillpulse.Origin{{Source: "acme", URL: p.URL}},
		Tags:      (&countingTagger{}).Tag(&p),
	}
	if !equalJSONish(got, &want) {
		t.Errorf("Posting round trip:\n got %+v\nwant %+v", *got, want)
	}
	if _, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "nope"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Posting(missing) error = %v, want ErrNotFound", err)
	}
}

// equalJSONish compares stored postings field by field, treating times as
// instants (the store returns them in UTC).
func equalJSONish(a, b *skillpulse.StoredPosting) bool {
	norm := func(p skillpulse.StoredPosting) skillpulse.StoredPosting {
		for _, t := range []*time.Time{&p.Posted, &p.Updated, &p.FirstSeen, &p.LastSeen, &p.ClosedAt} {
			if !t.IsZero() {
				*t = t.UTC()
			}
		}
		return p
	}
	x, y := norm(*a), norm(*b)
	return reflect.DeepEqual(x, y)
}

func TestSnapshotsAndForEachLive(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	week := skillpulse.WeekOf(day(0)) // 2026-W48, Monday 23 Nov
	p := func(id, desc string) skillpulse.Posting { return posting("acme", id, desc) }
	one := []skillpulse.SourceOutcome{{Name: "acme"}}

	// The week before: "old" is live only then.
	crawl(t, s, day(-4), map[string][]skillpulse.Posting{"acme": {p("old", "linux")}}, slices.Clone(one))
	// Monday: 1 and 2. Tuesday: 2 changes to mention Ansible. Wednesday to
	// Sunday: 2 is gone and closes after grace; 3 appears on Friday.
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {p("1", "kubernetes"), p("2", "terraform")}}, slices.Clone(one))
	crawl(t, s, day(1), map[string][]skillpulse.Posting{"acme": {p("1", "kubernetes"), p("2", "terraform and ansible")}}, slices.Clone(one))
	for d := 2; d <= 6; d++ {
		ps := []skillpulse.Posting{p("1", "kubernetes")}
		if d >= 4 {
			ps = append(ps, p("3", "aws"))
		}
		crawl(t, s, day(d), map[string][]skillpulse.Posting{"acme": ps}, slices.Clone(one))
	}
	// The Monday after is outside the week.
	crawl(t, s, day(7), map[string][]skillpulse.Posting{"acme": {p("1", "kubernetes"), p("next", "aws")}}, slices.Clone(one))

	snaps, err := s.Snapshots(ctx, week.Start(), week.End())
	if err != nil {
		t.Fatal(err)
	}
	var lives []int
	for _, sn := range snaps {
		lives = append(lives, sn.Live)
		if sn.Taken.Before(week.Start()) || !sn.Taken.Before(week.End()) {
			t.Errorf("snapshot %s taken %v, outside %s", sn.RunID, sn.Taken, week)
		}
	}
	// "old" was seen on day -4 and closes on day 0 (more than 48h missing).
	// 2 was last seen day 1 and closes on day 3.
	wantLives := []int{2, 2, 2, 1, 2, 2, 2}
	if !slices.Equal(lives, wantLives) {
		t.Errorf("live counts per snapshot = %v, want %v", lives, wantLives)
	}

	got := map[string][]string{}
	err = s.ForEachLive(ctx, week.Start(), week.End(), func(sp *skillpulse.StoredPosting) error {
		if _, dup := got[sp.NativeID]; dup {
			t.Errorf("posting %s delivered twice", sp.NativeID)
		}
		var skills []string
		for _, m := range sp.Tags.Mentions {
			skills = append(skills, m.SkillID)
		}
		got[sp.NativeID] = append([]string{sp.Description}, skills...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"1": {"kubernetes", "kubernetes"},
		"2": {"terraform and ansible", "terraform", "ansible"}, // the latest content in the week
		"3": {"aws", "aws"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ForEachLive over %s = %v, want %v", week, got, want)
	}

	// fn's error stops the walk and comes back unchanged.
	stop := errors.New("stop")
	calls := 0
	err = s.ForEachLive(ctx, week.Start(), week.End(), func(*skillpulse.StoredPosting) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("ForEachLive with failing fn: err %v after %d calls, want stop after 1", err, calls)
	}
}
