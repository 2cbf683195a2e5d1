package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// damagedStoreTemplate writes a store with a few weeks of history and
// returns its file's bytes and page size.
func damagedStoreTemplate(t *testing.T) ([]byte, int) {
	t.Helper()
	s := openTest(t, Options{})
	lifecycleHistory(t, s)
	crawl(t, s, day(20), map[string][]skillpulse.Posting{"bulk": synthetic("bulk", 300, 7)}, []skillpulse.SourceOutcome{{Name: "bulk"}})
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b, pageSize
}

// useDamaged runs every reading and writing call of the store on the file
// at path and returns the errors they gave. None may panic or fault: the
// test binary would die.
func useDamaged(t *testing.T, path string) (errs []error, check CheckResult) {
	ctx := context.Background()
	note := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, ro := range []bool{true, false} {
		s, err := Open(context.Background(), path, Options{ReadOnly: ro, LockTimeout: time.Second})
		if err != nil {
			note(err)
			continue
		}
		_, err = s.Runs(ctx, 0)
		note(err)
		_, err = s.Stats(ctx)
		note(err)
		res, err := s.Check(ctx)
		note(err)
		if ro {
			check = res
		}
		_, err = s.Export(ctx, io.Discard, FormatJSONL, time.Time{})
		note(err)
		_, err = s.Backup(ctx, io.Discard)
		note(err)
		_, err = s.WeekAggregate(ctx, skillpulse.WeekOf(day(3)))
		note(err)
		note(s.ForEachLiveTags(ctx, day(0), day(30), func(*skillpulse.StoredPosting) error { return nil }))
		_, err = s.ForEachCountedIn(ctx, []skillpulse.Week{skillpulse.WeekOf(day(3)), skillpulse.WeekOf(day(10))}, func(*skillpulse.StoredPosting, uint64) error { return nil })
		note(err)
		_, _, err = s.WeeksSkillPostings(ctx, []skillpulse.Week{skillpulse.WeekOf(day(3)), skillpulse.WeekOf(day(10))})
		note(err)
		_, err = s.Snapshots(ctx, day(0), day(30))
		note(err)
		if !ro {
			if w, err := s.BeginRun(ctx, day(40), "cfg"); err != nil {
				note(err)
			} else {
				_, err = w.Put(ctx, "bulk", synthetic("bulk", 50, 9), &countingTagger{})
				note(err)
				_, err = w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "bulk"}}, day(40).Add(time.Hour))
				note(err)
			}
		}
		s.Close()
	}
	return errs, check
}

