package extract

import "strings"

// wordSet holds the words of a " a b c " list (see inWords) for lookups
// by word. The rules that test every word of a sentence or a title
// against a list (technicalSentence, sentenceHas, titleNames) searched
// the whole list once per word, a pass over a few hundred bytes each,
// for each guarded hit; a set answers each word by comparing it with the
// few words of its length. (A map did the same with a hash of every word
// looked up, which cost more than the comparisons: the lists are short
// and most words looked up are in none.) The lists stay the constants
// the rules document; their sets are built once, in NewTagger (see
// wordSets).
type wordSet struct {
	list  string
	byLen [][]string // the words, by length in bytes
}

// newWordSet holds the words of list that inWords finds: those with a
// space on either side.
func newWordSet(list string) wordSet {
	s := wordSet{list: list}
	parts := strings.Split(list, " ")
	for i := 1; i < len(parts)-1; i++ { // the first and last have no space on one side
		w := parts[i]
		if w == "" {
			continue
		}
		for len(s.byLen) <= len(w) {
			s.byLen = append(s.byLen, nil)
		}
		s.byLen[len(w)] = append(s.byLen[len(w)], w)
	}
	return s
}

// has is inWords(s.list, w): whether w, as written, is a word of the
// list.
func (s wordSet) has(w string) bool {
	if len(w) < len(s.byLen) {
		for _, x := range s.byLen[len(w)] {
			if x == w {
				return true
			}
		}
	}
	// A run of words is no word of the list, but inWords finds runs.
	return strings.IndexByte(w, ' ') >= 0 && inWords(s.list, w)
}

// hasFold is inWordsFold(s.list, w): whether w, ASCII case folded, is a
// word of the list.
func (s wordSet) hasFold(w string) bool {
	if w == "" || len(w) > maxFoldWord {
		return false
	}
	if len(w) < len(s.byLen) {
		c := lowerASCII(w[0])
	words:
		for _, x := range s.byLen[len(w)] {
			if x[0] != c {
				continue
			}
			for i := 1; i < len(w); i++ {
				if lowerASCII(w[i]) != x[i] {
					continue words
				}
			}
			return true
		}
	}
	return strings.IndexByte(w, ' ') >= 0 && inWordsFold(s.list, w) // runs of words, as inWords finds them
}

// maxFoldWord is the longest word inWordsFold folds (see its buffer).
const maxFoldWord = 24

// wordSets are the sets of the lists that rules read word by word over
// whole sentences or titles.
type wordSets struct {
	technical, monitor, scale, network, testTools wordSet // practices.go, guards.go
	businessObjects                               wordSet // practices.go
	business, staffNouns                          wordSet // trades.go's sentences
	// the titles' (see titleNames)
	engine, businessTitle, qa, shop, tech, test, otherRole wordSet
	listFill, orgJoin, roleNouns                           wordSet // namelists.go, senses.go
}

func newWordSets() *wordSets {
	return &wordSets{
		technical: newWordSet(technicalWords), monitor: newWordSet(monitorWords), scale: newWordSet(scaleWords),
		network: newWordSet(networkWords), testTools: newWordSet(testTools), businessObjects: newWordSet(businessObjects),
		business: newWordSet(businessObligations), staffNouns: newWordSet(staffNouns),
		engine: newWordSet(engineWords), businessTitle: newWordSet(businessWords), qa: newWordSet(qaWords),
		shop: newWordSet(shopWords), tech: newWordSet(techWords), test: newWordSet(testWords), otherRole: newWordSet(otherRoleWords),
		listFill: newWordSet(listFill), orgJoin: newWordSet(orgJoin), roleNouns: newWordSet(roleNouns),
	}
}
