package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"

	"github.com/skillpulse/skillpulse"
)

// Environment variables that override the file.
const (
	EnvConfig = "SKILLPULSE_CONFIG" // path of the config file
	EnvDB     = "SKILLPULSE_DB"     // storage.path
)

// EmbeddedName is how errors and Config.File name the built-in default.
const EmbeddedName = "config.yaml (built-in)"

// SourceCheck validates a source's type-specific keys. It returns the key at
// fault ("type", "board", ...) with the error, so the loader can point at
// its line. The crawler provides it; config does not know source types.
type SourceCheck func(*Source) (key string, err error)

// Formats are the report formats a config may ask for.
var Formats = []string{"md", "json", "html", "csv"}

// Defaults returns the settings a section takes when the file leaves it out.
func Defaults() Config {
	return Config{
		Storage: Storage{
			Path:        "skillpulse.db",
			Grace:       Duration(48 * time.Hour),
			LockTimeout: Duration(5 * time.Second),
		},
		Crawl: Crawl{
			UserAgent:      "skillpulse/0.1 (+https://github.com/skillpulse/skillpulse)",
			RequestTimeout: Duration(30 * time.Second),
			SourceTimeout:  Duration(time.Hour),
			Delay:          Duration(time.Second),
			Parallelism:    2,
			MaxRetries:     3,
			MaxBody:        10 << 20,
			MaxItems:       5000,
			MaxPages:       50,
		},
		Schedule: Schedule{Crawl: "0 3 * * *", Report: "0 6 * * 1"},
		Report:   Report{Dir: "reports", Formats: []string{"md", "json", "html", "csv"}, Top: 40},
		API:      API{Listen: "127.0.0.1:9477"},
	}
}

// Load reads the config named by path; an empty path means the built-in
// default. SKILLPULSE_DB, when set, overrides storage.path.
func Load(path string, check SourceCheck) (*Config, error) {
	name, data := EmbeddedName, skillpulse.DefaultConfig
	if path != "" {
		b, err := readBounded(path, MaxFileSize)
		if err != nil {
			// Naming a config that cannot be read is a usage problem.
			msg := err.Error()
			var pe *fs.PathError
			if errors.As(err, &pe) {
				msg = pe.Err.Error()
			}
			return nil, &Error{File: path, Msg: "cannot read config: " + msg}
		}
		name, data = path, b
	}
	cfg, err := Parse(name, data, check)
	if err != nil {
		return nil, err
	}
	if path != "" {
		cfg.resolvePaths(filepath.Dir(path))
	}
	if db := os.Getenv(EnvDB); db != "" {
		cfg.Storage.Path = db
	}
	return cfg, nil
}

// resolvePaths makes the relative paths a config file names relative to
// its folder rather than to whatever folder skillpulse is started in, so a
// config that works by hand works the same under cron or systemd. The
// built-in config's paths stay relative to the working folder.
func (c *Config) resolvePaths(dir string) {
	resolve := func(p *string) {
		if *p != "" && *p != "-" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	resolve(&c.Storage.Path)
	resolve(&c.Report.Dir)
	resolve(&c.API.TokenFile)
	for i := range c.Taxonomy.Files {
		resolve(&c.Taxonomy.Files[i])
	}
}

// Parse decodes and validates one config file's bytes; name is used in errors.
// Sections the file leaves out take their defaults; a missing market section
// takes the built-in weighting.
func Parse(name string, data []byte, check SourceCheck) (*Config, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("file is over %d bytes (1MiB); a config is a few KiB", MaxFileSize)}
	}
	root, err := oneDocument(name, data)
	if err != nil {
		return nil, err
	}
	cfg := Defaults()
	errs := &errorList{file: name}
	d := &decoder{errs: errs, lines: map[string]int{}}
	if len(root.Content) == 0 {
		errs.add(0, "", "file is empty")
		return nil, errs.err()
	}
	d.decode(&root, reflect.ValueOf(&cfg).Elem(), "")
	if err := errs.err(); err != nil {
		return nil, err
	}
	cfg.lines = d.lines
	cfg.File = name
	sum := sha256.Sum256(data)
	cfg.Hash = hex.EncodeToString(sum[:8])
	if _, ok := d.lines["market"]; !ok && name != EmbeddedName {
		def, err := Parse(EmbeddedName, skillpulse.DefaultConfig, nil)
		if err != nil {
			return nil, fmt.Errorf("built-in config: %w", err)
		}
		cfg.Market = def.Market
		if _, ok := d.lines["market_source"]; !ok {
			cfg.MarketSource = def.MarketSource
		}
	}
	cfg.validate(errs, check)
	if err := errs.err(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// oneDocument parses data as YAML, refusing a second document after a
// "---" line: yaml.v3 would read the first and drop the rest in silence.
func oneDocument(name string, data []byte) (yaml.Node, error) {
	var root, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return root, syntaxError(name, err)
	}
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return root, nil
	case err != nil:
		return root, syntaxError(name, err)
	case len(next.Content) == 0, len(next.Content) == 1 && next.Content[0].Tag == "!!null" && next.Content[0].Value == "":
		return root, nil // a closing "---" or "..." with nothing after it
	}
	return root, &Error{File: name, Line: next.Line, Msg: `a second YAML document: a config is one document (remove the "---" line and what follows, or merge them)`}
}

