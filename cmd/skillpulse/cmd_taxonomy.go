package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
)

func (a *app) taxonomyCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "taxonomy [--format table|json]",
		Short: "List the skill taxonomy (built-in plus the config's files)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return usagef("--format %q: want table or json", format)
			}
			tax, err := a.taxonomy()
			if err != nil {
				return err
			}
			skills := tax.Skills()
			if format == "json" {
				if skills == nil {
					skills = []skillpulse.Skill{}
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"skills": skills})
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tCATEGORY\tPARENTS")
			for _, s := range skills {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, s.Name, s.Category, strings.Join(s.Parents, ", "))
			}
			fmt.Fprintf(tw, "\n%d skills\n", len(skills))
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
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
