package store

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

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

func decodeHead(b []byte) (head, error) { return decodeHeadWith(decoder{b: b}) }

// decodeHeadWith decodes the head d holds; a lean decoder leaves Origins
// out, and one that interns interns the source.
func decodeHeadWith(d decoder) (head, error) {
	var h head
	if f := d.byte1(); f != recordFormat {
		return h, fmt.Errorf("%w: posting record format %d", ErrCorrupt, f)
	}
	h.Source = d.ident()
	h.NativeID = d.str()
	h.FirstSeen = d.timeVal()
	h.ClosedAt = d.timeVal()
	h.Hash = d.hash()
	h.Current = uint32(d.uvarint())
	h.Versions = uint32(d.uvarint())
	if n := d.count(); n > 0 && d.lean {
		for range 2 * n {
			d.skipStr()
		}
	} else if n > 0 {
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
	encodeImplied(e, v.Tags.Implied)
}

// decodeVersion decodes a version record of any format, decompressing it
// first if it is stored compressed. With evidence, it reads the evidence
// kept inline and lists in v.refs what resolveEvidence must read from the
// body; without, every Evidence stays empty and nothing is allocated for
// them, which is all that counting and indexing need.
func decodeVersion(b []byte, dec *zstd.Decoder, evidence bool) (version, error) {
	var v version
	err := decodeVersionInto(&v, b, dec, versionRead{evidence: evidence})
	return v, err
}

// versionRead says how much of a version record decodeVersionInto reads.
type versionRead struct {
	// evidence reads the evidence sentences too (see decodeVersion).
	evidence bool
	// lean leaves out what counting demand does not read: the posting's
	// text fields (source type, URL, title, company, location,
	// department), the tags' language and the skills implied credit came
	// through (Implied.Via). Workplace, salary, dates, mentions and
	// implied skills are read as always.
	lean bool
	// intern, when not nil, interns skill ids, currencies and periods
	// across the records read.
	intern map[string]string
}

// decodeVersionInto is decodeVersion reading into v what r asks for. v is
// zero but for its tags' Mentions and Implied, whose arrays it fills
// again when they are large enough (their lengths do not matter).
func decodeVersionInto(v *version, b []byte, dec *zstd.Decoder, r versionRead) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty version record", ErrCorrupt)
	}
	format := b[0]
	evidence := r.evidence
	d := decoder{b: b[1:], lean: r.lean, intern: r.intern}
	switch format {
	case recordZstd:
		raw, err := dec.DecodeAll(b[1:], nil)
		if err != nil {
			return fmt.Errorf("%w: version record: %v", ErrCorrupt, err)
		}
		if len(raw) == 0 || raw[0] != recordFormat {
			return fmt.Errorf("%w: compressed version record not in format %d", ErrCorrupt, recordFormat)
		}
		format, d.b = recordFormat, raw[1:]
	case recordFormat:
	case versionFormat, versionFormatZstd:
		if v.BodyID = d.uvarint(); v.BodyID == 0 && d.err == nil {
			return fmt.Errorf("%w: version record without a body id", ErrCorrupt)
		}
		if format == versionFormatZstd && d.err == nil {
			raw, err := dec.DecodeAll(d.b, nil)
			if err != nil {
				return fmt.Errorf("%w: version record: %v", ErrCorrupt, err)
			}
			d.b = raw
		}
	default:
		return fmt.Errorf("%w: version record format %d", ErrCorrupt, format)
	}
	legacy := format == recordFormat
	p := &v.Posting
	v.Since = d.timeVal()
	v.Hash = d.hash()
	if legacy {
		v.Body = d.hash()
	}
	v.BodySize = d.count2()
	p.SourceType = d.text()
	p.URL = d.text()
	p.Title = d.text()
	p.Company = d.text()
	p.Location = d.text()
	p.Department = d.text()
	p.Workplace = skillpulse.Workplace(d.byte1())
	if d.boolean() {
		p.Salary = &skillpulse.Salary{Min: d.float(), Max: d.float(), Currency: d.ident(), Period: d.ident()}
	}
	p.Posted = d.timeVal()
	p.Updated = d.timeVal()
	if legacy {
		decodeTagsInline(&d, &v.Tags, evidence)
	} else {
		v.refs = decodeTags(&d, &v.Tags, v.BodySize, evidence)
	}
	decodeImplied(&d, &v.Tags)
	return d.done()
}

// count2 reads a plain non-negative size that is not bounded by the record.
func (d *decoder) count2() int { return int(d.uvarint()) }

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
