package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// aggregateLive computes a period's aggregate the slow way, from
// ForEachLive, by the demand rule. The stored aggregates must always agree
// with it.
func aggregateLive(t *testing.T, s *Store, per period) skillpulse.Aggregate {
	t.Helper()
	agg := newAggregate(per)
	from, to := per.span()
	err := s.ForEachLive(context.Background(), from, to, func(p *skillpulse.StoredPosting) error {
		d := skillpulse.DemandOf(p.Source, p.Origins, p.Workplace, &p.Tags)
		agg.Add(&d, +1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	snaps, err := s.Snapshots(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	agg.Snapshots = len(snaps)
	return agg
}

// levelTagger derives tags from the description's words "skill:level:years".
type levelTagger struct{}

func (levelTagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	var t skillpulse.Tags
	var skill string
	var level, years int
	for _, f := range splitFields(p.Description) {
		if _, err := fmt.Sscanf(f, "%1s:%d:%d", &skill, &level, &years); err == nil {
			t.Mentions = append(t.Mentions, skillpulse.Mention{SkillID: skill, Level: skillpulse.Level(level), Years: years})
		}
	}
	t.Seniority = skillpulse.Seniority(len(p.Title) % 4)
	return t
}

func splitFields(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// randomHistory crawls three weeks of daily runs over a churning set of
// postings from three sources, with failures, suspects and content changes,
// all drawn from a seeded source.
func randomHistory(t *testing.T, s *Store, seed uint64) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 1))
	type live struct{ desc string }
	sources := []string{"alpha", "beta", "gamma"}
	pool := map[string]map[string]*live{}
	for _, src := range sources {
		pool[src] = map[string]*live{}
	}
	randDesc := func() string {
		d := ""
		for range 1 + r.IntN(4) {
			d += fmt.Sprintf("%c:%d:%d ", 'a'+rune(r.IntN(6)), 1+r.IntN(3), r.IntN(3)*2)
		}
		return d
	}
	for d := range 21 {
		w, err := s.BeginRun(ctx, day(d), "")
		if err != nil {
			t.Fatal(err)
		}
		var outs []skillpulse.SourceOutcome
		for _, src := range sources {
			o := skillpulse.SourceOutcome{Name: src}
			switch x := r.IntN(10); {
			case x == 0:
				o.Failed = true
				outs = append(outs, o)
				continue
			case x == 1:
				o.Suspect = true
			}
			// churn: add some, drop some, change some
			for range r.IntN(4) {
				pool[src][fmt.Sprintf("%d-%d", d, r.IntN(1000))] = &live{desc: randDesc()}
			}
			var ps []skillpulse.Posting
			for id, l := range pool[src] {
				switch x := r.IntN(20); {
				case x == 0:
					delete(pool[src], id)
					continue
				case x == 1:
					l.desc = randDesc()
				case x == 2:
					continue // missing this once
				}
				p := posting(src, id, l.desc)
				p.Workplace = skillpulse.Workplace(len(id) % 4)
				ps = append(ps, p)
			}
			if _, err := w.Put(ctx, src, ps, levelTagger{}); err != nil {
				t.Fatal(err)
			}
			outs = append(outs, o)
		}
		if _, err := w.Finish(ctx, outs, day(d).Add(runTook)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAggregatesMatchForEachLive(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			s := openTest(t, Options{})
			randomHistory(t, s, seed)
			ctx := context.Background()
			if res, err := s.Check(ctx); err != nil {
				t.Errorf("Check after the history: %v (%q)", err, res.Problems)
			}
			for w := skillpulse.WeekOf(day(-7)); w.Start().Before(day(28)); w = skillpulse.WeekOf(w.End()) {
				got, err := s.WeekAggregate(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				if want := aggregateLive(t, s, weekPeriod(w)); !reflect.DeepEqual(got, want) {
					t.Errorf("week %s:\nWeekAggregate %+v\nForEachLive   %+v", w, got, want)
				}
			}
			days := 0
			for d := day(-2); d.Before(day(30)); d = d.AddDate(0, 0, 1) {
				got, err := s.DayAggregate(ctx, d.Add(5*time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				if want := aggregateLive(t, s, dayPeriod(d)); !reflect.DeepEqual(got, want) {
					t.Errorf("day %s:\nDayAggregate %+v\nForEachLive  %+v", d.Format(time.DateOnly), got, want)
				}
				if got.Snapshots > 0 {
					days++
				}
			}
			if days < 20 {
				t.Errorf("only %d days have aggregates", days)
			}
		})
	}
}

// TestMigrateBuildsWeekAggregates takes a store back to older schemas and
// checks that opening it rebuilds the weekly aggregates exactly.
func TestMigrateBuildsWeekAggregates(t *testing.T) {
	tests := []struct {
		name   string
		schema uint64
		setup  func(tx *bolt.Tx) error
	}{
		{"from schema 1, without week buckets", 1, func(tx *bolt.Tx) error {
			for _, name := range [][]byte{bucketWeekPost, bucketWeekAgg, bucketDayPost, bucketDayAgg} {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			return nil
		}},
		{"from schema 2, with a key per posting and week", 2, func(tx *bolt.Tx) error {
			if err := tx.DeleteBucket(bucketWeekPost); err != nil {
				return err
			}
			wp, err := tx.CreateBucket(bucketWeekPost)
			if err != nil {
				return err
			}
			old := append(weekPeriod(skillpulse.WeekOf(day(0))).key(), u64(1)...)
			if err := wp.Put(old, []byte{0}); err != nil {
				return err
			}
			return tx.Bucket(bucketWeekAgg).Put(weekPeriod(skillpulse.WeekOf(day(0))).key(), []byte(`{"postings":1}`))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			randomHistory(t, s, 9)
			ctx := context.Background()
			weeks := []skillpulse.Week{skillpulse.WeekOf(day(0)), skillpulse.WeekOf(day(7)), skillpulse.WeekOf(day(14))}
			var before []skillpulse.Aggregate
			for _, w := range weeks {
				a, err := s.WeekAggregate(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				before = append(before, a)
			}
			dayBefore, err := s.DayAggregate(ctx, day(3))
			if err != nil {
				t.Fatal(err)
			}
			path := s.Path()
			if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
				if err := tt.setup(tx); err != nil {
					return err
				}
				return tx.Bucket(bucketMeta).Put(keySchema, u64(tt.schema))
			}); err != nil {
				t.Fatal(err)
			}
			s.Close()

			s2, err := Open(context.Background(), path, Options{})
			if err != nil {
				t.Fatalf("Open schema %d: %v", tt.schema, err)
			}
			defer s2.Close()
			for i, w := range weeks {
				a, err := s2.WeekAggregate(ctx, w)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(a, before[i]) {
					t.Errorf("week %s after migration:\n got %+v\nwant %+v", w, a, before[i])
				}
				if a.Postings == 0 {
					t.Errorf("week %s: migrated aggregate is empty", w)
				}
			}
			if a, err := s2.DayAggregate(ctx, day(3)); err != nil || !reflect.DeepEqual(a, dayBefore) || a.Postings == 0 {
				t.Errorf("day %s after migration: %+v, %v; want %+v", day(3).Format(time.DateOnly), a, err, dayBefore)
			}
			if res, err := s2.Check(ctx); err != nil {
				t.Errorf("Check after migration: %v (%q)", err, res.Problems)
			}
		})
	}
}
