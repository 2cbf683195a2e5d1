package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/store"
)

// postingsStore is a real store with 230 postings live in 2026-W47 at two
// sources, each naming skills by its description ("skill:level" words),
// some through a child skill (eks implies kubernetes and aws).
func postingsStore(t *testing.T) (*store.Store, []*skillpulse.StoredPosting) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tag := store.TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
		var tags skillpulse.Tags
		for _, f := range strings.Fields(p.Description) {
			id, lv, ok := strings.Cut(f, ":")
			var level skillpulse.Level
			if ok && level.UnmarshalText([]byte(lv)) == nil {
				tags.Mentions = append(tags.Mentions, skillpulse.Mention{SkillID: id, Level: level})
			}
		}
		tags.Seniority = skillpulse.Seniority(len(p.NativeID) % 3)
		return tags
	})
	levels := []string{"required", "preferred", "mentioned"}
	started := w47.Start().Add(27 * time.Hour)
	w, err := st.BeginRun(ctx, started, "")
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []skillpulse.SourceOutcome
	for si, src := range []string{"acme", "globex"} {
		var ps []skillpulse.Posting
		for i := range 115 {
			desc := fmt.Sprintf("terraform:%s linux:%s", levels[i%3], levels[(i/3)%3])
			if i%5 == 0 {
				desc += " eks:" + levels[(i+si)%3]
			}
			ps = append(ps, skillpulse.Posting{Source: src, NativeID: fmt.Sprintf("%s-%d", src, i*7919%1000),
				Title: fmt.Sprintf("SRE %s %d", src, i), Company: []string{"Acme", "Globex", "Initech"}[i%3], URL: fmt.Sprintf("https://example.com/%s/%d", src, i),
				Workplace: skillpulse.Workplace(i % 4), Description: desc})
		}
		if _, err := w.Put(ctx, src, ps, tag); err != nil {
			t.Fatal(err)
		}
		outcomes = append(outcomes, skillpulse.SourceOutcome{Name: src})
	}
	if _, err := w.Finish(ctx, outcomes, started.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var live []*skillpulse.StoredPosting
	if err := st.ForEachLiveTags(ctx, w47.Start(), w47.End(), func(sp *skillpulse.StoredPosting) error {
		live = append(live, sp)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(live) != 230 {
		t.Fatalf("%d postings live, want 230", len(live))
	}
	return st, live
}

// eksTaxonomy is the test taxonomy with eks under kubernetes and aws.
type eksTaxonomy struct{ taxonomy }

func (eksTaxonomy) Lookup(id string) (skillpulse.Skill, bool) {
	switch id {
	case "eks":
		return skillpulse.Skill{ID: "eks", Name: "EKS", Parents: []string{"kubernetes", "aws"}}, true
	case "kubernetes", "aws", "erlang": // erlang: known, named by no test posting
		return skillpulse.Skill{ID: id, Name: id}, true
	}
	return taxonomy{}.Lookup(id)
}

// pageAll follows next until the last page and returns every posting.
func pageAll(t *testing.T, srv *httptest.Server, query string) []map[string]any {
	t.Helper()
	var all []map[string]any
	cursor := ""
	for pages := 0; ; pages++ {
		q := query
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		status, doc := get(t, srv, "/api/v1/postings?"+q)
		if status != 200 {
			t.Fatalf("%s: status %d: %v", q, status, doc)
		}
		for _, p := range doc["postings"].([]any) {
			all = append(all, p.(map[string]any))
		}
		next, ok := doc["next"].(string)
		if !ok {
			return all
		}
		if next == "" || pages > 1000 {
			t.Fatalf("%s: bad next %q after %d pages", q, next, pages)
		}
		cursor = next
	}
}

func TestPostingsPagingReturnsEveryPostingOnce(t *testing.T) {
	st, live := postingsStore(t)
	srv := httptest.NewServer(api.New(api.Options{Store: st, Taxonomy: eksTaxonomy{},
		Now: func() time.Time { return w47.Start().Add(50 * time.Hour) }}))
	defer srv.Close()

	for _, limit := range []int{1, 7, 100, 229, 230, 1000} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			all := pageAll(t, srv, fmt.Sprintf("week=2026-W47&limit=%d", limit))
			seen := map[string]bool{}
			for _, p := range all {
				id := p["id"].(string)
				if seen[id] {
					t.Errorf("posting %s returned twice", id)
				}
				seen[id] = true
			}
			if len(seen) != len(live) {
				t.Errorf("%d distinct postings over the pages, want %d", len(seen), len(live))
			}
		})
	}
	if _, doc := get(t, srv, "/api/v1/postings?week=current"); len(doc["postings"].([]any)) != 100 || doc["next"] == nil {
		t.Errorf("default page: %d postings, next %v; want 100 and a next", len(doc["postings"].([]any)), doc["next"])
	}

	// Each filter against the same predicate worked out from the store.
	named := func(sp *skillpulse.StoredPosting, id string, level skillpulse.Level) bool {
		for _, m := range sp.Tags.Mentions {
			if (m.SkillID == id || id == "kubernetes" && m.SkillID == "eks") && (level == 0 || m.Level == level) {
				return true
			}
		}
		return false
	}
	filters := []struct {
		query string
		want  func(*skillpulse.StoredPosting) bool
	}{
		{"skill=terraform&level=required", func(sp *skillpulse.StoredPosting) bool { return named(sp, "terraform", skillpulse.LevelRequired) }},
		{"skill=kubernetes", func(sp *skillpulse.StoredPosting) bool { return named(sp, "kubernetes", 0) }},
		{"skill=eks&level=preferred", func(sp *skillpulse.StoredPosting) bool { return named(sp, "eks", skillpulse.LevelPreferred) }},
		{"source=globex", func(sp *skillpulse.StoredPosting) bool { return sp.Source == "globex" }},
		{"company=initech", func(sp *skillpulse.StoredPosting) bool { return sp.Company == "Initech" }},
		{"workplace=remote&company=Acme", func(sp *skillpulse.StoredPosting) bool {
			return sp.Workplace == skillpulse.WorkplaceRemote && sp.Company == "Acme"
		}},
		{"seniority=" + skillpulse.Seniority(1).String(), func(sp *skillpulse.StoredPosting) bool { return sp.Tags.Seniority == 1 }},
		{"skill=erlang", func(*skillpulse.StoredPosting) bool { return false }},
	}
	for _, f := range filters {
		t.Run(f.query, func(t *testing.T) {
			var want []string
			for _, sp := range live {
				if f.want(sp) {
					want = append(want, sp.URL)
				}
			}
			var got []string
			for _, p := range pageAll(t, srv, "week=2026-W47&limit=9&"+f.query) {
				got = append(got, p["url"].(string))
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%d postings, want %d", len(got), len(want))
			}
			if f.query != "skill=erlang" && len(want) == 0 {
				t.Error("the filter matches nothing in the test store: it tests nothing")
			}
		})
	}
	// A value outside the OpenAPI document's enum is a typo to be told of,
	// not a filter that matches nothing.
	for _, bad := range []string{"level=urgent", "limit=0", "limit=1001", "cursor=garbage", "week=2026-47",
		"workplace=Remote", "workplace=wfh", "seniority=Senior", "seniority=intern", "skill=kubernetess", "skill=Linux"} {
		if status, doc := get(t, srv, "/api/v1/postings?"+bad); status != 400 || doc["error"] == "" {
			t.Errorf("%s: status %d %v, want 400 with an error", bad, status, doc)
		}
	}
	// An error repeats a few dozen letters of what it refuses, not the
	// whole of a 10 KB value.
	long := strings.Repeat("x", 10_000)
	for _, bad := range []string{"/api/v1/postings?cursor=" + long, "/api/v1/postings?level=" + long,
		"/api/v1/postings/" + long, "/api/v1/skills/" + long} {
		status, doc := get(t, srv, bad)
		if msg, _ := doc["error"].(string); status < 400 || msg == "" || len(msg) > 400 {
			t.Errorf("%.40s…: status %d, error of %d bytes; want an error under 400 bytes", bad, status, len(msg))
		}
	}
	// A cursor of one week is refused for another.
	_, doc := get(t, srv, "/api/v1/postings?week=2026-W47&limit=1")
	if status, _ := get(t, srv, "/api/v1/postings?week=2026-W46&cursor="+url.QueryEscape(doc["next"].(string))); status != 400 {
		t.Errorf("another week's cursor: %d, want 400", status)
	}
}

