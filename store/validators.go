package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Bounds on what SaveValidator keeps. Validators are a cache: a request
// without one costs a full fetch, nothing more, so the store keeps few and
// small ones rather than let a hostile server grow the file.
const (
	// MaxValidators is how many validators one scope keeps; saving more
	// drops the least recently saved.
	MaxValidators = 10000
	// MaxValidatorURL bounds the request URL a validator is kept for.
	MaxValidatorURL = 4096
	// MaxValidatorField bounds an ETag or Last-Modified value.
	MaxValidatorField = 512
	// MaxValidatorScope bounds the scope (a config hash).
	MaxValidatorScope = 256
)

// Keys inside the validators bucket; see doc.go.
var (
	keyValidatorScope = []byte("scope")
	keyValidatorCount = []byte("count")
	bucketValidURLs   = []byte("urls")
	bucketValidAge    = []byte("age")
)

// validatorRecord is one kept validator: when it was saved (the scope's
// sequence, for dropping the oldest) and what the server sent.
type validatorRecord struct {
	Seq          uint64
	ETag         string
	LastModified string
}

func (r *validatorRecord) encode(e *encoder) {
	e.byte1(recordFormat)
	e.uvarint(r.Seq)
	e.str(r.ETag)
	e.str(r.LastModified)
}

func decodeValidator(b []byte) (validatorRecord, error) {
	d := decoder{b: b}
	var r validatorRecord
	if f := d.byte1(); f != recordFormat {
		return r, fmt.Errorf("%w: validator record format %d", ErrCorrupt, f)
	}
	r.Seq = d.uvarint()
	r.ETag = d.str()
	r.LastModified = d.str()
	return r, d.done()
}

// LoadValidator returns the ETag and Last-Modified a server sent for url
// when it was last fetched under scope, the hash of the configuration that
// shaped what the crawler kept of the response (role filter, max_items).
// ok is false when none is kept, including when the validators kept are of
// another scope: a changed configuration must fetch everything afresh.
func (s *Store) LoadValidator(ctx context.Context, scope, url string) (etag, lastModified string, ok bool, err error) {
	err = s.db.View(ctx, func(tx *bolt.Tx) error {
		vb := tx.Bucket(bucketValidators)
		if vb == nil || !bytes.Equal(vb.Get(keyValidatorScope), []byte(scope)) {
			return nil
		}
		urls := vb.Bucket(bucketValidURLs)
		if urls == nil {
			return nil
		}
		v := urls.Get([]byte(url))
		if v == nil {
			return nil
		}
		r, err := decodeValidator(v)
		if err != nil {
			return fmt.Errorf("validators/urls/%q: %w", url, err)
		}
		etag, lastModified, ok = r.ETag, r.LastModified, true
		return nil
	})
	if err != nil {
		return "", "", false, fmt.Errorf("store: load validator for %q: %w", url, err)
	}
	return etag, lastModified, ok, nil
}

