package extract

import "github.com/skillpulse/skillpulse"

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
	via       []int32  // implied skill → its Via's count, then next entry (see impliedOf)
	lower     []byte
	cues      sentenceCues // appendClauses's
	addrs     [][2]int     // a sentence's address spans (see addressSpans)
	// vetoFound are the sentence vetoes that sentence vetoSent-1 holds
	// (see sentenceVetoed); vetoSent is 0 until one is read.
	vetoSent  int
	vetoFound []int32
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
	reason   skillpulse.LevelReason // what decided level in the evidence sentence
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
	sc.vetoSent, sc.vetoFound = 0, sc.vetoFound[:0]
	// Drop the references to this call's strings so that the pool does
	// not keep postings alive. The sentences are only ever appended, and
	// those past the last call's were cleared by the calls that wrote
	// them: only this call's need clearing, not the capacity a long
	// posting once grew, which every short one would clear again.
	clear(sc.sentences)
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
