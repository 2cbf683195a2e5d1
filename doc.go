// Package skillpulse holds the domain types shared by every stage of the
// skillpulse pipeline: postings and where they came from, skills and the
// mentions the extractor finds, and the runs and snapshots the store keeps;
// and the demand rule (demand.go) by which the report, the store's
// aggregates and the API all count a posting towards a skill's share.
//
// Data flows one way:
//
//	config ─▶ crawler ─▶ extract ─▶ store ─▶ report / api
//
// The stage packages (crawler, extract, store, report) import this package
// and never each other; only cmd/skillpulse and the pipeline package that it
// drives know them all. This package imports nothing of ours, so it can never
// take part in an import cycle.
package skillpulse
