package store

import (
	"context"
	"fmt"
	"math"
	"os"
)

// Revision returns a number that changes whenever a write transaction is
// committed to the file, by this process or any other: the id bbolt gives
// the newest committed transaction. Anything derived from the store (a
// report, an encoded API answer) stays valid while its Revision does, so a
// reader that caches can ask this instead of reading what it derived
// from again.
//
// It reads the file's two meta pages, as bbolt chooses between them, and
// neither opens the database nor takes a lock: a few system calls. A
// write being committed while it reads shows as the revision before it;
// the next call sees it. Compaction (which writes a new file) may change
// the number without changing what the store holds.
func (s *Store) Revision(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("store: revision: %w", err)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return 0, fmt.Errorf("store: revision: %w", err)
	}
	defer f.Close()
	// No size: a meta page past the end of the file reads short, which
	// readMeta takes as not valid.
	m, err := readMeta(f, math.MaxInt64)
	if err != nil {
		return 0, fmt.Errorf("store: revision of %s: %w: %v", s.path, ErrCorrupt, err)
	}
	return m.txid, nil
}
