package resume

import (
	"bytes"
	"encoding/hex"
	"fmt"

	"github.com/ledongthuc/pdf"
)

// decryptPDF returns a copy of data, a PDF encrypted with the standard
// security handler, that reads as the same PDF unencrypted: every string
// and stream of every object is decrypted where it lies, and the
// trailer's /Encrypt key is renamed so that the library, whose own
// decryption covers neither AES-256, crypt filters nor 40-bit keys
// correctly, reads the result as plain. Nothing moves, so the
// cross-reference offsets stay right: a stream's plain text is shorter or
// as long as its cipher text, and is followed by spaces to its old end
// (white space to a content stream or character map, and past the end of
// compressed data); a string is rewritten in hex, or escaped, and padded
// with spaces after it. Data without /Encrypt is returned as it is.
//
// The work is one pass over the file and a constant number of hashes per
// object, so an encrypted PDF costs about what its size says.
func decryptPDF(data []byte) ([]byte, error) {
	out := bytes.Clone(data)
	encObj, found := -1, false
	for i := range keyAt(out, "/Encrypt") {
		found = true
		if n, ok := indirectRef(out, i+len("/Encrypt")); ok {
			encObj = n
		}
		out[i+len("/Encrypt")-1] = 'x' // "/Encrypx": not the library's concern
	}
	if !found {
		return data, nil
	}
	r, err := pdf.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		return nil, &DocumentError{Kind: ErrMalformed, Format: FormatPDF, Detail: "not a readable PDF", Err: err}
	}
	enc := r.Trailer().Key("Encrypx")
	switch enc.Kind() {
	case pdf.Null:
		return data, nil // "/Encrypt" in the file, but not the trailer's key
	case pdf.Dict:
	default:
		return nil, docErr(ErrMalformed, FormatPDF, "the trailer's /Encrypt is not a dictionary")
	}
	sec, err := openSecurity(enc, []byte(r.Trailer().Key("ID").Index(0).RawString()))
	if err != nil {
		return nil, err
	}
	w := cryptWalker{b: out, sec: sec, encObj: encObj}
	w.walk()
	return out, nil
}

// indirectRef reads "N G R" at i, the object number of a reference.
func indirectRef(b []byte, i int) (int, bool) {
	num, j := digits(b, skipSpace(b, i))
	gen, k := digits(b, skipSpace(b, j))
	k = skipSpace(b, k)
	if len(num) == 0 || len(gen) == 0 || k >= len(b) || b[k] != 'R' || !fits(num) {
		return 0, false
	}
	n, _ := atoiDigits(num)
	return n, true
}

// cryptWalker decrypts a PDF's objects in place.
type cryptWalker struct {
	b      []byte
	sec    *pdfSecurity
	encObj int // the encryption dictionary's object, never encrypted
}

// walk finds each "N G obj" in turn and decrypts that object, going on
// after it: every byte is read a bounded number of times.
func (w *cryptWalker) walk() {
	for from := 0; from < len(w.b); {
		i := bytes.Index(w.b[from:], []byte("obj"))
		if i < 0 {
			return
		}
		i += from
		from = i + 3
		switch num, gen, ok := objHeader(w.b, i); {
		case ok && num == w.encObj:
			from, _ = scanObject(w.b, i+3, nil)
		case ok:
			from = w.object(i+3, num, gen)
		}
	}
}

// objHeader reads the "N G" before the keyword "obj" at i.
func objHeader(b []byte, i int) (num, gen int, ok bool) {
	if i+3 < len(b) && isRegular(b[i+3]) || i == 0 || !isSpace(b[i-1]) {
		return 0, 0, false
	}
	j := backSpace(b, i-1)
	k := backDigits(b, j)
	l := backSpace(b, k)
	m := backDigits(b, l)
	if k == j || l == k || m == l || m >= 0 && isRegular(b[m]) {
		return 0, 0, false
	}
	g, ok1 := atoiDigits(b[k+1 : j+1])
	n, ok2 := atoiDigits(b[m+1 : l+1])
	return n, g, ok1 && ok2 && n <= maxObjects && g <= 65535
}

