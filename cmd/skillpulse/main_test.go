package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// cli runs skillpulse with args and returns its exit status and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUsageAndConfigErrorsExit2WithoutTouchingTheStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "never.db")
	bad := writeFile(t, dir, "bad.yaml", "storage:\n  path: "+db+"\ncrawl:\n  delay: soon\nsources:\n  - name: a\n    type: greenhose\n    board: x\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown subcommand", []string{"crawll"}, `unknown command "crawll"`},
		{"unknown flag", []string{"crawl", "--jsn"}, "unknown flag: --jsn"},
		{"bad config", []string{"--config", bad, "crawl"}, "bad.yaml:4: crawl.delay: bad duration"},
		{"unknown source type", []string{"--config", writeFile(t, dir, "t.yaml", strings.Replace(
			"storage:\n  path: DB\nsources:\n  - name: a\n    type: greenhose\n    board: x\n", "DB", db, 1)), "crawl"},
			`t.yaml:5: sources[0].type: unknown source type "greenhose"`},
		{"missing config file", []string{"--config", filepath.Join(dir, "nope.yaml"), "crawl"}, "nope.yaml"},
		{"bad week", []string{"--config", bad, "report", "--week", "2026-47"}, "bad.yaml"},
		{"bad format", []string{"extract", "--format", "xml"}, `--format "xml"`},
		{"extract two files", []string{"extract", "a", "b"}, "at most one file"},
		{"crawl with an argument", []string{"crawl", "now"}, "takes no arguments"},
		{"unknown db subcommand", []string{"--db", db, "db", "chek"}, `unknown command "chek" for skillpulse db (see skillpulse db --help)`},
		{"unknown taxonomy subcommand", []string{"taxonomy", "chek"}, `unknown command "chek" for skillpulse taxonomy (see skillpulse taxonomy --help)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli(t, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Fatalf("%v created the store file", tc.args)
			}
		})
	}
}

func TestReportWithoutStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.db")
	code, _, stderr := cli(t, "", "--db", db, "report")
	if code != exitFailure || !strings.Contains(stderr, "no store at") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("report created a store")
	}
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"21 nights", "night  1", "night 21", "failed: graniteridge (closes nothing)", "report for", ".html"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "reports", "skillpulse-*.md"))
	if len(matches) != 1 {
		t.Fatalf("demo reports: %v", matches)
	}
	t.Run("a second run into the same store refuses and leaves it as it was", func(t *testing.T) {
		db := filepath.Join(dir, "skillpulse.db")
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir)
		if code != exitUsage || !strings.Contains(stderr, "already exists") {
			t.Errorf("second demo: exit %d, stderr %q; want 2 and a refusal", code, stderr)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Error("the refused demo changed the store")
		}
	})
	t.Run("with --db only, reports go beside the store", func(t *testing.T) {
		other := t.TempDir()
		db := filepath.Join(other, "sub", "demo.db")
		code, out, stderr := cli(t, "", "--log-level", "warn", "--db", db, "demo", "--weeks", "1")
		if code != 0 {
			t.Fatalf("demo --db: exit %d\n%s\n%s", code, out, stderr)
		}
		if m, _ := filepath.Glob(filepath.Join(other, "sub", "reports", "skillpulse-*.html")); len(m) != 1 {
			t.Errorf("reports beside the store: %v\n%s", m, out)
		}
	})
	t.Run("a bad week count is a usage error", func(t *testing.T) {
		if code, _, stderr := cli(t, "", "demo", "--weeks", "0", "--out", t.TempDir()); code != exitUsage || !strings.Contains(stderr, "--weeks") {
			t.Errorf("--weeks 0: exit %d, %s", code, stderr)
		}
	})
}

func TestDBCommands(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	code, out, stderr := cli(t, "", "--db", db, "db", "stats", "--json")
	if code != 0 {
		t.Fatalf("db stats: %d %s", code, stderr)
	}
	var stats struct {
		Postings, Runs int
		NewestRun      string  `json:"newest_run"`
		BytesPer       float64 `json:"bytes_per_posting"`
	}
	if err := json.Unmarshal([]byte(out), &stats); err != nil || stats.Postings == 0 || stats.Runs != 7 || stats.NewestRun == "" || stats.BytesPer <= 0 {
		t.Errorf("db stats: %+v %v\n%s", stats, err, out)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "check"); code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "ok") {
		t.Errorf("db check: %d %s %s", code, out, stderr)
	}
	backup := filepath.Join(dir, "copy.db")
	if code, _, stderr := cli(t, "", "--db", db, "db", "backup", backup); code != 0 {
		t.Fatalf("db backup: %d %s", code, stderr)
	}
	if code, out, stderr := cli(t, "", "--db", backup, "db", "check"); code != 0 {
		t.Errorf("check of the backup: %d %s %s", code, out, stderr)
	}
	if code, _, _ := cli(t, "", "--db", db, "db", "backup"); code != exitUsage {
		t.Errorf("db backup without a file: exit %d, want 2", code)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "compact"); code != 0 || !strings.Contains(out, "compacted") {
		t.Errorf("db compact: %d %s %s", code, out, stderr)
	}
	if code, out, stderr := cli(t, "", "--db", db, "db", "check"); code != 0 {
		t.Errorf("db check after compact: %d %s %s", code, out, stderr)
	}
}

func TestRetagAfterTaxonomyChange(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	// Same taxonomy: nothing changes.
	code, out, stderr := cli(t, "", "--db", db, "retag", "--json")
	if code != 0 {
		t.Fatalf("retag: %d %s", code, stderr)
	}
	var c struct{ Versions, Changed int }
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.Versions == 0 || c.Changed != 0 {
		t.Fatalf("retag with an unchanged taxonomy: %+v %v", c, err)
	}
	// A user taxonomy teaching a new skill changes the postings that name
	// it. (Not "Northwind": that is the demo's company, never a skill.)
	tax := writeFile(t, dir, "extra.yaml", "skills:\n  - id: freight-dispatch\n    name: Freight dispatch\n    category: tool\n    aliases: [freight]\n")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\nsources:\n  - {name: x, type: greenhouse, board: x}\ntaxonomy:\n  files: [%s]\n", db, tax))
	code, out, stderr = cli(t, "", "--config", cfg, "retag")
	if code != 0 || !strings.Contains(out, "freight-dispatch") {
		t.Fatalf("retag with a new skill: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, out, _ := cli(t, "", "--db", db, "db", "check"); code != 0 {
		t.Errorf("db check after retag: %s", out)
	}
	// The report reads the stored aggregates with the new id among them.
	code, out, stderr = cli(t, "", "--config", cfg, "--log-level", "error", "report", "--format", "json", "--out", "-")
	if code != 0 || !json.Valid([]byte(out)) {
		t.Errorf("report after retag with a new skill: exit %d, valid JSON %v\n%s", code, json.Valid([]byte(out)), stderr)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "warn", "demo", "--weeks", "1", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "skillpulse.db")
	code, jsonl, stderr := cli(t, "", "--db", db, "export")
	if code != 0 || strings.Count(jsonl, "\n") == 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	fresh := filepath.Join(dir, "fresh.db")
	code, out, stderr := cli(t, jsonl, "--db", fresh, "import", "--json")
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	var c struct{ New int }
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.New != strings.Count(jsonl, "\n") {
		t.Errorf("import counts %s, want every one of %d lines new", out, strings.Count(jsonl, "\n"))
	}
	// Without --json, import prints a table; the second import changes nothing.
	code, out, stderr = cli(t, jsonl, "--db", fresh, "import")
	if want := fmt.Sprintf("%d\n", strings.Count(jsonl, "\n")); code != 0 || !strings.Contains(out, "UNCHANGED") || !strings.HasSuffix(strings.TrimRight(out, " "), want) {
		t.Errorf("import again, as a table: exit %d\n%s%s", code, out, stderr)
	}
	if code, again, _ := cli(t, "", "--db", fresh, "export"); code != 0 || again != jsonl {
		t.Errorf("export after import differs from the original export")
	}
	code, csvOut, _ := cli(t, "", "--db", db, "export", "--format", "csv")
	if code != 0 || !strings.HasPrefix(csvOut, "source,") || !strings.Contains(csvOut, ":required") {
		t.Errorf("csv export: %d\n%.300s", code, csvOut)
	}
	if code, _, stderr := cli(t, "not json\n", "--db", fresh, "import"); code == 0 || !strings.Contains(stderr, "line 1") {
		t.Errorf("bad import: exit %d, %s", code, stderr)
	}
}

func TestRefusedImportCreatesNoStoreFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "never.db")
	bad := `{"source":"acme","native_id":"1","url":"javascript:alert(1)","title":"SRE",` +
		`"first_seen":"2026-11-23T03:00:00Z","last_seen":"2026-11-23T03:00:00Z","origins":[],"description":"",` +
		`"tags":{"skills":[{"id":"terraform","level":"required"}],"seniority":"senior"}}` + "\n"
	code, _, stderr := cli(t, bad, "--db", db, "import")
	if code == 0 || !strings.Contains(stderr, "line 1") || !strings.Contains(stderr, "url:") {
		t.Errorf("import of a javascript: URL: exit %d, %s", code, stderr)
	}
	unknown := strings.Replace(strings.Replace(bad, "javascript:alert(1)", "https://example.com/1", 1), `"terraform"`, `"cobol-85"`, 1)
	code, _, stderr = cli(t, unknown, "--db", db, "import")
	if code == 0 || !strings.Contains(stderr, `unknown skill "cobol-85"`) {
		t.Errorf("import of an unknown skill: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import created the store file (%v)", err)
	}
}

func TestTablePrintersStripControlCharacters(t *testing.T) {
	dir := t.TempDir()
	tax := writeFile(t, dir, "evil.yaml", "skills:\n  - id: northwind-mesh\n    name: \"Northwind\\e]0;pwned\\a Mesh\\e[2J\"\n    category: tool\n    aliases: [northwind]\n")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\nsources:\n  - {name: x, type: greenhouse, board: x}\ntaxonomy:\n  files: [%s]\n",
		filepath.Join(dir, "s.db"), tax))
	for _, args := range [][]string{
		{"--config", cfg, "taxonomy"},
		{"--config", cfg, "extract", "-"},
	} {
		code, out, stderr := cli(t, "Requirements: 3+ years of Northwind in production.\n", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		if !strings.Contains(out, "Northwind") || strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%v printed control characters or lost the name:\n%q", args, out)
		}
	}
}

func TestOutOfRangeConfigExitsTwoAndCreatesNothing(t *testing.T) {
	for _, tc := range []struct{ name, crawl, extra string }{
		{"parallelism at max int64", "parallelism: 9223372036854775807", ""},
		{"a bad api.listen", "parallelism: 2", "api:\n  listen: \"127.0.0.1:99999\"\n"},
		{"an alias bomb", "parallelism: 2", "x: &u [" + strings.Repeat("a, ", 3000) + "a]\nreport:\n  formats: [" + strings.Repeat("*u, ", 100) + "*u]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "store.db")
			cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl:\n  user_agent: t\n  %s\nsources:\n  - {name: x, type: greenhouse, board: x, base_url: \"http://127.0.0.1:1\", allow_private: true}\n%s",
				db, tc.crawl, tc.extra))
			for _, cmd := range []string{"crawl", "serve", "runs"} {
				code, _, stderr := cli(t, "", "--config", cfg, cmd)
				if code != exitUsage || !strings.Contains(stderr, "c.yaml:") {
					t.Errorf("%s: exit %d, %s; want 2 and the file:line", cmd, code, stderr)
				}
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the store was created (%v)", err)
			}
		})
	}
}

// TestTaxonomyJSONListsAliasesAndParents: each skill of `taxonomy --json`
// has its aliases and its parents (an empty list when it has none).
func TestTaxonomyJSONListsAliasesAndParents(t *testing.T) {
	code, out, stderr := cli(t, "", "taxonomy", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Skills []struct {
			ID      string    `json:"id"`
			Parents *[]string `json:"parents"`
			Aliases []string  `json:"aliases"`
		} `json:"skills"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	byID := map[string][]string{}
	for _, s := range doc.Skills {
		if s.Parents == nil || len(s.Aliases) == 0 {
			t.Errorf("%s: parents %v, aliases %v; want both listed", s.ID, s.Parents, s.Aliases)
			continue
		}
		byID[s.ID] = *s.Parents
	}
	if !slices.Equal(byID["eks"], []string{"kubernetes", "aws"}) || len(byID["typescript"]) != 0 {
		t.Errorf("eks parents %v, typescript parents %v", byID["eks"], byID["typescript"])
	}
}

