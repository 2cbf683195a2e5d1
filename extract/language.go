package extract

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Language detection: a posting is English unless the stop words
// (frequent function words of one language only) among its first few
// hundred words show that another language clearly dominates (see
// dominantLanguage). The stop words sit in open-addressed tables built
// once per Tagger.

// stopwordLists are frequent function words that belong to one language
// only (words shared between languages, like "de" or "en", are left out).
// Index 0 must be English.
const (
	stopEN = "the and to of you with for our we is are will be on your this that in have an"
	stopDE = "und der die das mit für wir ist eine zu von auf bei dich deine sie ihre werden sowie oder nicht ein den im"
	stopFR = "et les des vous nous pour avec une dans est sur du vos notre au aux nos"
	stopES = "y el los las con para una que por nuestro tu es del su al como"
	stopPT = "os com uma você não nossa são do da na no em ao seu sua"
	stopNL = "het een van voor wij jij zijn ons naar bij ook je wat"
	stopIT = "il della di per che sono nostro gli delle nel alla dei"
)

// languages lists the codes in the bit order newStopwords uses, each code
// at 3*i.
const languages = "en de fr es pt nl it"

// stopTable maps a stop word to the bit set of languages it belongs to:
// open addressing over power-of-two tables, built once per Tagger. It
// is what a map would do, without hashing through the runtime for each
// of the few hundred words a posting has.
type stopTable struct {
	slots [512]stopSlot
	// short holds the ASCII words of at most 7 bytes again, keyed by
	// their bytes packed into an integer (see shortKey), the word's
	// languages in the top byte the key leaves free: most words of a
	// posting are ASCII, comparing one integer beats hashing and
	// comparing a string, and a slot of eight bytes keeps the table
	// within a few cache lines' reach of the first-level cache.
	short [512]uint64
	// longASCII is the length of the longest ASCII word: no ASCII word
	// longer than it can be one.
	longASCII int
}

// shortKeyMask is the part of a short slot that holds the key.
const shortKeyMask = 1<<56 - 1

// shortHash1 and shortHash2 are a packed key's two slots in the short
// table: each key sits in one of them (cuckoo hashing), so a lookup
// reads both and chooses without a branch. Whether a word is a stop word
// is as unpredictable as the words, and probing until a match or an
// empty slot mispredicted on most words.
func shortHash1(key uint64) uint32 { return uint32((key * 0x9e3779b97f4a7c15) >> (64 - 9)) }
func shortHash2(key uint64) uint32 { return uint32((key * 0xc2b2ae3d27d4eb4f) >> (64 - 9)) }

func (t *stopTable) addShort(key uint64, bit uint8) {
	for _, i := range [2]uint32{shortHash1(key), shortHash2(key)} {
		if t.short[i]&shortKeyMask == key {
			t.short[i] |= uint64(bit) << 56
			return
		}
	}
	in := key | uint64(bit)<<56
	i := shortHash1(key)
	if t.short[i] != 0 {
		i = shortHash2(key)
	}
	for range 2 * len(t.short) {
		if t.short[i] == 0 {
			t.short[i] = in
			return
		}
		// Take the slot and move its key to its other one.
		t.short[i], in = in, t.short[i]
		if j := shortHash1(in & shortKeyMask); j != i {
			i = j
		} else {
			i = shortHash2(in & shortKeyMask)
		}
	}
	panic("extract: the short stop word table is too full for its words")
}

// lookupShort is lookup for an ASCII word of at most 7 bytes, packed;
// the key of a longer word, and key 0, find nothing.
func (t *stopTable) lookupShort(key uint64) uint8 {
	a, b := t.short[shortHash1(key)], t.short[shortHash2(key)]
	x, y := uint8(a>>56), uint8(b>>56)
	if a&shortKeyMask != key {
		x = 0
	}
	if b&shortKeyMask != key {
		y = 0
	}
	return x | y
}

type stopSlot struct {
	word string
	bits uint8
}

func stopHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

func (t *stopTable) add(w string, bit uint8) {
	if isASCII(w) {
		t.longASCII = max(t.longASCII, len(w))
	}
	if len(w) <= 7 && isASCII(w) {
		var key uint64
		for i := 0; i < len(w); i++ {
			key = key<<8 | uint64(w[i])
		}
		t.addShort(key, bit)
	}
	mask := uint32(len(t.slots) - 1)
	for i := stopHash([]byte(w)) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.word == "" || sl.word == w {
			sl.word = w
			sl.bits |= bit
			return
		}
	}
}

func (t *stopTable) lookup(w []byte) uint8 {
	mask := uint32(len(t.slots) - 1)
	for i := stopHash(w) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.word == "" {
			return 0
		}
		if sl.word == string(w) {
			return sl.bits
		}
	}
}

// newStopwords maps each stop word to the languages it belongs to, one bit
// per language in the order of languages.
func newStopwords() *stopTable {
	t := &stopTable{}
	for i, list := range []string{stopEN, stopDE, stopFR, stopES, stopPT, stopNL, stopIT} {
		for _, w := range strings.Fields(list) {
			t.add(w, 1<<i)
		}
	}
	return t
}

// maxLanguageWords bounds the words read for language detection: the
// first few hundred words decide it as well as the whole text would.
const maxLanguageWords = 600

