package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

func TestParseSmartRecruitersList(t *testing.T) {
	posts, total, err := parseSmartRecruitersList(testdata(t, "smartrecruiters_postings.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 4 || total != 4 {
		t.Fatalf("got %d postings, totalFound %d; want 4, 4", len(posts), total)
	}
	p, sre := posts[0], posts[2]
	checks := []struct{ name, got, want string }{
		{"NativeID", p.NativeID, "744000012345001"},
		{"Title", p.Title, "Senior DevOps Engineer"},
		{"Company", p.Company, "Acme GmbH"},
		{"Location (fullLocation)", p.Location, "Berlin, Berlin, Germany"},
		{"Department", p.Department, "Platform Engineering"},
		{"Workplace (location.hybrid)", p.Workplace.String(), "hybrid"},
		{"Posted", p.Posted.Format(time.RFC3339Nano), "2026-07-14T09:12:44.512Z"},
		{"list item has no URL (ref is the API's, not the posting's)", p.URL, ""},
		{"list item has no text", p.Description, ""},
		{"Location without fullLocation", sre.Location, "pt"},
		{"Workplace (location.remote)", sre.Workplace.String(), "remote"},
		{"empty department object", sre.Department, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestParseSmartRecruitersPosting(t *testing.T) {
	p, err := parseSmartRecruitersPosting(testdata(t, "smartrecruiters_posting_744000012345001.json"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"NativeID", p.NativeID, "744000012345001"},
		{"URL (postingUrl)", p.URL, "https://jobs.smartrecruiters.com/Acme/744000012345001-senior-devops-engineer"},
		{"Description (jobDescription, raw HTML)", p.Description,
			"<p>You will run our <strong>Kubernetes</strong> platform and CI/CD pipelines.</p><ul><li>Operate Terraform&nbsp;modules</li><li>Own on-call</li></ul>"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	// The company description is not the job's: it stays out.
	want := []skillpulse.Section{
		{Heading: "Qualifications", Body: "<ul><li>5+ years of Linux</li><li>Go or Python</li></ul>"},
		{Heading: "Additional Information", Body: "<p>30 days of holiday.</p>"},
	}
	if fmt.Sprint(p.Sections) != fmt.Sprint(want) {
		t.Errorf("Sections = %+v\nwant %+v", p.Sections, want)
	}
	sre, err := parseSmartRecruitersPosting(testdata(t, "smartrecruiters_posting_744000012345003.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sre.Sections) != 1 || sre.Sections[0].Heading != "Qualifications" {
		t.Errorf("empty additionalInformation kept: %+v", sre.Sections)
	}
}

func TestParseSmartRecruitersErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
		parse            func([]byte) error
	}{
		{"list: error object", `{"code":"NOT_FOUND","message":"Company not found"}`, errNoArray.Error(), parseSRList},
		{"list: truncated", `{"offset":0,"limit":100,"totalFound":1,"content":[{"id":"1",`, "unexpected end of JSON input at byte 60 of 60", parseSRList},
		{"list: bad totalFound", `{"totalFound":"many","content":[]}`, "cannot unmarshal string into Go struct field smartRecruitersPage.totalFound of type int at byte 20", parseSRList},
		{"detail: not an object", `[{"id":"1"}]`, `want a JSON posting object, got "[{\"id\":\"1\"}]"`, parseSRPosting},
		{"detail: bad sections", `{"id":"1","jobAd":{"sections":[]}}`, "cannot unmarshal array", parseSRPosting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.parse([]byte(tt.body)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if posts, _, err := parseSmartRecruitersList([]byte(`{"offset":0,"limit":100,"totalFound":0,"content":[]}`)); err != nil || len(posts) != 0 {
		t.Errorf("company without postings: %v, %v; want no postings, no error", posts, err)
	}
}

func parseSRList(b []byte) error {
	_, _, err := parseSmartRecruitersList(b)
	return err
}

func parseSRPosting(b []byte) error {
	_, err := parseSmartRecruitersPosting(b)
	return err
}

// srServer serves a company the way api.smartrecruiters.com does: the
// list sliced by offset and limit with totalFound, and a detail per id
// (details[id]; a missing id is a 404).
func srServer(t *testing.T, company string, items []json.RawMessage, details map[string][]byte, seen *requests) *httptest.Server {
	t.Helper()
	list := "/v1/companies/" + company + "/postings"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.RequestURI)
		w.Header().Set("Content-Type", "application/json")
		if id, ok := strings.CutPrefix(r.URL.Path, list+"/"); ok {
			body, found := details[id]
			if !found {
				http.Error(w, `{"code":"NOT_FOUND"}`, http.StatusNotFound)
				return
			}
			w.Write(body)
			return
		}
		if r.URL.Path != list {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		offset, _ := strconv.Atoi(q.Get("offset"))
		limit, err := strconv.Atoi(q.Get("limit"))
		if err != nil || limit <= 0 || limit > 100 || offset < 0 {
			http.Error(w, "bad query", http.StatusBadRequest)
			return
		}
		page := items[min(offset, len(items)):min(offset+limit, len(items))]
		json.NewEncoder(w).Encode(map[string]any{"offset": offset, "limit": limit, "totalFound": len(items), "content": page})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func srTestdata(t *testing.T) ([]json.RawMessage, map[string][]byte) {
	t.Helper()
	var page struct{ Content []json.RawMessage }
	if err := json.Unmarshal(testdata(t, "smartrecruiters_postings.json"), &page); err != nil {
		t.Fatal(err)
	}
	details := map[string][]byte{}
	for _, id := range []string{"744000012345001", "744000012345003", "744000012345004"} {
		details[id] = testdata(t, "smartrecruiters_posting_"+id+".json")
	}
	return page.Content, details
}

func TestSmartRecruitersFetchResult(t *testing.T) {
	items, details := srTestdata(t)
	var seen requests
	srv := srServer(t, "Acme", items, details, &seen)
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	src := &config.Source{Name: "acme-sr", Type: "smartrecruiters", Company: "Acme", BaseURL: srv.URL}
	res, err := c.FetchResult(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range res.Postings {
		ids = append(ids, p.NativeID)
		if p.Description == "" || p.URL == "" || p.SourceType != "smartrecruiters" {
			t.Errorf("%s: detail not merged or not stamped: %+v", p.NativeID, p)
		}
	}
	if want := "744000012345001,744000012345003,744000012345004"; strings.Join(ids, ",") != want {
		t.Errorf("ids = %v, want %s", ids, want)
	}
	if res.Seen != 4 || res.Filtered != 1 || res.Truncated {
		t.Errorf("seen %d, filtered %d, truncated %v; want 4, 1 (the marketing role), false", res.Seen, res.Filtered, res.Truncated)
	}
	// The marketing role was filtered on its list title: no detail request.
	want := []string{
		"/v1/companies/Acme/postings?offset=0&limit=100",
		"/v1/companies/Acme/postings/744000012345001",
		"/v1/companies/Acme/postings/744000012345003",
		"/v1/companies/Acme/postings/744000012345004",
	}
	if got := seen.list(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("server saw\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// srItems are n list items with infrastructure titles, and their details.
func srItems(n int) ([]json.RawMessage, map[string][]byte) {
	var items []json.RawMessage
	details := map[string][]byte{}
	for i := range n {
		id := fmt.Sprintf("9%05d", i)
		item := fmt.Sprintf(`{"id":%q,"name":"Platform Engineer %d","releasedDate":"2026-07-01T00:00:00.000Z","location":{"city":"Oslo","country":"no","remote":false}}`, id, i)
		items = append(items, json.RawMessage(item))
		details[id] = []byte(fmt.Sprintf(`{"id":%q,"name":"Platform Engineer %d","postingUrl":"https://jobs.smartrecruiters.com/Big/%s","jobAd":{"sections":{"jobDescription":{"title":"Job Description","text":"<p>Terraform</p>"}}}}`, id, i, id))
	}
	return items, details
}

func TestSmartRecruitersPaging(t *testing.T) {
	items, details := srItems(150)
	t.Run("all pages", func(t *testing.T) {
		var seen requests
		srv := srServer(t, "Big", items, details, &seen)
		c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
		res, err := c.FetchResult(context.Background(), &config.Source{Name: "big", Type: "smartrecruiters", Company: "Big", BaseURL: srv.URL})
		if err != nil || len(res.Postings) != 150 || res.Truncated {
			t.Fatalf("FetchResult = %d postings, truncated %v, %v; want 150, false, nil", len(res.Postings), res.Truncated, err)
		}
		got := seen.list()
		if len(got) != 152 || got[0] != "/v1/companies/Big/postings?offset=0&limit=100" || got[1] != "/v1/companies/Big/postings?offset=100&limit=100" {
			t.Errorf("server saw %d requests, starting %q, %q; want 152: both pages, then 150 details", len(got), got[0], got[1])
		}
	})
	t.Run("max_pages truncates, details only for what was listed", func(t *testing.T) {
		var seen requests
		srv := srServer(t, "Big", items, details, &seen)
		c := New(config.Crawl{AllowPrivate: true, MaxPages: 1}, WithLogger(quietLogger()))
		res, err := c.FetchResult(context.Background(), &config.Source{Name: "big", Type: "smartrecruiters", Company: "Big", BaseURL: srv.URL})
		if err != nil || len(res.Postings) != 100 || !res.Truncated {
			t.Fatalf("FetchResult = %d postings, truncated %v, %v; want 100, true, nil", len(res.Postings), res.Truncated, err)
		}
		if n := len(seen.list()); n != 101 {
			t.Errorf("server saw %d requests, want 101 (one page, 100 details)", n)
		}
	})
	t.Run("max_pages error names the bound", func(t *testing.T) {
		srv := srServer(t, "Big", items, details, &requests{})
		lim := loopbackLimits()
		lim.MaxPages = 1
		posts, err := newSmartRecruiters(testHTTP(lim, nil)).Fetch(context.Background(),
			&config.Source{Type: "smartrecruiters", Company: "Big", BaseURL: srv.URL})
		want := `smartrecruiters company "Big": result cut short by a crawl bound: stopped after max_pages (1) pages`
		if !errors.Is(err, ErrTruncated) || err.Error() != want || len(posts) != 100 {
			t.Errorf("Fetch = %d postings, %v; want 100 and %s", len(posts), err, want)
		}
	})
	t.Run("server ignoring offset", func(t *testing.T) {
		var seen requests
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if seen.add(r.RequestURI); strings.Contains(r.URL.Path, "/postings/") {
				w.Write(details[strings.TrimPrefix(r.URL.Path, "/v1/companies/Big/postings/")])
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"offset": 0, "limit": 100, "totalFound": 150, "content": items[:100]})
		}))
		defer srv.Close()
		posts, err := newSmartRecruiters(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(),
			&config.Source{Type: "smartrecruiters", Company: "Big", BaseURL: srv.URL})
		if !errors.Is(err, ErrTruncated) || len(posts) != 100 || len(seen.list()) != 2+100 {
			t.Errorf("Fetch = %d postings, %d requests, %v; want 100, 102 (the repeated page ends paging), truncated", len(posts), len(seen.list()), err)
		}
	})
	t.Run("max_items bounds the detail requests", func(t *testing.T) {
		var seen requests
		srv := srServer(t, "Big", items, details, &seen)
		c := New(config.Crawl{AllowPrivate: true, MaxItems: 3}, WithLogger(quietLogger()))
		res, err := c.FetchResult(context.Background(), &config.Source{Name: "big", Type: "smartrecruiters", Company: "Big", BaseURL: srv.URL})
		if err != nil || len(res.Postings) != 3 || !res.Truncated {
			t.Fatalf("FetchResult = %d postings, truncated %v, %v; want 3, true, nil", len(res.Postings), res.Truncated, err)
		}
		if n := len(seen.list()); n != 2+3 {
			t.Errorf("server saw %d requests, want 5 (two pages, three details)", n)
		}
	})
}

func TestSmartRecruitersDetailFailures(t *testing.T) {
	items, details := srTestdata(t)
	t.Run("404 detail: withdrawn posting is left out", func(t *testing.T) {
		d := map[string][]byte{"744000012345001": details["744000012345001"], "744000012345004": details["744000012345004"]}
		srv := srServer(t, "Acme", items, d, &requests{})
		c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
		posts, err := c.Fetch(context.Background(), &config.Source{Name: "sr", Type: "smartrecruiters", Company: "Acme", BaseURL: srv.URL})
		if err != nil || len(posts) != 2 {
			t.Errorf("Fetch = %d postings, %v; want 2, nil", len(posts), err)
		}
	})
	t.Run("bad detail skips its posting and truncates the source, naming the posting", func(t *testing.T) {
		d := map[string][]byte{"744000012345001": []byte(`{"id":"744000012345001","jobAd":`),
			"744000012345004": details["744000012345004"]}
		srv := srServer(t, "Acme", items, d, &requests{})
		posts, err := newSmartRecruiters(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(),
			&config.Source{Type: "smartrecruiters", Company: "Acme", BaseURL: srv.URL})
		want := `smartrecruiters company "Acme": 1 malformed records skipped, first: decode posting 744000012345001: unexpected end of JSON input at byte 32 of 32`
		if !errors.Is(err, ErrTruncated) || err.Error() != want {
			t.Errorf("error = %v\nwant %s (a truncation)", err, want)
		}
		for _, p := range posts {
			if p.NativeID == "744000012345001" {
				t.Errorf("the posting whose detail is broken was kept")
			}
		}
		if len(posts) == 0 {
			t.Errorf("no postings: the broken detail took the board with it")
		}
	})
	t.Run("detail of another posting", func(t *testing.T) {
		d := map[string][]byte{"744000012345001": details["744000012345004"]}
		srv := srServer(t, "Acme", items, d, &requests{})
		_, err := newSmartRecruiters(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(),
			&config.Source{Type: "smartrecruiters", Company: "Acme", BaseURL: srv.URL})
		if err == nil || !strings.Contains(err.Error(), `decode posting 744000012345001: detail has id "744000012345004"`) {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("bad list page names page and offset", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"content":`)) }))
		defer srv.Close()
		_, err := newSmartRecruiters(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(),
			&config.Source{Type: "smartrecruiters", Company: "Acme", BaseURL: srv.URL})
		want := `smartrecruiters company "Acme": decode postings page 1 (offset=0): unexpected end of JSON input at byte 11 of 11`
		if err == nil || err.Error() != want || errors.Is(err, ErrTruncated) {
			t.Errorf("error = %v\nwant %s", err, want)
		}
	})
}

func FuzzParseSmartRecruiters(f *testing.F) {
	fuzzParser(f, func(body []byte) ([]skillpulse.Posting, error) {
		// One input exercises both decoders: real bodies are either shape.
		posts, _, err := parseSmartRecruitersList(body)
		if p, derr := parseSmartRecruitersPosting(body); derr == nil {
			posts, err = append(posts, p), nil
		}
		return posts, err
	})
}
