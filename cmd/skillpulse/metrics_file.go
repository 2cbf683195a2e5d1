package main

import (
	"context"
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
)

// addMetricsFileFlag adds --metrics-file to a crawling command.
func addMetricsFileFlag(cmd *cobra.Command, path *string) {
	cmd.Flags().StringVar(path, "metrics-file", "",
		"after the crawl, write its metrics (the series serve's /metrics has) to FILE for node_exporter's textfile collector, atomically")
}

// crawlWithMetrics runs one crawl and, when path is set, writes its
// metrics there, also when the crawl failed: the gauges then keep what the
// newest complete run in the store says.
func (a *app) crawlWithMetrics(ctx context.Context, path string) (skillpulse.Run, error) {
	start := time.Now()
	run, err := a.crawl(ctx, nil)
	if path == "" {
		return run, err
	}
	m := api.NewMetrics()
	if st, oerr := a.openExisting(true); oerr == nil {
		if runs, rerr := st.Runs(ctx, 50); rerr == nil {
			m.Load(runs)
		}
		st.Close()
	}
	m.ObserveRun(run, time.Since(start), err)
	if werr := m.WriteTextfile(path); werr != nil {
		return run, errors.Join(err, werr)
	}
	return run, err
}
