package analyze

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestWriteMatchesGoldenFiles renders the sysadmin resume against the test
// market in every format and compares with testdata/golden (rewrite them
// with go test ./analyze -update, then read the diff).
func TestWriteMatchesGoldenFiles(t *testing.T) {
	tax := testTaxonomy(t)
	r := analyzeText(t, tax, testMarket(t, tax), testResume(t, "sysadmin"), 5)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := r.Write(&b, format); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", "sysadmin."+format)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./analyze -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from %s (go test ./analyze -update rewrites it):\n%s", format, path, b.String())
			}
		})
	}
}
