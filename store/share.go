package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// sharedDB is the database file as one Store uses it. The file is opened
// when a transaction needs it and closed when the last transaction using it
// ends, so that no process holds it longer than its transactions last; see
// "Sharing the file" in doc.go for the locks this takes and why.
//
// Its View and Update are bbolt's with a context first, so the rest of the
// package reads as if it held a *bolt.DB. The context bounds only the wait
// for the file (see acquire): a transaction that has begun runs to its
// end. A transaction must not begin another inside its callback: a writer
// waiting for this process's readers to leave would wait for it.
type sharedDB struct {
	path      string
	readOnly  bool          // every open is read-only
	readWait  time.Duration // how long a read waits for the file
	writeWait time.Duration // how long a write waits for it

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever the state below changes
	db       *bolt.DB
	rw       bool // db is open read-write
	users    int
	draining bool // db takes no new users and closes when the last leaves
	opening  bool
	closed   bool
	lock     *os.File // <path>.lock: shared for reads, exclusive for writes
	gate     *os.File // <path>.gate: a writer holds it while it waits, so new readers queue behind it
}

func newSharedDB(path string, readOnly bool, readWait, writeWait time.Duration) *sharedDB {
	return &sharedDB{path: path, readOnly: readOnly, readWait: readWait, writeWait: writeWait, changed: make(chan struct{})}
}

// notify wakes every goroutine waiting for a change; s.mu is held.
func (s *sharedDB) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// View runs fn in a read transaction, waiting for the file at most
// readWait or until ctx is done.
func (s *sharedDB) View(ctx context.Context, fn func(*bolt.Tx) error) error {
	return s.with(ctx, false, s.readWait, func(db *bolt.DB) error { return db.View(fn) })
}

// Update runs fn in a write transaction, waiting for the file at most
// writeWait or until ctx is done.
func (s *sharedDB) Update(ctx context.Context, fn func(*bolt.Tx) error) error {
	return s.with(ctx, true, s.writeWait, func(db *bolt.DB) error { return db.Update(fn) })
}

// UpdateWithin is Update with a wait of its own, for a write that must not
// hold up a process that is stopping (RunWriter.Interrupt).
func (s *sharedDB) UpdateWithin(ctx context.Context, wait time.Duration, fn func(*bolt.Tx) error) error {
	return s.with(ctx, true, wait, func(db *bolt.DB) error { return db.Update(fn) })
}

// with runs fn with the file open (read-write if write). It is the
// boundary every call on the file passes: an error that says the file is
// damaged (see asDamage) leaves it naming the file and saying what to do.
// A panic or memory fault while fn reads the file — bbolt's answer to a
// damaged page — is such an error, and the handle is closed once its
// users leave rather than used again.
func (s *sharedDB) with(ctx context.Context, write bool, wait time.Duration, fn func(*bolt.DB) error) (err error) {
	db, err := s.acquire(ctx, write, wait)
	if err != nil {
		return asDamage(s.path, err)
	}
	poisoned := false
	defer func() { s.release(poisoned) }()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			poisoned = true
			err = fmt.Errorf("%w: reading the file failed: %v", ErrCorrupt, r)
		}
		err = asDamage(s.path, err)
	}()
	return fn(db)
}

// acquire returns the open database, opening it if need be, and counts the
// caller as a user until release. It waits for the file at most wait
// (then ErrInUse) or until ctx is done (then an error naming the file,
// what it waited for and ctx's cause): a signal ends a crawl's wait for a
// long `db check` at once, not ten minutes later. A file to be had at
// once is had whatever ctx says, so a write that records why a process
// stops is not refused for the reason it records.
func (s *sharedDB) acquire(ctx context.Context, write bool, wait time.Duration) (*bolt.DB, error) {
	if write && s.readOnly {
		return nil, fmt.Errorf("%s: store is open read-only", s.path)
	}
	deadline := time.Now().Add(wait)
	s.mu.Lock()
	for {
		switch {
		case s.closed:
			s.mu.Unlock()
			return nil, fmt.Errorf("%s: store is closed", s.path)
		case s.db != nil && !s.draining && (s.rw || !write) && (write || s.noWriterQueued()):
			s.users++
			db := s.db
			s.mu.Unlock()
			return db, nil
		case s.db != nil:
			// The wrong mode, or another process's writer is queued:
			// let the handle close when its users leave.
			s.draining = true
		case !s.opening:
			s.opening = true
			s.mu.Unlock()
			db, err := s.open(ctx, write, deadline, wait)
			s.mu.Lock()
			s.opening = false
			s.notify()
			if err != nil {
				s.mu.Unlock()
				return nil, err
			}
			s.db, s.rw, s.users, s.draining = db, write, 1, false
			s.mu.Unlock()
			return db, nil
		}
		ch := s.changed
		s.mu.Unlock()
		timer := time.NewTimer(time.Until(deadline))
		select {
		case <-ch:
			timer.Stop()
		case <-timer.C:
			return nil, s.inUse(wait)
		case <-ctx.Done():
			timer.Stop()
			return nil, s.waitEnded(ctx, write)
		}
		s.mu.Lock()
	}
}

