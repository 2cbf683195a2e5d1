// Package pipeline runs one crawl from end to end: fetch every configured
// source, tag what is new or changed, store it, and record the run.
//
// It is the only package besides cmd/skillpulse that knows the stages, and
// it holds the policy that joins them: sources are fetched concurrently but
// written by one writer; a source that fails or suddenly shrinks is marked
// failed or suspect and closes nothing; a source cut short (a bound, a
// malformed record skipped) is truncated and closes nothing; an interrupted
// crawl is recorded as interrupted, with its reason, rather than being read
// as a night with no postings.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/store"
)

// Fetcher fetches one source's role-matching postings; the crawler satisfies it.
type Fetcher interface {
	FetchResult(ctx context.Context, src *config.Source) (crawler.Result, error)
}

// Crawl is one crawl's wiring.
type Crawl struct {
	Config  *config.Config
	Fetcher Fetcher
	Tagger  store.Tagger
	Store   *store.Store
	Log     *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Progress, when set, is told about each source as it finishes.
	Progress func(skillpulse.SourceOutcome)
	// Enrich, when set, fills in facts a source left out (workplace, salary)
	// from each posting's text before it is stored. It must be
	// deterministic, or unchanged postings would look changed.
	Enrich func(*skillpulse.Posting)
	// Validators, when set, are the ones the Fetcher was given
	// (crawler.WithValidators); they are written once the run is recorded.
	Validators *Validators
}

// maxConcurrentSources bounds how many sources fetch at once. Politeness is
// per host inside the crawler; this only caps goroutines and sockets.
const maxConcurrentSources = 8

type fetched struct {
	index  int
	result crawler.Result
	err    error
	took   time.Duration
}

// Run crawls every source once and records the run. The returned Run holds
// every source's outcome, failed or not. An error means the run could not be
// completed (the store failed, e.g. a full disk, or ctx was cancelled, e.g.
// by a signal): the run is then recorded as interrupted with the reason
// (context.Cause of ctx, or the store's error) where the store still takes
// the write, and otherwise left running for the next open to mark; either
// way nothing is closed.
func (c *Crawl) Run(ctx context.Context) (skillpulse.Run, error) {
	now := c.Now
	if now == nil {
		now = time.Now
	}
	log := c.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w, err := c.Store.BeginRun(ctx, now().UTC(), c.Config.Hash)
	if err != nil {
		return skillpulse.Run{}, err
	}
	log = log.With("run", w.ID())
	log.Info("crawl started", "sources", len(c.Config.Sources))

	sources := c.Config.Sources
	outcomes := make([]skillpulse.SourceOutcome, len(sources))
	for i := range sources {
		outcomes[i] = skillpulse.SourceOutcome{Name: sources[i].Name, Type: sources[i].Type}
	}
	// One writer: postings go into the store as each source finishes, so a
	// slow source never holds back the others' writes.
	var storeErr error
	for r := range c.fetchAll(ctx) {
		if storeErr != nil {
			continue // drain the remaining fetches
		}
		o := &outcomes[r.index]
		if storeErr = c.record(ctx, w, log, &sources[r.index], o, &r); storeErr != nil {
			continue
		}
		if c.Progress != nil {
			c.Progress(*o)
		}
	}
	if ctx.Err() != nil {
		return skillpulse.Run{}, interrupted(ctx, w, log, storeErr, now())
	}
	if storeErr != nil {
		interrupt(w, log, storeErr.Error(), now())
		return skillpulse.Run{}, fmt.Errorf("crawl: %w", storeErr)
	}
	run, err := w.Finish(ctx, outcomes, now().UTC())
	if err != nil && ctx.Err() != nil {
		// A signal ended Finish's wait for the file.
		return skillpulse.Run{}, interrupted(ctx, w, log, err, now())
	}
	if err != nil {
		interrupt(w, log, err.Error(), now())
		return skillpulse.Run{}, fmt.Errorf("crawl: %w", err)
	}
	if c.Validators != nil {
		c.Validators.commit(ctx)
	}
	log.Info("crawl finished", "live", run.Live, "failed", run.Failed())
	return run, nil
}

// fetchAll fetches every source, at most maxConcurrentSources at once,
// and sends each result as it comes; the channel closes after the last.
func (c *Crawl) fetchAll(ctx context.Context) <-chan fetched {
	sources := c.Config.Sources
	results := make(chan fetched)
	sem := make(chan struct{}, maxConcurrentSources)
	var wg sync.WaitGroup
	for i := range sources {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results <- fetched{index: i, err: ctx.Err()}
				return
			}
			defer func() { <-sem }()
			start := time.Now()
			res, err := c.Fetcher.FetchResult(ctx, &sources[i])
			results <- fetched{index: i, result: res, err: err, took: time.Since(start)}
		})
	}
	go func() { wg.Wait(); close(results) }()
	return results
}

