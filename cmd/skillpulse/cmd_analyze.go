package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/analyze"
	"github.com/skillpulse/skillpulse/resume"
)

// maxAnalyzeWeeks bounds --weeks, as the API bounds trends.
const maxAnalyzeWeeks = 52

func (a *app) analyzeCommand() *cobra.Command {
	var out *outputFlags
	var weeks, top int
	cmd := &cobra.Command{
		Use:   "analyze [FILE|-] [--weeks N] [--format table|json|md|html] [--json] [--top N]",
		Short: "Set a resume against the live market: strengths, gaps, path and best matches",
		Long: `Read a resume (plain text, Markdown, HTML, PDF or .docx, told apart by content;
a file, or standard input when FILE is - or absent) and set it against the
postings of the last --weeks weeks in the store: the skills it names and
implies, with years; the path into infrastructure engineering it reads as;
its strengths; its gaps by impact; its coverage of the market; and the
postings it fits best. The store is opened read-only and left unchanged;
the resume is never written anywhere.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("analyze takes at most one file, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			if weeks < 1 || weeks > maxAnalyzeWeeks {
				return usagef("--weeks %d: want 1 to %d", weeks, maxAnalyzeWeeks)
			}
			if top < 0 {
				return usagef("--top %d: want 0 (the default of %d) or more", top, analyze.DefaultTop)
			}
			cfg, err := a.config()
			if err != nil {
				return err
			}
			tax, err := a.reportTaxonomy()
			if err != nil {
				return err
			}
			tagger, err := a.tagger()
			if err != nil {
				return err
			}
			doc, err := a.readResume(cmd, args)
			if err != nil {
				return err
			}
			st, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer st.Close()
			now := time.Now()
			market, err := analyze.LoadMarket(cmd.Context(), st, tax, weeks, now)
			if err != nil {
				return err
			}
			if market.Postings == 0 {
				span := "the weeks asked"
				if n := len(market.Weeks); n > 0 {
					span = fmt.Sprintf("%s to %s", market.Weeks[0], market.Weeks[n-1])
				}
				fmt.Fprintf(a.stderr, "skillpulse: no posting was live in a complete crawl of %s: the gaps come from the market weighting alone (run skillpulse crawl, or give more --weeks)\n", span)
			}
			prof := resume.NewParser(tagger).Parse(doc.Text, now)
			res := analyze.Analyze(prof, market, tax, analyze.Options{Market: cfg.Market, Top: top})
			return res.Write(a.stdout, format)
		},
	}
	out = addOutputFlags(cmd, analyze.Formats...)
	cmd.Flags().IntVar(&weeks, "weeks", 4, "weeks of postings, ending with the newest crawl's week")
	cmd.Flags().IntVar(&top, "top", 0, "strengths, gaps and matches listed (0: 10 each)")
	return cmd
}

// readResume reads the resume named by args, or standard input; its
// error names which.
func (a *app) readResume(cmd *cobra.Command, args []string) (*resume.Document, error) {
	var r io.Reader = a.stdin
	name := "standard input"
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, name = f, args[0]
	}
	doc, err := resume.Read(cmd.Context(), r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}
