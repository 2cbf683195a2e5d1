package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/klauspost/compress/dict"
	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// blobOf returns the stored body of posting source/native's current
// version.
func blobOf(t *testing.T, s *Store, source, native string) []byte {
	t.Helper()
	var blob []byte
	err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		v, err := b.version(postingID(t, s, source, native), 0)
		if err != nil {
			return err
		}
		blob = append([]byte(nil), b.content.Get(v.contentKey())...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return blob
}

func TestBodyDictionary(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	one := []skillpulse.SourceOutcome{{Name: "acme"}}

	// A batch too small to train from stores zstd frames.
	few := synthetic("acme", dictMinSamples-1, 3)
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": few}, one)
	if blob := blobOf(t, s, "acme", few[0].NativeID); blob[0] != 0x28 {
		t.Fatalf("body before any dictionary starts with %#x, want a zstd frame", blob[0])
	}
	if rawGet(t, s, bucketMeta, dictKey(1)) != nil {
		t.Fatal("a dictionary was trained from too few bodies")
	}
	if st, err := s.Stats(ctx); err != nil || st.DictionaryBytes != 0 {
		t.Errorf("Stats before a dictionary: %d dictionary bytes, %v", st.DictionaryBytes, err)
	}

	// The first batch with enough new bodies trains one and uses it.
	many := synthetic("beta", 2*dictMinSamples, 4)
	crawl(t, s, day(1), map[string][]skillpulse.Posting{"acme": few, "beta": many}, []skillpulse.SourceOutcome{{Name: "acme"}, {Name: "beta"}})
	if rawGet(t, s, bucketMeta, dictKey(1)) == nil {
		t.Fatal("no dictionary after a batch of many new bodies")
	}
	if st, err := s.Stats(ctx); err != nil || st.DictionaryBytes == 0 {
		t.Errorf("Stats after training: %d dictionary bytes, %v", st.DictionaryBytes, err)
	}
	for _, p := range []skillpulse.Posting{many[0], many[len(many)-1]} {
		if blob := blobOf(t, s, "beta", p.NativeID); blob[0] != blobZstdDict {
			t.Errorf("beta/%s: body starts with %#x, want the dictionary form", p.NativeID, blob[0])
		}
	}
	var raw, stored int64
	for _, p := range many {
		var e encoder
		encodeBody(&e, &p)
		raw += int64(len(e.bytes()))
		stored += int64(len(blobOf(t, s, "beta", p.NativeID)))
	}
	t.Logf("%d bodies: %d bytes, %d stored (%.3f)", len(many), raw, stored, float64(stored)/float64(raw))

	// Every body reads back whole, old and new, after a reopen too, and
	// later bodies keep using the dictionary.
	path := s.Path()
	s.Close()
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	later := posting("acme", "later", "<p>Kubernetes, Terraform and Go on AWS; on call one week in six.</p>")
	crawl(t, s, day(2), map[string][]skillpulse.Posting{"acme": append(few, later), "beta": many}, []skillpulse.SourceOutcome{{Name: "acme"}, {Name: "beta"}})
	if blob := blobOf(t, s, "acme", "later"); blob[0] != blobZstdDict {
		t.Errorf("body stored after reopening starts with %#x, want the dictionary form", blob[0])
	}
	for _, p := range append(append(few, many...), later) {
		sp, err := s.Posting(ctx, p.Key())
		if err != nil {
			t.Fatal(err)
		}
		if sp.Description != p.Description || !reflect.DeepEqual(sp.Sections, p.Sections) {
			t.Fatalf("%s read back changed", p.Key())
		}
	}
	if res, err := s.Check(ctx); err != nil {
		t.Fatalf("Check: %v %q", err, res.Problems)
	}

	// A body naming a dictionary the file lacks is reported, not guessed.
	err = s.db.Update(context.Background(), func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		v, err := b.version(postingID(t, s, "beta", many[1].NativeID), 0)
		if err != nil {
			return err
		}
		blob := append([]byte{blobS2Dict, 9}, b.content.Get(v.contentKey())[2:]...)
		return b.content.Put(v.contentKey(), blob)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Posting(ctx, many[1].Key()); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Posting with a missing dictionary: %v, want ErrCorrupt", err)
	}
	if res, err := s.Check(ctx); err == nil || len(res.Problems) != 1 {
		t.Errorf("Check with a missing dictionary: %v, problems %q; want one", err, res.Problems)
	}
}

func FuzzBodyDecompress(f *testing.F) {
	s := openTest(f, Options{})
	crawl(f, s, day(0), map[string][]skillpulse.Posting{"acme": synthetic("acme", dictMinSamples, 5)}, []skillpulse.SourceOutcome{{Name: "acme"}})
	var raw []byte
	for _, p := range synthetic("acme", 1, 6) {
		var e encoder
		encodeBody(&e, &p)
		raw = e.bytes()
	}
	f.Add(s.bodies.compress(raw, nil), len(raw))
	f.Add(s.zenc.EncodeAll(raw, nil), len(raw))
	f.Add([]byte{blobS2Dict, 1, 0xff, 0xff, 0xff, 0xff, 0x0f}, -1)
	f.Add([]byte{blobZstdDict, 1, 0x28, 0xb5, 0x2f, 0xfd, 0xff}, -1)
	f.Fuzz(func(t *testing.T, blob []byte, size int) {
		err := s.db.View(context.Background(), func(tx *bolt.Tx) error {
			got, err := s.bodies.decompress(tx.Bucket(bucketMeta), blob, size)
			if err == nil && size >= 0 && len(got) != size {
				t.Fatalf("decompressed %d bytes, want %d", len(got), size)
			}
			if err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestBodyDictionaryFromSmallBatches checks that a configuration of many
// small boards, none bringing dictMinSamples new postings, still gets a
// dictionary once the store holds that many bodies.
func TestBodyDictionaryFromSmallBatches(t *testing.T) {
	s := openTest(t, Options{})
	put := map[string][]skillpulse.Posting{}
	var outs []skillpulse.SourceOutcome
	const boards, each = 40, 10 // 400 bodies in batches of 10
	for i := range boards {
		src := fmt.Sprintf("board%02d", i)
		put[src] = synthetic(src, each, uint64(i))
		outs = append(outs, skillpulse.SourceOutcome{Name: src})
	}
	crawl(t, s, day(0), put, outs)
	if rawGet(t, s, bucketMeta, dictKey(1)) == nil {
		t.Fatalf("no dictionary after %d bodies stored in batches of %d", boards*each, each)
	}
	dict, zstd := 0, 0
	for src, ps := range put {
		for _, p := range ps {
			if blobOf(t, s, src, p.NativeID)[0] == blobZstdDict {
				dict++
			} else {
				zstd++
			}
		}
	}
	// Training waits for dictMinSamples bodies: those before it stay zstd.
	if zstd < dictMinSamples-each || dict == 0 {
		t.Errorf("%d bodies with the dictionary, %d without; want the first %d or so without", dict, zstd, dictMinSamples)
	}
	if res, err := s.Check(context.Background()); err != nil {
		t.Fatalf("Check: %v %q", err, res.Problems)
	}
}

// TestBodyDictionaryS2Kept checks that a store whose dictionary is an S2
// one, as builds before zstd dictionaries trained, reads the bodies stored
// with it and goes on storing new ones with it.
func TestBodyDictionaryS2Kept(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s2.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	train := synthetic("acme", dictMaxSamples, 8)
	samples := make([][]byte, len(train))
	for i := range train {
		var e encoder
		encodeBody(&e, &train[i])
		samples[i] = e.bytes()
	}
	raw, err := dict.BuildS2Dict(samples, dict.Options{MaxDictSize: dictMaxSize, HashBytes: 6})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(context.Background(), func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(dictKey(1), raw) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(context.Background(), path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ps := synthetic("acme", 20, 9)
	crawl(t, s, day(0), map[string][]skillpulse.Posting{"acme": ps}, []skillpulse.SourceOutcome{{Name: "acme"}})
	for _, p := range ps {
		if blob := blobOf(t, s, "acme", p.NativeID); blob[0] != blobS2Dict {
			t.Fatalf("body stored with an S2 dictionary starts with %#x, want %#x", blob[0], blobS2Dict)
		}
		got, err := s.Posting(ctx, p.Key())
		if err != nil {
			t.Fatal(err)
		}
		if got.Description != p.Description {
			t.Fatalf("%s read back changed", p.Key())
		}
	}
	if res, err := s.Check(ctx); err != nil {
		t.Fatalf("Check: %v %q", err, res.Problems)
	}
}
