package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
)

// walkPages checks the page structure of the bbolt file at path the way
// bbolt's own check does — every page reachable from the root bucket lies
// below the high-water mark, says it is the page it was reached as, is a
// branch or leaf page whose elements lie inside it, is reached once, and
// holds its keys in order within its parent's range; the freelist page
// lists pages that exist — but by reading the file rather than mapping it,
// so a damaged page is a problem found rather than a fault. bbolt runs its
// check (and its rebuild of the freelist, which is the same walk) on a
// goroutine of its own, where a damaged page panics or faults the whole
// process: walkPages runs before either is allowed to. It returns at most
// limit problems.
func walkPages(path string, limit int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	m, err := readMeta(f, fi.Size())
	if err != nil {
		return []string{err.Error()}, nil
	}
	w := &walker{f: f, ps: int64(m.pageSize), hwm: m.pgid, seen: map[uint64]bool{0: true, 1: true}, limit: limit}
	if m.freelist != noFreelist {
		w.freelist(m.freelist)
	}
	w.bucket(m.root, nil, "root", 0)
	return w.problems, nil
}

type walker struct {
	f        *os.File
	ps       int64
	hwm      uint64
	seen     map[uint64]bool
	heads    []uint64 // pages reached, not counting overflow pages
	problems []string
	limit    int
}

const (
	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagFreelist = 0x10
	bucketLeaf   = 0x01
	elemSize     = 16
	maxDepth     = 64
)

func (w *walker) problem(format string, args ...any) {
	if len(w.problems) < w.limit {
		w.problems = append(w.problems, fmt.Sprintf(format, args...))
	}
}

func (w *walker) full() bool { return len(w.problems) >= w.limit }

// page reads page id with its overflow pages, or reports why it cannot.
func (w *walker) page(id uint64, where string) []byte {
	if id < 2 || id >= w.hwm {
		w.problem("page %d (%s): out of bounds: the file has %d pages", id, where, w.hwm)
		return nil
	}
	var hdr [pageHeaderSize]byte
	if _, err := w.f.ReadAt(hdr[:], int64(id)*w.ps); err != nil {
		w.problem("page %d (%s): %v", id, where, err)
		return nil
	}
	le := binary.LittleEndian
	if got := le.Uint64(hdr[0:]); got != id {
		w.problem("page %d (%s): the page says it is page %d (zeroed or overwritten)", id, where, got)
		return nil
	}
	overflow := uint64(le.Uint32(hdr[12:]))
	if id+overflow >= w.hwm {
		w.problem("page %d (%s): %d overflow pages run past the file's %d pages", id, where, overflow, w.hwm)
		return nil
	}
	for i := uint64(0); i <= overflow; i++ {
		if w.seen[id+i] {
			w.problem("page %d (%s): referenced more than once", id+i, where)
			return nil
		}
		w.seen[id+i] = true
	}
	w.heads = append(w.heads, id)
	b := make([]byte, int64(overflow+1)*w.ps)
	if _, err := w.f.ReadAt(b, int64(id)*w.ps); err != nil {
		w.problem("page %d (%s): %v", id, where, err)
		return nil
	}
	return b
}

// bucket walks a bucket: its root page, or, when root is 0, the inline
// page held in value after the bucket header.
func (w *walker) bucket(root uint64, value []byte, where string, depth int) {
	if w.full() {
		return
	}
	if depth > maxDepth {
		w.problem("%s: buckets nested deeper than %d", where, maxDepth)
		return
	}
	if root == 0 {
		if len(value) < 16+pageHeaderSize {
			w.problem("%s: inline bucket of %d bytes", where, len(value))
			return
		}
		w.node(value[16:], 0, where, nil, nil, depth, true)
		return
	}
	b := w.page(root, where)
	if b != nil {
		w.node(b, root, where, nil, nil, depth, false)
	}
}

