package resume

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// glyph is one character code drawn on a page, with the text it stands for
// (more than one letter for a ligature: "fi") and where it sits.
type glyph struct {
	S                 string
	X, Y, W, FontSize float64
	runStart          bool // the first glyph of a text-showing operator
	// turn is the direction the text runs in, in quarter turns left of
	// left-to-right (1: up the page); see byDirection.
	turn int8
}

// matrix is a PDF transformation matrix.
type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) matrix { return matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

// textState is the part of the graphics state text placement needs.
type textState struct {
	tc, tw, th, tl, tfs, rise float64
	font                      *pageFont
	tm, tlm, ctm              matrix
}

// pageFont is a page's font with its decoder and glyph widths.
type pageFont struct {
	enc    pdf.TextEncoding
	font   pdf.Font
	twoB   bool            // Type0: two-byte codes
	cmap   *toUnicode      // Type0: its ToUnicode map, read here
	widths map[int]float64 // Type0 widths from the descendant's W array
	dw     float64
	// simple fonts: Widths from FirstChar, read once; none listed is
	// unknownWidth for every code. unit is what one of their units is in
	// thousandths of an em: 1, or for a Type 3 font 1000 × its
	// FontMatrix's scale (TeX's bitmap fonts list widths in hundredths).
	first    int
	simpleW  []float64
	noWidths bool
	unit     float64
	builtin  *[256]string // codes' text from the font program, see builtinEncoding
	t1       bool         // a TeX bitmap font, see texBitmapFont
}

func newPageFont(f pdf.Font, budget *int64) *pageFont {
	pf := &pageFont{font: f, enc: f.Encoder()}
	if f.V.Key("Subtype").Name() != "Type0" {
		pf.builtin = builtinEncoding(f.V, budget)
		pf.t1 = texBitmapFont(f.V)
		w := f.V.Key("Widths")
		pf.noWidths = w.Kind() != pdf.Array
		pf.first = f.FirstChar()
		pf.unit = 1
		if m := f.V.Key("FontMatrix"); f.V.Key("Subtype").Name() == "Type3" && m.Len() == 6 {
			if a := m.Index(0).Float64(); a > 0 && a <= 1 {
				pf.unit = a * 1000
			}
		}
		for i := range min(w.Len(), 1<<16) {
			pf.simpleW = append(pf.simpleW, w.Index(i).Float64())
		}
		return pf
	}
	pf.twoB, pf.dw, pf.widths = true, 1000, map[int]float64{}
	pf.cmap = readToUnicode(f.V.Key("ToUnicode"))
	d := f.V.Key("DescendantFonts").Index(0)
	if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		pf.dw = dw.Float64()
	}
	readCIDWidths(d.Key("W"), pf.widths)
	return pf
}

