package resume

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

func TestReadTellsFormatsByContentNotName(t *testing.T) {
	const text = "Dana Whitfield\nSenior Systems Administrator\nSKILLS\nLinux (2015–present), Bash, Ansible"
	cases := []struct {
		name string
		data []byte
		want Format
	}{
		{"plain text", []byte(text), FormatText},
		{"markdown", []byte("# Dana Whitfield\n\n## Skills\n\nLinux (2015–present), Bash, Ansible\nSenior Systems Administrator"), FormatMarkdown},
		{"html document", []byte("<!DOCTYPE html><html><head><title>x</title><script>var Terraform = 1</script></head><body><h1>Dana Whitfield</h1><p>Senior Systems Administrator</p><h2>Skills</h2><ul><li>Linux (2015–present)</li><li>Bash, Ansible</li></ul></body></html>"), FormatHTML},
		{"html fragment", []byte("Dana Whitfield\n<p>Senior Systems Administrator</p><h2>SKILLS</h2><p>Linux (2015&ndash;present), Bash, Ansible</p>"), FormatHTML},
		{"pdf", makePDF(t, text, false), FormatPDF},
		{"docx", makeDOCX(t, text), FormatDOCX},
		{"utf-16 text with a byte-order mark", utf16LE(text), FormatText},
		{"windows-1252 text", []byte("Dana Whitfield\nSenior Systems Administrator\nSKILLS\nLinux (2015\x96present), Bash, Ansible"), FormatText},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), tc.data)
			if err != nil {
				t.Fatalf("ReadBytes: %v", err)
			}
			if doc.Format != tc.want {
				t.Errorf("format %q, want %q", doc.Format, tc.want)
			}
			for _, want := range []string{"Senior Systems Administrator", "Linux (2015–present)", "Ansible"} {
				if !strings.Contains(doc.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, doc.Text)
				}
			}
			if strings.Contains(doc.Text, "var Terraform") {
				t.Errorf("script text leaked into the resume text:\n%s", doc.Text)
			}
		})
	}
}

func TestReadKeepsLinesAndBullets(t *testing.T) {
	const text = "EXPERIENCE\nSenior SRE, Acme — 2019 – present\n- Ran Kubernetes on AWS\n- Wrote Terraform"
	for name, data := range map[string][]byte{"pdf": makePDF(t, text, false), "docx": makeDOCX(t, text)} {
		t.Run(name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(doc.Text), "\n")
			if len(lines) != 4 || lines[1] != "Senior SRE, Acme — 2019 – present" || !strings.HasSuffix(lines[2], "Ran Kubernetes on AWS") {
				t.Errorf("lines = %q", lines)
			}
		})
	}
}

