package resume

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// readPDF returns a PDF's text and page count. The library runs in a
// goroutine under recover, so a hostile file can neither panic the caller
// nor hold it past ctx: when ctx ends first the reader answers ErrTimeout
// and the goroutine stops at its next page. With slots, the goroutine
// holds a place in it until it ends, however long after the caller left.
func readPDF(ctx context.Context, data []byte, slots chan struct{}) (string, int, error) {
	if slots != nil {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return "", 0, &DocumentError{Kind: ErrTimeout, Format: FormatPDF, Detail: "waited too long for other PDFs to be read", Err: ctx.Err()}
		}
	}
	type result struct {
		text  string
		pages int
		err   error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if slots != nil {
				<-slots
			}
			if p := recover(); p != nil {
				r = result{err: &DocumentError{Kind: ErrMalformed, Format: FormatPDF, Detail: "the PDF reader failed on it", Err: fmt.Errorf("%v", p)}}
			}
			done <- r
		}()
		r.text, r.pages, r.err = pdfText(ctx, data)
	}()
	select {
	case r := <-done:
		return r.text, r.pages, r.err
	case <-ctx.Done():
		return "", 0, &DocumentError{Kind: ErrTimeout, Format: FormatPDF, Detail: fmt.Sprintf("gave up after %s", ReadTimeout), Err: ctx.Err()}
	}
}

// pdfText opens the PDF, decrypting one that opens without a password
// (see decryptPDF), refuses other encrypted ones and oversized ones, checks
// every page's decompressed size before interpreting it, and rebuilds each
// page's lines.
func pdfText(ctx context.Context, data []byte) (string, int, error) {
	if err := guardPDF(data); err != nil {
		return "", 0, err
	}
	if hasKey(data, "/Encrypt") {
		var err error
		if data, err = decryptPDF(data); err != nil {
			return "", 0, err
		}
		if err := guardPDF(data); err != nil {
			return "", 0, err // what the cipher text hid
		}
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", 0, &DocumentError{Kind: ErrMalformed, Format: FormatPDF, Detail: "not a readable PDF", Err: err}
	}
	if r.Trailer().Key("Encrypt").Kind() != pdf.Null {
		return "", 0, docErr(ErrEncrypted, FormatPDF, "the PDF is encrypted in a way skillpulse cannot read; save an unprotected copy")
	}
	pages := walkPages(r.Trailer().Key("Root").Key("Pages"))
	n := len(pages)
	switch {
	case n == 0:
		return "", 0, docErr(ErrMalformed, FormatPDF, "the PDF has no pages")
	case n > MaxPages:
		return "", n, docErr(ErrTooLarge, FormatPDF, "more than %d pages (a resume has at most %d)", MaxPages, MaxPages)
	}
	var b strings.Builder
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return "", n, &DocumentError{Kind: ErrTimeout, Format: FormatPDF, Err: err}
		}
		if err := checkPage(p, i+1); err != nil {
			return "", n, err
		}
		for _, group := range byDirection(pageGlyphs(p)) {
			for _, column := range columns(group) {
				writeLines(&b, column)
			}
		}
		b.WriteByte('\n')
		if b.Len() > MaxText {
			return "", n, docErr(ErrTooLarge, FormatPDF, "more than %d KiB of text", MaxText>>10)
		}
	}
	return dewrap(b.String()), n, nil
}

// checkPage decompresses the page's content streams and its fonts'
// character maps into a counter, refusing any past MaxStream before the
// library interprets them (and so before it could build a huge page in
// memory from a small, highly compressed stream).
func checkPage(p pdf.Page, num int) error {
	var streams []pdf.Value
	c := p.V.Key("Contents")
	switch c.Kind() {
	case pdf.Stream:
		streams = append(streams, c)
	case pdf.Array:
		for i := range min(c.Len(), 1000) {
			streams = append(streams, c.Index(i))
		}
	}
	fonts := p.Resources().Key("Font")
	for _, name := range fonts.Keys() {
		if tu := fonts.Key(name).Key("ToUnicode"); tu.Kind() == pdf.Stream {
			streams = append(streams, tu)
		}
	}
	total := int64(0)
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		n, err := io.Copy(io.Discard, io.LimitReader(rc, MaxStream+1-total))
		rc.Close()
		total += n
		if total > MaxStream {
			return docErr(ErrTooLarge, FormatPDF, "page %d decompresses past %d MiB", num, MaxStream>>20)
		}
		if err != nil {
			return &DocumentError{Kind: ErrMalformed, Format: FormatPDF, Detail: fmt.Sprintf("page %d", num), Err: err}
		}
	}
	return nil
}

