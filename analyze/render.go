package analyze

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/skillpulse/skillpulse"
)

// Formats are the output formats Write knows.
var Formats = []string{"table", "json", "md", "html"}

// Write renders r in format ("table", "json", "md" or "html"). Every string
// from the resume or a posting is escaped for the format: control
// characters are dropped for the terminal, Markdown marks are escaped, and
// HTML goes through html/template under a Content-Security-Policy that
// allows no script.
func (r *Result) Write(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "table":
		return r.forPeople().tableTo(w)
	case "md":
		return r.forPeople().markdownTo(w)
	case "html":
		return r.forPeople().htmlTo(w)
	}
	return fmt.Errorf("analysis: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// forPeople is a copy of r with control characters (terminal escapes,
// bells, line breaks) in its resume and posting strings made spaces, for
// the formats people read.
func (r *Result) forPeople() *Result {
	c := *r
	clean := func(s string) string { return skillpulse.Printable(s, 1<<20) }
	c.Path.Why = clean(r.Path.Why)
	c.Matches = make([]Match, len(r.Matches))
	for i, m := range r.Matches {
		m.Title, m.Company, m.URL = clean(m.Title), clean(m.Company), clean(m.URL)
		c.Matches[i] = m
	}
	c.Gaps = make([]Gap, len(r.Gaps))
	for i, g := range r.Gaps {
		g.Why = clean(g.Why)
		c.Gaps[i] = g
	}
	return &c
}

func (r *Result) window() string {
	if len(r.Weeks) == 0 {
		return ""
	}
	return fmt.Sprintf("%s to %s", r.Weeks[0], r.Weeks[len(r.Weeks)-1])
}

func (r *Result) pathLine() string {
	if r.Path.From == nil {
		return "none detected (" + r.Path.Why + ")"
	}
	return r.Path.Name + " (" + r.Path.Why + ")"
}

// experienceLine says the resume's years and level.
func (r *Result) experienceLine() string {
	return fmt.Sprintf("%d years in computing roles, %s", r.Years, r.Seniority)
}

func (r *Result) tableTo(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Market: %d postings live %s · coverage %s (postings whose asked skills the resume has at least %.0f%% of)\n",
		r.Postings, r.window(), pct(r.Coverage), CoverThreshold*100)
	fmt.Fprintf(tw, "Path: %s\n", skillpulse.Printable(r.pathLine(), 400))
	fmt.Fprintf(tw, "Experience: %s\n", r.experienceLine())
	fmt.Fprintf(tw, "Skills named (%d): %s\n", len(r.Skills), skillpulse.Printable(r.namedLine(maxListed), 600))
	fmt.Fprintf(tw, "Implied (%d): %s\n\nSTRENGTH\tSHARE\tREQUIRED\tWEIGHT\tYEARS\n", len(r.Implied), skillpulse.Printable(r.impliedLine(maxListed), 600))
	for _, s := range r.Strengths {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\n", skillpulse.Printable(s.Name, 40), pct(s.Share), pct(s.RequiredShare), s.Weight, years(s.Years))
	}
	fmt.Fprintf(tw, "\nGAP\tIMPACT\tSHARE\tREQUIRED\tWHY\n")
	for _, g := range r.Gaps {
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t%s\n", skillpulse.Printable(g.Name, 40), g.Impact, pct(g.Share), pct(g.RequiredShare), skillpulse.Printable(g.Why, 160))
	}
	fmt.Fprintf(tw, "\nMATCH\tCOMPANY\tCOVERED\tMISSING\n")
	for _, m := range r.Matches {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", skillpulse.Printable(m.Title, 60), skillpulse.Printable(m.Company, 30), pct(m.Covered), skillpulse.Printable(strings.Join(m.Missing, ", "), 80))
	}
	return tw.Flush()
}

// maxListed bounds the skills the human formats list by name.
const maxListed = 16

// namedLine lists the named skills, most years first, with their years.
func (r *Result) namedLine(n int) string {
	var parts []string
	for _, s := range r.Skills[:min(n, len(r.Skills))] {
		if s.Years > 0 {
			parts = append(parts, fmt.Sprintf("%s %dy", s.Name, s.Years))
		} else {
			parts = append(parts, s.Name)
		}
	}
	if len(r.Skills) > n {
		parts = append(parts, "…")
	}
	return strings.Join(parts, ", ")
}

// impliedLine lists the implied skills with what implies them.
func (r *Result) impliedLine(n int) string {
	var parts []string
	for _, s := range r.Implied[:min(n, len(r.Implied))] {
		parts = append(parts, fmt.Sprintf("%s (via %s)", s.Name, strings.Join(s.Via, ", ")))
	}
	if len(r.Implied) > n {
		parts = append(parts, "…")
	}
	return strings.Join(parts, ", ")
}

func years(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

// md escapes s for a Markdown table cell or a paragraph that starts with
// bold text: line breaks folded, and every character Markdown or HTML gives
// a meaning inside a line escaped ('#', '-', '+' and '!' mean something
// only at a line's start or before '[', which never happens here).
func md(s string) string { return skillpulse.MarkdownCell(skillpulse.Printable(s, 400)) }

func (r *Result) markdownTo(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Your resume against the market\n\n%d postings live %s. Coverage: **%s** of them ask for skills the resume has at least %.0f%% of.\n\n",
		r.Postings, r.window(), pct(r.Coverage), CoverThreshold*100)
	fmt.Fprintf(&b, "**Skills named (%d):** %s\n\n**Implied (%d):** %s\n\n", len(r.Skills), md(r.namedLine(maxListed)), len(r.Implied), md(r.impliedLine(maxListed)))
	fmt.Fprintf(&b, "**Path:** %s\n\n**Experience:** %s\n\n## Strengths\n\n| skill | share | required | weight | years |\n|---|---:|---:|---:|---:|\n", md(r.pathLine()), md(r.experienceLine()))
	for _, s := range r.Strengths {
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f | %s |\n", md(s.Name), pct(s.Share), pct(s.RequiredShare), s.Weight, years(s.Years))
	}
	fmt.Fprintf(&b, "\n## Gaps, by impact\n\n| skill | impact | share | required | why |\n|---|---:|---:|---:|---|\n")
	for _, g := range r.Gaps {
		fmt.Fprintf(&b, "| %s | %.2f | %s | %s | %s |\n", md(g.Name), g.Impact, pct(g.Share), pct(g.RequiredShare), md(g.Why))
	}
	fmt.Fprintf(&b, "\n## Best matches\n\n| posting | company | covered | missing |\n|---|---|---:|---|\n")
	for _, m := range r.Matches {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", md(m.Title), md(m.Company), pct(m.Covered), md(strings.Join(m.Missing, ", ")))
	}
	_, err := w.Write(b.Bytes())
	return err
}

//go:embed analysis.html.tmpl
var htmlSource string

func (r *Result) htmlTo(w io.Writer) error {
	t, err := template.New("analysis").Funcs(template.FuncMap{
		"pct": pct, "join": strings.Join, "years": years, "safeURL": safeURL,
		"named": func() string { return r.namedLine(maxListed) }, "implied": func() string { return r.impliedLine(maxListed) },
		"last": func(w []skillpulse.Week) skillpulse.Week { return w[len(w)-1] },
	}).Parse(htmlSource)
	if err != nil {
		return fmt.Errorf("analysis html template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, r); err != nil {
		return fmt.Errorf("analysis html: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

// safeURL lets only http and https links through; anything else is shown
// as text, not linked.
func safeURL(s string) string {
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return s
	}
	return ""
}
