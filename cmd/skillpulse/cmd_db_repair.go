package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) dbRepairCommand() *cobra.Command {
	var output *outputFlags
	cmd := &cobra.Command{
		Use:   "repair [--format table|json] [--json]",
		Short: "Rebuild the aggregates, week projections and dedup index from the stored postings",
		Long: `Rebuild every derived record — each week's and day's aggregate and posting
list, each week's projection, and the index that joins a job listed by two
sources — from the runs' snapshots and the stored posting versions, the
way crawls write them. Run it when db check reports one that differs from
a recount and points here (a crawl then fails at its end and the report
refuses that week).

It runs in one transaction, holding the crawl lock: a crawl in progress
makes it refuse (run it again when the crawl has finished), and a crawl
waits for it. It never changes a posting, version, description, run or
snapshot: if one of those is damaged it refuses, names the record and
changes nothing (copy what can be read with db backup and restore an
earlier backup). A sound store is left as it was, not written at all.
Prints the weeks, days, projections and postings indexed and how many
stored values differed; --json prints them as one JSON object.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := output.get(cmd)
			if err != nil {
				return err
			}
			st, err := a.openExisting(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := st.Repair(cmd.Context())
			if err != nil {
				return err
			}
			if format == formatJSON {
				return writeJSON(a.stdout, res)
			}
			fmt.Fprintf(a.stdout, "rebuilt from %d snapshots: %d weeks' aggregates and posting lists, %d days', %d week projections; dedup index of %d postings\n",
				res.Snapshots, res.Weeks, res.Days, res.Projections, res.Indexed)
			if res.Changed == 0 {
				fmt.Fprintln(a.stdout, "nothing differed: the store was left as it was")
			} else {
				fmt.Fprintf(a.stdout, "%d stored values differed and were replaced\n", res.Changed)
			}
			return nil
		},
	}
	output = addOutputFlags(cmd, formatTable, formatJSON)
	return cmd
}
