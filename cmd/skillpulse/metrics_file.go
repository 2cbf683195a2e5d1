package main

import (
	"context"
	"errors"
	"fmt"
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
	// The store is read even when a signal cancelled ctx: an interrupted
	// crawl is when the gauges must keep what the store says, not drop to 0.
	// If it cannot be read, the file is not written rather than wrong.
	runs, rerr := a.newestRuns(context.WithoutCancel(ctx))
	if rerr != nil {
		return run, errors.Join(err, fmt.Errorf("metrics file %s not written: %w", path, rerr))
	}
	m := api.NewMetrics()
	m.Load(runs)
	m.ObserveRun(run, time.Since(start), err)
	if werr := m.WriteTextfile(path); werr != nil {
		return run, errors.Join(err, werr)
	}
	return run, err
}

// newestRuns reads the runs the metrics' gauges load.
func (a *app) newestRuns(ctx context.Context) ([]skillpulse.Run, error) {
	st, err := a.openExisting(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Runs(ctx, 50)
}
