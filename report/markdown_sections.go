package report

import (
	"fmt"
	"strings"

	"github.com/skillpulse/skillpulse"
)

// The Markdown sections added to the weekly report: headlines (movers),
// the week's lifecycle, trends, years asked and pay. Every scraped or
// configured string goes through sanitizeCell.

func interval95(lo, hi float64) string { return fmt.Sprintf("%s–%s", pct(lo), pct(hi)) }

func (r *Report) markdownMovers(b *strings.Builder) {
	b.WriteString("## Headlines: skills that moved beyond noise\n\n")
	fmt.Fprintf(b, "Measured %s.\n\n", r.MoversBasis)
	if len(r.Gainers) == 0 && len(r.Losers) == 0 {
		b.WriteString("No skill's share moved beyond noise this week.\n\n")
		return
	}
	for _, t := range []struct {
		title string
		ms    []Mover
	}{{"Gaining", r.Gainers}, {"Losing", r.Losers}} {
		if len(t.ms) == 0 {
			continue
		}
		fmt.Fprintf(b, "**%s**\n\n| Skill | This week | 95 %% interval | Last week | 95 %% interval | Change |\n|---|--:|--:|--:|--:|--:|\n", t.title)
		for _, m := range t.ms {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", skillpulse.MarkdownCell(m.displayName()), pct(m.Share), interval95(m.ShareLow, m.ShareHigh),
				pct(m.PrevShare), interval95(m.PrevShareLow, m.PrevShareHigh), signedPct(m.Change))
		}
		b.WriteString("\n")
	}
}

func (r *Report) markdownLifecycle(b *strings.Builder) {
	b.WriteString("## Postings this week\n\n")
	fmt.Fprintf(b, "%d new, %d closed", r.NewPostings, r.ClosedPostings)
	if r.MedianDaysOpen != nil {
		fmt.Fprintf(b, " after a median of %g days open", *r.MedianDaysOpen)
	}
	b.WriteString(".\n\n| Source | Share | 95 % interval | Postings | Crawls | Failed | Suspect |\n|---|--:|--:|--:|--:|--:|--:|\n")
	for _, c := range r.sourceRows() {
		fmt.Fprintf(b, "| %s | %s | %s | %d | %d | %d | %d |\n", skillpulse.MarkdownCell(c.Name), pct(c.Share), interval95(c.ShareLow, c.ShareHigh),
			c.Postings, c.Runs, c.Failed, c.Suspect)
	}
	b.WriteString("\nA failed or suspect crawl closes none of its source's postings.\n\n")
}

// sparkline draws shares as block characters, scaled to the series' own
// maximum; a reader compares shapes, and the numbers stand beside it.
func sparkline(ps []TrendPoint) string {
	const blocks = "▁▂▃▄▅▆▇█"
	top := 0.0
	for _, p := range ps {
		top = max(top, p.Share)
	}
	var s strings.Builder
	runes := []rune(blocks)
	for _, p := range ps {
		i := 0
		if top > 0 {
			i = int(p.Share / top * float64(len(runes)-1))
		}
		s.WriteRune(runes[i])
	}
	return s.String()
}

func (r *Report) markdownTrends(b *strings.Builder) {
	specific, _ := r.Specific()
	if len(specific) == 0 || len(specific[0].Series) < 2 {
		return
	}
	ps := specific[0].Series
	fmt.Fprintf(b, "\n## Trends, %s to %s\n\nShare of postings naming each skill, week by week (bars scaled per row).\n\n", ps[0].Week, ps[len(ps)-1].Week)
	b.WriteString("| Skill | Trend | First week | This week |\n|---|---|--:|--:|\n")
	for _, s := range specific[:min(len(specific), 12)] {
		if len(s.Series) == 0 {
			continue
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", skillpulse.MarkdownCell(s.Name), sparkline(s.Series), pct(s.Series[0].Share), pct(s.Series[len(s.Series)-1].Share))
	}
}

func (r *Report) markdownYears(b *strings.Builder) {
	specific, _ := r.Specific()
	var rows []SkillDemand
	for _, s := range specific {
		if s.RequiredYears != nil && s.RequiredYears.Stated >= 5 {
			rows = append(rows, s)
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n## Years of experience asked, where a skill is required\n\nShares of the postings that require the skill and state years for it.\n\n")
	b.WriteString("| Skill | Stating years | 0–2 | 3–4 | 5–7 | 8+ |\n|---|--:|--:|--:|--:|--:|\n")
	for _, s := range rows {
		d := s.RequiredYears
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s |\n", skillpulse.MarkdownCell(s.Name), d.Stated,
			pct(d.Buckets[0].Share), pct(d.Buckets[1].Share), pct(d.Buckets[2].Share), pct(d.Buckets[3].Share))
	}
}

func (r *Report) markdownPay(b *strings.Builder) {
	p := r.Salary
	if p == nil {
		return
	}
	fmt.Fprintf(b, "\n## Pay\n\n%d of %d postings (%s) state pay; only those count here. Figures are the midpoints of the stated ranges.\n\n",
		p.Stating, p.Postings, pct(Share(p.Stating, p.Postings)))
	if len(p.Groups) == 0 {
		return
	}
	b.WriteString("| Currency | Per | Seniority | Postings | 25th pct | Median | 75th pct |\n|---|---|---|--:|--:|--:|--:|\n")
	for _, g := range p.Groups {
		fmt.Fprintf(b, "| %s | %s | all | %d | %s | %s | %s |\n", skillpulse.MarkdownCell(g.Currency), skillpulse.MarkdownCell(g.Period), g.Count, money(g.P25), money(g.Median), money(g.P75))
		for _, s := range g.BySeniority {
			fmt.Fprintf(b, "| %s | %s | %s | %d | %s | %s | %s |\n", skillpulse.MarkdownCell(g.Currency), skillpulse.MarkdownCell(g.Period), skillpulse.MarkdownCell(s.Seniority), s.Count, money(s.P25), money(s.Median), money(s.P75))
		}
	}
	if top := r.topPay(12, r.Skills); len(top) > 0 {
		fmt.Fprintf(b, "\nMedian pay of postings naming a skill, where at least %d state it, against all postings in the same currency and period (the JSON and CSV list every currency):\n\n", minSkillPay)
		b.WriteString("| Skill | Currency | Per | Postings | Median | Premium |\n|---|---|---|--:|--:|--:|\n")
		for _, s := range top {
			fmt.Fprintf(b, "| %s | %s | %s | %d | %s | %s |\n", skillpulse.MarkdownCell(s.Name), skillpulse.MarkdownCell(s.Currency), skillpulse.MarkdownCell(s.Period), s.Count, money(s.Median), signedPctOf(s.Premium))
		}
	}
}

// money writes an amount with thousands separators: 142500 → "142,500".
func money(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// signedPctOf formats a ratio as a signed percentage: 0.081 → "+8%".
func signedPctOf(f float64) string {
	s := fmt.Sprintf("%+.0f%%", f*100)
	if s == "+0%" || s == "-0%" {
		return "0%"
	}
	return s
}

// markdownShares writes a breakdown with shares first and counts beside.
func markdownShares(b *strings.Builder, title string, cs []Count) {
	fmt.Fprintf(b, "\n## %s\n\n| | Share | 95 %% interval | Postings |\n|---|--:|--:|--:|\n", title)
	for _, c := range cs {
		fmt.Fprintf(b, "| %s | %s | %s | %d |\n", skillpulse.MarkdownCell(c.Name), pct(c.Share), interval95(c.ShareLow, c.ShareHigh), c.Postings)
	}
}
