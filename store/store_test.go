package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

func TestLifecycle(t *testing.T) {
	type src struct {
		ids             []string
		failed, suspect bool
	}
	type step struct {
		day     int
		sources map[string]src
	}
	type want struct {
		open, closed []string       // "source/id" after the last step
		lastClosed   map[string]int // outcome.Closed per source in the last run
		lastReopened map[string]int // Counts.Reopened per source in the last run
		live         int            // Run.Live of the last run
	}
	tests := []struct {
		name  string
		steps []step
		want  want
	}{
		{
			name: "missing within grace stays open",
			steps: []step{
				{0, map[string]src{"a": {ids: []string{"1", "2"}}}},
				{1, map[string]src{"a": {ids: []string{"1"}}}},
			},
			want: want{open: []string{"a/1", "a/2"}, lastClosed: map[string]int{"a": 0}, live: 2},
		},
		{
			name: "healthy source closes missing posting after grace",
			steps: []step{
				{0, map[string]src{"a": {ids: []string{"1", "2"}}}},
				{1, map[string]src{"a": {ids: []string{"1"}}}},
				{2, map[string]src{"a": {ids: []string{"1"}}}},
			},
			want: want{open: []string{"a/1"}, closed: []string{"a/2"}, lastClosed: map[string]int{"a": 1}, live: 1},
		},
		{
			name: "failed source closes nothing",
			steps: []step{
				{0, map[string]src{"a": {ids: []string{"1", "2"}}}},
				{5, map[string]src{"a": {failed: true}}},
			},
			want: want{open: []string{"a/1", "a/2"}, lastClosed: map[string]int{"a": 0}, live: 2},
		},
		{
			name: "suspect source closes nothing",
			steps: []step{
				{0, map[string]src{"a": {ids: []string{"1", "2", "3"}}}},
				{5, map[string]src{"a": {ids: []string{"1"}, suspect: true}}},
			},
			want: want{open: []string{"a/1", "a/2", "a/3"}, lastClosed: map[string]int{"a": 0}, live: 3},
		},
		{
			name: "healthy source closes only its own postings",
			steps: []step{
				{0, map[string]src{"a": {ids: []string{"1"}}, "b": {ids: []string{"1"}}}},
				{5, map[string]src{"a": {ids: []string{}}, "b": {failed: true}}},
			},
			want: want{open: []string{"b/1"}, closed: []string{"a/1"}, lastClosed: map[string]int{"a": 1, "b": 0}, live: 1},
		},
		{
			name: "reappearing posting reopens",
			steps: []step{
				{0, map[string]src{"a": {ids: []string{"1", "2"}}}},
				{3, map[string]src{"a": {ids: []string{"1"}}}},
				{4, map[string]src{"a": {ids: []string{"1", "2"}}}},
			},
			want: want{open: []string{"a/1", "a/2"}, lastClosed: map[string]int{"a": 0}, lastReopened: map[string]int{"a": 1}, live: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			ctx := context.Background()
			var run skillpulse.Run
			reopened := map[string]int{}
			for _, st := range tt.steps {
				w, err := s.BeginRun(ctx, day(st.day), "")
				if err != nil {
					t.Fatal(err)
				}
				var outs []skillpulse.SourceOutcome
				clear(reopened)
				for _, name := range slices.Sorted(maps.Keys(st.sources)) {
					sc := st.sources[name]
					var ps []skillpulse.Posting
					for _, id := range sc.ids {
						ps = append(ps, posting(name, id, "kubernetes and terraform"))
					}
					c, err := w.Put(ctx, name, ps, &countingTagger{})
					if err != nil {
						t.Fatal(err)
					}
					reopened[name] = c.Reopened
					outs = append(outs, skillpulse.SourceOutcome{Name: name, Failed: sc.failed, Suspect: sc.suspect})
				}
				if run, err = w.Finish(ctx, outs, day(st.day).Add(runTook)); err != nil {
					t.Fatal(err)
				}
			}
			last := tt.steps[len(tt.steps)-1]
			check := func(keys []string, wantClosed bool) {
				for _, k := range keys {
					source, id, _ := strings.Cut(k, "/")
					p, err := s.Posting(ctx, skillpulse.PostingKey{Source: source, NativeID: id})
					if err != nil {
						t.Fatalf("Posting(%s): %v", k, err)
					}
					if closed := !p.ClosedAt.IsZero(); closed != wantClosed {
						t.Errorf("posting %s: closed = %v (ClosedAt %v), want %v", k, closed, p.ClosedAt, wantClosed)
					}
					if wantClosed && !p.ClosedAt.Equal(day(last.day).Add(runTook)) {
						t.Errorf("posting %s: ClosedAt = %v, want the finish of the closing run", k, p.ClosedAt)
					}
					if !p.FirstSeen.Equal(day(0)) {
						t.Errorf("posting %s: FirstSeen = %v, want %v", k, p.FirstSeen, day(0))
					}
				}
			}
			check(tt.want.open, false)
			check(tt.want.closed, true)
			for _, o := range run.Sources {
				if got := tt.want.lastClosed[o.Name]; o.Closed != got {
					t.Errorf("source %s: outcome.Closed = %d, want %d", o.Name, o.Closed, got)
				}
				if got := tt.want.lastReopened[o.Name]; reopened[o.Name] != got {
					t.Errorf("source %s: Counts.Reopened = %d, want %d", o.Name, reopened[o.Name], got)
				}
			}
			if run.Live != tt.want.live {
				t.Errorf("Run.Live = %d, want %d", run.Live, tt.want.live)
			}
			if run.Status != skillpulse.RunComplete {
				t.Errorf("Run.Status = %v, want complete", run.Status)
			}
		})
	}
}

