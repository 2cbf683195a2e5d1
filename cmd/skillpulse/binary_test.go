package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// builtBinary is skillpulse as buildBinary built it, once per test
// process: linking it takes seconds (external linking, as the store links
// libzstd through cgo), and the tests only run it. TestMain removes it.
var builtBinary struct {
	once      sync.Once
	dir, path string
	out       []byte
	err       error
}

// buildBinary returns the path of skillpulse built into a temporary folder,
// once per test process. Tests run it and never change it.
func buildBinary(t testing.TB) string {
	t.Helper()
	b := &builtBinary
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "skillpulse-bin-*"); b.err != nil {
			return
		}
		b.path = filepath.Join(b.dir, "skillpulse")
		b.out, b.err = exec.Command("go", "build", "-o", b.path, ".").CombinedOutput()
	})
	if b.err != nil {
		t.Fatalf("go build: %v\n%s", b.err, b.out)
	}
	return b.path
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
