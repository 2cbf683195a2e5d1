package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// The benchmarks in this file are the store issue's scale targets. They
// build large stores and take a while; run them one at a time:
//
//	go test -run '^$' -bench Ingest100k -benchtime 1x ./store
//	go test -run '^$' -bench WeekReadYearHistory ./store

// skillIDs are the skills the precomputed tags draw from.
var skillIDs = strings.Fields(`aws gcp azure kubernetes terraform ansible linux docker helm
	prometheus grafana python go bash jenkins github-actions gitlab-ci postgres mysql redis
	kafka nginx istio vault argocd pulumi cloudformation datadog elk networking tcp-ip dns
	security iam sre on-call incident-response ci-cd git windows vmware openstack`)

// extractorTags makes tags shaped like the extractor's output for p: 10 to
// 16 mentions, mostly required or preferred, some with years, each with a
// sentence of the description as evidence (at most 200 bytes).
func extractorTags(p *skillpulse.Posting, r *rand.Rand) skillpulse.Tags {
	sentences := strings.Split(p.Description, ". ")
	t := skillpulse.Tags{Seniority: skillpulse.Seniority(1 + r.IntN(5)), Language: "en"}
	for _, i := range r.Perm(len(skillIDs))[:10+r.IntN(7)] {
		m := skillpulse.Mention{SkillID: skillIDs[i], Level: skillpulse.Level(1 + r.IntN(3))}
		if r.IntN(4) == 0 {
			m.Years = 1 + r.IntN(8)
		}
		s := sentences[r.IntN(len(sentences))]
		m.Evidence = strings.TrimSpace(s[:min(len(s), 200)])
		t.Mentions = append(t.Mentions, m)
	}
	if r.IntN(3) == 0 {
		t.Years = 2 + r.IntN(6)
	}
	return t
}

// precomputedTags is a Tagger that returns tags made beforehand, so a
// benchmark measures the store and not the tagging.
type precomputedTags map[string]skillpulse.Tags

func (pt precomputedTags) Tag(p *skillpulse.Posting) skillpulse.Tags { return pt[p.NativeID] }

// memPeak samples the heap while a benchmark runs. ReadMemStats stops the
// world, so it samples every 50ms only.
type memPeak struct {
	stop             chan struct{}
	stopOnce         sync.Once
	done             sync.WaitGroup
	base             uint64 // HeapInuse when sampling started
	baseLive         uint64 // live heap when sampling started
	heapInuse, sysMB uint64
	live             uint64 // largest live heap a collection left
}

// liveHeap is the heap the last collection found reachable.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func startMemPeak() *memPeak {
	runtime.GC()
	// On Linux, "5" resets the peak resident set size that VmHWM reports,
	// so the peak read at the end is this benchmark's, not the setup's.
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := liveHeap()
	m := &memPeak{stop: make(chan struct{}), base: ms.HeapInuse, heapInuse: ms.HeapInuse, sysMB: ms.Sys,
		baseLive: live, live: live}
	m.done.Go(func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-m.stop:
				m.sample()
				return
			case <-tick.C:
				m.sample()
			}
		}
	})
	return m
}

func (m *memPeak) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.heapInuse = max(m.heapInuse, ms.HeapInuse)
	m.sysMB = max(m.sysMB, ms.Sys)
	m.live = max(m.live, liveHeap())
}

// stopSampling ends sampling; report calls it if the benchmark did not.
func (m *memPeak) stopSampling() {
	m.stopOnce.Do(func() {
		close(m.stop)
		m.done.Wait()
	})
}

