package store

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/skillpulse/skillpulse"
)

// countChunkSize is how many posting versions countOps reads ahead: their
// records are looked up in order, in the transaction's goroutine, and
// decoded on other goroutines while the chunk before is counted.
const countChunkSize = 1024

// opVersion is one posting version whose counts addToPeriods
// changes: its ops, its records as the transaction holds them, and what
// they decode to.
type opVersion struct {
	ref       versionRef
	ops       []countOp
	rec, head []byte
	v         version
	demand    skillpulse.Demand
	err       error
}

// countChunk is a chunk of versions on their way from the transaction to
// the counts.
type countChunk struct {
	items []opVersion
	done  sync.WaitGroup
	fault error // a panic or memory fault while decoding: a damaged file
}

// countOps applies ops, sorted by posting and version, to aggs (indexed
// by countOp.period) and offers each version read to proj, if not nil,
// in ascending order. A version is read once for all its ops. Decoding
// and the demand rule, most of the work, run on all CPUs; the counts and
// the projection stay in the caller's goroutine, in order.
func countOps(b buckets, ops []countOp, aggs []skillpulse.Aggregate, proj *weekProjector) error {
	var pending *countChunk
	// A chunk still decoding reads the transaction's memory: it must be
	// done before the transaction can end.
	defer func() {
		if pending != nil {
			pending.done.Wait()
		}
	}()
	pending, ops = readChunk(b, ops)
	for pending != nil {
		cur := pending
		pending, ops = readChunk(b, ops)
		cur.done.Wait()
		if cur.fault != nil {
			return cur.fault
		}
		for i := range cur.items {
			it := &cur.items[i]
			if it.err != nil {
				return it.err
			}
			for _, op := range it.ops {
				aggs[op.period].Add(&it.demand, int(op.sign))
			}
			if proj != nil {
				if err := proj.offer(it.ref, &it.v); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// readChunk looks up the records of the versions of the first ops, at
// most countChunkSize of them, starts decoding them, and returns the
// chunk and the ops after it; no chunk when ops is empty.
func readChunk(b buckets, ops []countOp) (*countChunk, []countOp) {
	if len(ops) == 0 {
		return nil, nil
	}
	c := &countChunk{items: make([]opVersion, 0, min(len(ops), countChunkSize))}
	i := 0
	for i < len(ops) && len(c.items) < countChunkSize {
		ref := versionRef{ops[i].id, ops[i].ver}
		j := i + 1
		for j < len(ops) && ops[j].id == ref.id && ops[j].ver == ref.ver {
			j++
		}
		c.items = append(c.items, opVersion{ref: ref, ops: ops[i:j:j],
			rec: b.versions.Get(versionKey(ref.id, ref.ver)), head: b.postings.Get(u64(ref.id))})
		i = j
	}
	c.decode(b)
	return c, ops[i:]
}

// decode decodes the chunk's records on all CPUs, leanly: the demand rule
// and the week's projection need nothing a lean read leaves out.
func (c *countChunk) decode(b buckets) {
	var next atomic.Int64
	var faultOnce sync.Once
	for range min(runtime.GOMAXPROCS(0), len(c.items)) {
		c.done.Go(func() {
			// The records may be in the file's mapping, where a damaged
			// page faults: as in sharedDB.with, that is an error.
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer func() {
				if r := recover(); r != nil {
					faultOnce.Do(func() { c.fault = fmt.Errorf("%w: reading the file failed: %v", ErrCorrupt, r) })
				}
			}()
			intern := map[string]string{}
			for {
				i := int(next.Add(1)) - 1
				if i >= len(c.items) {
					return
				}
				c.items[i].decode(b, intern)
			}
		})
	}
}

// decode decodes the version's records and applies the demand rule.
func (it *opVersion) decode(b buckets, intern map[string]string) {
	id, ver := it.ref.id, it.ref.ver
	if err := decodeVersionInto(&it.v, it.rec, b.zdec, versionRead{lean: true, intern: intern}); err != nil {
		it.err = fmt.Errorf("versions/%d/%d: %w", id, ver, err)
		return
	}
	h, err := decodeHeadWith(decoder{b: it.head, intern: intern})
	if err != nil {
		it.err = fmt.Errorf("postings/%d: %w", id, err)
		return
	}
	it.demand = skillpulse.DemandOf(h.Source, h.Origins, it.v.Posting.Workplace, &it.v.Tags)
}
