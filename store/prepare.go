package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// preparedBatch is one batch of Put on its way from preparation to its
// write transaction.
type preparedBatch struct {
	pps  []prepared
	last bool // the source's last batch, which records the fetch complete
	err  error
}

// prepared is one posting on its way into a write transaction, with the
// expensive work — tagging, encoding, compressing — done beforehand and
// outside it.
type prepared struct {
	p     skillpulse.Posting // a copy: the caller's slice is never modified
	hash  skillpulse.Hash
	ver   *preparedVersion // nil when the posting looked unchanged or a duplicate
	dedup dedupState
}

type preparedVersion struct {
	body   skillpulse.Hash // hash of the encoded body
	blob   []byte          // compressed body
	fields packedFields    // the record but for the body's id
}

// prepareBatches prepares postings batch by batch for Put to write,
// closing batches when done. A panicking Tagger is recovered into
// *panicked before batches is closed, so that Put raises it again in its
// own goroutine, where the caller can recover it.
func (w *RunWriter) prepareBatches(ctx context.Context, source string, postings []skillpulse.Posting, tag Tagger, batches chan<- preparedBatch, panicked *any) {
	defer close(batches)
	defer func() {
		if r := recover(); r != nil {
			*panicked = r
		}
	}()
	for start := 0; start < len(postings); start += batchSize {
		if ctx.Err() != nil {
			// Put notices from what was written; a send here could wait
			// forever for a Put that has returned.
			return
		}
		pps, err := w.prepare(ctx, source, postings[start:min(start+batchSize, len(postings))], tag)
		select {
		case batches <- preparedBatch{pps: pps, last: start+batchSize >= len(postings), err: err}:
		case <-ctx.Done():
			return
		}
		if err != nil {
			return
		}
	}
}

// prepare hashes a batch, finds in a read transaction which postings are new
// or changed, and tags, encodes and compresses just those on all CPUs, so
// the write transaction that follows — bbolt allows one at a time — only
// looks up and stores. Tagger implementations must therefore be safe for
// concurrent use.
func (w *RunWriter) prepare(ctx context.Context, source string, batch []skillpulse.Posting, tag Tagger) ([]prepared, error) {
	pps := make([]prepared, len(batch))
	for i := range batch {
		pps[i].p = batch[i]
		pps[i].p.Source = source
		pps[i].hash = pps[i].p.ContentHash()
	}
	todo, err := w.changed(source, pps)
	if err != nil {
		return nil, err
	}
	if len(todo) > 0 && w.s.bodies.wantsDict() {
		if err := w.trainDictOn(pps, todo); err != nil {
			return nil, err
		}
	}
	if err := w.makeVersions(ctx, pps, todo, tag); err != nil {
		return nil, err
	}
	return pps, nil
}

// changed returns the indexes of the postings of pps that need a new
// version: new to the store and no other source's posting, or changed.
func (w *RunWriter) changed(source string, pps []prepared) ([]int, error) {
	var todo []int
	err := w.s.db.View(func(tx *bolt.Tx) error {
		b := w.s.bucketsOf(tx)
		for i := range pps {
			pp := &pps[i]
			idb := b.keys.Get(postingKey(source, pp.p.NativeID))
			if idb == nil {
				// A first listing may be another source's posting; the
				// comparisons happen here, outside the write transaction.
				pp.dedup.fp = fingerprint(&pp.p)
				if _, _, dup, err := w.s.findDuplicate(b, pp, source); err != nil {
					return err
				} else if !dup {
					todo = append(todo, i)
				}
				continue
			}
			h, err := decodeHead(b.postings.Get(idb))
			if err != nil {
				return fmt.Errorf("postings/%d: %w", binary.BigEndian.Uint64(idb), err)
			}
			if h.Source == source && h.Hash != pp.hash {
				todo = append(todo, i)
			}
		}
		return nil
	})
	return todo, err
}

// trainDictOn trains the store's compression dictionary on the bodies of
// the postings todo names.
func (w *RunWriter) trainDictOn(pps []prepared, todo []int) error {
	samples := make([][]byte, 0, min(len(todo), dictMaxSamples))
	for _, i := range todo[:cap(samples)] {
		var e encoder
		encodeBody(&e, &pps[i].p)
		samples = append(samples, e.bytes())
	}
	if err := w.s.trainDict(samples, len(todo)); err != nil {
		return fmt.Errorf("store a compression dictionary: %w", err)
	}
	return nil
}

// makeVersions tags, encodes and compresses the postings todo names on all
// CPUs.
func (w *RunWriter) makeVersions(ctx context.Context, pps []prepared, todo []int, tag Tagger) error {
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	var panicOnce sync.Once
	var panicked any
	for range workers {
		wg.Go(func() {
			var pp *prepared
			// A panicking Tagger must not take the process down from a
			// goroutine no caller can recover in: the panic is carried
			// over and raised again in Put's own goroutine.
			defer func() {
				if r := recover(); r != nil {
					panicOnce.Do(func() {
						key := "?"
						if pp != nil {
							key = pp.p.Key().String()
						}
						panicked = fmt.Sprintf("store: tagging posting %s: %v\n%s", key, r, debug.Stack())
					})
					next.Store(int64(len(todo))) // stop the other workers
				}
			}()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(todo) || ctx.Err() != nil {
					return
				}
				pp = &pps[todo[k]]
				pp.ver = w.makeVersion(&pp.p, pp.hash, tag)
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return ctx.Err()
}

// makeVersion tags p and encodes its version record and compressed body.
func (w *RunWriter) makeVersion(p *skillpulse.Posting, hash skillpulse.Hash, tag Tagger) *preparedVersion {
	// The encoded body is needed only until it is hashed, compressed and
	// searched for evidence, so its buffer is reused.
	buf := w.s.bodies.buffer()
	defer w.s.bodies.bufs.Put(buf)
	body := encoder{b: (*buf)[:0]}
	encodeBody(&body, p)
	raw := body.bytes()
	*buf = raw
	// The tagger gets its own copy, so nothing it does reaches the store.
	tp := *p
	tp.Sections = slices.Clone(p.Sections)
	v := version{Since: w.started, Hash: hash, Posting: *p, Tags: tag.Tag(&tp), BodySize: len(raw)}
	return &preparedVersion{
		body:   bodyHash(raw),
		blob:   w.s.bodies.compress(raw, make([]byte, 0, len(raw)/2)),
		fields: v.packFields(raw, w.s.zenc),
	}
}
