package main

import (
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
				s, err := store.Open(db, store.Options{})
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
