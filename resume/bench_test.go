package resume

import (
	"context"
	"fmt"
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
