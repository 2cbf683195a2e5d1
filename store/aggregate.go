package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// WeekAggregate returns week w's aggregate. A week without complete runs
// gives an aggregate with Snapshots 0, not an error.
func (s *Store) WeekAggregate(ctx context.Context, w skillpulse.Week) (skillpulse.Aggregate, error) {
	return s.aggregate(ctx, weekPeriod(w))
}

// DayAggregate returns the aggregate of the UTC calendar day that day falls
// in. A day without complete runs gives an aggregate with Snapshots 0, not
// an error.
func (s *Store) DayAggregate(ctx context.Context, day time.Time) (skillpulse.Aggregate, error) {
	return s.aggregate(ctx, dayPeriod(day))
}

func (s *Store) aggregate(ctx context.Context, p period) (skillpulse.Aggregate, error) {
	var agg skillpulse.Aggregate
	if err := ctx.Err(); err != nil {
		return agg, fmt.Errorf("store: %s %s: %w", p.kind(), p, err)
	}
	err := s.db.View(ctx, func(tx *bolt.Tx) (err error) {
		agg, err = getAggregate(s.bucketsOf(tx), p)
		return err
	})
	if err != nil {
		return skillpulse.Aggregate{}, fmt.Errorf("store: %s %s: %w", p.kind(), p, err)
	}
	return agg, nil
}

// period is a span of time demand is aggregated over: an ISO week, or a UTC
// calendar day. Every snapshot is folded into the week and the day it was
// taken in.
type period struct {
	week skillpulse.Week // set for a week
	day  time.Time       // set, to the day's 00:00 UTC, for a day
}

func weekPeriod(w skillpulse.Week) period { return period{week: w} }

