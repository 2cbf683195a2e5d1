package store

import (
	"bytes"
	"fmt"
	"slices"
	"unsafe"

	"github.com/skillpulse/skillpulse"
)

// Evidence entry kinds in a version record's evidence table.
const (
	evidenceInline = 0 // the sentence follows as a string
	evidenceInBody = 1 // offset and length into the encoded body follow
)

// minEvidenceRef is the shortest sentence worth a reference: below it, the
// two numbers cost about as much as the text.
const minEvidenceRef = 8

// encodeTags writes t. Its evidence sentences go first, each distinct one
// once (the extractor gives every skill of a sentence the same one), as a
// reference into body where body holds it verbatim; mentions then cite them
// by number, 0 for none.
func encodeTags(e *encoder, t *skillpulse.Tags, body []byte) {
	// A posting has tens of mentions, so a linear scan finds repeats as
	// fast as a map would, and comparing a string with itself is quick.
	table := make([]string, 0, 32)
	cite := make([]int, len(t.Mentions))
	for i, m := range t.Mentions {
		if m.Evidence == "" {
			continue
		}
		k := slices.Index(table, m.Evidence)
		if k < 0 {
			k = len(table)
			table = append(table, m.Evidence)
		}
		cite[i] = k + 1
	}
	e.count(len(table))
	for _, s := range table {
		if off := indexIn(body, s); off >= 0 && len(s) >= minEvidenceRef {
			e.byte1(evidenceInBody)
			e.count(off)
			e.count(len(s))
			continue
		}
		e.byte1(evidenceInline)
		e.str(s)
	}
	e.count(len(t.Mentions))
	for i, m := range t.Mentions {
		e.str(m.SkillID)
		e.byte1(byte(m.Level))
		e.integer(m.Years)
		e.count(cite[i])
	}
	e.byte1(byte(t.Seniority))
	e.str(t.Language)
	e.integer(t.Years)
}

// indexIn is bytes.Index(body, []byte(s)) without copying s, and faster
// for a sentence in prose. bytes.Index looks for s's first byte, which in
// prose matches every few bytes; indexIn looks for the rarest byte of s's
// first 64 (by English letter frequency; a capital, digit or sign counts as
// rarest) with vector instructions, and compares s whole only where that
// byte is: twice as fast on BenchmarkIngest100k's evidence. Its candidates
// come in order, so the first match is the first occurrence.
func indexIn(body []byte, s string) int {
	if len(s) == 0 || len(s) > len(body) {
		return -1
	}
	needle := unsafe.Slice(unsafe.StringData(s), len(s))
	k := 0
	for j, c := range needle[:min(len(needle), 64)] {
		if proseRank[c] < proseRank[needle[k]] {
			k = j
		}
	}
	c, last := needle[k], len(body)-len(needle) // last: the last start that fits
	for off := k; ; {
		i := bytes.IndexByte(body[off:], c)
		if i < 0 || off+i-k > last {
			return -1
		}
		if start := off + i - k; bytes.Equal(body[start:start+len(needle)], needle) {
			return start
		}
		off += i + 1
	}
}

// proseRank orders bytes by how often they occur in English prose: 0 for
// the rarest (all but space and lower-case letters), 27 for space.
var proseRank = [256]uint8{'z': 1, 'q': 2, 'j': 3, 'x': 4, 'k': 5, 'v': 6, 'b': 7, 'p': 8, 'y': 9, 'g': 10, 'f': 11, 'w': 12, 'm': 13, 'u': 14, 'c': 15, 'd': 16, 'l': 17, 'h': 18, 'r': 19, 's': 20, 'n': 21, 'i': 22, 'o': 23, 'a': 24, 't': 25, 'e': 26, ' ': 27}

