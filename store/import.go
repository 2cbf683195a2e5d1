package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// ImportCounts says what Import did with the records it read. Every record
// is exactly one of New, Updated or Unchanged.
type ImportCounts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// maxImportLine bounds one line of an import; postings are bounded far
// below it by the crawlers.
const maxImportLine = 64 << 20

// Import reads postings exported by Export in FormatJSONL and stores them.
//
// It validates the whole input before writing anything, every record with
// the rules a crawl keeps (see CheckImport; known, when not nil, are the
// taxonomy's skill ids): a line that is not a valid record fails the import
// with an error naming the line, and the store is left untouched. Input
// that is not seekable is spooled to a temporary file for that. It then
// writes every record in one transaction: all of them or, on an I/O
// failure or cancellation, none. A UTF-8 byte order mark is accepted.
//
// A posting the store does not hold is stored with the record's lifecycle,
// origins, content and tags. A posting it holds is merged: first seen is the
// earlier, last seen the later; the record's origins are added if the
// posting already has an origin at their source (an origin at a new source
// would change what weekly aggregates already counted); the record's
// content (as a new version) and closed state win only if the record was
// seen later than the stored posting. Importing the same input twice changes nothing
// the second time.
//
// Import restores postings only, not runs, snapshots or weekly aggregates:
// imported open postings appear in the snapshot of the next run to finish.
//
// Import takes any skill id that is otherwise valid; ImportKnown also
// refuses ids the taxonomy does not hold.
func (s *Store) Import(ctx context.Context, r io.Reader) (ImportCounts, error) {
	return s.ImportKnown(ctx, r, nil)
}

// ImportKnown is Import refusing, besides, any record tagged with a skill
// id for which known reports false (nil: every valid id).
func (s *Store) ImportKnown(ctx context.Context, r io.Reader, known func(id string) bool) (ImportCounts, error) {
	var counts ImportCounts
	fail := func(err error) (ImportCounts, error) { return counts, fmt.Errorf("store: import: %w", err) }
	src, cleanup, err := seekable(r)
	if err != nil {
		return fail(err)
	}
	defer cleanup()
	start, err := src.Seek(0, io.SeekCurrent)
	if err != nil {
		return fail(err)
	}
	if _, err := eachRecord(ctx, src, known, func(int, *ExportRecord) error { return nil }); err != nil {
		return fail(err)
	}
	if _, err := src.Seek(start, io.SeekStart); err != nil {
		return fail(err)
	}
	return s.ImportChecked(ctx, src, known)
}

// ImportChecked is ImportKnown for input that has just passed CheckImport
// with the same known (a caller that must not create a store for input it
// would refuse checks it before opening the store): it writes without
// reading the input a second time first. Every record is still checked as
// it is written, in the one transaction, so input that fails writes
// nothing all the same.
func (s *Store) ImportChecked(ctx context.Context, src io.Reader, known func(id string) bool) (ImportCounts, error) {
	var counts ImportCounts
	// One transaction: a failure part-way (a full disk, a cancel, a record
	// that does not pass) writes nothing at all.
	err := s.db.Update(ctx, func(tx *bolt.Tx) error {
		counts = ImportCounts{}
		b := s.bucketsOf(tx)
		_, err := eachRecord(ctx, src, known, func(line int, rec *ExportRecord) error {
			it := s.prepareImport(line, rec)
			if err := s.importOne(b, &it, &counts); err != nil {
				return fmt.Errorf("line %d (%.80s/%.80s): %w", line, rec.Source, rec.NativeID, err)
			}
			return nil
		})
		return err
	})
	if err != nil {
		return ImportCounts{}, fmt.Errorf("store: import: %w", err)
	}
	return counts, nil
}

// seekable returns r itself if it can seek, else a temporary file holding
// a copy of it, and a function that removes that file.
func seekable(r io.Reader) (io.ReadSeeker, func(), error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		if _, err := rs.Seek(0, io.SeekCurrent); err == nil {
			return rs, func() {}, nil
		}
	}
	f, err := os.CreateTemp("", "skillpulse-import-*.jsonl")
	if err != nil {
		return nil, nil, fmt.Errorf("spool input: %w", err)
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	if _, err := io.Copy(f, r); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("spool input: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("spool input: %w", err)
	}
	return f, cleanup, nil
}

