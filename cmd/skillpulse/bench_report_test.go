package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/store"
)

// BenchmarkReportYear runs `skillpulse report` end to end — the built
// binary, as a user runs it — for week 2 and week 52 of a store holding a
// year of nightly runs of 5,000 live postings, and `skillpulse taxonomy`,
// the ceiling: a process that starts, loads its configuration and
// taxonomy, prints, and exits. Both run in every iteration, so
// ratio_vs_start (the report's wall time over the taxonomy's) compares
// them under the same load; the aim is at most 2, the same for week 2 as
// for week 52.
//
// The store is built once, in a minute or several on two cores: 364 runs
// in which 1% of the postings are new, 1% go and 3% change, tagged by the
// real extractor. With -short (as CI runs it) the history is 14 nights of
// 300 postings, to keep the benchmark compiling and running; its figures
// mean little.
func BenchmarkReportYear(b *testing.B) {
	nights, live := 364, 5000
	if testing.Short() {
		nights, live = 21, 300
		b.Logf("-short: %d nights of %d live postings instead of a year of 5,000", nights, live)
	}
	h := &reportHistory
	h.once.Do(func() {
		if h.dir, h.err = os.MkdirTemp("", "skillpulse-report-*"); h.err != nil {
			return
		}
		h.bin = filepath.Join(h.dir, "skillpulse")
		if out, err := exec.Command("go", "build", "-o", h.bin, ".").CombinedOutput(); err != nil {
			h.err = fmt.Errorf("go build: %w\n%s", err, out)
			return
		}
		h.db = filepath.Join(h.dir, "year.db")
		start := time.Now()
		h.err = buildNightlyHistory(h.db, nights, live)
		h.took = time.Since(start)
	})
	if h.err != nil {
		b.Fatal(h.err)
	}
	b.Logf("history: %d nights of %d live postings, built in %s", nights, live, h.took.Round(time.Second))
	bin, db := h.bin, h.db
	weeks := []int{2, nights / 7}
	for _, week := range weeks {
		w := skillpulse.WeekOf(historyStart.AddDate(0, 0, 7*(week-1)))
		b.Run(fmt.Sprintf("week%02d", week), func(b *testing.B) {
			out := b.TempDir()
			var took, startTook time.Duration
			for b.Loop() {
				t0 := time.Now()
				runBinary(b, bin, "--db", db, "--log-level", "error", "report", "--week", w.String(), "--out", out)
				took += time.Since(t0)
				b.StopTimer()
				t0 = time.Now()
				runBinary(b, bin, "--log-level", "error", "taxonomy", "--format", "json")
				startTook += time.Since(t0)
				b.StartTimer()
			}
			n := float64(b.N)
			b.ReportMetric(float64(took.Microseconds())/1000/n, "report-ms")
			b.ReportMetric(float64(startTook.Microseconds())/1000/n, "start-ms")
			b.ReportMetric(took.Seconds()/startTook.Seconds(), "ratio_vs_start")
		})
		// The same report in this process, for -cpuprofile to see into.
		b.Run(fmt.Sprintf("week%02d/in-process", week), func(b *testing.B) {
			out := b.TempDir()
			args := []string{"--db", db, "--log-level", "error", "report", "--week", w.String(), "--out", out}
			for b.Loop() {
				var stdout, stderr strings.Builder
				if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
					b.Fatalf("skillpulse %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
				}
			}
		})
	}
}

// reportHistory is the binary and the store BenchmarkReportYear uses, built
// once per test process; TestMain removes them.
var reportHistory struct {
	once         sync.Once
	dir, bin, db string
	took         time.Duration
	err          error
}

// TestMain removes what BenchmarkReportYear and buildBinary built, if
// they ran.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{reportHistory.dir, builtBinary.dir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// runBinary runs bin with args, failing b if it exits non-zero.
func runBinary(b *testing.B, bin string, args ...string) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SKILLPULSE_CONFIG=", "SKILLPULSE_DB=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("skillpulse %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
}

// historyStart is the first night of the history: the Monday of ISO week
// 2026-W02, so that week n of the history is week n of 2026.
var historyStart = time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC)

// buildNightlyHistory writes to path a store of nights nightly runs over
// live postings: each night after the first, 1% of them go, 3% change and
// 1% are new; postings that went close once the grace period is over.
// Postings are tagged by the real extractor.
func buildNightlyHistory(path string, nights, live int) error {
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	tax, err := extract.DefaultTaxonomy()
	if err != nil {
		return err
	}
	tagger := extract.NewTagger(tax)
	ctx := context.Background()
	churn := max(1, live/100)
	r := rand.New(rand.NewPCG(52, 1))
	next := 0
	newPosting := func() skillpulse.Posting {
		next++
		return historyPosting(r, next)
	}
	postings := make([]skillpulse.Posting, live)
	for i := range postings {
		postings[i] = newPosting()
	}
	for d := range nights {
		if d > 0 {
			postings = postings[churn:]
			for i := d % 33; i < len(postings); i += 33 {
				postings[i].Description += fmt.Sprintf("<p>Updated on night %d.</p>", d)
			}
			for range churn {
				postings = append(postings, newPosting())
			}
		}
		night := historyStart.AddDate(0, 0, d)
		w, err := s.BeginRun(ctx, night, "")
		if err != nil {
			return err
		}
		if _, err := w.Put(ctx, "acme", postings, tagger); err != nil {
			return err
		}
		if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme", Type: "greenhouse"}}, night.Add(time.Minute)); err != nil {
			return err
		}
	}
	return s.Close()
}

// historyPosting is posting n of the history: an infrastructure job whose
// description names a handful of skills in requirement sentences, as real
// postings do, so that the extractor finds 5 to 12 mentions.
func historyPosting(r *rand.Rand, n int) skillpulse.Posting {
	skills := strings.Split("Terraform,Kubernetes,AWS,GCP,Azure,Linux,Ansible,Docker,Helm,Prometheus,Grafana,"+
		"Python,Go,Bash,Jenkins,GitHub Actions,PostgreSQL,Redis,Kafka,Nginx,Vault,Argo CD,Pulumi,Datadog,"+
		"Elasticsearch,networking,DNS,Istio,CloudFormation,OpenStack", ",")
	titles := []string{"Site Reliability Engineer", "Senior Platform Engineer", "DevOps Engineer",
		"Cloud Infrastructure Engineer", "Staff SRE", "Junior Systems Engineer"}
	var desc strings.Builder
	desc.WriteString("<h2>About the role</h2><p>You will run the infrastructure behind our product, " +
		"from the network to the deployment pipelines, with a team that values blameless reviews.</p>" +
		"<h2>Requirements</h2><ul>")
	for i, k := range r.Perm(len(skills))[:5+r.IntN(8)] {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&desc, "<li>%d+ years of experience with %s in production</li>", 1+r.IntN(7), skills[k])
		case 1:
			fmt.Fprintf(&desc, "<li>Strong knowledge of %s</li>", skills[k])
		default:
			fmt.Fprintf(&desc, "<li>Nice to have: %s</li>", skills[k])
		}
	}
	desc.WriteString("</ul><h2>Benefits</h2><p>Remote friendly, learning budget, on-call paid fairly.</p>")
	return skillpulse.Posting{
		Source: "acme", NativeID: fmt.Sprintf("%07d", 4000000+n), Title: titles[r.IntN(len(titles))],
		URL: fmt.Sprintf("https://boards.example.com/acme/jobs/%d", n), Company: "Acme",
		Location: "Remote", Description: desc.String(),
	}
}
