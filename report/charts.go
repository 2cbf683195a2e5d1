package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Chart geometry for the HTML report. Go computes every coordinate; the
// template only places numbers and escaped text, so no scraped string is
// ever part of markup.

// Spark is one small-multiple trend chart.
type Spark struct {
	Name       string
	Points     string // polyline points "x,y x,y"
	Dots       []XY
	YMax       string // the y axis's top label, "70%"
	First      string // first week, "W41"
	Last       string // last week, "W49"
	FirstShare string
	LastShare  string
	LastY      float64
	Desc       string // the series in words, for screen readers
	// Weeks and Shares are the series for the table beside the charts:
	// "2026-W41", "27%".
	Weeks, Shares []string
}

// XY is a point in a chart's viewBox.
type XY struct{ X, Y float64 }

// Sparkline box: the plot area inside a 240×120 viewBox.
const (
	spX0, spX1 = 40.0, 200.0
	spY0, spY1 = 28.0, 92.0
)

// niceTop rounds a share up to the next 10 % (at least 10 %).
func niceTop(v float64) float64 { return max(0.1, math.Ceil(v*10-1e-9)/10) }

func weekLabel(p TrendPoint) string { return fmt.Sprintf("W%02d", p.Week.Num) }

// sparks draws the top specific skills' trends.
func (r *Report) sparks(n int) []Spark {
	specific, _ := r.Specific()
	var out []Spark
	for _, s := range specific[:min(n, len(specific))] {
		if len(s.Series) < 2 {
			continue
		}
		top := 0.0
		for _, p := range s.Series {
			top = max(top, p.Share)
		}
		top = niceTop(top)
		sp := Spark{Name: s.Name, YMax: pct(top), First: weekLabel(s.Series[0]), Last: weekLabel(s.Series[len(s.Series)-1]),
			FirstShare: pct(s.Series[0].Share), LastShare: pct(s.Series[len(s.Series)-1].Share)}
		var pts, desc []string
		for i, p := range s.Series {
			x := spX0 + (spX1-spX0)*float64(i)/float64(len(s.Series)-1)
			y := spY1 - (spY1-spY0)*p.Share/top
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			sp.Dots = append(sp.Dots, XY{x, y})
			desc = append(desc, fmt.Sprintf("%s %s", p.Week, pct(p.Share)))
			sp.Weeks, sp.Shares = append(sp.Weeks, p.Week.String()), append(sp.Shares, pct(p.Share))
		}
		sp.Points = strings.Join(pts, " ")
		sp.LastY = sp.Dots[len(sp.Dots)-1].Y
		sp.Desc = fmt.Sprintf("Share of postings naming %s, week by week: %s.", s.Name, strings.Join(desc, ", "))
		out = append(out, sp)
	}
	return out
}

// AreaLine is one market area's line on the areas chart.
type AreaLine struct {
	Name   string
	Points string
	Dash   string // stroke-dasharray: lines differ by pattern, not colour alone
	Colour string
	Marker string // a letter drawn at each point and at the label
	Dots   []XY
	LabelY float64
	Label  string // "Linux 49%", with "≥" where the series is a floor
}

// AreaChart is the market areas' trends in one chart.
type AreaChart struct {
	Lines  []AreaLine
	XTicks []Tick
	YTicks []Tick
	Weeks  []string // column heads of the text table
	Rows   []AreaRow
}

// AreaRow is one area's series as text.
type AreaRow struct {
	Name   string
	Shares []string
}

// Tick is an axis tick: its position and label.
type Tick struct {
	At    float64
	Label string
}

// Areas chart box: plot area inside a 900×380 viewBox.
const (
	arX0, arX1 = 60.0, 560.0
	arY0, arY1 = 20.0, 330.0
)

