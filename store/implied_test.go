package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// mixedTagger tags an EKS posting as taggers did before schema 10: parent
// credit (kubernetes, aws) among the named mentions.
type mixedTagger struct{}

func (mixedTagger) Tag(*skillpulse.Posting) skillpulse.Tags {
	return skillpulse.Tags{Mentions: []skillpulse.Mention{
		{SkillID: "eks", Level: skillpulse.LevelRequired, Evidence: "Run EKS."},
		{SkillID: "kubernetes", Level: skillpulse.LevelRequired, Evidence: "Run EKS."},
		{SkillID: "aws", Level: skillpulse.LevelRequired, Evidence: "Run EKS."},
	}}
}

// splitTagger tags it as the extractor does now: EKS named, its parents
// implied through it.
type splitTagger struct{}

func (splitTagger) Tag(*skillpulse.Posting) skillpulse.Tags {
	return skillpulse.Tags{
		Mentions: []skillpulse.Mention{{SkillID: "eks", Level: skillpulse.LevelRequired, Evidence: "Run EKS."}},
		Implied: []skillpulse.Implied{
			{SkillID: "aws", Level: skillpulse.LevelRequired, Via: []string{"eks"}},
			{SkillID: "kubernetes", Level: skillpulse.LevelRequired, Via: []string{"eks"}},
		},
	}
}

// TestImpliedCreditIsStoredAndRetagSeparatesMixedRecords: a record with
// parent credit mixed into its mentions (as stored before schema 10) is
// read and counted as it was; retag with the current tagger moves the
// parents to implied credit, which the aggregates count apart; a record
// with implied credit reads back whole.
func TestImpliedCreditIsStoredAndRetagSeparatesMixedRecords(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	w, err := s.BeginRun(ctx, day(0), "cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "1", "Run EKS.")}, mixedTagger{}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme", Type: "greenhouse", Fetched: 1}}, day(0).Add(runTook)); err != nil {
		t.Fatal(err)
	}
	week := skillpulse.WeekOf(day(0))
	agg, err := s.WeekAggregate(ctx, week)
	if err != nil {
		t.Fatal(err)
	}
	if k := agg.Skills["kubernetes"]; k.Postings != 1 || k.Implied != 0 {
		t.Fatalf("a mixed record counts kubernetes as named until retag: %+v", k)
	}

	c, err := s.Retag(ctx, splitTagger{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Changed != 1 || c.Removed["kubernetes"] != 1 || c.Removed["aws"] != 1 {
		t.Errorf("retag counts %+v, want the version changed and kubernetes, aws no longer named", c)
	}
	if agg, err = s.WeekAggregate(ctx, week); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]skillpulse.SkillAggregate{
		"eks":        {Postings: 1, Required: 1},
		"kubernetes": {Implied: 1},
		"aws":        {Implied: 1},
	} {
		got := agg.Skills[id]
		if got.Postings != want.Postings || got.Required != want.Required || got.Implied != want.Implied {
			t.Errorf("%s after retag: %+v, want postings %d required %d implied %d", id, got, want.Postings, want.Required, want.Implied)
		}
	}
	sp, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.Tags.Mentions) != 1 || len(sp.Tags.Implied) != 2 || !slices.Equal(sp.Tags.Implied[1].Via, []string{"eks"}) {
		t.Errorf("read back: mentions %+v implied %+v", sp.Tags.Mentions, sp.Tags.Implied)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v %v", err, res.Problems)
	}
	if again, err := s.Retag(ctx, splitTagger{}, nil); err != nil || again.Changed != 0 {
		t.Errorf("a second retag changed %d (%v), want 0", again.Changed, err)
	}
}

// TestExportImportKeepsImpliedCredit: export writes implied credit apart
// from the named skills, and import reads it back the same.
func TestExportImportKeepsImpliedCredit(t *testing.T) {
	ctx := context.Background()
	src := openTest(t, Options{})
	w, err := src.BeginRun(ctx, day(0), "cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "1", "Run EKS.")}, splitTagger{}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme", Type: "greenhouse", Fetched: 1}}, day(0).Add(runTook)); err != nil {
		t.Fatal(err)
	}
	out, _ := export(t, src, FormatJSONL, time.Time{})
	if !strings.Contains(out, `"skills":[{"id":"eks"`) || !strings.Contains(out, `"implied":[{"id":"aws","level":"required","via":["eks"]}`) {
		t.Fatalf("export does not keep named and implied apart:\n%s", out)
	}
	dst := openTest(t, Options{})
	if _, err := dst.Import(ctx, strings.NewReader(out)); err != nil {
		t.Fatal(err)
	}
	if again, _ := export(t, dst, FormatJSONL, time.Time{}); again != out {
		t.Errorf("import and export again changed it:\n got %s\nwant %s", again, out)
	}
}
