package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/analyze"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/report"
	"github.com/skillpulse/skillpulse/store"
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
shared: every other command works beside it, and a crawl from cron takes
turns with the scheduled ones (a crawl started while another runs is
refused, naming it). Stops cleanly on SIGINT, SIGTERM or SIGHUP (SIGHUP
does not reload the config: restart to apply a change): a crawl in
progress is cancelled and left as an interrupted run.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.serve(cmd.Context(), listen, !noSchedule)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "", "address for the API and metrics (default api.listen)")
	cmd.Flags().BoolVar(&noSchedule, "no-schedule", false, "serve the API and metrics only; run no scheduled crawls or reports")
	return cmd
}

// serve runs the service until ctx is done or serving fails.
func (a *app) serve(ctx context.Context, listen string, scheduled bool) error {
	a.service = true
	cfg, log, err := a.setup()
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
	// The address is refused before the store is touched.
	srv, err := a.apiServer(ctx, listen)
	if err != nil {
		return err
	}
	defer srv.Close()
	st, err := a.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	metrics := api.NewMetrics()
	// Right from the first scrape: the gauges as the store has them.
	runs, err := st.Runs(ctx, 50)
	if err != nil {
		return err
	}
	metrics.Load(runs)
	jobs, err := a.schedule(ctx, st, metrics, scheduled)
	if err != nil {
		return err
	}
	srv.API = api.New(api.Options{Store: st, Taxonomy: tax, Market: cfg.Market, MarketSource: cfg.MarketSource, Log: log})
	srv.Metrics = metrics.RefreshingHandler(func(ctx context.Context) ([]skillpulse.Run, error) { return st.Runs(ctx, 50) })
	// The resume analysis answers every method itself (405 but to POST),
	// so it is mounted by path alone.
	srv.Mount("/api/v1/analyze", analyze.NewHandler(analyze.HandlerOptions{Store: st, Tagger: tagger, Market: cfg.Market, Log: log}))
	if err := srv.Open(); err != nil {
		<-jobs.Stop().Done()
		return err
	}
	log.Info("serving", "addr", srv.URL(), "crawl", cfg.Schedule.Crawl, "report", cfg.Schedule.Report, "scheduled", scheduled)
	fmt.Fprintf(a.stdout, "skillpulse serving on %s (API /api/v1/health, metrics /metrics)\n", srv.URL())

	select {
	case err = <-srv.Done():
	case <-ctx.Done():
		log.Info("shutting down")
	}
	stopped := jobs.Stop() // no new jobs; a running crawl sees ctx cancelled
	srv.Close()
	<-stopped.Done()
	return err
}

// apiServer returns the API's server, listening on listen (default
// api.listen) but not serving yet. A listener other machines can reach is
// refused without a token.
func (a *app) apiServer(ctx context.Context, listen string) (*api.Server, error) {
	cfg, log := a.cfg, a.log
	if listen == "" {
		listen = cfg.API.Listen
	}
	token, err := apiToken(cfg)
	if err != nil {
		return nil, err
	}
	if token == "" && !api.IsLoopbackAddr(listen) {
		return nil, usagef("listen on %s: other machines could reach the API with no token; set api.token_file or %s, or listen on 127.0.0.1", listen, config.EnvAPIToken)
	}
	metricsOpen := false
	switch cfg.API.MetricsAuth {
	case "", "token":
	case "open":
		metricsOpen = true
	default:
		return nil, cfg.Errorf("api.metrics_auth", "%q: want token or open", cfg.API.MetricsAuth)
	}
	srv := &api.Server{Addr: listen, Hosts: cfg.API.Hosts, Token: token, MetricsOpen: metricsOpen, Log: log, BaseContext: ctx}
	if err := srv.Listen(); err != nil {
		return nil, &usageError{err}
	}
	return srv, nil
}

// schedule starts the scheduled crawls and reports (unless !scheduled);
// stop them with the returned cron's Stop.
func (a *app) schedule(ctx context.Context, st *store.Store, metrics *api.Metrics, scheduled bool) (*cron.Cron, error) {
	cfg, log := a.cfg, a.log
	jobs := cron.New(cron.WithLocation(time.UTC))
	if !scheduled {
		return jobs, nil
	}
	crawlJob := func() {
		start := time.Now()
		run, err := a.crawlInto(ctx, st, nil)
		if errors.Is(err, store.ErrCrawlInProgress) {
			// Another process (cron) is crawling this store: its run is
			// the night's, and no failure of ours.
			metrics.ObserveSkip("crawl", api.SkipCrawlInProgress)
			log.Warn("scheduled crawl skipped", "reason", err)
			return
		}
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
	if _, err := jobs.AddJob(cfg.Schedule.Crawl, skipIfStillRunning("crawl", crawlJob, log, metrics)); err != nil {
		return nil, cfg.Errorf("schedule.crawl", "%v", err)
	}
	if _, err := jobs.AddJob(cfg.Schedule.Report, skipIfStillRunning("report", reportJob, log, metrics)); err != nil {
		return nil, cfg.Errorf("schedule.report", "%v", err)
	}
	jobs.Start()
	return jobs, nil
}

// skipIfStillRunning is job, run by cron, that does not start while its
// previous run still runs (a crawl slower than its interval): the skip is
// logged and counted in skillpulse_scheduled_runs_skipped_total, so runs
// never overlap and a schedule too tight for its crawl shows.
func skipIfStillRunning(name string, job func(), log *slog.Logger, metrics *api.Metrics) cron.Job {
	var running atomic.Bool
	return cron.FuncJob(func() {
		if !running.CompareAndSwap(false, true) {
			metrics.ObserveSkip(name, api.SkipStillRunning)
			log.Warn("scheduled "+name+" skipped", "reason", "the previous scheduled "+name+" is still running")
			return
		}
		defer running.Store(false)
		job()
	})
}

// minTokenLen is the shortest API token accepted: a guessable token is no
// protection.
const minTokenLen = 16

// maxTokenLine bounds the first line of api.token_file that is read: a
// path to a large file, or to /dev/zero, is refused instead of read whole.
const maxTokenLine = 4 << 10

// readHead returns at most the first n+1 bytes of the file at path.
func readHead(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n+1))
}

// apiToken returns the API's bearer token: $SKILLPULSE_API_TOKEN, else the
// first line of api.token_file; "" when neither is set.
func apiToken(cfg *config.Config) (string, error) {
	token := strings.TrimSpace(os.Getenv(config.EnvAPIToken))
	where := config.EnvAPIToken
	if token == "" && cfg.API.TokenFile != "" {
		b, err := readHead(cfg.API.TokenFile, maxTokenLine)
		if err != nil {
			return "", cfg.Errorf("api.token_file", "%v", err)
		}
		line, _, found := strings.Cut(string(b), "\n")
		if !found && len(b) > maxTokenLine {
			return "", cfg.Errorf("api.token_file", "%s: its first line is over %d bytes; a token is one short line", cfg.API.TokenFile, maxTokenLine)
		}
		token, where = strings.TrimSpace(line), cfg.API.TokenFile
		if token == "" {
			return "", cfg.Errorf("api.token_file", "%s holds no token on its first line", cfg.API.TokenFile)
		}
	}
	if token != "" && len(token) < minTokenLen {
		return "", usagef("the API token in %s has %d characters; use at least %d (e.g. openssl rand -hex 24)", where, len(token), minTokenLen)
	}
	return token, nil
}
