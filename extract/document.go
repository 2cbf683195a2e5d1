package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/skillpulse/skillpulse"
)

// maxEvidence bounds Mention.Evidence, in runes.
const maxEvidence = 200

// maxSentence bounds a sentence, in bytes. Real sentences are far shorter;
// a run-on "sentence" (a minified page, a keyword dump) is cut at spaces so
// that the per-hit work on its sentence (guards, vetoes, cues) stays
// bounded and tagging stays linear in the input.
const maxSentence = 1000

// doc is a posting flattened into sentences. text holds every sentence,
// URLs and e-mail addresses blanked out, each followed by '\n', so that
// one automaton pass covers the whole posting.
type doc struct {
	buf       []byte // the text being built, scratch memory
	text      string // buf's contents once the doc is complete
	sentences []sentence
	g         *Tagger
	sc        *scratch
	// company is the hiring company's name when known (Posting.Company,
	// or a header line's company field): a skill alias that is exactly
	// that name ("Supabase | Customer Reliability Engineer") names the
	// employer, not a skill asked for.
	company string
	// role is what a document's first line says the role is (see
	// documentTitle), "" for a posting, whose own title is its first
	// sentence (see postingTitle), or when the line names none.
	role string
	// keepNoise keeps the sentences about equipment and applying that a
	// posting's text skips: in a resume, "Intune for 2,000 laptops" is
	// the work itself (TagResume).
	keepNoise bool
	lang      langTally // the language words of text, tallied as it is built
	// inScratch: the sentences being added are views of scratch
	// memory (see block.scratch).
	inScratch bool
	// facts holds document-wide facts, each read once from the finished
	// text when a rule first asks (see fact): a rule run per hit that
	// rescanned the text would make the work grow with hits × length.
	facts docFacts
	// reads counts the bytes that the document- and sentence-wide rules
	// run per hit have read (physicalTitle, sentence vetoes): linear in
	// the text however many hits it holds (TestHostileWorkIsLinear).
	reads int
}

// fact is a document-wide yes or no computed on first use: factUnknown
// until then.
type fact uint8

const (
	factUnknown fact = iota
	factNo
	factYes
)

// get returns the fact, computing it with f on first use.
func (v *fact) get(f func() bool) bool {
	if *v == factUnknown {
		*v = factNo
		if f() {
			*v = factYes
		}
	}
	return *v == factYes
}

// docFacts are the document-wide facts rules read per hit.
type docFacts struct {
	physicalTitle  fact // see physicalTitle
	googleCloud    fact // the text names Google Cloud (see googlePlatform)
	dataCentreSite fact // see dataCentreSite
}

type sentence struct {
	text       string // as written, for evidence
	start, end int    // span in buf
	level      skillpulse.Level
	byHeading  bool // level was set by a heading or inline label, not by default
	duties     bool // the heading is over the role's duties (see section.duties)
	elsewhere  bool // the heading is over other roles (see section.elsewhere)
	title      bool
	scratch    bool    // text is a view of scratch memory (see block.scratch)
	trig       cueKind // the noise and address triggers it holds (see cueMatcher.triggers)
}

// section is the level a heading (or nothing: the default) sets for the
// sentences under it.
type section struct {
	level     skillpulse.Level
	byHeading bool
	// duties says the heading is over what the role will do
	// ("Responsibilities", "What you'll do"). Employers often set the
	// candidate's requirements under one: an item there that states what
	// the candidate brings still asks (see readLevels and dutiesList).
	duties bool
	// elsewhere says the heading is over other roles than this one ("NOT
	// YOUR TECH STACK?" over a marketplace's list of the stacks it also
	// hires for): what is named there is no skill of this job.
	elsewhere bool
}

// start readies d for a document of about n bytes.
func (d *doc) start(n int) {
	d.buf = slices.Grow(d.sc.text[:0], min(n, MaxInput)+64)
	d.sentences = d.sc.sentences[:0]
	d.sc.raw = d.sc.raw[:0]
	d.sc.blockText.text = d.sc.blockText.text[:0]
	d.lang = langTally{stop: d.g.lang}
}

// finish fixes the text and hands the scratch slices back to d.sc. The
// text is a view of the scratch buffer, not a copy: it is read only
// until the call returns its scratch, and nothing built from it outlives
// the call (evidence is cut from the sentences as written, not from it).
func (d *doc) finish() {
	d.text = unsafe.String(unsafe.SliceData(d.buf), len(d.buf))
	d.sc.text, d.sc.sentences = d.buf, d.sentences
}

