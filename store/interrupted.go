package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// AbandonedReason is the Reason of a run whose process ended (killed with
// SIGKILL, crashed, lost power) without finishing the run or recording why
// it stopped. Such a run is RunInterrupted like a signalled one: it closed
// nothing and took no snapshot.
const AbandonedReason = "process ended without finishing the run"

// InterruptWait bounds how long RunWriter.Interrupt waits for the file.
const InterruptWait = 5 * time.Second

// runningMarker is how a RunRunning status appears in a run's JSON; runs
// without it are skipped without decoding.
var runningMarker = []byte(`"status":"running"`)

// markInterrupted marks every run still RunRunning as RunInterrupted.
// LockCrawl calls it (and so a read-write Open while no crawl runs):
// holding the crawl lock, it knows no process is running a crawl, so a run
// still running was cut short (killed, crashed, cancelled) and will never
// finish. Its Reason becomes AbandonedReason, its Finished stays
// zero and the outcomes it recorded (none before Finish) stay as they are;
// the postings its committed batches wrote stay too. It writes only when it
// finds such a run, so on a tidy file it costs one read of the runs.
func (s *Store) markInterrupted(ctx context.Context) (int, error) {
	var ids [][]byte
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRuns).ForEach(func(k, v []byte) error {
			if bytes.Contains(v, runningMarker) {
				ids = append(ids, bytes.Clone(k))
			}
			return nil
		})
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	n := 0
	err = s.db.Update(ctx, func(tx *bolt.Tx) error {
		n = 0
		runs := tx.Bucket(bucketRuns)
		for _, id := range ids {
			r, err := getRun(runs, string(id))
			if err != nil {
				return fmt.Errorf("mark interrupted runs: %w", err)
			}
			if r.Status != skillpulse.RunRunning {
				continue // cannot happen: JSON escapes quotes inside strings
			}
			r.Status = skillpulse.RunInterrupted
			r.Finished = time.Time{}
			if r.Reason == "" {
				r.Reason = AbandonedReason
			}
			if err := putRun(runs, &r); err != nil {
				return fmt.Errorf("mark interrupted runs: %w", err)
			}
			n++
		}
		return nil
	})
	return n, err
}

// settleAbandoned shows each run of runs that is still RunRunning as
// RunInterrupted with AbandonedReason when no process holds the crawl
// lock: every crawl holds it from BeginRun until it has finished or
// interrupted its run, so a run still running without it belongs to a
// process that is gone. It writes nothing (ReadOnly stores never write,
// and a read must not wait for one); the next LockCrawl records the same
// state for good. Each such run is read again after the lock was seen
// free, so a crawl that finished its run in the meantime shows as it
// ended, and a run begun since is not among them.
func (s *Store) settleAbandoned(ctx context.Context, runs []skillpulse.Run) error {
	if !slices.ContainsFunc(runs, func(r skillpulse.Run) bool { return r.Status == skillpulse.RunRunning }) {
		return nil
	}
	if !crawlLockFree(s.path) {
		return nil
	}
	return s.db.View(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		for i := range runs {
			if runs[i].Status != skillpulse.RunRunning {
				continue
			}
			r, err := getRun(b, runs[i].ID)
			if err != nil {
				return err
			}
			if r.Status == skillpulse.RunRunning {
				r.Status = skillpulse.RunInterrupted
				r.Reason = AbandonedReason
			}
			runs[i] = r
		}
		return nil
	})
}

// Interrupt records the run as RunInterrupted at the given time, with the
// reason it stopped (a signal, a full disk), so that `runs` shows it at
// once rather than as running until some later open. It closes nothing
// and takes no snapshot; the batches Put committed stay. It is meant for
// a run that is being abandoned: after it, Put and Finish fail. It does
// not take a context, so that a cancelled crawl can still record why; nor
// does it hold up a process that is stopping: it waits for the file at
// most InterruptWait (or Options.LockTimeout, if shorter), not a write's
// ten minutes. When another process holds the file longer (a long `db
// check`), it fails with ErrInUse and the run stays RunRunning in the
// file, which is consistent: once this process lets go of the crawl lock,
// reads show the run RunInterrupted with AbandonedReason and the next
// LockCrawl records it so.
func (w *RunWriter) Interrupt(reason string, at time.Time) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.finished {
		return fmt.Errorf("store: run %s: interrupt: %w", w.id, ErrRunFinished)
	}
	wait := min(w.s.opts.LockTimeout, InterruptWait)
	err := w.s.db.UpdateWithin(context.Background(), wait, func(tx *bolt.Tx) error {
		runs := tx.Bucket(bucketRuns)
		r, err := getRun(runs, w.id)
		if err != nil {
			return err
		}
		if r.Status != skillpulse.RunRunning {
			return ErrRunFinished
		}
		r.Status = skillpulse.RunInterrupted
		r.Reason = reason
		if !at.Before(r.Started) {
			r.Finished = at.UTC()
		}
		return putRun(runs, &r)
	})
	if err != nil {
		return fmt.Errorf("store: run %s: interrupt: %w", w.id, err)
	}
	w.finished = true
	return nil
}
