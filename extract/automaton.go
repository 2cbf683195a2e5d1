package extract

import "math/bits"

// automaton is an Aho–Corasick matcher over bytes with ASCII case folding,
// compiled to a dense DFA over byte classes so that the inner loop is one
// table load per input byte. It reports every occurrence of every pattern,
// overlapping ones included: the tagger needs them all because a longer
// alias that fails its word-boundary check ("terraform cloud" in "Terraform
// Cloudflare") must not hide a shorter one that passes ("terraform").
//
// The tagger walks it as a trie from word starts: findAnchored, or the
// trigger scan each sentence gets as it is added (see
// cueMatcher.sentenceTriggers), which finds the same; findAll, the full
// automaton pass, serves the matchers whose phrases may start inside a
// word (triggers, headings).
//
// A hand-written automaton is used instead of a library because we need the
// overlapping matches and ASCII folding together, with no allocation per
// match; BenchmarkExtractNaiveRegexp measures the regexp-per-alias
// alternative on the same text.
type automaton struct {
	class   [256]uint8 // byte → class; 0 means "in no pattern"
	nclass  int
	delta   []int32  // state*nclass + class → next state
	delta16 []uint16 // the same table when every state fits 16 bits (half the cache footprint)
	out     []int32  // state → pattern ending here, or -1
	depth   []int32  // state → its depth in the trie (the length of the prefix it stands for)
	dict    []int32  // state → nearest proper suffix state with out ≥ 0, or 0
	// emits is whether a pattern ends at a state or at one of its
	// suffixes (out ≥ 0 or dict ≠ 0): findAll reads one byte per text
	// byte to pass over the states that end nothing, most of them.
	emits    []bool
	patLen   []int32 // pattern → length in bytes
	patterns int
	node     []trieNode // state → out and depth side by side, for findAnchored
	word     [256]bool  // isWordByte as a table
	nonWord  [256]uint8 // 1 where word is false, for wordEnd
	starts   *startFilter
	first    *firstWords
	long     *longWords
	// highRoots: a pattern opens with a byte beyond ASCII, so each such
	// byte at a start must be walked from.
	highRoots bool
	// rootNonWord is 1 for the bytes that are not word bytes and that a
	// pattern opens with ('.' of ".net"), for the trigger scan.
	rootNonWord [256]uint8
}

// trieNode is what findAnchored reads of a state, in one cache line.
type trieNode struct{ out, depth int32 }

// acMatch is one occurrence: pattern index and the half-open byte span.
type acMatch struct {
	pat        int32
	start, end int32
}

// newAutomaton compiles patterns, which must already be lower-case in their
// ASCII letters. Duplicate patterns keep the last index; callers dedupe.
func newAutomaton(patterns []string) *automaton {
	a := &automaton{patterns: len(patterns)}
	a.buildClasses(patterns)
	a.starts = newStartFilter(patterns)
	a.buildTrie(patterns)
	a.completeDFA()
	a.buildTables()
	a.first = newFirstWords(a, patterns)
	a.long = newLongWords(a, patterns)
	return a
}

// buildClasses gives each byte of the patterns (ASCII folded) its class;
// upper-case letters share their lower-case letter's.
func (a *automaton) buildClasses(patterns []string) {
	n := 1
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			b := lowerASCII(p[i])
			if a.class[b] == 0 {
				a.class[b] = uint8(n)
				n++
				if n > 255 {
					panic("extract: automaton alphabet exceeds 255 byte classes")
				}
			}
		}
	}
	for c := byte('A'); c <= 'Z'; c++ {
		a.class[c] = a.class[c+'a'-'A']
	}
	a.nclass = n
}

// buildTrie lays out the patterns' trie in delta, with -1 for "no edge"
// until completeDFA fills it, and records each pattern's end state and
// length.
func (a *automaton) buildTrie(patterns []string) {
	n := a.nclass
	a.delta = make([]int32, n)
	for i := range a.delta {
		a.delta[i] = -1
	}
	a.out = []int32{-1}
	a.depth = []int32{0}
	a.patLen = make([]int32, len(patterns))
	newState := func(depth int32) int32 {
		s := int32(len(a.out))
		a.out = append(a.out, -1)
		a.depth = append(a.depth, depth)
		for range n {
			a.delta = append(a.delta, -1)
		}
		return s
	}
	for pi, p := range patterns {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := int32(a.class[lowerASCII(p[i])])
			next := a.delta[s*int32(n)+c]
			if next < 0 {
				next = newState(int32(i + 1))
				a.delta[s*int32(n)+c] = next
			}
			s = next
		}
		a.out[s] = int32(pi)
		a.patLen[pi] = int32(len(p))
	}
}

