package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCase is one tagged input as the golden files record it: every
// field of the tags, evidence included, so that any change of behaviour,
// however small, shows up as a diff.
type goldenCase struct {
	Name      string   `json:"name"`
	Language  string   `json:"language,omitempty"`
	Seniority string   `json:"seniority,omitempty"`
	Years     int      `json:"years,omitempty"`
	Mentions  []string `json:"mentions,omitempty"`
	Implied   []string `json:"implied,omitempty"`
}

func goldenOf(name string, tags skillpulse.Tags) goldenCase {
	c := goldenCase{Name: name, Language: tags.Language, Years: tags.Years}
	if tags.Seniority != skillpulse.SeniorityUnknown {
		c.Seniority = fmt.Sprint(tags.Seniority)
	}
	for _, m := range tags.Mentions {
		c.Mentions = append(c.Mentions, fmt.Sprintf("%s %v(%v) %d %q", m.SkillID, m.Level, m.Reason, m.Years, m.Evidence))
	}
	for _, m := range tags.Implied {
		c.Implied = append(c.Implied, fmt.Sprintf("%s %v via %s", m.SkillID, m.Level, strings.Join(m.Via, ",")))
	}
	return c
}

// checkGolden compares cases with testdata/golden/name, or rewrites it
// under -update.
func checkGolden(t *testing.T, name string, cases []goldenCase) {
	t.Helper()
	got, err := json.MarshalIndent(cases, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	var old []goldenCase
	if err := json.Unmarshal(want, &old); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	byName := map[string]goldenCase{}
	for _, c := range old {
		byName[c.Name] = c
	}
	diffs := 0
	for _, c := range cases {
		o, ok := byName[c.Name]
		g, _ := json.Marshal(c)
		w, _ := json.Marshal(o)
		if !ok || !bytes.Equal(g, w) {
			if diffs++; diffs <= 10 {
				t.Errorf("%s: tags changed\n got: %s\nwant: %s", c.Name, g, w)
			}
		}
	}
	if diffs == 0 {
		t.Errorf("%s differs from what the tagger gives (cases added, removed or reordered)", path)
	} else {
		t.Errorf("%d of %d cases changed; if the change is meant, rerun with -update", diffs, len(cases))
	}
}

// TestGoldenLabelled tags every labelled posting as a posting and its
// description as a document, the same postings grown to ATS size (see
// atsPostings), and the fuzz seeds, and compares the full tags with
// testdata/golden/labelled.json. It pins the tagger's behaviour exactly,
// which is what a change meant only to make it faster must keep.
func TestGoldenLabelled(t *testing.T) {
	g := newTestTagger(t)
	set := loadLabelled(t)
	var cases []goldenCase
	for i := range set {
		l := &set[i]
		cases = append(cases, goldenOf(l.File, g.Tag(l.posting())))
		cases = append(cases, goldenOf(l.File+" description", g.TagDocument(l.Description)))
	}
	ats, _ := atsPostings(t)
	for i, p := range ats {
		cases = append(cases, goldenOf(fmt.Sprintf("ats %d %s", i, p.Title), g.Tag(p)))
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*"))
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, goldenOf("fuzz "+filepath.Base(s), g.TagDocument(string(b))))
	}
	checkGolden(t, "labelled.json", cases)
}

// TestGoldenFixtures tags the shared fixtures' postings (Greenhouse and
// Lever boards as postings) and every long string of every JSON fixture
// as a document, and compares the full tags with
// testdata/golden/fixtures.json. It skips (fails under CI) when the
// fixtures are absent.
func TestGoldenFixtures(t *testing.T) {
	fixtureDir := fixtures.Dir(t)
	g := newTestTagger(t)
	var files []string
	err := filepath.WalkDir(fixtureDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var cases []goldenCase
	for _, f := range files {
		rel, _ := filepath.Rel(fixtureDir, f)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(rel, "greenhouse/jobs_content_"):
			for i, p := range greenhousePostings(t, rel) {
				cases = append(cases, goldenOf(fmt.Sprintf("%s posting %d", rel, i), g.Tag(&p)))
			}
		case strings.HasPrefix(rel, "lever/"):
			for i, p := range leverPostings(t, rel) {
				cases = append(cases, goldenOf(fmt.Sprintf("%s posting %d", rel, i), g.Tag(&p)))
			}
		}
		var v any
		readFixture(t, rel, &v)
		n := 0
		walkStrings(v, func(s string) {
			if len(s) >= 200 {
				cases = append(cases, goldenOf(fmt.Sprintf("%s string %d", rel, n), g.TagDocument(s)))
				n++
			}
		})
	}
	checkGolden(t, "fixtures.json", cases)
}

// walkStrings calls f for every string in a decoded JSON value, in a
// fixed order (object keys sorted).
func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkStrings(v[k], f)
		}
	}
}