var (
	areaDashes  = []string{"", "8 4", "2 3", "12 4 2 4", "4 4", "1 6", "10 2", "6 3 1 3"}
	areaColours = []string{"#1b4f9c", "#b35c00", "#2f7d32", "#7b2d8b", "#a3202d", "#00707a", "#5d4a00", "#333f50"}
)

func (r *Report) areaChart() *AreaChart {
	if len(r.Market) == 0 || len(r.Market[0].Series) < 2 {
		return nil
	}
	weeks := r.Market[0].Series
	c := &AreaChart{}
	x := func(i int) float64 { return arX0 + (arX1-arX0)*float64(i)/float64(len(weeks)-1) }
	y := func(s float64) float64 { return arY1 - (arY1-arY0)*s }
	for i, p := range weeks {
		c.XTicks = append(c.XTicks, Tick{x(i), weekLabel(p)})
		c.Weeks = append(c.Weeks, p.Week.String())
	}
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		c.YTicks = append(c.YTicks, Tick{y(v), pct(v)})
	}
	for i, m := range r.Market {
		l := AreaLine{Name: m.Name, Dash: areaDashes[i%len(areaDashes)], Colour: areaColours[i%len(areaColours)],
			Marker: string(rune('A' + i%26))}
		var pts []string
		row := AreaRow{Name: m.Name}
		for j, p := range m.Series {
			pt := XY{x(j), y(p.Share)}
			l.Dots = append(l.Dots, pt)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", pt.X, pt.Y))
			row.Shares = append(row.Shares, floorPct(p.Share, m.SeriesLowerBound))
		}
		l.Points = strings.Join(pts, " ")
		l.LabelY = l.Dots[len(l.Dots)-1].Y
		l.Label = fmt.Sprintf("%s %s %s", l.Marker, m.Name, floorPct(m.Series[len(m.Series)-1].Share, m.SeriesLowerBound))
		c.Lines = append(c.Lines, l)
		c.Rows = append(c.Rows, row)
	}
	spreadLabels(c.Lines, 15, arY0, arY1) // the week labels sit under arY1
	return c
}

func floorPct(s float64, floor bool) string {
	if floor {
		return "≥" + pct(s)
	}
	return pct(s)
}

// spreadLabels moves end-of-line labels apart so that none overlaps,
// keeping their order by height.
func spreadLabels(ls []AreaLine, gap, top, bottom float64) {
	idx := make([]int, len(ls))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ls[a].LabelY < ls[b].LabelY:
			return -1
		case ls[a].LabelY > ls[b].LabelY:
			return 1
		}
		return 0
	})
	prev := top - gap
	for _, i := range idx {
		ls[i].LabelY = max(ls[i].LabelY, prev+gap)
		prev = ls[i].LabelY
	}
	// If the stack ran off the bottom, push it back up.
	if over := prev - bottom; over > 0 {
		for _, i := range idx {
			ls[i].LabelY -= over
		}
	}
}

// MoverRow is one mover on the movers chart: both weeks' intervals.
type MoverRow struct {
	Mover
	Y                   float64
	PrevX0, PrevW       float64
	CurX0, CurW         float64
	PrevDot, CurDot     float64
	Gain                bool
	Display             string // the name as shown, "(broad area)" for umbrellas
	ChangeLabel         string
	CurLabel, PrevLabel string
}

// Movers chart: shares run from mvX0 (0 %) to mvX1 (100 %).
const (
	mvX0, mvX1 = 230.0, 790.0
	mvRow      = 40.0
)

func mvX(s float64) float64 { return mvX0 + (mvX1-mvX0)*s }

