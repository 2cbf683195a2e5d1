package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strings"

	bolterrors "go.etcd.io/bbolt/errors"
)

// damageAdvice ends every error the store gives for a damaged file: what
// the user can do about it.
const damageAdvice = "the file looks damaged: run skillpulse db check, and restore it from a backup if that finds problems"

// asDamage returns err, met while using the file at path, as every public
// call reports a damaged file: wrapping ErrCorrupt, naming the file once
// and ending with damageAdvice. An error that is not about damage — a
// cancelled context, a tagger's error, a lock timeout — is returned as it
// is. Damage is an error wrapping ErrCorrupt (a record that does not
// decode, a reference that does not resolve, a panic or fault inside
// bbolt) or one of bbolt's own errors that only a damaged page explains
// (see isBoltDamage).
func asDamage(path string, err error) error {
	if err == nil {
		return nil
	}
	if !errors.Is(err, ErrCorrupt) {
		if !isBoltDamage(err) {
			return err
		}
		err = fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	msg := err.Error()
	switch named, advised := strings.Contains(msg, path), strings.Contains(msg, "db check"); {
	case named && advised:
		return err
	case named:
		return fmt.Errorf("%w (%s)", err, damageAdvice)
	case advised:
		return fmt.Errorf("%s: %w", path, err)
	}
	return fmt.Errorf("%s: %w (%s)", path, err, damageAdvice)
}

// checkPages fails, wrapping ErrCorrupt, if the file's pages do not walk
// clean (see walkPages). Open calls it once: bbolt follows whatever a
// damaged page says — round a loop of branch pages until memory runs out,
// or a value's length far past its page, which a write then copies into a
// page of that size — so a file whose structure is damaged is refused
// before any call writes it. It reads every page in use, once per Open
// for writing; a read-only Open skips it (TestSeededDamage's reads meet
// damage as errors without it), as a walk costs a report several times
// its own work on a year's store.
func (s *sharedDB) checkPages(ctx context.Context) error {
	problems, err := s.walk(ctx, 1)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return asDamage(s.path, fmt.Errorf("%w: %s", ErrCorrupt, problems[0]))
	}
	return nil
}

// refuseDamaged returns an error wrapping ErrCorrupt if the pages of the
// file at path do not walk clean (see walkPages). Compaction calls it
// first: bbolt's copy follows whatever a damaged page points to, round a
// loop of pages for ever, and a copy that left out what it could not read
// must never take the original's place.
func refuseDamaged(path string) error {
	problems, err := walkPages(path, 1)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s; a damaged file is not compacted", ErrCorrupt, problems[0])
	}
	return nil
}

// copyDamage returns an error of bbolt's copy of a file (bolt.Compact) as
// damage of the file copied when it says a key or value read from it is
// one no store ever wrote: empty, too large, or a bucket where a value
// should be or the other way round.
func copyDamage(err error) error {
	for _, e := range [...]error{bolterrors.ErrKeyRequired, bolterrors.ErrKeyTooLarge, bolterrors.ErrValueTooLarge,
		bolterrors.ErrBucketNameRequired, bolterrors.ErrBucketExists, bolterrors.ErrIncompatibleValue} {
		if errors.Is(err, e) {
			return fmt.Errorf("%w: copying it: %w", ErrCorrupt, err)
		}
	}
	return err
}

