package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// WeekAggregate is one ISO week's per-skill demand, kept up to date by every
// Finish so a weekly report need not read every posting. It counts exactly
// the postings ForEachLive(w.Start(), w.End()) yields, each once, with the
// tags of the latest snapshot of the week that held it.
type WeekAggregate struct {
	Week skillpulse.Week `json:"week"`
	// Snapshots is how many complete runs of the week are folded in; 0
	// means the week has no data.
	Snapshots int `json:"snapshots"`
	// Postings is the number of distinct postings live during the week.
	Postings int `json:"postings"`
	// Sources counts postings per source they were seen at; a posting with
	// origins at several sources counts for each.
	Sources   map[string]int `json:"sources"`
	Seniority map[string]int `json:"seniority"` // Seniority.String() → postings
	Workplace map[string]int `json:"workplace"` // Workplace.String() → postings
	// Skills counts, per skill id, the postings naming it, split by the
	// strongest level each posting asks for it.
	Skills map[string]SkillAggregate `json:"skills"`
}

// SkillAggregate is one skill's demand in a week.
type SkillAggregate struct {
	Postings  int `json:"postings"` // naming it at any level
	Required  int `json:"required"`
	Preferred int `json:"preferred"`
	Mentioned int `json:"mentioned"`
	// Years maps years of experience asked to how many mentions asked it;
	// mentions that state no years are left out.
	Years map[int]int `json:"years,omitempty"`
}

// WeekAggregate returns week w's aggregate. A week without complete runs
// gives an aggregate with Snapshots 0, not an error.
func (s *Store) WeekAggregate(ctx context.Context, w skillpulse.Week) (WeekAggregate, error) {
	var agg WeekAggregate
	if err := ctx.Err(); err != nil {
		return agg, fmt.Errorf("store: week %s: %w", w, err)
	}
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		agg, err = getWeek(tx.Bucket(bucketWeekAgg), w)
		return err
	})
	if err != nil {
		return WeekAggregate{}, fmt.Errorf("store: week %s: %w", w, err)
	}
	return agg, nil
}

// weekKey orders weeks: 2-byte year, 2-byte week number.
func weekKey(w skillpulse.Week) []byte {
	var k [4]byte
	binary.BigEndian.PutUint16(k[:], uint16(w.Year))
	binary.BigEndian.PutUint16(k[2:], uint16(w.Num))
	return k[:]
}

func getWeek(aggs *bolt.Bucket, w skillpulse.Week) (WeekAggregate, error) {
	agg := WeekAggregate{Week: w}
	if v := aggs.Get(weekKey(w)); v != nil {
		if err := json.Unmarshal(v, &agg); err != nil {
			return agg, fmt.Errorf("weekagg/%s: %w: %v", w, ErrCorrupt, err)
		}
	}
	if agg.Sources == nil {
		agg.Sources = map[string]int{}
	}
	if agg.Seniority == nil {
		agg.Seniority = map[string]int{}
	}
	if agg.Workplace == nil {
		agg.Workplace = map[string]int{}
	}
	if agg.Skills == nil {
		agg.Skills = map[string]SkillAggregate{}
	}
	return agg, nil
}

