package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveFind is the obviously correct reference: every occurrence of every
// pattern, ASCII case folded, ordered by end then pattern index.
func naiveFind(patterns []string, text string) []acMatch {
	lower := strings.ToLower(text) // the tests use ASCII only
	var out []acMatch
	for end := 1; end <= len(text); end++ {
		for p, pat := range patterns {
			if len(pat) <= end && lower[end-len(pat):end] == pat {
				out = append(out, acMatch{pat: int32(p), start: int32(end - len(pat)), end: int32(end)})
			}
		}
	}
	return out
}

func sortMatches(m []acMatch) {
	slices.SortFunc(m, func(a, b acMatch) int {
		if a.end != b.end {
			return int(a.end - b.end)
		}
		return int(a.pat - b.pat)
	})
}

func TestAutomatonMatchesNaive(t *testing.T) {
	patterns := []string{"he", "she", "his", "hers", "terraform", "terraform cloud", "c", "c++", "go", "golang", "k8s", "a"}
	texts := []string{
		"ushers", "Terraform Cloudflare and TERRAFORM CLOUD", "C/C++ and golang; Go", "k8s k8sk8s", "", "aaaa",
		"no pattern here?", "hishershe",
	}
	a := newAutomaton(patterns)
	for _, text := range texts {
		got := a.findAll(text, nil)
		want := naiveFind(patterns, text)
		sortMatches(got)
		sortMatches(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}

// TestAutomatonWideTable exercises the 32-bit table used when a taxonomy
// compiles to more states than 16 bits can index.
func TestAutomatonWideTable(t *testing.T) {
	var patterns []string
	for i := range 16000 {
		patterns = append(patterns, fmt.Sprintf("skill%05dxyzw", i))
	}
	a := newAutomaton(patterns)
	if a.delta16 != nil {
		t.Fatalf("expected the 32-bit table for %d states", len(a.out))
	}
	text := "use skill00042xyzw and SKILL15999XYZW daily"
	got := a.findAll(text, nil)
	if len(got) != 2 || got[0].pat != 42 || got[1].pat != 15999 {
		t.Errorf("got %v", got)
	}
}

// TestAnchoredMatchesAll checks findAnchored against findAll: the same
// occurrences, less those starting right after a word byte or ending
// right before one.
func TestAnchoredMatchesAll(t *testing.T) {
	patterns := []string{"he", "she", "his", "hers", "terraform", "terraform cloud", "c", "c++", ".net", "asp.net", "go", "golang", "k8s", "a", "-", "e-"}
	texts := []string{
		"ushers", "Terraform Cloudflare and TERRAFORM CLOUD", "C/C++ and golang; Go", "k8s k8sk8s", "", "aaaa",
		"no pattern here?", "his hers she", "ASP.NET and .NET", "a-e-", "\xffgo \xc3\xa9go", "_go go_",
		"golang gox go. he: she's hershey c++x c+ c++", "terraform cloudy terraform cloud",
	}
	for _, wide := range []bool{false, true} {
		a := newAutomaton(patterns)
		if wide && a.delta16 != nil {
			a.delta = make([]int32, len(a.delta16))
			for i, v := range a.delta16 {
				a.delta[i] = int32(v)
			}
			a.delta16 = nil
		}
		for _, text := range texts {
			var want []acMatch
			for _, m := range a.findAll(text, nil) {
				if (m.start == 0 || !isWordByte(text[m.start-1])) && (int(m.end) == len(text) || !isWordByte(text[m.end])) {
					want = append(want, m)
				}
			}
			got := a.findAnchored(text, nil)
			sortMatches(got)
			sortMatches(want)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q (wide %v):\n got %v\nwant %v", text, wide, got, want)
			}
		}
	}
}

// TestAnchoredMatchesAllOnTheTaxonomy runs the same check with the
// default taxonomy's patterns, on text built from them: aliases, parts
// and runs of them glued to words and punctuation, in mixed case, where
// the word filter and the walk meet every kind of word end.
func TestAnchoredMatchesAllOnTheTaxonomy(t *testing.T) {
	g := newTestTagger(t)
	var patterns []string
	for _, e := range g.tax.entries {
		for _, a := range append(append([]string(nil), e.Aliases...), e.Exact...) {
			patterns = append(patterns, strings.ToLower(a))
		}
	}
	a := g.ac
	seps := []string{" ", ", ", ".", "-", "/", "(", ")", "x", "ing", "_", "9", "é", "\n", "++", "#"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			p := patterns[rng.IntN(len(patterns))]
			if rng.IntN(3) == 0 {
				p = p[:rng.IntN(len(p)+1)]
			}
			if rng.IntN(2) == 0 {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		text := b.String()
		var want []acMatch
		for _, m := range a.findAll(text, nil) {
			if (m.start == 0 || !isWordByte(text[m.start-1])) && (int(m.end) == len(text) || !isWordByte(text[m.end])) {
				want = append(want, m)
			}
		}
		got := a.findAnchored(text, nil)
		tally := langTally{stop: testStop}
		_, _, scanned := testCues.sentenceTriggers(text, &tally, a, nil)
		if fmt.Sprint(scanned) != fmt.Sprint(got) {
			t.Fatalf("%q: the trigger scan finds\n%v\nfindAnchored\n%v", text, scanned, got)
		}
		sortMatches(got)
		sortMatches(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}