// writeLines rebuilds lines from glyphs: glyphs whose baselines lie within
// a third of the font size of each other form a line, read left to right,
// with a space where the gap between two glyphs is wider than a sixth of
// the font size and the writer put none.
//
// In justified text a run that a writer placed with Td after a justified
// one can show a gap that is not there; across such a run boundary a gap
// between two lower-case letters is read as none ("serv|ers"), since
// writers put the spaces between words inside their runs.
//
// A page with a label column (see labelEdge) is written label by label
// (see writeLabelled).
func writeLines(b *strings.Builder, glyphs []glyph) {
	lines := baselines(glyphs)
	if edge, ok := labelEdge(lines); ok {
		writeLabelled(b, lines, edge)
		return
	}
	for _, line := range lines {
		writeLine(b, line)
	}
}

// writeLine writes one baseline's glyphs, left to right, and ends the
// line (see writeLines for where spaces and line breaks go).
func writeLine(b *strings.Builder, line pageLine) {
	run := 1 // glyphs at the previous glyph's x, when its width is unknown
	for i, g := range line {
		if i > 0 && g.X == line[i-1].X && line[i-1].W <= 0 {
			run++ // the writer's text, placed as one string
		} else if i > 0 {
			gap := glyphGap(line[i-1], g, run)
			run = 1
			switch {
			case gap > columnGap*max(g.FontSize, 1):
				// Text this far apart sits in another column or
				// cell (a sidebar, right-aligned dates): a line of
				// its own, not the rest of this sentence.
				b.WriteByte('\n')
			case needsSpace(line[i-1], g, gap):
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.S)
	}
	b.WriteByte('\n')
}

// columnGap is the gap, in font sizes, that separates columns on a line.
const columnGap = 3

// glyphGap is the blank between prev and the glyph g that follows it on
// a line. A glyph may have no width (a font that lists 0 for it): the
// glyphs at its x then form one run. The run glyphs at prev's x (prev
// among them) are then taken to span the distance to g, up to
// maxGlyphWidth font sizes each, so that only a distance no such run
// spans reads as a gap. Such writers
// put the spaces between words in as glyphs, and break a word into
// strings wherever a pair of letters is kerned ("Sør" "ensen").
func glyphGap(prev, g glyph, run int) float64 {
	w := prev.W
	if w <= 0 {
		w = min(max(g.X-prev.X, 0), float64(run)*maxGlyphWidth*max(prev.FontSize, 1))
	}
	return g.X - (prev.X + w)
}

// maxGlyphWidth is the widest a glyph is taken to be, in font sizes, when
// its font does not say ("m" and "W" are about 0.9).
const maxGlyphWidth = 1.0

// needsSpace reports whether a gap between prev and g is a word space:
// wider than a sixth of the font size, with no space glyph on either side
// already, and not a justified run's false gap inside a word (see
// writeLines).
func needsSpace(prev, g glyph, gap float64) bool {
	if gap <= max(g.FontSize, 1)/6 || strings.HasSuffix(prev.S, " ") || strings.HasPrefix(g.S, " ") {
		return false
	}
	if g.runStart && gap < 2*g.FontSize && lowerLetter(prev.S) && lowerLetter(g.S) {
		return false
	}
	return true
}

// lowerLetter reports whether s is one lower-case letter.
func lowerLetter(s string) bool {
	r := []rune(s)
	return len(r) == 1 && unicode.IsLower(r[0])
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