// A command that reads or rewrites what is stored says there is no store
// at a mistyped --db, and creates nothing there: only crawl, run, import,
// demo and serve start a store.
func TestCommandsOnAMissingStoreSaySoAndCreateNothing(t *testing.T) {
	dir := t.TempDir()
	resumeFile := writeFile(t, dir, "r.txt", privateResume)
	for _, args := range [][]string{
		{"runs"}, {"retag"}, {"report"}, {"export"}, {"analyze", resumeFile},
		{"db", "stats"}, {"db", "check"}, {"db", "repair"}, {"db", "compact"}, {"db", "backup", filepath.Join(dir, "b.db")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			db := filepath.Join(dir, "typo.db")
			code, _, stderr := cli(t, "", append([]string{"--db", db, "--log-level", "warn"}, args...)...)
			if code != exitFailure || !strings.Contains(stderr, "no store at "+db) {
				t.Errorf("exit %d, want %d saying there is no store at %s:\n%s", code, exitFailure, db, stderr)
			}
			if left, _ := filepath.Glob(db + "*"); len(left) != 0 {
				t.Errorf("created %v", left)
				for _, p := range left {
					os.Remove(p)
				}
			}
		})
	}
}

// A taxonomy file config.yaml lists but that cannot be read is a bad
// config: exit 2 naming the config's line, and no store is created.
func TestMissingTaxonomyFileIsAConfigError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %q}
taxonomy:
  files: [nope.yaml]
sources:
  - {name: a, type: greenhouse, board: a, base_url: "http://127.0.0.1:9", allow_private: true, max_retries: 0}
`, db))
	for _, args := range [][]string{{"crawl"}, {"taxonomy"}, {"extract", "-"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := cli(t, "Terraform", append([]string{"--config", cfg, "--log-level", "error"}, args...)...)
			want := cfg + ":3: taxonomy.files[0]: cannot read " + filepath.Join(dir, "nope.yaml")
			if code != exitUsage || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, want %d saying %q:\n%s", code, exitUsage, want, stderr)
			}
		})
	}
	if left, _ := filepath.Glob(db + "*"); len(left) != 0 {
		t.Errorf("created %v", left)
	}
}
