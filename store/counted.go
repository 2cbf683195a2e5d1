package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// ForEachCounted returns week w's aggregate and calls fn once for every
// posting it counts, in posting-id order, at the version it counts: the
// postings ForEachLiveTags yields for the week, with the same tags. It is
// ForEachCountedIn for one week.
func (s *Store) ForEachCounted(ctx context.Context, w skillpulse.Week, fn func(*skillpulse.StoredPosting) error) (skillpulse.Aggregate, error) {
	aggs, err := s.ForEachCountedIn(ctx, []skillpulse.Week{w}, func(sp *skillpulse.StoredPosting, _ uint64) error { return fn(sp) })
	if err != nil {
		return skillpulse.Aggregate{}, err
	}
	return aggs[0], nil
}

// maxCountedWeeks is how many weeks ForEachCountedIn reads at once: one
// bit each.
const maxCountedWeeks = 64

// ForEachCountedIn returns the aggregates of weeks and calls fn once for
// every posting version any of them counts, in posting-id order, with bit
// i of in set when weeks[i]'s aggregate counts that version: for each
// week, the postings ForEachLiveTags yields for it, with the same tags. A
// posting most weeks count at the same version is read once. The
// aggregates and postings are read in one read transaction, so they agree
// whatever runs finish meanwhile. The postings come from the weeks'
// posting lists — one read a week, however long the history — rather than
// from every snapshot: each posting's head, and from the week's projection
// (see weekproj.go; one value a week, rather than a version record per
// posting) what counting demand needs beyond the aggregate: identity,
// FirstSeen, ClosedAt, workplace, salary, posted and updated dates and
// tags (mentions without evidence, implied skills without Via). Title, company, location, URL, department, source
// type, origins (the aggregates count sources), LastSeen, Hash and the
// tags' language are left empty. A week without complete runs gives an
// aggregate with Snapshots 0 and no postings.
//
// It is made for counting, and is as quick as it can be: fn runs inside
// the read transaction, so it must be quick and must not use the store,
// and the posting it is given is valid only until it returns (the strings
// in it stay valid). An error from fn stops the walk and is returned as
// is.
func (s *Store) ForEachCountedIn(ctx context.Context, weeks []skillpulse.Week, fn func(sp *skillpulse.StoredPosting, in uint64) error) ([]skillpulse.Aggregate, error) {
	if len(weeks) > maxCountedWeeks {
		return nil, fmt.Errorf("store: postings counted in %d weeks: at most %d at once", len(weeks), maxCountedWeeks)
	}
	aggs := make([]skillpulse.Aggregate, len(weeks))
	var fnErr error
	var fnPanic any
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		lists := make([]snapshot, len(weeks))
		projs := make([]listProj, len(weeks))
		for i, w := range weeks {
			p := weekPeriod(w)
			var err error
			if aggs[i], err = getAggregate(b, p); err != nil {
				return err
			}
			if v := b.weekPost.Get(p.key()); v != nil {
				if lists[i], _, err = decodeSnapshot(v, false); err != nil {
					return fmt.Errorf("weekpost/%s: %w", p, err)
				}
			}
			if projs[i], err = openWeekProj(b, p, lists[i]); err != nil {
				return err
			}
		}
		return eachCounted(ctx, b, mergeCounted(lists), projs, func(sp *skillpulse.StoredPosting, in uint64) (err error) {
			// A panic in fn is fn's, not a damaged file's: it must not
			// reach the transaction's recovery (see sharedDB.with).
			defer func() {
				if r := recover(); r != nil {
					fnPanic, err = r, errFnPanicked
				}
			}()
			if err := fn(sp, in); err != nil {
				fnErr = err
				return err
			}
			return nil
		})
	})
	if fnPanic != nil {
		panic(fnPanic)
	}
	if fnErr != nil {
		return nil, fnErr
	}
	if err != nil {
		return nil, fmt.Errorf("store: postings counted in %s: %w", weekList(weeks), err)
	}
	return aggs, nil
}

// weekList names weeks in an error.
func weekList(weeks []skillpulse.Week) string {
	names := make([]string, len(weeks))
	for i, w := range weeks {
		names[i] = w.String()
	}
	return strings.Join(names, ", ")
}

