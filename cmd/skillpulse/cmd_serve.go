package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/report"
)

func (a *app) serveCommand() *cobra.Command {
	var listen string
	var noSchedule bool
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--no-schedule]",
		Short: "Run as a service: scheduled crawls and reports, the JSON API and /metrics",
		Long: `Run as a long-lived service: crawl on schedule.crawl and write the weekly
report on schedule.report (cron specs, UTC), and serve the read-only JSON API
(/api/v1/...) and Prometheus metrics (/metrics) on api.listen. The store is
held open for the service's life, so run either this or cron jobs of
'skillpulse run', not both. Stops cleanly on SIGINT or SIGTERM: a crawl in
progress is cancelled and left as an interrupted run.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.service = true
			cfg, log, err := a.setup()
			if err != nil {
				return err
			}
			if listen == "" {
				listen = cfg.API.Listen
			}
			tax, err := a.reportTaxonomy()
			if err != nil {
				return err
			}
			if _, err := a.tagger(); err != nil {
				return err
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return &usageError{fmt.Errorf("listen on %s: %w", listen, err)}
			}
			defer ln.Close()
			st, err := a.openStore(false)
			if err != nil {
				return err
			}
			defer st.Close()

			ctx := cmd.Context()
			metrics := api.NewMetrics()
			jobs := cron.New(cron.WithLocation(time.UTC), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)))
			crawlJob := func() {
				start := time.Now()
				run, err := a.crawlInto(ctx, st, nil)
				metrics.ObserveRun(run, time.Since(start), err)
				if err != nil {
					log.Error("scheduled crawl failed", "err", err)
				}
			}
			reportJob := func() {
				// The same week `run` writes: see report.DefaultWeek.
				week := report.DefaultWeek(time.Now())
				if err := a.writeReportFrom(ctx, st, week, cfg.Report.Formats, cfg.Report.Dir); err != nil {
					log.Error("scheduled report failed", "week", week, "err", err)
				}
			}
			if !noSchedule {
				if _, err := jobs.AddFunc(cfg.Schedule.Crawl, crawlJob); err != nil {
					return cfg.Errorf("schedule.crawl", "%v", err)
				}
				if _, err := jobs.AddFunc(cfg.Schedule.Report, reportJob); err != nil {
					return cfg.Errorf("schedule.report", "%v", err)
				}
				jobs.Start()
			}

			mux := http.NewServeMux()
			mux.Handle("/metrics", metrics.Handler())
			mux.Handle("/", api.New(api.Options{Store: st, Taxonomy: tax, Market: cfg.Market, MarketSource: cfg.MarketSource, Log: log}))
			srv := &http.Server{
				Handler:           mux,
				ReadHeaderTimeout: 10 * time.Second,
				ReadTimeout:       30 * time.Second,
				WriteTimeout:      2 * time.Minute,
				IdleTimeout:       2 * time.Minute,
				BaseContext:       func(net.Listener) context.Context { return ctx },
			}
			log.Info("serving", "addr", ln.Addr().String(), "crawl", cfg.Schedule.Crawl, "report", cfg.Schedule.Report, "scheduled", !noSchedule)
			fmt.Fprintf(a.stdout, "skillpulse serving on http://%s (API /api/v1/health, metrics /metrics)\n", ln.Addr())

			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case err = <-errc:
			case <-ctx.Done():
				log.Info("shutting down")
			}
			stopped := jobs.Stop() // no new jobs; a running crawl sees ctx cancelled
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			srv.Shutdown(shutdownCtx)
			<-stopped.Done()
			if errors.Is(err, http.ErrServerClosed) {
				err = nil
			}
			return err
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "", "address for the API and metrics (default api.listen)")
	cmd.Flags().BoolVar(&noSchedule, "no-schedule", false, "serve the API and metrics only; run no scheduled crawls or reports")
	return cmd
}
