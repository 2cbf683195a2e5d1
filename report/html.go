package report

import (
	"embed"
	"html/template"
	"io"
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

// label shortens a name drawn on a chart to n characters, ending in "…";
// the chart's title and table keep the whole name.
func label(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
