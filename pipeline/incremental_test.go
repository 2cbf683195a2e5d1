package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/store"
)

// etagBoard serves one Greenhouse board with an ETag and answers 304 to a
// matching If-None-Match, as the real API's CDN does.
type etagBoard struct {
	mu          sync.Mutex
	body        []byte
	full, not   int // full answers and 304s
	conditional int // requests that carried If-None-Match
}

func (b *etagBoard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	sum := sha256.Sum256(b.body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		b.conditional++
		if inm == etag {
			b.not++
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	b.full++
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/json")
	w.Write(b.body)
}

func (b *etagBoard) set(body []byte) {
	b.mu.Lock()
	b.body = body
	b.mu.Unlock()
}

type incremental struct {
	t     *testing.T
	board *etagBoard
	cfg   config.Config
	st    *store.Store
	tag   *countingTagger
	clock time.Time
}

func newIncremental(t *testing.T, n int) *incremental {
	board := &etagBoard{body: greenhouseBoard(t, "acme", n)}
	srv := httptest.NewServer(board)
	t.Cleanup(srv.Close)
	cfg := config.Defaults()
	cfg.Crawl.Delay = 0
	cfg.Hash = "cfg-1"
	yes := true
	cfg.Sources = []config.Source{{Name: "acme", Type: "greenhouse", Board: "acme", BaseURL: srv.URL, AllowPrivate: &yes}}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &incremental{t: t, board: board, cfg: cfg, st: st, tag: &countingTagger{}, clock: time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC)}
}

// night crawls a day after the last night; ctx may cancel it.
func (h *incremental) night(ctx context.Context) (skillpulse.Run, error) {
	h.clock = h.clock.Add(24 * time.Hour)
	now := h.clock
	v := NewValidators(h.st, h.cfg.Hash, nil)
	c := &Crawl{
		Config: &h.cfg, Tagger: h.tag, Store: h.st, Validators: v,
		Fetcher: crawler.New(h.cfg.Crawl, crawler.WithValidators(v)),
		Now:     func() time.Time { return now },
	}
	return c.Run(ctx)
}

func (h *incremental) mustNight() skillpulse.SourceOutcome {
	h.t.Helper()
	run, err := h.night(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return outcome(h.t, run, "acme")
}

func TestNotModifiedKeepsPostingsLiveWithoutRefetching(t *testing.T) {
	h := newIncremental(t, 10)
	if o := h.mustNight(); o.New != 10 {
		t.Fatalf("first night: %+v", o)
	}
	tagged := h.tag.calls
	for night := 2; night <= 6; night++ { // well past the 48h grace
		o := h.mustNight()
		if o.Failed || o.Suspect || o.Unchanged != 10 || o.Fetched != 10 || o.Closed != 0 {
			t.Fatalf("night %d, board unchanged: %+v", night, o)
		}
	}
	if h.board.not != 5 || h.board.full != 1 {
		t.Errorf("server answered %d full and %d not-modified, want 1 and 5", h.board.full, h.board.not)
	}
	if h.tag.calls != tagged {
		t.Errorf("unchanged nights tagged %d postings", h.tag.calls-tagged)
	}
	// The board changes: a full answer, and the posting it dropped closes
	// after the grace period.
	h.board.set(greenhouseBoard(t, "acme", 9))
	if o := h.mustNight(); o.Unchanged != 9 || o.Closed != 0 {
		t.Fatalf("changed board: %+v", o)
	}
	h.mustNight() // 304: 48h missing, within grace
	if o := h.mustNight(); o.Closed != 1 {
		t.Errorf("dropped posting not closed after grace under 304s: %+v", o)
	}
}

func TestValidatorsWaitForTheRunToBeRecorded(t *testing.T) {
	h := newIncremental(t, 5)
	// The first crawl is interrupted after fetching: its validator must not
	// be kept, or the next crawl's 304 would keep postings never stored.
	ctx, cancel := context.WithCancel(context.Background())
	h.tag.onCall = cancel
	if _, err := h.night(ctx); err == nil {
		t.Fatal("interrupted crawl reported success")
	}
	h.tag.onCall = nil
	if o := h.mustNight(); o.New != 5 {
		t.Fatalf("crawl after the interruption: %+v, want all 5 new", o)
	}
	if h.board.conditional != 0 {
		t.Errorf("the crawl after an unrecorded run sent a conditional request")
	}
}

func TestNotModifiedAfterSuspectStaysSuspect(t *testing.T) {
	h := newIncremental(t, 10)
	h.mustNight()
	h.board.set([]byte(`{"jobs":[],"meta":{"total":0}}`))
	if o := h.mustNight(); !o.Suspect {
		t.Fatalf("emptied board not suspect: %+v", o)
	}
	o := h.mustNight() // 304 of the empty answer
	if !o.Suspect || o.Closed != 0 {
		t.Fatalf("not-modified copy of a suspect answer: %+v", o)
	}
	if h.board.not == 0 {
		t.Fatal("no 304 was served; the test proves nothing")
	}
	h.mustNight()
	if o := h.mustNight(); o.Suspect || o.Closed != 10 {
		t.Errorf("after the drop held %d runs: %+v, want it believed and 10 closed", suspectConfirmRuns, o)
	}
}
