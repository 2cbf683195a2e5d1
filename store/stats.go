package store

import (
	"context"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Stats describes what the database holds.
type Stats struct {
	Path      string `json:"path"`
	Schema    int    `json:"schema"`
	FileBytes int64  `json:"file_bytes"` // size of the file, including free pages
	DataBytes int64  `json:"data_bytes"` // size of the pages in use
	Postings  int    `json:"postings"`
	Open      int    `json:"open"`
	Versions  int    `json:"versions"`
	Bodies    int    `json:"bodies"` // distinct descriptions stored
	// BodyBytes is the descriptions' size uncompressed, counted once per
	// distinct body; StoredBodyBytes their size compressed.
	BodyBytes       int64 `json:"body_bytes"`
	StoredBodyBytes int64 `json:"stored_body_bytes"`
	// DictionaryBytes is the size of the compression dictionary new
	// descriptions use, 0 before the store has trained one (see body.go).
	DictionaryBytes int `json:"dictionary_bytes"`
	Runs            int `json:"runs"`
	Snapshots       int `json:"snapshots"`
	Weeks           int `json:"weeks"`
	Days            int `json:"days"`
	// OpenBySource counts the open postings of each source.
	OpenBySource map[string]int `json:"open_by_source"`
}

// Stats counts what the database holds. It reads every version record, so
// it takes about as long as a re-crawl's worth of reads.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Path: s.path}
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		schema, err := readSchema(tx)
		if err != nil {
			return err
		}
		st.Schema = int(schema)
		st.DataBytes = tx.Size()
		st.Postings = b.postings.Stats().KeyN
		st.OpenBySource = map[string]int{}
		err = b.open.ForEach(func(k, _ []byte) error {
			if len(k) < 9 {
				return fmt.Errorf("open/%q: %w", k, ErrCorrupt)
			}
			st.Open++
			st.OpenBySource[string(k[:len(k)-9])]++
			return nil
		})
		if err != nil {
			return err
		}
		if id := s.bodies.currentID(); id != 0 {
			st.DictionaryBytes = len(b.meta.Get(dictKey(id)))
		}
		st.Runs = b.runs.Stats().KeyN
		st.Snapshots = b.snapshots.Stats().KeyN
		st.Weeks = b.weekAgg.Stats().KeyN
		st.Days = b.dayAgg.Stats().KeyN
		sizes := map[string]int{} // content key → size
		err = b.versions.ForEach(func(k, v []byte) error {
			st.Versions++
			ver, err := decodeVersion(v, b.zdec, false)
			if err != nil {
				return fmt.Errorf("versions/%x: %w", k, err)
			}
			sizes[string(ver.contentKey())] = ver.BodySize
			return ctx.Err()
		})
		if err != nil {
			return err
		}
		for _, n := range sizes {
			st.BodyBytes += int64(n)
		}
		return b.content.ForEach(func(_, v []byte) error {
			st.Bodies++
			st.StoredBodyBytes += int64(len(v))
			return nil
		})
	})
	if err != nil {
		return st, opError("stats", s.path, err)
	}
	if fi, err := os.Stat(s.path); err == nil {
		st.FileBytes = fi.Size()
	}
	return st, nil
}
