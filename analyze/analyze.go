package analyze

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/resume"
)

// Result is a resume set against the market. Its JSON form is read by
// other tools: add fields, rename none.
type Result struct {
	Weeks     []skillpulse.Week `json:"weeks"`
	Postings  int               `json:"postings"`
	Skills    []resume.Skill    `json:"skills"`
	Implied   []resume.Implied  `json:"implied"`
	Path      Path              `json:"path"`
	Strengths []Strength        `json:"strengths"`
	Gaps      []Gap             `json:"gaps"`
	// Coverage is the share of the window's postings the resume covers:
	// those for which it names or implies at least CoverThreshold of the
	// skills the posting asks for (see post.asked).
	Coverage float64 `json:"coverage"`
	Matches  []Match `json:"matches"`
	// Years is the resume's years of experience, from its roles' dates.
	Years int `json:"years,omitempty"`
	// Seniority is the resume's level: from the latest title, else the
	// headline, else its years (see resume.Profile.Seniority).
	Seniority skillpulse.Seniority `json:"seniority"`
}

// Strength is a resume skill the market asks for.
type Strength struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Share         float64 `json:"share"`          // of the window's postings naming it
	RequiredShare float64 `json:"required_share"` // requiring it
	Weight        float64 `json:"weight"`         // market weight of its area; 0 outside the weighting
	Years         int     `json:"years,omitempty"`
}

// Gap is a market skill the resume neither names nor implies.
type Gap struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Share         float64 `json:"share"`
	RequiredShare float64 `json:"required_share"`
	Weight        float64 `json:"weight"` // the area's weight as it counts for this skill (see Impact)
	Impact        float64 `json:"impact"`
	Known         bool    `json:"known_gap,omitempty"` // the article names it as the path's gap
	Why           string  `json:"why"`
}

// Match is a live posting the resume fits, with what it lacks.
type Match struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Company string   `json:"company"`
	URL     string   `json:"url"`
	Covered float64  `json:"covered"` // share of the posting's asked skills the resume has
	Missing []string `json:"missing"`
}

// CoverThreshold is the share of a posting's asked skills a resume must
// have to cover it.
const CoverThreshold = 0.7

// KnownGapBoost multiplies the impact of a skill in the path's known gap.
const KnownGapBoost = 1.25

// maxMissing bounds the skills listed as missing per match.
const maxMissing = 8

// Options shape an analysis.
type Options struct {
	Market []config.MarketArea
	// Top bounds strengths, gaps and matches (0: 10 each).
	Top int
}

// DefaultTop is how many strengths, gaps and matches are listed when
// Options.Top is 0.
const DefaultTop = 10

// Analyze sets prof against m.
func Analyze(prof *resume.Profile, m *Market, tax Taxonomy, opts Options) *Result {
	top := cmp.Or(opts.Top, DefaultTop)
	r := &Result{
		Weeks: m.Weeks, Postings: m.Postings, Skills: prof.Skills, Implied: prof.Implied, Years: prof.Years, Seniority: prof.Seniority,
		Strengths: []Strength{}, Gaps: []Gap{}, Matches: []Match{},
	}
	if r.Skills == nil {
		r.Skills = []resume.Skill{}
	}
	if r.Implied == nil {
		r.Implied = []resume.Implied{}
	}
	path, def := detectPath(paths(), prof)
	r.Path = path
	have, thin := skillSet(prof, def)
	a := areas{m: m, list: opts.Market}
	r.Strengths = strengths(prof, have, m, tax, a, top)
	r.Gaps = gaps(have, thin, m, tax, a, def, top)
	r.Coverage, r.Matches = matches(have, prof.Seniority, m, top)
	return r
}

// skillSet is every id the resume names or implies, but for the path's
// known gap: there a skill implied through one named skill alone (a backend
// engineer's networking, implied by HTTP) is thin evidence against what the
// article says the path lacks, so it still counts as a gap. thin maps such
// skills to the skill that implied them.
func skillSet(prof *resume.Profile, def *pathDef) (have map[string]bool, thin map[string]string) {
	have = make(map[string]bool, len(prof.Skills)+len(prof.Implied))
	thin = map[string]string{}
	for _, s := range prof.Skills {
		have[s.ID] = true
	}
	for _, s := range prof.Implied {
		if def != nil && slices.Contains(def.gap, s.ID) && len(s.Via) < 2 {
			thin[s.ID] = strings.Join(s.Via, ", ")
			continue
		}
		have[s.ID] = true
	}
	return have, thin
}

