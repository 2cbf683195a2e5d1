package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// holdFile keeps the file at path in a transaction of a Store of its own
// (to the lock, another process) until the test ends: a read transaction
// holds the shared lock, which keeps writers waiting; a write the
// exclusive one, which keeps everyone waiting. It returns a func that lets
// go of the file (at the latest, the test's end does).
func holdFile(t *testing.T, path string, write bool) (release func()) {
	t.Helper()
	holder, err := Open(context.Background(), path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	held, let, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	hold := func(*bolt.Tx) error { close(held); <-let; return nil }
	go func() {
		if write {
			done <- holder.db.Update(context.Background(), hold)
		} else {
			done <- holder.db.View(context.Background(), hold)
		}
	}()
	select {
	case <-held:
	case err := <-done:
		t.Fatalf("holding the file: %v", err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			close(let)
			if err := <-done; err != nil {
				t.Errorf("holding the file: %v", err)
			}
			holder.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// cancelSoon is a context cancelled, with cause, once the test's call is
// surely waiting: the wait ends with the context, not because it was done
// before the call began.
func cancelSoon(t *testing.T, cause error) context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	timer := time.AfterFunc(50*time.Millisecond, func() { cancel(cause) })
	t.Cleanup(func() { timer.Stop(); cancel(nil) })
	return ctx
}

// TestAWaitForTheFileEndsWithItsContext holds the file from another Store
// and cancels the call waiting for it: every call returns at once (not
// after LockTimeout, nor a write's ten minutes) with an error naming the
// file, the lock it waited for and the cause, which is neither ErrInUse
// nor damage, and the store afterwards holds what it held.
func TestAWaitForTheFileEndsWithItsContext(t *testing.T) {
	received := errors.New("received terminated")
	tests := []struct {
		name      string
		holdWrite bool
		lock      string
		// setup readies the call on s, before the file is held.
		setup func(t *testing.T, s *Store, path string) func(ctx context.Context) error
	}{
		{"a crawl's BeginRun waiting for a long read", false, "write lock", func(t *testing.T, s *Store, _ string) func(context.Context) error {
			return func(ctx context.Context) error {
				_, err := s.BeginRun(ctx, day(9), "cfg")
				return err
			}
		}},
		{"a Put waiting for a long read", false, "write lock", func(t *testing.T, s *Store, _ string) func(context.Context) error {
			w, err := s.BeginRun(context.Background(), day(9), "cfg")
			if err != nil {
				t.Fatal(err)
			}
			return func(ctx context.Context) error {
				_, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "3", "python")}, &countingTagger{})
				return err
			}
		}},
		{"a read waiting for a write", true, "read lock", func(t *testing.T, s *Store, _ string) func(context.Context) error {
			return func(ctx context.Context) error {
				_, err := s.Runs(ctx, 1)
				return err
			}
		}},
		{"an Open waiting for a write", true, "read lock", func(t *testing.T, _ *Store, path string) func(context.Context) error {
			return func(ctx context.Context) error {
				s, err := Open(ctx, path, Options{LockTimeout: 10 * time.Minute})
				if err == nil {
					s.Close()
				}
				return err
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "skillpulse.db")
			s, err := Open(context.Background(), path, Options{LockTimeout: 10 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			acme := []skillpulse.Posting{posting("acme", "1", "terraform"), posting("acme", "2", "kubernetes")}
			crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": acme}, []skillpulse.SourceOutcome{{Name: "acme"}})
			call := tt.setup(t, s, path)
			release := holdFile(t, path, tt.holdWrite)
			ctx := cancelSoon(t, received)
			done := make(chan error, 1)
			go func() { done <- call(ctx) }()
			select {
			case err = <-done:
			case <-time.After(time.Minute): // LockTimeout and writeWait are ten minutes
				t.Fatal("the call was still waiting for the file a minute after its context was cancelled")
			}
			if err == nil {
				t.Fatal("the call succeeded while another Store held the file")
			}
			for _, want := range []string{path, "stopped waiting for the store's " + tt.lock, "received terminated"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if !errors.Is(err, received) || !errors.Is(err, context.Canceled) {
				t.Errorf("error %v wraps neither the cause nor context.Canceled", err)
			}
			if errors.Is(err, ErrInUse) || errors.Is(err, ErrCorrupt) {
				t.Errorf("error %v reads as ErrInUse or damage; it is neither", err)
			}
			release()
			st, err := s.Stats(context.Background())
			if err != nil || st.Open != len(acme) || st.Postings != len(acme) {
				t.Errorf("after the wait ended: %d postings, %d open, %v; want the %d stored, all open", st.Postings, st.Open, err, len(acme))
			}
		})
	}
}

// TestAFileToBeHadAtOnceIsHadWhateverTheContext: a cancelled context ends
// a wait, but a transaction that need not wait runs, so that a process
// that is stopping still records what it can.
func TestAFileToBeHadAtOnceIsHadWhateverTheContext(t *testing.T) {
	s := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	if err := s.db.Update(ctx, func(*bolt.Tx) error { ran = true; return nil }); err != nil || !ran {
		t.Errorf("Update with a cancelled context on a free file: ran %v, %v; want it run", ran, err)
	}
}

// TestInterruptDoesNotWaitOutALongRead: a crawl stopped by a signal while
// another process reads the file for minutes (db check, export) cannot
// record its run as interrupted; Interrupt gives up after at most
// LockTimeout with ErrInUse rather than hold up the exit for a write's ten
// minutes. The file stays consistent: the run, still RunRunning in it,
// reads as RunInterrupted with AbandonedReason once its crawl lock is
// gone, the next LockCrawl records it so, and it closed nothing.
func TestInterruptDoesNotWaitOutALongRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	s, err := Open(ctx, path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acme := []skillpulse.Posting{posting("acme", "1", "terraform"), posting("acme", "2", "kubernetes")}
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": acme}, []skillpulse.SourceOutcome{{Name: "acme"}})

	lock, err := s.LockCrawl(ctx, day(1))
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.BeginRun(ctx, day(1), "cfg")
	if err != nil {
		t.Fatal(err)
	}
	holdFile(t, path, false)
	err = w.Interrupt("received terminated", day(1))
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Interrupt beside a long read: %v, want ErrInUse naming %s", err, path)
	}
	lock.Unlock() // the process exits

	reader, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	runs, err := reader.Runs(ctx, 1)
	if err != nil || len(runs) != 1 || runs[0].Status != skillpulse.RunInterrupted || runs[0].Reason != AbandonedReason {
		t.Errorf("newest run after a failed Interrupt: %+v, %v; want it interrupted, %q", runs, err, AbandonedReason)
	}
	st, err := reader.Stats(ctx)
	if err != nil || st.Open != len(acme) {
		t.Errorf("open postings after a failed Interrupt: %d, %v; want all %d still open", st.Open, err, len(acme))
	}
}

// TestAWaitForTheFileNamesAnotherCrawlNotItsOwn: the error of a wait that
// ran out or was ended names the crawl holding the crawl lock as the likely
// holder of the file, unless that crawl is the waiting process's own,
// which holds the crawl lock for its whole crawl and so would blame itself.
func TestAWaitForTheFileNamesAnotherCrawlNotItsOwn(t *testing.T) {
	tests := []struct {
		name  string
		crawl string // what <path>.crawl records while held; "" for this process's own crawl
		want  string // in the error; "" for no crawl named
	}{
		{"the waiting process's own crawl is not named", "", ""},
		{"another process's crawl is named", "4242 2026-11-25T03:00:00Z\n", "(a crawl is in progress (pid 4242, started 2026-11-25T03:00:00Z))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "skillpulse.db")
			s, err := Open(ctx, path, Options{LockTimeout: 10 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			lock, err := s.LockCrawl(ctx, day(1))
			if err != nil {
				t.Fatal(err)
			}
			defer lock.Unlock()
			if tt.crawl != "" {
				if err := lock.f.Truncate(0); err != nil {
					t.Fatal(err)
				}
				if _, err := lock.f.WriteAt([]byte(tt.crawl), 0); err != nil {
					t.Fatal(err)
				}
			}
			holdFile(t, path, false)
			_, err = s.BeginRun(cancelSoon(t, errors.New("received interrupt")), day(1), "cfg")
			if err == nil {
				t.Fatal("BeginRun succeeded while another Store read the file")
			}
			named := strings.Contains(err.Error(), "a crawl is in progress")
			if tt.want == "" && named || tt.want != "" && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q; want it to name %q", err, tt.want)
			}
		})
	}
}
