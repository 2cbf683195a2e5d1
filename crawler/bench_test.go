package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
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

// BenchmarkCrawlerFetch measures a whole greenhouse fetch over loopback:
// HTTP layer, parse, bound, role filter.
func BenchmarkCrawlerFetch(b *testing.B) {
	body := sharedFixture(b, "greenhouse/jobs_content_takealotgroup.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	src := &config.Source{Name: "takealot", Type: "greenhouse", Board: "takealotgroup", BaseURL: srv.URL}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	seen := 0
	for b.Loop() {
		res, err := c.FetchResult(context.Background(), src)
		if err != nil {
			b.Fatal(err)
		}
		seen += res.Seen
	}
	b.ReportMetric(float64(seen)/b.Elapsed().Seconds(), "postings/s")
}
