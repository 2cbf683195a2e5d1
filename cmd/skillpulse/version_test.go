package main

import (
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, stderr := cli(t, "", args...)
		if code != 0 || !strings.HasPrefix(out, "skillpulse ") || !strings.Contains(out, "go1.") {
			t.Errorf("%v: exit %d, %q %q; want the version and the Go version", args, code, out, stderr)
		}
	}
}
