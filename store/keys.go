package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

// postingKey is the keys-bucket key of a posting: source, NUL, native id.
// Source names never contain NUL (Put refuses them), so the source is a
// clean prefix.
func postingKey(source, nativeID string) []byte {
	k := make([]byte, 0, len(source)+1+len(nativeID))
	k = append(k, source...)
	k = append(k, 0)
	return append(k, nativeID...)
}

// openKey is the open-bucket key of a posting: source, NUL, 8-byte id.
func openKey(source string, id uint64) []byte {
	k := make([]byte, 0, len(source)+9)
	k = append(k, source...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// versionKey is the versions-bucket key: 8-byte posting id, 4-byte sequence.
func versionKey(id uint64, seq uint32) []byte {
	k := make([]byte, 12)
	binary.BigEndian.PutUint64(k, id)
	binary.BigEndian.PutUint32(k[8:], seq)
	return k
}

func encodeTime(t time.Time) []byte { return u64(uint64(t.UnixNano())) }

func decodeTime(b []byte) (time.Time, error) {
	if len(b) != 8 {
		return time.Time{}, ErrCorrupt
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(), nil
}

// buckets holds the buckets of one transaction.
type buckets struct {
	keys, postings, seen, open, versions, content, runs, snapshots *bolt.Bucket
	weekPost, weekAgg, dayPost, dayAgg, weekProj                   *bolt.Bucket
	validators, fetches, dedup, bodies, meta                       *bolt.Bucket
	zdec                                                           *zstd.Decoder // for compressed version records
}

// version reads and decodes version seq of posting id, without evidence.
func (b buckets) version(id uint64, seq uint32) (version, error) {
	return b.versionOf(id, seq, false)
}

// versionOf is version, reading the evidence too if evidence (see
// decodeVersion).
func (b buckets) versionOf(id uint64, seq uint32, evidence bool) (version, error) {
	v, err := decodeVersion(b.versions.Get(versionKey(id, seq)), b.zdec, evidence)
	if err != nil {
		return v, fmt.Errorf("versions/%d/%d: %w", id, seq, err)
	}
	return v, nil
}

func (s *Store) bucketsOf(tx *bolt.Tx) buckets {
	return buckets{
		zdec:       s.zdec,
		keys:       tx.Bucket(bucketKeys),
		postings:   tx.Bucket(bucketPostings),
		seen:       tx.Bucket(bucketSeen),
		open:       tx.Bucket(bucketOpen),
		versions:   tx.Bucket(bucketVersions),
		content:    tx.Bucket(bucketContent),
		runs:       tx.Bucket(bucketRuns),
		snapshots:  tx.Bucket(bucketSnapshots),
		weekPost:   tx.Bucket(bucketWeekPost),
		weekAgg:    tx.Bucket(bucketWeekAgg),
		dayPost:    tx.Bucket(bucketDayPost),
		dayAgg:     tx.Bucket(bucketDayAgg),
		weekProj:   tx.Bucket(bucketWeekProj),
		validators: tx.Bucket(bucketValidators),
		fetches:    tx.Bucket(bucketFetches),
		dedup:      tx.Bucket(bucketDedup),
		bodies:     tx.Bucket(bucketBodies),
		meta:       tx.Bucket(bucketMeta),
	}
}
