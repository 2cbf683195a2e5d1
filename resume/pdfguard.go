package resume

import (
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// maxObjects bounds the object numbers and table sizes a PDF may declare:
// a 10 MiB file cannot hold more objects than this, and the PDF library
// sizes its tables from these numbers before checking them.
const maxObjects = 1 << 20

// pdfGuard holds the patterns guardPDF looks for.
type pdfGuard struct{ numbers, widths, extends *regexp.Regexp }

func newPDFGuard() pdfGuard {
	return pdfGuard{
		// /Size, /N and the object numbers of "N G obj" and of xref
		// subsection headers ("N M" alone on a line).
		numbers: regexp.MustCompile(`/(?:Size|N)\s+(\d+)|(?m)(\d+)\s+\d+\s+obj\b|(?m)^[ \t]*(\d+)[ \t]+\d+[ \t]*\r?$|/Index\s*\[\s*(\d+)`),
		widths:  regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`),
		extends: regexp.MustCompile(`/Extends\b`),
	}
}

// check refuses a PDF whose declared sizes would make the library allocate
// without bound (an xref /Size or object number in the billions, a /W
// field width past 8 bytes) or follow object streams that extend one
// another, which it can do forever. Real resumes never come near these.
func (g pdfGuard) check(data []byte) error {
	for _, m := range g.numbers.FindAllSubmatch(data, -1) {
		for _, n := range m[1:] {
			if len(n) == 0 {
				continue
			}
			if v, err := strconv.ParseUint(string(n), 10, 64); err != nil || v > maxObjects {
				return docErr(ErrMalformed, FormatPDF, "declares %s objects (at most %d)", truncateDigits(n), maxObjects)
			}
		}
	}
	for _, m := range g.widths.FindAllSubmatch(data, -1) {
		for _, n := range m[1:] {
			if v, err := strconv.Atoi(string(n)); err != nil || v > 8 {
				return docErr(ErrMalformed, FormatPDF, "an xref field %s bytes wide (at most 8)", truncateDigits(n))
			}
		}
	}
	if g.extends.Match(data) {
		return docErr(ErrUnsupported, FormatPDF, "object streams that extend one another are not read")
	}
	return nil
}

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