func TestPostingDetail(t *testing.T) {
	st, live := postingsStore(t)
	srv := httptest.NewServer(api.New(api.Options{Store: st, Taxonomy: eksTaxonomy{},
		Now: func() time.Time { return w47.Start().Add(50 * time.Hour) }}))
	defer srv.Close()
	all := pageAll(t, srv, "week=2026-W47&skill=eks&limit=1000")
	if len(all) == 0 {
		t.Fatal("no posting names eks")
	}
	row := all[0]
	status, d := get(t, srv, "/api/v1/postings/"+row["id"].(string))
	if status != 200 {
		t.Fatalf("detail: %d %v", status, d)
	}
	if d["url"] != row["url"] || !strings.Contains(d["description"].(string), "eks:") {
		t.Errorf("detail %v does not match its row %v", d, row)
	}
	var implied []string
	for _, k := range d["implied"].([]any) {
		implied = append(implied, k.(map[string]any)["id"].(string))
	}
	if !slices.Equal(implied, []string{"kubernetes", "aws"}) {
		t.Errorf("implied skills %v, want kubernetes and aws", implied)
	}
	for _, bad := range []string{"nope", "YWNtZQ", "YWNtZQBub3Bl"} { // not base64 of a key; "acme"; "acme\x00nope"
		if status, doc := get(t, srv, "/api/v1/postings/"+bad); status != 404 || doc["error"] == "" {
			t.Errorf("%s: %d %v, want 404 with an error", bad, status, doc)
		}
	}
	_ = live
}
