package crawler

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// Benchmarks report postings/s and MB/s of the parsers on the shared
// recorded payloads (skipped when they are absent).

func BenchmarkParseGreenhouse(b *testing.B) {
	benchParser(b, "greenhouse/jobs_content_takealotgroup.json", parseGreenhouse)
}

func BenchmarkParseLever(b *testing.B) {
	benchParser(b, "lever/postings_moo.json", parseLever)
}

func benchParser(b *testing.B, fixture string, parse func([]byte) ([]skillpulse.Posting, error)) {
	body := sharedFixture(b, fixture)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		posts, err := parse(body)
		if err != nil {
			b.Fatal(err)
		}
		n += len(posts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "postings/s")
}
