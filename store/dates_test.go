package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

func TestTimesOutsideTheUnixNanoRangeAreStoredAsThemselves(t *testing.T) {
	for _, want := range []time.Time{
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1677, 9, 21, 0, 12, 43, 145224191, time.UTC),  // one below UnixNano's floor
		time.Date(2262, 4, 11, 23, 47, 16, 854775808, time.UTC), // one above its ceiling
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(2026, 11, 25, 3, 0, 0, 123, time.UTC),
	} {
		var e encoder
		e.timeVal(want)
		d := decoder{b: e.bytes()}
		got := d.timeVal()
		if err := d.done(); err != nil || !got.Equal(want) {
			t.Errorf("%s came back as %s (%v)", want, got, err)
		}
	}
}

func TestAPostingPublishedIn9999IsNotStoredAs1816(t *testing.T) {
	s := openTest(t, Options{})
	p := posting("acme", "1", "terraform")
	p.Posted = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	crawl(t, s, t0, map[string][]skillpulse.Posting{"acme": {p}}, []skillpulse.SourceOutcome{{Name: "acme"}})
	sp, err := s.Posting(context.Background(), p.Key())
	if err != nil {
		t.Fatal(err)
	}
	if !sp.Posted.Equal(p.Posted) {
		t.Errorf("Posted = %s, want %s", sp.Posted, p.Posted)
	}
}

func TestCheckReportsDatesOutOfOrder(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(h *head, last *time.Time)
		want    string
	}{
		{"last seen before first seen", func(h *head, last *time.Time) { *last = h.FirstSeen.Add(-time.Hour) }, "before first seen"},
		{"closed before first seen", func(h *head, _ *time.Time) { h.ClosedAt = h.FirstSeen.Add(-time.Hour) }, "closed 2026-11-23T02:00:00Z before first seen"},
		{"first seen in 1816", func(h *head, _ *time.Time) { h.FirstSeen = time.Date(1816, 3, 30, 0, 0, 0, 0, time.UTC) }, "first seen 1816-03-30T00:00:00Z is outside 2000–2099"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			crawl(t, s, t0, map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "terraform")}}, []skillpulse.SourceOutcome{{Name: "acme"}})
			if _, err := s.Check(context.Background()); err != nil {
				t.Fatalf("a fresh store fails its check: %v", err)
			}
			id := postingID(t, s, "acme", "1")
			err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
				b := s.bucketsOf(tx)
				h, err := decodeHead(b.postings.Get(u64(id)))
				if err != nil {
					return err
				}
				last, err := decodeTime(b.seen.Get(u64(id)))
				if err != nil {
					return err
				}
				tt.corrupt(&h, &last)
				var e encoder
				h.encode(&e)
				if err := b.postings.Put(u64(id), e.bytes()); err != nil {
					return err
				}
				return b.seen.Put(u64(id), encodeTime(last))
			})
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Check(context.Background())
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(strings.Join(res.Problems, "\n"), tt.want) {
				t.Errorf("Check = %v, problems %q; want one saying %q", err, res.Problems, tt.want)
			}
		})
	}
}
