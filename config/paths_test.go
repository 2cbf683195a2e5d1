package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/skillpulse/skillpulse/config"
)

func TestRelativePathsResolveAgainstTheConfigsFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "etc", "skillpulse")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	body := `storage: {path: data/skillpulse.db}
crawl: {user_agent: test-agent}
sources: [{name: acme, type: greenhouse, board: acme}]
report: {dir: reports}
taxonomy: {files: [my-skills.yaml, /opt/skills.yaml]}
api: {token_file: ../token}
`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(config.EnvDB, "")
	// Loaded from another working folder, as cron and systemd do.
	t.Chdir(t.TempDir())
	cfg, err := config.Load(path, checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][2]string{
		"storage.path":      {cfg.Storage.Path, filepath.Join(dir, "data", "skillpulse.db")},
		"report.dir":        {cfg.Report.Dir, filepath.Join(dir, "reports")},
		"taxonomy.files[0]": {cfg.Taxonomy.Files[0], filepath.Join(dir, "my-skills.yaml")},
		"taxonomy.files[1]": {cfg.Taxonomy.Files[1], "/opt/skills.yaml"},
		"api.token_file":    {cfg.API.TokenFile, filepath.Join(filepath.Dir(dir), "token")},
	} {
		if got[0] != got[1] {
			t.Errorf("%s = %q, want %q", name, got[0], got[1])
		}
	}
	// The built-in config's paths stay relative to the working folder.
	def, err := config.Load("", checkTypes)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.IsAbs(def.Storage.Path) {
		t.Errorf("the built-in storage.path became %q", def.Storage.Path)
	}
}
