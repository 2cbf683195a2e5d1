package extract

import "github.com/skillpulse/skillpulse"

// sentenceMemo holds what readLevels reads of a hit's sentence as a
// whole (whether it opens with a duty, speaks in the company's voice, ends
// on a parenthesised cue, where it describes a product): the same for
// every hit of the sentence, and a list names many skills in one. Each is
// read on first use.
type sentenceMemo struct {
	sent        int // the sentence's number
	duty, voice fact
	final       fact // finalCue has been read into level
	level       skillpulse.Level
	levelOK     bool
	product     fact // productDescription has been read into productAt
	productAt   int
}

// at readies m for sentence i, forgetting another sentence's answers.
func (m *sentenceMemo) at(i int) {
	if m.sent != i {
		*m = sentenceMemo{sent: i}
	}
}

// finalCue is finalCue(s) for m's sentence s.
func (m *sentenceMemo) finalCue(s string) (skillpulse.Level, bool) {
	m.final.get(func() bool {
		m.level, m.levelOK = finalCue(s)
		return true
	})
	return m.level, m.levelOK
}

// describesProduct reports whether the hit at byte off of m's sentence s
// lies in a description of the company or its product (see
// productDescription).
func (m *sentenceMemo) describesProduct(s string, off int) bool {
	m.product.get(func() bool {
		m.productAt = productDescription(s)
		return true
	})
	return m.productAt >= 0 && off >= m.productAt
}
