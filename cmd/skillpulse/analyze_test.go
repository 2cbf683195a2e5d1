package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/analyze"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/store"
)

// privateResume carries a marker no posting holds, so any trace of the
// resume in the store file, a log or a temp file can be found.
const privateResume = `Quillon Marrowby-Tesk
Senior Systems Administrator

SUMMARY
Systems administrator; private marker zq7-unique-resume-line.

EXPERIENCE
Senior Systems Administrator, Vexmoor Freight Zq7 — Mar 2019 – Present
- Run RHEL servers and VMware vSphere clusters; patching with Ansible.

SKILLS
Linux (2015–present), Bash, Ansible, VMware vSphere, Active Directory
`

var privateMarkers = []string{"Quillon", "Marrowby", "zq7-unique-resume-line", "Vexmoor"}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range privateMarkers {
		if bytes.Contains(b, []byte(m)) {
			t.Errorf("%s holds resume text %q", path, m)
		}
	}
	return sha256.Sum256(b)
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			names = append(names, p)
		}
		return nil
	})
	return names
}

// TestAnalyzeLeavesTheStoreUnchangedAndKeepsTheResumeNowhere runs the demo,
// serves its store as serve does, analyses a resume with the command (while
// the server holds the store) and through the API, and checks
// that the store file is byte-for-byte what it was, that neither it, the
// output directory, the temporary directory nor any log holds the resume,
// and that the metrics do not either.
func TestAnalyzeLeavesTheStoreUnchangedAndKeepsTheResumeNowhere(t *testing.T) {
	dir := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	db := filepath.Join(dir, "skillpulse.db")
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--db", db, "--out", dir); code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, stderr)
	}
	resumeFile := writeFile(t, t.TempDir(), "resume.txt", privateResume)
	before, files := fileSum(t, db), listDir(t, dir)

	// The same through the API server, mounted and opened as serve does,
	// on a store opened as serve opens it.
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tax, _ := extract.DefaultTaxonomy()
	cfg := testConfigMarket(t)
	metrics := api.NewMetrics()
	srv := &api.Server{Addr: "127.0.0.1:0", Log: log, API: api.New(api.Options{Store: st, Taxonomy: tax, Market: cfg, Log: log}), Metrics: metrics.Handler()}
	srv.Mount("/api/v1/analyze", analyze.NewHandler(analyze.HandlerOptions{Store: st, Tagger: extract.NewTagger(tax), Market: cfg, Log: log}))
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	// The command works while serve holds the store.
	code, out, stderr := cli(t, "", "--db", db, "--log-level", "debug", "analyze", resumeFile, "--json")
	if code != 0 {
		t.Fatalf("analyze exit %d\n%s", code, stderr)
	}
	var res analyze.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Postings == 0 || res.Path.From == nil || *res.Path.From != analyze.PathSysadmin || len(res.Gaps) == 0 {
		t.Errorf("analysis: %d postings, path %+v, %d gaps", res.Postings, res.Path, len(res.Gaps))
	}
	code, _, stderr2 := cli(t, privateResume, "--db", db, "--log-level", "debug", "analyze", "-", "--format", "html")
	if code != 0 {
		t.Fatalf("analyze from stdin exit %d\n%s", code, stderr2)
	}
	for _, m := range privateMarkers {
		if strings.Contains(stderr+stderr2, m) {
			t.Errorf("the log holds resume text %q", m)
		}
	}

	call := func(method, path, contentType, body string) (int, string) {
		req, _ := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := call(http.MethodPost, "/api/v1/analyze?top=3", "text/plain", privateResume); code != http.StatusOK || !strings.Contains(body, `"from": "sysadmin"`) {
		t.Errorf("POST /api/v1/analyze: %d %s", code, body)
	}
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		if code, body := call(m, "/api/v1/analyze", "text/plain", privateResume); code != http.StatusMethodNotAllowed {
			t.Errorf("%s /api/v1/analyze: %d %s, want 405", m, code, body)
		}
	}
	if code, _ := call(http.MethodPost, "/api/v1/runs", "text/plain", privateResume); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/runs: %d, want 405: the rest of the API stays read-only", code)
	}
	_, metricsBody := call(http.MethodGet, "/metrics", "", "")
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, m := range privateMarkers {
		if strings.Contains(logs.String(), m) || strings.Contains(metricsBody, m) {
			t.Errorf("the API's log or metrics hold resume text %q", m)
		}
	}

	if after := fileSum(t, db); after != before {
		t.Errorf("the store file changed")
	}
	if now := listDir(t, dir); !slices.Equal(now, files) {
		t.Errorf("files beside the store changed: %v, was %v", now, files)
	}
	if left := listDir(t, tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func testConfigMarket(t *testing.T) []config.MarketArea {
	t.Helper()
	a := &app{}
	cfg, err := a.config()
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Market
}

// encryptedPDF is a PDF of the resume package's encrypted test files.
func encryptedPDF(name string) string {
	return filepath.Join("..", "..", "resume", "testdata", "encrypted", name)
}

func TestAnalyzeExitStatuses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "skillpulse.db")
	if code, _, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--db", db, "--out", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	resumeFile := writeFile(t, dir, "r.txt", privateResume)
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		says  string
	}{
		{"bad format", "", []string{"--db", db, "analyze", resumeFile, "--format", "pdf"}, 2, `--format "pdf"`},
		{"json beside another format", "", []string{"--db", db, "analyze", resumeFile, "--json", "--format", "md"}, 2, "two formats"},
		{"zero weeks", "", []string{"--db", db, "analyze", resumeFile, "--weeks", "0"}, 2, "--weeks 0"},
		{"negative top", "", []string{"--db", db, "analyze", resumeFile, "--top", "-1"}, 2, "--top -1"},
		{"two files", "", []string{"--db", db, "analyze", resumeFile, resumeFile}, 2, "at most one file"},
		// A bad resume's error names the file, not only what is wrong.
		{"empty resume", "", []string{"--db", db, "analyze", writeFile(t, dir, "empty.txt", "")}, 1, "empty.txt: read resume (text): no text: the document is empty"},
		{"binary resume", "", []string{"--db", db, "analyze", writeFile(t, dir, "b.bin", "\x00\x01\x02binary\x00")}, 1, "b.bin: read resume: unsupported document type: binary"},
		{"empty standard input", "", []string{"--db", db, "analyze", "-"}, 1, "standard input: read resume (text): no text"},
		{"missing file", "", []string{"--db", db, "analyze", filepath.Join(dir, "nope.pdf")}, 1, "nope.pdf"},
		{"no store", "", []string{"--db", filepath.Join(dir, "none.db"), "analyze", resumeFile}, 1, "no store"},
		{"pdf that needs a password", "", []string{"--db", db, "analyze", encryptedPDF("user-password.pdf")}, 1, "user-password.pdf: read resume (pdf): encrypted: the PDF is encrypted and needs a password to open"},
		{"pdf protected only by an owner password", "", []string{"--db", db, "analyze", encryptedPDF("aes-256.pdf"), "--format", "md", "--top", "2"}, 0, ""},
		{"markdown from stdin", privateResume, []string{"--db", db, "analyze", "--format", "md", "--top", "2"}, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := cli(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, stderr)
			}
			if !strings.Contains(stderr, tc.says) {
				t.Errorf("stderr %q does not say %q", stderr, tc.says)
			}
			if tc.code == 0 && !strings.Contains(out, "## Gaps, by impact") {
				t.Errorf("markdown output:\n%s", out)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Errorf("analyze created a store")
	}
}

