package store

import (
	"bytes"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/skillpulse/skillpulse"
)

// The decoders read whatever is in the file, so damaged bytes must give
// ErrCorrupt, never a panic or an unbounded allocation, and anything they
// accept must survive a round trip: encoding what was decoded and decoding
// and encoding that again gives the same bytes (bytes, not values, so that
// a NaN salary compares equal to itself).

func seedRecords(f *testing.F, kind byte) {
	p := posting("acme", "1", "Kubernetes and Terraform")
	tags := (&countingTagger{}).Tag(&p)
	var e encoder
	switch kind {
	case 'h':
		h := head{Source: "acme", NativeID: "1", FirstSeen: t0, ClosedAt: t0.Add(time.Hour), Hash: p.ContentHash(), Current: 1, Versions: 2,
			Origins: []skillpulse.Origin{{Source: "acme", URL: p.URL}}}
		h.encode(&e)
	case 'v':
		var body encoder
		encodeBody(&body, &p)
		v := version{Since: t0, Hash: p.ContentHash(), BodyID: 1, Posting: p, Tags: tags, BodySize: len(body.bytes())}
		enc, _ := zstd.NewWriter(nil)
		e.raw(v.record(body.bytes(), enc))
	case 's':
		s := snapshot{Taken: t0, IDs: []uint64{1, 5, 300, 70000}, Vers: []uint32{0, 2, 0, 1}}
		s.encode(&e)
	case 'b':
		encodeBody(&e, &p)
	}
	f.Add(e.bytes())
	f.Add([]byte{})
	f.Add([]byte{recordFormat, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
}

func FuzzDecodeHead(f *testing.F) {
	seedRecords(f, 'h')
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := decodeHead(b)
		if err != nil {
			return
		}
		var e encoder
		h.encode(&e)
		h2, err := decodeHead(e.bytes())
		var e2 encoder
		h2.encode(&e2)
		if err != nil || !bytes.Equal(e.bytes(), e2.bytes()) {
			t.Fatalf("head round trip: %+v → %+v, %v", h, h2, err)
		}
	})
}

func FuzzDecodeVersion(f *testing.F) {
	seedRecords(f, 'v')
	enc, _ := zstd.NewWriter(nil)
	dec, _ := zstd.NewReader(nil, zstd.WithDecoderMaxMemory(1<<20))
	// Evidence refers into this body; a record citing past its end is
	// corrupt for it.
	p := posting("acme", "1", "Production experience with Kubernetes and Terraform. Go is a plus.")
	var body encoder
	encodeBody(&body, &p)
	long := version{Posting: p, BodyID: 300, BodySize: len(body.bytes()), Tags: skillpulse.Tags{Mentions: []skillpulse.Mention{
		{SkillID: "kubernetes", Level: skillpulse.LevelRequired, Evidence: "Production experience with Kubernetes and Terraform."},
		{SkillID: "terraform", Level: skillpulse.LevelRequired, Evidence: "Production experience with Kubernetes and Terraform."},
		{SkillID: "go", Level: skillpulse.LevelPreferred, Evidence: "Go is a plus, says a sentence the body does not hold."},
	}}}
	f.Add(long.record(body.bytes(), enc))
	fields := long.packFields(body.bytes(), enc)
	f.Add(packedFields{versionFormatZstd, enc.EncodeAll(fields.b, nil)}.record(long.BodyID))
	long.BodyID, long.Body = 0, bodyHash(body.bytes()) // as stored before schema 8
	f.Add(long.record(body.bytes(), enc))
	var legacy encoder
	legacy.byte1(recordFormat)
	long.encodeFields(&legacy, nil, true)
	f.Add(append([]byte{recordZstd}, enc.EncodeAll(legacy.bytes(), nil)...))
	decode := func(b []byte) (version, error) {
		v, err := decodeVersion(b, dec, true)
		if err == nil {
			err = v.resolveEvidence(body.bytes())
		}
		return v, err
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := decode(b)
		if err != nil {
			return
		}
		v.BodySize = len(body.bytes())
		rec := v.record(body.bytes(), enc)
		v2, err := decode(rec)
		if err != nil || !bytes.Equal(rec, v2.record(body.bytes(), enc)) {
			t.Fatalf("version round trip: %+v → %+v, %v", v, v2, err)
		}
	})
}

func FuzzDecodeSnapshot(f *testing.F) {
	seedRecords(f, 's')
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := decodeSnapshot(b, false)
		if err != nil {
			return
		}
		var e encoder
		s.encode(&e)
		s2, _, err := decodeSnapshot(e.bytes(), false)
		var e2 encoder
		s2.encode(&e2)
		if err != nil || !bytes.Equal(e.bytes(), e2.bytes()) {
			t.Fatalf("snapshot round trip: %+v → %+v, %v", s, s2, err)
		}
	})
}

func FuzzDecodeBody(f *testing.F) {
	seedRecords(f, 'b')
	f.Fuzz(func(t *testing.T, b []byte) {
		var p skillpulse.Posting
		if err := decodeBody(b, &p); err != nil {
			return
		}
		var e encoder
		encodeBody(&e, &p)
		var p2 skillpulse.Posting
		err := decodeBody(e.bytes(), &p2)
		var e2 encoder
		encodeBody(&e2, &p2)
		if err != nil || !bytes.Equal(e.bytes(), e2.bytes()) {
			t.Fatalf("body round trip: %+v → %+v, %v", p, p2, err)
		}
	})
}

// FuzzIndexIn checks that indexIn, which looks for a sentence by its
// rarest byte, finds what bytes.Index finds: the first occurrence, or none.
func FuzzIndexIn(f *testing.F) {
	body := "<p>We run Kubernetes. You know Terraform and kubernetes; kubernetes at scale.</p>"
	for _, s := range []string{"kubernetes at scale", "Kubernetes", "k", "", "</p>", "zz", body, body + "x", "scale.</p>"} {
		f.Add([]byte(body), s)
	}
	f.Add([]byte("aaaaaaaaaaaaaaaab"), "aab")
	f.Fuzz(func(t *testing.T, body []byte, s string) {
		want := bytes.Index(body, []byte(s))
		if s == "" {
			want = -1 // indexIn looks for sentences, never for nothing
		}
		if got := indexIn(body, s); got != want {
			t.Fatalf("indexIn(%q, %q) = %d, bytes.Index says %d", body, s, got, want)
		}
	})
}

// FuzzDecodeWeekProj feeds the projection parser what follows the
// checksum (sealed with a right one, or nothing would pass it): it must
// not panic, reading and passing over entries must agree, and what it
// decodes must encode back to a value that decodes the same.
func FuzzDecodeWeekProj(f *testing.F) {
	for _, entries := range [][]projEntry{nil, {
		{id: 7, ver: 0, workplace: skillpulse.WorkplaceRemote, seniority: skillpulse.Seniority(2), years: 3,
			mentions: []skillpulse.Mention{{SkillID: "kubernetes", Level: skillpulse.LevelRequired, Years: 5}, {SkillID: "go", Level: skillpulse.LevelPreferred}},
			implied:  []skillpulse.Implied{{SkillID: "containers", Level: skillpulse.LevelRequired}}},
		{id: 9, ver: 2, salary: &skillpulse.Salary{Min: 100000, Max: 140000, Currency: "USD", Period: "year"}, posted: day(1), updated: day(2),
			mentions: []skillpulse.Mention{{SkillID: "go", Level: skillpulse.LevelMentioned}}},
	}} {
		f.Add(encodeWeekProj(entries)[5:])
	}
	f.Fuzz(func(t *testing.T, rest []byte) {
		v := sealWeekProj(rest)
		entries, err := decodeWeekProj(v)
		r, rerr := newProjReader(v)
		for i := 0; rerr == nil && r.left > 0; i++ {
			var id uint64
			var ver uint32
			if id, ver, _, rerr = r.skip(); rerr == nil && err == nil && (id != entries[i].id || ver != entries[i].ver) {
				t.Fatalf("entry %d: passed over as %d/%d, read as %d/%d", i, id, ver, entries[i].id, entries[i].ver)
			}
		}
		if (err == nil) != (rerr == nil) {
			t.Fatalf("reading gives %v, passing over %v", err, rerr)
		}
		if err != nil {
			return
		}
		again, err := decodeWeekProj(encodeWeekProj(entries))
		if err != nil || !bytes.Equal(encodeWeekProj(again), encodeWeekProj(entries)) {
			t.Fatalf("projection round trip: %v", err)
		}
	})
}
