package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
)

func (a *app) runsCommand() *cobra.Command {
	var out *outputFlags
	var limit int
	cmd := &cobra.Command{
		Use:   "runs [--limit N] [--format table|json] [--json]",
		Short: "List recent crawl runs with each source's outcome",
		Long: `List recent crawl runs, newest first, with each source's outcome. A run
stopped by SIGINT or SIGTERM (Ctrl-C, serve shutting down mid-crawl) or by a
store failure such as a full disk is recorded as interrupted, with the
reason, before the process exits, so it shows here at once; one whose
process was killed outright (kill -9, a crash, power loss) shows as
interrupted with the reason "process ended without finishing the run" as
soon as its process is gone. An interrupted run closed nothing and took no
snapshot; "running" is a crawl in progress.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			if _, _, err := a.setup(); err != nil {
				return err
			}
			st, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(cmd.Context(), limit)
			if err != nil {
				return err
			}
			if format == formatJSON {
				if runs == nil {
					runs = []skillpulse.Run{}
				}
				return writeJSON(a.stdout, runs)
			}
			if len(runs) == 0 {
				fmt.Fprintln(a.stdout, "no runs yet")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "RUN\tSTARTED\tSTATUS\tLIVE\tSOURCE\tFETCHED\tNEW\tUPDATED\tCLOSED\tOUTCOME")
			for _, r := range runs {
				// The store shows a run whose process is gone as interrupted;
				// "running" is a crawl in progress.
				status := r.Status.String()
				if r.Reason != "" {
					status += " (" + skillpulse.Printable(r.Reason, 80) + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t\t\t\t\t\t\n", r.ID, r.Started.Format("2006-01-02 15:04Z07:00"), status, r.Live)
				for _, s := range r.Sources {
					outcome := "ok"
					if s.Failed {
						outcome = "failed: " + skillpulse.Printable(s.Error, 80)
					} else if s.Suspect {
						outcome = "suspect: " + skillpulse.Printable(s.Error, 80)
					} else if s.Truncated {
						outcome = "cut short, closing nothing"
						if s.Error != "" {
							outcome += ": " + skillpulse.Printable(s.Error, 80)
						}
					}
					fmt.Fprintf(tw, "\t\t\t\t%s\t%d\t%d\t%d\t%d\t%s\n", skillpulse.Printable(s.Name, 40), s.Fetched, s.New, s.Updated, s.Closed, outcome)
				}
			}
			return tw.Flush()
		},
	}
	out = addOutputFlags(cmd, formatTable, formatJSON)
	cmd.Flags().IntVar(&limit, "limit", 20, "how many runs to list")
	return cmd
}
