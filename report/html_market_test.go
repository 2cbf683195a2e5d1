package report

import (
	"fmt"
	"strings"
	"testing"
)

// The template text the market section's parts and the years rows were
// written with before Go wrote them, reading their data from a map.
const (
	marketDescTemplate   = `{{range $.market}}{{.Name}}: weight {{printf "%.2f" .Weight}}, listed in {{pct .Share}}, required in {{pct .RequiredShare}}, gap {{signedPct .Gap}}. {{end}}`
	marketGroupsTemplate = `{{range $i, $m := $.market}}
 <g transform="translate(0,{{mulf $i 34}})">
  <text x="230" y="17" text-anchor="end">{{label $m.Name 28}}</text>
  <rect x="240" y="2" height="11" width="{{px $m.Weight}}" fill="url(#hatch)" stroke="#1b4f9c" stroke-width=".8"><title>weight {{printf "%.2f" $m.Weight}}</title></rect>
  <rect x="240" y="15" height="11" width="{{px $m.Share}}" fill="#f6d3a8" stroke="#7a3d00" stroke-width=".8"><title>listed in {{pct $m.Share}}</title></rect>
  <rect x="240" y="15" height="11" width="{{px $m.RequiredShare}}" fill="#7a3d00"><title>required in {{pct $m.RequiredShare}}</title></rect>
  <text x="848" y="24">{{signedPct $m.Gap}}</text>
 </g>
{{end}}`
	marketRowsTemplate = `{{range $.market}}<tr><td>{{.Name}}<div class="reason">{{.Explanation}}</div></td><td class="n">{{printf "%.2f" .Weight}}</td><td class="n">{{pct .Share}}</td><td class="n">{{interval95 .ShareLow .ShareHigh}}</td><td class="n">{{pct .RequiredShare}}</td><td class="n">{{signedPct .Gap}}</td><td class="{{.Verdict}}">{{.Verdict}}</td>{{if $.trend}}<td class="n">{{changePct .Change}}</td>{{end}}</tr>
{{end}}`
	yearsRowsTemplate = `{{range $.years}}<tr><td>{{.Name}}</td><td class="n">{{.RequiredYears.Stated}}</td>{{range .RequiredYears.Buckets}}<td class="n">{{pct .Share}}</td>{{end}}</tr>{{end}}`
)

func TestMarketAndYearsPartsWriteWhatTheTemplateWrote(t *testing.T) {
	funcs := map[string]any{"pct": pct, "signedPct": signedPct, "changePct": changePct, "interval95": interval95,
		"mulf": func(i int, f float64) float64 { return float64(i) * f },
		"px":   func(f float64) string { return fmt.Sprintf("%.1f", clamp01(f)*600) }}
	change, prev := 0.05, 40
	for _, s := range hostile {
		market := []MarketDemand{
			{Name: s, Explanation: s, Verdict: Verdict(s), Weight: 0.125, Share: 1.5, RequiredShare: -0.1, Gap: -0.333,
				ShareLow: 0.2, ShareHigh: 0.9, Change: &change},
			{Name: "Linux", Verdict: VerdictNoData, Weight: 1},
		}
		years := []SkillDemand{{Name: s, RequiredYears: &YearsDist{Stated: 7, Buckets: []YearsBucket{{Share: 0.25}, {Share: 0.75}}}}}
		for _, trend := range []*int{nil, &prev} {
			data := map[string]any{"market": market, "trend": trend, "years": years}
			for _, c := range []struct {
				name, tmpl, got string
			}{
				{"market description", marketDescTemplate, string(marketDesc(market))},
				{"market bars", marketGroupsTemplate, string(marketGroups(market))},
				{"market rows", marketRowsTemplate, string(marketTableRows(market, trend))},
				{"years rows", yearsRowsTemplate, string(yearsTableRows(years))},
			} {
				if want := renderReferenceWith(t, c.tmpl, data, funcs); c.got != want {
					t.Errorf("%s with %q:\n got %s\nwant %s", c.name, s, c.got, want)
				}
				if strings.Contains(c.got, "<script") || strings.Contains(c.got, "<img") || strings.Contains(c.got, `" onload`) {
					t.Errorf("%s carry markup from %q unescaped:\n%s", c.name, s, c.got)
				}
			}
		}
	}
}
