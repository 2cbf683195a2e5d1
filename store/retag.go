package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/skillpulse/skillpulse"
)

// RetagCounts says what a Retag changed.
type RetagCounts struct {
	Versions int `json:"versions"` // posting versions read
	Changed  int `json:"changed"`  // versions whose tags changed
	// Added and Removed count, per skill id, the versions that gained or
	// lost a mention of it; Releveled those whose level for it changed.
	Added     map[string]int `json:"added"`
	Removed   map[string]int `json:"removed"`
	Releveled map[string]int `json:"releveled"`
}

// retagBatch is how many versions one Retag transaction rewrites.
const retagBatch = 500

// Retag re-tags every stored posting version, current and past, with tag —
// after a taxonomy change, so that history is read with the new taxonomy
// too — and rewrites those whose tags changed. Each batch is one write
// transaction that also moves every weekly and daily aggregate counting a rewritten
// version from its old tags to its new ones, so the store is consistent
// after every batch: Retag is safe to interrupt, and running it again
// finishes the job (versions already re-tagged come out unchanged).
// progress, when not nil, is told the versions done and the total.
func (s *Store) Retag(ctx context.Context, tag Tagger, progress func(done, total int)) (RetagCounts, error) {
	return s.retag(ctx, tag, progress, retagBatch)
}

func (s *Store) retag(ctx context.Context, tag Tagger, progress func(done, total int), batchSize int) (RetagCounts, error) {
	c := RetagCounts{Added: map[string]int{}, Removed: map[string]int{}, Releveled: map[string]int{}}
	if s.opts.ReadOnly {
		return c, fmt.Errorf("store: retag %s: opened read-only", s.path)
	}
	var keys [][]byte
	lists := map[period]snapshot{} // each period's counted (id, version) list
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		if err := b.versions.ForEach(func(k, _ []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		}); err != nil {
			return err
		}
		for _, kind := range periodKinds {
			err := kind.post(b).ForEach(func(k, v []byte) error {
				p, ok := kind.fromKey(k)
				if !ok {
					return fmt.Errorf("%spost/%x: %w", kind.name, k, ErrCorrupt)
				}
				snap, _, err := decodeSnapshot(v, false)
				if err != nil {
					return fmt.Errorf("%spost/%s: %w", kind.name, p, err)
				}
				lists[p] = snap
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("store: retag: %w", err)
	}
	for start := 0; start < len(keys); start += batchSize {
		if err := ctx.Err(); err != nil {
			return c, err
		}
		batch := keys[start:min(start+batchSize, len(keys))]
		if err := s.retagBatch(ctx, batch, lists, tag, &c); err != nil {
			return c, fmt.Errorf("store: retag: %w", err)
		}
		if progress != nil {
			progress(start+len(batch), len(keys))
		}
	}
	return c, nil
}

type retagItem struct {
	key      []byte
	old      []byte // the record as read, to detect a concurrent change
	ver      version
	posting  skillpulse.Posting
	body     []byte // the posting's encoded body, which evidence refers into
	newTags  skillpulse.Tags
	changed  bool
	newBytes []byte
}

// retagBatch reads and re-tags a batch outside any write transaction (on
// all CPUs), then writes the changed versions and their weeks' aggregates
// in one transaction.
func (s *Store) retagBatch(ctx context.Context, keys [][]byte, lists map[period]snapshot, tag Tagger, c *RetagCounts) error {
	items, err := s.readRetagItems(ctx, keys)
	if err != nil {
		return err
	}
	if err := s.retagItems(ctx, items, tag); err != nil {
		return err
	}
	c.Versions += len(items)
	return s.db.Update(ctx, func(tx *bolt.Tx) error {
		return writeRetagged(s.bucketsOf(tx), items, lists, c)
	})
}

// readRetagItems reads the versions keys name, with their postings'
// content, in one read transaction.
func (s *Store) readRetagItems(ctx context.Context, keys [][]byte) ([]retagItem, error) {
	items := make([]retagItem, len(keys))
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		for i, k := range keys {
			id, seq := binary.BigEndian.Uint64(k), binary.BigEndian.Uint32(k[8:])
			raw := b.versions.Get(k)
			if raw == nil {
				return fmt.Errorf("versions/%d/%d: %w: listed, then not found (versions are never deleted)", id, seq, ErrCorrupt)
			}
			v, err := b.versionOf(id, seq, true)
			if err != nil {
				return err
			}
			h, err := decodeHead(b.postings.Get(u64(id)))
			if err != nil {
				return fmt.Errorf("postings/%d: %w", id, err)
			}
			p := v.Posting
			p.Source, p.NativeID = h.Source, h.NativeID
			body, err := s.body(b, &v)
			if err != nil {
				return fmt.Errorf("posting %d version %d: %w", id, seq, err)
			}
			if err := decodeBody(body, &p); err != nil {
				return fmt.Errorf("%s: %w", v.contentName(), err)
			}
			if err := v.resolveEvidence(body); err != nil {
				return fmt.Errorf("versions/%d/%d: %w", id, seq, err)
			}
			items[i] = retagItem{key: keys[i], old: bytes.Clone(raw), ver: v, posting: p, body: body}
		}
		return nil
	})
	return items, err
}

