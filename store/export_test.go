package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// lifecycleHistory adds to randomHistory's three weeks a source whose
// postings close, reopen with new content, and get retired by CloseSource,
// and one posting with every optional field set.
func lifecycleHistory(t *testing.T, s *Store) {
	t.Helper()
	randomHistory(t, s, 3)
	ctx := context.Background()
	one := []skillpulse.SourceOutcome{{Name: "delta"}}
	full := posting("delta", "full", "<p>Kubernetes &amp; Terraform — ✓ \"quoted\"</p>\n<ul><li>AWS</li></ul>")
	full.Department = "Platform"
	full.Updated = day(20).Add(-time.Hour)
	full.Sections = []skillpulse.Section{{Heading: "Requirements", Body: "Linux"}, {Heading: "Nice", Body: "Ansible"}}
	full.Salary = &skillpulse.Salary{Min: 70000.5, Currency: "EUR", Period: "year"}
	back := posting("delta", "back", "terraform")
	crawl(t, s, day(21), map[string][]skillpulse.Posting{"delta": {full, back}}, one)
	crawl(t, s, day(22), map[string][]skillpulse.Posting{"delta": {full}}, one)
	crawl(t, s, day(25), map[string][]skillpulse.Posting{"delta": {full}}, one) // closes "back"
	back.Description = "terraform and kubernetes"
	crawl(t, s, day(26), map[string][]skillpulse.Posting{"delta": {full, back}}, one) // reopens it changed
	if _, err := s.CloseSource(ctx, "gamma", day(27)); err != nil {
		t.Fatal(err)
	}
}

func export(t *testing.T, s *Store, format string, since time.Time) (string, int) {
	t.Helper()
	var buf bytes.Buffer
	n, err := s.Export(context.Background(), &buf, format, since)
	if err != nil {
		t.Fatalf("Export %s: %v", format, err)
	}
	return buf.String(), n
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := openTest(t, Options{})
	lifecycleHistory(t, src)
	path := src.Path()
	src.Close()
	src, err := Open(context.Background(), path, Options{}) // what is exported is what was stored, not memory
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	want, n := export(t, src, FormatJSONL, time.Time{})
	if n < 20 || strings.Count(want, "\n") != n {
		t.Fatalf("exported %d postings in %d lines; want a line per posting and a real history", n, strings.Count(want, "\n"))
	}
	for _, field := range []string{`"closed_at":`, `"origins":[{"source":`, `"sections":[{"heading":"Requirements"`,
		`"salary":{"min":70000.5`, `"tags":{"skills":[{"id":`, `"level":"required"`, `"<p>Kubernetes &amp; Terraform`} {
		if !strings.Contains(want, field) {
			t.Errorf("export has no %s", field)
		}
	}

	dst := openTest(t, Options{})
	c, err := dst.Import(ctx, strings.NewReader(want))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if c != (ImportCounts{New: n}) {
		t.Errorf("first import counts %+v, want all %d new", c, n)
	}
	if got, _ := export(t, dst, FormatJSONL, time.Time{}); got != want {
		t.Errorf("export of the imported store differs from the original:\n%s", firstDiff(got, want))
	}
	if res, err := dst.Check(ctx); err != nil {
		t.Errorf("Check after import: %v %q", err, res.Problems)
	}
	if got, want := keyCount(t, dst, bucketDedup, nil), keyCount(t, src, bucketDedup, nil); got != want {
		t.Errorf("imported postings have %d dedup index entries, the original %d", got, want)
	}

	// Again, from a reader that cannot seek: nothing changes.
	c, err = dst.Import(ctx, struct{ io.Reader }{strings.NewReader(want)})
	if err != nil {
		t.Fatalf("second Import: %v", err)
	}
	if c != (ImportCounts{Unchanged: n}) {
		t.Errorf("second import counts %+v, want all %d unchanged", c, n)
	}
	st, err := dst.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Versions != n {
		t.Errorf("after importing twice the store holds %d versions for %d postings", st.Versions, n)
	}
	if got, _ := export(t, dst, FormatJSONL, time.Time{}); got != want {
		t.Errorf("second import changed the store:\n%s", firstDiff(got, want))
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n got " + a + "\nwant " + b
		}
	}
	return "(no difference)"
}

func TestExportSince(t *testing.T) {
	s := openTest(t, Options{})
	lifecycleHistory(t, s)
	all, _ := export(t, s, FormatJSONL, time.Time{})
	since := day(26)
	got, n := export(t, s, FormatJSONL, since)
	want := 0
	for line := range strings.Lines(all) {
		var r ExportRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if !r.LastSeen.Before(since) || (!r.ClosedAt.IsZero() && !r.ClosedAt.Before(since)) {
			want++
			if !strings.Contains(got, line) {
				t.Errorf("posting %s/%s touched since %s is not exported", r.Source, r.NativeID, since)
			}
		}
	}
	if n != want || n == 0 || n == strings.Count(all, "\n") {
		t.Errorf("exported %d postings since %s, want %d of %d", n, since, want, strings.Count(all, "\n"))
	}
}