// errFnPanicked stops a walk whose callback panicked; the panic goes on
// once the transaction has ended.
var errFnPanicked = errors.New("callback panicked")

// countedVersion is one posting version some of the lists merged by
// mergeCounted hold: bit i of in is set when list i holds it, and first
// is the first list that does.
type countedVersion struct {
	id    uint64
	in    uint64
	ver   uint32
	first uint8 // < maxCountedWeeks
}

// mergeCounted merges posting lists (each sorted by id, an id once) into
// one list of the versions they hold, sorted by id and version.
func mergeCounted(lists []snapshot) []countedVersion {
	at := make([]int, len(lists))
	// Room for the longest list and half the others: the weeks a report
	// reads share most of their postings, and a fifth of them at another
	// version.
	longest, all := 0, 0
	for _, l := range lists {
		longest, all = max(longest, len(l.IDs)), all+len(l.IDs)
	}
	out := make([]countedVersion, 0, longest+(all-longest)/2)
	for {
		next := countedVersion{}
		found := false
		for i, l := range lists {
			if at[i] == len(l.IDs) {
				continue
			}
			id, ver := l.IDs[at[i]], l.Vers[at[i]]
			if !found || id < next.id || id == next.id && ver < next.ver {
				next, found = countedVersion{id: id, ver: ver, first: uint8(i)}, true
			}
		}
		if !found {
			return out
		}
		for i, l := range lists {
			if at[i] < len(l.IDs) && l.IDs[at[i]] == next.id && l.Vers[at[i]] == next.ver {
				next.in |= 1 << i
				at[i]++
			}
		}
		out = append(out, next)
	}
}

// eachCounted calls fn, as ForEachCountedIn does, for every version in
// list, of which projs, the projections of the lists merged, hold what
// the version records would give; the heads come from the postings.
func eachCounted(ctx context.Context, b buckets, list []countedVersion, projs []listProj, fn func(*skillpulse.StoredPosting, uint64) error) error {
	heads := nearCursor{c: b.postings.Cursor()}
	intern := map[string]string{}
	var sp skillpulse.StoredPosting
	// A version several lists hold is read from the first; the others'
	// entries for it are passed over, and checked.
	var e projEntry
	for i, cv := range list {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		h, err := decodeHeadWith(decoder{b: heads.get(u64(cv.id)), lean: true, intern: intern})
		if err != nil {
			return fmt.Errorf("postings/%d: %w", cv.id, err)
		}
		for l := range projs {
			if cv.in&(1<<l) == 0 {
				continue
			}
			var into *projEntry
			if l == int(cv.first) {
				into = &e
			}
			if err := projs[l].next(into); err != nil {
				return err
			}
		}
		sp = skillpulse.StoredPosting{FirstSeen: h.FirstSeen, ClosedAt: h.ClosedAt}
		e.fill(&sp)
		sp.Source, sp.NativeID = h.Source, h.NativeID
		if err := fn(&sp, cv.in); err != nil {
			return err
		}
	}
	return nil
}

// nearStep is how many keys a nearCursor steps forward before it seeks.
const nearStep = 4

// nearCursor gets values by key from a bucket, for keys asked in
// ascending order: a key a few keys on from the last one found is reached
// by stepping forward, cheaper than a seek from the root. A week's
// postings are mostly neighbours in id order, and a posting's versions sit
// together.
type nearCursor struct {
	c    *bolt.Cursor
	last []byte // the key the cursor is at, nil before the first get
}

// get returns k's value, nil if the bucket does not hold k.
func (n *nearCursor) get(k []byte) []byte {
	if n.last != nil && bytes.Compare(n.last, k) < 0 {
		for range nearStep {
			key, v := n.c.Next()
			if key == nil {
				break
			}
			n.last = key
			switch c := bytes.Compare(key, k); {
			case c == 0:
				return v
			case c > 0:
				return nil
			}
		}
	}
	key, v := n.c.Seek(k)
	n.last = key
	if key == nil || !bytes.Equal(key, k) {
		return nil
	}
	return v
}
