package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The analysis page (analyze --format html) opened in a real browser, as
// a reader opens it on a laptop and on a phone, with postings whose
// titles, companies and skills a board chose: hostile markup, and one
// word of 290 letters with no place to break (a board's title is clipped
// to 300 characters, not split).
// postingURLs are links a board might give; only http(s) may be linked.
var postingURLs = []string{"javascript:window.__pwned=1//", "data:text/html,<script>window.__pwned=1</script>",
	"vbscript:msgbox(1)", "  JavaScript:window.__pwned=1", "file:///etc/passwd"}

func TestHostileAnalysisInABrowser(t *testing.T) {
	chromiumPath(t)
	dir := t.TempDir()
	word := strings.Repeat("W", 290)
	var jobs []map[string]any
	for i, p := range append([]string{word, word + " " + word}, payloads...) {
		jobs = append(jobs, map[string]any{
			"id": 3000 + i, "title": "Site Reliability Engineer " + p, "absolute_url": postingURLs[i%len(postingURLs)],
			"company_name": "Acme " + p, "location": map[string]any{"name": "Remote"},
			"updated_at": "2026-11-20T10:00:00Z", "first_published": "2026-11-01T10:00:00Z",
			"content": htmlEscape("<h2>Requirements</h2><ul><li>5+ years of Terraform and Kubernetes</li>" +
				"<li>Linux, Ansible, PostgreSQL, AWS, Azure, GCP, Go, Python, Kafka, Datadog, Prometheus, Vault, Consul, Nomad, Hostileskill</li></ul><p>" + p + "</p>"),
		})
	}
	// Every third posting's link is not http(s): it must be shown as text,
	// never linked.
	for i := range jobs {
		if i%3 == 0 {
			jobs[i]["absolute_url"] = fmt.Sprintf("https://example.com/jobs/%d", i)
		}
	}
	body, err := json.Marshal(map[string]any{"jobs": jobs})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	// A skill's name comes from a taxonomy file: a long one is a gap.
	tax := writeFile(t, dir, "tax.yaml", fmt.Sprintf("skills:\n  - {id: hostile, name: %q, category: tool, aliases: [hostileskill]}\n", "Skill "+strings.Repeat("S", 5000)))
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %q}
crawl: {user_agent: "skillpulse-test", delay: 0s}
sources:
  - {name: hostile, type: greenhouse, board: evil, base_url: %q, allow_private: true}
taxonomy:
  files: [%q]
`, filepath.Join(dir, "s.db"), srv.URL, tax))
	if code, out, stderr := cli(t, "", "--log-level", "error", "--config", cfg, "crawl"); code != 0 {
		t.Fatalf("crawl of the hostile board: exit %d\n%s\n%s", code, out, stderr)
	}
	code, page, stderr := cli(t, privateResume, "--log-level", "error", "--config", cfg, "analyze", "--format", "html", "--top", "20")
	if code != 0 {
		t.Fatalf("analyze: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(page, word[:200]) {
		t.Fatal("the analysis shows no posting with the long word: it tests nothing")
	}
	// The crawl keeps at most skillpulse.MaxMarks marks of the stack.
	if capped := zalgo[:len("Z\u0336\u0337\u0338\u0335")]; !strings.Contains(page, "Site Reliability Engineer "+capped+"algo") {
		t.Errorf("the analysis does not show the title of marks as the crawl caps it (%+q)", capped+"algo")
	}
	path := writeFile(t, dir, "analysis.html", page)
	for _, width := range []int64{1200, 375} {
		t.Run(fmt.Sprintf("%dpx wide", width), func(t *testing.T) {
			rep, events := openReport(t, path, width, fmt.Sprintf("analysis-hostile-%d.png", width))
			// Unlike a report, the analysis links each match to its
			// posting: an http(s) link, and only that, is allowed.
			bad := rep.Bad[:0]
			for _, b := range rep.Bad {
				if !strings.HasPrefix(b, "href=https://") && !strings.HasPrefix(b, "href=http://") {
					bad = append(bad, b)
				}
			}
			rep.Bad = bad
			checkPage(t, rep, events, 0)
			if !strings.Contains(rep.DOM, `<a href="https://example.com/jobs/`) {
				t.Error("no match is linked to its posting: the link checks test nothing")
			}
			if strings.Contains(rep.Title, "PWNED") {
				t.Errorf("a payload ran: the title is %q", rep.Title)
			}
			for _, want := range []string{"Best matches", "<script>window.__pwned=1;", "Acme " + word[:150], "Skill SSSSSSSSSS"} {
				if !strings.Contains(rep.Text, want) {
					t.Errorf("the page does not show %q", want)
				}
			}
		})
	}
	_ = os.Remove(path)
}
