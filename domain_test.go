package skillpulse

import (
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestContentHashCoversWhatReportsShow(t *testing.T) {
	base := Posting{Source: "a", NativeID: "1", Title: "SRE", Description: "<p>Terraform</p>", URL: "https://x.example/1"}
	h := base.ContentHash()
	changes := map[string]func(p *Posting){
		"title":       func(p *Posting) { p.Title = "Senior SRE" },
		"description": func(p *Posting) { p.Description = "<p>Pulumi</p>" },
		"location":    func(p *Posting) { p.Location = "Berlin" },
		"workplace":   func(p *Posting) { p.Workplace = WorkplaceRemote },
		"salary":      func(p *Posting) { p.Salary = &Salary{Min: 100000, Max: 140000, Currency: "EUR", Period: "year"} },
		"section":     func(p *Posting) { p.Sections = []Section{{Heading: "Requirements", Body: "Go"}} },
	}
	for name, change := range changes {
		p := base
		change(&p)
		if p.ContentHash() == h {
			t.Errorf("changing the %s leaves the content hash as it was", name)
		}
	}
	p := base
	p.Updated = time.Now()
	if p.ContentHash() != h {
		t.Error("a new Updated time changed the content hash; it would re-tag unchanged postings")
	}
}

func TestLevelOrderAndText(t *testing.T) {
	if !(LevelRequired > LevelPreferred && LevelPreferred > LevelMentioned) {
		t.Fatal("levels are not ordered by strength")
	}
	for _, l := range []Level{LevelMentioned, LevelPreferred, LevelRequired} {
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		var back Level
		if err := json.Unmarshal(b, &back); err != nil || back != l {
			t.Errorf("%v round-trips to %v (%v)", l, back, err)
		}
	}
	if _, err := ParseLevel("mandatory"); err == nil {
		t.Error(`ParseLevel("mandatory") succeeded`)
	}
}

func TestWeek(t *testing.T) {
	cases := []struct {
		in    string
		start string
		ok    bool
	}{
		{"2026-W47", "2026-11-16", true},
		{"2026-W01", "2025-12-29", true}, // week 1 starts in the previous year
		{"2026-W53", "2026-12-28", true}, // 2026 starts on a Thursday: 53 weeks
		{"2025-W53", "", false},          // 2025 has 52
		{"2020-W53", "2020-12-28", true},
		// Week 52 of 9999 ends in the year 10000, which no JSON date can
		// say: a report of it could never be written.
		{"9999-W51", "9999-12-20", true},
		{"9999-W52", "", false},
		{"2026-47", "", false},
		{"2026-W4", "", false},
	}
	for _, tc := range cases {
		w, err := ParseWeek(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseWeek(%q) error %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok {
			if got := w.Start().Format("2006-01-02"); got != tc.start {
				t.Errorf("%s starts %s, want %s", tc.in, got, tc.start)
			}
			if w.String() != tc.in || WeekOf(w.Start()) != w || WeekOf(w.End().Add(-time.Second)) != w {
				t.Errorf("%s does not round-trip", tc.in)
			}
		}
	}
}

func TestRunStatusAndHealth(t *testing.T) {
	for _, s := range []RunStatus{RunRunning, RunComplete, RunInterrupted} {
		b, _ := s.MarshalText()
		var back RunStatus
		back.UnmarshalText(b)
		if back != s {
			t.Errorf("%v round-trips to %v", s, back)
		}
	}
	o := SourceOutcome{Truncated: true}
	if o.Healthy() || o.Broken() {
		t.Error("a truncated source must close nothing yet not fail the run")
	}
}

// TestContentHashChunked checks ContentHash against the plain definition
// it implements in chunks: every field's bytes and a NUL after each.
func TestContentHashChunked(t *testing.T) {
	p := Posting{Title: "SRE", Company: "Acme", Location: "Berlin", URL: "https://example.com/1",
		Description: strings.Repeat("Kubernetes, Terraform and AWS. ", 100),
		Salary:      &Salary{Min: 1, Max: 2, Currency: "EUR", Period: "year"},
		Sections:    []Section{{Heading: "Requirements", Body: strings.Repeat("x", 1025)}}}
	h := sha256.New()
	for _, s := range []string{p.Title, p.Company, p.Location, p.Department, p.Workplace.String(), p.URL,
		"1-2 EUR/year", p.Description, "Requirements", p.Sections[0].Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var want Hash
	h.Sum(want[:0])
	if got := p.ContentHash(); got != want {
		t.Errorf("ContentHash = %s, want %s", got, want)
	}
}
