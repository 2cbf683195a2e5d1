package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/store"
)

// countingStore counts the reads a real store is asked for, of runs and
// of postings; its Revision is the store's own.
type countingStore struct {
	*store.Store
	runs, postings atomic.Int64
}

func (c *countingStore) Runs(ctx context.Context, limit int) ([]skillpulse.Run, error) {
	c.runs.Add(1)
	return c.Store.Runs(ctx, limit)
}

func (c *countingStore) ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	c.postings.Add(1)
	return c.Store.ForEachLiveTags(ctx, from, to, fn)
}

func (c *countingStore) ForEachCountedIn(ctx context.Context, weeks []skillpulse.Week, fn func(*skillpulse.StoredPosting, uint64) error) ([]skillpulse.Aggregate, error) {
	c.postings.Add(1)
	return c.Store.ForEachCountedIn(ctx, weeks, fn)
}

func (c *countingStore) reads() int64 { return c.runs.Load() + c.postings.Load() }

// newRealServer serves the API of postingsStore's 230 postings, counting
// the store reads.
func newRealServer(t *testing.T) (*httptest.Server, *countingStore) {
	t.Helper()
	st, _ := postingsStore(t)
	cs := &countingStore{Store: st}
	h := api.New(api.Options{Store: cs, Taxonomy: eksTaxonomy{},
		Now: func() time.Time { return w47.Start().Add(50 * time.Hour) }})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, cs
}

var cachedPaths = []string{"/api/v1/weeks/current", "/api/v1/postings", "/api/v1/postings?limit=7&skill=kubernetes"}

func TestCachedAnswersReadNothingUntilTheStoreChanges(t *testing.T) {
	srv, st := newRealServer(t)
	etags := map[string]string{}
	for _, path := range cachedPaths {
		resp, _ := rawGet(t, srv.URL+path, nil)
		etags[path] = resp.Header.Get("ETag")
		if resp.StatusCode != http.StatusOK || etags[path] == "" {
			t.Fatalf("GET %s: %d, ETag %q", path, resp.StatusCode, etags[path])
		}
	}
	before := st.reads()
	for _, path := range cachedPaths {
		for _, h := range []map[string]string{nil, {"Accept-Encoding": "gzip"}, {"If-None-Match": etags[path]}} {
			if resp, _ := rawGet(t, srv.URL+path, h); resp.Header.Get("ETag") != etags[path] {
				t.Errorf("GET %s with %v: ETag %q, want %q as before", path, h, resp.Header.Get("ETag"), etags[path])
			}
		}
	}
	if n := st.reads() - before; n != 0 {
		t.Errorf("answers from the caches read the store %d times; want none while nothing is written", n)
	}

	// Another process (a second Store of the file) records a new run that
	// lists one more posting, which pages first: every answer changes.
	other, err := store.Open(context.Background(), st.Path(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	crawlNight(t, other, w47.Start().Add(49*time.Hour), "aardvark",
		[]skillpulse.Posting{{NativeID: "n1", Title: "SRE", Company: "Aardvark", URL: "https://example.com/aardvark/n1", Description: "terraform:1:0 kubernetes:1:0"}}, agreementTagger)
	for _, path := range cachedPaths {
		resp, _ := rawGet(t, srv.URL+path, nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == etags[path] {
			t.Errorf("GET %s after a new run: %d with the old ETag %q", path, resp.StatusCode, etags[path])
		}
	}
	var rep struct{ Postings int }
	getJSON(t, srv, "/api/v1/weeks/current", &rep)
	if rep.Postings != 231 {
		t.Errorf("the week's report after a new run counts %d postings, want 231", rep.Postings)
	}
}

func TestRequestsMeetingAChangedStoreBuildOnce(t *testing.T) {
	for _, path := range cachedPaths[:2] {
		t.Run(path, func(t *testing.T) {
			srv, st := newRealServer(t)
			rawGet(t, srv.URL+path, nil)
			perBuild := st.postings.Load()
			crawlNight(t, st.Store, w47.Start().Add(49*time.Hour), "initech",
				[]skillpulse.Posting{{NativeID: "n1", Title: "SRE", URL: "https://example.com/initech/n1"}}, agreementTagger)
			runs, postings := st.runs.Load(), st.postings.Load()
			var wg sync.WaitGroup
			for range 20 {
				wg.Go(func() {
					if resp, _ := rawGet(t, srv.URL+path, nil); resp.StatusCode != http.StatusOK {
						t.Errorf("status %d", resp.StatusCode)
					}
				})
			}
			wg.Wait()
			// Each request may read the newest run once (until one has
			// recorded the new revision); the answer is built once.
			if n := st.postings.Load() - postings; n != perBuild {
				t.Errorf("20 requests after a new run read the week's postings %d times; want one build's %d", n, perBuild)
			}
			if n := st.runs.Load() - runs; n < 1 || n > 20 {
				t.Errorf("20 requests after a new run read the newest run %d times; want 1 to 20", n)
			}
		})
	}
}
