package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// RunsBetween returns the runs started in [from, to), oldest first, with
// their per-source outcomes. Run ids sort by start time, so it reads only
// those runs however long the history.
func (s *Store) RunsBetween(ctx context.Context, from, to time.Time) ([]skillpulse.Run, error) {
	var out []skillpulse.Run
	lo := []byte(from.UTC().Format("20060102T150405Z"))
	hi := []byte(to.UTC().Format("20060102T150405Z"))
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Seek(lo); k != nil && string(k[:min(len(k), len(hi))]) < string(hi); k, v = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var r skillpulse.Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %q: %w: %v", k, ErrCorrupt, err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: runs from %s to %s: %w", from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339), err)
	}
	return out, nil
}

// WeekSkillPostings reads week w's aggregate: the postings live in the
// week and, per skill id, how many of them name it. A week without complete
// runs gives 0 and an empty map. Reports draw their trends from it, one
// read per week, without touching a posting; it decodes only those counts
// of the aggregate, not its levels, seniorities and years.
func (s *Store) WeekSkillPostings(ctx context.Context, w skillpulse.Week) (int, map[string]int, error) {
	p := weekPeriod(w)
	var agg struct {
		Snapshots int `json:"snapshots"`
		Postings  int `json:"postings"`
		Skills    map[string]struct {
			Postings int `json:"postings"`
		} `json:"skills"`
	}
	if err := ctx.Err(); err != nil {
		return 0, nil, fmt.Errorf("store: week %s: %w", w, err)
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketWeekAgg).Get(p.key()); v != nil {
			if err := json.Unmarshal(v, &agg); err != nil {
				return fmt.Errorf("weekagg/%s: %w: %v", p, ErrCorrupt, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("store: week %s: %w", w, err)
	}
	out := make(map[string]int, len(agg.Skills))
	for id, sa := range agg.Skills {
		if sa.Postings > 0 {
			out[id] = sa.Postings
		}
	}
	if agg.Snapshots == 0 {
		return 0, out, nil
	}
	return agg.Postings, out, nil
}