func TestCloseSource(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	crawl(t, s, day(0), map[string][]skillpulse.Posting{
		"gone": {posting("gone", "1", "x"), posting("gone", "2", "y")},
		"kept": {posting("kept", "1", "z")},
	}, []skillpulse.SourceOutcome{{Name: "gone"}, {Name: "kept"}})

	n, err := s.CloseSource(ctx, "gone", day(1))
	if err != nil || n != 2 {
		t.Fatalf("CloseSource = %d, %v; want 2 closed", n, err)
	}
	for _, k := range []skillpulse.PostingKey{{Source: "gone", NativeID: "1"}, {Source: "gone", NativeID: "2"}} {
		if p, _ := s.Posting(ctx, k); p == nil || !p.ClosedAt.Equal(day(1)) {
			t.Errorf("posting %s after CloseSource: %+v, want closed at %v", k, p, day(1))
		}
	}
	run := crawl(t, s, day(1), map[string][]skillpulse.Posting{"kept": {posting("kept", "1", "z")}}, []skillpulse.SourceOutcome{{Name: "kept"}})
	if run.Live != 1 {
		t.Errorf("Live after closing a source = %d, want 1", run.Live)
	}
	if n, err := s.CloseSource(ctx, "gone", day(2)); err != nil || n != 0 {
		t.Errorf("second CloseSource = %d, %v; want 0", n, err)
	}
	if res, err := s.Check(ctx); err != nil {
		t.Errorf("Check: %v (%q)", err, res.Problems)
	}
}

