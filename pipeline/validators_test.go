package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/store"
)

// TestValidatorsCommitStopsWithItsContext: the validators a crawl keeps
// are written after its run is recorded; while another process reads the
// store for minutes (a long db check), a signal ends their write at once
// with one warning, not one ten-minute wait per validator. They are a
// cache: the next fetch of their sources is in full.
func TestValidatorsCommitStopsWithItsContext(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sp.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logs bytes.Buffer
	v := NewValidators(st, "cfg", slog.New(slog.NewTextHandler(&logs, nil)))
	for _, u := range []string{"http://127.0.0.1/a", "http://127.0.0.1/b", "http://127.0.0.1/c"} {
		v.SaveValidator(ctx, u, crawler.Validator{ETag: `"1"`})
	}
	// Held shared, as a reader in another process holds it while it reads.
	lock, err := os.Open(path + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_SH); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan struct{})
	go func() { v.commit(cctx); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute): // a write waits ten minutes for readers
		t.Fatal("commit still waited for the store a minute after its context was cancelled")
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 || !strings.Contains(logs.String(), "validators not kept") {
		t.Errorf("commit logged %d warnings, want one saying the validators were not kept:\n%s", n, &logs)
	}
	lock.Close()
	if _, _, ok, err := st.LoadValidator(ctx, "cfg", "http://127.0.0.1/a"); ok || err != nil {
		t.Errorf("a validator whose write was stopped reads back as kept (%v, %v)", ok, err)
	}
	v.SaveValidator(ctx, "http://127.0.0.1/a", crawler.Validator{ETag: `"2"`})
	v.commit(ctx)
	if etag, _, ok, err := st.LoadValidator(ctx, "cfg", "http://127.0.0.1/a"); !ok || err != nil || etag != `"2"` {
		t.Errorf("after the store was free again, the validator kept is %q, %v, %v; want \"2\"", etag, ok, err)
	}
}
