// Package config loads and validates config.yaml into typed settings.
//
// Loading is strict: an unknown key, a value of the wrong type, a bad
// duration or cron spec is an error naming the file, line and key
// ("config.yaml:12: sources[2].type: unknown source type \"greenhose\"").
// Everything past Load sees only these structs, never YAML, flags or the
// environment.
package config

import (
	"time"
)

// Config is the whole of config.yaml after defaults and validation.
type Config struct {
	Storage  Storage      `yaml:"storage"`
	Crawl    Crawl        `yaml:"crawl"`
	Sources  []Source     `yaml:"sources"`
	Schedule Schedule     `yaml:"schedule"`
	Report   Report       `yaml:"report"`
	Market   []MarketArea `yaml:"market"`
	// MarketSource cites, in one line, where the market weighting comes
	// from; reports print it beside the weights.
	MarketSource string        `yaml:"market_source"`
	Taxonomy     TaxonomyFiles `yaml:"taxonomy"`
	API          API           `yaml:"api"`

	// File is the path the config was read from ("" for the embedded default).
	File  string `yaml:"-"`
	lines map[string]int
	// Hash is a digest of the config's bytes, recorded with every run.
	Hash string `yaml:"-"`
}

// Storage says where the bbolt file lives and how postings age.
type Storage struct {
	Path string `yaml:"path"`
	// Grace is how long a posting may be missing from successful runs of its
	// source before it is closed.
	Grace Duration `yaml:"grace"`
	// LockTimeout bounds the wait for another process holding the file.
	LockTimeout Duration `yaml:"lock_timeout"`
}

// Crawl holds the crawl-wide limits; every Source may override the limits.
type Crawl struct {
	UserAgent      string   `yaml:"user_agent"`
	RequestTimeout Duration `yaml:"request_timeout"` // whole request, body included
	// SourceTimeout bounds one source's whole fetch, every request and
	// wait of it, so that a server answering each request just inside
	// request_timeout cannot hold a nightly crawl for hours.
	SourceTimeout Duration `yaml:"source_timeout"`
	Delay         Duration `yaml:"delay"`       // per host, between requests
	Parallelism   int      `yaml:"parallelism"` // per host
	MaxRetries    int      `yaml:"max_retries"`
	MaxBody       ByteSize `yaml:"max_body"`
	MaxItems      int      `yaml:"max_items"` // per source
	MaxPages      int      `yaml:"max_pages"` // per source
	AllowPrivate  bool     `yaml:"allow_private"`
	Roles         Roles    `yaml:"roles"`
}

// Roles is the title filter: a title is kept when it contains an include
// phrase and no exclude phrase (case-insensitive, on word boundaries).
type Roles struct {
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
}

// Source is one configured place to crawl. Which keys it needs depends on
// its type; the crawler's registry says which (see crawler.Kinds).
type Source struct {
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"`
	Board   string   `yaml:"board"`   // greenhouse, ashby
	Site    string   `yaml:"site"`    // lever
	Company string   `yaml:"company"` // smartrecruiters
	Account string   `yaml:"account"` // workable
	URL     string   `yaml:"url"`     // rss, html
	URLs    []string `yaml:"urls"`    // jsonld
	Follow  string   `yaml:"follow"`  // jsonld: pattern of links to follow
	// Category narrows a board that has categories (remotive).
	Category string `yaml:"category"`
	// Employer is the company name given to the source's postings that
	// name none (lever, ashby and workable boards are one employer's own),
	// so that reports show it and the same job listed elsewhere under that
	// name is recognised as one posting.
	Employer  string    `yaml:"employer"`
	Selectors Selectors `yaml:"selectors"` // html
	// BaseURL replaces the scheme and host of the real API; the path stays
	// the real one. Tests and mirrors point sources elsewhere with it.
	BaseURL string `yaml:"base_url"`

	// Overrides of the crawl-wide settings; nil means inherit.
	AllowPrivate   *bool     `yaml:"allow_private"`
	RequestTimeout *Duration `yaml:"request_timeout"`
	SourceTimeout  *Duration `yaml:"source_timeout"`
	Delay          *Duration `yaml:"delay"`
	Parallelism    *int      `yaml:"parallelism"`
	MaxRetries     *int      `yaml:"max_retries"`
	MaxItems       *int      `yaml:"max_items"`
	MaxPages       *int      `yaml:"max_pages"`

	// Line is where the source starts in its file, for error messages.
	Line int `yaml:"-"`
}

