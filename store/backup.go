package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w, taken in one
// read transaction while runs may continue to write. The copy is itself a
// database Open can read. It returns the bytes written.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(ctx, func(tx *bolt.Tx) (err error) {
		n, err = tx.WriteTo(ctxWriter{ctx, w})
		if cerr := ctx.Err(); cerr != nil {
			return cerr // bbolt does not wrap the writer's error
		}
		return err
	})
	if err != nil {
		return n, opError("backup", s.path, err)
	}
	return n, nil
}

// BackupFile writes a Backup to path safely: into a temporary file in the
// same directory, synced, then renamed over path, so path is never a partial
// copy. It returns the bytes written.
func (s *Store) BackupFile(ctx context.Context, path string) (int64, error) {
	fail := func(err error) (int64, error) { return 0, fmt.Errorf("store: backup %s to %s: %w", s.path, path, err) }
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(f.Name()) // after a successful rename this finds nothing
	n, err := s.Backup(ctx, f)
	if err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fail(err)
	}
	return n, nil
}

// ctxWriter stops a long copy when its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