// TestDamagedFilesAreErrorsNamingTheFile truncates a store, zeroes its
// meta pages and zeroes pages in use: every call fails with an error naming
// the file (and saying to run db check when it is damage), or works; Check
// finds every zeroed page. Bytes flipped and spans zeroed anywhere in the
// pages are TestSeededDamage's.
func TestDamagedFilesAreErrorsNamingTheFile(t *testing.T) {
	tmpl, ps := damagedStoreTemplate(t)
	rng := rand.New(rand.NewPCG(13, 13)) // fixed: a failure replays
	type damage struct {
		name       string
		damage     func([]byte) []byte
		mustFail   bool   // every use must fail (the file cannot be opened)
		wantInOpen string // what the open error must say
	}
	cases := []damage{
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }, true, "the file is truncated"},
		{"truncated by one page", func(b []byte) []byte { return b[:len(b)-ps] }, false, ""},
		{"truncated to 100 bytes", func(b []byte) []byte { return b[:100] }, true, "truncated"},
		{"truncated inside the second meta page", func(b []byte) []byte { return b[:ps+40] }, true, "truncated"},
		{"both meta pages zeroed", func(b []byte) []byte { clear(b[:2*ps]); return b }, true, "neither of its two meta pages is valid"},
		{"first meta page zeroed", func(b []byte) []byte { clear(b[:ps]); return b }, false, ""},
	}
	// Pages in use, as the walk reaches them: zeroing a free page is no
	// damage at all.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.db"), tmpl, 0o644)
	f, _ := os.Open(filepath.Join(dir, "t.db"))
	m, err := readMeta(f, int64(len(tmpl)))
	if err != nil {
		t.Fatal(err)
	}
	w := &walker{f: f, ps: int64(ps), hwm: m.pgid, seen: map[uint64]bool{0: true, 1: true}, limit: 1}
	w.bucket(m.root, nil, "root", 0)
	f.Close()
	// First pages only: the end of a value's last overflow page may be
	// slack that nothing reads.
	var inUse []int
	for _, id := range w.heads {
		inUse = append(inUse, int(id))
	}
	slices.Sort(inUse)
	for i := range 8 {
		pg := inUse[rng.IntN(len(inUse))]
		cases = append(cases, damage{name: "page zeroed " + string(rune('a'+i)), damage: func(b []byte) []byte {
			clear(b[pg*ps : (pg+1)*ps])
			return b
		}})
	}
	zeroedFound := 0
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			if err := os.WriteFile(path, tc.damage(append([]byte(nil), tmpl...)), 0o644); err != nil {
				t.Fatal(err)
			}
			errs, check := useDamaged(t, path)
			if strings.HasPrefix(tc.name, "page zeroed") {
				switch {
				case check.ProblemCount > 0 && len(check.Problems) > 0:
					zeroedFound++
				case len(errs) > 0 && errors.Is(errs[0], ErrCorrupt):
					zeroedFound++ // refused at Open, before Check could run
				}
			}
			if tc.mustFail && len(errs) != 2 {
				t.Errorf("%d errors, want both opens refused: %v", len(errs), errs)
			}
			for _, err := range errs {
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error does not name the file: %v", err)
				}
				if msg := err.Error(); errors.Is(err, ErrCorrupt) && !strings.Contains(msg, "db check") && !strings.Contains(msg, "from a backup") {
					t.Errorf("error does not say what to do (run db check, restore from a backup): %v", err)
				}
				if tc.wantInOpen != "" && !strings.Contains(err.Error(), tc.wantInOpen) {
					t.Errorf("error %q does not say %q", err, tc.wantInOpen)
				}
				if tc.mustFail && !errors.Is(err, ErrCorrupt) {
					t.Errorf("error does not wrap ErrCorrupt: %v", err)
				}
			}
		})
	}
	if zeroedFound != 8 {
		t.Errorf("Check found problems in %d of 8 files with a page in use zeroed, want all (or Open to refuse them)", zeroedFound)
	}
}

// TestIncompatibleValueIsADamagedFile checks that bbolt's "incompatible
// value" — a value where a bucket belongs or the reverse, which a flipped
// flag on a damaged page makes a Put meet — is an error wrapping
// ErrCorrupt that names the file, like every other sign of damage.
func TestIncompatibleValueIsADamagedFile(t *testing.T) {
	s := openTest(t, Options{})
	err := s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		return fmt.Errorf("posting 7: %w", bolterrors.ErrIncompatibleValue)
	})
	if !errors.Is(err, ErrCorrupt) || !errors.Is(err, bolterrors.ErrIncompatibleValue) {
		t.Errorf("error %v, want one wrapping ErrCorrupt and bbolt's", err)
	}
	if err == nil || strings.Count(err.Error(), s.Path()) != 1 {
		t.Errorf("error %v does not name the file %s once", err, s.Path())
	}
}

func TestCheckListsWhatItFound(t *testing.T) {
	tmpl, ps := damagedStoreTemplate(t)
	path := filepath.Join(t.TempDir(), "damaged.db")
	problems, err := func() ([]string, error) {
		os.WriteFile(path, tmpl, 0o644)
		return walkPages(path, 10)
	}()
	if err != nil || len(problems) != 0 {
		t.Fatalf("the undamaged file: %v, %q", err, problems)
	}
	// Zero the root page of the meta page's root bucket: every bucket is
	// then out of reach.
	m, err := readMeta(bytes.NewReader(tmpl), int64(len(tmpl)))
	if err != nil {
		t.Fatal(err)
	}
	clear(tmpl[int(m.root)*ps : int(m.root+1)*ps])
	if err := os.WriteFile(path, tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path, Options{ReadOnly: true})
	if !errors.Is(err, ErrCorrupt) || strings.Count(err.Error(), path) != 1 {
		t.Errorf("Open error %v, want ErrCorrupt naming the file once", err)
	}
	res, err := CheckFile(context.Background(), path, Options{ReadOnly: true})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Errorf("CheckFile error %v, want ErrCorrupt naming the file", err)
	}
	want := fmt.Sprintf("pages: page %d (root): the page says it is page 0 (zeroed or overwritten)", m.root)
	if res.ProblemCount != 1 || len(res.Problems) != 1 || res.Problems[0] != want {
		t.Errorf("Check listed %d: %q, want %q", res.ProblemCount, res.Problems, want)
	}
}