// areas answers which market areas list a skill.
type areas struct {
	m    *Market
	list []config.MarketArea
}

// of returns the areas that list id directly.
func (a areas) of(id string) []config.MarketArea {
	var out []config.MarketArea
	for _, x := range a.list {
		if slices.Contains(x.Skills, id) {
			out = append(out, x)
		}
	}
	return out
}

// weight is the weight of the heaviest area that lists id, 0 if none does.
func (a areas) weight(id string) float64 {
	w := 0.0
	for _, x := range a.of(id) {
		w = max(w, x.Weight)
	}
	return w
}

// gapWeight is the weight an area gives a skill the resume lacks: the
// area's weight in full for its most-named skill and in proportion to
// their shares for the others (GCP beside AWS), halved when the resume
// already has another of the area's skills (one cloud provider answers
// most of the need). The heaviest such area counts.
func (a areas) gapWeight(id string, have map[string]bool) (float64, *config.MarketArea) {
	best, bestArea := 0.0, (*config.MarketArea)(nil)
	for _, x := range a.of(id) {
		top := 0.0
		covered := false
		for _, s := range x.Skills {
			top = max(top, a.m.Share(s))
			covered = covered || (s != id && have[s])
		}
		w := x.Weight
		if top > 0 {
			w *= a.m.Share(id) / top
		}
		if covered {
			w /= 2
		}
		if w > best {
			best, bestArea = w, &x
		}
	}
	return round(best), bestArea
}

// listed reports whether a skill belongs in strengths and gaps: umbrellas
// (cloud, os, iac) only when the market weighting names them.
func listed(id string, tax Taxonomy, a areas) bool {
	return !tax.Umbrella(id) || len(a.of(id)) > 0
}

func strengths(prof *resume.Profile, have map[string]bool, m *Market, tax Taxonomy, a areas, top int) []Strength {
	out := []Strength{}
	add := func(id, name string, years int) {
		if !have[id] || m.Share(id) == 0 || !listed(id, tax, a) {
			return
		}
		out = append(out, Strength{ID: id, Name: name, Share: m.Share(id), RequiredShare: m.RequiredShare(id), Weight: a.weight(id), Years: years})
	}
	for _, s := range prof.Skills {
		add(s.ID, s.Name, s.Years)
	}
	for _, s := range prof.Implied {
		add(s.ID, s.Name, s.Years)
	}
	slices.SortFunc(out, func(x, y Strength) int {
		return cmp.Or(cmp.Compare(y.Share, x.Share), cmp.Compare(y.RequiredShare, x.RequiredShare), cmp.Compare(x.ID, y.ID))
	})
	return out[:min(len(out), top)]
}

// gaps lists the market skills the resume lacks by impact:
//
//	impact = min(1, (required_share + weight) / 2 × boost)
//
// required_share is the share of the window's postings that require the
// skill; weight is gapWeight (0 for a skill outside the market weighting);
// boost is KnownGapBoost for the path's known gap, else 1.
func gaps(have map[string]bool, thin map[string]string, m *Market, tax Taxonomy, a areas, def *pathDef, top int) []Gap {
	candidates := map[string]bool{}
	for _, id := range m.named() {
		candidates[id] = true
	}
	for _, x := range a.list {
		for _, id := range x.Skills {
			candidates[id] = true
		}
	}
	out := []Gap{}
	for id := range candidates {
		if have[id] || !listed(id, tax, a) {
			continue
		}
		s, ok := tax.Lookup(id)
		if !ok {
			continue
		}
		g := Gap{ID: id, Name: s.Name, Share: m.Share(id), RequiredShare: m.RequiredShare(id)}
		var area *config.MarketArea
		g.Weight, area = a.gapWeight(id, have)
		boost := 1.0
		if def != nil && slices.Contains(def.gap, id) {
			boost, g.Known = KnownGapBoost, true
		}
		g.Impact = round(min(1, (g.RequiredShare+g.Weight)/2*boost))
		if g.Impact == 0 {
			continue
		}
		g.Why = gapWhy(g, area, def, thin[id])
		out = append(out, g)
	}
	slices.SortFunc(out, func(x, y Gap) int {
		return cmp.Or(cmp.Compare(y.Impact, x.Impact), cmp.Compare(y.Share, x.Share), cmp.Compare(x.ID, y.ID))
	})
	return out[:min(len(out), top)]
}

