package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"time"
	"unsafe"

	"github.com/klauspost/compress/zstd"
	"github.com/skillpulse/skillpulse"
)

// recordFormat is the first byte of every binary record. A schema migration
// that changes a record's layout bumps it.
const recordFormat = 1

// recordZstd, as a version record's first byte, says the rest is a zstd
// frame holding a record in recordFormat: schemas 4 to 7 wrote them, and a
// version of theirs retagged since still is one.
const recordZstd = 2

// compressMin is the record size below which compression is not tried. A
// version record keeps its evidence as references into the body, so most
// are a few hundred bytes, of which zstd saves a fifth at the cost of a
// compression per posting written and a decompression per posting counted;
// a record heavy with sentences the body does not hold is still worth it.
const compressMin = 1024

// compressRecord returns rec compressed behind a recordZstd byte when that
// saves at least a tenth, else rec.
func compressRecord(rec []byte, enc *zstd.Encoder) []byte {
	if len(rec) < compressMin {
		return rec
	}
	z := enc.EncodeAll(rec, append(make([]byte, 0, len(rec)/2), recordZstd))
	if len(z) > len(rec)*9/10 {
		return rec
	}
	return z
}

// head is the part of a posting's record that changes rarely: identity,
// lifecycle and which version is current. It is rewritten only when the
// posting is new, changes content, closes or reopens; a plain re-sighting
// touches only the seen bucket.
type head struct {
	Source    string
	NativeID  string
	FirstSeen time.Time
	ClosedAt  time.Time // zero while open
	Hash      skillpulse.Hash
	Current   uint32 // sequence number of the current version
	Versions  uint32 // number of versions stored (Current+1 today)
	Origins   []skillpulse.Origin
}

func (h *head) encode(e *encoder) {
	e.byte1(recordFormat)
	e.str(h.Source)
	e.str(h.NativeID)
	e.timeVal(h.FirstSeen)
	e.timeVal(h.ClosedAt)
	e.hash(h.Hash)
	e.uvarint(uint64(h.Current))
	e.uvarint(uint64(h.Versions))
	e.count(len(h.Origins))
	for _, o := range h.Origins {
		e.str(o.Source)
		e.str(o.URL)
	}
}

func decodeHead(b []byte) (head, error) {
	d := decoder{b: b}
	var h head
	if f := d.byte1(); f != recordFormat {
		return h, fmt.Errorf("%w: posting record format %d", ErrCorrupt, f)
	}
	h.Source = d.str()
	h.NativeID = d.str()
	h.FirstSeen = d.timeVal()
	h.ClosedAt = d.timeVal()
	h.Hash = d.hash()
	h.Current = uint32(d.uvarint())
	h.Versions = uint32(d.uvarint())
	if n := d.count(); n > 0 {
		h.Origins = make([]skillpulse.Origin, n)
		for i := range h.Origins {
			h.Origins[i] = skillpulse.Origin{Source: d.str(), URL: d.str()}
		}
	}
	return h, d.done()
}

// addOrigin records where the posting was seen, once per distinct origin.
func (h *head) addOrigin(o skillpulse.Origin) {
	if !slices.Contains(h.Origins, o) {
		h.Origins = append(h.Origins, o)
	}
}

// Version records since schema 8 start with one of these format bytes and
// the id of their body in the content bucket; the fields follow, plain or
// zstd-compressed. They differ from recordFormat records (still read, see
// decodeVersion) in two ways: the body is addressed by a sequential id
// rather than by its hash, so new bodies are appended to the content bucket
// instead of being inserted all over it; and the tags keep each distinct
// evidence sentence once, as a reference into the body when the body holds
// it verbatim.
const (
	versionFormat     = 3
	versionFormatZstd = 4
)

// version is one distinct content of a posting with the tags the extractor
// gave it. Versions are append-only: a version, once written, never changes,
// so snapshots can point at them.
type version struct {
	Since time.Time // start of the run that first saw this content
	Hash  skillpulse.Hash
	// BodyID keys the description blob in the content bucket; versions
	// stored before schema 8 have none, and key it by Body, its hash.
	BodyID   uint64
	Body     skillpulse.Hash
	Posting  skillpulse.Posting
	Tags     skillpulse.Tags
	BodySize int // uncompressed bytes of description and sections

	// refs are the evidence sentences still to be read from the body, by
	// resolveEvidence; decodeVersion leaves every mention's Evidence empty
	// unless asked for it.
	refs []evidenceRef
}

