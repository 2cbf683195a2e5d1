package extract

import (
	"os"
	"slices"
	"testing"
)

// TestSkillIndexIsTheEmbeddedTaxonomys checks that skillindex.tsv is
// written from taxonomy.yaml as it is now (-update, the flag that
// rewrites the golden files, rewrites it too), and that the index answers
// every look-up as the parsed taxonomy does.
func TestSkillIndexIsTheEmbeddedTaxonomys(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	want, err := skillIndexTSV(tax)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("skillindex.tsv", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("rewrote skillindex.tsv; run again without -update")
	}
	if defaultSkillIndexTSV != want {
		t.Fatal("skillindex.tsv is not taxonomy.yaml's index: run go test ./extract -run SkillIndex -update")
	}
	x, err := DefaultSkillIndex()
	if err != nil {
		t.Fatal(err)
	}
	if len(x.byID) != len(tax.entries) {
		t.Errorf("index holds %d skills, the taxonomy %d", len(x.byID), len(tax.entries))
	}
	ids := []string{"no-such-skill", ""}
	for _, e := range tax.entries {
		ids = append(ids, e.ID)
	}
	for _, id := range ids {
		got, gotOK := x.Lookup(id)
		w, wantOK := tax.Lookup(id)
		if gotOK != wantOK || got.ID != w.ID || got.Name != w.Name || got.Category != w.Category ||
			!slices.Equal(got.Parents, w.Parents) {
			t.Errorf("Lookup(%q): index %+v %v, taxonomy %+v %v", id, got, gotOK, w, wantOK)
		}
		if x.Umbrella(id) != tax.Umbrella(id) {
			t.Errorf("Umbrella(%q): index %v, taxonomy %v", id, x.Umbrella(id), tax.Umbrella(id))
		}
	}
}

func TestSkillIndexRefusesMalformedLines(t *testing.T) {
	for name, text := range map[string]string{
		"a line of four fields":        "aws\tAmazon Web Services\tcloud\t\n",
		"an umbrella column not empty": "aws\tAmazon Web Services\tcloud\tyes\tcloud\n",
		"an id that is not a slug":     "AWS\tAmazon Web Services\tcloud\t\tcloud\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseSkillIndex(text); err == nil {
				t.Errorf("parseSkillIndex(%q) = nil error", text)
			}
		})
	}
}
