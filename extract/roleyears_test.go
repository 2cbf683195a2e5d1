package extract

import (
	"fmt"
	"testing"
)

// roleYearsEach is roleYears reading every sentence without skills on
// its own: the reference for roleYears's one look at the document's text.
func roleYearsEach(d *doc) int {
	sc := d.sc
	years := 0
	for i, s := range d.sentences {
		if s.title || s.elsewhere {
			continue
		}
		if ii := sc.sentInfo[i]; ii == 0 {
			y, p := yearsAndPersons(s.text, false)
			years = max(years, y, p)
		} else {
			info := sc.infos[ii-1]
			for o := info.lo; o < info.hi; o++ {
				if c := sc.clauses[o]; c.years > 0 && !sc.specific[o] {
					years = max(years, c.years)
				}
				years = max(years, sc.clauses[o].persons)
			}
		}
	}
	return years
}

// TestRoleYearsReadsEverySentence checks that roleYears, which finds the
// sentences that may mention years in the document's text at once, finds
// the years that reading each sentence finds: in the first sentence and
// the last, after one with skills, in one whose address is blanked in
// the text, and in every document of the real corpus.
func TestRoleYearsReadsEverySentence(t *testing.T) {
	g := newTestTagger(t)
	check := func(name, text string) {
		t.Helper()
		sc := g.getScratch()
		defer g.putScratch(sc)
		d := doc{g: g, sc: sc}
		d.start(len(text))
		d.addBlocks(d.splitBlocks(text), section{})
		d.finish()
		g.readLevels(&d, g.match(&d))
		if got, want := roleYears(&d), roleYearsEach(&d); got != want {
			t.Errorf("%s: roleYears %d, sentence by sentence %d", name, got, want)
		}
	}
	for _, c := range []struct{ name, text string }{
		{"years in the first sentence", "You bring 7+ years in operations.\nWe use Go and Kubernetes."},
		{"years in the last sentence", "We use Go and Kubernetes.\nWe are a small team.\nYou bring 4 years in operations."},
		{"years after a sentence with skills", "Terraform and AWS daily.\nAt least 6 years of experience in infrastructure."},
		{"years in a sentence with an address", "Apply at https://example.com/jobs - 8+ years in operations wanted."},
		{"years only in an address", "See https://example.com/jobs?min=5+years for more.\nWe use Go."},
		{"a short form ending the text", "We use Go.\nSenior SRE, 9+y"},
		{"no years at all", "We use Go and Kubernetes.\nCome work with us."},
	} {
		check(c.name, c.text)
	}
	for i, c := range readCorpus(t) {
		p, doc := corpusPost(&c)
		if p != nil {
			doc = p.Title + "\n" + p.Description
		}
		check(fmt.Sprintf("corpus line %d", i+1), doc)
	}
}
