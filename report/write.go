package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFormat writes r in one format: "md", "json", "csv" or "html".
func (r *Report) WriteFormat(w io.Writer, format string) error {
	var fn func(*Report, io.Writer) error
	switch format {
	case "md":
		fn = (*Report).markdownTo
	case "json":
		fn = (*Report).jsonTo
	case "csv":
		fn = (*Report).csvTo
	case "html":
		fn = (*Report).htmlTo
	default:
		return fmt.Errorf("report: unknown format %q (want md, json, csv or html)", format)
	}
	bw := bufio.NewWriter(w)
	if err := fn(r, bw); err != nil {
		return err
	}
	return bw.Flush()
}

// Write writes r into dir once per format and returns the paths written.
// Each file is written to a temporary name and renamed into place, so a
// reader never sees half a report and a failed write leaves the previous
// report intact. The formats are written side by side, each by a goroutine
// of its own (a report has a handful); on failure the error is that of the
// first format, in the order given, that failed, and the paths are those
// of the formats that were written.
func Write(dir string, r *Report, formats []string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	errs := make([]error, len(formats))
	waits := make([]func(), len(formats))
	for i, f := range formats {
		waits[i] = goWait(func() {
			path := filepath.Join(dir, FileName(r.Week)+"."+f)
			if err := writeAtomic(path, func(w io.Writer) error { return r.WriteFormat(w, f) }); err != nil {
				errs[i] = fmt.Errorf("report: write %s: %w", path, err)
			}
		})
	}
	for _, wait := range waits {
		wait()
	}
	var paths []string
	var first error
	for i, f := range formats {
		switch {
		case errs[i] == nil:
			paths = append(paths, filepath.Join(dir, FileName(r.Week)+"."+f))
		case first == nil:
			first = errs[i]
		}
	}
	return paths, first
}

func writeAtomic(path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := fill(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (r *Report) jsonTo(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
