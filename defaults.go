package skillpulse

import _ "embed"

// DefaultConfig is the shipped config.yaml, compiled in so that the binary
// runs with no file at all and so that a config leaving out the market
// section gets the shipped weighting.
//
//go:embed config.yaml
var DefaultConfig []byte