func (r *Report) moverRows() []MoverRow {
	var rows []MoverRow
	add := func(ms []Mover, gain bool) {
		for _, m := range ms {
			y := float64(len(rows)) * mvRow
			rows = append(rows, MoverRow{Mover: m, Y: y, Gain: gain, Display: m.displayName(),
				PrevX0: mvX(m.PrevShareLow), PrevW: max(1, mvX(m.PrevShareHigh)-mvX(m.PrevShareLow)),
				CurX0: mvX(m.ShareLow), CurW: max(1, mvX(m.ShareHigh)-mvX(m.ShareLow)),
				PrevDot: mvX(m.PrevShare), CurDot: mvX(m.Share), ChangeLabel: signedPct(m.Change),
				CurLabel:  fmt.Sprintf("this week %s (%s)", pct(m.Share), interval95(m.ShareLow, m.ShareHigh)),
				PrevLabel: fmt.Sprintf("last week %s (%s)", pct(m.PrevShare), interval95(m.PrevShareLow, m.PrevShareHigh))})
		}
	}
	add(r.Gainers, true)
	add(r.Losers, false)
	return rows
}

// moverTicks are the movers chart's x-axis ticks.
func moverTicks() []Tick {
	var t []Tick
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		t = append(t, Tick{mvX(v), pct(v)})
	}
	return t
}

// barTicks are the x-axis ticks of the bar charts (0..100 % over 600 units from 240).
func barTicks() []Tick {
	var t []Tick
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		t = append(t, Tick{240 + 600*v, pct(v)})
	}
	return t
}

// topPay is the human formats' pick of skill pay: the largest currency
// group's specific skills, by premium, at most n.
func (r *Report) topPay(n int, skills []SkillDemand) []SkillPay {
	if r.Salary == nil || len(r.Salary.Groups) == 0 {
		return nil
	}
	g := r.Salary.Groups[0]
	umbrella := map[string]bool{}
	for _, s := range skills {
		umbrella[s.ID] = s.Umbrella
	}
	var out []SkillPay
	for _, s := range r.Salary.Skills {
		if s.Currency == g.Currency && s.Period == g.Period && !umbrella[s.ID] {
			out = append(out, s)
		}
	}
	return out[:min(n, len(out))]
}

// yearsRows are the specific skills with enough postings stating years to
// show their distribution (at least 5).
func (r *Report) yearsRows() []SkillDemand {
	specific, _ := r.Specific()
	var out []SkillDemand
	for _, s := range specific {
		if s.RequiredYears != nil && s.RequiredYears.Stated >= 5 {
			out = append(out, s)
		}
	}
	return out
}

// SourceRow is a source's share of postings beside its crawls.
type SourceRow struct {
	Count
	Runs, Failed, Suspect int
}

func (r *Report) sourceRows() []SourceRow {
	health := map[string]SourceHealth{}
	for _, h := range r.SourceHealth {
		health[h.Name] = h
	}
	var out []SourceRow
	listed := map[string]bool{}
	for _, c := range r.Sources {
		h := health[c.Name]
		listed[c.Name] = true
		out = append(out, SourceRow{Count: c, Runs: h.Runs, Failed: h.Failed, Suspect: h.Suspect})
	}
	// A source crawled this week that listed nothing (it failed every
	// night, say) is shown too, with no postings.
	for _, h := range r.SourceHealth {
		if !listed[h.Name] {
			c := Count{Name: h.Name}
			c.ShareLow, c.ShareHigh = Wilson(0, r.Postings)
			out = append(out, SourceRow{Count: c, Runs: h.Runs, Failed: h.Failed, Suspect: h.Suspect})
		}
	}
	return out
}

// Bars are one skill's stacked bar on the skills chart, in the chart's
// units: required from x 240, then preferred, then only mentioned; 600
// units are all the week's postings.
type Bars struct{ ReqW, PrefX, PrefW, MentX, MentW float64 }

func skillBars(s SkillDemand, total int) Bars {
	w := func(n int) float64 { return math.Round(clamp01(ratio(n, total))*6000) / 10 }
	b := Bars{ReqW: w(s.Required), PrefW: w(s.Preferred), MentW: w(s.Mentioned)}
	b.PrefX = 240 + b.ReqW
	b.MentX = b.PrefX + b.PrefW
	return b
}
