package extract

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/skillpulse/skillpulse"
)

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
	seniority      []seniorityRule
	seniorityWords *titleIndex // the rules' words, list i of rule i
	roles          *titleIndex // roleWords, one list
	words          *wordSets   // lists read word by word (see wordSet)
	pool           sync.Pool   // of *scratch

	// vetoWords holds every skill's sentence vetoes, lower-cased, one
	// pattern each (see sentenceVetoed).
	vetoWords *automaton
}

type skillInfo struct {
	id        string
	category  skillpulse.Category
	ancestors []int
	umbrella  bool
	guard     guardFunc
	// vetoes as sets of " a b c " word lists (see inWords), and sentence
	// words as indexes of Tagger.vetoWords' patterns
	vetoPrev, vetoNext wordSet
	vetoSentence       []int32
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

	var vetoWords []string
	vetoIndex := map[string]int32{} // lower-cased sentence veto → index in vetoWords
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
			s.vetoPrev = newWordSet(" " + strings.ToLower(strings.Join(e.VetoPrev, " ")) + " ")
		}
		if len(e.VetoNext) > 0 {
			s.vetoNext = newWordSet(" " + strings.ToLower(strings.Join(e.VetoNext, " ")) + " ")
		}
		for _, w := range e.VetoSentence {
			w = strings.ToLower(w)
			k, ok := vetoIndex[w]
			if !ok {
				k = int32(len(vetoWords))
				vetoIndex[w] = k
				vetoWords = append(vetoWords, w)
			}
			s.vetoSentence = append(s.vetoSentence, k)
		}
		for _, a := range e.Exact {
			add(i, a, true)
		}
		for _, a := range e.Aliases {
			add(i, a, false)
		}
	}
	g.ac = newAutomaton(patterns)
	g.vetoWords = newAutomaton(vetoWords)
	g.cues = newCueMatcher()
	g.words = newWordSets()
	g.heads = newHeadingMatcher()
	g.lang = newStopwords()
	g.seniority = newSeniorityRules()
	words := make([][]string, len(g.seniority))
	for i, r := range g.seniority {
		words[i] = r.words
	}
	g.seniorityWords = newTitleIndex(words...)
	g.roles = newTitleIndex(roleWords())
	return g
}

// Taxonomy returns the taxonomy the tagger was built from.
func (g *Tagger) Taxonomy() *Taxonomy { return g.tax }

// Tag reads a posting's title, description and sections. Skills named in
// the title count as required: the role is defined by them ("Go Engineer").
// Each section's heading sets the level its body starts at.
func (g *Tagger) Tag(p *skillpulse.Posting) skillpulse.Tags {
	tags, _ := g.tagPosting(p)
	return tags
}

// tagPosting is Tag, also returning the bytes its per-hit document- and
// sentence-wide rules read (doc.reads).
func (g *Tagger) tagPosting(p *skillpulse.Posting) (skillpulse.Tags, int) {
	sc := g.getScratch()
	defer g.putScratch(sc)
	d := doc{g: g, sc: sc, company: p.Company}
	d.start(len(p.Title) + len(p.Description))
	d.addSentence(truncate(collapse(p.Title), maxSentence), section{level: skillpulse.LevelRequired}, true)
	d.addBlocks(d.splitBlocks(p.Description), section{level: skillpulse.LevelMentioned})
	for _, s := range p.Sections {
		sec, ok := g.heads.section(s.Heading)
		if !ok {
			sec = section{level: skillpulse.LevelMentioned, byHeading: true} // a section the posting titled, even one no list knows
		}
		sc.pieces = appendBounded(sc.pieces[:0], collapse(s.Heading))
		for _, h := range sc.pieces {
			d.addSentence(h, sec, false)
		}
		d.addBlocks(d.splitBlocks(s.Body), sec)
	}
	tags := g.tag(&d)
	tags.Seniority = g.seniorityOf(p.Title)
	return tags, d.reads
}

// TagDocument reads one document, HTML or plain text (detected by its
// markup). A document has no separate title: Seniority is read from what
// its first line says the role is (see documentTitle): a heading that is
// not a section name ("# Senior SRE"), the role field of a "Company |
// Role | Location" header line, or a short first line naming a role. The
// skills there are tagged like any other line's, not as title skills;
// the header line's company field is the hiring company (see
// doc.company).
func (g *Tagger) TagDocument(text string) skillpulse.Tags { return g.tagDocument(text, false) }

// TagResume is TagDocument for a resume: sentences about equipment
// ("rolled out 600 laptops with Intune"), which in a posting are perks and
// skipped, are a resume's work and are read.
func (g *Tagger) TagResume(text string) skillpulse.Tags { return g.tagDocument(text, true) }

