package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/config"
)

// The scale benchmarks crawl 100 Greenhouse boards of 100 postings each from
// one loopback server with no delay, through the real Crawler and through a
// plain net/http + encoding/json loop (the ceiling: no politeness, no
// bounds, no role filter, no HTML handling). Both use the same number of
// concurrent requests. Compare postings/s of the two for the ratio.
const (
	scaleBoards      = 100
	scalePerBoard    = 100
	scaleConcurrency = 8
)

func scaleServer(b *testing.B) *httptest.Server {
	b.Helper()
	titles := []string{"Site Reliability Engineer", "Senior Platform Engineer", "DevOps Engineer",
		"Cloud Infrastructure Engineer", "Network Engineer", "Account Executive, Cloud"}
	bodies := make(map[string][]byte, scaleBoards)
	for i := range scaleBoards {
		var jobs []map[string]any
		for j := range scalePerBoard {
			content := fmt.Sprintf(`<h2>About the role</h2><p>Board %d runs a fleet of Kubernetes clusters on AWS.</p>
<h2>What you'll need</h2><ul><li>5+ years of Linux administration</li><li>3+ years of Terraform</li><li>Python or Go</li></ul>
<h2>Nice to have</h2><ul><li>Prometheus and Grafana</li><li>BGP and DNS</li></ul>%s`, i, strings.Repeat("<p>We value on-call hygiene, blameless incident reviews and capacity planning.</p>", 12))
			jobs = append(jobs, map[string]any{
				"id": 4000000 + i*1000 + j, "title": titles[j%len(titles)],
				"absolute_url": fmt.Sprintf("https://job-boards.greenhouse.io/board%d/jobs/%d", i, j),
				"location":     map[string]string{"name": "Remote"}, "company_name": fmt.Sprintf("Board %d", i),
				"updated_at": "2026-11-20T09:00:00-05:00", "first_published": "2026-11-01T09:00:00-05:00",
				"content":     html.EscapeString(content),
				"departments": []map[string]any{{"id": 1, "name": "Infrastructure"}},
			})
		}
		body, err := json.Marshal(map[string]any{"jobs": jobs, "meta": map[string]int{"total": scalePerBoard}})
		if err != nil {
			b.Fatal(err)
		}
		bodies[fmt.Sprintf("board%d", i)] = body
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/boards/{board}/jobs", func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.PathValue("board")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	return srv
}

// forEachBoard runs fn for every board with scaleConcurrency workers.
func forEachBoard(fn func(board string) (int, error)) (int, error) {
	var (
		mu       sync.Mutex
		total    int
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan string)
	for range scaleConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for board := range next {
				n, err := fn(board)
				mu.Lock()
				total += n
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	for i := range scaleBoards {
		next <- fmt.Sprintf("board%d", i)
	}
	close(next)
	wg.Wait()
	return total, firstErr
}

// BenchmarkCrawl100Boards crawls the 100 boards through the real Crawler
// and through plainCrawl, the ceiling, in every iteration, and reports
// ratio_vs_plain (the Crawler's postings/s over the plain loop's) and the
// allocations of each crawl (allocs/crawl, plain-allocs/crawl) and their
// ratio. Allocations are counted process-wide, so both include the
// loopback server's, which are the same for both.
func BenchmarkCrawl100Boards(b *testing.B) {
	srv := scaleServer(b)
	c := New(config.Crawl{
		UserAgent: "skillpulse-bench", RequestTimeout: config.Duration(30 * time.Second),
		Parallelism: scaleConcurrency, MaxRetries: 0, MaxBody: 64 << 20, MaxItems: 10000, MaxPages: 10,
		AllowPrivate: true,
	})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: scaleConcurrency}}
	b.Cleanup(client.CloseIdleConnections)
	ctx := context.Background()
	b.ReportAllocs()
	var took, plainTook time.Duration
	var allocs, plainAllocs uint64
	for b.Loop() {
		start, m0 := time.Now(), mallocs()
		n, err := forEachBoard(func(board string) (int, error) {
			res, err := c.FetchResult(ctx, &config.Source{Name: board, Type: "greenhouse", Board: board, BaseURL: srv.URL})
			return res.Seen, err
		})
		took, allocs = took+time.Since(start), allocs+mallocs()-m0
		if err != nil {
			b.Fatal(err)
		}
		if n != scaleBoards*scalePerBoard {
			b.Fatalf("saw %d postings, want %d", n, scaleBoards*scalePerBoard)
		}
		b.StopTimer()
		start, m0 = time.Now(), mallocs()
		n, err = plainCrawl(client, srv.URL)
		plainTook, plainAllocs = plainTook+time.Since(start), plainAllocs+mallocs()-m0
		if err != nil {
			b.Fatal(err)
		}
		if n != scaleBoards*scalePerBoard {
			b.Fatalf("plain loop saw %d postings, want %d", n, scaleBoards*scalePerBoard)
		}
		b.StartTimer()
	}
	total := float64(scaleBoards * scalePerBoard * b.N)
	b.ReportMetric(total/took.Seconds(), "postings/s")
	b.ReportMetric(total/plainTook.Seconds(), "plain-postings/s")
	b.ReportMetric(plainTook.Seconds()/took.Seconds(), "ratio_vs_plain")
	b.ReportMetric(float64(allocs)/float64(b.N), "allocs/crawl")
	b.ReportMetric(float64(plainAllocs)/float64(b.N), "plain-allocs/crawl")
	b.ReportMetric(float64(allocs)/float64(plainAllocs), "allocs_vs_plain")
}

// mallocs is how many heap objects the process has allocated so far.
func mallocs() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}

// plainCrawl is the ceiling of BenchmarkCrawl100Boards: the same crawl with
// nothing but net/http and encoding/json.
func plainCrawl(client *http.Client, base string) (int, error) {
	type job struct {
		ID      int64  `json:"id"`
		Title   string `json:"title"`
		Content string `json:"content"`
	}
	return forEachBoard(func(board string) (int, error) {
		resp, err := client.Get(base + "/v1/boards/" + board + "/jobs?content=true")
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		var doc struct{ Jobs []job }
		if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		return len(doc.Jobs), nil
	})
}
