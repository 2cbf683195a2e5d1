package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// seededDamages is how many seeded damages TestSeededDamage makes: a
// third flip bytes of page and element headers, a third bytes of keys and
// values, a third zero a span; every fourth file is at an older schema, so
// that its first read-write Open migrates it.
const seededDamages = 120

// seededTemplate writes a small store whose history comes from seeded
// postings alone (no map order), and returns its file's bytes.
func seededTemplate(t *testing.T) []byte {
	t.Helper()
	s := openTest(t, Options{})
	a, b := synthetic("alpha", 60, 1), synthetic("beta", 40, 2)
	both := []skillpulse.SourceOutcome{{Name: "alpha"}, {Name: "beta"}}
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"alpha": a, "beta": b}, both)
	a2 := append(append([]skillpulse.Posting(nil), a[:50]...), synthetic("alpha", 70, 3)[60:]...)
	for i := 0; i < 50; i += 7 {
		a2[i].Description += " now with kubernetes"
	}
	crawl(t, s, day(3), map[string][]skillpulse.Posting{"alpha": a2, "beta": b}, both)
	crawl(t, s, day(10), map[string][]skillpulse.Posting{"alpha": a2}, []skillpulse.SourceOutcome{{Name: "alpha"}, {Name: "beta", Failed: true}})
	crawl(t, s, day(12), map[string][]skillpulse.Posting{"alpha": a2[:45], "beta": b[:25]}, both)
	if _, err := s.CloseSource(context.Background(), "beta", day(13)); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// pageSpan is a page in use, as the walk reaches it (in key order, so a
// seed picks the same page of the store's contents whatever the layout):
// where it starts in the file, where its element headers end, and where
// its last key or value ends (past the page for one with overflow pages).
type pageSpan struct{ start, headers, end int }

func pagesInUse(t *testing.T, file []byte) []pageSpan {
	t.Helper()
	path := filepath.Join(t.TempDir(), "walk.db")
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := readMeta(f, int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	w := &walker{f: f, ps: int64(m.pageSize), hwm: m.pgid, seen: map[uint64]bool{0: true, 1: true}, limit: 1}
	w.bucket(m.root, nil, "root", 0)
	le := binary.LittleEndian
	var spans []pageSpan
	for _, id := range w.heads {
		start := int(id) * int(m.pageSize)
		p := file[start:]
		flags, count := le.Uint16(p[8:]), int(le.Uint16(p[10:]))
		sp := pageSpan{start: start, headers: start + pageHeaderSize + count*elemSize}
		sp.end = sp.headers
		for i := range count {
			e := pageHeaderSize + i*elemSize
			end := e + int(le.Uint32(p[e:])) + int(le.Uint32(p[e+4:])) // branch: pos, ksize
			if flags == flagLeaf {
				end = e + int(le.Uint32(p[e+4:])) + int(le.Uint32(p[e+8:])) + int(le.Uint32(p[e+12:]))
			}
			sp.end = max(sp.end, start+end)
		}
		spans = append(spans, sp)
	}
	return spans
}

// damageOutcome is one call's answer on a file: a digest of what it
// returned, or its error.
type damageOutcome struct {
	op, got string
	err     error
}

// useEverything runs every public call on the file at path — opens, reads,
// a run (Put, Finish), retag, import, compaction — and returns what each
// gave. A panic fails the test: it would have reached the caller.
func useEverything(t *testing.T, path string, export []byte, modes ...bool) []damageOutcome {
	ctx := context.Background()
	var out []damageOutcome
	do := func(op string, fn func() (string, error)) {
		var o damageOutcome
		o.op = op
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s panicked on the damaged file: %v", op, r)
				}
			}()
			o.got, o.err = fn()
		}()
		out = append(out, o)
	}
	digest := func(b []byte) string { return fmt.Sprintf("%x", sha256.Sum256(b)) }
	weeks := []skillpulse.Week{skillpulse.WeekOf(day(0)), skillpulse.WeekOf(day(10))}
	for _, ro := range modes {
		mode := map[bool]string{true: "read-only ", false: ""}[ro]
		s, err := Open(context.Background(), path, Options{ReadOnly: ro, LockTimeout: 5 * time.Second})
		do(mode+"open", func() (string, error) { return "", err })
		if err != nil {
			continue
		}
		reads := []struct {
			op string
			fn func() (string, error)
		}{
			{"runs", func() (string, error) { r, err := s.Runs(ctx, 0); return fmt.Sprint(r), err }},
			{"stats", func() (string, error) {
				st, err := s.Stats(ctx)
				st.Path = ""
				return fmt.Sprint(st), err
			}},
			{"export", func() (string, error) {
				var b bytes.Buffer
				_, err := s.Export(ctx, &b, FormatJSONL, time.Time{})
				return digest(b.Bytes()), err
			}},
			{"week aggregate", func() (string, error) { a, err := s.WeekAggregate(ctx, weeks[0]); return fmt.Sprint(a), err }},
			{"snapshots", func() (string, error) { r, err := s.Snapshots(ctx, day(0), day(30)); return fmt.Sprint(r), err }},
			{"live postings", func() (string, error) {
				var b strings.Builder
				err := s.ForEachLiveTags(ctx, day(0), day(30), func(p *skillpulse.StoredPosting) error {
					fmt.Fprintln(&b, p.Key(), p.Title, p.Tags)
					return nil
				})
				return digest([]byte(b.String())), err
			}},
			{"week skills", func() (string, error) { n, sk, err := s.WeeksSkillPostings(ctx, weeks); return fmt.Sprint(n, sk), err }},
		}
		for _, r := range reads {
			do(mode+r.op, r.fn)
		}
		if !ro {
			do("retag", func() (string, error) {
				c, err := s.Retag(ctx, &countingTagger{}, nil)
				return fmt.Sprint(c.Versions, c.Changed), err
			})
			do("run", func() (string, error) {
				w, err := s.BeginRun(ctx, day(20), "cfg")
				if err != nil {
					return "", err
				}
				c, err := w.Put(ctx, "alpha", synthetic("alpha", 70, 3)[40:], &countingTagger{})
				if err != nil {
					return "", err
				}
				c2, err := w.PutSeq(ctx, "beta", func(yield func(skillpulse.Posting, error) bool) {
					for _, p := range synthetic("beta", 40, 2)[10:] {
						if !yield(p, nil) {
							return
						}
					}
				}, &countingTagger{})
				if err != nil {
					return "", err
				}
				r, err := w.Finish(ctx, []skillpulse.SourceOutcome{{Name: "alpha"}, {Name: "beta"}}, day(20).Add(time.Hour))
				return fmt.Sprint(c, c2, r.Sources), err
			})
			do("import", func() (string, error) { c, err := s.Import(ctx, bytes.NewReader(export)); return fmt.Sprint(c), err })
			do("compact", func() (string, error) { _, _, err := s.CompactInPlace(ctx); return "", err })
		}
		s.Close()
	}
	return out
}

