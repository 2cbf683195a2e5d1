package resume

import (
	"bytes"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// maxObjects bounds the object numbers and table sizes a PDF may declare:
// a 10 MiB file cannot hold more objects than this, and the PDF library
// sizes its tables from these numbers before checking them.
const maxObjects = 1 << 20

// guardPDF refuses a PDF whose declared sizes would make the library
// allocate without bound (an xref /Size, /N, /Index or object number in
// the billions, a /W field width past 8 bytes) or follow object streams
// that extend one another, which it can do forever. Real resumes never come
// near these. It scans with bytes.Index, about as fast as memory reads.
func guardPDF(data []byte) error {
	bad := func(n []byte) error {
		return docErr(ErrMalformed, FormatPDF, "declares %s objects (at most %d)", truncateDigits(n), maxObjects)
	}
	for _, key := range []string{"/Size", "/N", "/Index"} {
		for i := range keyAt(data, key) {
			if n, ok := numberAfter(data, i+len(key)); !ok {
				return bad(n)
			}
		}
	}
	for i := range keyAt(data, "/W") {
		if n, ok := xrefWidths(data, i+2); !ok {
			return docErr(ErrMalformed, FormatPDF, "an xref field %s bytes wide (at most 8)", truncateDigits(n))
		}
	}
	for i := range keyAt(data, "obj") {
		// "N G obj": walk back over the generation to the object number.
		j := backSpace(data, i-1)
		j = backDigits(data, j)
		j = backSpace(data, j)
		k := backDigits(data, j)
		if n := data[k+1 : j+1]; len(n) > 0 && !fits(n) {
			return bad(n)
		}
	}
	for i := range keyAt(data, "xref") {
		if err := checkXrefHeaders(data[i+4:]); err != nil {
			return err
		}
	}
	if bytes.Contains(data, []byte("/Extends")) {
		return docErr(ErrUnsupported, FormatPDF, "object streams that extend one another are not read")
	}
	return nil
}

// xrefWidths checks the array after a /W key at i when it is an xref
// stream's field widths: exactly three integers, each at most 8. Any
// other /W array (a CID font's glyph widths, "/W [1 [500 600] 32 [278]]")
// is no concern of the guard's; ok is false, with the width, only for an
// xref /W with a field past 8 bytes.
func xrefWidths(data []byte, i int) (wide []byte, ok bool) {
	j := skipSpace(data, i)
	if j >= len(data) || data[j] != '[' {
		return nil, true
	}
	var fields [][]byte
	for j = skipSpace(data, j+1); j < len(data) && data[j] != ']'; j = skipSpace(data, j) {
		n, end := digits(data, j)
		if len(n) == 0 || len(fields) == 3 {
			return nil, true // not three plain integers: not an xref /W
		}
		fields = append(fields, n)
		j = end
	}
	if len(fields) != 3 {
		return nil, true
	}
	for _, n := range fields {
		if v, err := strconv.Atoi(string(n)); err != nil || v > 8 {
			return n, false
		}
	}
	return nil, true
}

// checkXrefHeaders reads the lines of a cross-reference table up to its
// trailer: subsection headers ("first count") must stay within maxObjects.
func checkXrefHeaders(rest []byte) error {
	for line := range bytes.Lines(rest) {
		f := bytes.Fields(line)
		if len(f) == 0 {
			continue
		}
		if bytes.HasPrefix(f[0], []byte("trailer")) || len(f) > 3 {
			return nil
		}
		if len(f) == 2 {
			for _, n := range f {
				if _, end := digits(n, 0); end != len(n) {
					return nil // not a table after all
				}
				if !fits(n) {
					return docErr(ErrMalformed, FormatPDF, "an xref subsection at object %s (at most %d)", truncateDigits(n), maxObjects)
				}
			}
		}
	}
	return nil
}

// keyAt yields the offsets of key in data where it is a whole token (not
// followed by a letter: /N but not /Name).
func keyAt(data []byte, key string) func(func(int) bool) {
	return func(yield func(int) bool) {
		for from := 0; ; {
			i := bytes.Index(data[from:], []byte(key))
			if i < 0 {
				return
			}
			i += from
			from = i + len(key)
			if next := i + len(key); next < len(data) && isLetter(data[next]) {
				continue
			}
			if !yield(i) {
				return
			}
		}
	}
}

// numberAfter reads the number after offset i (past white space and an
// opening bracket) and reports whether it is within maxObjects; no number
// is fine.
func numberAfter(data []byte, i int) ([]byte, bool) {
	i = skipSpace(data, i)
	if i < len(data) && data[i] == '[' {
		i = skipSpace(data, i+1)
	}
	n, _ := digits(data, i)
	return n, len(n) == 0 || fits(n)
}

func fits(n []byte) bool {
	v, err := strconv.ParseUint(string(n), 10, 64)
	return err == nil && v <= maxObjects
}

func digits(data []byte, i int) ([]byte, int) {
	j := i
	for j < len(data) && data[j] >= '0' && data[j] <= '9' {
		j++
	}
	return data[i:j], j
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

func backSpace(data []byte, i int) int {
	for i >= 0 && isSpace(data[i]) {
		i--
	}
	return i
}

func backDigits(data []byte, i int) int {
	for i >= 0 && data[i] >= '0' && data[i] <= '9' {
		i--
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func truncateDigits(n []byte) string {
	if len(n) > 12 {
		return string(n[:12]) + "…"
	}
	return string(n)
}

// pageLimit bounds the page-tree nodes walked: the pages and the nodes
// above them in any honest tree of MaxPages pages.
const pageLimit = 4*MaxPages + 64

// walkPages returns the leaf pages under root in document order, walking
// at most pageLimit nodes at most 32 deep, so that a page tree whose kids
// point back at their parents ends instead of looping (the library's own
// Reader.Page would walk such a cycle forever).
func walkPages(root pdf.Value) []pdf.Page {
	var out []pdf.Page
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if visits++; visits > pageLimit || depth > 32 {
			return
		}
		switch v.Key("Type").Name() {
		case "Page":
			out = append(out, pdf.Page{V: v})
		case "Pages":
			kids := v.Key("Kids")
			for i := range min(kids.Len(), pageLimit) {
				walk(kids.Index(i), depth+1)
			}
		}
	}
	walk(root, 0)
	return out
}
