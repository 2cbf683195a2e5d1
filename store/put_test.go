package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// TestPutCancelKeepsCommittedBatches checks that a run cut off part-way
// keeps every batch committed before the cut and nothing of the one it cut.
func TestPutCancelKeepsCommittedBatches(t *testing.T) {
	s := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	ps := shortPostings("acme", 2*batchSize+batchSize/2)
	// Cancel while the second batch is being tagged: the first batch is
	// committed, the second and third never are.
	tag := TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
		if p.NativeID == ps[batchSize+10].NativeID {
			cancel()
		}
		return skillpulse.Tags{}
	})
	c, err := w.Put(ctx, "acme", ps, tag)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Put error = %v, want context.Canceled", err)
	}
	if c.New != batchSize {
		t.Errorf("Put reported %d new, want %d", c.New, batchSize)
	}
	if n := keyCount(t, s, bucketKeys, nil); n != batchSize {
		t.Errorf("stored postings = %d, want %d", n, batchSize)
	}
	for _, i := range []int{0, batchSize - 1} {
		if _, err := s.Posting(context.Background(), ps[i].Key()); err != nil {
			t.Errorf("posting %d of the committed batch: %v", i, err)
		}
	}
	if _, err := s.Posting(context.Background(), ps[batchSize].Key()); !errors.Is(err, ErrNotFound) {
		t.Errorf("posting %d of the cancelled batch: %v, want ErrNotFound", batchSize, err)
	}
	// No crawl holds the lock, so the run left unfinished shows interrupted.
	runs, _ := s.Runs(context.Background(), 0)
	if len(runs) != 1 || runs[0].Status != skillpulse.RunInterrupted || runs[0].Reason != AbandonedReason {
		t.Errorf("interrupted run listed as %+v, want one interrupted run (%q)", runs, AbandonedReason)
	}
	if res, err := s.Check(context.Background()); err != nil {
		t.Errorf("Check after an interrupted run: %v (%q)", err, res.Problems)
	}
}

// TestTaggerPanicReachesCaller checks that a Tagger panicking in one of
// Put's workers panics in Put's caller, where it can be recovered, and that
// the batch it was in is not written.
func TestTaggerPanicReachesCaller(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	ps := shortPostings("acme", 50)
	boom := TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
		if p.NativeID == "17" {
			panic("tagger bug")
		}
		return skillpulse.Tags{}
	})
	func() {
		defer func() {
			r := recover()
			if r == nil || !strings.Contains(fmt.Sprint(r), "acme/17: tagger bug") {
				t.Errorf("recovered %v, want the tagger's panic naming posting acme/17", r)
			}
		}()
		w.Put(ctx, "acme", ps, boom)
	}()
	if n := keyCount(t, s, bucketKeys, nil); n != 0 {
		t.Errorf("%d postings stored from the batch whose tagging panicked", n)
	}
}

func TestPutRejects(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, source string
		postings     []skillpulse.Posting
		tag          Tagger
		wantErr      string
	}{
		{"empty source", "", nil, &countingTagger{}, "empty source name"},
		{"nil tagger", "a", nil, nil, "nil tagger"},
		{"posting of another source", "a", []skillpulse.Posting{posting("b", "1", "")}, &countingTagger{}, `belongs to source "b"`},
		{"posting without native id", "a", []skillpulse.Posting{posting("a", "", "")}, &countingTagger{}, "no native id"},
		{"native id too long for a key", "a", []skillpulse.Posting{posting("a", strings.Repeat("9", 40<<10), "")}, &countingTagger{}, "native id of 40960 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.Put(ctx, tt.source, tt.postings, tt.tag)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Put error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestPutWriteFailureWithBatchesQueued checks that a write transaction
// failing part-way through a Put of many batches — here on a damaged
// version record, which only the write reads — ends the Put with the error
// and the batches before it committed, and never leaves it waiting on the
// batches prepared behind it.
func TestPutWriteFailureWithBatchesQueued(t *testing.T) {
	ctx := context.Background()
	for round := range 3 {
		s := openTest(t, Options{})
		ps := shortPostings("acme", 4*batchSize+10)
		bad := batchSize + 5
		crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {ps[bad]}}, []skillpulse.SourceOutcome{{Name: "acme"}})
		err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
			return tx.Bucket(bucketVersions).Put(versionKey(postingID(t, s, "acme", ps[bad].NativeID), 0), []byte{versionFormat, 1, 0xff})
		})
		if err != nil {
			t.Fatal(err)
		}
		ps[bad].Description += " Changed."
		w, err := s.BeginRun(ctx, day(1), "")
		if err != nil {
			t.Fatal(err)
		}
		type result struct {
			c   Counts
			err error
		}
		done := make(chan result, 1)
		go func() {
			c, err := w.Put(ctx, "acme", ps, TaggerFunc(func(*skillpulse.Posting) skillpulse.Tags { return skillpulse.Tags{} }))
			done <- result{c, err}
		}()
		select {
		case r := <-done:
			if !errors.Is(r.err, ErrCorrupt) {
				t.Fatalf("round %d: Put error = %v, want ErrCorrupt", round, r.err)
			}
			if r.c.New != batchSize {
				t.Errorf("round %d: Put committed %+v, want the first batch's %d new", round, r.c, batchSize)
			}
		case <-time.After(time.Minute):
			t.Fatalf("round %d: Put still running a minute after its write failed", round)
		}
		if n := keyCount(t, s, bucketKeys, nil); n != batchSize+1 {
			t.Errorf("round %d: %d postings stored, want %d", round, n, batchSize+1)
		}
	}
}
