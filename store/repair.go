package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RepairResult says what Repair rebuilt.
type RepairResult struct {
	Snapshots   int `json:"snapshots"`   // snapshots the rebuild read
	Weeks       int `json:"weeks"`       // weeks whose aggregate and posting list were rebuilt
	Days        int `json:"days"`        // days whose aggregate and posting list were rebuilt
	Projections int `json:"projections"` // week projections rebuilt
	Indexed     int `json:"indexed"`     // postings in the rebuilt dedup index
	// Changed counts the derived values (aggregates, posting lists,
	// projections) that differ from what was stored before: added, changed
	// or dropped. Zero means the store was sound and Repair wrote nothing.
	Changed int `json:"changed"`
}

// derivedBuckets are the buckets Repair rebuilds: everything they hold is
// computed from the snapshots and the version records they name, and the
// dedup index from the postings' current versions.
var derivedBuckets = [][]byte{bucketWeekPost, bucketWeekAgg, bucketDayPost, bucketDayAgg, bucketWeekProj, bucketDedup}

// errUnchanged rolls back a rebuild that came out equal to what was
// stored, so that a sound store's file is not written at all.
var errUnchanged = errors.New("derived data unchanged")

// Repair rebuilds every week's and day's aggregate and posting list,
// every week's projection and the dedup index from the snapshots, postings
// and version records — with the code Finish, retag and the migrations
// write them with — in one write transaction,
// holding the crawl lock so that no crawl runs meanwhile. It never writes a
// primary record (postings, versions, descriptions, runs, snapshots): it
// first checks them, and if one is damaged it changes nothing and returns
// an error wrapping ErrCorrupt naming the file and the record. A crawl
// holding the lock gives an error wrapping ErrCrawlInProgress. The
// rebuild is checked against a recount before it is committed; one equal
// to what was stored (a projection counting as equal when its entries
// are) is not written.
func (s *Store) Repair(ctx context.Context) (RepairResult, error) {
	var res RepairResult
	if s.opts.ReadOnly {
		return res, fmt.Errorf("store: repair %s: opened read-only", s.path)
	}
	lock, err := s.LockCrawl(ctx, time.Now())
	if err != nil {
		if errors.Is(err, ErrCrawlInProgress) {
			return res, fmt.Errorf("store: repair refused: %w; run it again once the crawl has finished", err)
		}
		return res, fmt.Errorf("store: repair: %w", err)
	}
	defer lock.Unlock()
	pages, err := s.db.walk(ctx, maxProblems)
	if err != nil {
		return res, fmt.Errorf("store: repair: %w", err)
	}
	if len(pages) > 0 {
		return res, fmt.Errorf("store: repair %s: %w: %d problems with its pages, first: %s; nothing was changed: restore a backup (skillpulse db backup writes one)",
			s.path, ErrCorrupt, len(pages), pages[0])
	}
	err = s.db.Update(ctx, func(tx *bolt.Tx) error {
		if err := s.checkPrimary(ctx, s.bucketsOf(tx)); err != nil {
			return err
		}
		before := derivedDigests(tx)
		oldProj := copyValues(tx.Bucket(bucketWeekProj))
		if err := rebuildDerived(ctx, s, tx, &res); err != nil {
			return err
		}
		if err := keepEquivalentProjections(s.bucketsOf(tx), oldProj); err != nil {
			return err
		}
		if err := checkDerived(ctx, s.bucketsOf(tx)); err != nil {
			return err
		}
		res.Changed = changedDigests(before, derivedDigests(tx))
		if res.Changed == 0 {
			return errUnchanged
		}
		return nil
	})
	if err != nil && !errors.Is(err, errUnchanged) {
		return RepairResult{}, fmt.Errorf("store: repair %s: %w", s.path, err)
	}
	return res, nil
}

// checkPrimary runs Check's steps over the primary records the rebuild
// reads (postings and their keys, seen and open entries, versions, runs
// and snapshots) and returns an error wrapping ErrCorrupt naming the first
// problem.
func (s *Store) checkPrimary(ctx context.Context, b buckets) error {
	n, first, err := runChecks(ctx, b, s.checkPostings, checkRunsAndSnapshots)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%w: primary records are damaged (%d problems, first: %s); nothing was changed: copy what can be read with skillpulse db backup and restore an earlier backup",
			ErrCorrupt, n, first)
	}
	return nil
}

// checkStep is one of Check's steps: it reports each problem it finds.
type checkStep func(context.Context, buckets, *CheckResult, func(string, ...any)) error

