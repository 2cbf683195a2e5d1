package extract

// The word filters findAnchored and the trigger scan read before they walk
// the trie from a word: most words are none that a pattern opens with.

// firstWords holds the patterns' first words of at most eight bytes
// (their bytes up to the first that is not a word byte, or all of them;
// see startFilter), keyed by wordKey, each with the trie state it leads
// to from the root. Keys are exact: a word byte with 0x20 set is a
// lower-case letter, a digit, or 0x7f for '_'.
type firstWords struct {
	slots []firstWord // open addressing; key 0 is an empty slot
	mask  uint32
}

type firstWord struct {
	key   uint64
	out   int32  // the pattern that is the word alone, or -1
	state uint16 // the trie state the word leads to
	// next holds a bit (nextHash) for each pair of bytes that a pattern
	// goes on with past the word, all bits when one goes on by a byte
	// alone ("c#"), none when no pattern goes on: most words an alias
	// opens with ("data", "google") are followed by no alias's next
	// bytes ("data and"), and the walk on, which reads a table too big
	// for the cache, is skipped. (The text goes on past its word with a
	// byte that is no word byte, as only the patterns that open with
	// that very word do; a slot is sixteen bytes.)
	next uint16
}

// nextHash is the bit of firstWord.next for the bytes c1, c2 (ASCII
// letters lower-cased) that follow a first word.
func nextHash(c1, c2 byte) uint16 {
	return 1 << ((uint64(c1)<<8 | uint64(c2)) * 0x9e3779b97f4a7c15 >> 60)
}

func newFirstWords(a *automaton, patterns []string) *firstWords {
	if a.delta16 == nil {
		return nil // findAnchored32 walks from every start
	}
	size := 16
	for size < 2*len(patterns) {
		size *= 2
	}
	f := &firstWords{slots: make([]firstWord, size), mask: uint32(size - 1)}
	for _, p := range patterns {
		e := 0
		for e < len(p) && isWordByte(p[e]) {
			e++
		}
		if e == 0 || e > 8 {
			continue
		}
		s := 0
		for k := range e {
			s = int(a.delta16[s*a.nclass+int(a.class[p[k]])])
		}
		f.insert(firstWord{key: wordKey(p, 0, e), out: a.node[s].out, state: uint16(s)})
	}
	// Every pattern's bytes past its first word, OR-ed into the word's
	// slot (patterns are lower-case in their ASCII letters).
	for _, p := range patterns {
		e := 0
		for e < len(p) && isWordByte(p[e]) {
			e++
		}
		if e == 0 || e > 8 || e == len(p) {
			continue
		}
		w := f.lookup(wordKey(p, 0, e))
		if e+1 == len(p) {
			w.next = ^uint16(0)
		} else {
			w.next |= nextHash(p[e], p[e+1])
		}
	}
	return f
}

func firstHash(key uint64) uint32 { return uint32(key * 0x9e3779b97f4a7c15 >> 32) }

func (f *firstWords) insert(w firstWord) {
	for i := firstHash(w.key) & f.mask; ; i = (i + 1) & f.mask {
		if f.slots[i].key == 0 || f.slots[i].key == w.key {
			f.slots[i] = w
			return
		}
	}
}

// lookup returns the first word with key, or nil.
func (f *firstWords) lookup(key uint64) *firstWord {
	for i := firstHash(key) & f.mask; ; i = (i + 1) & f.mask {
		w := &f.slots[i]
		if w.key == key {
			return w
		}
		if w.key == 0 {
			return nil
		}
	}
}

// longWords holds the patterns' first words of nine to sixteen bytes as
// firstWords holds the shorter ones, keyed by their two halves (wordKey
// of the first eight bytes and of the rest): a long word the start
// filter lets through ("kubernetes", or one that only shares a hash bit)
// is looked up whole rather than walked a byte at a time through the
// trie's big table.
type longWords struct {
	slots []longWord // open addressing; k1 0 is an empty slot
	mask  uint32
}

type longWord struct {
	k1, k2 uint64
	out    int32  // the pattern that is the word alone, or -1
	state  uint16 // the trie state the word leads to
	next   uint16 // as firstWord.next
}

