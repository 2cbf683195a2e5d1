package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/store"
)

// app holds what every subcommand shares: the global flags, the standard
// streams, and what the flags select — the config, the logger, the
// taxonomy and the tagger — each loaded once per process on first use, so
// that a command of several steps (run: crawl, then report) reads them
// once and every step sees the same.
type app struct {
	configPath string
	dbPath     string
	logLevel   string
	// service is set by serve: no progress drawing, output is logs only.
	service bool

	stdin          io.Reader
	stdout, stderr io.Writer

	cfg           *config.Config
	log           *slog.Logger
	tax           *extract.Taxonomy
	marketChecked bool // cfg.Market names only skills tax knows
	tag           *extract.Tagger
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
	root.Version = versionString()
	root.SetVersionTemplate("{{.Version}}\n")
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
		a.analyzeCommand(),
		a.versionCommand(),
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
	return once(&a.log, func() (*slog.Logger, error) {
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
	})
}

// config returns the config the flags and environment select. It is
// loaded before anything touches the store, so a bad config leaves no file
// behind.
func (a *app) config() (*config.Config, error) {
	return once(&a.cfg, func() (*config.Config, error) {
		path := a.configPath
		if path == "" {
			path = os.Getenv(config.EnvConfig)
		}
		cfg, err := config.Load(path, checkSource)
		if err == nil && a.dbPath != "" {
			cfg.Storage.Path = a.dbPath
		}
		return cfg, err
	})
}

// setup loads the logger and the config every store-using command needs.
func (a *app) setup() (*config.Config, *slog.Logger, error) {
	log, err := a.logger()
	if err != nil {
		return nil, nil, err
	}
	cfg, err := a.config()
	if err != nil {
		return nil, nil, err
	}
	return cfg, log, nil
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

// once returns *slot, filling it with load on first use; a load that
// fails is tried again on the next use.
func once[T any](slot **T, load func() (*T, error)) (*T, error) {
	if *slot == nil {
		v, err := load()
		if err != nil {
			return nil, err
		}
		*slot = v
	}
	return *slot, nil
}

// taxonomy returns the built-in taxonomy plus the config's user files.
func (a *app) taxonomy() (*extract.Taxonomy, error) {
	return once(&a.tax, func() (*extract.Taxonomy, error) {
		cfg, err := a.config()
		if err != nil {
			return nil, err
		}
		// A listed file that cannot be read is the config's error, at
		// the line that lists it.
		for i, f := range cfg.Taxonomy.Files {
			if _, err := os.Stat(f); err != nil {
				var pe *fs.PathError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				return nil, cfg.Errorf(fmt.Sprintf("taxonomy.files[%d]", i), "cannot read %s: %v", f, err)
			}
		}
		tax, err := extract.DefaultTaxonomy()
		if err == nil && len(cfg.Taxonomy.Files) > 0 {
			tax, err = extract.LoadTaxonomy(tax, cfg.Taxonomy.Files...)
		}
		return tax, err
	})
}

// reportTaxonomy is the taxonomy, once every market area is known to name
// skills it knows, so a typo in config.yaml is caught instead of reading as
// zero demand.
func (a *app) reportTaxonomy() (*extract.Taxonomy, error) {
	tax, err := a.taxonomy()
	if err != nil || a.marketChecked {
		return tax, err
	}
	if err := a.checkMarket(tax); err != nil {
		return nil, err
	}
	a.marketChecked = true
	return tax, nil
}

// checkMarket reports every skill a market area names that skills does
// not know, with where config.yaml names it.
func (a *app) checkMarket(skills skillNames) error {
	var errs []error
	for i, m := range a.cfg.Market {
		for j, id := range m.Skills {
			if _, ok := skills.Lookup(id); !ok {
				errs = append(errs, a.cfg.Errorf(fmt.Sprintf("market[%d].skills[%d]", i, j), "unknown skill %q (see skillpulse taxonomy)", id))
			}
		}
	}
	return errors.Join(errs...)
}

// tagger returns the tagger for the taxonomy.
func (a *app) tagger() (*extract.Tagger, error) {
	return once(&a.tag, func() (*extract.Tagger, error) {
		tax, err := a.taxonomy()
		if err != nil {
			return nil, err
		}
		return extract.NewTagger(tax), nil
	})
}

// openStore opens the configured store for writing (creating it when
// missing), or read-only. ctx ends its wait for a file another process
// holds (a signal: the command stops at once, naming the file).
func (a *app) openStore(ctx context.Context, readOnly bool) (*store.Store, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, cfg.Storage.Path, store.Options{
		LockTimeout: cfg.Storage.LockTimeout.D(),
		Grace:       cfg.Storage.Grace.D(),
		ReadOnly:    readOnly,
	})
}

// openExisting is openStore for commands that read or rework what is
// stored: it refuses to create the store.
func (a *app) openExisting(ctx context.Context, readOnly bool) (*store.Store, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(cfg.Storage.Path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no store at %s: run skillpulse crawl first (or pass --db)", cfg.Storage.Path)
	}
	return a.openStore(ctx, readOnly)
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