// object decrypts the object whose body starts at pos and returns where
// its body ends. The cross-reference stream and its strings are never
// encrypted.
func (w *cryptWalker) object(pos, num, gen int) int {
	end, kw := scanObject(w.b, pos, nil)
	body := w.b[pos:end]
	if hasKey(body, "/XRef") {
		return end
	}
	if w.sec.str != cryptNone {
		c := stringCipher{sec: w.sec, num: num, gen: gen}
		scanObject(w.b, pos, func(start, stop int, hexForm bool) {
			w.rewriteString(start, stop, hexForm, &c)
		})
	}
	if kw != "stream" {
		return end
	}
	return w.stream(body, end, num, gen)
}

// stream decrypts the data of a stream whose dictionary is dict and whose
// keyword "stream" ends at kwEnd, and returns where the data ends. A
// stream whose own /Crypt filter is Identity, or the metadata when the
// handler leaves it in the clear, is left alone.
func (w *cryptWalker) stream(dict []byte, kwEnd, num, gen int) int {
	start := kwEnd
	if start < len(w.b) && w.b[start] == '\r' {
		start++
	}
	if start < len(w.b) && w.b[start] == '\n' {
		start++
	}
	m := w.sec.stm
	if hasKey(dict, "/Crypt") {
		name := nameAfter(dict, "/Name")
		if name == "" {
			name = "Identity"
		}
		m = w.sec.filters[name]
		dropCryptFilter(dict)
	}
	if !w.sec.encryptMetadata && nameAfter(dict, "/Type") == "Metadata" {
		m = cryptNone
	}
	n := streamLength(w.b, dict, start)
	if m == cryptAESV2 || m == cryptAESV3 {
		n -= n % 16
	}
	if m == cryptNone {
		return start + n
	}
	plain, err := decrypt(m, w.sec.objectKey(m, num, gen), w.b[start:start+n])
	if err != nil {
		return start + n // left as it is: the library refuses its data
	}
	copy(w.b[start:], plain)
	for k := start + len(plain); k < start+n; k++ {
		w.b[k] = ' '
	}
	return start + n
}

// dropCryptFilter removes the /Crypt filter, now applied, from a stream's
// /Filter in place, since the library knows no such filter: a lone
// "/Filter /Crypt" becomes "/Filter null", one in an array is blanked.
func dropCryptFilter(dict []byte) {
	for i := range keyAt(dict, "/Crypt") {
		if isArrayFilter(dict, i) {
			copy(dict[i:], "      ")
		} else {
			copy(dict[i:], " null ")
		}
	}
}

// isArrayFilter reports whether the /Crypt at i sits in an array: an
// opening bracket comes between the last "/Filter" and it.
func isArrayFilter(dict []byte, i int) bool {
	f := bytes.LastIndex(dict[:i], []byte("/Filter"))
	return f >= 0 && bytes.IndexByte(dict[f:i], '[') >= 0
}

// streamLength is the length of the stream data at start: its dictionary's
// direct /Length when "endstream" follows it, else up to the next
// "endstream" (whose end of line, decrypted with the data, is then past
// the length the library reads).
func streamLength(b, dict []byte, start int) int {
	for i := range keyAt(dict, "/Length") {
		j := skipSpace(dict, i+len("/Length"))
		num, k := digits(dict, j)
		if _, isRef := indirectRef(dict, j); isRef || len(num) == 0 || k < len(dict) && isRegular(dict[k]) {
			break
		}
		n, ok := atoiDigits(num)
		if ok && n <= len(b)-start && bytes.HasPrefix(b[skipSpace(b, start+n):], []byte("endstream")) {
			return n
		}
		break
	}
	if e := bytes.Index(b[start:], []byte("endstream")); e >= 0 {
		return e
	}
	return len(b) - start
}

// rewriteString decrypts the string at b[start:stop] (with its brackets)
// and writes it back in its place: in hex when that fits, else escaped,
// else (a string whose plain text needs more escapes than its cipher
// text had, which the text reader never reads) as an empty string.
func (w *cryptWalker) rewriteString(start, stop int, hexForm bool, c *stringCipher) {
	raw := w.b[start:stop]
	if len(raw) <= 2 {
		return // "()" or "<>": nothing to decrypt
	}
	var ct []byte
	if hexForm {
		ct = hexBytes(string(raw))
	} else {
		ct = literalBytes(raw)
	}
	plain, err := c.decrypt(ct)
	if err != nil {
		plain = nil
	}
	var enc []byte
	if 2*len(plain)+2 <= len(raw) {
		enc = fmt.Appendf(nil, "<%s>", hex.EncodeToString(plain))
	} else if e := escapeLiteral(plain); len(e) <= len(raw) {
		enc = e
	} else {
		enc = []byte("()")
	}
	n := copy(raw, enc)
	for k := n; k < len(raw); k++ {
		raw[k] = ' '
	}
}