func newLongWords(a *automaton, patterns []string) *longWords {
	if a.delta16 == nil {
		return nil
	}
	size := 16
	for size < 2*len(patterns) {
		size *= 2
	}
	f := &longWords{slots: make([]longWord, size), mask: uint32(size - 1)}
	for _, p := range patterns {
		e := 0
		for e < len(p) && isWordByte(p[e]) {
			e++
		}
		if e <= 8 || e > 16 {
			continue
		}
		s := 0
		for k := range e {
			s = int(a.delta16[s*a.nclass+int(a.class[p[k]])])
		}
		w := f.slot(wordKey(p, 0, e), wordKey(p, 8, e))
		w.out, w.state = a.node[s].out, uint16(s)
		switch {
		case e == len(p):
		case e+1 == len(p):
			w.next = ^uint16(0)
		default:
			w.next |= nextHash(p[e], p[e+1])
		}
	}
	return f
}

func longHash(k1, k2 uint64) uint32 { return firstHash(k1 ^ k2*0xff51afd7ed558ccd) }

// slot returns the slot of the word with keys k1, k2, taking an empty
// one for it if it has none.
func (f *longWords) slot(k1, k2 uint64) *longWord {
	for i := longHash(k1, k2) & f.mask; ; i = (i + 1) & f.mask {
		w := &f.slots[i]
		if w.k1 == 0 {
			w.k1, w.k2, w.out = k1, k2, -1
			return w
		}
		if w.k1 == k1 && w.k2 == k2 {
			return w
		}
	}
}

// lookup returns the long first word with keys k1, k2, or nil.
func (f *longWords) lookup(k1, k2 uint64) *longWord {
	for i := longHash(k1, k2) & f.mask; ; i = (i + 1) & f.mask {
		w := &f.slots[i]
		if w.k1 == k1 && w.k2 == k2 {
			return w
		}
		if w.k1 == 0 {
			return nil
		}
	}
}

// startFilter tells, before the trie is walked from a word, whether a
// pattern opens with that very word: an occurrence that findAnchored
// reports starts at a word start and ends before a byte that is not a
// word byte, so its first word (its bytes up to its first byte that is
// not a word byte, or all of them) is a whole word of the text. The
// filter holds a hash bit for each pattern's first word, of its length
// and first eight bytes ASCII case folded by setting 0x20 in every byte
// (which can only make more words equal). Nine walks in ten from the
// word starts that have a root edge found nothing, and each ended in a
// branch mispredicted.
type startFilter [1 << 10]uint64

func startHash(key uint64, n int) uint32 {
	return uint32((key ^ uint64(n)*0x2545f4914f6cdd1d) * 0x9e3779b97f4a7c15 >> 48)
}

// wordKey is the first eight bytes of s[i:e] (fewer when shorter) with
// 0x20 set in every byte, packed into an integer.
func wordKey(s string, i, e int) uint64 {
	n := min(e-i, 8)
	if i+8 <= len(s) {
		return (load8(s, i) | 0x20*laneOnes) & (^uint64(0) >> (64 - 8*n))
	}
	var key uint64
	for k := n - 1; k >= 0; k-- {
		key = key<<8 | uint64(s[i+k]|0x20)
	}
	return key
}

func newStartFilter(patterns []string) *startFilter {
	f := &startFilter{}
	for _, p := range patterns {
		e := 0
		for e < len(p) && isWordByte(p[e]) {
			e++
		}
		if e == 0 {
			continue // it opens with a byte that is not a word byte
		}
		h := startHash(wordKey(p, 0, e), e)
		f[h>>6] |= 1 << (h & 63)
	}
	return f
}

// may reports whether a pattern may open with the word s[i:e].
func (f *startFilter) may(s string, i, e int) bool {
	return f.mayKey(wordKey(s, i, e), e-i)
}

// mayKey is may for the word of n bytes whose wordKey is key.
func (f *startFilter) mayKey(key uint64, n int) bool {
	h := startHash(key, n)
	return f[h>>6]>>(h&63)&1 != 0
}
