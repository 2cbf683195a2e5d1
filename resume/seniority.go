package resume

import (
	"slices"

	"github.com/skillpulse/skillpulse"
)

// Years of experience that make a resume whose titles say no level read as
// mid-level or senior.
const (
	midYears    = 3
	seniorYears = 8
)

// seniorityOf reads the level of the latest role's title ("Junior Cloud
// Engineer", "Staff SRE", "Cloud Support Engineer II"), else the
// headline's; a resume whose titles name no level is junior below midYears
// of experience, senior from seniorYears, mid between.
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
	switch {
	case prof.Years >= seniorYears:
		return skillpulse.SenioritySenior
	case prof.Years >= midYears:
		return skillpulse.SeniorityMid
	}
	return skillpulse.SeniorityJunior
}
