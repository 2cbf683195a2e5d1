package extract

import (
	"html"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxInput bounds the text the tagger reads, in bytes: of each field of a
// posting (title, description, section heading or body) and of the text
// extracted from all of them together. Postings are a few kilobytes;
// anything past a mebibyte is a scraping accident, and bounding it bounds
// the work. The tagger ignores what lies past the bound; a caller that
// must not lose text silently (the CLI) should refuse larger input.
const MaxInput = 1 << 20

// maxBlocks bounds the blocks kept from one document for the same reason.
const maxBlocks = 20000

type blockKind uint8

const (
	blockPara blockKind = iota
	blockItem
	blockHeading
	// blockMaybeHeading is a short plain-text line with no closing
	// punctuation ("What you'll need"): a heading if it reads as a known
	// section heading, else a paragraph. Only the tagger can tell.
	blockMaybeHeading
)

// block is one paragraph, list item or heading of a document, its text
// whitespace-collapsed.
type block struct {
	kind blockKind
	text string
	// scratch: text is a view of scratch memory (an HTML block, see
	// blockBuilder.finish), valid only during the call.
	scratch bool
}

// blockScratch is memory splitBlocks reuses from call to call.
type blockScratch struct {
	// text is the HTML blocks' text, end to end, of every splitBlocks
	// call for one document (doc.start empties it): the blocks are views
	// of it, so it only ever grows while they are read.
	text []byte
	cur  []byte // the current block's raw text
	ent  []byte // a text token unescaped (see simpleHTMLBlocks)
	// spans locate the blocks' texts in text until it is a string.
	spans []blockSpan
}

// splitBlocks turns a document, HTML or plain text, into blocks appended
// to dst.
func splitBlocks(doc string, dst []block, bs *blockScratch) []block {
	doc = truncate(doc, MaxInput)
	markup := isHTML(doc)
	if !markup && isEscapedHTML(doc) {
		doc = html.UnescapeString(doc)
		markup = isHTML(doc)
	}
	if markup {
		return htmlBlocks(doc, dst, bs)
	}
	return textBlocks(doc, dst)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// htmlBlocks cuts HTML into blocks at every block-level boundary. A
// paragraph or item that is entirely bold and short reads as a heading,
// since many ATS editors make headings that way. Block texts are built in
// bs.text and fixed as one string at the end.
//
// Most postings are simple HTML: tags, text and a few entities.
// simpleHTMLBlocks reads those itself, token for token as the x/net/html
// tokenizer would; anything else (comments, raw-text elements, a '<' that
// is not a tag, unusual entities, a tag cut off at the end) is left to the
// tokenizer.
func htmlBlocks(doc string, out []block, bs *blockScratch) []block {
	base := len(out)
	if res, ok := simpleHTMLBlocks(doc, out, bs); ok {
		return res
	}
	return tokenizerBlocks(doc, out[:base], bs)
}

// tokenizerBlocks walks the x/net/html token stream (no tree: postings
// are flat and the tokenizer is cheaper).
func tokenizerBlocks(doc string, out []block, bs *blockScratch) []block {
	z := xhtml.NewTokenizer(strings.NewReader(doc))
	var bb blockBuilder
	bb.start(out, bs)
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return bb.finish(bs)
		case xhtml.TextToken:
			if bb.skip > 0 {
				continue
			}
			t := z.Text()
			bb.addText(unsafe.String(unsafe.SliceData(t), len(t))) // a view, read right away
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			bb.addTag(tt, tagAtom(z.Raw()))
		}
	}
}

// blockSpan is a block's text in blockBuilder.text, until that is a
// string.
type blockSpan struct{ lo, hi int }

// blockBuilder turns a stream of HTML tokens into blocks: what
// htmlBlocks keeps between tokens, whichever tokenizer feeds it.
type blockBuilder struct {
	out      []block
	base     int
	spans    []blockSpan // of out[base:] in text
	text     []byte      // bs.text, appended to from textBase on
	textBase int
	cur      []byte // raw text of the current block
	boldText int    // non-space runes inside <strong>/<b> in cur
	allText  int    // non-space runes in cur
	kind     blockKind
	// recheck is set when cur may not be collapsed already (see
	// collapsed), as addText learns while it counts; space when cur
	// ends in a space, or is empty.
	recheck, space bool
	skip           int // depth inside script/style/head/title
	pre            int // depth inside pre, whose lines are blocks
	bold           int
	inHeading      int
}

