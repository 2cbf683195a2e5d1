// Package crawler fetches job postings from the configured sources and
// returns them as domain postings (skillpulse.Posting).
//
// One file per source type implements Fetcher: the ATS APIs greenhouse.go,
// lever.go, ashby.go, smartrecruiters.go and workable.go; the job boards
// remoteok.go, remotive.go and arbeitnow.go; hn.go (Hacker News "Who is
// hiring?"); rss.go (RSS/Atom feeds); jsonld.go (schema.org JobPosting on
// career pages) and html.go (CSS selectors). Kinds is the registry that maps
// a config `type` to its keys, checks and constructor. A new source is one
// file, one test file and one line in Kinds. Fetchers that fetch detail
// pages receive the role filter first (see titleFilterer), so no request is
// spent on a title that would be dropped. CheckSource validates a source's
// type-specific keys for the config loader and returns a *KeyError naming
// the key.
//
// All network access goes through HTTP (http.go), built on gocolly/colly from
// a source's effective config.Limits. It guarantees, for every request:
//
//   - the configured User-Agent, per-host parallelism and delay;
//   - a timeout that covers the whole exchange, body included;
//   - a body bound (default 10 MiB) enforced after decompression, reported
//     as *BodyTooLargeError rather than silently truncated;
//   - at most maxRedirects redirects, all on the requested host;
//   - retries with exponential backoff and jitter on connection errors,
//     429 and 5xx, honouring Retry-After, at most 1+MaxRetries attempts;
//   - an SSRF guard on the dialled address: loopback, private, unspecified
//     addresses are refused unless AllowPrivate; link-local (cloud metadata)
//     is refused always.
//   - for layers that obey robots.txt (robots.go): no page it disallows,
//     and no page of a host whose robots.txt answers 429 or 5xx or cannot
//     be read (*RobotsError, naming its URL).
//
// Crawler.Fetch holds a source's whole fetch, every request, retry and
// wait of it, to source_timeout (a *SourceTimeoutError past it), then
// bounds every scraped string, drops postings without
// an id or title, applies the role filter and the per-source item bound,
// and stamps Source and SourceType.
//
// With WithValidators, single-response sources send conditional requests
// and an unchanged source comes back as ErrNotModified. Package crawltest
// is a fault-injecting stand-in for the APIs, for tests of any stage.
package crawler
