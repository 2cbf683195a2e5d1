package crawler

import (
	"encoding/json"
	"errors"
	"fmt"
)

// maxMalformedReasons bounds how many skip reasons one source keeps.
const maxMalformedReasons = 3

// MalformedError reports records of a source's payload that could not be
// decoded ("id": true, a title that is an object) and were skipped. The
// rest of the payload is kept, but the source is incomplete: errors.Is(err,
// ErrTruncated) holds, so nothing closes on the strength of it.
type MalformedError struct {
	// Count is how many records were skipped.
	Count int
	// Reasons are the first few, e.g. `record 3: id: want a number or
	// string, got true`.
	Reasons []string
}

func (e *MalformedError) Error() string {
	return fmt.Sprintf("%d malformed records skipped, first: %s", e.Count, joinReasons(e.Reasons))
}

// Is makes a MalformedError a truncation.
func (e *MalformedError) Is(target error) bool { return target == ErrTruncated }

// add counts the malformed records err reports (nothing for other errors)
// into e.
func (e *MalformedError) add(err error) {
	var m *MalformedError
	if !errors.As(err, &m) || m == e {
		return
	}
	e.Count += m.Count
	for _, r := range m.Reasons {
		if len(e.Reasons) < maxMalformedReasons {
			e.Reasons = append(e.Reasons, r)
		}
	}
}

// skip records one malformed record.
func (e *MalformedError) skip(reason string) {
	e.Count++
	if len(e.Reasons) < maxMalformedReasons {
		e.Reasons = append(e.Reasons, reason)
	}
}

// orNil is e as an error, or nil when nothing was skipped.
func (e *MalformedError) orNil() error {
	if e == nil || e.Count == 0 {
		return nil
	}
	return e
}

func joinReasons(rs []string) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += "; "
		}
		s += r
	}
	return s
}

// records is a JSON array of T that survives malformed elements: an
// element that does not decode as T is skipped and counted rather than
// failing the whole array, so one broken job does not fail a board. Every
// JSON source decodes its postings array through it; err tells the
// fetcher whether its result is complete.
type records[T any] struct {
	Items []T
	bad   MalformedError
}

// UnmarshalJSON implements json.Unmarshaler. Only the array itself must be
// well-formed JSON: when the array does not decode whole, its elements are
// decoded one by one. (The whole decode is tried first, so a clean
// payload, nearly every one, costs no more than a plain []T.)
func (r *records[T]) UnmarshalJSON(b []byte) error {
	r.bad = MalformedError{}
	var items []T
	if err := json.Unmarshal(b, &items); err == nil {
		r.Items = items
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	r.Items = make([]T, 0, len(raw))
	for i, m := range raw {
		var v T
		if err := json.Unmarshal(m, &v); err != nil {
			r.bad.skip(fmt.Sprintf("record %d: %v", i+1, err))
			continue
		}
		r.Items = append(r.Items, v)
	}
	return nil
}

// err is a *MalformedError when elements were skipped, else nil.
func (r *records[T]) err() error {
	if r == nil {
		return nil
	}
	return r.bad.orNil()
}

// isTruncation reports whether err only says that a result is incomplete
// (a bound, a skipped record): the postings that came with it are real.
func isTruncation(err error) bool { return err != nil && errors.Is(err, ErrTruncated) }

// malformed is how many records err says were skipped (0 for nil or any
// other error).
func malformed(err error) int {
	var m *MalformedError
	if errors.As(err, &m) {
		return m.Count
	}
	return 0
}

// malformedIn sums the Count of every MalformedError in err's tree (a
// paged source joins one per page).
func malformedIn(err error) int {
	switch e := err.(type) {
	case nil:
		return 0
	case *MalformedError:
		return e.Count
	case interface{ Unwrap() []error }:
		n := 0
		for _, x := range e.Unwrap() {
			n += malformedIn(x)
		}
		return n
	case interface{ Unwrap() error }:
		return malformedIn(e.Unwrap())
	}
	return 0
}
