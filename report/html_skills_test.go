package report

import (
	"github.com/skillpulse/skillpulse"
	"strings"
	"testing"
)

// The template text the skills section's parts were written with before
// Go wrote them, with $specific, $total and $trend read from a map.
const (
	skillDescTemplate = `{{range $.specific}}{{.Name}}: named in {{pct .Share}}, required in {{pct .RequiredShare}}. {{end}}`
	skillBarsTemplate = `{{range $i, $s := $.specific}}
 <g transform="translate(0,{{mulf $i 22}})">
  <text x="230" y="14" text-anchor="end">{{label $s.Name 28}}</text>
  {{with bars $s $.total}}<rect x="240" y="3" width="{{.ReqW}}" height="14" fill="#7a3d00"/>
  <rect x="{{.PrefX}}" y="3" width="{{.PrefW}}" height="14" fill="url(#dots)"/>
  <rect x="{{.MentX}}" y="3" width="{{.MentW}}" height="14" fill="#e4e7ec"/>{{end}}
  <text x="848" y="14">{{pct $s.Share}}</text>
  <title>{{$s.Name}}: {{$s.Postings}} postings name it, {{$s.Required}} required, {{$s.Preferred}} preferred{{if $s.Implied}}; {{$s.Implied}} more imply it{{end}}</title>
 </g>
{{end}}`
	skillRowsTemplate = `{{range $i, $s := $.specific}}<tr><td class="n">{{inc $i}}</td><td>{{$s.Name}}</td><td>{{$s.Category}}</td><td class="n">{{$s.Postings}}</td><td class="n">{{pct $s.Share}}</td><td class="n">{{interval95 $s.ShareLow $s.ShareHigh}}</td><td class="n">{{pct $s.RequiredShare}}</td><td class="n">{{$s.Preferred}}</td><td class="n">{{if $s.MedianYears}}{{$s.MedianYears}}{{else}}–{{end}}</td>{{if $.trend}}<td class="n">{{changePct $s.Change}}</td>{{end}}</tr>
{{end}}`
)

func TestSkillPartsWriteWhatTheTemplateWrote(t *testing.T) {
	funcs := map[string]any{"pct": pct, "mulf": func(i int, f float64) float64 { return float64(i) * f },
		"bars": skillBars, "inc": func(i int) int { return i + 1 }, "interval95": interval95, "changePct": changePct}
	change, prev := -0.125, 40
	for _, s := range hostile {
		specific := []SkillDemand{
			{Name: s, Category: "<b>" + skillpulse.Category(s), Postings: 12, Required: 5, Preferred: 4, Mentioned: 3, Implied: 2,
				Share: 0.3, RequiredShare: 0.125, ShareLow: 0.1, ShareHigh: 0.45, MedianYears: 4.5, Change: &change},
			{Name: "Terraform", Postings: 1, Mentioned: 1, Share: 1e-9},
		}
		for _, trend := range []*int{nil, &prev} {
			data := map[string]any{"specific": specific, "total": 40, "trend": trend}
			for _, c := range []struct {
				name, tmpl, got string
			}{
				{"description", skillDescTemplate, string(skillDesc(specific))},
				{"bars", skillBarsTemplate, string(skillBarGroups(specific, 40))},
				{"table rows", skillRowsTemplate, string(skillTableRows(specific, trend))},
			} {
				if want := renderReferenceWith(t, c.tmpl, data, funcs); c.got != want {
					t.Errorf("skills %s with %q:\n got %s\nwant %s", c.name, s, c.got, want)
				}
				if strings.Contains(c.got, "<script") || strings.Contains(c.got, "<b>") || strings.Contains(c.got, `" onload`) {
					t.Errorf("skills %s carry markup from %q unescaped:\n%s", c.name, s, c.got)
				}
			}
		}
	}
}
