package extract

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/skillpulse/skillpulse"
)

// defaultSkillIndexTSV is the embedded taxonomy's skill index, one skill a
// line: id, name, category, "umbrella" or "", parents joined by commas,
// separated by tabs. TestSkillIndexIsTheEmbeddedTaxonomys writes it from
// taxonomy.yaml (go test ./extract -run SkillIndex -update) and fails while
// the two disagree.
//
//go:embed skillindex.tsv
var defaultSkillIndexTSV string

// SkillIndex names the embedded taxonomy's skills — ids, names,
// categories, parents, umbrellas — without the aliases and rules that
// only tagging needs. Reading it costs a small fraction of parsing the
// taxonomy (a map of a few hundred entries whose strings are the embedded
// text's own), so a command that only names skills it has counted, as a
// report does, starts without parsing the YAML. It answers Lookup and
// Umbrella exactly as the embedded Taxonomy does.
type SkillIndex struct {
	byID map[string]indexedSkill
}

type indexedSkill struct {
	name, category, parents string
	umbrella                bool
}

// DefaultSkillIndex reads the embedded taxonomy's skill index.
func DefaultSkillIndex() (*SkillIndex, error) {
	return parseSkillIndex(defaultSkillIndexTSV)
}

func parseSkillIndex(text string) (*SkillIndex, error) {
	x := &SkillIndex{byID: make(map[string]indexedSkill, strings.Count(text, "\n"))}
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		var f [5]string
		for i := range f[:4] {
			var ok bool
			if f[i], line, ok = strings.Cut(line, "\t"); !ok {
				return nil, fmt.Errorf("skill index line %d: want 5 tab-separated fields", n)
			}
		}
		f[4] = line
		if f[3] != "" && f[3] != "umbrella" || !validID(f[0]) {
			return nil, fmt.Errorf("skill index line %d: malformed skill %q", n, f[0])
		}
		x.byID[f[0]] = indexedSkill{name: f[1], category: f[2], umbrella: f[3] != "", parents: f[4]}
	}
	return x, nil
}

// Lookup returns the skill with the given id.
func (x *SkillIndex) Lookup(id string) (skillpulse.Skill, bool) {
	s, ok := x.byID[id]
	if !ok {
		return skillpulse.Skill{}, false
	}
	sk := skillpulse.Skill{ID: id, Name: s.name, Category: skillpulse.Category(s.category)}
	if s.parents != "" {
		sk.Parents = strings.Split(s.parents, ",")
	}
	return sk, true
}

// Umbrella reports whether id is an umbrella, as Taxonomy.Umbrella does.
func (x *SkillIndex) Umbrella(id string) bool { return x.byID[id].umbrella }

// skillIndexTSV is t's skill index, in the form DefaultSkillIndex reads.
func skillIndexTSV(t *Taxonomy) (string, error) {
	var b strings.Builder
	for _, e := range t.entries {
		fields := []string{e.ID, e.Name, e.Category, "", strings.Join(e.Parents, ",")}
		if e.Umbrella {
			fields[3] = "umbrella"
		}
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\n") {
				return "", fmt.Errorf("skill %q: %q has a tab or a line break, which the index cannot hold", e.ID, f)
			}
		}
		for _, p := range e.Parents {
			if strings.Contains(p, ",") {
				return "", fmt.Errorf("skill %q: parent %q has a comma, which the index cannot hold", e.ID, p)
			}
		}
		b.WriteString(strings.Join(fields, "\t"))
		b.WriteByte('\n')
	}
	return b.String(), nil
}
