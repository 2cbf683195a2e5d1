package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// maxProblems bounds the problems Check lists; it still counts them all.
const maxProblems = 100

// CheckResult is what Check found.
type CheckResult struct {
	Postings  int `json:"postings"`
	Versions  int `json:"versions"`
	Bodies    int `json:"bodies"`
	Runs      int `json:"runs"`
	Snapshots int `json:"snapshots"`
	Weeks     int `json:"weeks"`
	Days      int `json:"days"`
	// Problems describes the first maxProblems problems; ProblemCount
	// counts all of them.
	Problems     []string `json:"problems"`
	ProblemCount int      `json:"problem_count"`
}

// CheckFile checks the database at path as Check does, and also when it
// cannot be opened: a file whose meta pages or page structure are damaged
// (which Open refuses) gets its problems listed rather than only the error
// Open gives.
func CheckFile(ctx context.Context, path string, opts Options) (CheckResult, error) {
	var res CheckResult
	if _, err := checkFile(path); err != nil {
		res.ProblemCount, res.Problems = 1, []string{err.Error()}
		return res, fmt.Errorf("store: check: %w", err)
	}
	opts.ReadOnly = true
	s, err := Open(ctx, path, opts)
	if err == nil {
		defer s.Close()
		return s.Check(ctx)
	}
	if !errors.Is(err, ErrCorrupt) {
		return res, err
	}
	db := newSharedDB(path, true, opts.withDefaults().LockTimeout, 0)
	defer db.Close()
	pages, werr := db.walk(ctx, maxProblems)
	if werr != nil {
		return res, werr
	}
	for _, p := range pages {
		res.ProblemCount++
		res.Problems = append(res.Problems, "pages: "+p)
	}
	if len(pages) == 0 {
		res.ProblemCount, res.Problems = 1, []string{err.Error()}
	}
	return res, fmt.Errorf("store: check %s: %w: %d problems (restore the file from a backup)", path, ErrCorrupt, res.ProblemCount)
}

// Check verifies the whole database in one read transaction: bbolt's page
// structure, that every record decodes, that every reference resolves
// (keys → postings → versions → content, open and seen entries, snapshot
// and week-index references, snapshot ↔ run), that every description
// decompresses to the hash it is stored under, that the weekly
// aggregates equal a recount from the snapshots, that the dedup index
// covers exactly every posting's current content and a merged posting's
// keys and open entries belong to its origins' sources, and that the
// validators' index and count agree with their entries. It returns an error
// wrapping ErrCorrupt if it found any problem.
func (s *Store) Check(ctx context.Context) (CheckResult, error) {
	var res CheckResult
	problem := func(format string, args ...any) {
		res.ProblemCount++
		if len(res.Problems) < maxProblems {
			res.Problems = append(res.Problems, fmt.Sprintf(format, args...))
		}
	}
	// bbolt checks its pages on a goroutine of its own, where a damaged
	// page faults the process: walk them safely first, and leave bbolt's
	// check (and the records, read through the same pages) to a file whose
	// pages are sound.
	pages, err := s.db.walk(ctx, maxProblems)
	if err != nil {
		return res, fmt.Errorf("store: check: %w", err)
	}
	for _, p := range pages {
		problem("pages: %s", p)
	}
	if len(pages) > 0 {
		return res, fmt.Errorf("store: check %s: %w: %d problems with its pages (restore the file from a backup)", s.path, ErrCorrupt, res.ProblemCount)
	}
	derived := 0
	err = s.db.View(ctx, func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problem("bbolt: %v", err)
		}
		b := s.bucketsOf(tx)
		steps := []struct {
			run     checkStep
			derived bool // it checks what Repair rebuilds
		}{
			{s.checkPostings, false}, {checkDates, false}, {s.checkContent, false}, {checkRunsAndSnapshots, false},
			{checkPeriods, true}, {checkWeekProj, true}, {checkValidators, false}, {checkFetches, false}, {checkDedup, true},
		}
		for _, step := range steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			before := res.ProblemCount
			if err := step.run(ctx, b, &res, problem); err != nil {
				return err
			}
			if step.derived {
				derived += res.ProblemCount - before
			}
		}
		return nil
	})
	if err != nil {
		return res, opError("check", s.path, err)
	}
	if res.ProblemCount > 0 {
		hint := repairHint(derived, res.ProblemCount)
		if derived < res.ProblemCount {
			hint += " (restore the file from a backup)"
		}
		return res, fmt.Errorf("store: check %s: %w: %d problems, first: %s%s", s.path, ErrCorrupt, res.ProblemCount, res.Problems[0], hint)
	}
	return res, nil
}

