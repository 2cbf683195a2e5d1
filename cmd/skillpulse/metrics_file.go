package main

import (
	"context"
	"errors"
	"fmt"
	"os"
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
	if path != "" {
		// Refused before anything is fetched: the store by another name
		// would be replaced by the metrics.
		cfg, err := a.config()
		if err != nil {
			return skillpulse.Run{}, err
		}
		if err := refuseStoreFile(path, cfg.Storage.Path); err != nil {
			return skillpulse.Run{}, err
		}
	}
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
	if werr := writeMetrics(m, path); werr != nil {
		return run, errors.Join(err, werr)
	}
	return run, err
}

// newestRuns reads the runs the metrics' gauges load.
func (a *app) newestRuns(ctx context.Context) ([]skillpulse.Run, error) {
	st, err := a.openExisting(ctx, true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Runs(ctx, 50)
}

// writeMetrics writes m to path: atomically to a file, or in place to a
// pipe or device (/dev/stdout), which a rename would replace.
func writeMetrics(m *api.Metrics, path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() || fi.IsDir() {
		return m.WriteTextfile(path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	if err := m.WriteText(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
