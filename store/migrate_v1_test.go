package store

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// genOld regenerates testdata/schema-N.db and testdata/schema-history.golden:
//
//	go test -run TestGenerateOldSchemas -gen-v1 ./store
var genOld = flag.Bool("gen-v1", false, "regenerate the old-schema database files in testdata")

// oldSchemas are the schemas kept as files in testdata, each holding the
// same history as the previous schemas would have stored it.
var oldSchemas = []uint64{1, 2, 3, 4, 7, 10}

// oldHistory is a small deterministic history: two sources over two ISO
// weeks, with changed postings, a posting that closes, one that closes and
// reopens changed, a failed source and an interrupted run.
func oldHistory(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	ps := map[string][]skillpulse.Posting{}
	for i := range 6 {
		p := posting("acme", fmt.Sprint(100+i), []string{"kubernetes and terraform", "aws, linux", "ansible on linux"}[i%3])
		if i == 3 { // a version record large enough to be stored compressed
			p.Department = strings.Repeat("Platform Engineering, Infrastructure and Reliability; ", 6)
		}
		ps["acme"] = append(ps["acme"], p)
		q := posting("beta", fmt.Sprint(200+i), "terraform on aws")
		q.Salary, q.Sections, q.Workplace = nil, nil, skillpulse.WorkplaceRemote
		ps["beta"] = append(ps["beta"], q)
	}
	both := func(failBeta bool) []skillpulse.SourceOutcome {
		return []skillpulse.SourceOutcome{{Name: "acme", Type: "greenhouse"}, {Name: "beta", Type: "lever", Failed: failBeta}}
	}
	for d := range 12 {
		if d == 3 {
			ps["acme"][1].Description += " and kubernetes"
		}
		if d == 5 { // acme/105 goes, and closes on day 8
			ps["acme"] = ps["acme"][:5]
		}
		if d == 9 { // and comes back, changed
			ps["acme"] = append(ps["acme"], posting("acme", "105", "ansible on linux, terraform"))
		}
		if d == 6 { // acme/104 goes for good, and closes on day 8
			ps["acme"] = slices.Delete(ps["acme"], 4, 5)
		}
		if d == 7 {
			ps["beta"][0].Title = "Staff SRE"
		}
		if d == 10 {
			ps["beta"] = ps["beta"][1:] // beta/200 stays: beta fails from now on
		}
		put := ps
		if d >= 10 {
			put = map[string][]skillpulse.Posting{"acme": ps["acme"]}
		}
		crawl(t, s, day(d), put, both(d >= 10))
	}
	w, err := s.BeginRun(ctx, day(12), "cfg") // interrupted: begun, one Put, never finished
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Put(ctx, "acme", ps["acme"][:2], &countingTagger{}); err != nil {
		t.Fatal(err)
	}
}

