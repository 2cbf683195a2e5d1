package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/report"
)

func (a *app) runCommand() *cobra.Command {
	var out *outputFlags
	var metricsFile string
	cmd := &cobra.Command{
		Use:   "run [--format table|json] [--json] [--metrics-file FILE]",
		Short: "The nightly job: crawl, then write this week's report",
		Long: `The nightly job for cron: crawl every source once, then write the current
week's report in the configured formats. The report is written even when a
source failed; the exit status is then 1.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			cfg, _, err := a.setup()
			if err != nil {
				return err
			}
			if _, err := a.reportTaxonomy(); err != nil {
				return err
			}
			run, err := a.crawlWithMetrics(cmd.Context(), metricsFile)
			if err != nil {
				return err
			}
			if err := printRun(a.stdout, run, format); err != nil {
				return err
			}
			week := report.DefaultWeek(time.Now())
			if format != formatJSON {
				fmt.Fprintf(a.stdout, "\nreport for %s:\n", week)
			}
			repErr := a.writeReport(cmd.Context(), week, cfg.Report.Formats, cfg.Report.Dir)
			return errors.Join(runFailure(run), repErr)
		},
	}
	out = addOutputFlags(cmd, formatTable, formatJSON)
	addMetricsFileFlag(cmd, &metricsFile)
	return cmd
}
