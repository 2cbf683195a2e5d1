package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
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
// Updated and Unchanged that had been closed and came back. Merged counts
// those among Unchanged that were seen for the first time at this source
// but are a posting already stored from another source, which they joined
// as a new origin (cross-source dedup): the job is not new to the store.
type Counts struct {
	New, Updated, Unchanged int
	Reopened                int
	Merged                  int
}

func (c *Counts) add(o Counts) {
	c.New += o.New
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Reopened += o.Reopened
	c.Merged += o.Merged
}

// batchSize is how many postings Put writes per bbolt transaction: large
// enough that the per-commit fsync is amortised and that the indexes keyed
// by hash (dedup, bodies), whose every insert lands on a random page, have
// each page rewritten once per batch for many inserts rather than for one;
// small enough that an interrupted run loses little work and a
// transaction's dirty pages stay modest. BenchmarkIngest100k ran at 17k
// postings/s with 1000, 19k–22k with 2000 to 3000.
const batchSize = 2500

// maxNativeID bounds a native id, which is part of a bbolt key (at most 32
// KiB). The crawler keeps them far shorter.
const maxNativeID = 4 << 10

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
// records the source's fetch as complete, which Keep relies on. Put checks
// every posting before it writes any; PutSeq, for postings that arrive one
// at a time, checks each batch before it writes it.
func (w *RunWriter) Put(ctx context.Context, source string, postings []skillpulse.Posting, tag Tagger) (Counts, error) {
	if err := checkPut(source, postings, tag); err != nil {
		return Counts{}, fmt.Errorf("store: run %s: put %q: %w", w.id, source, err)
	}
	return w.PutSeq(ctx, source, func(yield func(skillpulse.Posting, error) bool) {
		for i := range postings {
			if !yield(postings[i], nil) {
				return
			}
		}
	}, tag)
}

// PutSeq is Put for a source whose postings come one at a time, so that
// neither its caller nor the store ever holds them all: the store keeps a
// few batches on their way (one filling or being classified, one having
// its versions made, one queued, one being written) and nothing of a batch
// once it is committed. postings is
// ranged over once, from a goroutine of its own; a posting it yields
// belongs to the store (a copy of the struct is kept, its strings are
// shared). An error it yields ends the Put with that error: the batches
// committed before stay, and the fetch is not recorded complete, so Keep
// never takes a partial result for the source's list. A posting the store
// refuses (another source's, or a native id it cannot key) fails its batch
// the same way.
func (w *RunWriter) PutSeq(ctx context.Context, source string, postings iter.Seq2[skillpulse.Posting, error], tag Tagger) (Counts, error) {
	var total Counts
	fail := func(err error) (Counts, error) {
		return total, fmt.Errorf("store: run %s: put %q: %w", w.id, source, err)
	}
	if err := checkPut(source, nil, tag); err != nil {
		return fail(err)
	}
	if w.isFinished() {
		return fail(ErrRunFinished)
	}
	// Batch k+1 is prepared (tagged, encoded, compressed) and batch k+2
	// classified while batch k is written: bbolt takes one writer at a
	// time, and the write needs only one CPU. A batch whose preparation
	// completed is written even if ctx is cancelled meanwhile; one cut
	// short is never sent.
	batches := make(chan preparedBatch, 1)
	ctx, cancel := context.WithCancel(ctx)
	var producer sync.WaitGroup
	var panicked firstPanic
	defer func() {
		cancel()
		producer.Wait()
		if r := panicked.get(); r != nil {
			panic(r)
		}
	}()
	producer.Go(func() { w.prepareBatches(ctx, source, postings, tag, batches, &panicked) })
	complete := false
	for pb := range batches {
		if pb.err != nil {
			return fail(pb.err)
		}
		c, err := w.writeBatch(ctx, source, &pb, tag)
		if err != nil {
			return fail(err)
		}
		total.add(c)
		complete = pb.last
	}
	switch {
	case panicked.get() != nil:
		return total, nil // raised by the deferred function
	case !complete:
		// The producer stops early only when ctx is done.
		return fail(cmp.Or(context.Cause(ctx), errors.New("postings ended without a last batch")))
	}
	return total, nil
}

