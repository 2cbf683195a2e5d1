package report

import (
	"embed"
	"html/template"
	"io"
	"strings"
	"unicode"
)

//go:embed report.html.tmpl
var templates embed.FS

// htmlTemplate is parsed per call: parsing costs well under a millisecond
// and keeps the package free of mutable package-level state.
func htmlTemplate() (*template.Template, error) {
	return template.New("report.html.tmpl").Funcs(template.FuncMap{
		"pct":          pct,
		"signedPct":    signedPct,
		"changePct":    changePct,
		"specific":     func(r *Report) []SkillDemand { s, _ := r.Specific(); return s },
		"broad":        func(r *Report) []SkillDemand { _, b := r.Specific(); return b },
		"share":        func(n, total int) float64 { return ratio(n, total) },
		"inc":          func(i int) int { return i + 1 },
		"mulf":         func(i int, f float64) float64 { return float64(i) * f },
		"add2":         func(a, b float64) float64 { return a + b },
		"interval95":   interval95,
		"money":        money,
		"signedPctOf":  signedPctOf,
		"minSkillPay":  func() int { return minSkillPay },
		"moverRows":    (*Report).moverRows,
		"moverTicks":   moverTicks,
		"barTicks":     barTicks,
		"sparks":       (*Report).sparks,
		"areaChart":    (*Report).areaChart,
		"areaSection":  areaSection,
		"sparkItems":   sparkItems,
		"sparkTable":   sparkTable,
		"skillDesc":    skillDesc,
		"skillBars":    skillBarGroups,
		"skillRows":    skillTableRows,
		"marketDesc":   marketDesc,
		"marketGroups": marketGroups,
		"marketRows":   marketTableRows,
		"yearsTable":   yearsTableRows,
		"topPay":       func(r *Report, n int) []SkillPay { return r.topPay(n, r.Skills) },
		"yearsRows":    (*Report).yearsRows,
		"sourceRows":   (*Report).sourceRows,
		"label":        label,
		"bars":         skillBars,
	}).ParseFS(templates, "report.html.tmpl")
}

// htmlTo renders the report as one self-contained page: no scripts, no
// external assets, charts as inline SVG. html/template escapes every string,
// so skill names or sources with markup in them render as text.
func (r *Report) htmlTo(w io.Writer) error {
	t, err := htmlTemplate()
	if err != nil {
		return err
	}
	return t.Execute(w, r)
}

func clamp01(f float64) float64 { return min(max(f, 0), 1) }

func ratio(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// label shortens a name drawn on a chart to the width of n ordinary
// characters, ending in "…"; the chart's title and table keep the whole
// name. The width is estimated from each character's class (a W is
// nearly twice an a, an emoji twice that, a combining mark nothing), so a
// name of capitals, symbols or emoji is cut as short as it must be to
// stay inside the space the chart leaves it instead of being cut off at
// the chart's edge.
func label(s string, n int) string {
	budget := float64(n) * avgAdvance
	var w float64
	for _, r := range s {
		w += advance(r)
	}
	if w <= budget {
		return s
	}
	w = advance('…')
	for i, r := range s {
		if w += advance(r); w > budget {
			return s[:i] + "…"
		}
	}
	return s
}

// avgAdvance is the advance of an ordinary character of a name, in em:
// the widths the charts' label spaces were sized for.
const avgAdvance = 0.63

// advance estimates a character's advance in em in a sans-serif font
// (DejaVu Sans, the widest of the usual ones, where lower-case letters
// are about 0.6 em), erring wide.
func advance(r rune) float64 {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case strings.ContainsRune("ijlI.,:;|!'` ", r):
		return 0.36
	case strings.ContainsRune("frt()[]/\\-", r):
		return 0.41
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%':
		return 1
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return 0.62
	case r >= 'A' && r <= 'Z':
		return 0.74
	case r < 0x80:
		return 0.8 // symbols: < > = + ~ # & _
	case r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || r >= 0x2190 && unicode.Is(unicode.So, r):
		return 1.3 // ideographs, emoji and other pictographs
	}
	return 0.75
}
