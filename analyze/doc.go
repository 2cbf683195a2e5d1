// Package analyze sets a resume against the live market: the postings of
// the last few weeks in the store, read through a small read-only
// interface (Source) that the store satisfies.
//
// # The market
//
// LoadMarket reads the --weeks ISO weeks that end with the week of the
// store's newest complete crawl. Every posting live in a complete crawl of
// those weeks counts once, with the tags of its latest snapshot there, by
// the domain's demand rule (skillpulse.DemandOf, Aggregate.Add) that
// reports and the store's aggregates count by. Per skill it keeps the
// share of those postings that name it at any level and the share that
// require it. Market weights come from config.yaml's market
// section: a skill listed by an area carries that area's weight.
//
// # Strengths, gaps and impact
//
// Strengths are the resume's skills (named or implied) that postings name,
// by share. Gaps are the skills postings name, and the market weighting's
// skills, that the resume neither names nor implies, ordered by impact:
//
//		impact = min(1, (required_share + weight) / 2 × boost)
//
//	  - required_share: the share of the window's postings that require it;
//	  - weight: the market weight of the area that lists it, in full for the
//	    area's most-named skill and in proportion to share for the others
//	    (Azure beside AWS), halved when the resume already has another skill
//	    of the area; 0 for a skill outside the market weighting;
//	  - boost: 1.25 when the skill is in the known gap of the resume's path
//	    (KnownGapBoost), else 1.
//
// So a skill every posting requires and the market weighs fully scores 1;
// one no posting requires and outside the weighting scores 0. Umbrella
// skills (cloud, iac, os) appear only when the market weighting lists them.
//
// # Coverage and matches
//
// A posting asks for the specific skills it requires, or, when it
// requires none, the specific skills it names (its umbrellas only when it
// names nothing more specific). A resume covers a posting when it names or
// implies at least 70 % (CoverThreshold) of what the posting asks for.
// Coverage is the share of the window's postings that ask for anything
// which the resume covers. Matches are the open postings that fit best,
// ranked by the skills the resume has of those asked over their number
// plus two (FitPrior), so that a posting asking for one skill does not top
// the list for being easy to cover; each comes with its share covered and
// what it asks for that the resume lacks, most-asked first.
//
// # The path
//
// The resume's path into infrastructure engineering — sysadmin, network,
// devops, backend or cloud-support, after the article the market weighting
// comes from — is read from its latest title, headline, earlier titles,
// summary and the path's typical skills; below a minimum score it is null.
// Each path carries the gap the article names for it, which boosts impact.
// A skill of that gap which the resume only implies through one named
// skill (a backend engineer's networking, through HTTP) is thin evidence
// against the article's word, so it stays a gap, saying so.
//
// # Privacy
//
// Nothing here writes: the analysis reads the store through Source and
// returns a Result; the resume stays in memory.
package analyze
