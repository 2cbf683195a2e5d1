package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/skillpulse/skillpulse"
)

// The two shapes of fetch the JSON API sources share, so that a source
// file holds only what differs: its URLs and its parser.

// fetchJSON is the whole Fetch of a source that answers in one JSON
// response: a conditional GET of u (so an unchanged source can come back
// as ErrNotModified), then parse. Errors go through fail, the source's
// errSource prefix.
func fetchJSON(ctx context.Context, h *HTTP, u string, fail func(what string, err error) error,
	parse func([]byte) ([]skillpulse.Posting, error)) ([]skillpulse.Posting, error) {
	resp, err := h.GetConditional(ctx, u, http.Header{"Accept": {"application/json"}})
	if err != nil {
		return nil, fail("", err)
	}
	posts, err := parse(resp.Body)
	if isTruncation(err) {
		return posts, fail("decode jobs", err)
	}
	if err != nil {
		return nil, fail("decode jobs", err)
	}
	return posts, nil
}

// errKind is errSource for a source type without a key (one feed per
// type): `arbeitnow: decode jobs page 2 (...): ...`.
func errKind(kind string) func(what string, err error) error {
	return func(what string, err error) error {
		if what == "" {
			return fmt.Errorf("%s: %w", kind, err)
		}
		return fmt.Errorf("%s: %s: %w", kind, what, err)
	}
}

// decodeJobs decodes the array of a {"jobs":[...]} payload (Greenhouse,
// Ashby, Remotive). A payload without it, typically an error object
// served with status 200, is errNoArray; envelope counts are ignored.
// Jobs that do not decode are skipped, and the error is then a
// *MalformedError (a truncation) that comes with the jobs that did.
func decodeJobs[T any](body []byte) ([]T, error) {
	if jobs, ok := scanJobs[T](body); ok {
		return jobs, nil
	}
	var doc struct {
		Jobs *records[T] `json:"jobs"`
	}
	if err := decodeJSON(body, &doc); err != nil {
		return nil, err
	}
	if doc.Jobs == nil {
		return nil, errNoArray
	}
	return doc.Jobs.Items, doc.Jobs.err()
}

// pageFunc fetches page n (from 0) of a paged source: its postings, and
// whether the source says that more pages follow.
type pageFunc func(ctx context.Context, n int) (posts []skillpulse.Posting, more bool, err error)

// fetchPages collects pages until one says no more follow. At max_pages
// it returns the postings so far and an error wrapping ErrTruncated, which
// names pageSize when the source pages by a fixed size (0: it does not). A
// page that repeats the previous one (a server ignoring the paging
// parameter) ends paging rather than looping to max_pages, as a
// truncation: the pages the server would not give may list postings that
// are still open. A page that comes with a truncation (records skipped as
// malformed) is kept and paging goes on; the truncation is returned at the
// end with the postings. Any other error from page is returned as it is.
func fetchPages(ctx context.Context, h *HTTP, source string, pageSize int, page pageFunc) ([]skillpulse.Posting, error) {
	maxPages := h.Limits().MaxPages
	var all []skillpulse.Posting
	var prevIDs []string
	var cut []error // truncations of pages kept
	for n := 0; ; n++ {
		if n >= maxPages && pageSize > 0 {
			cut = append(cut, fmt.Errorf("%w: stopped after max_pages (%d) pages of %d", ErrTruncated, maxPages, pageSize))
			return all, errors.Join(cut...)
		}
		if n >= maxPages {
			cut = append(cut, fmt.Errorf("%w: stopped after max_pages (%d) pages", ErrTruncated, maxPages))
			return all, errors.Join(cut...)
		}
		posts, more, err := page(ctx, n)
		if isTruncation(err) {
			cut = append(cut, err)
		} else if err != nil {
			return nil, err
		}
		ids := make([]string, len(posts))
		for i := range posts {
			ids[i] = posts[i].NativeID
		}
		if len(ids) > 0 && slices.Equal(ids, prevIDs) {
			h.log.Warn("stopped paging: page repeats the previous one", "source", source, "page", n+1)
			cut = append(cut, fmt.Errorf("%w: page %d repeats the previous one (the server ignores paging)", ErrTruncated, n+1))
			return all, errors.Join(cut...)
		}
		prevIDs = ids
		all = append(all, posts...)
		if !more {
			return all, errors.Join(cut...)
		}
	}
}
