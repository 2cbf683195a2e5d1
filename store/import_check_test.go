package store

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// importLine is one valid export record, changed by mod.
func importLine(t testing.TB, id string, mod func(r *ExportRecord)) string {
	t.Helper()
	r := ExportRecord{
		Source: "acme", Type: "greenhouse", NativeID: id, URL: "https://boards.example.com/acme/" + id,
		Title: "Site Reliability Engineer", FirstSeen: t0, LastSeen: t0.Add(24 * time.Hour),
		Origins: []skillpulse.Origin{}, Description: "<p>Terraform</p>",
		Tags: exportTags{Skills: []exportMention{{ID: "terraform", Level: skillpulse.LevelRequired, Years: 3}}},
	}
	if mod != nil {
		mod(&r)
	}
	b, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

var knownSkills = func(id string) bool { return id == "terraform" || id == "aws" }

// Import refuses what a crawl would never store, with the line and the
// field, and writes nothing.
func TestImportRefusesWhatACrawlWouldNeverStore(t *testing.T) {
	tests := []struct {
		name string
		mod  func(r *ExportRecord)
		want string
	}{
		{"a 40,000-byte source name", func(r *ExportRecord) { r.Source = strings.Repeat("s", 40000) }, "source:"},
		{"a 1 MB title", func(r *ExportRecord) { r.Title = strings.Repeat("t", 1<<20) }, "title: 1048576 characters, over 300"},
		{"a javascript: URL", func(r *ExportRecord) { r.URL = "javascript:alert(1)" }, "url:"},
		{"a javascript: origin", func(r *ExportRecord) { r.Origins = []skillpulse.Origin{{Source: "acme", URL: "javascript:x"}} }, "origins[0].url"},
		{"negative years", func(r *ExportRecord) { r.Tags.Skills[0].Years = -3 }, "tags.skills[0].years: -3 is outside 0–30"},
		{"absurd years", func(r *ExportRecord) { r.Tags.Years = 900 }, "tags.years: 900 is outside 0–30"},
		{"a skill id with a terminal escape", func(r *ExportRecord) { r.Tags.Skills[0].ID = "terraform\x1b[2J" }, "tags.skills[0].id"},
		{"an unknown skill id", func(r *ExportRecord) { r.Tags.Skills[0].ID = "cobol" }, `unknown skill "cobol"`},
		{"an unknown implied skill", func(r *ExportRecord) {
			r.Tags.Implied = []exportImplied{{ID: "cobol", Level: skillpulse.LevelRequired, Via: []string{"terraform"}}}
		}, `tags.implied[0].id: unknown skill "cobol"`},
		{"implied through an unknown skill", func(r *ExportRecord) {
			r.Tags.Implied = []exportImplied{{ID: "aws", Level: skillpulse.LevelRequired, Via: []string{"terraform", "x\x1b[2J"}}}
		}, "tags.implied[0].via[1]"},
		{"implied through nothing", func(r *ExportRecord) {
			r.Tags.Implied = []exportImplied{{ID: "aws", Level: skillpulse.LevelRequired}}
		}, "tags.implied[0].via"},
		{"a NUL in the native id", func(r *ExportRecord) { r.NativeID = "1\x00" }, "native_id: contains control characters"},
		{"a NUL in the description", func(r *ExportRecord) { r.Description = "a\x00b" }, "description: contains NUL"},
		{"published in 9999", func(r *ExportRecord) { r.Posted = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }, "posted: 9999-12-31T00:00:00Z is outside 2000–2099"},
		{"first seen in 1600", func(r *ExportRecord) { r.FirstSeen = time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC) }, "first_seen: 1600-01-01T00:00:00Z is outside"},
		{"closed before first seen", func(r *ExportRecord) { r.ClosedAt = t0.Add(-time.Hour) }, "closed_at"},
		{"a negative salary", func(r *ExportRecord) { r.Salary = &skillpulse.Salary{Min: -1} }, "salary.min"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := importLine(t, "1", nil) + importLine(t, "2", tt.mod) + importLine(t, "3", nil)
			if _, err := CheckImport(context.Background(), strings.NewReader(in), knownSkills); err == nil || !strings.Contains(err.Error(), "line 2: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CheckImport error = %.300v, want line 2 and %q", err, tt.want)
			}
			for _, imp := range []struct {
				name string
				fn   func(*Store) func(context.Context, io.Reader, func(string) bool) (ImportCounts, error)
			}{
				{"ImportKnown", func(s *Store) func(context.Context, io.Reader, func(string) bool) (ImportCounts, error) {
					return s.ImportKnown
				}},
				// ImportChecked trusts no earlier check: it still writes nothing.
				{"ImportChecked", func(s *Store) func(context.Context, io.Reader, func(string) bool) (ImportCounts, error) {
					return s.ImportChecked
				}},
			} {
				dst := openTest(t, Options{})
				_, err := imp.fn(dst)(context.Background(), strings.NewReader(in), knownSkills)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("%s error = %.300v, want one containing %q", imp.name, err, tt.want)
				}
				if _, n := export(t, dst, FormatJSONL, time.Time{}); n != 0 {
					t.Errorf("a refused %s wrote %d postings", imp.name, n)
				}
			}
		})
	}
}

