package extract

// The trigger scan: one pass over each sentence as it is added, which
// finds the words that make the noise and address checks worth running
// and tallies the language words on the way (see doc.addSentence).

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Byte classes of the trigger scan (triggerScan.run).
const (
	tbWord   = 1      // continues a word (isWordByte)
	tbNoise  = 1 << 1 // the first letter of a noise trigger, in either case
	tbAddr   = 1 << 3 // '@', ':' or '.', after which address triggers are looked for
	tbLetter = 1 << 4 // an ASCII letter: starts or continues a language word
	tbHigh   = 1 << 6 // not ASCII
	tbApos   = 1 << 7 // the apostrophe: continues a language word
)

// triggers reports whether s may be a noise sentence (cueNoiseTrig) or
// hold an address (cueAddrTrig), the shapes checked by scanner and
// expression; a false alarm only costs the check.
func (c *cueMatcher) triggers(s string) cueKind {
	done := langTally{words: maxLanguageWords} // tallies nothing
	kinds, _, _ := c.sentenceTriggers(s, &done, nil, nil)
	return kinds
}

// sentenceTriggers is triggers that also tallies the words of s in lang
// while it reads s, and reports whether it did. Given an automaton ac
// (see triggerScan.run), it also appends to dst, in the same pass, what
// ac.findAnchored(s) finds, whether it tallied or not.
//
// Nearly every sentence takes a short cut with the same outcome, one pass
// over its bytes: every noise shape starts a trigger word at a word
// start, and the address triggers are found by looking after each '.',
// '@' and ':' only. A sentence with a long s or a Kelvin sign runs the
// trigger automaton over every byte instead, since the shapes fold those
// into ASCII letters and so may match where the trigger words are not
// spelled in ASCII; its words are left untallied.
func (c *cueMatcher) sentenceTriggers(s string, lang *langTally, ac *automaton, dst []acMatch) (cueKind, bool, []acMatch) {
	n0 := len(dst)
	sc := triggerScan{cueMatcher: c, s: s, dst: dst}
	if ac != nil && ac.delta16 != nil {
		sc.ac = ac
	}
	ok := sc.run(lang)
	kinds := sc.kinds
	if !ok {
		kinds = 0 // the automaton decides alone
		var buf [16]acMatch
		for _, m := range c.trig.findAll(s, buf[:0]) {
			kinds |= c.trigKinds[m.pat]
		}
	}
	dst = sc.dst
	if ac != nil && (!ok || sc.ac == nil) {
		dst = ac.findAnchored(s, dst[:n0])
	}
	return kinds, ok, dst
}

// triggerScan is one pass of the trigger scan over s: the triggers found so
// far and, when ac is set, the occurrences of ac's patterns found so far
// (see triggerScan.run).
type triggerScan struct {
	*cueMatcher
	s     string
	kinds cueKind
	ac    *automaton // nil: triggers and words only
	dst   []acMatch
}

