package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/config"
)

// aliasBomb is the config: a long list *u, and sources that each
// name it, repeated by alias.
func aliasBomb(urls, copies int) string {
	var b strings.Builder
	b.WriteString("storage: {path: /tmp/x.db}\nsources:\n  - &s {name: acme, type: greenhouse, board: acme, urls: &u [")
	for i := range urls {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "https://acme.example/careers/%d", i)
	}
	b.WriteString("]}\n")
	for range copies {
		b.WriteString("  - *s\n")
	}
	return b.String()
}

func TestNumericSettingsOutsideTheirRangeAreConfigErrors(t *testing.T) {
	cases := []struct{ name, from, to, want string }{
		{"parallelism at max int64", "parallelism: 4", "parallelism: 9223372036854775807", "test.yaml:7: crawl.parallelism: 9223372036854775807 is outside 1–64"},
		{"parallelism of a hundred billion", "parallelism: 4", "parallelism: 100000000000", "crawl.parallelism: 100000000000 is outside 1–64"},
		{"parallelism written as a float", "parallelism: 4", "parallelism: 1e11", `crawl.parallelism: want a whole number, not "1e11"`},
		{"request timeout of a year", "request_timeout: 5s", "request_timeout: 8760h", "crawl.request_timeout: must be more than 0s and at most 10m0s"},
		{"source timeout of a week", "request_timeout: 5s", "request_timeout: 5s\n  source_timeout: 168h", "crawl.source_timeout: must be more than 0s and at most 24h0m0s"},
		{"source timeout of nothing", "request_timeout: 5s", "request_timeout: 5s\n  source_timeout: 0s", "crawl.source_timeout: must be more than 0s"},
		{"a source's source timeout of nothing", "allow_private: true", "allow_private: true\n    source_timeout: 0s", "sources[0].source_timeout: must be more than 0s"},
		{"delay of a day", "delay: 0s", "delay: 24h", "crawl.delay: 24h0m0s is over 1h0m0s"},
		{"max items of a billion", "parallelism: 4", "parallelism: 4\n  max_items: 1000000000", "crawl.max_items: 1000000000 is outside 1–100000"},
		{"max pages of a million", "parallelism: 4", "parallelism: 4\n  max_pages: 1000000", "crawl.max_pages: 1000000 is outside 1–10000"},
		{"max body of an exabyte", "parallelism: 4", "parallelism: 4\n  max_body: 1000000GiB", "crawl.max_body:"},
		{"a source's parallelism", "allow_private: true", "allow_private: true\n    parallelism: 1000", "sources[0].parallelism: 1000 is outside 1–64"},
		{"a source's max_items", "allow_private: true", "allow_private: true\n    max_items: 0", "sources[0].max_items: 0 is outside 1–100000"},
		{"a grace of ten years", "path: /tmp/x.db", "path: /tmp/x.db\n  grace: 87600h", "storage.grace: 87600h0m0s is over 8760h0m0s"},
		{"a lock timeout of a day", "path: /tmp/x.db", "path: /tmp/x.db\n  lock_timeout: 24h", "storage.lock_timeout:"},
		{"a report top of a million", "parallelism: 4", "parallelism: 4\nreport:\n  top: 1000000", "report.top: 1000000 is outside 0–10000"},
		{"api.listen without a port", "parallelism: 4", "parallelism: 4\napi:\n  listen: localhost", `api.listen: "localhost": want host:port`},
		{"api.listen with a port past 65535", "parallelism: 4", "parallelism: 4\napi:\n  listen: 127.0.0.1:99999", `api.listen: "127.0.0.1:99999": port "99999"`},
		{"api.listen with a bad host", "parallelism: 4", "parallelism: 4\napi:\n  listen: \"bad host!:80\"", `host "bad host!" is neither`},
		{"a NUL in storage.path", "path: /tmp/x.db", `path: "/tmp/x\0.db"`, "storage.path: \"/tmp/x\\x00.db\" contains a NUL byte"},
		{"a NUL in report.dir", "parallelism: 4", "parallelism: 4\nreport:\n  dir: \"r\\0\"", "report.dir:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y := strings.Replace(minimal, tc.from, tc.to, 1)
			_, err := config.Parse("test.yaml", []byte(y), checkTypes)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !config.IsConfigError(err) {
				t.Fatalf("error:\n  %v\nwant a config error containing:\n  %s", err, tc.want)
			}
		})
	}
	for _, ok := range []string{"127.0.0.1:0", ":9477", "[::1]:9477", "localhost:9477"} {
		y := minimal + "api:\n  listen: \"" + ok + "\"\n"
		if _, err := config.Parse("test.yaml", []byte(y), checkTypes); err != nil {
			t.Errorf("api.listen %q refused: %v", ok, err)
		}
	}
}