// opError is a public call's error: "store: <op> <path>: err", naming the
// file once (errors of a damaged file name it already).
func opError(op, path string, err error) error {
	if strings.Contains(err.Error(), path) {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return fmt.Errorf("store: %s %s: %w", op, path, err)
}

// isBoltDamage reports whether err is one of bbolt's errors for a file
// whose pages do not hold what they should: a value where a bucket should
// be (a flipped flag), a meta page that does not check. The store's own
// keys and buckets never cause them.
func isBoltDamage(err error) bool {
	for _, e := range [...]error{bolterrors.ErrIncompatibleValue, bolterrors.ErrInvalid,
		bolterrors.ErrInvalidMapping, bolterrors.ErrVersionMismatch, bolterrors.ErrChecksum} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// bbolt's on-disk meta page, as far as checkFile reads it: a 16-byte page
// header, then magic, version, page size, flags (4 bytes each), the root
// bucket (root page, sequence), the freelist page, the high-water mark
// (pgid: pages in use), the transaction id and a FNV-64a checksum of the
// 56 bytes before it. Integers are in the machine's byte order, which on
// every platform skillpulse builds for is little-endian.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64
	noFreelist     = ^uint64(0)
)

type diskMeta struct {
	pageSize                   uint32
	root, freelist, pgid, txid uint64
	offset                     int64
}

// checkFile tells a file that is not a whole bbolt database from one that
// is, before bbolt maps it: bbolt trusts its meta page, and reading a page
// past the end of a truncated file is a memory fault that kills the
// process rather than an error. It returns nil for a missing or empty file
// (bbolt creates one) and the meta page bbolt will use; an error for a
// directory; otherwise an error wrapping ErrCorrupt that says what is
// wrong: no valid meta page, or fewer bytes than the meta page says the
// file holds.
func checkFile(path string) (diskMeta, error) {
	if err := notAFile(path); err != nil {
		return diskMeta{}, err
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return diskMeta{}, nil
	}
	if err != nil {
		return diskMeta{}, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return diskMeta{}, fmt.Errorf("%s: %w", path, err)
	}
	size := fi.Size()
	if size == 0 {
		return diskMeta{}, nil
	}
	m, err := readMeta(f, size)
	if err != nil {
		return m, fmt.Errorf("%s: %w: %v (not a skillpulse store, or its first pages are damaged; restore from a backup)", path, ErrCorrupt, err)
	}
	need := int64(m.pgid) * int64(m.pageSize)
	if size < need {
		return m, fmt.Errorf("%s: %w: the file is truncated: its meta page says it holds %d pages of %d bytes (%d bytes), but it has %d bytes (restore from a backup)",
			path, ErrCorrupt, m.pgid, m.pageSize, need, size)
	}
	if m.root >= m.pgid || (m.freelist != noFreelist && m.freelist >= m.pgid) {
		return m, fmt.Errorf("%s: %w: its meta page points past its last page (root %d, freelist %d, %d pages; restore from a backup)", path, ErrCorrupt, m.root, m.freelist, m.pgid)
	}
	return m, nil
}

// notAFile returns an error when path exists and is not a regular file (a
// directory, a named pipe, a device, a socket): opening a named pipe
// blocks until something writes to it, so `--db` pointing at one would
// hang every command, and no such file can hold a store. A missing path
// is no error here.
func notAFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	kind := "special file"
	switch m := fi.Mode(); {
	case m.IsDir():
		kind = "directory"
	case m&os.ModeNamedPipe != 0:
		kind = "named pipe"
	case m&os.ModeSocket != 0:
		kind = "socket"
	case m&os.ModeCharDevice != 0:
		kind = "character device"
	case m&os.ModeDevice != 0:
		kind = "device"
	}
	return fmt.Errorf("%s is a %s, not a store file", path, kind)
}

// readMeta returns the valid meta page with the highest transaction id, as
// bbolt chooses it: the first at offset 0, the second one page further,
// where the page size is the first's or, if it is damaged, any power of two
// from 1 KiB to 16 MiB.
func readMeta(f io.ReaderAt, size int64) (diskMeta, error) {
	var best diskMeta
	found := false
	consider := func(off int64) {
		if m, ok := metaAt(f, off); ok && (!found || m.txid > best.txid) && (off == 0 || int64(m.pageSize) == off) {
			best, found = m, true
		}
	}
	consider(0)
	if found {
		consider(int64(best.pageSize))
	} else {
		for ps := int64(1 << 10); ps <= 16<<20 && ps < size; ps <<= 1 {
			consider(ps)
		}
	}
	if !found {
		return best, errors.New("neither of its two meta pages is valid")
	}
	return best, nil
}

// metaAt reads and validates the meta page at off.
func metaAt(f io.ReaderAt, off int64) (diskMeta, bool) {
	var b [pageHeaderSize + metaSize]byte
	if n, _ := f.ReadAt(b[:], off); n != len(b) {
		return diskMeta{}, false
	}
	le := binary.LittleEndian
	m := b[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(m[:56])
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[56:]) != h.Sum64() {
		return diskMeta{}, false
	}
	ps := le.Uint32(m[8:])
	if ps < 512 || ps&(ps-1) != 0 {
		return diskMeta{}, false
	}
	return diskMeta{pageSize: ps, root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:]), offset: off}, true
}
