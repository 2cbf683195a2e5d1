package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Errors callers branch on.
var (
	// ErrNotFound is returned for a run or posting the store does not hold.
	ErrNotFound = errors.New("not found")
	// ErrInUse is returned by Open when another process (or another Open in
	// this one) holds the database and LockTimeout passed.
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
	// LockTimeout bounds how long Open waits for another holder of the
	// file to let go; after it Open fails with ErrInUse. Default 5s.
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
	db   *bolt.DB
	path string
	opts Options
	zenc *zstd.Encoder // shared: EncodeAll is safe for concurrent use
	zdec *zstd.Decoder // shared: DecodeAll is safe for concurrent use

	bodies bodyCodec // compresses descriptions; see body.go
}

// Open opens the database at path, creating it and its parent directory if
// missing (unless opts.ReadOnly), and brings its schema up to date. A
// read-write Open also marks every run still RunRunning as RunInterrupted:
// holding the writer's lock, it knows none of them can still be going. It fails
// with ErrInUse, naming the file and the holder's pid when known, if the file
// stays locked for opts.LockTimeout; and with ErrSchemaTooNew for a database
// written by a newer build.
func Open(path string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	fail := func(err error) (*Store, error) { return nil, fmt.Errorf("store: open %s: %w", path, err) }
	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fail(err)
		}
	}
	bopts := boltOptions(opts.LockTimeout)
	bopts.ReadOnly = opts.ReadOnly
	db, err := bolt.Open(path, 0o644, bopts)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fail(fmt.Errorf("%w%s (gave up after %s)", ErrInUse, describeHolder(path), opts.LockTimeout))
	}
	if err != nil {
		return fail(err)
	}
	s := &Store{db: db, path: path, opts: opts}
	// Bodies are a few KB each: the lower-memory encoder tables are as good
	// for them and much cheaper to reset per EncodeAll. The fastest level
	// compresses a body in 60% of the default's time to a 7% larger blob
	// (BenchmarkBodyCompression); compressing is most of a new posting's
	// cost to ingest.
	// Frames carry no checksum: Check verifies every body against its
	// hash, and a body is read far less often than written.
	s.zenc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(false),
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)), zstd.WithLowerEncoderMem(true))
	if err == nil {
		s.zdec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(64<<20))
	}
	if err == nil {
		err = s.migrate()
	}
	if err == nil {
		s.bodies.zenc, s.bodies.zdec = s.zenc, s.zdec
		err = s.db.View(func(tx *bolt.Tx) error { return s.bodies.load(tx.Bucket(bucketMeta)) })
	}
	if err == nil && !opts.ReadOnly {
		_, err = s.markInterrupted()
	}
	if err != nil {
		s.Close()
		return fail(err)
	}
	if !opts.ReadOnly {
		// Best effort: the holder file only improves the message a second
		// opener gets; the lock itself is bbolt's flock.
		_ = os.WriteFile(holderPath(path), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
	}
	return s, nil
}

// holderPath is the sidecar file in which a read-write opener records its
// pid, so that a second opener can say who holds the lock.
func holderPath(path string) string { return path + ".pid" }

func describeHolder(path string) string {
	b, err := os.ReadFile(holderPath(path))
	if err != nil {
		return ""
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return ""
	}
	if pid == os.Getpid() {
		return fmt.Sprintf(" by this process (pid %d)", pid)
	}
	// A pid left behind by a writer that crashed says nothing about who
	// holds the lock now (perhaps a reader, which records no pid).
	if p, err := os.FindProcess(pid); err != nil || p.Signal(syscall.Signal(0)) != nil {
		return ""
	}
	return fmt.Sprintf(" by pid %d", pid)
}

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
	if !s.opts.ReadOnly {
		_ = os.Remove(holderPath(s.path))
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
const SchemaVersion = 8

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
}

func readSchema(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, nil
	}
	v := meta.Get(keySchema)
	if v == nil {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("meta/schema: %w", ErrCorrupt)
	}
	return binary.BigEndian.Uint64(v), nil
}

func (s *Store) migrate() error {
	var have uint64
	if err := s.db.View(func(tx *bolt.Tx) (err error) {
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
	return s.db.Update(func(tx *bolt.Tx) error {
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
