package resume

import (
	"regexp"
	"slices"

	"github.com/skillpulse/skillpulse"
)

// Years of experience that make a resume whose titles say no level read as
// mid-level or senior.
const (
	midYears    = 3
	seniorYears = 8
)

// entryLevel matches the titles of roles people start in (a NOC or IT
// technician, a service desk agent): junior whatever their years, short of
// seniorYears.
var entryLevel = regexp.MustCompile(`(?i)\b(?:technician|help ?desk|service ?desk|desktop support|support agent|support analyst|noc operator|operator)\b`)

// seniorityOf reads the level of the latest role's title ("Junior Cloud
// Engineer", "Staff SRE", "Cloud Support Engineer II"), else the
// headline's; a resume whose titles name no level is junior below midYears
// of experience or in an entry-level role (see entryLevel), senior from
// seniorYears, mid between; unknown when it has no dated roles either.
func (p *Parser) seniorityOf(prof *Profile) skillpulse.Seniority {
	roles := slices.Clone(prof.Roles)
	slices.SortStableFunc(roles, func(a, b Role) int { return b.Span.End.Compare(a.Span.End) })
	var titles []string
	if len(roles) > 0 && roles[0].Title != "" {
		titles = append(titles, roles[0].Title)
	}
	titles = append(titles, prof.Headline)
	for _, t := range titles {
		if s := p.tagger.Seniority(t); s != skillpulse.SeniorityUnknown {
			return s
		}
	}
	if len(prof.Roles) == 0 {
		return skillpulse.SeniorityUnknown // no dates to count: no guess
	}
	if entryLevel.MatchString(titles[0]) && prof.Years < seniorYears {
		return skillpulse.SeniorityJunior
	}
	switch {
	case prof.Years >= seniorYears:
		return skillpulse.SenioritySenior
	case prof.Years >= midYears:
		return skillpulse.SeniorityMid
	}
	return skillpulse.SeniorityJunior
}