// addToWeek folds a snapshot into its week's aggregate. The week's posting
// list (weekpost) remembers which version of each posting the aggregate
// counts, so a posting live in several snapshots counts once, and a posting
// whose content changed during the week moves from its old tags to its new
// ones. The list is stored like a snapshot — one delta-encoded value per
// week, a few bytes per posting — and merged with each new snapshot.
func addToWeek(b buckets, snap *snapshot) error {
	w := skillpulse.WeekOf(snap.Taken.UTC())
	wk := weekKey(w)
	agg, err := getWeek(b.weekAgg, w)
	if err != nil {
		return err
	}
	var counted snapshot
	if v := b.weekPost.Get(wk); v != nil {
		if counted, _, err = decodeSnapshot(v, false); err != nil {
			return fmt.Errorf("weekpost/%s: %w", w, err)
		}
	}
	agg.Snapshots++
	merged := snapshot{
		IDs:  make([]uint64, 0, max(len(counted.IDs), len(snap.IDs))),
		Vers: make([]uint32, 0, max(len(counted.IDs), len(snap.IDs))),
	}
	keep := func(id uint64, ver uint32) {
		merged.IDs = append(merged.IDs, id)
		merged.Vers = append(merged.Vers, ver)
	}
	i, j := 0, 0
	for i < len(counted.IDs) || j < len(snap.IDs) {
		switch {
		case j == len(snap.IDs) || (i < len(counted.IDs) && counted.IDs[i] < snap.IDs[j]):
			keep(counted.IDs[i], counted.Vers[i]) // counted earlier in the week, gone since
			i++
		case i == len(counted.IDs) || snap.IDs[j] < counted.IDs[i]:
			agg.Postings++ // first time live this week
			if err := agg.count(b, snap.IDs[j], snap.Vers[j], +1); err != nil {
				return err
			}
			keep(snap.IDs[j], snap.Vers[j])
			j++
		default: // live before this week and now: recount only if it changed
			id, old, ver := snap.IDs[j], counted.Vers[i], snap.Vers[j]
			if old != ver {
				if err := agg.count(b, id, old, -1); err != nil {
					return err
				}
				if err := agg.count(b, id, ver, +1); err != nil {
					return err
				}
			}
			keep(id, ver)
			i++
			j++
		}
	}
	var e encoder
	merged.encode(&e)
	if err := b.weekPost.Put(wk, e.bytes()); err != nil {
		return err
	}
	v, err := json.Marshal(&agg)
	if err != nil {
		return fmt.Errorf("weekagg/%s: %w", w, err)
	}
	return b.weekAgg.Put(wk, v)
}

// count adds (sign +1) or removes (sign -1) one posting version's
// contribution, other than to Postings, the way the report counts it.
func (agg *WeekAggregate) count(b buckets, id uint64, ver uint32, sign int) error {
	h, err := decodeHead(b.postings.Get(u64(id)))
	if err != nil {
		return fmt.Errorf("postings/%d: %w", id, err)
	}
	v, err := b.version(id, ver)
	if err != nil {
		return err
	}
	bump := func(m map[string]int, k string) {
		if m[k] += sign; m[k] == 0 {
			delete(m, k)
		}
	}
	bump(agg.Sources, h.Source)
	seen := []string{h.Source}
	for _, o := range h.Origins {
		if !slices.Contains(seen, o.Source) {
			seen = append(seen, o.Source)
			bump(agg.Sources, o.Source)
		}
	}
	bump(agg.Seniority, v.Tags.Seniority.String())
	bump(agg.Workplace, v.Posting.Workplace.String())

	levels := map[string]skillpulse.Level{}
	for _, m := range v.Tags.Mentions {
		levels[m.SkillID] = max(levels[m.SkillID], m.Level)
		if m.Years > 0 {
			sa := agg.Skills[m.SkillID]
			if sa.Years == nil {
				sa.Years = map[int]int{}
			}
			if sa.Years[m.Years] += sign; sa.Years[m.Years] == 0 {
				delete(sa.Years, m.Years)
			}
			agg.Skills[m.SkillID] = sa
		}
	}
	for id, l := range levels {
		sa := agg.Skills[id]
		sa.Postings += sign
		switch l {
		case skillpulse.LevelRequired:
			sa.Required += sign
		case skillpulse.LevelPreferred:
			sa.Preferred += sign
		default:
			sa.Mentioned += sign
		}
		if sa.Postings == 0 && len(sa.Years) == 0 {
			delete(agg.Skills, id)
		} else {
			agg.Skills[id] = sa
		}
	}
	return nil
}

// MedianYears is the median of the years of experience asked in the
// skill's mentions that state them (the mean of the middle two for an even
// count), or 0 if none do — the figure a report shows, from the histogram.
func (a SkillAggregate) MedianYears() float64 {
	n := 0
	for _, c := range a.Years {
		n += c
	}
	if n == 0 {
		return 0
	}
	years := slices.Sorted(maps.Keys(a.Years))
	// nth returns the i-th smallest stated value (0-based).
	nth := func(i int) int {
		for _, y := range years {
			if i < a.Years[y] {
				return y
			}
			i -= a.Years[y]
		}
		return 0
	}
	if n%2 == 1 {
		return float64(nth(n / 2))
	}
	return float64(nth(n/2-1)+nth(n/2)) / 2
}
