package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/demo"
)

func (a *app) demoCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "demo [--db FILE] [--out DIR]",
		Short: "Run the whole pipeline offline against bundled sample boards",
		Long: `Serve bundled sample job boards (in the real Greenhouse and Lever API formats)
on a loopback port, crawl them twice as two nights with the real pipeline
(a day apart: on the second night one posting changed, one closed and one
is new), write this week's report, print where it is, and exit. Needs no
network. The store is --db when given, else one in --out.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := a.logger(); err != nil {
				return err
			}
			dir := out
			if dir == "" {
				var err error
				if dir, err = os.MkdirTemp("", "skillpulse-demo-"); err != nil {
					return err
				}
			}
			db := a.dbPath
			if db == "" {
				db = filepath.Join(dir, "skillpulse.db")
			}
			srv, err := demo.Start(1)
			if err != nil {
				return err
			}
			defer srv.Close()
			cfg, err := config.Parse("demo config", demoConfig(srv.URL(), db, filepath.Join(dir, "reports")), checkSource)
			if err != nil {
				return fmt.Errorf("demo config: %w", err)
			}
			a.cfg = cfg // the demo's own config, not the user's
			fmt.Fprintf(a.stdout, "serving sample boards at %s\nstore: %s\n\n", srv.URL(), db)
			// The two nights are a day apart on the crawl's clock, so the
			// grace period can pass and night 2 closes what it no longer lists.
			today := time.Now()
			var failed error
			for night := 1; night <= 2; night++ {
				srv.SetNight(night)
				shift := time.Duration(night-2) * 24 * time.Hour
				fmt.Fprintf(a.stdout, "night %d (%s):\n", night, today.Add(shift).UTC().Format("Mon 2 Jan"))
				run, err := a.crawl(cmd.Context(), func() time.Time { return time.Now().Add(shift) })
				if err != nil {
					return err
				}
				if err := printRun(a.stdout, run, formatTable); err != nil {
					return err
				}
				fmt.Fprintln(a.stdout)
				failed = runFailure(run)
			}
			week := skillpulse.WeekOf(time.Now().UTC())
			fmt.Fprintf(a.stdout, "report for %s:\n", week)
			if err := a.writeReport(cmd.Context(), week, cfg.Report.Formats, cfg.Report.Dir); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\nopen %s in a browser, or try:\n  skillpulse --db %s runs\n  skillpulse --db %s report --format md --out -\n",
				filepath.Join(cfg.Report.Dir, "skillpulse-"+week.String()+".html"), db, db)
			sample := filepath.Join(dir, "sample-resume.txt")
			if err := os.WriteFile(sample, demo.SampleResume, 0o644); err != nil {
				return fmt.Errorf("demo: write the sample resume: %w", err)
			}
			fmt.Fprintf(a.stdout, "\nand set a resume against this market (a sample one is bundled):\n  skillpulse --db %s analyze %s\n  skillpulse --db %s analyze %s --format html > analysis.html\n",
				db, sample, db, sample)
			return failed
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "directory for the store and reports (default: a new temporary directory)")
	return cmd
}

// demoConfig is a complete config for the demo, written as YAML and loaded
// through the same strict loader as any user's file.
func demoConfig(baseURL, db, reports string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `storage:
  path: %q
  grace: 12h   # night 2 is a day after night 1: close what it no longer lists
crawl:
  user_agent: "skillpulse-demo/0.1 (+https://github.com/skillpulse/skillpulse)"
  request_timeout: 10s
  delay: 0s
  parallelism: 4
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
