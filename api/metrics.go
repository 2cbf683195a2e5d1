package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"

	"github.com/skillpulse/skillpulse"
)

// Metrics are skillpulse's Prometheus metrics, on a registry of their own
// (no global state): crawl runs and their duration, per-source results and
// failures, and the postings live after the newest run.
type Metrics struct {
	reg          *prometheus.Registry
	runs         *prometheus.CounterVec
	duration     prometheus.Histogram
	lastRun      *prometheus.GaugeVec
	live         prometheus.Gauge
	fetched      *prometheus.GaugeVec
	changes      *prometheus.CounterVec
	sourceErrors *prometheus.CounterVec
	skipped      *prometheus.CounterVec
}

// NewMetrics registers the metrics, with the Go runtime and process
// collectors beside them.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillpulse_crawl_runs_total", Help: "Crawl runs by result: ok, partial (a source failed or was suspect), error (it did not finish: stopped by a signal or a failed write, and recorded as interrupted where the store took the write).",
		}, []string{"result"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "skillpulse_crawl_duration_seconds", Help: "Wall time of crawl runs.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 14), // 1s .. ~2.3h
		}),
		lastRun: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "skillpulse_last_run_timestamp_seconds", Help: "When the newest run of each result finished (unix seconds).",
		}, []string{"result"}),
		live: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "skillpulse_postings_live", Help: "Postings live after the newest complete run.",
		}),
		fetched: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "skillpulse_source_postings", Help: "Postings a source returned in the newest run (after the role filter).",
		}, []string{"source", "type"}),
		changes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillpulse_source_postings_changed_total", Help: "Postings new, updated or closed per source.",
		}, []string{"source", "change"}),
		sourceErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillpulse_source_failures_total", Help: "Source runs that failed, were suspect or were cut short by a crawl bound.",
		}, []string{"source", "kind"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "skillpulse_scheduled_runs_skipped_total", Help: "Scheduled crawls and reports not started: the previous one still ran (still_running), or another process was crawling the store (crawl_in_progress).",
		}, []string{"job", "reason"}),
	}
	for _, result := range []string{"ok", "partial", "error"} {
		m.runs.WithLabelValues(result) // every result from the first scrape, at 0
	}
	for _, job := range []string{"crawl", "report"} {
		m.skipped.WithLabelValues(job, SkipStillRunning) // at 0 from the first scrape
	}
	m.skipped.WithLabelValues("crawl", SkipCrawlInProgress)
	m.reg.MustRegister(m.runs, m.duration, m.lastRun, m.live, m.fetched, m.changes, m.sourceErrors, m.skipped,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// RefreshingHandler is Handler that first reloads the gauges from runs (the
// store's newest runs, newest first), so that a crawl another process ran
// on the same store (cron beside serve) shows at the next scrape. A store
// that cannot be read leaves the gauges as they were.
func (m *Metrics) RefreshingHandler(runs func(ctx context.Context) ([]skillpulse.Run, error)) http.Handler {
	h := m.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rs, err := runs(r.Context()); err == nil {
			m.Load(rs)
		}
		h.ServeHTTP(w, r)
	})
}

// Load sets the gauges from the store's runs (newest first), as the newest
// complete run left them, so that a process that has run no crawl yet —
// serve just started, or a crawl elsewhere — does not report zero postings
// live. Counters start at zero, as Prometheus counters do.
func (m *Metrics) Load(runs []skillpulse.Run) {
	for _, run := range runs {
		if run.Status != skillpulse.RunComplete {
			continue
		}
		result := "ok"
		if run.Failed() {
			result = "partial"
		}
		m.lastRun.WithLabelValues(result).Set(float64(run.Finished.Unix()))
		m.live.Set(float64(run.Live))
		for _, o := range run.Sources {
			m.fetched.WithLabelValues(o.Name, o.Type).Set(float64(o.Fetched))
			m.initSource(o.Name)
		}
		return
	}
}

// initSource makes a source's counters exist, at 0 until they count.
func (m *Metrics) initSource(name string) {
	for _, change := range []string{"new", "updated", "closed"} {
		m.changes.WithLabelValues(name, change)
	}
	for _, kind := range []string{"failed", "suspect", "truncated"} {
		m.sourceErrors.WithLabelValues(name, kind)
	}
}

// WriteTextfile writes skillpulse's own series (not the Go runtime's or
// the process's) to path in the Prometheus text format, for
// node_exporter's textfile collector: to a temporary file beside it, then
// renamed over it, so a scrape never reads half a file.
func (m *Metrics) WriteTextfile(path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := m.WriteText(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("metrics: write %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	return nil
}

// WriteText writes the skillpulse series, as WriteTextfile does, to w: a
// pipe or a device, which a file must not be renamed over.
func (m *Metrics) WriteText(w io.Writer) error {
	families, err := m.reg.Gather()
	if err != nil {
		return fmt.Errorf("metrics: gather: %w", err)
	}
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), "skillpulse_") {
			continue
		}
		if _, err := expfmt.MetricFamilyToText(w, f); err != nil {
			return fmt.Errorf("metrics: write: %w", err)
		}
	}
	return nil
}

// Reasons a scheduled job was skipped, the label of
// skillpulse_scheduled_runs_skipped_total.
const (
	SkipStillRunning    = "still_running"     // the job's previous run had not finished
	SkipCrawlInProgress = "crawl_in_progress" // another process was crawling the store
)

// ObserveSkip counts a scheduled job ("crawl", "report") that did not
// start, and why (SkipStillRunning, SkipCrawlInProgress).
func (m *Metrics) ObserveSkip(job, reason string) {
	m.skipped.WithLabelValues(job, reason).Inc()
}

// ObserveRun records a finished crawl; err is the run's error when it
// could not be recorded at all.
func (m *Metrics) ObserveRun(run skillpulse.Run, took time.Duration, err error) {
	result := "ok"
	switch {
	case err != nil:
		result = "error"
	case run.Failed():
		result = "partial"
	}
	m.runs.WithLabelValues(result).Inc()
	m.duration.Observe(took.Seconds())
	m.lastRun.WithLabelValues(result).SetToCurrentTime()
	if err != nil {
		return
	}
	m.live.Set(float64(run.Live))
	for _, o := range run.Sources {
		m.initSource(o.Name)
		m.fetched.WithLabelValues(o.Name, o.Type).Set(float64(o.Fetched))
		m.changes.WithLabelValues(o.Name, "new").Add(float64(o.New))
		m.changes.WithLabelValues(o.Name, "updated").Add(float64(o.Updated))
		m.changes.WithLabelValues(o.Name, "closed").Add(float64(o.Closed))
		switch {
		case o.Failed:
			m.sourceErrors.WithLabelValues(o.Name, "failed").Inc()
		case o.Suspect:
			m.sourceErrors.WithLabelValues(o.Name, "suspect").Inc()
		case o.Truncated:
			m.sourceErrors.WithLabelValues(o.Name, "truncated").Inc()
		}
	}
}