func TestAliasAmplificationIsRefusedAtItsLine(t *testing.T) {
	// 2,000 URLs × 200 copies would be 400,000 values once expanded.
	y := aliasBomb(2000, 200)
	_, err := config.Parse("bomb.yaml", []byte(y), checkTypes)
	if err == nil || !strings.Contains(err.Error(), "refusing alias amplification") || !strings.Contains(err.Error(), "bomb.yaml:") {
		t.Fatalf("error = %.300v, want alias amplification refused with file:line", err)
	}
	var cerr *config.Error
	if !config.IsConfigError(err) || !amplification(err, &cerr) || cerr.Line < 4 {
		t.Errorf("error %.300v does not point at an alias line", err)
	}
	// A few aliases, as people use them, are fine.
	if _, err := config.Parse("ok.yaml", []byte(aliasBomb(3, 3)), checkTypes); err != nil && strings.Contains(err.Error(), "amplification") {
		t.Errorf("a small aliased config refused: %v", err)
	}
}

func TestConfigFileOverOneMiBIsRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.yaml")
	big := minimal + "# " + strings.Repeat("x", config.MaxFileSize) + "\n"
	if err := os.WriteFile(p, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := config.Load(p, checkTypes)
	if err == nil || !config.IsConfigError(err) || !strings.Contains(err.Error(), p+":1: file is over 1048576 bytes") {
		t.Fatalf("Load = %v, want the size refused with file:line", err)
	}
}

// amplification finds the alias amplification error among err's.
func amplification(err error, target **config.Error) bool {
	for _, e := range unwrapAll(err) {
		if ce, ok := e.(*config.Error); ok && strings.Contains(ce.Msg, "amplification") {
			*target = ce
			return true
		}
	}
	return false
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// FuzzParse feeds Parse arbitrary files: it must not panic or run away
// (alias bombs are cut off by the node budget), and a config it accepts
// keeps every numeric setting within its documented range.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(aliasBomb(50, 50)))
	f.Add([]byte(strings.Replace(minimal, "parallelism: 4", "parallelism: 9223372036854775807", 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.Parse("fuzz.yaml", data, checkTypes)
		if err != nil {
			if !config.IsConfigError(err) {
				t.Errorf("not a config error: %v", err)
			}
			return
		}
		c := &cfg.Crawl
		if c.Parallelism < 1 || c.Parallelism > config.MaxParallelism || c.MaxItems < 1 || c.MaxItems > config.MaxMaxItems ||
			c.MaxPages < 1 || c.MaxPages > config.MaxMaxPages || c.MaxBody < 1 || c.MaxBody > config.MaxMaxBody ||
			c.RequestTimeout.D() > config.MaxRequestTimeout || c.Delay.D() > config.MaxDelay {
			t.Errorf("accepted out-of-range crawl settings: %+v", c)
		}
		for i := range cfg.Sources {
			lim := c.Limits(&cfg.Sources[i])
			if lim.Parallelism < 1 || lim.Parallelism > config.MaxParallelism || lim.MaxItems > config.MaxMaxItems || lim.MaxPages > config.MaxMaxPages {
				t.Errorf("accepted out-of-range limits for source %d: %+v", i, lim)
			}
		}
	})
}