// run reports, in one pass, which triggers s holds (ASCII case folded):
// a noise trigger word at a word start (a start findAnchored would walk
// from), or one of addressTriggers, found by looking only at the bytes
// after each '.', '@' and ':'. It tallies the words of s in lang as it
// goes (see scanLanguageWord). It reports false, and tallies nothing,
// when s holds a long s or a Kelvin sign (see sentenceTriggers).
//
// With ac set, the same pass walks ac's trie from
// every start findAnchored walks from (offset 0 and every byte after one
// that is not a word byte) and appends what it finds to dst, as
// findAnchored(s) would: the word starts are where the noise triggers are
// looked for anyway, and one walk over the bytes serves both. (The
// appended matches are incomplete when run reports false.)
//
// It reads a language word (letters and apostrophes) at a time (see
// scanWord); the bytes between words are where addresses show.
func (sc *triggerScan) run(lang *langTally) bool {
	c, s, ac := sc.cueMatcher, sc.s, sc.ac
	// A space is read as nothing (no trigger, no language word) unless
	// an alias may start with one: then the space after a word is
	// stepped over with the word.
	skipSpace := ac == nil || ac.rootNonWord[' '] == 0
	// At the first byte beyond ASCII, s is searched for the long s and
	// the Kelvin sign.
	checked := false
	folds := func() bool {
		checked = true
		return strings.Contains(s, "ſ") || strings.Contains(s, "\u212a")
	}
	for i := 0; i < len(s); {
		k := c.bytes[s[i]]
		switch {
		case k&tbLetter != 0:
			// Most words are ASCII letters, fewer than sixteen, before
			// a space, a mark or the end of s: the eight bytes read at
			// i (and the eight after them) tell where they end, and
			// serve as the key of the word both for the alias filter
			// and for the stop words (see aliasWord). Past the end of
			// s they read as 0, no letter: the last word of a
			// sentence, nearly always within eight bytes of its end,
			// takes this way too.
			var w uint64 // loadPadded(s, i), written out here and below: the call would not be inlined
			if i+8 <= len(s) {
				w = load8(s, i)
			} else {
				w = loadTail(s, i)
			}
			n := letterLanes(w)
			if i+16 <= len(s) {
				// The next eight bytes count when the first eight are
				// all letters: read whatever the word's length, which
				// no predictor guesses, and masked.
				n += letterLanes(load8(s, i+8)) & -(n >> 3)
			} else if n == 8 && i+8 < len(s) {
				n += letterLanes(loadTail(s, i+8))
			}
			j := i + n
			if n == 16 || j < len(s) && c.bytes[s[j]]&(tbApos|tbHigh) != 0 {
				break
			}
			// Written out here, not called: every word comes this way,
			// and a call per word, which the compiler would not
			// inline, cost more than the filters that rule most words
			// out before noiseWord and aliasWord are called.
			n8 := min(n, 8)
			kw := (w | 0x20*laneOnes) & (^uint64(0) >> (64 - 8*n8))
			if i == 0 || c.bytes[s[i-1]]&tbWord == 0 { // a word start
				if h := noiseHash3(kw & 0xffffff); c.noise3[h>>6]>>(h&63)&1 != 0 {
					sc.noiseWord(i)
				}
				if ac != nil && (j < len(s) && ac.word[s[j]] || ac.starts.mayKey(kw, n)) {
					sc.aliasWord(i, j, kw)
				}
			}
			key := bits.ReverseBytes64(kw) >> (64 - 8*n8)
			if n > 8 {
				key = 0
			}
			if lang.words < maxLanguageWords {
				// lang.asciiWord, its usual way written out: the call
				// alone cost a tenth of the scan.
				if lang.stop.longASCII > 7 && n > 7 {
					lang.asciiWord(s[i:j], key)
				} else {
					lang.words++
					langs := lang.stop.lookupShort(key)
					if langs&(langs-1) == 0 {
						lang.counts[bits.TrailingZeros16(uint16(langs)|1<<numLanguages)]++
					} else {
						lang.asciiWordLangs(langs)
					}
				}
			}
			i = j
			if skipSpace && j < len(s) && s[j] == ' ' {
				i++
			}
			continue
		case k&tbHigh != 0:
			if !checked && folds() {
				return false
			}
			if r, n := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(r) {
				if ac != nil && ac.highRoots {
					sc.byteStarts(i, i+n)
				}
				i += n
				continue
			}
		default:
			if k&tbAddr != 0 && sc.kinds&cueAddrTrig == 0 && addressAt(s, i) {
				sc.kinds |= cueAddrTrig
			}
			// A start that no language word opens: a digit or '_'
			// after a byte that is not a word byte ("5G"), or a byte
			// that is none (".NET").
			if ac != nil && (k&tbWord != 0 || ac.rootNonWord[s[i]] != 0) && (i == 0 || c.bytes[s[i-1]]&tbWord == 0) {
				sc.start(i)
			}
			i++
			continue
		}
		j, key, ascii := sc.scanWord(i)
		if !ascii && !checked && folds() {
			return false
		}
		if lang.words < maxLanguageWords {
			lang.word(s[i:j], key, ascii)
		}
		i = j
	}
	return true
}

// start walks ac's trie from s[i], a start in findAnchored's sense that
// no language word opens, as findAnchored does.
func (sc *triggerScan) start(i int) {
	s, ac := sc.s, sc.ac
	if !ac.word[s[i]] {
		sc.dst = ac.walk(s, i, sc.dst)
		return
	}
	if ac.delta16[ac.class[s[i]]] != 0 {
		if e := ac.wordEnd(s, i+1); ac.starts.may(s, i, e) {
			sc.dst = ac.wordWalk(s, i, e, sc.dst)
		}
	}
}

// byteStarts walks ac's trie from each byte of s[i:j], none of them a
// word byte, that is a start (the first only when the byte before it is
// no word byte) and that a pattern opens with.
func (sc *triggerScan) byteStarts(i, j int) {
	s, ac := sc.s, sc.ac
	for p := i; p < j; p++ {
		if ac.rootNonWord[s[p]] != 0 && (p == 0 || !ac.word[s[p-1]]) {
			sc.dst = ac.walk(s, p, sc.dst)
		}
	}
}

