package analyze

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/internal/fixtures"
)

// corpusMarket tags the shared corpus of real postings whose titles name
// infrastructure work, as a store would hold them after a crawl in
// 2026-W48.
func corpusMarket(t *testing.T, tax *extract.Taxonomy) *fakeSource {
	t.Helper()
	path := filepath.Join(fixtures.Dir(t), "..", "corpus", "real-postings.jsonl")
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the shared corpus is missing under CI: %v", err)
		}
		t.Skipf("the shared corpus is missing (%v)", err)
	}
	defer f.Close()
	infra := regexp.MustCompile(`(?i)\b(infrastructure|platform|devops|site reliability|sre|cloud|systems?|network|kubernetes|linux)\b.*\b(engineer|architect|administrator|admin|sre|ops)\b|\bsre\b|\bdevops\b`)
	tagger := extract.NewTagger(tax)
	at := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	src := &fakeSource{runs: []skillpulse.Run{{Status: skillpulse.RunComplete, Started: at, Finished: at}}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	for sc.Scan() {
		var rec struct {
			ID, Title, Company, Text, HTML string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		title, text := rec.Title, rec.Text
		if text == "" {
			text = rec.HTML
		}
		if title == "" {
			// Who-is-hiring comments: "Company | Role | Location | ..." first.
			title, _, _ = strings.Cut(text, "\n")
		}
		if !infra.MatchString(title) {
			continue
		}
		p := skillpulse.Posting{Source: "corpus", NativeID: rec.ID, Title: rec.Title, Company: rec.Company, Description: text}
		tags := tagger.Tag(&p)
		if rec.Title == "" {
			tags = tagger.TagDocument(text)
			p.Title = title
		}
		src.posts = append(src.posts, seenPosting{at, skillpulse.StoredPosting{Posting: p, Tags: tags}})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return src
}

// TestKnownGapsRankHighAgainstRealPostings sets the six resumes against
// the infrastructure postings of the shared corpus (real Who-is-hiring
// and careers-site postings): each reads as its path, and its path's known
// gap is among its two gaps of highest impact.
func TestKnownGapsRankHighAgainstRealPostings(t *testing.T) {
	tax := testTaxonomy(t)
	src := corpusMarket(t, tax)
	if len(src.posts) < 20 {
		t.Fatalf("only %d infrastructure postings in the corpus", len(src.posts))
	}
	cases := []struct {
		resume string
		path   PathID
	}{
		{"sysadmin", PathSysadmin}, {"network", PathNetwork}, {"devops", PathDevOps},
		{"backend", PathBackend}, {"cloud-support", PathCloudSupport}, {"sre", PathDevOps},
	}
	for _, tc := range cases {
		t.Run(tc.resume, func(t *testing.T) {
			r := analyzeText(t, tax, src, testResume(t, tc.resume), 10)
			if r.Path.From == nil || *r.Path.From != tc.path {
				t.Fatalf("path %+v, want %s", r.Path, tc.path)
			}
			if len(r.Gaps) < 2 || !(r.Gaps[0].Known || r.Gaps[1].Known) {
				t.Errorf("no known gap among the top two: %+v", r.Gaps[:min(2, len(r.Gaps))])
			}
		})
	}
}
