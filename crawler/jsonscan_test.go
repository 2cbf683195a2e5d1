package crawler

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"
)

// refGreenhouseJob is what greenhouseJob's UnmarshalJSON must agree with:
// the struct encoding/json would decode a job into.
type refGreenhouseJob struct {
	ID          jsonID `json:"id"`
	Title       string `json:"title"`
	AbsoluteURL string `json:"absolute_url"`
	Location    struct {
		Name string `json:"name"`
	} `json:"location"`
	CompanyName string `json:"company_name"`
	Departments []struct {
		Name string `json:"name"`
	} `json:"departments"`
	Offices []struct {
		Name     string `json:"name"`
		Location string `json:"location"`
	} `json:"offices"`
	UpdatedAt      string `json:"updated_at"`
	FirstPublished string `json:"first_published"`
	Content        string `json:"content"`
}

func (r *refGreenhouseJob) job() greenhouseJob {
	j := greenhouseJob{ID: r.ID, Title: r.Title, AbsoluteURL: r.AbsoluteURL, Location: r.Location.Name,
		CompanyName: r.CompanyName, UpdatedAt: r.UpdatedAt, FirstPublished: r.FirstPublished, Content: r.Content}
	if len(r.Departments) > 0 {
		j.Department = r.Departments[0].Name
	}
	for _, o := range r.Offices {
		j.Offices = append(j.Offices, greenhouseOffice{Name: o.Name, Location: o.Location})
	}
	return j
}

var greenhouseJobSeeds = []string{
	`{"id":4001001,"title":"Site Reliability Engineer","absolute_url":"https://job-boards.greenhouse.io/acme/jobs/4001001",` +
		`"location":{"name":"Remote"},"company_name":"Acme","departments":[{"id":1,"name":"Infrastructure"},{"name":"Ops"}],` +
		`"offices":[{"name":"Berlin","location":"Berlin, Germany"}],"updated_at":"2026-11-20T09:00:00-05:00",` +
		`"first_published":"2026-11-01T09:00:00-05:00","content":"\u0026lt;p\u0026gt;Kubernetes \"and\" \\ Terraform\u0026lt;/p\u0026gt;"}`,
	`{"id":"abc","TITLE":"SRE \ud83d\ude80 \ud800 x","location":null,"departments":null,"offices":[],"content":null}`,
	`{"t\u0069tle":"escaped name","id":-1.5e3,"extra":{"deep":[1,true,null,"x",{"a":[]}]}}`,
	`{"id":true,"title":"SRE"}`,
	`{"id":1,"title":5}`,
	`{"id":1,"location":"Berlin"}`,
	`{"id":1,"departments":[1]}`,
	`{"id":1,"departments":[null,{"name":"second"}]}`,
	`{"id":1,"offices":[{"name":["x"]}]}`,
	`{"id":1,"title":"bad utf8 ` + "\xff\xfe" + `"}`,
	`null`,
	`[]`,
	`"job"`,
}

// FuzzGreenhouseJob checks greenhouseJob's hand-written decoding against
// encoding/json's for any input: the same fields or, where encoding/json
// refuses a job, an error too. Inputs that repeat a member name are left
// out of the field comparison: encoding/json merges repeated objects into
// one struct in ways no source relies on.
func FuzzGreenhouseJob(f *testing.F) {
	for _, s := range greenhouseJobSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got greenhouseJob
		gotErr := json.Unmarshal(b, &got)
		var ref refGreenhouseJob
		refErr := json.Unmarshal(b, &ref)
		if (gotErr == nil) != (refErr == nil) {
			t.Fatalf("%q: error %v, encoding/json's %v", b, gotErr, refErr)
		}
		if gotErr != nil || repeatsAName(b) {
			return
		}
		want := ref.job()
		if len(got.Offices) == 0 && len(want.Offices) == 0 {
			got.Offices, want.Offices = nil, nil
		}
		if !equalJobs(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", b, got, want)
		}
	})
}

func equalJobs(a, b greenhouseJob) bool {
	if len(a.Offices) != len(b.Offices) {
		return false
	}
	for i := range a.Offices {
		if a.Offices[i] != b.Offices[i] {
			return false
		}
	}
	a.Offices, b.Offices = nil, nil
	return a.ID == b.ID && a.Title == b.Title && a.AbsoluteURL == b.AbsoluteURL && a.Location == b.Location &&
		a.CompanyName == b.CompanyName && a.Department == b.Department && a.UpdatedAt == b.UpdatedAt &&
		a.FirstPublished == b.FirstPublished && a.Content == b.Content
}

// repeatsAName reports whether some object in the JSON b names a member
// twice, ignoring case as encoding/json's matching does.
func repeatsAName(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	type frame struct {
		object bool
		names  map[string]bool
		key    bool // the next string token is a name
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if s, ok := tok.(string); ok && top != nil && top.object && top.key {
			name := strings.ToLower(s)
			if top.names[name] {
				return true
			}
			top.names[name] = true
			top.key = false
			continue
		}
		if top != nil && top.object {
			top.key = true // a value ends; a name or '}' follows
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, names: map[string]bool{}, key: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].key = true
			}
		}
	}
}

// FuzzSafeURL checks that every URL plainHTTPURL accepts without parsing
// is one url.Parse accepts as an absolute http(s) URL.
func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{"https://job-boards.greenhouse.io/acme/jobs/4001001?gh_src=x#apply",
		"http://a/%zz", "https://a.b/c%2Fd", "http://", "https:///x", "javascript:alert(1)", "https://a.b:8080/",
		"https://a.b/ü", "https://A.B/", "http://a/b c", "https://x/?q=1&r=(2)*;@!$'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plainHTTPURL(s) {
			return
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("plainHTTPURL accepts %q, which url.Parse reads as %v, %v", s, u, err)
		}
	})
}

// FuzzScanJobs checks that whatever board scanJobs reads without
// encoding/json, encoding/json reads too, to the same jobs: for every other
// board, decodeJobs falls back on encoding/json.
func FuzzScanJobs(f *testing.F) {
	for _, s := range greenhouseJobSeeds {
		f.Add([]byte(`{"jobs":[` + s + `],"meta":{"total":1}}`))
	}
	for _, s := range []string{"\xef\xbb\xbf{\"jobs\":[]}", `{"jobs":null}`, `{"JOBS":[{"id":1}]}`, `{"jobs":[{"id":1}],"jobs":[]}`,
		`{"jobs":[{"id":1}]} x`, `{"jobs":[{"id":1,"x":"\q"}]}`, `[` + strings.Repeat(`[`, 20000)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := scanJobs[greenhouseJob](b)
		if !ok {
			return
		}
		var doc struct {
			Jobs *[]refGreenhouseJob `json:"jobs"`
		}
		if err := decodeJSON(b, &doc); err != nil || doc.Jobs == nil {
			t.Fatalf("%q: scanJobs read %d jobs, encoding/json: %v", b, len(got), err)
		}
		if repeatsAName(bytes.TrimPrefix(b, []byte(utf8BOM))) {
			return
		}
		if len(got) != len(*doc.Jobs) {
			t.Fatalf("%q: scanJobs read %d jobs, encoding/json %d", b, len(got), len(*doc.Jobs))
		}
		for i := range got {
			if want := (*doc.Jobs)[i].job(); !equalJobs(got[i], want) {
				t.Fatalf("%q: job %d:\n got %+v\nwant %+v", b, i, got[i], want)
			}
		}
	})
}
