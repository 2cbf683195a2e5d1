package resume

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads the sysadmin resume as text (the baseline), PDF and
// .docx, and reports each format's cost as a multiple of the text's.
func BenchmarkRead(b *testing.B) {
	text := testResume(b, "sysadmin")
	inputs := []struct {
		name string
		data []byte
	}{
		{"text", []byte(text)},
		{"pdf", makePDF(b, text, false)},
		{"docx", makeDOCX(b, text)},
	}
	var base float64
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadBytes(context.Background(), in.data); err != nil {
					b.Fatal(err)
				}
			}
			perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if in.name == "text" {
				base = perOp
			} else if base > 0 {
				b.ReportMetric(perOp/base, "x-text")
			}
		})
	}
}

// BenchmarkParse is resume mode on the six test resumes.
func BenchmarkParse(b *testing.B) {
	p := newTestParser(b)
	var texts []string
	for _, tc := range resumeCases {
		texts = append(texts, testResume(b, tc.name))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			p.Parse(t, now)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "resumes/s")
}

// BenchmarkReadLargePDF reads a PDF padded to near MaxSize with an unused
// stream, the worst case for the checks run before the PDF library sees a
// file, beside the same resume without the padding.
func BenchmarkReadLargePDF(b *testing.B) {
	text := testResume(b, "sre")
	small := makePDF(b, text, false)
	pad := make([]byte, MaxSize-len(small)-1024)
	for i := range pad {
		pad[i] = byte('a' + i%23)
	}
	// An extra object after the header: never referenced, still scanned.
	large := append([]byte(nil), small[:9]...)
	large = append(large, "99 0 obj <</Length "+fmt.Sprint(len(pad))+">> stream\n"...)
	large = append(large, pad...)
	large = append(large, "\nendstream endobj\n"...)
	large = append(large, small[9:]...)
	var base float64
	for _, in := range []struct {
		name string
		data []byte
	}{{"resume", small}, {"padded-to-10MiB", large}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				ReadBytes(context.Background(), in.data)
			}
			perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if base == 0 {
				base = perOp
			} else {
				b.ReportMetric(perOp/base, "x-resume")
			}
		})
	}
}

// BenchmarkReadEncryptedPDF reads a resume PDF (the baseline), the same
// PDF encrypted with RC4 40-bit and an empty user password, and that file
// padded to near MaxSize with objects of one string each, the worst case
// for decryption (a key set up per object); each as a multiple of the
// baseline.
func BenchmarkReadEncryptedPDF(b *testing.B) {
	read := func(path string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", path))
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	enc := read("encrypted/rc4-40.pdf")
	// The objects go before the cross-reference table, which startxref
	// then points past them to.
	x := bytes.LastIndex(enc, []byte("\nxref\n")) + 1
	pad := bytes.Repeat([]byte("1 0 obj (a) endobj\n"), (MaxSize-len(enc)-64)/19)
	tail := bytes.Replace(enc[x:], fmt.Appendf(nil, "startxref\n%d\n", x), fmt.Appendf(nil, "startxref\n%d\n", x+len(pad)), 1)
	padded := append(append(append([]byte(nil), enc[:x]...), pad...), tail...)
	if _, err := ReadBytes(context.Background(), padded); err != nil {
		b.Fatalf("padded PDF: %v", err)
	}
	var base float64
	for _, in := range []struct {
		name string
		data []byte
	}{{"plain", read("libreoffice/sre.pdf")}, {"rc4-40", enc}, {"rc4-40-padded-to-10MiB", padded}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				ReadBytes(context.Background(), in.data)
			}
			perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if in.name == "plain" {
				base = perOp // each round against its own baseline
			} else {
				b.ReportMetric(perOp/base, "x-plain")
			}
		})
	}
}
