package resume

import (
	"strings"
	"time"
)

// roles finds the positions in the Experience section: a line with a
// date range opens a role, titled by the part of that line that names a
// role ("Senior SRE, Acme — 2019 – present") or else by the line just
// before or after it; the role runs to the next one. A resume with no
// Experience heading is read for such lines everywhere but Education,
// Certifications, Skills and Tools, and there only titled lines open a
// role. Each role's lines are tagged to credit its skills.
func (p *Parser) roles(lines []Line, now time.Time) []Role {
	inExp, hasExp := experienceLines(lines)
	opens := p.openings(lines, inExp, hasExp, now)
	roles := make([]Role, 0, len(opens))
	for k, o := range opens {
		end := len(lines)
		if k+1 < len(opens) {
			end = opens[k+1].start
		}
		var b strings.Builder
		for _, l := range lines[o.start:end] {
			if inExp(l) {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
		}
		roles = append(roles, Role{Title: o.title, Span: o.span, Skills: p.skillsIn(b.String())})
	}
	return roles
}

// experienceLines tells the lines roles are read from: the Experience
// section's, or, in a resume without one, all but those of sections that
// list skills or schooling.
func experienceLines(lines []Line) (inExp func(Line) bool, hasExp bool) {
	inExp = func(l Line) bool { return l.Section == SectionExperience }
	for _, l := range lines {
		hasExp = hasExp || inExp(l)
	}
	if !hasExp {
		inExp = func(l Line) bool {
			return l.Section != SectionEducation && l.Section != SectionCertifications && l.Section != SectionSkills && l.Section != SectionTools
		}
	}
	return inExp, hasExp
}

// opening is where a role starts: the dated line (at), the first of its
// lines (start, the title line above it when the title is there), its
// title and its dates.
type opening struct {
	at, start int
	title     string
	span      Span
}

// openings finds the dated lines that open roles, and their titles.
func (p *Parser) openings(lines []Line, inExp func(Line) bool, hasExp bool, now time.Time) []opening {
	var opens []opening
	for i, l := range lines {
		if !inExp(l) {
			continue
		}
		spans, locs := p.dates.find(l.Text, now)
		if len(spans) == 0 {
			spans, locs = p.dates.single(l.Text, now)
		}
		if len(spans) == 0 {
			continue
		}
		o := opening{at: i, start: i, span: spans[0]}
		o.title = p.titleIn(l.Text[:locs[0][0]] + " " + l.Text[locs[0][1]:])
		// The title is the line above, or the one above that when the
		// employer's line stands between ("Network Administrator" /
		// "Banco Azul, São Paulo" / "May 2018 – Present"); never a line
		// of the role before.
		for back := 1; back <= 2 && o.title == ""; back++ {
			k := i - back
			if k < 0 || !inExp(lines[k]) || len(opens) > 0 && opens[len(opens)-1].at >= k {
				break
			}
			if p.titleLine(lines[k].Text) {
				o.title, o.start = p.titleIn(lines[k].Text), k
			}
		}
		if o.title == "" && i+1 < len(lines) && inExp(lines[i+1]) && p.titleLine(lines[i+1].Text) {
			if s, _ := p.dates.find(lines[i+1].Text, now); len(s) == 0 {
				o.title = p.titleIn(lines[i+1].Text)
			}
		}
		if !hasExp && o.title == "" {
			continue // outside an Experience section only titled lines are roles
		}
		opens = append(opens, o)
	}
	return opens
}

// skillsIn tags text and returns the skills it names, each with its
// ancestors, each once.
func (p *Parser) skillsIn(text string) []string {
	var ids []string
	seen := map[string]bool{}
	for _, m := range p.tagger.TagResume(text).Mentions {
		for _, id := range append([]string{m.SkillID}, p.tax.Ancestors(m.SkillID)...) {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// titleLine reports whether a line could be a job title: short, not a
// bullet, naming a role.
func (p *Parser) titleLine(s string) bool {
	return len(s) < 100 && !strings.HasPrefix(s, "•") && !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "*") && p.roleWord.MatchString(s)
}

// titleIn returns the part of s that names a role, cut at the separators
// people put between title, employer and place.
func (p *Parser) titleIn(s string) string {
	s = strings.NewReplacer("(", " ", ")", " ", "[", " ", "]", " ", "#", " ", "*", " ").Replace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",|•·—–@", r) })
	for _, part := range parts {
		for _, sub := range splitWords(part, " - ", " at ", " At ") {
			sub = strings.Trim(strings.Join(strings.Fields(sub), " "), " -:;.")
			if sub != "" && len(sub) < 80 && p.roleWord.MatchString(sub) {
				return sub
			}
		}
	}
	return ""
}

func splitWords(s string, seps ...string) []string {
	out := []string{s}
	for _, sep := range seps {
		var next []string
		for _, x := range out {
			next = append(next, strings.Split(x, sep)...)
		}
		out = next
	}
	return out
}
