package main

import (
	"io"
	"strings"
	"testing"
)

func TestAppLoadsConfigTaxonomyAndTaggerOncePerProcess(t *testing.T) {
	t.Setenv("SKILLPULSE_CONFIG", "")
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	cfg, err := a.config()
	if err != nil {
		t.Fatal(err)
	}
	tax, err := a.taxonomy()
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := a.tagger()
	if err != nil {
		t.Fatal(err)
	}
	again, err := a.reportTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	cfg2, _ := a.config()
	tagger2, _ := a.tagger()
	if again != tax || cfg2 != cfg || tagger2 != tagger {
		t.Errorf("a second use loaded again: config %p then %p, taxonomy %p then %p, tagger %p then %p", cfg, cfg2, tax, again, tagger, tagger2)
	}
}