// TestSeededDamage damages a store's pages in use in seededDamages ways,
// each chosen by its seed, and runs every public call on each file: Open
// (read-only and read-write, which migrates an older file), the reads,
// a run (Put, PutSeq, Finish), retag, import and compaction. Every call
// must give the answer it gives on the undamaged file or fail with an
// error that names the file, wraps ErrCorrupt and says to run db check —
// never panic, fault or run out of memory. A call that answers differently
// without an error is let pass only when `db check` finds the damage, or
// when the damage is inside a key or value: bbolt keeps no checksums, so a
// changed letter in a title reads as a title. Those are counted and
// logged.
//
// bbolt lays pages out in map order, so a seed picks a page by its place
// in the walk (key order) and a byte by its offset in that page: the same
// part of the store's contents every run, if not always the same byte. A
// failing case's file is kept in the test's artifact directory
// (go test -artifacts).
func TestSeededDamage(t *testing.T) {
	tmpl := seededTemplate(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := os.WriteFile(good, tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	var export bytes.Buffer
	func() {
		s, err := Open(context.Background(), good, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Export(context.Background(), &export, FormatJSONL, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}()
	// Every fourth file is at schema 7, as a store last written by an
	// older build: opened read-write, it is migrated (the aggregates
	// rebuilt from the snapshots) before anything else reads it.
	type template struct {
		file  []byte
		spans []pageSpan
		modes []bool
		want  map[string]string
	}
	current := &template{file: tmpl, modes: []bool{true, false}}
	older := &template{file: atSchema(t, tmpl, 7), modes: []bool{false}}
	for _, tp := range []*template{current, older} {
		tp.spans = pagesInUse(t, tp.file)
		if err := os.WriteFile(good, tp.file, 0o644); err != nil {
			t.Fatal(err)
		}
		tp.want = map[string]string{}
		for _, o := range useEverything(t, good, export.Bytes(), tp.modes...) {
			if o.err != nil {
				t.Fatalf("%s on the undamaged file: %v", o.op, o.err)
			}
			tp.want[o.op] = o.got
		}
	}
	writes := map[string]bool{"retag": true, "run": true, "import": true, "compact": true}
	kinds := []string{"headers", "data", "zeroed span"}
	var failed, silent, found, same int
	for seed := range uint64(seededDamages) {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		kind, tp, schema := kinds[seed%3], current, ""
		if seed%4 == 3 {
			tp, schema = older, ", schema 7"
		}
		b := append([]byte(nil), tp.file...)
		var where []string
		for range 1 + rng.IntN(4) {
			sp := tp.spans[rng.IntN(len(tp.spans))]
			switch kind {
			case "headers":
				off := sp.start + rng.IntN(sp.headers-sp.start)
				b[off] ^= byte(1 + rng.IntN(255))
				where = append(where, fmt.Sprintf("byte %d of page %d", off-sp.start, sp.start/pageSize))
			case "data":
				if sp.end <= sp.headers {
					continue
				}
				off := sp.headers + rng.IntN(sp.end-sp.headers)
				b[off] ^= byte(1 + rng.IntN(255))
				where = append(where, fmt.Sprintf("byte %d of page %d", off-sp.start, sp.start/pageSize))
			default:
				off := sp.start + rng.IntN(sp.end-sp.start)
				n := min(1+rng.IntN(512), sp.end-off)
				clear(b[off : off+n])
				where = append(where, fmt.Sprintf("%d bytes at %d of page %d", n, off-sp.start, sp.start/pageSize))
			}
		}
		name := fmt.Sprintf("seed %d (%s%s: %s)", seed, kind, schema, strings.Join(where, ", "))
		path := filepath.Join(t.TempDir(), "damaged.db")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		cerr := checkDamaged(t, path, b, tp == older)
		wantOf := tp.want
		bad, diverged := false, false
		for _, o := range useEverything(t, path, export.Bytes(), tp.modes...) {
			switch {
			case o.err != nil:
				failed++
				diverged = diverged || writes[o.op]
				msg := o.err.Error()
				if strings.Count(msg, path) != 1 || !errors.Is(o.err, ErrCorrupt) || !strings.Contains(msg, "db check") {
					bad = true
					t.Errorf("%s: %s: the error does not name the file once, wrap ErrCorrupt and say to run db check: %v", name, o.op, o.err)
				}
			case diverged:
				// A write failed before it: the store holds something
				// else than the undamaged one did at this point.
			case o.got == wantOf[o.op]:
				same++
			case cerr != nil:
				found++
			case kind == "data":
				silent++
				t.Logf("%s: %s answered differently and db check finds nothing: a changed key or value", name, o.op)
			default:
				bad = true
				t.Errorf("%s: %s answered differently, without an error, and db check finds nothing:\nwant %.300s\ngot  %.300s", name, o.op, wantOf[o.op], o.got)
			}
		}
		if bad {
			keep := filepath.Join(t.ArtifactDir(), fmt.Sprintf("damaged-seed-%d.db", seed))
			if err := os.WriteFile(keep, b, 0o644); err == nil {
				t.Logf("%s: the damaged file is kept as %s", name, keep)
			}
		}
	}
	t.Logf("%d damaged files: %d calls failed naming the file, %d answered as before, %d answered differently where db check finds the damage, %d differently where only a key or value changed",
		seededDamages, failed, same, found, silent)
}

// atSchema returns file as a store last written at an older schema would
// be: its schema number set back. The records need no change for schemas
// from 7 on; migrating rebuilds the aggregates.
func atSchema(t *testing.T, file []byte, schema uint64) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o644, boltOptions(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u64(schema)) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return old
}

// checkDamaged is what `db check` says of the damaged file at path (nil:
// it found nothing), and fails the test if its error does not name the
// file. A file at an older schema is checked as its first read-write Open
// leaves it (migrated), on a copy.
func checkDamaged(t *testing.T, path string, file []byte, older bool) error {
	t.Helper()
	check := path
	if older {
		check = filepath.Join(t.TempDir(), "migrated.db")
		if err := os.WriteFile(check, file, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(context.Background(), check, Options{})
		if err != nil {
			return err
		}
		s.Close()
	}
	_, err := CheckFile(context.Background(), check, Options{ReadOnly: true})
	if err != nil && !strings.Contains(err.Error(), check) {
		t.Errorf("db check's error does not name the file: %v", err)
	}
	return err
}
