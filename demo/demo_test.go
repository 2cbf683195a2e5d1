package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// startServer starts a demo server for one test and closes it afterwards.
func startServer(t *testing.T, night int) *Server {
	t.Helper()
	s, err := Start(night)
	if err != nil {
		t.Fatalf("Start(%d): %v", night, err)
	}
	t.Cleanup(s.Close)
	return s
}

// get fetches path from the server and returns status, content type and body.
func get(t *testing.T, s *Server, path string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(s.URL() + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

func walkJSON(fn func(path string)) error {
	return fs.WalkDir(boardFiles, "boards", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".json") {
			fn(p)
		}
		return nil
	})
}

var ghJobKeys = []string{
	"absolute_url", "data_compliance", "internal_job_id", "location", "metadata", "id",
	"updated_at", "requisition_id", "title", "company_name", "first_published", "language",
	"application_deadline", "content", "departments", "offices",
	"ai_disclaimer", "include_ai_disclaimer", "ai_opt_out_request_url",
}

var lvPostingKeys = []string{
	"additionalPlain", "additional", "categories", "createdAt", "descriptionPlain", "description",
	"id", "lists", "text", "country", "workplaceType", "opening", "openingPlain",
	"descriptionBody", "descriptionBodyPlain", "hostedUrl", "applyUrl",
}

