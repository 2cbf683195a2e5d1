package store

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
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
