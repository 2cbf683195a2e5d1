package resume

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// The PDFs of testdata/placed (see its gen.sh) show a test resume's page
// placed in a Form XObject, turned a quarter, or under /Rotate: each
// reads as the page it shows.
func TestReadPDFTextPlacedTurnedOrRotated(t *testing.T) {
	for _, tc := range []struct{ file, plain, how string }{
		{"placed.pdf", "libreoffice/sre.pdf", "in a form XObject (pdfpages)"},
		{"turned.pdf", "libreoffice/sre.pdf", "turned a quarter left, every line running up the page"},
		{"turned-back.pdf", "libreoffice/sre.pdf", "turned, under a /Rotate that shows it upright"},
		{"rotate-only.pdf", "chromium/network.pdf", "under /Rotate alone"},
	} {
		t.Run(tc.how, func(t *testing.T) {
			want, err := readTestFile(t, tc.plain)
			if err != nil {
				t.Fatal(err)
			}
			got, err := readTestFile(t, filepath.Join("placed", tc.file))
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			if got.Text != want.Text {
				t.Errorf("%s reads\n%s\nwhere %s reads\n%s", tc.file, got.Text, tc.plain, want.Text)
			}
		})
	}
}

// selfDrawingForm is a page whose form draws itself twice: without
// bounds, forms within forms without end.
func selfDrawingForm() []byte {
	return rawPDF("<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Count 1/Kids[3 0 R]>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</XObject<</Fm 4 0 R>>>>/Contents 6 0 R>>",
		strings.Replace(streamObj("BT /F1 12 Tf 72 700 Td (Linux) Tj ET /Fm Do /Fm Do"), "<<", "<</Type/XObject/Subtype/Form/BBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>/XObject<</Fm 4 0 R>>>>", 1),
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
		streamObj("/Fm Do"))
}

func TestReadPDFBoundsFormsWithinForms(t *testing.T) {
	doc, err := ReadBytes(t.Context(), selfDrawingForm())
	if err != nil {
		t.Fatal(err)
	}
	// Each form draws "Linux" where its parent does, so their letters
	// interleave: count the L's.
	if n := strings.Count(doc.Text, "L"); n == 0 || n > maxForms {
		t.Errorf("read %d L's, want 1 to %d (the forms drawn)", n, maxForms)
	}
}

func TestReadPDFPlacesAFormByItsMatrix(t *testing.T) {
	data := rawPDF("<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Count 1/Kids[3 0 R]>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>/XObject<</Fm 4 0 R>>>>/Contents 6 0 R>>",
		// The form's own font F1 is Courier, the page's Helvetica.
		strings.Replace(streamObj("BT /F1 12 Tf 0 0 Td (Terraform) Tj ET"), "<<", "<</Type/XObject/Subtype/Form/BBox[0 0 612 792]/Matrix[1 0 0 1 0 -40]/Resources<</Font<</F1 7 0 R>>>>", 1),
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
		streamObj("BT /F1 12 Tf 72 700 Td (Kubernetes) Tj ET q 1 0 0 1 72 700 cm /Fm Do Q BT /F1 12 Tf 72 640 Td (Linux) Tj ET"),
		"<</Type/Font/Subtype/Type1/BaseFont/Courier>>")
	doc, err := ReadBytes(t.Context(), data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Kubernetes\nTerraform\nLinux\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

// A banner set sideways up the page's edge reads after the body, not
// letter by letter among its lines.
func TestReadPDFReadsSidewaysTextAfterTheBody(t *testing.T) {
	p := fpdf.New("P", "pt", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 11)
	for i, line := range []string{"Senior SRE, Acme", "Kubernetes and Terraform on AWS", "Linux, Bash and Go"} {
		p.Text(80, 100+float64(i)*16, line)
	}
	p.TransformBegin()
	p.TransformRotate(90, 40, 300)
	p.Text(40, 300, "CURRICULUM VITAE")
	p.TransformEnd()
	doc := readFPDF(t, p)
	if want := "Senior SRE, Acme\nKubernetes and Terraform on AWS\nLinux, Bash and Go\nCURRICULUM VITAE\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}
