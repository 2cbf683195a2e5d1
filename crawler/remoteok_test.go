package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseRemoteOKTestdata(t *testing.T) {
	posts, err := parseRemoteOK(testdata(t, "remoteok_api.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Fatalf("got %d postings, want 2 (legal notice skipped)", len(posts))
	}
	p := posts[0]
	checks := []struct{ name, got, want string }{
		{"NativeID", p.NativeID, "1200001"},
		{"Title", p.Title, "Senior DevOps Engineer"},
		{"Company", p.Company, "Acme"},
		{"Description (mojibake repaired)", p.Description, "We’re hiring.<br><br>You’ll run <strong>Terraform</strong>."},
		{"Posted", p.Posted.Format(time.RFC3339), "2026-08-02T21:05:22Z"},
		{"second Location (trailing comma trimmed)", posts[1].Location, "Berlin"},
		{"second Description (real Latin-1 text kept)", posts[1].Description, "Café <b>on-call</b>"},
		{"second Posted (from epoch)", posts[1].Posted.Format(time.RFC3339), "2026-08-01T17:18:42Z"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if p.Workplace != skillpulse.WorkplaceRemote {
		t.Errorf("Workplace = %v, want remote", p.Workplace)
	}
	if p.Salary == nil || p.Salary.Min != 120000 || p.Salary.Max != 160000 || posts[1].Salary != nil {
		t.Errorf("Salary = %+v / %+v, want 120000-160000 / none", p.Salary, posts[1].Salary)
	}
}

func TestParseRemoteOKFixtures(t *testing.T) {
	for _, file := range []string{"remoteok/api_lcarlini.json", "remoteok/api_ikevinxie.json"} {
		t.Run(file, func(t *testing.T) {
			posts, err := parseRemoteOK(sharedFixture(t, file))
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 4 {
				t.Fatalf("got %d postings, want 4 (legal notice skipped)", len(posts))
			}
			for _, p := range posts {
				if p.NativeID == "" || p.Title == "" || p.URL == "" || p.Posted.IsZero() {
					t.Errorf("posting missing id/title/url/date: %+v", p.Key())
				}
				if strings.ContainsRune(p.Description, '\u0080') || strings.ContainsRune(p.Description, '\u0099') {
					t.Errorf("%s: description still double-encoded: %.60q", p.Title, p.Description)
				}
			}
		})
	}
}

func TestFixMojibake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"donâ\u0080\u0099t", "don’t"},
		{"plain ascii", "plain ascii"},
		{"Café", "Café"},                               // Latin-1 range, no C1: real text
		{"â\u0080\u0099 and ☃", "â\u0080\u0099 and ☃"}, // mixed: cannot be proven, left alone
		{"\u0080\u0080", "\u0080\u0080"},               // C1 but not valid UTF-8 underneath
	}
	for _, tt := range tests {
		if got := fixMojibake(tt.in); got != tt.want {
			t.Errorf("fixMojibake(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRemoteOKFetchPath(t *testing.T) {
	var seen requests
	body := testdata(t, "remoteok_api.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		w.Write(body)
	}))
	defer srv.Close()
	posts, err := newRemoteOK(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(), &config.Source{Type: "remoteok", BaseURL: srv.URL})
	if err != nil || len(posts) != 2 {
		t.Fatalf("Fetch = %d postings, %v", len(posts), err)
	}
	if got := seen.list(); len(got) != 1 || got[0] != "/api" {
		t.Errorf("server saw %q, want [/api]", got)
	}
}
