package api

import (
	"strconv"
	"strings"
	"testing"
)

func TestPageCacheStaysWithinItsBoundWhateverTheQueries(t *testing.T) {
	s := New(Options{})
	for _, tc := range []struct {
		name    string
		company string // the query's filter
		body    int    // bytes of each page
	}{
		{"long queries with empty pages", strings.Repeat("x", 60<<10), 20},
		{"short queries with large pages", "acme", 900 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &cachedPostings{pages: map[pageKey]*prepared{}}
			for i := range 400 {
				k := pageKey{limit: 100, f: postingFilter{company: tc.company + strconv.Itoa(i)}}
				s.keepPage(c, k, &prepared{body: make([]byte, tc.body)})
				if s.page(c, k) == nil {
					t.Fatalf("page %d was not kept", i)
				}
				held := 0
				for k, p := range c.pages {
					held += len(k.f.company) + len(p.body)
				}
				if held > pageCacheBytes {
					t.Fatalf("after %d pages the cache holds %d bytes of queries and pages, over its bound of %d", i+1, held, pageCacheBytes)
				}
			}
		})
	}
}
