package resume

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Bounds on what Read accepts and does.
const (
	// MaxSize is the most bytes Read takes in: far more than any resume.
	MaxSize = 10 << 20
	// MaxPart is the most bytes one .docx part may decompress to.
	MaxPart = 32 << 20
	// MaxParts is the most entries a .docx archive may hold.
	MaxParts = 2000
	// MaxPages is the most pages a PDF resume may have.
	MaxPages = 50
	// MaxStream is the most bytes one PDF page's content (or one font's
	// character map) may decompress to.
	MaxStream = 8 << 20
	// MaxText is the most text a document may hold once read.
	MaxText = 1 << 20
	// ReadTimeout bounds the work of reading one document.
	ReadTimeout = 20 * time.Second
)

// Format is a kind of document Read understands.
type Format string

// The formats Read tells apart.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
	FormatDOCX     Format = "docx"
)

// Document is a resume's text, read out of whatever format it came in.
type Document struct {
	Format Format
	// Text is the document's text, one line per line, paragraph or table
	// row of the original; HTML and .docx markup and PDF layout are gone.
	Text string
	// Pages is the PDF's page count; 0 for other formats.
	Pages int
}

// Read reads a whole document from r (at most MaxSize bytes; more is
// ErrTooLarge) and returns its text. It is Reader.Read with no bound on
// concurrent PDF work, for a process that reads one document.
func Read(ctx context.Context, r io.Reader) (*Document, error) { return (&Reader{}).Read(ctx, r) }

// ReadBytes is Read for a document already in memory.
func ReadBytes(ctx context.Context, data []byte) (*Document, error) {
	return (&Reader{}).ReadBytes(ctx, data)
}

// Reader reads documents with a bound on the PDF readings running at once,
// for servers: a PDF that outlasts its deadline is answered ErrTimeout
// while the library finishes in the background, and those background
// readings still hold their place, so hostile files cannot pile them up.
// The zero Reader has no bound. A Reader is safe for concurrent use.
type Reader struct {
	pdfSlots chan struct{}
}

// NewReader returns a Reader that runs at most concurrent PDF readings at
// once; the others wait for a place until their deadline.
func NewReader(concurrent int) *Reader {
	return &Reader{pdfSlots: make(chan struct{}, max(concurrent, 1))}
}

// Read reads a whole document from r (at most MaxSize bytes; more is
// ErrTooLarge) and returns its text.
func (rd *Reader) Read(ctx context.Context, r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read resume: %w", err)
	}
	return rd.ReadBytes(ctx, data)
}

// ReadBytes is Read for a document already in memory.
func (rd *Reader) ReadBytes(ctx context.Context, data []byte) (*Document, error) {
	if len(data) > MaxSize {
		return nil, docErr(ErrTooLarge, "", "over %d MiB; a resume is never that long", MaxSize>>20)
	}
	ctx, cancel := context.WithTimeout(ctx, ReadTimeout)
	defer cancel()
	f, err := Detect(data)
	if err != nil {
		return nil, err
	}
	var text string
	doc := &Document{Format: f}
	switch f {
	case FormatPDF:
		text, doc.Pages, err = readPDF(ctx, data, rd.pdfSlots)
	case FormatDOCX:
		text, err = readDOCX(ctx, data)
	case FormatHTML:
		text, err = htmlText(decodeText(data))
	default:
		text = decodeText(data)
	}
	if err != nil {
		return nil, err
	}
	text = tidy(text)
	if len(text) > MaxText {
		return nil, docErr(ErrTooLarge, f, "more than %d KiB of text; a resume is never that long", MaxText>>10)
	}
	if !hasWords(text) {
		if f == FormatPDF {
			return nil, docErr(ErrNoText, f, "no text layer: the PDF looks scanned (page images only); export it from the original document or run OCR first")
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, docErr(ErrNoText, f, "the document is empty")
		}
		return nil, docErr(ErrNoText, f, "the document holds no words")
	}
	doc.Text = text
	return doc, nil
}

// ligatures spells out the typographic ligatures PDF writers use, so that
// "eﬃcient" reads as "efficient" to the tagger, and straightens the curly
// quotes word processors put in ("Let’s Encrypt").
var ligatures = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st")

// tidy drops control characters other than line breaks and tabs and the
// invisible format characters a word may hold (soft hyphens, zero-width
// joiners, direction marks), turns non-breaking and other odd spaces into
// plain ones and full-width ASCII into ASCII, trims every line and
// collapses runs of blank lines into one.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for line := range strings.Lines(s) {
		line = strings.Map(func(r rune) rune {
			switch {
			case r == '\t' || r == '\u00a0' || r == '\u2007' || r == '\u202f' || unicode.Is(unicode.Zs, r):
				return ' '
			case r == utf8.RuneError, unicode.IsControl(r), r == '\u200b', r == '\ufeff', r == '\u00ad', unicode.Is(unicode.Cf, r):
				return -1
			case r >= '\uff01' && r <= '\uff5e':
				return r - 0xfee0 // full-width ASCII
			}
			return r
		}, line)
		line = strings.TrimSpace(ligatures.Replace(line))
		if line == "" {
			blank++
			continue
		}
		if blank > 0 && b.Len() > 0 {
			b.WriteByte('\n')
		}
		blank = 0
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// hasWords reports whether s holds at least one run of two letters.
func hasWords(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if run++; run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
