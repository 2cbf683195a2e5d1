package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/store"
)

func (a *app) exportCommand() *cobra.Command {
	var output *outputFlags
	var since, out string
	cmd := &cobra.Command{
		Use:   "export [--format jsonl|csv|parquet] [--json] [--since 2026-11-01] [--out FILE]",
		Short: "Stream every posting with its lifecycle, origins and skills, for the analyzer or for leaving",
		Long: `Write every stored posting (or those seen or closed since --since) with its
lifecycle, origins, current content and skills: as JSON lines, one posting
per line, which 'skillpulse import' reads back losslessly, or as CSV with a
skills column like "terraform:required:3;aws:preferred", or as a Parquet
file (--out FILE) with one row per posting and skill, for DuckDB, Spark or
BigQuery (schema: store.ParquetRow). --json is shorthand for --format jsonl.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := output.get(cmd)
			if err != nil {
				return err
			}
			var from time.Time
			if since != "" {
				t, err := time.Parse(time.DateOnly, since)
				if err != nil {
					return usagef("--since %q: want a date like 2026-11-01", since)
				}
				from = t
			}
			if format == store.FormatParquet && (out == "" || out == "-") && isTerminal(a.stdout) {
				return usagef("--format parquet writes a binary file: give --out FILE")
			}
			st, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer st.Close()
			write := func(w io.Writer) error {
				bw := bufio.NewWriter(w)
				n, err := st.Export(cmd.Context(), bw, format, from)
				if err != nil {
					return err
				}
				if err := bw.Flush(); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "exported %d postings\n", n)
				return nil
			}
			if out == "" || out == "-" {
				return write(a.stdout)
			}
			return a.writeOutput(out, st.Path(), func(f *os.File) error { return write(f) })
		},
	}
	output = addOutputFlagsJSON(cmd, store.FormatJSONL, store.FormatJSONL, store.FormatCSV, store.FormatParquet)
	cmd.Flags().StringVar(&since, "since", "", "only postings seen or closed on or after this date (UTC)")
	cmd.Flags().StringVar(&out, "out", "", "file to write (default: standard output)")
	return cmd
}

func (a *app) importCommand() *cobra.Command {
	var output *outputFlags
	cmd := &cobra.Command{
		Use:   "import [FILE|-] [--format table|json] [--json]",
		Short: "Read postings exported as JSON lines back into the store",
		Long: `Read postings written by 'skillpulse export --format jsonl' into the store.
The whole input is checked first, every record with the rules a crawl keeps
(field sizes, http(s) URLs only, dates between 2000 and 2099 in order, skill
ids the taxonomy knows, years 0-30, no control characters in one-line
fields, no NUL): a bad line stops the import with its line number, and
nothing is written (no store file is created for a refused import). The
records are then written in one transaction: all or, on a failure, none.
A UTF-8 byte order mark is accepted. Postings already stored are merged
(earliest first sighting, latest content); importing the same file twice
changes nothing the second time. Runs and snapshots are not imported. Prints
how many postings were new, updated and unchanged; --json prints them as
JSON.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("import takes at most one file, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := output.get(cmd)
			if err != nil {
				return err
			}
			c, err := a.importFile(cmd.Context(), args)
			if err != nil {
				return err
			}
			return printImport(a.stdout, c, format)
		},
	}
	output = addOutputFlags(cmd, formatTable, formatJSON)
	return cmd
}

// importFile imports the jsonl file args names (standard input without
// one, or for "-") into the store, all or nothing.
func (a *app) importFile(ctx context.Context, args []string) (store.ImportCounts, error) {
	var none store.ImportCounts
	cfg, err := a.config()
	if err != nil {
		return none, err
	}
	tax, err := a.taxonomy()
	if err != nil {
		return none, err
	}
	known := func(id string) bool { _, ok := tax.Lookup(id); return ok }
	var r io.Reader = a.stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return none, err
		}
		defer f.Close()
		r = f
	}
	src, cleanup, err := store.Spool(r)
	if err != nil {
		return none, err
	}
	defer cleanup()
	// A refused import creates no store file: without one, the
	// input is checked before the store is opened, and not again
	// before it is written. (An existing store is left untouched
	// by a refused import all the same: ImportKnown checks every
	// record before it writes.)
	checked := false
	if _, err := os.Stat(cfg.Storage.Path); errors.Is(err, fs.ErrNotExist) {
		if err := checkImportFirst(ctx, src, known); err != nil {
			return none, err
		}
		checked = true
	}
	st, err := a.openStore(ctx, false)
	if err != nil {
		return none, err
	}
	defer st.Close()
	importFn := st.ImportKnown
	if checked {
		importFn = st.ImportChecked
	}
	return importFn(ctx, src, known)
}

// checkImportFirst validates every record of src and seeks it back to
// where it was.
func checkImportFirst(ctx context.Context, src io.ReadSeeker, known func(string) bool) error {
	start, err := src.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := store.CheckImport(ctx, src, known); err != nil {
		return err
	}
	_, err = src.Seek(start, io.SeekStart)
	return err
}

// printImport writes what an import did, as a table or as JSON.
func printImport(w io.Writer, c store.ImportCounts, format string) error {
	if format == formatJSON {
		return writeJSON(w, c)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "NEW\tUPDATED\tUNCHANGED\t")
	fmt.Fprintf(tw, "%d\t%d\t%d\t\n", c.New, c.Updated, c.Unchanged)
	return tw.Flush()
}