// repairHint says what to do about derived problems of total: Repair
// rebuilds the aggregates and projections, once the rest is sound.
func repairHint(derived, total int) string {
	switch {
	case derived == 0:
		return ""
	case derived == total:
		return "; the aggregates, projections and dedup index can be rebuilt from the stored postings with skillpulse db repair"
	default:
		return fmt.Sprintf("; %d of them are in the aggregates, projections or dedup index, which skillpulse db repair rebuilds once the other records are sound", derived)
	}
}

// checkPostings checks keys, postings, seen, open and versions together.
func (s *Store) checkPostings(ctx context.Context, b buckets, res *CheckResult, problem func(string, ...any)) error {
	heads, err := readHeads(ctx, b, problem)
	if err != nil {
		return err
	}
	res.Postings = len(heads)
	keyed := checkKeys(b, heads, problem)
	for id, h := range heads {
		checkHead(b, id, &h, keyed[id], problem)
	}
	checkOpen(b, heads, problem)
	if n := b.seen.Stats().KeyN; n != len(heads) {
		problem("seen: %d entries for %d postings", n, len(heads))
	}
	return checkVersions(ctx, b, heads, res, problem)
}

// readHeads decodes every posting's head, by id.
func readHeads(ctx context.Context, b buckets, problem func(string, ...any)) (map[uint64]head, error) {
	heads := map[uint64]head{}
	err := b.postings.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			problem("postings/%x: key is not an id", k)
			return nil
		}
		id := binary.BigEndian.Uint64(k)
		h, err := decodeHead(v)
		if err != nil {
			problem("postings/%d: %v", id, err)
			return nil
		}
		heads[id] = h
		return ctx.Err()
	})
	return heads, err
}

// checkKeys checks that every key points at a posting listed under it,
// and returns the postings their own key points at.
func checkKeys(b buckets, heads map[uint64]head, problem func(string, ...any)) map[uint64]bool {
	keyed := map[uint64]bool{}
	b.keys.ForEach(func(k, v []byte) error {
		if len(v) != 8 {
			problem("keys/%q: value is not an id", k)
			return nil
		}
		id := binary.BigEndian.Uint64(v)
		h, ok := heads[id]
		source, _, _ := bytes.Cut(k, []byte{0})
		switch {
		case !ok:
			problem("keys/%q: posting %d does not exist", k, id)
		case bytes.Equal(k, postingKey(h.Source, h.NativeID)):
			if keyed[id] {
				problem("keys/%q: posting %d has more than one key", k, id)
			}
			keyed[id] = true
		case string(source) == h.Source || !slices.Contains(originSources(&h), string(source)):
			// A merged posting's other keys are its listings at its
			// other origins' sources, one source each.
			problem("keys/%q: points at posting %d, which is %s/%s and has no origin at %q", k, id, h.Source, h.NativeID, source)
		}
		return nil
	})
	return keyed
}

// checkHead checks one posting against its key, seen, open and current
// version entries.
func checkHead(b buckets, id uint64, h *head, keyed bool, problem func(string, ...any)) {
	if !keyed {
		problem("postings/%d (%s/%s): no key points at it", id, h.Source, h.NativeID)
	}
	if h.Current >= h.Versions {
		problem("postings/%d: current version %d of %d", id, h.Current, h.Versions)
	}
	if _, err := decodeTime(b.seen.Get(u64(id))); err != nil {
		problem("seen/%d: missing or corrupt", id)
	}
	// An open posting is held open by its source, or for a merged posting
	// by at least one of its origins' sources.
	holders := openHolders(b.open, id, h)
	switch {
	case h.ClosedAt.IsZero() && len(holders) == 0:
		problem("postings/%d: open but not in the open bucket", id)
	case !h.ClosedAt.IsZero() && len(holders) > 0:
		problem("postings/%d: closed at %s but in the open bucket", id, h.ClosedAt)
	}
	for _, src := range holders {
		ov := b.open.Get(openKey(src, id))
		if cur, n := binary.Uvarint(ov); n != len(ov) || uint32(cur) != h.Current {
			problem("open/%s/%d: version %d, posting says %d", src, id, cur, h.Current)
		}
	}
	if v := b.versions.Get(versionKey(id, h.Current)); v != nil {
		if cv, err := decodeVersion(v, b.zdec, false); err == nil && cv.Hash != h.Hash {
			problem("postings/%d: hash %s differs from current version's %s", id, h.Hash, cv.Hash)
		}
	}
}

