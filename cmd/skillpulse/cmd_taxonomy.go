package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
)

// taxonomySkill is one entry of `taxonomy --format json`: the skill with
// the names that match it in postings (aliases in any case, exact ones as
// written, together) and its parents, the skills a posting naming it gives
// implied credit to. A contract: add fields, rename none.
type taxonomySkill struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Category skillpulse.Category `json:"category"`
	Parents  []string            `json:"parents"`
	Aliases  []string            `json:"aliases"`
	Umbrella bool                `json:"umbrella,omitempty"`
}

func (a *app) taxonomyCommand() *cobra.Command {
	var out *outputFlags
	cmd := &cobra.Command{
		Use:   "taxonomy [--format table|json] [--json]",
		Short: "List the skill taxonomy (built-in plus the config's files)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			tax, err := a.taxonomy()
			if err != nil {
				return err
			}
			skills := tax.Skills()
			if format == formatJSON {
				list := make([]taxonomySkill, len(skills))
				for i, s := range skills {
					list[i] = taxonomySkill{ID: s.ID, Name: s.Name, Category: s.Category, Parents: s.Parents,
						Aliases: tax.Aliases(s.ID), Umbrella: tax.Umbrella(s.ID)}
					if list[i].Parents == nil {
						list[i].Parents = []string{}
					}
				}
				return writeJSON(a.stdout, map[string]any{"skills": list})
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tCATEGORY\tPARENTS")
			for _, s := range skills {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", skillpulse.Printable(s.ID, 64), skillpulse.Printable(s.Name, 80), skillpulse.Printable(string(s.Category), 40), skillpulse.Printable(strings.Join(s.Parents, ", "), 200))
			}
			fmt.Fprintf(tw, "\n%d skills\n", len(skills))
			return tw.Flush()
		},
	}
	out = addOutputFlags(cmd, formatTable, formatJSON)
	cmd.AddCommand(&cobra.Command{
		Use:   "check FILE...",
		Short: "Validate user taxonomy files against the built-in taxonomy",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("taxonomy check needs at least one file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			base, err := extract.DefaultTaxonomy()
			if err != nil {
				return err
			}
			tax, err := extract.LoadTaxonomy(base, args...)
			if err != nil {
				return &usageError{err}
			}
			fmt.Fprintf(a.stdout, "ok: %d skills (%d built in)\n", len(tax.Skills()), len(base.Skills()))
			return nil
		},
	})
	return cmd
}