// splitBlocks splits one document into blocks held in scratch memory,
// valid until the next call.
func (d *doc) splitBlocks(text string) []block {
	d.sc.blocks = splitBlocks(text, d.sc.blocks[:0], &d.sc.blockText)
	return d.sc.blocks
}

// addSentence appends text to d's text, its addresses blanked, unless it
// is noise. The pass that looks for the noise and address triggers in
// it also finds the occurrences of the skill aliases there (see
// cueMatcher.sentenceTriggers), which match then reads (d.sc.raw, in
// offsets of d's text): each sentence is followed by '\n', which no
// alias holds (the taxonomy refuses one), so an alias found in one
// sentence is one found in the whole text and the other way round.
func (d *doc) addSentence(text string, sec section, title bool) {
	if text == "" || len(d.buf)+len(text) > MaxInput {
		return
	}
	sc := d.sc
	tally := d.lang // the tally with text's words, if text is kept as it is
	n0 := len(sc.raw)
	trig, tallied, raw := d.g.cues.sentenceTriggers(text, &tally, d.g.ac, sc.raw)
	sc.raw = raw
	if !title && !d.keepNoise && trig&cueNoiseTrig != 0 && isNoise(text) {
		sc.raw = sc.raw[:n0]
		return
	}
	start := len(d.buf)
	last := 0
	if trig&cueAddrTrig != 0 {
		sc.addrs = addressSpans(text, sc.addrs[:0])
		for _, loc := range sc.addrs {
			d.buf = append(d.buf, text[last:loc[0]]...)
			for range loc[1] - loc[0] {
				d.buf = append(d.buf, ' ')
			}
			last = loc[1]
		}
	}
	d.buf = append(d.buf, text[last:]...)
	kept := unsafe.String(&d.buf[start], len(d.buf)-start)
	if last != 0 {
		// Addresses blanked: the words are tallied and the aliases found
		// in the text as kept, in one more pass of the same scan.
		tally = d.lang
		_, tallied, sc.raw = d.g.cues.sentenceTriggers(kept, &tally, d.g.ac, sc.raw[:n0])
	}
	if tallied {
		d.lang = tally
	} else { // a long s or a Kelvin sign: tallied apart
		d.lang.addText(kept)
	}
	for k := n0; k < len(sc.raw); k++ {
		sc.raw[k].start += int32(start)
		sc.raw[k].end += int32(start)
	}
	d.sentences = append(d.sentences, sentence{text: text, start: start, end: len(d.buf), level: sec.level, byHeading: sec.byHeading, duties: sec.duties, elsewhere: sec.elsewhere, title: title, scratch: d.inScratch, trig: trig})
	d.buf = append(d.buf, '\n')
}

// addBlocks adds blocks under a section that starts at level sec. Headings
// move the section when they are recognised and are themselves tagged at
// the new section's level; unknown headings (sub-headings like
// "Infrastructure & Compute") keep the section they sit in.
func (d *doc) addBlocks(blocks []block, sec section) {
	defer func() { d.inScratch = false }()
	// list is the section of the list items that follow a line which
	// introduces them: an inline label ("Must have: Go" over "- Kubernetes")
	// or a line ending in ':' with a cue ("You should be comfortable
	// with:"). listed says there is one.
	var list section
	listed := false
	// asks is a list under a duties heading that states what the
	// candidate brings (see asksList), up to block asksEnd.
	asks, asksEnd := false, 0
	for i, b := range blocks {
		d.inScratch = b.scratch
		if b.kind != blockItem && b.kind != blockMaybeHeading {
			listed = false
		}
		b.kind = d.settleKind(b)
		if b.kind == blockHeading {
			listed = false
			sec = d.addHeading(b.text, sec)
			continue
		}
		// A heading that opens a paragraph of inline bullets ("What
		// we're looking for • 5+ years of Python": a heading line and a
		// list run together) heads what follows, as a heading would.
		if i := indexInlineBullet(b.text[:min(len(b.text), 84)]); i > 0 {
			if _, ok := d.g.heads.paragraphHeading(b.text[:i]); ok {
				sec, _ = d.g.heads.section(b.text[:i])
			}
		}
		// An inline label ("Requirements: 5+ years of Go") sets the level
		// of its own block only; one that opens a later sentence of the
		// block ("... Python. Nice: Istio, Go.") sets that sentence's.
		base := sec
		if listed && b.kind == blockItem {
			base = list
		}
		if base.duties {
			if i >= asksEnd {
				asksEnd, asks = d.asksList(blocks, i)
			}
			if asks && !opensWithDuty(b.text) {
				base = section{level: skillpulse.LevelRequired, byHeading: true}
			}
		}
		lvl := d.labelLevel(b.text, base)
		if head, items, ok := dashList(b.text); ok {
			d.addDashList(head, items, lvl, sec, base)
			continue
		}
		d.addText(b.text, lvl)
		if b.kind != blockItem {
			list, listed = d.listIntro(b.text, lvl, sec)
		}
		if hs, ok := d.trailingHeading(b.text); ok {
			sec, listed = hs, false
		}
	}
}