// The case: thousands of good lines, then one bad one, writes
// nothing — not the batches before it.
func TestImportOfManyGoodLinesAndOneBadWritesNothing(t *testing.T) {
	var b strings.Builder
	for i := range batchSize + 10 {
		b.WriteString(importLine(t, "g"+string(rune('a'+i%26))+strings.Repeat("x", i/26), nil))
	}
	b.WriteString(importLine(t, "bad", func(r *ExportRecord) { r.Source = strings.Repeat("s", 40000) }))
	dst := openTest(t, Options{})
	c, err := dst.Import(context.Background(), strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "line 2511") {
		t.Fatalf("Import = %+v, %.200v; want the bad line refused", c, err)
	}
	if _, n := export(t, dst, FormatJSONL, time.Time{}); n != 0 {
		t.Errorf("the refused import wrote %d postings", n)
	}
}

// A write that fails part-way (here: cancelled between records) leaves
// nothing behind.
func TestImportCancelledWhileWritingWritesNothing(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		b.WriteString(importLine(t, "p"+strings.Repeat("x", i), nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfter{r: strings.NewReader(b.String()), cancel: cancel}
	dst := openTest(t, Options{})
	_, err := dst.Import(ctx, r)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Import error = %v, want cancelled", err)
	}
	if _, n := export(t, dst, FormatJSONL, time.Time{}); n != 0 {
		t.Errorf("a cancelled import wrote %d postings", n)
	}
}

// cancelAfter cancels its context on the first read after a seek back to
// the start, that is, once the write pass has begun.
type cancelAfter struct {
	r      *strings.Reader
	cancel func()
	seeks  int
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.seeks >= 1 {
		c.cancel()
	}
	return c.r.Read(p)
}

func (c *cancelAfter) Seek(off int64, whence int) (int64, error) {
	if whence == io.SeekStart {
		c.seeks++
	}
	return c.r.Seek(off, whence)
}

func TestImportAcceptsAByteOrderMark(t *testing.T) {
	dst := openTest(t, Options{})
	c, err := dst.ImportKnown(context.Background(), strings.NewReader("\xef\xbb\xbf"+importLine(t, "1", nil)), knownSkills)
	if err != nil || c.New != 1 {
		t.Errorf("Import = %+v, %v; want 1 new", c, err)
	}
}

func TestExportCSVNeutralisesFormulas(t *testing.T) {
	s := openTest(t, Options{})
	p := posting("acme", "1", "terraform")
	p.Company = `=HYPERLINK("http://evil.example","Acme")`
	p.Department = "+1+cmd|' /C calc'!A0"
	p.Location = "-2+3"
	p.Salary = &skillpulse.Salary{Min: 1, Currency: "@SUM"}
	p.Title = "\t=1+1 SRE"
	crawl(t, s, t0, map[string][]skillpulse.Posting{"acme": {p}}, []skillpulse.SourceOutcome{{Name: "acme"}})
	out, n := export(t, s, FormatCSV, time.Time{})
	if n != 1 {
		t.Fatalf("exported %d postings", n)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			if _, err := strconv.ParseFloat(cell, 64); err != nil {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
}

// FuzzImportRecord: whatever a line holds, CheckImport must not panic; a
// record it accepts imports, and leaves a store whose check (date order
// included) passes.
func FuzzImportRecord(f *testing.F) {
	f.Add(importLine(f, "1", nil))
	f.Add(importLine(f, "2", func(r *ExportRecord) { r.Posted = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }))
	f.Add(importLine(f, "3", func(r *ExportRecord) { r.Source = strings.Repeat("s", 40000) }))
	f.Add(importLine(f, "4", func(r *ExportRecord) { r.Tags.Skills[0].ID = "aws\x1b[2J"; r.Tags.Years = -1 }))
	f.Add("\xef\xbb\xbf" + importLine(f, "5", func(r *ExportRecord) { r.URL = "javascript:alert(1)" }))
	f.Fuzz(func(t *testing.T, line string) {
		if _, err := CheckImport(context.Background(), strings.NewReader(line), knownSkills); err != nil {
			return
		}
		s := openTest(t, Options{})
		if _, err := s.ImportKnown(context.Background(), strings.NewReader(line), knownSkills); err != nil {
			t.Fatalf("CheckImport accepted what Import refuses: %v", err)
		}
		if res, err := s.Check(context.Background()); err != nil {
			t.Errorf("an accepted import fails db check: %v %q", err, res.Problems)
		}
	})
}
