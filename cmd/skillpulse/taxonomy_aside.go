package main

import (
	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
)

// pendingTaxonomy is a taxonomy being parsed on a goroutine of its own, as
// the report's skill names: a look-up waits for it. If parsing failed, a
// look-up finds nothing, and wait returns the error.
type pendingTaxonomy struct {
	done  <-chan struct{}
	tax   *extract.Taxonomy
	err   error
	panic any // a panic while parsing, passed on by wait
}

// parsedTaxonomy is a taxonomy already parsed, as a pendingTaxonomy.
func parsedTaxonomy(tax *extract.Taxonomy) *pendingTaxonomy {
	done := make(chan struct{})
	close(done)
	return &pendingTaxonomy{done: done, tax: tax}
}

// parseTaxonomyAside starts reportTaxonomy on a goroutine of its own.
func (a *app) parseTaxonomyAside() *pendingTaxonomy {
	done := make(chan struct{})
	p := &pendingTaxonomy{done: done}
	go func() {
		defer close(done)
		defer func() { p.panic = recover() }()
		p.tax, p.err = a.reportTaxonomy()
	}()
	return p
}

// wait waits for the taxonomy and returns the error parsing it gave; a
// panic while parsing panics here, in the caller's goroutine.
func (p *pendingTaxonomy) wait() error {
	<-p.done
	if p.panic != nil {
		panic(p.panic)
	}
	return p.err
}

func (p *pendingTaxonomy) Lookup(id string) (skillpulse.Skill, bool) {
	if p.wait() != nil {
		return skillpulse.Skill{}, false
	}
	return p.tax.Lookup(id)
}

func (p *pendingTaxonomy) Umbrella(id string) bool {
	return p.wait() == nil && p.tax.Umbrella(id)
}
