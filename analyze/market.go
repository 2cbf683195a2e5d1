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
// snapshot there, by the domain's demand rule (skillpulse.DemandOf and
// Aggregate.Add), as reports count.
type Market struct {
	Weeks    []skillpulse.Week
	Postings int
	agg      skillpulse.Aggregate
	posts    []post
}

// post is what a match needs of one posting.
type post struct {
	key, title, company, url string
	// closed marks a posting closed since: it counts in the market, but
	// is no match to apply to.
	closed bool
	// seniority is the level the posting's title asks for.
	seniority skillpulse.Seniority
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
	m := &Market{}
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
	d := skillpulse.DemandOf(p.Source, p.Origins, p.Workplace, &p.Tags)
	m.agg.Add(&d, 1)
	m.Postings = m.agg.Postings
	var required, named, broad []string
	for _, c := range d.Skills {
		switch {
		case c.Implied:
			// Credit through a more specific skill is not asked for itself.
		case tax.Umbrella(c.ID):
			broad = append(broad, c.ID)
		case c.Level == skillpulse.LevelRequired:
			required = append(required, c.ID)
			named = append(named, c.ID)
		default:
			named = append(named, c.ID)
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
	m.posts = append(m.posts, post{key: p.Key().String(), title: p.Title, company: p.Company, url: url, asked: asked, closed: !p.ClosedAt.IsZero(), seniority: p.Tags.Seniority})
}

// Share is the fraction of the window's postings that name id.
func (m *Market) Share(id string) float64 { return m.frac(m.agg.Skills[id].Postings) }

// RequiredShare is the fraction of the window's postings that require id.
func (m *Market) RequiredShare(id string) float64 { return m.frac(m.agg.Skills[id].Required) }

// named lists the skills some posting of the window names.
func (m *Market) named() []string {
	ids := make([]string, 0, len(m.agg.Skills))
	for id, s := range m.agg.Skills {
		if s.Postings > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

func (m *Market) frac(n int) float64 {
	if m.Postings == 0 {
		return 0
	}
	return round(float64(n) / float64(m.Postings))
}
