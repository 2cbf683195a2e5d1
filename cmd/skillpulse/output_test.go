package main

import (
	"strings"
	"testing"
)

// dataCommands are the commands that print data, each with its formats.
var dataCommands = []struct {
	args    []string
	formats []string
}{
	{[]string{"crawl"}, []string{"table", "json"}},
	{[]string{"run"}, []string{"table", "json"}},
	{[]string{"report"}, []string{"md", "json", "html", "csv"}},
	{[]string{"extract"}, []string{"table", "json"}},
	{[]string{"runs"}, []string{"table", "json"}},
	{[]string{"export"}, []string{"jsonl", "csv"}},
	{[]string{"import"}, []string{"table", "json"}},
	{[]string{"taxonomy"}, []string{"table", "json"}},
	{[]string{"retag"}, []string{"table", "json"}},
	{[]string{"db", "stats"}, []string{"table", "json"}},
	{[]string{"db", "check"}, []string{"table", "json"}},
	{[]string{"analyze"}, []string{"table", "json", "md", "html"}},
}

func TestEveryDataCommandsHelpShowsFormatAndJSON(t *testing.T) {
	for _, c := range dataCommands {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, stderr := cli(t, "", append(c.args, "--help")...)
			if code != 0 {
				t.Fatalf("--help: exit %d: %s", code, stderr)
			}
			for _, want := range append([]string{"--format", "--json"}, c.formats...) {
				if !strings.Contains(out, want) {
					t.Errorf("--help does not mention %s:\n%s", want, out)
				}
			}
		})
	}
}

func TestJSONIsShorthandForFormatJSON(t *testing.T) {
	post := "Requirements: 5+ years of Terraform and Kubernetes. AWS is a plus."
	for _, args := range [][]string{{"taxonomy"}, {"extract", "-"}} {
		_, long, _ := cli(t, post, append(args, "--format", "json")...)
		code, short, stderr := cli(t, post, append(args, "--json")...)
		if code != 0 || short != long || !strings.HasPrefix(short, "{") {
			t.Errorf("%s --json (exit %d, %s) differs from --format json:\n%.200s\n%.200s", args[0], code, stderr, short, long)
		}
	}
}

func TestJSONBesideAnotherFormatIsAUsageError(t *testing.T) {
	for _, args := range [][]string{{"taxonomy", "--json", "--format", "table"}, {"report", "--json", "--format", "md"}, {"export", "--json", "--format", "csv"}} {
		code, _, stderr := cli(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "--json") {
			t.Errorf("%v: exit %d, %s; want exit 2 naming --json", args, code, stderr)
		}
	}
}
