package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"time"

	"github.com/skillpulse/skillpulse"
)

// A week's projection (the weekproj bucket) holds, for every posting
// version the week's posting list (weekpost) holds and in its order, what
// ForEachCountedIn gives of the version: workplace, salary, posted and
// updated dates and the tags without evidence, language or Via. A report
// reads it as one value instead of a version record per posting.
//
// It is written in the transaction that writes the list it projects
// (addToPeriods), patched in the one that retags a version it holds
// (writeRetagged), and built for every week by the schema 11 migration, so
// it is never behind its list. Each entry names its posting and version,
// and the reader refuses a projection that does not hold exactly the
// list's versions; a checksum over the value makes a damaged one an error
// rather than wrong figures. `db check` compares it with the versions.
//
// The value is weekProjFormat, the CRC-32C (Castagnoli) of what follows
// as 4 big-endian bytes, then: the number of strings in the value's table
// and each string (skill ids, currencies, pay periods: each written once
// and cited by number); the number of entries; and per entry the id's
// delta from the previous one and the version (uvarints), workplace,
// salary (a presence byte; min, max, currency and period), posted and
// updated (codec times), seniority, years, the mentions (count; each its
// skill's number, whether years follow and its level in one uvarint, see
// encoder.skill, then the years if any) and the implied skills (count;
// skill and level each, in one uvarint).
const weekProjFormat = 1

var crc32c = crc32.MakeTable(crc32.Castagnoli)

// projEntry is one posting version of a projection.
type projEntry struct {
	id              uint64
	ver             uint32
	workplace       skillpulse.Workplace
	salary          *skillpulse.Salary
	posted, updated time.Time
	seniority       skillpulse.Seniority
	years           int
	mentions        []skillpulse.Mention // without evidence
	implied         []skillpulse.Implied // without Via
}

// projEntryOf is what a projection holds of version v of posting id.
func projEntryOf(id uint64, ver uint32, v *version) projEntry {
	e := projEntry{id: id, ver: ver, workplace: v.Posting.Workplace, salary: v.Posting.Salary,
		posted: v.Posting.Posted, updated: v.Posting.Updated,
		seniority: v.Tags.Seniority, years: v.Tags.Years}
	for _, m := range v.Tags.Mentions {
		e.mentions = append(e.mentions, skillpulse.Mention{SkillID: m.SkillID, Level: m.Level, Years: m.Years})
	}
	for _, m := range v.Tags.Implied {
		e.implied = append(e.implied, skillpulse.Implied{SkillID: m.SkillID, Level: m.Level})
	}
	return e
}

// sealWeekProj is a weekproj value holding rest: the format byte and
// rest's checksum before it.
func sealWeekProj(rest []byte) []byte {
	out := make([]byte, 5, 5+len(rest))
	out[0] = weekProjFormat
	binary.BigEndian.PutUint32(out[1:], crc32.Checksum(rest, crc32c))
	return append(out, rest...)
}

// skill writes a skill's number n (with any flags in its low bits) and
// level as one uvarint, n<<2 | level, for a level of 1 to 3 (every level a
// build gives); another level is written as 0 and a byte after.
func (e *encoder) skill(n uint64, l skillpulse.Level) {
	if l >= 1 && l <= 3 {
		e.uvarint(n<<2 | uint64(l))
		return
	}
	e.uvarint(n << 2)
	e.byte1(byte(l))
}

// skill reads what encoder.skill wrote: the number and the level.
func (d *decoder) skill() (uint64, skillpulse.Level) {
	v := d.uvarint()
	if l := skillpulse.Level(v & 3); l != 0 {
		return v >> 2, l
	}
	return v >> 2, skillpulse.Level(d.byte1())
}

// projReader reads a projection's entries one after the other.
type projReader struct {
	d     decoder
	table []string
	left  int    // entries not read yet
	prev  uint64 // the last entry's id
}

// newProjReader checks a weekproj value's format and checksum and reads
// its string table; a nil value reads as a projection without entries.
func newProjReader(b []byte) (projReader, error) {
	if b == nil {
		return projReader{}, nil
	}
	if len(b) < 5 || b[0] != weekProjFormat {
		if len(b) == 0 {
			return projReader{}, fmt.Errorf("%w: empty projection", ErrCorrupt)
		}
		return projReader{}, fmt.Errorf("%w: projection format %d", ErrCorrupt, b[0])
	}
	if crc32.Checksum(b[5:], crc32c) != binary.BigEndian.Uint32(b[1:]) {
		return projReader{}, fmt.Errorf("%w: projection checksum mismatch", ErrCorrupt)
	}
	r := projReader{d: decoder{b: b[5:]}}
	r.table = make([]string, r.d.count())
	for i := range r.table {
		r.table[i] = r.d.str()
	}
	r.left = r.d.count()
	return r, r.d.err
}

// cite reads a string of table, by number.
func (d *decoder) cite(table []string) string { return d.cited(table, d.uvarint()) }

// cited is string i of table.
func (d *decoder) cited(table []string, i uint64) string {
	if i >= uint64(len(table)) {
		d.fail()
		return ""
	}
	return table[i]
}

