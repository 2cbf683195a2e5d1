package store

import (
	"context"
	"fmt"
	"math"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// projWriter encodes a projection entry by entry and holds only the bytes:
// a week of 100,000 postings is a few MB of them, never 100,000 decoded
// entries.
type projWriter struct {
	index map[string]int
	table []string
	body  encoder
	n     int
	prev  uint64 // the last entry's id
}

// newProjWriter starts a projection whose string table begins with table,
// that of the projection it carries entries over from, so that their
// numbers in it stay right.
func newProjWriter(table []string) *projWriter {
	w := &projWriter{index: make(map[string]int, len(table)), table: append([]string(nil), table...)}
	for i, s := range table {
		if _, ok := w.index[s]; !ok {
			w.index[s] = i
		}
	}
	return w
}

// cite is s's number in the table, adding it if need be.
func (w *projWriter) cite(s string) uint64 {
	i, ok := w.index[s]
	if !ok {
		i = len(w.table)
		w.index[s] = i
		w.table = append(w.table, s)
	}
	return uint64(i)
}

// id starts the next entry, of posting id.
func (w *projWriter) id(id uint64) {
	w.body.uvarint(id - w.prev)
	w.prev = id
	w.n++
}

// carry appends an entry read by projReader.skip from the projection
// whose table this one began with.
func (w *projWriter) carry(id uint64, rest []byte) {
	w.id(id)
	w.body.raw(rest)
}

// add appends the entry of version ver of posting id, with p's workplace,
// pay and dates and t's tags (their evidence, language and Via are not
// kept).
func (w *projWriter) add(id uint64, ver uint32, p *skillpulse.Posting, t *skillpulse.Tags) {
	e := &w.body
	w.id(id)
	e.uvarint(uint64(ver))
	e.byte1(byte(p.Workplace))
	e.boolean(p.Salary != nil)
	if s := p.Salary; s != nil {
		e.float(s.Min)
		e.float(s.Max)
		e.uvarint(w.cite(s.Currency))
		e.uvarint(w.cite(s.Period))
	}
	e.timeVal(p.Posted)
	e.timeVal(p.Updated)
	e.byte1(byte(t.Seniority))
	e.integer(t.Years)
	e.count(len(t.Mentions))
	for _, m := range t.Mentions {
		years := uint64(0)
		if m.Years != 0 {
			years = 1
		}
		e.skill(w.cite(m.SkillID)<<1|years, m.Level)
		if m.Years != 0 {
			e.integer(m.Years)
		}
	}
	e.count(len(t.Implied))
	for _, m := range t.Implied {
		e.skill(w.cite(m.SkillID), m.Level)
	}
}

// value is the weekproj value of the entries written.
func (w *projWriter) value() []byte {
	var rest encoder
	rest.b = make([]byte, 0, len(w.body.b)+16*len(w.table)+16)
	rest.count(len(w.table))
	for _, s := range w.table {
		rest.str(s)
	}
	rest.count(w.n)
	rest.raw(w.body.bytes())
	return sealWeekProj(rest.bytes())
}

// encodeWeekProj encodes entries as a weekproj value.
func encodeWeekProj(entries []projEntry) []byte {
	w := newProjWriter(nil)
	for i := range entries {
		e := &entries[i]
		p := skillpulse.Posting{Workplace: e.workplace, Salary: e.salary, Posted: e.posted, Updated: e.updated}
		w.add(e.id, e.ver, &p, &skillpulse.Tags{Seniority: e.seniority, Years: e.years, Mentions: e.mentions, Implied: e.implied})
	}
	return w.value()
}

// leanVersions reads version records as a projection needs them.
type leanVersions struct {
	b    buckets
	read versionRead
}

func newLeanVersions(b buckets) *leanVersions {
	return &leanVersions{b: b, read: versionRead{lean: true, intern: map[string]string{}}}
}

// get reads version ver of posting id.
func (l *leanVersions) get(id uint64, ver uint32) (version, error) {
	var v version
	if err := decodeVersionInto(&v, l.b.versions.Get(versionKey(id, ver)), l.b.zdec, l.read); err != nil {
		return v, fmt.Errorf("versions/%d/%d: %w", id, ver, err)
	}
	return v, nil
}

// versionRef names one posting version.
type versionRef struct {
	id  uint64
	ver uint32
}

// writeWeekProj writes week p's projection for its posting list as the
// transaction sees it: the entries of the projection stored before carried
// over for the versions it holds but those in reread, the others read
// from their version records. It streams: neither projection is held
// decoded.
func writeWeekProj(b buckets, p period, reread map[versionRef]bool) error {
	wp, err := newWeekProjector(b, p, reread, newLeanVersions(b))
	if err != nil {
		return err
	}
	return wp.finish()
}

// weekProjector writes week p's projection as writeWeekProj does, entry
// by entry in the order of the week's posting list, and takes the
// versions a caller reads in that order anyway (see offer), so that each
// is decoded once.
type weekProjector struct {
	b        buckets
	p        period
	reread   map[versionRef]bool
	versions *leanVersions
	list     snapshot
	next     int // the list's next entry to write
	old      projReader
	w        *projWriter
	had      versionRef // the old projection's next entry, while have
	rest     []byte
	have     bool
}

// newWeekProjector starts week p's projection, reading the versions it
// does not carry over through versions.
func newWeekProjector(b buckets, p period, reread map[versionRef]bool, versions *leanVersions) (*weekProjector, error) {
	if b.weekProj == nil {
		return nil, fmt.Errorf("%w: bucket %s is missing", ErrCorrupt, bucketWeekProj)
	}
	list, _, err := decodeSnapshot(b.weekPost.Get(p.key()), false)
	if err != nil {
		return nil, fmt.Errorf("weekpost/%s: %w", p, err)
	}
	old, err := newProjReader(b.weekProj.Get(p.key()))
	if err != nil {
		return nil, fmt.Errorf("weekproj/%s: %w", p, err)
	}
	wp := &weekProjector{b: b, p: p, reread: reread, versions: versions, list: list, old: old, w: newProjWriter(old.table)}
	return wp, wp.advance()
}

// advance moves to the old projection's next entry.
func (wp *weekProjector) advance() error {
	var err error
	if wp.have = wp.old.left > 0; wp.have {
		wp.had.id, wp.had.ver, wp.rest, err = wp.old.skip()
	}
	if err != nil {
		return fmt.Errorf("weekproj/%s: %w", wp.p, err)
	}
	return nil
}

// offer writes the list's entries before posting id, then its entry from
// v if that is version ref of it and cannot be carried over. Offers must
// come in ascending (id, version) order; v must have been read as
// wp.versions reads.
func (wp *weekProjector) offer(ref versionRef, v *version) error {
	if err := wp.writeUntil(ref.id); err != nil {
		return err
	}
	if wp.next < len(wp.list.IDs) && wp.list.IDs[wp.next] == ref.id && wp.list.Vers[wp.next] == ref.ver {
		return wp.write(v)
	}
	return nil
}

// writeUntil writes the list's entries of postings before id.
func (wp *weekProjector) writeUntil(id uint64) error {
	for wp.next < len(wp.list.IDs) && wp.list.IDs[wp.next] < id {
		if err := wp.write(nil); err != nil {
			return err
		}
	}
	return nil
}

// write writes the list's next entry: carried over from the old
// projection if it holds it and it is not to be reread, else from v, or
// from its version record if v is nil.
func (wp *weekProjector) write(v *version) error {
	now := versionRef{wp.list.IDs[wp.next], wp.list.Vers[wp.next]}
	wp.next++
	for wp.have && wp.had.id < now.id {
		if err := wp.advance(); err != nil {
			return err
		}
	}
	if wp.have && wp.had == now && !wp.reread[now] {
		wp.w.carry(now.id, wp.rest)
		return nil
	}
	if v == nil {
		read, err := wp.versions.get(now.id, now.ver)
		if err != nil {
			return err
		}
		v = &read
	}
	wp.w.add(now.id, now.ver, &v.Posting, &v.Tags)
	return nil
}

// finish writes the list's remaining entries and stores the projection.
func (wp *weekProjector) finish() error {
	for wp.next < len(wp.list.IDs) {
		if err := wp.write(nil); err != nil {
			return err
		}
	}
	return wp.b.weekProj.Put(wp.p.key(), wp.w.value())
}

// projectAllWeeks writes the projection of every week with a posting
// list; the schema 11 migration runs it.
func projectAllWeeks(b buckets) error {
	return b.weekPost.ForEach(func(k, _ []byte) error {
		p, ok := periodKinds[0].fromKey(k)
		if !ok {
			return fmt.Errorf("weekpost/%x: %w", k, ErrCorrupt)
		}
		return writeWeekProj(b, p, nil)
	})
}

// createWeekProj creates the weekproj bucket and projects every week.
func createWeekProj(s *Store, tx *bolt.Tx) error {
	if err := recreateBuckets(tx, bucketWeekProj); err != nil {
		return err
	}
	return projectAllWeeks(s.bucketsOf(tx))
}

// checkWeekProj checks that every week with a posting list has a
// projection, that it holds what the list's version records give, and
// that no projection is left of a week without a list.
func checkWeekProj(ctx context.Context, b buckets, _ *CheckResult, problem func(string, ...any)) error {
	if b.weekProj == nil {
		problem("bucket %s is missing", bucketWeekProj)
		return nil
	}
	if b.weekPost == nil {
		return nil // checkPeriods names it
	}
	b.weekProj.ForEach(func(k, _ []byte) error {
		p, ok := periodKinds[0].fromKey(k)
		switch {
		case !ok:
			problem("weekproj/%x: malformed key", k)
		case b.weekPost.Get(k) == nil:
			problem("weekproj/%s: no posting list for that week", p)
		}
		return nil
	})
	versions := newLeanVersions(b)
	return b.weekPost.ForEach(func(k, v []byte) error {
		p, ok := periodKinds[0].fromKey(k)
		if !ok {
			return nil // checkPeriods names it
		}
		list, _, err := decodeSnapshot(v, false)
		if err != nil {
			return nil // checkPeriods names it
		}
		if err := checkOneWeekProj(b, p, list, versions); err != nil {
			problem("%v", err)
		}
		return ctx.Err()
	})
}

// checkOneWeekProj reads week p's projection through beside list and the
// versions it names, and returns the first difference.
func checkOneWeekProj(b buckets, p period, list snapshot, versions *leanVersions) error {
	l, err := openWeekProj(b, p, list)
	if err != nil {
		return err
	}
	var got projEntry
	for i, id := range list.IDs {
		if err := l.next(&got); err != nil {
			return err
		}
		v, err := versions.get(id, list.Vers[i])
		if err != nil {
			return fmt.Errorf("weekproj/%s: %w", p, err)
		}
		if want := projEntryOf(id, list.Vers[i], &v); !got.equal(&want) {
			return fmt.Errorf("weekproj/%s: differs from the versions it projects, first at posting %d version %d", p, id, list.Vers[i])
		}
	}
	return nil
}

// equal reports whether e and o hold the same, their tags compared
// element by element (an empty list is a nil one).
func (e *projEntry) equal(o *projEntry) bool {
	same := e.id == o.id && e.ver == o.ver && e.workplace == o.workplace &&
		e.posted.Equal(o.posted) && e.updated.Equal(o.updated) && e.seniority == o.seniority && e.years == o.years &&
		(e.salary == nil) == (o.salary == nil) && len(e.mentions) == len(o.mentions) && len(e.implied) == len(o.implied)
	if !same || e.salary != nil && !sameSalary(e.salary, o.salary) {
		return false
	}
	for i, m := range e.mentions {
		if n := o.mentions[i]; m.SkillID != n.SkillID || m.Level != n.Level || m.Years != n.Years {
			return false
		}
	}
	for i, m := range e.implied {
		if n := o.implied[i]; m.SkillID != n.SkillID || m.Level != n.Level {
			return false
		}
	}
	return true
}

// sameSalary compares pay bit for bit, as the projection stores it (a NaN
// is the NaN it was).
func sameSalary(a, b *skillpulse.Salary) bool {
	return math.Float64bits(a.Min) == math.Float64bits(b.Min) && math.Float64bits(a.Max) == math.Float64bits(b.Max) &&
		a.Currency == b.Currency && a.Period == b.Period
}
