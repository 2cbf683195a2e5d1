package extract

import (
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"

	xhtml "golang.org/x/net/html"
)

// simpleHTMLBlocks is htmlBlocks for simple HTML, read without the
// x/net/html tokenizer (which copies the whole input through a buffer it
// allocates per document). It reads the tokens the tokenizer would read,
// with the same tag and attribute rules, and hands them to the same
// blockBuilder. It gives up, reporting false, on whatever it does not
// read exactly as the tokenizer does:
//
//   - a '<' that does not open a start tag ("<a") or an end tag ("</a"):
//     comments, doctypes, "</>", a lone '<' in text;
//   - a raw-text element (script, style, textarea, title, ...);
//   - a tag that the document ends inside;
//   - a carriage return or NUL in text read;
//   - an entity other than the common named ones, decimal and
//     hexadecimal character references ending in ';', and '&' followed
//     by a non-alphanumeric or by one alphanumeric ("R&D"), which are not
//     entities.
//
// What out held past its length is overwritten either way.
func simpleHTMLBlocks(doc string, out []block, bs *blockScratch) ([]block, bool) {
	var bb blockBuilder
	bb.start(out, bs)
	ent := bs.ent[:0]
	defer func() { bs.ent = ent[:0] }()
	for i := 0; i < len(doc); {
		j := len(doc)
		if k := strings.IndexByte(doc[i:], '<'); k >= 0 {
			j = i + k
		}
		// Most text tokens are plain: no entity, no line break, no byte
		// simpleHTMLBlocks refuses. addPlain reads those as they stand
		// (one search for '&' first), and refuses the others, which are
		// read as the tokenizer's text.
		if j > i && bb.skip == 0 && (strings.IndexByte(doc[i:j], '&') >= 0 || !bb.addPlain(doc[i:j])) {
			t := doc[i:j]
			if k := nextSpecial(t, 0); k < len(t) {
				// Unescaped from the first byte that needs it: what lies
				// before it is copied as it stands.
				var ok bool
				if ent, ok = unescapeSimple(append(ent[:0], t[:k]...), t[k:]); !ok {
					bb.abandon(bs)
					return out, false
				}
				t = unsafe.String(unsafe.SliceData(ent), len(ent)) // a view, read right away
			}
			bb.addText(t)
		}
		if j == len(doc) {
			break
		}
		tt, name, end := scanTag(doc, j)
		if end < 0 {
			bb.abandon(bs)
			return out, false
		}
		bb.addTag(tt, nameAtom(name))
		i = end
	}
	return bb.finish(bs), true
}

// scanTag reads the tag that starts with the '<' at doc[i] as the
// x/net/html tokenizer reads it (readStartTag, readTag and their helpers)
// and returns its type, its name and the offset just past its '>'. end
// is -1 when the tokenizer would read something other than a start, end
// or self-closing tag there (see simpleHTMLBlocks), or the document ends
// inside the tag.
func scanTag(doc string, i int) (tt xhtml.TokenType, name string, end int) {
	p := i + 1
	tt = xhtml.StartTagToken
	if p < len(doc) && doc[p] == '/' {
		tt = xhtml.EndTagToken
		p++
	}
	if p >= len(doc) || !isASCIILetter(doc[p]) {
		return 0, "", -1
	}
	nameStart := p
	nameEnd, p := scanTagName(doc, p)
	if p < 0 {
		return 0, "", -1
	}
	if tt == xhtml.StartTagToken && rawTextElement(doc[nameStart:nameEnd]) {
		return 0, "", -1
	}
	nkeys, lastValEnd, p := scanTagAttrs(doc, p)
	if p < 0 {
		return 0, "", -1
	}
	// readStartTag: self-closing when the byte before '>' is '/' and is
	// not the last byte of the last saved attribute's value.
	if tt == xhtml.StartTagToken && doc[p-2] == '/' && (nkeys == 0 || p-2 != lastValEnd-1) {
		tt = xhtml.SelfClosingTagToken
	}
	return tt, doc[nameStart:nameEnd], p
}

