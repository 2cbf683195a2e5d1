// Package demo serves bundled sample job boards on loopback so that
// `skillpulse demo` can run the real pipeline offline.
//
// The boards belong to fictional companies and are written in the exact
// wire formats of the real APIs: three Greenhouse Job Board API boards
// (northwind and tidepool, cloud-heavy; graniteridge, on-premises
// virtualization, networking and Windows) and one Lever Postings API site
// (ferrous). The files under boards/ are the response bodies, byte for byte,
// and the server sends those bytes rather than re-encoding them, so a crawler
// that works against the demo sees the same escaping, key order and null
// fields as in production:
//
//   - Greenhouse: GET /v1/boards/{board}/jobs?content=true answers
//     {"jobs":[...],"meta":{"total":N}}. `content` is HTML entity-escaped once
//     and every '&', '<' and '>' in the JSON bytes is written as \u0026,
//     \u003c, \u003e, as the live API does. Without content=true the jobs
//     come without content, departments and offices. There is no paging.
//   - Lever: GET /v0/postings/{site}?mode=json&skip=N&limit=M answers a bare
//     JSON array whose elements are the stored bytes of each posting. There
//     is no total: a client pages until a page is shorter than limit.
//     Description HTML is raw, and lists[].content is bare <li> items.
//
// Unknown boards and sites answer 404 with the bodies the real APIs send:
// {"status":404,"error":"Job not found"} and
// {"ok":false,"error":"Document not found"}.
//
// `skillpulse demo --weeks N` serves a History instead (history.go): N
// weeks of nights ending today, the authored boards below plus generated
// postings that open and close, drift in skill mix, state pay in three
// currencies, and one board that fails one night.
//
// There are two nights of data. Night 2 is the next day's crawl of the same
// boards: one Lever posting changed its description (ferrous "DevOps
// Engineer"), one Greenhouse job was removed (northwind "Cloud
// Infrastructure Engineer") and one was added (tidepool "Platform Engineer,
// Data Infrastructure"); every other posting is byte-identical.
//
// The board files are generated from the postings written out in
// postings_test.go; after editing them run
//
//	go test ./demo -run TestBoardFiles -update
package demo
