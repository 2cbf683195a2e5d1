package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/skillpulse/skillpulse"
)

func (r *Report) markdownTo(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Infrastructure skill demand, week %s\n\n", r.Week)
	fmt.Fprintf(&b, "%s to %s · %d postings live", r.From.Format("Mon 2 Jan 2006"),
		r.To.AddDate(0, 0, -1).Format("Mon 2 Jan 2006"), r.Postings)
	if r.PrevPostings != nil {
		fmt.Fprintf(&b, " (%d the week before)", *r.PrevPostings)
	}
	fmt.Fprintf(&b, " · generated %s by skillpulse\n\n", r.Generated.Format("2006-01-02 15:04 MST"))
	if r.Postings == 0 {
		b.WriteString("No posting was live in a complete crawl this week, so there is nothing to measure. " +
			"Run `skillpulse crawl` during the week, or choose another with `--week`.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}

	r.markdownMovers(&b)
	r.markdownLifecycle(&b)
	r.markdownMarket(&b)
	r.markdownSkills(&b)
	r.markdownTrends(&b)
	r.markdownYears(&b)
	r.markdownPay(&b)
	markdownShares(&b, "Postings by seniority", r.Seniority)
	markdownShares(&b, "Postings by workplace", r.Workplace)
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownMarket writes the market areas beside the listings.
func (r *Report) markdownMarket(b *strings.Builder) {
	b.WriteString("## What listings ask for, against what the market requires\n\n")
	b.WriteString("*Weight* is how much the market really requires an area (config.yaml, `market`); " +
		"*listed* is the share of this week's postings naming one of its skills or a more specific skill that implies one (EKS for Kubernetes), *required* the share requiring it. " +
		"A positive gap means the area is needed more than listings say.\n\n")
	trend := r.PrevPostings != nil
	if trend {
		b.WriteString("| Area | Weight | Listed | Required | Gap | Reading | Listed vs last week |\n|---|--:|--:|--:|--:|---|--:|\n")
	} else {
		b.WriteString("| Area | Weight | Listed | Required | Gap | Reading |\n|---|--:|--:|--:|--:|---|\n")
	}
	for _, m := range r.Market {
		fmt.Fprintf(b, "| %s | %.2f | %s | %s | %s | %s |", skillpulse.MarkdownCell(m.Name), m.Weight,
			pct(m.Share), pct(m.RequiredShare), signedPct(m.Gap), m.Verdict)
		if trend {
			fmt.Fprintf(b, " %s |", changePct(m.Change))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	for _, m := range r.Market {
		fmt.Fprintf(b, "- **%s**: %s\n", skillpulse.MarkdownCell(m.Name), skillpulse.MarkdownCell(m.Explanation))
	}
	if r.MarketSource != "" {
		fmt.Fprintf(b, "\nSource of the weighting: %s\n", skillpulse.MarkdownCell(r.MarketSource))
	}
}

// markdownSkills writes the broad areas and the table of specific skills.
func (r *Report) markdownSkills(b *strings.Builder) {
	trend := r.PrevPostings != nil
	specific, broad := r.Specific()
	fmt.Fprintf(b, "\n## Skills by demand (top %d of %d)\n\n", len(r.Skills), r.SkillsTotal)
	if len(broad) > 0 {
		b.WriteString("Broad areas, named (and with the implied credit of the specific skills that name them): ")
		for i, s := range broad {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s %s named", skillpulse.MarkdownCell(s.Name), pct(s.Share))
			if s.Implied > 0 {
				fmt.Fprintf(b, " (%s with implied credit)", pct(s.ShareWithImplied))
			}
		}
		b.WriteString(".\n\n")
	}
	implied := r.HasImplied()
	if implied {
		b.WriteString("*Listed* counts postings that name a skill; *with implied* adds those that only imply it " +
			"through a more specific skill they name (EKS for Kubernetes and AWS).\n\n")
	}
	b.WriteString("| # | Skill | Category | Postings | Listed |")
	if implied {
		b.WriteString(" With implied |")
	}
	b.WriteString(" 95 % interval | Required | Preferred | Median years |")
	cols := "|--:|---|---|--:|--:|--:|--:|--:|--:|"
	if implied {
		cols += "--:|"
	}
	if trend {
		b.WriteString(" vs last week |\n" + cols + "--:|\n")
	} else {
		b.WriteString("\n" + cols + "\n")
	}
	for i, s := range specific {
		years := "–"
		if s.MedianYears > 0 {
			years = fmt.Sprintf("%g", s.MedianYears)
		}
		fmt.Fprintf(b, "| %d | %s | %s | %d | %s |", i+1, skillpulse.MarkdownCell(s.Name), skillpulse.MarkdownCell(string(s.Category)), s.Postings, pct(s.Share))
		if implied {
			fmt.Fprintf(b, " %s |", pct(s.ShareWithImplied))
		}
		fmt.Fprintf(b, " %s | %s | %d | %s |", interval95(s.ShareLow, s.ShareHigh), pct(s.RequiredShare), s.Preferred, years)
		if trend {
			fmt.Fprintf(b, " %s |", changePct(s.Change))
		}
		b.WriteString("\n")
	}
}
