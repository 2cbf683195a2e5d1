//go:build !unix

package store

// mapAnon allocates size bytes on the heap where anonymous mappings are
// not at hand: a benchmark's heap figures then count its input's
// collector headroom too. It reports false for on the heap.
func mapAnon(size int) ([]byte, bool, error) { return make([]byte, max(size, 1)), false, nil }

// unmapAnon releases what mapAnon mapped.
func unmapAnon([]byte, bool) error { return nil }
