package report

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"
)

// The templates the sparklines and the areas chart were written with
// before Go wrote them: the reference the Go parts must match byte for
// byte, whatever the strings in them.
const (
	sparkItemsTemplate = `{{range $i, $s := .}}
<li><svg viewBox="0 0 240 120" role="img" aria-labelledby="sp{{$i}}-t sp{{$i}}-d">
 <title id="sp{{$i}}-t">{{$s.Name}}: {{$s.FirstShare}} in {{$s.First}}, {{$s.LastShare}} in {{$s.Last}}</title>
 <desc id="sp{{$i}}-d">{{$s.Desc}}</desc>
 <text x="6" y="16" font-weight="600">{{label $s.Name 26}}</text>
 <line x1="40" x2="200" y1="92" y2="92" stroke="#9aa3b2"/><line x1="40" x2="40" y1="28" y2="92" stroke="#9aa3b2"/>
 <line x1="40" x2="200" y1="28" y2="28" stroke="#e6e9ef" stroke-dasharray="2 3"/>
 <text class="axis" x="36" y="32" text-anchor="end">{{$s.YMax}}</text><text class="axis" x="36" y="95" text-anchor="end">0%</text>
 <text class="axis" x="40" y="108" text-anchor="start">{{$s.First}}</text><text class="axis" x="200" y="108" text-anchor="end">{{$s.Last}}</text>
 <text class="axis" x="120" y="118" text-anchor="middle">ISO week</text>
 <polyline points="{{$s.Points}}" fill="none" stroke="#1b4f9c" stroke-width="2"/>
 {{range $s.Dots}}<circle cx="{{.X}}" cy="{{.Y}}" r="2.2" fill="#1b4f9c"/>{{end}}
 <text x="204" y="{{$s.LastY}}" dy="4">{{$s.LastShare}}</text>
</svg></li>
{{end}}`
	areaSectionTemplate = `{{with .}}
<h3>Market areas, week by week</h3>
<p class="note">Lines differ by dash pattern and letter as well as colour. The weekly figures count skills, not areas: for an area of several skills the line is the share of its most-named skill, a floor under the area's share (marked ≥).</p>
<div class="scroll"><svg class="chart" viewBox="0 0 900 380" role="img" aria-labelledby="ar-t ar-d">
 <title id="ar-t">Share of postings listing each market area, week by week</title>
 <desc id="ar-d">{{range .Rows}}{{.Name}}: {{range $j, $v := .Shares}}{{if $j}}, {{end}}{{$v}}{{end}}. {{end}}</desc>
 {{range .YTicks}}<line x1="60" x2="560" y1="{{.At}}" y2="{{.At}}" stroke="#e6e9ef"/><text class="axis" x="54" y="{{.At}}" dy="4" text-anchor="end">{{.Label}}</text>{{end}}
 {{range .XTicks}}<text class="axis" x="{{.At}}" y="348" text-anchor="middle">{{.Label}}</text>{{end}}
 <text class="axis" x="310" y="372" text-anchor="middle">ISO week</text>
 <text class="axis" x="14" y="175" text-anchor="middle" transform="rotate(-90 14 175)">share of postings</text>
 {{range .Lines}}
 <g><title>{{.Label}}</title>
  <polyline points="{{.Points}}" fill="none" stroke="{{.Colour}}" stroke-width="2" stroke-dasharray="{{.Dash}}"/>
  {{$l := .}}{{range .Dots}}<text x="{{.X}}" y="{{.Y}}" dy="4" text-anchor="middle" font-size="10" font-weight="700" fill="{{$l.Colour}}" stroke="#fff" stroke-width="3" paint-order="stroke">{{$l.Marker}}</text>{{end}}
  <text x="572" y="{{.LabelY}}" dy="4" fill="{{.Colour}}">{{label .Label 40}}</text>
 </g>
 {{end}}
</svg></div>
<details><summary>The same figures as a table</summary>
<div class="scroll"><table>
<thead><tr><th scope="col">Area</th>{{range .Weeks}}<th scope="col" class="n">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr><td>{{.Name}}</td>{{range .Shares}}<td class="n">{{.}}</td>{{end}}</tr>{{end}}</tbody>
</table></div>
</details>
{{end}}`
)

func renderReference(t *testing.T, text string, data any) string {
	t.Helper()
	return renderReferenceWith(t, text, data, nil)
}

// renderReferenceWith renders text with html/template, with label and
// funcs as its functions.
func renderReferenceWith(t *testing.T, text string, data any, funcs template.FuncMap) string {
	t.Helper()
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"label": label}).Funcs(funcs).Parse(text))
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// hostile are strings that try to become markup or leave an attribute.
var hostile = []string{`<script>alert(1)</script>`, `" onload="alert(1)`, `'><img src=x onerror=alert(1)>`,
	"C++ & Go\x00", "Über ≥ 49 % …"}