// report stops sampling and reports the peaks: the heap in use, the part of
// it above what the benchmark held before (its own postings), the live heap
// above the benchmark's, and the memory the runtime got from the OS.
func (m *memPeak) report(b *testing.B) {
	m.stopSampling()
	const mb = 1 << 20
	b.ReportMetric(float64(m.heapInuse)/mb, "peak-heap-MB")
	b.ReportMetric(float64(m.heapInuse-min(m.base, m.heapInuse))/mb, "store-heap-MB")
	b.ReportMetric(float64(m.live-min(m.baseLive, m.live))/mb, "store-live-MB")
	b.ReportMetric(float64(m.sysMB)/mb, "peak-sys-MB")
	if kb, ok := peakRSS(); ok {
		b.ReportMetric(float64(kb)/1024, "peak-rss-MB")
	}
}

// peakRSS reads the peak resident set size, in KiB, where the system
// reports one (Linux's VmHWM); it counts the mapped database pages too.
func peakRSS() (int64, bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// BenchmarkIngest100k stores 100 000 new postings with 3–5 KB descriptions
// and extractor-sized tags in one run, as a first crawl of a large
// configuration does, streamed through PutSeq, and then writes the same
// postings with their tags through bareIngest, the ceiling: a bbolt loop
// with the store's options writing them as JSON in transactions of
// batchSize. Both run in every iteration, so their ratios compare the two
// under the same load: ratio_vs_bare is the store's postings/s over the
// loop's writes alone (its JSON marshalled beforehand), ratio_vs_bare_json
// over the whole loop, marshalling included. It reports too the file's
// bytes per posting and their ratio to the postings' JSON (file/json; the
// loop's is bare-file/json). store-cores is the CPU time the process
// used while the store worked over that time: how much of the machine's
// two cores the store got (the bare loop uses one); ratio_vs_bare_cpu is
// the CPU time of the loop's writes over the store's, the work each does
// whatever the load.
//
// The postings and their tags live outside the Go heap (benchCorpus), so
// the heap figures are the store's: store-heap-MB is the largest heap in
// use while Put and Finish ran above what was in use before — what the
// store holds plus the garbage the collector lets build up over it before
// it runs (GOGC=100: up to as much again as is live) —, store-live-MB the
// largest live heap a collection found above the one before. peak-rss-MB
// counts the corpus's mapping and the database's mapped pages too.
//
// With -short (as CI runs it) it stores 5 000 postings in two batches
// only, to keep it compiling and running; its figures mean little.
func BenchmarkIngest100k(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 2 * batchSize
		b.Logf("-short: %d postings instead of 100 000", n)
	}
	ctx := context.Background()
	corpus := newIngestCorpus(b, n)
	defer corpus.close()
	var size, bareSize int64
	var st Stats
	var mem *memPeak
	var took, cpu, bareTook, bareCPU, bareJSONTook time.Duration
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench.db")
		s, err := Open(context.Background(), path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		mem = startMemPeak()
		b.StartTimer()
		start, startCPU := time.Now(), processCPU()
		w, err := s.BeginRun(ctx, day(0), "")
		if err != nil {
			b.Fatal(err)
		}
		c, err := w.PutSeq(ctx, "acme", corpus.postings(), corpus)
		if err != nil {
			b.Fatal(err)
		}
		if c.New != n {
			b.Fatalf("Put: %+v, want %d new", c, n)
		}
		if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(0).Add(runTook)); err != nil {
			b.Fatal(err)
		}
		took, cpu = took+time.Since(start), cpu+processCPU()-startCPU
		b.StopTimer()
		mem.stopSampling()
		if st, err = s.Stats(ctx); err != nil {
			b.Fatal(err)
		}
		s.Close()
		if size, err = statSize(path); err != nil {
			b.Fatal(err)
		}
		barePath := filepath.Join(b.TempDir(), "bare.db")
		all, writes, writesCPU, err := bareIngest(barePath, corpus)
		if err != nil {
			b.Fatal(err)
		}
		bareTook, bareCPU, bareJSONTook = bareTook+writes, bareCPU+writesCPU, bareJSONTook+all
		if bareSize, err = statSize(barePath); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	mem.report(b)
	rawJSON := corpus.rawJSON
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "postings/s")
	b.ReportMetric(float64(n*b.N)/bareTook.Seconds(), "bare-postings/s")
	b.ReportMetric(cpu.Seconds()/took.Seconds(), "store-cores")
	b.ReportMetric(bareCPU.Seconds()/cpu.Seconds(), "ratio_vs_bare_cpu")
	b.ReportMetric(bareTook.Seconds()/took.Seconds(), "ratio_vs_bare")
	b.ReportMetric(bareJSONTook.Seconds()/took.Seconds(), "ratio_vs_bare_json")
	b.ReportMetric(float64(size)/float64(n), "file-B/posting")
	b.ReportMetric(float64(st.DataBytes)/float64(n), "data-B/posting")
	b.ReportMetric(float64(rawJSON)/float64(n), "json-B/posting")
	b.ReportMetric(float64(size)/float64(rawJSON), "file/json")
	b.ReportMetric(float64(st.DataBytes)/float64(rawJSON), "data/json")
	b.ReportMetric(float64(bareSize)/float64(rawJSON), "bare-file/json")
}

