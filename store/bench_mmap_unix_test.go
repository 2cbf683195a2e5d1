//go:build unix

package store

import "syscall"

// mapAnon maps size bytes of anonymous memory, outside the Go heap, for a
// benchmark's input; it reports true for off the heap.
func mapAnon(size int) ([]byte, bool, error) {
	mem, err := syscall.Mmap(-1, 0, max(size, 1), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	return mem, true, err
}

// unmapAnon releases what mapAnon mapped.
func unmapAnon(mem []byte, offHeap bool) error {
	if !offHeap {
		return nil
	}
	return syscall.Munmap(mem)
}
