package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/store"
)

// TestReportRefusesAMarketAreaNamingAnUnknownSkill checks that `report`,
// which parses the taxonomy while it reads the store, still fails on a
// market area naming a skill the taxonomy does not know — with the config
// error, before writing anything, whether or not the store exists.
func TestReportRefusesAMarketAreaNamingAnUnknownSkill(t *testing.T) {
	for _, withStore := range []bool{true, false} {
		name := map[bool]string{true: "with a store", false: "without a store"}[withStore]
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db, out := filepath.Join(dir, "s.db"), filepath.Join(dir, "reports")
			if withStore {
				s, err := store.Open(context.Background(), db, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
			}
			cfg := writeFile(t, dir, "c.yaml", "storage: {path: "+db+"}\n"+
				"sources:\n  - {name: acme, type: greenhouse, board: acme}\n"+
				"market:\n  - {id: legacy, name: Legacy, weight: 0.5, reason: x, skills: [linux, cobol-85]}\n")
			code, _, stderr := cli(t, "", "--log-level", "error", "--config", cfg, "report", "--out", out)
			if code == 0 || !strings.Contains(stderr, "market[0].skills[1]") || !strings.Contains(stderr, `unknown skill "cobol-85"`) {
				t.Errorf("exit %d, stderr %q; want the market area's unknown skill named", code, stderr)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("the refused report wrote %d files", len(entries))
			}
		})
	}
}

// TestReportKnowsTheSkillsATaxonomyFileAdds checks that `report`, which
// names skills from the embedded taxonomy's index when config.yaml adds no
// taxonomy file, parses the taxonomy with its files when it does: a market
// area may then name a skill only a file adds.
func TestReportKnowsTheSkillsATaxonomyFileAdds(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "s.db"), filepath.Join(dir, "reports")
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	tax := writeFile(t, dir, "skills.yaml", "skills:\n  - {id: cobol-85, name: COBOL 85, category: language, aliases: [cobol 85]}\n")
	cfg := writeFile(t, dir, "c.yaml", "storage: {path: "+db+"}\n"+
		"sources:\n  - {name: acme, type: greenhouse, board: acme}\ntaxonomy:\n  files: ["+tax+"]\n"+
		"market:\n  - {id: legacy, name: Legacy, weight: 0.5, reason: x, skills: [linux, cobol-85]}\n")
	code, _, stderr := cli(t, "", "--log-level", "error", "--config", cfg, "report", "--out", out, "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q; want the report written", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("the report wrote %d files, want 1", len(entries))
	}
}