// decodeTags reads what encodeTags wrote, for a body of bodySize bytes. It
// returns the evidence to read from the body (see resolveEvidence), or
// nothing without evidence.
func decodeTags(d *decoder, t *skillpulse.Tags, bodySize int, evidence bool) []evidenceRef {
	type entry struct {
		s      string
		off, n int
		ref    int // 1 + index in refs, once a mention cites it
	}
	// Without evidence the table is read past, not kept: a report reads
	// the tags of every live posting and none of their sentences.
	entries := d.count()
	var table []entry
	if evidence {
		table = make([]entry, entries)
	}
	for i := range entries {
		switch d.byte1() {
		case evidenceInline:
			if evidence {
				table[i].s = d.str()
			} else {
				d.skipStr()
			}
		case evidenceInBody:
			off, n := d.count2(), d.count2()
			if off < 0 || n <= 0 || off > bodySize || n > bodySize-off {
				d.fail()
				return nil
			}
			if evidence {
				table[i].off, table[i].n = off, n
			}
		default:
			d.fail()
			return nil
		}
	}
	var refs []evidenceRef
	t.Mentions = t.Mentions[:0]
	if n := d.count(); n > 0 {
		t.Mentions = reuse(t.Mentions, n)
		for i := range t.Mentions {
			m := &t.Mentions[i]
			d.mention(m)
			k := d.uvarint()
			if k == 0 || !evidence {
				continue
			}
			if k > uint64(len(table)) {
				d.fail()
				return nil
			}
			en := &table[k-1]
			if en.n == 0 {
				m.Evidence = en.s
				continue
			}
			if en.ref == 0 {
				refs = append(refs, evidenceRef{off: en.off, n: en.n})
				en.ref = len(refs)
			}
			r := &refs[en.ref-1]
			r.mentions = append(r.mentions, i)
		}
	}
	t.Seniority = skillpulse.Seniority(d.byte1())
	t.Language = d.text()
	t.Years = d.integer()
	return refs
}

// resolveEvidence fills in the evidence v's record keeps as references into
// body, the version's encoded body.
func (v *version) resolveEvidence(body []byte) error {
	for _, r := range v.refs {
		if r.off+r.n > len(body) {
			return fmt.Errorf("%w: evidence at %d+%d past the body's %d bytes", ErrCorrupt, r.off, r.n, len(body))
		}
		s := string(body[r.off : r.off+r.n])
		for _, i := range r.mentions {
			v.Tags.Mentions[i].Evidence = s
		}
	}
	v.refs = nil
	return nil
}

// encodeTagsInline writes t as recordFormat records keep it, every
// mention's evidence inline.
func encodeTagsInline(e *encoder, t *skillpulse.Tags) {
	e.count(len(t.Mentions))
	for _, m := range t.Mentions {
		e.str(m.SkillID)
		e.byte1(byte(m.Level))
		e.integer(m.Years)
		e.str(m.Evidence)
	}
	e.byte1(byte(t.Seniority))
	e.str(t.Language)
	e.integer(t.Years)
}

// reuse returns s with length n and every element zero, in s's array
// when it is large enough: a decoder given tags to fill again (see
// versionRead.reuse) allocates only for a posting larger than any before.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// mention reads what both record formats keep of a mention but its
// evidence.
func (d *decoder) mention(m *skillpulse.Mention) {
	m.SkillID = d.ident()
	m.Level = skillpulse.Level(d.byte1())
	m.Years = d.integer()
	if !m.Level.Valid() {
		d.fail() // a level no build writes: a damaged record
	}
}

// decodeTagsInline reads the tags of a record in recordFormat, written
// before schema 8, which kept every mention's evidence inline.
func decodeTagsInline(d *decoder, t *skillpulse.Tags, evidence bool) {
	t.Mentions = t.Mentions[:0]
	if n := d.count(); n > 0 {
		t.Mentions = reuse(t.Mentions, n)
		for i := range t.Mentions {
			m := &t.Mentions[i]
			d.mention(m)
			if evidence {
				m.Evidence = d.str()
			} else {
				d.skipStr()
			}
		}
	}
	t.Seniority = skillpulse.Seniority(d.byte1())
	t.Language = d.text()
	t.Years = d.integer()
}

// encodeImplied writes a version's implied credit (Tags.Implied) at the
// end of its record, in every record format, and nothing when there is
// none. Records written before schema 10 end before it: they have no
// implied credit, and their mentions may mix it in (see decodeImplied).
func encodeImplied(e *encoder, implied []skillpulse.Implied) {
	if len(implied) == 0 {
		return
	}
	e.count(len(implied))
	for _, m := range implied {
		e.str(m.SkillID)
		e.byte1(byte(m.Level))
		e.count(len(m.Via))
		for _, v := range m.Via {
			e.str(v)
		}
	}
}

// decodeImplied reads what encodeImplied wrote, if the record goes on. A
// record that ends with its tags was written before schema 10, by a tagger
// that put parent credit among the mentions: it decodes with Implied nil,
// its mentions as they were, until `retag` tags it again.
func decodeImplied(d *decoder, t *skillpulse.Tags) {
	t.Implied = t.Implied[:0]
	if d.err != nil || len(d.b) == 0 {
		return
	}
	t.Implied = reuse(t.Implied, d.count())
	for i := range t.Implied {
		m := &t.Implied[i]
		m.SkillID = d.ident()
		m.Level = skillpulse.Level(d.byte1())
		n := d.count()
		if d.lean {
			for range n {
				d.skipStr()
			}
			continue
		}
		m.Via = make([]string, n)
		for j := range m.Via {
			m.Via[j] = d.str()
		}
	}
}
