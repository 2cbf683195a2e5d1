package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// Runs returns up to limit runs, newest first (all of them if limit <= 0).
// A run whose process is gone shows with Status RunInterrupted even before
// the next crawl records it so: a run still RunRunning while no process
// holds the crawl lock shows as interrupted with AbandonedReason (see
// settleAbandoned). RunRunning is a crawl in progress.
func (s *Store) Runs(ctx context.Context, limit int) ([]skillpulse.Run, error) {
	var out []skillpulse.Run
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var r skillpulse.Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %q: %w: %v", k, ErrCorrupt, err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err == nil {
		err = s.settleAbandoned(ctx, out)
	}
	if err != nil {
		return nil, fmt.Errorf("store: runs: %w", err)
	}
	return out, nil
}

// Run returns the run with the given id, or an error wrapping ErrNotFound.
// Like Runs, it shows a run whose process is gone as RunInterrupted.
func (s *Store) Run(ctx context.Context, id string) (skillpulse.Run, error) {
	var r skillpulse.Run
	if err := ctx.Err(); err != nil {
		return r, fmt.Errorf("store: run %q: %w", id, err)
	}
	err := s.db.View(ctx, func(tx *bolt.Tx) (err error) {
		r, err = getRun(tx.Bucket(bucketRuns), id)
		return err
	})
	if err == nil {
		one := []skillpulse.Run{r}
		err = s.settleAbandoned(ctx, one)
		r = one[0]
	}
	if err != nil {
		return r, fmt.Errorf("store: %w", err)
	}
	return r, nil
}

// SourceHistory returns source's outcomes in the last n complete runs that
// included it, newest first — what suspect detection compares a fresh
// result with. Interrupted runs are skipped.
func (s *Store) SourceHistory(ctx context.Context, source string, n int) ([]skillpulse.SourceOutcome, error) {
	var out []skillpulse.SourceOutcome
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var r skillpulse.Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %q: %w: %v", k, ErrCorrupt, err)
			}
			if r.Status != skillpulse.RunComplete {
				continue
			}
			for _, o := range r.Sources {
				if o.Name == source {
					out = append(out, o)
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: history of source %q: %w", source, err)
	}
	return out, nil
}

// Posting returns the posting's current content, tags and lifecycle, or an
// error wrapping ErrNotFound.
func (s *Store) Posting(ctx context.Context, key skillpulse.PostingKey) (*skillpulse.StoredPosting, error) {
	var sp *skillpulse.StoredPosting
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store: posting %s: %w", key, err)
	}
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		idb := b.keys.Get(postingKey(key.Source, key.NativeID))
		if idb == nil {
			return ErrNotFound
		}
		var err error
		sp, err = s.load(b, binary.BigEndian.Uint64(idb), -1)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: posting %s: %w", key, err)
	}
	return sp, nil
}

// load materialises posting id at version ver, or at its current version if
// ver < 0. Lifecycle fields (FirstSeen, LastSeen, ClosedAt, Origins) are
// always the current ones; content, Hash and Tags are the version's.
func (s *Store) load(b buckets, id uint64, ver int64) (*skillpulse.StoredPosting, error) {
	return s.loadVersion(b, id, ver, true)
}

// loadVersion is load, reading and decompressing the description and
// sections only if withBody.
func (s *Store) loadVersion(b buckets, id uint64, ver int64, withBody bool) (*skillpulse.StoredPosting, error) {
	idk := u64(id)
	h, err := decodeHead(b.postings.Get(idk))
	if err != nil {
		return nil, fmt.Errorf("postings/%d: %w", id, err)
	}
	if ver < 0 {
		ver = int64(h.Current)
	}
	v, err := b.versionOf(id, uint32(ver), withBody)
	if err != nil {
		return nil, err
	}
	sp := &skillpulse.StoredPosting{
		Posting:   v.Posting,
		FirstSeen: h.FirstSeen,
		ClosedAt:  h.ClosedAt,
		Hash:      v.Hash,
		Origins:   h.Origins, // decodeHead made them for this call alone
		Tags:      v.Tags,
	}
	sp.Source, sp.NativeID = h.Source, h.NativeID
	if withBody {
		raw, err := s.body(b, &v)
		if err != nil {
			return nil, fmt.Errorf("posting %d version %d: %w", id, ver, err)
		}
		if err := decodeBody(raw, &sp.Posting); err != nil {
			return nil, fmt.Errorf("%s: %w", v.contentName(), err)
		}
		if err := v.resolveEvidence(raw); err != nil {
			return nil, fmt.Errorf("versions/%d/%d: %w", id, ver, err)
		}
		sp.Tags = v.Tags
	}
	if sp.LastSeen, err = decodeTime(b.seen.Get(idk)); err != nil {
		return nil, fmt.Errorf("seen/%d: %w", id, err)
	}
	return sp, nil
}

