package resume

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"hash"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// cryptMethod is how a crypt filter encrypts a string or stream (PDF
// 32000-2, 7.6.5).
type cryptMethod int

const (
	cryptNone  cryptMethod = iota // Identity or /None: stored as they are
	cryptRC4                      // V1, V2, or a V4 filter's /V2
	cryptAESV2                    // AES-128-CBC, per-object keys
	cryptAESV3                    // AES-256-CBC, the file key itself
)

// pdfSecurity is a standard security handler opened with the empty user
// password: what a PDF viewer does, without asking, for a PDF "protected"
// only by an owner password (no editing, no copying).
type pdfSecurity struct {
	key             []byte // the file encryption key
	stm, str        cryptMethod
	filters         map[string]cryptMethod // the /CF crypt filters by name
	encryptMetadata bool
}

// errNeedsPassword: the empty user password does not open the PDF.
func errNeedsPassword() error {
	return docErr(ErrEncrypted, FormatPDF, "the PDF is encrypted and needs a password to open; save an unprotected copy")
}

// passwordPad pads a password of the RC4 and AES-128 handlers (7.6.4.3).
var passwordPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// openSecurity reads the encryption dictionary enc with the trailer's
// first file identifier id, and authenticates the empty user password.
// A handler other than the standard one (public-key certificates, a
// plug-in), a version or revision the specification does not define, or
// a PDF that needs a real password is refused as ErrEncrypted, by name.
func openSecurity(enc pdf.Value, id []byte) (*pdfSecurity, error) {
	if f := enc.Key("Filter").Name(); f != "Standard" {
		return nil, docErr(ErrEncrypted, FormatPDF, "the PDF is encrypted with the %s security handler (certificates or a plug-in), which only its owner's software opens; save an unprotected copy", quoteName(f))
	}
	v, r := enc.Key("V").Int64(), enc.Key("R").Int64()
	s := &pdfSecurity{encryptMetadata: true, filters: map[string]cryptMethod{"Identity": cryptNone}}
	if m := enc.Key("EncryptMetadata"); m.Kind() == pdf.Bool {
		s.encryptMetadata = m.Bool()
	}
	n := 5 // key bytes
	switch {
	case v == 1 && (r == 2 || r == 3):
		s.stm, s.str = cryptRC4, cryptRC4
	case (v == 2 || v == 4) && (r == 3 || r == 4):
		if l := enc.Key("Length"); l.Kind() == pdf.Integer || v == 4 {
			n = int(l.Int64() / 8)
			if l.Kind() == pdf.Null {
				n = 16
			}
		}
		if n < 5 || n > 16 {
			return nil, docErr(ErrMalformed, FormatPDF, "an encryption key of %d bits (40 to 128)", n*8)
		}
		s.stm, s.str = cryptRC4, cryptRC4
	case v == 5 && (r == 5 || r == 6):
		n = 32
	default:
		return nil, docErr(ErrEncrypted, FormatPDF, "the PDF is encrypted with a standard handler of version %d, revision %d, which no specification defines; save an unprotected copy", v, r)
	}
	if v >= 4 {
		if err := s.readFilters(enc); err != nil {
			return nil, err
		}
	}
	var err error
	if r <= 4 {
		s.key, err = rc4FileKey(enc, id, int(r), n, s.encryptMetadata)
	} else {
		s.key, err = aes256FileKey(enc, int(r))
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// readFilters reads a V4 or V5 handler's crypt filters and which of them
// strings and streams use (Identity when unnamed).
func (s *pdfSecurity) readFilters(enc pdf.Value) error {
	cf := enc.Key("CF")
	for _, name := range cf.Keys() {
		switch m := cf.Key(name).Key("CFM").Name(); m {
		case "", "None":
			s.filters[name] = cryptNone
		case "V2":
			s.filters[name] = cryptRC4
		case "AESV2":
			s.filters[name] = cryptAESV2
		case "AESV3":
			s.filters[name] = cryptAESV3
		default:
			return docErr(ErrEncrypted, FormatPDF, "the PDF is encrypted with the crypt filter method %s, which no specification defines; save an unprotected copy", quoteName(m))
		}
	}
	var ok bool
	for _, f := range []struct {
		key string
		m   *cryptMethod
	}{{"StmF", &s.stm}, {"StrF", &s.str}} {
		name := enc.Key(f.key).Name()
		if name == "" {
			name = "Identity"
		}
		if *f.m, ok = s.filters[name]; !ok {
			return docErr(ErrMalformed, FormatPDF, "the encryption dictionary's %s names the crypt filter %s, which it does not define", f.key, quoteName(name))
		}
	}
	return nil
}

// rc4FileKey computes the file key of revisions 2 to 4 from the empty
// user password (Algorithm 2) and checks it against /U (Algorithms 4 and
// 5), which is what authenticates the password.
func rc4FileKey(enc pdf.Value, id []byte, r, n int, encryptMetadata bool) ([]byte, error) {
	o, u := []byte(enc.Key("O").RawString()), []byte(enc.Key("U").RawString())
	if len(o) < 32 || len(u) < 32 {
		return nil, docErr(ErrMalformed, FormatPDF, "the encryption dictionary's O or U is not 32 bytes")
	}
	h := md5.New()
	h.Write(passwordPad)
	h.Write(o[:32])
	h.Write(binary.LittleEndian.AppendUint32(nil, uint32(enc.Key("P").Int64())))
	h.Write(id)
	if r >= 4 && !encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if r >= 3 {
		for range 50 {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]
	var want []byte
	if r == 2 {
		want = rc4Bytes(key, passwordPad)
	} else {
		sum := md5.Sum(append(append([]byte(nil), passwordPad...), id...))
		want = rc4Bytes(key, sum[:])
		k := make([]byte, n)
		for i := 1; i <= 19; i++ {
			for j := range k {
				k[j] = key[j] ^ byte(i)
			}
			want = rc4Bytes(k, want)
		}
		u = u[:16]
	}
	if !bytes.Equal(u[:len(want)], want) {
		return nil, errNeedsPassword()
	}
	return key, nil
}

// aes256FileKey authenticates the empty user password of revision 5 or 6
// against /U and unwraps the file key from /UE (Algorithms 2.A and 11).
func aes256FileKey(enc pdf.Value, r int) ([]byte, error) {
	u, ue := []byte(enc.Key("U").RawString()), []byte(enc.Key("UE").RawString())
	if len(u) < 48 || len(ue) < 32 {
		return nil, docErr(ErrMalformed, FormatPDF, "the encryption dictionary's U is not 48 bytes or its UE not 32")
	}
	if !bytes.Equal(hashR6(r, u[32:40]), u[:32]) {
		return nil, errNeedsPassword()
	}
	block, err := aes.NewCipher(hashR6(r, u[40:48]))
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(key, ue[:32])
	return key, nil
}

// hashR6 is the hash of the empty password with salt: SHA-256 for
// revision 5, Algorithm 2.B for revision 6. 2.B ends once round 64 is
// past and the last byte of E is at most round − 32, so by round 288 at
// the latest: its work is bounded whatever the file says.
func hashR6(r int, salt []byte) []byte {
	sum := sha256.Sum256(salt)
	k := sum[:]
	if r == 5 {
		return k
	}
	for round := 0; ; {
		k1 := bytes.Repeat(k, 64) // password (empty) ‖ K ‖ user data (empty)
		block, _ := aes.NewCipher(k[:16])
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(k1, k1)
		mod := 0
		for _, b := range k1[:16] {
			mod += int(b)
		}
		var h hash.Hash
		switch mod % 3 {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(k1)
		k = h.Sum(nil)
		round++
		if round >= 64 && int(k1[len(k1)-1]) <= round-32 {
			return k[:32]
		}
	}
}

// objectKey is the key of the object numbered num, generation gen, for
// method m (Algorithm 1; AES-256 uses the file key itself).
func (s *pdfSecurity) objectKey(m cryptMethod, num, gen int) []byte {
	if m == cryptAESV3 {
		return s.key
	}
	b := append([]byte(nil), s.key...)
	b = append(b, byte(num), byte(num>>8), byte(num>>16), byte(gen), byte(gen>>8))
	if m == cryptAESV2 {
		b = append(b, "sAlT"...)
	}
	sum := md5.Sum(b)
	return sum[:min(len(s.key)+5, 16)]
}

// errCipherText: AES data that is not an IV and whole blocks.
var errCipherText = errors.New("AES-encrypted data is not whole 16-byte blocks")

// decrypt returns data decrypted with method m under key: RC4, or AES-CBC
// with the IV in the first 16 bytes and PKCS#5 padding (left alone when
// it is not valid padding, as some writers leave it out).
func decrypt(m cryptMethod, key, data []byte) ([]byte, error) {
	switch m {
	case cryptNone:
		return data, nil
	case cryptRC4:
		return rc4Bytes(key, data), nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return aesDecrypt(block, data)
}

// aesDecrypt decrypts AES-CBC data whose first block is the IV, taking
// off PKCS#5 padding when it is valid.
func aesDecrypt(block cipher.Block, data []byte) ([]byte, error) {
	if len(data) < aes.BlockSize || len(data)%aes.BlockSize != 0 {
		return nil, errCipherText
	}
	out := make([]byte, len(data)-aes.BlockSize)
	cipher.NewCBCDecrypter(block, data[:aes.BlockSize]).CryptBlocks(out, data[aes.BlockSize:])
	if n := len(out); n > 0 {
		if p := int(out[n-1]); p >= 1 && p <= aes.BlockSize && bytes.Count(out[n-p:], out[n-1:]) == p {
			out = out[:n-p]
		}
	}
	return out, nil
}

// stringCipher decrypts the strings of one object, setting its key up
// once, on the first string: an RC4 key stream, which each string of the
// object starts afresh, is kept and grown as longer strings need it, an
// AES key schedule kept; so a file of a million tiny strings costs about
// what its bytes do.
type stringCipher struct {
	sec      *pdfSecurity
	num, gen int
	ready    bool
	rc       *rc4.Cipher
	stream   []byte
	block    cipher.Block
}

func (c *stringCipher) decrypt(ct []byte) ([]byte, error) {
	m := c.sec.str
	if !c.ready {
		c.ready = true
		key := c.sec.objectKey(m, c.num, c.gen)
		var err error
		switch m {
		case cryptRC4:
			c.rc, err = rc4.NewCipher(key)
		case cryptAESV2, cryptAESV3:
			c.block, err = aes.NewCipher(key)
		}
		if err != nil {
			return nil, err
		}
	}
	switch {
	case m == cryptNone:
		return ct, nil
	case m == cryptRC4 && c.rc != nil:
		if n := len(ct) - len(c.stream); n > 0 {
			more := make([]byte, n)
			c.rc.XORKeyStream(more, more)
			c.stream = append(c.stream, more...)
		}
		out := make([]byte, len(ct))
		subtle.XORBytes(out, ct, c.stream)
		return out, nil
	case c.block != nil:
		return aesDecrypt(c.block, ct)
	}
	return nil, errCipherText
}

func rc4Bytes(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return append([]byte(nil), data...) // key sizes are checked before
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// quoteName quotes a name from the file for a message, clipped.
func quoteName(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return strconv.QuoteToASCII(s)
}
