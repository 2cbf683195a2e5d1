package extract

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
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

// Tagger finds the taxonomy's skills in postings. It is immutable after
// NewTagger and safe for concurrent use: every call keeps its state on its
// own stack or in scratch memory it takes from the Tagger's pool and
// returns when done.
type Tagger struct {
	tax     *Taxonomy
	skills  []skillInfo // indexed like tax.entries
	aliases []aliasInfo // indexed like the automaton's patterns
	ac      *automaton
	cues    *cueMatcher
	heads   *headingMatcher
	lang    *stopTable // stop word → bit set of languages (see meta.go)
	// seniority reads titles; see newSeniorityRules.
	seniority []seniorityRule
	roles     []string  // see roleWords
	pool      sync.Pool // of *scratch
}

type skillInfo struct {
	id        string
	category  skillpulse.Category
	ancestors []int
	umbrella  bool
	guard     guardFunc
	// vetoes as " a b c " word lists (see inWords) and sentence words
	vetoPrev, vetoNext string
	vetoSentence       []string
}

// aliasInfo is one automaton pattern: a lower-cased alias and the spellings
// it must have in the text when the taxonomy lists it as exact ("Helm",
// "HELM"). A pattern with no exact spellings matches in any case.
type aliasInfo struct {
	skill int
	exact []string
}

// exactOnly reports whether the alias matched only in an exact spelling,
// which is what makes vetoes and guards apply.
func (a *aliasInfo) exactOnly() bool { return len(a.exact) > 0 }

// accepts reports whether the text as written is an allowed spelling.
func (a *aliasInfo) accepts(b string) bool {
	if len(a.exact) == 0 {
		return true
	}
	for _, e := range a.exact {
		if b == e {
			return true
		}
	}
	return false
}

// NewTagger compiles t's aliases into one automaton.
func NewTagger(t *Taxonomy) *Tagger {
	g := &Tagger{tax: t, skills: make([]skillInfo, len(t.entries))}
	idx := make(map[string]int, len(t.entries))
	for i, e := range t.entries {
		idx[e.ID] = i
	}
	var patterns []string
	byPattern := map[string]int{} // lower-cased alias → index in g.aliases
	free := map[string]bool{}     // patterns with a case-insensitive alias
	add := func(skill int, alias string, exact bool) {
		p := strings.ToLower(alias)
		i, ok := byPattern[p]
		if !ok {
			i = len(g.aliases)
			byPattern[p] = i
			patterns = append(patterns, p)
			g.aliases = append(g.aliases, aliasInfo{skill: skill})
		}
		switch {
		case !exact:
			free[p] = true
			g.aliases[i].exact = nil
		case !free[p]:
			g.aliases[i].exact = append(g.aliases[i].exact, alias)
		}
	}
	for i, e := range t.entries {
		s := &g.skills[i]
		s.id = e.ID
		s.category = skillpulse.Category(e.Category)
		for _, a := range t.Ancestors(e.ID) {
			s.ancestors = append(s.ancestors, idx[a])
		}
		s.umbrella = e.Umbrella
		s.guard = guardFor(e.Guard)
		if len(e.VetoPrev) > 0 {
			s.vetoPrev = " " + strings.ToLower(strings.Join(e.VetoPrev, " ")) + " "
		}
		if len(e.VetoNext) > 0 {
			s.vetoNext = " " + strings.ToLower(strings.Join(e.VetoNext, " ")) + " "
		}
		for _, w := range e.VetoSentence {
			s.vetoSentence = append(s.vetoSentence, strings.ToLower(w))
		}
		for _, a := range e.Exact {
			add(i, a, true)
		}
		for _, a := range e.Aliases {
			add(i, a, false)
		}
	}
	g.ac = newAutomaton(patterns)
	g.cues = newCueMatcher()
	g.heads = newHeadingMatcher()
	g.lang = newStopwords()
	g.seniority = newSeniorityRules()
	g.roles = roleWords()
	return g
}

// Taxonomy returns the taxonomy the tagger was built from.
func (g *Tagger) Taxonomy() *Taxonomy { return g.tax }

