package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// jobText is a description long enough for shingles to mean something.
const jobText = `We are looking for a Site Reliability Engineer to run our Kubernetes
platform on AWS. You will automate infrastructure with Terraform, improve
observability with Prometheus and Grafana, take part in the on-call rotation
and help developers ship safely. Requirements: five years of Linux systems
experience, strong networking fundamentals, and experience with CI/CD
pipelines. We offer a learning budget, flexible hours and a hybrid office.`

// listing is the same job as another board shows it: source's own id and
// URL, its own markup, and a company spelled with or without legal form.
func listing(source, id, company, desc string) skillpulse.Posting {
	p := posting(source, id, desc)
	p.Title = "Site Reliability Engineer"
	p.Company = company
	p.Sections = nil
	return p
}

func livePostings(t *testing.T, s *Store, w skillpulse.Week) []*skillpulse.StoredPosting {
	t.Helper()
	var out []*skillpulse.StoredPosting
	if err := s.ForEachLive(context.Background(), w.Start(), w.End(), func(p *skillpulse.StoredPosting) error {
		out = append(out, p)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func originSourcesOf(p *skillpulse.StoredPosting) []string {
	var out []string
	for _, o := range p.Origins {
		out = append(out, o.Source)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestDedupAcrossSources(t *testing.T) {
	html := "<p>" + strings.ReplaceAll(jobText, "\n", " ") + "</p>"
	plain := strings.ReplaceAll(jobText, "Requirements:", "<b>Requirements</b>:")
	tests := []struct {
		name       string
		a, b       skillpulse.Posting
		wantMerged bool
	}{
		{"same job, other markup and legal form", listing("a", "1", "Acme GmbH", html), listing("b", "x", "ACME", plain), true},
		{"same job, one word changed", listing("a", "1", "Acme", jobText), listing("b", "x", "Acme", strings.Replace(jobText, "five", "six", 1)), true},
		{"other company", listing("a", "1", "Acme", jobText), listing("b", "x", "Globex", jobText), false},
		{"no company", listing("a", "1", "", jobText), listing("b", "x", "", jobText), false},
		{"other location", listing("a", "1", "Acme", jobText), func() skillpulse.Posting {
			p := listing("b", "x", "Acme", jobText)
			p.Location = "Munich"
			return p
		}(), false},
		{"clearly different text", listing("a", "1", "Acme", jobText), listing("b", "x", "Acme",
			"We need a data engineer for Spark and Airflow pipelines; SQL and Python required, dbt a plus."), false},
		{"same source twice", listing("a", "1", "Acme", jobText), listing("a", "2", "Acme", jobText), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := openTest(t, Options{})
			w, err := s.BeginRun(ctx, day(0), "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Put(ctx, tt.a.Source, []skillpulse.Posting{tt.a}, &countingTagger{}); err != nil {
				t.Fatal(err)
			}
			tagB := &countingTagger{}
			c, err := w.Put(ctx, tt.b.Source, []skillpulse.Posting{tt.b}, tagB)
			if err != nil {
				t.Fatal(err)
			}
			outs := []skillpulse.SourceOutcome{{Name: "a"}}
			if tt.b.Source != "a" {
				outs = append(outs, skillpulse.SourceOutcome{Name: tt.b.Source})
			}
			run, err := w.Finish(ctx, outs, day(0).Add(runTook))
			if err != nil {
				t.Fatal(err)
			}
			wk := skillpulse.WeekOf(day(0))
			live := livePostings(t, s, wk)
			agg, err := s.WeekAggregate(ctx, wk)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantMerged {
				if c != (Counts{Unchanged: 1, Merged: 1}) {
					t.Errorf("second source's counts = %+v, want 1 unchanged, merged", c)
				}
				if n := tagB.calls.Load(); n != 0 {
					t.Errorf("the merged listing was tagged %d times; its content is never stored", n)
				}
				if len(live) != 1 || run.Live != 1 || agg.Postings != 1 {
					t.Fatalf("live: ForEachLive %d, Run.Live %d, week %d; want one posting", len(live), run.Live, agg.Postings)
				}
				if got := originSourcesOf(live[0]); !slices.Equal(got, []string{"a", "b"}) {
					t.Errorf("origins at %v, want a and b", got)
				}
				if agg.Sources["a"] != 1 || agg.Sources["b"] != 1 {
					t.Errorf("week sources %v, want a:1 b:1", agg.Sources)
				}
				if p, err := s.Posting(ctx, tt.b.Key()); err != nil || p.Key() != tt.a.Key() {
					t.Errorf("Posting(%s) = %v, %v; want the merged posting %s", tt.b.Key(), p, err, tt.a.Key())
				}
			} else {
				if c.New != 1 || c.Merged != 0 {
					t.Errorf("second listing's counts = %+v, want it new", c)
				}
				if len(live) != 2 || run.Live != 2 || agg.Postings != 2 {
					t.Errorf("live: ForEachLive %d, Run.Live %d, week %d; want two postings", len(live), run.Live, agg.Postings)
				}
			}
			if res, err := s.Check(ctx); err != nil {
				t.Errorf("Check: %v (%q)", err, res.Problems)
			}
		})
	}
}

// TestDedupLifecycle follows a job listed at two sources: it stays live
// while either lists it, closes only when both have dropped it past Grace,
// and the week aggregates stay exact throughout.
func TestDedupLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	a := listing("a", "1", "Acme", jobText)
	b := listing("b", "x", "Acme Inc.", jobText)
	other := listing("a", "2", "Acme", "An unrelated posting about Ansible and Linux that only a lists.")
	both := []skillpulse.SourceOutcome{{Name: "a"}, {Name: "b"}}
	type step struct {
		day        int
		a, b       []skillpulse.Posting
		bFailed    bool
		wantLive   int
		wantClosed int // postings closed by the run, over its sources
	}
	steps := []step{
		{day: 0, a: []skillpulse.Posting{a, other}, wantLive: 2},                             // a alone first
		{day: 1, a: []skillpulse.Posting{a, other}, b: []skillpulse.Posting{b}, wantLive: 2}, // b joins: merged into a's posting
		{day: 2, a: []skillpulse.Posting{other}, b: []skillpulse.Posting{b}, wantLive: 2},    // a drops it
		{day: 6, a: []skillpulse.Posting{other}, b: []skillpulse.Posting{b}, wantLive: 2},    // a long past grace, b still lists it
		{day: 7, a: []skillpulse.Posting{other}, b: []skillpulse.Posting{}, wantLive: 2},     // b drops it, within grace
		{day: 8, a: []skillpulse.Posting{other}, bFailed: true, wantLive: 2},                 // a lets go; b failed, holds it
		{day: 9, a: []skillpulse.Posting{other}, b: []skillpulse.Posting{}, wantLive: 1, wantClosed: 1},
		{day: 10, a: []skillpulse.Posting{other}, b: []skillpulse.Posting{b}, wantLive: 2}, // b lists it again: reopens
	}
	for _, st := range steps {
		w, err := s.BeginRun(ctx, day(st.day), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Put(ctx, "a", st.a, &countingTagger{}); err != nil {
			t.Fatal(err)
		}
		outs := slices.Clone(both)
		if st.bFailed {
			outs[1].Failed = true
		} else if _, err := w.Put(ctx, "b", st.b, &countingTagger{}); err != nil {
			t.Fatal(err)
		}
		run, err := w.Finish(ctx, outs, day(st.day).Add(runTook))
		if err != nil {
			t.Fatal(err)
		}
		closed := run.Sources[0].Closed + run.Sources[1].Closed
		if run.Live != st.wantLive || closed != st.wantClosed {
			t.Errorf("day %d: live %d, closed %d; want %d, %d", st.day, run.Live, closed, st.wantLive, st.wantClosed)
		}
		if res, err := s.Check(ctx); err != nil {
			t.Fatalf("day %d: Check: %v (%q)", st.day, err, res.Problems)
		}
	}
	p, err := s.Posting(ctx, a.Key())
	if err != nil {
		t.Fatal(err)
	}
	if !p.ClosedAt.IsZero() || !p.FirstSeen.Equal(day(0)) || !slices.Equal(originSourcesOf(p), []string{"a", "b"}) {
		t.Errorf("merged posting at the end: closed %v, first seen %v, origins %v", p.ClosedAt, p.FirstSeen, p.Origins)
	}
	// The week the merge happened in counts the posting once, at both sources.
	agg, err := s.WeekAggregate(ctx, skillpulse.WeekOf(day(0)))
	if err != nil {
		t.Fatal(err)
	}
	if agg.Postings != 2 || agg.Sources["a"] != 2 || agg.Sources["b"] != 1 {
		t.Errorf("week of the merge: %d postings, sources %v; want 2, a:2 b:1", agg.Postings, agg.Sources)
	}
}

// TestMigrateIndexesForDedup takes a store back to schema 6, without the
// dedup bucket: opening it indexes the postings stored so far, so a later
// listing at another source joins them.
func TestMigrateIndexesForDedup(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"a": {listing("a", "1", "Acme", jobText)}}, []skillpulse.SourceOutcome{{Name: "a"}})
	path := s.Path()
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketDedup); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(6))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("Open schema 6: %v", err)
	}
	defer s.Close()
	if n := keyCount(t, s, bucketDedup, nil); n != 1 {
		t.Fatalf("dedup index after migration has %d entries, want 1", n)
	}
	r := crawl(t, s, day(1), map[string][]skillpulse.Posting{"a": {listing("a", "1", "Acme", jobText)}, "b": {listing("b", "9", "Acme", jobText)}},
		[]skillpulse.SourceOutcome{{Name: "a"}, {Name: "b"}})
	if r.Live != 1 || r.Sources[1].Unchanged != 1 || r.Sources[1].New != 0 {
		t.Errorf("after migration a second listing gave live %d, outcome %+v; want it merged", r.Live, r.Sources[1])
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

func TestShinglesAndJaccard(t *testing.T) {
	tests := []struct {
		a, b string
		want string // "same" or "different"
	}{
		{jobText, jobText, "same"},
		{"<p>" + jobText + "</p>", "<div>" + strings.ToUpper(jobText) + "</div>", "same"},
		{jobText, jobText + " Apply now at careers.example.com!", "same"},
		{jobText, "Totally unrelated text about gardening and roses in the summer months.", "different"},
		{"", "", "different"}, // no text is no evidence
	}
	for i, tt := range tests {
		j := jaccard(shingles(plainText(&skillpulse.Posting{Description: tt.a})), shingles(plainText(&skillpulse.Posting{Description: tt.b})))
		if got := map[bool]string{true: "same", false: "different"}[j >= dedupJaccard]; got != tt.want {
			t.Errorf("case %d: Jaccard %.2f reads %s, want %s", i, j, got, tt.want)
		}
	}
	if fmt.Sprintf("%x", fingerprint(&skillpulse.Posting{Company: "Acme GmbH", Title: "SRE (m/w/d)"})) !=
		fmt.Sprintf("%x", fingerprint(&skillpulse.Posting{Company: "acme", Title: "sre m w d"})) {
		t.Error("fingerprint depends on case, punctuation or legal form")
	}
	if fingerprint(&skillpulse.Posting{Company: " ", Title: "SRE"}) != nil {
		t.Error("a posting without company has a fingerprint")
	}
}