func TestChartPartsWriteWhatTheTemplateWrote(t *testing.T) {
	for _, s := range hostile {
		sparks := []Spark{
			{Name: s, Points: s, Dots: []XY{{40, 73.71428571428571}, {200, 1e21}}, YMax: s, First: s, Last: "W47",
				FirstShare: s, LastShare: "49%", LastY: 31.04457142857143, Desc: s},
			{Name: "Terraform", Points: "40.0,92.0 200.0,28.0", Dots: []XY{{40, 92}, {120, -0.5}, {200, 28}}},
		}
		if got, want := string(sparkItems(sparks)), renderReference(t, sparkItemsTemplate, sparks); got != want {
			t.Errorf("sparkline items with %q:\n got %s\nwant %s", s, got, want)
		}
		chart := &AreaChart{
			Lines: []AreaLine{{Name: s, Points: s, Dash: s, Colour: s, Marker: s, Dots: []XY{{60, 330}, {560, 1e-7}},
				LabelY: 20, Label: s + s}, {Name: "Linux", Colour: "#1b4f9c", Marker: "B", Dots: []XY{{60, 100}}}},
			XTicks: []Tick{{60, s}, {560, "W47"}},
			YTicks: []Tick{{330, "0%"}, {20.5, s}},
			Weeks:  []string{s, "2026-W47"},
			Rows:   []AreaRow{{Name: s, Shares: []string{s, "≥49%"}}, {Name: "Linux"}},
		}
		if got, want := string(areaSection(chart)), renderReference(t, areaSectionTemplate, chart); got != want {
			t.Errorf("areas chart with %q:\n got %s\nwant %s", s, got, want)
		}
		for _, part := range []string{string(sparkItems(sparks)), string(areaSection(chart))} {
			if strings.Contains(part, "<script") || strings.Contains(part, "<img") || strings.Contains(part, `" onload`) {
				t.Errorf("a chart part carries markup from %q unescaped:\n%s", s, part)
			}
		}
	}
	if got := areaSection(nil); got != "" {
		t.Errorf("no areas chart: got %q, want nothing", got)
	}
}

func TestChartLabelsAreCutByTheirWidth(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"an ordinary name that fits is kept whole", "Identity and access management", 28, "Identity and access management"},
		{"a long lower-case name is cut with an ellipsis", strings.Repeat("kubernetes ", 5), 28, "kubernetes kubernetes kubernet…"},
		{"capitals are cut shorter than lower case", strings.Repeat("W", 40), 28, strings.Repeat("W", 16) + "…"},
		{"emoji are cut shorter still, whole", strings.Repeat("🚀", 40), 28, strings.Repeat("🚀", 12) + "…"},
		{"combining marks take no room", "Z" + strings.Repeat("\u0301", 300) + "algo", 28, "Z" + strings.Repeat("\u0301", 300) + "algo"},
		{"markup symbols are wide", strings.Repeat("<>", 20), 28, strings.Repeat("<>", 10) + "<…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := label(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("label(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("label(%q, %d) = %q: not valid UTF-8", tt.in, tt.n, got)
			}
		})
	}
}

func TestSparklineFiguresAreATableBesideThem(t *testing.T) {
	sparks := []Spark{
		{Name: hostile[0], Weeks: []string{"2026-W46", "2026-W47"}, Shares: []string{"20%", "67%"}},
		{Name: "Linux", Weeks: []string{"2026-W46", "2026-W47"}, Shares: []string{"50%", "55%"}},
	}
	got := string(sparkTable(sparks))
	for _, want := range []string{
		`<th scope="col">Skill</th><th scope="col" class="n">2026-W46</th><th scope="col" class="n">2026-W47</th></tr></thead>`,
		`<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class="n">20%</td><td class="n">67%</td></tr>`,
		`<tr><td>Linux</td><td class="n">50%</td><td class="n">55%</td></tr>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the sparklines' table lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script") {
		t.Errorf("a skill's name is markup in the table:\n%s", got)
	}
	if got := sparkTable(nil); got != "" {
		t.Errorf("no sparklines: got %q, want no table", got)
	}
}

func TestAreaLabelsStayAboveTheWeekAxis(t *testing.T) {
	// Eleven areas that all end near 0 %: their labels stack downwards
	// from the baseline and must not reach the week labels under it.
	r := &Report{}
	for i := range 11 {
		r.Market = append(r.Market, MarketDemand{Name: fmt.Sprintf("Area %d", i), Series: []TrendPoint{{Share: 0.3}, {Share: 0.01 * float64(i%2)}}})
	}
	c := r.areaChart()
	for _, l := range c.Lines {
		// A label's text runs from 9 above its y to 4 below (dy="4");
		// the week labels' tops are at 348 less their height, 338.
		if l.LabelY+4+3 > 348-10 {
			t.Errorf("%s's label at y=%.1f reaches the week labels under the plot (top at 338)", l.Label, l.LabelY)
		}
	}
}