func TestExportCSV(t *testing.T) {
	s := openTest(t, Options{})
	lifecycleHistory(t, s)
	out, n := export(t, s, FormatCSV, time.Time{})
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("export is not CSV: %v", err)
	}
	if len(rows) != n+1 || !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("%d rows for %d postings, header %q", len(rows), n, rows[0])
	}
	col := func(name string) int { return slices.Index(csvHeader, name) }
	var full []string
	for _, r := range rows[1:] {
		if r[col("native_id")] == "full" {
			full = r
		}
	}
	if full == nil {
		t.Fatal("posting delta/full is not exported")
	}
	want := map[string]string{
		"skills": "terraform:required;kubernetes:required;aws:required", "salary_min": "70000.5",
		"salary_max": "", "workplace": "hybrid", "seniority": "senior", "closed_at": "", "department": "Platform",
	}
	for k, v := range want {
		if got := full[col(k)]; got != v {
			t.Errorf("column %s = %q, want %q", k, got, v)
		}
	}
	if _, err := s.Export(context.Background(), io.Discard, "xml", time.Time{}); err == nil {
		t.Error("Export in an unknown format succeeded")
	}
}

func TestImportRejectsBadLines(t *testing.T) {
	s := openTest(t, Options{})
	smallHistory(t, s)
	good, _ := export(t, s, FormatJSONL, time.Time{})
	lines := strings.SplitAfter(good, "\n")
	tests := []struct {
		name string
		bad  string
		want string
	}{
		{"not JSON", "{not json\n", "line 2:"},
		{"no native id", `{"source":"acme","first_seen":"2026-11-23T03:00:00Z","last_seen":"2026-11-23T03:00:00Z"}` + "\n", `line 2: "acme"/"": native_id: required`},
		{"native id too long", `{"source":"acme","native_id":"` + strings.Repeat("7", 5000) + `","first_seen":"2026-11-23T03:00:00Z","last_seen":"2026-11-23T03:00:00Z"}` + "\n", "native_id: 5000 characters, over 200"},
		{"unknown level", strings.Replace(lines[0], `"level":"required"`, `"level":"mandatory"`, 1), "line 2:"},
		{"last seen before first", strings.Replace(lines[0], `"last_seen":"2026-11-24`, `"last_seen":"2025-11-24`, 1), "last_seen"},
		{"trailing garbage", strings.TrimSuffix(lines[0], "\n") + " {}\n", "line 2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := openTest(t, Options{})
			in := lines[0] + tt.bad + strings.Join(lines[1:], "")
			_, err := dst.Import(context.Background(), strings.NewReader(in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Import error = %v, want one containing %q", err, tt.want)
			}
			if out, n := export(t, dst, FormatJSONL, time.Time{}); n != 0 {
				t.Errorf("a failed import wrote %d postings:\n%s", n, out)
			}
		})
	}
}

func TestImportMerges(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	one := []skillpulse.SourceOutcome{{Name: "acme"}}
	crawl(t, s, day(5), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "kubernetes")}}, one)
	line, _ := export(t, s, FormatJSONL, time.Time{})
	rec := func(mod func(r *ExportRecord)) string {
		var r ExportRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		mod(&r)
		b, _ := json.Marshal(&r)
		return string(b) + "\n"
	}
	key := skillpulse.PostingKey{Source: "acme", NativeID: "1"}

	// An older record with other content: only first seen and origins move.
	older := rec(func(r *ExportRecord) {
		r.FirstSeen, r.LastSeen, r.Description = day(1), day(2), "ancient"
		r.Origins = append(r.Origins, skillpulse.Origin{Source: "acme", URL: "https://acme.example/old/1"},
			skillpulse.Origin{Source: "mirror", URL: "https://mirror.example/1"}) // a new source: not merged
	})
	if c, err := s.Import(ctx, strings.NewReader(older)); err != nil || c.Updated != 1 {
		t.Fatalf("import older: %+v %v", c, err)
	}
	sp, err := s.Posting(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if !sp.FirstSeen.Equal(day(1)) || !sp.LastSeen.Equal(day(5)) || sp.Description != "kubernetes" || len(sp.Origins) != 2 {
		t.Errorf("after an older record: first %s last %s desc %q origins %v", sp.FirstSeen, sp.LastSeen, sp.Description, sp.Origins)
	}

	// A newer, closed record with other content: it wins.
	newer := rec(func(r *ExportRecord) {
		r.LastSeen, r.ClosedAt, r.ContentSince, r.Description = day(8), day(10), day(8), "kubernetes and aws"
	})
	if c, err := s.Import(ctx, strings.NewReader(newer)); err != nil || c.Updated != 1 {
		t.Fatalf("import newer: %+v %v", c, err)
	}
	if sp, err = s.Posting(ctx, key); err != nil {
		t.Fatal(err)
	}
	if !sp.LastSeen.Equal(day(8)) || !sp.ClosedAt.Equal(day(10)) || sp.Description != "kubernetes and aws" {
		t.Errorf("after a newer record: last %s closed %s desc %q", sp.LastSeen, sp.ClosedAt, sp.Description)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check after merging: %v %q", err, res.Problems)
	}
	if c, err := s.Import(ctx, strings.NewReader(newer+older)); err != nil || c != (ImportCounts{Unchanged: 2}) {
		t.Errorf("re-importing both: %+v %v, want both unchanged", c, err)
	}
}