// historySummary describes everything a migration must keep: every
// posting as Export writes it, every run, every snapshot's postings and
// versions, and every week's aggregate.
func historySummary(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var out strings.Builder
	out.WriteString("# postings\n")
	if _, err := s.Export(ctx, &out, FormatJSONL, time.Time{}); err != nil {
		t.Fatal(err)
	}
	out.WriteString("# runs\n")
	runs, err := s.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	weeks := map[skillpulse.Week]bool{}
	var days []time.Time
	for _, r := range runs {
		b, _ := json.Marshal(r)
		out.Write(append(b, '\n'))
	}
	out.WriteString("# snapshots\n")
	err = s.db.View(context.Background(), func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		return b.snapshots.ForEach(func(k, v []byte) error {
			snap, _, err := decodeSnapshot(v, false)
			if err != nil {
				return err
			}
			weeks[skillpulse.WeekOf(snap.Taken)] = true
			if d := dayPeriod(snap.Taken).day; !slices.Contains(days, d) {
				days = append(days, d)
			}
			fmt.Fprintf(&out, "%s %s", k, snap.Taken.Format(time.RFC3339))
			for i, id := range snap.IDs {
				h, err := decodeHead(b.postings.Get(u64(id)))
				if err != nil {
					return err
				}
				v, err := b.version(id, snap.Vers[i])
				if err != nil {
					return err
				}
				fmt.Fprintf(&out, " %s/%s@%d:%.8s", h.Source, h.NativeID, snap.Vers[i], v.Hash)
			}
			out.WriteString("\n")
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	out.WriteString("# weeks\n")
	for w := skillpulse.WeekOf(day(0)); w != skillpulse.WeekOf(day(21)); w = skillpulse.WeekOf(w.End()) {
		if !weeks[w] {
			continue
		}
		agg, err := s.WeekAggregate(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(agg)
		out.Write(append(b, '\n'))
	}
	out.WriteString("# days\n")
	for _, d := range days {
		agg, err := s.DayAggregate(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(agg)
		out.Write(append(b, '\n'))
	}
	return out.String()
}

// TestGenerateOldSchemas writes oldHistory as each old schema stored it.
// Schemas 1–3 stored version records uncompressed; schema 1 had no week
// buckets; schema 2 kept one weekpost key per week and posting (the value
// is never read: migrating to 3 rebuilds both week buckets). Record layouts
// are otherwise unchanged since schema 1 (see the migrations in store.go).
func TestGenerateOldSchemas(t *testing.T) {
	if !*genOld {
		t.Skip("regenerates testdata; run with -gen-v1")
	}
	ctx := context.Background()
	s := openTest(t, Options{})
	oldHistory(t, s)
	if res, err := s.Check(ctx); err != nil {
		t.Fatalf("Check: %v %q", err, res.Problems)
	}
	for _, schema := range oldSchemas {
		raw := filepath.Join(t.TempDir(), "raw.db")
		if _, err := s.BackupFile(ctx, raw); err != nil {
			t.Fatal(err)
		}
		db, err := bolt.Open(raw, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(func(tx *bolt.Tx) error { return downgrade(s, tx, schema) }); err != nil {
			t.Fatalf("downgrade to schema %d: %v", schema, err)
		}
		dst := filepath.Join("testdata", fmt.Sprintf("schema-%d.db", schema))
		os.Remove(dst)
		to, err := compactInto(ctx, db, dst)
		if err != nil {
			t.Fatal(err)
		}
		to.Close()
		db.Close()
		fi, _ := os.Stat(dst)
		t.Logf("wrote %s (%d bytes)", dst, fi.Size())
	}
	// The golden summary is what a later Open sees: the interrupted run
	// marked so.
	path := s.Path()
	s.Close()
	if s, err := Open(context.Background(), path, Options{}); err != nil {
		t.Fatal(err)
	} else {
		defer s.Close()
		if err := os.WriteFile(filepath.Join("testdata", "schema-history.golden"), []byte(historySummary(t, s)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// downgrade rewrites a current database the way schema `to` stored it.
func downgrade(s *Store, tx *bolt.Tx, to uint64) error {
	if to > SchemaVersion {
		return fmt.Errorf("schema %d is newer than this build", to)
	}
	if to < 11 { // no week kept a projection
		if err := tx.DeleteBucket(bucketWeekProj); err != nil {
			return err
		}
	}
	if to < 8 { // version records kept every mention's evidence inline
		if err := toSchema7(s, tx, to >= 4); err != nil {
			return err
		}
	}
	if to < 4 { // version records were never compressed
		versions := tx.Bucket(bucketVersions)
		plain := map[string][]byte{}
		err := versions.ForEach(func(k, v []byte) error {
			if len(v) > 0 && v[0] == recordZstd {
				raw, err := s.zdec.DecodeAll(v[1:], nil)
				if err != nil {
					return err
				}
				plain[string(k)] = raw
			}
			return nil
		})
		if err != nil {
			return err
		}
		for k, v := range plain {
			if err := versions.Put([]byte(k), v); err != nil {
				return err
			}
		}
	}
	switch to {
	case 1:
		for _, name := range [][]byte{bucketWeekPost, bucketWeekAgg} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	case 2:
		old := map[string][]byte{}
		err := tx.Bucket(bucketWeekPost).ForEach(func(k, v []byte) error {
			list, _, err := decodeSnapshot(v, false)
			if err != nil {
				return err
			}
			for i, id := range list.IDs {
				old[string(append(bytes.Clone(k), u64(id)...))] = []byte{byte(list.Vers[i])}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketWeekPost); err != nil {
			return err
		}
		wp, err := tx.CreateBucket(bucketWeekPost)
		if err != nil {
			return err
		}
		for k, v := range old {
			if err := wp.Put([]byte(k), v); err != nil {
				return err
			}
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, u64(to))
}

// toSchema7 rewrites every version record in the layout schemas 1 to 7
// wrote (compressed as schemas 4 to 7 did if compress), moves every body
// back under its hash, and drops the bodies index and the daily
// aggregates. (The weekly ones keep their per-skill seniority, which the
// migration to 8 recomputes anyway.)
func toSchema7(s *Store, tx *bolt.Tx, compress bool) error {
	b := s.bucketsOf(tx)
	records := map[string][]byte{}
	blobs := map[uint64][]byte{}
	err := b.versions.ForEach(func(k, raw []byte) error {
		v, err := decodeVersion(raw, s.zdec, true)
		if err != nil {
			return err
		}
		body, err := s.body(b, &v)
		if err != nil {
			return err
		}
		if err := v.resolveEvidence(body); err != nil {
			return err
		}
		if v.BodyID != 0 {
			blobs[v.BodyID] = s.zenc.EncodeAll(body, nil) // as zstd frames, without dictionary
			v.BodyID, v.Body = 0, bodyHash(body)
		}
		var e encoder
		e.byte1(recordFormat)
		v.encodeFields(&e, body, true)
		records[string(k)] = e.bytes()
		if compress && len(e.bytes()) >= 256 { // schemas 4 to 7 compressed from 256 bytes
			z := s.zenc.EncodeAll(e.bytes(), []byte{recordZstd})
			if len(z) <= len(e.bytes())*9/10 {
				records[string(k)] = z
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k, v := range records {
		if err := b.versions.Put([]byte(k), v); err != nil {
			return err
		}
	}
	for id, blob := range blobs {
		raw, err := s.zdec.DecodeAll(blob, nil)
		if err != nil {
			return err
		}
		h := bodyHash(raw)
		if err := b.content.Delete(u64(id)); err != nil {
			return err
		}
		if err := b.content.Put(h[:], blob); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	for id := uint32(1); meta.Get(dictKey(id)) != nil; id++ {
		if err := meta.Delete(dictKey(id)); err != nil {
			return err
		}
	}
	for _, name := range [][]byte{bucketBodies, bucketDayPost, bucketDayAgg} {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
	}
	return nil
}

// TestMigrateFromTestdata opens each old-schema file kept in testdata (a
// copy: Open migrates in place) and checks that it comes up at the current
// schema with every posting, run, snapshot and weekly aggregate as the
// history stored them, and that Check passes.
func TestMigrateFromTestdata(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "schema-history.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, schema := range oldSchemas {
		t.Run(fmt.Sprintf("schema %d", schema), func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "old.db")
			copyFile(t, filepath.Join("testdata", fmt.Sprintf("schema-%d.db", schema)), path)
			if ro, err := Open(context.Background(), path, Options{ReadOnly: true}); err == nil {
				ro.Close()
				if schema < SchemaVersion {
					t.Errorf("a read-only Open of schema %d succeeded without migrating", schema)
				}
			}
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			st, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Schema != SchemaVersion {
				t.Errorf("schema %d after Open, want %d", st.Schema, SchemaVersion)
			}
			if res, err := s.Check(ctx); err != nil {
				t.Errorf("Check after migrating: %v %q", err, res.Problems)
			}
			if got := historySummary(t, s); got != string(golden) {
				t.Errorf("history after migrating from schema %d differs from what was stored:\n%s", schema, firstDiff(got, string(golden)))
			}
			// And it takes a new run like any store: bodies stored by id
			// beside those stored by hash, one of them again (acme/107
			// has acme/100's text).
			crawl(t, s, day(14), map[string][]skillpulse.Posting{"acme": {
				posting("acme", "100", "kubernetes and terraform"),
				posting("acme", "106", "go, kubernetes and terraform on gcp"),
				posting("acme", "107", "kubernetes and terraform"),
			}}, []skillpulse.SourceOutcome{{Name: "acme"}})
			if res, err := s.Check(ctx); err != nil {
				t.Errorf("Check after a run on the migrated store: %v %q", err, res.Problems)
			}
			for _, id := range []string{"100", "106", "107"} {
				if sp, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: id}); err != nil || len(sp.Tags.Mentions) == 0 {
					t.Errorf("acme/%s after the run: %v, %v", id, sp, err)
				}
			}
			// Retagging rewrites versions of both layouts.
			if _, err := s.Retag(ctx, evidenceTagger{}, nil); err != nil {
				t.Fatalf("Retag: %v", err)
			}
			if res, err := s.Check(ctx); err != nil {
				t.Errorf("Check after retagging: %v %q", err, res.Problems)
			}
			sp, err := s.Posting(ctx, skillpulse.PostingKey{Source: "acme", NativeID: "101"})
			if err != nil {
				t.Fatal(err)
			}
			if want := (evidenceTagger{}).Tag(&sp.Posting); !reflect.DeepEqual(sp.Tags, want) {
				t.Errorf("acme/101 after retagging: tags %+v, want %+v", sp.Tags, want)
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