// Tag reads a posting's title, description and sections. Skills named in
// the title count as required: the role is defined by them ("Go Engineer").
// Each section's heading sets the level its body starts at.
func (g *Tagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	sc := g.getScratch()
	defer g.putScratch(sc)
	d := doc{g: g, sc: sc}
	d.start(len(p.Title) + len(p.Description))
	d.addSentence(truncate(collapse(p.Title), maxSentence), skillpulse.LevelRequired, true)
	d.addBlocks(d.splitBlocks(p.Description), skillpulse.LevelMentioned)
	for _, s := range p.Sections {
		lvl, ok := g.heads.classify(s.Heading)
		if !ok {
			lvl = skillpulse.LevelMentioned
		}
		sc.pieces = appendBounded(sc.pieces[:0], collapse(s.Heading))
		for _, h := range sc.pieces {
			d.addSentence(h, lvl, false)
		}
		d.addBlocks(d.splitBlocks(s.Body), lvl)
	}
	tags := g.tag(&d)
	tags.Seniority = g.seniorityOf(p.Title)
	return tags
}

// TagDocument reads one document, HTML or plain text (detected by its
// markup). A document has no separate title: Seniority is read from what
// its first line says the role is (see documentTitle): a heading that is
// not a section name ("# Senior SRE"), the role field of a "Company |
// Role | Location" header line, or a short first line naming a role. The
// skills there are tagged like any other line's, not as title skills.
func (g *Tagger) TagDocument(text string) skillpulse.Tags {
	sc := g.getScratch()
	defer g.putScratch(sc)
	d := doc{g: g, sc: sc}
	d.start(len(text))
	blocks := d.splitBlocks(text)
	var first block
	if len(blocks) > 0 {
		first = blocks[0]
	}
	d.addBlocks(blocks, skillpulse.LevelMentioned)
	tags := g.tag(&d)
	if title := g.documentTitle(first); title != "" {
		tags.Seniority = g.seniorityOf(title)
	}
	return tags
}

// doc is a posting flattened into sentences. text holds every sentence,
// URLs and e-mail addresses blanked out, each followed by '\n', so that
// one automaton pass covers the whole posting.
type doc struct {
	buf       []byte // the text being built, scratch memory
	text      string // buf's contents once the doc is complete
	sentences []sentence
	g         *Tagger
	sc        *scratch
}

type sentence struct {
	text       string // as written, for evidence
	start, end int    // span in buf
	level      skillpulse.Level
	title      bool
}

