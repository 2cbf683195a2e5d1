package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// Cross-source dedup: the same job listed by two sources is one posting
// with two origins. See doc.go for the rule; this file holds its parts.

const (
	// fingerprintSize is how much of the SHA-256 of the normalised company,
	// title and location a dedup key keeps.
	fingerprintSize = 16
	// maxDedupCandidates bounds the postings sharing a fingerprint whose
	// text Put compares a new posting's with, and maxDedupScan the index
	// entries it looks at to find them, newest first: a board listing the
	// same title at the same place hundreds of times must not make every
	// new listing walk them all.
	maxDedupCandidates = 8
	maxDedupScan       = 64
	// maxShingleWords bounds the words of a text that are shingled: two
	// postings whose first few thousand words agree are the same job.
	maxShingleWords = 3000
	// dedupJaccard is the least Jaccard similarity of two texts' word
	// 3-shingle sets for them to be the same job.
	dedupJaccard = 0.8
)

// legalForms are company-name suffixes left out of a fingerprint, so that
// "Acme GmbH" on one board and "Acme" on another are one company.
var legalForms = []string{"inc", "llc", "ltd", "limited", "gmbh", "ag", "corp", "corporation",
	"co", "plc", "sa", "sas", "bv", "se", "oy", "ab", "as", "srl", "pty"}

