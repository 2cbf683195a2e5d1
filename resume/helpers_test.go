package resume

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// testResume reads one of the resumes in testdata/resumes.
func testResume(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "resumes", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// makePDF lays text out as a PDF with a core font, a line per line and a
// new page every 45 lines, as a word processor's "save as PDF" would;
// protected, it needs the user password "user" to open.
func makePDF(t testing.TB, text string, protect bool) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	if protect {
		p.SetProtection(fpdf.CnProtectPrint, "user", "owner")
	}
	p.SetFont("Helvetica", "", 10)
	tr := p.UnicodeTranslatorFromDescriptor("")
	for i, line := range strings.Split(text, "\n") {
		if i%45 == 0 {
			p.AddPage()
		}
		p.CellFormat(0, 5.5, tr(line), "", 1, "L", false, 0, "")
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// makeScannedPDF is a PDF with a page image and no text, as a scanner
// makes.
func makeScannedPDF(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 120, 80))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.RegisterImageOptionsReader("scan", opt, &buf)
	p.ImageOptions("scan", 10, 10, 180, 120, false, opt, 0, "")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// makeDOCX builds a minimal Word document by hand: a paragraph per line,
// lines starting "- " or "• " as numbered list paragraphs, as Word writes
// bullets.
func makeDOCX(t testing.TB, text string) []byte {
	t.Helper()
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		body.WriteString("<w:p>")
		if rest, ok := cutBullet(line); ok {
			body.WriteString(`<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>`)
			line = rest
		}
		// Split each line over two runs, as Word does at a formatting change.
		half := len(line) / 2
		for half > 0 && half < len(line) && line[half]&0xC0 == 0x80 {
			half++
		}
		for _, run := range []string{line[:half], line[half:]} {
			body.WriteString(`<w:r><w:t xml:space="preserve">`)
			xml.EscapeText(&body, []byte(run))
			body.WriteString("</w:t></w:r>")
		}
		body.WriteString("</w:p>")
	}
	return makeZip(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`,
	})
}

func cutBullet(line string) (string, bool) {
	for _, p := range []string{"- ", "• "} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			return rest, true
		}
	}
	return line, false
}

func makeZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "xl/workbook.xml", "EncryptionInfo"} {
		content, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rawPDF writes objs as a PDF's objects 1, 2, ... with a correct xref
// table, for tests that need PDFs no writer library would make.
func rawPDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return []byte(b.String())
}

// streamObj is a stream object holding content.
func streamObj(content string) string {
	return fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content)
}

// makeHTML writes text as a web page: short all-capital lines as h2
// headings, "- " and "• " lines as list items, the rest as paragraphs.
func makeHTML(text string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>Resume</title><style>p{margin:0}</style></head><body>\n")
	inList := false
	for _, line := range strings.Split(text, "\n") {
		rest, bullet := cutBullet(line)
		if inList && !bullet {
			b.WriteString("</ul>\n")
			inList = false
		}
		esc := html.EscapeString(rest)
		switch {
		case bullet:
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			fmt.Fprintf(&b, "<li>%s</li>\n", esc)
		case line != "" && line == strings.ToUpper(line) && len(line) < 40:
			fmt.Fprintf(&b, "<h2>%s</h2>\n", esc)
		case line != "":
			fmt.Fprintf(&b, "<p>%s</p>\n", esc)
		}
	}
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

// makeType0PDF builds by hand a one-page PDF whose only font is a Type0
// font with Identity-H encoding (two-byte glyph codes, a ToUnicode map, no
// widths the PDF library reads), as browsers and XeTeX write them. Each
// line of ops is content-stream text in which <text> stands for the
// hex-encoded glyph codes of text.
func makeType0PDF(t testing.TB, ops []string) []byte {
	t.Helper()
	codes := map[rune]int{}
	var cmap strings.Builder
	encode := func(s string) string {
		var h strings.Builder
		h.WriteByte('<')
		for _, r := range s {
			c, ok := codes[r]
			if !ok {
				c = len(codes) + 1
				codes[r] = c
				fmt.Fprintf(&cmap, "<%04X> <%04X>\n", c, r)
			}
			fmt.Fprintf(&h, "%04X", c)
		}
		h.WriteByte('>')
		return h.String()
	}
	textRE := regexp.MustCompile(`<([^<>]*)>`)
	var content strings.Builder
	content.WriteString("BT\n/F1 10 Tf\n")
	for _, op := range ops {
		content.WriteString(textRE.ReplaceAllStringFunc(op, func(m string) string { return encode(m[1 : len(m)-1]) }) + "\n")
	}
	content.WriteString("ET\n")
	toUnicode := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		fmt.Sprintf("%d beginbfchar\n%sendbfchar\n", len(codes), cmap.String()) +
		"endcmap CMapName currentdict /CMap defineresource pop end end\n"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(toUnicode), toUnicode),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