// node checks one branch or leaf page b (id 0 for an inline page) whose
// keys must lie in [lo, hi), and walks what it references. It returns the
// greatest key under it.
func (w *walker) node(b []byte, id uint64, where string, lo, hi []byte, depth int, inline bool) []byte {
	le := binary.LittleEndian
	flags, count := le.Uint16(b[8:]), int(le.Uint16(b[10:]))
	if flags != flagBranch && flags != flagLeaf || inline && flags != flagLeaf {
		w.problem("page %d (%s): not a branch or leaf page (flags %#x)", id, where, flags)
		return nil
	}
	if pageHeaderSize+count*elemSize > len(b) {
		w.problem("page %d (%s): %d elements do not fit in %d bytes", id, where, count, len(b))
		return nil
	}
	prev := lo
	for i := range count {
		e := pageHeaderSize + i*elemSize
		var key, val []byte
		var child uint64
		var eflags uint32
		if flags == flagBranch {
			pos, ksize := int(le.Uint32(b[e:])), int(le.Uint32(b[e+4:]))
			child = le.Uint64(b[e+8:])
			if e+pos < e || e+pos+ksize > len(b) || ksize < 0 {
				w.problem("page %d (%s): element %d's key lies outside the page", id, where, i)
				return nil
			}
			key = b[e+pos : e+pos+ksize]
		} else {
			eflags = le.Uint32(b[e:])
			pos, ksize, vsize := int(le.Uint32(b[e+4:])), int(le.Uint32(b[e+8:])), int(le.Uint32(b[e+12:]))
			if e+pos < e || e+pos+ksize+vsize > len(b) || ksize < 0 || vsize < 0 {
				w.problem("page %d (%s): element %d lies outside the page", id, where, i)
				return nil
			}
			key, val = b[e+pos:e+pos+ksize], b[e+pos+ksize:e+pos+ksize+vsize]
		}
		if i == 0 && prev != nil && bytes.Compare(prev, key) > 0 || i > 0 && bytes.Compare(prev, key) >= 0 || hi != nil && bytes.Compare(key, hi) >= 0 {
			w.problem("page %d (%s): key %d (%x) out of order", id, where, i, key)
			return nil
		}
		prev = key
		if flags == flagBranch {
			next := hi
			if i+1 < count {
				ne := pageHeaderSize + (i+1)*elemSize
				pos, ksize := int(le.Uint32(b[ne:])), int(le.Uint32(b[ne+4:]))
				if ne+pos+ksize <= len(b) && ne+pos >= ne {
					next = b[ne+pos : ne+pos+ksize]
				}
			}
			cb := w.page(child, where)
			if cb == nil {
				return nil
			}
			if max := w.node(cb, child, where, key, next, depth, false); max != nil {
				prev = max
			}
		} else if eflags&bucketLeaf != 0 {
			if len(val) < 16 {
				w.problem("page %d (%s): bucket %q has a %d-byte header", id, where, key, len(val))
				return nil
			}
			w.bucket(le.Uint64(val), val, fmt.Sprintf("%s/%s", where, printableKey(key)), depth+1)
		}
		if w.full() {
			return nil
		}
	}
	return prev
}

// freelist checks the freelist page: it exists and lists pages that do.
func (w *walker) freelist(id uint64) {
	b := w.page(id, "freelist")
	if b == nil {
		return
	}
	le := binary.LittleEndian
	if flags := le.Uint16(b[8:]); flags != flagFreelist {
		w.problem("page %d (freelist): not a freelist page (flags %#x)", id, flags)
		return
	}
	count, start := uint64(le.Uint16(b[10:])), pageHeaderSize
	if count == 0xFFFF {
		count, start = le.Uint64(b[pageHeaderSize:]), pageHeaderSize+8
	}
	if count > uint64(len(b)-start)/8 {
		w.problem("page %d (freelist): %d free pages do not fit in %d bytes", id, count, len(b))
		return
	}
	for i := range int(count) {
		if p := le.Uint64(b[start+8*i:]); p < 2 || p >= w.hwm {
			w.problem("page %d (freelist): lists page %d, outside the file's %d pages", id, p, w.hwm)
			return
		}
	}
}

// printableKey shows a bucket name as text when it is, else as hex.
func printableKey(k []byte) string {
	for _, c := range k {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("%x", k)
		}
	}
	return string(k)
}
