// Package extract is the skill tagger: it reads a job posting (title,
// HTML or plain-text description, headed sections) and reports which
// skills of a taxonomy it asks for, how strongly, and with how many years.
//
// # Taxonomy
//
// The default taxonomy is extract/taxonomy.yaml, embedded in the binary;
// LoadTaxonomy layers user files over it (same format; an id that exists
// replaces the entry whole). Every skill has a stable lower-case id, a
// category from skillpulse.Categories, aliases and parents. A mention of a
// child also counts for its ancestors (eks → kubernetes, aws → cloud) at
// the child's level, unless the posting asks for the ancestor more
// strongly itself.
//
// Umbrella ids are general areas, matched by their own general terms and
// rolled up to by their children; the taxonomy marks them (umbrella: true,
// Taxonomy.Umbrella) and years stated next to umbrellas only are read as
// the role's years. The umbrellas reports can rely on:
//
//	cloud            aws, gcp, azure, oci, ... (and each provider's services)
//	iac              terraform, cloudformation, pulumi, cdk, packer, ...
//	configuration-management  ansible, chef, puppet, salt
//	os, unix         linux (ubuntu, rhel, ...), freebsd, windows, macos
//	networking       tcp-ip, dns, routing (bgp, ospf), load-balancing,
//	                 vpn, firewalls, cdn, vlan, sdn, vpc, service-mesh
//	security         iam (sso, mfa, active-directory), pki, secrets-management
//	                 (vault), zero-trust, siem, compliance (soc2, iso27001,
//	                 pci-dss, hipaa), vulnerability-management, ...
//	containers       docker, kubernetes (helm, openshift, eks, gke, aks, ...)
//	ci-cd            jenkins, github-actions, gitlab-ci, gitops (argocd, flux)
//	observability    prometheus, grafana, datadog, elk, opentelemetry, splunk,
//	                 new-relic, ... ("monitoring" is an alias of observability)
//	virtualization   vmware (vsphere), kvm, hyper-v, proxmox, xen, nutanix
//	databases        postgresql, mysql, redis, nosql (mongodb, cassandra)
//	message-queues   kafka, rabbitmq, sqs, pubsub, nats
//	serverless, compliance, data-warehouse, routing, service-mesh, nosql
//
// Other parents roll up without being umbrellas: linux (distributions),
// git (github, gitlab), sre (slos), java (kotlin,
// scala), dotnet (csharp, fsharp), javascript (typescript, nodejs, react),
// python (django, flask), secrets-management (vault, azure-key-vault).
//
// Languages have short ids: go, python, bash, c, cpp, csharp, rust, java,
// powershell, ruby.
//
// # Matching
//
// All aliases are compiled into one trie with ASCII case folding, walked
// from the word starts whose word an alias opens with (a match that does
// not start and end a word could never pass the boundary check; a hashed
// filter of the aliases' first words rules out the other words, and a
// short word is looked up whole rather than walked), in the same pass
// over each sentence that looks for the noise and address triggers and
// tallies the language words as the sentence is added; every occurrence
// is then checked for word boundaries (C is not C++, "go" is not in
// "Google", words inside URLs and e-mail addresses are blanked out
// first) and overlaps are resolved leftmost-longest ("Terraform Cloud"
// over "Terraform"). Ambiguous names
// are listed as exact-case aliases with vetoes or a guard: "Go" the
// language but not "go to"/"go-live"/"let's Go"; "C" and "R" only in
// language lists or after "in"; "Chef", "Puppet", "Salt", "Helm", "Vault",
// "Consul", "Spark", "Swift", "Rust", "Excel" only capitalised and not in
// their everyday senses; bare "make" never (only Makefile, GNU make);
// bare "IP" and "routing" only in networking company ("IP routing",
// "static routing", "DNS, DHCP, IP"; never intellectual property or
// ticket routing); "SOC" only in capitals and not a chip or an
// occupation code (SOC 2 and SOC audits are compliance); "Elastic" only
// capitalised and not the adjective ("Elastic scaling").
// Sentences about applying ("apply on GitHub") or equipment ("you choose
// macOS or Windows", laptops) are skipped.
//
// # Levels and years
//
// A sentence's level starts from its section: headings (HTML h1–h6,
// all-bold paragraphs, Markdown headings, short lines ending in ':' or in
// capitals, short unpunctuated lines that read as a known heading,
// Posting.Sections headings) such as "Requirements" or "What
// you'll need" make required, "Nice to have" or "Preferred
// qualifications" preferred, "Responsibilities", "About us", "Benefits"
// mentioned; text before any heading is mentioned. An inline label
// ("Requirements: ...", "Nice: ...") sets its own line or sentence. Cue
// phrases override the section, clause by clause (a clause is a
// comma-separated part of a sentence; one without a cue follows the
// nearest cued clause before it, else after it): negation ("not
// required") → mentioned, then "a plus", "familiarity with", "ideally" →
// preferred, then "must", "5+ years", "strong", "proficiency" → required.
// A parenthesis right after a skill ("GCP (preferred)") applies to that
// skill alone. Skills in the title count as required. A skill found
// several times keeps its strongest level.
//
// Years ("5+ years", "3-5 years" → 3, "at least two years") attach to the
// skills their clause governs; a years clause that governs no specific
// skill (only umbrellas and practices, or nothing) sets the role-level
// Tags.Years. Years are capped at 30.
//
// testdata/labelled holds hand-labelled postings in the sources' real
// styles; TestLabelledSet measures precision, recall and level accuracy
// on them (see testdata/labelled/RULES.md for the labelling rules and the
// history of the hold-out sets).
//
// # Guarantees
//
// A Tagger is immutable and safe for concurrent use. Input is bounded to
// MaxInput (1 MiB) of text per document, or per field of a posting, and
// of extracted text in total; what lies past it is ignored, so callers
// that must not lose text refuse larger input. Evidence is bounded to 200
// runes, cut on a rune boundary. Tagging is linear in the input: the
// matcher walks the alias trie from word starts, and every per-sentence
// step works on sentences of at most 1000 bytes. Postings detected as not English get Language set and no
// mentions.
package extract
