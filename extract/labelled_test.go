package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"go.yaml.in/yaml/v3"
)

// labelled is one hand-labelled posting from testdata/labelled (the
// labelling rules are in testdata/labelled/RULES.md).
type labelled struct {
	File        string `yaml:"-"`
	Style       string `yaml:"style"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Sections    []struct {
		Heading string `yaml:"heading"`
		Body    string `yaml:"body"`
	} `yaml:"sections"`
	Gold struct {
		Years  int `yaml:"years"`
		Skills []struct {
			ID    string `yaml:"id"`
			Level string `yaml:"level"`
			Years int    `yaml:"years"`
		} `yaml:"skills"`
	} `yaml:"gold"`
}

func (l *labelled) posting() *skillpulse.Posting {
	p := &skillpulse.Posting{Title: l.Title, Description: l.Description}
	for _, s := range l.Sections {
		p.Sections = append(p.Sections, skillpulse.Section{Heading: s.Heading, Body: s.Body})
	}
	return p
}

func loadLabelled(tb testing.TB) []labelled {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "labelled", "*.yaml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no labelled postings: %v", err)
	}
	var out []labelled
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var l labelled
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&l); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		l.File = filepath.Base(f)
		out = append(out, l)
	}
	return out
}

// goldMentions closes the gold labels over the taxonomy's parents the way
// the tagger gives implied credit: an ancestor not labelled itself takes
// the strongest level of its labelled descendants and the most years; one
// labelled keeps its own.
func goldMentions(tb testing.TB, tx *Taxonomy, l *labelled) map[string]skillpulse.Mention {
	tb.Helper()
	out := map[string]skillpulse.Mention{}
	for _, s := range l.Gold.Skills {
		if _, ok := tx.Lookup(s.ID); !ok {
			tb.Fatalf("%s: gold skill %q is not in the taxonomy", l.File, s.ID)
		}
		lvl, err := skillpulse.ParseLevel(s.Level)
		if err != nil {
			tb.Fatalf("%s: %s: %v", l.File, s.ID, err)
		}
		if _, dup := out[s.ID]; dup && out[s.ID].Level >= lvl {
			continue
		}
		out[s.ID] = skillpulse.Mention{SkillID: s.ID, Level: max(out[s.ID].Level, lvl), Years: s.Years}
	}
	direct := make([]skillpulse.Mention, 0, len(out))
	for _, m := range out {
		direct = append(direct, m)
	}
	for _, m := range direct {
		for _, a := range tx.Ancestors(m.SkillID) {
			if slices.ContainsFunc(direct, func(d skillpulse.Mention) bool { return d.SkillID == a }) {
				continue
			}
			cur := out[a]
			cur.SkillID = a
			cur.Level = max(cur.Level, m.Level)
			cur.Years = max(cur.Years, m.Years)
			out[a] = cur
		}
	}
	return out
}

// credit is every skill the tags give credit to, named or implied, as
// mentions; an implied skill has the most years of the named skills it
// comes through, as the labels close years over parents.
func credit(tags skillpulse.Tags) map[string]skillpulse.Mention {
	out := map[string]skillpulse.Mention{}
	for _, m := range tags.Mentions {
		out[m.SkillID] = m
	}
	for _, im := range tags.Implied {
		m := skillpulse.Mention{SkillID: im.SkillID, Level: im.Level}
		for _, v := range im.Via {
			m.Years = max(m.Years, out[v].Years)
		}
		out[im.SkillID] = m
	}
	return out
}

// scores counts agreement over (posting, skill) pairs. The pairs include
// roll-ups on both sides, which a reader of the tags sees too; the test
// also repeats the count without umbrella ids, whose roll-up is nearly
// free.
type scores struct {
	tp, fp, fn, levelOK, yearsOK, roleYearsOK, postings int
	errors                                              []string
}

func (s *scores) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s *scores) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }
func (s *scores) levelAcc() float64  { return float64(s.levelOK) / float64(max(1, s.tp)) }
func (s *scores) yearsAcc() float64  { return float64(s.yearsOK) / float64(max(1, s.tp)) }

func evaluate(tb testing.TB, g *Tagger, set []labelled) *scores {
	return evaluateFiltered(tb, g, set, func(string) bool { return true })
}

func evaluateFiltered(tb testing.TB, g *Tagger, set []labelled, keep func(id string) bool) *scores {
	var s scores
	for i := range set {
		l := &set[i]
		gold := goldMentions(tb, g.Taxonomy(), l)
		tags := g.Tag(l.posting())
		s.postings++
		if tags.Years == l.Gold.Years {
			s.roleYearsOK++
		} else {
			s.errors = append(s.errors, fmt.Sprintf("%s: role years %d, gold %d", l.File, tags.Years, l.Gold.Years))
		}
		got := map[string]skillpulse.Mention{}
		for id, m := range credit(tags) {
			if keep(id) {
				got[id] = m
			}
		}
		for id := range gold {
			if !keep(id) {
				delete(gold, id)
			}
		}
		for id, m := range got {
			gm, ok := gold[id]
			if !ok {
				s.fp++
				s.errors = append(s.errors, fmt.Sprintf("%s: FP %s (%v) in %q", l.File, id, m.Level, m.Evidence))
				continue
			}
			s.tp++
			if gm.Level == m.Level {
				s.levelOK++
			} else {
				s.errors = append(s.errors, fmt.Sprintf("%s: LEVEL %s %v, gold %v: %q", l.File, id, m.Level, gm.Level, m.Evidence))
			}
			if gm.Years == m.Years {
				s.yearsOK++
			} else {
				s.errors = append(s.errors, fmt.Sprintf("%s: YEARS %s %d, gold %d: %q", l.File, id, m.Years, gm.Years, m.Evidence))
			}
		}
		for id, gm := range gold {
			if _, ok := got[id]; !ok {
				s.fn++
				s.errors = append(s.errors, fmt.Sprintf("%s: FN %s (%v)", l.File, id, gm.Level))
			}
		}
	}
	sort.Strings(s.errors)
	return &s
}

// Floors sit just under what the tagger reaches on the set; a change that
// lowers a figure below its floor fails the test and should be looked at
// (run with -v to see every disagreement).
const (
	floorPrecision = 0.99
	floorRecall    = 0.97
	floorLevelAcc  = 0.98
)

func TestLabelledSet(t *testing.T) {
	g := newTestTagger(t)
	set := loadLabelled(t)
	if len(set) < 20 {
		t.Errorf("labelled set has %d postings, want ≥ 20", len(set))
	}
	var dev, holdout, blind, blind3, blind4 []labelled
	for _, l := range set {
		switch {
		case strings.HasPrefix(l.File, "h"):
			holdout = append(holdout, l)
		case strings.HasPrefix(l.File, "b"):
			blind = append(blind, l)
		case strings.HasPrefix(l.File, "c"):
			blind3 = append(blind3, l)
		case strings.HasPrefix(l.File, "d"):
			blind4 = append(blind4, l)
		default:
			dev = append(dev, l)
		}
	}
	report := func(name string, s *scores) {
		t.Logf("%s: %d postings: precision %.3f recall %.3f (tp %d fp %d fn %d) level accuracy %.3f years accuracy %.3f role years %d/%d",
			name, s.postings, s.precision(), s.recall(), s.tp, s.fp, s.fn, s.levelAcc(), s.yearsAcc(), s.roleYearsOK, s.postings)
	}
	s := evaluate(t, g, set)
	for _, e := range s.errors {
		t.Log(e)
	}
	report("development", evaluate(t, g, dev))
	report("hold-out 1", evaluate(t, g, holdout))
	report("hold-out 2", evaluate(t, g, blind))
	report("hold-out 3", evaluate(t, g, blind3))
	report("hold-out 4", evaluate(t, g, blind4))
	report("all", s)
	report("all, umbrellas excluded", evaluateFiltered(t, g, set, func(id string) bool { return !g.Taxonomy().Umbrella(id) }))
	if s.precision() < floorPrecision {
		t.Errorf("precision %.3f below floor %.2f", s.precision(), floorPrecision)
	}
	if s.recall() < floorRecall {
		t.Errorf("recall %.3f below floor %.2f", s.recall(), floorRecall)
	}
	if s.levelAcc() < floorLevelAcc {
		t.Errorf("level accuracy %.3f below floor %.2f", s.levelAcc(), floorLevelAcc)
	}
}