// runChecks runs steps over b, stopping when ctx is done, and returns how
// many problems they found and the first.
func runChecks(ctx context.Context, b buckets, steps ...checkStep) (n int, first string, err error) {
	var res CheckResult
	problem := func(format string, args ...any) {
		if n == 0 {
			first = fmt.Sprintf(format, args...)
		}
		n++
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return n, first, err
		}
		if err := step(ctx, b, &res, problem); err != nil {
			return n, first, err
		}
	}
	return n, first, nil
}

// rebuildDerived drops the derived buckets and writes them again from the
// snapshots in key order (the order of the runs), as the schema 8 and 11
// migrations did: addToPeriods merges each snapshot into its day's and
// week's lists and aggregates and writes the week's projection. The dedup
// index is built as the schema 7 migration built it.
func rebuildDerived(ctx context.Context, s *Store, tx *bolt.Tx, res *RepairResult) error {
	if err := recreateBuckets(tx, derivedBuckets...); err != nil {
		return err
	}
	b := s.bucketsOf(tx)
	err := b.snapshots.ForEach(func(k, v []byte) error {
		snap, _, err := decodeSnapshot(v, false)
		if err != nil {
			return fmt.Errorf("snapshots/%s: %w", k, err)
		}
		res.Snapshots++
		if err := addToPeriods(b, &snap); err != nil {
			return fmt.Errorf("snapshots/%s: %w", k, err)
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	if err := indexAll(b); err != nil {
		return fmt.Errorf("dedup index: %w", err)
	}
	// Stats counts only committed pages: count the keys written.
	res.Weeks, res.Days, res.Projections = keysIn(b.weekAgg), keysIn(b.dayAgg), keysIn(b.weekProj)
	res.Indexed = keysIn(b.dedup)
	return nil
}

func keysIn(bk *bolt.Bucket) int {
	n := 0
	c := bk.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}

// copyValues copies every value of bk, which may be nil, by key.
func copyValues(bk *bolt.Bucket) map[string][]byte {
	out := map[string][]byte{}
	if bk != nil {
		bk.ForEach(func(k, v []byte) error {
			out[string(k)] = bytes.Clone(v)
			return nil
		})
	}
	return out
}

// keepEquivalentProjections puts back each projection stored before
// whose entries equal the rebuilt one's. Only its bytes can differ: retag
// rewrites a projection with the string table it had, which keeps the
// skills that left it, where a rebuild starts a table afresh.
func keepEquivalentProjections(b buckets, old map[string][]byte) error {
	var keep [][]byte
	b.weekProj.ForEach(func(k, v []byte) error {
		if was, ok := old[string(k)]; ok && !bytes.Equal(was, v) && sameProjection(was, v) {
			keep = append(keep, bytes.Clone(k))
		}
		return nil
	})
	for _, k := range keep {
		if err := b.weekProj.Put(k, old[string(k)]); err != nil {
			return err
		}
	}
	return nil
}

// sameProjection reports whether two weekproj values decode to equal
// entries.
func sameProjection(a, b []byte) bool {
	x, err := decodeWeekProj(a)
	if err != nil {
		return false
	}
	y, err := decodeWeekProj(b)
	if err != nil || len(x) != len(y) {
		return false
	}
	for i := range x {
		if !x[i].equal(&y[i]) {
			return false
		}
	}
	return true
}

// checkDerived runs Check's steps over the rebuilt buckets, so that a
// rebuild that disagrees with a recount is never committed.
func checkDerived(ctx context.Context, b buckets) error {
	n, first, err := runChecks(ctx, b, checkPeriods, checkWeekProj, checkDedup)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("the rebuild disagrees with a recount (%d problems, first: %s); nothing was changed", n, first)
	}
	return nil
}

// derivedDigests hashes every value of the derived buckets, by bucket and
// key; a missing bucket has no entry.
func derivedDigests(tx *bolt.Tx) map[string][sha256.Size]byte {
	out := map[string][sha256.Size]byte{}
	for _, name := range derivedBuckets {
		bk := tx.Bucket(name)
		if bk == nil {
			continue
		}
		out[string(name)] = sha256.Sum256(nil) // the bucket itself
		bk.ForEach(func(k, v []byte) error {
			out[string(name)+"/"+string(k)] = sha256.Sum256(v)
			return nil
		})
	}
	return out
}

// changedDigests counts the entries added, changed or dropped between two
// derivedDigests.
func changedDigests(before, after map[string][sha256.Size]byte) int {
	n := 0
	for k, d := range after {
		if old, ok := before[k]; !ok || old != d {
			n++
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			n++
		}
	}
	return n
}
