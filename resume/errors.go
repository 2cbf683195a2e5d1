package resume

import (
	"errors"
	"fmt"
)

// The kinds of unreadable document. Every error Read returns wraps exactly
// one of them (errors.Is), so a caller can answer in kind: the CLI exits 1,
// the API answers 413 for ErrTooLarge, 415 for ErrUnsupported and 422 for
// the rest.
var (
	// ErrTooLarge: the input is over MaxSize, a .docx part decompresses
	// past its bound (a zip bomb), a PDF has more than MaxPages pages or a
	// page stream past its bound, or the text is over MaxText.
	ErrTooLarge = errors.New("too large")
	// ErrUnsupported: a format that is not plain text, Markdown, HTML, PDF
	// or .docx (an image, a legacy .doc, another archive, binary data).
	ErrUnsupported = errors.New("unsupported document type")
	// ErrNoText: an empty file, or a document with no text in it, such as a
	// scanned PDF that has only page images and no text layer.
	ErrNoText = errors.New("no text")
	// ErrEncrypted: a password-protected PDF or .docx.
	ErrEncrypted = errors.New("encrypted")
	// ErrMalformed: a file that claims a format but is broken.
	ErrMalformed = errors.New("malformed")
	// ErrTimeout: reading took longer than the reader allows.
	ErrTimeout = errors.New("took too long to read")
)

// DocumentError says why a document could not be read: its kind (one of
// the Err values above), the format it was read as, and a detail for a
// person. It never quotes the document's text.
type DocumentError struct {
	Kind   error
	Format Format
	Detail string
	Err    error // the underlying cause, if any
}

func (e *DocumentError) Error() string {
	s := "read resume"
	if e.Format != "" {
		s += " (" + string(e.Format) + ")"
	}
	s += ": " + e.Kind.Error()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap gives both the kind and the cause to errors.Is and errors.As.
func (e *DocumentError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

func docErr(kind error, f Format, format string, args ...any) *DocumentError {
	return &DocumentError{Kind: kind, Format: f, Detail: fmt.Sprintf(format, args...)}
}