// maxBodyHint caps the buffer a version's recorded body size may make load
// allocate up front, so a damaged record cannot ask for gigabytes.
const maxBodyHint = 1 << 20

// Snapshots lists the snapshots taken in [from, to), oldest first.
func (s *Store) Snapshots(ctx context.Context, from, to time.Time) ([]skillpulse.SnapshotInfo, error) {
	var out []skillpulse.SnapshotInfo
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		return eachSnapshot(ctx, tx, from, to, true, func(id []byte, snap *snapshot, n int) error {
			out = append(out, skillpulse.SnapshotInfo{RunID: string(id), Taken: snap.Taken, Live: n})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: snapshots: %w", err)
	}
	return out, nil
}

// eachSnapshot calls fn for every snapshot taken in [from, to), in run order.
func eachSnapshot(ctx context.Context, tx *bolt.Tx, from, to time.Time, headerOnly bool, fn func(id []byte, snap *snapshot, n int) error) error {
	return tx.Bucket(bucketSnapshots).ForEach(func(k, v []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		snap, n, err := decodeSnapshot(v, true)
		if err != nil {
			return fmt.Errorf("snapshot %s: %w", k, err)
		}
		if snap.Taken.Before(from) || !snap.Taken.Before(to) {
			return nil
		}
		if !headerOnly {
			if snap, n, err = decodeSnapshot(v, false); err != nil {
				return fmt.Errorf("snapshot %s: %w", k, err)
			}
		}
		return fn(bytes.Clone(k), &snap, n)
	})
}

// liveChunk is how many postings ForEachLive materialises per read
// transaction; fn runs outside any transaction, so a slow consumer never
// holds bbolt's remap lock against the writer.
const liveChunk = 256

// ForEachLive calls fn once for every posting that was live in at least one
// snapshot taken in [from, to), in posting-id order, with the content and
// tags it had in the latest such snapshot. Lifecycle fields are current.
// An error from fn stops the walk and is returned as is.
func (s *Store) ForEachLive(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	return s.forEachLive(ctx, from, to, true, fn)
}

// ForEachLiveTags is ForEachLive for readers that need only the tags and
// the facts around them — identity, title, company, location, workplace,
// salary, origins, lifecycle — such as a skill-demand report. Description,
// Sections and the mentions' Evidence are left empty: they are neither read
// nor decompressed, which makes it several times faster than ForEachLive.
func (s *Store) ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	return s.forEachLive(ctx, from, to, false, fn)
}

func (s *Store) forEachLive(ctx context.Context, from, to time.Time, withBody bool, fn func(*skillpulse.StoredPosting) error) error {
	live := map[uint64]uint32{} // id → version in the latest snapshot in range
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		return eachSnapshot(ctx, tx, from, to, false, func(_ []byte, snap *snapshot, _ int) error {
			// Snapshots come in run order, so a later one overwrites.
			for i, id := range snap.IDs {
				live[id] = snap.Vers[i]
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: live postings: %w", err)
	}
	ids := make([]uint64, 0, len(live))
	for id := range live {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for chunk := range slices.Chunk(ids, liveChunk) {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("store: live postings: %w", err)
		}
		batch := make([]*skillpulse.StoredPosting, 0, len(chunk))
		// Versions and content are append-only, so reading the chunks in
		// separate transactions still yields exactly the snapshots' content.
		err := s.db.View(ctx, func(tx *bolt.Tx) error {
			b := s.bucketsOf(tx)
			for _, id := range chunk {
				sp, err := s.loadVersion(b, id, int64(live[id]), withBody)
				if err != nil {
					return err
				}
				batch = append(batch, sp)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: live postings: %w", err)
		}
		for _, sp := range batch {
			if err := fn(sp); err != nil {
				return err
			}
		}
	}
	return nil
}
