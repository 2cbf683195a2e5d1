package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/store"
)

func (a *app) retagCommand() *cobra.Command {
	var out *outputFlags
	cmd := &cobra.Command{
		Use:   "retag [--format table|json] [--json]",
		Short: "Re-tag every stored posting with the current taxonomy and report what changed",
		Long: `Re-tag every stored posting version, current and past, with the current
taxonomy (built-in plus the config's files), so that reports of every week
read with it, and print what changed per skill. Safe to interrupt: every
batch leaves the store consistent, and running it again finishes the job.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			_, log, err := a.setup()
			if err != nil {
				return err
			}
			tagger, err := a.tagger()
			if err != nil {
				return err
			}
			st, err := a.openExisting(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			lastPct := -1
			c, err := st.Retag(cmd.Context(), tagger, func(done, total int) {
				if pct := 100 * done / total; pct/10 != lastPct/10 {
					lastPct = pct
					log.Info("retag progress", "done", done, "total", total)
				}
			})
			if err != nil {
				if c.Versions > 0 {
					fmt.Fprintf(a.stderr, "retag stopped after %d versions (%d changed); the store is consistent: run retag again to finish\n", c.Versions, c.Changed)
				}
				return err
			}
			if format == formatJSON {
				return writeJSON(a.stdout, c)
			}
			printRetag(a.stdout, c)
			return nil
		},
	}
	out = addOutputFlags(cmd, formatTable, formatJSON)
	return cmd
}

func printRetag(w io.Writer, c store.RetagCounts) {
	fmt.Fprintf(w, "re-tagged %d posting versions: %d changed\n", c.Versions, c.Changed)
	list := func(label string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		ids := make([]string, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			if m[ids[i]] != m[ids[j]] {
				return m[ids[i]] > m[ids[j]]
			}
			return ids[i] < ids[j]
		})
		parts := make([]string, 0, len(ids))
		for _, id := range ids {
			parts = append(parts, fmt.Sprintf("%s %d", skillpulse.Printable(id, 64), m[id]))
		}
		fmt.Fprintf(w, "  %s: %s\n", label, strings.Join(parts, ", "))
	}
	list("skills added", c.Added)
	list("skills removed", c.Removed)
	list("level changed", c.Releveled)
}
