package crawler

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

// sharedFixture reads a recorded payload from the team's shared fixtures
// (see internal/fixtures: the test skips, or under CI fails, when they
// are absent).
func sharedFixture(t testing.TB, rel string) []byte {
	t.Helper()
	return fixtures.Read(t, rel)
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// waits records the waits the HTTP layer asks for, instead of sleeping.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// loopbackLimits are limits for talking to an httptest server.
func loopbackLimits() config.Limits {
	return config.Limits{AllowPrivate: true, MaxRetries: 2, RequestTimeout: 5 * time.Second}
}

// testHTTP is an HTTP layer whose retry waits are recorded, not slept.
func testHTTP(lim config.Limits, w *waits, opts ...Option) *HTTP {
	if w == nil {
		w = &waits{}
	}
	opts = append([]Option{WithLogger(quietLogger()), WithSleep(w.sleep)}, opts...)
	return NewHTTP(lim, false, opts...)
}

// requests records the request URIs a test server saw.
type requests struct {
	mu   sync.Mutex
	uris []string
}

func (r *requests) add(uri string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.uris = append(r.uris, uri)
	return len(r.uris)
}

func (r *requests) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.uris...)
}
