// Package store keeps skillpulse's postings, runs and snapshots in one bbolt
// file.
//
// # What it promises
//
//   - One file, many processes. No process holds the file longer than its
//     transactions last (see Sharing the file), so `serve`, a crawl from
//     cron and any number of `report`, `export`, `runs` and `db` commands
//     use one store at once, each seeing committed transactions only. A
//     read waits at most for one write transaction (a batch of a crawl),
//     never for a whole crawl; it gives up after Options.LockTimeout with
//     ErrInUse naming the file (and the crawl in progress, if any).
//   - One crawl at a time. LockCrawl takes the crawl lock for a whole
//     crawl; a second is refused at once with ErrCrawlInProgress: "a crawl
//     is in progress (pid N, started T)".
//   - A damaged file is an error, never a crash. Before bbolt maps the
//     file, its meta pages are read and the file's size checked against
//     them; an Open for writing walks every page in use once and refuses
//     a damaged structure before a write spreads it (a read-only Open
//     skips the walk, which costs a few ms per 30 MB, and lets the read
//     that meets a damaged page fail); a panic or memory fault inside a
//     transaction (bbolt's answer to a damaged page) becomes an error, and
//     the handle that met it is not used again. Every such error, and
//     every record that does not decode, wraps ErrCorrupt, names the file
//     and says to run `skillpulse db check` (see asDamage).
//   - Crash safety at batch granularity. Every write happens in a bbolt
//     transaction: BeginRun in one, Put (or PutSeq, for postings that
//     arrive one at a time) in batches of batchSize postings, Finish in
//     one. A run interrupted at any point leaves the store as it
//     was before the run or after a completed batch. A run that its process
//     abandons (a signal, a failed write) is marked RunInterrupted with its
//     reason at once by RunWriter.Interrupt; one whose process died
//     outright keeps its record RunRunning until the crawl lock is next
//     taken (by a crawl, or by a
//     read-write Open while no crawl runs): holding it, so sure that no
//     crawl is going, LockCrawl marks every RunRunning run RunInterrupted
//     with AbandonedReason (Finished zero, outcomes as recorded, its
//     committed batches kept). Until then Runs and Run, on any store,
//     ReadOnly too, show such a run the same way without writing: a run
//     still RunRunning while no process holds the crawl lock is dead.
//     Nothing is deleted by
//     a run: versions and descriptions are append-only, postings only close.
//     A compression dictionary is committed in a transaction of its own
//     before any description compressed with it.
//   - Unchanged postings cost almost nothing. A posting whose ContentHash
//     equals its stored content is not retagged and its record is not
//     rewritten; only its 8-byte last-seen entry changes.
//   - A source that answered "not modified" is kept, not emptied.
//     RunWriter.Keep marks as seen in the run every open posting of the
//     source that its last complete fetch listed (per the fetches bucket),
//     as Put does for unchanged postings; postings that fetch no longer
//     listed are not refreshed and still close after Grace.
//   - Closing is conservative. Finish closes postings only for sources whose
//     outcome is Healthy, and only postings that run did not see and that
//     were last seen more than Options.Grace before the run finished. The
//     only other way to close is CloseSource, for a source retired from the
//     configuration. A posting listed by several sources (see Cross-source
//     dedup) closes only when every one of them has let go of it. A posting
//     seen again reopens, keeping its id, first-seen time and history.
//   - Snapshots are exact. Each complete run stores the ids and versions of
//     every posting open at its end, so ForEachLive returns the content and
//     tags a posting had then, not what it has now.
//   - Aggregates are exact. Finish folds its snapshot into the Aggregate
//     of the ISO week and of the UTC day it was taken in, in the same
//     transaction, so WeekAggregate and DayAggregate always equal a
//     recount over ForEachLive for that period (Check verifies it).
//     They, the periods' posting lists, the week projections and the dedup
//     index are derived from the postings, versions and snapshots; Repair
//     rebuilds them all from those, changing no primary record.
//   - Schema versions are checked on Open: older files are migrated in one
//     transaction, newer ones are refused with ErrSchemaTooNew.
//
// Times are stored to the nanosecond and read back in UTC.
//
// # Sharing the file
//
// bbolt allows one process at a time to have a file open for writing, and
// a writer must not change pages that a reader in another process is
// reading. So a Store opens the file (bbolt.Open, read-only for a read,
// read-write for a write) when a transaction needs it and closes it when
// the last transaction of the process using it ends; transactions of one
// process that overlap share one open. Around every open it takes a flock
// on <path>.lock, shared to read and exclusive to write, so readers of
// any number of processes read together and a writer has the file alone
// for its transaction. A writer queues at <path>.gate (held exclusively
// while it waits), and readers pass the gate before they take the lock or
// join an open handle, so a steady stream of API reads cannot starve a
// crawl's next batch. A read waits at most Options.LockTimeout; a write
// waits at least ten minutes, since a `db check` or `export` of a large
// store is one long read and a crawl should outlast it rather than fail.
// Every wait also ends with the context of the call that waits (a signal
// stops a crawl at once, not ten minutes later), with an error naming the
// file and the lock; a file to be had at once is had whatever the context
// says. RunWriter.Interrupt, which a stopping crawl calls, waits at most
// InterruptWait.
//
// A crawl is many transactions (BeginRun, a Put per batch of 2,500
// postings, Finish), and between them other processes read and write. Two
// crawls must not interleave, so a crawl holds LockCrawl's flock on
// <path>.crawl from before its first fetch to after Finish; the file holds
// the holder's pid and start for the message a second crawl gets. The
// kernel drops every flock when its process exits, however it exits, so a
// killed process leaves no stale lock. Every opener still takes bbolt's
// own flock on the file, so a process of an older skillpulse, which knows
// none of the sidecar files, is kept out as before.
//
// What it costs: an open is an open(2), two flocks, a read of the meta
// pages and an mmap; a write's open also reads the freelist page, which
// the store keeps synced for that reason (unsynced, bbolt would rebuild it
// from every page on each open). A GET of a cached API answer, which opens
// the file for one small read, takes under a millisecond on loopback with
// a store of 24,000 postings.
//
// # Bucket layout (schema 10)
//
// Files are created with 16 KiB pages. Numbers in keys are big-endian so
// bbolt's byte order is numeric order.
// "id" is a posting's compact numeric id, from the postings bucket's
// sequence; it never changes and is never reused.
//
//	meta       "schema"                 → uint64 schema version
//	keys       source 0x00 native-id    → id (8 bytes); a merged posting
//	                                      has one key per source listing it
//	                                      (see Cross-source dedup)
//	postings   id                       → head: source, native id, first seen,
//	                                      closed at (zero while open), current
//	                                      content hash, current version,
//	                                      version count, origins
//	seen       id                       → last seen (unix ns, 8 bytes): the
//	                                      start time of the last run that
//	                                      saw it; the only write an
//	                                      unchanged re-sighting makes
//	open       source 0x00 id           → current version (uvarint); exactly
//	                                      the postings not closed, grouped by
//	                                      source so Finish walks one source;
//	                                      a merged posting has an entry for
//	                                      each of its origins' sources that
//	                                      still holds it open, at least one
//	dedup      fingerprint (16), id     → the posting's source: the index of
//	                                      postings by their current content's
//	                                      normalised company, title and
//	                                      location
//	versions   id, version (4 bytes)    → body id, since (run start),
//	                                      content hash, body size, every posting
//	                                      field but description and sections,
//	                                      and the extractor's tags: each
//	                                      distinct evidence sentence once,
//	                                      as an offset and length into the
//	                                      body where the body holds it
//	                                      verbatim (most do), else inline;
//	                                      a record heavy with inline
//	                                      sentences is stored zstd-compressed
//	                                      behind the body id. Records
//	                                      written before schema 8 name their
//	                                      body by hash and keep every
//	                                      mention's sentence inline; they
//	                                      are read as they are. Since
//	                                      schema 10 a record ends with the
//	                                      skills the posting implies but
//	                                      does not name (Tags.Implied);
//	                                      one written before has none, and
//	                                      its mentions may mix parent
//	                                      credit in until retag
//	content    body id (8 bytes)        → description and sections,
//	                                      compressed (see body.go: zstd
//	                                      with the store's dictionary once
//	                                      it has one, zstd alone before;
//	                                      stores of earlier builds may hold
//	                                      S2 with theirs); stored
//	                                      once per distinct body, shared
//	                                      by every version that has it. Ids
//	                                      come from the bucket's sequence, so
//	                                      new bodies append to the bucket
//	                                      rather than land all over it (a
//	                                      page rewritten per body). Bodies
//	                                      stored before schema 8 are keyed
//	                                      by their sha256 instead
//	bodies     sha256 of the body       → body id: the content bucket's
//	                                      index by hash, of bodies stored by
//	                                      id
//	meta       "dict" id (4 bytes)      → a zstd compression dictionary
//	                                      (an S2 one in stores of earlier
//	                                      builds), trained once the store
//	                                      holds, or a batch brings, 256
//	                                      bodies
//	runs       run id                   → skillpulse.Run as JSON
//	snapshots  run id                   → taken (the run's Finished) and the
//	                                      live postings as sorted (id,
//	                                      version) pairs, ids delta-encoded,
//	                                      all uvarints
//	weekpost   year (2), ISO week (2)   → the postings the week's aggregate
//	                                      counts, as (id, version) pairs in
//	                                      the snapshot encoding
//	weekagg    year (2), ISO week (2)   → Aggregate as JSON
//	weekproj   year (2), ISO week (2)   → the week's projection: for each
//	                                      version weekpost lists, in its
//	                                      order, what a report reads of it
//	                                      (workplace, pay, dates, tags
//	                                      without evidence), with a
//	                                      checksum; written with the list
//	                                      (see weekproj.go)
//	daypost    year (2), month, day     → as weekpost, for a UTC day
//	dayagg     year (2), month, day     → Aggregate as JSON
//	fetches    source                   → start of the run whose Put (all
//	                                      its batches) or Keep of the
//	                                      source last completed: every
//	                                      posting that fetch listed was last
//	                                      seen then or later
//	validators "scope"                  → the scope (config hash) of the
//	                                      validators kept; one at a time
//	           "count"                  → how many are kept (8 bytes)
//	           urls/ request URL        → (nested bucket) save sequence,
//	                                      ETag, Last-Modified
//	           age/ save sequence (8)   → (nested bucket) request URL: the
//	                                      save order, oldest first
//
// Validators are a cache for conditional requests (If-None-Match,
// If-Modified-Since), not history: SaveValidator under a new scope drops
// every validator of the old one, since a response kept under another role
// filter or max_items says nothing about what this configuration would
// keep; a scope keeps at most MaxValidators, dropping the least recently
// saved; URLs and values over their bounds are refused. Losing one costs a
// full fetch, nothing else.
//
// # Cross-source dedup
//
// The same job listed by two sources is one posting with two origins, so
// demand is counted once. Put joins a listing to a stored posting when all
// of these hold:
//
//   - the listing's key (source, native id) is new to the store;
//   - its fingerprint — SHA-256 (first 16 bytes) of the normalised company
//     (lower case, letters and digits, legal form such as GmbH or Inc.
//     dropped), title and location — equals that of an open posting's
//     current content; a listing without a company is never joined;
//   - none of that posting's origins is at the listing's source (two
//     listings at one source are two jobs);
//   - their texts are near-identical: the Jaccard similarity of the word
//     3-shingle sets of description and sections, HTML tags dropped and
//     entities decoded, over the first 3,000 words, is at least 0.8. Put
//     compares at most 8 postings per fingerprint, found among the 64 newest
//     index entries, so a board listing one title hundreds of times costs
//     every new listing a bounded walk.
//
// The listing's key then maps to the posting's id, the posting gains the
// Origin{source, URL}, and the source holds it open (an open entry of its
// own). Snapshots, week lists and ForEachLive hold the id once. The merge
// counts as Unchanged for the source, and as Counts.Merged. The posting's
// content and tags stay those of the source that first stored it: later
// sightings at a joined source only refresh its last sighting (and add an
// origin if the URL changed), never add versions. A week's aggregate counts
// each posting at every source of its current origins, as ForEachLive
// reports them, so a merge also adds the new source in every week that
// already counted the posting.
//
// Lifecycle of a merged posting: it is seen when any of its sources lists
// it (one last-sighting time, the seen bucket). A healthy source whose Finish
// finds it unseen past Grace lets go of it (its open entry goes); the posting
// closes when the last source holding it lets go, so only once every origin's
// source has been healthy and without it beyond Grace. CloseSource lets go
// the same way. Listed again by any of its sources, it reopens and that
// source holds it again. Outcome.Closed counts postings actually closed.
//
// Run ids are the run's start in UTC, "20261125T030000Z", with a short
// sequence suffix, so they sort by start time.
//
// Records other than runs use a compact binary encoding (see codec.go and
// records.go) that starts with a format byte; runs are JSON because that
// form is already the `crawl --json` contract.
package store