// noWriterQueued reports whether no other process's writer waits at the
// gate, so a reader may join the open handle; s.mu is held.
func (s *sharedDB) noWriterQueued() bool {
	if s.gate == nil {
		return true
	}
	if err := syscall.Flock(int(s.gate.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return false
	}
	syscall.Flock(int(s.gate.Fd()), syscall.LOCK_UN)
	return true
}

// release ends a user's transaction; the last user closes the handle and
// lets go of the lock.
func (s *sharedDB) release(poisoned bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	s.draining = s.draining || poisoned
	if s.users == 0 {
		s.closeHandle()
		if s.closed {
			s.closeLockFiles()
		}
	}
}

// closeHandle closes the open database and lets go of the lock; s.mu is
// held and no user is left.
func (s *sharedDB) closeHandle() error {
	if s.db == nil {
		return nil
	}
	err := closeRecovering(s.db)
	s.db = nil
	if s.lock != nil {
		syscall.Flock(int(s.lock.Fd()), syscall.LOCK_UN)
	}
	s.notify()
	return err
}

// closeRecovering closes a bbolt handle, which on a damaged file may panic.
func closeRecovering(db *bolt.DB) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("close: %v", r)
		}
	}()
	return db.Close()
}

// open takes the lock (queueing at the gate) and opens the file.
func (s *sharedDB) open(ctx context.Context, write bool, deadline time.Time, wait time.Duration) (*bolt.DB, error) {
	if err := s.openLockFiles(); err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if write {
		how = syscall.LOCK_EX
	}
	if s.lock != nil {
		// A writer holds the gate while it waits for the lock, so readers
		// arriving after it wait behind it instead of starving it.
		if s.gate != nil {
			if err := flockUntil(ctx, s.gate, how, deadline); err != nil {
				return nil, s.lockError(ctx, err, write, wait)
			}
		}
		err := flockUntil(ctx, s.lock, how, deadline)
		if s.gate != nil {
			syscall.Flock(int(s.gate.Fd()), syscall.LOCK_UN)
		}
		if err != nil {
			return nil, s.lockError(ctx, err, write, wait)
		}
	}
	db, err := s.openBolt(write, time.Until(deadline))
	if err != nil && s.lock != nil {
		syscall.Flock(int(s.lock.Fd()), syscall.LOCK_UN)
	}
	return db, err
}

func (s *sharedDB) lockError(ctx context.Context, err error, write bool, wait time.Duration) error {
	switch {
	case errors.Is(err, errLockTimeout):
		return s.inUse(wait)
	case errors.Is(err, errLockWaitEnded):
		return s.waitEnded(ctx, write)
	}
	return fmt.Errorf("%s: lock: %w", s.path, err)
}

// openBolt opens the file itself, after checking that it is whole enough
// to map (see checkFile) and, before bbolt rebuilds a freelist, that its
// pages are sound (see walkPages).
func (s *sharedDB) openBolt(write bool, wait time.Duration) (db *bolt.DB, err error) {
	m, err := checkFile(s.path)
	if err != nil {
		return nil, err
	}
	if !write && m.pageSize == 0 {
		// bbolt would try to write a new database's first pages into it.
		if fi, err := os.Stat(s.path); err == nil && fi.Size() == 0 {
			return nil, fmt.Errorf("%s: the file is empty: no store was ever written to it (a crawl, import or demo writes one)", s.path)
		}
	}
	if write && m.pgid != 0 && m.freelist == noFreelist {
		// bbolt rebuilds a freelist it does not find on a goroutine of its
		// own, where a damaged page kills the process: walk the pages first.
		problems, err := walkPages(s.path, 1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.path, err)
		}
		if len(problems) > 0 {
			return nil, fmt.Errorf("%s: %w: %s (run skillpulse db check; restore from a backup)", s.path, ErrCorrupt, problems[0])
		}
	}
	opts := boltOptions(max(wait, 10*time.Millisecond))
	opts.ReadOnly = !write
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%s: %w: opening the file failed: %v", s.path, ErrCorrupt, r)
		}
	}()
	db, err = bolt.Open(s.path, 0o644, opts)
	if errors.Is(err, bolterrors.ErrTimeout) {
		// A process of an older skillpulse, which knows no sidecar lock.
		return nil, s.inUse(wait)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	return db, nil
}