// start readies d for a document of about n bytes.
func (d *doc) start(n int) {
	d.buf = slices.Grow(d.sc.text[:0], min(n, MaxInput)+64)
	d.sentences = d.sc.sentences[:0]
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

func (d *doc) addSentence(text string, lvl skillpulse.Level, title bool) {
	if text == "" || len(d.buf)+len(text) > MaxInput {
		return
	}
	trig := d.g.cues.triggers(text)
	if !title && trig&cueNoiseTrig != 0 && isNoise(text) {
		return
	}
	start := len(d.buf)
	last := 0
	if trig&cueAddrTrig != 0 {
		for _, loc := range addresses.FindAllStringIndex(text, -1) {
			d.buf = append(d.buf, text[last:loc[0]]...)
			for range loc[1] - loc[0] {
				d.buf = append(d.buf, ' ')
			}
			last = loc[1]
		}
	}
	d.buf = append(d.buf, text[last:]...)
	d.sentences = append(d.sentences, sentence{text: text, start: start, end: len(d.buf), level: lvl, title: title})
	d.buf = append(d.buf, '\n')
}

// addBlocks adds blocks under a section that starts at level sec. Headings
// move the section when they are recognised and are themselves tagged at
// the new section's level; unknown headings (sub-headings like
// "Infrastructure & Compute") keep the section they sit in.
func (d *doc) addBlocks(blocks []block, sec skillpulse.Level) {
	for _, b := range blocks {
		if b.kind == blockMaybeHeading {
			b.kind = blockPara
			if _, ok := d.g.heads.classify(b.text); ok {
				b.kind = blockHeading
			}
		}
		if b.kind == blockHeading {
			if l, ok := d.g.heads.classify(b.text); ok {
				sec = l
			}
			d.sc.pieces = appendBounded(d.sc.pieces[:0], b.text)
			for _, h := range d.sc.pieces {
				d.addSentence(h, sec, false)
			}
			continue
		}
		// An inline label ("Requirements: 5+ years of Go") sets the level
		// of its own block only; one that opens a later sentence of the
		// block ("... Python. Nice: Istio, Go.") sets that sentence's.
		lvl := d.labelLevel(b.text, sec)
		d.sc.pieces = appendSentences(d.sc.pieces[:0], b.text)
		for _, s := range d.sc.pieces {
			d.addSentence(s, d.labelLevel(s, lvl), false)
		}
	}
}

// labelLevel returns the level an inline "Label:" at the start of s sets,
// or lvl when s has none.
func (d *doc) labelLevel(s string, lvl skillpulse.Level) skillpulse.Level {
	// The first ':' must come within 40 bytes; no need to look further.
	if i := strings.IndexByte(s[:min(len(s), 40)], ':'); i >= 0 {
		if l, ok := d.g.heads.classify(s[:i]); ok {
			return l
		}
	}
	return lvl
}

// appendSentences appends s cut at '.', '!', '?' followed by a space and
// a capital or digit, and at every "; ", so that "Strong Python required;
// Go is a plus" gives each clause its own level.
func appendSentences(out []string, s string) []string {
	last := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xe2, 0xc2:
			// Inline bullets ("What we're looking for: • Go • AWS"), seen
			// at the bullet's first byte, after the space before it.
			if j := i - 1; j >= 0 && s[j] == ' ' {
				for _, bullet := range [...]string{" • ", " · "} {
					if strings.HasPrefix(s[j:], bullet) {
						if t := strings.TrimSpace(s[last:j]); t != "" {
							out = appendBounded(out, t)
						}
						last = j + len(bullet) // the two bullets differ in length
						break
					}
				}
			}
			continue
		case '.', '!', '?', ';':
		default:
			continue
		}
		c := s[i]
		if i+1 >= len(s) || s[i+1] != ' ' {
			continue
		}
		if c != ';' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '(') {
				continue
			}
		}
		if t := strings.TrimSpace(s[last : i+1]); t != "" {
			out = appendBounded(out, t)
		}
		last = i + 1
	}
	if t := strings.TrimSpace(s[last:]); t != "" {
		out = appendBounded(out, t)
	}
	return out
}

// appendBounded appends s cut into pieces of at most maxSentence bytes, at
// spaces where there are any, else on rune boundaries.
func appendBounded(out []string, s string) []string {
	for len(s) > maxSentence {
		cut := strings.LastIndexByte(s[:maxSentence], ' ')
		if cut <= 0 {
			cut = maxSentence
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 {
				cut = maxSentence // not UTF-8: cut anywhere
			}
		}
		if t := strings.TrimSpace(s[:cut]); t != "" {
			out = append(out, t)
		}
		s = s[cut:]
	}
	if t := strings.TrimSpace(s); t != "" {
		out = append(out, t)
	}
	return out
}

// addresses are URLs, e-mail addresses and bare domain names: words in them
// ("careers.aws.com", "jobs@kubernetes.io") are not mentions. ".net" is
// left out of the bare-domain rule (addressTLDs) so that ASP.NET survives.
var addresses = regexp.MustCompile(`(?i)(?:https?://|ftp://|www\.)[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:` +
	strings.Join(addressTLDs[:], "|") + `)\b(?:/[^\s]*)?`)

