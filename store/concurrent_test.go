package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestConcurrentPuts runs Puts for several sources at once, alongside
// readers, and checks that every posting landed once and the store is
// consistent.
func TestConcurrentPuts(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	const sources, per = 4, 300
	tag := &countingTagger{}
	var wg sync.WaitGroup
	counts := make([]Counts, sources)
	errs := make([]error, sources)
	for i := range sources {
		wg.Go(func() {
			name := fmt.Sprintf("src%d", i)
			counts[i], errs[i] = w.Put(ctx, name, shortPostings(name, per), tag)
		})
	}
	wg.Go(func() { // a reader while the writers run
		for range 20 {
			if _, err := s.Runs(ctx, 0); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Wait()
	for i := range sources {
		if errs[i] != nil {
			t.Fatalf("Put src%d: %v", i, errs[i])
		}
		if counts[i] != (Counts{New: per}) {
			t.Errorf("Put src%d counts %+v, want %d new", i, counts[i], per)
		}
	}
	var outs []skillpulse.SourceOutcome
	for i := range sources {
		outs = append(outs, skillpulse.SourceOutcome{Name: fmt.Sprintf("src%d", i)})
	}
	run, err := w.Finish(ctx, outs, day(0).Add(runTook))
	if err != nil {
		t.Fatal(err)
	}
	if run.Live != sources*per {
		t.Errorf("Run.Live = %d, want %d", run.Live, sources*per)
	}
	if n := tag.calls.Load(); n != sources*per {
		t.Errorf("tagger called %d times, want once per posting (%d)", n, sources*per)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

// TestConcurrentPutsOfTheSamePostings races two Puts of the same postings:
// both may judge them new before either commits, and the write transaction
// must still store each posting once, with one version.
func TestConcurrentPutsOfTheSamePostings(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	const n = batchSize + 17 // more than one batch
	ps := shortPostings("acme", n)
	var wg sync.WaitGroup
	var c [2]Counts
	var errs [2]error
	for i := range 2 {
		wg.Go(func() { c[i], errs[i] = w.Put(ctx, "acme", ps, &countingTagger{}) })
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
	}
	if got := c[0].New + c[1].New; got != n {
		t.Errorf("New across both Puts = %d, want %d", got, n)
	}
	if got := c[0].Unchanged + c[1].Unchanged; got != n {
		t.Errorf("Unchanged across both Puts = %d, want %d", got, n)
	}
	if got := keyCount(t, s, bucketVersions, nil); got != n {
		t.Errorf("versions stored = %d, want one per posting (%d)", got, n)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

// shortPostings makes n small distinct postings for source.
func shortPostings(source string, n int) []skillpulse.Posting {
	ps := make([]skillpulse.Posting, n)
	for i := range ps {
		ps[i] = posting(source, fmt.Sprint(i), fmt.Sprintf("Posting %d: Kubernetes, Terraform and Linux.", i))
	}
	return ps
}