// openLockFiles opens <path>.lock and <path>.gate once. A reader that may
// not create them (a read-only folder) goes on with bbolt's own lock on the
// file, which still keeps it from a writer, if not in turn.
func (s *sharedDB) openLockFiles() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lock != nil {
		return nil
	}
	lock, err := openLockFile(s.path + ".lock")
	if err != nil {
		if s.readOnly {
			return nil
		}
		return fmt.Errorf("%s: lock file: %w", s.path, err)
	}
	gate, err := openLockFile(s.path + ".gate")
	if err != nil {
		lock.Close()
		if s.readOnly {
			return nil
		}
		return fmt.Errorf("%s: lock file: %w", s.path, err)
	}
	s.lock, s.gate = lock, gate
	return nil
}

// openLockFile opens a lock file, creating it if it may, else reading the
// one that is there.
func openLockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err == nil {
		return f, nil
	}
	f, rerr := os.Open(path)
	if rerr != nil {
		return nil, lockFileError(err, rerr)
	}
	return f, nil
}

// lockFileError is the error of a lock file that could neither be created
// nor read: the creation's ("read-only file system", "permission denied")
// when the file is not there to read, which is why it could not be read.
func lockFileError(create, read error) error {
	if errors.Is(read, fs.ErrNotExist) {
		return create
	}
	return read
}

// inUse is the error of a wait for the file that ran out.
func (s *sharedDB) inUse(waited time.Duration) error {
	var who string
	if crawl := otherCrawl(s.path); crawl != "" {
		who = "; " + crawl
	}
	return fmt.Errorf("%s: %w: another process held the file for over %s%s", s.path, ErrInUse, waited, who)
}

// waitEnded is the error of a wait for the file that ctx ended: it names
// the file, the lock it waited for and who held it, and says ctx's cause
// ("received terminated"). It wraps both the cause and ctx.Err(), so
// callers can tell it from ErrInUse with errors.Is(err, context.Canceled).
func (s *sharedDB) waitEnded(ctx context.Context, write bool) error {
	what := "read"
	if write {
		what = "write"
	}
	holder := ""
	if who := otherCrawl(s.path); who != "" {
		holder = " (" + who + ")"
	}
	cause := context.Cause(ctx)
	return &waitEndedError{
		msg:  fmt.Sprintf("%s: stopped waiting for the store's %s lock, which another process holds%s: %v", s.path, what, holder, cause),
		errs: []error{cause, ctx.Err()},
	}
}

// waitEndedError is waitEnded's error: its message says the cause once,
// and it unwraps to the cause and to ctx.Err().
type waitEndedError struct {
	msg  string
	errs []error
}

func (e *waitEndedError) Error() string   { return e.msg }
func (e *waitEndedError) Unwrap() []error { return e.errs }

// walk checks the file's pages (see walkPages) under the read lock, so no
// writer changes them meanwhile.
func (s *sharedDB) walk(ctx context.Context, limit int) (problems []string, err error) {
	err = s.with(ctx, false, s.readWait, func(*bolt.DB) error {
		problems, err = walkPages(s.path, limit)
		return err
	})
	return problems, err
}

// replaced marks the open handle to be closed when its users leave: the
// file at the path is a new one (CompactInPlace renamed it there).
func (s *sharedDB) replaced() {
	s.mu.Lock()
	s.draining = true
	s.mu.Unlock()
}

// Close closes the handle if it is open. Users still in a transaction keep
// it open until they leave; no new one may begin.
func (s *sharedDB) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	var err error
	if s.users == 0 {
		err = s.closeHandle()
	}
	if s.users == 0 {
		s.closeLockFiles()
	}
	return err
}

// closeLockFiles closes the lock files once the store is closed and no
// transaction uses them; s.mu is held.
func (s *sharedDB) closeLockFiles() {
	for _, f := range []*os.File{s.lock, s.gate} {
		if f != nil {
			f.Close()
		}
	}
	s.lock, s.gate = nil, nil
}

// errLockTimeout is what flockUntil returns when the deadline passes, and
// errLockWaitEnded when its context is done first.
var (
	errLockTimeout   = errors.New("timed out waiting for the lock")
	errLockWaitEnded = errors.New("stopped waiting for the lock")
)

// flockUntil takes a flock on f, polling until deadline or until ctx is
// done, so that a wait is bounded and cancellable (flock itself waits
// forever or not at all). A lock to be had at once is taken whatever ctx
// says.
func flockUntil(ctx context.Context, f *os.File, how int, deadline time.Time) error {
	delay := 500 * time.Microsecond
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return errLockTimeout
		}
		if timer == nil {
			timer = time.NewTimer(min(delay, left))
		} else {
			timer.Reset(min(delay, left))
		}
		select {
		case <-timer.C:
		case <-ctx.Done():
			return errLockWaitEnded
		}
		delay = min(2*delay, 10*time.Millisecond)
	}
}