func dayPeriod(t time.Time) period {
	y, m, d := t.UTC().Date()
	return period{day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// periodsOf lists the periods a snapshot taken at t counts in, in the order
// of periodKinds.
func periodsOf(t time.Time) [2]period {
	return [2]period{weekPeriod(skillpulse.WeekOf(t.UTC())), dayPeriod(t)}
}

func (p period) isDay() bool { return !p.day.IsZero() }

// span is the period's [from, to).
func (p period) span() (from, to time.Time) {
	if p.isDay() {
		return p.day, p.day.AddDate(0, 0, 1)
	}
	return p.week.Start(), p.week.End()
}

func (p period) kind() string {
	if p.isDay() {
		return "day"
	}
	return "week"
}

func (p period) String() string {
	if p.isDay() {
		return p.day.Format(time.DateOnly)
	}
	return p.week.String()
}

// key orders periods of one kind: a week is its 2-byte year and 2-byte
// week number; a day its 2-byte year, month and day of month.
func (p period) key() []byte {
	var k [4]byte
	if p.isDay() {
		binary.BigEndian.PutUint16(k[:], uint16(p.day.Year()))
		k[2], k[3] = byte(p.day.Month()), byte(p.day.Day())
		return k[:]
	}
	binary.BigEndian.PutUint16(k[:], uint16(p.week.Year))
	binary.BigEndian.PutUint16(k[2:], uint16(p.week.Num))
	return k[:]
}

// periodKinds are the kinds of period aggregates are kept for, each with
// its buckets: the aggregates, and the (posting, version) lists of what
// they count.
var periodKinds = []struct {
	name      string
	agg, post func(buckets) *bolt.Bucket
	fromKey   func(k []byte) (period, bool)
}{
	{"week", func(b buckets) *bolt.Bucket { return b.weekAgg }, func(b buckets) *bolt.Bucket { return b.weekPost },
		func(k []byte) (period, bool) {
			if len(k) != 4 {
				return period{}, false
			}
			return weekPeriod(skillpulse.Week{Year: int(binary.BigEndian.Uint16(k)), Num: int(binary.BigEndian.Uint16(k[2:]))}), true
		}},
	{"day", func(b buckets) *bolt.Bucket { return b.dayAgg }, func(b buckets) *bolt.Bucket { return b.dayPost },
		func(k []byte) (period, bool) {
			if len(k) != 4 || k[2] < 1 || k[2] > 12 || k[3] < 1 || k[3] > 31 {
				return period{}, false
			}
			return period{day: time.Date(int(binary.BigEndian.Uint16(k)), time.Month(k[2]), int(k[3]), 0, 0, 0, 0, time.UTC)}, true
		}},
}

// buckets returns p's aggregate and posting-list buckets.
func (p period) buckets(b buckets) (agg, post *bolt.Bucket) {
	if p.isDay() {
		return b.dayAgg, b.dayPost
	}
	return b.weekAgg, b.weekPost
}

// newAggregate is p's aggregate with nothing counted.
func newAggregate(p period) skillpulse.Aggregate {
	agg := skillpulse.Aggregate{Sources: map[string]int{}, Seniority: map[string]int{}, Workplace: map[string]int{}, Skills: map[string]skillpulse.SkillAggregate{}}
	if p.isDay() {
		agg.Day = p.String()
	} else {
		agg.Week = p.week
	}
	return agg
}

func getAggregate(b buckets, p period) (skillpulse.Aggregate, error) {
	agg := newAggregate(p)
	aggs, _ := p.buckets(b)
	if v := aggs.Get(p.key()); v != nil {
		if err := json.Unmarshal(v, &agg); err != nil {
			return agg, fmt.Errorf("%sagg/%s: %w: %v", p.kind(), p, ErrCorrupt, err)
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
		agg.Skills = map[string]skillpulse.SkillAggregate{}
	}
	return agg, nil
}

func putAggregate(b buckets, p period, agg *skillpulse.Aggregate) error {
	v, err := json.Marshal(agg)
	if err != nil {
		return fmt.Errorf("%sagg/%s: %w", p.kind(), p, err)
	}
	aggs, _ := p.buckets(b)
	return aggs.Put(p.key(), v)
}

// addToPeriods folds a snapshot into the aggregates of its week and day.
// Each period's posting list (weekpost, daypost) remembers which version of
// each posting its aggregate counts, so a posting live in several snapshots
// counts once, and a posting whose content changed during the period moves
// from its old tags to its new ones. A list is stored like a snapshot — one
// delta-encoded value per period, a few bytes per posting — and merged with
// each new snapshot. The merges are worked out first; then every posting
// version they count is read once for all of them.
func addToPeriods(b buckets, snap *snapshot) error {
	ps := periodsOf(snap.Taken)
	var aggs [len(ps)]skillpulse.Aggregate
	var ops []countOp
	for i, p := range ps {
		var err error
		if aggs[i], err = getAggregate(b, p); err != nil {
			return err
		}
		if ops, err = mergeIntoPeriod(b, p, snap, &aggs[i], i, ops); err != nil {
			return err
		}
	}
	slices.SortFunc(ops, func(x, y countOp) int {
		if c := cmp.Compare(x.id, y.id); c != 0 {
			return c
		}
		return cmp.Compare(x.ver, y.ver)
	})
	// The week's projection is written in the same pass, from the
	// versions read for the counts, so that each is decoded once. The
	// schema 8 migration runs this before the schema 11 one has made the
	// projections' bucket; that one projects every week then.
	var proj *weekProjector
	if b.weekProj != nil {
		var err error
		if proj, err = newWeekProjector(b, ps[0], nil, newLeanVersions(b)); err != nil {
			return err
		}
	}
	if err := countOps(b, ops, aggs[:], proj); err != nil {
		return err
	}
	for i, p := range ps {
		if err := putAggregate(b, p, &aggs[i]); err != nil {
			return err
		}
	}
	if proj != nil {
		return proj.finish()
	}
	return nil
}

// countOp is one posting version to count in (sign +1) or out of (sign -1)
// the aggregate of period number period.
type countOp struct {
	id     uint64
	ver    uint32
	sign   int8
	period int8
}

// mergeIntoPeriod merges snap into period p's posting list, stores the
// list, counts the snapshot in agg, and appends to ops the versions to
// count in or out of it, as period number i.
func mergeIntoPeriod(b buckets, p period, snap *snapshot, agg *skillpulse.Aggregate, i int, ops []countOp) ([]countOp, error) {
	_, posts := p.buckets(b)
	var counted snapshot
	if v := posts.Get(p.key()); v != nil {
		var err error
		if counted, _, err = decodeSnapshot(v, false); err != nil {
			return ops, fmt.Errorf("%spost/%s: %w", p.kind(), p, err)
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
	op := func(id uint64, ver uint32, sign int8) {
		ops = append(ops, countOp{id: id, ver: ver, sign: sign, period: int8(i)})
	}
	c, s := 0, 0
	for c < len(counted.IDs) || s < len(snap.IDs) {
		switch {
		case s == len(snap.IDs) || (c < len(counted.IDs) && counted.IDs[c] < snap.IDs[s]):
			keep(counted.IDs[c], counted.Vers[c]) // counted earlier in the period, gone since
			c++
		case c == len(counted.IDs) || snap.IDs[s] < counted.IDs[c]:
			op(snap.IDs[s], snap.Vers[s], +1) // first time live this period
			keep(snap.IDs[s], snap.Vers[s])
			s++
		default: // live before in this period and now: recount only if it changed
			id, old, ver := snap.IDs[s], counted.Vers[c], snap.Vers[s]
			if old != ver {
				op(id, old, -1)
				op(id, ver, +1)
			}
			keep(id, ver)
			c++
			s++
		}
	}
	var e encoder
	merged.encode(&e)
	return ops, posts.Put(p.key(), e.bytes())
}

// count adds (sign +1) or removes (sign -1) one posting version's
// contribution to agg, by the demand rule.
func count(agg *skillpulse.Aggregate, b buckets, id uint64, ver uint32, sign int) error {
	d, err := loadDemand(b, id, ver)
	if err != nil {
		return err
	}
	agg.Add(&d, sign)
	return nil
}

// loadDemand reads what an aggregate counts of one posting version: its
// sources (from the head), its tags and workplace.
func loadDemand(b buckets, id uint64, ver uint32) (skillpulse.Demand, error) {
	h, err := decodeHead(b.postings.Get(u64(id)))
	if err != nil {
		return skillpulse.Demand{}, fmt.Errorf("postings/%d: %w", id, err)
	}
	v, err := b.version(id, ver)
	if err != nil {
		return skillpulse.Demand{}, err
	}
	return skillpulse.DemandOf(h.Source, h.Origins, v.Posting.Workplace, &v.Tags), nil
}
