package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/skillpulse/skillpulse"
)

// maxOrigins bounds the origins of one imported record: a posting is
// listed by a few sources, not thousands.
const maxOrigins = 64

// CheckImport reads every record of r, an export in FormatJSONL, and
// validates it as Import would, writing nothing anywhere. It returns how
// many records r holds. known, when not nil, says which skill ids the
// taxonomy holds; a record tagged with any other is refused.
//
// A caller that must not create a store for input it would refuse calls
// it before opening the store.
func CheckImport(ctx context.Context, r io.Reader, known func(id string) bool) (int, error) {
	n, err := eachRecord(ctx, r, known, func(int, *ExportRecord) error { return nil })
	if err != nil {
		return n, fmt.Errorf("store: import: %w", err)
	}
	return n, nil
}

// check validates a record with the rules every stored posting keeps
// (skillpulse.CheckPosting and CheckTags, the crawl's own), and its
// lifecycle: first seen set, every date plausible, last seen not before
// first seen, a closing not before the first sighting, origins at valid
// sources with http(s) URLs.
func (r *ExportRecord) check(known func(id string) bool) error {
	p, tags := r.posting()
	if err := skillpulse.CheckPosting(&p); err != nil {
		return err
	}
	if err := skillpulse.CheckTags(&tags, known); err != nil {
		return err
	}
	if r.FirstSeen.IsZero() {
		return errors.New("first_seen: required")
	}
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"first_seen", r.FirstSeen}, {"last_seen", r.LastSeen}, {"closed_at", r.ClosedAt}, {"content_since", r.ContentSince}} {
		if !d.t.IsZero() && !skillpulse.DateInRange(d.t) {
			return fmt.Errorf("%s: %s is outside %d–%d", d.name, d.t.UTC().Format(time.RFC3339),
				skillpulse.EarliestDate.Year(), skillpulse.LatestDate.Year()-1)
		}
	}
	if r.LastSeen.Before(r.FirstSeen) {
		return fmt.Errorf("last_seen %s before first_seen %s", r.LastSeen.Format(time.RFC3339), r.FirstSeen.Format(time.RFC3339))
	}
	if !r.ClosedAt.IsZero() && r.ClosedAt.Before(r.FirstSeen) {
		return fmt.Errorf("closed_at %s before first_seen %s", r.ClosedAt.Format(time.RFC3339), r.FirstSeen.Format(time.RFC3339))
	}
	if len(r.Origins) > maxOrigins {
		return fmt.Errorf("origins: %d, over %d", len(r.Origins), maxOrigins)
	}
	for i, o := range r.Origins {
		if !skillpulse.ValidSourceName(o.Source) {
			return fmt.Errorf("origins[%d].source: %.80q is not a source name", i, o.Source)
		}
		if err := skillpulse.CheckURL(o.URL); err != nil {
			return fmt.Errorf("origins[%d].url: %w", i, err)
		}
	}
	return nil
}

// trimBOM drops a UTF-8 byte order mark, which editors on some systems
// put at the start of a file.
func trimBOM(line []byte) []byte { return bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) }

// Spool returns r itself if it can seek, else a temporary file holding a
// copy of it, and a function that removes that file: CheckImport and
// Import then read the same bytes.
func Spool(r io.Reader) (io.ReadSeeker, func(), error) { return seekable(r) }
