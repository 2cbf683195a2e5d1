package crawler

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

// field is one expected value of a parsed posting, for table checks.
type field struct{ name, got, want string }

func checkFields(t *testing.T, fields []field) {
	t.Helper()
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\n here", "plain text here"},
		{"Acme &amp; Co | <a href=\"https:&#x2F;&#x2F;x\">Site</a> Reliability", "Acme & Co | Site Reliability"},
		{"one<br>two</p><p>three", "one two three"},
		{"&amp;lt;b&amp;gt; decoded once", "&lt;b&gt; decoded once"},
		{"<script>var x = '<p>';</script>Title<style>p{}</style>", "Title"},
		{"broken <b", "broken"},
	}
	for _, tt := range tests {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveLink(t *testing.T) {
	base := mustURL(t, "https://jobs.example/careers/list?page=2")
	tests := []struct{ href, want string }{
		{"/careers/sre#apply", "https://jobs.example/careers/sre"},
		{"sre-42", "https://jobs.example/careers/sre-42"},
		{"//other.example/x", "https://other.example/x"},
		{"  https://jobs.example/a b  ", "https://jobs.example/a%20b"},
		{"javascript:alert(1)", ""},
		{"mailto:jobs@jobs.example", ""},
		{"https://user:pw@jobs.example/", ""},
		{"http://[::1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := resolveLink(base, tt.href); got != tt.want {
			t.Errorf("resolveLink(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}

// siteServer is a loopback web site: robotsTxt at /robots.txt and each
// path serving a testdata file as HTML; other paths are 404.
func siteServer(t *testing.T, robotsTxt string, pages map[string]string) *crawltest.Server {
	srv := crawltest.NewServer(t)
	srv.Handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(robotsTxt)) })
	for path, file := range pages {
		body := testdata(t, file)
		srv.Handle(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		})
	}
	return srv
}
