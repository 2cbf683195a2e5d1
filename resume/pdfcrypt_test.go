package resume

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// readTestFile reads a file of testdata as a resume.
func readTestFile(t *testing.T, path string) (*Document, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return ReadBytes(context.Background(), data)
}

// The files of testdata/encrypted are made by qpdf from the test resumes'
// PDFs (see its gen.sh): each opens in a viewer without a password.
func TestReadOpensPDFsProtectedOnlyByAnOwnerPassword(t *testing.T) {
	cases := []struct{ file, plain, handler string }{
		{"rc4-40.pdf", "libreoffice/sre.pdf", "RC4 40-bit, V1 R2"},
		{"rc4-128.pdf", "chromium/devops.pdf", "RC4 128-bit, V2 R3"},
		{"rc4-128-v4.pdf", "labelled/network-senior.pdf", "RC4 128-bit through a V4 crypt filter, R4"},
		{"aes-128.pdf", "libreoffice/network.pdf", "AES-128, V4 R4 AESV2"},
		{"aes-128-clear-metadata.pdf", "chromium/network.pdf", "AES-128 leaving metadata in the clear"},
		{"aes-256.pdf", "chromium/sre.pdf", "AES-256, V5 R6, objects in object streams"},
		{"aes-256-r5.pdf", "libreoffice/sysadmin.pdf", "AES-256, V5 R5 (Acrobat 9)"},
	}
	for _, tc := range cases {
		t.Run(tc.handler, func(t *testing.T) {
			want, err := readTestFile(t, tc.plain)
			if err != nil {
				t.Fatal(err)
			}
			got, err := readTestFile(t, filepath.Join("encrypted", tc.file))
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			if got.Text != want.Text {
				t.Errorf("%s reads\n%s\nwhere its unencrypted original reads\n%s", tc.file, got.Text, want.Text)
			}
		})
	}
}

func TestReadRefusesPDFsThatNeedAUserPassword(t *testing.T) {
	for _, file := range []string{"user-password.pdf", "user-password-rc4.pdf"} {
		t.Run(file, func(t *testing.T) {
			doc, err := readTestFile(t, filepath.Join("encrypted", file))
			if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), "needs a password") {
				t.Fatalf("error %v (text %v), want ErrEncrypted saying it needs a password", err, doc)
			}
		})
	}
}

