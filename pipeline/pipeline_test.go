package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/store"
)

func TestSuspectReason(t *testing.T) {
	ok := func(n int) skillpulse.SourceOutcome { return skillpulse.SourceOutcome{Fetched: n} }
	sus := func(n int) skillpulse.SourceOutcome { return skillpulse.SourceOutcome{Fetched: n, Suspect: true} }
	fail := skillpulse.SourceOutcome{Failed: true}
	cases := []struct {
		name    string
		hist    []skillpulse.SourceOutcome // newest first
		fetched int
		suspect bool
	}{
		{"first run", nil, 0, false},
		{"steady", []skillpulse.SourceOutcome{ok(40), ok(41)}, 39, false},
		{"board emptied overnight", []skillpulse.SourceOutcome{ok(40), ok(41)}, 0, true},
		{"board halved and more", []skillpulse.SourceOutcome{ok(40)}, 15, true},
		{"half is still believable", []skillpulse.SourceOutcome{ok(40)}, 20, false},
		{"small boards swing", []skillpulse.SourceOutcome{ok(3), ok(4)}, 0, false},
		{"failed runs do not set the peak", []skillpulse.SourceOutcome{fail, fail}, 0, false},
		{"drop after a failure", []skillpulse.SourceOutcome{fail, ok(30)}, 2, true},
		{"drop held twice: still suspect", []skillpulse.SourceOutcome{sus(0), sus(0), ok(30)}, 0, true},
		{"drop held three runs: believed", []skillpulse.SourceOutcome{sus(0), sus(0), sus(0), ok(30)}, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := suspectReason(tc.hist, tc.fetched)
			if (got != "") != tc.suspect {
				t.Errorf("suspectReason = %q, want suspect=%v", got, tc.suspect)
			}
		})
	}
}

// scriptedFetcher answers each source from a script that tests change
// between runs.
type scriptedFetcher struct {
	mu        sync.Mutex
	boards    map[string][]skillpulse.Posting
	fail      map[string]error
	truncated map[string]bool
}

func (f *scriptedFetcher) FetchResult(_ context.Context, src *config.Source) (crawler.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail[src.Name]; err != nil {
		return crawler.Result{}, err
	}
	var out []skillpulse.Posting
	for _, p := range f.boards[src.Name] {
		p.Source, p.SourceType = src.Name, src.Type
		out = append(out, p)
	}
	return crawler.Result{Postings: out, Seen: len(out), Truncated: f.truncated[src.Name]}, nil
}

// countingTagger tags every posting with one skill and counts its calls;
// onCall, when set, runs at each call.
type countingTagger struct {
	mu     sync.Mutex
	calls  int
	onCall func()
}

func (c *countingTagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	c.mu.Lock()
	c.calls++
	if c.onCall != nil {
		c.onCall()
	}
	c.mu.Unlock()
	return skillpulse.Tags{Mentions: []skillpulse.Mention{{SkillID: "terraform", Level: skillpulse.LevelRequired}}}
}

func board(prefix string, n int) []skillpulse.Posting {
	ps := make([]skillpulse.Posting, n)
	for i := range ps {
		ps[i] = skillpulse.Posting{
			NativeID:    fmt.Sprintf("%s-%d", prefix, i),
			Title:       "Site Reliability Engineer",
			Description: fmt.Sprintf("Posting %d of %s: Terraform and Linux.", i, prefix),
		}
	}
	return ps
}

type harness struct {
	t     *testing.T
	cfg   *config.Config
	st    *store.Store
	fetch *scriptedFetcher
	tag   *countingTagger
	clock time.Time
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	cfg := config.Defaults()
	cfg.Sources = []config.Source{{Name: "acme", Type: "greenhouse"}, {Name: "globex", Type: "lever"}}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{Grace: 48 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &harness{
		t: t, cfg: &cfg, st: st,
		fetch: &scriptedFetcher{boards: map[string][]skillpulse.Posting{"acme": board("a", 10), "globex": board("g", 6)}, fail: map[string]error{}, truncated: map[string]bool{}},
		tag:   &countingTagger{},
		clock: time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC),
	}
}

