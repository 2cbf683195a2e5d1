package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/skillpulse/skillpulse/analyze"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/extract"
)

// openAPIDoc is the document's parts the test walks.
type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		Parameters []struct {
			Name    string `json:"name"`
			In      string `json:"in"`
			Example any    `json:"example"`
		} `json:"parameters"`
		Responses map[string]struct {
			Ref     string                     `json:"$ref"`
			Content map[string]json.RawMessage `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
}

// pointerEscape escapes a JSON-pointer token.
func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// TestOpenAPIDescribesEveryRoute checks api/openapi.json against the
// server: it is OpenAPI 3.1; every route the server has is documented and
// every documented route answers; and every answer, good or bad, has a
// documented status and a body that validates against the documented
// schema (JSON Schema 2020-12, formats asserted).
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	raw := api.OpenAPI()
	var doc openAPIDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Fatalf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	compiler.AssertFormat()
	const base = "mem://skillpulse/openapi.json"
	if err := compiler.AddResource(base, schemaDoc); err != nil {
		t.Fatal(err)
	}

	st, _ := postingsStore(t)
	h := api.New(api.Options{Store: st, Taxonomy: eksTaxonomy{},
		Market: []config.MarketArea{{ID: "iac", Name: "IaC", Weight: 0.8, Reason: "dominant", Skills: []string{"terraform"}}},
		Now:    func() time.Time { return w47.Start().Add(50 * time.Hour) }})
	srv := &api.Server{Addr: "127.0.0.1:0", API: h, Metrics: api.NewMetrics().Handler()}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	// Every route is documented, and nothing else is.
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	served := append(h.Routes(), "GET /metrics", "POST /api/v1/analyze")
	sort.Strings(documented)
	sort.Strings(served)
	if !slices.Equal(documented, served) {
		t.Errorf("documented routes %q\nserved routes     %q", documented, served)
	}

	// A posting id for /postings/{id}.
	var page struct {
		Postings []struct{ ID string } `json:"postings"`
	}
	resp, err := http.Get(srv.URL() + "/api/v1/postings?week=2026-W47&limit=1")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if len(page.Postings) != 1 {
		t.Fatal("no posting to ask for")
	}
	examples := map[string]string{"id": "terraform", "postings/{id}": page.Postings[0].ID}
	// Requests that must fail, and how.
	failing := map[string][]string{
		"/api/v1/runs":                     {"?limit=0"},
		"/api/v1/weeks":                    {"?limit=9999"},
		"/api/v1/weeks/{week}":             {"/api/v1/weeks/2026-47"},
		"/api/v1/weeks/{week}/skills/{id}": {"/api/v1/weeks/2026-W47/skills/cobol", "/api/v1/weeks/W47/skills/terraform"},
		"/api/v1/trends/{id}":              {"/api/v1/trends/cobol", "/api/v1/trends/terraform?weeks=99"},
		"/api/v1/days/{day}":               {"/api/v1/days/yesterday"},
		"/api/v1/postings":                 {"?level=urgent", "?cursor=nope", "?limit=1001"},
		"/api/v1/postings/{id}":            {"/api/v1/postings/nope"},
	}

	for path, ops := range doc.Paths {
		op, ok := ops["get"]
		if !ok {
			continue // POST /api/v1/analyze: TestOpenAPIDescribesAnalyze
		}
		target := path
		query := url.Values{}
		for _, p := range op.Parameters {
			switch p.In {
			case "path":
				v := fmt.Sprint(p.Example)
				if p.Example == nil {
					v = examples[strings.TrimPrefix(path, "/api/v1/")]
				}
				target = strings.ReplaceAll(target, "{"+p.Name+"}", url.PathEscape(v))
			case "query":
				if p.Example != nil && p.Name != "level" && p.Name != "seniority" && p.Name != "workplace" {
					query.Set(p.Name, fmt.Sprint(p.Example))
				}
			}
		}
		requests := []string{target}
		if len(query) > 0 {
			requests = append(requests, target+"?"+query.Encode())
		}
		for _, f := range failing[path] {
			if strings.HasPrefix(f, "?") {
				f = target + f
			}
			requests = append(requests, f)
		}
		for i, req := range requests {
			t.Run(req, func(t *testing.T) {
				resp, err := http.Get(srv.URL() + req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if i == 0 && resp.StatusCode != 200 {
					t.Errorf("the documented route answers %d: %.300s", resp.StatusCode, body)
				}
				if i >= len(requests)-len(failing[path]) && resp.StatusCode < 400 {
					t.Errorf("a bad request answered %d", resp.StatusCode)
				}
				status := fmt.Sprint(resp.StatusCode)
				r, ok := op.Responses[status]
				if !ok {
					t.Fatalf("status %s is not documented for %s: %.300s", status, path, body)
				}
				loc := base + "#/paths/" + pointerEscape(path) + "/get/responses/" + status
				if r.Ref != "" {
					loc = base + r.Ref
				}
				ct := resp.Header.Get("Content-Type")
				media := "application/json"
				if strings.HasPrefix(ct, "text/plain") {
					media = "text/plain"
				}
				if path == "/metrics" {
					if media != "text/plain" || len(body) == 0 {
						t.Errorf("/metrics: %s, %d bytes", ct, len(body))
					}
					return
				}
				if !strings.HasPrefix(ct, "application/json") {
					t.Fatalf("Content-Type %q, want JSON", ct)
				}
				sch, err := compiler.Compile(loc + "/content/" + pointerEscape(media) + "/schema")
				if err != nil {
					t.Fatalf("schema of %s %s: %v", path, status, err)
				}
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("body is not JSON: %v", err)
				}
				if err := sch.Validate(inst); err != nil {
					t.Errorf("body does not match the documented schema: %v\n%.500s", err, body)
				}
			})
		}
	}
}

// TestOpenAPIDocumentsRefusals checks the refusals the server gives every
// route, 401 without the token and 421 for a foreign Host, against the
// document.
func TestOpenAPIDocumentsRefusals(t *testing.T) {
	var doc openAPIDoc
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	h := api.New(api.Options{Store: &fakeStore{}, Taxonomy: taxonomy{}})
	srv := &api.Server{Addr: "127.0.0.1:0", API: h, Metrics: api.NewMetrics().Handler(), Token: "0123456789abcdef"}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for path, ops := range doc.Paths {
		for _, tc := range []struct {
			host   string
			status int
		}{{"", 401}, {"attacker.example", 421}} {
			if path == "/api/v1/health" && tc.status == 401 {
				continue
			}
			req, _ := http.NewRequest("GET", srv.URL()+strings.NewReplacer("{week}", "current", "{id}", "x", "{day}", "today").Replace(path), nil)
			if tc.host != "" {
				req.Host = tc.host
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("%s (Host %q): %d, want %d", path, tc.host, resp.StatusCode, tc.status)
			}
			if ops["get"].Responses == nil {
				continue
			}
			if _, ok := ops["get"].Responses[fmt.Sprint(tc.status)]; !ok {
				t.Errorf("%s: %d is not documented", path, tc.status)
			}
		}
	}
}

// TestOpenAPIDescribesAnalyze posts resumes to the analysis the server
// mounts, as serve does, and validates every answer against the document.
func TestOpenAPIDescribesAnalyze(t *testing.T) {
	raw := api.OpenAPI()
	var doc openAPIDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	compiler.AssertFormat()
	const base = "mem://skillpulse/openapi.json"
	if err := compiler.AddResource(base, schemaDoc); err != nil {
		t.Fatal(err)
	}
	tax, err := extract.DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := postingsStore(t)
	srv := &api.Server{Addr: "127.0.0.1:0", API: http.NotFoundHandler(), Token: "0123456789abcdef"}
	srv.Mount("/api/v1/analyze", analyze.NewHandler(analyze.HandlerOptions{Store: st, Tagger: extract.NewTagger(tax),
		Now: func() time.Time { return w47.Start().Add(50 * time.Hour) }}))
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	resumeText := "Jane Doe\nSenior Site Reliability Engineer\n\nSkills: Terraform, Kubernetes, AWS, Linux, Python\n\n" +
		"Experience\nSite Reliability Engineer, Acme, Jan 2019 - Present\nRan Kubernetes on AWS with Terraform.\n"
	cases := []struct {
		name, query, ctype, body, token, host string
		status                                int
	}{
		{"a text resume", "?weeks=4&top=5", "text/plain", resumeText, "0123456789abcdef", "", 200},
		{"an image", "", "image/png", "\x89PNG\r\n", "0123456789abcdef", "", 415},
		{"a bad window", "?weeks=99", "text/plain", resumeText, "0123456789abcdef", "", 400},
		{"no text at all", "", "text/plain", "", "0123456789abcdef", "", 422},
		{"no token", "", "text/plain", resumeText, "", "", 401},
		{"a foreign Host", "", "text/plain", resumeText, "0123456789abcdef", "attacker.example", 421},
	}
	op := doc.Paths["/api/v1/analyze"]["post"]
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", srv.URL()+"/api/v1/analyze"+tc.query, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.ctype)
			if tc.token != "" {
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			if tc.host != "" {
				req.Host = tc.host
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			status := fmt.Sprint(resp.StatusCode)
			if resp.StatusCode != tc.status {
				t.Errorf("status %s, want %d: %.300s", status, tc.status, body)
			}
			r, ok := op.Responses[status]
			if !ok {
				t.Fatalf("status %s is not documented for POST /api/v1/analyze", status)
			}
			loc := base + "#/paths/" + pointerEscape("/api/v1/analyze") + "/post/responses/" + status
			if r.Ref != "" {
				loc = base + r.Ref
			}
			sch, err := compiler.Compile(loc + "/content/application~1json/schema")
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("body is not JSON: %v: %.300s", err, body)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("body does not match the documented schema: %v\n%.500s", err, body)
			}
		})
	}
}
