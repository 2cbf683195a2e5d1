package extract

import "strings"

// wordSet holds the words of a " a b c " list (see inWords) for lookups
// by word. The rules that test every word of a sentence or a title
// against a list (technicalSentence, sentenceHas, titleNames) searched
// the whole list once per word, a pass over a few hundred bytes each,
// for each guarded hit; a set answers each word with one hash. The lists
// stay the constants the rules document; their sets are built once, in
// NewTagger (see wordSets).
type wordSet struct {
	list  string
	words map[string]struct{}
}

// newWordSet holds the words of list that inWords finds: those with a
// space on either side.
func newWordSet(list string) wordSet {
	s := wordSet{list: list, words: make(map[string]struct{})}
	parts := strings.Split(list, " ")
	for i := 1; i < len(parts)-1; i++ { // the first and last have no space on one side
		if parts[i] != "" {
			s.words[parts[i]] = struct{}{}
		}
	}
	return s
}

// has is inWords(s.list, w): whether w, as written, is a word of the
// list.
func (s wordSet) has(w string) bool {
	if strings.IndexByte(w, ' ') >= 0 {
		return inWords(s.list, w) // runs of words, as inWords finds them
	}
	_, ok := s.words[w]
	return ok
}

// hasFold is inWordsFold(s.list, w): whether w, ASCII case folded, is a
// word of the list.
func (s wordSet) hasFold(w string) bool {
	var buf [24]byte
	if w == "" || len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := lowerASCII(w[i])
		if c == ' ' {
			return inWordsFold(s.list, w) // runs of words, as inWords finds them
		}
		buf[i] = c
	}
	_, ok := s.words[string(buf[:len(w)])] // converted for the lookup only: no copy
	return ok
}

// wordSets are the sets of the lists that rules read word by word over
// whole sentences or titles.
type wordSets struct {
	technical, monitor, scale, network, testTools wordSet // practices.go, guards.go
	business, staffNouns                          wordSet // trades.go's sentences
	// the titles' (see titleNames)
	engine, businessTitle, qa, shop, tech, test, otherRole wordSet
	listFill, orgJoin, roleNouns                           wordSet // namelists.go, senses.go
}

func newWordSets() *wordSets {
	return &wordSets{
		technical: newWordSet(technicalWords), monitor: newWordSet(monitorWords), scale: newWordSet(scaleWords),
		network: newWordSet(networkWords), testTools: newWordSet(testTools),
		business: newWordSet(businessObligations), staffNouns: newWordSet(staffNouns),
		engine: newWordSet(engineWords), businessTitle: newWordSet(businessWords), qa: newWordSet(qaWords),
		shop: newWordSet(shopWords), tech: newWordSet(techWords), test: newWordSet(testWords), otherRole: newWordSet(otherRoleWords),
		listFill: newWordSet(listFill), orgJoin: newWordSet(orgJoin), roleNouns: newWordSet(roleNouns),
	}
}
