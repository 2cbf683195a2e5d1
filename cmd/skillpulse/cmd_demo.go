package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/demo"
	"github.com/skillpulse/skillpulse/report"
)

type demoFlags struct {
	out   string
	weeks int
}

func (a *app) demoCommand() *cobra.Command {
	var f demoFlags
	cmd := &cobra.Command{
		Use:   "demo [--weeks N] [--db FILE] [--out DIR]",
		Short: "Run the whole pipeline offline against bundled sample boards",
		Long: `Serve bundled sample job boards (in the real Greenhouse and Lever API formats)
on a loopback port and crawl them with the real pipeline once a night for
--weeks weeks ending today, on a simulated clock: postings open and close,
one board fails one night (and closes nothing), the skill mix drifts
(Terraform up, Puppet down) and pay is stated in several currencies. Then
write the report of the week run writes (see README), print where it is,
and exit. Needs no network and takes seconds.

The store is --db when given, else skillpulse.db in --out; reports go in
reports/ beside the store. Without either, both go in a new temporary
directory that is printed (and kept: it holds the results). The demo
always writes a fresh history: it refuses a store that already exists.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			if _, err := a.logger(); err != nil {
				return err
			}
			if f.weeks < 1 || f.weeks > demo.MaxWeeks {
				return usagef("--weeks %d: want 1..%d", f.weeks, demo.MaxWeeks)
			}
			db, reports, tmp, err := a.demoPaths(f.out)
			if err != nil {
				return err
			}
			if tmp != "" {
				// A temporary directory the demo made holds its results; if the
				// demo fails, nothing worth keeping is in it.
				defer func() {
					if err != nil {
						os.RemoveAll(tmp)
					}
				}()
			}
			now := time.Now().UTC()
			nights := f.weeks * 7
			first := now.AddDate(0, 0, -(nights - 1))
			h, err := demo.NewHistory(f.weeks, first)
			if err != nil {
				return err
			}
			srv, err := demo.StartHistory(h)
			if err != nil {
				return err
			}
			defer srv.Close()
			cfg, err := config.Parse("demo config", demoConfig(srv.URL(), db, reports), checkSource)
			if err != nil {
				return fmt.Errorf("demo config: %w", err)
			}
			a.cfg = cfg // the demo's own config, not the user's
			fmt.Fprintf(a.stdout, "serving sample boards at %s\nstore: %s\n%d nights, %s to %s:\n", srv.URL(), db,
				nights, first.Format("Mon 2 Jan"), now.Format("Mon 2 Jan"))
			if err := a.demoNights(cmd.Context(), srv, h, first); err != nil {
				return err
			}
			week := report.DefaultWeek(now)
			fmt.Fprintf(a.stdout, "\nreport for %s:\n", week)
			if err := a.writeReport(cmd.Context(), week, cfg.Report.Formats, cfg.Report.Dir); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\nopen %s in a browser, or try:\n  skillpulse --db %s runs\n  skillpulse --db %s report --format md --out -\n",
				filepath.Join(cfg.Report.Dir, report.FileName(week)+".html"), db, db)
			sample := filepath.Join(filepath.Dir(db), "sample-resume.txt")
			if err := os.WriteFile(sample, demo.SampleResume, 0o644); err != nil {
				return fmt.Errorf("demo: write the sample resume: %w", err)
			}
			fmt.Fprintf(a.stdout, "\nand set a resume against this market (a sample one is bundled):\n  skillpulse --db %s analyze %s\n  skillpulse --db %s analyze %s --format html > analysis.html\n",
				db, sample, db, sample)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.out, "out", "", "directory for the store and reports (default: beside --db, else a new temporary directory)")
	cmd.Flags().IntVar(&f.weeks, "weeks", 8, fmt.Sprintf("weeks of nightly crawls to simulate, ending today (1..%d)", demo.MaxWeeks))
	return cmd
}

// demoPaths chooses the store and report directory, refusing a store that
// exists: the demo never mixes its history into another.
// tmp is the temporary directory it made, if it made one.
func (a *app) demoPaths(out string) (db, reports, tmp string, err error) {
	db = a.dbPath
	switch {
	case out != "":
		if db == "" {
			db = filepath.Join(out, "skillpulse.db")
		}
		reports = filepath.Join(out, "reports")
	case db != "":
		reports = filepath.Join(filepath.Dir(db), "reports")
	default:
		if tmp, err = os.MkdirTemp("", "skillpulse-demo-"); err != nil {
			return "", "", "", fmt.Errorf("demo: %w", err)
		}
		db, reports = filepath.Join(tmp, "skillpulse.db"), filepath.Join(tmp, "reports")
	}
	if _, err := os.Stat(db); err == nil {
		return "", "", "", usagef("demo: %s already exists; the demo writes a fresh history and never mixes it into a store: remove it or choose another --db or --out", db)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", "", "", fmt.Errorf("demo: %w", err)
	}
	return db, reports, tmp, os.MkdirAll(filepath.Dir(db), 0o755)
}

// demoNights crawls every night of h into one store, each on its own
// simulated clock (night n at first + n days), and prints one line a night.
func (a *app) demoNights(ctx context.Context, srv *demo.Server, h *demo.History, first time.Time) error {
	if _, _, err := a.setup(); err != nil {
		return err
	}
	if _, err := a.tagger(); err != nil {
		return err
	}
	st, err := a.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	for n := range h.Nights() {
		if err := srv.SetHistoryNight(n); err != nil {
			return err
		}
		at := first.AddDate(0, 0, n)
		began := time.Now()
		clock := func() time.Time { return at.Add(time.Since(began)) }
		run, err := a.crawlInto(ctx, st, clock)
		if err != nil {
			return err
		}
		var added, closed int
		var failed []string
		for _, o := range run.Sources {
			added, closed = added+o.New, closed+o.Closed
			if o.Broken() {
				failed = append(failed, o.Name)
			}
		}
		line := fmt.Sprintf("  night %2d  %s  %4d live  %3d new  %3d closed", n+1, at.Format("Mon 2 Jan"), run.Live, added, closed)
		if len(failed) > 0 {
			line += "  failed: " + strings.Join(failed, ", ") + " (closes nothing)"
		}
		fmt.Fprintln(a.stdout, line)
	}
	return nil
}

// demoConfig is a complete config for the demo, written as YAML and loaded
// through the same strict loader as any user's file.
func demoConfig(baseURL, db, reports string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `storage:
  path: %q
  grace: 12h   # nights are a day apart: close what the next night no longer lists
crawl:
  user_agent: "skillpulse-demo/0.1 (+https://github.com/skillpulse/skillpulse)"
  request_timeout: 10s
  delay: 0s
  parallelism: 4
  max_retries: 0   # the failing night fails at once
sources:
`, db)
	for _, s := range demo.Sources() {
		fmt.Fprintf(&b, "  - name: %s\n    type: %s\n", s.Name, s.Type)
		if s.Board != "" {
			fmt.Fprintf(&b, "    board: %s\n", s.Board)
		}
		if s.Site != "" {
			fmt.Fprintf(&b, "    site: %s\n", s.Site)
		}
		// Only the demo's own loopback server may be reached.
		fmt.Fprintf(&b, "    base_url: %s\n    allow_private: true\n", baseURL)
	}
	fmt.Fprintf(&b, "report:\n  dir: %q\n  formats: [md, json, html, csv]\n", reports)
	return []byte(b.String())
}