// SaveValidator keeps the ETag and Last-Modified a server sent for url
// under scope, replacing what was kept for url. Saving under a scope other
// than the one kept drops every validator of the old scope first, so the
// store holds one scope at a time. A scope keeps at most MaxValidators,
// dropping the least recently saved. Saving both values empty forgets url.
// Values over the bounds (MaxValidatorURL, MaxValidatorField,
// MaxValidatorScope) are refused with an error, and nothing is kept.
func (s *Store) SaveValidator(ctx context.Context, scope, url, etag, lastModified string) error {
	fail := func(err error) error { return fmt.Errorf("store: save validator for %.200q: %w", url, err) }
	switch {
	case url == "":
		return fail(errors.New("empty url"))
	case len(url) > MaxValidatorURL:
		return fail(fmt.Errorf("url of %d bytes, over the %d kept", len(url), MaxValidatorURL))
	case len(scope) > MaxValidatorScope:
		return fail(fmt.Errorf("scope of %d bytes, over the %d kept", len(scope), MaxValidatorScope))
	case len(etag) > MaxValidatorField:
		return fail(fmt.Errorf("etag of %d bytes, over the %d kept", len(etag), MaxValidatorField))
	case len(lastModified) > MaxValidatorField:
		return fail(fmt.Errorf("last-modified of %d bytes, over the %d kept", len(lastModified), MaxValidatorField))
	}
	err := s.db.Update(ctx, func(tx *bolt.Tx) error {
		vb := tx.Bucket(bucketValidators)
		if vb == nil {
			return fmt.Errorf("bucket %s: %w", bucketValidators, ErrCorrupt)
		}
		if !bytes.Equal(vb.Get(keyValidatorScope), []byte(scope)) || vb.Bucket(bucketValidURLs) == nil {
			if err := resetValidators(vb, scope); err != nil {
				return err
			}
		}
		return saveValidator(vb, url, validatorRecord{ETag: etag, LastModified: lastModified}, MaxValidators)
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// resetValidators drops every kept validator and starts scope afresh.
func resetValidators(vb *bolt.Bucket, scope string) error {
	for _, name := range [][]byte{bucketValidURLs, bucketValidAge} {
		if err := vb.DeleteBucket(name); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
			return fmt.Errorf("validators: drop %s: %w", name, err)
		}
		if _, err := vb.CreateBucket(name); err != nil {
			return fmt.Errorf("validators: create %s: %w", name, err)
		}
	}
	if err := vb.Put(keyValidatorScope, []byte(scope)); err != nil {
		return err
	}
	return vb.Put(keyValidatorCount, u64(0))
}

// saveValidator stores r for url in the current scope (r.Seq is assigned
// here), or forgets url when r holds nothing, and drops the oldest entries
// beyond limit.
func saveValidator(vb *bolt.Bucket, url string, r validatorRecord, limit int) error {
	urls, age := vb.Bucket(bucketValidURLs), vb.Bucket(bucketValidAge)
	cv := vb.Get(keyValidatorCount)
	if len(cv) != 8 {
		return fmt.Errorf("validators/count: %w", ErrCorrupt)
	}
	count := binary.BigEndian.Uint64(cv)
	uk := []byte(url)
	if old := urls.Get(uk); old != nil {
		or, err := decodeValidator(old)
		if err != nil {
			return fmt.Errorf("validators/urls/%q: %w", url, err)
		}
		if err := age.Delete(u64(or.Seq)); err != nil {
			return err
		}
		if err := urls.Delete(uk); err != nil {
			return err
		}
		count--
	}
	if r.ETag != "" || r.LastModified != "" {
		seq, err := urls.NextSequence()
		if err != nil {
			return err
		}
		r.Seq = seq
		var e encoder
		r.encode(&e)
		if err := urls.Put(uk, e.bytes()); err != nil {
			return err
		}
		age.FillPercent = appendFill // sequences only grow
		if err := age.Put(u64(seq), uk); err != nil {
			return err
		}
		count++
	}
	// Drop the least recently saved beyond the limit. Deleting through a
	// cursor skips the next key in bbolt, so collect first.
	var drop [][]byte
	c := age.Cursor()
	for k, v := c.First(); k != nil && count-uint64(len(drop)) > uint64(limit); k, v = c.Next() {
		drop = append(drop, bytes.Clone(k))
		if err := urls.Delete(v); err != nil {
			return err
		}
	}
	for _, k := range drop {
		if err := age.Delete(k); err != nil {
			return err
		}
	}
	count -= uint64(len(drop))
	return vb.Put(keyValidatorCount, u64(count))
}

// checkValidators checks that the validators bucket's index and count
// agree with its entries.
func checkValidators(ctx context.Context, b buckets, _ *CheckResult, problem func(string, ...any)) error {
	vb := b.validators
	if vb == nil {
		problem("bucket %s is missing", bucketValidators)
		return nil
	}
	urls, age := vb.Bucket(bucketValidURLs), vb.Bucket(bucketValidAge)
	if urls == nil && age == nil {
		return nil // nothing saved yet
	}
	if urls == nil || age == nil {
		problem("validators: one of %s and %s is missing", bucketValidURLs, bucketValidAge)
		return nil
	}
	n := 0
	urls.ForEach(func(k, v []byte) error {
		n++
		r, err := decodeValidator(v)
		if err != nil {
			problem("validators/urls/%q: %v", k, err)
			return nil
		}
		if !bytes.Equal(age.Get(u64(r.Seq)), k) {
			problem("validators/urls/%q: age index has no entry %d for it", k, r.Seq)
		}
		return nil
	})
	if an := age.Stats().KeyN; an != n {
		problem("validators: %d age entries for %d urls", an, n)
	}
	if cv := vb.Get(keyValidatorCount); len(cv) != 8 || binary.BigEndian.Uint64(cv) != uint64(n) {
		problem("validators/count: %x, %d entries stored", cv, n)
	}
	if n > MaxValidators {
		problem("validators: %d kept, over the bound of %d", n, MaxValidators)
	}
	return ctx.Err()
}
