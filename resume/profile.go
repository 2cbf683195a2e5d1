package resume

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
)

// Skill is a skill a resume names, with the years behind it: the most of
// what the resume states ("9 years of Linux") and the length of the date
// ranges of the roles (or skill entries) it appears in.
type Skill struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Category skillpulse.Category `json:"category"`
	Years    int                 `json:"years,omitempty"`
	// Evidence is the resume sentence the skill was found in, bounded.
	Evidence string `json:"evidence,omitempty"`
}

// Implied is a skill a resume does not name but that the skills it names
// roll up to in the taxonomy (vmware → virtualization).
type Implied struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Via  []string `json:"via"` // the named skills that imply it
	// Years is the most years of any skill it is implied by, or of the
	// roles it was implied in.
	Years int `json:"years,omitempty"`
}

// Role is one position in the Experience section.
type Role struct {
	Title  string   `json:"title"`
	Span   Span     `json:"-"`
	Skills []string `json:"skills,omitempty"` // named or implied in the role's lines
}

// Profile is what a resume shows.
type Profile struct {
	Skills  []Skill   // named, most years first
	Implied []Implied // implied only, by id
	Roles   []Role    // as listed, usually newest first
	// Headline is the role line at the top ("Senior Systems Administrator"),
	// if there is one.
	Headline string
	// Summary is the start of the Summary section, for reading the path.
	Summary  string
	Sections []Section // the sections recognised, in order
	// Years is the union of the date ranges of the roles in computing
	// (a title that reads so, see Parser.techTitle, or lines that name a
	// skill), in whole years: a career changer's years as a cook or a shop
	// manager are not years of this work.
	Years int
	// Seniority is read from the latest role's title, else the headline;
	// when neither says, from Years (see seniorityOf).
	Seniority skillpulse.Seniority
}

// Has reports whether the resume names or implies id.
func (p *Profile) Has(id string) bool { return p.Named(id) || p.implied(id) }

// Named reports whether the resume names id.
func (p *Profile) Named(id string) bool {
	return slices.ContainsFunc(p.Skills, func(s Skill) bool { return s.ID == id })
}

func (p *Profile) implied(id string) bool {
	return slices.ContainsFunc(p.Implied, func(s Implied) bool { return s.ID == id })
}

// Parser reads resumes with one tagger. It is immutable and safe for
// concurrent use.
type Parser struct {
	tagger   *extract.Tagger
	tax      *extract.Taxonomy
	dates    dateRanges
	certs    []certification
	roleWord *regexp.Regexp
	// techTitle tells a role in computing from a career changer's earlier
	// work (a cook's, a shop manager's): a role counts towards
	// Profile.Years when its title reads so or its lines name a skill.
	techTitle *regexp.Regexp
}

// NewParser returns a Parser that tags with tagger and its taxonomy.
func NewParser(tagger *extract.Tagger) *Parser {
	return &Parser{
		tagger: tagger, tax: tagger.Taxonomy(), dates: newDateRanges(), certs: newCertifications(),
		techTitle: regexp.MustCompile(`(?i)\b(?:engineer|engineering|administrator|admin|sysadmin|developer|architect|sre|devops|technician|programmer|it|ict|support|network|systems?|cloud|security|infrastructure|operations|noc|help ?desk|service ?desk|analyst|software|data|platform|release|build)\b`),
		roleWord:  regexp.MustCompile(`(?i)\b(?:engineer|administrator|admin|sysadmin|developer|architect|sre|devops|analyst|technician|specialist|consultant|manager|lead|operator|programmer|associate|intern|director|head of|support|officer)\b`),
	}
}

// Parse reads a resume's text. now is the date "present" stands for.
func (p *Parser) Parse(text string, now time.Time) *Profile {
	now = now.UTC()
	text = dropEmployerBlurbs(text)
	lines := split(text)
	prof := &Profile{}
	for _, l := range lines {
		if len(prof.Sections) == 0 || prof.Sections[len(prof.Sections)-1] != l.Section {
			if l.Section != SectionHeader && !slices.Contains(prof.Sections, l.Section) {
				prof.Sections = append(prof.Sections, l.Section)
			}
		}
	}
	prof.Headline, prof.Summary = p.headline(lines), summary(lines)
	spans := map[string][]Span{}
	prof.Roles = p.roles(lines, now)
	var roleSpans []Span
	for i := range prof.Roles {
		r := &prof.Roles[i]
		if len(r.Skills) > 0 || p.techTitle.MatchString(r.Title) {
			roleSpans = append(roleSpans, r.Span)
		}
		for _, id := range r.Skills {
			spans[id] = append(spans[id], r.Span)
		}
	}
	prof.Years = unionYears(roleSpans)
	prof.Seniority = p.seniorityOf(prof)
	p.inlineSpans(lines, now, spans)
	p.collect(prof, text, lines, spans)
	return prof
}

