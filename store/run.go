package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// RunWriter records one crawl run. Put may be called from several
// goroutines; Finish is called once, after the last Put.
type RunWriter struct {
	s       *Store
	id      string
	started time.Time

	mu       sync.Mutex
	finished bool
}

// BeginRun records a new run with Status RunRunning at once, so a run that
// never finishes (a crash, a kill) still shows in Runs, and the next
// LockCrawl (a crawl, or a read-write Open while none runs) marks it
// RunInterrupted. A crawl holds LockCrawl's lock around BeginRun … Finish,
// so that two never interleave.
func (s *Store) BeginRun(ctx context.Context, started time.Time, configHash string) (*RunWriter, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store: begin run: %w", err)
	}
	if started.IsZero() {
		return nil, errors.New("store: begin run: zero start time")
	}
	started = started.UTC()
	w := &RunWriter{s: s, started: started}
	err := s.db.Update(ctx, func(tx *bolt.Tx) error {
		runs := tx.Bucket(bucketRuns)
		seq, err := runs.NextSequence()
		if err != nil {
			return err
		}
		// The sequence only breaks ties between runs started in the same
		// second; ids still sort by start time.
		w.id = fmt.Sprintf("%s-%04x", started.Format("20060102T150405Z"), seq)
		return putRun(runs, &skillpulse.Run{
			ID:         w.id,
			Started:    started,
			Status:     skillpulse.RunRunning,
			ConfigHash: configHash,
			Sources:    []skillpulse.SourceOutcome{},
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: begin run: %w", err)
	}
	return w, nil
}

// ID is the run's id: its start time in UTC, sortable, with a short suffix,
// e.g. "20261125T030000Z-0001".
func (w *RunWriter) ID() string { return w.id }

func putRun(runs *bolt.Bucket, r *skillpulse.Run) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode run %s: %w", r.ID, err)
	}
	return runs.Put([]byte(r.ID), b)
}

func getRun(runs *bolt.Bucket, id string) (skillpulse.Run, error) {
	var r skillpulse.Run
	b := runs.Get([]byte(id))
	if b == nil {
		return r, fmt.Errorf("run %q: %w", id, ErrNotFound)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("run %q: %w: %v", id, ErrCorrupt, err)
	}
	return r, nil
}

