package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// TestRealWordingRecall: spellings of named skills seen in real postings
// (issue #11) are found.
func TestRealWordingRecall(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, doc, id string
	}{
		{"Shell in a list of scripting languages", "Scripting in Python, Shell or Perl.", "bash"},
		{"Shell scripting languages", "Experience with scripting languages (Bash, Shell, Python).", "bash"},
		{"C beside C++ with a slash", "Experience in low-level C/C++ design.", "c"},
		{"C++ beside C with a slash", "Experience in low-level C/C++ design.", "cpp"},
		{"C / C++ spaced", "Strong C / C++ skills.", "c"},
		{"Go in a comma-less stack line", "Stack: Go Postgres Kubernetes", "go"},
		{"Go first in a pipe stack line", "Tech stack: Go | Postgres | Kubernetes", "go"},
		{"tokenised .NET", "Backend in C# and . NET Core.", "dotnet"},
		{"C++ with a version", "Modern C++17 and CMake.", "cpp"},
		{"C++ with an old version", "Maintain C++03 code.", "cpp"},
		{"Python with a version", "Services in Python3.", "python"},
		{"Python with a dotted version", "Services in Python3.11 and Go.", "python"},
		{".NET after a comma", "Nice-to-Have: edge design, .NET ecosystem (C#, EF).", "dotnet"},
		{"TS in a stack list", "Stack: React/TS, Node, Postgres.", "typescript"},
		// hn-47604635 (blind), hn-48008420 (unlabelled).
		{"a relational database, singular", "Strong OOP fundamentals and relational database experience", "databases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := mentionOf(g.TagDocument(tt.doc), tt.id); !ok {
				t.Errorf("%q: no %s; got %v", tt.doc, tt.id, ids(g.TagDocument(tt.doc)))
			}
		})
	}
}

// TestLevelsWithoutHeadings: where no heading decides, the sentence does
// (issue #11): what the candidate has or must bring is required, a stack
// or what the company uses is mentioned, and a company or product
// description is never a requirement; the reason is kept.
func TestLevelsWithoutHeadings(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, doc, id string
		level         skillpulse.Level
		reason        skillpulse.LevelReason
	}{
		{"you have N+ years with", "You have 5+ years with Terraform.", "terraform", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"you possess expertise", "You possess expertise in Kubernetes operations.", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"we expect", "We expect fluency in Go.", "go", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"you should have", "You should have experience working with OpenTelemetry traces.", "opentelemetry", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"stack line", "Stack: Go, Postgres, Kubernetes.", "postgresql", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"a stack line under requirements is a stack line", "Requirements:\n- 5+ years of Go\nStack: Go, Rust, Postgres.\n", "rust", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"we use", "We use Terraform and Ansible.", "ansible", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"company description with a strong word", "We value a trunk-based workflow, comprehensive testing and a solid CI/CD pipeline.", "ci-cd", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"product description that requires", "We build data centers for the hospitals that require Azure.", "azure", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// hn-47344076: someone else's need asks nothing of the candidate.
		{"others who require", "The foundation we built gives us an edge over legacy players who require complex Snowflake integrations.", "snowflake", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"company asking is not a description", "We're looking for strong Rust engineers.", "rust", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"as required asks nothing", "Develop infrastructure as code as required.", "iac", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a heading decides", "Requirements:\n- Linux\n", "linux", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a parenthesis decides", "Requirements:\n- GCP (preferred) and AWS\n", "gcp", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a parenthesis right after a skill is its own", "Requirements:\n- GCP (preferred) and AWS\n", "aws", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a cue in a parenthesis is for what it names", "You have: experience with Node.js (React is a plus).", "react", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"and not for the clause around it", "You have: experience with Node.js (React is a plus).", "nodejs", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"preferably inside a parenthesis", "Required Technical Skills:\n- NoSQL (preferably MongoDB)\n", "nosql", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a parenthesis ending the bullet is the bullet's", "Requirements:\n- Hands-on experience with GCP (primary), AWS or Azure (preferred).\n", "gcp", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"valuable is a preference", "Experience with Flink or Spark would also be valuable.", "flink", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-47978470: a header's parenthesis split by a comma keeps its
		// cue for what it names.
		{"a cue inside a header's parenthesis", "100 BLVD | Data Engineer (ETL, SQL, Power BI) | Remote (NJ in the US, Eastern time overlap required) | Contract to hire", "sql", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// hn-46976827: a parenthesis a semicolon split keeps its cue.
		{"a cue after a semicolon in a parenthesis", "Stack: Go, PostgreSQL (plus some AWS/Kubernetes; DynamoDB familiarity is a bonus)", "dynamodb", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a list in a parenthesis closed by a cue", "Experience with cloud (GCP, AWS, Azure) is a plus.", "aws", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-47677567, hn-47225025: skilled or experienced in asks.
		{"seeking someone skilled in", "We're seeking someone skilled in R and SAS programming.", "r-lang", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"if you're experienced in", "If you're experienced in building Kubernetes operators, reach out.", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a background that is a plus", "Background in databases, text processing, or search engines is a plus.", "databases", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-47665764, hn-46873054: comfort of any kind asks.
		{"you should be comfortable setting up", "You should be comfortable setting up cloud infrastructure from zero.", "cloud", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"comfortable at the intersection", "We want a builder who is comfortable at the intersection of C++ and embedded Linux.", "linux", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46467458: a list typed into a comment is lines of one HTML
		// paragraph; each line is an item of its own, and the cue of one
		// ("Who are you: ... You have proven experience") does not govern
		// the others.
		{"a typed list's lines are items", "Acme | Eng<p>Senior AI engineer (NYC)<p>- Architect RAG systems.\n- Develop frameworks connecting LLMs to decisions.\n- You have proven experience shipping.", "llm", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a typed list under its label", "Acme | Eng<p>Must have: Python, SQL and a love of clean code\n- Kubernetes in production\n- Terraform", "terraform", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a typed list under a cued intro", "Acme | Eng<p>You should be comfortable with:\n- Kubernetes in production\n- Terraform", "terraform", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"the label's list ends at the next paragraph", "Acme | Eng<p>Must have: Python, SQL and a love of clean code\n- Kubernetes<p>We run Terraform.", "terraform", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"an HTML list under a cued intro", "Acme | Eng<p>You should be comfortable with:<ul><li>Terraform</li></ul>", "terraform", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		// hn-47723411: where no heading decides, an item that opens with
		// the candidate's experience or knowledge is a requirement; a cue
		// of another clause, or a heading, decides before it
		// (fixture:lever/postings_yassir_infra_subset.json, dev).
		{"an item opening with experience", "Acme | Eng<p>We build things.<p>- Strong full-stack fluency\n- Experience with GraphQL and modern application architecture", "graphql", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"an experienced team is no requirement", "Remote, B2B, stock options, experienced Clojure team.", "clojure", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"knowledge of opens a requirement", "Knowledge of Terraform.", "terraform", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a closing preference wins over the opening", "Experience with ElasticSearch, LogStash, and Kibana is a plus", "elk", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a preference heading wins over the opening", "Nice to have:\n- Experience with Terraform\n", "terraform", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		// Unlabelled HN comments (hn-47978222, hn-47976200, hn-47605285,
		// hn-46858032): what the role will do or give, someone else's
		// need, and the company's voice after "Here at <Name>".
		{"the role will own, with a strong word", "The Data Engineer will own the reliability of these pipelines while ensuring strong data quality and security practices.", "security", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"you will build, with a strong word", "You will build strong Kubernetes operators.", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"you will need asks", "You will need strong Kubernetes skills.", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"experience you'll get is no requirement", "You'll get hands-on experience with our modern data stack (Postgres, ClickHouse).", "clickhouse", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"information required to do something", "AI agents can't find the background information required to accomplish tasks with LLMs.", "llm", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"you are required to", "You are required to know Terraform.", "terraform", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"here at the company, we", "Here at Hearst we've been building out generative AI use cases and fluency across our businesses.", "llm", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"at the company, we want", "At Acme, we want strong Go engineers.", "go", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-47602168, hn-47977643 (unlabelled): a header line's fields
		// are read apart; one field's cue says nothing of the others.
		{"a header field's cue stays in its field", "Anduril | Full Stack Engineer | Costa Mesa, CA ideally, (would consider remote) | JavaScript, React, Node", "react", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a header field's own cue", "Acme | Engineer | Go required | Remote", "go", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46859130, hn-46914248 (unlabelled): a preferred cue that
		// opens what it governs closes no list before it.
		{"exposure to closes no list", "Tech stack: Go microservices, DynamoDB, redis, some exposure to rails + postgres", "dynamodb", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"exposure to governs what follows", "Tech stack: Go microservices, DynamoDB, redis, some exposure to rails + postgres", "postgresql", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a plus still closes a list", "Terraform, Ansible or Chef is a plus.", "terraform", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-46858205 (unlabelled): a closing cue closes the list even in
		// a clause that opens with a conjunction and another cue.
		{"a plus after interest in closes the list", "-Have experience with AI-driven workflows, prompt engineering, or interest in developer tooling is a plus", "llm", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"ideally opening a clause closes nothing", "We deploy to AWS, ideally with ECS.", "aws", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// hn-47641935 (unlabelled): an interest in the job is no
		// preference for a skill.
		{"interested in joining", "If you are passionate about Java development and interested in joining a fintech venture, we would love to hear from you.", "java", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"interested in a skill", "Engineers interested in DevOps welcome.", "devops", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-48001984, hn-48010560, hn-47277766, hn-46542208 (unlabelled):
		// the company's voice with a curly apostrophe, and what still asks
		// in it; what the role is not for.
		{"the company's voice with a curly apostrophe", "We’ve hit serious scale while keeping the team unusually strong and technical: Stanford LLM researchers.", "llm", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"a big plus asks in the company's voice", "We’re language agnostic but strong Python and ML experience is a big plus.", "python", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"the company hoping asks", "We’re hoping candidates are already familiar with Claude Code.", "claude-code", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"not a fit if asks nothing", "Acme | PM<p>Not a fit if: you’re a process-only / Jira-first / bigco PM.", "jira", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		// hn-47754096, hn-47979213, hn-47988194 (unlabelled): wanted but
		// not required is a preference.
		{"beneficial but not required", "Familiarity with our tech stack (Golang, React, PostgreSQL) is beneficial but not required", "postgresql", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-46886146, hn-46551339 (unlabelled): knowing it or learning it.
		{"knows it or is eager to learn it", "What we look for:\n- knows Elixir or is eager to learn it\n", "elixir", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"experience or a desire to learn", "We're looking for engineers with experience in Rust or a desire to learn.", "rust", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// hn-47976228 (unlabelled): an optional ask after required ones.
		{"optionally some experience", "We are looking for a senior engineer with at least ten years of full stack experience, a strong focus on product and UX, and optionally some experience building LLM based products.", "llm", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"bonuses but not required", "Experience with EMR software, HIPAA, or SQL are bonuses but not required.", "sql", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"preferred but not required", "Go is preferred but not required.", "go", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"not required alone asks nothing", "Kubernetes experience is not required.", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		// hn-47225051, hn-47979929 (unlabelled): years ago are a time; a
		// role's label before its duties.
		{"years ago are no experience", "Since I joined 6 years ago, I've been coding our Ruby on Rails and React platform.", "react", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a duty after a role's label", "$180k-220k: Own end-to-end LLM product surfaces with strong Python.", "python", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a requirement after a label", "Backend: strong Python required.", "python", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46872867 (dev): a duty's required words describe the work.
		{"a duty with a strong word", "• Operate and improve production systems with strong observability", "observability", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a duty's years still ask", "Build pipelines, 5+ years of Kafka", "kafka", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a strong skill that opens no duty", "Strong Python and solid Kubernetes.", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46469865, hn-46858035: a list run into one line with spaced
		// dashes is a list; each item keeps its own cue.
		{"a dashed list's items", "Work: - FastAPI, async Python, Supabase - Designing APIs and data models - Strong Kubernetes skills", "fastapi", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a dashed list's cued item", "Work: - FastAPI, async Python, Supabase - Designing APIs and data models - Strong Kubernetes skills", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a dashed list under a role line", "Founding Staff Engineer - 8+ years experience shipping systems - Experience with Terraform", "terraform", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a dashed list under a cued head", "We'd love engineers interested in - Governance tooling - SDK writing in TypeScript or Rust", "rust", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"a dash in prose is no list", "We run Go - and only Go - in production.", "go", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// hn-46878279: "Ideal background:" heads what the candidate brings.
		{"an ideal background heading", "Acme | Eng<p>Tech stack:\nAzure, Postgres<p>Ideal background:\n- Experience with Terraform (Azure preferred)", "terraform", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		// hn-46466223: a candidate who will play a role is no requirement.
		{"what the successful candidate will do", "The successful candidate will play a leadership role, teaching cloud computing.", "cloud", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// Unlabelled HN comments: the candidate the company wants.
		{"the ideal candidate will have", "The ideal candidate will have experience with C, Python, Git, and open-source development.", "git", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"the candidate would have", "The successful candidate would have experience working with large Python codebases.", "python", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46504484: the company describes itself, then asks.
		{"a later clause asks after the company's voice", "Our team is small and polyglot, but experience with TypeScript is a must.", "typescript", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a later clause in the company's voice still asks nothing", "We build on Kubernetes, but we use strong typing in Go.", "go", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"the company's own clause stays a description", "Our platform needs strong Kafka skills to scale.", "kafka", skillpulse.LevelMentioned, skillpulse.ReasonCue},
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

// TestCompanyNameIsNoMention: the hiring company's own name (a header
// line's company field, or Posting.Company) names the employer, not a
// skill asked for, even when a skill has that name; other skills, and the
// name inside a longer alias, stay.
func TestCompanyNameIsNoMention(t *testing.T) {
	g := newTestTagger(t)
	tags := g.TagDocument("Supabase | Customer Reliability Engineer | Remote\n\nSupabase is the Postgres development platform. You know Postgres well.")
	if _, ok := mentionOf(tags, "supabase"); ok {
		t.Errorf("the company's name tagged as a skill: %v", ids(tags))
	}
	if _, ok := mentionOf(tags, "postgresql"); !ok {
		t.Errorf("postgres lost: %v", ids(tags))
	}
	p := &skillpulse.Posting{Title: "Backend Engineer", Company: "Temporal Technologies (YC W20)",
		Description: "Temporal builds durable execution. You know Go and Temporal workflows."}
	if _, ok := mentionOf(g.Tag(p), "temporal"); ok {
		t.Errorf("Posting.Company's short form tagged as a skill: %v", ids(g.Tag(p)))
	}
	p.Company = "Acme"
	if _, ok := mentionOf(g.Tag(p), "temporal"); !ok {
		t.Errorf("another company's posting lost Temporal: %v", ids(g.Tag(p)))
	}
	// hn-46860156, hn-47977849 (unlabelled): a skill's name inside the
	// company's name of several words names the employer too.
	if tags := g.TagDocument("Loki Robotics | Robotics Engineer | Remote\n\nLoki Robotics builds warehouse robots in Python."); len(tags.Mentions) != 1 || tags.Mentions[0].SkillID != "python" {
		t.Errorf("a word of the company's name tagged as a skill: %v", ids(tags))
	}
	if _, ok := mentionOf(g.TagDocument("Coalition Security | Security Engineer | Remote"), "security"); !ok {
		t.Errorf("the role's own security lost beside the company's name")
	}
	google := &skillpulse.Posting{Title: "Cloud Engineer", Company: "Google", Description: "Experience with Google Cloud Platform."}
	if _, ok := mentionOf(g.Tag(google), "gcp"); !ok {
		t.Errorf("an alias longer than the company's name lost: %v", ids(g.Tag(google)))
	}
	for _, tt := range []struct {
		w, company string
		want       bool
	}{
		{"Flux", "Flux.ai", true}, {"OpenVPN", "OpenVPN Inc.", true}, {"Temporal", "Temporal Technologies", true},
		{"flux", "Flux (YC W21)", true}, {"Go", "Gopher Labs", false}, {"Temporal", "Acme", false},
	} {
		if got := newCompanyNames(tt.company).is(tt.w); got != tt.want {
			t.Errorf("newCompanyNames(%q).is(%q) = %v", tt.company, tt.w, got)
		}
	}
}

// TestTitledSectionDecides: a section the posting titled (a board's list
// heading) decides its items' level even when no heading list knows the
// title, so an item opening with "Experience" there is what the section
// says (fixture:lever/postings_yassir_infra_subset.json, dev: "Owner of
// these projects").
func TestTitledSectionDecides(t *testing.T) {
	g := newTestTagger(t)
	p := &skillpulse.Posting{Title: "Backend Engineer", Sections: []skillpulse.Section{
		{Heading: "Owner of these projects", Body: "<li>Experience providing technical leadership, and mentoring others</li>"},
	}}
	m, ok := mentionOf(g.Tag(p), "mentoring")
	if !ok || m.Level != skillpulse.LevelMentioned || m.Reason != skillpulse.ReasonHeading {
		t.Errorf("mentoring = %+v (found %v), want mentioned by the section's heading", m, ok)
	}
}
