//go:build unix

package extract

import (
	"syscall"
	"testing"
	"time"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// processCPU is the CPU time (user and system) the process has used.
func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractCPU is BenchmarkExtract measured in CPU time rather than
// wall time, for a machine shared with other work: each iteration tags
// the real corpus once and runs the plain Aho–Corasick matcher over it
// once, back to back, and the two CPU times give cpu-MB/s each and their
// ratio (x-matcher-cpu). Run it with -cpu 1: with one P the garbage
// collector's work is charged to the pass that made the garbage.
func BenchmarkExtractCPU(b *testing.B) {
	g := newTestTagger(b)
	posts, docs, raw, size := realInputs(b)
	var patterns []string
	for _, s := range g.Taxonomy().Skills() {
		patterns = append(patterns, g.Taxonomy().Aliases(s.ID)...)
	}
	builder := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
		AsciiCaseInsensitive: true,
		MatchOnlyWholeWords:  true,
		MatchKind:            ahocorasick.LeftMostLongestMatch,
		DFA:                  true,
	})
	ac := builder.Build(patterns)
	var tagCPU, matchCPU time.Duration
	found := 0
	b.SetBytes(size)
	for b.Loop() {
		c0 := processCPU(b)
		for _, p := range posts {
			g.Tag(p)
		}
		for _, d := range docs {
			g.TagDocument(d)
		}
		c1 := processCPU(b)
		for _, t := range raw {
			found += len(ac.FindAll(t))
		}
		tagCPU, matchCPU = tagCPU+c1-c0, matchCPU+processCPU(b)-c1
	}
	n := float64(size) * float64(b.N) / 1e6
	b.ReportMetric(n/tagCPU.Seconds(), "cpu-MB/s")
	b.ReportMetric(n/matchCPU.Seconds(), "matcher-cpu-MB/s")
	b.ReportMetric(matchCPU.Seconds()/tagCPU.Seconds(), "x-matcher-cpu")
	_ = found
}
