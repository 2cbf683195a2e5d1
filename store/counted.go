package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// ForEachCounted returns week w's aggregate and calls fn once for every
// posting it counts, in posting-id order, at the version it counts: the
// postings ForEachLiveTags yields for the week, with the same tags. Both
// are read in one read transaction, so they agree whatever runs finish
// meanwhile. The postings come from the week's posting list — one read,
// however long the history — rather than from every snapshot, and of each
// only what counting demand needs beyond the aggregate is read: identity,
// FirstSeen, ClosedAt, workplace, salary, posted and updated dates and
// tags (mentions without evidence, implied skills without Via). Title,
// company, location, URL, department, source type, origins (the aggregate
// counts sources), LastSeen, Hash and the tags' language are left empty.
// A week without complete runs gives an aggregate with Snapshots 0 and
// calls fn for nothing.
//
// It is made for counting, and is as quick as it can be: fn runs inside
// the read transaction, so it must be quick and must not use the store,
// and the posting it is given is valid only until it returns (the strings
// in it stay valid). An error from fn stops the walk and is returned as
// is.
func (s *Store) ForEachCounted(ctx context.Context, w skillpulse.Week, fn func(*skillpulse.StoredPosting) error) (skillpulse.Aggregate, error) {
	var agg skillpulse.Aggregate
	var fnErr error
	var fnPanic any
	err := s.db.View(func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		var err error
		if agg, err = getAggregate(b, weekPeriod(w)); err != nil {
			return err
		}
		return eachCounted(ctx, b, weekPeriod(w), func(sp *skillpulse.StoredPosting) (err error) {
			// A panic in fn is fn's, not a damaged file's: it must not
			// reach the transaction's recovery (see sharedDB.with).
			defer func() {
				if r := recover(); r != nil {
					fnPanic, err = r, errFnPanicked
				}
			}()
			if err := fn(sp); err != nil {
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
		return skillpulse.Aggregate{}, fnErr
	}
	if err != nil {
		return skillpulse.Aggregate{}, fmt.Errorf("store: postings counted in %s: %w", w, err)
	}
	return agg, nil
}

// errFnPanicked stops a walk whose callback panicked; the panic goes on
// once the transaction has ended.
var errFnPanicked = errors.New("callback panicked")

// eachCounted calls fn, as ForEachCounted does, for the postings period
// p's aggregate counts.
func eachCounted(ctx context.Context, b buckets, p period, fn func(*skillpulse.StoredPosting) error) error {
	_, posts := p.buckets(b)
	v := posts.Get(p.key())
	if v == nil {
		return nil
	}
	list, _, err := decodeSnapshot(v, false)
	if err != nil {
		return fmt.Errorf("%spost/%s: %w", p.kind(), p, err)
	}
	r := countedReader{
		heads: nearCursor{c: b.postings.Cursor()},
		vers:  nearCursor{c: b.versions.Cursor()},
		read:  versionRead{lean: true, intern: map[string]string{}},
		b:     b,
	}
	var sp skillpulse.StoredPosting
	for i, id := range list.IDs {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := r.load(id, list.Vers[i], &sp); err != nil {
			return err
		}
		if err := fn(&sp); err != nil {
			return err
		}
	}
	return nil
}

// countedReader reads postings in id order for ForEachCounted, filling
// the arrays of one posting's tags again for the next.
type countedReader struct {
	heads, vers nearCursor
	read        versionRead
	b           buckets
	tags        skillpulse.Tags // the arrays the last posting's tags used
}

// load fills sp with what ForEachCounted gives of posting id at version
// ver.
func (r *countedReader) load(id uint64, ver uint32, sp *skillpulse.StoredPosting) error {
	h, err := decodeHeadWith(decoder{b: r.heads.get(u64(id)), lean: true, intern: r.read.intern})
	if err != nil {
		return fmt.Errorf("postings/%d: %w", id, err)
	}
	v := version{Tags: skillpulse.Tags{Mentions: r.tags.Mentions, Implied: r.tags.Implied}}
	if err := decodeVersionInto(&v, r.vers.get(versionKey(id, ver)), r.b.zdec, r.read); err != nil {
		return fmt.Errorf("versions/%d/%d: %w", id, ver, err)
	}
	if cap(v.Tags.Mentions) > cap(r.tags.Mentions) {
		r.tags.Mentions = v.Tags.Mentions
	}
	if cap(v.Tags.Implied) > cap(r.tags.Implied) {
		r.tags.Implied = v.Tags.Implied
	}
	if len(v.Tags.Mentions) == 0 {
		v.Tags.Mentions = nil
	}
	if len(v.Tags.Implied) == 0 {
		v.Tags.Implied = nil
	}
	*sp = skillpulse.StoredPosting{
		Posting:   v.Posting,
		FirstSeen: h.FirstSeen,
		ClosedAt:  h.ClosedAt,
		Tags:      v.Tags,
	}
	sp.Source, sp.NativeID = h.Source, h.NativeID
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
