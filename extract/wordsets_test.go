package extract

import (
	"strings"
	"testing"
)

// TestWordSetsAnswerAsTheirListsDo checks that every set answers what
// inWords and inWordsFold answer over its list: for each word of the list in three
// cases, runs of two of its words, pieces of words, and every word of
// the real corpus.
func TestWordSetsAnswerAsTheirListsDo(t *testing.T) {
	ws := newWordSets()
	sets := map[string]wordSet{
		"technical": ws.technical, "monitor": ws.monitor, "scale": ws.scale, "network": ws.network,
		"testTools": ws.testTools, "businessObjects": ws.businessObjects, "business": ws.business, "staffNouns": ws.staffNouns, "engine": ws.engine,
		"businessTitle": ws.businessTitle, "qa": ws.qa, "shop": ws.shop, "tech": ws.tech, "test": ws.test,
		"otherRole": ws.otherRole, "listFill": ws.listFill, "orgJoin": ws.orgJoin, "roleNouns": ws.roleNouns,
		"empty": {}, "unspaced": newWordSet("alpha beta"), "veto": newWordSet(" salt lake head "),
	}
	probes := []string{"", " ", "a", "it", "IT", "Sre", strings.Repeat("x", 30), "on-call oncall", "sales engineer"}
	for _, s := range sets {
		words := strings.Fields(s.list)
		for i, w := range words {
			probes = append(probes, w, strings.ToUpper(w), w[:len(w)/2], w+"s", " "+w, w+" ")
			if i > 0 {
				probes = append(probes, words[i-1]+" "+w)
			}
		}
	}
	for _, c := range readCorpus(t)[:200] {
		probes = append(probes, strings.Fields(c.Text)...)
	}
	for name, s := range sets {
		for _, w := range probes {
			if got, want := s.hasFold(w), inWordsFold(s.list, w); got != want {
				t.Errorf("set %s: hasFold(%q) = %v, inWordsFold says %v", name, w, got, want)
			}
			if got, want := s.has(w), inWords(s.list, w); got != want {
				t.Errorf("set %s: has(%q) = %v, inWords says %v", name, w, got, want)
			}
		}
	}
}