// normalise lower-cases s and keeps its letters and digits, one space
// between words.
func normalise(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// fingerprint is the dedup key of a posting's content: a digest of its
// normalised company (without legal form), title and location. It is nil
// for a posting without a company: a title and a location alone ("Senior
// SRE", "Remote") say too little to join postings on.
func fingerprint(p *skillpulse.Posting) []byte {
	company := normalise(p.Company)
	for len(company) > 1 && slices.Contains(legalForms, company[len(company)-1]) {
		company = company[:len(company)-1]
	}
	if len(company) == 0 {
		return nil
	}
	h := sha256.New()
	for _, part := range [][]string{company, normalise(p.Title), normalise(p.Location)} {
		h.Write([]byte(strings.Join(part, " ")))
		h.Write([]byte{0})
	}
	return h.Sum(nil)[:fingerprintSize]
}

// dedupKey is the dedup-bucket key: fingerprint, then the posting's id.
func dedupKey(fp []byte, id uint64) []byte {
	return binary.BigEndian.AppendUint64(slices.Clip(fp), id)
}

// plainText is a posting's description and sections with HTML tags
// dropped and entities decoded: the text two listings of one job share even
// when boards mark it up differently.
func plainText(p *skillpulse.Posting) string {
	var sb strings.Builder
	strip := func(s string) {
		in := false
		for _, r := range s {
			switch {
			case r == '<':
				in = true
			case r == '>' && in:
				in = false
				sb.WriteByte(' ')
			case !in:
				sb.WriteRune(r)
			}
		}
		sb.WriteByte(' ')
	}
	strip(p.Description)
	for _, s := range p.Sections {
		strip(s.Heading)
		strip(s.Body)
	}
	return html.UnescapeString(sb.String())
}

// shingles returns the sorted, distinct hashes of the text's word
// 3-shingles over its first maxShingleWords words; a text of fewer than
// three words is one shingle, and an empty one has none.
func shingles(text string) []uint64 {
	words := normalise(text)
	if len(words) > maxShingleWords {
		words = words[:maxShingleWords]
	}
	if len(words) == 0 {
		return nil
	}
	var out []uint64
	h := fnv.New64a()
	for i := 0; i == 0 || i+3 <= len(words); i++ {
		h.Reset()
		for _, w := range words[i:min(i+3, len(words))] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard is |a∩b| / |a∪b| of two sorted sets; 0 when both are empty, so
// empty texts never make two postings one.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// originSources returns the distinct sources a posting was seen at, its own
// first.
func originSources(h *head) []string { return skillpulse.PostingSources(h.Source, h.Origins) }

// dedupState is what Put learns about a new posting's possible duplicates.
type dedupState struct {
	fp       []byte   // nil: not deduplicated
	shingles []uint64 // of the new posting; computed on first need
	shingled bool
	verdicts map[verRef]bool // candidate version → same job?
}

type verRef struct {
	id  uint64
	ver uint32
}

// findDuplicate returns the open posting of another source that pp is a
// listing of, if any: same fingerprint, no origin at source, and text
// near-identical. It compares at most maxDedupCandidates postings and
// remembers its verdicts in pp, so the read-only pass in prepare does the
// expensive comparisons and the write transaction only confirms them.
func (s *Store) findDuplicate(b buckets, pp *prepared, source string) (uint64, head, bool, error) {
	d := &pp.dedup
	if d.fp == nil {
		return 0, head{}, false, nil
	}
	c := b.dedup.Cursor()
	// The newest entry of the fingerprint is the one before the first key
	// past it.
	var k, v []byte
	if k, _ = c.Seek(dedupKey(d.fp, math.MaxUint64)); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	n := 0
	for scanned := 0; k != nil && bytes.HasPrefix(k, d.fp) && n < maxDedupCandidates && scanned < maxDedupScan; k, v = c.Prev() {
		scanned++
		if len(k) != fingerprintSize+8 {
			return 0, head{}, false, fmt.Errorf("dedup/%x: %w", k, ErrCorrupt)
		}
		if string(v) == source {
			continue // a posting of this very source: another job
		}
		id := binary.BigEndian.Uint64(k[fingerprintSize:])
		h, err := decodeHead(b.postings.Get(k[fingerprintSize:]))
		if err != nil {
			return 0, head{}, false, fmt.Errorf("postings/%d: %w", id, err)
		}
		if !h.ClosedAt.IsZero() || slices.Contains(originSources(&h), source) {
			continue
		}
		n++
		ref := verRef{id, h.Current}
		same, ok := d.verdicts[ref]
		if !ok {
			if same, err = s.sameText(b, pp, ref); err != nil {
				return 0, head{}, false, err
			}
			if d.verdicts == nil {
				d.verdicts = map[verRef]bool{}
			}
			d.verdicts[ref] = same
		}
		if same {
			return id, h, true, nil
		}
	}
	return 0, head{}, false, nil
}

// sameText reports whether pp's text and that of the given version are
// near-identical.
func (s *Store) sameText(b buckets, pp *prepared, ref verRef) (bool, error) {
	v, err := b.version(ref.id, ref.ver)
	if err != nil {
		return false, err
	}
	raw, err := s.body(b, &v)
	if err != nil {
		return false, fmt.Errorf("posting %d version %d: %w", ref.id, ref.ver, err)
	}
	if err := decodeBody(raw, &v.Posting); err != nil {
		return false, fmt.Errorf("%s: %w", v.contentName(), err)
	}
	d := &pp.dedup
	if !d.shingled {
		d.shingles, d.shingled = shingles(plainText(&pp.p)), true
	}
	return jaccard(d.shingles, shingles(plainText(&v.Posting))) >= dedupJaccard, nil
}

// addOriginToPeriods counts source for posting id in every week and day
// whose aggregate already counts the posting. A period's Sources count each
// posting's current origins, as ForEachLive reports them, so a merge that
// gives a posting a new origin source changes them in every period it was
// live; only periods from its first sighting on can hold it.
func addOriginToPeriods(b buckets, id uint64, h *head, source string) error {
	for i, first := range periodsOf(h.FirstSeen) {
		kind := periodKinds[i]
		c := kind.post(b).Cursor()
		for k, v := c.Seek(first.key()); k != nil; k, v = c.Next() {
			p, ok := kind.fromKey(k)
			if !ok {
				return fmt.Errorf("%spost/%x: %w", kind.name, k, ErrCorrupt)
			}
			list, _, err := decodeSnapshot(v, false)
			if err != nil {
				return fmt.Errorf("%spost/%s: %w", kind.name, p, err)
			}
			if _, found := slices.BinarySearch(list.IDs, id); !found {
				continue
			}
			agg, err := getAggregate(b, p)
			if err != nil {
				return err
			}
			agg.AddSource(source)
			if err := putAggregate(b, p, &agg); err != nil {
				return err
			}
		}
	}
	return nil
}

// indexAll builds the dedup bucket from every posting's current content;
// the schema 7 migration runs it.
func indexAll(b buckets) error {
	return b.postings.ForEach(func(k, v []byte) error {
		h, err := decodeHead(v)
		if err != nil {
			return fmt.Errorf("postings/%x: %w", k, err)
		}
		id := binary.BigEndian.Uint64(k)
		ver, err := b.version(id, h.Current)
		if err != nil {
			return err
		}
		if fp := fingerprint(&ver.Posting); fp != nil {
			return b.dedup.Put(dedupKey(fp, id), []byte(h.Source))
		}
		return nil
	})
}

// checkDedup checks that every dedup entry indexes a posting's current
// content.
func checkDedup(ctx context.Context, b buckets, _ *CheckResult, problem func(string, ...any)) error {
	if b.dedup == nil {
		problem("bucket %s is missing", bucketDedup)
		return nil
	}
	want := map[string]string{} // key → the posting's source
	err := b.postings.ForEach(func(k, v []byte) error {
		h, err := decodeHead(v)
		if err != nil || len(k) != 8 {
			return nil // checkPostings reports it
		}
		id := binary.BigEndian.Uint64(k)
		ver, err := b.version(id, h.Current)
		if err != nil {
			return nil // checkPostings reports it
		}
		if fp := fingerprint(&ver.Posting); fp != nil {
			want[string(dedupKey(fp, id))] = h.Source
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	// A posting missing from the index (Import does not index) is only
	// never joined by a later listing; an entry for content that is not
	// current would join the wrong listings.
	b.dedup.ForEach(func(k, v []byte) error {
		if src, ok := want[string(k)]; !ok {
			problem("dedup/%x: indexes no posting's current content", k)
		} else if src != string(v) {
			problem("dedup/%x: says source %q, the posting's is %q", k, v, src)
		}
		return nil
	})
	return nil
}

// indexPosting brings the dedup index up to date for posting id, whose
// content was prev (nil for a new posting) and is now cur. Writers other
// than Put (Import) call it so the postings they store can be joined by
// later listings from other sources.
//
// The entry's value is the source of cur (cur.Source must be set).
func indexPosting(b buckets, id uint64, prev, cur *skillpulse.Posting) error {
	var before, after []byte
	if prev != nil {
		before = fingerprint(prev)
	}
	if cur != nil {
		after = fingerprint(cur)
	}
	if bytes.Equal(before, after) {
		return nil
	}
	if before != nil {
		if err := b.dedup.Delete(dedupKey(before, id)); err != nil {
			return err
		}
	}
	if after != nil {
		return b.dedup.Put(dedupKey(after, id), []byte(cur.Source))
	}
	return nil
}

// openHolders returns the sources whose open entry for posting id exists.
func openHolders(open *bolt.Bucket, id uint64, h *head) []string {
	var out []string
	for _, src := range originSources(h) {
		if open.Get(openKey(src, id)) != nil {
			out = append(out, src)
		}
	}
	return out
}