// Strings outside streams (the document's /Producer here) are decrypted
// too, so the decrypted copy is the PDF as it was before qpdf.
func TestDecryptPDFDecryptsStringsInPlace(t *testing.T) {
	for _, tc := range []struct{ file, plain string }{
		{"aes-128.pdf", "libreoffice/network.pdf"},
		{"rc4-40.pdf", "libreoffice/sre.pdf"},
		{"aes-256-r5.pdf", "libreoffice/sysadmin.pdf"},
	} {
		producer := func(data []byte) string {
			r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			return r.Trailer().Key("Info").Key("Producer").Text()
		}
		enc, err := os.ReadFile(filepath.Join("testdata", "encrypted", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := os.ReadFile(filepath.Join("testdata", tc.plain))
		if err != nil {
			t.Fatal(err)
		}
		dec, err := decryptPDF(enc)
		if err != nil {
			t.Fatal(err)
		}
		if len(dec) != len(enc) {
			t.Errorf("%s: decrypted copy is %d bytes, want %d (nothing moves)", tc.file, len(dec), len(enc))
		}
		if got, want := producer(dec), producer(plain); got != want {
			t.Errorf("%s: /Producer %q, want %q", tc.file, got, want)
		}
	}
}

// testKey and testID are the file key and identifier of the hand-made
// AES-128 PDFs below.
var testID = []byte("0123456789abcdef")

// aesV2PDF writes a one-page PDF encrypted with AES-128 (V4, R4) and the
// empty user password, computing O, U and the key as Algorithms 2 and 5
// say. encDict adds to the encryption dictionary; contentDict to the
// content stream's; the content stream is encrypted when encrypt is set.
func aesV2PDF(t testing.TB, encDict, contentDict string, encrypt bool, extra ...string) []byte {
	t.Helper()
	o := bytes.Repeat([]byte{'o'}, 32)
	h := md5.New()
	h.Write(passwordPad)
	h.Write(o)
	h.Write(binary.LittleEndian.AppendUint32(nil, uint32(0xfffffffc)))
	h.Write(testID)
	if strings.Contains(encDict, "/EncryptMetadata false") {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	for range 50 {
		s := md5.Sum(key)
		key = s[:]
	}
	u := md5.Sum(append(append([]byte(nil), passwordPad...), testID...))
	x := u[:]
	for i := range 20 {
		k := bytes.Clone(key)
		for j := range k {
			k[j] ^= byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(x, x)
	}
	content := "BT /F1 12 Tf 72 700 Td (Kubernetes and Terraform) Tj ET"
	if encrypt {
		s := md5.Sum(append(append(bytes.Clone(key), 4, 0, 0, 0, 0), "sAlT"...))
		content = string(aesCBC(t, s[:], []byte(content)))
	}
	enc := fmt.Sprintf("<</Filter/Standard/V 4/R 4/Length 128/P -4/O<%x>/U<%x>/CF<</StdCF<</CFM/AESV2/Length 16/AuthEvent/DocOpen>>>>%s>>",
		o, append(x, make([]byte, 16)...), encDict)
	data := rawPDF("<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Count 1/Kids[3 0 R]>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
		fmt.Sprintf("<</Length 6 0 R%s>>\nstream\n%s\nendstream", contentDict, content),
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
		fmt.Sprint(len(content)),
		enc)
	for _, x := range extra { // objects 8, 9, ... before the xref table
		i := bytes.Index(data, []byte("xref\n"))
		n := fmt.Appendf(nil, "%d 0 obj\n%s\nendobj\n", 8+bytes.Count(data[:i], []byte(" 0 obj"))-7, x)
		data = append(data[:i:i], append(n, data[i:]...)...)
		data = bytes.Replace(data, fmt.Appendf(nil, "startxref\n%d", i), fmt.Appendf(nil, "startxref\n%d", i+len(n)), 1)
	}
	return bytes.Replace(data, []byte("/Root 1 0 R>>"), fmt.Appendf(nil, "/Root 1 0 R/Encrypt 7 0 R/ID[<%x><%x>]>>", testID, testID), 1)
}

// aesCBC encrypts b as a PDF AES stream: a zero IV, then the blocks of b
// padded as PKCS#5 says.
func aesCBC(t testing.TB, key, b []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	p := aes.BlockSize - len(b)%aes.BlockSize
	b = append(bytes.Clone(b), bytes.Repeat([]byte{byte(p)}, p)...)
	out := make([]byte, aes.BlockSize+len(b))
	cipher.NewCBCEncrypter(block, out[:aes.BlockSize]).CryptBlocks(out[aes.BlockSize:], b)
	return out
}

func TestReadHonoursCryptFilters(t *testing.T) {
	cases := []struct {
		name, encDict, contentDict string
		encrypt                    bool
	}{
		{"streams through StdCF, an indirect length", "/StmF/StdCF/StrF/StdCF", "", true},
		{"streams left in the clear by StmF Identity", "/StmF/Identity/StrF/StdCF", "", false},
		{"no StmF at all, which means Identity", "/StrF/StdCF", "", false},
		{"a stream whose own Crypt filter is Identity", "/StmF/StdCF/StrF/StdCF", "/Filter/Crypt/DecodeParms<</Name/Identity>>", false},
		{"a stream whose own Crypt filter is in an array", "/StmF/StdCF/StrF/StdCF", "/Filter[/Crypt]/DecodeParms[<</Name/Identity>>]", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), aesV2PDF(t, tc.encDict, tc.contentDict, tc.encrypt))
			if err != nil {
				t.Fatal(err)
			}
			if want := "Kubernetes and Terraform\n"; doc.Text != want {
				t.Errorf("text %q, want %q", doc.Text, want)
			}
		})
	}
}

// With /EncryptMetadata false, the metadata stream is in the clear and
// the key is computed otherwise (Algorithm 2, step f).
func TestDecryptPDFLeavesClearMetadataAlone(t *testing.T) {
	xmp := "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
	data := aesV2PDF(t, "/StmF/StdCF/StrF/StdCF/EncryptMetadata false", "", true,
		fmt.Sprintf("<</Type/Metadata/Subtype/XML/Length %d>>\nstream\n%s\nendstream", len(xmp), xmp))
	dec, err := decryptPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(dec, []byte(xmp)) {
		t.Errorf("the metadata stream was decrypted:\n%q", dec)
	}
	doc, err := ReadBytes(t.Context(), data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Kubernetes and Terraform\n"; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

func TestReadRefusesEncryptionItCannotOpenByName(t *testing.T) {
	good := aesV2PDF(t, "/StmF/StdCF/StrF/StdCF", "", true)
	wrongU := bytes.Clone(good)
	i := bytes.Index(wrongU, []byte("/U<")) + 3
	wrongU[i] ^= 1 // '0'..'9' and 'a'..'f' stay hex digits
	cases := []struct {
		name   string
		data   []byte
		detail string
	}{
		{"a public-key handler", aesV2PDF(t, "/Filter/Adobe.PubSec/StmF/StdCF", "", true), `"Adobe.PubSec" security handler`},
		{"an undefined version", bytes.Replace(good, []byte("/V 4/R 4"), []byte("/V 3/R 4"), 1), "version 3, revision 4"},
		{"an undefined crypt method", bytes.Replace(good, []byte("/CFM/AESV2"), []byte("/CFM/AESV9"), 1), `crypt filter method "AESV9"`},
		{"a user password", wrongU, "needs a password"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBytes(context.Background(), tc.data)
			if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %v, want ErrEncrypted saying %s", err, tc.detail)
			}
		})
	}
}

func TestLiteralStringsRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", "a(b)c", `back\slash`, "cr\rlf\n", "\x00\xff)(", "((nested))"} {
		enc := escapeLiteral([]byte(s))
		if end := literalEnd(enc, 0); end != len(enc) {
			t.Errorf("%q: written as %q, which ends at %d of %d", s, enc, end, len(enc))
		}
		if got := string(literalBytes(enc)); got != s {
			t.Errorf("%q: written as %q, read back as %q", s, enc, got)
		}
	}
	if got := string(literalBytes([]byte(`(a\101\n\
b\)c)`))); got != "aA\nb)c" {
		t.Errorf("escapes read as %q", got)
	}
}