func (b *blockBuilder) start(out []block, bs *blockScratch) {
	b.out, b.base = out, len(out)
	b.spans = bs.spans[:0]
	b.text, b.textBase, b.cur = bs.text, len(bs.text), bs.cur[:0]
	b.kind = blockPara
	b.recheck, b.space = false, true
}

// finish ends the last block, makes the blocks' texts views of the
// scratch text (no copy: the text of every HTML posting was copied here
// once, and most of the bytes the tagger allocated were that copy) and
// hands the scratch memory back to bs, keeping the text. Nothing built
// from a view outlives the call (see doc.detachEvidence).
func (b *blockBuilder) finish(bs *blockScratch) []block {
	b.flush(blockPara)
	all := unsafe.String(unsafe.SliceData(b.text), len(b.text))
	for i, sp := range b.spans {
		b.out[b.base+i].text, b.out[b.base+i].scratch = all[sp.lo:sp.hi], true
	}
	bs.text, bs.cur, bs.spans = b.text, b.cur[:0], b.spans[:0]
	return b.out
}

// abandon hands the scratch memory back to bs without making blocks,
// dropping the text added since start.
func (b *blockBuilder) abandon(bs *blockScratch) {
	bs.text, bs.cur, bs.spans = b.text[:b.textBase], b.cur[:0], b.spans[:0]
}

func (b *blockBuilder) flush(next blockKind) {
	lo := len(b.text)
	raw := unsafe.String(unsafe.SliceData(b.cur), len(b.cur)) // a view, read right away
	if !b.recheck && (len(raw) == 0 || raw[len(raw)-1] != ' ') || collapsed(raw) {
		b.text = append(b.text, raw...)
	} else {
		b.text = appendCollapsed(b.text, raw)
	}
	if len(b.text) > lo && len(b.out) < maxBlocks {
		k := b.kind
		if b.inHeading > 0 || k == blockHeading {
			k = blockHeading
		} else if b.allText > 0 && b.boldText*10 >= b.allText*9 && utf8.RuneCount(b.text[lo:]) <= 80 {
			k = blockHeading
		} else if (k == blockPara || k == blockItem) && looksLikeHeading(unsafe.String(&b.text[lo], len(b.text)-lo)) {
			// A paragraph of its own that reads as a heading ("<p>Looking
			// for someone with:<p>- Python"), or a list item introducing a
			// nested list ("<li>Experience with the following will be
			// advantageous:</li><ul>..."), is one if it names a known
			// section; addBlocks decides.
			k = blockMaybeHeading
		}
		b.out = append(b.out, block{kind: k})
		b.spans = append(b.spans, blockSpan{lo, len(b.text)})
	} else {
		b.text = b.text[:lo]
	}
	b.cur = b.cur[:0]
	b.boldText, b.allText = 0, 0
	b.recheck, b.space = false, true
	b.kind = next
}

// addText adds a text token's unescaped text (outside skipped elements):
// as lines when it holds a line break or opens a block with a bullet
// byte, else as one run (see count).
func (b *blockBuilder) addText(t string) {
	if strings.IndexByte(t, '\n') >= 0 || b.allText == 0 && len(t) > 0 && isBulletByte(t[0]) {
		b.addLines(t)
		return
	}
	b.addRun(t)
}

// isBulletByte reports whether c may start a bullet (see bulletEnd).
func isBulletByte(c byte) bool {
	return c == '-' || c == '*' || isDigit(c) || c == 0xe2 || c == 0xc2
}