// detectLanguage guesses the language of text from function words. It
// answers "en" unless another language clearly dominates (at least eight
// of its words and twice the English count); "" when there are no words.
// A word is a run of letters (and apostrophes after its first letter).
func detectLanguage(text string, stop *stopTable) string {
	t := langTally{stop: stop}
	t.addText(text)
	return t.language()
}

// langTally is detectLanguage's count, kept while a document is built:
// the tagger tallies each sentence's words as it adds the sentence (see
// triggerScan.run), so that no pass over the whole text is
// needed. Words never span sentences (they are joined with '\n'), so the
// tally of the sentences in order is the tally of the text.
type langTally struct {
	stop *stopTable
	// counts are the stop words read by language, and then, at
	// numLanguages, the words of none, counted to spare a branch.
	counts [numLanguages + 1]int
	words  int // words read, up to maxLanguageWords
}

// numLanguages is the number of codes in languages.
const numLanguages = (len(languages) + 1) / 3

// addText tallies the words of text.
func (t *langTally) addText(text string) {
	for i := 0; i < len(text) && t.words < maxLanguageWords; {
		i = nextLetter(text, i)
		if i >= len(text) {
			break
		}
		j, key, ascii := scanLanguageWord(text, i)
		t.word(text[i:j], key, ascii)
		i = j
	}
}

// word tallies one word (see scanLanguageWord for key and ascii); the
// caller checks that fewer than maxLanguageWords were read.
func (t *langTally) word(w string, key uint64, ascii bool) {
	t.words++
	var langs uint8
	if ascii && (len(w) <= 7 || len(w) > t.stop.longASCII) {
		// Nearly every word: stopBits' first case, inline, or a word
		// longer than any ASCII stop word, which key 0 (or its own, of
		// eight bytes) finds in no slot. Whether a word is longer than
		// eight is as unpredictable as the words: the key is chosen,
		// not branched on.
		k := key
		if len(w) > 8 {
			k = 0
		}
		langs = t.stop.lookupShort(k)
	} else {
		langs = stopBits(w, key, ascii, t.stop)
	}
	if langs&(langs-1) == 0 {
		// A word of one language or none, which every stop word is
		// today: counted without a branch on which (see shortHash1).
		t.counts[bits.TrailingZeros16(uint16(langs)|1<<numLanguages)]++
		return
	}
	for k := range numLanguages {
		t.counts[k] += int(langs >> k & 1)
	}
}

// asciiWord is word for an ASCII word whose key is packKey's: 0 when
// it is longer than eight bytes, which no slot holds (nor the key of a
// word of eight). Only a word longer than seven that an ASCII stop word
// may be (none is, today) is looked up otherwise, so the length decides
// no branch.
func (t *langTally) asciiWord(w string, key uint64) {
	t.words++
	var langs uint8
	if t.stop.longASCII > 7 && len(w) > 7 {
		langs = stopBits(w, key, true, t.stop)
	} else {
		langs = t.stop.lookupShort(key)
	}
	if langs&(langs-1) == 0 {
		t.counts[bits.TrailingZeros16(uint16(langs)|1<<numLanguages)]++
		return
	}
	t.asciiWordLangs(langs)
}

// asciiWordLangs tallies a word that is a stop word of several
// languages (none is, today).
func (t *langTally) asciiWordLangs(langs uint8) {
	for k := range numLanguages {
		t.counts[k] += int(langs >> k & 1)
	}
}

// language is detectLanguage's answer for the words tallied.
func (t *langTally) language() string {
	if t.words == 0 {
		return ""
	}
	return dominantLanguage(t.counts[:numLanguages])
}

// nextLetter returns the offset of the first letter at or after i, or
// len(text).
func nextLetter(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if isASCIILetter(c) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			return i
		}
		i += n
	}
	return i
}

// scanLanguageWord reads the word that starts with the letter at text[i]
// and returns its end, whether it is all ASCII and, for an ASCII word,
// its bytes lower-cased (c|0x20 lower-cases a letter and keeps the apostrophe)
// and packed into key (the last 8 bytes).
func scanLanguageWord(text string, i int) (j int, key uint64, ascii bool) {
	j, ascii = i, true
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) && c != '\'' {
				break
			}
			key = key<<8 | uint64(c|0x20)
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		ascii = false
		j += n
	}
	return j, key, ascii
}

// stopBits returns the languages whose stop words hold w: an ASCII word of
// at most 7 bytes is looked up by key, a longer one (up to 12 bytes, and
// not longer than the longest ASCII stop word when ASCII) lower-cased.
func stopBits(w string, key uint64, ascii bool, stop *stopTable) uint8 {
	if ascii && len(w) <= 7 {
		return stop.lookupShort(key)
	}
	if len(w) > 12 || (ascii && len(w) > stop.longASCII) {
		return 0
	}
	var buf [32]byte
	lw := buf[:0]
	for k := 0; k < len(w); {
		if c := w[k]; c < utf8.RuneSelf {
			lw = append(lw, lowerASCII(c))
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[k:])
		lw = utf8.AppendRune(lw, unicode.ToLower(r))
		k += n
	}
	return stop.lookup(lw)
}

// dominantLanguage answers "en" unless another language clearly
// dominates counts: at least eight of its words and twice the English
// count.
func dominantLanguage(counts []int) string {
	best := 0
	for k := range counts {
		if counts[k] > counts[best] {
			best = k
		}
	}
	if best != 0 && counts[best] >= 8 && counts[best] > 2*counts[0] {
		return languages[3*best : 3*best+2]
	}
	return "en"
}
