package resume

import (
	"context"
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
