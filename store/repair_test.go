package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// derivedDump copies every value of the derived buckets, by bucket and key.
func derivedDump(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
		for _, name := range derivedBuckets {
			bk := tx.Bucket(name)
			if bk == nil {
				continue
			}
			bk.ForEach(func(k, v []byte) error { out[string(name)+"/"+string(k)] = string(v); return nil })
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// primaryDump copies every value of every bucket but the derived ones.
func primaryDump(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			for _, d := range derivedBuckets {
				if bytes.Equal(name, d) {
					return nil
				}
			}
			return bk.ForEach(func(k, v []byte) error { out[string(name)+"/"+string(k)] = string(v); return nil })
		})
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// weekReads is what a report reads of weeks: their aggregates and the
// postings the weeks count, with the counting weeks' mask, as JSON.
func weekReads(t *testing.T, s *Store, weeks []skillpulse.Week) string {
	t.Helper()
	ctx := context.Background()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	for _, w := range weeks {
		agg, err := s.WeekAggregate(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		enc.Encode(agg)
	}
	if _, err := s.ForEachCountedIn(ctx, weeks, func(p *skillpulse.StoredPosting, mask uint64) error {
		return enc.Encode(struct {
			P    *skillpulse.StoredPosting
			Mask uint64
		}{p, mask})
	}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestRepairRebuildsDamagedDerivedDataToWhatItWas(t *testing.T) {
	w := skillpulse.WeekOf(day(8))
	key := weekPeriod(w).key()
	weeks := []skillpulse.Week{skillpulse.WeekOf(day(0)), w}
	cases := []struct {
		name  string
		spoil func(b buckets) error
	}{
		{"a week's aggregate with a count changed", func(b buckets) error {
			agg, err := getAggregate(b, weekPeriod(w))
			if err != nil {
				return err
			}
			agg.Snapshots += 3
			return putAggregate(b, weekPeriod(w), &agg)
		}},
		{"a week's aggregate deleted", func(b buckets) error { return b.weekAgg.Delete(key) }},
		{"a day's posting list deleted", func(b buckets) error {
			return b.dayPost.Delete(period{day: day(3)}.key())
		}},
		{"a projection with a byte flipped", func(b buckets) error {
			v := append([]byte(nil), b.weekProj.Get(key)...)
			v[len(v)-3] ^= 0x01
			return b.weekProj.Put(key, v)
		}},
		{"a projection of another list", func(b buckets) error {
			entries, err := decodeWeekProj(b.weekProj.Get(key))
			if err != nil {
				return err
			}
			entries[5].ver++
			return b.weekProj.Put(key, encodeWeekProj(entries))
		}},
		{"a projection left of a week without a list", func(b buckets) error {
			return b.weekProj.Put([]byte{0x07, 0xd0, 0, 1}, encodeWeekProj(nil))
		}},
		{"the projection bucket deleted", func(b buckets) error {
			return b.weekProj.Tx().DeleteBucket(bucketWeekProj)
		}},
		{"the week aggregate bucket deleted", func(b buckets) error {
			return b.weekAgg.Tx().DeleteBucket(bucketWeekAgg)
		}},
		{"the week posting list bucket deleted", func(b buckets) error {
			return b.weekPost.Tx().DeleteBucket(bucketWeekPost)
		}},
		{"a dedup entry naming another source", func(b buckets) error {
			k, _ := b.dedup.Cursor().First()
			return b.dedup.Put(append([]byte(nil), k...), []byte("elsewhere"))
		}},
		{"a dedup entry of content no posting has", func(b buckets) error {
			return b.dedup.Put(dedupKey(make([]byte, fingerprintSize), 99), []byte("acme"))
		}},
		{"every derived bucket deleted", func(b buckets) error {
			for _, name := range derivedBuckets {
				if err := b.weekPost.Tx().DeleteBucket(name); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := retagStore(t)
			ctx := context.Background()
			wantDerived, wantPrimary, wantReads := derivedDump(t, s), primaryDump(t, s), weekReads(t, s, weeks)
			if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error { return tc.spoil(s.bucketsOf(tx)) }); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Check(ctx); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "can be rebuilt from the stored postings with skillpulse db repair") {
				t.Fatalf("Check of the damaged store: %v, want ErrCorrupt pointing to skillpulse db repair", err)
			}
			res, err := s.Repair(ctx)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if res.Changed == 0 || res.Weeks != 2 || res.Days != 10 || res.Projections != 2 || res.Snapshots != 10 {
				t.Errorf("Repair says %+v, want 2 weeks, 10 days, 2 projections from 10 snapshots and something changed", res)
			}
			if _, err := s.Check(ctx); err != nil {
				t.Errorf("Check after Repair: %v", err)
			}
			if got := derivedDump(t, s); !mapsEqual(got, wantDerived) {
				t.Errorf("the derived buckets after Repair differ from those before the damage")
			}
			if got := primaryDump(t, s); !mapsEqual(got, wantPrimary) {
				t.Errorf("Repair changed a primary record")
			}
			if got := weekReads(t, s, weeks); got != wantReads {
				t.Errorf("a report's reads after Repair differ from those before the damage")
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestRepairOfASoundStoreChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T) *Store
	}{
		{"ten nightly crawls with changed descriptions", retagStore},
		{"a store whose every version was re-tagged", func(t *testing.T) *Store {
			s := retagStore(t)
			if _, err := s.retag(context.Background(), &newTaxonomyTagger{}, nil, 7); err != nil {
				t.Fatal(err)
			}
			return s
		}},
		{"a history of openings, closings and merges", func(t *testing.T) *Store {
			s := openTest(t, Options{})
			lifecycleHistory(t, s)
			return s
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.make(t)
			ctx := context.Background()
			before := derivedDump(t, s)
			rev, err := s.Revision(ctx)
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Repair(ctx)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if res.Changed != 0 || res.Weeks == 0 || res.Projections != res.Weeks {
				t.Errorf("Repair says %+v, want every week rebuilt and nothing changed", res)
			}
			if got := derivedDump(t, s); !mapsEqual(got, before) {
				t.Errorf("Repair of a sound store changed its derived buckets")
			}
			if after, _ := s.Revision(ctx); after != rev {
				t.Errorf("Repair of a sound store committed a write: revision %d → %d", rev, after)
			}
		})
	}
}

func TestRepairRefusesADamagedVersionRecordAndChangesNothing(t *testing.T) {
	s := retagStore(t)
	ctx := context.Background()
	id := postingID(t, s, "acme", "4")
	// A week's aggregate is damaged too: Repair must not mend it either.
	err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		v := append([]byte(nil), b.versions.Get(versionKey(id, 0))...)
		if err := b.versions.Put(versionKey(id, 0), v[:len(v)/2]); err != nil {
			return err
		}
		return b.weekAgg.Delete(weekPeriod(skillpulse.WeekOf(day(8))).key())
	})
	if err != nil {
		t.Fatal(err)
	}
	derived, primary := derivedDump(t, s), primaryDump(t, s)
	_, err = s.Repair(ctx)
	for _, want := range []string{s.Path(), "versions/" + strconv.FormatUint(id, 10) + "/0", "db backup"} {
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), want) {
			t.Errorf("Repair: %v, want ErrCorrupt saying %q", err, want)
		}
	}
	if !mapsEqual(derivedDump(t, s), derived) || !mapsEqual(primaryDump(t, s), primary) {
		t.Errorf("a refused Repair changed the store")
	}
}

func TestRepairIsRefusedWhileACrawlHoldsTheLock(t *testing.T) {
	s := retagStore(t)
	ctx := context.Background()
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		return s.bucketsOf(tx).weekAgg.Delete(weekPeriod(skillpulse.WeekOf(day(8))).key())
	}); err != nil {
		t.Fatal(err)
	}
	other, err := Open(context.Background(), s.Path(), Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lock, err := other.LockCrawl(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	derived := derivedDump(t, s)
	_, err = s.Repair(ctx)
	if !errors.Is(err, ErrCrawlInProgress) || !strings.Contains(err.Error(), "repair refused") || !strings.Contains(err.Error(), "once the crawl has finished") {
		t.Errorf("Repair during a crawl: %v, want ErrCrawlInProgress saying to run it again once the crawl has finished", err)
	}
	if !mapsEqual(derivedDump(t, s), derived) {
		t.Errorf("a refused Repair changed the store")
	}
	lock.Unlock()
	if _, err := s.Repair(ctx); err != nil {
		t.Errorf("Repair once the crawl let go of the lock: %v", err)
	}
}

func TestRepairOfAReadOnlyStoreIsRefused(t *testing.T) {
	s := retagStore(t)
	path := s.Path()
	s.Close()
	ro, err := Open(context.Background(), path, Options{ReadOnly: true, LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Repair(context.Background()); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Repair of a read-only store: %v, want an error saying read-only", err)
	}
}

func TestAnInterruptedRepairChangesNothing(t *testing.T) {
	s := retagStore(t)
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		return s.bucketsOf(tx).weekAgg.Delete(weekPeriod(skillpulse.WeekOf(day(8))).key())
	}); err != nil {
		t.Fatal(err)
	}
	derived, primary := derivedDump(t, s), primaryDump(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Repair(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Repair with its context cancelled: %v, want context.Canceled", err)
	}
	if !mapsEqual(derivedDump(t, s), derived) || !mapsEqual(primaryDump(t, s), primary) {
		t.Errorf("an interrupted Repair changed the store")
	}
}
