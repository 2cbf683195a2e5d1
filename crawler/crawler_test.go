package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestCheckSource(t *testing.T) {
	// Errors about the type list every registered type, in registry order.
	knownTypes := strings.Join(typeNames(), ", ")
	tests := []struct {
		name    string
		src     config.Source
		wantKey string
		wantErr string
	}{
		{"greenhouse ok", config.Source{Type: "greenhouse", Board: "acme"}, "", ""},
		{"lever ok", config.Source{Type: "lever", Site: "acme", BaseURL: "http://127.0.0.1:8080"}, "", ""},
		{"unknown type", config.Source{Type: "greenhose", Board: "acme"}, "type", `unknown source type "greenhose" (known: ` + knownTypes + `)`},
		{"no type", config.Source{Board: "acme"}, "type", "required (one of " + knownTypes + ")"},
		{"missing board", config.Source{Type: "greenhouse", Site: "acme"}, "board", "required for type greenhouse"},
		{"blank site", config.Source{Type: "lever", Site: "  "}, "site", "required for type lever"},
		{"key of another type", config.Source{Type: "greenhouse", Board: "acme", Site: "acme"}, "site", "not used by type greenhouse"},
		{"remoteok takes no keys", config.Source{Type: "remoteok", URL: "https://remoteok.com/api"}, "url", "not used by type remoteok"},
		{"selectors on a JSON API", config.Source{Type: "lever", Site: "a", Selectors: config.Selectors{Item: "li"}}, "selectors", "not used by type lever"},
		{"base_url with path", config.Source{Type: "lever", Site: "a", BaseURL: "http://mirror.example/v0"}, "base_url",
			`bad URL "http://mirror.example/v0": only scheme://host[:port] is allowed; the path is always the real API's`},
		{"base_url scheme", config.Source{Type: "lever", Site: "a", BaseURL: "ftp://mirror.example"}, "base_url", `bad URL "ftp://mirror.example": want http:// or https://`},
		{"base_url port past 65535", config.Source{Type: "greenhouse", Board: "a", BaseURL: "http://127.0.0.1:99999"}, "base_url", `bad URL "http://127.0.0.1:99999": port "99999" is outside 1–65535`},
		{"base_url port 0", config.Source{Type: "greenhouse", Board: "a", BaseURL: "http://127.0.0.1:0"}, "base_url", `bad URL "http://127.0.0.1:0": port "0" is outside 1–65535`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckSource(&tt.src)
			if tt.wantKey == "" {
				if err != nil {
					t.Fatalf("CheckSource = %v, want nil", err)
				}
				return
			}
			var ke *KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("CheckSource = %#v, want *KeyError", err)
			}
			if ke.Key != tt.wantKey || ke.Err.Error() != tt.wantErr {
				t.Errorf("KeyError{%q, %q}, want {%q, %q}", ke.Key, ke.Err, tt.wantKey, tt.wantErr)
			}
			if want := tt.wantKey + ": " + tt.wantErr; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
		})
	}
}

func TestKindsRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		if k.Type == "" || k.New == nil {
			t.Errorf("incomplete kind %+v", k)
		}
		if seen[k.Type] {
			t.Errorf("type %q registered twice", k.Type)
		}
		seen[k.Type] = true
		for _, key := range append(k.Required, k.Optional...) {
			if !slices.Contains(typeSpecificKeys(), key) {
				t.Errorf("%s: key %q is not a known type-specific source key", k.Type, key)
			}
		}
	}
	Kinds()[0].Type = "mutated"
	if Kinds()[0].Type == "mutated" {
		t.Error("Kinds shares its slice between calls")
	}
}

