package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// Tagger is what the store needs from the extractor: the tags of one posting.
// The store calls it only for postings that are new or whose content changed,
// from several goroutines at once, so implementations must be safe for
// concurrent use (extract.Tagger is).
type Tagger interface {
	Tag(p *skillpulse.Posting) skillpulse.Tags
}

// TaggerFunc adapts a function to Tagger.
type TaggerFunc func(p *skillpulse.Posting) skillpulse.Tags

// Tag calls f(p).
func (f TaggerFunc) Tag(p *skillpulse.Posting) skillpulse.Tags { return f(p) }

// Counts says what Put did with a source's postings. Every posting is
// exactly one of New, Updated or Unchanged; Reopened counts those among
// Updated and Unchanged that had been closed and came back.
type Counts struct {
	New, Updated, Unchanged int
	Reopened                int
}

func (c *Counts) add(o Counts) {
	c.New += o.New
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Reopened += o.Reopened
}

// batchSize is how many postings Put writes per bbolt transaction: large
// enough that the per-commit fsync is amortised, small enough that an
// interrupted run loses little work and a transaction's dirty pages stay
// modest. See BenchmarkIngest.
const batchSize = 1000

// appendFill is the bbolt page fill used for buckets that grow at the end.
const appendFill = 0.9

// Put upserts the postings that source returned in this run (already
// role-filtered). A posting whose ContentHash matches its stored content is
// neither retagged nor rewritten — only its last sighting is updated; a new
// or changed posting is tagged with tag and gets a new version. A closed
// posting that appears again reopens.
//
// Postings are written in transactions of batchSize: if Put fails or ctx is
// cancelled part-way, the batches already committed stay (with the counts
// returned) and nothing of the failed batch does. The last batch also
// records the source's fetch as complete, which Keep relies on.
func (w *RunWriter) Put(ctx context.Context, source string, postings []skillpulse.Posting, tag Tagger) (Counts, error) {
	var total Counts
	fail := func(err error) (Counts, error) {
		return total, fmt.Errorf("store: run %s: put %q: %w", w.id, source, err)
	}
	switch {
	case source == "":
		return fail(errors.New("empty source name"))
	case strings.IndexByte(source, 0) >= 0:
		return fail(errors.New("source name contains NUL"))
	case tag == nil:
		return fail(errors.New("nil tagger"))
	}
	for i := range postings {
		p := &postings[i]
		if p.Source != "" && p.Source != source {
			return fail(fmt.Errorf("posting %d (%s) belongs to source %q", i, p.NativeID, p.Source))
		}
		if p.NativeID == "" {
			return fail(fmt.Errorf("posting %d (%q) has no native id", i, p.Title))
		}
	}
	if w.isFinished() {
		return fail(ErrRunFinished)
	}
	for start := 0; start < len(postings); start += batchSize {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		batch, err := w.prepare(ctx, source, postings[start:min(start+batchSize, len(postings))], tag)
		if err != nil {
			return fail(err)
		}
		var c Counts
		last := start+batchSize >= len(postings)
		err = w.s.db.Update(func(tx *bolt.Tx) error {
			c = Counts{}
			b := w.s.bucketsOf(tx)
			// Buckets keyed by posting id grow at the end (new ids are
			// always larger), where bbolt's default half-full page split
			// would waste almost half of every page.
			for _, bk := range []*bolt.Bucket{b.postings, b.seen, b.versions} {
				bk.FillPercent = appendFill
			}
			for i := range batch {
				if err := w.putOne(b, &batch[i], tag, &c); err != nil {
					return fmt.Errorf("posting %s: %w", batch[i].p.NativeID, err)
				}
			}
			if last {
				return w.recordFetch(b, source)
			}
			return nil
		})
		if err != nil {
			return fail(err)
		}
		total.add(c)
	}
	if len(postings) == 0 {
		err := w.s.db.Update(func(tx *bolt.Tx) error { return w.recordFetch(w.s.bucketsOf(tx), source) })
		if err != nil {
			return fail(err)
		}
	}
	return total, nil
}

func (w *RunWriter) isFinished() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.finished
}

