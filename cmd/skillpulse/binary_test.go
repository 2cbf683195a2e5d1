package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildBinary builds skillpulse into a temporary folder once per test.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "skillpulse")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// binary runs the built skillpulse at path with the config file config,
// as a user runs it, except that SKILLPULSE_DB and SKILLPULSE_CONFIG of the
// test's environment do not apply.
type binary struct {
	t        testing.TB
	path     string
	config   string
	logLevel string   // "error" when empty
	env      []string // more variables, set after those two are cleared
}

// cmd is the command that runs the binary with args after its config and
// log level.
func (b binary) cmd(args ...string) *exec.Cmd {
	level := b.logLevel
	if level == "" {
		level = "error"
	}
	cmd := exec.Command(b.path, append([]string{"--config", b.config, "--log-level", level}, args...)...)
	cmd.Env = append(append(os.Environ(), "SKILLPULSE_DB=", "SKILLPULSE_CONFIG="), b.env...)
	return cmd
}

// must runs the binary with args and returns its standard output, failing
// the test with both outputs if it exits non-zero.
func (b binary) must(args ...string) []byte {
	b.t.Helper()
	var stderr bytes.Buffer
	cmd := b.cmd(args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.t.Fatalf("skillpulse %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return out
}
