package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/config"
)

func TestAbsurdDatesAreDroppedAtTheSourceBoundary(t *testing.T) {
	tests := []struct {
		name, typ, path, body string
		wantPosted            time.Time
		wantBad               int
	}{
		{"greenhouse published in 9999", "greenhouse", "/v1/boards/acme/jobs",
			`{"jobs":[{"id":1,"title":"Site Reliability Engineer","first_published":"9999-12-31T23:59:59Z","updated_at":"1600-01-01T00:00:00Z"}]}`,
			time.Time{}, 2},
		{"lever created in year 10000", "lever", "/v0/postings/acme",
			`[{"id":"a","text":"Site Reliability Engineer","createdAt":253402300800000}]`, time.Time{}, 1},
		{"a real date is kept", "greenhouse", "/v1/boards/acme/jobs",
			`{"jobs":[{"id":1,"title":"Site Reliability Engineer","first_published":"2026-11-20T10:00:00Z"}]}`,
			time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != tt.path {
					http.NotFound(w, r)
					return
				}
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
			src := config.Source{Name: "acme", Type: tt.typ, BaseURL: srv.URL}
			if tt.typ == "lever" {
				src.Site = "acme"
			} else {
				src.Board = "acme"
			}
			res, err := c.FetchResult(context.Background(), &src)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Postings) != 1 {
				t.Fatalf("%d postings, want the posting kept without its date", len(res.Postings))
			}
			p := res.Postings[0]
			if !p.Posted.Equal(tt.wantPosted) || res.BadDates != tt.wantBad {
				t.Errorf("Posted %s, %d bad dates; want %s, %d", p.Posted, res.BadDates, tt.wantPosted, tt.wantBad)
			}
			if !p.Updated.IsZero() && (p.Updated.Year() < 2000 || p.Updated.Year() > 2099) {
				t.Errorf("Updated %s kept", p.Updated)
			}
		})
	}
}
