package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// Output formats a command may print in. Every command that prints data
// takes --format with its formats, the first the default, and --json as
// shorthand for its JSON format.
const (
	formatTable = "table" // for people: aligned columns
	formatJSON  = "json"  // for tools: one indented JSON document
)

// outputFlags are a command's --format and --json.
type outputFlags struct {
	formats []string // accepted; formats[0] is the default
	json    string   // the format --json stands for
	format  string
	asJSON  bool
}

// addOutputFlags gives cmd --format, taking formats (the first the
// default), and --json, shorthand for --format json.
func addOutputFlags(cmd *cobra.Command, formats ...string) *outputFlags {
	return addOutputFlagsJSON(cmd, formatJSON, formats...)
}

// addOutputFlagsJSON is addOutputFlags for a command whose JSON format has
// another name (export's jsonl): --json stands for jsonFormat.
func addOutputFlagsJSON(cmd *cobra.Command, jsonFormat string, formats ...string) *outputFlags {
	o := &outputFlags{formats: formats, json: jsonFormat}
	cmd.Flags().StringVar(&o.format, "format", formats[0], "output format: "+strings.Join(formats, ", "))
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "shorthand for --format "+jsonFormat)
	return o
}

// get returns the format asked for; a format the command does not know,
// or --json beside another --format, is a usage error.
func (o *outputFlags) get(cmd *cobra.Command) (string, error) {
	if o.asJSON {
		if cmd.Flags().Changed("format") && o.format != o.json {
			return "", usagef("--json and --format %q ask for two formats", o.format)
		}
		return o.json, nil
	}
	if !slices.Contains(o.formats, o.format) {
		return "", usagef("--format %q: want %s", o.format, orList(o.formats))
	}
	return o.format, nil
}

// orList reads ["table", "json"] as "table or json".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// writeJSON prints v as the indented JSON document tools read.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
