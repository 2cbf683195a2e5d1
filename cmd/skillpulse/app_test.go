package main

import (
	"io"
	"strings"
	"testing"
)

func TestAppLoadsConfigTaxonomyAndTaggerOncePerProcess(t *testing.T) {
	t.Setenv("SKILLPULSE_CONFIG", "")
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	// Each value, read twice, and through another that needs it: the
	// second read must hand back the very value the first loaded.
	reads := []struct {
		name string
		read func() (any, error)
	}{
		{"config", func() (any, error) { return a.config() }},
		{"taxonomy", func() (any, error) { return a.taxonomy() }},
		{"tagger", func() (any, error) { return a.tagger() }},
		{"report taxonomy", func() (any, error) { return a.reportTaxonomy() }},
	}
	first := map[string]any{}
	for round := range 2 {
		for _, r := range reads {
			v, err := r.read()
			if err != nil {
				t.Fatalf("%s: %v", r.name, err)
			}
			if round == 0 {
				first[r.name] = v
			} else if v != first[r.name] {
				t.Errorf("%s: the second use loaded it again", r.name)
			}
		}
	}
	if first["report taxonomy"] != first["taxonomy"] {
		t.Errorf("the report's taxonomy is not the one the tagger was built from")
	}
}
