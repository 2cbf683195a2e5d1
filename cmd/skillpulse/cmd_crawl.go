package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/pipeline"
	"github.com/skillpulse/skillpulse/store"
)

func (a *app) crawlCommand() *cobra.Command {
	var out *outputFlags
	var metricsFile string
	cmd := &cobra.Command{
		Use:   "crawl [--format table|json] [--json] [--metrics-file FILE]",
		Short: "Crawl every configured source once, tag the postings and store a snapshot",
		Long: `Crawl every configured source once, tag new and changed postings, and record
the run and a snapshot of the live postings. Prints a summary per source;
--json (--format json) prints it as one JSON object instead. Exits 1 if any source failed or
was suspect (its postings are then kept live, never closed).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			run, err := a.crawlWithMetrics(cmd.Context(), metricsFile)
			if err != nil {
				return err
			}
			if err := printRun(a.stdout, run, format); err != nil {
				return err
			}
			return runFailure(run)
		},
	}
	out = addOutputFlags(cmd, formatTable, formatJSON)
	addMetricsFileFlag(cmd, &metricsFile)
	return cmd
}

// crawl runs one crawl with the configured sources; now is its clock (nil:
// the wall clock). The crawl lock is taken before any fetch and held to the
// end, so two crawls never interleave; the file itself is held only for
// each transaction, so other commands and a serving process read and write
// it meanwhile.
func (a *app) crawl(ctx context.Context, now func() time.Time) (skillpulse.Run, error) {
	if _, _, err := a.setup(); err != nil {
		return skillpulse.Run{}, err
	}
	if _, err := a.tagger(); err != nil {
		return skillpulse.Run{}, err
	}
	st, err := a.openStore(ctx, false)
	if err != nil {
		return skillpulse.Run{}, err
	}
	defer st.Close()
	return a.crawlInto(ctx, st, now)
}

// crawlInto runs one crawl into an open store, holding the store's crawl
// lock throughout: a second crawl, here or in another process, is refused
// with "a crawl is in progress (pid N, started T)". setup and tagger have
// succeeded.
func (a *app) crawlInto(ctx context.Context, st *store.Store, now func() time.Time) (skillpulse.Run, error) {
	cfg, log := a.cfg, a.log
	lock, err := st.LockCrawl(ctx, time.Now())
	if err != nil {
		return skillpulse.Run{}, err
	}
	defer lock.Unlock()
	// Conditional requests: an unchanged board costs a 304, not a download.
	validators := pipeline.NewValidators(st, cfg.Hash, log)
	p := &pipeline.Crawl{
		Config:     cfg,
		Fetcher:    crawler.New(cfg.Crawl, crawler.WithLogger(log), crawler.WithValidators(validators)),
		Tagger:     a.tag,
		Enrich:     extract.Enrich,
		Store:      st,
		Log:        log,
		Now:        now,
		Validators: validators,
	}
	if bar := newProgress(a.stdout, cfg.Sources); bar != nil && !a.service {
		p.Progress = bar.update
	}
	return p.Run(ctx)
}

func runFailure(run skillpulse.Run) error {
	var bad []string
	for _, s := range run.Sources {
		if s.Broken() {
			bad = append(bad, s.Name)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &partialError{fmt.Sprintf("%d of %d sources failed or were suspect: %s", len(bad), len(run.Sources), strings.Join(bad, ", "))}
}

// printRun writes a run's summary as a table, or as the JSON object other
// tools read (see the crawl --json contract in README.md).
func printRun(w io.Writer, run skillpulse.Run, format string) error {
	if format == formatJSON {
		return writeJSON(w, run)
	}
	fmt.Fprintf(w, "run %s · %s · %d postings live\n", run.ID, run.Finished.Sub(run.Started).Round(1e6), run.Live)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "SOURCE\tTYPE\tFETCHED\tNEW\tUPDATED\tUNCHANGED\tCLOSED\t\tSTATUS")
	for _, s := range run.Sources {
		status := "ok"
		switch {
		case s.Failed:
			status = "FAILED: " + skillpulse.Printable(s.Error, 160)
		case s.Suspect:
			status = "SUSPECT: " + skillpulse.Printable(s.Error, 160)
		case s.Truncated && s.Error != "":
			status = "ok, cut short (" + skillpulse.Printable(s.Error, 80) + "): closing nothing"
		case s.Truncated:
			status = "ok, cut short by a crawl bound: closing nothing"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t\t%s\n", skillpulse.Printable(s.Name, 40), skillpulse.Printable(s.Type, 20), s.Fetched, s.New, s.Updated, s.Unchanged, s.Closed, status)
	}
	return tw.Flush()
}

func noArgs(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) > 0 && cmd.HasSubCommands():
		return usagef("unknown command %q for %s (see %s --help)", args[0], cmd.CommandPath(), cmd.CommandPath())
	case len(args) > 0:
		return usagef("%s takes no arguments, got %q", cmd.Name(), args)
	}
	return nil
}