// headline is the first short line of the header that names a role.
func (p *Parser) headline(lines []Line) string {
	for i, l := range lines {
		if l.Section != SectionHeader || i > 5 {
			break
		}
		if len(l.Text) < 100 && p.roleWord.MatchString(l.Text) {
			return l.Text
		}
	}
	return ""
}

func summary(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		if l.Section == SectionSummary && b.Len() < 600 {
			if _, isHeading := heading(l.Text); !isHeading {
				b.WriteString(l.Text)
				b.WriteByte(' ')
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// inlineSpans credits the date ranges written beside skills outside the
// Experience and Education sections ("Linux (2015–present)", "Terraform
// 2019 – 2023") to the skills of the list item they sit in.
func (p *Parser) inlineSpans(lines []Line, now time.Time, spans map[string][]Span) {
	for _, l := range lines {
		switch l.Section {
		case SectionExperience, SectionEducation, SectionCertifications:
			continue
		}
		for _, item := range strings.FieldsFunc(l.Text, func(r rune) bool { return strings.ContainsRune(",;|•·", r) }) {
			found, _ := p.dates.find(item, now)
			if len(found) == 0 {
				continue
			}
			for _, id := range p.skillsIn(item) {
				spans[id] = append(spans[id], found[0])
			}
		}
	}
}

// collect tags the whole resume and sorts what it found into named and
// implied skills, with their years.
func (p *Parser) collect(prof *Profile, text string, lines []Line, spans map[string][]Span) {
	found := map[string]skillpulse.Mention{}
	for _, m := range p.tagger.TagResume(text).Mentions {
		found[m.SkillID] = m
	}
	certified := map[string]string{} // id → the certification line
	for _, l := range lines {
		for _, id := range certSkills(p.certs, l.Text) {
			if _, ok := p.tax.Lookup(id); ok && certified[id] == "" {
				certified[id] = bound(l.Text)
			}
		}
	}
	lower := strings.ToLower(text)
	named := map[string]bool{}
	for id := range found {
		named[id] = p.namesSkill(lower, id)
	}
	for id, line := range certified {
		if !named[id] {
			named[id] = true
			found[id] = skillpulse.Mention{SkillID: id, Evidence: line}
		}
	}
	// The ancestors of named skills are implied unless named themselves.
	via := map[string][]string{}
	for id := range named {
		if !named[id] {
			continue
		}
		for _, a := range p.tax.Ancestors(id) {
			if !named[a] {
				via[a] = append(via[a], id)
			}
		}
	}
	for id, m := range found {
		stated := m.Years
		if stated > 0 && !p.statedApplies(m.Evidence, id) {
			stated = 0
		}
		years := max(stated, unionYears(spans[id]))
		s, _ := p.tax.Lookup(id)
		if named[id] {
			prof.Skills = append(prof.Skills, Skill{ID: id, Name: s.Name, Category: s.Category, Years: years, Evidence: m.Evidence})
		}
	}
	for id, from := range via {
		s, ok := p.tax.Lookup(id)
		if !ok {
			continue
		}
		slices.Sort(from)
		years := max(found[id].Years, unionYears(spans[id]))
		prof.Implied = append(prof.Implied, Implied{ID: id, Name: s.Name, Via: from, Years: years})
	}
	slices.SortFunc(prof.Skills, func(a, b Skill) int { return cmp.Or(cmp.Compare(b.Years, a.Years), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(prof.Implied, func(a, b Implied) int { return cmp.Compare(a.ID, b.ID) })
}

// namesSkill reports whether the (lower-cased) resume spells out one of
// id's aliases as a word of its own. The tagger has already found id, so
// this only tells a named skill from one credited through a child.
func (p *Parser) namesSkill(lower, id string) bool {
	for _, a := range p.tax.Aliases(id) {
		a = strings.ToLower(a)
		for from := 0; ; {
			i := strings.Index(lower[from:], a)
			if i < 0 {
				break
			}
			i += from
			if wordAt(lower, i, i+len(a)) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

func wordAt(s string, i, j int) bool {
	isWord := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }
	return (i == 0 || !isWord(s[i-1])) && (j >= len(s) || !isWord(s[j]))
}

// bound keeps evidence to 200 runes, as the tagger does.
func bound(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:199]) + "…"
	}
	return s
}
