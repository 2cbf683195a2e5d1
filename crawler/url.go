package crawler

import (
	"net/url"
)

// apiURL is the URL of an API endpoint: the real origin (or the source's
// base_url, which replaces only scheme and host), then the real path and
// query unchanged. path must already be escaped (url.PathEscape each
// segment that came from config).
func apiURL(baseURL, realOrigin, path, rawQuery string) string {
	origin := realOrigin
	if baseURL != "" {
		// CheckSource has validated base_url; a parse failure here would
		// leave the real origin, never a half-built URL.
		if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
			origin = u.Scheme + "://" + u.Host
		}
	}
	s := origin + path
	if rawQuery != "" {
		s += "?" + rawQuery
	}
	return s
}
