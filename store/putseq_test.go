package store

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// streamOf yields n short postings of source made one at a time, calling
// before(i) before posting i; after fail of them (fail >= 0) it yields
// err instead of the rest.
func streamOf(source string, n, fail int, err error, before func(i int)) iter.Seq2[skillpulse.Posting, error] {
	return func(yield func(skillpulse.Posting, error) bool) {
		for i := range n {
			if i == fail {
				yield(skillpulse.Posting{}, err)
				return
			}
			if before != nil {
				before(i)
			}
			p := posting(source, fmt.Sprint(i), fmt.Sprintf("Posting %d: Kubernetes, Terraform and Linux.", i))
			if !yield(p, nil) {
				return
			}
		}
	}
}

// TestPutSeqHoldsAFewBatchesOnly checks that PutSeq stores a stream of
// postings as Put stores a slice, and that it never runs more than a few
// batches ahead of what it has committed: the store streams, it does not
// gather the source's postings first.
func TestPutSeqHoldsAFewBatchesOnly(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	const n = 6*batchSize + 7
	// One batch filling (or being classified), one having its versions
	// made, one queued, one being written.
	const ahead = 4 * batchSize
	worst := 0
	before := func(i int) {
		if i%(batchSize/5) != 0 {
			return
		}
		worst = max(worst, i-keyCount(t, s, bucketKeys, nil))
	}
	c, err := w.PutSeq(ctx, "acme", streamOf("acme", n, -1, nil, before), &countingTagger{})
	if err != nil {
		t.Fatalf("PutSeq: %v", err)
	}
	if c.New != n {
		t.Errorf("PutSeq counted %+v, want %d new", c, n)
	}
	t.Logf("ahead of the committed postings by %d at most", worst)
	if worst > ahead {
		t.Errorf("the stream ran %d postings ahead of the committed ones, want at most %d", worst, ahead)
	}
	if rawGet(t, s, bucketFetches, []byte("acme")) == nil {
		t.Error("a stream that ended cleanly did not record the fetch complete")
	}
	if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(0).Add(runTook)); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

// TestPutSeqStopsAtAnError checks that an error the stream yields, or a
// posting the store refuses, ends PutSeq with that error after the
// batches before it committed, and that the fetch is then not recorded
// complete, so Keep never takes the partial list for the source's.
func TestPutSeqStopsAtAnError(t *testing.T) {
	errPage := errors.New("page 3: connection reset")
	foreign := func(yield func(skillpulse.Posting, error) bool) {
		for p := range streamOf("acme", batchSize+10, -1, nil, nil) {
			if p.NativeID == fmt.Sprint(batchSize+5) {
				p.Source = "other"
			}
			if !yield(p, nil) {
				return
			}
		}
	}
	tests := []struct {
		name    string
		stream  iter.Seq2[skillpulse.Posting, error]
		wantErr string
	}{
		{"the stream fails in its second batch", streamOf("acme", 3*batchSize, batchSize+5, errPage, nil), errPage.Error()},
		{"a posting of another source in the second batch", foreign, `belongs to source "other"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			ctx := context.Background()
			w, err := s.BeginRun(ctx, day(0), "")
			if err != nil {
				t.Fatal(err)
			}
			c, err := w.PutSeq(ctx, "acme", tt.stream, &countingTagger{})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("PutSeq error = %v, want one containing %q", err, tt.wantErr)
			}
			if tt.wantErr == errPage.Error() && !errors.Is(err, errPage) {
				t.Errorf("PutSeq error %v does not wrap the stream's", err)
			}
			if c.New != batchSize {
				t.Errorf("PutSeq counted %+v, want the first batch's %d new", c, batchSize)
			}
			if n := keyCount(t, s, bucketKeys, nil); n != batchSize {
				t.Errorf("%d postings stored, want the first batch's %d", n, batchSize)
			}
			if rawGet(t, s, bucketFetches, []byte("acme")) != nil {
				t.Error("a stream that failed recorded the fetch complete")
			}
		})
	}
}

// TestPutSeqEmptyStreamRecordsTheFetch checks that a source that listed
// nothing has its (empty) fetch recorded complete, as Put does.
func TestPutSeqEmptyStreamRecordsTheFetch(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.PutSeq(ctx, "acme", streamOf("acme", 0, -1, nil, nil), &countingTagger{})
	if err != nil || c != (Counts{}) {
		t.Fatalf("PutSeq of nothing = %+v, %v", c, err)
	}
	if rawGet(t, s, bucketFetches, []byte("acme")) == nil {
		t.Error("an empty stream did not record the fetch complete")
	}
}

// TestPutSeqStreamPanicReachesCaller checks that a stream panicking part-way
// panics in PutSeq's caller, where it can be recovered, with the batches
// before it committed.
func TestPutSeqStreamPanicReachesCaller(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	before := func(i int) {
		if i == batchSize+3 {
			panic("stream bug")
		}
	}
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "stream bug") {
				t.Errorf("recovered %v, want the stream's panic", r)
			}
		}()
		w.PutSeq(ctx, "acme", streamOf("acme", 2*batchSize, -1, nil, before), &countingTagger{})
	}()
	if n := keyCount(t, s, bucketKeys, nil); n != batchSize {
		t.Errorf("%d postings stored, want the first batch's %d", n, batchSize)
	}
	if rawGet(t, s, bucketFetches, []byte("acme")) != nil {
		t.Error("a stream that panicked recorded the fetch complete")
	}
}