// wordStart walks ac's trie from the ASCII letter at s[i], a word start
// in findAnchored's sense, whose letters run to j: the word it opens
// runs on over digits and '_'.
func (sc *triggerScan) wordStart(i, j int) {
	s, ac := sc.s, sc.ac
	if ac.delta16[ac.class[s[i]]] == 0 {
		return
	}
	if j < len(s) && ac.word[s[j]] {
		j = ac.wordEnd(s, j)
	}
	if ac.starts.may(s, i, j) {
		sc.dst = ac.wordWalk(s, i, j, sc.dst)
	}
}

// scanWord reads the language word that starts with the letter at s[i]
// as scanLanguageWord does, and returns its end, key and whether it is
// ASCII. On the way it looks for a noise trigger at each word start (in
// findAnchored's sense) inside it, and with ac set walks ac's trie from
// each: its first letter unless a digit or '_' comes before, and a
// letter after an apostrophe ("l'office") or a letter beyond ASCII. Runs
// of ASCII letters are skipped by letterEnd, and the key is packed at
// the end.
func (sc *triggerScan) scanWord(i int) (j int, key uint64, ascii bool) {
	c, s, ac := sc.cueMatcher, sc.s, sc.ac
	at := i == 0 || c.bytes[s[i-1]]&tbWord == 0 // a word start
	if at && c.bytes[s[i]]&tbNoise != 0 {
		c.noiseFrom(s, i, &sc.kinds)
	}
	at = at && ac != nil && c.bytes[s[i]]&tbHigh == 0
	ascii = true
	ws := i // where the letters that letterEnd skips start
	for j = c.letterEnd(s, i); ; j = c.letterEnd(s, j) {
		if at {
			sc.wordStart(ws, j)
		}
		if j >= len(s) {
			return j, packKey(s, i, j, ascii), ascii
		}
		switch k := c.bytes[s[j]]; {
		case k&tbApos != 0:
			if ac != nil {
				sc.byteStarts(j, j+1)
			}
			j++
		case k&tbHigh != 0:
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				return j, packKey(s, i, j, ascii), ascii
			}
			if ac != nil && ac.highRoots {
				sc.byteStarts(j, j+n)
			}
			ascii = false
			j += n
		default:
			return j, packKey(s, i, j, ascii), ascii
		}
		c.noiseFrom(s, j, &sc.kinds) // after an apostrophe or a letter beyond ASCII
		ws, at = j, ac != nil && j < len(s) && c.bytes[s[j]]&tbLetter != 0
	}
}

// The short way of run is scanWord for a word of ASCII letters s[i:j],
// of at most fifteen of them, that the byte at j (neither an apostrophe
// nor a byte beyond ASCII) or the end of s ends. Its first eight
// letters with 0x20 set, masked to the word, are wordKey's key (k);
// packKey's is the same bytes in the other order, when there are no
// more than eight. At a word start, a noise trigger is looked for (see
// noiseWord) and the aliases walked (see aliasWord) only when a filter
// lets the word through.

// noiseWord notes a noise trigger that starts the word at s[i] (a word
// start), if none is noted yet. A trigger is letters only, so one
// starts here only if its first three are the word's (a shorter word's
// key has zeros): the caller checked noise3 for them.
func (sc *triggerScan) noiseWord(i int) {
	if sc.kinds&cueNoiseTrig == 0 && sc.noiseAt(sc.s, i) {
		sc.kinds |= cueNoiseTrig
	}
}

// aliasWord walks ac's trie from the word start s[i], a word of ASCII
// letters to j whose key is k (see the short way of run), which the
// start filter let through or which runs on over digits or '_' ("k8s").
// (Every letter opens some alias; the filter rules out the words none
// opens.)
func (sc *triggerScan) aliasWord(i, j int, k uint64) {
	s, ac, n := sc.s, sc.ac, j-i
	switch {
	case j < len(s) && ac.word[s[j]]: // digits or '_' go on with the word
		sc.wordStart(i, j)
	case n <= 8:
		sc.dst = ac.wordWalkKey(s, i, j, k, sc.dst)
	default:
		k2 := (loadPadded(s, i+8) | 0x20*laneOnes) & (^uint64(0) >> (64 - 8*(n-8)))
		sc.dst = ac.longWalk(s, i, j, k, k2, sc.dst)
	}
}

// loadPadded is load8 that reads the bytes past the end of s as 0.
func loadPadded(s string, i int) uint64 {
	if i+8 <= len(s) {
		return load8(s, i)
	}
	return loadTail(s, i)
}

// loadTail is loadPadded for the fewer than eight bytes from s[i] to
// the end of s: the last eight bytes shifted down when s has eight.
func loadTail(s string, i int) uint64 {
	if len(s) >= 8 {
		return load8(s, len(s)-8) >> (8 * (8 - (len(s) - i)))
	}
	var w uint64
	for k := len(s) - 1; k >= i; k-- {
		w = w<<8 | uint64(s[k])
	}
	return w
}

