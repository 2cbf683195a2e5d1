package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/store"
)

func (a *app) dbCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Inspect, verify and back up the store",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.dbStatsCommand(), a.dbCheckCommand(), a.dbRepairCommand(), a.dbBackupCommand(), a.dbCompactCommand())
	return cmd
}

func (a *app) dbStatsCommand() *cobra.Command {
	var output *outputFlags
	cmd := &cobra.Command{
		Use:   "stats [--format table|json] [--json]",
		Short: "Counts and sizes: postings, versions, descriptions, runs, bytes per posting",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := output.get(cmd)
			if err != nil {
				return err
			}
			st, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			runs, err := st.Runs(cmd.Context(), 0)
			if err != nil {
				return err
			}
			out := struct {
				store.Stats
				OldestRun       string  `json:"oldest_run,omitempty"`
				NewestRun       string  `json:"newest_run,omitempty"`
				BytesPerPosting float64 `json:"bytes_per_posting"`
			}{Stats: s}
			if len(runs) > 0 {
				out.NewestRun, out.OldestRun = runs[0].ID, runs[len(runs)-1].ID
			}
			if s.Postings > 0 {
				out.BytesPerPosting = float64(s.DataBytes) / float64(s.Postings)
			}
			if format == formatJSON {
				return writeJSON(a.stdout, out)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			row := func(k string, v any) { fmt.Fprintf(tw, "%s\t%v\n", k, v) }
			row("file", s.Path)
			row("schema", s.Schema)
			row("file size", humanBytes(s.FileBytes))
			row("pages in use", humanBytes(s.DataBytes))
			row("postings", fmt.Sprintf("%d (%d open)", s.Postings, s.Open))
			row("versions", s.Versions)
			row("descriptions", fmt.Sprintf("%d distinct, %s raw, %s stored", s.Bodies, humanBytes(s.BodyBytes), humanBytes(s.StoredBodyBytes)))
			if s.DictionaryBytes > 0 {
				row("compression", fmt.Sprintf("S2 with a %s dictionary", humanBytes(int64(s.DictionaryBytes))))
			} else {
				row("compression", "zstd (a dictionary is trained once the store holds 256 descriptions)")
			}
			row("runs", s.Runs)
			row("snapshots", s.Snapshots)
			row("aggregates", fmt.Sprintf("%d weeks, %d days", s.Weeks, s.Days))
			if len(runs) > 0 {
				row("oldest run", out.OldestRun)
				row("newest run", out.NewestRun)
			}
			row("bytes per posting", fmt.Sprintf("%.0f", out.BytesPerPosting))
			return tw.Flush()
		},
	}
	output = addOutputFlags(cmd, formatTable, formatJSON)
	return cmd
}

func (a *app) dbCheckCommand() *cobra.Command {
	var output *outputFlags
	cmd := &cobra.Command{
		Use:   "check [--format table|json] [--json]",
		Short: "Verify the store: bbolt's structure, every reference, aggregates against a recount",
		Long: `Verify the store: bbolt's structure, every reference, aggregates against a
recount. Exits 1 when a problem is found; --json prints the counts and the
problems as one JSON object, with "ok" false then. An aggregate, posting
list or projection that differs from a recount is rebuilt by db repair.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := output.get(cmd)
			if err != nil {
				return err
			}
			cfg, err := a.config()
			if err != nil {
				return err
			}
			if _, err := os.Stat(cfg.Storage.Path); errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("no store at %s: run skillpulse crawl first (or pass --db)", cfg.Storage.Path)
			}
			// A file too damaged to open still gets its problems listed.
			res, err := store.CheckFile(cmd.Context(), cfg.Storage.Path, store.Options{LockTimeout: cfg.Storage.LockTimeout.D()})
			if format == formatJSON {
				if res.Problems == nil {
					res.Problems = []string{}
				}
				if jerr := writeJSON(a.stdout, struct {
					store.CheckResult
					OK bool `json:"ok"`
				}{res, err == nil}); jerr != nil {
					return jerr
				}
				return err
			}
			fmt.Fprintf(a.stdout, "checked %d postings, %d versions, %d descriptions, %d runs, %d snapshots, %d weeks, %d days\n",
				res.Postings, res.Versions, res.Bodies, res.Runs, res.Snapshots, res.Weeks, res.Days)
			for _, p := range res.Problems {
				fmt.Fprintln(a.stdout, "problem:", skillpulse.Printable(p, 300))
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, "ok")
			return nil
		},
	}
	output = addOutputFlags(cmd, formatTable, formatJSON)
	return cmd
}

func (a *app) dbBackupCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the store to FILE while crawls may go on",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("db backup needs exactly one target file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openExisting(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer st.Close()
			target := args[0]
			var n int64
			err = a.writeOutput(target, st.Path(), func(f *os.File) error {
				var err error
				n, err = st.Backup(cmd.Context(), f)
				return err
			})
			if err != nil {
				return fmt.Errorf("db backup %s: %w", target, err)
			}
			fmt.Fprintf(a.stdout, "wrote %s (%s)\n", target, humanBytes(n))
			return nil
		},
	}
}

func (a *app) dbCompactCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the store without its free pages, in place, under the store's lock",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.openExisting(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			if info, err := os.Stat(store.CompactTemp(st.Path())); err == nil {
				if log, lerr := a.logger(); lerr == nil {
					log.Warn("removing a stale compaction file left by an interrupted compact",
						"file", store.CompactTemp(st.Path()), "bytes", info.Size())
				}
			}
			before, after, err := st.CompactInPlace(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "compacted %s: %s → %s\n", st.Path(), humanBytes(before), humanBytes(after))
			return nil
		},
	}
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// writeAtomic writes a file through a temporary name in the same directory
// and renames it into place after an fsync, so a crash never leaves half a
// file under the target name. Temporary files that earlier, killed writes
// of the same target left behind are removed first, with a log line each.
func (a *app) writeAtomic(path string, fill func(*os.File) error) error {
	if log, err := a.logger(); err == nil {
		removeStaleTemps(log, path, time.Now())
	}
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