// decryptFuzzSecurities are the handlers FuzzDecryptObjects walks with.
func decryptFuzzSecurities() []*pdfSecurity {
	key, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	var out []*pdfSecurity
	for _, m := range []cryptMethod{cryptRC4, cryptAESV2, cryptAESV3} {
		k := key[:16]
		if m == cryptAESV3 {
			k = key
		}
		out = append(out, &pdfSecurity{key: k, stm: m, str: m, encryptMetadata: false,
			filters: map[string]cryptMethod{"Identity": cryptNone, "StdCF": m}})
	}
	return out
}

// FuzzDecryptObjects checks that decrypting any bytes in place neither
// panics nor changes their length.
func FuzzDecryptObjects(f *testing.F) {
	// Small seeds: the fuzzer minimises what it finds, which in a whole
	// resume PDF takes it minutes.
	f.Add(aesV2PDF(f, "/StmF/StdCF/StrF/StdCF", "", true))
	f.Add([]byte("1 0 obj <</Length 5/Filter[/Crypt]/DecodeParms[<</Name/StdCF>>]>> stream\nabcde\nendstream endobj 2 0 obj (a\\(b) <0a0b> endobj"))
	f.Add([]byte("3 0 obj <</Type/Metadata/Length 9 0 R>> stream\r\n0123456789abcdef0123456789abcdef\r\nendstream"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, sec := range decryptFuzzSecurities() {
			w := cryptWalker{b: bytes.Clone(data), sec: sec, encObj: 1}
			w.walk()
			if len(w.b) != len(data) {
				t.Fatalf("%d bytes became %d", len(data), len(w.b))
			}
		}
	})
}