// postingJSON is a posting with its tags as the postings' JSON, which the
// disk ratios are measured against, holds them.
type postingJSON struct {
	skillpulse.Posting
	Tags skillpulse.Tags `json:"tags"`
}

// bareIngest is the ceiling of BenchmarkIngest100k: it writes every posting
// of corpus with its tags as JSON under a sequential key into a new bbolt
// file at path, with the store's options, in transactions of batchSize. It
// returns how long it took in all, and how long the writes alone took and
// the CPU time they used: the JSON of each batch is marshalled before its
// transaction, outside those, so they are bbolt writing the same records
// and nothing else.
func bareIngest(path string, corpus *benchCorpus) (all, writes, writesCPU time.Duration, err error) {
	start := time.Now()
	db, err := bolt.Open(path, 0o644, boltOptions(DefaultLockTimeout))
	if err != nil {
		return 0, 0, 0, err
	}
	defer db.Close()
	recs := make([][]byte, 0, batchSize)
	for first := 0; first < corpus.n; first += batchSize {
		recs = recs[:0]
		for i := first; i < min(first+batchSize, corpus.n); i++ {
			rec, err := json.Marshal(postingJSON{corpus.posting(i), corpus.tags(i)})
			if err != nil {
				return 0, 0, 0, err
			}
			recs = append(recs, rec)
		}
		txStart, txCPU := time.Now(), processCPU()
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("postings"))
			if err != nil {
				return err
			}
			bk.FillPercent = appendFill
			for i, rec := range recs {
				if err := bk.Put(u64(uint64(first+i)), rec); err != nil {
					return err
				}
			}
			return nil
		})
		writes, writesCPU = writes+time.Since(txStart), writesCPU+processCPU()-txCPU
		if err != nil {
			return 0, 0, 0, err
		}
	}
	if err := db.Close(); err != nil {
		return 0, 0, 0, err
	}
	return time.Since(start), writes, writesCPU, nil
}