// syntaxError turns yaml.v3's "yaml: line 3: ..." into "file:3: ...".
func syntaxError(name string, err error) error {
	var line int
	var msg string
	if _, scanErr := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); scanErr == nil {
		msg = err.Error()[len(fmt.Sprintf("yaml: line %d: ", line)):]
	} else {
		msg = err.Error()
	}
	return &Error{File: name, Line: line, Msg: "invalid YAML: " + msg}
}

// Line returns the line a key path ("sources[2].type") was given on. A key
// missing from the file takes the line of the nearest enclosing key that is
// there, so "required" errors still point somewhere useful; 0 when none is.
func (c *Config) Line(path string) int {
	for path != "" {
		if l, ok := c.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// Errorf makes an Error pointing at a key path of this config.
func (c *Config) Errorf(path, format string, args ...any) error {
	return &Error{File: c.File, Line: c.Line(path), Key: path, Msg: fmt.Sprintf(format, args...)}
}

// badFunc reports a bad value at a key path.
type badFunc func(path, format string, args ...any)

// validate checks every section, reporting each bad value to errs.
func (c *Config) validate(errs *errorList, check SourceCheck) {
	bad := func(path, format string, args ...any) {
		errs.add(c.Line(path), path, format, args...)
	}
	c.validateCrawl(bad)
	c.validateSources(check, bad)
	c.validateSchedule(bad)
	c.validateReport(bad)
	c.validateMarket(bad)
}

func (c *Config) validateCrawl(bad badFunc) {
	if c.Storage.Path == "" {
		bad("storage.path", "must not be empty")
	}
	cr := &c.Crawl
	if cr.UserAgent == "" {
		bad("crawl.user_agent", "must not be empty: name the tool and a contact URL")
	} else if skillpulse.HasControl(cr.UserAgent) {
		bad("crawl.user_agent", "%q: no control characters or line breaks (it is sent as a header)", cr.UserAgent)
	}
	checkRoles(cr.Roles, bad)
	checkLimits("crawl.", limitFields{&cr.RequestTimeout, &cr.SourceTimeout, &cr.Delay, &cr.Parallelism, &cr.MaxRetries, &cr.MaxItems, &cr.MaxPages}, bad)
	c.checkBounds(bad)
}

// checkRoles refuses a title-filter phrase without a letter or digit: the
// filter compares words, so "" or "--" matches no title, and an include
// list of such phrases alone would drop every posting of every source.
func checkRoles(r Roles, bad badFunc) {
	for key, list := range map[string][]string{"include": r.Include, "exclude": r.Exclude} {
		for i, p := range list {
			if strings.IndexFunc(p, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) < 0 {
				bad(fmt.Sprintf("crawl.roles.%s[%d]", key, i), "%q has no letter or digit: it would match no title", p)
			}
		}
	}
}

func (c *Config) validateSources(check SourceCheck, bad badFunc) {
	if len(c.Sources) == 0 {
		bad("sources", "at least one source is required")
	}
	names := map[string]int{}
	for i := range c.Sources {
		s := &c.Sources[i]
		p := fmt.Sprintf("sources[%d]", i)
		s.Line = c.Line(p)
		if s.Name == "" {
			bad(p+".name", "required")
		} else if !skillpulse.ValidSourceName(s.Name) {
			bad(p+".name", "%q: use letters, digits, '.', '_' and '-' (at most 64)", s.Name)
		} else if j, dup := names[s.Name]; dup {
			bad(p+".name", "%q is already the name of sources[%d]", s.Name, j)
		} else {
			names[s.Name] = i
		}
		checked := "" // the key the source check reported, if any
		if s.Type == "" {
			bad(p+".type", "required")
		} else if check != nil {
			if key, err := check(s); err != nil {
				if key == "" {
					key = "type"
				}
				checked = key
				bad(p+"."+key, "%v", err)
			}
		}
		if s.BaseURL != "" && checked != "base_url" {
			if err := checkBaseURL(s.BaseURL); err != nil {
				bad(p+".base_url", "%v", err)
			}
		}
		checkLimits(p+".", limitFields{s.RequestTimeout, s.SourceTimeout, s.Delay, s.Parallelism, s.MaxRetries, s.MaxItems, s.MaxPages}, bad)
	}
}

func (c *Config) validateSchedule(bad badFunc) {
	for key, spec := range map[string]string{"schedule.crawl": c.Schedule.Crawl, "schedule.report": c.Schedule.Report} {
		if err := checkCron(spec); err != nil {
			bad(key, "%v", err)
		}
	}
}

// checkCron accepts a five-field cron spec or a descriptor that fires.
// robfig/cron takes "@every 0s", "@every -5s" and "@every 1500ms" and
// silently runs them every whole second, and takes "0 0 31 2 *"
// (February 31st) and never runs it: each is refused here instead, so an
// interval is whole seconds, at least one, and a spec fires at least once
// in five years.
func checkCron(spec string) error {
	parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	sched, err := parser.Parse(spec)
	if err != nil {
		return fmt.Errorf("bad cron spec %q: %v", spec, err)
	}
	if every, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		d, _ := time.ParseDuration(strings.TrimSpace(every)) // Parse accepted it
		if d < time.Second || d%time.Second != 0 {
			return fmt.Errorf("bad cron spec %q: the interval must be whole seconds, at least 1s (e.g. @every 6h)", spec)
		}
	}
	// Next finds no time within five years for a date that never comes.
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if sched.Next(from).IsZero() {
		return fmt.Errorf("bad cron spec %q: it never fires (no such date)", spec)
	}
	return nil
}

func (c *Config) validateReport(bad badFunc) {
	if c.Report.Dir == "" {
		bad("report.dir", "must not be empty")
	}
	for i, f := range c.Report.Formats {
		if !slices.Contains(Formats, f) {
			bad(fmt.Sprintf("report.formats[%d]", i), "unknown format %q (want one of %v)", f, Formats)
		}
	}
}

func (c *Config) validateMarket(bad badFunc) {
	ids := map[string]bool{}
	for i := range c.Market {
		m := &c.Market[i]
		p := fmt.Sprintf("market[%d]", i)
		m.Line = c.Line(p)
		switch {
		case m.ID == "":
			bad(p+".id", "required")
		case ids[m.ID]:
			bad(p+".id", "%q is given twice", m.ID)
		}
		ids[m.ID] = true
		if m.Name == "" {
			m.Name = m.ID
		}
		if m.Weight < 0 || m.Weight > 1 {
			bad(p+".weight", "must be between 0 and 1, not %g", m.Weight)
		}
		if m.Reason == "" {
			bad(p+".reason", "required: say in one line why the area weighs what it does")
		}
		if len(m.Skills) == 0 {
			bad(p+".skills", "list the taxonomy skill ids that count towards %q", m.ID)
		}
	}
}

// limitFields are the crawl limits a source may override, each nil when
// not given: crawl's own, and a source's overrides, keep the same bounds.
type limitFields struct {
	requestTimeout, sourceTimeout, delay        *Duration
	parallelism, maxRetries, maxItems, maxPages *int
}

// checkLimits reports every limit of l, under the key prefix p, that is
// out of its range (see MaxParallelism and the others in bounds.go).
func checkLimits(p string, l limitFields, bad badFunc) {
	if l.requestTimeout != nil && (*l.requestTimeout <= 0 || l.requestTimeout.D() > MaxRequestTimeout) {
		bad(p+"request_timeout", "must be more than 0s and at most %s", MaxRequestTimeout)
	}
	if l.sourceTimeout != nil && (*l.sourceTimeout <= 0 || l.sourceTimeout.D() > MaxSourceTimeout) {
		bad(p+"source_timeout", "must be more than 0s and at most %s", MaxSourceTimeout)
	}
	if l.delay != nil && l.delay.D() > MaxDelay {
		bad(p+"delay", "%s is over %s", l.delay.D(), MaxDelay)
	}
	intRange := func(key string, v *int, lo, hi int) {
		if v != nil && (*v < lo || *v > hi) {
			bad(p+key, "%d is outside %d–%d", *v, lo, hi)
		}
	}
	intRange("parallelism", l.parallelism, 1, MaxParallelism)
	intRange("max_retries", l.maxRetries, 0, MaxMaxRetries)
	intRange("max_items", l.maxItems, 1, MaxMaxItems)
	intRange("max_pages", l.maxPages, 1, MaxMaxPages)
}

func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not a URL", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: want an http or https URL", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("%q has no host", raw)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q: give only scheme://host[:port]; the source keeps the real API's path", raw)
	}
	return nil
}

// IsConfigError reports whether err is a problem with the config (as
// opposed to, say, an unreadable file system), for the exit status.
func IsConfigError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