// objectKeys returns the keys of a JSON object in the order they appear.
func objectKeys(t *testing.T, raw []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("want a JSON object, got %v (%v)", tok, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

type ghResponse struct {
	Jobs []json.RawMessage `json:"jobs"`
	Meta *struct {
		Total int `json:"total"`
	} `json:"meta"`
}

type ghJobFields struct {
	ID       json.Number `json:"id"`
	Title    string      `json:"title"`
	Content  string      `json:"content"`
	Location struct {
		Name string `json:"name"`
	} `json:"location"`
	Departments []struct {
		Name string `json:"name"`
	} `json:"departments"`
}

func TestGreenhouseJobsHaveTheRealShape(t *testing.T) {
	for _, night := range []int{1, 2} {
		s := startServer(t, night)
		for _, src := range Sources() {
			if src.Type != TypeGreenhouse {
				continue
			}
			board := src.Board
			t.Run(fmt.Sprintf("night%d/%s", night, board), func(t *testing.T) {
				status, ctype, body := get(t, s, "/v1/boards/"+board+"/jobs?content=true")
				if status != http.StatusOK || !strings.HasPrefix(ctype, "application/json") {
					t.Fatalf("status %d, content type %q; want 200 JSON", status, ctype)
				}
				file, _ := boardFiles.ReadFile(fmt.Sprintf("boards/night%d/greenhouse/%s.json", night, board))
				if !bytes.Equal(body, file) {
					t.Error("body is not the stored file byte for byte")
				}
				if bytes.Contains(body, []byte("&lt;")) || !bytes.Contains(body, []byte(`\u0026lt;`)) {
					t.Error(`raw body should write & as \u0026 like the live API, so "&lt;" never appears literally`)
				}
				var resp ghResponse
				if err := json.Unmarshal(body, &resp); err != nil {
					t.Fatalf("decode: %v", err)
				}
				if resp.Meta == nil || resp.Meta.Total != len(resp.Jobs) || len(resp.Jobs) == 0 {
					t.Fatalf("meta %+v for %d jobs; want meta.total equal to the job count", resp.Meta, len(resp.Jobs))
				}
				for _, raw := range resp.Jobs {
					if keys := objectKeys(t, raw); !slices.Equal(keys, ghJobKeys) {
						t.Errorf("job keys %v; want %v", keys, ghJobKeys)
					}
					var j ghJobFields
					dec := json.NewDecoder(bytes.NewReader(raw))
					dec.UseNumber()
					if err := dec.Decode(&j); err != nil {
						t.Fatalf("decode job: %v", err)
					}
					if _, err := j.ID.Int64(); err != nil {
						t.Errorf("%q: id %q is not an integer", j.Title, j.ID)
					}
					if !strings.Contains(j.Content, "&lt;") || strings.Contains(j.Content, "<") {
						t.Errorf("%q: content should be entity-escaped once, got %.80q", j.Title, j.Content)
					}
					h := html.UnescapeString(j.Content)
					if !strings.Contains(h, "<h2>") || !strings.Contains(h, "<ul>\n<li>") {
						t.Errorf("%q: unescaped content lacks <h2> and <ul>: %.120q", j.Title, h)
					}
					if j.Location.Name == "" || len(j.Departments) != 1 {
						t.Errorf("%q: location %q, %d departments", j.Title, j.Location.Name, len(j.Departments))
					}
				}
			})
		}
	}
}

func TestGreenhouseWithoutContentDropsDescriptions(t *testing.T) {
	s := startServer(t, 1)
	_, _, full := get(t, s, "/v1/boards/northwind/jobs?content=true")
	status, _, body := get(t, s, "/v1/boards/northwind/jobs")
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	var a, b ghResponse
	if err := json.Unmarshal(full, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if len(a.Jobs) != len(b.Jobs) || b.Meta == nil || b.Meta.Total != a.Meta.Total {
		t.Fatalf("%d jobs without content, %d with; want the same", len(b.Jobs), len(a.Jobs))
	}
	want := slices.DeleteFunc(slices.Clone(ghJobKeys), func(k string) bool {
		return k == "content" || k == "departments" || k == "offices"
	})
	for i := range b.Jobs {
		if keys := objectKeys(t, b.Jobs[i]); !slices.Equal(keys, want) {
			t.Errorf("job %d keys %v; want %v", i, keys, want)
		}
	}
}

type lvFields struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	CreatedAt  json.Number
	Categories struct {
		Commitment   string   `json:"commitment"`
		Location     string   `json:"location"`
		Team         string   `json:"team"`
		AllLocations []string `json:"allLocations"`
	} `json:"categories"`
	Description string `json:"description"`
	Lists       []struct {
		Text    string `json:"text"`
		Content string `json:"content"`
	} `json:"lists"`
	WorkplaceType string `json:"workplaceType"`
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestLeverPostingsHaveTheRealShape(t *testing.T) {
	for _, night := range []int{1, 2} {
		t.Run(fmt.Sprintf("night%d", night), func(t *testing.T) {
			s := startServer(t, night)
			status, ctype, body := get(t, s, "/v0/postings/ferrous?mode=json")
			if status != http.StatusOK || !strings.HasPrefix(ctype, "application/json") {
				t.Fatalf("status %d, content type %q; want 200 JSON", status, ctype)
			}
			file, _ := boardFiles.ReadFile(fmt.Sprintf("boards/night%d/lever/ferrous.json", night))
			if !bytes.Equal(body, file) {
				t.Error("unpaged body is not the stored file byte for byte")
			}
			var postings []json.RawMessage
			if err := json.Unmarshal(body, &postings); err != nil {
				t.Fatalf("want a bare JSON array: %v", err)
			}
			if len(postings) == 0 {
				t.Fatal("no postings")
			}
			for _, raw := range postings {
				keys := slices.DeleteFunc(objectKeys(t, raw), func(k string) bool { return k == "salaryRange" })
				if !slices.Equal(keys, lvPostingKeys) {
					t.Errorf("posting keys %v; want %v", keys, lvPostingKeys)
				}
				var p lvFields
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.UseNumber()
				if err := dec.Decode(&p); err != nil {
					t.Fatal(err)
				}
				if !uuidRE.MatchString(p.ID) {
					t.Errorf("%q: id %q is not a UUID", p.Text, p.ID)
				}
				if ms, err := p.CreatedAt.Int64(); err != nil || ms < 1e12 {
					t.Errorf("%q: createdAt %q is not epoch milliseconds", p.Text, p.CreatedAt)
				}
				if !strings.Contains(p.Description, "<div>") {
					t.Errorf("%q: description should be raw HTML", p.Text)
				}
				if len(p.Lists) == 0 {
					t.Errorf("%q: no lists", p.Text)
				}
				for _, l := range p.Lists {
					if !strings.HasPrefix(l.Content, "\n<li>") || strings.Contains(l.Content, "<ul>") {
						t.Errorf("%q list %q: want bare <li> items after a newline, got %.60q", p.Text, l.Text, l.Content)
					}
				}
			}
		})
	}
}

// leverIDs pages through a Lever site the way a client must: until a page
// comes back shorter than limit.
func leverIDs(t *testing.T, s *Server, site string, limit int) (ids []string, pages int) {
	t.Helper()
	for skip := 0; ; skip += limit {
		status, _, body := get(t, s, fmt.Sprintf("/v0/postings/%s?mode=json&skip=%d&limit=%d", site, skip, limit))
		if status != http.StatusOK {
			t.Fatalf("skip=%d limit=%d: status %d", skip, limit, status)
		}
		var page []lvFields
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatalf("skip=%d limit=%d: %v", skip, limit, err)
		}
		if len(page) > limit {
			t.Fatalf("skip=%d limit=%d: got %d postings", skip, limit, len(page))
		}
		pages++
		for _, p := range page {
			ids = append(ids, p.ID)
		}
		if len(page) < limit {
			return ids, pages
		}
	}
}

func TestLeverPagingCoversEveryPostingOnce(t *testing.T) {
	s := startServer(t, 1)
	_, _, body := get(t, s, "/v0/postings/ferrous")
	var all []lvFields
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatalf("without mode the answer should still be JSON: %v", err)
	}
	var want []string
	for _, p := range all {
		want = append(want, p.ID)
	}
	tests := []struct {
		name      string
		limit     int
		wantPages int
	}{
		{"limit 3 ends on a short page", 3, 3},
		{"limit 1", 1, len(want) + 1},
		{"limit equal to the count needs an empty page", len(want), 2},
		{"limit larger than the site", 500, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pages := leverIDs(t, s, "ferrous", tt.limit)
			if !slices.Equal(got, want) {
				t.Errorf("ids %v; want each of %v exactly once, in order", got, want)
			}
			if pages != tt.wantPages {
				t.Errorf("%d pages; want %d", pages, tt.wantPages)
			}
		})
	}
}

