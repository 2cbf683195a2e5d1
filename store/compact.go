package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// compactTxMax bounds how many bytes of data one transaction of a
// compaction copies, so compacting a large file does not hold all of it in
// dirty pages at once.
const compactTxMax = 64 << 20

// boltOptions are the bbolt options every open of a store file uses.
func boltOptions(timeout time.Duration) *bolt.Options {
	return &bolt.Options{
		Timeout: timeout,
		// The freelist is synced: the file is opened for every write
		// transaction (see Sharing the file in doc.go), and without a
		// synced freelist bbolt would rebuild it from every page on each
		// open, and on every rollback, on a goroutine where a damaged page
		// kills the process.
		NoFreelistSync: false,
		FreelistType:   bolt.FreelistMapType,
		// A file is created with 16 KiB pages (an existing one keeps its
		// own): a compressed description is about 2 KB, which on 4 KiB
		// pages leaves a third of every content page empty, and larger
		// pages also mean fewer of them to write per transaction.
		PageSize: pageSize,
	}
}

// pageSize is the page size of files the store creates.
const pageSize = 16 << 10

// Compact copies the database at src into a new file at dst, leaving out
// the free pages that rewritten records (last sightings, heads, week lists)
// leave behind, and returns both files' sizes. dst must not exist. src is
// opened read-only, so Compact waits like a ReadOnly Open for a writer to
// let go and fails with ErrInUse after DefaultLockTimeout. If Compact fails
// or ctx is cancelled, dst is removed. Cancellation is noticed before the
// copy starts and after it ends: bbolt's copy cannot be interrupted.
func Compact(ctx context.Context, src, dst string) (before, after int64, err error) {
	return compactFile(ctx, src, dst, DefaultLockTimeout)
}

func compactFile(ctx context.Context, src, dst string, lockTimeout time.Duration) (before, after int64, err error) {
	fail := func(err error) (int64, int64, error) {
		if strings.Contains(err.Error(), src) { // a damaged file's error names it
			return 0, 0, fmt.Errorf("store: compact to %s: %w", dst, err)
		}
		return 0, 0, fmt.Errorf("store: compact %s to %s: %w", src, dst, err)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if _, err := os.Stat(dst); err == nil {
		return fail(errors.New("destination exists"))
	} else if !errors.Is(err, os.ErrNotExist) {
		return fail(err)
	}
	if _, err := os.Stat(src); err != nil {
		return fail(err)
	}
	from := newSharedDB(src, true, lockTimeout, lockTimeout)
	defer from.Close()
	err = from.with(ctx, false, from.readWait, func(from *bolt.DB) error {
		if err := refuseDamaged(src); err != nil {
			return err
		}
		to, err := compactInto(ctx, from, dst)
		if err != nil {
			return err
		}
		if err := to.Close(); err != nil {
			os.Remove(dst)
			return err
		}
		return nil
	})
	if err != nil {
		os.Remove(dst)
		return fail(err)
	}
	if before, err = fileSize(src); err == nil {
		after, err = fileSize(dst)
	}
	if err != nil {
		return fail(err)
	}
	return before, after, nil
}

// compactInto copies from into a new database at path and returns it open
// (and locked). Every transaction of the copy is synced as it commits. On
// failure the new file is removed.
func compactInto(ctx context.Context, from *bolt.DB, path string) (*bolt.DB, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	f.Close()
	to, err := bolt.Open(path, 0o644, boltOptions(DefaultLockTimeout))
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	err = copyDamage(bolt.Compact(to, from, compactTxMax))
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = to.Sync()
	}
	if err != nil {
		to.Close()
		os.Remove(path)
		return nil, err
	}
	return to, nil
}

// CompactInPlace compacts the open database into a sibling temporary file
// and renames that over the original, without ever letting go of the
// write lock: the new file is locked before it takes the original's name,
// and the old one is released only after. It returns the file's size
// before and after.
//
// It must not run concurrently with other calls on s (a run in progress,
// an export): they would keep using the old file. A process that opened
// the file before the rename and waits for the lock gets, once it has it,
// the old file, which CompactInPlace has by then made unreadable (its meta
// pages are zeroed), so it fails to open rather than writing into a file
// that no longer has a name. Until the rename the original is untouched; if
// CompactInPlace fails before it, the store goes on with the original.
func (s *Store) CompactInPlace(ctx context.Context) (before, after int64, err error) {
	fail := func(err error) (int64, int64, error) {
		return 0, 0, opError("compact", s.path, err)
	}
	if s.opts.ReadOnly {
		return fail(errors.New("store is open read-only"))
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if before, err = fileSize(s.path); err != nil {
		return fail(err)
	}
	tmp := CompactTemp(s.path)
	os.Remove(tmp) // left over from a compaction that crashed; it never had the name
	// The whole compaction holds the write lock: no other process reads or
	// writes the file meanwhile, and each opens the new file by its path
	// once it has the lock.
	renamed := false
	err = s.db.with(ctx, true, s.db.writeWait, func(db *bolt.DB) error {
		if err := refuseDamaged(s.path); err != nil {
			return err
		}
		// No transaction of this process joins the old file from here on.
		s.db.replaced()
		to, err := compactInto(ctx, db, tmp)
		if err != nil {
			return err
		}
		defer to.Close()
		old, err := os.OpenFile(s.path, os.O_WRONLY, 0)
		if err != nil {
			os.Remove(tmp)
			return err
		}
		defer old.Close()
		if err := os.Rename(tmp, s.path); err != nil {
			os.Remove(tmp)
			return err
		}
		renamed = true
		// From here the compacted file is the database; what follows cannot
		// lose data. A process of an older skillpulse that opened the old
		// file and waits on bbolt's lock finds it unreadable rather than
		// writes into a file that no longer has a name.
		syncDir(filepath.Dir(s.path))
		_, err = old.WriteAt(make([]byte, 2*db.Info().PageSize), 0)
		return err
	})
	if err != nil && !renamed {
		return fail(err)
	}
	if after, aerr := fileSize(s.path); aerr != nil {
		return fail(aerr)
	} else if err != nil {
		return before, after, fmt.Errorf("store: compact %s: release the old file: %w", s.path, err)
	} else {
		return before, after, nil
	}
}

func fileSize(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// syncDir makes a rename in dir durable; best effort, as not every
// file system supports syncing a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
