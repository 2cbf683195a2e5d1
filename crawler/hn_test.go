package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

func TestParseHNThreadSearch(t *testing.T) {
	tests := []struct {
		name, body, want, wantErr string
	}{
		{"newest hiring thread, not the newer hired/freelancer ones", string(testdata(t, "hn_search_by_date.json")), "48900001", ""},
		{"newest by date, whatever the order", `{"hits":[
			{"title":"Ask HN: Who is hiring? (July 2026)","objectID":"48747976","created_at_i":1782918032},
			{"title":"Ask HN: Who is hiring? (August 2026)","objectID":"48900001","created_at":"2026-08-03T15:01:10.000Z"}]}`, "48900001", ""},
		{"id that is not a number is never requested", `{"hits":[{"title":"Ask HN: Who is hiring? (May 2026)","objectID":"../../users/pg","created_at_i":9}]}`, "", "no \"Ask HN: Who is hiring?\" story"},
		{"no hiring thread", `{"hits":[{"title":"Ask HN: Who wants to be hired? (May 2026)","objectID":"1","created_at_i":9}]}`, "", "no \"Ask HN: Who is hiring?\" story among the whoishiring stories (1 hits)"},
		{"error object", `{"message":"Invalid tags","status":400}`, "", "no postings array"},
		{"truncated", `{"hits":[{"title":"Ask HN`, "", "unexpected end of JSON input at byte 25 of 25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHNThreadSearch([]byte(tt.body))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parseHNThreadSearch = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// A real search response of other stories has no hiring thread in it.
func TestParseHNThreadSearchFixture(t *testing.T) {
	_, err := parseHNThreadSearch(sharedFixture(t, "hn-algolia/search_tags_story.json"))
	if !errors.Is(err, errNoHiringThread) {
		t.Fatalf("error = %v, want errNoHiringThread", err)
	}
}

func TestParseHNThreadTestdata(t *testing.T) {
	posts, err := parseHNThread(testdata(t, "hn_item.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.NativeID)
	}
	// 48900102 is deleted (author and text null), 48900104 dead (text
	// null), 48900201 a reply, not a posting.
	if got, want := strings.Join(ids, " "), "48900101 48900103 48900105 48900106"; got != want {
		t.Fatalf("postings %s, want %s", got, want)
	}
	p := posts[0]
	checkFields(t, []field{
		{"Title", p.Title, "Senior Site Reliability Engineer"},
		{"Company", p.Company, "Acme Cloud"},
		{"Location (first field that is only a place)", p.Location, "Berlin, Germany"},
		{"URL", p.URL, "https://news.ycombinator.com/item?id=48900101"},
		{"Posted", p.Posted.Format(time.RFC3339), "2026-08-03T15:02:44Z"},
		{"Description (HTML as sent)", p.Description[:60], "Acme Cloud | Senior Site Reliability Engineer | Berlin, Germ"},
		{"second Title (role after the workplace, entity decoded)", posts[1].Title, "Platform Engineer (Infra) & Backend Engineers"},
		{"second Location", posts[1].Location, "New York, NY"},
		{"third Title (no header: the whole first line)", posts[2].Title, "TinyCo is hiring people who love Linux and networking, hybrid in Lisbon"},
		{"third Company (no header: the name that is hiring)", posts[2].Company, "TinyCo"},
	})
	for i, want := range []skillpulse.Workplace{skillpulse.WorkplaceRemote, skillpulse.WorkplaceOnSite, skillpulse.WorkplaceHybrid, skillpulse.WorkplaceRemote} {
		if posts[i].Workplace != want {
			t.Errorf("%s: Workplace = %v, want %v", posts[i].NativeID, posts[i].Workplace, want)
		}
	}
}

// hnEnvelope wraps the reshaped fixture (search hits projected to a few
// keys) back into the items/{id} shape the API really returns.
func hnEnvelope(t *testing.T, reshaped []byte) []byte {
	t.Helper()
	var in struct {
		StoryID    int64  `json:"story_id"`
		StoryTitle string `json:"story_title"`
		Hits       []struct {
			Author      string `json:"author"`
			CommentText string `json:"comment_text"`
			CreatedAt   string `json:"created_at"`
			ObjectID    string `json:"objectID"`
			ParentID    int64  `json:"parent_id"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(reshaped, &in); err != nil {
		t.Fatal(err)
	}
	type item struct {
		ID        json.Number `json:"id"`
		CreatedAt string      `json:"created_at,omitempty"`
		Type      string      `json:"type"`
		Author    string      `json:"author"`
		Title     string      `json:"title,omitempty"`
		Text      string      `json:"text"`
		ParentID  *int64      `json:"parent_id"`
		StoryID   int64       `json:"story_id"`
		Children  []item      `json:"children"`
	}
	story := item{ID: json.Number(strconv.FormatInt(in.StoryID, 10)), Type: "story", Author: "whoishiring", Title: in.StoryTitle, StoryID: in.StoryID, Children: []item{}}
	for _, h := range in.Hits {
		parent := h.ParentID
		story.Children = append(story.Children, item{
			ID: json.Number(h.ObjectID), CreatedAt: h.CreatedAt, Type: "comment", Author: h.Author,
			Text: h.CommentText, ParentID: &parent, StoryID: in.StoryID, Children: []item{},
		})
	}
	b, err := json.Marshal(story)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseHNThreadFixture(t *testing.T) {
	posts, err := parseHNThread(hnEnvelope(t, sharedFixture(t, "hn-algolia/whoishiring_comments_RESHAPED_ikevinxie.json")))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 7 {
		t.Fatalf("got %d postings, want 7", len(posts))
	}
	byID := map[string]skillpulse.Posting{}
	for _, p := range posts {
		if p.Posted.IsZero() || !strings.HasPrefix(p.URL, hnItemURL) || p.Title == "" {
			t.Errorf("%s: missing date, URL or title: %+v", p.NativeID, p)
		}
		byID[p.NativeID] = p
	}
	tests := []struct {
		id   string
		want hnHeader
	}{
		{"48843116", hnHeader{"On-Premises SRE", "Wave", "Remote (EMEA)", skillpulse.WorkplaceRemote}},
		{"48860201", hnHeader{"Developer Advocate", "Qase", "", skillpulse.WorkplaceRemote}},
		{"48842567", hnHeader{"Senior Frontend Engineer", "Zeitlabs", "Remote (UTC+3)", skillpulse.WorkplaceRemote}},
		{"48868436", hnHeader{"Senior Software Engineer, Frontend", "ResortPass", "New York, NY", skillpulse.WorkplaceOnSite}},
		// No header: the first paragraph, wrapped line and all, is the
		// title; the company is the name alone on its first line.
		{"48804695", hnHeader{"This Dot Labs Open roles: • Engineering Leads • Senior Engineers", "This Dot Labs", "", skillpulse.WorkplaceUnknown}},
		// A reply posted at the top level names no company.
		{"48859053", hnHeader{"@janpieterz do you support remote work from Turkey please?", "", "", skillpulse.WorkplaceRemote}},
	}
	for _, tt := range tests {
		p := byID[tt.id]
		if got := (hnHeader{p.Title, p.Company, p.Location, p.Workplace}); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.id, got, tt.want)
		}
	}
	if d := byID["48837669"].Description; !strings.Contains(d, "We&#x27;re building") {
		t.Errorf("description not kept as the HTML sent: %.80q", d)
	}
}

func TestParseHNHeader(t *testing.T) {
	tests := []struct {
		line string
		want hnHeader
	}{
		{"Acme | SRE | Remote", hnHeader{"SRE", "Acme", "", skillpulse.WorkplaceRemote}},
		{"Acme | Berlin | Platform Engineer | ONSITE or REMOTE", hnHeader{"Platform Engineer", "Acme", "Berlin", skillpulse.WorkplaceRemote}},
		{"Acme | HYBRID | Amsterdam | DevOps", hnHeader{"DevOps", "Acme", "Amsterdam", skillpulse.WorkplaceHybrid}},
		{"Acme | London | No remote | Backend Developer | https://acme.example", hnHeader{"Backend Developer", "Acme", "London", skillpulse.WorkplaceOnSite}},
		{"Acme | Berlin | Kubernetes, Go", hnHeader{"Acme | Berlin | Kubernetes, Go", "Acme", "", skillpulse.WorkplaceUnknown}},
		{"We are hiring SREs", hnHeader{"We are hiring SREs", "", "", skillpulse.WorkplaceUnknown}},
		{"", hnHeader{}},
	}
	for _, tt := range tests {
		if got := parseHNHeader(tt.line); got != tt.want {
			t.Errorf("parseHNHeader(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestHNFetchResult(t *testing.T) {
	srv := crawltest.NewServer(t)
	srv.Handle("/api/v1/search_by_date", func(w http.ResponseWriter, r *http.Request) {
		w.Write(testdata(t, "hn_search_by_date.json"))
	})
	srv.Handle("/api/v1/items/48900001", func(w http.ResponseWriter, r *http.Request) {
		w.Write(testdata(t, "hn_item.json"))
	})
	c := New(config.Crawl{}, WithLogger(quietLogger()))
	src := config.Source{Name: "hn", Type: "hn", BaseURL: srv.URL, AllowPrivate: ptr(true)}
	res, err := c.FetchResult(context.Background(), &src)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range res.Postings {
		ids = append(ids, p.NativeID)
		if p.Source != "hn" || p.SourceType != "hn" {
			t.Errorf("%s: not stamped: %q %q", p.NativeID, p.Source, p.SourceType)
		}
	}
	// TinyCo names no engineering role; GrowthCo is marketing.
	if got, want := strings.Join(ids, " "), "48900101 48900103"; got != want {
		t.Errorf("kept %s, want %s", got, want)
	}
	if res.Seen != 4 || res.Filtered != 2 || res.Truncated {
		t.Errorf("Seen %d Filtered %d Truncated %v, want 4 2 false", res.Seen, res.Filtered, res.Truncated)
	}
	want := []string{"/api/v1/search_by_date?tags=story,author_whoishiring", "/api/v1/items/48900001"}
	if got := srv.Requests(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("server saw %q, want %q", got, want)
	}
}

func TestHNFetchErrors(t *testing.T) {
	srv := crawltest.NewServer(t)
	srv.Handle("/api/v1/search_by_date", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"hits":[{"title":"Ask HN: Who is hiring? (August 2026)","objectID":"7","created_at_i":1}]}`))
	})
	srv.Handle("/api/v1/items/7", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"id":7,"children":[{"id":8,`))
	})
	_, err := newHN(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(), &config.Source{Type: "hn", BaseURL: srv.URL})
	wantErr := `hn: thread 7: decode item: unexpected end of JSON input at byte 28 of 28`
	if err == nil || err.Error() != wantErr {
		t.Errorf("error = %v, want %s", err, wantErr)
	}

	srv.Inject("/api/v1/search_by_date", crawltest.Status(http.StatusForbidden))
	_, err = newHN(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(), &config.Source{Type: "hn", BaseURL: srv.URL})
	wantErr = `hn: find hiring thread: GET ` + srv.URL + `/api/v1/search_by_date?tags=story,author_whoishiring: 403 Forbidden`
	if err == nil || err.Error() != wantErr {
		t.Errorf("error = %v, want %s", err, wantErr)
	}
}

func FuzzParseHN(f *testing.F) { fuzzParser(f, parseHNThread) }