// contentKey is the key of v's body in the content bucket.
func (v *version) contentKey() []byte {
	if v.BodyID != 0 {
		return u64(v.BodyID)
	}
	return v.Body[:]
}

// contentName names v's body in errors: "content/" and its key.
func (v *version) contentName() string {
	if v.BodyID != 0 {
		return fmt.Sprintf("content/%d", v.BodyID)
	}
	return "content/" + v.Body.String()
}

// evidenceRef is one evidence sentence kept as bytes [off, off+n) of the
// encoded body (see encodeBody), and the mentions that cite it.
type evidenceRef struct {
	off, n   int
	mentions []int
}

// packedFields are a version record's fields, encoded and compressed if
// worth it, before the body's id is known: Put prepares them outside its
// write transaction and assembles the record inside it.
type packedFields struct {
	format byte // versionFormat or versionFormatZstd
	b      []byte
}

// packFields encodes everything of v but the body id and of its posting
// but Source and NativeID (in the head) and Description and Sections (in
// the content blob). body is the version's encoded body, in which evidence
// sentences are looked up.
func (v *version) packFields(body []byte, enc *zstd.Encoder) packedFields {
	e := encoder{b: make([]byte, 0, 512)}
	v.encodeFields(&e, body, false)
	if len(e.b) < compressMin {
		return packedFields{versionFormat, e.b}
	}
	z := enc.EncodeAll(e.b, make([]byte, 0, len(e.b)/2))
	if len(z) > len(e.b)*9/10 {
		return packedFields{versionFormat, e.b}
	}
	return packedFields{versionFormatZstd, z}
}

// record assembles the version record of fields whose body is stored under
// bodyID.
func (f packedFields) record(bodyID uint64) []byte {
	rec := make([]byte, 0, 1+binary.MaxVarintLen64+len(f.b))
	rec = append(rec, f.format)
	rec = binary.AppendUvarint(rec, bodyID)
	return append(rec, f.b...)
}

// record encodes v as stored: in versionFormat if it has a body id, else
// in recordFormat as before schema 8 (a version stored then and retagged
// since).
func (v *version) record(body []byte, enc *zstd.Encoder) []byte {
	if v.BodyID != 0 {
		return v.packFields(body, enc).record(v.BodyID)
	}
	var e encoder
	e.byte1(recordFormat)
	v.encodeFields(&e, body, true)
	return compressRecord(e.bytes(), enc)
}

func (v *version) encodeFields(e *encoder, body []byte, legacy bool) {
	p := &v.Posting
	e.timeVal(v.Since)
	e.hash(v.Hash)
	if legacy {
		e.hash(v.Body)
	}
	e.count(v.BodySize)
	e.str(p.SourceType)
	e.str(p.URL)
	e.str(p.Title)
	e.str(p.Company)
	e.str(p.Location)
	e.str(p.Department)
	e.byte1(byte(p.Workplace))
	e.boolean(p.Salary != nil)
	if p.Salary != nil {
		e.float(p.Salary.Min)
		e.float(p.Salary.Max)
		e.str(p.Salary.Currency)
		e.str(p.Salary.Period)
	}
	e.timeVal(p.Posted)
	e.timeVal(p.Updated)
	if legacy {
		encodeTagsInline(e, &v.Tags)
	} else {
		encodeTags(e, &v.Tags, body)
	}
}

