package crawler

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
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

func BenchmarkCrawl100Boards(b *testing.B) {
	srv := scaleServer(b)
	c := New(config.Crawl{
		UserAgent: "skillpulse-bench", RequestTimeout: config.Duration(30 * time.Second),
		Parallelism: scaleConcurrency, MaxRetries: 0, MaxBody: 64 << 20, MaxItems: 10000, MaxPages: 10,
		AllowPrivate: true,
	})
	ctx := context.Background()
	b.ReportAllocs()
	kept := 0
	for b.Loop() {
		n, err := forEachBoard(func(board string) (int, error) {
			res, err := c.FetchResult(ctx, &config.Source{Name: board, Type: "greenhouse", Board: board, BaseURL: srv.URL})
			return res.Seen, err
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != scaleBoards*scalePerBoard {
			b.Fatalf("saw %d postings, want %d", n, scaleBoards*scalePerBoard)
		}
		kept += n
	}
	b.ReportMetric(float64(kept)/b.Elapsed().Seconds(), "postings/s")
}

// BenchmarkCrawl100BoardsCeiling is the same crawl with nothing but
// net/http and encoding/json.
func BenchmarkCrawl100BoardsCeiling(b *testing.B) {
	srv := scaleServer(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: scaleConcurrency}}
	type job struct {
		ID      int64  `json:"id"`
		Title   string `json:"title"`
		Content string `json:"content"`
	}
	b.ReportAllocs()
	kept := 0
	for b.Loop() {
		n, err := forEachBoard(func(board string) (int, error) {
			resp, err := client.Get(srv.URL + "/v1/boards/" + board + "/jobs?content=true")
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
		if err != nil {
			b.Fatal(err)
		}
		kept += n
	}
	b.ReportMetric(float64(kept)/b.Elapsed().Seconds(), "postings/s")
}
