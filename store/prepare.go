package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"iter"
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
	todo []int // indexes of the postings of pps that need a new version
	last bool  // the source's last batch, which records the fetch complete
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

// firstPanic keeps the first panic recovered on one of PutSeq's
// goroutines, for Put to raise again in its own.
type firstPanic struct {
	mu sync.Mutex
	v  any
}

func (p *firstPanic) set(r any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.v == nil {
		p.v = r
	}
}

func (p *firstPanic) get() any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.v
}

// prepareBatches cuts postings into batches of batchSize and prepares them
// for Put to write, in two stages on goroutines of their own, so that
// neither waits for the other's serial parts: classifyBatches ranges over
// postings and finds which of each batch's need a new version, and
// versionBatches makes those versions on all CPUs and hands the batch to
// Put, closing batches when done. While Put writes batch k, batch k+1's
// versions are made and batch k+2 is classified. A panic — a Tagger's or
// the iterator's — is recovered into panicked before batches is closed,
// so that Put raises it again in its own goroutine, where the caller can
// recover it.
func (w *RunWriter) prepareBatches(ctx context.Context, source string, postings iter.Seq2[skillpulse.Posting, error], tag Tagger, batches chan<- preparedBatch, panicked *firstPanic) {
	classified := make(chan preparedBatch)
	var classifier sync.WaitGroup
	classifier.Go(func() { w.classifyBatches(ctx, source, postings, classified, panicked) })
	w.versionBatches(ctx, classified, tag, batches, panicked)
	classifier.Wait()
}

// classifyBatches ranges over postings, cutting them into batches that it
// classifies (see classify) and sends on classified, which it closes when
// done. A batch is sent once the posting after it arrives, or the postings
// end: only then is it known whether it is the source's last, which
// records the fetch complete (a source with no postings sends one empty
// last batch). An error — the stream's, a posting the store refuses, or
// classifying's — is sent as a batch of its own, the last.
func (w *RunWriter) classifyBatches(ctx context.Context, source string, postings iter.Seq2[skillpulse.Posting, error], classified chan<- preparedBatch, panicked *firstPanic) {
	defer close(classified)
	defer func() {
		if r := recover(); r != nil {
			panicked.set(r)
		}
	}()
	// send classifies pb and hands it on, and reports whether to go on.
	// Once ctx is done it sends nothing: Put notices from what was
	// written, and a send could wait forever for a stage that has
	// returned.
	send := func(pb preparedBatch) bool {
		if pb.err == nil && ctx.Err() == nil {
			pb.err = w.classify(ctx, source, &pb)
		}
		if ctx.Err() != nil {
			return false
		}
		select {
		case classified <- pb:
			return pb.err == nil
		case <-ctx.Done():
			return false
		}
	}
	pps := make([]prepared, 0, batchSize)
	n := 0
	for p, err := range postings {
		if err == nil {
			err = checkPosting(source, n, &p)
		}
		if err != nil {
			send(preparedBatch{err: err})
			return
		}
		if len(pps) == batchSize {
			if !send(preparedBatch{pps: pps}) {
				return
			}
			// The batch sent belongs to the next stages until written;
			// the next one is a new slice.
			pps = make([]prepared, 0, batchSize)
		}
		pps = append(pps, prepared{p: p})
		n++
	}
	send(preparedBatch{pps: pps, last: true})
}

// versionBatches makes the versions of every batch classified brings (see
// makeVersions) and sends it on batches, which it closes when done. A
// batch whose versions could not all be made because ctx ended is never
// sent.
func (w *RunWriter) versionBatches(ctx context.Context, classified <-chan preparedBatch, tag Tagger, batches chan<- preparedBatch, panicked *firstPanic) {
	defer close(batches)
	defer func() {
		if r := recover(); r != nil {
			panicked.set(r)
		}
	}()
	for pb := range classified {
		if pb.err == nil {
			pb.err = w.makeVersions(ctx, pb.pps, pb.todo, tag)
			pb.todo = nil
		}
		if ctx.Err() != nil {
			return
		}
		select {
		case batches <- pb:
		case <-ctx.Done():
			return
		}
		if pb.err != nil {
			return
		}
	}
}

// classify hashes a batch and finds in a read transaction which postings
// are new or changed (pb.todo), so that versions are made for just those
// and the write transaction that follows — bbolt allows one at a time —
// only looks up and stores. It stamps the postings with source.
func (w *RunWriter) classify(ctx context.Context, source string, pb *preparedBatch) error {
	pps := pb.pps
	err := parallel(ctx, len(pps), func(i int) {
		pps[i].p.Source = source
		pps[i].hash = pps[i].p.ContentHash()
	}, func(i int) string { return "hashing posting " + pps[i].p.Key().String() })
	if err != nil {
		return err
	}
	if pb.todo, err = w.changed(ctx, source, pps); err != nil {
		return err
	}
	if len(pb.todo) > 0 && w.s.bodies.wantsDict() {
		return w.trainDictOn(ctx, pps, pb.todo)
	}
	return nil
}

// changed returns the indexes of the postings of pps that need a new
// version: new to the store and no other source's posting, or changed.
func (w *RunWriter) changed(ctx context.Context, source string, pps []prepared) ([]int, error) {
	var todo []int
	err := w.s.db.View(ctx, func(tx *bolt.Tx) error {
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
func (w *RunWriter) trainDictOn(ctx context.Context, pps []prepared, todo []int) error {
	samples := make([][]byte, 0, min(len(todo), dictMaxSamples))
	for _, i := range todo[:cap(samples)] {
		var e encoder
		encodeBody(&e, &pps[i].p)
		samples = append(samples, e.bytes())
	}
	if err := w.s.trainDict(ctx, samples, len(todo)); err != nil {
		return fmt.Errorf("store a compression dictionary: %w", err)
	}
	return nil
}

// makeVersions tags, encodes and compresses the postings todo names on all
// CPUs. Tagger implementations must therefore be safe for concurrent use.
func (w *RunWriter) makeVersions(ctx context.Context, pps []prepared, todo []int, tag Tagger) error {
	return parallel(ctx, len(todo), func(k int) {
		pp := &pps[todo[k]]
		pp.ver = w.makeVersion(&pp.p, pp.hash, tag)
	}, func(k int) string { return "tagging posting " + pps[todo[k]].p.Key().String() })
}

// parallel calls f for every index below n on all CPUs and returns ctx's
// error if ctx ended before it was done. A panic in f — a Tagger's — must
// not take the process down from a goroutine no caller can recover in: it
// stops the other workers and is raised again in parallel's caller, named
// by what(i).
func parallel(ctx context.Context, n int, f func(i int), what func(i int) string) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	var panicOnce sync.Once
	var panicked any
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			i := -1
			defer func() {
				if r := recover(); r != nil {
					panicOnce.Do(func() {
						panicked = fmt.Sprintf("store: %s: %v\n%s", what(i), r, debug.Stack())
					})
					next.Store(int64(n)) // stop the other workers
				}
			}()
			for {
				if i = int(next.Add(1)) - 1; i >= n || ctx.Err() != nil {
					return
				}
				f(i)
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
