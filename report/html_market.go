package report

import (
	"fmt"
	"html/template"
)

// The market section's per-area parts and the years table's per-skill
// rows, written by Go for the same reason and under the same rules as the
// charts in html_charts.go.

// marketDesc writes the market chart's description, for screen readers.
func marketDesc(market []MarketDemand) template.HTML {
	var h htmlPart
	for _, m := range market {
		h.text(m.Name)
		h.raw(": weight ")
		h.text(fmt.Sprintf("%.2f", m.Weight))
		h.raw(", listed in ")
		h.text(pct(m.Share))
		h.raw(", required in ")
		h.text(pct(m.RequiredShare))
		h.raw(", gap ")
		h.text(signedPct(m.Gap))
		h.raw(". ")
	}
	return h.html()
}

// marketGroups writes each area's bars on the market chart.
func marketGroups(market []MarketDemand) template.HTML {
	var h htmlPart
	px := func(f float64) { h.text(fmt.Sprintf("%.1f", clamp01(f)*600)) }
	for i, m := range market {
		h.raw("\n <g transform=\"translate(0,")
		h.float(float64(i) * 34)
		h.raw(")\">\n  <text x=\"230\" y=\"17\" text-anchor=\"end\">")
		h.text(label(m.Name, 28))
		h.raw("</text>\n  <rect x=\"240\" y=\"2\" height=\"11\" width=\"")
		px(m.Weight)
		h.raw("\" fill=\"url(#hatch)\" stroke=\"#1b4f9c\" stroke-width=\".8\"><title>weight ")
		h.text(fmt.Sprintf("%.2f", m.Weight))
		h.raw("</title></rect>\n  <rect x=\"240\" y=\"15\" height=\"11\" width=\"")
		px(m.Share)
		h.raw("\" fill=\"#f6d3a8\" stroke=\"#7a3d00\" stroke-width=\".8\"><title>listed in ")
		h.text(pct(m.Share))
		h.raw("</title></rect>\n  <rect x=\"240\" y=\"15\" height=\"11\" width=\"")
		px(m.RequiredShare)
		h.raw("\" fill=\"#7a3d00\"><title>required in ")
		h.text(pct(m.RequiredShare))
		h.raw("</title></rect>\n  <text x=\"848\" y=\"24\">")
		h.text(signedPct(m.Gap))
		h.raw("</text>\n </g>\n")
	}
	return h.html()
}

// marketTableRows writes the market table's rows; the change since last
// week only when there was a last week.
func marketTableRows(market []MarketDemand, trend *int) template.HTML {
	var h htmlPart
	for _, m := range market {
		h.raw("<tr><td>")
		h.text(m.Name)
		h.raw("<div class=\"reason\">")
		h.text(m.Explanation)
		h.raw("</div></td><td class=\"n\">")
		h.text(fmt.Sprintf("%.2f", m.Weight))
		h.raw("</td><td class=\"n\">")
		h.text(pct(m.Share))
		h.raw("</td><td class=\"n\">")
		h.text(interval95(m.ShareLow, m.ShareHigh))
		h.raw("</td><td class=\"n\">")
		h.text(pct(m.RequiredShare))
		h.raw("</td><td class=\"n\">")
		h.text(signedPct(m.Gap))
		h.raw("</td><td class=\"")
		h.text(string(m.Verdict))
		h.raw("\">")
		h.text(string(m.Verdict))
		h.raw("</td>")
		if trend != nil {
			h.raw("<td class=\"n\">")
			h.text(changePct(m.Change))
			h.raw("</td>")
		}
		h.raw("</tr>\n")
	}
	return h.html()
}

// yearsTableRows writes the years table's rows.
func yearsTableRows(years []SkillDemand) template.HTML {
	var h htmlPart
	for _, s := range years {
		h.raw("<tr><td>")
		h.text(s.Name)
		h.raw("</td><td class=\"n\">")
		h.int(s.RequiredYears.Stated)
		h.raw("</td>")
		for _, b := range s.RequiredYears.Buckets {
			h.raw("<td class=\"n\">")
			h.text(pct(b.Share))
			h.raw("</td>")
		}
		h.raw("</tr>")
	}
	return h.html()
}
