package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// weekProjEntries returns week w's projection as stored and as the
// versions its posting list names give it.
func weekProjEntries(t *testing.T, s *Store, w skillpulse.Week) (stored, want []projEntry) {
	t.Helper()
	err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		p := weekPeriod(w)
		v := b.weekPost.Get(p.key())
		if v == nil {
			return nil
		}
		list, _, err := decodeSnapshot(v, false)
		if err != nil {
			return err
		}
		if stored, err = decodeWeekProj(b.weekProj.Get(p.key())); err != nil {
			return err
		}
		versions := newLeanVersions(b)
		for i, id := range list.IDs {
			v, err := versions.get(id, list.Vers[i])
			if err != nil {
				return err
			}
			want = append(want, projEntryOf(id, list.Vers[i], &v))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return stored, want
}

func TestEveryRunKeepsTheWeeksProjectionEqualToItsVersions(t *testing.T) {
	s := openTest(t, Options{})
	randomHistory(t, s, 7)
	weeks := 0
	for w := skillpulse.WeekOf(day(-7)); w.Start().Before(day(27)); w = skillpulse.WeekOf(w.End()) {
		stored, want := weekProjEntries(t, s, w)
		if len(want) > 0 {
			weeks++
		}
		if !reflect.DeepEqual(stored, want) {
			t.Errorf("week %s: the projection holds %d entries unlike the %d its versions give", w, len(stored), len(want))
		}
	}
	if weeks < 3 {
		t.Fatalf("only %d weeks have postings; the test needs at least 3", weeks)
	}
}

func TestRetagRewritesTheProjectionsOfTheWeeksCountingAVersion(t *testing.T) {
	s := retagStore(t)
	ctx := context.Background()
	if _, err := s.retag(ctx, &newTaxonomyTagger{}, nil, 7); err != nil { // small batches: a week is patched by several
		t.Fatal(err)
	}
	for _, w := range []skillpulse.Week{skillpulse.WeekOf(day(0)), skillpulse.WeekOf(day(8))} {
		stored, want := weekProjEntries(t, s, w)
		if len(stored) != 40 || !reflect.DeepEqual(stored, want) {
			t.Errorf("week %s after retag: the projection (%d entries) differs from its versions (%d)", w, len(stored), len(want))
		}
		_, err := s.ForEachCounted(ctx, w, func(p *skillpulse.StoredPosting) error {
			for _, m := range p.Tags.Mentions {
				if m.SkillID == "ansible" {
					t.Errorf("week %s: %s still names ansible after retag", w, p.Key())
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestADamagedProjectionIsAnErrorNamingTheFileNeverOtherFigures(t *testing.T) {
	w := skillpulse.WeekOf(day(8))
	key := weekPeriod(w).key()
	cases := []struct {
		name  string
		spoil func(t *testing.T, b buckets) error
		want  string // what ForEachCountedIn's error says
	}{
		{"a byte flipped in a mention", func(t *testing.T, b buckets) error {
			v := append([]byte(nil), b.weekProj.Get(key)...)
			v[len(v)-3] ^= 0x01
			return b.weekProj.Put(key, v)
		}, "checksum mismatch"},
		{"the value cut short", func(t *testing.T, b buckets) error {
			return b.weekProj.Put(key, append([]byte(nil), b.weekProj.Get(key)[:40]...))
		}, "checksum mismatch"},
		{"an unknown format", func(t *testing.T, b buckets) error {
			v := append([]byte(nil), b.weekProj.Get(key)...)
			v[0] = 9
			return b.weekProj.Put(key, v)
		}, "projection format 9"},
		{"the projection of another list", func(t *testing.T, b buckets) error {
			entries, err := decodeWeekProj(b.weekProj.Get(key))
			if err != nil {
				return err
			}
			entries[5].ver++
			return b.weekProj.Put(key, encodeWeekProj(entries))
		}, "the posting list holds"},
		{"an entry short", func(t *testing.T, b buckets) error {
			entries, err := decodeWeekProj(b.weekProj.Get(key))
			if err != nil {
				return err
			}
			return b.weekProj.Put(key, encodeWeekProj(entries[1:]))
		}, "entries for a posting list of"},
		{"the projection missing", func(t *testing.T, b buckets) error {
			return b.weekProj.Delete(key)
		}, "missing"},
		{"the bucket missing", func(t *testing.T, b buckets) error {
			return errors.Join(b.weekProj.Tx().DeleteBucket(bucketWeekProj))
		}, "bucket weekproj is missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := retagStore(t)
			ctx := context.Background()
			if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error { return tc.spoil(t, s.bucketsOf(tx)) }); err != nil {
				t.Fatal(err)
			}
			called := 0
			_, err := s.ForEachCountedIn(ctx, []skillpulse.Week{w, w.Prev()}, func(*skillpulse.StoredPosting, uint64) error { called++; return nil })
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ForEachCountedIn: %v, want ErrCorrupt naming %s and saying %q", err, s.Path(), tc.want)
			}
			if strings.Contains(tc.name, "flipped") && called != 0 {
				t.Errorf("the callback saw %d postings of a projection whose checksum fails", called)
			}
			res, err := s.Check(ctx)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(strings.Join(res.Problems, "\n"), "weekproj") {
				t.Errorf("Check: %v, problems %q, want one about weekproj", err, res.Problems)
			}
		})
	}
}

func TestCheckFindsAProjectionThatDiffersFromItsVersions(t *testing.T) {
	s := retagStore(t)
	ctx := context.Background()
	key := weekPeriod(skillpulse.WeekOf(day(0))).key()
	err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		entries, err := decodeWeekProj(b.weekProj.Get(key))
		if err != nil {
			return err
		}
		entries[3].mentions = append(entries[3].mentions, skillpulse.Mention{SkillID: "cobol", Level: skillpulse.LevelRequired})
		if err := b.weekProj.Put(key, encodeWeekProj(entries)); err != nil {
			return err
		}
		return b.weekProj.Put([]byte{0x07, 0xd0, 0, 1}, encodeWeekProj(nil)) // 2000-W01: no list
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Check(ctx)
	problems := strings.Join(res.Problems, "\n")
	for _, want := range []string{"differs from the versions it projects", "weekproj/2000-W01: no posting list"} {
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(problems, want) {
			t.Errorf("Check: %v, problems %q, want one saying %q", err, res.Problems, want)
		}
	}
}