// Characters a reader does not see inside a word (a soft hyphen a word
// processor left, a zero-width joiner, a direction mark) and letters typed
// full-width (as Chinese and Japanese input methods do) read as the plain
// word, so that the skill is found.
func TestReadJoinsWordsAcrossInvisibleCharacters(t *testing.T) {
	doc, err := ReadBytes(context.Background(), []byte("Skills: Pyth\u00adon, A\u200dW\u200dS, Ans\u200cible, Lin\u2060ux, Go\u200elang, "+
		"\uff2b\uff55\uff42\uff45\uff52\uff4e\uff45\uff54\uff45\uff53\uff0c\u3000\uff34\uff45\uff52\uff52\uff41\uff46\uff4f\uff52\uff4d\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Skills: Python, AWS, Ansible, Linux, Golang, Kubernetes, Terraform\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

// Text an HTML resume hides from its reader (the hidden attribute, an
// inline display:none or visibility:hidden) is not read: a list of
// keywords no person sees is not a skill the resume shows. Only elements
// whose end tag is required are read so: a hidden <p> or <li> may end
// where no tag says, and must not take the rest of the page with it.
func TestReadHTMLLeavesOutHiddenText(t *testing.T) {
	const page = `<!DOCTYPE html><html><body><h1>Dana Whitfield</h1><p>Systems Administrator</p>
<div hidden><div>Kubernetes</div> Terraform</div>
<span style="color:red; DISPLAY : none">Azure</span>
<section style="visibility:hidden"><p>GCP</section>
<span aria-hidden="true">Linux</span>
<ul><li>Bash<li style="display:none">Puppet<li>Ansible</ul>
<p style="display:block">Nagios</p><div hidden/>VMware <p hidden>Chef<p>Consul</body></html>`
	doc, err := ReadBytes(context.Background(), []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Kubernetes", "Terraform", "Azure", "GCP"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("hidden %q was read:\n%s", gone, doc.Text)
		}
	}
	for _, shown := range []string{"Dana Whitfield", "Systems Administrator", "Linux", "Bash", "Ansible", "Nagios", "VMware", "Consul"} {
		if !strings.Contains(doc.Text, shown) {
			t.Errorf("shown %q was not read:\n%s", shown, doc.Text)
		}
	}
}

func TestReadPDFKeepsColumnsApart(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 10)
	for _, row := range [][2]string{{"Senior SRE, Acme", "2019 - present"}, {"Kubernetes and Terraform", "Skills: Linux"}} {
		p.CellFormat(100, 6, row[0], "", 0, "L", false, 0, "")
		p.CellFormat(60, 6, row[1], "", 1, "R", false, 0, "")
	}
	doc := readFPDF(t, p)
	want := "Senior SRE, Acme\n2019 - present\nKubernetes and Terraform\nSkills: Linux\n"
	if doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

func TestReadRefusesWhatItCannotReadWithTheReason(t *testing.T) {
	pages := strings.Repeat("line\n", 45*(MaxPages+1))
	cases := []struct {
		name   string
		data   []byte
		kind   error
		detail string
	}{
		{"empty file", nil, ErrNoText, "empty"},
		{"only white space", []byte(" \n\t\n"), ErrNoText, "empty"},
		{"no words", []byte("12 34 -- 56\n"), ErrNoText, "no words"},
		{"binary data", []byte("\x00\x01\x02\x03binary\x00\xff\xfe\x00"), ErrUnsupported, "binary"},
		{"png image", pngBytes(), ErrUnsupported, "image/png"},
		{"legacy word document", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00rest"), ErrUnsupported, "legacy Word"},
		{"rtf", []byte(`{\rtf1\ansi Dana}`), ErrUnsupported, "RTF"},
		{"pdf that needs a password", makePDF(t, "Linux and Bash", true), ErrEncrypted, "needs a password"},
		{"scanned pdf", makeScannedPDF(t), ErrNoText, "scanned"},
		{"broken pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"), ErrMalformed, ""},
		{"pdf whose page tree loops", rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Count 1/Kids[2 0 R]>>"), ErrMalformed, "no pages"},
		{"pdf declaring a billion objects", rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Count 1/Kids[]/Size 99999999999>>"), ErrMalformed, "declares"},
		{"pdf with over-wide xref fields", rawPDF("<</Type/Catalog/W [1 99 2]>>"), ErrMalformed, "wide"},
		{"pdf over the page bound", makePDF(t, pages, false), ErrTooLarge, "pages"},
		{"zip that is not a docx", makeZip(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), ErrUnsupported, "not a Word .docx"},
		{"password-protected docx", makeZip(t, map[string]string{"EncryptionInfo": "x"}), ErrEncrypted, "password"},
		{"docx bomb that declares its size", zipBomb(t, MaxPart+1), ErrTooLarge, "would decompress"},
		{"docx bomb that lies about its size", zipBomb(t, 100), ErrTooLarge, "zip bomb"},
		{"over the size bound", bytes.Repeat([]byte("Linux "), MaxSize/6+1), ErrTooLarge, "MiB"},
		{"over the text bound", bytes.Repeat([]byte("Linux\n"), MaxText/6+1), ErrTooLarge, "KiB of text"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), tc.data)
			if err == nil {
				t.Fatalf("read %d bytes of text, want an error wrapping %v", len(doc.Text), tc.kind)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %q does not wrap %v", err, tc.kind)
			}
			var de *DocumentError
			if !errors.As(err, &de) {
				t.Errorf("error %q is not a DocumentError", err)
			}
			if !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %q does not say %q", err, tc.detail)
			}
		})
	}
}

func TestReadPDFWithoutAWriterLibrary(t *testing.T) {
	data := rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Count 1/Kids[3 0 R]>>",
		"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
		streamObj("BT /F1 12 Tf 72 700 Td (Senior SRE) Tj 0 -14 Td (Kubernetes and Terraform) Tj ET"),
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>")
	doc, err := ReadBytes(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Senior SRE\nKubernetes and Terraform\n" || doc.Pages != 1 {
		t.Errorf("read %q from %d pages", doc.Text, doc.Pages)
	}
}

func TestReadStopsAtTheContextDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadBytes(ctx, makePDF(t, "Linux\nBash", false))
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("err = %v, want ErrTimeout", err)
	}
}