// addLines adds text that may hold lines of its own. In <pre> every line
// is a block (HN comments set their lists so, in <pre><code>); elsewhere
// a line that starts with a bullet ("\n- Develop frameworks ...", what
// HN keeps of a list typed into a comment) is a list item, and other
// line breaks are spaces. Read as one paragraph, the cue of one item
// ("strong code reviews") would govern all the others.
func (b *blockBuilder) addLines(t string) {
	for i := 0; ; i++ {
		line, rest, more := strings.Cut(t, "\n")
		l := line // without its leading spaces and tabs
		for l != "" && (l[0] == ' ' || l[0] == '\t') {
			l = l[1:]
		}
		e := -1
		if l != "" && isBulletByte(l[0]) {
			e = bulletEnd(l)
		}
		switch {
		case i > 0 && e >= 0:
			b.flush(blockItem)
		case i > 0 && b.pre > 0:
			b.flush(blockPara)
		case i > 0 && typedLine(b.cur, l):
			b.flush(blockItem)
		case i > 0:
			b.addRun("\n")
		case b.allText == 0 && e >= 0:
			b.kind = blockItem // a block that opens with a bullet
		default:
			e = -1
		}
		if e >= 0 {
			line = l[e:]
		}
		b.addRun(line)
		if !more {
			return
		}
		t = rest
	}
}

// typedLine reports whether a line break inside a paragraph, after cur
// and before next, ends a line of a list typed without bullets (HN keeps
// "Strong engineering fundamentals\nComfort working across the
// stack\nExperience with PostgreSQL ... is a plus" so): next opens with
// a capital, and the line before ends in a word, a digit or a closing
// parenthesis, not in a comma, colon, dash or a word that joins it to
// the next ("built with\nKubernetes").
func typedLine(cur []byte, next string) bool {
	if next == "" || next[0] < 'A' || next[0] > 'Z' {
		return false
	}
	j := len(cur)
	for j > 0 && (cur[j-1] == ' ' || cur[j-1] == '\t' || cur[j-1] == '\r') {
		j--
	}
	if j == 0 {
		return false
	}
	if c := cur[j-1]; !(isWordByte(c) || c == ')' || c == '.' || c == '!' || c == '?') {
		return false
	}
	k := j
	for k > 0 && isASCIILetter(cur[k-1]) {
		k--
	}
	return k == j || !inWordsFold(" and or with of the a an in to for from on at by as like including using via ", unsafe.String(&cur[k], j-k))
}

// addRun adds text that holds no line of its own.
func (b *blockBuilder) addRun(t string) {
	b.cur = append(b.cur, t...)
	nonSpace, _ := b.count(t, false)
	b.allText += nonSpace
	if b.bold > 0 {
		b.boldText += nonSpace
	}
}

// addPlain is addText for a text token with no '&': it adds t and
// reports true when t holds no control byte (no line break, no byte
// simpleHTMLBlocks refuses) and opens no block with a bullet byte, which
// addText would read as lines; else it adds nothing and reports false.
// The control bytes are found by the loop that counts t: a token read
// whole, without a search for each byte first.
func (b *blockBuilder) addPlain(t string) bool {
	if b.allText == 0 && len(t) > 0 && isBulletByte(t[0]) {
		return false
	}
	nonSpace, ok := b.count(t, true)
	if !ok {
		return false
	}
	b.cur = append(b.cur, t...)
	b.allText += nonSpace
	if b.bold > 0 {
		b.boldText += nonSpace
	}
	return true
}