// TestRecrawlVersions checks what a second sighting writes: nothing but the
// last-seen time when the content is unchanged, one version (and one
// description, unless it is shared) when it changed.
func TestRecrawlVersions(t *testing.T) {
	const desc = "We run Kubernetes on AWS with Terraform."
	tests := []struct {
		name         string
		change       func(p *skillpulse.Posting)
		want         Counts
		wantVersions int
		wantBodies   int
		wantTagCalls int64
		headSame     bool
	}{
		{"unchanged re-crawl writes no version", func(p *skillpulse.Posting) {}, Counts{Unchanged: 1}, 1, 1, 0, true},
		{"ticking Updated field is not a change", func(p *skillpulse.Posting) { p.Updated = t0.Add(time.Hour) }, Counts{Unchanged: 1}, 1, 1, 0, true},
		{"changed description writes one version and one body", func(p *skillpulse.Posting) { p.Description += " Ansible too." }, Counts{Updated: 1}, 2, 2, 1, false},
		{"changed title shares the stored body", func(p *skillpulse.Posting) { p.Title = "Staff SRE" }, Counts{Updated: 1}, 2, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			ctx := context.Background()
			p := posting("acme", "42", desc)
			crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {p}}, []skillpulse.SourceOutcome{{Name: "acme"}})
			id := postingID(t, s, "acme", "42")
			headBefore := rawGet(t, s, bucketPostings, u64(id))

			tt.change(&p)
			w, err := s.BeginRun(ctx, day(1), "")
			if err != nil {
				t.Fatal(err)
			}
			tag := &countingTagger{}
			got, err := w.Put(ctx, "acme", []skillpulse.Posting{p}, tag)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Put counts = %+v, want %+v", got, tt.want)
			}
			if n := tag.calls.Load(); n != tt.wantTagCalls {
				t.Errorf("tagger called %d times, want %d", n, tt.wantTagCalls)
			}
			if n := keyCount(t, s, bucketVersions, u64(id)); n != tt.wantVersions {
				t.Errorf("versions stored = %d, want %d", n, tt.wantVersions)
			}
			if n := keyCount(t, s, bucketContent, nil); n != tt.wantBodies {
				t.Errorf("bodies stored = %d, want %d", n, tt.wantBodies)
			}
			if same := bytes.Equal(headBefore, rawGet(t, s, bucketPostings, u64(id))); same != tt.headSame {
				t.Errorf("posting record unchanged = %v, want %v", same, tt.headSame)
			}
			sp, err := s.Posting(ctx, p.Key())
			if err != nil {
				t.Fatal(err)
			}
			if !sp.LastSeen.Equal(day(1)) {
				t.Errorf("LastSeen = %v, want %v", sp.LastSeen, day(1))
			}
			if sp.Description != p.Description || sp.Title != p.Title {
				t.Errorf("stored content = %q / %q, want %q / %q", sp.Title, sp.Description, p.Title, p.Description)
			}
			if sp.Hash != p.ContentHash() {
				t.Errorf("stored hash %s, want %s", sp.Hash, p.ContentHash())
			}
		})
	}
}

// TestVersionRecordEvidence checks how a version record keeps the
// extractor's evidence: a sentence the body holds costs a reference, one
// it does not is stored once however many mentions cite it, a record heavy
// with such sentences is compressed, and every form reads back whole.
func TestVersionRecordEvidence(t *testing.T) {
	inBody := "Production experience with Kubernetes, Terraform, AWS, Ansible and Linux is required."
	notInBody := "Hands-on experience with EKS, GCP and Go, as the second paragraph puts it in other words."
	skills := []string{"kubernetes", "terraform", "aws", "ansible", "linux", "eks", "gcp", "go"}
	tagAll := func(evidence func(i int) string) Tagger {
		return TaggerFunc(func(*skillpulse.Posting) skillpulse.Tags {
			tags := skillpulse.Tags{Seniority: skillpulse.SenioritySenior, Language: "en"}
			for i, id := range skills {
				tags.Mentions = append(tags.Mentions, skillpulse.Mention{SkillID: id, Level: skillpulse.LevelRequired, Years: 3, Evidence: evidence(i)})
			}
			return tags
		})
	}
	tests := []struct {
		name       string
		tag        Tagger
		wantFormat byte
		extra      int    // the stored record's size at most, beyond one without evidence
		once       string // a sentence the plain record holds exactly once
	}{
		{"no evidence", tagAll(func(int) string { return "" }), versionFormat, 0, ""},
		{"evidence in the body is a reference", tagAll(func(int) string { return inBody }), versionFormat, 4 + len(skills), ""},
		{"evidence elsewhere is stored once", tagAll(func(int) string { return notInBody }), versionFormat, 3 + len(notInBody) + len(skills), notInBody},
		{"many distinct sentences are compressed", tagAll(func(i int) string { return fmt.Sprintf("%s %s (%d)", notInBody, notInBody, i) }), versionFormatZstd, 3 * len(notInBody), ""},
	}
	base := 0 // the size of the record without evidence
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, Options{})
			ctx := context.Background()
			p := posting("acme", "1", "<p>"+inBody+"</p>")
			w, err := s.BeginRun(ctx, day(0), "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Put(ctx, "acme", []skillpulse.Posting{p}, tt.tag); err != nil {
				t.Fatal(err)
			}
			if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(0).Add(runTook)); err != nil {
				t.Fatal(err)
			}
			rec := rawGet(t, s, bucketVersions, versionKey(postingID(t, s, "acme", "1"), 0))
			if base == 0 {
				base = len(rec)
			}
			if rec[0] != tt.wantFormat || len(rec) > base+tt.extra {
				t.Errorf("version record: format byte %d, %d bytes; want %d, at most %d", rec[0], len(rec), tt.wantFormat, base+tt.extra)
			}
			if tt.once != "" {
				if n := bytes.Count(rec, []byte(tt.once)); n != 1 {
					t.Errorf("record holds %q %d times, want once", tt.once, n)
				}
			}
			want := tt.tag.Tag(&p)
			got, err := s.Posting(ctx, p.Key())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Tags, want) {
				t.Errorf("tags read back = %+v, want %+v", got.Tags, want)
			}
			if got.Title != p.Title || got.URL != p.URL {
				t.Errorf("posting read back = %q %q", got.Title, got.URL)
			}
			// Readers without descriptions get no evidence, and the
			// rest of the tags as stored.
			bare := want
			bare.Mentions = slices.Clone(want.Mentions)
			for i := range bare.Mentions {
				bare.Mentions[i].Evidence = ""
			}
			err = s.ForEachLiveTags(ctx, day(0), day(1), func(sp *skillpulse.StoredPosting) error {
				if !reflect.DeepEqual(sp.Tags, bare) {
					t.Errorf("ForEachLiveTags tags = %+v, want %+v", sp.Tags, bare)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestPostingRoundTrip(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	p := posting("acme", "7", "Linux, Terraform and AWS; <b>on call</b> ✓")
	p.Updated = t0.Add(-time.Hour)
	p.Department = "Infrastructure"
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {p}}, []skillpulse.SourceOutcome{{Name: "acme"}})

	got, err := s.Posting(ctx, p.Key())
	if err != nil {
		t.Fatal(err)
	}
	want := skillpulse.StoredPosting{
		Posting:   p,
		FirstSeen: day(0),
		LastSeen:  day(0),
		Hash:      p.ContentHash(),
		Origins:   []skillpulse.Origin{{Source: "acme", URL: p.URL}},
		Tags:      (&countingTagger{}).Tag(&p),
	}
	if !equalJSONish(got, &want) {
		t.Errorf("Posting round trip:\n got %+v\nwant %+v", *got, want)
	}
	if _, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "nope"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Posting(missing) error = %v, want ErrNotFound", err)
	}
}