func (w *RunWriter) putOne(b buckets, pp *prepared, tag Tagger, c *Counts) error {
	p, hash := &pp.p, pp.hash
	key := postingKey(p.Source, p.NativeID)
	origin := skillpulse.Origin{Source: p.Source, URL: p.URL}

	idb := b.keys.Get(key)
	if idb == nil {
		id, err := b.postings.NextSequence()
		if err != nil {
			return err
		}
		h := head{Source: p.Source, NativeID: p.NativeID, FirstSeen: w.started, Hash: hash, Versions: 1}
		h.addOrigin(origin)
		if err := w.putVersion(b, id, 0, pp, tag); err != nil {
			return err
		}
		if err := b.keys.Put(key, u64(id)); err != nil {
			return err
		}
		c.New++
		return w.writeSighting(b, id, &h, true)
	}

	id := binary.BigEndian.Uint64(idb)
	h, err := decodeHead(b.postings.Get(idb))
	if err != nil {
		return fmt.Errorf("postings/%d: %w", id, err)
	}
	rewrite := false
	if !h.ClosedAt.IsZero() {
		h.ClosedAt = time.Time{}
		c.Reopened++
		rewrite = true
	}
	if h.Hash == hash {
		c.Unchanged++
		return w.writeSighting(b, id, &h, rewrite)
	}
	seq := h.Versions
	if err := w.putVersion(b, id, seq, pp, tag); err != nil {
		return err
	}
	h.Hash, h.Current, h.Versions = hash, seq, seq+1
	h.addOrigin(origin)
	c.Updated++
	return w.writeSighting(b, id, &h, true)
}

// writeSighting records that posting id was seen in this run, rewriting its
// head and open entry only when they changed.
func (w *RunWriter) writeSighting(b buckets, id uint64, h *head, rewrite bool) error {
	idk := u64(id)
	if prev, err := decodeTime(b.seen.Get(idk)); err != nil || prev.Before(w.started) {
		if err := b.seen.Put(idk, encodeTime(w.started)); err != nil {
			return err
		}
	}
	if !rewrite {
		return nil
	}
	var e encoder
	h.encode(&e)
	if err := b.postings.Put(idk, e.bytes()); err != nil {
		return err
	}
	return b.open.Put(openKey(h.Source, id), binary.AppendUvarint(nil, uint64(h.Current)))
}

// putVersion stores pp as version seq of posting id, and its body in the
// content bucket unless that body is already there. It uses the version
// prepare made, or makes it now if prepare judged the posting unchanged and a
// concurrent Put changed it since.
func (w *RunWriter) putVersion(b buckets, id uint64, seq uint32, pp *prepared, tag Tagger) error {
	if pp.ver == nil {
		pp.ver = w.makeVersion(&pp.p, pp.hash, tag)
	}
	v := pp.ver
	if b.content.Get(v.body[:]) == nil {
		if err := b.content.Put(v.body[:], v.blob); err != nil {
			return err
		}
	}
	return b.versions.Put(versionKey(id, seq), v.record)
}

// prepared is one posting on its way into a write transaction, with the
// expensive work — tagging, encoding, compressing — done beforehand and
// outside it.
type prepared struct {
	p    skillpulse.Posting // a copy: the caller's slice is never modified
	hash skillpulse.Hash
	ver  *preparedVersion // nil when the posting looked unchanged
}

type preparedVersion struct {
	body   skillpulse.Hash // content-bucket key
	blob   []byte          // compressed body
	record []byte          // encoded version record
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
	var todo []int
	err := w.s.db.View(func(tx *bolt.Tx) error {
		b := w.s.bucketsOf(tx)
		for i := range pps {
			idb := b.keys.Get(postingKey(source, pps[i].p.NativeID))
			if idb == nil {
				todo = append(todo, i)
				continue
			}
			h, err := decodeHead(b.postings.Get(idb))
			if err != nil {
				return fmt.Errorf("postings/%d: %w", binary.BigEndian.Uint64(idb), err)
			}
			if h.Hash != pps[i].hash {
				todo = append(todo, i)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pps, nil
}

// makeVersion tags p and encodes its version record and compressed body.
func (w *RunWriter) makeVersion(p *skillpulse.Posting, hash skillpulse.Hash, tag Tagger) *preparedVersion {
	var body encoder
	encodeBody(&body, p)
	raw := body.bytes()
	// The tagger gets its own copy, so nothing it does reaches the store.
	tp := *p
	tp.Sections = slices.Clone(p.Sections)
	v := version{Since: w.started, Hash: hash, Body: bodyHash(raw), Posting: *p, Tags: tag.Tag(&tp), BodySize: len(raw)}
	var e encoder
	v.encode(&e)
	return &preparedVersion{
		body:   v.Body,
		blob:   w.s.zenc.EncodeAll(raw, make([]byte, 0, len(raw)/2)),
		record: compressRecord(e.bytes(), w.s.zenc),
	}
}
