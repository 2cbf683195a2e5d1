package report

import "html/template"

// The skills section's per-skill parts — a report lists up to report.top
// skills, 40 by default — are written by Go for the same reason and under
// the same rules as the charts in html_charts.go.

// skillDesc writes the skills chart's description, for screen readers.
func skillDesc(specific []SkillDemand) template.HTML {
	var h htmlPart
	for _, s := range specific {
		h.text(s.Name)
		h.raw(": named in ")
		h.text(pct(s.Share))
		h.raw(", required in ")
		h.text(pct(s.RequiredShare))
		h.raw(". ")
	}
	return h.html()
}

// skillBarGroups writes each skill's stacked bar on the skills chart.
func skillBarGroups(specific []SkillDemand, total int) template.HTML {
	var h htmlPart
	for i, s := range specific {
		h.raw("\n <g transform=\"translate(0,")
		h.float(float64(i) * 22)
		h.raw(")\">\n  <text x=\"230\" y=\"14\" text-anchor=\"end\">")
		h.text(label(s.Name, 28))
		b := skillBars(s, total)
		h.raw("</text>\n  <rect x=\"240\" y=\"3\" width=\"")
		h.float(b.ReqW)
		h.raw("\" height=\"14\" fill=\"#7a3d00\"/>\n  <rect x=\"")
		h.float(b.PrefX)
		h.raw("\" y=\"3\" width=\"")
		h.float(b.PrefW)
		h.raw("\" height=\"14\" fill=\"url(#dots)\"/>\n  <rect x=\"")
		h.float(b.MentX)
		h.raw("\" y=\"3\" width=\"")
		h.float(b.MentW)
		h.raw("\" height=\"14\" fill=\"#e4e7ec\"/>\n  <text x=\"848\" y=\"14\">")
		h.text(pct(s.Share))
		h.raw("</text>\n  <title>")
		h.text(s.Name)
		h.raw(": ")
		h.int(s.Postings)
		h.raw(" postings name it, ")
		h.int(s.Required)
		h.raw(" required, ")
		h.int(s.Preferred)
		h.raw(" preferred")
		if s.Implied != 0 {
			h.raw("; ")
			h.int(s.Implied)
			h.raw(" more imply it")
		}
		h.raw("</title>\n </g>\n")
	}
	return h.html()
}

// skillTableRows writes the skills table's rows; the last column, the
// change since last week, only when there was a last week.
func skillTableRows(specific []SkillDemand, trend *int) template.HTML {
	var h htmlPart
	for i, s := range specific {
		h.raw("<tr><td class=\"n\">")
		h.int(i + 1)
		h.raw("</td><td>")
		h.text(s.Name)
		h.raw("</td><td>")
		h.text(string(s.Category))
		h.raw("</td><td class=\"n\">")
		h.int(s.Postings)
		h.raw("</td><td class=\"n\">")
		h.text(pct(s.Share))
		h.raw("</td><td class=\"n\">")
		h.text(interval95(s.ShareLow, s.ShareHigh))
		h.raw("</td><td class=\"n\">")
		h.text(pct(s.RequiredShare))
		h.raw("</td><td class=\"n\">")
		h.int(s.Preferred)
		h.raw("</td><td class=\"n\">")
		if s.MedianYears != 0 {
			h.float(s.MedianYears)
		} else {
			h.raw("–")
		}
		h.raw("</td>")
		if trend != nil {
			h.raw("<td class=\"n\">")
			h.text(changePct(s.Change))
			h.raw("</td>")
		}
		h.raw("</tr>\n")
	}
	return h.html()
}
