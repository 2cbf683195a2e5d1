package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/store"
)

// load is how hard BenchmarkAPILoad drives a server: clients keep-alive
// connections, each sending its next request when its last is answered,
// in slices of took (or until each has sent perClient requests, when that
// is not 0) that alternate with the other side's.
type load struct {
	clients   int
	slices    int
	took      time.Duration
	perClient int
}

// loadFor is the load of one measured side: 200 clients for 8 slices of
// half a second, 4 s, so the four sides of the benchmark stay within 20 s;
// in -short mode 20 clients of 10 requests, enough to check that it runs.
// Alternating slices let both sides meet the same load from the rest of a
// shared machine.
func loadFor(short bool) load {
	if short {
		return load{clients: 20, slices: 1, took: 10 * time.Second, perClient: 10}
	}
	return load{clients: 200, slices: 8, took: 500 * time.Millisecond}
}

// loadSide is one side of the benchmark: its URL, a connection per client
// kept across slices, and what the slices measured.
type loadSide struct {
	url     string
	clients []*http.Transport
	lat     []time.Duration // of every request
	took    time.Duration   // in all slices
}

func newLoadSide(url string, clients int) *loadSide {
	sd := &loadSide{url: url, clients: make([]*http.Transport, clients)}
	for i := range sd.clients {
		sd.clients[i] = &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}
	}
	return sd
}

func (sd *loadSide) close() {
	for _, tr := range sd.clients {
		tr.CloseIdleConnections()
	}
}

func (sd *loadSide) perSec() float64 { return float64(len(sd.lat)) / sd.took.Seconds() }

func (sd *loadSide) p99() time.Duration {
	slices.Sort(sd.lat)
	return sd.lat[len(sd.lat)*99/100]
}