func TestLeverSkipPastTheEndIsAnEmptyArray(t *testing.T) {
	s := startServer(t, 1)
	status, _, body := get(t, s, "/v0/postings/ferrous?mode=json&skip=100&limit=3")
	if status != http.StatusOK || string(body) != "[]" {
		t.Errorf("got %d %q; want 200 []", status, body)
	}
}

func TestLeverSinglePosting(t *testing.T) {
	s := startServer(t, 1)
	status, _, body := get(t, s, "/v0/postings/ferrous/"+ferrousChangedID)
	var p lvFields
	if status != http.StatusOK || json.Unmarshal(body, &p) != nil || p.ID != ferrousChangedID {
		t.Errorf("got %d %.80q; want the posting %s", status, body, ferrousChangedID)
	}
	if status, _, _ := get(t, s, "/v0/postings/ferrous/00000000-0000-4000-8000-000000000000"); status != http.StatusNotFound {
		t.Errorf("unknown posting: status %d; want 404", status)
	}
}

func TestErrors(t *testing.T) {
	s := startServer(t, 1)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantBody   string // exact, when set
	}{
		{"unknown greenhouse board", "/v1/boards/nosuchboard/jobs?content=true", 404, `{"status":404,"error":"Job not found"}`},
		{"lever site used as a greenhouse board", "/v1/boards/ferrous/jobs", 404, `{"status":404,"error":"Job not found"}`},
		{"unknown lever site", "/v0/postings/nosuchsite?mode=json", 404, `{"ok":false,"error":"Document not found"}`},
		{"greenhouse board used as a lever site", "/v0/postings/northwind?mode=json", 404, `{"ok":false,"error":"Document not found"}`},
		{"limit not a number", "/v0/postings/ferrous?mode=json&limit=ten", 400, ""},
		{"limit zero", "/v0/postings/ferrous?mode=json&limit=0", 400, ""},
		{"negative skip", "/v0/postings/ferrous?mode=json&skip=-3", 400, ""},
		{"html mode", "/v0/postings/ferrous?mode=html", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, ctype, body := get(t, s, tt.path)
			if status != tt.wantStatus {
				t.Errorf("status %d; want %d", status, tt.wantStatus)
			}
			if !strings.HasPrefix(ctype, "application/json") || !json.Valid(body) {
				t.Errorf("want a JSON error body, got %q %q", ctype, body)
			}
			if tt.wantBody != "" && string(body) != tt.wantBody {
				t.Errorf("body %s; want %s", body, tt.wantBody)
			}
		})
	}
}

