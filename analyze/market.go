package analyze

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/skillpulse/skillpulse"
)

// Source is what the analysis reads from the store, read-only; the store
// satisfies it.
type Source interface {
	// ForEachLiveTags calls fn once for every posting live in a complete
	// run's snapshot taken in [from, to), with its tags.
	ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error
	// Runs returns up to limit runs, newest first.
	Runs(ctx context.Context, limit int) ([]skillpulse.Run, error)
}

// Taxonomy resolves skills; extract.Taxonomy satisfies it.
type Taxonomy interface {
	Lookup(id string) (skillpulse.Skill, bool)
	Ancestors(id string) []string
	Umbrella(id string) bool
}

// Market is the demand of a window of weeks: every posting live in a
// complete crawl of the window, counted once with the tags of its latest
// snapshot there.
type Market struct {
	Weeks    []skillpulse.Week
	Postings int
	skills   map[string]*demand
	posts    []post
	// ancestors caches the taxonomy's answer per skill while loading.
	ancestors map[string][]string
}

type demand struct{ postings, required int }

// post is what a match needs of one posting.
type post struct {
	key, title, company, url string
	// closed marks a posting closed since: it counts in the market, but
	// is no match to apply to.
	closed bool
	// asked is what the posting asks for: the specific skills it requires,
	// or, if it requires none, the specific skills it names (umbrellas only
	// when it names nothing more specific).
	asked []string
}

// runsScanned is how many of the newest runs are searched for the newest
// complete one, which ends the window.
const runsScanned = 200

// LoadMarket reads the weeks weeks that end with the week of the store's
// newest complete run (the current week of now when there is none).
func LoadMarket(ctx context.Context, src Source, tax Taxonomy, weeks int, now time.Time) (*Market, error) {
	if weeks < 1 {
		return nil, fmt.Errorf("market: weeks %d: want at least 1", weeks)
	}
	end := skillpulse.WeekOf(now.UTC())
	runs, err := src.Runs(ctx, runsScanned)
	if err != nil {
		return nil, fmt.Errorf("market: %w", err)
	}
	for _, r := range runs {
		if r.Status == skillpulse.RunComplete && !r.Finished.IsZero() {
			end = skillpulse.WeekOf(r.Finished.UTC())
			break
		}
	}
	m := &Market{skills: map[string]*demand{}, ancestors: map[string][]string{}}
	for w, i := end, 0; i < weeks; w, i = w.Prev(), i+1 {
		m.Weeks = append(m.Weeks, w)
	}
	slices.Reverse(m.Weeks)
	from, to := m.Weeks[0].Start(), m.Weeks[len(m.Weeks)-1].End()
	err = src.ForEachLiveTags(ctx, from, to, func(p *skillpulse.StoredPosting) error {
		m.add(p, tax)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("market %s to %s: %w", m.Weeks[0], m.Weeks[len(m.Weeks)-1], err)
	}
	slices.SortFunc(m.posts, func(a, b post) int { return cmp.Compare(a.key, b.key) })
	return m, nil
}

func (m *Market) add(p *skillpulse.StoredPosting, tax Taxonomy) {
	m.Postings++
	// Each mention also counts for its ancestors at its level (eks counts
	// for kubernetes and aws), whether or not the tags already list them.
	levels := make(map[string]skillpulse.Level, len(p.Tags.Mentions))
	for _, mn := range p.Tags.Mentions {
		levels[mn.SkillID] = max(levels[mn.SkillID], mn.Level)
		anc, ok := m.ancestors[mn.SkillID]
		if !ok {
			anc = tax.Ancestors(mn.SkillID)
			m.ancestors[mn.SkillID] = anc
		}
		for _, a := range anc {
			levels[a] = max(levels[a], mn.Level)
		}
	}
	var required, named, broad []string
	for id, l := range levels {
		d := m.skills[id]
		if d == nil {
			d = &demand{}
			m.skills[id] = d
		}
		d.postings++
		if l == skillpulse.LevelRequired {
			d.required++
		}
		switch {
		case tax.Umbrella(id):
			broad = append(broad, id)
		case l == skillpulse.LevelRequired:
			required = append(required, id)
			named = append(named, id)
		default:
			named = append(named, id)
		}
	}
	asked := required
	if len(asked) == 0 {
		asked = named
	}
	if len(asked) == 0 {
		asked = broad
	}
	slices.Sort(asked)
	url := p.URL
	if url == "" && len(p.Origins) > 0 {
		url = p.Origins[0].URL
	}
	m.posts = append(m.posts, post{key: p.Key().String(), title: p.Title, company: p.Company, url: url, asked: asked, closed: !p.ClosedAt.IsZero()})
}

// Share is the fraction of the window's postings that name id.
func (m *Market) Share(id string) float64 { return m.frac(m.count(id).postings) }

// RequiredShare is the fraction of the window's postings that require id.
func (m *Market) RequiredShare(id string) float64 { return m.frac(m.count(id).required) }

func (m *Market) count(id string) demand {
	if d := m.skills[id]; d != nil {
		return *d
	}
	return demand{}
}

func (m *Market) frac(n int) float64 {
	if m.Postings == 0 {
		return 0
	}
	return round(float64(n) / float64(m.Postings))
}
