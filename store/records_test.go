package store

import (
	"encoding/json"
	"testing"

	"github.com/klauspost/compress/dict"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"github.com/skillpulse/skillpulse"
)

// BenchmarkVersionEncoding compares the hand-written binary version record
// with the same record as JSON, plain and zstd-compressed, reporting bytes
// per record. It is the measurement behind choosing the binary form.
func BenchmarkVersionEncoding(b *testing.B) {
	ps := synthetic("acme", 200, 5)
	vs := make([]version, len(ps))
	bodies := make([][]byte, len(ps))
	for i := range ps {
		p := ps[i]
		p.Description, p.Sections = "", nil
		var body encoder
		encodeBody(&body, &ps[i])
		bodies[i] = body.bytes()
		vs[i] = version{Since: t0, Hash: ps[i].ContentHash(), Body: ps[i].ContentHash(), Posting: p, Tags: evidenceTagger{}.Tag(&ps[i]), BodySize: len(bodies[i])}
	}
	enc, _ := zstd.NewWriter(nil, zstd.WithLowerEncoderMem(true))
	dec, _ := zstd.NewReader(nil)
	type jsonVersion struct { // what a JSON record would hold
		Since    string
		Hash     string // hex, as JSON would sensibly carry a digest
		Body     string
		Posting  skillpulse.Posting
		Tags     skillpulse.Tags
		BodySize int
	}
	cases := []struct {
		name   string
		encode func(v *version, body []byte) []byte
		decode func(b []byte) error
	}{
		{"binary", func(v *version, body []byte) []byte {
			var e encoder
			v.encodeFields(&e, body, false)
			return packedFields{versionFormat, e.bytes()}.record(1)
		}, func(b []byte) error { _, err := decodeVersion(b, dec, true); return err }},
		{"binary+zstd", func(v *version, body []byte) []byte {
			var e encoder
			v.encodeFields(&e, body, false)
			return packedFields{versionFormatZstd, enc.EncodeAll(e.bytes(), nil)}.record(1)
		}, func(b []byte) error { _, err := decodeVersion(b, dec, true); return err }},
		{"json", func(v *version, _ []byte) []byte {
			out, _ := json.Marshal(jsonVersion{v.Since.String(), v.Hash.String(), v.Body.String(), v.Posting, v.Tags, v.BodySize})
			return out
		}, func(b []byte) error { var v jsonVersion; return json.Unmarshal(b, &v) }},
		{"json+zstd", func(v *version, _ []byte) []byte {
			out, _ := json.Marshal(jsonVersion{v.Since.String(), v.Hash.String(), v.Body.String(), v.Posting, v.Tags, v.BodySize})
			return enc.EncodeAll(out, nil)
		}, func(b []byte) error {
			raw, err := dec.DecodeAll(b, nil)
			if err != nil {
				return err
			}
			var v jsonVersion
			return json.Unmarshal(raw, &v)
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			total := 0
			for i := range vs {
				total += len(c.encode(&vs[i], bodies[i]))
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := c.decode(c.encode(&vs[i%len(vs)], bodies[i%len(vs)])); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(total)/float64(len(vs)), "B/record")
		})
	}
}

// BenchmarkBodyCompression compares zstd levels, and S2 with a dictionary
// trained as the store trains it (from the first dictMaxSamples bodies, not
// compressed here), on encoded bodies of 3–5 KB, reporting the compressed
// share of the input: the measurement behind the store's choices.
func BenchmarkBodyCompression(b *testing.B) {
	ps := synthetic("acme", 500+dictMaxSamples, 11)
	bodies := make([][]byte, len(ps))
	for i := range ps {
		var e encoder
		encodeBody(&e, &ps[i])
		bodies[i] = e.bytes()
	}
	train, bodies := bodies[:dictMaxSamples], bodies[dictMaxSamples:]
	run := func(name string, compress func(dst, body []byte) []byte) {
		b.Run(name, func(b *testing.B) {
			var in, out int64
			buf := make([]byte, 0, 8<<10)
			i := 0
			for b.Loop() {
				body := bodies[i%len(bodies)]
				in += int64(len(body))
				out += int64(len(compress(buf[:0], body)))
				i++
			}
			b.SetBytes(in / int64(i))
			b.ReportMetric(float64(out)/float64(in), "ratio")
		})
	}
	for _, level := range []zstd.EncoderLevel{zstd.SpeedFastest, zstd.SpeedDefault, zstd.SpeedBetterCompression} {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(level), zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true))
		if err != nil {
			b.Fatal(err)
		}
		run("zstd-"+level.String(), func(dst, body []byte) []byte { return enc.EncodeAll(body, dst) })
	}
	raw, err := dict.BuildS2Dict(train, dict.Options{MaxDictSize: dictMaxSize, HashBytes: 6})
	if err != nil {
		b.Fatal(err)
	}
	d := s2.NewDict(raw)
	run("s2-dictionary", func(dst, body []byte) []byte { return d.Encode(dst[:cap(dst)], body) })
	for _, level := range []zstd.EncoderLevel{zstd.SpeedFastest, zstd.SpeedDefault} {
		zd, err := dict.BuildZstdDict(train, dict.Options{MaxDictSize: dictMaxSize, HashBytes: 6, ZstdDictID: 1})
		if err != nil {
			b.Fatal(err)
		}
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(level), zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true), zstd.WithEncoderDict(zd), zstd.WithEncoderCRC(false))
		if err != nil {
			b.Fatal(err)
		}
		run("zstd-dict-"+level.String(), func(dst, body []byte) []byte { return enc.EncodeAll(body, dst) })
	}
}