// BenchmarkAPILoad drives the real api.Server, on 127.0.0.1 over a real
// store (3,000 postings crawled nightly for two weeks, each naming 15 of
// 150 skills), with 200 concurrent keep-alive clients, and beside it, in
// the same run, a plain net/http handler writing the very bytes the API
// answered: the ceiling. Clients send no Accept-Encoding, as wrk does, so
// both write the uncompressed body. It reports each side's requests/s and
// p99 latency and the ratios (ratio_vs_plain: requests/s, API over plain;
// p99_vs_plain: p99, API over plain). Every request must be answered 200
// with the expected number of bytes.
func BenchmarkAPILoad(b *testing.B) {
	st := loadStore(b, testing.Short())
	h := api.New(api.Options{Store: st, Taxonomy: benchTaxonomy{}, Market: benchMarket(), Log: slog.New(slog.NewTextHandler(os.Stderr, nil)),
		Now: func() time.Time { return loadWeek.Start().Add(6*24*time.Hour + 12*time.Hour) }})
	srv := &api.Server{Addr: "127.0.0.1:0", API: h}
	if err := srv.Open(); err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	for _, tc := range []struct{ name, path string }{
		{"weeks_current", "/api/v1/weeks/current"},
		{"postings_page", "/api/v1/postings"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			body := fetchBody(b, srv.URL()+tc.path)
			plainURL := servePlain(b, body)
			l := loadFor(testing.Short())
			var got, plain *loadSide
			for b.Loop() {
				got, plain = newLoadSide(srv.URL()+tc.path, l.clients), newLoadSide(plainURL, l.clients)
				for range l.slices {
					drive(b, got, len(body), l)
					drive(b, plain, len(body), l)
				}
				got.close()
				plain.close()
			}
			b.ReportMetric(float64(len(body))/1024, "resp-KB")
			b.ReportMetric(got.perSec(), "req/s")
			b.ReportMetric(ms(got.p99()), "p99-ms")
			b.ReportMetric(plain.perSec(), "plain-req/s")
			b.ReportMetric(ms(plain.p99()), "plain-p99-ms")
			b.ReportMetric(got.perSec()/plain.perSec(), "ratio_vs_plain")
			b.ReportMetric(float64(got.p99())/float64(max(plain.p99(), 1)), "p99_vs_plain")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// loadWeek is the week BenchmarkAPILoad's "current" falls in.
var loadWeek = skillpulse.Week{Year: 2026, Num: 47}

// loadStore is a real store holding 3,000 postings (300 in -short mode)
// from three sources, crawled nightly through loadWeek and the week
// before, each naming 15 of 150 skills with levels and years.
func loadStore(b *testing.B, short bool) *store.Store {
	b.Helper()
	st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	n := 1000
	if short {
		n = 100
	}
	r := rand.New(rand.NewPCG(5, 6))
	cities := []string{"Berlin, Germany", "Remote - Europe", "London, UK", "Amsterdam, Netherlands", "New York, NY"}
	titles := []string{"Senior Site Reliability Engineer", "Platform Engineer", "DevOps Engineer", "Staff Infrastructure Engineer", "Cloud Engineer"}
	bySource := map[string][]skillpulse.Posting{}
	sources := []string{"acme", "globex", "initech"}
	for _, src := range sources {
		ps := make([]skillpulse.Posting, n)
		for i := range ps {
			desc := ""
			for range 15 {
				desc += fmt.Sprintf("skill%d:%d:%d ", r.IntN(150), 1+r.IntN(3), r.IntN(3)*3)
			}
			ps[i] = skillpulse.Posting{NativeID: fmt.Sprint(4000000 + i), Title: titles[i%len(titles)],
				Company: fmt.Sprintf("%s company %d", src, i%97), Location: cities[i%len(cities)],
				URL: fmt.Sprintf("https://boards.example.com/%s/jobs/%d", src, 4000000+i), Workplace: skillpulse.Workplace(i % 4), Description: desc}
		}
		bySource[src] = ps
	}
	start := loadWeek.Prev().Start().Add(3 * time.Hour)
	for d := range 13 {
		crawlSources(b, st, start.Add(time.Duration(d)*24*time.Hour), bySource, sources)
	}
	return st
}

// crawlSources stores one complete run, started at started, in which each
// source listed its postings.
func crawlSources(b *testing.B, st *store.Store, started time.Time, bySource map[string][]skillpulse.Posting, sources []string) {
	b.Helper()
	ctx := context.Background()
	w, err := st.BeginRun(ctx, started, "")
	if err != nil {
		b.Fatal(err)
	}
	var outcomes []skillpulse.SourceOutcome
	for _, src := range sources {
		if _, err := w.Put(ctx, src, bySource[src], agreementTagger); err != nil {
			b.Fatal(err)
		}
		outcomes = append(outcomes, skillpulse.SourceOutcome{Name: src, Type: "greenhouse"})
	}
	if _, err := w.Finish(ctx, outcomes, started.Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
}

// benchTaxonomy knows skill0 … skill149; every tenth rolls up to the one
// before it, so postings carry implied skills too.
type benchTaxonomy struct{}

func (benchTaxonomy) Lookup(id string) (skillpulse.Skill, bool) {
	var n int
	if _, err := fmt.Sscanf(id, "skill%d", &n); err != nil || n < 0 || n >= 150 {
		return skillpulse.Skill{}, false
	}
	return benchSkill(n), true
}

func (benchTaxonomy) Skills() []skillpulse.Skill {
	out := make([]skillpulse.Skill, 150)
	for i := range out {
		out[i] = benchSkill(i)
	}
	return out
}

func benchSkill(n int) skillpulse.Skill {
	sk := skillpulse.Skill{ID: fmt.Sprintf("skill%d", n), Name: fmt.Sprintf("Skill number %d", n), Category: skillpulse.CategoryTool}
	if n%10 == 1 {
		sk.Parents = []string{fmt.Sprintf("skill%d", n-1)}
	}
	return sk
}

func benchMarket() []config.MarketArea {
	out := make([]config.MarketArea, 8)
	for i := range out {
		out[i] = config.MarketArea{ID: fmt.Sprint("area", i), Name: fmt.Sprint("Area ", i), Weight: float64(i) / 8,
			Reason: "where the benchmark's demand is", Skills: []string{fmt.Sprint("skill", i), fmt.Sprint("skill", i+8)}}
	}
	return out
}

// fetchBody GETs url once, without Accept-Encoding, and returns the body
// of its 200 answer.
func fetchBody(b *testing.B, url string) []byte {
	b.Helper()
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer c.CloseIdleConnections()
	resp, err := c.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "" {
		b.Fatalf("GET %s: %d %q, %v", url, resp.StatusCode, resp.Header.Get("Content-Encoding"), err)
	}
	return body
}

// servePlain serves body to every request on a loopback port, the way the
// simplest net/http program would, for the benchmark's life.
func servePlain(b *testing.B, body []byte) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(body)
	})}
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// drive runs one slice of l against a side and adds what it measured.
// Every answer must be 200 with size bytes.
func drive(b *testing.B, sd *loadSide, size int, l load) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), l.took)
	defer cancel()
	// No request may outlast the slice by more than this, so a server that
	// stops answering ends the benchmark with an error, not a hang.
	hard, cancelHard := context.WithTimeout(context.Background(), l.took+30*time.Second)
	defer cancelHard()
	lat := make([][]time.Duration, len(sd.clients))
	errs := make(chan error, len(sd.clients))
	var wg sync.WaitGroup
	began := time.Now()
	for c, tr := range sd.clients {
		wg.Go(func() {
			buf := bytes.NewBuffer(make([]byte, 0, size+512))
			for i := 0; ctx.Err() == nil && (l.perClient == 0 || i < l.perClient); i++ {
				sent := time.Now()
				if err := get1(hard, tr, sd.url, size, buf); err != nil {
					errs <- err
					return
				}
				lat[c] = append(lat[c], time.Since(sent))
			}
		})
	}
	wg.Wait()
	sd.took += time.Since(began)
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	n := len(sd.lat)
	sd.lat = append(sd.lat, slices.Concat(lat...)...)
	if len(sd.lat) == n {
		b.Fatalf("no request to %s was answered in %s", sd.url, l.took)
	}
}

// get1 sends one request and reads its whole answer into buf.
func get1(ctx context.Context, tr *http.Transport, url string, size int, buf *bytes.Buffer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return fmt.Errorf("GET %s: read: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK || buf.Len() != size {
		return fmt.Errorf("GET %s: %d with %d bytes, want 200 with %d", url, resp.StatusCode, buf.Len(), size)
	}
	return nil
}
