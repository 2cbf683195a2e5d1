//go:build unix

package store

import (
	"syscall"
	"time"
)

// The store builds on Unix only (its crawl lock is a flock), and so do
// these helpers of its benchmarks.

// mapAnon maps size bytes of anonymous memory, outside the Go heap, for a
// benchmark's input.
func mapAnon(size int) ([]byte, error) {
	return syscall.Mmap(-1, 0, max(size, 1), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
}

// unmapAnon releases what mapAnon mapped.
func unmapAnon(mem []byte) error { return syscall.Munmap(mem) }

// processCPU is the CPU time, user and system, that the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