// settleKind returns what a block is once the heading table has read
// it: a line that may be a heading is one only when lineHeading knows it
// (else a paragraph), and a paragraph is one when paragraphHeading does.
func (d *doc) settleKind(b block) blockKind {
	switch b.kind {
	case blockMaybeHeading:
		if _, ok := d.g.heads.lineHeading(b.text); ok {
			return blockHeading
		}
		return blockPara
	case blockPara:
		if _, ok := d.g.heads.paragraphHeading(b.text); ok {
			return blockHeading
		}
	}
	return b.kind
}

// addHeading tags a heading's text at the level of the section it opens,
// and returns that section: sec itself for a heading the table does not
// know (a sub-heading keeps the section it sits in).
func (d *doc) addHeading(text string, sec section) section {
	if hs, ok := d.g.heads.section(text); ok {
		sec = hs
	}
	d.sc.pieces = appendBounded(d.sc.pieces[:0], text)
	for _, h := range d.sc.pieces {
		d.addSentence(h, sec, false)
	}
	return sec
}

// trailingHeading returns the section a heading that closes text opens
// for the blocks after it: a comment or a list item that ran a heading
// onto its last line ("... Occasional work from home is available.
// Responsibilities:", "... publish your findings Requirements:"). The
// heading is the last sentence of text, or else the words written with
// capitals at its end, and it must end in ':' and be one by
// paragraphHeading.
func (d *doc) trailingHeading(text string) (section, bool) {
	t := strings.TrimRight(text, " ")
	if len(t) < 2 || t[len(t)-1] != ':' {
		return section{}, false
	}
	body := t[:len(t)-1]
	h := ""
	if i := lastSentenceEnd(body); i >= 0 {
		h = body[i:]
	} else {
		h = capitalTail(body)
	}
	if h == "" || len(h) == len(body) {
		return section{}, false // the whole text: a heading or intro already read as one
	}
	if _, ok := d.g.heads.paragraphHeading(h + ":"); !ok {
		return section{}, false
	}
	return d.g.heads.section(h)
}

// lastSentenceEnd returns the start of the last sentence of s (after ". ",
// "! " or "? " and before a capital), or -1 when s is one sentence.
func lastSentenceEnd(s string) int {
	for i := len(s) - 2; i > 0; i-- {
		if s[i] == ' ' && strings.IndexByte(".!?", s[i-1]) >= 0 && s[i+1] >= 'A' && s[i+1] <= 'Z' {
			return i + 1
		}
	}
	return -1
}

// capitalTail returns the run of at most four words at the end of s that
// open with a capital (or are "&", "and", "to"), after a word in lower
// case: "Requirements" of "publish your findings Requirements", "" when
// there is none.
func capitalTail(s string) string {
	start, words := len(s), 0
	for words < 4 {
		j := strings.LastIndexByte(s[:start], ' ')
		w := s[j+1 : start]
		if j < 0 || w == "" {
			return ""
		}
		if !(w[0] >= 'A' && w[0] <= 'Z' || w == "&" || w == "and" || w == "to") {
			break
		}
		start, words = j, words+1
	}
	prev := s[strings.LastIndexByte(s[:start], ' ')+1 : start]
	if words == 0 || prev == "" || !(prev[0] >= 'a' && prev[0] <= 'z') {
		return ""
	}
	return s[start+1:]
}

// asksList reports whether the blocks from i on, up to the next heading
// (returned as end), are a list of what the candidate brings: at least
// two of them, and more than half, do (see bringsItem). Employers often
// set such a list under a duties heading ("Responsibilities" over "5+
// years ...", "Solid experience with ...", "Strong understanding of
// ..."); its items are then read as requirements, but for those that say
// what the role will do. A board's list items may come as paragraphs
// ("<li><p>"), so every block counts as an item.
func (d *doc) asksList(blocks []block, i int) (end int, asks bool) {
	for end = i; end < len(blocks); end++ {
		b := blocks[end]
		// A line that may be a heading ends the list whether or not it
		// is one: the run is only counted, and a known heading would end
		// it anyway.
		if b.kind == blockHeading || b.kind == blockMaybeHeading {
			break
		}
		if b.kind == blockPara {
			if _, ok := d.g.heads.paragraphHeading(b.text); ok {
				break
			}
		}
	}
	// Counted until the majority is decided either way: most lists under
	// a duties heading are duties, and are known to be after half.
	n, brings, others := end-i, 0, 0
	for k := i; k < end && 2*brings <= n && 2*others < n; k++ {
		if bringsItem(blocks[k].text, d.g.cues, &d.sc.lower) {
			brings++
		} else {
			others++
		}
	}
	return end, brings >= 2 && 2*brings > n
}