// retagItems tags every item on all CPUs (Tagger implementations are safe
// for concurrent use) and encodes the new record of each whose tags
// changed.
func (s *Store) retagItems(ctx context.Context, items []retagItem, tag Tagger) error {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				it := &items[i]
				it.newTags = tag.Tag(&it.posting)
				var before, after encoder
				encodeTagsInline(&before, &it.ver.Tags)
				encodeImplied(&before, it.ver.Tags.Implied)
				encodeTagsInline(&after, &it.newTags)
				encodeImplied(&after, it.newTags.Implied)
				if bytes.Equal(before.bytes(), after.bytes()) {
					continue
				}
				it.changed = true
				nv := it.ver
				nv.Tags = it.newTags
				it.newBytes = nv.record(it.body, s.zenc)
			}
		}()
	}
	for i := range items {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}

// writeRetagged stores the changed items, moving each from its old tags
// to its new ones in the aggregates of the periods that count it and in
// the projections of the weeks that do.
func writeRetagged(b buckets, items []retagItem, lists map[period]snapshot, c *RetagCounts) error {
	aggs := map[period]*skillpulse.Aggregate{}
	reread := map[versionRef]bool{}
	weeks := map[period]bool{}
	for i := range items {
		it := &items[i]
		if !it.changed {
			continue
		}
		if !bytes.Equal(b.versions.Get(it.key), it.old) {
			return fmt.Errorf("versions/%x changed during retag", it.key)
		}
		id, seq := binary.BigEndian.Uint64(it.key), binary.BigEndian.Uint32(it.key[8:])
		counting := periodsCounting(lists, id, seq)
		for _, p := range counting { // take the old tags out ...
			agg, err := cachedAggregate(b, aggs, p)
			if err != nil {
				return err
			}
			if err := count(agg, b, id, seq, -1); err != nil {
				return err
			}
		}
		if err := b.versions.Put(it.key, it.newBytes); err != nil {
			return err
		}
		for _, p := range counting { // ... and the new ones in
			if err := count(aggs[p], b, id, seq, +1); err != nil {
				return err
			}
		}
		for _, p := range counting {
			if !p.isDay() {
				weeks[p] = true
				reread[versionRef{id, seq}] = true
			}
		}
		diffTags(&it.ver.Tags, &it.newTags, c)
		c.Changed++
	}
	for p, agg := range aggs {
		if err := putAggregate(b, p, agg); err != nil {
			return err
		}
	}
	for p := range weeks {
		if err := writeWeekProj(b, p, reread); err != nil {
			return err
		}
	}
	return nil
}

// periodsCounting lists the periods whose aggregate counts version seq of
// id.
func periodsCounting(lists map[period]snapshot, id uint64, seq uint32) []period {
	var out []period
	for p, snap := range lists {
		i := sort.Search(len(snap.IDs), func(i int) bool { return snap.IDs[i] >= id })
		if i < len(snap.IDs) && snap.IDs[i] == id && snap.Vers[i] == seq {
			out = append(out, p)
		}
	}
	return out
}

func cachedAggregate(b buckets, aggs map[period]*skillpulse.Aggregate, p period) (*skillpulse.Aggregate, error) {
	if agg, ok := aggs[p]; ok {
		return agg, nil
	}
	agg, err := getAggregate(b, p)
	if err != nil {
		return nil, err
	}
	aggs[p] = &agg
	return &agg, nil
}

// diffTags adds what changed between two taggings of one version to c.
func diffTags(before, after *skillpulse.Tags, c *RetagCounts) {
	levels := func(t *skillpulse.Tags) map[string]skillpulse.Level {
		m := map[string]skillpulse.Level{}
		for _, x := range t.Mentions {
			m[x.SkillID] = max(m[x.SkillID], x.Level)
		}
		return m
	}
	b, a := levels(before), levels(after)
	for id, l := range a {
		old, ok := b[id]
		switch {
		case !ok:
			c.Added[id]++
		case old != l:
			c.Releveled[id]++
		}
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			c.Removed[id]++
		}
	}
}