// equalJSONish compares stored postings field by field, treating times as
// instants (the store returns them in UTC).
func equalJSONish(a, b *skillpulse.StoredPosting) bool {
	norm := func(p skillpulse.StoredPosting) skillpulse.StoredPosting {
		for _, t := range []*time.Time{&p.Posted, &p.Updated, &p.FirstSeen, &p.LastSeen, &p.ClosedAt} {
			if !t.IsZero() {
				*t = t.UTC()
			}
		}
		return p
	}
	x, y := norm(*a), norm(*b)
	return reflect.DeepEqual(x, y)
}

func TestSnapshotsAndForEachLive(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	week := skillpulse.WeekOf(day(0)) // 2026-W48, Monday 23 Nov
	p := func(id, desc string) skillpulse.Posting { return posting("acme", id, desc) }
	one := []skillpulse.SourceOutcome{{Name: "acme"}}

	// The week before: "old" is live only then.
	crawl(t, s, day(-4), map[string][]skillpulse.Posting{"acme": {p("old", "linux")}}, slices.Clone(one))
	// Monday: 1 and 2. Tuesday: 2 changes to mention Ansible. Wednesday to
	// Sunday: 2 is gone and closes after grace; 3 appears on Friday.
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {p("1", "kubernetes"), p("2", "terraform")}}, slices.Clone(one))
	crawl(t, s, day(1), map[string][]skillpulse.Posting{"acme": {p("1", "kubernetes"), p("2", "terraform and ansible")}}, slices.Clone(one))
	for d := 2; d <= 6; d++ {
		ps := []skillpulse.Posting{p("1", "kubernetes")}
		if d >= 4 {
			ps = append(ps, p("3", "aws"))
		}
		crawl(t, s, day(d), map[string][]skillpulse.Posting{"acme": ps}, slices.Clone(one))
	}
	// The Monday after is outside the week.
	crawl(t, s, day(7), map[string][]skillpulse.Posting{"acme": {p("1", "kubernetes"), p("next", "aws")}}, slices.Clone(one))

	snaps, err := s.Snapshots(ctx, week.Start(), week.End())
	if err != nil {
		t.Fatal(err)
	}
	var lives []int
	for _, sn := range snaps {
		lives = append(lives, sn.Live)
		if sn.Taken.Before(week.Start()) || !sn.Taken.Before(week.End()) {
			t.Errorf("snapshot %s taken %v, outside %s", sn.RunID, sn.Taken, week)
		}
	}
	// "old" was seen on day -4 and closes on day 0 (more than 48h missing).
	// 2 was last seen day 1 and closes on day 3.
	wantLives := []int{2, 2, 2, 1, 2, 2, 2}
	if !slices.Equal(lives, wantLives) {
		t.Errorf("live counts per snapshot = %v, want %v", lives, wantLives)
	}

	got := map[string][]string{}
	err = s.ForEachLive(ctx, week.Start(), week.End(), func(sp *skillpulse.StoredPosting) error {
		if _, dup := got[sp.NativeID]; dup {
			t.Errorf("posting %s delivered twice", sp.NativeID)
		}
		var skills []string
		for _, m := range sp.Tags.Mentions {
			skills = append(skills, m.SkillID)
		}
		got[sp.NativeID] = append([]string{sp.Description}, skills...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"1": {"kubernetes", "kubernetes"},
		"2": {"terraform and ansible", "terraform", "ansible"}, // the latest content in the week
		"3": {"aws", "aws"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ForEachLive over %s = %v, want %v", week, got, want)
	}

	// fn's error stops the walk and comes back unchanged.
	stop := errors.New("stop")
	calls := 0
	err = s.ForEachLive(ctx, week.Start(), week.End(), func(*skillpulse.StoredPosting) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("ForEachLive with failing fn: err %v after %d calls, want stop after 1", err, calls)
	}
}

func TestRuns(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	outs := func(fetched int) []skillpulse.SourceOutcome {
		return []skillpulse.SourceOutcome{{Name: "acme", Type: "lever", Fetched: fetched}, {Name: "other", Failed: true, Error: "boom"}}
	}
	r1 := crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, outs(1))
	r2 := crawl(t, s, day(1), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "x")}}, outs(1))

	// A run in progress: its crawl holds the lock, a batch is written.
	lock, err := s.LockCrawl(day(2))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	w, err := s.BeginRun(ctx, day(2), "cfg2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", []skillpulse.Posting{posting("acme", "2", "y")}, &countingTagger{}); err != nil {
		t.Fatal(err)
	}

	runs, err := s.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var statuses []skillpulse.RunStatus
	for _, r := range runs {
		ids = append(ids, r.ID)
		statuses = append(statuses, r.Status)
	}
	if want := []string{w.ID(), r2.ID, r1.ID}; !slices.Equal(ids, want) {
		t.Errorf("Runs ids = %v, want newest first %v", ids, want)
	}
	if want := []skillpulse.RunStatus{skillpulse.RunRunning, skillpulse.RunComplete, skillpulse.RunComplete}; !slices.Equal(statuses, want) {
		t.Errorf("Runs statuses = %v, want %v", statuses, want)
	}
	if !strings.HasPrefix(r1.ID, "20261123T030000Z-") {
		t.Errorf("run id %q does not start with its UTC start time", r1.ID)
	}
	if limited, _ := s.Runs(ctx, 2); len(limited) != 2 || limited[0].ID != w.ID() {
		t.Errorf("Runs(limit 2) = %d runs, want the 2 newest", len(limited))
	}

	got, err := s.Run(ctx, r1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != skillpulse.RunComplete || !got.Finished.Equal(day(0).Add(runTook)) || len(got.Sources) != 2 ||
		got.Sources[1].Error != "boom" || got.ConfigHash != "cfg" || got.Live != 1 {
		t.Errorf("Run(%s) = %+v", r1.ID, got)
	}
	if _, err := s.Run(ctx, "20990101T000000Z-0001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Run(missing) error = %v, want ErrNotFound", err)
	}

	hist, err := s.SourceHistory(ctx, "acme", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Unchanged != 1 || hist[1].New != 1 {
		t.Errorf("SourceHistory(acme) = %+v, want the two complete runs newest first", hist)
	}
	if hist, _ := s.SourceHistory(ctx, "acme", 1); len(hist) != 1 {
		t.Errorf("SourceHistory(acme, 1) returned %d outcomes", len(hist))
	}

	// The interrupted run's committed batch is kept.
	if _, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "2"}); err != nil {
		t.Errorf("posting written by the interrupted run: %v", err)
	}
	if _, err := w.Finish(ctx, nil, day(2).Add(time.Minute)); err != nil {
		t.Fatalf("finishing the run later: %v", err)
	}
	if _, err := w.Finish(ctx, nil, day(2).Add(time.Minute)); !errors.Is(err, ErrRunFinished) {
		t.Errorf("second Finish error = %v, want ErrRunFinished", err)
	}
	if _, err := w.Put(ctx, "acme", nil, &countingTagger{}); !errors.Is(err, ErrRunFinished) {
		t.Errorf("Put after Finish error = %v, want ErrRunFinished", err)
	}
}

