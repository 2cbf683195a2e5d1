package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/config"
)

// ldPage is a careers page whose JSON-LD holds n JobPostings, nested depth
// levels deep in one-element lists.
func ldPage(n, depth int) string {
	var b strings.Builder
	b.WriteString(`<html><head><script type="application/ld+json">`)
	b.WriteString(strings.Repeat("[", depth))
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"@type":"JobPosting","title":"Site Reliability Engineer","identifier":"J%d"}`, i)
	}
	b.WriteString(strings.Repeat("]", depth))
	b.WriteString(`</script></head><body></body></html>`)
	return b.String()
}

// Every bound that leaves postings of a source unread must mark the
// result truncated, so that the postings it did not read are not closed.
func TestEveryCapMarksTheSourceTruncated(t *testing.T) {
	tests := []struct {
		name          string
		page          string
		wantPosts     int
		wantTruncated bool
	}{
		{"a page at the JobPosting cap is complete", ldPage(maxLDPostings, 1), maxLDPostings, false},
		{"a page over the JobPosting cap is truncated", ldPage(maxLDPostings+1, 1), maxLDPostings, true},
		{"JobPostings nested past the depth bound truncate", ldPage(1, maxLDDepth+2), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/careers/" {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(tt.page))
			}))
			defer srv.Close()
			c := New(config.Crawl{AllowPrivate: true, MaxItems: 5000}, WithLogger(quietLogger()))
			res, err := c.FetchResult(context.Background(), &config.Source{Name: "ld", Type: "jsonld", URLs: []string{srv.URL + "/careers/"}})
			if err != nil && tt.wantPosts > 0 {
				t.Fatal(err)
			}
			if len(res.Postings) != tt.wantPosts || res.Truncated != tt.wantTruncated {
				t.Errorf("%d postings, truncated %v; want %d, %v", len(res.Postings), res.Truncated, tt.wantPosts, tt.wantTruncated)
			}
		})
	}
}

// FuzzJobPostingsCap: however many JobPostings a page holds, and however
// deep, no more than maxLDPostings are read, and a page that held more (or
// deeper) says so, so that what was not read is never closed.
func FuzzJobPostingsCap(f *testing.F) {
	f.Add(uint16(3), uint8(1))
	f.Add(uint16(maxLDPostings), uint8(2))
	f.Add(uint16(maxLDPostings+1), uint8(1))
	f.Add(uint16(2), uint8(maxLDDepth+1))
	base, _ := url.Parse("https://careers.example/")
	f.Fuzz(func(t *testing.T, n uint16, depth uint8) {
		n %= 2 * maxLDPostings
		d := int(depth%(maxLDDepth+4)) + 1
		posts, err := parseJobPostingPage([]byte(ldPage(int(n), d)), base)
		if err != nil && !isTruncation(err) {
			t.Fatal(err)
		}
		if len(posts) > maxLDPostings {
			t.Errorf("%d postings read, over the cap of %d", len(posts), maxLDPostings)
		}
		// ldPage nests the list d deep: its postings sit at depth d. (With
		// no postings, lists nested past the bound may be read as a cut:
		// erring that way closes nothing.)
		cut := int(n) > maxLDPostings || d > maxLDDepth
		if n > 0 && cut != isTruncation(err) {
			t.Errorf("%d postings at depth %d: truncation %v, want %v", n, d, isTruncation(err), cut)
		}
		if !cut && len(posts) != int(n) {
			t.Errorf("%d postings at depth %d: read %d", n, d, len(posts))
		}
	})
}
