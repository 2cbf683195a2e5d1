package store

import "path/filepath"

// CompactTemp is the file CompactInPlace builds the compacted copy of the
// store at path in, beside it (".F.compact"). A compaction that was killed
// leaves it behind; the next one removes it first, and its caller may
// look for it to say so.
func CompactTemp(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".compact")
}
