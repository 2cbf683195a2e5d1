package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/report"
	"github.com/skillpulse/skillpulse/store"
)

// agreementWeeks is how many weeks of nightly runs the agreement history
// holds.
const agreementWeeks = 7

// jobText is long enough for two listings of one job to be recognised as
// the same text; each listing appends its skills.
const jobText = `We run a large platform for our customers and are hiring an engineer to
keep it reliable. You will automate infrastructure, improve observability,
take part in the on-call rotation, help developers ship safely and write the
runbooks that keep incidents short. We offer a learning budget, flexible
hours and a hybrid office close to the station.`

// agreementTagger reads a posting's "skill:level:years" words back as
// mentions, and its seniority from the title. A named terraform implies
// iac, so that implied credit is counted too.
var agreementTagger = store.TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
	var tags skillpulse.Tags
	for _, f := range strings.Fields(p.Description) {
		var id string
		var level, years int
		if _, err := fmt.Sscanf(strings.ReplaceAll(f, ":", " "), "%s %d %d", &id, &level, &years); err == nil {
			tags.Mentions = append(tags.Mentions, skillpulse.Mention{SkillID: id, Level: skillpulse.Level(level), Years: years})
			if id == "terraform" && len(tags.Implied) == 0 {
				tags.Implied = []skillpulse.Implied{{SkillID: "iac", Level: skillpulse.Level(level), Via: []string{"terraform"}}}
			}
		}
	}
	tags.Seniority = skillpulse.Seniority(len(p.Title) % 5)
	return tags
})

// agreementSkills are the skills the history's postings ask for.
var agreementSkills = []string{"terraform", "linux", "aws", "kubernetes", "go"}

// job is one job as the history lists it.
type job struct {
	title, company string
	skills         string // "skill:level:years" words
	workplace      skillpulse.Workplace
	sources        []string // where it is listed; two or more make a merged posting
}

func (j *job) posting(source, id string) skillpulse.Posting {
	return skillpulse.Posting{
		NativeID: id, Title: j.title, Company: j.company, Location: "Berlin", Workplace: j.workplace,
		URL:         "https://" + source + ".example.com/jobs/" + id,
		Description: jobText + " " + j.skills,
	}
}

