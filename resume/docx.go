package resume

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
// writers differ in prefixes.
func docxText(ctx context.Context, r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var b strings.Builder
	inText := false
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return "", &DocumentError{Kind: ErrTimeout, Format: FormatDOCX, Err: ctx.Err()}
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			return "", &DocumentError{Kind: ErrMalformed, Format: FormatDOCX, Detail: fmt.Sprintf("%s at byte %d", docxMain, dec.InputOffset()), Err: err}
		}
		if b.Len() > MaxText {
			return "", docErr(ErrTooLarge, FormatDOCX, "more than %d KiB of text", MaxText>>10)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			case "numPr":
				b.WriteString("• ")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			case "tc":
				b.WriteString(" | ")
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
}
