package main

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/report"
)

type reportFlags struct {
	week    string
	formats string
	asJSON  bool
	out     string
}

func (a *app) reportCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report [--week 2026-W47] [--format md,json] [--json] [--out DIR]",
		Short: "Write the weekly demand report from the store",
		Long: `Write the demand report for one ISO week (default: the current week) from the
postings live in that week's crawls. --out - prints a single format on stdout.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := a.setup()
			if err != nil {
				return err
			}
			week, formats, out, err := f.resolve(cfg, time.Now())
			if err != nil {
				return err
			}
			return a.writeReport(cmd.Context(), week, formats, out)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.week, "week", "", "ISO week to report, e.g. 2026-W47 (default: the current week)")
	fl.StringVar(&f.formats, "format", "", "comma-separated formats: md, json, html, csv (default: report.formats)")
	fl.BoolVar(&f.asJSON, "json", false, "shorthand for --format json")
	fl.StringVar(&f.out, "out", "", "output directory, or - for stdout (default: report.dir)")
	return cmd
}

func (f *reportFlags) resolve(cfg *config.Config, now time.Time) (skillpulse.Week, []string, string, error) {
	week := skillpulse.WeekOf(now.UTC())
	if f.week != "" {
		w, err := skillpulse.ParseWeek(f.week)
		if err != nil {
			return week, nil, "", &usageError{fmt.Errorf("--week: %w", err)}
		}
		week = w
	}
	formats := cfg.Report.Formats
	if f.asJSON {
		if f.formats != "" && f.formats != formatJSON {
			return week, nil, "", usagef("--json and --format %q ask for two formats", f.formats)
		}
		f.formats = formatJSON
	}
	if f.formats != "" {
		fs, err := splitFormats(f.formats)
		if err != nil {
			return week, nil, "", err
		}
		formats = fs
	}
	out := cfg.Report.Dir
	if f.out != "" {
		out = f.out
	}
	if out == "-" && len(formats) != 1 {
		return week, nil, "", usagef("--out - prints one format; got %d (%v)", len(formats), formats)
	}
	return week, formats, out, nil
}

// writeReport builds the week's report from the store and writes it. The
// taxonomy is parsed while the store is read — the report needs it only to
// name the skills it has counted — and is checked before anything is
// written: a market area naming a skill it does not know fails the report
// as before, with the same error.
func (a *app) writeReport(ctx context.Context, week skillpulse.Week, formats []string, out string) error {
	tax := a.parseTaxonomyAside()
	st, err := a.openExisting(ctx, true)
	if err != nil {
		return cmp.Or(tax.wait(), err)
	}
	defer st.Close()
	return a.writeReportWith(ctx, st, tax, week, formats, out)
}

// writeReportFrom writes the week's report from an open store;
// reportTaxonomy has succeeded.
func (a *app) writeReportFrom(ctx context.Context, st report.Source, week skillpulse.Week, formats []string, out string) error {
	return a.writeReportWith(ctx, st, parsedTaxonomy(a.tax), week, formats, out)
}

func (a *app) writeReportWith(ctx context.Context, st report.Source, tax *pendingTaxonomy, week skillpulse.Week, formats []string, out string) error {
	r, err := report.Build(ctx, st, tax, report.Options{
		Week: week, Market: a.cfg.Market, Top: a.cfg.Report.Top, Generated: time.Now(), MarketSource: a.cfg.MarketSource,
	})
	// The taxonomy's error comes first, as when it was parsed first.
	if err := cmp.Or(tax.wait(), err); err != nil {
		return err
	}
	if out == "-" {
		return r.WriteFormat(a.stdout, formats[0])
	}
	// A report killed while writing left its temporary files; a live
	// one writes its files in far less than staleAfter.
	if log, err := a.logger(); err == nil {
		for _, f := range config.Formats {
			removeStaleTemps(log, filepath.Join(out, report.FileName(week)+"."+f), time.Now())
		}
	}
	paths, err := report.Write(out, r, formats)
	for _, p := range paths {
		fmt.Fprintln(a.stdout, p)
	}
	return err
}