// checkPut refuses what Put cannot store: a source name that cannot key
// it, no tagger, a posting of another source or with an unusable native id.
func checkPut(source string, postings []skillpulse.Posting, tag Tagger) error {
	switch {
	case source == "":
		return errors.New("empty source name")
	case strings.IndexByte(source, 0) >= 0:
		return errors.New("source name contains NUL")
	case tag == nil:
		return errors.New("nil tagger")
	}
	for i := range postings {
		if err := checkPosting(source, i, &postings[i]); err != nil {
			return err
		}
	}
	return nil
}

// checkPosting refuses posting number i of source's if the store cannot
// key it under source.
func checkPosting(source string, i int, p *skillpulse.Posting) error {
	switch {
	case p.Source != "" && p.Source != source:
		return fmt.Errorf("posting %d (%s) belongs to source %q", i, p.NativeID, p.Source)
	case p.NativeID == "":
		return fmt.Errorf("posting %d (%q) has no native id", i, p.Title)
	case len(p.NativeID) > maxNativeID:
		return fmt.Errorf("posting %d (%q) has a native id of %d bytes, over %d", i, p.Title, len(p.NativeID), maxNativeID)
	}
	return nil
}

// writeBatch writes one prepared batch in one transaction; the source's
// last batch also records its fetch complete.
func (w *RunWriter) writeBatch(ctx context.Context, source string, pb *preparedBatch, tag Tagger) (Counts, error) {
	var c Counts
	err := w.s.db.Update(ctx, func(tx *bolt.Tx) error {
		c = Counts{}
		b := w.s.bucketsOf(tx)
		// Buckets keyed by posting id grow at the end (new ids are always
		// larger), where bbolt's default half-full page split would waste
		// almost half of every page.
		for _, bk := range []*bolt.Bucket{b.postings, b.seen, b.versions} {
			bk.FillPercent = appendFill
		}
		for i := range pb.pps {
			if err := w.putOne(b, &pb.pps[i], tag, &c); err != nil {
				return fmt.Errorf("posting %s: %w", pb.pps[i].p.NativeID, err)
			}
		}
		if pb.last {
			return w.recordFetch(b, source)
		}
		return nil
	})
	return c, err
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
		if id, h, ok, err := w.s.findDuplicate(b, pp, p.Source); err != nil {
			return err
		} else if ok {
			return w.merge(b, id, &h, key, origin, c)
		}
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
		if pp.dedup.fp != nil {
			if err := b.dedup.Put(dedupKey(pp.dedup.fp, id), []byte(p.Source)); err != nil {
				return err
			}
		}
		c.New++
		return w.writeSighting(b, id, &h, p.Source, true, false)
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
	if h.Source != p.Source {
		// Another source's listing of a merged posting: a sighting only.
		// The posting's content is its own source's, never this copy's.
		if !slices.Contains(h.Origins, origin) {
			h.addOrigin(origin)
			rewrite = true
		}
		c.Unchanged++
		return w.writeSighting(b, id, &h, p.Source, rewrite, false)
	}
	if h.Hash == hash {
		c.Unchanged++
		return w.writeSighting(b, id, &h, p.Source, rewrite, false)
	}
	seq := h.Versions
	if err := w.putVersion(b, id, seq, pp, tag); err != nil {
		return err
	}
	if err := w.reindex(b, id, h.Current, pp); err != nil {
		return err
	}
	h.Hash, h.Current, h.Versions = hash, seq, seq+1
	h.addOrigin(origin)
	c.Updated++
	return w.writeSighting(b, id, &h, p.Source, true, true)
}

