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
	tax   skillNames
	err   error
	panic any // a panic while parsing, passed on by wait
}

// skillNames is what a report needs of a taxonomy: the parsed taxonomy
// and the embedded taxonomy's skill index both answer it.
type skillNames interface {
	Lookup(id string) (skillpulse.Skill, bool)
	Umbrella(id string) bool
}

// parsedTaxonomy is a taxonomy already parsed, as a pendingTaxonomy.
func parsedTaxonomy(tax *extract.Taxonomy) *pendingTaxonomy {
	done := make(chan struct{})
	close(done)
	return &pendingTaxonomy{done: done, tax: tax}
}

// parseTaxonomyAside starts reading the report's skill names on a
// goroutine of its own: the taxonomy when it is parsed already or
// config.yaml adds taxonomy files to it, else the embedded taxonomy's
// skill index, which names the same skills for a small fraction of the
// parse's time and memory (the parse was most of a report's start-up, and
// its garbage set the collector running during the counting). Either way
// every market area must name skills it knows, with the same error.
func (a *app) parseTaxonomyAside() *pendingTaxonomy {
	done := make(chan struct{})
	p := &pendingTaxonomy{done: done}
	cfg, err := a.config()
	full := err != nil || a.tax != nil || len(cfg.Taxonomy.Files) > 0
	go func() {
		defer close(done)
		defer func() { p.panic = recover() }()
		if full {
			p.tax, p.err = a.reportTaxonomy()
			return
		}
		x, err := extract.DefaultSkillIndex()
		if err == nil {
			err = a.checkMarket(x)
		}
		p.tax, p.err = x, err
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