// TestPutCancelKeepsCommittedBatches checks that a run cut off part-way
// keeps every batch committed before the cut and nothing of the one it cut.
func TestPutCancelKeepsCommittedBatches(t *testing.T) {
	s := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	ps := shortPostings("acme", 2*batchSize+batchSize/2)
	// Cancel while the second batch is being tagged: the first batch is
	// committed, the second and third never are.
	tag := TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
		if p.NativeID == ps[batchSize+10].NativeID {
			cancel()
		}
		return skillpulse.Tags{}
	})
	c, err := w.Put(ctx, "acme", ps, tag)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Put error = %v, want context.Canceled", err)
	}
	if c.New != batchSize {
		t.Errorf("Put reported %d new, want %d", c.New, batchSize)
	}
	if n := keyCount(t, s, bucketKeys, nil); n != batchSize {
		t.Errorf("stored postings = %d, want %d", n, batchSize)
	}
	for _, i := range []int{0, batchSize - 1} {
		if _, err := s.Posting(context.Background(), ps[i].Key()); err != nil {
			t.Errorf("posting %d of the committed batch: %v", i, err)
		}
	}
	if _, err := s.Posting(context.Background(), ps[batchSize].Key()); !errors.Is(err, ErrNotFound) {
		t.Errorf("posting %d of the cancelled batch: %v, want ErrNotFound", batchSize, err)
	}
	// No crawl holds the lock, so the run left unfinished shows interrupted.
	runs, _ := s.Runs(context.Background(), 0)
	if len(runs) != 1 || runs[0].Status != skillpulse.RunInterrupted || runs[0].Reason != AbandonedReason {
		t.Errorf("interrupted run listed as %+v, want one interrupted run (%q)", runs, AbandonedReason)
	}
	if res, err := s.Check(context.Background()); err != nil {
		t.Errorf("Check after an interrupted run: %v (%q)", err, res.Problems)
	}
}