// completeDFA walks the trie breadth-first: failure links, dictionary
// links, and every missing edge replaced by its failure state's.
func (a *automaton) completeDFA() {
	n := a.nclass
	states := len(a.out)
	fail := make([]int32, states)
	a.dict = make([]int32, states)
	queue := make([]int32, 0, states)
	for c := range n {
		t := a.delta[c]
		if t < 0 {
			a.delta[c] = 0
			continue
		}
		fail[t] = 0
		queue = append(queue, t)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := fail[s]
		if a.out[f] >= 0 {
			a.dict[s] = f
		} else {
			a.dict[s] = a.dict[f]
		}
		for c := range n {
			t := a.delta[int(s)*n+c]
			fc := a.delta[int(f)*n+c]
			if t < 0 {
				a.delta[int(s)*n+c] = fc
				continue
			}
			fail[t] = fc
			queue = append(queue, t)
		}
	}
}

// buildTables fills the lookup tables the find loops read: trie nodes,
// word bytes, and the 16-bit transition table when every state fits.
func (a *automaton) buildTables() {
	states := len(a.out)
	a.node = make([]trieNode, states)
	for i := range a.node {
		a.node[i] = trieNode{out: a.out[i], depth: a.depth[i]}
	}
	for b := range 256 {
		a.word[b] = isWordByte(byte(b))
		if !a.word[b] {
			a.nonWord[b] = 1
		}
	}
	for b := range 256 {
		if a.delta[a.class[b]] != 0 && !isWordByte(byte(b)) {
			a.rootNonWord[b] = 1
			a.highRoots = a.highRoots || b >= 0x80
		}
	}
	a.emits = make([]bool, states)
	for s := range a.emits {
		a.emits[s] = a.out[s] >= 0 || a.dict[s] != 0
	}
	if states <= 1<<16 {
		a.delta16 = make([]uint16, len(a.delta))
		for i, v := range a.delta {
			a.delta16[i] = uint16(v)
		}
		a.delta = nil
	}
}

// findAll appends every (possibly overlapping) occurrence in text to dst,
// ordered by end offset.
func (a *automaton) findAll(text string, dst []acMatch) []acMatch {
	if a.delta16 != nil {
		return a.findAll16(text, dst)
	}
	n := int32(a.nclass)
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = a.delta[s*n+int32(a.class[text[i]])]
		if !a.emits[s] {
			continue
		}
		t := s
		if a.out[t] < 0 {
			t = a.dict[t]
		}
		for t != 0 {
			p := a.out[t]
			end := int32(i + 1)
			dst = append(dst, acMatch{pat: p, start: end - a.patLen[p], end: end})
			t = a.dict[t]
		}
	}
	return dst
}

// findAll16 is findAll over the 16-bit table, the usual case: the default
// taxonomy compiles to about ten thousand states.
func (a *automaton) findAll16(text string, dst []acMatch) []acMatch {
	n := a.nclass
	d, emits := a.delta16, a.emits
	s := 0
	for i := 0; i < len(text); i++ {
		s = int(d[s*n+int(a.class[text[i]])])
		if !emits[s] {
			continue
		}
		t := int32(s)
		if a.out[t] < 0 {
			t = a.dict[t]
		}
		for t != 0 {
			p := a.out[t]
			end := int32(i + 1)
			dst = append(dst, acMatch{pat: p, start: end - a.patLen[p], end: end})
			t = a.dict[t]
		}
	}
	return dst
}

// findAnchored appends the occurrences that start at offset 0 or right
// after a byte that is not an ASCII letter, digit or '_', and end at the
// end of text or before such a byte, ordered by start, then end. Those
// are all the occurrences that can stand as words (see boundary), found
// by walking the trie from such starts instead of running the automaton
// over every byte: most bytes are inside words and never start a match,
// and most words are none that a pattern opens with (see startFilter).
// (findAnchored32, for automata too big for 16-bit states, walks from
// every start.)
//
// A DFA transition is a trie edge exactly when it goes one level deeper,
// so the walk reads the same table as findAll.
func (a *automaton) findAnchored(text string, dst []acMatch) []acMatch {
	if a.delta16 == nil {
		return a.findAnchored32(text, dst)
	}
	d, class, word := a.delta16, &a.class, &a.word
	// i is always a start: 0, or right after a byte that is not a word
	// byte. A word is read to its end at once; its end, and the byte
	// that ends it, are no starts. The trie is walked from a word only
	// when the word is one that a pattern opens with (see startFilter).
	for i := 0; i < len(text); {
		c := text[i]
		if !word[c] {
			if d[class[c]] != 0 { // a pattern starts with this byte (".net")
				dst = a.walk(text, i, dst)
			}
			i++
			continue
		}
		e := a.wordEnd(text, i+1)
		if d[class[c]] != 0 && a.starts.may(text, i, e) {
			dst = a.wordWalk(text, i, e, dst)
		}
		i = e + 1
	}
	return dst
}

// walk appends the occurrences that start at text[i] and end at the end
// of text or before a byte that is not a word byte, walking the trie
// (the 16-bit table) from the root.
func (a *automaton) walk(text string, i int, dst []acMatch) []acMatch {
	return a.walkOn(text, i, i+1, int(a.delta16[a.class[text[i]]]), dst)
}