// eachRecord decodes and validates every non-blank line of r, calling fn
// with its 1-based line number, and returns how many records it read.
func eachRecord(ctx context.Context, r io.Reader, known func(string) bool, fn func(line int, rec *ExportRecord) error) (int, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	n, line := 0, 0
	var buf []byte
	for {
		line++
		buf = buf[:0]
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			buf = append(buf, chunk...)
			if len(buf) > maxImportLine {
				return n, fmt.Errorf("line %d: longer than %d bytes", line, maxImportLine)
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return n, fmt.Errorf("line %d: %w", line, err)
		}
		text := bytes.TrimSpace(buf)
		if line == 1 {
			text = trimBOM(text)
		}
		if len(text) > 0 {
			if cerr := ctx.Err(); cerr != nil {
				return n, cerr
			}
			var rec ExportRecord
			if derr := json.Unmarshal(text, &rec); derr != nil {
				return n, fmt.Errorf("line %d: %w", line, derr)
			}
			if verr := rec.check(known); verr != nil {
				return n, fmt.Errorf("line %d: %.80q/%.80q: %w", line, rec.Source, rec.NativeID, verr)
			}
			if ferr := fn(line, &rec); ferr != nil {
				return n, ferr
			}
			n++
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
	}
}

// importItem is one record on its way into a write transaction, with its
// version encoded and compressed beforehand.
type importItem struct {
	line int
	rec  ExportRecord
	p    skillpulse.Posting
	hash skillpulse.Hash
	ver  preparedVersion
}

func (s *Store) prepareImport(line int, rec *ExportRecord) importItem {
	p, tags := rec.posting()
	var body encoder
	encodeBody(&body, &p)
	raw := body.bytes()
	since := utc(rec.ContentSince)
	if since.IsZero() {
		since = utc(rec.FirstSeen)
	}
	v := version{Since: since, Hash: p.ContentHash(), Posting: p, Tags: tags, BodySize: len(raw)}
	return importItem{line: line, rec: *rec, p: p, hash: v.Hash, ver: preparedVersion{
		body:   bodyHash(raw),
		blob:   s.bodies.compress(raw, make([]byte, 0, len(raw)/2)),
		fields: v.packFields(raw, s.zenc),
	}}
}

// importOne stores or merges one record; see Import.
func (s *Store) importOne(b buckets, it *importItem, c *ImportCounts) error {
	rec := &it.rec
	firstSeen, lastSeen, closedAt := utc(rec.FirstSeen), utc(rec.LastSeen), utc(rec.ClosedAt)
	origins := slices.Clone(rec.Origins)
	if len(origins) == 0 {
		origins = []skillpulse.Origin{{Source: rec.Source, URL: rec.URL}}
	}
	putVersion := func(id uint64, seq uint32) error { return it.ver.put(b, id, seq) }
	key := postingKey(rec.Source, rec.NativeID)
	idb := b.keys.Get(key)
	if idb == nil {
		id, err := b.postings.NextSequence()
		if err != nil {
			return err
		}
		h := head{Source: rec.Source, NativeID: rec.NativeID, FirstSeen: firstSeen, ClosedAt: closedAt,
			Hash: it.hash, Versions: 1, Origins: origins}
		if err := putVersion(id, 0); err != nil {
			return err
		}
		if err := b.keys.Put(key, u64(id)); err != nil {
			return err
		}
		if err := indexPosting(b, id, nil, &it.p); err != nil {
			return err
		}
		c.New++
		return writeImported(b, id, &h, lastSeen)
	}

	id := binary.BigEndian.Uint64(idb)
	h, err := decodeHead(b.postings.Get(idb))
	if err != nil {
		return fmt.Errorf("postings/%d: %w", id, err)
	}
	seen, err := decodeTime(b.seen.Get(idb))
	if err != nil {
		return fmt.Errorf("seen/%d: %w", id, err)
	}
	changed := false
	if firstSeen.Before(h.FirstSeen) {
		h.FirstSeen, changed = firstSeen, true
	}
	for _, o := range origins {
		// Weekly aggregates count a posting at every source of its
		// origins, read from the head: an origin at a new source would
		// change weeks already counted, so only new URLs are merged.
		known := slices.ContainsFunc(h.Origins, func(k skillpulse.Origin) bool { return k.Source == o.Source }) || o.Source == h.Source
		if known && !slices.Contains(h.Origins, o) {
			h.Origins, changed = append(h.Origins, o), true
		}
	}
	if lastSeen.After(seen) {
		seen, changed = lastSeen, true
		if !h.ClosedAt.Equal(closedAt) {
			h.ClosedAt = closedAt
		}
		if h.Hash != it.hash {
			prev, err := b.version(id, h.Current)
			if err != nil {
				return err
			}
			seq := h.Versions
			if err := putVersion(id, seq); err != nil {
				return err
			}
			if err := indexPosting(b, id, &prev.Posting, &it.p); err != nil {
				return err
			}
			h.Hash, h.Current, h.Versions = it.hash, seq, seq+1
		}
	}
	if !changed {
		c.Unchanged++
		return nil
	}
	c.Updated++
	return writeImported(b, id, &h, seen)
}

// writeImported writes a posting's head and last sighting, and its open
// entries: while open, its own source holds it and every other source that
// holds it (a merged posting) points at the current version; once closed,
// none does.
func writeImported(b buckets, id uint64, h *head, lastSeen time.Time) error {
	idk := u64(id)
	var e encoder
	h.encode(&e)
	if err := b.postings.Put(idk, e.bytes()); err != nil {
		return err
	}
	if err := b.seen.Put(idk, encodeTime(lastSeen)); err != nil {
		return err
	}
	holders := openHolders(b.open, id, h)
	if !h.ClosedAt.IsZero() {
		for _, src := range holders {
			if err := b.open.Delete(openKey(src, id)); err != nil {
				return err
			}
		}
		return nil
	}
	if !slices.Contains(holders, h.Source) {
		holders = append(holders, h.Source)
	}
	ver := binary.AppendUvarint(nil, uint64(h.Current))
	for _, src := range holders {
		if err := b.open.Put(openKey(src, id), ver); err != nil {
			return err
		}
	}
	return nil
}