// Selectors are the CSS selectors of an html source.
type Selectors struct {
	Item        string `yaml:"item"`
	Link        string `yaml:"link"`
	Title       string `yaml:"title"`
	Location    string `yaml:"location"`
	Description string `yaml:"description"`
}

// Limits are a source's effective crawl settings: its overrides on top of
// the crawl-wide ones.
type Limits struct {
	UserAgent      string
	RequestTimeout time.Duration
	SourceTimeout  time.Duration
	Delay          time.Duration
	Parallelism    int
	MaxRetries     int
	MaxBody        int64
	MaxItems       int
	MaxPages       int
	AllowPrivate   bool
}

// Limits resolves s's overrides against the crawl-wide settings c.
func (c *Crawl) Limits(s *Source) Limits {
	l := Limits{
		UserAgent:      c.UserAgent,
		RequestTimeout: c.RequestTimeout.D(),
		SourceTimeout:  c.SourceTimeout.D(),
		Delay:          c.Delay.D(),
		Parallelism:    c.Parallelism,
		MaxRetries:     c.MaxRetries,
		MaxBody:        int64(c.MaxBody),
		MaxItems:       c.MaxItems,
		MaxPages:       c.MaxPages,
		AllowPrivate:   c.AllowPrivate,
	}
	if s == nil {
		return l
	}
	if s.AllowPrivate != nil {
		l.AllowPrivate = *s.AllowPrivate
	}
	if s.RequestTimeout != nil {
		l.RequestTimeout = s.RequestTimeout.D()
	}
	if s.SourceTimeout != nil {
		l.SourceTimeout = s.SourceTimeout.D()
	}
	if s.Delay != nil {
		l.Delay = s.Delay.D()
	}
	if s.Parallelism != nil {
		l.Parallelism = *s.Parallelism
	}
	if s.MaxRetries != nil {
		l.MaxRetries = *s.MaxRetries
	}
	if s.MaxItems != nil {
		l.MaxItems = *s.MaxItems
	}
	if s.MaxPages != nil {
		l.MaxPages = *s.MaxPages
	}
	return l
}

// Schedule holds the cron specs used by `skillpulse serve`.
type Schedule struct {
	Crawl  string `yaml:"crawl"`  // nightly crawl
	Report string `yaml:"report"` // weekly report
}

// Report says where reports go and in which formats.
type Report struct {
	Dir     string   `yaml:"dir"`
	Formats []string `yaml:"formats"` // md, json, html, csv
	// Top limits how many skills a report lists (0: all).
	Top int `yaml:"top"`
}

// MarketArea is one area of the "what the market actually requires"
// weighting: how much the area matters (0..1), why, and which taxonomy
// skills count towards it.
type MarketArea struct {
	ID     string   `yaml:"id"`
	Name   string   `yaml:"name"`
	Weight float64  `yaml:"weight"`
	Reason string   `yaml:"reason"`
	Skills []string `yaml:"skills"`
	Line   int      `yaml:"-"`
}

// TaxonomyFiles names optional user taxonomy files that add to or override
// the embedded taxonomy.
type TaxonomyFiles struct {
	Files []string `yaml:"files"`
}

// API configures the read-only JSON API and metrics endpoint of `serve`.
type API struct {
	Listen string `yaml:"listen"`
	// Hosts are the names, besides loopback ones, that requests to a
	// loopback listener may carry in their Host header (DNS-rebinding
	// protection answers any other 421).
	Hosts []string `yaml:"hosts"`
	// TokenFile holds the bearer token (its first line) every endpoint
	// but /api/v1/health then asks for; SKILLPULSE_API_TOKEN gives it
	// instead. A listener on other than a loopback address needs one.
	TokenFile string `yaml:"token_file"`
	// MetricsAuth is "token" (default: /metrics asks for the token too,
	// when there is one) or "open" (a scraper without it may read it).
	MetricsAuth string `yaml:"metrics_auth"`
}

// EnvAPIToken names the environment variable that gives the API's token.
const EnvAPIToken = "SKILLPULSE_API_TOKEN"
