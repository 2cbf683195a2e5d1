package resume

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// labelled is one hand-labelled resume of testdata/labelled (see its
// README for the rules the labels follow).
type labelled struct {
	Name      string         `json:"name"`
	Files     []string       `json:"files"`
	Named     []string       `json:"named"`    // skills the resume names
	Optional  []string       `json:"optional"` // named or not, either is right
	Absent    []string       `json:"absent"`   // sense traps: never named
	Years     map[string]int `json:"years"`    // skill → years, where the resume makes them clear
	Total     int            `json:"total"`
	Seniority string         `json:"seniority"` // junior, mid or senior
}

// Floors of the labelled set, measured over every file of every resume.
// Raise them as the reader gets better; never lower them to pass.
const (
	floorPrecision = 0.95
	floorRecall    = 0.95
	floorYears     = 0.90 // share of labelled skill years within a year
	floorTotal     = 0.90 // share of files whose total years are within a year
	floorSeniority = 0.90
)

// score adds up one run over the labelled set.
type score struct {
	tp, fp, fn                  int
	yearsOK, years              int
	totalOK, seniorityOK, files int
	traps                       []string
}

func (s *score) precision() float64 { return float64(s.tp) / float64(max(s.tp+s.fp, 1)) }
func (s *score) recall() float64    { return float64(s.tp) / float64(max(s.tp+s.fn, 1)) }
func (s *score) share(ok, n int) float64 {
	return float64(ok) / float64(max(n, 1))
}

// seniorityBand folds a seniority into the labels' three bands.
func seniorityBand(s skillpulse.Seniority) string {
	switch s {
	case skillpulse.SeniorityJunior:
		return "junior"
	case skillpulse.SeniorityMid:
		return "mid"
	case skillpulse.SeniorityUnknown:
		return "unknown"
	}
	return "senior"
}

// TestLabelledResumesMeetTheFloors reads every file of the labelled set,
// parses it and scores the named skills (precision, recall), the years of
// each labelled skill (within one year), the total years and the
// seniority against the labels, logging every disagreement.
func TestLabelledResumesMeetTheFloors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "labelled", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set []labelled
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatalf("labels.json: %v", err)
	}
	if len(set) < 8 {
		t.Fatalf("%d labelled resumes, want at least 8", len(set))
	}
	p := newTestParser(t)
	var s score
	for _, l := range set {
		for _, f := range l.Files {
			raw, err := os.ReadFile(filepath.Join("testdata", "labelled", f))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadBytes(context.Background(), raw)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			scoreFile(t, &s, l, f, p.Parse(doc.Text, now))
		}
	}
	t.Logf("labelled set: %d files; precision %.3f (%d/%d), recall %.3f (%d/%d), years %.3f (%d/%d), total years %.3f, seniority %.3f",
		s.files, s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn, s.share(s.yearsOK, s.years), s.yearsOK, s.years,
		s.share(s.totalOK, s.files), s.share(s.seniorityOK, s.files))
	for _, check := range []struct {
		what       string
		got, floor float64
	}{
		{"precision", s.precision(), floorPrecision},
		{"recall", s.recall(), floorRecall},
		{"years within one", s.share(s.yearsOK, s.years), floorYears},
		{"total years within one", s.share(s.totalOK, s.files), floorTotal},
		{"seniority", s.share(s.seniorityOK, s.files), floorSeniority},
	} {
		if check.got < check.floor {
			t.Errorf("%s %.3f, below the floor %.2f", check.what, check.got, check.floor)
		}
	}
	if len(s.traps) > 0 {
		t.Errorf("sense traps named as skills: %s", strings.Join(s.traps, "; "))
	}
}

// scoreFile scores one parsed file into s and logs where it disagrees
// with its labels.
func scoreFile(t *testing.T, s *score, l labelled, file string, prof *Profile) {
	t.Helper()
	s.files++
	var fps, fns, off []string
	for _, sk := range prof.Skills {
		switch {
		case slices.Contains(l.Named, sk.ID):
			s.tp++
		case slices.Contains(l.Optional, sk.ID):
		default:
			s.fp++
			fps = append(fps, fmt.Sprintf("%s (%q)", sk.ID, sk.Evidence))
		}
		if slices.Contains(l.Absent, sk.ID) {
			s.traps = append(s.traps, file+": "+sk.ID)
		}
	}
	for _, id := range l.Named {
		if !prof.Named(id) {
			s.fn++
			fns = append(fns, id)
		}
	}
	for id, want := range l.Years {
		s.years++
		got := yearsOf(prof, id)
		if abs(got-want) <= 1 {
			s.yearsOK++
		} else {
			off = append(off, fmt.Sprintf("%s %d (want %d)", id, got, want))
		}
	}
	if abs(prof.Years-l.Total) <= 1 {
		s.totalOK++
	} else {
		off = append(off, fmt.Sprintf("total %d (want %d)", prof.Years, l.Total))
	}
	if got := seniorityBand(prof.Seniority); got == l.Seniority {
		s.seniorityOK++
	} else {
		off = append(off, fmt.Sprintf("seniority %s (want %s)", got, l.Seniority))
	}
	if len(fps)+len(fns)+len(off) > 0 {
		t.Logf("%s:\n  named but not labelled: %s\n  labelled but not named: %s\n  off: %s", file,
			strings.Join(fps, ", "), strings.Join(fns, ", "), strings.Join(off, ", "))
	}
}

// yearsOf is the years the profile gives id, named or implied.
func yearsOf(prof *Profile, id string) int {
	if i := slices.IndexFunc(prof.Skills, func(s Skill) bool { return s.ID == id }); i >= 0 {
		return prof.Skills[i].Years
	}
	if i := slices.IndexFunc(prof.Implied, func(s Implied) bool { return s.ID == id }); i >= 0 {
		return prof.Implied[i].Years
	}
	return 0
}

func abs(n int) int { return max(n, -n) }