func statSize(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// yearHistory is a store holding a year of nightly runs, built once per
// benchmark process.
var yearHistory struct {
	once sync.Once
	dir  string
	path string
	err  error
	took time.Duration
	runs int
}

// yearLive is how many postings are live on any night of the year history.
const yearLive = 5000

// buildYearHistory stores 364 nightly runs (52 ISO weeks) over yearLive
// postings with 3–5 KB descriptions and extractor-sized tags: each night
// 3% change, 1% are new and 1% go (and close once the grace period is
// over).
func buildYearHistory() (string, error) {
	y := &yearHistory
	y.once.Do(func() {
		start := time.Now()
		if y.dir, y.err = os.MkdirTemp("", "skillpulse-year-*"); y.err != nil {
			return
		}
		y.path = filepath.Join(y.dir, "year.db")
		s, err := Open(context.Background(), y.path, Options{})
		if err != nil {
			y.err = err
			return
		}
		defer s.Close()
		ctx := context.Background()
		const nights = 364
		ps := synthetic("acme", yearLive+nights*yearLive/100, 52)
		r := rand.New(rand.NewPCG(52, 1))
		tags := precomputedTags{}
		for i := range ps {
			tags[ps[i].NativeID] = extractorTags(&ps[i], r)
		}
		live, spare := slices.Clone(ps[:yearLive]), ps[yearLive:]
		for d := range nights {
			if d > 0 {
				live = live[yearLive/100:]
				for i := d % 33; i < len(live); i += 33 {
					live[i].Description += fmt.Sprintf(" Updated on night %d.", d)
					tags[live[i].NativeID] = extractorTags(&live[i], r)
				}
				live = append(live, spare[:yearLive/100]...)
				spare = spare[yearLive/100:]
			}
			w, err := s.BeginRun(ctx, day(d), "")
			if err != nil {
				y.err = err
				return
			}
			if _, err := w.Put(ctx, "acme", live, tags); err != nil {
				y.err = err
				return
			}
			if _, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "acme"}}, day(d).Add(runTook)); err != nil {
				y.err = err
				return
			}
			y.runs++
		}
		y.took = time.Since(start)
	})
	return y.path, y.err
}

// TestMain removes the year history, if a benchmark built one.
func TestMain(m *testing.M) {
	code := m.Run()
	if yearHistory.dir != "" {
		os.RemoveAll(yearHistory.dir)
	}
	os.Exit(code)
}

// BenchmarkWeekReadYearHistory times a weekly report's reads — the week's
// aggregate and every posting live in it, with and without descriptions,
// and as ForEachCounted reads them for a report — in week 2 and in week 52 of a
// store holding a year of nightly runs, to show that their cost does not
// grow with history. The store (about 350 MB) is built on first use, in
// one to seven minutes on two cores depending on load, in a temporary
// directory that TestMain removes.
func BenchmarkWeekReadYearHistory(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of 100k postings or a year of runs: minutes; run without -short")
	}
	path, err := buildYearHistory()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("year history: %d runs, built in %s", yearHistory.runs, yearHistory.took.Round(time.Second))
	s, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if fi, err := os.Stat(path); err == nil {
		b.Logf("year history file: %.1f MB", float64(fi.Size())/(1<<20))
	}
	for _, week := range []int{2, 52} {
		w := skillpulse.WeekOf(day(7 * (week - 1)))
		b.Run(fmt.Sprintf("week%02d/WeekAggregate", week), func(b *testing.B) {
			mem := startMemPeak()
			for b.Loop() {
				agg, err := s.WeekAggregate(ctx, w)
				if err != nil {
					b.Fatal(err)
				}
				if agg.Snapshots != 7 || agg.Postings < yearLive {
					b.Fatalf("week %s: %d snapshots, %d postings", w, agg.Snapshots, agg.Postings)
				}
			}
			mem.report(b)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
		walks := []struct {
			name string
			walk func(context.Context, time.Time, time.Time, func(*skillpulse.StoredPosting) error) error
		}{{"ForEachLive", s.ForEachLive}, {"ForEachLiveTags", s.ForEachLiveTags},
			{"ForEachCounted", func(ctx context.Context, from, _ time.Time, fn func(*skillpulse.StoredPosting) error) error {
				_, err := s.ForEachCounted(ctx, skillpulse.WeekOf(from), fn)
				return err
			}}}
		for _, walk := range walks {
			b.Run(fmt.Sprintf("week%02d/%s", week, walk.name), func(b *testing.B) {
				mem := startMemPeak()
				count := 0
				for b.Loop() {
					count = 0
					err := walk.walk(ctx, w.Start(), w.End(), func(*skillpulse.StoredPosting) error { count++; return nil })
					if err != nil {
						b.Fatal(err)
					}
					if count < yearLive {
						b.Fatalf("week %s: %d live postings", w, count)
					}
				}
				mem.report(b)
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
				b.ReportMetric(float64(count), "postings")
			})
		}
	}
}