func TestReaderBoundsThePDFReadingsRunningAtOnce(t *testing.T) {
	rd := NewReader(1)
	pdf := makePDF(t, "Senior SRE\nKubernetes", false)
	rd.pdfSlots <- struct{}{} // a reading that has not ended
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := rd.ReadBytes(ctx, pdf); !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "waited") {
		t.Errorf("with no place free: %v, want ErrTimeout after waiting", err)
	}
	if _, err := rd.ReadBytes(context.Background(), []byte("Senior SRE, Kubernetes")); err != nil {
		t.Errorf("text does not wait for PDF places: %v", err)
	}
	<-rd.pdfSlots
	doc, err := rd.ReadBytes(context.Background(), pdf)
	if err != nil || !strings.Contains(doc.Text, "Kubernetes") {
		t.Fatalf("with the place free: %v", err)
	}
	if len(rd.pdfSlots) != 0 {
		t.Errorf("a finished reading kept its place")
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, r := range s {
		if r > 0xffff {
			r = '?'
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func pngBytes() []byte {
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
}

// zipBomb is a .docx whose body inflates to MaxPart+1 MiB of spaces while
// its header declares declared bytes.
func zipBomb(t *testing.T, declared uint64) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	crc := crc32.NewIEEE()
	for range MaxPart>>20 + 1 {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: docxMain, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadRefusesBombsWithoutInflatingThem reads a .docx and a PDF page
// that inflate to far past their bounds and checks both are refused having
// allocated a small part of what they would inflate to.
func TestReadRefusesBombsWithoutInflatingThem(t *testing.T) {
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 { // 64 MiB of content, 8 times MaxStream
		fw.Write(zeros)
	}
	fw.Close()
	// A zlib stream (as PDF's FlateDecode wants): header, deflate data;
	// the checksum is never reached.
	stream := append([]byte{0x78, 0x9c}, raw.Bytes()...)
	pdf := rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Count 1/Kids[3 0 R]>>",
		"<</Type/Page/Parent 2 0 R/Contents 4 0 R>>",
		fmt.Sprintf("<</Length %d/Filter/FlateDecode>>\nstream\n%s\nendstream", len(stream), stream))
	cases := []struct {
		name string
		data []byte
	}{
		{"docx", zipBomb(t, 100)},
		{"pdf page", pdf},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := ReadBytes(context.Background(), tc.data)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("err = %v, want ErrTooLarge", err)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 24<<20 {
				t.Errorf("allocated %d MiB refusing it", got>>20)
			}
		})
	}
}

// Text a Word resume hides (the hidden font effect, w:vanish, on a run)
// is not read, as a hidden element of an HTML resume is not; a run whose
// earlier formatting was hidden (a tracked change) shows.
func TestReadDOCXLeavesOutHiddenRuns(t *testing.T) {
	body := `<w:p><w:r><w:t>Dana Whitfield</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Skills: Linux, </w:t></w:r>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>Kubernetes, Terraform, </w:t></w:r>` +
		`<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t xml:space="preserve">Bash, </w:t></w:r>` +
		`<w:r><w:rPr><w:rPrChange w:id="1"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>Ansible</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>Nagios</w:t></w:r></w:p>`
	doc, err := ReadBytes(context.Background(), makeZip(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body + `</w:body></w:document>`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Dana Whitfield\nSkills: Linux, Bash, Ansible\nNagios\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

// Fonts whose glyph widths the PDF library does not know (Type0, two-byte
// codes) come from two kinds of writer. Browsers place every string where
// it starts, with the spaces between words in as glyphs, and break words
// into strings at kerned pairs. XeTeX (the usual LaTeX resume templates)
// writes a line as one TJ array of words and puts no space glyph between
// them, only an adjustment of a third of an em. Both read as their words.
func TestReadPDFWithoutGlyphWidths(t *testing.T) {
	tests := []struct {
		name string
		ops  []string
		want string
	}{
		{"strings placed where they start, kerned pairs apart", []string{
			"1 0 0 1 72 700 Tm <Helena S\u00f8r> Tj", "1 0 0 1 129.3 700 Tm <ensen, Senior SRE> Tj",
			"1 0 0 1 72 686 Tm <Kubernetes and T> Tj", "1 0 0 1 151.2 686 Tm <erraform on GCP> Tj",
			"1 0 0 1 72 672 Tm <Skills> Tj", "1 0 0 1 300 672 Tm <2019 \u2013 present> Tj",
		}, "Helena S\u00f8rensen, Senior SRE\nKubernetes and Terraform on GCP\nSkills\n2019 \u2013 present\n"},
		{"words of a TJ array a third of an em apart", []string{
			"72 700 Td [<Senior> -333 <Site> -333 <Reliability> -333 <Engineer>] TJ",
			"0 -14 Td [<Kubernetes,> -333 <T> 80 <erraform> -333 <and> -333 <Linux>] TJ",
		}, "Senior Site Reliability Engineer\nKubernetes, Terraform and Linux\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), makeType0PDF(t, tt.ops))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.want {
				t.Errorf("text %q, want %q", doc.Text, tt.want)
			}
		})
	}
}
