package resume

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// addLabelled seeds f with the labelled resumes of one extension: real
// writers' PDFs (a sidebar, two columns, text boxes) and .docx files.
func addLabelled(f *testing.F, ext string) {
	files, err := filepath.Glob(filepath.Join("testdata", "labelled", "*."+ext))
	if err != nil || len(files) == 0 {
		f.Fatalf("no labelled .%s files: %v", ext, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// The fuzz targets check that no input makes a reader panic, hang or
// return text without an error past its bounds; seeds are documents the
// tests write (see testdata/fuzz for inputs the fuzzer found).

func fuzzRead(t *testing.T, data []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	doc, err := ReadBytes(ctx, data)
	if errors.Is(err, ErrTimeout) {
		t.Fatalf("reading %d bytes took over 3s", len(data))
	}
	if err != nil {
		var de *DocumentError
		if !errors.As(err, &de) {
			t.Fatalf("error %v is not a DocumentError", err)
		}
		return
	}
	if len(doc.Text) > MaxText || !hasWords(doc.Text) {
		t.Fatalf("read %d bytes of text, out of bounds or wordless", len(doc.Text))
	}
}

func FuzzReadPDF(f *testing.F) {
	f.Add(makePDF(f, "Senior SRE\nEXPERIENCE\nAcme — 2019 – present\n- Kubernetes and Terraform", false))
	f.Add(makePDF(f, "Linux", true))
	f.Add(makeScannedPDF(f))
	addLabelled(f, "pdf")
	for _, dir := range []string{"encrypted", "placed"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.pdf"))
		if err != nil || len(files) == 0 {
			f.Fatalf("no PDFs in testdata/%s: %v", dir, err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add(selfDrawingForm())
	f.Add([]byte("%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Count 1/Kids[3 0 R]>> endobj\n3 0 obj <</Type/Page/Contents 4 0 R>> endobj\n4 0 obj <</Length 20>> stream\nBT (Linux) Tj ET\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF"))
	f.Fuzz(fuzzRead)
}

func FuzzReadDOCX(f *testing.F) {
	f.Add(makeDOCX(f, "Dana\nSKILLS\n- Linux (2015–present)\n- Ansible"))
	f.Add(makeZip(f, map[string]string{"word/document.xml": "<w:document><w:body><w:p><w:r><w:t>Linux</w:t></w:r></w:p></w:body></w:document>"}))
	f.Add(makeZip(f, map[string]string{"word/document.xml": "<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr><mc:Fallback><w:t>x</w:t></w:body></w:document>"}))
	addLabelled(f, "docx")
	f.Fuzz(fuzzRead)
}

func FuzzReadText(f *testing.F) {
	f.Add([]byte("Dana Whitfield\nSKILLS\nLinux (2015–present), Bash"))
	f.Add([]byte("<html><body><h1>Dana</h1><ul><li>Linux</li></ul><script>x</script></body></html>"))
	f.Add(utf16LE("Linux and Bash"))
	f.Add([]byte("# Priya\n\n## Skills\n\nBGP, OSPF"))
	f.Fuzz(fuzzRead)
}

// FuzzParse checks that resume mode takes any text: no panic, and every
// skill it reports is one the taxonomy knows, with bounded years.
func FuzzParse(f *testing.F) {
	p := newTestParser(f)
	for _, tc := range resumeCases {
		f.Add(testResume(f, tc.name))
	}
	f.Add("EXPERIENCE\nEngineer (2019–present)\nEngineer (1900–2100)\n(Jan 2019 – Dec 2018)")
	f.Add("EXPERIENCE\nIT Officer | Acme | 2017\nSummer 2018\nAcme is a start-up built on Kafka. A team running Spark for the company.")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		prof := p.Parse(text, now)
		for _, s := range prof.Skills {
			if _, ok := p.tax.Lookup(s.ID); !ok || s.Years < 0 || s.Years > 60 {
				t.Fatalf("skill %+v", s)
			}
		}
	})
}