// merge joins a first listing at a new source to posting id, an open
// posting of another source with the same fingerprint and near-identical
// text: the listing's key maps to id, the posting gains the origin, and the
// new source holds it open too.
func (w *RunWriter) merge(b buckets, id uint64, h *head, key []byte, origin skillpulse.Origin, c *Counts) error {
	if err := b.keys.Put(key, u64(id)); err != nil {
		return err
	}
	h.addOrigin(origin)
	if err := addOriginToPeriods(b, id, h, origin.Source); err != nil {
		return err
	}
	c.Unchanged++
	c.Merged++
	return w.writeSighting(b, id, h, origin.Source, true, false)
}

// reindex moves posting id's dedup entry from the fingerprint of version
// old to that of its new content, when they differ.
func (w *RunWriter) reindex(b buckets, id uint64, old uint32, pp *prepared) error {
	v, err := b.version(id, old)
	if err != nil {
		return err
	}
	return indexPosting(b, id, &v.Posting, &pp.p)
}

// writeSighting records that posting id was seen in this run at source,
// rewriting its head when rewrite. Source's open entry is written when the
// head changed or missing (a source of a merged posting may have let go of
// it); when the version changed, every other holder's entry is updated too.
func (w *RunWriter) writeSighting(b buckets, id uint64, h *head, source string, rewrite, newVersion bool) error {
	idk := u64(id)
	if prev, err := decodeTime(b.seen.Get(idk)); err != nil || prev.Before(w.started) {
		if err := b.seen.Put(idk, encodeTime(w.started)); err != nil {
			return err
		}
	}
	ver := binary.AppendUvarint(nil, uint64(h.Current))
	if rewrite {
		var e encoder
		h.encode(&e)
		if err := b.postings.Put(idk, e.bytes()); err != nil {
			return err
		}
	}
	if newVersion {
		for _, src := range openHolders(b.open, id, h) {
			if err := b.open.Put(openKey(src, id), ver); err != nil {
				return err
			}
		}
	}
	// Only a posting with origins at several sources can be open without
	// an entry for the source that sees it.
	ok := openKey(source, id)
	if rewrite || (len(h.Origins) > 1 && b.open.Get(ok) == nil) {
		return b.open.Put(ok, ver)
	}
	return nil
}

// putVersion stores pp as version seq of posting id, and its body in the
// content bucket unless that body is already there. It uses the version
// prepare made, or makes it now if prepare judged the posting unchanged and a
// concurrent Put changed it since.
func (w *RunWriter) putVersion(b buckets, id uint64, seq uint32, pp *prepared, tag Tagger) error {
	if pp.ver == nil {
		pp.ver = w.makeVersion(&pp.p, pp.hash, tag)
	}
	return pp.ver.put(b, id, seq)
}

// put stores the version as version seq of posting id, and its body unless
// the content bucket holds it already.
func (v *preparedVersion) put(b buckets, id uint64, seq uint32) error {
	bodyID, err := storeBody(b, v.body, v.blob)
	if err != nil {
		return err
	}
	return b.versions.Put(versionKey(id, seq), v.fields.record(bodyID))
}

// storeBody returns the id of the body whose hash is h in the content
// bucket, storing blob, its compressed form, under the next id if the body
// is not there yet. Ids grow, so new bodies are appended to the bucket.
// Bodies stored before schema 8 are keyed by hash and not indexed: one of
// them is stored again, once, if a new version has it.
func storeBody(b buckets, h skillpulse.Hash, blob []byte) (uint64, error) {
	if v := b.bodies.Get(h[:]); v != nil {
		if len(v) != 8 {
			return 0, fmt.Errorf("bodies/%s: %w", h, ErrCorrupt)
		}
		return binary.BigEndian.Uint64(v), nil
	}
	id, err := b.content.NextSequence()
	if err != nil {
		return 0, err
	}
	b.content.FillPercent = 1 // ids only grow: nothing is ever inserted before

	if err := b.content.Put(u64(id), blob); err != nil {
		return 0, err
	}
	return id, b.bodies.Put(h[:], u64(id))
}
