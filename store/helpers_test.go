package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// t0 is Monday 2026-11-23 03:00 UTC, the start of the first test run.
var t0 = time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)

// day is the start of the daily run d days after t0.
func day(d int) time.Time { return t0.Add(time.Duration(d) * 24 * time.Hour) }

// runTook is how long every test run takes, start to finish.
const runTook = 30 * time.Minute

// countingTagger tags a posting with every known skill its description
// names, and counts its calls.
type countingTagger struct{ calls atomic.Int64 }

func (c *countingTagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	c.calls.Add(1)
	var t skillpulse.Tags
	for _, s := range []string{"terraform", "kubernetes", "aws", "ansible", "linux"} {
		if strings.Contains(strings.ToLower(p.Description), s) {
			t.Mentions = append(t.Mentions, skillpulse.Mention{SkillID: s, Level: skillpulse.LevelRequired, Evidence: "uses " + s})
		}
	}
	t.Seniority = skillpulse.SenioritySenior
	t.Language = "en"
	return t
}

func openTest(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "skillpulse.db"), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func posting(source, id, desc string) skillpulse.Posting {
	return skillpulse.Posting{
		Source:      source,
		SourceType:  "greenhouse",
		NativeID:    id,
		URL:         "https://boards.example.com/" + source + "/jobs/" + id,
		Title:       "Site Reliability Engineer " + id,
		Company:     "Acme " + source,
		Location:    "Berlin",
		Workplace:   skillpulse.WorkplaceHybrid,
		Salary:      &skillpulse.Salary{Min: 80000, Max: 110000, Currency: "EUR", Period: "year"},
		Posted:      t0.Add(-72 * time.Hour),
		Description: desc,
		Sections:    []skillpulse.Section{{Heading: "Requirements", Body: "Terraform, Kubernetes"}},
	}
}

// crawl runs one complete run starting at started: it puts each source's
// postings and finishes with the given outcomes (Fetched and counts filled
// in from Put).
func crawl(t testing.TB, s *Store, started time.Time, put map[string][]skillpulse.Posting, outcomes []skillpulse.SourceOutcome) skillpulse.Run {
	t.Helper()
	ctx := context.Background()
	w, err := s.BeginRun(ctx, started, "cfg")
	if err != nil {
		t.Fatalf("BeginRun: %v", err)
	}
	var tag Tagger = &countingTagger{}
	if _, bench := t.(*testing.B); bench {
		tag = evidenceTagger{}
	}
	for i := range outcomes {
		o := &outcomes[i]
		ps, ok := put[o.Name]
		if !ok {
			continue
		}
		c, err := w.Put(ctx, o.Name, ps, tag)
		if err != nil {
			t.Fatalf("Put %s: %v", o.Name, err)
		}
		o.Fetched, o.New, o.Updated, o.Unchanged = len(ps), c.New, c.Updated, c.Unchanged
	}
	r, err := w.Finish(ctx, outcomes, started.Add(runTook))
	if err != nil {
		t.Fatalf("Finish: %v", err)
	}
	return r
}

// rawGet returns a copy of bucket[key], or nil.
func rawGet(t testing.TB, s *Store, bucket, key []byte) []byte {
	t.Helper()
	var out []byte
	if err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucket).Get(key); v != nil {
			out = append([]byte{}, v...)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// keyCount returns the number of keys in bucket, or with a non-nil prefix
// the number of keys starting with it.
func keyCount(t testing.TB, s *Store, bucket, prefix []byte) int {
	t.Helper()
	n := 0
	if err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		for k, _ := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, _ = c.Next() {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// postingID returns the numeric id the store gave a posting.
func postingID(t testing.TB, s *Store, source, native string) uint64 {
	t.Helper()
	b := rawGet(t, s, bucketKeys, postingKey(source, native))
	if b == nil {
		t.Fatalf("posting %s/%s not stored", source, native)
	}
	return binary.BigEndian.Uint64(b)
}

// synthetic makes n realistic postings for source with 3–5 KB HTML
// descriptions drawn from a seeded source, so benchmarks are repeatable:
// sentences over a vocabulary of a few thousand words (infrastructure terms
// and generated ones), in paragraphs and lists, plus one of a few company
// boilerplate blocks, so they compress about as well as real postings do.
func synthetic(source string, n int, seed uint64) []skillpulse.Posting {
	r := rand.New(rand.NewPCG(seed, 7))
	words := strings.Fields(`we are looking for an experienced engineer to join our platform team
		you will design build and operate the infrastructure that powers our products kubernetes
		terraform aws gcp azure linux networking observability prometheus grafana ansible ci cd
		pipelines on call incident response automation python go bash security compliance
		scalability reliability cost collaborate with developers mentor improve tooling
		requirements years of experience strong understanding excellent communication skills
		benefits include competitive salary equity flexible hours remote friendly learning budget
		the a and or of to in with for on at by from as is are be our your their this that`)
	syll := strings.Fields("ka to ri ne mo sa lu ver gen tion al ic ous ment ing er pro con de re in ex ap ob")
	for range 3000 {
		var w strings.Builder
		for range 2 + r.IntN(3) {
			w.WriteString(syll[r.IntN(len(syll))])
		}
		words = append(words, w.String())
	}
	word := func() string {
		if r.IntN(2) == 0 { // common words come up far more often
			return words[r.IntN(120)]
		}
		return words[r.IntN(len(words))]
	}
	sentence := func(sb *strings.Builder) {
		for i := range 6 + r.IntN(14) {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(word())
		}
		sb.WriteString(". ")
	}
	boiler := make([]string, 4)
	for i := range boiler {
		var sb strings.Builder
		sb.WriteString("<h3>Why join us</h3><p>")
		for range 6 {
			sentence(&sb)
		}
		sb.WriteString("</p><p>We are an equal opportunity employer and value diversity at our company.</p>")
		boiler[i] = sb.String()
	}
	ps := make([]skillpulse.Posting, n)
	var sb strings.Builder
	for i := range ps {
		sb.Reset()
		size := 3000 + r.IntN(2000)
		sb.WriteString("<h3>About the role</h3><p>")
		for sb.Len() < size/2 {
			sentence(&sb)
		}
		sb.WriteString("</p><h3>Requirements</h3><ul>")
		for sb.Len() < size-len(boiler[0]) {
			sb.WriteString("<li>")
			sentence(&sb)
			sb.WriteString("</li>")
		}
		sb.WriteString("</ul>")
		sb.WriteString(boiler[i%len(boiler)])
		ps[i] = posting(source, fmt.Sprintf("%07d", 4000000+i), sb.String())
		ps[i].Title = []string{"Platform Engineer", "Senior SRE", "DevOps Engineer", "Infrastructure Engineer"}[r.IntN(4)]
		ps[i].Sections = nil
	}
	return ps
}

// evidenceTagger tags like the real extractor does in size: every skill
// word the description names, with the sentence it was found in (at most
// 200 bytes) as evidence, so version records are as large as in production.
type evidenceTagger struct{}

func (evidenceTagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	var t skillpulse.Tags
	sentences := strings.Split(p.Description, ". ")
	for _, skill := range strings.Fields(`kubernetes terraform aws gcp azure linux networking observability
		prometheus grafana ansible pipelines automation python go bash security compliance`) {
		for _, s := range sentences {
			if strings.Contains(s, skill) {
				t.Mentions = append(t.Mentions, skillpulse.Mention{SkillID: skill, Level: skillpulse.LevelRequired, Evidence: s[:min(len(s), 200)]})
				break
			}
		}
	}
	t.Seniority = skillpulse.SenioritySenior
	t.Language = "en"
	return t
}