func (g *Tagger) tagDocument(text string, keepNoise bool) skillpulse.Tags {
	sc := g.getScratch()
	defer g.putScratch(sc)
	d := doc{g: g, sc: sc, keepNoise: keepNoise}
	d.start(len(text))
	blocks := d.splitBlocks(text)
	var first block
	if len(blocks) > 0 {
		first = blocks[0]
	}
	d.addBlocks(blocks, section{level: skillpulse.LevelMentioned})
	title, company := g.documentTitle(first)
	d.company, d.role = company, title
	tags := g.tag(&d)
	if title != "" {
		tags.Seniority = g.seniorityOf(title)
	}
	return tags
}

// tag reads the finished document d in named steps: the language gate,
// matching, each hit's level and years, the role's own years, implied
// credit for the parents of what is named, and the result.
func (g *Tagger) tag(d *doc) skillpulse.Tags {
	var tags skillpulse.Tags
	d.finish()
	if tags.Language = d.lang.language(); tags.Language != "en" {
		return tags
	}
	hits := g.match(d)
	g.readLevels(d, hits)
	tags.Years = roleYears(d)
	named := g.rollUp(d.sc)
	tags.Mentions, tags.Implied = g.result(d, named)
	return tags
}

// readLevels gives every hit its level and years and folds them into its
// skill's mention (the strongest level, with that sentence as evidence and
// what decided the level there, and the most years). A hit's level starts
// from its sentence's section (a heading, or the default); the cue of the
// clause that governs it overrides that, and a parenthesis right after it
// ("GCP (preferred)") overrides both; a sentence in the company's voice
// ("We value a solid CI/CD pipeline") asks for nothing whatever its cues.
// Title hits are required as they stand. Clauses are analysed once per
// sentence with hits; a clause that governs a specific skill (not an
// umbrella or a practice) is marked, for roleYears.
func (g *Tagger) readLevels(d *doc, hits []hit) {
	sc := d.sc
	sc.sentInfo = slices.Grow(sc.sentInfo[:0], len(d.sentences))[:len(d.sentences)]
	clear(sc.sentInfo)
	sc.infos, sc.clauses, sc.specific = sc.infos[:0], sc.clauses[:0], sc.specific[:0]
	roleSents := roleLineMemo{sent: -1}
	parens := parenMemo{sent: -1}
	whole := sentenceMemo{sent: -1}
	for _, h := range hits {
		s := &d.sentences[h.sent]
		whole.at(h.sent)
		lvl, yrs, why := s.level, 0, skillpulse.ReasonDefault
		switch {
		case s.title:
			why = skillpulse.ReasonTitle
		case s.byHeading:
			why = skillpulse.ReasonHeading
		}
		if !s.title {
			cl, lo := g.clausesOf(d, h.sent)
			o := owner(cl, h.start-s.start)
			if o >= 0 && cl[o].weak && s.byHeading && !s.duties {
				o = -1 // a heading decides; the opening only asks where none does, or under the role's duties
			}
			if o >= 0 && cl[o].cue == skillpulse.LevelRequired && cl[o].years == 0 && (whole.duty.get(func() bool { return opensWithDuty(s.text) }) || s.duties && opensWithBe(s.text)) {
				o = -1 // a duty: "Operate systems with strong observability"
			}
			if o >= 0 {
				lvl, yrs = cueOverSection(cl[o].cue, s.level), cl[o].years
				if lvl != s.level || !s.byHeading {
					why = skillpulse.ReasonCue
				}
				if sk := &g.skills[h.skill]; !sk.umbrella && sk.category != skillpulse.CategoryPractice {
					sc.specific[lo+o] = true
				}
			}
			if l, ok := localCue(d.text[h.end:s.end]); ok {
				lvl, why = l, skillpulse.ReasonCue
			} else if l, ok := g.parenLevel(d.text[s.start:s.end], h.sent, h.start-s.start, &sc.lower, &parens); ok {
				lvl, why = l, skillpulse.ReasonCue
			} else if l, ok := whole.finalCue(s.text); ok {
				lvl, why = l, skillpulse.ReasonCue
			}
			if lvl > skillpulse.LevelMentioned && whole.voice.get(func() bool { return companyVoice(s.text) }) && !asksAfterVoice(cl, o, h.start-s.start, s.text) {
				lvl, why = skillpulse.LevelMentioned, skillpulse.ReasonCue
			}
			if lvl > skillpulse.LevelMentioned && companyDomain(d.text[h.end:s.end]) {
				lvl, yrs, why = skillpulse.LevelMentioned, 0, skillpulse.ReasonCue // "at our Stealth AI-security startup"
			}
			if lvl > skillpulse.LevelMentioned && why == skillpulse.ReasonHeading && whole.describesProduct(s.text, h.start-s.start) {
				lvl, why = skillpulse.LevelMentioned, skillpulse.ReasonCue // "Moyai is an agent monitoring tool"
			}
			if lvl > skillpulse.LevelMentioned && why == skillpulse.ReasonHeading && (o < 0 || cl[o].cue == 0) && roleSents.is(h.sent, s.text) {
				// a role's line under "We are looking for:" that asks
				// nothing itself ("Dev Ops Engineer - https://...")
				lvl, why = skillpulse.LevelMentioned, skillpulse.ReasonCue
			}
		}
		m := &sc.ms[sc.mention(h.skill)]
		if lvl > m.level {
			m.level, m.reason = lvl, why
			m.evidence = int32(h.sent)
		}
		m.years = max(m.years, yrs)
	}
}

