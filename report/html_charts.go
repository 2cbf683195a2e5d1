package report

import (
	"html/template"
	"math"
	"strconv"

	"github.com/skillpulse/skillpulse"
)

// The parts of the HTML report that repeat once per week of a trend (the
// sparklines, the areas chart and its table) are written by Go rather
// than by the template: a year of weeks is thousands of template actions,
// each a reflective call, and these parts grew with the year while the
// rest of the page does not. They write the bytes the template wrote:
// every string goes through skillpulse.AppendHTML, which escapes as
// html/template does, and numbers are formatted as the template formats
// them. Each part is whole elements, so the template's contextual
// escaping of what follows is unchanged.

// htmlPart builds one such part.
type htmlPart struct{ b []byte }

// raw writes trusted markup: a literal of this package, never data.
func (h *htmlPart) raw(s string) { h.b = append(h.b, s...) }

// text writes s escaped as text or as a quoted attribute value.
func (h *htmlPart) text(s string) { h.b = skillpulse.AppendHTML(h.b, s) }

func (h *htmlPart) int(i int) { h.b = strconv.AppendInt(h.b, int64(i), 10) }

// float writes f as the template writes a float64 (fmt's %v).
func (h *htmlPart) float(f float64) {
	if math.IsInf(f, 1) {
		h.raw("Inf") // %v drops the sign strconv writes
		return
	}
	var buf [32]byte
	h.text(string(strconv.AppendFloat(buf[:0], f, 'g', -1, 64)))
}

// html is the part, marked safe: every string in it went through text.
func (h *htmlPart) html() template.HTML { return template.HTML(h.b) }

// sparkItems writes the sparklines' list items.
func sparkItems(sparks []Spark) template.HTML {
	var h htmlPart
	for i, s := range sparks {
		h.raw("\n<li><svg viewBox=\"0 0 240 120\" role=\"img\" aria-labelledby=\"sp")
		h.int(i)
		h.raw("-t sp")
		h.int(i)
		h.raw("-d\">\n <title id=\"sp")
		h.int(i)
		h.raw("-t\">")
		h.text(s.Name)
		h.raw(": ")
		h.text(s.FirstShare)
		h.raw(" in ")
		h.text(s.First)
		h.raw(", ")
		h.text(s.LastShare)
		h.raw(" in ")
		h.text(s.Last)
		h.raw("</title>\n <desc id=\"sp")
		h.int(i)
		h.raw("-d\">")
		h.text(s.Desc)
		h.raw("</desc>\n <text x=\"6\" y=\"16\" font-weight=\"600\">")
		h.text(label(s.Name, 26))
		h.raw(`</text>
 <line x1="40" x2="200" y1="92" y2="92" stroke="#9aa3b2"/><line x1="40" x2="40" y1="28" y2="92" stroke="#9aa3b2"/>
 <line x1="40" x2="200" y1="28" y2="28" stroke="#e6e9ef" stroke-dasharray="2 3"/>
 <text class="axis" x="36" y="32" text-anchor="end">`)
		h.text(s.YMax)
		h.raw("</text><text class=\"axis\" x=\"36\" y=\"95\" text-anchor=\"end\">0%</text>\n <text class=\"axis\" x=\"40\" y=\"108\" text-anchor=\"start\">")
		h.text(s.First)
		h.raw("</text><text class=\"axis\" x=\"200\" y=\"108\" text-anchor=\"end\">")
		h.text(s.Last)
		h.raw("</text>\n <text class=\"axis\" x=\"120\" y=\"118\" text-anchor=\"middle\">ISO week</text>\n <polyline points=\"")
		h.text(s.Points)
		h.raw("\" fill=\"none\" stroke=\"#1b4f9c\" stroke-width=\"2\"/>\n ")
		for _, d := range s.Dots {
			h.raw("<circle cx=\"")
			h.float(d.X)
			h.raw("\" cy=\"")
			h.float(d.Y)
			h.raw("\" r=\"2.2\" fill=\"#1b4f9c\"/>")
		}
		h.raw("\n <text x=\"204\" y=\"")
		h.float(s.LastY)
		h.raw("\" dy=\"4\">")
		h.text(s.LastShare)
		h.raw("</text>\n</svg></li>\n")
	}
	return h.html()
}

