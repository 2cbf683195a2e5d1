package store

import (
	"encoding/json"
	"iter"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"unsafe"

	"github.com/skillpulse/skillpulse"
)

// benchCorpus holds a benchmark's postings and their extractor-shaped tags
// outside the Go heap, in memory mapped for it (mapAnon), so that the
// heap the benchmark measures is what the store holds and the collector's
// headroom over it — not headroom over hundreds of megabytes of input,
// which GOGC would let grow as much again. Postings and tags are made from
// it as they are yielded, their strings pointing into the mapping: cheap
// enough (one small allocation per posting, for its mentions) that the
// store's timings are its own.
type benchCorpus struct {
	mem      []byte   // the mapping: index, then text
	index    []uint32 // corpusStride words per posting
	text     []byte
	n        int
	template skillpulse.Posting // the fields every synthetic posting shares
	rawJSON  int64              // bytes of the postings' JSON with their tags
}

// A posting's words in the index: the spans (offset into text, length) of
// its native id, URL, title and description; its tags' seniority, years
// and number of mentions; then, for each of at most corpusMentions
// mentions, its skill (an index into skillIDs), level, years and the span
// of its evidence within the description.
const (
	corpusMentions = 16
	corpusHead     = 11
	corpusStride   = corpusHead + 5*corpusMentions
)

// newIngestCorpus makes n synthetic postings of source "acme" (seed 100)
// with extractorTags (seed 100, 9) — the postings and tags
// BenchmarkIngest100k has always stored — and moves them into a corpus.
func newIngestCorpus(tb testing.TB, n int) *benchCorpus {
	ps := synthetic("acme", n, 100)
	r := rand.New(rand.NewPCG(100, 9))
	tags := make([]skillpulse.Tags, n)
	textSize := 0
	for i := range ps {
		tags[i] = extractorTags(&ps[i], r)
		p := &ps[i]
		textSize += len(p.NativeID) + len(p.URL) + len(p.Title) + len(p.Description)
	}
	indexSize := n * corpusStride * 4
	mem, err := mapAnon(indexSize + textSize)
	if err != nil {
		tb.Fatalf("map %d bytes for the corpus: %v", indexSize+textSize, err)
	}
	c := &benchCorpus{mem: mem, n: n, template: ps[0]}
	c.index = unsafe.Slice((*uint32)(unsafe.Pointer(&mem[0])), n*corpusStride)
	c.text = mem[indexSize:indexSize]
	c.template.NativeID, c.template.URL, c.template.Title, c.template.Description = "", "", "", ""
	for i := range ps {
		c.add(tb, i, &ps[i], &tags[i])
		j, err := json.Marshal(postingJSON{ps[i], tags[i]})
		if err != nil {
			tb.Fatal(err)
		}
		c.rawJSON += int64(len(j))
	}
	if len(c.text) != textSize || &c.text[0] != &mem[indexSize] {
		tb.Fatal("the corpus's text outgrew its mapping")
	}
	return c
}

// add stores posting i and its tags.
func (c *benchCorpus) add(tb testing.TB, i int, p *skillpulse.Posting, t *skillpulse.Tags) {
	w := c.index[i*corpusStride : (i+1)*corpusStride]
	span := func(k int, s string) uint32 {
		w[k], w[k+1] = uint32(len(c.text)), uint32(len(s))
		c.text = append(c.text, s...)
		return w[k]
	}
	span(0, p.NativeID)
	span(2, p.URL)
	span(4, p.Title)
	span(6, p.Description)
	if len(t.Mentions) > corpusMentions || t.Language != "en" || len(t.Implied) > 0 {
		tb.Fatalf("posting %d: tags the corpus cannot hold: %+v", i, t)
	}
	w[8], w[9], w[10] = uint32(t.Seniority), uint32(t.Years), uint32(len(t.Mentions))
	for k, m := range t.Mentions {
		e := w[corpusHead+5*k:]
		e[0] = uint32(slices.Index(skillIDs, m.SkillID))
		e[1], e[2] = uint32(m.Level), uint32(m.Years)
		if m.Evidence != "" {
			// Evidence is a slice of the description's string.
			off := int(uintptr(unsafe.Pointer(unsafe.StringData(m.Evidence))) - uintptr(unsafe.Pointer(unsafe.StringData(p.Description))))
			if off < 0 || off+len(m.Evidence) > len(p.Description) || p.Description[off:off+len(m.Evidence)] != m.Evidence {
				tb.Fatalf("posting %d: evidence %q is not a slice of its description", i, m.Evidence)
			}
			e[3], e[4] = uint32(off), uint32(len(m.Evidence))
		}
	}
}

func (c *benchCorpus) str(off, n uint32) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&c.text[off], int(n))
}

// posting returns posting i.
func (c *benchCorpus) posting(i int) skillpulse.Posting {
	w := c.index[i*corpusStride:]
	p := c.template
	p.NativeID, p.URL, p.Title, p.Description = c.str(w[0], w[1]), c.str(w[2], w[3]), c.str(w[4], w[5]), c.str(w[6], w[7])
	return p
}

// tags returns the tags of posting i.
func (c *benchCorpus) tags(i int) skillpulse.Tags {
	w := c.index[i*corpusStride:]
	t := skillpulse.Tags{Seniority: skillpulse.Seniority(w[8]), Years: int(w[9]), Language: "en",
		Mentions: make([]skillpulse.Mention, w[10])}
	for k := range t.Mentions {
		e := w[corpusHead+5*k:]
		t.Mentions[k] = skillpulse.Mention{SkillID: skillIDs[e[0]], Level: skillpulse.Level(e[1]), Years: int(e[2]),
			Evidence: c.str(w[6]+e[3], e[4])}
	}
	return t
}

// Tag is the corpus as a Tagger: the tags of the corpus's posting whose
// native id p's is (the store hands the tagger a copy of the posting, whose
// strings still point into the corpus).
func (c *benchCorpus) Tag(p *skillpulse.Posting) skillpulse.Tags {
	off := uint32(uintptr(unsafe.Pointer(unsafe.StringData(p.NativeID))) - uintptr(unsafe.Pointer(&c.text[0])))
	i := sort.Search(c.n, func(i int) bool { return c.index[i*corpusStride] >= off })
	if i == c.n || c.index[i*corpusStride] != off {
		panic("benchCorpus.Tag: a posting that is not the corpus's: " + p.NativeID)
	}
	return c.tags(i)
}

// postings yields the corpus's postings in order.
func (c *benchCorpus) postings() iter.Seq2[skillpulse.Posting, error] {
	return func(yield func(skillpulse.Posting, error) bool) {
		for i := range c.n {
			if !yield(c.posting(i), nil) {
				return
			}
		}
	}
}

// close unmaps the corpus; nothing made from it may be used after.
func (c *benchCorpus) close() error {
	err := unmapAnon(c.mem)
	*c = benchCorpus{}
	return err
}