// addText adds the sentences of text at section lvl, each taking an
// inline label that opens it ("... Python. Nice: Istio, Go."). lvl is
// what labelLevel gave a text that opens as text does (text itself,
// or the block it opens): a sentence that opens text has that label
// already, as labelLevel would find it again.
func (d *doc) addText(text string, lvl section) {
	d.sc.pieces = appendSentences(d.sc.pieces[:0], text)
	for k, s := range d.sc.pieces {
		l := lvl
		if k > 0 || unsafe.StringData(s) != unsafe.StringData(text) {
			l = d.labelLevel(s, lvl)
		}
		d.addSentence(s, l, false)
	}
}

// listIntro returns the section a paragraph gives the list items right
// after it, and whether it gives one: its inline label's (lvl, when it
// differs from sec), or the cue of a line that ends in ':' ("You should
// be comfortable with:"), read over sec as a sentence's cue is. HN keeps
// a list typed into a comment as lines of one paragraph: its items were
// read as one sentence with the line that opens them.
func (d *doc) listIntro(text string, lvl, sec section) (section, bool) {
	return d.introOf(text, lvl, sec, false)
}

// introOf is listIntro; opens says text is known to open a list (the
// head of a dashed list), so it need not end in ':' for its cue to
// govern the items ("engineers interested in - governance tooling - SDK
// writing in TypeScript or Rust").
func (d *doc) introOf(text string, lvl, sec section, opens bool) (section, bool) {
	if applyIntro(text) {
		// What to send: "send a cover letter ... with answers to:" over
		// "- Your 3 biggest pain points working with AI/LLMs/agents"
		// (hn-47976095, blind2). Its items name no skill of the job.
		return section{level: sec.level, byHeading: sec.byHeading, elsewhere: true}, true
	}
	if lvl != sec {
		return lvl, true
	}
	if !opens && !strings.HasSuffix(strings.TrimSpace(text), ":") {
		return sec, false
	}
	cue, _, seek := d.g.cues.clauseCue(text, &d.sc.lower)
	if cue == 0 && seekerIntro(text, seek) {
		cue = skillpulse.LevelRequired // "We need engineers who know:"
	}
	if cue == 0 {
		return sec, false
	}
	return section{level: cueOverSection(cue, sec.level), byHeading: true}, true
}

// labelLevel returns the section an inline "Label:" at the start of s
// sets, or sec when s has none.
func (d *doc) labelLevel(s string, sec section) section {
	// The first ':' must come within 40 bytes; no need to look further.
	if i := strings.IndexByte(s[:min(len(s), 40)], ':'); i >= 0 {
		if hs, ok := d.g.heads.section(s[:i]); ok {
			return hs
		}
	}
	return sec
}

// detachEvidence copies, into one new string, the evidence in
// sc.evidence of the mentions ms that is still a view of scratch memory
// (the sentence of an HTML block, collapsed and short enough to be its
// own evidence), so that the result holds nothing the next call
// overwrites. Other evidence was built anew or is part of the caller's
// text.
func (d *doc) detachEvidence(ms []mentionAcc) {
	ev := d.sc.evidence
	attached := func(e int32) bool {
		s := &d.sentences[e]
		return s.scratch && unsafe.StringData(ev[e]) == unsafe.StringData(s.text)
	}
	size := 0
	for _, m := range ms {
		if m.evidence >= 0 && attached(m.evidence) {
			size += len(ev[m.evidence])
		}
	}
	if size == 0 {
		return
	}
	buf := make([]byte, 0, size) // never grows: views of it stay valid
	for _, m := range ms {
		if e := m.evidence; e >= 0 && attached(e) {
			lo := len(buf)
			buf = append(buf, ev[e]...)
			ev[e] = unsafe.String(&buf[lo], len(buf)-lo)
		}
	}
}

// evidence bounds a sentence to maxEvidence runes, cut on a rune boundary.
func evidence(s string) string {
	s = collapse(s)
	if len(s) <= maxEvidence || utf8.RuneCountInString(s) <= maxEvidence { // no more runes than bytes
		return s
	}
	n := 0
	for i := range s {
		if n == maxEvidence-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