// scanObject reads an object's tokens from pos to its end: the keyword
// "endobj" or "stream" (kw), or the next object's "obj". Strings are
// passed to visit, with their brackets, as they are met.
func scanObject(b []byte, pos int, visit func(start, stop int, hexForm bool)) (end int, kw string) {
	for p := pos; p < len(b); {
		c := b[p]
		switch {
		case c == '%':
			for p < len(b) && b[p] != '\n' && b[p] != '\r' {
				p++
			}
		case c == '(':
			q := literalEnd(b, p)
			if visit != nil {
				visit(p, q, false)
			}
			p = q
		case c == '<' && p+1 < len(b) && b[p+1] == '<':
			p += 2
		case c == '/':
			for p++; p < len(b) && isRegular(b[p]); p++ {
			}
		case c == '<':
			q := bytes.IndexByte(b[p:], '>')
			if q < 0 {
				return len(b), ""
			}
			if visit != nil {
				visit(p, p+q+1, true)
			}
			p += q + 1
		case isRegular(c):
			q := p
			for q < len(b) && isRegular(b[q]) {
				q++
			}
			switch t := string(b[p:q]); t {
			case "endobj", "stream":
				return q, t
			case "obj":
				return p, t
			}
			p = q
		default:
			p++
		}
	}
	return len(b), ""
}

// literalEnd returns the offset past the literal string opening at p,
// its balanced parentheses and escapes read.
func literalEnd(b []byte, p int) int {
	depth := 0
	for i := p; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return len(b)
}

// literalBytes decodes a literal string with its parentheses (7.3.4.2).
func literalBytes(raw []byte) []byte {
	s := raw[1:]
	if n := len(s); n > 0 && s[n-1] == ')' {
		s = s[:n-1]
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
		case c != '\\' || i+1 == len(s):
			out = append(out, c)
		default:
			i++
			out, i = unescape(out, s, i)
		}
	}
	return out
}

// unescape appends the escape whose letter is at s[i] and returns the
// offset of its last byte.
func unescape(out, s []byte, i int) ([]byte, int) {
	switch c := s[i]; c {
	case 'n':
		return append(out, '\n'), i
	case 'r':
		return append(out, '\r'), i
	case 't':
		return append(out, '\t'), i
	case 'b':
		return append(out, '\b'), i
	case 'f':
		return append(out, '\f'), i
	case '\r':
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		return out, i // a line continued
	case '\n':
		return out, i
	}
	if s[i] < '0' || s[i] > '7' {
		return append(out, s[i]), i
	}
	v := 0
	j := i
	for ; j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7'; j++ {
		v = v*8 + int(s[j]-'0')
	}
	return append(out, byte(v)), j - 1
}

// escapeLiteral writes b as a literal string, escaping what a reader
// would otherwise take for its end, an escape or a line end to normalise.
func escapeLiteral(b []byte) []byte {
	out := []byte{'('}
	for _, c := range b {
		switch c {
		case '(', ')', '\\':
			out = append(out, '\\', c)
		case '\r':
			out = append(out, '\\', 'r')
		default:
			out = append(out, c)
		}
	}
	return append(out, ')')
}

// hasKey reports whether the name key appears as a whole token in b.
func hasKey(b []byte, key string) bool {
	for range keyAt(b, key) {
		return true
	}
	return false
}

// nameAfter returns the name that follows the first whole key in b, ""
// when a name does not follow it.
func nameAfter(b []byte, key string) string {
	for i := range keyAt(b, key) {
		j := skipSpace(b, i+len(key))
		if j >= len(b) || b[j] != '/' {
			return ""
		}
		k := j + 1
		for k < len(b) && isRegular(b[k]) {
			k++
		}
		return string(b[j+1 : k])
	}
	return ""
}

// isRegular reports whether c is a regular character: neither white
// space nor a delimiter (7.2.3).
func isRegular(c byte) bool {
	return !isSpace(c) && bytes.IndexByte([]byte("()<>[]{}/%"), c) < 0
}

// atoiDigits reads a run of decimal digits of at most nine.
func atoiDigits(d []byte) (int, bool) {
	if len(d) == 0 || len(d) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range d {
		n = n*10 + int(c-'0')
	}
	return n, true
}
