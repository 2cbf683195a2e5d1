package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// Aggregate is one period's per-skill demand — an ISO week's or a UTC
// day's — kept up to date by every Finish, so that a report for a period
// need not read every posting. It counts exactly the postings ForEachLive
// yields for the period, each once, with the tags of the latest snapshot of
// the period that held it.
type Aggregate struct {
	Week skillpulse.Week `json:"week,omitzero"` // set in a week's aggregate
	Day  string          `json:"day,omitempty"` // YYYY-MM-DD, set in a day's
	// Snapshots is how many complete runs of the period are folded in; 0
	// means the period has no data.
	Snapshots int `json:"snapshots"`
	// Postings is the number of distinct postings live during the period.
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

// SkillAggregate is one skill's demand in a period.
type SkillAggregate struct {
	Postings  int `json:"postings"` // naming it at any level
	Required  int `json:"required"`
	Preferred int `json:"preferred"`
	Mentioned int `json:"mentioned"`
	// Seniority counts the postings naming it by their seniority
	// (Seniority.String()).
	Seniority map[string]int `json:"seniority,omitempty"`
	// Years maps years of experience asked to how many mentions asked it;
	// mentions that state no years are left out.
	Years map[int]int `json:"years,omitempty"`
}

// WeekAggregate returns week w's aggregate. A week without complete runs
// gives an aggregate with Snapshots 0, not an error.
func (s *Store) WeekAggregate(ctx context.Context, w skillpulse.Week) (Aggregate, error) {
	return s.aggregate(ctx, weekPeriod(w))
}

// DayAggregate returns the aggregate of the UTC calendar day that day falls
// in. A day without complete runs gives an aggregate with Snapshots 0, not
// an error.
func (s *Store) DayAggregate(ctx context.Context, day time.Time) (Aggregate, error) {
	return s.aggregate(ctx, dayPeriod(day))
}

func (s *Store) aggregate(ctx context.Context, p period) (Aggregate, error) {
	var agg Aggregate
	if err := ctx.Err(); err != nil {
		return agg, fmt.Errorf("store: %s %s: %w", p.kind(), p, err)
	}
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		agg, err = getAggregate(s.bucketsOf(tx), p)
		return err
	})
	if err != nil {
		return Aggregate{}, fmt.Errorf("store: %s %s: %w", p.kind(), p, err)
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
func newAggregate(p period) Aggregate {
	agg := Aggregate{Sources: map[string]int{}, Seniority: map[string]int{}, Workplace: map[string]int{}, Skills: map[string]SkillAggregate{}}
	if p.isDay() {
		agg.Day = p.String()
	} else {
		agg.Week = p.week
	}
	return agg
}

func getAggregate(b buckets, p period) (Aggregate, error) {
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
		agg.Skills = map[string]SkillAggregate{}
	}
	return agg, nil
}

func putAggregate(b buckets, p period, agg *Aggregate) error {
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
	var aggs [len(ps)]Aggregate
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
	for i := 0; i < len(ops); {
		c, err := loadCountable(b, ops[i].id, ops[i].ver)
		if err != nil {
			return err
		}
		j := i
		for ; j < len(ops) && ops[j].id == ops[i].id && ops[j].ver == ops[i].ver; j++ {
			aggs[ops[j].period].apply(&c, int(ops[j].sign))
		}
		i = j
	}
	for i, p := range ps {
		if err := putAggregate(b, p, &aggs[i]); err != nil {
			return err
		}
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
// list, counts the snapshot and new postings in agg, and appends to ops
// the versions to count in or out of it, as period number i.
func mergeIntoPeriod(b buckets, p period, snap *snapshot, agg *Aggregate, i int, ops []countOp) ([]countOp, error) {
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
			agg.Postings++ // first time live this period
			op(snap.IDs[s], snap.Vers[s], +1)
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
// contribution, other than to Postings, the way the report counts it.
func (agg *Aggregate) count(b buckets, id uint64, ver uint32, sign int) error {
	c, err := loadCountable(b, id, ver)
	if err != nil {
		return err
	}
	agg.apply(&c, sign)
	return nil
}

// countable is what an aggregate counts of one posting version: its
// sources (from the head) and its tags and workplace.
type countable struct {
	h      head
	v      version
	levels []skillLevel // each skill's strongest level, in mention order
}

type skillLevel struct {
	id    string
	level skillpulse.Level
}

func loadCountable(b buckets, id uint64, ver uint32) (countable, error) {
	h, err := decodeHead(b.postings.Get(u64(id)))
	if err != nil {
		return countable{}, fmt.Errorf("postings/%d: %w", id, err)
	}
	v, err := b.version(id, ver)
	if err != nil {
		return countable{}, err
	}
	// A posting names tens of skills: a linear search beats a map.
	levels := make([]skillLevel, 0, len(v.Tags.Mentions))
	for _, m := range v.Tags.Mentions {
		if i := slices.IndexFunc(levels, func(s skillLevel) bool { return s.id == m.SkillID }); i >= 0 {
			levels[i].level = max(levels[i].level, m.Level)
		} else {
			levels = append(levels, skillLevel{m.SkillID, m.Level})
		}
	}
	return countable{h, v, levels}, nil
}

// apply adds (sign +1) or removes (sign -1) c's contribution.
func (agg *Aggregate) apply(c *countable, sign int) {
	h, v := &c.h, &c.v
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

	for _, m := range v.Tags.Mentions {
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
	seniority := v.Tags.Seniority.String()
	for _, sl := range c.levels {
		id, l := sl.id, sl.level
		sa := agg.Skills[id]
		sa.Postings += sign
		if sa.Seniority == nil {
			sa.Seniority = map[string]int{}
		}
		bump(sa.Seniority, seniority)
		switch l {
		case skillpulse.LevelRequired:
			sa.Required += sign
		case skillpulse.LevelPreferred:
			sa.Preferred += sign
		default:
			sa.Mentioned += sign
		}
		if sa.Postings == 0 && sa.Required == 0 && sa.Preferred == 0 && sa.Mentioned == 0 && len(sa.Years) == 0 && len(sa.Seniority) == 0 {
			delete(agg.Skills, id)
		} else {
			agg.Skills[id] = sa
		}
	}
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
