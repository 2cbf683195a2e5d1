package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Errors callers branch on.
var (
	// ErrNotFound is returned for a run or posting the store does not hold.
	// It is skillpulse.ErrNotFound.
	ErrNotFound = skillpulse.ErrNotFound
	// ErrInUse is returned when another process (or another Store in this
	// one) keeps the file locked longer than the wait allows: LockTimeout
	// for reads, ten minutes or LockTimeout for writes.
	ErrInUse = errors.New("database in use")
	// ErrSchemaTooNew is returned by Open for a database written by a newer
	// skillpulse; this build refuses to touch it rather than guess.
	ErrSchemaTooNew = errors.New("schema newer than this build supports")
	// ErrNeedsMigration is returned by a ReadOnly Open of a database whose
	// schema is older than this build's: it must be opened read-write once.
	ErrNeedsMigration = errors.New("schema needs migration")
	// ErrCorrupt marks data that does not decode or a reference that does
	// not resolve; errors wrapping it name the bucket and key. Restore from
	// a Backup.
	ErrCorrupt = errors.New("corrupt data")
	// ErrRunFinished is returned when a RunWriter is used after Finish.
	ErrRunFinished = errors.New("run already finished")
)

// Default option values.
const (
	DefaultLockTimeout = 5 * time.Second
	DefaultGrace       = 48 * time.Hour
)

// Options configure Open. The zero value is usable.
type Options struct {
	// LockTimeout bounds how long a read (and Open) waits for another
	// process's write transaction to end; after it the call fails with
	// ErrInUse. Writes wait at least ten minutes for readers. Default 5s.
	LockTimeout time.Duration
	// Grace is how long a posting may be missing from healthy runs of its
	// own source before Finish closes it. Default 48h.
	Grace time.Duration
	// ReadOnly opens with a shared lock and never writes; the file must
	// exist and be at the current schema.
	ReadOnly bool
}

func (o Options) withDefaults() Options {
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.Grace <= 0 {
		o.Grace = DefaultGrace
	}
	return o
}

// Store is an open skillpulse database. Its methods are safe for concurrent
// use; bbolt serialises write transactions and lets reads run alongside.
type Store struct {
	db   *sharedDB
	path string
	opts Options
	zenc *zstd.Encoder // shared: EncodeAll is safe for concurrent use
	zdec *zstd.Decoder // shared: DecodeAll is safe for concurrent use

	bodies bodyCodec // compresses descriptions; see body.go
}

// Open opens the database at path, creating it and its parent directory if
// missing (unless opts.ReadOnly), and brings its schema up to date. It
// holds the file only while it does so: every later call opens it for its
// transaction (see "Sharing the file" in doc.go). A read-write Open that
// finds no crawl in progress also marks every run still RunRunning as
// RunInterrupted. It fails with ErrInUse, naming the file, if another
// process keeps it locked for opts.LockTimeout; with ErrSchemaTooNew for a
// database written by a newer build; and with ErrCorrupt, saying what is
// wrong, for a file that is not a whole bbolt database.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	fail := func(err error) (*Store, error) {
		if strings.Contains(err.Error(), path) {
			return nil, fmt.Errorf("store: open: %w", err)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return fail(err)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fail(err)
	}
	if err := notAFile(path); err != nil {
		return fail(err)
	}
	s := &Store{path: path, opts: opts}
	s.db = newSharedDB(path, opts.ReadOnly, opts.LockTimeout, max(opts.LockTimeout, writeWait))
	// Bodies are a few KB each: the lower-memory encoder tables are as good
	// for them and much cheaper to reset per EncodeAll. The fastest level
	// compresses a body in 60% of the default's time to a 7% larger blob
	// (BenchmarkBodyCompression); compressing is most of a new posting's
	// cost to ingest.
	// Frames carry no checksum: Check verifies every body against its
	// hash, and a body is read far less often than written.
	var err error
	s.zenc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(false),
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)), zstd.WithLowerEncoderMem(true))
	if err == nil {
		s.zdec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(64<<20))
	}
	if fi, serr := os.Stat(path); err == nil && !opts.ReadOnly && (serr != nil || fi.Size() == 0) {
		// A new file: only a write creates it (reads open read-only).
		err = s.db.Update(ctx, func(*bolt.Tx) error { return nil })
	}
	if err == nil && !opts.ReadOnly {
		err = s.db.checkPages(ctx)
	}
	if err == nil {
		err = s.migrate(ctx)
	}
	if err == nil {
		s.bodies.zenc, s.bodies.zdec = s.zenc, s.zdec
		err = s.db.View(ctx, func(tx *bolt.Tx) error { return s.bodies.load(tx.Bucket(bucketMeta)) })
	}
	if err == nil && !opts.ReadOnly {
		// Holding the crawl lock, it knows no crawl is going: a run still
		// running was cut short. With a crawl going elsewhere, that
		// crawl's own lock does this when it ends.
		var lock *CrawlLock
		if lock, err = s.LockCrawl(ctx, time.Now()); err == nil {
			err = lock.Unlock()
		} else if errors.Is(err, ErrCrawlInProgress) {
			err = nil
		}
	}
	if err != nil {
		s.Close()
		return fail(err)
	}
	return s, nil
}