func TestDamageErrorsNameTheFileOnceAndSayWhatToDo(t *testing.T) {
	const path = "/data/skillpulse.db"
	cases := []struct {
		name    string
		err     error
		want    string
		corrupt bool
	}{
		{"no error stays none", nil, "", false},
		{"a cancelled context is not damage", context.Canceled, "context canceled", false},
		{"bbolt's incompatible value, met by a Put on a flipped flag, is damage",
			fmt.Errorf("put: %w", bolterrors.ErrIncompatibleValue),
			path + ": corrupt data: put: incompatible value (" + damageAdvice + ")", true},
		{"a record that does not decode gets the file and the advice",
			fmt.Errorf("postings/%x: %w", 7, ErrCorrupt),
			path + ": postings/7: corrupt data (" + damageAdvice + ")", true},
		{"an error naming the file already gets only the advice",
			fmt.Errorf("%s: %w: the file is truncated", path, ErrCorrupt),
			path + ": corrupt data: the file is truncated (" + damageAdvice + ")", true},
		{"an error that says it all is left alone",
			fmt.Errorf("%s: %w: page 9: zeroed (run skillpulse db check)", path, ErrCorrupt),
			path + ": corrupt data: page 9: zeroed (run skillpulse db check)", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := asDamage(path, tc.err)
			if tc.err == nil {
				if got != nil {
					t.Fatalf("got %v, want nil", got)
				}
				return
			}
			if got.Error() != tc.want || errors.Is(got, ErrCorrupt) != tc.corrupt || !errors.Is(got, tc.err) {
				t.Errorf("got %q (corrupt %v), want %q (corrupt %v), wrapping %v", got, errors.Is(got, ErrCorrupt), tc.want, tc.corrupt, tc.err)
			}
			if again := asDamage(path, got); again.Error() != got.Error() {
				t.Errorf("a second pass changed it: %q", again)
			}
			if op := opError("stats", path, got); strings.Count(op.Error(), path) != 1 {
				t.Errorf("opError names the file %d times: %v", strings.Count(op.Error(), path), op)
			}
		})
	}
}

func TestAStoreThatLostItsSchemaIsDamagedNotMigrated(t *testing.T) {
	s := openTest(t, Options{})
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"alpha": synthetic("alpha", 20, 1)}, []skillpulse.SourceOutcome{{Name: "alpha"}})
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o644, boltOptions(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keySchema) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		_, err := Open(context.Background(), path, Options{ReadOnly: ro})
		if !errors.Is(err, ErrCorrupt) || strings.Count(err.Error(), path) != 1 || !strings.Contains(err.Error(), "meta/schema: corrupt data: missing in a file that holds postings") {
			t.Errorf("Open (read-only %v): %v, want ErrCorrupt naming the file once and the missing schema", ro, err)
		}
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(before, after) {
		t.Errorf("the refused file changed (%v): a migration ran", err)
	}
}

func TestCompactRefusesADamagedFileAndLeavesNoCopy(t *testing.T) {
	tmpl, ps := damagedStoreTemplate(t)
	m, err := readMeta(bytes.NewReader(tmpl), int64(len(tmpl)))
	if err != nil {
		t.Fatal(err)
	}
	clear(tmpl[int(m.root)*ps : int(m.root+1)*ps])
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "damaged.db"), filepath.Join(dir, "compact.db")
	if err := os.WriteFile(src, tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = Compact(context.Background(), src, dst)
	if !errors.Is(err, ErrCorrupt) || strings.Count(err.Error(), src) != 1 || !strings.Contains(err.Error(), "a damaged file is not compacted") {
		t.Errorf("Compact: %v, want ErrCorrupt naming the file once and refusing", err)
	}
	if _, serr := os.Stat(dst); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a partial copy was left at %s: %v", dst, serr)
	}
}
