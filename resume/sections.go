package resume

import (
	"strings"
	"unicode"
)

// Section is a part of a resume, as its heading names it.
type Section string

const (
	SectionHeader         Section = "header" // before the first heading: name, headline, contact
	SectionSummary        Section = "summary"
	SectionExperience     Section = "experience"
	SectionSkills         Section = "skills"
	SectionTools          Section = "tools"
	SectionCertifications Section = "certifications"
	SectionEducation      Section = "education"
	SectionProjects       Section = "projects"
	SectionOther          Section = "other" // languages, interests, awards, references, ...
)

// headings maps the normalised headings people write to their section.
// Headings are compared after normalise: lower case, "&" read as "and",
// punctuation and Markdown marks dropped.
var headings = map[string]Section{
	"summary": SectionSummary, "professional summary": SectionSummary, "profile": SectionSummary,
	"professional profile": SectionSummary, "about": SectionSummary, "about me": SectionSummary,
	"objective": SectionSummary, "career objective": SectionSummary, "overview": SectionSummary,
	"career summary": SectionSummary, "executive summary": SectionSummary, "summary of qualifications": SectionSummary,

	"experience": SectionExperience, "work experience": SectionExperience, "professional experience": SectionExperience,
	"employment": SectionExperience, "employment history": SectionExperience, "work history": SectionExperience,
	"career history": SectionExperience, "relevant experience": SectionExperience, "experience and employment": SectionExperience,
	"professional background": SectionExperience, "positions held": SectionExperience,

	"skills": SectionSkills, "technical skills": SectionSkills, "core skills": SectionSkills, "key skills": SectionSkills,
	"skills and tools": SectionSkills, "skills and technologies": SectionSkills, "competencies": SectionSkills,
	"core competencies": SectionSkills, "areas of expertise": SectionSkills, "expertise": SectionSkills,
	"skills and expertise": SectionSkills, "technical expertise": SectionSkills, "skill set": SectionSkills,
	"skillset": SectionSkills, "technical proficiencies": SectionSkills, "skills summary": SectionSkills,

	"tools": SectionTools, "technologies": SectionTools, "tools and technologies": SectionTools,
	"tech stack": SectionTools, "technical environment": SectionTools, "software": SectionTools,
	"technology stack": SectionTools, "tooling": SectionTools, "platforms": SectionTools,

	"certifications": SectionCertifications, "certificates": SectionCertifications, "certification": SectionCertifications,
	"licenses and certifications": SectionCertifications, "certifications and licenses": SectionCertifications,
	"professional certifications": SectionCertifications, "accreditations": SectionCertifications,

	"education": SectionEducation, "education and training": SectionEducation, "academic background": SectionEducation,
	"training": SectionEducation, "education and certifications": SectionEducation, "courses": SectionEducation,

	"projects": SectionProjects, "selected projects": SectionProjects, "personal projects": SectionProjects,
	"open source": SectionProjects, "side projects": SectionProjects, "key projects": SectionProjects,

	"languages": SectionOther, "interests": SectionOther, "hobbies": SectionOther, "awards": SectionOther,
	"references": SectionOther, "publications": SectionOther, "volunteering": SectionOther,
	"volunteer experience": SectionOther, "honors and awards": SectionOther, "contact": SectionOther,
}

// heading reports whether line is a section heading and which. A heading
// is a short line that, normalised, is one of the known names; an inline
// label ("Skills: Linux, Bash") is not a heading (see label).
func heading(line string) (Section, bool) {
	if len(line) > 60 {
		return "", false
	}
	s, ok := headings[normalise(line)]
	return s, ok
}

// label reads an inline label that gives its own line a section: "Tools:
// Terraform, Ansible", "Certifications - CKA".
func label(line string) (Section, bool) {
	i := strings.IndexAny(line, ":–—")
	if i <= 0 || i > 40 {
		return "", false
	}
	s, ok := headings[normalise(line[:i])]
	return s, ok
}

func normalise(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r):
			return r
		case unicode.IsSpace(r), r == '-', r == '/':
			return ' '
		}
		return -1
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// Line is one line of a resume with the section it sits in.
type Line struct {
	Text    string
	Section Section
}

// split cuts text into its non-empty lines, each with its section.
func split(text string) []Line {
	var out []Line
	cur := SectionHeader
	for l := range strings.Lines(text) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if s, ok := heading(l); ok {
			cur = s
			out = append(out, Line{Text: l, Section: s})
			continue
		}
		sec := cur
		if s, ok := label(l); ok {
			sec = s
		}
		out = append(out, Line{Text: l, Section: sec})
	}
	return out
}
