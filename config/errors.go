package config

import (
	"errors"
	"fmt"
	"strings"
)

// Error is one problem in a config file, at a key and line.
type Error struct {
	File string
	Line int    // 0 when the key is absent from the file (a missing required key)
	Key  string // key path: sources[2].type
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		b.WriteString(": ")
		b.WriteString(e.Key)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// maxErrors bounds how many problems one load reports; past that the file
// is likely not a skillpulse config at all.
const maxErrors = 20

type errorList struct {
	file string
	errs []error
}

func (l *errorList) add(line int, key, format string, args ...any) {
	if len(l.errs) < maxErrors {
		l.errs = append(l.errs, &Error{File: l.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
	}
}

// err returns every problem joined, one per line, or nil.
func (l *errorList) err() error { return errors.Join(l.errs...) }