// sparkTable writes the sparklines' figures as one table, skills by
// weeks, folded under a summary on screen and printed open; the series
// share their weeks.
func sparkTable(sparks []Spark) template.HTML {
	if len(sparks) == 0 {
		return ""
	}
	var h htmlPart
	h.raw("<details><summary>The same figures as a table</summary>\n<div class=\"scroll\"><table>\n<caption class=\"note\">Share of postings naming each skill, week by week</caption>\n<thead><tr><th scope=\"col\">Skill</th>")
	for _, w := range sparks[0].Weeks {
		h.raw("<th scope=\"col\" class=\"n\">")
		h.text(w)
		h.raw("</th>")
	}
	h.raw("</tr></thead>\n<tbody>")
	for _, s := range sparks {
		h.raw("<tr><td>")
		h.text(s.Name)
		h.raw("</td>")
		for _, v := range s.Shares {
			h.raw("<td class=\"n\">")
			h.text(v)
			h.raw("</td>")
		}
		h.raw("</tr>")
	}
	h.raw("</tbody>\n</table></div>\n</details>\n")
	return h.html()
}

// areaSection writes the market areas' chart and its table; nothing when
// there is no series to draw.
func areaSection(c *AreaChart) template.HTML {
	if c == nil {
		return ""
	}
	var h htmlPart
	h.raw(`
<h3>Market areas, week by week</h3>
<p class="note">Lines differ by dash pattern and letter as well as colour. The weekly figures count skills, not areas: for an area of several skills the line is the share of its most-named skill, a floor under the area's share (marked ≥).</p>
<div class="scroll"><svg class="chart" viewBox="0 0 900 380" role="img" aria-labelledby="ar-t ar-d">
 <title id="ar-t">Share of postings listing each market area, week by week</title>
 <desc id="ar-d">`)
	for _, row := range c.Rows {
		h.text(row.Name)
		h.raw(": ")
		for j, v := range row.Shares {
			if j > 0 {
				h.raw(", ")
			}
			h.text(v)
		}
		h.raw(". ")
	}
	h.raw("</desc>\n ")
	for _, t := range c.YTicks {
		h.raw("<line x1=\"60\" x2=\"560\" y1=\"")
		h.float(t.At)
		h.raw("\" y2=\"")
		h.float(t.At)
		h.raw("\" stroke=\"#e6e9ef\"/><text class=\"axis\" x=\"54\" y=\"")
		h.float(t.At)
		h.raw("\" dy=\"4\" text-anchor=\"end\">")
		h.text(t.Label)
		h.raw("</text>")
	}
	h.raw("\n ")
	for _, t := range c.XTicks {
		h.raw("<text class=\"axis\" x=\"")
		h.float(t.At)
		h.raw("\" y=\"348\" text-anchor=\"middle\">")
		h.text(t.Label)
		h.raw("</text>")
	}
	h.raw(`
 <text class="axis" x="310" y="372" text-anchor="middle">ISO week</text>
 <text class="axis" x="14" y="175" text-anchor="middle" transform="rotate(-90 14 175)">share of postings</text>
 `)
	for _, l := range c.Lines {
		h.areaLine(l)
	}
	h.raw("\n</svg></div>\n<details><summary>The same figures as a table</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Area</th>")
	for _, w := range c.Weeks {
		h.raw("<th scope=\"col\" class=\"n\">")
		h.text(w)
		h.raw("</th>")
	}
	h.raw("</tr></thead>\n<tbody>")
	for _, row := range c.Rows {
		h.raw("<tr><td>")
		h.text(row.Name)
		h.raw("</td>")
		for _, v := range row.Shares {
			h.raw("<td class=\"n\">")
			h.text(v)
			h.raw("</td>")
		}
		h.raw("</tr>")
	}
	h.raw("</tbody>\n</table></div>\n</details>\n")
	return h.html()
}

// areaLine writes one area's line, its lettered points and its label.
func (h *htmlPart) areaLine(l AreaLine) {
	h.raw("\n <g><title>")
	h.text(l.Label)
	h.raw("</title>\n  <polyline points=\"")
	h.text(l.Points)
	h.raw("\" fill=\"none\" stroke=\"")
	h.text(l.Colour)
	h.raw("\" stroke-width=\"2\" stroke-dasharray=\"")
	h.text(l.Dash)
	h.raw("\"/>\n  ")
	for _, d := range l.Dots {
		h.raw("<text x=\"")
		h.float(d.X)
		h.raw("\" y=\"")
		h.float(d.Y)
		h.raw("\" dy=\"4\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"700\" fill=\"")
		h.text(l.Colour)
		h.raw("\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">")
		h.text(l.Marker)
		h.raw("</text>")
	}
	h.raw("\n  <text x=\"572\" y=\"")
	h.float(l.LabelY)
	h.raw("\" dy=\"4\" fill=\"")
	h.text(l.Colour)
	h.raw("\">")
	h.text(label(l.Label, 40))
	h.raw("</text>\n </g>\n ")
}
