package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

// newTaxonomyTagger stands in for a changed taxonomy: it knows "linux" as
// required everywhere and no longer knows "ansible".
type newTaxonomyTagger struct{ countingTagger }

func (n *newTaxonomyTagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	t := n.countingTagger.Tag(p)
	var out []skillpulse.Mention
	for _, m := range t.Mentions {
		if m.SkillID != "ansible" {
			out = append(out, m)
		}
	}
	if !strings.Contains(strings.ToLower(p.Description), "linux") {
		out = append(out, skillpulse.Mention{SkillID: "linux", Level: skillpulse.LevelRequired, Evidence: "assumed"})
	}
	t.Mentions = out
	return t
}

// retagStore has two weeks of history: 40 postings, some changed in the
// second week, so there are several versions and several weeks to fix.
func retagStore(t *testing.T) *Store {
	t.Helper()
	s := openTest(t, Options{})
	var board []skillpulse.Posting
	for i := range 40 {
		desc := "We run Terraform and Ansible on AWS."
		if i%3 == 0 {
			desc = "Kubernetes and Terraform, nothing else."
		}
		board = append(board, posting("acme", fmt.Sprint(i), desc))
	}
	ok := []skillpulse.SourceOutcome{{Name: "acme", Type: "greenhouse", Fetched: 40}}
	for d := range 10 {
		if d == 7 { // second week: a few descriptions change
			for i := 0; i < 40; i += 5 {
				board[i].Description += " Also Linux."
			}
		}
		crawl(t, s, day(d), map[string][]skillpulse.Posting{"acme": board}, ok)
	}
	return s
}

func TestRetagRewritesTagsAndAggregates(t *testing.T) {
	s := retagStore(t)
	ctx := context.Background()
	c, err := s.Retag(ctx, &newTaxonomyTagger{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 40 first versions and 8 second ones; 3 second versions (Kubernetes
	// postings that gained "Also Linux.") already read as the new taxonomy.
	if c.Versions != 48 || c.Changed != 45 {
		t.Errorf("retag read %d versions and changed %d, want 48 and 45", c.Versions, c.Changed)
	}
	if c.Removed["ansible"] == 0 || c.Added["linux"] == 0 {
		t.Errorf("retag counts: %+v", c)
	}
	res, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check after retag: %v %v", err, res.Problems)
	}
	for _, w := range []skillpulse.Week{skillpulse.WeekOf(day(0)), skillpulse.WeekOf(day(8))} {
		agg, err := s.WeekAggregate(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := agg.Skills["ansible"]; ok {
			t.Errorf("%s: ansible still counted after retag", w)
		}
		if agg.Skills["linux"].Postings != 40 {
			t.Errorf("%s: linux in %d postings, want 40", w, agg.Skills["linux"].Postings)
		}
	}
	again, err := s.Retag(ctx, &newTaxonomyTagger{}, nil)
	if err != nil || again.Changed != 0 {
		t.Errorf("second retag changed %d (%v), want 0", again.Changed, err)
	}
}

func TestRetagInterruptedIsConsistentAndResumable(t *testing.T) {
	s := retagStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	// Batches of 10, cancelled while tagging the third: two are written.
	tagger := &cancellingTagger{cancel: cancel, after: 20}
	first, err := s.retag(ctx, tagger, nil, 10)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted retag: %v", err)
	}
	if first.Versions != 20 || first.Changed == 0 {
		t.Fatalf("interrupted retag wrote %d versions (%d changed), want two batches of 10", first.Versions, first.Changed)
	}
	if res, err := s.Check(context.Background()); err != nil {
		t.Fatalf("Check after an interrupted retag: %v %v", err, res.Problems)
	}
	c, err := s.Retag(context.Background(), &newTaxonomyTagger{}, nil)
	if err != nil || first.Changed+c.Changed != 45 {
		t.Fatalf("resumed retag changed %d after %d, %v; want 45 in all", c.Changed, first.Changed, err)
	}
	if res, err := s.Check(context.Background()); err != nil {
		t.Fatalf("Check after the resumed retag: %v %v", err, res.Problems)
	}
}

// cancellingTagger re-tags like newTaxonomyTagger but cancels the retag
// after a number of calls.
type cancellingTagger struct {
	newTaxonomyTagger
	cancel context.CancelFunc
	after  int64
}

func (c *cancellingTagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	if c.calls.Load() >= c.after {
		c.cancel()
	}
	return c.newTaxonomyTagger.Tag(p)
}

func TestRetagReadOnlyRefused(t *testing.T) {
	s := retagStore(t)
	path := s.Path()
	s.Close()
	ro, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Retag(context.Background(), &newTaxonomyTagger{}, nil); err == nil {
		t.Error("retag on a read-only store succeeded")
	}
}