func TestCrawlerFetch(t *testing.T) {
	knownTypes := strings.Join(typeNames(), ", ")
	gh := testdata(t, "greenhouse_board.json")
	lv := testdata(t, "lever_postings.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/boards/acme/jobs":
			w.Write(gh)
		case "/v0/postings/acme":
			w.Write(lv)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	tests := []struct {
		name      string
		crawl     config.Crawl
		src       config.Source
		wantIDs   []string
		wantError string
	}{
		{
			name:    "greenhouse: role filter drops marketing, blank title dropped",
			crawl:   config.Crawl{AllowPrivate: true},
			src:     config.Source{Name: "acme-gh", Type: "greenhouse", Board: "acme", BaseURL: srv.URL},
			wantIDs: []string{"4001001", "4001002"},
		},
		{
			name:  "lever: sales and id-less postings dropped",
			crawl: config.Crawl{AllowPrivate: true},
			src:   config.Source{Name: "acme-lever", Type: "lever", Site: "acme", BaseURL: srv.URL},
			wantIDs: []string{
				"0f4c5e2a-1111-4ada-8d83-69ecbf316bfa",
				"0f4c5e2a-2222-4ada-8d83-69ecbf316bfa",
				"0f4c5e2a-5555-4ada-8d83-69ecbf316bfa",
			},
		},
		{
			name:    "max_items bounds the result",
			crawl:   config.Crawl{AllowPrivate: true, MaxItems: 1},
			src:     config.Source{Name: "acme-lever", Type: "lever", Site: "acme", BaseURL: srv.URL},
			wantIDs: []string{"0f4c5e2a-1111-4ada-8d83-69ecbf316bfa"},
		},
		{
			name:    "source override of allow_private",
			crawl:   config.Crawl{},
			src:     config.Source{Name: "acme-gh", Type: "greenhouse", Board: "acme", BaseURL: srv.URL, AllowPrivate: ptr(true)},
			wantIDs: []string{"4001001", "4001002"},
		},
		{
			name:      "loopback refused by default",
			crawl:     config.Crawl{},
			src:       config.Source{Name: "acme-gh", Type: "greenhouse", Board: "acme", BaseURL: srv.URL},
			wantError: `greenhouse board "acme": GET ` + srv.URL + `/v1/boards/acme/jobs?content=true: refusing to connect to ` + strings.TrimPrefix(srv.URL, "http://") + ` (loopback): set allow_private: true on the source or in crawl to allow it`,
		},
		{
			name:      "config error names the source and key",
			crawl:     config.Crawl{},
			src:       config.Source{Name: "typo", Type: "greenhose"},
			wantError: `source "typo": type: unknown source type "greenhose" (known: ` + knownTypes + `)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.crawl, WithLogger(quietLogger()))
			posts, err := c.Fetch(context.Background(), &tt.src)
			if tt.wantError != "" {
				if err == nil || err.Error() != tt.wantError {
					t.Fatalf("error = %v\nwant %s", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range posts {
				ids = append(ids, p.NativeID)
				if p.Source != tt.src.Name || p.SourceType != tt.src.Type {
					t.Errorf("%s stamped %q/%q, want %q/%q", p.NativeID, p.Source, p.SourceType, tt.src.Name, tt.src.Type)
				}
			}
			if strings.Join(ids, ",") != strings.Join(tt.wantIDs, ",") {
				t.Errorf("ids = %v, want %v", ids, tt.wantIDs)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestBoundPosting(t *testing.T) {
	long := strings.Repeat("é", 400)
	p := skillpulse.Posting{
		NativeID:    " 42 ",
		Title:       "  Senior\n\tSRE  " + long,
		Description: strings.Repeat("<p>x</p>", 64<<10),
		Location:    "bad \xff utf8",
		Sections:    make([]skillpulse.Section, 40),
	}
	if !boundPosting(&p) {
		t.Fatal("valid posting rejected")
	}
	if p.NativeID != "42" {
		t.Errorf("NativeID = %q", p.NativeID)
	}
	if n := len([]rune(p.Title)); n != maxTitleLen || !strings.HasPrefix(p.Title, "Senior SRE é") {
		t.Errorf("Title has %d runes (%.20q), want %d, whitespace collapsed", n, p.Title, maxTitleLen)
	}
	if len(p.Description) != maxDescription {
		t.Errorf("Description %d bytes, want %d", len(p.Description), maxDescription)
	}
	if p.Location != "bad \uFFFD utf8" {
		t.Errorf("Location = %q, want invalid UTF-8 replaced", p.Location)
	}
	if len(p.Sections) != maxSections {
		t.Errorf("%d sections, want %d", len(p.Sections), maxSections)
	}
	for _, bad := range []skillpulse.Posting{{Title: "SRE"}, {NativeID: "1", Title: " \n "}} {
		if boundPosting(&bad) {
			t.Errorf("posting %+v without id or title accepted", bad)
		}
	}
}

// TestBoundPostingCapsStacksOfMarks checks that a one-line field
// stacking hundreds of combining marks ("Zalgo"), which a browser paints
// over the rows around it, keeps at most skillpulse.MaxMarks on each
// character, and that real accented text is left alone.
func TestBoundPostingCapsStacksOfMarks(t *testing.T) {
	stack := strings.Repeat("\u0336\u0301", 150)
	p := skillpulse.Posting{
		NativeID: "1", Title: "Site Reliability Engineer Z" + stack + "algo",
		Company: "Acme Z" + stack, Location: "Hà Nội, Việt Nam", Department: "Ops" + stack,
		Sections: []skillpulse.Section{{Heading: "Requirements" + stack, Body: "x"}},
	}
	if !boundPosting(&p) {
		t.Fatal("valid posting rejected")
	}
	capped := "\u0336\u0301\u0336\u0301"
	for field, want := range map[string][2]string{
		"title":      {p.Title, "Site Reliability Engineer Z" + capped + "algo"},
		"company":    {p.Company, "Acme Z" + capped},
		"location":   {p.Location, "Hà Nội, Việt Nam"},
		"department": {p.Department, "Ops" + capped},
		"heading":    {p.Sections[0].Heading, "Requirements" + capped},
	} {
		if want[0] != want[1] {
			t.Errorf("%s = %+q, want %+q", field, want[0], want[1])
		}
	}
}

func TestClipBytesKeepsRunes(t *testing.T) {
	s := "aé" // 3 bytes
	if got := clipBytes(s, 2); got != "a" {
		t.Errorf("clipBytes(%q, 2) = %q, want %q", s, got, "a")
	}
}

func TestFetchResultReportsTruncation(t *testing.T) {
	lv := testdata(t, "lever_postings.json")
	gh := testdata(t, "greenhouse_board.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v0/postings/acme":
			w.Write(lv)
		case "/v1/boards/acme/jobs":
			w.Write(gh)
		}
	}))
	defer srv.Close()

	tests := []struct {
		name          string
		crawl         config.Crawl
		src           config.Source
		wantPostings  int
		wantTruncated bool
		wantCounts    [3]int // invalid, filtered, duplicates
	}{
		{"complete", config.Crawl{AllowPrivate: true},
			config.Source{Name: "lv", Type: "lever", Site: "acme", BaseURL: srv.URL}, 3, false, [3]int{1, 1, 0}},
		{"max_items", config.Crawl{AllowPrivate: true, MaxItems: 2},
			config.Source{Name: "lv", Type: "lever", Site: "acme", BaseURL: srv.URL}, 2, true, [3]int{1, 1, 0}},
		{"greenhouse complete", config.Crawl{AllowPrivate: true},
			config.Source{Name: "gh", Type: "greenhouse", Board: "acme", BaseURL: srv.URL}, 2, false, [3]int{1, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.crawl, WithLogger(quietLogger()))
			res, err := c.FetchResult(context.Background(), &tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Postings) != tt.wantPostings || res.Truncated != tt.wantTruncated {
				t.Errorf("%d postings, truncated %v; want %d, %v", len(res.Postings), res.Truncated, tt.wantPostings, tt.wantTruncated)
			}
			if got := [3]int{res.Invalid, res.Filtered, res.Duplicates}; got != tt.wantCounts {
				t.Errorf("invalid, filtered, duplicates = %v, want %v", got, tt.wantCounts)
			}
		})
	}
}

func TestFetchResultMaxPages(t *testing.T) {
	// 150 postings, Lever's page size 100, max_pages 1: the first page is
	// full, so there may be more, and the result says so.
	var all []json.RawMessage
	for i := range 150 {
		all = append(all, json.RawMessage(fmt.Sprintf(`{"id":"id-%d","text":"Site Reliability Engineer %d","hostedUrl":"https://jobs.lever.co/acme/id-%d","createdAt":1776797392286}`, i, i, i)))
	}
	var seen requests
	srv := leverServer(t, all, &seen)
	defer srv.Close()
	store := &memValidators{}
	c := New(config.Crawl{AllowPrivate: true, MaxPages: 1}, WithLogger(quietLogger()), WithValidators(store))
	src := &config.Source{Name: "lv", Type: "lever", Site: "acme", BaseURL: srv.URL}

	res, err := c.FetchResult(context.Background(), src)
	if err != nil || !res.Truncated || len(res.Postings) != 100 || res.Seen != 100 {
		t.Fatalf("FetchResult = %d postings (seen %d), truncated %v, %v; want 100, truncated, nil", len(res.Postings), res.Seen, res.Truncated, err)
	}
	posts, err := c.Fetch(context.Background(), src)
	if err != nil || len(posts) != 100 {
		t.Errorf("Fetch = %d postings, %v; want 100 and no error", len(posts), err)
	}
	if got := seen.list(); len(got) != 2 || got[0] != "/v0/postings/acme?mode=json&skip=0&limit=100" {
		t.Errorf("server saw %q", got)
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://jobs.lever.co/acme/1", "https://jobs.lever.co/acme/1"},
		{"http://acme.example/careers?gh_jid=1", "http://acme.example/careers?gh_jid=1"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"data:text/html,<script>", ""},
		{"/relative/path", ""},
		{"https://", ""},
		{"", ""},
	}
	for _, tt := range tests {
		p := skillpulse.Posting{NativeID: "1", Title: "SRE", URL: tt.in}
		boundPosting(&p)
		if p.URL != tt.want {
			t.Errorf("URL %q kept as %q, want %q", tt.in, p.URL, tt.want)
		}
	}
}

func TestAPostingWithAnIdThatFailsTheStoreRulesTruncatesItsSource(t *testing.T) {
	c := New(config.Crawl{}, WithLogger(quietLogger()))
	src := &config.Source{Name: "gh", Type: "greenhouse"}
	raw := []skillpulse.Posting{
		{NativeID: "1", Title: "Site Reliability Engineer", Description: "fine"},
		// Sources never set such a workplace; it stands for any field the
		// store's rules refuse after the crawler has bounded the posting.
		{NativeID: "2", Title: "Platform Engineer", Workplace: skillpulse.WorkplaceRemote + 6},
	}
	var res Result
	c.keep(&res, raw, src, 100, quietLogger())
	if len(res.Postings) != 1 || res.Invalid != 1 {
		t.Fatalf("kept %d, invalid %d; want 1 and 1", len(res.Postings), res.Invalid)
	}
	if !res.Truncated {
		t.Error("a refused posting with an id left the source complete, so its stored copy would close")
	}
}