// agreementHistory crawls agreementWeeks weeks of nightly runs over three
// sources: jobs open and close, change their skills, are listed by two
// sources at once (and merged), and sources now and then fail or come back
// short, so that postings miss a night without closing. It returns the
// store and the first run's start.
func agreementHistory(t *testing.T) (*store.Store, time.Time) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{Grace: 36 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := rand.New(rand.NewPCG(47, 10))
	sources := []string{"greenhouse", "lever", "board"}
	randSkills := func() string {
		var words []string
		for range 1 + r.IntN(4) {
			words = append(words, fmt.Sprintf("%s:%d:%d", agreementSkills[r.IntN(len(agreementSkills))], 1+r.IntN(3), r.IntN(4)*2))
		}
		return strings.Join(words, " ")
	}
	jobs := map[int]*job{}
	next := 0
	start := w47.Start().Add(-7*24*time.Hour*(agreementWeeks-2) + 3*time.Hour)
	var merged, closed int
	for d := range 7 * agreementWeeks {
		for range 1 + r.IntN(4) { // new jobs
			j := &job{title: fmt.Sprintf("Site Reliability Engineer %d", next), company: "Acme", skills: randSkills(),
				workplace: skillpulse.Workplace(r.IntN(4)), sources: []string{sources[r.IntN(len(sources))]}}
			if r.IntN(3) == 0 { // listed by a second source too
				j.sources = append(j.sources, sources[(slices.Index(sources, j.sources[0])+1)%len(sources)])
			}
			jobs[next] = j
			next++
		}
		ids := slices.Sorted(maps.Keys(jobs)) // draws in a fixed order: the history is the same every time
		for _, id := range ids {
			switch r.IntN(25) {
			case 0:
				delete(jobs, id) // filled: it closes after the grace
			case 1:
				jobs[id].skills = randSkills() // edited
			}
		}
		started := start.Add(time.Duration(d) * 24 * time.Hour)
		w, err := st.BeginRun(ctx, started, "")
		if err != nil {
			t.Fatal(err)
		}
		var outcomes []skillpulse.SourceOutcome
		for _, src := range sources {
			o := skillpulse.SourceOutcome{Name: src}
			if r.IntN(15) == 0 {
				o.Failed = true
				outcomes = append(outcomes, o)
				continue
			}
			var ps []skillpulse.Posting
			for _, id := range slices.Sorted(maps.Keys(jobs)) {
				if j := jobs[id]; slices.Index(j.sources, src) >= 0 && r.IntN(12) != 0 { // missing one night now and then
					ps = append(ps, j.posting(src, fmt.Sprint(id)))
				}
			}
			c, err := w.Put(ctx, src, ps, agreementTagger)
			if err != nil {
				t.Fatal(err)
			}
			merged += c.Merged
			outcomes = append(outcomes, o)
		}
		run, err := w.Finish(ctx, outcomes, started.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range run.Sources {
			closed += o.Closed
		}
	}
	if merged == 0 || closed == 0 {
		t.Fatalf("the history merged %d listings and closed %d postings; it must do both", merged, closed)
	}
	return st, start
}

// agreementTaxonomy knows every skill of the history, and iac, which
// terraform implies.
type agreementTaxonomy struct{}

func (agreementTaxonomy) Lookup(id string) (skillpulse.Skill, bool) {
	return skillpulse.Skill{ID: id, Name: strings.ToUpper(id), Category: skillpulse.CategoryTool}, slices.Index(agreementSkills, id) >= 0 || id == "iac"
}

func (agreementTaxonomy) Skills() []skillpulse.Skill {
	var out []skillpulse.Skill
	for _, id := range append(slices.Clone(agreementSkills), "iac") {
		s, _ := agreementTaxonomy{}.Lookup(id)
		out = append(out, s)
	}
	return out
}

// TestReportAggregatesAndAPIAgreeOnEveryWeek builds a store of seven weeks
// of nightly runs and checks, for every week, that the report, the store's
// weekly aggregate, its daily aggregates and the API give the same number
// for every figure: postings, sources, seniority, workplace, and each
// skill's postings, levels, years, seniority and shares.
func TestReportAggregatesAndAPIAgreeOnEveryWeek(t *testing.T) {
	ctx := context.Background()
	st, start := agreementHistory(t)
	now := start.Add(7 * 24 * time.Hour * agreementWeeks)
	market := []config.MarketArea{{ID: "iac", Name: "IaC", Weight: 0.5, Skills: []string{"terraform", "aws"}}}
	srv := httptest.NewServer(api.New(api.Options{Store: st, Taxonomy: agreementTaxonomy{}, Market: market, Now: func() time.Time { return now }}))
	defer srv.Close()

	first := skillpulse.WeekOf(start)
	weeks := 0
	for w := first.Prev(); !w.Start().After(now); w = skillpulse.WeekOf(w.End()) {
		rep, err := report.Build(ctx, st, agreementTaxonomy{}, report.Options{Week: w, Market: market, Generated: now})
		if err != nil {
			t.Fatal(err)
		}
		agg, err := st.WeekAggregate(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if agg.Postings > 0 {
			weeks++
		}
		reportAgreesWithAggregate(t, w.String(), rep, agg)
		reportAgreesWithItsRecount(t, st, w, market, now, rep)
		seriesAgreesWithAggregates(t, st, rep)
		apiAgreesWithReport(t, srv, w, rep)
		daysAgreeWithWeek(t, st, srv, w, agg)
	}
	if weeks < 6 {
		t.Fatalf("only %d weeks have postings; the test needs at least 6", weeks)
	}
	for _, id := range agreementSkills {
		trendAgreesWithAggregates(t, st, srv, id, agreementWeeks+2)
	}
	weekListAgreesWithAggregates(t, st, srv, agreementWeeks+2)
}

// weekListAgreesWithAggregates checks /weeks: every week listed holds as
// many snapshots as its aggregate folded in, and every week with snapshots
// is listed.
func weekListAgreesWithAggregates(t *testing.T, st *store.Store, srv *httptest.Server, n int) {
	t.Helper()
	var list struct {
		Weeks []api.WeekInfo `json:"weeks"`
	}
	getJSON(t, srv, fmt.Sprintf("/api/v1/weeks?limit=%d", n), &list)
	listed := 0
	for _, wi := range list.Weeks {
		agg, err := st.WeekAggregate(context.Background(), wi.Week)
		if err != nil {
			t.Fatal(err)
		}
		if wi.Snapshots != agg.Snapshots || wi.LiveMax < 1 {
			t.Errorf("/weeks: %s has %d snapshots (live max %d), its aggregate %d", wi.Week, wi.Snapshots, wi.LiveMax, agg.Snapshots)
		}
		listed++
	}
	if listed < agreementWeeks {
		t.Errorf("/weeks lists %d weeks, want the %d with runs", listed, agreementWeeks)
	}
}

// reportAgreesWithItsRecount checks that the report Build makes from the
// store — demand from the week's aggregate, the rest from the postings it
// counts — is the report it makes counting every live posting itself.
func reportAgreesWithItsRecount(t *testing.T, st *store.Store, w skillpulse.Week, market []config.MarketArea, now time.Time, rep *report.Report) {
	t.Helper()
	recount, err := report.Build(context.Background(), walkedStore{st}, agreementTaxonomy{}, report.Options{Week: w, Market: market, Generated: now})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.MarshalIndent(rep, "", " ")
	want, _ := json.MarshalIndent(recount, "", " ")
	if string(got) != string(want) {
		t.Errorf("%s: the report from the aggregate differs from a recount of the postings:\n%s", w, firstLineDiff(string(got), string(want)))
	}
}

// walkedStore shows a report the store's live postings, runs and weekly
// counts but not its aggregates, so that report.Build counts every posting.
type walkedStore struct{ st *store.Store }

func (w walkedStore) ForEachLiveTags(ctx context.Context, from, to time.Time, fn func(*skillpulse.StoredPosting) error) error {
	return w.st.ForEachLiveTags(ctx, from, to, fn)
}

func (w walkedStore) RunsBetween(ctx context.Context, from, to time.Time) ([]skillpulse.Run, error) {
	return w.st.RunsBetween(ctx, from, to)
}

func (w walkedStore) WeeksSkillPostings(ctx context.Context, weeks []skillpulse.Week) ([]int, []map[string]int, error) {
	return w.st.WeeksSkillPostings(ctx, weeks)
}

// firstLineDiff shows where two texts first differ, by line.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

// reportAgreesWithAggregate compares every figure of a week's report with
// the store's aggregate of that week.
func reportAgreesWithAggregate(t *testing.T, where string, rep *report.Report, agg skillpulse.Aggregate) {
	t.Helper()
	if rep.Postings != agg.Postings {
		t.Errorf("%s: report counts %d postings, the aggregate %d", where, rep.Postings, agg.Postings)
	}
	for name, pair := range map[string]struct {
		rep []report.Count
		agg map[string]int
	}{"sources": {rep.Sources, agg.Sources}, "seniority": {rep.Seniority, agg.Seniority}, "workplace": {rep.Workplace, agg.Workplace}} {
		got := map[string]int{}
		for _, c := range pair.rep {
			got[c.Name] = c.Postings
		}
		if !reflect.DeepEqual(got, pair.agg) {
			t.Errorf("%s: %s: report %v, aggregate %v", where, name, got, pair.agg)
		}
	}
	if rep.SkillsTotal != len(agg.Skills) || len(rep.Skills) != len(agg.Skills) {
		t.Errorf("%s: report lists %d skills (of %d), the aggregate %d", where, len(rep.Skills), rep.SkillsTotal, len(agg.Skills))
	}
	for _, d := range rep.Skills {
		sa := agg.Skills[d.ID]
		want := report.SkillDemand{
			ID: d.ID, Name: d.Name, Category: d.Category,
			Postings: sa.Postings, Implied: sa.Implied, Required: sa.Required, Preferred: sa.Preferred, Mentioned: sa.Mentioned,
			Share: report.Share(sa.Postings, agg.Postings), RequiredShare: report.Share(sa.Required, agg.Postings),
			ShareWithImplied: report.Share(sa.Postings+sa.Implied, agg.Postings),
			MedianYears:      sa.MedianYears(), Seniority: sa.Seniority, Change: d.Change,
			// Checked against the aggregates by seriesAgreesWithAggregates,
			// and against a recount by the report's own tests.
			PrevShare: d.PrevShare, PrevShareLow: d.PrevShareLow, PrevShareHigh: d.PrevShareHigh,
			RequiredYears: d.RequiredYears, Series: d.Series,
		}
		want.ShareLow, want.ShareHigh = report.Wilson(sa.Postings, agg.Postings)
		want.RequiredShareLow, want.RequiredShareHigh = report.Wilson(sa.Required, agg.Postings)
		if !reflect.DeepEqual(d, want) {
			t.Errorf("%s: skill %s:\nreport    %+v\naggregate %+v", where, d.ID, d, want)
		}
	}
}

// apiAgreesWithReport checks that the API's week and week-skill answers
// are the report, number for number.
func apiAgreesWithReport(t *testing.T, srv *httptest.Server, w skillpulse.Week, rep *report.Report) {
	t.Helper()
	var got, want any
	getJSON(t, srv, "/api/v1/weeks/"+w.String(), &got)
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("week %s: the API's report differs from report.Build's:\nAPI    %v\nreport %v", w, got, want)
	}
	for _, d := range rep.Skills {
		var row struct {
			Postings int                `json:"postings"`
			Skill    report.SkillDemand `json:"skill"`
		}
		getJSON(t, srv, "/api/v1/weeks/"+w.String()+"/skills/"+d.ID, &row)
		if row.Postings != rep.Postings || row.Skill.Postings != d.Postings || row.Skill.Required != d.Required ||
			row.Skill.Share != d.Share || row.Skill.RequiredShare != d.RequiredShare || row.Skill.MedianYears != d.MedianYears {
			t.Errorf("week %s: the API's %s row %+v (of %d postings), the report's %+v (of %d)", w, d.ID, row.Skill, row.Postings, d, rep.Postings)
		}
	}
}

// daysAgreeWithWeek checks each day of week w: the API's day equals the
// store's daily aggregate, which equals a recount by the demand rule over
// the postings live that day; and the days add up to the week's snapshots
// and never count more postings than the week does. (A day may count more
// postings naming a skill than its week: the week counts a posting edited
// later in the week with its later skills.)
func daysAgreeWithWeek(t *testing.T, st *store.Store, srv *httptest.Server, w skillpulse.Week, week skillpulse.Aggregate) {
	t.Helper()
	ctx := context.Background()
	snapshots := 0
	for day := w.Start(); day.Before(w.End()); day = day.AddDate(0, 0, 1) {
		agg, err := st.DayAggregate(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		snapshots += agg.Snapshots
		want := skillpulse.Aggregate{Day: day.Format(time.DateOnly), Snapshots: agg.Snapshots,
			Sources: map[string]int{}, Seniority: map[string]int{}, Workplace: map[string]int{}, Skills: map[string]skillpulse.SkillAggregate{}}
		if err := st.ForEachLive(ctx, day, day.AddDate(0, 0, 1), func(p *skillpulse.StoredPosting) error {
			d := skillpulse.DemandOf(p.Source, p.Origins, p.Workplace, &p.Tags)
			want.Add(&d, +1)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(agg, want) {
			t.Errorf("day %s:\naggregate %+v\nrecount   %+v", want.Day, agg, want)
		}
		var served skillpulse.Aggregate
		getJSON(t, srv, "/api/v1/days/"+want.Day, &served)
		if !reflect.DeepEqual(served, agg) {
			t.Errorf("day %s: the API serves %+v, the store holds %+v", want.Day, served, agg)
		}
		if agg.Postings > week.Postings {
			t.Errorf("day %s counts %d postings, more than its week's %d", want.Day, agg.Postings, week.Postings)
		}
	}
	if snapshots != week.Snapshots {
		t.Errorf("week %s holds %d snapshots, its days %d", w, week.Snapshots, snapshots)
	}
}

// trendAgreesWithAggregates checks skill id's trend over the last n weeks
// against the weekly aggregates.
func trendAgreesWithAggregates(t *testing.T, st *store.Store, srv *httptest.Server, id string, n int) {
	t.Helper()
	var trend struct {
		Weeks []api.TrendPoint `json:"weeks"`
	}
	getJSON(t, srv, fmt.Sprintf("/api/v1/trends/%s?weeks=%d", id, n), &trend)
	if len(trend.Weeks) != n {
		t.Fatalf("trend of %s: %d points, want %d", id, len(trend.Weeks), n)
	}
	for i, p := range trend.Weeks {
		agg, err := st.WeekAggregate(context.Background(), p.Week)
		if err != nil {
			t.Fatal(err)
		}
		sa := agg.Skills[id]
		want := api.TrendPoint{Week: p.Week, Postings: agg.Postings, SkillPostings: sa.Postings, SkillImplied: sa.Implied,
			Share: report.Share(sa.Postings, agg.Postings), RequiredShare: report.Share(sa.Required, agg.Postings),
			ShareWithImplied: report.Share(sa.Postings+sa.Implied, agg.Postings)}
		if p != want {
			t.Errorf("trend of %s, point %d: %+v, the aggregate gives %+v", id, i, p, want)
		}
	}
}

// getJSON decodes the answer to a GET of path into v; any status but 200
// fails the test.
func getJSON(t *testing.T, srv *httptest.Server, path string, v any) {
	t.Helper()
	if status := fetch(t, srv, path, v); status != http.StatusOK {
		t.Fatalf("%s: status %d", path, status)
	}
}

// seriesAgreesWithAggregates checks every point of every skill's trend in
// a report against the store's aggregate of that point's week, and that
// the series ends with the report's own week and share.
func seriesAgreesWithAggregates(t *testing.T, st *store.Store, rep *report.Report) {
	t.Helper()
	ctx := context.Background()
	for _, d := range rep.Skills {
		if n := len(d.Series); n == 0 || d.Series[n-1].Week != rep.Week || d.Series[n-1].Share != d.Share {
			t.Errorf("%s: %s's series %v does not end with this week's share %v", rep.Week, d.ID, d.Series, d.Share)
			continue
		}
		for _, p := range d.Series {
			agg, err := st.WeekAggregate(ctx, p.Week)
			if err != nil {
				t.Fatal(err)
			}
			if want := report.Share(agg.Skills[d.ID].Postings, agg.Postings); p.Share != want || p.Postings != agg.Skills[d.ID].Postings {
				t.Errorf("%s: %s's series says %s had share %v (%d postings); the aggregate %v (%d)", rep.Week, d.ID, p.Week, p.Share, p.Postings, want, agg.Skills[d.ID].Postings)
			}
		}
	}
}