// TestTaggerPanicReachesCaller checks that a Tagger panicking in one of
// Put's workers panics in Put's caller, where it can be recovered, and that
// the batch it was in is not written.
func TestTaggerPanicReachesCaller(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	ps := shortPostings("acme", 50)
	boom := TaggerFunc(func(p *skillpulse.Posting) skillpulse.Tags {
		if p.NativeID == "17" {
			panic("tagger bug")
		}
		return skillpulse.Tags{}
	})
	func() {
		defer func() {
			r := recover()
			if r == nil || !strings.Contains(fmt.Sprint(r), "acme/17: tagger bug") {
				t.Errorf("recovered %v, want the tagger's panic naming posting acme/17", r)
			}
		}()
		w.Put(ctx, "acme", ps, boom)
	}()
	if n := keyCount(t, s, bucketKeys, nil); n != 0 {
		t.Errorf("%d postings stored from the batch whose tagging panicked", n)
	}
}

func TestPutRejects(t *testing.T) {
	s := openTest(t, Options{})
	ctx := context.Background()
	w, err := s.BeginRun(ctx, day(0), "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, source string
		postings     []skillpulse.Posting
		tag          Tagger
		wantErr      string
	}{
		{"empty source", "", nil, &countingTagger{}, "empty source name"},
		{"nil tagger", "a", nil, nil, "nil tagger"},
		{"posting of another source", "a", []skillpulse.Posting{posting("b", "1", "")}, &countingTagger{}, `belongs to source "b"`},
		{"posting without native id", "a", []skillpulse.Posting{posting("a", "", "")}, &countingTagger{}, "no native id"},
		{"native id too long for a key", "a", []skillpulse.Posting{posting("a", strings.Repeat("9", 40<<10), "")}, &countingTagger{}, "native id of 40960 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.Put(ctx, tt.source, tt.postings, tt.tag)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Put error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestStoresShareTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	first, err := Open(path, Options{LockTimeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	t.Run("a second writer and a reader open beside the first", func(t *testing.T) {
		second, err := Open(path, Options{LockTimeout: 150 * time.Millisecond})
		if err != nil {
			t.Fatalf("second read-write Open: %v", err)
		}
		defer second.Close()
		reader, err := Open(path, Options{ReadOnly: true, LockTimeout: 150 * time.Millisecond})
		if err != nil {
			t.Fatalf("read-only Open beside a writer: %v", err)
		}
		defer reader.Close()
		crawl(t, second, day(0), map[string][]skillpulse.Posting{"acme": {posting("acme", "1", "terraform")}}, []skillpulse.SourceOutcome{{Name: "acme"}})
		for name, s := range map[string]*Store{"first": first, "reader": reader} {
			runs, err := s.Runs(ctx, 0)
			if err != nil || len(runs) != 1 || runs[0].Live != 1 {
				t.Errorf("%s sees runs %+v, %v; want the second's one run", name, runs, err)
			}
		}
	})

	t.Run("a read waits for a write transaction at most LockTimeout", func(t *testing.T) {
		held, release := make(chan struct{}), make(chan struct{})
		done := make(chan error)
		go func() { done <- first.db.Update(func(*bolt.Tx) error { close(held); <-release; return nil }) }()
		<-held
		other, err := Open(path, Options{ReadOnly: true, LockTimeout: 150 * time.Millisecond})
		if err == nil {
			other.Close()
			t.Fatal("Open read a file another Store was writing")
		}
		if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), path) {
			t.Errorf("error = %v, want ErrInUse naming %s", err, path)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a read waits for one transaction, not for a whole crawl", func(t *testing.T) {
		lock, err := first.LockCrawl(day(1)) // as a crawl does: without it a running run is dead
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Unlock()
		w, err := first.BeginRun(ctx, day(1), "")
		if err != nil {
			t.Fatal(err)
		}
		reader, err := Open(path, Options{ReadOnly: true, LockTimeout: 150 * time.Millisecond})
		if err != nil {
			t.Fatalf("Open during a run: %v", err)
		}
		defer reader.Close()
		runs, err := reader.Runs(ctx, 1)
		if err != nil || len(runs) != 1 || runs[0].Status != skillpulse.RunRunning {
			t.Errorf("runs during a run: %+v, %v; want the running one", runs, err)
		}
		if _, err := w.Finish(ctx, nil, day(1)); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a second crawl lock names the first's pid and start", func(t *testing.T) {
		started := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
		lock, err := first.LockCrawl(started)
		if err != nil {
			t.Fatal(err)
		}
		other, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		_, err = other.LockCrawl(time.Now())
		want := fmt.Sprintf("a crawl is in progress (pid %d, started 2026-11-25T03:00:00Z)", os.Getpid())
		if !errors.Is(err, ErrCrawlInProgress) || !strings.Contains(err.Error(), want) {
			t.Errorf("second LockCrawl: %v, want %q", err, want)
		}
		if err := lock.Unlock(); err != nil {
			t.Fatal(err)
		}
		again, err := other.LockCrawl(time.Now())
		if err != nil {
			t.Fatalf("LockCrawl after Unlock: %v", err)
		}
		again.Unlock()
	})
}

