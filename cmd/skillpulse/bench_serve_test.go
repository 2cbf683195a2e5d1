package main

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkServeUnderCrawl runs the built binary as a user runs it: `serve`
// on a store, and beside it a crawl from another process over boards that
// change a fifth of their postings on every request, so that every crawl
// writes. Each iteration measures, before the crawl (the baseline, caches
// warm) and while it runs (including the first reads after it, which
// rebuild them), the latency of GET /api/v1/weeks/current and
// /api/v1/postings?limit=100 and of a `report` process; ratio_crawl_vs_idle
// compares the two in the same run. After the iterations, a bounded
// loopback load (8 clients, a few seconds per endpoint) gives requests per
// second. With -short (as CI runs it) the boards hold 500 postings and the
// load lasts half a second: the figures then mean little.
func BenchmarkServeUnderCrawl(b *testing.B) {
	boards, perBoard, loadFor := 4, 6000, 4*time.Second
	if testing.Short() {
		boards, perBoard, loadFor = 1, 500, 500*time.Millisecond
	}
	dir := b.TempDir()
	bin := buildBinary(b)
	srv := httptest.NewServer(changingBoards(perBoard))
	defer srv.Close()
	var srcs strings.Builder
	for i := range boards {
		fmt.Fprintf(&srcs, "  - {name: b%d, type: greenhouse, board: b%d, base_url: %s, allow_private: true}\n", i, i, srv.URL)
	}
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("storage: {path: %s}\ncrawl: {user_agent: bench, delay: 0s, max_retries: 0, max_items: 10000}\nsources:\n%s",
		filepath.Join(dir, "sp.db"), srcs.String())), 0o644); err != nil {
		b.Fatal(err)
	}
	command := binary{t: b, path: bin, config: cfg, env: []string{"SKILLPULSE_API_TOKEN="}}.cmd
	if out, err := command("crawl").CombinedOutput(); err != nil {
		b.Fatalf("seed crawl: %v\n%s", err, out)
	}
	serve := command("serve", "--no-schedule", "--listen", "127.0.0.1:0")
	stdout, _ := serve.StdoutPipe()
	if err := serve.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { serve.Process.Kill(); serve.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, stdout)
	base := strings.Fields(line)[3]

	get := func(path string) time.Duration {
		t0 := time.Now()
		resp, err := http.Get(base + path)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("GET %s: %s", path, resp.Status)
		}
		return time.Since(t0)
	}
	report := func() time.Duration {
		t0 := time.Now()
		if out, err := command("report", "--format", "json", "--out", "-").CombinedOutput(); err != nil {
			b.Fatalf("report: %v\n%.500s", err, out)
		}
		return time.Since(t0)
	}
	var idle, crawling sample
	var crawlTook time.Duration
	for b.Loop() {
		// The first read after a crawl rebuilds the answers' caches: the
		// baseline is a warm server, as most reads find it.
		get("/api/v1/weeks/current")
		get("/api/v1/postings?limit=100")
		idle.add(get("/api/v1/weeks/current"), get("/api/v1/postings?limit=100"), report())
		t0 := time.Now()
		crawl := command("crawl")
		if err := crawl.Start(); err != nil {
			b.Fatal(err)
		}
		var done atomic.Bool
		finished := make(chan error, 1)
		go func() { finished <- crawl.Wait(); done.Store(true) }()
		for !done.Load() {
			crawling.add(get("/api/v1/weeks/current"), get("/api/v1/postings?limit=100"), report())
		}
		if err := <-finished; err != nil {
			b.Fatalf("crawl beside serve: %v", err)
		}
		crawlTook += time.Since(t0)
	}
	b.StopTimer()
	b.ReportMetric(crawlTook.Seconds()/float64(b.N), "crawl-s")
	b.ReportMetric(idle.mean(0), "api-idle-ms")
	b.ReportMetric(crawling.mean(0), "api-crawl-ms")
	b.ReportMetric(crawling.max(0), "api-crawl-max-ms")
	b.ReportMetric(idle.mean(1), "postings-idle-ms")
	b.ReportMetric(crawling.mean(1), "postings-crawl-ms")
	b.ReportMetric(idle.mean(2), "report-idle-ms")
	b.ReportMetric(crawling.mean(2), "report-crawl-ms")
	b.ReportMetric(crawling.max(2), "report-crawl-max-ms")
	b.ReportMetric(crawling.mean(0)/idle.mean(0), "api_ratio_crawl_vs_idle")
	b.ReportMetric(crawling.mean(2)/idle.mean(2), "report_ratio_crawl_vs_idle")
	b.ReportMetric(load(b, base+"/api/v1/weeks/current", 8, loadFor), "weeks-req/s")
	b.ReportMetric(load(b, base+"/api/v1/postings?limit=100", 8, loadFor), "postings-req/s")
}

// sample keeps latencies of a few kinds, in milliseconds.
type sample struct{ ms [3][]float64 }

func (s *sample) add(ds ...time.Duration) {
	for i, d := range ds {
		s.ms[i] = append(s.ms[i], float64(d.Microseconds())/1000)
	}
}

func (s *sample) mean(kind int) float64 {
	sum := 0.0
	for _, v := range s.ms[kind] {
		sum += v
	}
	return sum / float64(max(1, len(s.ms[kind])))
}

func (s *sample) max(kind int) float64 {
	m := 0.0
	for _, v := range s.ms[kind] {
		m = max(m, v)
	}
	return m
}

// load asks url from workers clients on loopback for d and returns the
// good answers per second.
func load(b *testing.B, url string, workers int, d time.Duration) float64 {
	var n atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(d)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	defer client.CloseIdleConnections()
	for range workers {
		wg.Go(func() {
			for time.Now().Before(stop) {
				resp, err := client.Get(url)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 {
					n.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(n.Load()) / d.Seconds()
}

// changingBoards serves Greenhouse boards of n postings, a fifth of which
// change on every request.
func changingBoards(n int) http.Handler {
	var version atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/boards/{board}/jobs", func(w http.ResponseWriter, r *http.Request) {
		v := version.Add(1)
		w.Header().Set("Content-Type", "application/json")
		bw := bufio.NewWriter(w)
		fmt.Fprint(bw, `{"jobs":[`)
		for i := range n {
			if i > 0 {
				fmt.Fprint(bw, ",")
			}
			rev := 0
			if i%5 == int(v%5) {
				rev = int(v)
			}
			content := html.EscapeString(fmt.Sprintf(`<h2>Requirements</h2><ul><li>%d+ years of Terraform and AWS</li><li>Linux, Kubernetes, Ansible and Python</li><li>Prometheus and Grafana a plus</li></ul><p>Revision %d of posting %d on %s.</p>`,
				i%7+1, rev, i, r.PathValue("board")))
			fmt.Fprintf(bw, `{"id":%d,"title":"Site Reliability Engineer %d","absolute_url":"https://example.com/%s/%d","location":{"name":"Remote"},"updated_at":"2026-11-20T09:00:00Z","content":%q}`,
				i+1, i, r.PathValue("board"), i, content)
		}
		fmt.Fprint(bw, `],"meta":{"total":1}}`)
		bw.Flush()
	})
	return mux
}