// next reads the next entry into e, filling e's tag arrays again when
// they are large enough (a reader of many entries allocates only for an
// entry larger than any before).
func (r *projReader) next(e *projEntry) error {
	if r.left == 0 {
		return fmt.Errorf("%w: projection ends early", ErrCorrupt)
	}
	r.left--
	// A copy of the decoder on the stack: advancing one on the heap would
	// cost a write barrier per field while a collection runs.
	d, table := r.d, r.table
	r.prev += d.uvarint()
	e.id, e.ver = r.prev, uint32(d.uvarint())
	e.workplace = skillpulse.Workplace(d.byte1())
	e.salary = nil
	if d.boolean() {
		e.salary = &skillpulse.Salary{Min: d.float(), Max: d.float(), Currency: d.cite(table), Period: d.cite(table)}
	}
	e.posted, e.updated = d.timeVal(), d.timeVal()
	e.seniority = skillpulse.Seniority(d.byte1())
	e.years = d.integer()
	e.mentions = refill(e.mentions, d.count())
	for i := range e.mentions {
		n, l := d.skill()
		m := skillpulse.Mention{SkillID: d.cited(table, n>>1), Level: l}
		if n&1 != 0 {
			m.Years = d.integer()
		}
		if !l.Valid() {
			d.fail()
		}
		e.mentions[i] = m
	}
	e.implied = refill(e.implied, d.count())
	for i := range e.implied {
		n, l := d.skill()
		e.implied[i] = skillpulse.Implied{SkillID: d.cited(table, n), Level: l}
	}
	r.d = d
	if r.left == 0 {
		return r.d.done()
	}
	return r.d.err
}

// skip passes over the next entry, whose id and version it returns, with
// the entry's bytes after its id (which is stored as a delta from the
// previous entry's).
func (r *projReader) skip() (id uint64, ver uint32, rest []byte, err error) {
	if r.left == 0 {
		return 0, 0, nil, fmt.Errorf("%w: projection ends early", ErrCorrupt)
	}
	r.left--
	d, table := r.d, r.table // on the stack, as in next
	r.prev += d.uvarint()
	from := d.b
	id, ver = r.prev, uint32(d.uvarint())
	d.byte1() // workplace
	if d.boolean() {
		d.rawN(16) // min, max
		d.cite(table)
		d.cite(table)
	}
	d.timeVal()
	d.timeVal()
	d.byte1() // seniority
	d.varint()
	for range d.count() {
		n, l := d.skill()
		d.cited(table, n>>1)
		if n&1 != 0 {
			d.varint()
		}
		if !l.Valid() {
			d.fail()
		}
	}
	for range d.count() {
		n, _ := d.skill()
		d.cited(table, n)
	}
	r.d = d
	if d.err == nil {
		rest = from[:len(from)-len(d.b)]
	}
	if r.left == 0 {
		return id, ver, rest, r.d.done()
	}
	return id, ver, rest, r.d.err
}

// refill returns s with length n, in s's array when it is large enough,
// for a caller that sets every element.
func refill[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// decodeWeekProj decodes a whole weekproj value, each entry with tag
// arrays of its own.
func decodeWeekProj(b []byte) ([]projEntry, error) {
	r, err := newProjReader(b)
	if err != nil {
		return nil, err
	}
	entries := make([]projEntry, r.left)
	for i := range entries {
		if err := r.next(&entries[i]); err != nil {
			return nil, err
		}
	}
	return entries, nil
}

// fill sets in sp what a projection holds of a posting version; sp's tags
// are e's arrays.
func (e *projEntry) fill(sp *skillpulse.StoredPosting) {
	sp.Workplace, sp.Salary = e.workplace, e.salary
	sp.Posted, sp.Updated = e.posted, e.updated
	sp.Tags = skillpulse.Tags{Seniority: e.seniority, Years: e.years}
	if len(e.mentions) > 0 {
		sp.Tags.Mentions = e.mentions
	}
	if len(e.implied) > 0 {
		sp.Tags.Implied = e.implied
	}
}

// openWeekProj returns a reader of week p's projection, checked to hold
// as many entries as list, the week's posting list; the reader of each
// entry checks it is the list's (see listProj.next). A week without a list
// has none.
func openWeekProj(b buckets, p period, list snapshot) (listProj, error) {
	if b.weekProj == nil {
		return listProj{}, fmt.Errorf("%w: bucket %s is missing", ErrCorrupt, bucketWeekProj)
	}
	v := b.weekProj.Get(p.key())
	if v == nil && len(list.IDs) > 0 {
		return listProj{}, fmt.Errorf("weekproj/%s: %w: missing", p, ErrCorrupt)
	}
	r, err := newProjReader(v)
	if err == nil && r.left != len(list.IDs) {
		err = fmt.Errorf("%w: %d entries for a posting list of %d", ErrCorrupt, r.left, len(list.IDs))
	}
	if err != nil {
		return listProj{}, fmt.Errorf("weekproj/%s: %w", p, err)
	}
	return listProj{projReader: r, p: p, list: list}, nil
}

// listProj reads a week's projection beside its posting list.
type listProj struct {
	projReader
	p    period
	list snapshot
	at   int // entries read
}

// next reads the next entry into e, or passes over it if e is nil, and
// checks it is the version the list holds at the same place.
func (l *listProj) next(e *projEntry) error {
	var id uint64
	var ver uint32
	var err error
	if e != nil {
		err = l.projReader.next(e)
		id, ver = e.id, e.ver
	} else {
		id, ver, _, err = l.projReader.skip()
	}
	if err == nil && (id != l.list.IDs[l.at] || ver != l.list.Vers[l.at]) {
		err = fmt.Errorf("%w: entry %d is posting %d version %d, the posting list holds %d version %d",
			ErrCorrupt, l.at, id, ver, l.list.IDs[l.at], l.list.Vers[l.at])
	}
	if err != nil {
		return fmt.Errorf("weekproj/%s: %w", l.p, err)
	}
	l.at++
	return nil
}