// hit is one accepted alias occurrence.
type hit struct {
	skill      int
	alias      int
	start, end int // in doc.buf
	sent       int // index into doc.sentences
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// boundary reports whether buf[start:end] stands as a word: no letter,
// digit or '_' touching it, no '+' or '#' after it (C is not C++ or C#),
// and not one part of a dotted name (main.go, k8s.io).
func boundary(buf string, start, end int) bool {
	if start > 0 {
		r, n := utf8.DecodeLastRuneInString(buf[:start])
		if isWordRune(r) || r == '@' {
			return false
		}
		if r == '.' && start-n > 0 {
			if p, _ := utf8.DecodeLastRuneInString(buf[:start-n]); isWordRune(p) {
				return false
			}
		}
	}
	if end < len(buf) {
		r, n := utf8.DecodeRuneInString(buf[end:])
		if isWordRune(r) || r == '+' || r == '#' || r == '@' {
			return false
		}
		if r == '.' && end+n < len(buf) {
			if q, _ := utf8.DecodeRuneInString(buf[end+n:]); isWordRune(q) {
				return false
			}
		}
	}
	return true
}

// scratch is one call's working memory. A Tagger keeps a pool of them so
// that a stream of postings allocates little besides its results; nothing
// in it outlives the call that took it.
type scratch struct {
	text      []byte     // doc.buf
	sentences []sentence // doc.sentences
	blocks    []block
	blockText blockScratch
	pieces    []string // a block's sentences or a heading's pieces
	raw       []acMatch
	cands     []hit
	keep      []bool
	pos       []int32 // skill index → 1 + index in ms; zeroed again after use
	ms        []mentionAcc
	sentInfo  []int32 // sentence → 1 + index in infos, 0 when not analysed
	infos     []sentInfo
	clauses   []clause // every analysed sentence's clauses, end to end
	specific  []bool   // parallel to clauses: governs a specific skill
	evidence  []string // sentence → its evidence, once built
	lower     []byte
	// lowerSent holds sentences lower-cased for sentence vetoes, by
	// sentence index ("" until needed), sized on the first veto.
	lowerSent []string
	hit       hitCtx // what a guard sees, reused from hit to hit
}

// sentInfo locates one sentence's clauses in scratch.clauses.
type sentInfo struct{ lo, hi int32 }

// mentionAcc is a mention being built; evidence is a sentence index (or
// -1) until the result is assembled, so that only the evidence of the
// mentions kept is ever built.
type mentionAcc struct {
	skill    int32
	level    skillpulse.Level
	years    int
	evidence int32
}

func (g *Tagger) getScratch() *scratch {
	if sc, ok := g.pool.Get().(*scratch); ok {
		return sc
	}
	return &scratch{pos: make([]int32, len(g.skills))}
}

func (g *Tagger) putScratch(sc *scratch) {
	for _, m := range sc.ms {
		sc.pos[m.skill] = 0
	}
	sc.ms = sc.ms[:0]
	clear(sc.lowerSent)
	sc.lowerSent = sc.lowerSent[:0]
	// Drop the references to this call's strings so that the pool does
	// not keep postings alive.
	clear(sc.sentences[:cap(sc.sentences)])
	clear(sc.blocks[:cap(sc.blocks)])
	clear(sc.pieces[:cap(sc.pieces)])
	if cap(sc.text) > 256<<10 || cap(sc.sentences) > 4096 || cap(sc.blocks) > 4096 {
		// A rare giant: let its memory go rather than keep it pooled.
		sc.text, sc.blockText, sc.sentences, sc.blocks = nil, blockScratch{}, nil, nil
	}
	g.pool.Put(sc)
}

// mention returns the index in sc.ms of skill's mention, adding it.
func (sc *scratch) mention(skill int) int {
	if sc.pos[skill] == 0 {
		sc.ms = append(sc.ms, mentionAcc{skill: int32(skill), evidence: -1})
		sc.pos[skill] = int32(len(sc.ms))
	}
	return int(sc.pos[skill] - 1)
}

func (g *Tagger) tag(d *doc) skillpulse.Tags {
	var tags skillpulse.Tags
	d.finish()
	tags.Language = detectLanguage(d.text, g.lang)
	if tags.Language != "en" {
		return tags
	}
	sc := d.sc

	sc.raw = g.ac.findAnchored(d.text, sc.raw[:0])
	cands := sc.cands[:0]
	for _, m := range sc.raw {
		start, end := int(m.start), int(m.end)
		if !boundary(d.text, start, end) {
			continue
		}
		a := &g.aliases[m.pat]
		if !a.accepts(d.text[start:end]) {
			continue
		}
		cands = append(cands, hit{skill: a.skill, alias: int(m.pat), start: start, end: end})
	}
	sc.cands = cands
	// Leftmost-longest: "Terraform Cloud" beats "Terraform" at the same
	// start; overlaps that start later lose. (Spans are unique: one
	// pattern per lower-cased alias.)
	slices.SortFunc(cands, func(a, b hit) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(b.end, a.end)
	})
	hits := cands[:0]
	lastEnd, si := -1, 0
	for _, h := range cands {
		if h.start < lastEnd {
			continue
		}
		for si < len(d.sentences) && d.sentences[si].end < h.start {
			si++
		}
		if si == len(d.sentences) {
			break
		}
		h.sent = si
		if !g.vetoed(d, &h) {
			hits = append(hits, h)
			lastEnd = h.end
		}
	}
	hits = g.applyGuards(d, hits, sc)

	// Clauses are analysed once per sentence that has hits.
	sc.sentInfo = slices.Grow(sc.sentInfo[:0], len(d.sentences))[:len(d.sentences)]
	clear(sc.sentInfo)
	sc.infos, sc.clauses, sc.specific = sc.infos[:0], sc.clauses[:0], sc.specific[:0]
	for _, h := range hits {
		s := &d.sentences[h.sent]
		lvl, yrs := s.level, 0
		if !s.title {
			ii := sc.sentInfo[h.sent]
			if ii == 0 {
				lo := len(sc.clauses)
				sc.clauses = appendClauses(sc.clauses, s.text, g.cues, &sc.lower)
				for range len(sc.clauses) - lo {
					sc.specific = append(sc.specific, false)
				}
				sc.infos = append(sc.infos, sentInfo{lo: int32(lo), hi: int32(len(sc.clauses))})
				ii = int32(len(sc.infos))
				sc.sentInfo[h.sent] = ii
			}
			info := sc.infos[ii-1]
			cl := sc.clauses[info.lo:info.hi]
			if o := owner(cl, h.start-s.start); o >= 0 {
				lvl, yrs = cueOverSection(cl[o].cue, s.level), cl[o].years
				if sk := &g.skills[h.skill]; !sk.umbrella && sk.category != skillpulse.CategoryPractice {
					sc.specific[int(info.lo)+o] = true
				}
			}
			if l, ok := localCue(d.text[h.end:s.end]); ok {
				lvl = l
			}
		}
		m := &sc.ms[sc.mention(h.skill)]
		if lvl > m.level {
			m.level = lvl
			m.evidence = int32(h.sent)
		}
		m.years = max(m.years, yrs)
	}
	// Role-level years come from years phrases that govern no specific
	// skill: in sentences without skills, or whose clause names only
	// umbrellas and practices ("5+ years of experience in cloud
	// infrastructure, SRE, or platform operations").
	for i := range d.sentences {
		if d.sentences[i].title {
			continue
		}
		ii := sc.sentInfo[i]
		if ii == 0 {
			tags.Years = max(tags.Years, yearsIn(d.sentences[i].text, false))
			continue
		}
		info := sc.infos[ii-1]
		for o := info.lo; o < info.hi; o++ {
			if c := sc.clauses[o]; c.years > 0 && !sc.specific[o] {
				tags.Years = max(tags.Years, c.years)
			}
		}
	}

	// Roll up to ancestors at the child's level unless found more
	// strongly themselves. Direct mentions are the first len(ms)
	// entries; mention may grow sc.ms, so entries are re-read by index.
	direct := len(sc.ms)
	for i := 0; i < direct; i++ {
		child := sc.ms[i]
		for _, ai := range g.skills[child.skill].ancestors {
			m := &sc.ms[sc.mention(ai)]
			if child.level > m.level {
				m.level = child.level
				m.evidence = child.evidence
			}
			m.years = max(m.years, child.years)
		}
	}
	// Strongest first, then by id: skills are indexed in id order, so
	// the index stands in for the id. pos is not read after this.
	slices.SortFunc(sc.ms, func(a, b mentionAcc) int {
		if a.level != b.level {
			return cmp.Compare(b.level, a.level)
		}
		return cmp.Compare(a.skill, b.skill)
	})
	// Evidence is built once per sentence, however many skills share it.
	sc.evidence = slices.Grow(sc.evidence[:0], len(d.sentences))[:len(d.sentences)]
	clear(sc.evidence)
	tags.Mentions = make([]skillpulse.Mention, len(sc.ms))
	for i, m := range sc.ms {
		out := &tags.Mentions[i]
		out.SkillID, out.Level, out.Years = g.skills[m.skill].id, m.level, m.years
		if e := m.evidence; e >= 0 {
			if sc.evidence[e] == "" {
				sc.evidence[e] = evidence(d.sentences[e].text)
			}
			out.Evidence = sc.evidence[e]
		}
	}
	clear(sc.evidence)
	return tags
}