// writeWait is how long a write waits for other processes' readers to let
// go of the file: a `db check` or export of a large store reads for
// minutes, and a crawl waits for it rather than fail.
const writeWait = 10 * time.Minute

// Close releases the database. It is safe to call more than once.
func (s *Store) Close() error {
	if s.zenc != nil {
		s.zenc.Close()
		s.zenc = nil
	}
	if s.zdec != nil {
		s.zdec.Close()
		s.zdec = nil
	}
	s.bodies.close()
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	if err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Bucket names; see doc.go for what each holds.
var (
	bucketMeta       = []byte("meta")
	bucketKeys       = []byte("keys")
	bucketPostings   = []byte("postings")
	bucketSeen       = []byte("seen")
	bucketOpen       = []byte("open")
	bucketVersions   = []byte("versions")
	bucketContent    = []byte("content")
	bucketRuns       = []byte("runs")
	bucketSnapshots  = []byte("snapshots")
	bucketWeekPost   = []byte("weekpost")
	bucketWeekAgg    = []byte("weekagg")
	bucketDayPost    = []byte("daypost")
	bucketDayAgg     = []byte("dayagg")
	bucketWeekProj   = []byte("weekproj")
	bucketValidators = []byte("validators")
	bucketFetches    = []byte("fetches")
	bucketDedup      = []byte("dedup")
	bucketBodies     = []byte("bodies")

	keySchema = []byte("schema")
)

// recreateBuckets replaces the named buckets, if they exist, with empty ones.
func recreateBuckets(tx *bolt.Tx, names ...[]byte) error {
	for _, name := range names {
		if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
			return fmt.Errorf("drop bucket %s: %w", name, err)
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// SchemaVersion is the schema this build reads and writes.
const SchemaVersion = 11

// migrations[i] upgrades a database from schema i to i+1, inside the one
// transaction that also records the new version, so a migration either
// happens entirely or not at all.
var migrations = [...]func(s *Store, tx *bolt.Tx) error{
	0: func(_ *Store, tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketKeys, bucketPostings, bucketSeen, bucketOpen,
			bucketVersions, bucketContent, bucketRuns, bucketSnapshots} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return nil
	},
	// Schema 2 added the weekly aggregates; their contents are built by
	// the next migration.
	1: func(*Store, *bolt.Tx) error { return nil },
	// Schema 3 stores each week's posting list as one delta-encoded value
	// instead of one key per posting. The week buckets start empty: the
	// schema 8 migration rebuilds every aggregate from the snapshots.
	2: func(_ *Store, tx *bolt.Tx) error { return recreateBuckets(tx, bucketWeekPost, bucketWeekAgg) },
	// Schema 4 may store version records zstd-compressed (format byte
	// recordZstd). Older records stay valid as they are; the bump only keeps
	// older builds, which cannot read the new records, away from the file.
	3: func(*Store, *bolt.Tx) error { return nil },
	// Schema 5 keeps conditional-request validators (see validators.go).
	4: func(_ *Store, tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketValidators); err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketValidators, err)
		}
		return nil
	},
	// Schema 6 records each source's last complete fetch, for Keep. It
	// starts empty: Keep treats a source without one conservatively.
	5: func(_ *Store, tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketFetches); err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketFetches, err)
		}
		return nil
	},
	// Schema 7 joins listings of one job at several sources (cross-source
	// dedup). The fingerprint index is built from every posting's current
	// content, so postings stored before can be joined by later listings.
	6: func(s *Store, tx *bolt.Tx) error {
		if err := recreateBuckets(tx, bucketDedup); err != nil {
			return err
		}
		return indexAll(s.bucketsOf(tx))
	},
	// Schema 8 writes version records in versionFormat (see records.go),
	// and stores new bodies under sequential ids, indexed by hash in the
	// bodies bucket. Records and bodies stored before stay valid and are
	// read as they are; the bump keeps older builds, which cannot read the
	// new ones, away. It also keeps a daily aggregate beside the weekly one
	// and counts each skill's postings by seniority: every aggregate is
	// rebuilt from the snapshots.
	7: func(s *Store, tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketBodies); err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketBodies, err)
		}
		if err := recreateBuckets(tx, bucketWeekPost, bucketWeekAgg, bucketDayPost, bucketDayAgg); err != nil {
			return err
		}
		b := s.bucketsOf(tx)
		return b.snapshots.ForEach(func(k, v []byte) error {
			snap, _, err := decodeSnapshot(v, false)
			if err != nil {
				return fmt.Errorf("snapshot %s: %w", k, err)
			}
			return addToPeriods(b, &snap)
		})
	},
	// Schema 9 trains zstd dictionaries and stores bodies compressed with
	// them (blobZstdDict, see body.go). A store's S2 dictionary and the
	// bodies stored with it stay valid and in use; the bump only keeps
	// older builds, which cannot read the new bodies, away from the file.
	8: func(*Store, *bolt.Tx) error { return nil },
	// Schema 10 keeps the skills a posting names apart from those it only
	// implies (Tags.Implied, written at the end of a version record; see
	// encodeImplied). Records stored before stay valid and are read as they
	// are: without implied credit, with the mentions the tagger of the
	// time gave, which mixed parent credit in (eks → kubernetes, aws), and
	// which the aggregates count as named until `retag` tags them again
	// and moves their counts. The bump keeps older builds, which would
	// read the new section as trailing bytes, away.
	9: func(*Store, *bolt.Tx) error { return nil },
	// Schema 11 keeps each week's projection (weekproj, see weekproj.go):
	// what a report reads of the versions the week counts, in one value.
	// It is built here for every week with a posting list.
	10: createWeekProj,
}

