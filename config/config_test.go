package config_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/config"
)

// checkTypes stands in for the crawler's registry: the types the shipped
// config uses and their keys.
func checkTypes(s *config.Source) (string, error) {
	switch s.Type {
	case "greenhouse":
		if s.Board == "" {
			return "board", errors.New("required for type greenhouse")
		}
	case "lever":
		if s.Site == "" {
			return "site", errors.New("required for type lever")
		}
	case "remoteok", "remotive", "arbeitnow", "hn":
	case "rss":
		if s.URL == "" {
			return "url", errors.New("required for type rss")
		}
	default:
		return "type", fmt.Errorf("unknown source type %q", s.Type)
	}
	return "", nil
}

const minimal = `storage:
  path: /tmp/x.db
crawl:
  user_agent: test-agent
  request_timeout: 5s
  delay: 0s
  parallelism: 4
sources:
  - name: acme
    type: greenhouse
    board: acme
    base_url: http://127.0.0.1:8080
    allow_private: true
`

func TestParseMinimalTakesDefaults(t *testing.T) {
	cfg, err := config.Parse("test.yaml", []byte(minimal), checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Crawl.Delay.D() != 0 {
		t.Errorf("delay: got %v, want 0s honoured", cfg.Crawl.Delay)
	}
	if cfg.Crawl.Parallelism != 4 || cfg.Crawl.UserAgent != "test-agent" {
		t.Errorf("crawl: got %+v", cfg.Crawl)
	}
	if cfg.Crawl.MaxRetries != 3 || cfg.Crawl.MaxBody != 10<<20 {
		t.Errorf("crawl defaults lost: %+v", cfg.Crawl)
	}
	if cfg.Storage.Grace.D() != 48*time.Hour {
		t.Errorf("grace: got %v", cfg.Storage.Grace)
	}
	if cfg.Schedule.Crawl == "" || cfg.Report.Dir == "" {
		t.Errorf("schedule/report defaults missing: %+v %+v", cfg.Schedule, cfg.Report)
	}
	if len(cfg.Market) < 10 {
		t.Errorf("market: got %d areas, want the built-in weighting", len(cfg.Market))
	}
	src := cfg.Sources[0]
	lim := cfg.Crawl.Limits(&src)
	if !lim.AllowPrivate || lim.Parallelism != 4 {
		t.Errorf("limits: got %+v", lim)
	}
	if src.Line != 9 {
		t.Errorf("source line: got %d, want 9", src.Line)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		yaml string
		want string // substring of the error, with file and line
	}{
		{"unknown source type", minimal + `  - name: b
    type: greenhose
    board: x
`, `test.yaml:15: sources[1].type: unknown source type "greenhose"`},
		{"missing type key", minimal + `  - name: b
    board: x
`, `test.yaml:14: sources[1].type: required`},
		{"missing board", minimal + `  - name: b
    type: greenhouse
`, `test.yaml:14: sources[1].board: required for type greenhouse`},
		{"unknown top-level key", minimal + "storrage:\n  path: x\n", `test.yaml:14: storrage: unknown key`},
		{"unknown nested key", strings.Replace(minimal, "  delay: 0s", "  dealy: 0s", 1), `test.yaml:6: crawl.dealy: unknown key`},
		{"bad duration", strings.Replace(minimal, "request_timeout: 5s", "request_timeout: 5 seconds", 1), `test.yaml:5: crawl.request_timeout: bad duration "5 seconds"`},
		{"duration without unit", strings.Replace(minimal, "delay: 0s", "delay: 5", 1), `test.yaml:6: crawl.delay: bad duration "5"`},
		{"wrong type int", strings.Replace(minimal, "parallelism: 4", "parallelism: four", 1), `test.yaml:7: crawl.parallelism: want a whole number, not "four"`},
		{"wrong type bool", strings.Replace(minimal, "allow_private: true", "allow_private: sometimes", 1), `test.yaml:13: sources[0].allow_private: want true or false`},
		{"mapping for string", strings.Replace(minimal, "user_agent: test-agent", "user_agent: {a: b}", 1), `test.yaml:4: crawl.user_agent: want a string, not a mapping`},
		// net/http refuses such a header: every request of every crawl would fail.
		{"user agent with a line break", strings.Replace(minimal, "user_agent: test-agent", `user_agent: "test-agent\r\nX-Evil: 1"`, 1), `test.yaml:4: crawl.user_agent: "test-agent\r\nX-Evil: 1": no control characters or line breaks (it is sent as a header)`},
		{"user agent with an escape", strings.Replace(minimal, "user_agent: test-agent", `user_agent: "test\e[2J"`, 1), `test.yaml:4: crawl.user_agent: "test\x1b[2J": no control characters`},
		{"bad cron", minimal + "schedule:\n  crawl: \"0 25 * * *\"\n", `test.yaml:15: schedule.crawl: bad cron spec "0 25 * * *"`},
		{"a crawl every zero seconds", minimal + "schedule:\n  crawl: \"@every 0s\"\n", `test.yaml:15: schedule.crawl: bad cron spec "@every 0s": the interval must be whole seconds, at least 1s`},
		{"a crawl every minus five seconds", minimal + "schedule:\n  crawl: \"@every -5s\"\n", `schedule.crawl: bad cron spec "@every -5s": the interval must be`},
		{"a report every millisecond", minimal + "schedule:\n  report: \"@every 1ms\"\n", `schedule.report: bad cron spec "@every 1ms": the interval must be`},
		{"an interval of a second and a half", minimal + "schedule:\n  crawl: \"@every 1500ms\"\n", `schedule.crawl: bad cron spec "@every 1500ms": the interval must be whole seconds`},
		{"an empty include phrase", strings.Replace(minimal, "parallelism: 4", "parallelism: 4\n  roles: {include: [\"\"]}", 1), `crawl.roles.include[0]: "" has no letter or digit: it would match no title`},
		{"an exclude phrase of punctuation", strings.Replace(minimal, "parallelism: 4", "parallelism: 4\n  roles:\n    exclude: [sales, \"--\"]", 1), `crawl.roles.exclude[1]: "--" has no letter or digit`},
		{"a crawl on February 31st", minimal + "schedule:\n  crawl: \"0 3 31 2 *\"\n", `test.yaml:15: schedule.crawl: bad cron spec "0 3 31 2 *": it never fires`},
		{"a report on April 31st", minimal + "schedule:\n  report: \"0 6 31 4 *\"\n", `schedule.report: bad cron spec "0 6 31 4 *": it never fires`},
		{"duplicate source name", minimal + `  - name: acme
    type: lever
    site: acme
`, `test.yaml:14: sources[1].name: "acme" is already the name of sources[0]`},
		{"base_url with path", strings.Replace(minimal, "base_url: http://127.0.0.1:8080", "base_url: http://127.0.0.1:8080/v1/boards", 1), `test.yaml:12: sources[0].base_url:`},
		{"zero parallelism", strings.Replace(minimal, "parallelism: 4", "parallelism: 0", 1), `test.yaml:7: crawl.parallelism: 0 is outside 1–64`},
		{"unknown report format", minimal + "report:\n  formats: [md, pdf]\n", `test.yaml:15: report.formats[1]: unknown format "pdf"`},
		{"market weight out of range", minimal + "market:\n  - id: linux\n    weight: 1.5\n    reason: x\n    skills: [linux]\n", `test.yaml:16: market[0].weight: must be between 0 and 1`},
		{"no sources", "storage:\n  path: x.db\n", `test.yaml: sources: at least one source is required`},
		{"syntax error", "storage:\n\tpath: x\n", `test.yaml:2: invalid YAML`},
		{"key given twice", minimal + "storage:\n  path: y\n", `test.yaml:14: storage`},
		{"empty file", "", `test.yaml: file is empty`},
		// A Host header carries a name (the port is not compared): an entry
		// with a port, scheme or path would never match and only look allowed.
		{"api host with a port", minimal + "api:\n  hosts: [skillpulse.internal, \"skillpulse.internal:9477\"]\n", `test.yaml:15: api.hosts[1]: "skillpulse.internal:9477": want a host name (no port, scheme or path)`},
		{"api host as a URL", minimal + "api:\n  hosts: [\"http://skillpulse.internal/\"]\n", `test.yaml:15: api.hosts[0]: "http://skillpulse.internal/": want a host name`},
		// yaml.v3 reads the first document only: the rest would be ignored in silence.
		{"a second document", minimal + "---\nstorage:\n  path: /tmp/y.db\n", `test.yaml:14: a second YAML document: a config is one document (remove the "---" line and what follows, or merge them)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Parse("test.yaml", []byte(tc.yaml), checkTypes)
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error:\n  %v\nwant it to contain:\n  %s", err, tc.want)
			}
			if !config.IsConfigError(err) {
				t.Errorf("IsConfigError(%v) = false", err)
			}
		})
	}
}

// TestSchedulesThatFireAreAccepted holds the cron check to refusing only
// what robfig/cron would run otherwise than written: a leap day fires, and
// a one-second interval (what tests of serve use) is whole seconds.
func TestSchedulesThatFireAreAccepted(t *testing.T) {
	for _, spec := range []string{"0 3 * * *", "0 6 * * 1", "@daily", "@weekly", "@every 1s", "@every 6h", "@every 1h30m", "0 0 29 2 *", "*/15 * * * *"} {
		y := minimal + "schedule:\n  crawl: \"" + spec + "\"\n  report: \"" + spec + "\"\n"
		if _, err := config.Parse("test.yaml", []byte(y), checkTypes); err != nil {
			t.Errorf("schedule %q refused: %v", spec, err)
		}
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	bad := strings.Replace(strings.Replace(minimal, "delay: 0s", "delay: soon", 1), "parallelism: 4", "parallelism: four", 1)
	_, err := config.Parse("test.yaml", []byte(bad), checkTypes)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"test.yaml:6: crawl.delay", "test.yaml:7: crawl.parallelism"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestBuiltInDefaultIsValid(t *testing.T) {
	cfg, err := config.Load("", checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != config.EmbeddedName || len(cfg.Sources) == 0 || len(cfg.Market) < 11 {
		t.Fatalf("built-in config: file %q, %d sources, %d market areas", cfg.File, len(cfg.Sources), len(cfg.Market))
	}
	for _, m := range cfg.Market {
		if m.Weight <= 0 || m.Reason == "" || len(m.Skills) == 0 {
			t.Errorf("market area %q incomplete: %+v", m.ID, m)
		}
	}
}

func TestShippedFileEqualsBuiltIn(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := config.Parse("config.yaml", b, checkTypes); err != nil {
		t.Fatal(err)
	}
}

func TestEnvOverridesDB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, []byte(minimal), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(config.EnvDB, "/elsewhere/sp.db")
	cfg, err := config.Load(path, checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Storage.Path != "/elsewhere/sp.db" {
		t.Errorf("storage.path: got %q", cfg.Storage.Path)
	}
}

func TestSourceOverridesCrawlLimits(t *testing.T) {
	y := strings.Replace(minimal, "    allow_private: true\n", "    allow_private: true\n    delay: 250ms\n    max_retries: 0\n    source_timeout: 20m\n", 1)
	cfg, err := config.Parse("test.yaml", []byte(y), checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	lim := cfg.Crawl.Limits(&cfg.Sources[0])
	if lim.Delay != 250*time.Millisecond || lim.MaxRetries != 0 || lim.SourceTimeout != 20*time.Minute {
		t.Errorf("limits: got delay %v retries %d source timeout %v", lim.Delay, lim.MaxRetries, lim.SourceTimeout)
	}
	if crawlWide := cfg.Crawl.Limits(nil).SourceTimeout; crawlWide != time.Hour {
		t.Errorf("crawl-wide source_timeout: got %v, want the default 1h", crawlWide)
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"10MiB": 10 << 20, "512KiB": 512 << 10, "1000": 1000, "2mb": 2e6, "1 GiB": 1 << 30} {
		var s config.ByteSize
		if err := s.UnmarshalText([]byte(in)); err != nil || int64(s) != want {
			t.Errorf("%q: got %d, %v; want %d", in, s, err, want)
		}
	}
	var s config.ByteSize
	if err := s.UnmarshalText([]byte("lots")); err == nil {
		t.Error("\"lots\" parsed")
	}
}

func TestParseAcceptsADocumentMarkerWithNothingAfterIt(t *testing.T) {
	for name, tail := range map[string]string{
		"a closing ---":            "---\n",
		"an end marker":            "...\n",
		"a --- and a comment only": "---\n# nothing more\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := config.Parse("test.yaml", []byte(minimal+tail), checkTypes); err != nil {
				t.Errorf("error: %v", err)
			}
		})
	}
}

// The source check (the crawler's) and the loader both know what a
// base_url may be; a bad one is reported once, by the check when it
// reports it.
func TestBadBaseURLReportedOnce(t *testing.T) {
	check := func(s *config.Source) (string, error) {
		if s.BaseURL != "" && strings.Contains(s.BaseURL, "ftp:") {
			return "base_url", fmt.Errorf("bad URL %q: want http:// or https://", s.BaseURL)
		}
		return checkTypes(s)
	}
	_, err := config.Parse("test.yaml", []byte(strings.Replace(minimal, "http://127.0.0.1:8080", "ftp://127.0.0.1", 1)), check)
	if err == nil {
		t.Fatal("no error")
	}
	if n := strings.Count(err.Error(), "sources[0].base_url"); n != 1 {
		t.Errorf("the bad base_url is reported %d times, want once:\n%v", n, err)
	}
	// Without a check that reports it, the loader still does.
	_, err = config.Parse("test.yaml", []byte(strings.Replace(minimal, "http://127.0.0.1:8080", "ftp://127.0.0.1", 1)), checkTypes)
	if err == nil || !strings.Contains(err.Error(), "test.yaml:12: sources[0].base_url:") {
		t.Errorf("error = %v, want the loader's own base_url error", err)
	}
}

func TestAPIHostsTakeHostNames(t *testing.T) {
	cfg, err := config.Parse("test.yaml", []byte(minimal+"api:\n  hosts: [skillpulse.internal, metrics.example.org., my-host]\n"), checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.API.Hosts) != 3 {
		t.Errorf("hosts = %q", cfg.API.Hosts)
	}
}