func TestSchemaVersion(t *testing.T) {
	// setSchema writes a raw bbolt file with the given schema version (or
	// none, for a file never opened by the store).
	setSchema := func(t *testing.T, path string, v uint64, set bool) {
		db, err := bolt.Open(path, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Update(func(tx *bolt.Tx) error {
			meta, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil || !set {
				return err
			}
			return meta.Put(keySchema, u64(v))
		}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		version  uint64
		set      bool
		readOnly bool
		wantErr  error
	}{
		{"newer schema refused", SchemaVersion + 1, true, false, ErrSchemaTooNew},
		{"newer schema refused read-only", SchemaVersion + 1, true, true, ErrSchemaTooNew},
		{"unversioned file migrated", 0, false, false, nil},
		{"unversioned file not migrated read-only", 0, false, true, ErrNeedsMigration},
		{"current schema opens read-only", SchemaVersion, true, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "skillpulse.db")
			if tt.version == SchemaVersion {
				s, err := Open(path, Options{})
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
			} else {
				setSchema(t, path, tt.version, tt.set)
			}
			s, err := Open(path, Options{ReadOnly: tt.readOnly})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
			defer s.Close()
			if _, err := s.Runs(context.Background(), 0); err != nil {
				t.Errorf("Runs on the opened store: %v", err)
			}
		})
	}
}

func TestReadOnlyMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "skillpulse.db")
	if _, err := Open(path, Options{ReadOnly: true}); err == nil {
		t.Fatal("ReadOnly Open of a missing file succeeded")
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("ReadOnly Open created %s", filepath.Dir(path))
	}
}

// TestLockHeldByAnotherProcess runs TestHelperHoldLock in a child process,
// which takes the crawl lock and holds a write transaction open, and checks
// that a crawl here is refused naming the child's pid and that a read gives
// up after its LockTimeout, saying why.
func TestLockHeldByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "skillpulse.db")
	s, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "STORE_HOLD_LOCK="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close() // lets the child close the store and exit
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "holding" {
		t.Fatalf("child did not take the lock: %q, %v", line, err)
	}
	_, err = s.LockCrawl(time.Now())
	if want := fmt.Sprintf("a crawl is in progress (pid %d, started ", cmd.Process.Pid); !errors.Is(err, ErrCrawlInProgress) || !strings.Contains(err.Error(), want) {
		t.Errorf("LockCrawl while another process crawls: %v, want %q", err, want)
	}
	_, err = s.Runs(context.Background(), 1)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("Runs while another process holds a write transaction: %v, want ErrInUse", err)
	}
	if want := fmt.Sprintf("pid %d", cmd.Process.Pid); !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file and %q", err, want)
	}
}

// TestHelperHoldLock is not a test: TestLockHeldByAnotherProcess runs it in
// a child process to hold the crawl lock and a write transaction until its
// stdin closes.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("STORE_HOLD_LOCK")
	if path == "" {
		t.Skip("helper for TestLockHeldByAnotherProcess")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	lock, err := s.LockCrawl(time.Now())
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	s.db.Update(func(*bolt.Tx) error {
		fmt.Println("holding")
		io.Copy(io.Discard, os.Stdin)
		return nil
	})
	lock.Unlock()
	s.Close()
	os.Exit(0)
}

// TestPutWriteFailureWithBatchesQueued checks that a write transaction
// failing part-way through a Put of many batches — here on a damaged
// version record, which only the write reads — ends the Put with the error
// and the batches before it committed, and never leaves it waiting on the
// batches prepared behind it.
func TestPutWriteFailureWithBatchesQueued(t *testing.T) {
	ctx := context.Background()
	for round := range 3 {
		s := openTest(t, Options{})
		ps := shortPostings("acme", 4*batchSize+10)
		bad := batchSize + 5
		crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": {ps[bad]}}, []skillpulse.SourceOutcome{{Name: "acme"}})
		err := s.db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketVersions).Put(versionKey(postingID(t, s, "acme", ps[bad].NativeID), 0), []byte{versionFormat, 1, 0xff})
		})
		if err != nil {
			t.Fatal(err)
		}
		ps[bad].Description += " Changed."
		w, err := s.BeginRun(ctx, day(1), "")
		if err != nil {
			t.Fatal(err)
		}
		type result struct {
			c   Counts
			err error
		}
		done := make(chan result, 1)
		go func() {
			c, err := w.Put(ctx, "acme", ps, TaggerFunc(func(*skillpulse.Posting) skillpulse.Tags { return skillpulse.Tags{} }))
			done <- result{c, err}
		}()
		select {
		case r := <-done:
			if !errors.Is(r.err, ErrCorrupt) {
				t.Fatalf("round %d: Put error = %v, want ErrCorrupt", round, r.err)
			}
			if r.c.New != batchSize {
				t.Errorf("round %d: Put committed %+v, want the first batch's %d new", round, r.c, batchSize)
			}
		case <-time.After(time.Minute):
			t.Fatalf("round %d: Put still running a minute after its write failed", round)
		}
		if n := keyCount(t, s, bucketKeys, nil); n != batchSize+1 {
			t.Errorf("round %d: %d postings stored, want %d", round, n, batchSize+1)
		}
	}
}
