package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// hostileShapes are valid descriptions up to skillpulse.MaxDescription
// that a hostile board could serve to make a rule's work grow faster than
// the text: one short sentence repeated (every sentence a hit on the
// title's own word) and a word salad of skill names, cue words and
// punctuation with no sentence end for thousands of words.
func hostileShapes() []struct{ name, title, text string } {
	words := strings.Fields("the a of kubernetes security monitoring automation go python aws docker linux ( ) required preferred years experience with and , . - : plus nice")
	r := rand.New(rand.NewPCG(1, 1))
	salad := make([]string, 45000)
	for i := range salad {
		salad[i] = words[r.IntN(len(words))]
	}
	return []struct{ name, title, text string }{
		{"repeated-sentence", "Security Engineer", strings.Repeat("We need security. ", 14000)},
		{"word-salad", "Security Engineer", strings.Join(salad, " ")},
	}
}

// BenchmarkExtractHostile tags each hostile shape (about 250 KB each) and
// reports MB/s beside the rate on normal text measured in the same run:
// the labelled postings grown to real ATS size (see atsPostings), tagged
// before the sub-benchmarks (testing.Benchmark cannot nest). x-normal is
// the ratio. Linear work keeps it within a small factor of normal text; a
// rule that rescans the document per hit drops it by orders of magnitude.
func BenchmarkExtractHostile(b *testing.B) {
	g := newTestTagger(b)
	posts, size := atsPostings(b)
	passes := 0
	start := time.Now()
	for passes < 3 || time.Since(start) < 500*time.Millisecond {
		for _, p := range posts {
			g.Tag(p)
		}
		passes++
	}
	normalMBs := float64(size) * float64(passes) / time.Since(start).Seconds() / 1e6
	for _, s := range hostileShapes() {
		b.Run(s.name, func(b *testing.B) {
			p := &skillpulse.Posting{Title: s.title, Description: s.text}
			if len(p.Description) > skillpulse.MaxDescription {
				b.Fatalf("shape is %d bytes, over MaxDescription", len(p.Description))
			}
			b.SetBytes(int64(len(s.text)))
			start := time.Now()
			for b.Loop() {
				g.Tag(p)
			}
			mbs := float64(len(s.text)) * float64(b.N) / time.Since(start).Seconds() / 1e6
			b.ReportMetric(normalMBs, "normal-MB/s")
			b.ReportMetric(mbs/normalMBs, "x-normal")
		})
	}
}

// TestHostileWorkIsLinear counts, without timing anything, the bytes the
// per-hit document- and sentence-wide rules read (doc.reads) for the
// first quarter and the first half of each hostile shape: twice the text
// must cost at most about twice the reads. A rule that rescans the
// document per hit reads four times as much for twice the text.
func TestHostileWorkIsLinear(t *testing.T) {
	g := newTestTagger(t)
	shapes := hostileShapes()
	shapes = append(shapes, struct{ name, title, text string }{"one word repeated", "Security Engineer", strings.Repeat("security ", 28000)})
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			reads := func(text string) int {
				_, n := g.tagPosting(&skillpulse.Posting{Title: s.title, Description: text})
				return n
			}
			quarter, half := reads(s.text[:len(s.text)/4]), reads(s.text[:len(s.text)/2])
			if quarter == 0 {
				t.Fatalf("no bytes counted for %d bytes of %s: the counter is not counting", len(s.text)/4, s.name)
			}
			if ratio := float64(half) / float64(quarter); ratio > 2.25 {
				t.Errorf("reads grew %.2f× for twice the text (%d → %d bytes read): a rule rescans per hit", ratio, quarter, half)
			}
		})
	}
}