// readCIDWidths fills widths from a CID font's W array, whose entries are
// either "first [w1 w2 ...]" or "first last w"; both are bounded to 65,536
// codes so that a hostile array cannot make the map grow without end.
func readCIDWidths(w pdf.Value, widths map[int]float64) {
	for i := 0; i < w.Len() && i < 1<<16; {
		first := int(w.Index(i).Int64())
		if next := w.Index(i + 1); next.Kind() == pdf.Array {
			for k := range min(next.Len(), 1<<16) {
				widths[first+k] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
		for c := first; c <= last && c-first < 1<<16; c++ {
			widths[c] = width
		}
		i += 3
	}
}

// unknownWidth is the width, in thousandths of an em, given to the glyphs
// of a font that lists none (the standard 14 fonts need not): about an
// average letter's, so that a line's text spans about its real width.
const unknownWidth = 500

// decode returns a code's text: from the font's own map for a Type0 font
// that has one, else through the library's decoder.
func (f *pageFont) decode(raw string, code int) string {
	if f.cmap != nil {
		return f.cmap.decode(code)
	}
	if f.builtin != nil && code < 256 {
		return f.builtin[code]
	}
	if f.t1 {
		if s, ok := t1Text(code); ok {
			return s
		}
	}
	return f.enc.Decode(raw)
}

func (f *pageFont) width(code int) float64 {
	if !f.twoB {
		if f.noWidths {
			return unknownWidth
		}
		if k := code - f.first; k >= 0 && k < len(f.simpleW) {
			return f.simpleW[k] * f.unit
		}
		return 0
	}
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.dw
}

// pageGlyphs interprets a page's content stream and returns its glyphs in
// drawing order. It follows the text operators as the PDF specification
// sets them out (9.4), keeping each code's decoded text on one glyph, so
// that a ligature's letters stay in place, and applying word spacing.
// (The PDF library's own Page.Content ends every TJ with a "\n" it decodes
// through the font, which in a subset font's character map is a letter:
// every line of a LibreOffice table or text box gained one.)
//
// Text inside a Form XObject (the Do operator: a page placed in another
// by pdfpages or pdfjam, a stamp, a template's header) is drawn where the
// form is placed (see drawForm).
func pageGlyphs(p pdf.Page) []glyph {
	r := &glyphReader{
		res:    p.Resources(),
		fonts:  map[string]*pageFont{},
		g:      textState{th: 1, ctm: identity, tm: identity, tlm: identity},
		budget: MaxStream,
	}
	r.interpret(p.V.Key("Contents"))
	return r.out
}

// interpret runs a content stream's operators.
func (r *glyphReader) interpret(content pdf.Value) {
	pdf.Interpret(content, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		r.operator(op, args)
	})
}

// glyphReader is the state of one page's interpretation: the text state,
// its saved copies, the resources in force (the page's, or a form's) and
// their fonts as they are first used, what is left of the budget for
// forms (see drawForm), and the glyphs drawn so far.
type glyphReader struct {
	res     pdf.Value
	fonts   map[string]*pageFont
	g       textState
	stack   []textState
	opStart bool // the next glyph opens a text-showing operator
	out     []glyph
	depth   int   // forms within forms being drawn
	forms   int   // forms drawn on the page
	budget  int64 // decompressed form bytes the page may still draw
}

// maxSavedStates bounds the q/Q stack: a hostile stream of "q" operators
// cannot make it grow without end; saves past it are ignored.
const maxSavedStates = 1000

// operator applies one content-stream operator with its operands; an
// operator with the wrong number of operands is ignored.
func (r *glyphReader) operator(op string, args []pdf.Value) {
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	mat := func() matrix {
		return matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
	}
	g := &r.g
	switch op {
	case "Tj", "TJ", "'", "\"":
		r.opStart = true
	}
	switch op {
	case "q":
		if len(r.stack) < maxSavedStates {
			r.stack = append(r.stack, r.g)
		}
	case "Q":
		if n := len(r.stack); n > 0 {
			r.g, r.stack = r.stack[n-1], r.stack[:n-1]
		}
	case "cm":
		g.ctm = mat().mul(g.ctm)
	case "BT":
		g.tm, g.tlm = identity, identity
	case "Tm":
		g.tm = mat()
		g.tlm = g.tm
	case "TD":
		g.tl = -num(1)
		fallthrough
	case "Td":
		g.tlm = translate(num(0), num(1)).mul(g.tlm)
		g.tm = g.tlm
	case "T*":
		r.nextLine()
	case "TL":
		g.tl = num(0)
	case "Tc":
		g.tc = num(0)
	case "Tw":
		g.tw = num(0)
	case "Tz":
		g.th = num(0) / 100
	case "Ts":
		g.rise = num(0)
	case "Tf":
		if len(args) == 2 {
			g.font, g.tfs = r.font(args[0].Name()), num(1)
		}
	case "\"":
		if len(args) == 3 {
			g.tw, g.tc = num(0), num(1)
			r.nextLine()
			r.show(args[2].RawString())
		}
	case "'":
		r.nextLine()
		fallthrough
	case "Tj":
		if len(args) == 1 {
			r.show(args[0].RawString())
		}
	case "TJ":
		if len(args) == 1 {
			r.showArray(args[0])
		}
	case "Do":
		if len(args) == 1 {
			r.drawForm(args[0].Name())
		}
	}
}

// font returns the page's font of that resource name, read on first use.
func (r *glyphReader) font(name string) *pageFont {
	if r.fonts[name] == nil {
		r.fonts[name] = newPageFont(pdf.Font{V: r.res.Key("Font").Key(name)}, &r.budget)
	}
	return r.fonts[name]
}

// nextLine moves to the start of the next line (T*).
func (r *glyphReader) nextLine() {
	r.g.tlm = translate(0, -r.g.tl).mul(r.g.tlm)
	r.g.tm = r.g.tlm
}

// showArray shows a TJ array: strings are drawn, numbers move the text
// position back by thousandths of an em.
func (r *glyphReader) showArray(a pdf.Value) {
	for i := range a.Len() {
		x := a.Index(i)
		if x.Kind() == pdf.String {
			r.show(x.RawString())
			continue
		}
		r.g.tm = translate(-x.Float64()/1000*r.g.tfs*r.g.th, 0).mul(r.g.tm)
	}
}

// show draws a string's codes in the current font, one glyph per code
// that decodes to text, advancing the text matrix past each.
func (r *glyphReader) show(s string) {
	g := &r.g
	if g.font == nil {
		return
	}
	step := 1
	if g.font.twoB {
		step = 2
	}
	for i := 0; i+step <= len(s); i += step {
		raw := s[i : i+step]
		code := int(raw[0])
		if step == 2 {
			code = code<<8 | int(raw[1])
		}
		w0 := g.font.width(code) / 1000
		// The rendering matrix is [Tfs·Th 0; 0 Tfs; 0 rise] × Tm × CTM;
		// only its origin and the scale and direction of its first row
		// are needed.
		m := g.tm.mul(g.ctm)
		size := g.tfs * g.th * math.Hypot(m[0][0], m[0][1])
		x, y := g.rise*m[1][0]+m[2][0], g.rise*m[1][1]+m[2][1]
		if text := g.font.decode(raw, code); text != "" {
			r.out = append(r.out, glyph{S: text, X: x, Y: y, W: w0 * size, FontSize: size, runStart: r.opStart,
				turn: quarterTurns(m[0][0], m[0][1])})
			r.opStart = false
		}
		tx := w0*g.tfs + g.tc
		if step == 1 && code == ' ' {
			tx += g.tw
		}
		// Tm = translate(tx·Th, 0) × Tm.
		g.tm[2][0] += tx * g.th * g.tm[0][0]
		g.tm[2][1] += tx * g.th * g.tm[0][1]
	}
}