// cueOverSection applies a clause's cue to its section's level. Cues
// override the section, with one exception: a required cue inside a
// preferred section ("Bonus: Prometheus expertise", "Nice to have: 5+
// years of Rust") stays preferred, because the section already says the
// whole list is optional.
func cueOverSection(cue, sec skillpulse.Level) skillpulse.Level {
	if cue == skillpulse.LevelRequired && sec == skillpulse.LevelPreferred {
		return sec
	}
	return cue
}

// vetoed applies an exact alias's word vetoes ("Salt Lake", "head Chef").
func (g *Tagger) vetoed(d *doc, h *hit) bool {
	a := &g.aliases[h.alias]
	if !a.exactOnly() {
		return false
	}
	s := &g.skills[h.skill]
	if s.vetoPrev == "" && s.vetoNext == "" && len(s.vetoSentence) == 0 {
		return false
	}
	sent := &d.sentences[h.sent]
	text := d.text[sent.start:sent.end]
	off := sent.start
	if s.vetoPrev != "" {
		var buf [1]string
		if pw := prevWords(text, h.start-off, 1, buf[:0]); len(pw) > 0 && inWords(s.vetoPrev, pw[0]) {
			return true
		}
	}
	if s.vetoNext != "" && inWords(s.vetoNext, nextWord(text, h.end-off)) {
		return true
	}
	if len(s.vetoSentence) > 0 {
		if len(d.sc.lowerSent) != len(d.sentences) {
			d.sc.lowerSent = slices.Grow(d.sc.lowerSent[:0], len(d.sentences))[:len(d.sentences)]
			clear(d.sc.lowerSent)
		}
		lower := d.sc.lowerSent[h.sent]
		if lower == "" {
			lower = strings.ToLower(text)
			d.sc.lowerSent[h.sent] = lower
		}
		for _, w := range s.vetoSentence {
			if containsWord(lower, w) {
				return true
			}
		}
	}
	return false
}

