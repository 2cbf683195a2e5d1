package demo

import _ "embed"

// SampleResume is a short resume of a systems administrator heading for
// infrastructure engineering, written for the demo: `skillpulse demo`
// writes it beside its reports so that `skillpulse analyze` has something
// to read against the demo market. It describes no real person.
//
//go:embed sample-resume.txt
var SampleResume []byte
