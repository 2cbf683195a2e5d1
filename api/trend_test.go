package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/api"
	"github.com/skillpulse/skillpulse/store"
)

// TestTrendAgreesWithWeeklyReports serves a real store holding three weeks
// of nightly runs, with postings that come, go and change their skills, and
// checks that every trend point, read from the store's weekly aggregates,
// equals what that week's report says of the skill.
func TestTrendAgreesWithWeeklyReports(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sp.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// A posting's description lists "skill:level" words; the tagger reads
	// them back.
	tag := store.TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
		var tags skillpulse.Tags
		for _, f := range strings.Fields(p.Description) {
			var id string
			var level int
			if _, err := fmt.Sscanf(strings.Replace(f, ":", " ", 1), "%s %d", &id, &level); err == nil {
				tags.Mentions = append(tags.Mentions, skillpulse.Mention{SkillID: id, Level: skillpulse.Level(level)})
			}
		}
		return tags
	})
	start := w47.Start().Add(-14*24*time.Hour + 3*time.Hour) // 2026-W45, 03:00
	for d := range 21 {
		var ps []skillpulse.Posting
		for i := range 12 {
			if (i+d)%7 == 0 { // each posting is away one night in seven
				continue
			}
			desc := "terraform:3 linux:2"
			switch {
			case i%3 == 0:
				desc = "terraform:2 aws:3"
			case i%4 == 0 && d > 9:
				desc = "linux:1 aws:3" // changed in the second week
			}
			ps = append(ps, skillpulse.Posting{NativeID: fmt.Sprint(i), Title: "SRE", URL: fmt.Sprintf("https://example.com/%d", i), Description: desc})
		}
		crawlNight(t, st, start.Add(time.Duration(d)*24*time.Hour), "acme", ps, tag)
	}
	srv := httptest.NewServer(api.New(api.Options{
		Store: st, Taxonomy: taxonomy{},
		Now: func() time.Time { return w47.Start().Add(50 * time.Hour) },
	}))
	defer srv.Close()

	for _, skill := range []string{"terraform", "linux"} {
		_, trend := get(t, srv, "/api/v1/trends/"+skill+"?weeks=4")
		points := trend["weeks"].([]any)
		if len(points) != 4 {
			t.Fatalf("%s: %d trend points", skill, len(points))
		}
		for _, pt := range points {
			p := pt.(map[string]any)
			_, rep := get(t, srv, fmt.Sprintf("/api/v1/weeks/%s/skills/%s", p["week"], skill))
			row := rep["skill"].(map[string]any)
			want := map[string]any{"postings": rep["postings"], "skill_postings": row["postings"], "share": row["share"], "required_share": row["required_share"]}
			for k, v := range want {
				if p[k] != v {
					t.Errorf("%s, week %s: trend %s = %v, the week's report says %v", skill, p["week"], k, p[k], v)
				}
			}
		}
	}
}

// crawlNight stores one complete run, started at started, in which source
// listed ps.
func crawlNight(tb testing.TB, st *store.Store, started time.Time, source string, ps []skillpulse.Posting, tag store.Tagger) {
	tb.Helper()
	ctx := context.Background()
	w, err := st.BeginRun(ctx, started, "")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Put(ctx, source, ps, tag); err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: source}}, started.Add(time.Hour)); err != nil {
		tb.Fatal(err)
	}
}
