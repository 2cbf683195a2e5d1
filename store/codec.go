package store

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
)

// The records the store writes per posting are encoded by hand in a compact
// binary form rather than JSON: they are written and read for every posting
// of every run, and most of their fields are short strings and small numbers.
// Every record starts with a format byte so a later schema can read or
// migrate old records. Runs, written once per crawl, stay JSON because their
// JSON form is already a public contract.

// encoder appends values to a byte slice.
type encoder struct{ b []byte }

func (e *encoder) byte1(v byte)     { e.b = append(e.b, v) }
func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) raw(p []byte)     { e.b = append(e.b, p...) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) float(f float64)  { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f)) }
func (e *encoder) count(n int)      { e.uvarint(uint64(n)) }
func (e *encoder) integer(n int)    { e.varint(int64(n)) }
func (e *encoder) bytes() []byte    { return e.b }
func (e *encoder) hash(h [32]byte)  { e.b = append(e.b, h[:]...) }
func (e *encoder) boolean(v bool) {
	if v {
		e.byte1(1)
		return
	}
	e.byte1(0)
}

func (e *encoder) timeVal(t time.Time) {
	// Zero times are common (Posted, ClosedAt) and do not survive UnixNano,
	// so they get their own marker. Times are read back in UTC. UnixNano
	// overflows outside 1678–2262 (9999-12-31 would come back as 1816), so
	// such a time is written as seconds and nanoseconds instead: no time
	// is ever stored as another.
	if t.IsZero() {
		e.byte1(0)
		return
	}
	if y := t.UTC().Year(); y < 1679 || y > 2261 {
		e.byte1(2)
		e.varint(t.Unix())
		e.uvarint(uint64(t.Nanosecond()))
		return
	}
	e.byte1(1)
	e.varint(t.UnixNano())
}

// decoder reads what encoder wrote. The first failure sticks, so a record is
// decoded straight through and checked once at the end.
type decoder struct {
	b   []byte
	err error
	// lean makes text pass over what it would read, for readers that
	// count demand and read no text (see versionRead); intern, when not
	// nil, holds the short strings records repeat (skill ids, sources,
	// currencies) read so far, so that each is allocated once.
	lean   bool
	intern map[string]string
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = ErrCorrupt
	}
	d.b = nil
}

func (d *decoder) byte1() byte {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) rawN(n int) []byte {
	if n < 0 || len(d.b) < n {
		d.fail()
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	return string(d.rawN(int(n)))
}

// skipStr passes over a string without allocating it.
func (d *decoder) skipStr() {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return
	}
	d.b = d.b[n:]
}

// text reads a string a lean decoder passes over ("" then).
func (d *decoder) text() string {
	if d.lean {
		d.skipStr()
		return ""
	}
	return d.str()
}

// ident reads a string records repeat (a skill id, a source), interned
// if the decoder interns.
func (d *decoder) ident() string {
	if d.intern == nil {
		return d.str()
	}
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	b := d.rawN(int(n))
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	d.intern[s] = s
	return s
}

// count reads a length that must be plausible for the remaining input, so a
// corrupt record cannot make the reader allocate without bound.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) integer() int { return int(d.varint()) }

func (d *decoder) float() float64 {
	p := d.rawN(8)
	if p == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(p))
}

func (d *decoder) boolean() bool { return d.byte1() != 0 }

func (d *decoder) hash() (h [32]byte) {
	copy(h[:], d.rawN(32))
	return h
}

func (d *decoder) timeVal() time.Time {
	switch d.byte1() {
	case 0:
		return time.Time{}
	case 1:
		return time.Unix(0, d.varint()).UTC()
	case 2:
		sec := d.varint()
		nsec := d.uvarint()
		if nsec >= 1e9 {
			d.fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(nsec)).UTC()
	}
	d.fail()
	return time.Time{}
}

// done reports the sticky error, and trailing bytes as corruption too.
func (d *decoder) done() error {
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, len(d.b))
	}
	return d.err
}

// u64 is the big-endian form used for numeric keys, so bbolt's byte order is
// numeric order.
func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}