func gapWhy(g Gap, area *config.MarketArea, def *pathDef, thinVia string) string {
	parts := []string{fmt.Sprintf("required by %s of postings, named by %s", pct(g.RequiredShare), pct(g.Share))}
	if area != nil {
		parts = append(parts, fmt.Sprintf("%s weighs %.2f: %s", area.Name, area.Weight, strings.TrimSuffix(area.Reason, ".")))
	}
	if g.Known {
		parts = append(parts, "the known gap on this path: "+def.gapWhy)
	}
	if thinVia != "" {
		parts = append(parts, "the resume implies it only through "+thinVia)
	}
	return strings.Join(parts, "; ")
}

// matches ranks the window's postings by fit and computes coverage over
// those that ask for anything. Fit is the skills the resume has of those a
// posting asks for, over their number plus two (FitPrior): a posting that
// asks for one skill says little about fit, so having 6 of 7 ranks above
// having 1 of 1. Covered, as reported, is the plain share. A posting two
// levels from the resume's seniority (a junior opening for a staff
// engineer, a senior one for a junior) ranks after every other, since it
// is no real match whatever the skills.
func matches(have map[string]bool, level skillpulse.Seniority, m *Market, top int) (float64, []Match) {
	type scored struct {
		p       *post
		apart   bool // two levels from the resume's
		fit     float64
		covered float64
		missing []string
	}
	var all []scored
	covering := 0
	for i := range m.posts {
		p := &m.posts[i]
		if len(p.asked) == 0 {
			continue
		}
		var missing []string
		for _, id := range p.asked {
			if !have[id] {
				missing = append(missing, id)
			}
		}
		got := len(p.asked) - len(missing)
		c := float64(got) / float64(len(p.asked))
		if c >= CoverThreshold {
			covering++
		}
		slices.SortStableFunc(missing, func(x, y string) int { return cmp.Compare(m.Share(y), m.Share(x)) })
		all = append(all, scored{p, levelsApart(level, p.seniority), float64(got) / float64(len(p.asked)+FitPrior), round(c), missing})
	}
	slices.SortStableFunc(all, func(x, y scored) int {
		return cmp.Or(compareBool(x.apart, y.apart), cmp.Compare(y.fit, x.fit), cmp.Compare(y.covered, x.covered), cmp.Compare(len(y.p.asked), len(x.p.asked)))
	})
	coverage := 0.0
	if len(all) > 0 {
		coverage = round(float64(covering) / float64(len(all)))
	}
	// Closed postings count in coverage, but are no match to apply to.
	all = slices.DeleteFunc(all, func(s scored) bool { return s.p.closed })
	out := []Match{}
	for _, s := range all[:min(len(all), top)] {
		missing := s.missing[:min(len(s.missing), maxMissing)]
		if missing == nil {
			missing = []string{}
		}
		out = append(out, Match{ID: s.p.key, Title: s.p.title, Company: s.p.company, URL: s.p.url, Covered: s.covered, Missing: missing})
	}
	return coverage, out
}

// band folds a seniority into junior (0), mid (1) and senior or above
// (2); -1 when unknown.
func band(s skillpulse.Seniority) int {
	switch s {
	case skillpulse.SeniorityUnknown:
		return -1
	case skillpulse.SeniorityJunior:
		return 0
	case skillpulse.SeniorityMid:
		return 1
	}
	return 2
}

// levelsApart reports whether a resume and a posting, both of a known
// level, stand two bands apart.
func levelsApart(a, b skillpulse.Seniority) bool {
	x, y := band(a), band(b)
	return x >= 0 && y >= 0 && max(x-y, y-x) >= 2
}

// compareBool orders false before true, as cmp.Compare orders numbers.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// FitPrior is added to the number of skills a posting asks for when
// ranking matches, so that postings asking for very little do not rank
// first merely for being easy to cover.
const FitPrior = 2

// round keeps four decimals, as reports do.
func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }
