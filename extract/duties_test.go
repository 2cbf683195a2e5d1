package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestRequirementsUnderDutiesHeading: employers often set what the
// candidate brings under a duties heading ("Responsibilities", "What
// you'll do"). An item there that states it ("5+ years", "Solid
// experience with", "Knowledge of", "The ability to") asks, and a list
// whose items mostly do is a requirement list; duties there stay
// mentioned, and other headings still decide (RULES.md, "Fourth
// precision and levels pass").
func TestRequirementsUnderDutiesHeading(t *testing.T) {
	g := newTestTagger(t)
	// fixture:ashby/job-board_truelogic_lcarlini.json#09bb501c (unlabelled):
	// a requirement list under "Responsibilities", items as <li><p>.
	truelogic := `<h2><strong>Responsibilities</strong></h2><ul><li><p>5+ years working on software development professionally.</p></li>` +
		`<li><p>The ability to create well-responsive, accessible, and performant web interfaces managed by clean UI code using a modern framework (React, Vue, Angular).</p></li>` +
		`<li><p>Solid experience with the standard tech stack for your technology of choice (like: Redux, MobX, etc).</p></li>` +
		`<li><p>Knowledge about how to work with containerized application development (Docker).</p></li></ul>` +
		`<h2><strong>It will be great if you also know</strong></h2><ul><li><p>Experience consuming GraphQL API.</p></li></ul>`
	duties := "<h2>Responsibilities</h2><ul><li>Build and operate our Kafka clusters</li><li>Design CI/CD pipelines with GitHub Actions</li><li>Experience with Terraform</li></ul>"
	tests := []struct {
		name, doc, id string
		level         skillpulse.Level
		reason        skillpulse.LevelReason
	}{
		{"a requirement list under responsibilities", truelogic, "angular", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"its items that open with knowledge", truelogic, "docker", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a heading of what would be great is a preference", truelogic, "graphql", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"duties under responsibilities stay duties", duties, "kafka", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"a duty list's own requirement item asks", duties, "terraform", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a duty in a requirement list stays a duty", "Responsibilities:\n- 5+ years of Go\n- Solid experience with Linux\n- Operate our Kafka clusters\n", "kafka", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		// hn-47690735 (unlabelled): a requirement item under a duties heading.
		{"knowledge of under your responsibilities", "Acme | Eng<p>Your Responsibilities:<p>- Work directly with developers\n- Good knowledge of cryptography", "cryptography", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a preference item there stays a preference", "Responsibilities:\n- Experience with threat modeling is a plus\n", "threat-modeling", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"the opening does not ask under the company's heading", "About us:\nExperience the best of Berlin with Kubernetes.\n", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		// hn-47690735: a heading run onto the end of a list item.
		{"a heading glued to an item's end", "Acme | Eng<p>Your Responsibilities:<p>- Conduct security research and publish your findings Requirements:\n- Linux and Git", "git", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		// hn-47605527: a heading that ends a paragraph's last sentence.
		{"a heading that ends a paragraph", "Acme | Eng<p>We are a startup. Occasional work from home is available. Requirements:<p>Kubernetes and Go.", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a paragraph ending in a plain colon heads nothing", "Acme | Eng<p>We are a startup. Our platform uses:<p>Kubernetes and Go.", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// hn-47605527, hn-46470027 (unlabelled): headings in other words.
		{"preferable heads preferences", "Acme | Eng<p>Preferable:<p>Knowledge of Docker.", "docker", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		// hn-47978058, hn-47978408, hn-48011496 (unlabelled): more headings
		// that close a requirement section.
		{"what you'd do heads duties", "Acme | Eng<p>What I'm looking for:<p>* Experience with C++<p>What you'd do:<p>* Implement modem systems in Rust", "rust", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"what we have to offer is no requirement", "Acme | Eng<p>What I'm looking for:<p>* Experience with C++<p>What we have to offer: a small team, see telemetry come back the same day.", "observability", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"search terms are no requirement", "Acme | Eng<p>What we're looking for:<p>- Strong Python skills<p>Search terms: data platform, Python, Rust", "rust", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		// hn-47975817 (unlabelled): a product description under a
		// requirement heading asks nothing; a stack line there still does.
		{"a product description under requirements", "Acme | Eng<p>What we're looking for:<p>Moyai is an AI-powered agent monitoring tool for AI engineers looking to catch agent failures in production.", "observability", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"a skill that is the subject under requirements", "Acme | Eng<p>What we're looking for:<p>Go is our main language.", "go", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		// hn-47603702 (unlabelled): a heading asked as a question.
		{"why join? closes a requirement section", "Acme | Eng<p>We are looking for:<p>Systems Engineer: Python today.<p>Why join?<p>Work on the frontier of multimodal generative AI.", "llm", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"a question in prose is no heading", "Acme | Eng<p>Requirements:<p>Do you know Kubernetes well?", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		// hn-47341957, hn-47999884, hn-46857982 (unlabelled): duties in
		// other words, and a bare "Skills" paragraph over the skills.
		{"what you'd build heads duties", "Acme | Eng<p>Requirements:<p>Strong Go<p>What you'd build:<ul><li>Agent orchestrator in Rust</li></ul>", "rust", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"a bare skills paragraph heads requirements", "Acme | Eng<p>What you’ll own<ul><li>Building the website</li></ul><p>Skills<ul><li>React or similar modern frontend frameworks</li></ul>", "react", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"strong go skills is no heading", "Acme | Eng<p>Strong Go skills<p>We deploy to Kubernetes.", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"what makes you a great fit heads requirements", "Acme | Eng<p>What makes you a great fit:<ul><li>Node.js and NestJS</li></ul>", "nestjs", skillpulse.LevelRequired, skillpulse.ReasonHeading},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := mentionOf(g.TagDocument(tt.doc), tt.id)
			if !ok || m.Level != tt.level || m.Reason != tt.reason {
				t.Errorf("%q: %s %v (%v), want %v (%v); found %v", tt.doc, tt.id, m.Level, m.Reason, tt.level, tt.reason, ok)
			}
		})
	}
}

// TestTitledSectionDecidesItsItems: a board's titled section that no
// heading list knows ("Owner of these projects", a duties list) decides
// its items; the opening of one asks only where no heading decides
// (fixture:lever/postings_yassir_infra_subset.json#41cc270d, dev).
func TestTitledSectionDecidesItsItems(t *testing.T) {
	g := newTestTagger(t)
	p := &skillpulse.Posting{Title: "Senior Backend Engineer", Sections: []skillpulse.Section{{
		Heading: "Owner of these projects",
		Body:    "<li>Manage and assist current software applications</li><li>Experience providing technical leadership, and mentoring others</li>",
	}}}
	m, ok := mentionOf(g.Tag(p), "mentoring")
	if !ok || m.Level != skillpulse.LevelMentioned || m.Reason != skillpulse.ReasonHeading {
		t.Errorf("mentoring %v (%v), want mentioned (heading); found %v", m.Level, m.Reason, ok)
	}
}

// TestTypedLinesInAParagraph: HN keeps a list typed without bullets as
// lines of one HTML paragraph; each line that opens with a capital after
// a line ending in a word is a list item of its own, so one line's cue
// does not govern the others (hn-47613220, dev). A line that ends in a
// joining word, a comma or a colon goes on into the next.
func TestTypedLinesInAParagraph(t *testing.T) {
	g := newTestTagger(t)
	typed := "Acme | Senior Developer<p>What we're looking for:<p>Strong engineering fundamentals\nComfort working across the stack, Python in particular\nExperience with PostgreSQL, Elasticsearch, or similar data-intensive systems is a plus"
	tests := []struct {
		name, doc, id string
		level         skillpulse.Level
		reason        skillpulse.LevelReason
	}{
		{"a typed line's own cue", typed, "postgresql", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"the line before keeps its own", typed, "python", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a line ending in a joining word goes on", "Acme | Eng<p>You must have deep experience with\nKubernetes and Terraform", "terraform", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a line ending in a colon goes on", "Acme | Eng<p>Requirements:\nGo and Rust", "rust", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a typed line under an inline label is the label's", "Acme | Eng<p>Must have: Python, SQL\nKubernetes in production", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		// hn-46858311 (unlabelled): a stack line no longer runs into the
		// contact line after it.
		{"a stack line ends at its line", "Acme | Eng<p>Stack: Python, k8s, AWS\nContact: Email me if you have strong skills", "aws", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := mentionOf(g.TagDocument(tt.doc), tt.id)
			if !ok || m.Level != tt.level || m.Reason != tt.reason {
				t.Errorf("%q: %s %v (%v), want %v (%v); found %v", tt.doc, tt.id, m.Level, m.Reason, tt.level, tt.reason, ok)
			}
		})
	}
}
