package store

import (
	"context"
	"errors"
	"testing"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// TestKeep lists three postings, drops one, then answers "not modified"
// for a week past Grace: the two still listed stay live and are counted,
// the dropped one closes after Grace as it would have anyway.
func TestKeep(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{Grace: DefaultGrace})
	ps := []skillpulse.Posting{posting("api", "1", "a"), posting("api", "2", "b"), posting("api", "3", "c")}
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"api": ps}, []skillpulse.SourceOutcome{{Name: "api"}})
	crawl(t, s, day(1), map[string][]skillpulse.Posting{"api": ps[:2]}, []skillpulse.SourceOutcome{{Name: "api"}})

	closed := 0
	var run skillpulse.Run
	for d := 2; d <= 10; d++ {
		w, err := s.BeginRun(ctx, day(d), "cfg")
		if err != nil {
			t.Fatal(err)
		}
		n, err := w.Keep(ctx, "api")
		if err != nil {
			t.Fatalf("day %d: Keep: %v", d, err)
		}
		if n != 2 {
			t.Errorf("day %d: Keep = %d, want the 2 postings the last fetch listed", d, n)
		}
		if run, err = w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "api", Unchanged: n}}, day(d).Add(runTook)); err != nil {
			t.Fatal(err)
		}
		closed += run.Sources[0].Closed
		if _, err := w.Keep(ctx, "api"); !errors.Is(err, ErrRunFinished) {
			t.Errorf("Keep after Finish: %v, want ErrRunFinished", err)
		}
	}
	if closed != 1 || run.Live != 2 {
		t.Errorf("after a week of Keep: %d closed, %d live; want only the dropped posting closed, 2 live", closed, run.Live)
	}
	for id, wantOpen := range map[string]bool{"1": true, "2": true, "3": false} {
		p, err := s.Posting(ctx, skillpulse.PostingKey{Source: "api", NativeID: id})
		if err != nil {
			t.Fatal(err)
		}
		if open := p.ClosedAt.IsZero(); open != wantOpen {
			t.Errorf("posting api/%s open = %v, want %v", id, open, wantOpen)
		}
		if wantOpen && !p.LastSeen.Equal(day(10)) {
			t.Errorf("posting api/%s last seen %v, want the last kept run's start %v", id, p.LastSeen, day(10))
		}
	}

	// Without Keep the same healthy, empty answers close them.
	crawl(t, s, day(13), nil, []skillpulse.SourceOutcome{{Name: "api"}})
	if r := crawl(t, s, day(14), nil, []skillpulse.SourceOutcome{{Name: "api"}}); r.Live != 0 {
		t.Errorf("without Keep %d postings stay live, want 0", r.Live)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

// TestKeepWithoutRecordedFetch checks the fallback for a source whose last
// fetch predates schema 6: every open posting is kept.
func TestKeepWithoutRecordedFetch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	ps := []skillpulse.Posting{posting("api", "1", "a"), posting("api", "2", "b")}
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"api": ps}, []skillpulse.SourceOutcome{{Name: "api"}})
	crawl(t, s, day(1), map[string][]skillpulse.Posting{"api": ps[:1]}, []skillpulse.SourceOutcome{{Name: "api"}})
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error { return tx.Bucket(bucketFetches).Delete([]byte("api")) }); err != nil {
		t.Fatal(err)
	}
	w, err := s.BeginRun(ctx, day(2), "")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := w.Keep(ctx, "api"); err != nil || n != 2 {
		t.Errorf("Keep without a recorded fetch = %d, %v; want both open postings", n, err)
	}
	if n, err := w.Keep(ctx, "api"); err != nil || n != 2 {
		t.Errorf("second Keep in the run = %d, %v; want the same 2", n, err)
	}
	if n, err := w.Keep(ctx, "nobody"); err != nil || n != 0 {
		t.Errorf("Keep of a source without postings = %d, %v", n, err)
	}
	if _, err := w.Keep(ctx, ""); err == nil {
		t.Error("Keep of the empty source name succeeded")
	}
}
