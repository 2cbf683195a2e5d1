package store

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

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
