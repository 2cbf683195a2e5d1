package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

// TestMaintenanceKilledAtRandomPointsLosesNothing kills the commands that
// rewrite a store (retag, db compact, db repair, import) and one that only
// reads it (report) with SIGKILL at random moments of their work, and
// checks after every kill that the store opens, that db check finds it
// sound, and that no posting was lost: an import adds all of its postings
// or none.
func TestMaintenanceKilledAtRandomPointsLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and rewrites a store of thousands of postings dozens of times")
	}
	dir := t.TempDir()
	if code, out, stderr := cli(t, "", "--log-level", "error", "demo", "--weeks", "4", "--out", dir); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	demoDB := filepath.Join(dir, "skillpulse.db")
	code, exported, stderr := cli(t, "", "--db", demoDB, "export")
	if code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	// Copies of the demo's postings under other ids make the store big
	// enough that every command takes a while to kill in.
	base := filepath.Join(dir, "base.db")
	copyFile(t, demoDB, base)
	bin := buildBinary(t)
	work := filepath.Join(dir, "work.db")
	sp := binary{t: t, path: bin, config: writeFile(t, dir, "c.yaml", fmt.Sprintf(
		"storage: {path: %s}\nsources:\n  - {name: a, type: greenhouse, board: a, base_url: \"http://127.0.0.1:9\", allow_private: true}\n", work))}
	copyFile(t, base, work)
	sp.must("import", writeFile(t, dir, "copies.jsonl", renamedCopies(t, exported, "c", 6)))
	copyFile(t, work, base)
	postings := func() int {
		var st struct{ Postings int }
		if err := json.Unmarshal(sp.must("db", "stats", "--json"), &st); err != nil {
			t.Fatal(err)
		}
		return st.Postings
	}
	stored := postings()
	more := writeFile(t, dir, "more.jsonl", renamedCopies(t, exported, "m", 2))
	added := 2 * strings.Count(exported, "\n")
	week := skillpulse.WeekOf(time.Now().UTC()).String()

	rng := rand.New(rand.NewPCG(3, 4)) // fixed seed: a failure can be replayed
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"retag", []string{"retag"}},
		{"db compact", []string{"db", "compact"}},
		{"db repair", []string{"db", "repair"}},
		{"import", []string{"import", more}},
		{"report", []string{"report", "--week", week, "--out", filepath.Join(dir, "reports")}},
	} {
		args := tc.args
		t.Run(tc.name, func(t *testing.T) {
			// Whole runs measure the command on this machine now; the
			// kills fall in the first three quarters of the quicker.
			took := time.Duration(1<<63 - 1)
			for range 2 {
				copyFile(t, base, work)
				start := time.Now()
				sp.must(args...)
				took = min(took, time.Since(start))
			}
			killed := 0
			for i := range 4 {
				copyFile(t, base, work)
				cmd := sp.cmd(args...)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				delay := time.Duration(rng.Int64N(int64(took) * 3 / 4))
				select {
				case <-done: // finished before the kill: also fine
				case <-time.After(delay):
					cmd.Process.Kill()
					if err := <-done; err != nil {
						killed++
					}
				}
				if out, err := sp.cmd("db", "check").CombinedOutput(); err != nil {
					t.Fatalf("kill %d after %v of %v: db check: %v\n%s", i, delay, took, err, out)
				}
				n := postings()
				if n != stored && (args[0] != "import" || n != stored+added) {
					t.Fatalf("kill %d after %v of %v: %d postings stored, want %d (or %d after a whole import)", i, delay, took, n, stored, stored+added)
				}
			}
			if killed == 0 {
				t.Errorf("every run ended before its kill (a whole run took %v): nothing was tested", took)
			}
		})
	}
}

// renamedCopies returns n copies of an export's postings, each under ids
// (and titles) of its own, so that none is the same job as another.
func renamedCopies(t *testing.T, exported, tag string, n int) string {
	t.Helper()
	var b strings.Builder
	for k := range n {
		sc := bufio.NewScanner(strings.NewReader(exported))
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var rec map[string]any
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			rec["native_id"] = fmt.Sprintf("%s-%s%d", rec["native_id"], tag, k)
			rec["title"] = fmt.Sprintf("%s %s%d", rec["title"], tag, k)
			var own []any
			for _, o := range rec["origins"].([]any) {
				if o.(map[string]any)["source"] == rec["source"] {
					own = append(own, o)
				}
			}
			rec["origins"] = own
			line, err := json.Marshal(rec)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}
