package resume

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestReadPDFReadsASidebarAfterTheBody lays a page out as LinkedIn's "Save
// to PDF" and many templates do, a narrow sidebar beside the body, and
// expects each column read whole, the body first, never a line mixing the
// two.
func TestReadPDFReadsASidebarAfterTheBody(t *testing.T) {
	sidebar := []string{"Top Skills", "Terraform", "Kubernetes", "Languages", "English", "Certifications", "CKA"}
	body := []string{"Ada Lovelace", "Senior SRE at Acme", "Experience", "Senior SRE", "January 2019 - Present", "Ran Kubernetes on AWS with Terraform.", "Education"}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 10)
	for i := range sidebar {
		p.SetXY(10, 20+float64(i)*6)
		p.CellFormat(45, 6, sidebar[i], "", 0, "L", false, 0, "")
		p.SetXY(62, 20+float64(i)*6)
		p.CellFormat(130, 6, body[i], "", 0, "L", false, 0, "")
	}
	doc := readFPDF(t, p)
	want := strings.Join(body, "\n") + "\n" + strings.Join(sidebar, "\n") + "\n"
	if doc.Text != want {
		t.Errorf("text\n%s\nwant\n%s", doc.Text, want)
	}
}

// TestColumnsLeaveOneColumnWithDatesWhole checks that right-aligned dates
// beside titles, with full-width lines between them, are no second column.
func TestColumnsLeaveOneColumnWithDatesWhole(t *testing.T) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 10)
	for range 4 {
		p.CellFormat(120, 6, "Site Reliability Engineer, Acme", "", 0, "L", false, 0, "")
		p.CellFormat(60, 6, "2019 - 2021", "", 1, "R", false, 0, "")
		p.CellFormat(180, 6, "Ran the Kubernetes clusters and the Terraform code for every team of the company, on call.", "", 1, "L", false, 0, "")
	}
	doc := readFPDF(t, p)
	lines := strings.Split(strings.TrimSpace(doc.Text), "\n")
	if len(lines) != 12 || lines[1] != "2019 - 2021" || lines[3] != "Site Reliability Engineer, Acme" {
		t.Errorf("lines %q: want title, dates, sentence, four times", lines)
	}
}

func TestDewrapRejoinsWhatAPDFWriterBroke(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"a sentence wrapped before a lower-case word", "Ran the Linux fleet\nand its backups.", "Ran the Linux fleet and its backups."},
		{"a date range cut after its dash", "Site Reliability Engineer, Alpenmarkt (Jun 2022 –\nPresent)", "Site Reliability Engineer, Alpenmarkt (Jun 2022 – Present)"},
		{"a date range cut after to", "DevOps Engineer 2017-03 to\n2020-11", "DevOps Engineer 2017-03 to 2020-11"},
		{"a hyphenated word", "Let's Encrypt cer-\ntificates", "Let's Encrypt certificates"},
		{"a hyphenated compound keeps its hyphen", "Ran the on-\ncall rota", "Ran the on-call rota"},
		{"a hyphen before a capital stays", "Ran Hyper-\nV clusters", "Ran Hyper-V clusters"},
		{"a heading stays apart", "Skills\nLinux, Bash", "Skills\nLinux, Bash"},
		{"a dash ending a line before a new entry stays", "Languages: English –\nCertifications", "Languages: English –\nCertifications"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := dewrap(tc.in); got != tc.want {
				t.Errorf("dewrap(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestReadDOCXReadsTextBoxesOnceAndTableRowsAsLines(t *testing.T) {
	cell := func(paras ...string) string {
		s := "<w:tc>"
		for _, p := range paras {
			s += `<w:p><w:r><w:t>` + p + `</w:t></w:r></w:p>`
		}
		return s + "</w:tc>"
	}
	box := `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` +
		`<w:p><w:r><w:t>Key Skills</w:t></w:r></w:p><w:p><w:r><w:t>PowerShell, Hyper-V</w:t></w:r></w:p>` +
		`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>` +
		`<w:p><w:r><w:t>Key Skills</w:t></w:r></w:p><w:p><w:r><w:t>PowerShell, Hyper-V</w:t></w:r></w:p>` +
		`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	skills := "<w:tbl><w:tr>" + cell("CI/CD") + cell("GitLab CI, Jenkins") + "</w:tr><w:tr>" + cell("Cloud") + cell("Azure") + "</w:tr></w:tbl>"
	layout := "<w:tbl><w:tr>" + cell("Contact", "Top Skills", "Linux") + cell("Ada Lovelace", "Senior SRE", "Experience", "Ran Linux.") + "</w:tr></w:tbl>"
	data := makeZip(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="w" xmlns:mc="mc" xmlns:wps="wps" xmlns:v="v"><w:body>` + box + skills + layout + `</w:body></w:document>`,
	})
	doc, err := ReadBytes(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	want := "Key Skills\nPowerShell, Hyper-V\n\nCI/CD | GitLab CI, Jenkins\nCloud | Azure\nAda Lovelace\nSenior SRE\nExperience\nRan Linux.\nContact\nTop Skills\nLinux\n"
	if doc.Text != want {
		t.Errorf("text\n%s\nwant\n%s", doc.Text, want)
	}
}

// cidFont, when set, rewrites testdata/cid-font.pdf with that TrueType
// font (go test ./resume -run UnicodeFont -cidfont
// /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf): fpdf embeds a subset
// of it as a Type0 font.
var cidFont = flag.String("cidfont", "", "rewrite testdata/cid-font.pdf with this TrueType font")

// TestReadPDFWithAnEmbeddedUnicodeFont reads a PDF whose font is a Type0
// (CID) font with its glyph widths in a /W array, as word processors and
// PDF libraries write Unicode text: two-byte codes, widths per glyph. (The
// guard once took that /W for an xref stream's and refused the file, and
// the library's character map reader lost the dashes of its one-range
// map.)
func TestReadPDFWithAnEmbeddedUnicodeFont(t *testing.T) {
	file := filepath.Join("testdata", "cid-font.pdf")
	if *cidFont != "" {
		ttf, err := os.ReadFile(*cidFont)
		if err != nil {
			t.Fatal(err)
		}
		p := fpdf.New("P", "mm", "A4", "")
		p.SetCompression(true)
		p.AddUTF8FontFromBytes("uni", "", ttf)
		p.AddPage()
		p.SetFont("uni", "", 10)
		p.CellFormat(110, 6, "Senior SRE, Acme — Jan 2019 – Present", "", 0, "L", false, 0, "")
		p.CellFormat(60, 6, "Zürich", "", 1, "R", false, 0, "")
		p.CellFormat(170, 6, "Ran the Kubernetes fleet and the Terraform code, efficiently.", "", 1, "L", false, 0, "")
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadBytes(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	want := "Senior SRE, Acme — Jan 2019 – Present\nZürich\nRan the Kubernetes fleet and the Terraform code, efficiently.\n"
	if doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

// readFPDF writes the PDF p holds and reads it back as a resume.
func readFPDF(t testing.TB, p *fpdf.Fpdf) *Document {
	t.Helper()
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	doc, err := ReadBytes(context.Background(), b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