// count counts the non-space runes of text t added after cur and, in the
// same loop, notes what would make cur uncollapsed: a space at the start
// or after a space, other ASCII white space, white space beyond ASCII, or
// t starting inside a rune (whose first bytes ended the token before:
// only a decoding of the whole can tell). With plain set it stops at the
// first byte below ' ' instead, leaving b as it was, and reports false.
func (b *blockBuilder) count(t string, plain bool) (nonSpace int, ok bool) {
	recheck, space := b.recheck, b.space
	if len(t) > 0 && t[0]&0xc0 == 0x80 {
		recheck = true
	}
	for i := 0; i < len(t); {
		// Eight bytes of printable ASCII and spaces at once (see
		// collapsed), without a branch per fact: twice 0x80 marks a
		// space after a space in doubled, and prev the last lane's space
		// for the next eight.
		var doubled, prev uint64
		if space {
			prev = 0x80
		}
		for ; i+8 <= len(t); i += 8 {
			w := load8(t, i)
			if (w-0x20*laneOnes|w)&laneHighs != 0 { // a byte below ' ' or beyond ASCII
				break
			}
			x := w ^ 0x20*laneOnes
			sp := ^(x&laneLows + laneLows | x | laneLows) // 0x80 in the lanes that are spaces
			nonSpace += 8 - bits.OnesCount64(sp)
			doubled |= sp & (sp<<8 | prev)
			prev = sp >> 56
		}
		recheck = recheck || doubled != 0
		space = prev != 0
		if i == len(t) {
			break
		}
		if c := t[i]; c < utf8.RuneSelf {
			switch {
			case c == ' ':
				recheck = recheck || space
				space = true
			case c < ' ' && plain:
				return 0, false
			case c >= '\t' && c <= '\r':
				recheck, space = true, false
			default:
				nonSpace++
				space = false
			}
			i++
			continue
		}
		c, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsSpace(c) && c != '\u00a0' {
			nonSpace++
		}
		recheck = recheck || isCollapseSpace(c)
		space = false
		i += n
	}
	b.recheck, b.space = recheck, space
	return nonSpace, true
}

// addTag adds a start, end or self-closing tag.
func (b *blockBuilder) addTag(tt xhtml.TokenType, a atom.Atom) {
	start := tt != xhtml.EndTagToken
	switch a {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Noscript, atom.Template:
		if tt == xhtml.StartTagToken {
			b.skip++
		} else if tt == xhtml.EndTagToken && b.skip > 0 {
			b.skip--
		}
	case atom.Strong, atom.B:
		if tt == xhtml.StartTagToken {
			b.bold++
		} else if tt == xhtml.EndTagToken && b.bold > 0 {
			b.bold--
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if start {
			b.flush(blockHeading)
			b.inHeading++
		} else {
			b.flush(blockPara)
			if b.inHeading > 0 {
				b.inHeading--
			}
		}
	case atom.Li, atom.Dt, atom.Dd:
		if start {
			b.flush(blockItem)
		} else {
			b.flush(blockPara)
		}
	case atom.Pre:
		b.flush(blockPara)
		if tt == xhtml.StartTagToken {
			b.pre++
		} else if tt == xhtml.EndTagToken && b.pre > 0 {
			b.pre--
		}
	case atom.Br, atom.P, atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Tr, atom.Td,
		atom.Th, atom.Section, atom.Article, atom.Blockquote, atom.Hr, atom.Header,
		atom.Footer, atom.Main, atom.Body, atom.Html:
		b.flush(blockPara)
	default:
		// Inline tags (a, span, em, code) keep the words on
		// either side apart only when the source put space there.
	}
}

// tagAtom reads the tag name from a tag token's raw bytes the way the
// tokenizer does ("<" or "</", then up to white space, '/' or '>') and
// looks it up (see nameAtom); Tokenizer.TagName would copy the name on
// every tag.
func tagAtom[T string | []byte](raw T) atom.Atom {
	i := 1
	if len(raw) > 1 && raw[1] == '/' {
		i = 2
	}
	j := i
	for j < len(raw) && !isSpaceByte(raw[j]) && raw[j] != '/' && raw[j] != '>' {
		j++
	}
	return nameAtom(raw[i:j])
}

// nameAtom looks a tag name up, lower-cased. Names too long to be an atom
// we use are 0. The one-letter names of most tags in a post (p, a, b, i)
// are told without the lookup.
func nameAtom[T string | []byte](name T) atom.Atom {
	if len(name) == 1 {
		switch lowerASCII(name[0]) {
		case 'p':
			return atom.P
		case 'a':
			return atom.A
		case 'b':
			return atom.B
		case 'i':
			return atom.I
		}
	}
	var buf [16]byte
	if len(name) > len(buf) {
		return 0
	}
	for i := 0; i < len(name); i++ {
		buf[i] = lowerASCII(name[i])
	}
	return atom.Lookup(buf[:len(name)])
}