// A store with postings but no complete crawl in the weeks asked has no
// market to set the resume against: analyze says so on stderr, naming the
// weeks, and still prints what the weighting alone gives.
func TestAnalyzeSaysWhenTheWeeksHoldNoPostings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "skillpulse.db")
	if code, _, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--db", db, "--out", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, jsonl, stderr := cli(t, "", "--db", db, "export")
	if code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	crawlless := filepath.Join(dir, "imported.db")
	if code, _, stderr := cli(t, jsonl, "--db", crawlless, "import"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	resumeFile := writeFile(t, dir, "r.txt", privateResume)
	code, out, stderr := cli(t, "", "--db", crawlless, "analyze", resumeFile, "--json")
	if code != 0 || !strings.Contains(out, `"postings": 0`) {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	if !strings.Contains(stderr, "no posting was live in a complete crawl of") || !strings.Contains(stderr, "skillpulse crawl") {
		t.Errorf("stderr does not say the market is empty:\n%s", stderr)
	}
	if _, _, stderr := cli(t, "", "--db", db, "analyze", resumeFile); strings.Contains(stderr, "no posting was live") {
		t.Errorf("the demo's market is not empty, yet:\n%s", stderr)
	}
}

func TestDemoEndsWithHowToAnalyzeItsSampleResume(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir)
	if code != 0 {
		t.Fatalf("demo exit %d\n%s", code, stderr)
	}
	sample := filepath.Join(dir, "sample-resume.txt")
	if !strings.Contains(out, "analyze "+sample) {
		t.Fatalf("demo output does not show how to analyze %s:\n%s", sample, out)
	}
	code, out, stderr = cli(t, "", "--db", filepath.Join(dir, "skillpulse.db"), "analyze", sample)
	if code != 0 || !strings.Contains(out, "Systems administrator") || !strings.Contains(out, "Terraform") {
		t.Errorf("analyze of the sample: exit %d\n%s\n%s", code, out, stderr)
	}
}
