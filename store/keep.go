package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Keep records that source answered this run with exactly what it listed
// at its last complete fetch — an HTTP 304 Not Modified to a conditional
// request for its single-response API — so its postings were seen without
// being sent. It marks as seen in this run, as Put does for an unchanged
// posting, every open posting of source that its last complete fetch (Put
// or Keep) saw, and returns how many: they count as live, Finish does not
// close them, and the caller may report them as Unchanged. Postings the
// last fetch no longer listed are left alone, so they still close after
// Grace. For a source with no fetch recorded (a store from before schema 6)
// it keeps every open posting of the source, which can only delay a close.
//
// Keep writes in one transaction: on error nothing is marked.
func (w *RunWriter) Keep(ctx context.Context, source string) (int, error) {
	fail := func(err error) (int, error) {
		return 0, fmt.Errorf("store: run %s: keep %q: %w", w.id, source, err)
	}
	switch {
	case source == "":
		return fail(errors.New("empty source name"))
	case strings.IndexByte(source, 0) >= 0:
		return fail(errors.New("source name contains NUL"))
	}
	if w.isFinished() {
		return fail(ErrRunFinished)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	n := 0
	err := w.s.db.Update(ctx, func(tx *bolt.Tx) error {
		n = 0
		b := w.s.bucketsOf(tx)
		var since time.Time // zero: keep them all
		if v := b.fetches.Get([]byte(source)); v != nil {
			t, err := decodeTime(v)
			if err != nil {
				return fmt.Errorf("fetches/%q: %w", source, err)
			}
			since = t
		}
		prefix := append([]byte(source), 0)
		var mark [][]byte // ids to mark, written after the walk
		c := b.open.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if len(k) != len(prefix)+8 {
				return fmt.Errorf("open/%q: %w", k, ErrCorrupt)
			}
			idk := k[len(prefix):]
			last, err := decodeTime(b.seen.Get(idk))
			if err != nil {
				return fmt.Errorf("seen/%d: %w", binary.BigEndian.Uint64(idk), err)
			}
			if last.Before(since) {
				continue // gone from the source's last complete fetch
			}
			n++
			if last.Before(w.started) {
				mark = append(mark, bytes.Clone(idk))
			}
			if n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		for _, idk := range mark {
			if err := b.seen.Put(idk, encodeTime(w.started)); err != nil {
				return err
			}
		}
		return w.recordFetch(b, source)
	})
	if err != nil {
		return fail(err)
	}
	return n, nil
}

// recordFetch notes that source's complete result of this run is stored:
// the postings it listed carry this run's start as their last sighting (or
// a later one). Keep relies on it to tell them from postings the source
// had already dropped.
func (w *RunWriter) recordFetch(b buckets, source string) error {
	k := []byte(source)
	if v := b.fetches.Get(k); v != nil {
		if prev, err := decodeTime(v); err == nil && !prev.Before(w.started) {
			return nil
		}
	}
	return b.fetches.Put(k, encodeTime(w.started))
}

// checkFetches checks that every recorded fetch is a time.
func checkFetches(ctx context.Context, b buckets, _ *CheckResult, problem func(string, ...any)) error {
	if b.fetches == nil {
		problem("bucket %s is missing", bucketFetches)
		return nil
	}
	b.fetches.ForEach(func(k, v []byte) error {
		if _, err := decodeTime(v); err != nil {
			problem("fetches/%q: %v", k, err)
		}
		return nil
	})
	return ctx.Err()
}