// record stores one source's fetch in the run and fills in its outcome o.
// A source that failed is an outcome, not an error: only a failing store
// (or ctx) is.
func (c *Crawl) record(ctx context.Context, w *store.RunWriter, log *slog.Logger, src *config.Source, o *skillpulse.SourceOutcome, r *fetched) error {
	switch {
	case errors.Is(r.err, crawler.ErrNotModified):
		if err := c.keep(ctx, w, src.Name, o); err != nil {
			return err
		}
		log.Info("source not modified", "source", src.Name, "type", src.Type, "kept", o.Unchanged, "took", r.took.Round(time.Millisecond))
		return nil
	case r.err != nil:
		o.Failed, o.Error = true, boundReason(r.err.Error())
		log.Warn("source failed", "source", src.Name, "type", src.Type, "err", o.Error, "took", r.took)
		return nil
	}
	o.Fetched = len(r.result.Postings)
	o.Truncated = r.result.Truncated
	if n := r.result.Malformed; n > 0 {
		// Counted where runs shows it: the source closes nothing.
		o.Error = fmt.Sprintf("%d malformed records skipped", n)
	}
	if c.Enrich != nil {
		for i := range r.result.Postings {
			c.Enrich(&r.result.Postings[i])
		}
	}
	counts, err := w.Put(ctx, src.Name, r.result.Postings, c.Tagger)
	if err != nil {
		return err
	}
	o.New, o.Updated, o.Unchanged, o.Merged = counts.New, counts.Updated, counts.Unchanged, counts.Merged
	if reason, err := c.suspect(ctx, src.Name, o.Fetched); err != nil {
		return err
	} else if reason != "" && !o.Truncated {
		o.Suspect, o.Error = true, reason
		log.Warn("source suspect: closing nothing", "source", src.Name, "reason", reason)
	}
	if o.Truncated {
		log.Warn("source cut short by max_items or max_pages: closing nothing", "source", src.Name)
	}
	log.Info("source crawled", "source", src.Name, "type", src.Type, "fetched", o.Fetched,
		"new", o.New, "updated", o.Updated, "unchanged", o.Unchanged, "took", r.took.Round(time.Millisecond))
	return nil
}

// keep records a source that answered "not modified": its postings are
// what its last fetch listed, all seen again. The answer is the same as last
// time, so is the verdict on it: a copy of a suspect or truncated answer
// stays suspect or truncated and closes nothing.
func (c *Crawl) keep(ctx context.Context, w *store.RunWriter, source string, o *skillpulse.SourceOutcome) error {
	n, err := w.Keep(ctx, source)
	if err != nil {
		return err
	}
	o.Fetched, o.Unchanged = n, n
	hist, err := c.Store.SourceHistory(ctx, source, 1)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if len(hist) == 0 {
		return nil
	}
	o.Truncated = hist[0].Truncated
	if hist[0].Suspect {
		// Judge the unchanged answer by the same policy, so that a drop
		// that holds is believed after as many runs as a fresh one.
		reason, err := c.suspect(ctx, source, n)
		if err != nil {
			return err
		}
		if reason != "" {
			o.Suspect, o.Error = true, "not modified since a suspect answer; "+reason
		}
	}
	return nil
}

// Suspect-source policy. A source that answers with far fewer postings than
// it recently did is more likely broken (a changed API, a bot wall, an empty
// page served with 200) than emptied overnight, so its missing postings are
// not closed. If the drop holds for suspectConfirmRuns runs in a row it is
// taken as real, so a company that truly stopped hiring is not live forever.
const (
	suspectHistory     = 5   // recent runs looked at
	suspectMinBefore   = 5   // below this many postings, swings are normal
	suspectRatio       = 0.5 // fewer than this share of the recent peak is a drop
	suspectConfirmRuns = 3   // consecutive suspect runs after which the drop is believed
)

func (c *Crawl) suspect(ctx context.Context, source string, fetched int) (string, error) {
	hist, err := c.Store.SourceHistory(ctx, source, suspectHistory)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return "", nil
		}
		return "", err
	}
	return suspectReason(hist, fetched), nil
}

// suspectReason applies the policy to a source's recent outcomes (newest
// first) and this run's count; "" means the count is believable.
func suspectReason(hist []skillpulse.SourceOutcome, fetched int) string {
	peak, streak, counting := 0, 0, true
	for _, h := range hist {
		if counting && h.Suspect {
			streak++
		} else {
			counting = false
		}
		if h.Healthy() {
			peak = max(peak, h.Fetched)
		}
	}
	if peak < suspectMinBefore || float64(fetched) >= suspectRatio*float64(peak) {
		return ""
	}
	if streak+1 >= suspectConfirmRuns+1 {
		return "" // the drop has held long enough to be real
	}
	return fmt.Sprintf("suspect: %d postings where recent runs had up to %d; closing nothing until the drop holds for %d runs",
		fetched, peak, suspectConfirmRuns)
}

// interrupted records the run, which ctx's end stopped, as interrupted
// with ctx's cause as its reason ("received terminated"), and returns the
// crawl's error: the store's, when the end met the store waiting for the
// file (it names the file and the lock), else the cause.
func interrupted(ctx context.Context, w *store.RunWriter, log *slog.Logger, storeErr error, at time.Time) error {
	cause := context.Cause(ctx)
	interrupt(w, log, cause.Error(), at)
	if storeErr != nil && errors.Is(storeErr, ctx.Err()) {
		return fmt.Errorf("crawl interrupted: %w", storeErr)
	}
	return fmt.Errorf("crawl interrupted: %w", cause)
}

// interrupt records the run as interrupted with reason, if the store still
// takes the write (a full disk may refuse it: the next open then marks the
// run). It logs either way.
func interrupt(w *store.RunWriter, log *slog.Logger, reason string, at time.Time) {
	reason = boundReason(reason)
	if err := w.Interrupt(reason, at); err != nil {
		log.Error("could not record the run as interrupted; the next open will", "reason", reason, "err", err)
		return
	}
	log.Warn("crawl interrupted: recorded, closing nothing", "reason", reason)
}

// maxReason bounds the error text a run records for a source or an
// interruption: an error may quote what a server sent (a URL it
// redirected to), and the run is read by runs, reports and the API.
const maxReason = 1000

// boundReason is s cut to at most maxReason bytes, on a rune boundary,
// ending in "…" when cut.
func boundReason(s string) string {
	if len(s) <= maxReason {
		return s
	}
	n := maxReason - len("…")
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
