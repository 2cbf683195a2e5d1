package store

import (
	"fmt"
	"time"
)

// snapshot is the list of postings live at the end of a complete run, as
// (posting id, version) references sorted by id.
type snapshot struct {
	Taken time.Time
	IDs   []uint64
	Vers  []uint32
}

// encode writes the ids delta-encoded as uvarints, each followed by its
// version number: a typical snapshot costs two or three bytes per posting.
func (s *snapshot) encode(e *encoder) {
	e.byte1(recordFormat)
	e.timeVal(s.Taken)
	e.count(len(s.IDs))
	var prev uint64
	for i, id := range s.IDs {
		e.uvarint(id - prev)
		e.uvarint(uint64(s.Vers[i]))
		prev = id
	}
}

// decodeSnapshot decodes a snapshot; with headerOnly it stops after the
// count, which is all Snapshots needs.
func decodeSnapshot(b []byte, headerOnly bool) (snapshot, int, error) {
	d := decoder{b: b}
	var s snapshot
	if f := d.byte1(); f != recordFormat {
		return s, 0, fmt.Errorf("%w: snapshot record format %d", ErrCorrupt, f)
	}
	s.Taken = d.timeVal()
	n := d.count()
	if headerOnly || d.err != nil {
		return s, n, d.err
	}
	s.IDs = make([]uint64, n)
	s.Vers = make([]uint32, n)
	var prev uint64
	for i := range n {
		prev += d.uvarint()
		s.IDs[i] = prev
		s.Vers[i] = uint32(d.uvarint())
	}
	return s, n, d.done()
}
