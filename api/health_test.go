package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/store"
)

// healthServer serves the API of a real store whose reads of runs are
// counted, on a clock the test moves.
func healthServer(t *testing.T) (*httptest.Server, *countingStore, *atomic.Int64) {
	t.Helper()
	st, _ := postingsStore(t)
	cs := &countingStore{Store: st}
	var clock atomic.Int64 // nanoseconds after start
	start := w47.Start().Add(50 * time.Hour)
	h := api.New(api.Options{Store: cs, Taxonomy: eksTaxonomy{},
		Now: func() time.Time { return start.Add(time.Duration(clock.Load())) }})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, cs, &clock
}

type healthAnswer struct {
	Status string `json:"status"`
	Newest struct {
		ID string `json:"run_id"`
	} `json:"newest_run"`
}

func getHealth(t *testing.T, srv *httptest.Server) (int, healthAnswer) {
	t.Helper()
	resp, body := rawGet(t, srv.URL+"/api/v1/health", nil)
	var h healthAnswer
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, &h); err != nil {
			t.Fatalf("health: %v\n%s", err, body)
		}
	}
	return resp.StatusCode, h
}

// TestHealthReadsTheStoreAtMostOncePerSecond sends a burst of concurrent
// health requests: they cost one read of the store and get one answer; a
// second later the store is read again and a new run shows.
func TestHealthReadsTheStoreAtMostOncePerSecond(t *testing.T) {
	srv, st, clock := healthServer(t)
	const burst = 64
	bodies := make([][]byte, burst)
	var wg sync.WaitGroup
	for i := range burst {
		wg.Go(func() {
			resp, body := rawGet(t, srv.URL+"/api/v1/health", nil)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("health: %d %s", resp.StatusCode, body)
			}
			bodies[i] = body
		})
	}
	wg.Wait()
	if n := st.runs.Load(); n != 1 {
		t.Errorf("%d concurrent health requests read the runs %d times, want once", burst, n)
	}
	for i := range bodies {
		if !bytes.Equal(bodies[i], bodies[0]) {
			t.Fatalf("health answers differ:\n%s\n%s", bodies[0], bodies[i])
		}
	}
	_, before := getHealth(t, srv)
	if before.Status != "ok" || before.Newest.ID == "" {
		t.Fatalf("health = %+v, want ok with the newest run", before)
	}

	w, err := st.BeginRun(context.Background(), w47.Start().Add(60*time.Hour), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, h := getHealth(t, srv); h.Newest.ID != before.Newest.ID {
		t.Errorf("within a second of the last read health shows run %s, want the one it read (%s)", h.Newest.ID, before.Newest.ID)
	}
	clock.Add(int64(time.Second))
	if _, h := getHealth(t, srv); h.Newest.ID != w.ID() {
		t.Errorf("a second later health shows run %s, want the new %s", h.Newest.ID, w.ID())
	}
	if n := st.runs.Load(); n != 2 {
		t.Errorf("health read the runs %d times in all, want twice", n)
	}
}

// TestHealthReportsAnUnreadableStore damages the store's file under a
// serving API: within a second health answers 500, and it does not stay
// cached as healthy.
func TestHealthReportsAnUnreadableStore(t *testing.T) {
	srv, st, clock := healthServer(t)
	if code, _ := getHealth(t, srv); code != http.StatusOK {
		t.Fatalf("health of a sound store: %d", code)
	}
	f, err := os.OpenFile(st.Path(), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 64<<10), 0); err != nil { // both meta pages, of pages up to 32 KiB
		t.Fatal(err)
	}
	f.Close()
	clock.Add(int64(time.Second))
	for range 3 {
		if code, _ := getHealth(t, srv); code != http.StatusInternalServerError {
			t.Errorf("health of a damaged store: %d, want 500", code)
		}
		clock.Add(int64(time.Second))
	}
}

// BenchmarkHealth serves health requests on the real clock beside the
// baseline of what health did before, a read of the newest run and its
// encoding per request, and reports how many times the cost of an answer
// that baseline was.
func BenchmarkHealth(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	w, err := st.BeginRun(ctx, time.Now(), "")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.Finish(ctx, nil, time.Now()); err != nil {
		b.Fatal(err)
	}
	h := api.New(api.Options{Store: st, Taxonomy: eksTaxonomy{}})
	req := httptest.NewRequest("GET", "/api/v1/health", nil)
	var served, read time.Duration
	for b.Loop() {
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		served += time.Since(start)
		if rec.Code != http.StatusOK {
			b.Fatalf("health: %d", rec.Code)
		}
		start = time.Now()
		runs, err := st.Runs(ctx, 1)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := json.MarshalIndent(map[string]any{"status": "ok", "newest_run": runs[0]}, "", "  "); err != nil {
			b.Fatal(err)
		}
		read += time.Since(start)
	}
	b.ReportMetric(float64(served.Nanoseconds())/float64(b.N), "ns/health")
	b.ReportMetric(float64(read.Nanoseconds())/float64(b.N), "ns/baseline")
	b.ReportMetric(float64(read)/float64(served), "baseline_vs_health_ratio")
}