// readSchema returns the file's schema: 0 for a new file. A file that
// holds postings always has one (the transaction that first created the
// postings bucket wrote it): without it, the file is damaged, not old, and
// is not migrated.
func readSchema(tx *bolt.Tx) (uint64, error) {
	var v []byte
	if meta := tx.Bucket(bucketMeta); meta != nil {
		v = meta.Get(keySchema)
	}
	if v == nil {
		if tx.Bucket(bucketPostings) != nil {
			return 0, fmt.Errorf("meta/schema: %w: missing in a file that holds postings", ErrCorrupt)
		}
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("meta/schema: %w", ErrCorrupt)
	}
	return binary.BigEndian.Uint64(v), nil
}

func (s *Store) migrate(ctx context.Context) error {
	var have uint64
	if err := s.db.View(ctx, func(tx *bolt.Tx) (err error) {
		have, err = readSchema(tx)
		return err
	}); err != nil {
		return err
	}
	switch {
	case have > SchemaVersion:
		return fmt.Errorf("%w: file has schema %d, this build knows up to %d; use a newer skillpulse",
			ErrSchemaTooNew, have, SchemaVersion)
	case have == SchemaVersion:
		return nil
	case s.opts.ReadOnly:
		return fmt.Errorf("%w: file has schema %d, this build needs %d; open it read-write once to migrate",
			ErrNeedsMigration, have, SchemaVersion)
	}
	return s.db.Update(ctx, func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		for v := have; v < SchemaVersion; v++ {
			if err := migrations[v](s, tx); err != nil {
				return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
			}
		}
		return meta.Put(keySchema, u64(SchemaVersion))
	})
}