// snapshot is every posting the server offers, keyed by board and id, with
// the posting's raw bytes.
func snapshot(t *testing.T, s *Server) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, src := range Sources() {
		switch src.Type {
		case TypeGreenhouse:
			_, _, body := get(t, s, "/v1/boards/"+src.Board+"/jobs?content=true")
			var resp ghResponse
			if err := json.Unmarshal(body, &resp); err != nil {
				t.Fatal(err)
			}
			for _, raw := range resp.Jobs {
				var j ghJobFields
				if err := json.Unmarshal(raw, &j); err != nil {
					t.Fatal(err)
				}
				out[src.Board+"/"+j.ID.String()] = string(raw)
			}
		case TypeLever:
			_, _, body := get(t, s, "/v0/postings/"+src.Site+"?mode=json")
			var postings []json.RawMessage
			if err := json.Unmarshal(body, &postings); err != nil {
				t.Fatal(err)
			}
			for _, raw := range postings {
				var p lvFields
				if err := json.Unmarshal(raw, &p); err != nil {
					t.Fatal(err)
				}
				out[src.Site+"/"+p.ID] = string(raw)
			}
		}
	}
	return out
}

func TestNightTwoChangesOneRemovesOneAddsOne(t *testing.T) {
	s := startServer(t, 1)
	before := snapshot(t, s)
	s.SetNight(2)
	after := snapshot(t, s)

	var changed, removed, added []string
	for k, v := range before {
		w, ok := after[k]
		switch {
		case !ok:
			removed = append(removed, k)
		case w != v:
			changed = append(changed, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			added = append(added, k)
		}
	}
	check := func(what string, got []string, want string) {
		t.Helper()
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: %v; want exactly [%s]", what, got, want)
		}
	}
	check("changed", changed, "ferrous/"+ferrousChangedID)
	check("removed", removed, fmt.Sprintf("northwind/%d", northwindCloudInfraID))
	check("added", added, fmt.Sprintf("tidepool/%d", tidepoolAddedID))

	// The changed posting keeps its identity; only the description moved.
	var a, b lvFields
	_ = json.Unmarshal([]byte(before["ferrous/"+ferrousChangedID]), &a)
	_ = json.Unmarshal([]byte(after["ferrous/"+ferrousChangedID]), &b)
	if a.Text != b.Text || a.CreatedAt != b.CreatedAt || a.Description == b.Description {
		t.Errorf("changed posting: title %q→%q, createdAt %v→%v, description changed %v; want same title and date, new description",
			a.Text, b.Text, a.CreatedAt, b.CreatedAt, a.Description != b.Description)
	}

	s.SetNight(1)
	if again := snapshot(t, s); len(again) != len(before) {
		t.Errorf("back on night 1: %d postings; want %d", len(again), len(before))
	}
}

