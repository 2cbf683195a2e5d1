package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

func TestStoresShareTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	first, err := Open(context.Background(), path, Options{LockTimeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	t.Run("a second writer and a reader open beside the first", func(t *testing.T) {
		second, err := Open(context.Background(), path, Options{LockTimeout: 150 * time.Millisecond})
		if err != nil {
			t.Fatalf("second read-write Open: %v", err)
		}
		defer second.Close()
		reader, err := Open(context.Background(), path, Options{ReadOnly: true, LockTimeout: 150 * time.Millisecond})
		if err != nil {
			t.Fatalf("read-only Open beside a writer: %v", err)
		}
		defer reader.Close()
		crawl(t, second, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "terraform")}}, []skillpulse.SourceOutcome{{Name: "acme"}})
		for name, s := range map[string]*Store{"first": first, "reader": reader} {
			runs, err := s.Runs(ctx, 0)
			if err != nil || len(runs) != 1 || runs[0].Live != 1 {
				t.Errorf("%s sees runs %+v, %v; want the second's one run", name, runs, err)
			}
		}
	})

	t.Run("a read waits for a write transaction at most LockTimeout", func(t *testing.T) {
		held, release := make(chan struct{}), make(chan struct{})
		done := make(chan error)
		go func() {
			done <- first.db.Update(context.Background(), func(*bolt.Tx) error { close(held); <-release; return nil })
		}()
		<-held
		other, err := Open(context.Background(), path, Options{ReadOnly: true, LockTimeout: 150 * time.Millisecond})
		if err == nil {
			other.Close()
			t.Fatal("Open read a file another Store was writing")
		}
		if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), path) {
			t.Errorf("error = %v, want ErrInUse naming %s", err, path)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a read waits for one transaction, not for a whole crawl", func(t *testing.T) {
		lock, err := first.LockCrawl(context.Background(), day(1)) // as a crawl does: without it a running run is dead
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Unlock()
		w, err := first.BeginRun(ctx, day(1), "")
		if err != nil {
			t.Fatal(err)
		}
		reader, err := Open(context.Background(), path, Options{ReadOnly: true, LockTimeout: 150 * time.Millisecond})
		if err != nil {
			t.Fatalf("Open during a run: %v", err)
		}
		defer reader.Close()
		runs, err := reader.Runs(ctx, 1)
		if err != nil || len(runs) != 1 || runs[0].Status != skillpulse.RunRunning {
			t.Errorf("runs during a run: %+v, %v; want the running one", runs, err)
		}
		if _, err := w.Finish(ctx, nil, day(1)); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a second crawl lock names the first's pid and start", func(t *testing.T) {
		started := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
		lock, err := first.LockCrawl(context.Background(), started)
		if err != nil {
			t.Fatal(err)
		}
		other, err := Open(context.Background(), path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		_, err = other.LockCrawl(context.Background(), time.Now())
		want := fmt.Sprintf("a crawl is in progress (pid %d, started 2026-11-25T03:00:00Z)", os.Getpid())
		if !errors.Is(err, ErrCrawlInProgress) || !strings.Contains(err.Error(), want) {
			t.Errorf("second LockCrawl: %v, want %q", err, want)
		}
		if err := lock.Unlock(); err != nil {
			t.Fatal(err)
		}
		again, err := other.LockCrawl(context.Background(), time.Now())
		if err != nil {
			t.Fatalf("LockCrawl after Unlock: %v", err)
		}
		again.Unlock()
	})
}

func TestSchemaVersion(t *testing.T) {
	// setSchema writes a raw bbolt file with the given schema version (or
	// none, for a file never opened by the store).
	setSchema := func(t *testing.T, path string, v uint64, set bool) {
		db, err := bolt.Open(path, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Update(func(tx *bolt.Tx) error {
			meta, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil || !set {
				return err
			}
			return meta.Put(keySchema, u64(v))
		}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		version  uint64
		set      bool
		readOnly bool
		wantErr  error
	}{
		{"newer schema refused", SchemaVersion + 1, true, false, ErrSchemaTooNew},
		{"newer schema refused read-only", SchemaVersion + 1, true, true, ErrSchemaTooNew},
		{"unversioned file migrated", 0, false, false, nil},
		{"unversioned file not migrated read-only", 0, false, true, ErrNeedsMigration},
		{"current schema opens read-only", SchemaVersion, true, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "skillpulse.db")
			if tt.version == SchemaVersion {
				s, err := Open(context.Background(), path, Options{})
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
			} else {
				setSchema(t, path, tt.version, tt.set)
			}
			s, err := Open(context.Background(), path, Options{ReadOnly: tt.readOnly})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
			defer s.Close()
			if _, err := s.Runs(context.Background(), 0); err != nil {
				t.Errorf("Runs on the opened store: %v", err)
			}
		})
	}
}

func TestReadOnlyMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "skillpulse.db")
	if _, err := Open(context.Background(), path, Options{ReadOnly: true}); err == nil {
		t.Fatal("ReadOnly Open of a missing file succeeded")
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("ReadOnly Open created %s", filepath.Dir(path))
	}
}

// A path that holds no store — an empty file (touched, or created by a
// writer killed before its first page), a directory — is an error that
// says so, from a read and from db check; an empty file is still where
// a write may create the store.
func TestOpenAPathThatHoldsNoStore(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.db")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
		readOnly         bool
	}{
		{"an empty file, read", empty, empty + ": the file is empty: no store was ever written to it", true},
		{"a directory, read", folder, folder + " is a directory, not a store file", true},
		{"a directory, written", folder, folder + " is a directory, not a store file", false},
		// Opening a named pipe blocks until a writer comes: it is refused
		// by what it is, before anything opens it.
		{"a named pipe, read", fifo, fifo + " is a named pipe, not a store file", true},
		{"a named pipe, written", fifo, fifo + " is a named pipe, not a store file", false},
		{"a device, read", os.DevNull, os.DevNull + " is a character device, not a store file", true},
		{"a device, written", os.DevNull, os.DevNull + " is a character device, not a store file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(context.Background(), tt.path, Options{ReadOnly: tt.readOnly})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open: %v, want an error saying %q", err, tt.want)
			}
			if errors.Is(err, ErrCorrupt) {
				t.Errorf("Open: %v wraps ErrCorrupt: nothing is damaged", err)
			}
			if tt.readOnly {
				if _, err := CheckFile(context.Background(), tt.path, Options{}); err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("CheckFile: %v, want an error saying %q", err, tt.want)
				}
			}
		})
	}
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 {
		t.Fatalf("the reads wrote the empty file: %v, %v", fi, err)
	}
	s, err := Open(context.Background(), empty, Options{})
	if err != nil {
		t.Fatalf("a write Open of an empty file: %v", err)
	}
	s.Close()
}

// TestLockHeldByAnotherProcess runs TestHelperHoldLock in a child process,
// which takes the crawl lock and holds a write transaction open, and checks
// that a crawl here is refused naming the child's pid and that a read gives
// up after its LockTimeout, saying why.
func TestLockHeldByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	s, err := Open(context.Background(), path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "STORE_HOLD_LOCK="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close() // lets the child close the store and exit
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "holding" {
		t.Fatalf("child did not take the lock: %q, %v", line, err)
	}
	_, err = s.LockCrawl(context.Background(), time.Now())
	if want := fmt.Sprintf("a crawl is in progress (pid %d, started ", cmd.Process.Pid); !errors.Is(err, ErrCrawlInProgress) || !strings.Contains(err.Error(), want) {
		t.Errorf("LockCrawl while another process crawls: %v, want %q", err, want)
	}
	_, err = s.Runs(context.Background(), 1)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("Runs while another process holds a write transaction: %v, want ErrInUse", err)
	}
	if want := fmt.Sprintf("pid %d", cmd.Process.Pid); !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file and %q", err, want)
	}
}

// TestHelperHoldLock is not a test: TestLockHeldByAnotherProcess runs it in
// a child process to hold the crawl lock and a write transaction until its
// stdin closes.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("STORE_HOLD_LOCK")
	if path == "" {
		t.Skip("helper for TestLockHeldByAnotherProcess")
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	lock, err := s.LockCrawl(context.Background(), time.Now())
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	s.db.Update(context.Background(), func(*bolt.Tx) error {
		fmt.Println("holding")
		io.Copy(io.Discard, os.Stdin)
		return nil
	})
	lock.Unlock()
	s.Close()
	os.Exit(0)
}

// A lock file that can be neither created nor read is reported by why it
// could not be created (a read-only folder), not by the read that then
// found no file.
func TestLockFileErrorSaysWhyItCouldNotBeCreated(t *testing.T) {
	rofs := &fs.PathError{Op: "open", Path: "/ro/s.db.lock", Err: syscall.EROFS}
	missing := &fs.PathError{Op: "open", Path: "/ro/s.db.lock", Err: syscall.ENOENT}
	if err := lockFileError(rofs, missing); !errors.Is(err, syscall.EROFS) {
		t.Errorf("lockFileError = %v, want the read-only file system", err)
	}
	denied := &fs.PathError{Op: "open", Path: "/x/s.db.lock", Err: syscall.EACCES}
	if err := lockFileError(rofs, denied); !errors.Is(err, syscall.EACCES) {
		t.Errorf("lockFileError = %v, want the read's own error when the file is there", err)
	}
}