// noiseHash3 is the bit of cueMatcher.noise3 for three lower-case
// letters packed in the low bytes of key, first lowest.
func noiseHash3(key uint64) uint32 { return uint32(key * 0x9e3779b97f4a7c15 >> 54) }

// letterLanes returns how many of the bytes of w, from its lowest, are
// ASCII letters before the first that is not one (8 when all are): see
// cueMatcher.letterEnd.
func letterLanes(w uint64) int {
	x := (w | 0x20*laneOnes) & laneLows
	geA := x + (0x80-'a')*laneOnes
	gtZ := x + (0x80-'z'-1)*laneOnes
	return bits.TrailingZeros64((^geA|gtZ|w)&laneHighs) / 8
}

// packKey is scanLanguageWord's key of the ASCII word s[i:j]: its bytes
// with 0x20 set, the last eight of them packed into an integer (only a
// word of at most eight bytes is looked up by it).
func packKey(s string, i, j int, ascii bool) uint64 {
	if !ascii || j-i > 8 {
		return 0
	}
	if i+8 <= len(s) {
		b := s[i : i+8]
		w := uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
			uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
		return (w | 0x2020202020202020) >> (8 * (8 - (j - i)))
	}
	var key uint64
	for k := i; k < j; k++ {
		key = key<<8 | uint64(s[k]|0x20)
	}
	return key
}

// noiseFrom notes a noise trigger that starts at s[i], a word start, if
// none is noted yet.
func (c *cueMatcher) noiseFrom(s string, i int, kinds *cueKind) {
	if i < len(s) && c.bytes[s[i]]&tbNoise != 0 && *kinds&cueNoiseTrig == 0 && c.noiseAt(s, i) {
		*kinds |= cueNoiseTrig
	}
}

// letterEnd returns the offset of the first byte at or after i that is
// not an ASCII letter, or len(s), eight bytes at a time: in each lane of
// a word read from s, a byte is a letter when its low seven bits with
// 0x20 set fall in 'a'..'z' and its high bit is clear, which adding two
// constants to the lanes tells without a carry between them.
func (c *cueMatcher) letterEnd(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		w := load8(s, i)
		x := (w | 0x20*laneOnes) & laneLows
		geA := x + (0x80-'a')*laneOnes   // 0x80 in lanes >= 'a'
		gtZ := x + (0x80-'z'-1)*laneOnes // 0x80 in lanes > 'z'
		if m := (^geA | gtZ | w) & laneHighs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	nl := &c.notLetter
	for i < len(s) && nl[s[i]] == 0 {
		i++
	}
	return i
}

// noiseAt reports whether a noise trigger starts at s[i], ASCII case
// folded.
func (c *cueMatcher) noiseAt(s string, i int) bool {
	// A shift by 32 or more (a second byte that is no letter) gives 0;
	// a filter of all ones lets every second byte through.
	if f := c.noise2[s[i]|0x20-'a']; i+1 >= len(s) || f != ^uint32(0) && f&(1<<(s[i+1]|0x20-'a')) == 0 {
		return false
	}
	for _, w := range c.noise[s[i]|0x20-'a'] {
		if len(s)-i >= len(w) && foldASCIIEqual(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// addressAt reports whether an address trigger is seen at the '@', ':'
// or '.' at s[i]: the '@', "://" or a scheme before the colon, "www."
// or a dot before one of addressTLDs.
func addressAt(s string, i int) bool {
	switch {
	case s[i] == '@':
		return true
	case s[i] == ':':
		return strings.HasPrefix(s[i:], "://") || schemeBefore(s, i)
	case i >= 3 && foldLit(s, i-3, "www.") == i+1:
		return true
	}
	// '.': a top-level domain starts with a letter, or a long s folded
	// into one; most dots end a sentence.
	if i+1 == len(s) || !isASCIILetter(s[i+1]) && s[i+1] != 0xc5 {
		return false
	}
	for _, tld := range addressTLDs {
		if foldLit(s, i+1, tld) >= 0 {
			return true
		}
	}
	return false
}

// schemeBefore reports whether one of addressSchemes, or "data", ends
// at s[i], the colon after it, ASCII case folded.
func schemeBefore(s string, i int) bool { return schemeStart(s, i) >= 0 }

// addressTLDs are the top-level domains whose dotted form (".io") is an
// address trigger: the one list both the automaton and triggerScan.run read.
var addressTLDs = [...]string{"com", "io", "org", "co", "dev", "ai", "app", "sh", "cloud", "tech", "us", "uk", "de", "fr", "gg", "xyz", "me", "so", "ly"}