// night runs one crawl a day after the previous one.
func (h *harness) night() skillpulse.Run {
	h.t.Helper()
	h.clock = h.clock.Add(24 * time.Hour)
	now := h.clock
	c := &Crawl{Config: h.cfg, Fetcher: h.fetch, Tagger: h.tag, Store: h.st, Now: func() time.Time { return now }}
	run, err := c.Run(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return run
}

func outcome(t *testing.T, run skillpulse.Run, name string) skillpulse.SourceOutcome {
	t.Helper()
	for _, o := range run.Sources {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("run has no outcome for %s: %+v", name, run.Sources)
	return skillpulse.SourceOutcome{}
}

func TestRecrawlUnchangedRetagsNothing(t *testing.T) {
	h := newHarness(t)
	first := h.night()
	if first.Live != 16 || outcome(t, first, "acme").New != 10 {
		t.Fatalf("first night: live %d, acme %+v", first.Live, outcome(t, first, "acme"))
	}
	calls := h.tag.calls
	second := h.night()
	if h.tag.calls != calls {
		t.Errorf("second night re-tagged %d unchanged postings", h.tag.calls-calls)
	}
	if o := outcome(t, second, "acme"); o.Unchanged != 10 || o.New != 0 || o.Updated != 0 {
		t.Errorf("second night acme: %+v, want 10 unchanged", o)
	}
	if second.Live != 16 || second.ID == first.ID {
		t.Errorf("second night: live %d, id %s (first %s)", second.Live, second.ID, first.ID)
	}
}

func TestFailingSourceClosesNothing(t *testing.T) {
	h := newHarness(t)
	h.night()
	h.fetch.fail["acme"] = errors.New("greenhouse board \"acme\": 503 Service Unavailable")
	for range 4 { // well past the 48h grace
		run := h.night()
		o := outcome(t, run, "acme")
		if !o.Failed || o.Closed != 0 || o.Error == "" {
			t.Fatalf("failing acme: %+v", o)
		}
		if run.Live != 16 {
			t.Fatalf("live %d after acme failed, want its 10 postings kept live (16)", run.Live)
		}
		if !run.Failed() {
			t.Error("run with a failed source does not say so")
		}
	}
	p, err := h.st.Posting(context.Background(), skillpulse.PostingKey{Source: "acme", NativeID: "a-3"})
	if err != nil || !p.ClosedAt.IsZero() {
		t.Fatalf("acme posting after failures: %+v, %v", p, err)
	}
}

func TestEmptiedBoardIsSuspectThenBelieved(t *testing.T) {
	h := newHarness(t)
	h.night()
	h.fetch.boards["acme"] = nil
	for i := 1; i <= suspectConfirmRuns; i++ {
		run := h.night()
		if o := outcome(t, run, "acme"); !o.Suspect || o.Closed != 0 {
			t.Fatalf("empty night %d: %+v, want suspect closing nothing", i, o)
		}
	}
	run := h.night()
	if o := outcome(t, run, "acme"); o.Suspect || o.Closed != 10 {
		t.Fatalf("after %d suspect nights: %+v, want the drop believed and 10 closed", suspectConfirmRuns, o)
	}
	if run.Live != 6 {
		t.Errorf("live %d, want globex's 6", run.Live)
	}
}

func TestMissingPostingClosesAfterGrace(t *testing.T) {
	h := newHarness(t)
	h.night()
	h.fetch.boards["acme"] = board("a", 9) // a-9 is gone
	r1 := h.night()                        // 24h missing: within grace
	if o := outcome(t, r1, "acme"); o.Closed != 0 {
		t.Errorf("closed %d within the grace period", o.Closed)
	}
	h.night()       // 48h
	r3 := h.night() // 72h: past grace
	if o := outcome(t, r3, "acme"); o.Closed != 1 {
		t.Errorf("72h after: closed %d, want 1", o.Closed)
	}
	p, err := h.st.Posting(context.Background(), skillpulse.PostingKey{Source: "acme", NativeID: "a-9"})
	if err != nil {
		t.Fatal(err)
	}
	if p.ClosedAt.IsZero() {
		t.Errorf("a-9 still open 72h after it disappeared")
	}
	if r3.Live != 15 {
		t.Errorf("live %d, want 15", r3.Live)
	}
}

type cancellingFetcher struct{ cancel context.CancelFunc }

func (f cancellingFetcher) FetchResult(ctx context.Context, _ *config.Source) (crawler.Result, error) {
	f.cancel()
	<-ctx.Done()
	return crawler.Result{}, ctx.Err()
}

func TestCancelledCrawlIsRecordedInterruptedWithItsCause(t *testing.T) {
	h := newHarness(t)
	h.night()
	// The crawl is cancelled (Ctrl-C, cron shutdown) while fetching.
	ctx, cancelCause := context.WithCancelCause(context.Background())
	cancel := func() { cancelCause(errors.New("received terminated")) }
	defer cancel()
	c := &Crawl{Config: h.cfg, Fetcher: cancellingFetcher{cancel}, Tagger: h.tag, Store: h.st}
	if _, err := c.Run(ctx); err == nil {
		t.Fatal("cancelled crawl reported success")
	}
	runs, err := h.st.Runs(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Status != skillpulse.RunInterrupted || runs[0].Reason != "received terminated" ||
		runs[0].Finished.IsZero() || runs[1].Status != skillpulse.RunComplete {
		t.Fatalf("runs after a cancelled crawl: %+v", runs)
	}
	p, err := h.st.Posting(context.Background(), skillpulse.PostingKey{Source: "acme", NativeID: "a-0"})
	if err != nil || !p.ClosedAt.IsZero() {
		t.Errorf("posting after cancelled crawl: %+v %v", p, err)
	}
}

func TestTruncatedSourceClosesNothingAndIsNoFailure(t *testing.T) {
	h := newHarness(t)
	h.night()
	h.fetch.boards["acme"] = board("a", 6) // max_items cut the board at 6
	h.fetch.truncated["acme"] = true
	var run skillpulse.Run
	for range 4 {
		run = h.night()
	}
	o := outcome(t, run, "acme")
	if !o.Truncated || o.Closed != 0 || o.Suspect || o.Failed {
		t.Fatalf("truncated acme: %+v, want truncated, nothing closed, not suspect", o)
	}
	if run.Failed() {
		t.Error("a truncated source made the run fail")
	}
	if run.Live != 16 {
		t.Errorf("live %d, want 16", run.Live)
	}
}

// A write the store refuses part-way (here a posting that Put refuses;
// on a real machine, a full disk) ends the crawl: the run is recorded
// interrupted with the store's error at once, and nothing is closed.
func TestStoreFailurePartWayIsRecordedInterrupted(t *testing.T) {
	h := newHarness(t)
	h.night()
	now := h.clock.Add(24 * time.Hour)
	c := &Crawl{Config: h.cfg, Fetcher: h.fetch, Tagger: h.tag, Store: h.st, Now: func() time.Time { return now },
		Enrich: func(p *skillpulse.Posting) { p.Source = "not-" + p.Source }}
	if _, err := c.Run(context.Background()); err == nil {
		t.Fatal("a crawl whose writes failed reported success")
	}
	runs, err := h.st.Runs(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Status != skillpulse.RunInterrupted || !strings.Contains(runs[0].Reason, "belongs to source") {
		t.Fatalf("runs after a failed write: %+v", runs)
	}
	p, err := h.st.Posting(context.Background(), skillpulse.PostingKey{Source: "acme", NativeID: "a-0"})
	if err != nil || !p.ClosedAt.IsZero() {
		t.Errorf("posting after the failed crawl: %+v %v", p, err)
	}
}

func TestAFailingSourcesErrorIsStoredBounded(t *testing.T) {
	h := newHarness(t)
	// A same-host redirect to a huge path ends in an error quoting that URL.
	huge := "GET https://acme.example/" + strings.Repeat("é", 300_000) + ": 404 Not Found"
	h.fetch.fail["acme"] = errors.New(huge)
	run := h.night()
	o := outcome(t, run, "acme")
	if !o.Failed || len(o.Error) > maxReason || !utf8.ValidString(o.Error) || !strings.HasPrefix(o.Error, "GET https://acme.example/") {
		t.Fatalf("failed source's error: failed %v, %d bytes, valid UTF-8 %v, starts %.40q; want it cut to at most %d bytes",
			o.Failed, len(o.Error), utf8.ValidString(o.Error), o.Error, maxReason)
	}
	runs, err := h.st.Runs(context.Background(), 1)
	if err != nil || len(runs) != 1 || len(outcome(t, runs[0], "acme").Error) > maxReason {
		t.Fatalf("stored run: %v, %v", runs, err)
	}
}
