package resume

import (
	"errors"
	"testing"
)

func TestGuardPDFRefusesOnlyUnboundedDeclarations(t *testing.T) {
	cases := []struct {
		name string
		pdf  string
		bad  bool
	}{
		{"an ordinary file", string(rawPDF("<</Type/Catalog/Pages 2 0 R/Names 3 0 R>>", "<</Type/ObjStm/N 12/First 80>>")), false},
		{"a huge /Size", "<</Size 4294967296>>", true},
		{"a huge /N", "<</Type/ObjStm/N 99999999 /First 4>>", true},
		{"/Names is not /N", "<</Names 99999999999>>", false},
		{"a huge /Index start", "<</Index [99999999 2]>>", true},
		{"a wide /W field", "<</W [1 4 9]>>", true},
		{"a sane /W", "<</W [1 4 2]>>", false},
		{"a CID font's glyph widths", "<</Type/Font/Subtype/CIDFontType2/W [32 [278 278] 48 57 556]>>", false},
		{"a CID font's widths before a wide xref /W", "<</W [1 [500]]>> <</Type/XRef/W [1 40 1]>>", true},
		{"a huge object number", "123456789012 0 obj\n<<>>\nendobj", true},
		{"a huge xref subsection", "xref\n0 1\n0000000000 65535 f \n4000000000 2\n0000000010 00000 n \ntrailer", true},
		{"extending object streams", "<</Type/ObjStm/Extends 4 0 R>>", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := guardPDF([]byte(tc.pdf))
			if (err != nil) != tc.bad {
				t.Errorf("guardPDF = %v, want refused %v", err, tc.bad)
			}
			if err != nil && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupported) {
				t.Errorf("error %v is neither malformed nor unsupported", err)
			}
		})
	}
}
