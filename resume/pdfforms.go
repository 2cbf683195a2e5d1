package resume

import (
	"io"

	"github.com/ledongthuc/pdf"
)

// Bounds on the Form XObjects one page draws, so that forms that draw
// forms (or themselves) cannot multiply the work: at most maxFormDepth
// within one another, maxForms in all, and MaxStream decompressed bytes of
// them in all (each counted before it is interpreted).
const (
	maxFormDepth = 8
	maxForms     = 256
)

// drawForm draws the Form XObject of that name in the resources in force
// (Do): its content runs with its /Matrix applied to the current
// transformation, its own /Resources (else those in force), and a
// graphics state that is restored after it, as the specification says
// (8.10). Images and forms past the bounds draw nothing.
func (r *glyphReader) drawForm(name string) {
	x := r.res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" || r.depth >= maxFormDepth || r.forms >= maxForms {
		return
	}
	r.forms++
	n, ok := streamSize(x, r.budget)
	if !ok {
		r.budget = 0 // nothing more fits
		return
	}
	r.budget -= n
	res, fonts, g, stack := r.res, r.fonts, r.g, r.stack
	defer func() {
		r.res, r.fonts, r.g, r.stack = res, fonts, g, stack
		r.depth--
	}()
	r.depth++
	if m := x.Key("Matrix"); m.Len() == 6 {
		n := func(i int) float64 { return m.Index(i).Float64() }
		r.g.ctm = matrix{{n(0), n(1), 0}, {n(2), n(3), 0}, {n(4), n(5), 1}}.mul(r.g.ctm)
	}
	if own := x.Key("Resources"); own.Kind() == pdf.Dict {
		r.res, r.fonts = own, map[string]*pageFont{}
	}
	r.stack = nil // the form's Q cannot restore a state saved outside it
	r.interpret(x)
}

// streamSize decompresses a stream into a counter and reports its size,
// ok only when it is readable and at most limit bytes.
func streamSize(v pdf.Value, limit int64) (int64, bool) {
	rc := v.Reader()
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, limit+1))
	return n, err == nil && n <= limit
}