// decodeVersion decodes a version record of any format, decompressing it
// first if it is stored compressed. With evidence, it reads the evidence
// kept inline and lists in v.refs what resolveEvidence must read from the
// body; without, every Evidence stays empty and nothing is allocated for
// them, which is all that counting and indexing need.
func decodeVersion(b []byte, dec *zstd.Decoder, evidence bool) (version, error) {
	var v version
	if len(b) == 0 {
		return v, fmt.Errorf("%w: empty version record", ErrCorrupt)
	}
	format := b[0]
	d := decoder{b: b[1:]}
	switch format {
	case recordZstd:
		raw, err := dec.DecodeAll(b[1:], nil)
		if err != nil {
			return v, fmt.Errorf("%w: version record: %v", ErrCorrupt, err)
		}
		if len(raw) == 0 || raw[0] != recordFormat {
			return v, fmt.Errorf("%w: compressed version record not in format %d", ErrCorrupt, recordFormat)
		}
		format, d.b = recordFormat, raw[1:]
	case recordFormat:
	case versionFormat, versionFormatZstd:
		if v.BodyID = d.uvarint(); v.BodyID == 0 && d.err == nil {
			return v, fmt.Errorf("%w: version record without a body id", ErrCorrupt)
		}
		if format == versionFormatZstd && d.err == nil {
			raw, err := dec.DecodeAll(d.b, nil)
			if err != nil {
				return v, fmt.Errorf("%w: version record: %v", ErrCorrupt, err)
			}
			d.b = raw
		}
	default:
		return v, fmt.Errorf("%w: version record format %d", ErrCorrupt, format)
	}
	legacy := format == recordFormat
	p := &v.Posting
	v.Since = d.timeVal()
	v.Hash = d.hash()
	if legacy {
		v.Body = d.hash()
	}
	v.BodySize = d.count2()
	p.SourceType = d.str()
	p.URL = d.str()
	p.Title = d.str()
	p.Company = d.str()
	p.Location = d.str()
	p.Department = d.str()
	p.Workplace = skillpulse.Workplace(d.byte1())
	if d.boolean() {
		p.Salary = &skillpulse.Salary{Min: d.float(), Max: d.float(), Currency: d.str(), Period: d.str()}
	}
	p.Posted = d.timeVal()
	p.Updated = d.timeVal()
	if legacy {
		decodeTagsInline(&d, &v.Tags, evidence)
	} else {
		v.refs = decodeTags(&d, &v.Tags, v.BodySize, evidence)
	}
	return v, d.done()
}

// count2 reads a plain non-negative size that is not bounded by the record.
func (d *decoder) count2() int { return int(d.uvarint()) }

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

// indexIn is bytes.Index(body, []byte(s)) without copying s. A long s is
// looked for by its first 32 bytes, which bytes.Index finds with vector
// instructions, and then compared whole: for a sentence in prose that is
// several times faster than bytes.Index on the whole sentence, whose first
// byte matches every few bytes.
func indexIn(body []byte, s string) int {
	const prefix = 32
	if len(s) == 0 {
		return -1
	}
	needle := unsafe.Slice(unsafe.StringData(s), len(s))
	if len(needle) <= prefix {
		return bytes.Index(body, needle)
	}
	for off := 0; ; {
		i := bytes.Index(body[off:], needle[:prefix])
		if i < 0 {
			return -1
		}
		if bytes.HasPrefix(body[off+i:], needle) {
			return off + i
		}
		off += i + 1
	}
}

// decodeTags reads what encodeTags wrote, for a body of bodySize bytes. It
// returns the evidence to read from the body (see resolveEvidence), or
// nothing without evidence.
func decodeTags(d *decoder, t *skillpulse.Tags, bodySize int, evidence bool) []evidenceRef {
	type entry struct {
		s      string
		off, n int
		ref    int // 1 + index in refs, once a mention cites it
	}
	table := make([]entry, d.count())
	for i := range table {
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
			table[i].off, table[i].n = off, n
		default:
			d.fail()
			return nil
		}
	}
	var refs []evidenceRef
	if n := d.count(); n > 0 {
		t.Mentions = make([]skillpulse.Mention, n)
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
	t.Language = d.str()
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

// mention reads what both record formats keep of a mention but its
// evidence.
func (d *decoder) mention(m *skillpulse.Mention) {
	m.SkillID = d.str()
	m.Level = skillpulse.Level(d.byte1())
	m.Years = d.integer()
}

// decodeTagsInline reads the tags of a record in recordFormat, written
// before schema 8, which kept every mention's evidence inline.
func decodeTagsInline(d *decoder, t *skillpulse.Tags, evidence bool) {
	if n := d.count(); n > 0 {
		t.Mentions = make([]skillpulse.Mention, n)
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
	t.Language = d.str()
	t.Years = d.integer()
}

// body is the bulky part of a posting, stored once per distinct content in
// the content bucket: the description and the sections.
func encodeBody(e *encoder, p *skillpulse.Posting) {
	e.str(p.Description)
	e.count(len(p.Sections))
	for _, s := range p.Sections {
		e.str(s.Heading)
		e.str(s.Body)
	}
}

func decodeBody(b []byte, p *skillpulse.Posting) error {
	d := decoder{b: b}
	p.Description = d.str()
	if n := d.count(); n > 0 {
		p.Sections = make([]skillpulse.Section, n)
		for i := range p.Sections {
			p.Sections[i] = skillpulse.Section{Heading: d.str(), Body: d.str()}
		}
	}
	return d.done()
}

// bodyHash addresses an encoded body. It is a digest of the body alone (not
// the posting's ContentHash), so postings that differ only in title or
// location share one stored description.
func bodyHash(raw []byte) skillpulse.Hash { return sha256.Sum256(raw) }

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