// parenLevel is the cue of the parenthesis around offset off of sentence
// s, when it has one: "(React is a plus)" prefers React, "(preferably
// MongoDB)" MongoDB. s is sentence number sent. The hits inside one parenthesis share its cue, read
// once for them all (memo): a parenthesis may run the length of the
// sentence and hold a hit every few words.
func (g *Tagger) parenLevel(s string, sent, off int, lower *[]byte, memo *parenMemo) (skillpulse.Level, bool) {
	// Most sentences hold no '(': IndexByte, which reads many bytes at a
	// time, rules them out before LastIndexByte reads back byte by byte.
	if strings.IndexByte(s[:off], '(') < 0 {
		return 0, false
	}
	open := strings.LastIndexByte(s[:off], '(')
	if strings.IndexByte(s[open:off], ')') >= 0 {
		return 0, false
	}
	end := strings.IndexByte(s[off:], ')')
	if end < 0 {
		return 0, false
	}
	inner := s[open+1 : off+end]
	if memo.sent == sent && memo.open == open && memo.close == off+end {
		return memo.level, memo.level != 0
	}
	var lvl skillpulse.Level
	if parenHasCue(inner) {
		lvl, _ = g.cues.cueOf(inner, lower)
	}
	*memo = parenMemo{sent: sent, open: open, close: off + end, level: lvl}
	return lvl, lvl != 0
}

// parenMemo remembers parenLevel's cue for the last parenthesis read:
// the hits of one parenthesis come together.
type parenMemo struct {
	sent        int // the sentence's number
	open, close int // the parenthesis's bytes in it
	level       skillpulse.Level
}

// clausesOf returns sentence i's clauses, analysing them on first use,
// and the index of the first in sc.clauses.
func (g *Tagger) clausesOf(d *doc, i int) ([]clause, int) {
	sc := d.sc
	ii := sc.sentInfo[i]
	if ii == 0 {
		lo := len(sc.clauses)
		sc.clauses = appendClauses(sc.clauses, d.sentences[i].text, g.cues, &sc.cues)
		for range len(sc.clauses) - lo {
			sc.specific = append(sc.specific, false)
		}
		sc.infos = append(sc.infos, sentInfo{lo: int32(lo), hi: int32(len(sc.clauses))})
		ii = int32(len(sc.infos))
		sc.sentInfo[i] = ii
	}
	info := sc.infos[ii-1]
	return sc.clauses[info.lo:info.hi], int(info.lo)
}

// roleYears are the years asked of the role as a whole: years phrases
// that govern no specific skill, in sentences without skills, or in
// clauses that name only umbrellas and practices ("5+ years of experience
// in cloud infrastructure, SRE, or platform operations").
//
// Most sentences without skills mention no years. Where they are is
// read from the document's text at once, not sentence by sentence: a
// sentence is kept there as written (unless addresses were blanked in
// it, see doc.addSentence), and a place where it mentions years
// (indexYears) is one in the text, so a sentence the text's next such
// place lies beyond is passed over.
func roleYears(d *doc) int {
	sc := d.sc
	years := 0
	next := indexYears(d.text, 0) // the first place at or after the sentence's start that may mention years, -1 for none
	for i := range d.sentences {
		s := &d.sentences[i]
		if s.title || s.elsewhere {
			continue
		}
		ii := sc.sentInfo[i]
		if ii == 0 {
			if s.trig&cueAddrTrig == 0 {
				if next >= 0 && next < s.start {
					next = indexYears(d.text, s.start)
				}
				if next < 0 || next >= s.end {
					continue
				}
			}
			y, p := yearsAndPersons(s.text, false)
			years = max(years, y, p)
			continue
		}
		info := sc.infos[ii-1]
		for o := info.lo; o < info.hi; o++ {
			if c := sc.clauses[o]; c.years > 0 && !sc.specific[o] {
				years = max(years, c.years)
			}
			years = max(years, sc.clauses[o].persons)
		}
	}
	return years
}

