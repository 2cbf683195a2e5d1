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
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
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

// WeeksSkillPostings reads the aggregate of each of weeks, in one read
// transaction: the postings live in the week and, per skill id, how many of
// them name it; its results are parallel to weeks, and a week without
// complete runs gives 0 and an empty map. Reports draw their trends from
// it without touching a posting; it decodes only those counts of each
// aggregate, not its levels, seniorities and years.
func (s *Store) WeeksSkillPostings(ctx context.Context, weeks []skillpulse.Week) (postings []int, skills []map[string]int, err error) {
	type counts struct {
		Snapshots int `json:"snapshots"`
		Postings  int `json:"postings"`
		Skills    map[string]struct {
			Postings int `json:"postings"`
		} `json:"skills"`
	}
	postings, skills = make([]int, len(weeks)), make([]map[string]int, len(weeks))
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: weekly skill counts: %w", err)
	}
	err = s.db.View(ctx, func(tx *bolt.Tx) error {
		aggs := tx.Bucket(bucketWeekAgg)
		for i, w := range weeks {
			var agg counts
			p := weekPeriod(w)
			if v := aggs.Get(p.key()); v != nil {
				if err := json.Unmarshal(v, &agg); err != nil {
					return fmt.Errorf("weekagg/%s: %w: %v", p, ErrCorrupt, err)
				}
			}
			skills[i] = make(map[string]int, len(agg.Skills))
			for id, sa := range agg.Skills {
				if sa.Postings > 0 {
					skills[i][id] = sa.Postings
				}
			}
			if agg.Snapshots > 0 {
				postings[i] = agg.Postings
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: weekly skill counts: %w", err)
	}
	return postings, skills, nil
}
