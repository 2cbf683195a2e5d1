package config

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// Ranges of the numeric settings, checked when the config is loaded so
// that a typo ("parallelism: 9223372036854775807") is a config error
// (exit 2, nothing created) rather than a panic or an exhausted machine
// after the store and a run record exist. config.yaml documents them.
const (
	MaxRequestTimeout = 10 * time.Minute // crawl.request_timeout: (0s, 10m]
	MaxSourceTimeout  = 24 * time.Hour   // crawl.source_timeout: (0s, 24h]
	MaxDelay          = time.Hour        // crawl.delay: [0s, 1h]
	MaxParallelism    = 64               // crawl.parallelism: [1, 64]
	MaxMaxRetries     = 10               // crawl.max_retries: [0, 10]
	MaxMaxItems       = 100_000          // crawl.max_items: [1, 100000]
	MaxMaxPages       = 10_000           // crawl.max_pages: [1, 10000]
	MaxMaxBody        = 1 << 30          // crawl.max_body: [1, 1GiB]
	MaxGrace          = 365 * 24 * time.Hour
	MaxLockTimeout    = 10 * time.Minute
	MaxTop            = 10_000
)

// MaxFileSize bounds a config file: a real one is a few KiB.
const MaxFileSize = 1 << 20

// maxDecodedNodes bounds the YAML nodes one config may make the decoder
// visit, aliases expanded: `[*s, *s, ...]` over a long `*u` list must not
// cost seconds and gigabytes (a real config visits a few thousand).
const maxDecodedNodes = 100_000

// checkBounds reports the settings outside their ranges that
// checkLimits does not cover, api.listen and api.hosts, and NUL bytes in
// paths.
func (c *Config) checkBounds(bad badFunc) {
	if c.Crawl.MaxBody <= 0 || c.Crawl.MaxBody > MaxMaxBody {
		bad("crawl.max_body", "%d is outside 1–%d bytes (1GiB)", c.Crawl.MaxBody, int64(MaxMaxBody))
	}
	if g := c.Storage.Grace.D(); g > MaxGrace {
		bad("storage.grace", "%s is over %s", g, MaxGrace)
	}
	if l := c.Storage.LockTimeout.D(); l > MaxLockTimeout {
		bad("storage.lock_timeout", "%s is over %s", l, MaxLockTimeout)
	}
	if c.Report.Top < 0 || c.Report.Top > MaxTop {
		bad("report.top", "%d is outside 0–%d", c.Report.Top, MaxTop)
	}
	if err := checkListen(c.API.Listen); err != nil {
		bad("api.listen", "%v", err)
	}
	for i, h := range c.API.Hosts {
		if !validHostName(strings.TrimSuffix(h, ".")) {
			bad(fmt.Sprintf("api.hosts[%d]", i), "%q: want a host name (no port, scheme or path)", h)
		}
	}
	paths := map[string]string{"storage.path": c.Storage.Path, "report.dir": c.Report.Dir}
	for i, f := range c.Taxonomy.Files {
		paths[fmt.Sprintf("taxonomy.files[%d]", i)] = f
	}
	for key, p := range paths {
		if strings.IndexByte(p, 0) >= 0 {
			bad(key, "%q contains a NUL byte", p)
		}
	}
}

// checkListen accepts host:port with a port in 0–65535 and a host that is
// empty (every interface), an IP address or a host name.
func checkListen(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q: want host:port, e.g. 127.0.0.1:9477", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q: port %q is not a number in 0–65535", addr, port)
	}
	if host != "" && net.ParseIP(host) == nil && !validHostName(host) {
		return fmt.Errorf("%q: host %q is neither an IP address nor a host name", addr, host)
	}
	return nil
}

func validHostName(h string) bool {
	if len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// readBounded reads the file at path, but no more than max+1 bytes, so
// that Parse can refuse an oversized file without reading all of it.
func readBounded(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}
