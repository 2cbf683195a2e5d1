package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrCrawlInProgress is returned by LockCrawl while another crawl, in this
// process or another, holds the crawl lock. The error wrapping it names the
// holder's pid and when its crawl started.
var ErrCrawlInProgress = errors.New("a crawl is in progress")

// CrawlLock is the store's crawl lock, held for the length of one crawl so
// that two crawls never interleave their runs. It is a flock on
// <path>.crawl, which the kernel releases when the holder exits however it
// exits, so a killed crawl leaves no stale lock; the file records the
// holder's pid and start for the message a second crawl gets.
type CrawlLock struct {
	f *os.File
}

// LockCrawl takes the crawl lock without waiting: it fails with an error
// wrapping ErrCrawlInProgress ("a crawl is in progress (pid N, started T)")
// when it is held. Holding it, no other crawl can be running, so it marks
// every run still RunRunning as RunInterrupted before it returns.
func (s *Store) LockCrawl(ctx context.Context, started time.Time) (*CrawlLock, error) {
	if s.opts.ReadOnly {
		return nil, fmt.Errorf("store: lock crawl %s: store is open read-only", s.path)
	}
	path := s.path + ".crawl"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: lock crawl: %w", err)
	}
	if err := flockExclusive(f, s.path); err != nil {
		f.Close()
		if errors.Is(err, ErrCrawlInProgress) {
			return nil, fmt.Errorf("store: %s: %w", s.path, err)
		}
		return nil, fmt.Errorf("store: lock crawl %s: %w", path, err)
	}
	l := &CrawlLock{f: f}
	record := fmt.Sprintf("%d %s\n", os.Getpid(), started.UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(record), 0) // best effort: it only improves a message
	}
	if _, err := s.markInterrupted(ctx); err != nil {
		l.Unlock()
		return nil, fmt.Errorf("store: mark interrupted runs: %w", err)
	}
	return l, nil
}

// flockExclusive takes f's exclusive flock without waiting for a crawl. A
// reader checking whether a crawl runs (crawlLockFree, crawlInProgress)
// holds a shared lock for a moment; met that way, the lock is tried again a
// few times rather than refusing a crawl because someone looked. A crawl
// holding it gives an error wrapping ErrCrawlInProgress.
func flockExclusive(f *os.File, storePath string) error {
	const tries = 20
	for i := 0; ; i++ {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		held := crawlInProgress(storePath)
		if held != nil {
			return held
		}
		if i == tries {
			return ErrCrawlInProgress
		}
		time.Sleep(time.Millisecond) // a reader's probe lasts microseconds
	}
}

// Unlock lets go of the crawl lock. It is safe to call more than once.
func (l *CrawlLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the only descriptor releases the flock
	l.f = nil
	return err
}

// crawlLockFree reports whether no process holds path's crawl lock: the
// lock file is missing (no crawl ever ran here) or a shared lock on it can
// be had. It says false when it cannot tell (the file exists but cannot be
// opened), so a caller never takes a live crawl for a dead one.
func crawlLockFree(path string) bool {
	f, err := os.Open(path + ".crawl")
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) != nil {
		return false
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return true
}

// crawlInProgress describes the crawl holding path's crawl lock, if one
// does, as an error wrapping ErrCrawlInProgress: "a crawl is in progress
// (pid N, started T)". It returns nil when no crawl holds it.
func crawlInProgress(path string) error {
	pid, started, held := crawlLockHolder(path)
	if !held {
		return nil
	}
	return crawlHeld(pid, started)
}

// crawlHeld is the error of a crawl lock held by pid (0: unknown) since
// started.
func crawlHeld(pid int, started string) error {
	if pid == 0 {
		return ErrCrawlInProgress
	}
	return fmt.Errorf("%w (pid %d, started %s)", ErrCrawlInProgress, pid, started)
}

// crawlLockHolder reports whether a process holds path's crawl lock and,
// when its file says, which (pid 0 when it does not).
func crawlLockHolder(path string) (pid int, started string, held bool) {
	f, err := os.Open(path + ".crawl")
	if err != nil {
		return 0, "", false
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return 0, "", false
	}
	b := make([]byte, 128)
	n, _ := f.ReadAt(b, 0)
	p, started, _ := strings.Cut(strings.TrimSpace(string(b[:n])), " ")
	if pid, err = strconv.Atoi(p); err != nil || started == "" {
		return 0, "", true
	}
	return pid, started, true
}

// otherCrawl describes, for the message of a wait for the file, the crawl
// of another process that holds path's crawl lock, if one does: "a crawl
// is in progress (pid N, started T)". It is "" when none does, and when
// the crawl is this process's own, whose wait is for someone else.
func otherCrawl(path string) string {
	pid, started, held := crawlLockHolder(path)
	if !held || pid == os.Getpid() {
		return ""
	}
	return crawlHeld(pid, started).Error()
}
