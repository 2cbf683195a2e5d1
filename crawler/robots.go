package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
)

// robots.txt is read here rather than by colly, which fetches it without
// the request's context (so neither a signal nor source_timeout ends the
// fetch), reports its failures as failures of the page asked for (a
// robots.txt that times out reads "GET /careers: timed out"), and lets
// everything through when it answers 5xx. Here it is fetched like any
// page (retries, bounds, the SSRF guard, ctx) and read as RFC 9309 says:
//
//   - 2xx: its rules, for the configured User-Agent;
//   - 4xx other than 429: there are none, everything may be crawled;
//   - 429 or 5xx after the retries: the site is not to be crawled now,
//     a *RobotsError, so the source fails (or, for a detail page, is cut
//     short) and closes nothing;
//   - no answer (a timeout, a body over max_body, a refused redirect):
//     a *RobotsError naming the robots.txt URL and why.
//
// The answer is kept per host for the HTTP layer's life (one crawl).

// RobotsError is a robots.txt that could not be read, or that said the
// site is not to be crawled now (429, 5xx): no page of its host is asked
// for.
type RobotsError struct {
	URL string // the robots.txt URL
	Err error  // the fetch's error, which names URL
}

func (e *RobotsError) Error() string {
	var status *StatusError
	if errors.As(e.Err, &status) {
		return fmt.Sprintf("robots.txt: %v: not crawling the host (RFC 9309)", e.Err)
	}
	return fmt.Sprintf("robots.txt could not be read: %v", e.Err)
}

func (e *RobotsError) Unwrap() error { return e.Err }

// robotsEntry is one host's robots.txt: its rules once read, or the
// error that is the answer for every page of the host.
type robotsEntry struct {
	// turn is held (a value sent) while fetching, so a host's file is
	// asked once; a channel, not a mutex, so that a page waiting for
	// another source's fetch of it stops waiting when its own context
	// ends (its source_timeout, a signal).
	turn  chan struct{}
	done  bool
	rules *robotstxt.RobotsData
	err   error
}

// checkRobots returns nil when robots.txt lets the configured User-Agent
// fetch u, an error wrapping colly.ErrRobotsTxtBlocked when it does not,
// and a *RobotsError when it cannot be read. Only a cancelled ctx leaves
// the answer unknown, to be asked again.
func (h *HTTP) checkRobots(ctx context.Context, u *url.URL) error {
	e := h.hosts.robotsEntry(u.Host)
	select {
	case e.turn <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("GET %s: waiting for robots.txt: %w", u, ctx.Err())
	}
	defer func() { <-e.turn }()
	if !e.done {
		rules, err := h.fetchRobots(ctx, u)
		if err != nil && ctx.Err() != nil {
			return err
		}
		e.rules, e.err, e.done = rules, err, true
	}
	if e.err != nil {
		return e.err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.rules.FindGroup(h.lim.UserAgent).Test(path) {
		return fmt.Errorf("GET %s: %w", u, colly.ErrRobotsTxtBlocked)
	}
	return nil
}

// fetchRobots reads the robots.txt of u's host.
func (h *HTTP) fetchRobots(ctx context.Context, u *url.URL) (*robotstxt.RobotsData, error) {
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	resp, err := h.fetch(ctx, robotsURL, nil)
	var status *StatusError
	switch {
	case err == nil:
		rules, perr := robotstxt.FromBytes(resp.Body)
		if perr != nil {
			return nil, &RobotsError{URL: robotsURL, Err: fmt.Errorf("GET %s: %w", robotsURL, perr)}
		}
		return rules, nil
	case ctx.Err() != nil:
		return nil, err
	case errors.As(err, &status) && status.Status >= 400 && status.Status < 500 && status.Status != http.StatusTooManyRequests:
		return robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // none: allow all
	}
	return nil, &RobotsError{URL: robotsURL, Err: err}
}

// robotsEntry returns host's entry, creating it on first use.
func (hc *hostCollectors) robotsEntry(host string) *robotsEntry {
	hc.mu.Lock()
	defer hc.mu.Unlock()
	if hc.robots == nil {
		hc.robots = make(map[string]*robotsEntry)
	}
	e, ok := hc.robots[host]
	if !ok {
		e = &robotsEntry{turn: make(chan struct{}, 1)}
		hc.robots[host] = e
	}
	return e
}