// scanTagName is readTagName: the name that starts at doc[p] runs up to
// white space, '/' or '>'. It returns the name's end and where the
// attributes start (past one white-space byte), or next -1 when the
// document ends first.
func scanTagName(doc string, p int) (nameEnd, next int) {
	p++
	for p < len(doc) && !isSpaceByte(doc[p]) && doc[p] != '/' && doc[p] != '>' {
		p++
	}
	if p >= len(doc) {
		return 0, -1
	}
	nameEnd = p
	if isSpaceByte(doc[p]) {
		p++
	}
	return nameEnd, p
}

// scanTagAttrs is readTag: attributes from doc[p] until '>'. For the
// self-closing check only the last attribute the tokenizer saves matters:
// the first with its (ASCII lower-cased) key, and the key not empty. It
// returns how many keys were saved, where the last saved value ends, and
// the offset just past '>', or end -1 when the tag is not one scanTag
// reads.
func scanTagAttrs(doc string, p int) (nkeys, lastValEnd, end int) {
	var keys [8]string
	lastValEnd = -1
	p = skipSpace(doc, p)
	for {
		if p >= len(doc) {
			return 0, 0, -1
		}
		if doc[p] == '>' {
			return nkeys, lastValEnd, p + 1
		}
		keyStart := p
		p = scanAttrKey(doc, p)
		if p >= len(doc) {
			return 0, 0, -1
		}
		key := doc[keyStart:p]
		valEnd, next := scanAttrVal(doc, p)
		if next < 0 {
			return 0, 0, -1
		}
		if key != "" && !seenKey(keys[:min(nkeys, len(keys))], key) {
			if nkeys >= len(keys) {
				return 0, 0, -1 // too many attributes to track: let the tokenizer read it
			}
			keys[nkeys] = key
			nkeys++
			lastValEnd = valEnd
		}
		p = skipSpace(doc, next)
	}
}

// scanAttrKey is readTagAttrKey: it returns where the key that starts at
// doc[p] ends ('=' is part of a key only as its first byte).
func scanAttrKey(doc string, p int) int {
	keyStart := p
	for p < len(doc) {
		c := doc[p]
		if c == '=' && p == keyStart {
			p++
			continue
		}
		if c == '=' || isSpaceByte(c) || c == '/' || c == '>' {
			break
		}
		p++
	}
	return p
}

// scanAttrVal is readTagAttrVal after the key that ends at doc[p]: it
// returns where the value ends (the key's end when there is none, the
// closing quote of a quoted one) and where reading goes on, or next -1
// when the document ends inside the value.
func scanAttrVal(doc string, p int) (valEnd, next int) {
	valEnd = p
	p = skipSpace(doc, p)
	if p >= len(doc) {
		return 0, -1
	}
	switch c := doc[p]; {
	case c == '/':
		return valEnd, p + 1
	case c != '=':
		return valEnd, p
	}
	p = skipSpace(doc, p+1)
	if p >= len(doc) {
		return 0, -1
	}
	switch q := doc[p]; q {
	case '>':
		return valEnd, p
	case '\'', '"':
		e := strings.IndexByte(doc[p+1:], q)
		if e < 0 {
			return 0, -1
		}
		valEnd = p + 1 + e
		return valEnd, valEnd + 1
	}
	p++
	for p < len(doc) && !isSpaceByte(doc[p]) && doc[p] != '>' {
		p++
	}
	if p >= len(doc) {
		return 0, -1
	}
	valEnd = p
	if isSpaceByte(doc[p]) {
		p++
	}
	return valEnd, p
}

