package resume

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// docxMain is where a Word document keeps its body.
const docxMain = "word/document.xml"

// readDOCX returns the text of a Word .docx: paragraphs of
// word/document.xml as lines, list paragraphs as "• " bullets, tabs and
// breaks kept. The archive is checked before anything is inflated: at
// most MaxParts entries, and the body at most MaxPart bytes both as
// declared and as actually decompressed.
func readDOCX(ctx context.Context, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", &DocumentError{Kind: ErrMalformed, Format: FormatDOCX, Detail: "not a readable zip archive", Err: err}
	}
	if len(zr.File) > MaxParts {
		return "", docErr(ErrTooLarge, FormatDOCX, "the archive holds %d parts (at most %d)", len(zr.File), MaxParts)
	}
	var body *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case docxMain:
			body = f
		case "EncryptedPackage", "EncryptionInfo":
			return "", docErr(ErrEncrypted, FormatDOCX, "the document is password-protected; save an unprotected copy")
		}
	}
	if body == nil {
		return "", docErr(ErrUnsupported, FormatDOCX, "a zip archive without %s, not a Word .docx", docxMain)
	}
	if body.UncompressedSize64 > MaxPart {
		return "", docErr(ErrTooLarge, FormatDOCX, "%s would decompress to %d MiB (at most %d MiB)", docxMain, body.UncompressedSize64>>20, MaxPart>>20)
	}
	rc, err := body.Open()
	if err != nil {
		return "", &DocumentError{Kind: ErrMalformed, Format: FormatDOCX, Detail: "open " + docxMain, Err: err}
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: MaxPart + 1}
	text, err := docxText(ctx, lr)
	if errors.Is(err, zip.ErrFormat) {
		// archive/zip stops a part at its declared size: one that inflates
		// past it is a zip bomb or a corrupt archive, refused either way.
		return "", docErr(ErrTooLarge, FormatDOCX, "%s inflates past the %d bytes it declares (a zip bomb?)", docxMain, body.UncompressedSize64)
	}
	if lr.N <= 0 {
		// The declared size lied: refuse rather than inflate further.
		return "", docErr(ErrTooLarge, FormatDOCX, "%s decompresses past %d MiB (a zip bomb?)", docxMain, MaxPart>>20)
	}
	if err != nil {
		return "", err
	}
	return text, nil
}

// docxText walks WordprocessingML, keeping the text runs (w:t), tabs,
// breaks and paragraph ends. Namespaces are matched by local name, as
// writers differ in prefixes. A text box is written twice, as a drawing
// (mc:Choice) and as its VML fallback (mc:Fallback) for old readers: the
// fallback is skipped, so its text is read once. Deleted text (w:delText
// of tracked changes) is not text. Tables are read by rows (see tables).
func docxText(ctx context.Context, r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var t tables
	t.open()
	inText := false
	fallback := 0 // depth inside mc:Fallback
	var run hiddenRun
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return "", &DocumentError{Kind: ErrTimeout, Format: FormatDOCX, Err: ctx.Err()}
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return t.close(), nil
		}
		if err != nil {
			return "", &DocumentError{Kind: ErrMalformed, Format: FormatDOCX, Detail: fmt.Sprintf("%s at byte %d", docxMain, dec.InputOffset()), Err: err}
		}
		if t.written > MaxText {
			return "", docErr(ErrTooLarge, FormatDOCX, "more than %d KiB of text", MaxText>>10)
		}
		run.see(tok)
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "Fallback" || fallback > 0 {
				fallback++
				continue
			}
			switch tok.Name.Local {
			case "t":
				inText = true
			case "tab":
				t.write("\t")
			case "br", "cr":
				t.write("\n")
			case "numPr":
				t.write("• ")
			case "tr":
				t.rows = append(t.rows, nil)
			case "tc":
				t.open()
			}
		case xml.EndElement:
			if fallback > 0 {
				fallback--
				continue
			}
			switch tok.Name.Local {
			case "t":
				inText = false
			case "p":
				t.write("\n")
			case "tc":
				t.closeCell()
			case "tr":
				t.closeRow()
			}
		case xml.CharData:
			if inText && !run.hidden {
				t.write(string(tok))
			}
		}
	}
}

// tables reads a document's tables row by row. A row whose cells each
// hold one line is a line of its own, cells joined by " | " ("CI/CD |
// GitLab CI, Jenkins", as a skills table reads); a row with a cell of
// several lines (a layout table: a sidebar beside the body) gives each
// cell's lines in turn, so that no line mixes two columns, the longest
// cell first when each has several lines. Tables nest: a row's line goes
// to the cell that holds the table.
type tables struct {
	out     []*strings.Builder // the document, then each open cell
	rows    [][]string         // the cells of each open row
	written int
}

func (t *tables) open() { t.out = append(t.out, &strings.Builder{}) }

func (t *tables) write(s string) {
	t.written += len(s)
	t.out[len(t.out)-1].WriteString(s)
}

func (t *tables) closeCell() {
	if len(t.out) < 2 || len(t.rows) == 0 {
		return // a cell outside a row, in a malformed document: keep reading
	}
	cell := t.out[len(t.out)-1].String()
	t.out = t.out[:len(t.out)-1]
	t.rows[len(t.rows)-1] = append(t.rows[len(t.rows)-1], cell)
}

func (t *tables) closeRow() {
	if len(t.rows) == 0 {
		return
	}
	cells := t.rows[len(t.rows)-1]
	t.rows = t.rows[:len(t.rows)-1]
	var lines []string
	oneLine := true
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if strings.Contains(c, "\n") {
			oneLine = false
		}
		if c != "" {
			lines = append(lines, c)
		}
	}
	sep := "\n"
	if oneLine {
		sep = " | "
	} else if !slices.ContainsFunc(lines, func(c string) bool { return strings.Count(c, "\n") < 2 }) {
		// Every cell holds paragraphs (a sidebar beside the body, not
		// dates beside a role): the body, the longest, is read first, so
		// that the name and headline open the document.
		slices.SortStableFunc(lines, func(a, b string) int { return len(b) - len(a) })
	}
	if len(lines) > 0 {
		t.out[len(t.out)-1].WriteString(strings.Join(lines, sep) + "\n")
	}
}

// close returns the document's text, with any cells left open.
func (t *tables) close() string {
	var b strings.Builder
	for _, o := range t.out {
		b.WriteString(o.String())
	}
	return b.String()
}

// hiddenRun follows whether the run (w:r) being read is hidden: its own
// properties say w:vanish (Word's hidden font effect). A vanish in a
// paragraph mark's properties hides the mark only, and one inside a
// tracked change's record of earlier formatting (w:rPrChange) no longer
// applies.
type hiddenRun struct {
	inRun   bool
	changes int // depth inside w:rPrChange
	hidden  bool
}

func (h *hiddenRun) see(tok xml.Token) {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "r":
			h.inRun, h.hidden = true, false
		case "rPrChange":
			h.changes++
		case "vanish":
			if h.inRun && h.changes == 0 {
				h.hidden = onOff(t)
			}
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "r":
			h.inRun, h.hidden = false, false
		case "rPrChange":
			h.changes = max(h.changes-1, 0)
		}
	}
}

// onOff reads a WordprocessingML on/off property: on unless its val says
// false, 0 or off.
func onOff(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			switch a.Value {
			case "false", "0", "off":
				return false
			}
		}
	}
	return true
}