// containsWord reports whether w occurs in s as a whole word (or words).
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if boundary(s, j, j+len(w)) {
			return true
		}
		i = j + 1
	}
}

// applyGuards runs the code guards of exact aliases, which need the
// neighbouring hits in the sentence ("C, C++ or Rust").
func (g *Tagger) applyGuards(d *doc, hits []hit, sc *scratch) []hit {
	sc.keep = slices.Grow(sc.keep[:0], len(hits))[:len(hits)]
	keep := sc.keep
	for i := range hits {
		h := &hits[i]
		keep[i] = true
		gf := g.skills[h.skill].guard
		if gf == nil || !g.aliases[h.alias].exactOnly() {
			continue
		}
		sent := &d.sentences[h.sent]
		// The guard is called through a func value, so a hitCtx of
		// its own would escape to the heap on every guarded hit.
		c := &sc.hit
		*c = hitCtx{
			sentence: d.text[sent.start:sent.end],
			start:    h.start - sent.start,
			end:      h.end - sent.start,
			tagger:   g,
		}
		if i > 0 && hits[i-1].sent == h.sent {
			c.prev = &hits[i-1]
			c.prevGap = d.text[c.prev.end:h.start]
		}
		if i+1 < len(hits) && hits[i+1].sent == h.sent {
			c.next = &hits[i+1]
			c.nextGap = d.text[h.end:c.next.start]
		}
		keep[i] = gf(c)
	}
	sc.hit = hitCtx{}
	out := hits[:0]
	for i, h := range hits {
		if keep[i] {
			out = append(out, h)
		}
	}
	return out
}

// evidence bounds a sentence to maxEvidence runes, cut on a rune boundary.
func evidence(s string) string {
	s = collapse(s)
	if utf8.RuneCountInString(s) <= maxEvidence {
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