// seenKey reports whether key equals one of keys, ASCII case folded.
func seenKey(keys []string, key string) bool {
	for _, k := range keys {
		if len(k) != len(key) {
			continue
		}
		same := true
		for i := 0; i < len(k); i++ {
			if lowerASCII(k[i]) != lowerASCII(key[i]) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// rawTextElement reports whether a start tag of this name switches the
// tokenizer to raw text (or RCDATA, or plain text).
func rawTextElement(name string) bool {
	if len(name) < 3 || len(name) > 9 {
		return false
	}
	for _, r := range [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"} {
		if len(r) == len(name) && foldASCIIEqual(name, r) {
			return true
		}
	}
	return false
}

// simpleEntities are the named references unescapeSimple decodes, with
// their values in the x/net/html entity table (TestSimpleEntities checks
// them against it).
var simpleEntities = [...]struct {
	name string
	r    rune
}{
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", '\u00a0'},
	{"mdash", '—'}, {"ndash", '–'}, {"rsquo", '’'}, {"lsquo", '‘'}, {"ldquo", '“'}, {"rdquo", '”'},
	{"hellip", '…'}, {"bull", '•'}, {"middot", '·'}, {"eacute", 'é'}, {"copy", '©'}, {"reg", '®'},
	{"trade", '™'}, {"euro", '€'}, {"pound", '£'}, {"times", '×'},
}

// unescapeSimple appends text token t unescaped to dst, as the
// tokenizer's Text would give it, or reports false when t holds something
// it does not decode exactly so (see simpleHTMLBlocks).
func unescapeSimple(dst []byte, t string) ([]byte, bool) {
	for i := 0; i < len(t); {
		c := t[i]
		if c == '\r' || c == 0 {
			return dst, false
		}
		if c != '&' { // copied up to the next byte that needs a look, at once
			j := nextSpecial(t, i+1)
			dst = append(dst, t[i:j]...)
			i = j
			continue
		}
		// HN writes every '/' and '\'' of a comment so ("https:&#x2F;&#x2F;"):
		// those two are read at a glance, as charRef would read them.
		if i+6 <= len(t) && t[i+1] == '#' && t[i+2] == 'x' && t[i+5] == ';' {
			switch t[i+3 : i+5] {
			case "2F", "2f":
				dst, i = append(dst, '/'), i+6
				continue
			case "27":
				dst, i = append(dst, '\''), i+6
				continue
			}
		}
		// The tokenizer reads the longest run of ASCII letters and digits.
		j := i + 1
		for j < len(t) && (isASCIILetter(t[j]) || isDigit(t[j])) {
			j++
		}
		switch {
		case j == i+1 && (j == len(t) || t[j] != '#'):
			dst = append(dst, '&') // "& ", "&," or '&' at the end: no name at all
			i++
			continue
		case j == i+2 && (j == len(t) || t[j] != ';'):
			dst = append(dst, '&') // "R&D": no entity name is one character long
			i++
			continue
		case j > i+1 && j < len(t) && t[j] == ';':
			name := t[i+1 : j]
			found := false
			for _, e := range simpleEntities {
				if e.name == name {
					dst = utf8.AppendRune(dst, e.r)
					found = true
					break
				}
			}
			if !found {
				return dst, false
			}
			i = j + 1
			continue
		case j == i+1: // "&#"
			r, n, ok := charRef(t[i+2:])
			if !ok {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
			i += 2 + n
			continue
		}
		return dst, false
	}
	return dst, true
}

// nextSpecial returns the offset of the first '&', '\r' or NUL at or
// after i in t, or len(t), eight bytes at a time: most of an escaped
// text token lies between its entities.
func nextSpecial(t string, i int) int {
	zero := func(x uint64) uint64 { return (x - laneOnes) &^ x & laneHighs } // 0x80 in a lane that is 0 and maybe in lanes above it
	for ; i+8 <= len(t); i += 8 {
		w := load8(t, i)
		if m := zero(w) | zero(w^'&'*laneOnes) | zero(w^'\r'*laneOnes); m != 0 {
			return i + bits.TrailingZeros64(m)/8 // the lowest lane flagged is one of the three
		}
	}
	for i < len(t) && t[i] != '&' && t[i] != '\r' && t[i] != 0 {
		i++
	}
	return i
}

// charRef reads the rest of a character reference after "&#": decimal
// or 'x' and hexadecimal digits, then ';'. It reports false for what it
// does not read exactly as the tokenizer: no digits, no ';', more than
// six digits, and the code points the tokenizer replaces (0, C1
// controls, surrogates, past U+10FFFF).
func charRef(s string) (r rune, n int, ok bool) {
	i, hex := 0, false
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		hex, i = true, 1
	}
	i0 := i
	var x rune
	for i < len(s) && i-i0 < 7 {
		c := s[i]
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case hex && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case hex && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			goto done
		}
		if hex {
			x = x*16 + d
		} else {
			x = x*10 + d
		}
		i++
	}
done:
	if i == i0 || i-i0 > 6 || i >= len(s) || s[i] != ';' {
		return 0, 0, false
	}
	if x == 0 || 0x80 <= x && x <= 0x9f || 0xd800 <= x && x <= 0xdfff || x > 0x10ffff {
		return 0, 0, false
	}
	return x, i + 1, true
}