func TestEveryBundledFileParses(t *testing.T) {
	n := 0
	err := walkJSON(func(p string) {
		n++
		raw, err := boardFiles.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.Contains(p, "/greenhouse/"):
			var resp ghResponse
			if err := json.Unmarshal(raw, &resp); err != nil || resp.Meta == nil {
				t.Errorf("%s: not a Greenhouse job list: %v", p, err)
			}
		case strings.Contains(p, "/lever/"):
			var postings []json.RawMessage
			if err := json.Unmarshal(raw, &postings); err != nil {
				t.Errorf("%s: not a Lever posting array: %v", p, err)
			}
		default:
			t.Errorf("%s: neither greenhouse nor lever", p)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no JSON files bundled")
	}
}

func TestSourcesExistOnTheServer(t *testing.T) {
	for _, night := range []int{1, 2} {
		s := startServer(t, night)
		for _, src := range Sources() {
			t.Run(fmt.Sprintf("night%d/%s", night, src.Name), func(t *testing.T) {
				var path string
				switch src.Type {
				case TypeGreenhouse:
					path = "/v1/boards/" + src.Board + "/jobs?content=true"
				case TypeLever:
					path = "/v0/postings/" + src.Site + "?mode=json"
				default:
					t.Fatalf("unknown type %q", src.Type)
				}
				if status, _, _ := get(t, s, path); status != http.StatusOK {
					t.Errorf("GET %s: status %d; want 200", path, status)
				}
			})
		}
	}
}

// plainText is a posting's description as text, for word counts.
func plainText(h string) string {
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, " "))
}

// TestPostingsAreRealisticLength keeps the authored descriptions in the
// 200–600 word range of real postings, so extraction has something to chew on.
func TestPostingsAreRealisticLength(t *testing.T) {
	for _, n := range []authoredNight{night1(), night2()} {
		for _, b := range n.greenhouse {
			for _, j := range b.Jobs {
				if w := len(strings.Fields(plainText(j.HTML))); w < 200 || w > 600 {
					t.Errorf("%s %q: %d words; want 200-600", b.Token, j.Title, w)
				}
			}
		}
		for _, s := range n.lever {
			for _, p := range s.Postings {
				text := s.Opening + p.Body + s.Additional
				for _, l := range p.Lists {
					text += " " + l.Text + " " + strings.Join(l.Items, " ")
				}
				if w := len(strings.Fields(plainText(text))); w < 200 || w > 600 {
					t.Errorf("%s %q: %d words; want 200-600", s.Site, p.Title, w)
				}
			}
		}
	}
}

func TestStartRejectsUnknownNight(t *testing.T) {
	for _, n := range []int{0, 3, -1} {
		if s, err := Start(n); err == nil {
			s.Close()
			t.Errorf("Start(%d) succeeded; want an error", n)
		}
	}
}

func TestSetNightPanicsOnUnknownNight(t *testing.T) {
	s := startServer(t, 1)
	defer func() {
		if recover() == nil {
			t.Error("SetNight(3) did not panic")
		}
	}()
	s.SetNight(3)
}

// TestConcurrentRequestsDuringSetNight serves many requests while the night
// flips; every answer must be one night's body, whole (run with -race).
func TestConcurrentRequestsDuringSetNight(t *testing.T) {
	s := startServer(t, 1)
	n1, _ := boardFiles.ReadFile("boards/night1/greenhouse/tidepool.json")
	n2, _ := boardFiles.ReadFile("boards/night2/greenhouse/tidepool.json")
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				resp, err := http.Get(s.URL() + "/v1/boards/tidepool/jobs?content=true")
				if err != nil {
					errs <- err
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(body, n1) && !bytes.Equal(body, n2) {
					errs <- fmt.Errorf("body of %d bytes matches neither night", len(body))
					return
				}
			}
		}()
	}
	for i := range 50 {
		s.SetNight(i%2 + 1)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