// wordWalk is walk from the word byte text[i] that starts the word
// text[i:e] (e is the end of text or a byte that is not a word byte),
// which the start filter let through. Every occurrence it finds
// opens with that whole word, so a word of at most eight bytes is looked
// up among the patterns' first words (see firstWords) instead of walked
// over, and the trie is walked on from its end only when a pattern goes
// on past it: the walk's table is too big for the cache, and four walks
// in ten found nothing after a miss on every byte.
func (a *automaton) wordWalk(text string, i, e int, dst []acMatch) []acMatch {
	if e-i > 8 {
		return a.walk(text, i, dst)
	}
	return a.wordWalkKey(text, i, e, wordKey(text, i, e), dst)
}

// wordWalkKey is wordWalk for a word of at most eight bytes whose
// wordKey is key.
func (a *automaton) wordWalkKey(text string, i, e int, key uint64, dst []acMatch) []acMatch {
	w := a.first.lookup(key)
	if w == nil {
		return dst
	}
	return a.fromWord(text, i, e, w.out, w.state, w.next, dst)
}

// longWalk is wordWalk for a word text[i:e] of nine to sixteen bytes
// whose halves' wordKeys are k1 and k2 (see longWords).
func (a *automaton) longWalk(text string, i, e int, k1, k2 uint64, dst []acMatch) []acMatch {
	w := a.long.lookup(k1, k2)
	if w == nil {
		return dst
	}
	return a.fromWord(text, i, e, w.out, w.state, w.next, dst)
}

// fromWord adds what a first word text[i:e] found whole gives: the
// pattern that is the word alone (out, or -1), and the patterns that go
// on past it from its trie state, walked only when next (see
// firstWord.next) holds the two bytes after it.
func (a *automaton) fromWord(text string, i, e int, out int32, state, next uint16, dst []acMatch) []acMatch {
	if out >= 0 {
		dst = append(dst, acMatch{pat: out, start: int32(i), end: int32(e)})
	}
	if next != 0 && e < len(text) && (e+1 == len(text) || next&nextHash(lowerASCII(text[e]), lowerASCII(text[e+1])) != 0) {
		dst = a.walkOn(text, i, e+1, int(a.delta16[int(state)*a.nclass+int(a.class[text[e]])]), dst)
	}
	return dst
}

// walkOn is walk from state s, which the trie reaches from the root over
// text[i:j] if it is at depth j-i (else nothing more is found).
func (a *automaton) walkOn(text string, i, j, s int, dst []acMatch) []acMatch {
	n, d, node, class, word := a.nclass, a.delta16, a.node, &a.class, &a.word
	if node[s].depth != int32(j-i) {
		return dst
	}
	for ; ; j++ {
		ns := node[s]
		if ns.out >= 0 && (j == len(text) || !word[text[j]]) {
			dst = append(dst, acMatch{pat: ns.out, start: int32(i), end: int32(j)})
		}
		if j == len(text) {
			break
		}
		t := int(d[s*n+int(class[text[j]])])
		if node[t].depth != ns.depth+1 {
			break
		}
		s = t
	}
	return dst
}

// wordEnd returns the offset of the first byte at or after i that is not
// a word byte, or len(text). It reads eight bytes at a time, without a
// branch per byte: where a word ends is the least predictable branch of
// findAnchored's scan, and a branch mispredicted on every word cost more
// than the table loads.
func (a *automaton) wordEnd(text string, i int) int {
	nw := &a.nonWord
	for ; i+8 <= len(text); i += 8 {
		b := text[i : i+8]
		m := uint(nw[b[0]]) | uint(nw[b[1]])<<1 | uint(nw[b[2]])<<2 | uint(nw[b[3]])<<3 |
			uint(nw[b[4]])<<4 | uint(nw[b[5]])<<5 | uint(nw[b[6]])<<6 | uint(nw[b[7]])<<7
		if m != 0 {
			return i + bits.TrailingZeros(m)
		}
	}
	for i < len(text) && nw[text[i]] == 0 {
		i++
	}
	return i
}

// findAnchored32 is findAnchored over the 32-bit table.
func (a *automaton) findAnchored32(text string, dst []acMatch) []acMatch {
	n := a.nclass
	d, depth, out, class := a.delta, a.depth, a.out, &a.class
	inWord := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if inWord {
			inWord = isWordByte(c)
			continue
		}
		inWord = isWordByte(c)
		s := int(d[class[c]])
		if s == 0 {
			continue
		}
		for j := i + 1; ; j++ {
			if p := out[s]; p >= 0 && (j == len(text) || !isWordByte(text[j])) {
				dst = append(dst, acMatch{pat: p, start: int32(i), end: int32(j)})
			}
			if j == len(text) {
				break
			}
			t := int(d[s*n+int(class[text[j]])])
			if depth[t] != depth[s]+1 {
				break
			}
			s = t
		}
	}
	return dst
}