// rollUp gives implied credit to every ancestor of a named skill that is
// not named itself, at the strongest level of the named skills below it.
// The named skills are the first n entries of sc.ms, which it returns;
// the implied ones follow. A named skill keeps its own level: a child
// asked for more strongly does not raise it. (mention may grow sc.ms, so
// entries are re-read by index.)
func (g *Tagger) rollUp(sc *scratch) (n int) {
	n = len(sc.ms)
	for i := 0; i < n; i++ {
		child := sc.ms[i]
		for _, ai := range g.skills[child.skill].ancestors {
			k := sc.mention(ai)
			if k < n {
				continue
			}
			if m := &sc.ms[k]; child.level > m.level {
				m.level = child.level
			}
		}
	}
	return n
}

// result builds the named skills, strongest first, then by id (skills are
// indexed in id order, so the index stands in for the id; pos is not read
// after this), with evidence built once per sentence however many skills
// share it; and the implied ones in the same order, each with the named
// skills it comes through (see impliedOf).
func (g *Tagger) result(d *doc, n int) ([]skillpulse.Mention, []skillpulse.Implied) {
	sc := d.sc
	named, implied := sc.ms[:n], sc.ms[n:]
	sortMentions(named)
	// sc.evidence is all empty between calls: each call empties the
	// entries it filled, not the whole of a long posting's length.
	sc.evidence = slices.Grow(sc.evidence[:0], len(d.sentences))[:len(d.sentences)]
	for _, m := range named {
		if e := m.evidence; e >= 0 && sc.evidence[e] == "" {
			sc.evidence[e] = evidence(d.sentences[e].text)
		}
	}
	d.detachEvidence(named)
	out := make([]skillpulse.Mention, len(named))
	for i, m := range named {
		o := &out[i]
		o.SkillID, o.Level, o.Years, o.Reason = g.skills[m.skill].id, m.level, m.years, m.reason
		if e := m.evidence; e >= 0 {
			o.Evidence = sc.evidence[e]
		}
	}
	for _, m := range named {
		if e := m.evidence; e >= 0 {
			sc.evidence[e] = ""
		}
	}
	if len(implied) == 0 {
		return out, nil
	}
	sortMentions(implied)
	return out, g.impliedOf(sc, named, implied)
}

// impliedOf builds the implied skills, each with the named skills it
// comes through, sorted. sc.pos (skill → 1 + index in ms) is re-pointed
// at implied: 0 for the named skills, 1 + index in implied for the
// implied ones. Each named skill is then filed under each of its implied
// ancestors in one pass over them, the Vias cut from one backing array
// by their counts (sc.via).
func (g *Tagger) impliedOf(sc *scratch, named, implied []mentionAcc) []skillpulse.Implied {
	imp := make([]skillpulse.Implied, len(implied))
	for i, m := range implied {
		imp[i] = skillpulse.Implied{SkillID: g.skills[m.skill].id, Level: m.level}
	}
	for _, m := range named {
		sc.pos[m.skill] = 0
	}
	for i, m := range implied {
		sc.pos[m.skill] = int32(i + 1)
	}
	// next[i] counts implied skill i's Via, then is where its next
	// entry goes.
	next := slices.Grow(sc.via[:0], len(implied))[:len(implied)]
	clear(next)
	total := 0
	for _, m := range named {
		for _, ai := range g.skills[m.skill].ancestors {
			if k := sc.pos[ai]; k > 0 {
				next[k-1]++
				total++
			}
		}
	}
	via := make([]string, total)
	lo := 0
	for i, c := range next {
		imp[i].Via = via[lo : lo+int(c) : lo+int(c)]
		next[i] = int32(lo)
		lo += int(c)
	}
	for _, m := range named {
		for _, ai := range g.skills[m.skill].ancestors {
			if k := sc.pos[ai]; k > 0 {
				via[next[k-1]] = g.skills[m.skill].id
				next[k-1]++
			}
		}
	}
	for i := range imp {
		slices.Sort(imp[i].Via)
	}
	sc.via = next
	return imp
}

// sortMentions orders ms strongest first, then by skill index (the ids'
// order). A posting names a handful of skills: an insertion sort with
// the comparison written out costs less than a generic sort's calls of
// a comparison function, which a long list still takes.
func sortMentions(ms []mentionAcc) {
	if len(ms) > 24 {
		slices.SortFunc(ms, func(a, b mentionAcc) int {
			return cmp.Or(cmp.Compare(b.level, a.level), cmp.Compare(a.skill, b.skill))
		})
		return
	}
	before := func(a, b *mentionAcc) bool { return a.level > b.level || a.level == b.level && a.skill < b.skill }
	for i := 1; i < len(ms); i++ {
		m := ms[i]
		j := i
		for ; j > 0 && before(&m, &ms[j-1]); j-- {
			ms[j] = ms[j-1]
		}
		ms[j] = m
	}
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
