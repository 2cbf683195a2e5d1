package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// malformedBodies has, per JSON source parser, a payload of one good job
// and one whose id is `true`.
var malformedBodies = []struct {
	name  string
	body  string
	parse func([]byte) ([]skillpulse.Posting, error)
}{
	{"greenhouse", `{"jobs":[{"id":true,"title":"SRE"},{"id":7,"title":"Platform Engineer"}]}`, parseGreenhouse},
	{"ashby", `{"jobs":[{"id":true,"title":"SRE"},{"id":"a7","title":"Platform Engineer"}]}`, parseAshby},
	{"remotive", `{"jobs":[{"id":true,"title":"SRE"},{"id":7,"title":"Platform Engineer"}]}`, parseRemotive},
	{"lever", `[{"id":true,"text":"SRE"},{"id":"l7","text":"Platform Engineer"}]`, parseLever},
	{"remoteok", `[{"legal":"x"},{"id":true,"position":"SRE"},{"id":7,"position":"Platform Engineer"}]`, parseRemoteOK},
	{"workable", `{"name":"G","jobs":[{"shortcode":true,"title":"SRE"},{"shortcode":"W7","title":"Platform Engineer"}]}`, parseWorkable},
	{"arbeitnow", `{"data":[{"slug":true,"title":"SRE"},{"slug":"a-7","title":"Platform Engineer"}],"links":{"next":null}}`,
		func(b []byte) ([]skillpulse.Posting, error) { p, _, err := parseArbeitnowPage(b); return p, err }},
	{"smartrecruiters", `{"totalFound":2,"content":[{"id":true,"name":"SRE"},{"id":"7","name":"Platform Engineer"}]}`,
		func(b []byte) ([]skillpulse.Posting, error) { p, _, err := parseSmartRecruitersList(b); return p, err }},
	{"hn", `{"id":1,"children":[{"id":true,"author":"a","text":"Acme | SRE"},{"id":7,"author":"b","text":"Acme | Platform Engineer"}]}`, parseHNThread},
}

func TestOneMalformedJobIsSkippedNotTheBoard(t *testing.T) {
	for _, tt := range malformedBodies {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := tt.parse([]byte(tt.body))
			if len(posts) != 1 || !strings.Contains(posts[0].NativeID, "7") {
				t.Fatalf("postings = %+v, want the one good job", posts)
			}
			var m *MalformedError
			if !errors.Is(err, ErrTruncated) || !errors.As(err, &m) || m.Count != 1 {
				t.Fatalf("error = %v, want a truncation counting 1 malformed record", err)
			}
			if !strings.Contains(err.Error(), "record ") {
				t.Errorf("error %q does not say which record", err)
			}
		})
	}
}

func TestMalformedJobMarksTheSourceTruncatedAndCounted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"jobs":[{"id":true,"title":"Site Reliability Engineer"},{"id":7,"title":"Site Reliability Engineer"}]}`))
	}))
	defer srv.Close()
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	res, err := c.FetchResult(context.Background(), &config.Source{Name: "gh", Type: "greenhouse", Board: "acme", BaseURL: srv.URL})
	if err != nil {
		t.Fatalf("FetchResult: %v; one malformed job must not fail the board", err)
	}
	if len(res.Postings) != 1 || !res.Truncated || res.Malformed != 1 {
		t.Errorf("got %d postings, truncated %v, malformed %d; want 1, true, 1", len(res.Postings), res.Truncated, res.Malformed)
	}
}

func TestPagedSourceKeepsPagingPastAMalformedJob(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("skip") {
		case "0":
			w.Write([]byte(`[{"id":true,"text":"SRE"},{"id":"a","text":"SRE"}]`))
		default:
			w.Write([]byte(`[{"id":"b","text":"SRE"}]`))
		}
	}))
	defer srv.Close()
	l := &lever{h: testHTTP(loopbackLimits(), nil), pageSize: 2}
	posts, err := l.Fetch(context.Background(), &config.Source{Type: "lever", Site: "acme", BaseURL: srv.URL})
	if len(posts) != 2 || malformedIn(err) != 1 || !errors.Is(err, ErrTruncated) {
		t.Errorf("got %d postings, error %v; want 2 (the full first page does not end paging) and 1 malformed", len(posts), err)
	}
}
