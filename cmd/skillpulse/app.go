package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/store"
)

// app holds what every subcommand shares: the global flags and the
// standard streams.
type app struct {
	configPath string
	dbPath     string
	logLevel   string
	// service is set by serve: no progress drawing, output is logs only.
	service bool

	stdin          io.Reader
	stdout, stderr io.Writer
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "skillpulse",
		Short: "Measure which skills the job market asks of infrastructure engineers",
		Long: `skillpulse crawls infrastructure-engineer job postings from public job boards,
tags the skills each asks for (required, preferred or only mentioned), keeps a
dated history of them, and reports weekly demand against what the market
really requires.

The config file is --config, else $SKILLPULSE_CONFIG, else the built-in
default (the repository's config.yaml). The store is --db, else
$SKILLPULSE_DB, else storage.path from the config.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetIn(a.stdin)
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "config file (default $SKILLPULSE_CONFIG or the built-in config)")
	pf.StringVar(&a.dbPath, "db", "", "store file (default $SKILLPULSE_DB or storage.path)")
	pf.StringVar(&a.logLevel, "log-level", "", "log level on stderr: debug, info, warn or error (default info; warn on a terminal, where progress is drawn)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		a.crawlCommand(),
		a.reportCommand(),
		a.extractCommand(),
		a.runCommand(),
		a.demoCommand(),
		a.runsCommand(),
		a.taxonomyCommand(),
		a.dbCommand(),
		a.serveCommand(),
		a.retagCommand(),
		a.exportCommand(),
		a.importCommand(),
	)
	// Unknown subcommands and bad arguments are usage errors (exit 2).
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usagef("unknown command %q for skillpulse (see skillpulse --help)", args[0])
		}
		return nil
	}
	root.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	return root
}

// logger logs to stderr; stdout is kept for the command's output. On a
// terminal, where progress is drawn in place, only warnings and errors are
// logged unless --log-level says otherwise, so log lines do not tear it.
func (a *app) logger() (*slog.Logger, error) {
	name := a.logLevel
	if name == "" {
		name = "info"
		if isTerminal(a.stdout) && isTerminal(a.stderr) {
			name = "warn"
		}
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(name)); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", a.logLevel)
	}
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level})), nil
}

// loadConfig reads the config the flags and environment select. It is called
// before anything touches the store, so a bad config leaves no file behind.
func (a *app) loadConfig() (*config.Config, error) {
	path := a.configPath
	if path == "" {
		path = os.Getenv(config.EnvConfig)
	}
	cfg, err := config.Load(path, checkSource)
	if err != nil {
		return nil, err
	}
	if a.dbPath != "" {
		cfg.Storage.Path = a.dbPath
	}
	return cfg, nil
}

// checkSource adapts the crawler's registry to the config loader, which
// must not import the crawler.
func checkSource(s *config.Source) (string, error) {
	err := crawler.CheckSource(s)
	var ke *crawler.KeyError
	if errors.As(err, &ke) {
		return ke.Key, ke.Err
	}
	return "type", err
}

// taxonomy loads the built-in taxonomy plus the config's user files.
func taxonomy(cfg *config.Config) (*extract.Taxonomy, error) {
	base, err := extract.DefaultTaxonomy()
	if err != nil {
		return nil, err
	}
	if cfg == nil || len(cfg.Taxonomy.Files) == 0 {
		return base, nil
	}
	return extract.LoadTaxonomy(base, cfg.Taxonomy.Files...)
}

// checkMarket makes sure every market area names skills the taxonomy knows,
// so a typo in config.yaml is caught instead of reading as zero demand.
func checkMarket(cfg *config.Config, tax *extract.Taxonomy) error {
	var errs []error
	for i, m := range cfg.Market {
		for j, id := range m.Skills {
			if _, ok := tax.Lookup(id); !ok {
				errs = append(errs, cfg.Errorf(fmt.Sprintf("market[%d].skills[%d]", i, j), "unknown skill %q (see skillpulse taxonomy)", id))
			}
		}
	}
	return errors.Join(errs...)
}

// openStore opens the configured store for writing, or read-only.
func openStore(cfg *config.Config, readOnly bool) (*store.Store, error) {
	return store.Open(cfg.Storage.Path, store.Options{
		LockTimeout: cfg.Storage.LockTimeout.D(),
		Grace:       cfg.Storage.Grace.D(),
		ReadOnly:    readOnly,
	})
}

// splitFormats reads "md,json" into its parts.
func splitFormats(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		ok := false
		for _, known := range config.Formats {
			ok = ok || f == known
		}
		if !ok {
			return nil, usagef("--format %q: want a comma-separated list of %s", f, strings.Join(config.Formats, ", "))
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, usagef("--format is empty")
	}
	return out, nil
}