// Finish ends the run in one transaction. For every outcome that is
// Healthy it closes that source's open postings that this run did not see
// and whose last sighting is more than Grace before finished, and sets the
// outcome's Closed; failed and suspect sources close nothing. It then
// records the run's snapshot — every open posting, including those of failed
// sources as last seen — stores the outcomes and marks the run complete.
//
// If Finish fails the run stays RunRunning and Finish may be called again.
func (w *RunWriter) Finish(ctx context.Context, outcomes []skillpulse.SourceOutcome, finished time.Time) (skillpulse.Run, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fail := func(err error) (skillpulse.Run, error) {
		return skillpulse.Run{}, fmt.Errorf("store: run %s: finish: %w", w.id, err)
	}
	if w.finished {
		return fail(ErrRunFinished)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if finished.Before(w.started) {
		return fail(fmt.Errorf("finished %s before started %s", finished.Format(time.RFC3339), w.started.Format(time.RFC3339)))
	}
	finished = finished.UTC()
	outs := slices.Clone(outcomes)
	if outs == nil {
		outs = []skillpulse.SourceOutcome{}
	}
	var run skillpulse.Run
	err := w.s.db.Update(ctx, func(tx *bolt.Tx) error {
		b := w.s.bucketsOf(tx)
		var err error
		run, err = getRun(b.runs, w.id)
		if err != nil {
			return err
		}
		if run.Status != skillpulse.RunRunning {
			return ErrRunFinished
		}
		for i := range outs {
			o := &outs[i]
			o.Closed = 0
			if !o.Healthy() {
				continue
			}
			if o.Closed, err = w.closeMissing(b, o.Name, finished); err != nil {
				return fmt.Errorf("close missing postings of %q: %w", o.Name, err)
			}
		}
		snap, err := takeSnapshot(b.open, finished)
		if err != nil {
			return err
		}
		var e encoder
		snap.encode(&e)
		if err := b.snapshots.Put([]byte(w.id), e.bytes()); err != nil {
			return err
		}
		if err := addToPeriods(b, &snap); err != nil {
			return err
		}
		run.Finished = finished
		run.Status = skillpulse.RunComplete
		run.Sources = outs
		run.Live = len(snap.IDs)
		return putRun(b.runs, &run)
	})
	if err != nil {
		return fail(err)
	}
	w.finished = true
	return run, nil
}

// closeMissing closes source's open postings not seen in this run and last
// seen more than Grace before finished, and returns how many it closed.
func (w *RunWriter) closeMissing(b buckets, source string, finished time.Time) (int, error) {
	return closeOpen(b, source, finished, func(last time.Time) bool {
		return last.Before(w.started) && finished.Sub(last) > w.s.opts.Grace
	})
}

// closeOpen closes, at the given time, source's open postings whose last
// sighting satisfies stale, and returns how many it closed. For a merged
// posting the source only lets go: it closes when no other source of it
// still holds it open.
func closeOpen(b buckets, source string, at time.Time, stale func(last time.Time) bool) (int, error) {
	prefix := append([]byte(source), 0)
	var closing [][]byte // open keys; bbolt cursors must not delete while iterating
	c := b.open.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) != len(prefix)+8 {
			return 0, fmt.Errorf("open/%q: %w", k, ErrCorrupt)
		}
		last, err := decodeTime(b.seen.Get(k[len(prefix):]))
		if err != nil {
			return 0, fmt.Errorf("seen/%d: %w", binary.BigEndian.Uint64(k[len(prefix):]), err)
		}
		if stale(last) {
			closing = append(closing, bytes.Clone(k))
		}
	}
	closed := 0
	for _, k := range closing {
		idk := k[len(prefix):]
		id := binary.BigEndian.Uint64(idk)
		h, err := decodeHead(b.postings.Get(idk))
		if err != nil {
			return 0, fmt.Errorf("postings/%d: %w", id, err)
		}
		// The source lets go of the posting; it closes when no source of
		// a merged posting holds it any more.
		if err := b.open.Delete(k); err != nil {
			return 0, err
		}
		if len(h.Origins) > 1 && len(openHolders(b.open, id, &h)) > 0 {
			continue
		}
		h.ClosedAt = at
		var e encoder
		h.encode(&e)
		if err := b.postings.Put(idk, e.bytes()); err != nil {
			return 0, err
		}
		closed++
	}
	return closed, nil
}

// CloseSource closes every open posting of source, as of at, and returns
// how many it closed. It is for a source taken out of the configuration:
// no run reports on it any more, so nothing else would ever close its
// postings and they would stay live in every later snapshot. Postings the
// source lists again later reopen as usual. A merged posting that another
// source still holds stays open and is not counted.
func (s *Store) CloseSource(ctx context.Context, source string, at time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("store: close source %q: %w", source, err)
	}
	var n int
	err := s.db.Update(ctx, func(tx *bolt.Tx) (err error) {
		n, err = closeOpen(s.bucketsOf(tx), source, at.UTC(), func(time.Time) bool { return true })
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: close source %q: %w", source, err)
	}
	return n, nil
}

// takeSnapshot lists every open posting with its current version, by id.
func takeSnapshot(open *bolt.Bucket, taken time.Time) (snapshot, error) {
	type ref struct {
		id  uint64
		ver uint32
	}
	var refs []ref
	err := open.ForEach(func(k, v []byte) error {
		ver, n := binary.Uvarint(v)
		if len(k) < 9 || n != len(v) {
			return fmt.Errorf("open/%q: %w", k, ErrCorrupt)
		}
		refs = append(refs, ref{binary.BigEndian.Uint64(k[len(k)-8:]), uint32(ver)})
		return nil
	})
	if err != nil {
		return snapshot{}, err
	}
	slices.SortFunc(refs, func(a, b ref) int { return cmp.Compare(a.id, b.id) })
	// A merged posting has an entry per source holding it: list it once.
	refs = slices.CompactFunc(refs, func(a, b ref) bool { return a.id == b.id })
	s := snapshot{Taken: taken, IDs: make([]uint64, len(refs)), Vers: make([]uint32, len(refs))}
	for i, r := range refs {
		s.IDs[i], s.Vers[i] = r.id, r.ver
	}
	return s, nil
}
