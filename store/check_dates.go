package store

import (
	"context"
	"encoding/binary"
	"time"

	"github.com/skillpulse/skillpulse"
)

// checkDates checks every posting's lifecycle dates: each within
// skillpulse.DateInRange, and in order — first seen, then last seen, and a
// closing not before the first sighting. Out-of-order dates mean a write
// stored one time as another (the UnixNano overflow of old stores) or an
// import that was not validated.
func checkDates(ctx context.Context, b buckets, _ *CheckResult, problem func(string, ...any)) error {
	return b.postings.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return nil // checkPostings reports it
		}
		id := binary.BigEndian.Uint64(k)
		h, err := decodeHead(v)
		if err != nil {
			return nil // checkPostings reports it
		}
		last, err := decodeTime(b.seen.Get(k))
		if err != nil {
			return nil // checkPostings reports it
		}
		for _, d := range []struct {
			name string
			t    time.Time
		}{{"first seen", h.FirstSeen}, {"last seen", last}, {"closed", h.ClosedAt}} {
			if (!d.t.IsZero() || d.name != "closed") && !skillpulse.DateInRange(d.t) {
				problem("postings/%d (%s/%s): %s %s is outside %d–%d", id, h.Source, h.NativeID, d.name,
					d.t.Format(time.RFC3339), skillpulse.EarliestDate.Year(), skillpulse.LatestDate.Year()-1)
			}
		}
		if last.Before(h.FirstSeen) {
			problem("postings/%d (%s/%s): last seen %s before first seen %s", id, h.Source, h.NativeID,
				last.Format(time.RFC3339), h.FirstSeen.Format(time.RFC3339))
		}
		if !h.ClosedAt.IsZero() && h.ClosedAt.Before(h.FirstSeen) {
			problem("postings/%d (%s/%s): closed %s before first seen %s", id, h.Source, h.NativeID,
				h.ClosedAt.Format(time.RFC3339), h.FirstSeen.Format(time.RFC3339))
		}
		return ctx.Err()
	})
}