// checkOpen checks that every open entry is a posting under one of its
// sources.
func checkOpen(b buckets, heads map[uint64]head, problem func(string, ...any)) {
	b.open.ForEach(func(k, _ []byte) error {
		if len(k) < 9 {
			problem("open/%q: malformed key", k)
			return nil
		}
		id := binary.BigEndian.Uint64(k[len(k)-8:])
		if h, ok := heads[id]; !ok || !slices.Contains(originSources(&h), string(k[:len(k)-9])) {
			problem("open/%q: posting %d does not exist under that source", k, id)
		}
		return nil
	})
}

// checkVersions checks that every version decodes, has its description
// and belongs to a posting that counts it.
func checkVersions(ctx context.Context, b buckets, heads map[uint64]head, res *CheckResult, problem func(string, ...any)) error {
	perPosting := map[uint64]uint32{}
	err := b.versions.ForEach(func(k, v []byte) error {
		res.Versions++
		if len(k) != 12 {
			problem("versions/%x: malformed key", k)
			return nil
		}
		id, seq := binary.BigEndian.Uint64(k), binary.BigEndian.Uint32(k[8:])
		ver, err := decodeVersion(v, b.zdec, false)
		if err != nil {
			problem("versions/%d/%d: %v", id, seq, err)
			return nil
		}
		if b.content.Get(ver.contentKey()) == nil {
			problem("versions/%d/%d: description %x is missing", id, seq, ver.contentKey())
		}
		if _, ok := heads[id]; !ok {
			problem("versions/%d/%d: posting does not exist", id, seq)
		}
		perPosting[id]++
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	for id, h := range heads {
		if perPosting[id] != h.Versions {
			problem("postings/%d: says %d versions, %d stored", id, h.Versions, perPosting[id])
		}
	}
	return nil
}

// checkContent decompresses every description and checks its address: a
// body stored before schema 8 is keyed by its hash; a later one by an id,
// which the bodies index gives for its hash.
func (s *Store) checkContent(ctx context.Context, b buckets, res *CheckResult, problem func(string, ...any)) error {
	if b.bodies == nil {
		problem("bucket %s is missing", bucketBodies)
		return nil
	}
	byID := 0
	err := b.content.ForEach(func(k, v []byte) error {
		res.Bodies++
		if len(k) == 8 {
			byID++
		}
		raw, err := s.bodies.decompress(b.meta, v, -1)
		if err != nil {
			problem("content/%x: %v", k, err)
			return nil
		}
		h := bodyHash(raw)
		switch len(k) {
		case len(h):
			if !bytes.Equal(h[:], k) {
				problem("content/%x: holds content hashing to %s", k, h)
			}
		case 8:
			if id := b.bodies.Get(h[:]); !bytes.Equal(id, k) {
				problem("content/%d: its hash %s is indexed as %x", binary.BigEndian.Uint64(k), h, id)
			}
		default:
			problem("content/%x: malformed key", k)
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	// Every id-keyed body is indexed under its own hash (above), so the
	// index holds no more entries than bodies exactly when each entry
	// is one of them.
	if n := b.bodies.Stats().KeyN; n != byID {
		problem("bodies: %d entries for %d bodies stored by id", n, byID)
	}
	return nil
}

func checkRunsAndSnapshots(ctx context.Context, b buckets, res *CheckResult, problem func(string, ...any)) error {
	runs := map[string]skillpulse.Run{}
	b.runs.ForEach(func(k, v []byte) error {
		var r skillpulse.Run
		if err := json.Unmarshal(v, &r); err != nil {
			problem("runs/%s: %v", k, err)
			return nil
		}
		if r.ID != string(k) {
			problem("runs/%s: holds run %s", k, r.ID)
		}
		runs[string(k)] = r
		return nil
	})
	res.Runs = len(runs)
	return b.snapshots.ForEach(func(k, v []byte) error {
		res.Snapshots++
		snap, n, err := decodeSnapshot(v, false)
		if err != nil {
			problem("snapshots/%s: %v", k, err)
			return nil
		}
		r, ok := runs[string(k)]
		switch {
		case !ok:
			problem("snapshots/%s: run does not exist", k)
		case r.Status != skillpulse.RunComplete || !r.Finished.Equal(snap.Taken) || r.Live != n:
			problem("snapshots/%s: run is %s, finished %s, live %d; snapshot taken %s with %d", k, r.Status, r.Finished, r.Live, snap.Taken, n)
		}
		for i, id := range snap.IDs {
			if b.versions.Get(versionKey(id, snap.Vers[i])) == nil {
				problem("snapshots/%s: posting %d version %d does not exist", k, id, snap.Vers[i])
			}
		}
		return ctx.Err()
	})
}

// checkPeriods recounts every week's and day's aggregate from the
// snapshots and compares.
func checkPeriods(ctx context.Context, b buckets, res *CheckResult, problem func(string, ...any)) error {
	want, counted, err := recountPeriods(ctx, b)
	if err != nil {
		problem("aggregates: recount: %v", err)
		return nil
	}
	for _, kind := range periodKinds {
		if kind.agg(b) == nil || kind.post(b) == nil {
			if kind.agg(b) == nil {
				problem("bucket %sagg is missing", kind.name)
			}
			if kind.post(b) == nil {
				problem("bucket %spost is missing", kind.name)
			}
			continue
		}
		have := map[period]bool{}
		kind.agg(b).ForEach(func(k, _ []byte) error {
			p, ok := kind.fromKey(k)
			if !ok {
				problem("%sagg/%x: malformed key", kind.name, k)
				return nil
			}
			have[p] = true
			if _, ok := want[p]; !ok {
				problem("%sagg/%s: no snapshot in that %s", kind.name, p, kind.name)
			}
			return nil
		})
		for p := range want {
			if p.kind() != kind.name {
				continue
			}
			if p.isDay() {
				res.Days++
			} else {
				res.Weeks++
			}
			got, err := getAggregate(b, p)
			if err != nil {
				problem("%v", err)
				continue
			}
			g, _ := json.Marshal(got)
			e, _ := json.Marshal(want[p])
			if !have[p] || !bytes.Equal(g, e) {
				problem("%sagg/%s: stored aggregate differs from a recount", kind.name, p)
			}
			list, _, err := decodeSnapshot(kind.post(b).Get(p.key()), false)
			if err != nil {
				problem("%spost/%s: %v", kind.name, p, err)
				continue
			}
			ok := len(list.IDs) == len(counted[p])
			for i, id := range list.IDs {
				if v, in := counted[p][id]; !in || v != list.Vers[i] {
					ok = false
				}
			}
			if !ok {
				problem("%spost/%s: posting list differs from a recount", kind.name, p)
			}
		}
	}
	return nil
}

// recountPeriods rebuilds every period's aggregate in memory from the
// snapshots, the way addToPeriod maintains them.
func recountPeriods(ctx context.Context, b buckets) (map[period]*skillpulse.Aggregate, map[period]map[uint64]uint32, error) {
	out := map[period]*skillpulse.Aggregate{}
	counted := map[period]map[uint64]uint32{}
	err := b.snapshots.ForEach(func(k, v []byte) error {
		snap, _, err := decodeSnapshot(v, false)
		if err != nil {
			return fmt.Errorf("snapshot %s: %w", k, err)
		}
		for _, p := range periodsOf(snap.Taken) {
			agg := out[p]
			if agg == nil {
				fresh := newAggregate(p)
				agg = &fresh
				out[p] = agg
				counted[p] = map[uint64]uint32{}
			}
			agg.Snapshots++
			for i, id := range snap.IDs {
				old, ok := counted[p][id]
				if ok && old == snap.Vers[i] {
					continue
				}
				if ok {
					if err := count(agg, b, id, old, -1); err != nil {
						return err
					}
				}
				if err := count(agg, b, id, snap.Vers[i], +1); err != nil {
					return err
				}
				counted[p][id] = snap.Vers[i]
			}
		}
		return ctx.Err()
	})
	return out, counted, err
}
