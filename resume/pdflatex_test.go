package resume

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// skillYears lists a profile's named skills with their years, its total
// years and seniority, for comparing two readings of one resume.
func skillYears(p *Profile) string {
	var b strings.Builder
	for _, s := range p.Skills {
		fmt.Fprintf(&b, "%s:%d ", s.ID, s.Years)
	}
	fmt.Fprintf(&b, "| %d years, %s", p.Years, p.Seniority)
	return b.String()
}

// The LaTeX resumes of testdata/labelled (see latex/gen.sh) are the
// labelled set's text resumes typeset by pdflatex (moderncv with Latin
// Modern Type 1 fonts and their /Differences; an article in Computer
// Modern with the math font's bullets, with and without ToUnicode maps,
// and in T1 bitmap fonts)
// and by xelatex (CID fonts with
// Identity-H): each reads as the same skills, years and seniority as the
// text it was typeset from.
func TestParseReadsLaTeXPDFsLikeTheirText(t *testing.T) {
	p := newTestParser(t)
	for _, tc := range []struct{ pdf, text string }{
		{"network-senior-latex.pdf", "network-senior.txt"},
		{"network-senior-fancy-latex.pdf", "network-senior.txt"},
		{"devops-junior-latex.pdf", "devops-junior.txt"},
		{"devops-junior-notounicode-latex.pdf", "devops-junior.txt"},
		{"devops-junior-t1bitmap-latex.pdf", "devops-junior.txt"},
		{"senior-sre-latex.pdf", "senior-sre.md"},
	} {
		t.Run(tc.pdf, func(t *testing.T) {
			doc, err := readTestFile(t, filepath.Join("labelled", tc.pdf))
			if err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(filepath.Join("testdata", "labelled", tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := skillYears(p.Parse(doc.Text, now)), skillYears(p.Parse(string(text), now)); got != want {
				t.Errorf("reads\n%s\nwhere %s reads\n%s\ntext:\n%s", got, tc.text, want, doc.Text)
			}
		})
	}
}

// A date range or skill area broken over two lines of a label column is
// read whole, before the body line beside its first line; a bullet left
// of the body is no label.
func TestReadPDFReadsALabelColumnLabelByLabel(t *testing.T) {
	p := fpdf.New("P", "pt", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 10)
	tr := p.UnicodeTranslatorFromDescriptor("")
	y := 60.0
	row := func(label, body string) {
		if label != "" {
			p.SetXY(40, y)
			p.CellFormat(70, 12, tr(label), "", 0, "R", false, 0, "")
		}
		if body != "" {
			p.SetXY(120, y)
			p.CellFormat(400, 12, tr(body), "", 0, "L", false, 0, "")
		}
		y += 12
	}
	p.SetXY(40, 30)
	p.CellFormat(480, 14, "Marco Bianchi, Senior Network Engineer, Milan", "", 0, "L", false, 0, "")
	row("", "Professional Experience")
	row("2015 – now", "Senior Network Engineer, Lombardia Energia")
	row("", "• Designed the BGP and OSPF core for 40 sites.")
	y += 6
	row("Jan. 2012 –", "Network Engineer, TeleNord")
	row("Dec. 2014", "• Cisco routing and switching, VLANs.")
	row("", "• Wireshark and NetFlow for troubleshooting.")
	y += 6
	row("", "Technical Skills")
	row("Routing and", "BGP, OSPF, MPLS, VLAN")
	row("switching", "")
	y += 6
	row("Security", "Palo Alto, IPsec, firewalls")
	doc := readFPDF(t, p)
	want := "Marco Bianchi, Senior Network Engineer, Milan\nProfessional Experience\n" +
		"2015 – now Senior Network Engineer, Lombardia Energia\n• Designed the BGP and OSPF core for 40 sites.\n" +
		"Jan. 2012 – Dec. 2014 Network Engineer, TeleNord\n• Cisco routing and switching, VLANs.\n• Wireshark and NetFlow for troubleshooting.\n" +
		"Technical Skills\nRouting and switching BGP, OSPF, MPLS, VLAN\nSecurity Palo Alto, IPsec, firewalls\n"
	if doc.Text != want {
		t.Errorf("text\n%s\nwant\n%s", doc.Text, want)
	}
}

// A Type 3 font (TeX's bitmap fonts, where no Type 1 font is installed:
// pdflatex's "$" without cm-super) lists its widths in its own units,
// scaled by its FontMatrix: "$" followed by "4M" is "$4M", not "$ 4M".
func TestReadPDFScalesType3Widths(t *testing.T) {
	data := rawPDF("<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Count 1/Kids[3 0 R]>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R/F3 6 0 R>>>>/Contents 4 0 R>>",
		streamObj("BT /F1 10 Tf 40 700 Td (Managed a team and a ) Tj ET BT /F3 10 Tf 150 700 Td ($) Tj ET BT /F1 10 Tf 155 700 Td (4M budget.) Tj ET"),
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
		"<</Type/Font/Subtype/Type3/FontBBox[0 0 50 70]/FontMatrix[0.01 0 0 0.01 0 0]/CharProcs<<>>/Resources<<>>"+
			"/Encoding<</Type/Encoding/Differences[36/dollar]>>/FirstChar 36/LastChar 36/Widths[50]>>")
	doc, err := ReadBytes(t.Context(), data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Managed a team and a $4M budget.\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

// A TeX font without /Encoding or /ToUnicode reads through the encoding
// its Type 1 program declares: OT1's ligatures and en-dash, cmsy's bar,
// bullet and centred dot.
func TestParseBuiltinEncodingReadsTeXFonts(t *testing.T) {
	clear := []byte("%!PS-AdobeFont-1.0: CMR10 003.002\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n" +
		"dup 12 /fi put\ndup 13 /fl put\ndup 14 /ffi put\ndup 123 /endash put\ndup 97 /a put\n" +
		"dup 106 /bar put\ndup 15 /bullet put\ndup 1 /periodcentered put\ndup 48 /zero put\ndup 200 /uni00E9 put\n" +
		"dup 18 /grave put\ndup 300 /x put\ndup 7 put\nreadonly def\ncurrentfile eexec\n")
	enc := parseBuiltinEncoding(clear)
	if enc == nil {
		t.Fatal("no encoding read")
	}
	for code, want := range map[int]string{12: "fi", 13: "fl", 14: "ffi", 123: "–", 97: "a", 106: "|", 15: "•", 1: "·", 48: "0", 200: "é", 18: "", 65: ""} {
		if enc[code] != want {
			t.Errorf("code %d reads %q, want %q", code, enc[code], want)
		}
	}
	if parseBuiltinEncoding([]byte("/Encoding StandardEncoding def")) != nil {
		t.Errorf("a font on the standard encoding declared a built-in one")
	}
}

func FuzzParseBuiltinEncoding(f *testing.F) {
	f.Add([]byte("/Encoding 256 array\ndup 12 /fi put\ndup 123 /endash put\nreadonly def"))
	f.Add([]byte("dup 999999999999 /a put dup -1 /b put dup 5 /uniD800 put dup"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if enc := parseBuiltinEncoding(data); enc != nil {
			for _, s := range enc {
				if len(s) > 8 {
					t.Fatalf("a code reads %q", s)
				}
			}
		}
	})
}

// The same LaTeX resume in Computer Modern's Type 1 fonts, without their
// ToUnicode maps, and in T1 bitmap fonts reads as the same text, dashes
// and ligatures ("2025 – now", "Certified") included.
func TestReadPDFReadsTeXFontsWithoutMapsLikeWithThem(t *testing.T) {
	want, err := readTestFile(t, filepath.Join("labelled", "devops-junior-latex.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want.Text, "2025 – now") || !strings.Contains(want.Text, "AWS Certified Cloud") {
		t.Fatalf("the ToUnicode version reads\n%s", want.Text)
	}
	for _, file := range []string{"devops-junior-notounicode-latex.pdf", "devops-junior-t1bitmap-latex.pdf"} {
		got, err := readTestFile(t, filepath.Join("labelled", file))
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != want.Text {
			t.Errorf("%s reads\n%s\nwant\n%s", file, got.Text, want.Text)
		}
	}
}
