package extract

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// newTestTagger builds a tagger from the embedded taxonomy once per test.
func newTestTagger(tb testing.TB) *Tagger {
	tb.Helper()
	tx, err := DefaultTaxonomy()
	if err != nil {
		tb.Fatalf("default taxonomy: %v", err)
	}
	return NewTagger(tx)
}

func mentionOf(tags skillpulse.Tags, id string) (skillpulse.Mention, bool) {
	for _, m := range tags.Mentions {
		if m.SkillID == id {
			return m, true
		}
	}
	return skillpulse.Mention{}, false
}

func ids(tags skillpulse.Tags) []string {
	var out []string
	for _, m := range tags.Mentions {
		out = append(out, m.SkillID+":"+m.Level.String())
	}
	return out
}

// TestAmbiguousNames checks each ambiguous name in a sentence where it is
// the skill and one where it is not.
func TestAmbiguousNames(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name string
		doc  string
		id   string
		want bool
	}{
		{"Go in a language list", "We write services in Go, Python and Rust.", "go", true},
		{"Golang lower-case", "Experience with golang microservices.", "go", true},
		{"Go at sentence start as language", "Go is our main language.", "go", true},
		{"go to is the verb", "Go to our careers page to learn more about the team.", "go", false},
		{"go-live is not Go", "You will own the Go-Live checklist for every launch.", "go", false},
		{"go-live lower-case", "Support the go-live of new services.", "go", false},
		{"on the go", "Snacks on the Go for everyone in the office.", "go", false},
		{"let's Go", "Sounds good? Let's Go!", "go", false},
		{"Google is not Go", "Experience with Google products and Gopher mascots.", "go", false},
		{"go-to-market", "Partner with our go-to-market team.", "go", false},
		{"C in a language list", "Systems programming in C, C++ or Rust.", "c", true},
		{"C after in", "Kernel modules written in C.", "c", true},
		{"C slash C++", "Experience with C/C++ toolchains.", "c", true},
		{"C++ is not C", "Modern C++ experience required.", "c", false},
		{"C++ is C++", "Modern C++ experience required.", "cpp", true},
		{"C# is not C", "Backend in C# and .NET.", "c", false},
		{"C# is csharp", "Backend in C# and .NET.", "csharp", true},
		{".NET keeps its dot", "Backend in C# and .NET.", "dotnet", true},
		{"Series C is not C", "We raised our Series C, and Python is our stack.", "c", false},
		{"C-level is not C", "You will present to C-level executives alongside Go engineers.", "c", false},
		{"R in a list", "Analysis in Python or R.", "r-lang", true},
		{"R&D is not R", "Our R&D team uses Python.", "r-lang", false},
		{"Chef the tool", "Configuration management with Chef or Ansible.", "chef", true},
		{"chef the cook", "Our head Chef cooks lunch every day.", "chef", false},
		{"chef with food", "A private Chef prepares meals in the office.", "chef", false},
		{"Puppet the tool", "Puppet and Ansible for configuration.", "puppet", true},
		{"puppet lower-case", "Don't be a puppet of process.", "puppet", false},
		{"Salt the tool", "Salt states for our fleet.", "salt", true},
		{"SaltStack", "We use saltstack.", "salt", true},
		{"with Salt", "Deploy it with Salt.", "salt", true},
		{"salt and pepper", "Season with Salt and pepper.", "salt", false},
		{"Salt Lake City", "Office in Salt Lake City, Utah.", "salt", false},
		// google-job-skills-row132, hn-47634597, hn-47976903
		{"MCP among certifications", "One or more of the following certifications: CISA; CISM; ITILv3; MCP; MCSE; CAMP.", "mcp", false},
		{"MCP the protocol", "Bonus if you have experience with agentic systems or MCP.", "mcp", true},
		{"MCP in a stack list", "Stack: Python, React, FastAPI, Postgres, AWS, MCP, RAG, OLAP.", "mcp", true},
		{"CUDA is not MLOps", "Modern C++ with CUDA kernels on Jetson.", "mlops", false},
		{"CUDA is CUDA", "Modern C++ with CUDA kernels on Jetson.", "cuda", true},
		{"SOPs are procedures", "Write Standard Operating Procedures (SOPs) for the team.", "sops", false},
		{"Copilot inside Microsoft 365", "Software Engineer II on the M365 Copilot team.", "github-copilot", false},
		{"Helm the tool", "Package services with Helm.", "helm", true},
		{"Helm charts", "Write Helm charts for every service.", "helm", true},
		{"at the helm", "Be at the helm of our infrastructure.", "helm", false},
		{"Vault the tool", "Secrets live in Vault.", "vault", true},
		{"HashiCorp Vault", "Experience with hashicorp vault.", "vault", true},
		{"bank vault", "Protect the bank Vault and the gold.", "vault", false},
		{"vault lower-case", "Documents go in the vault.", "vault", false},
		{"Consul the tool", "Service discovery with Consul.", "consul", true},
		{"consul general", "Meet the Consul General at the embassy.", "consul", false},
		{"Spark the engine", "Batch jobs on Spark and Kafka.", "spark", true},
		{"spark joy", "Tools that spark joy.", "spark", false},
		{"Spark the verb", "Ideas that will Spark innovation.", "spark", false},
		{"Swift the language", "iOS apps in Swift.", "swift", true},
		{"swift response", "Provide a Swift response to incidents.", "swift", false},
		{"Rust the language", "Services in Rust.", "rust", true},
		{"rust lower-case", "Skills that rust quickly.", "rust", false},
		{"Makefile", "Builds are driven by a Makefile.", "make", true},
		{"make the verb", "Make an impact and make decisions.", "make", false},
		{"Excel the tool", "Reporting in Excel.", "excel", true},
		{"excel the verb", "You will excel in a fast-paced environment.", "excel", false},
		{"Terraform", "Infrastructure in Terraform.", "terraform", true},
		{"Terraform Cloud wins", "Runs on Terraform Cloud.", "terraform-cloud", true},
		{"Terraform Cloudflare keeps Terraform", "Terraform Cloudflare provider.", "terraform", true},
		{"Terraform Cloudflare is not Terraform Cloud", "Terraform Cloudflare provider.", "terraform-cloud", false},
		{"URL is not a mention", "See https://github.com/acme/kubernetes-operator for details.", "kubernetes", false},
		{"bare domain is not a mention", "Read more at docker.acme.io today.", "docker", false},
		{"e-mail is not a mention", "Write to python-jobs@acme.com today.", "python", false},
		{"apply on GitHub", "Apply on GitHub by opening a pull request.", "github", false},
		{"how to apply", "To apply, open an issue on GitHub.", "github", false},
		{"apply a patch is work", "You will apply Ansible playbooks to RHEL hosts.", "rhel", true},
		{"equipment", "You choose macOS or Windows for your laptop.", "windows", false},
		{"equipment macOS", "You choose macOS or Windows for your laptop.", "macos", false},
		{"Windows Server", "Administer Windows Server and Active Directory.", "windows-server", true},
		{"Azure Key Vault is not HashiCorp Vault", "Manage Key Vault secrets.", "vault", false},
		{"our Vault is Vault", "You'll own our Vault setup.", "vault", true},
		{"Java is not JavaScript", "Frontend in JavaScript.", "java", false},
		{"k8s", "Run k8s clusters.", "kubernetes", true},
		{"kube", "Deep kube internals.", "kubernetes", true},
		{"social security", "We pay social security contributions.", "security", false},
		{"security", "Strong background in security and networking.", "security", true},
		{"Node the runtime", "Services in Node and Go.", "nodejs", true},
		{"node pools", "Manage Node pools on GKE.", "nodejs", false},
		{"dotted file name is not Go", "Edit main.go and go.mod.", "go", false},
		{"Hong Kong is not Kong", "Offices in Hong Kong and Singapore.", "api-gateway", false},
		{"Kong the gateway", "We run Kong in front of our APIs.", "api-gateway", true},
		{"Palo Alto the city", "Our office is in Palo Alto, CA.", "firewalls", false},
		// hn-47981353 (dev), hn-46859202: a header's place field.
		{"Palo Alto the city in a header field", "Acme | Engineer | Palo Alto, CA | Full-time", "firewalls", false},
		// Unlabelled Google postings (rows 320, 345, 958): agile the
		// adjective; takealot's "an Agile environment" (dev) the practice.
		{"ability to be agile", "Deep analytical skills, ability to be agile and willingness to roll up sleeves.", "agile", false},
		{"an agile mind set", "Strategic thought leadership, paired with agile mind set and can-do attitude.", "agile", false},
		{"agile partners", "Experience building partner ecosystems ranging from agile partners to global system integrators.", "agile", false},
		{"an agile environment", "Experience working in an Agile environment.", "agile", true},
		{"agile methodologies", "Experience with waterfall and agile project management methodologies.", "agile", true},
		// google-job-skills-row29 (dev): cloud as a field after "within".
		{"cloud as a field of work", "5 years of experience working within cloud and working with clients.", "cloud", true},
		{"cloud as a name after in", "Experience in Cloud Operations.", "cloud", false},
		{"cloud in a sentence", "Our data lives in cloud storage buckets.", "cloud", false},
		// hn-47975741, google-job-skills-row109 (unlabelled): a type system
		// or embedded hardware designed.
		{"type system design", "Type system design, compiler analyses and fine-tuning coding models.", "system-design", false},
		{"embedded systems design", "6 years of work experience in consumer electronics and/or embedded systems design.", "system-design", false},
		{"large scale systems design", "Large scale systems design experience.", "system-design", true},
		// Unlabelled Google postings (rows 1195, 1222, 183): physical
		// security, a manufactured product's configuration.
		{"security of events' protective services", "Manage vendors providing services including security, training, protective services and risk assessment.", "security", false},
		{"a campus's security", "Campus Security Manager", "security", false},
		{"configuration management of parts", "Support Bills of Materials, Engineering Change Orders and all other Configuration Management activities supporting NPI.", "configuration-management", false},
		{"configuration management of servers", "Configuration management of our Linux servers with Ansible.", "configuration-management", true},
		// Unlabelled Google postings (rows 588, 208, 1145, 1222).
		{"react the verb", "Engage with new clients and react to inbound customer requests.", "react", false},
		{"react the library in lower case", "Stack: react, node, postgres.", "react", true},
		{"SOC vendors are chip makers", "Experience with embedded systems while working with third-party vendors such as SOC vendors.", "incident-response-security", false},
		{"load balancing of a team's work", "Manage team metrics, load balancing, productivity benchmarks, and SLAs.", "load-balancing", false},
		{"load balancing of traffic", "Load balancing and DNS for our edge.", "load-balancing", true},
		{"access control of buildings", "Experience with security technologies including CCTV, Access Control, and Incident Management Systems.", "iam", false},
		{"access control of systems", "Design access control for our Kubernetes clusters.", "iam", true},
		// Unlabelled Google postings (rows 296, 737, 1247).
		{"the second R of R&R", "Experience of PFMEA, Gage R&R, Process Validation.", "r-lang", false},
		{"a Master of Fine Arts", "MFA degree in Design", "mfa", false},
		{"MFA the authentication", "Roll out SSO and MFA for every employee.", "mfa", true},
		{"an office's security beside its reception", "Oversee workplace services including reception, events, space planning, security and ticketing.", "security", false},
		{"Palo Alto after another city", "Acme | Engineer | San Francisco/Palo Alto | Full-time", "firewalls", false},
		{"Palo Alto the vendor", "Manage Palo Alto and Fortinet firewalls.", "firewalls", true},
		{"Juniper Lane", "Juniper Lane is a design studio.", "cisco", false},
		{"make it support", "Extend the CLI to make it support plugins.", "itsm-support", false},
		{"confluence of", "At the confluence of retail and logistics.", "jira", false},
		{"shipping containers", "We track shipping containers across ports.", "containers", false},
		{"storage, containers", "Experience with compute, storage, containers and networking.", "containers", true},
		{"Red Sox", "Go Red Sox! Tickets for the team.", "compliance", false},
		{"SOX audits", "Support SOX audits.", "compliance", true},
		{"tech wiz", "You are a Kubernetes wiz.", "cspm", false},
		{"Colorado abbreviation", "Based in Denver, Colo. since 2010.", "bare-metal", false},
		{"colo", "Servers in two colos.", "bare-metal", true},
		{"soar verb", "Watch our revenue soar.", "soar", false},
		{"NIC queues are not message queues", "Tune NIC queues for throughput.", "message-queues", false},
		// Fifth pass, unlabelled postings: a clearance to undergo
		// (hn-46553199), a growth funnel's "performance optimization"
		// (google-job-skills-row625), a fund's stress testing (row996).
		{"security as a field that asks for a clearance", "Security: Willing to undergo clearance", "security", false},
		{"security as a skill beside a clearance", "Strong background in security; US citizens able to obtain a clearance.", "security", true},
		{"performance optimization of a growth funnel", "Partner with research and analytics teams to identify growth initiatives, drive learnings and performance optimization to increase user acquisition, engagement and retention.", "performance-tuning", false},
		{"performance optimization of software", "Memory safety and performance optimization.", "performance-tuning", true},
		{"stress testing of portfolios", "Establish sound risk management practices, including setting appropriate risk constraints, stress testing and backtesting portfolios.", "capacity-planning", false},
		{"stress testing of services", "Run stress testing of our APIs before each launch.", "capacity-planning", true},
		// hn-46857875 (unlabelled): a borehole's logging.
		{"borehole logging", "Our software handles borehole logging, lab testing, CPT data, and PDF digitization.", "observability", false},
		{"well logging", "Tools for well-logging data in oil and gas.", "observability", false},
		{"core logging of software", "Build our core logging pipeline on Kafka.", "observability", true},
		{"logging after a list", "Metrics as well as logging and tracing.", "observability", true},
		// hn-47976439, hn-47603440 (unlabelled): signing in, an idiom.
		{"users logging into platforms", "Instead of users logging into platforms, platforms should request access.", "observability", false},
		{"logging into a pipeline of software", "Ship logging in Go services to Loki.", "observability", true},
		{"battle hardening a pipeline", "You will be responsible for scaling, tuning and battle hardening our pipeline.", "security", false},
		{"hardening of systems", "Linux hardening and patching.", "security", true},
		// hn-46920617, hn-47230454 (unlabelled): a nation's security and
		// a utility's infrastructure watched are no systems monitoring.
		{"monitoring AI for national security risks", "Our mandate includes monitoring frontier AI for national security risks.", "observability", false},
		{"monitoring critical infrastructure from satellites", "Protecting power grids, monitoring critical infrastructure, and ensuring compliance.", "observability", false},
		{"monitoring of security events", "Own monitoring of security events across our fleet.", "observability", true},
		{"monitoring of cloud infrastructure", "Monitoring of our cloud infrastructure and on-call.", "observability", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := mentionOf(g.TagDocument(tt.doc), tt.id)
			if got != tt.want {
				t.Errorf("%q: mention of %s = %v, want %v (got %v)", tt.doc, tt.id, got, tt.want, ids(g.TagDocument(tt.doc)))
			}
		})
	}
}

func TestLevels(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name string
		doc  string
		id   string
		want skillpulse.Level
	}{
		{"requirements heading", "Requirements:\n- Kubernetes\n", "kubernetes", skillpulse.LevelRequired},
		{"what you'll need", "## What you'll need\n- Experience with Terraform\n", "terraform", skillpulse.LevelRequired},
		{"qualifications caps", "QUALIFICATIONS\nLinux administration\n", "linux", skillpulse.LevelRequired},
		{"must have", "Must have:\n- Python\n", "python", skillpulse.LevelRequired},
		{"nice to have", "Nice to have:\n- Experience with Ansible\n", "ansible", skillpulse.LevelPreferred},
		{"bonus", "Bonus points:\n- Rust\n", "rust", skillpulse.LevelPreferred},
		{"preferred qualifications", "Preferred Qualifications:\n- Azure\n", "azure", skillpulse.LevelPreferred},
		{"pluses", "Pluses:\n- Kafka\n", "kafka", skillpulse.LevelPreferred},
		{"responsibilities", "Responsibilities:\n- Operate our Kafka clusters\n", "kafka", skillpulse.LevelMentioned},
		{"about us", "About us:\nWe run everything on AWS.\n", "aws", skillpulse.LevelMentioned},
		{"benefits", "Benefits:\n- Free Docker stickers\n", "docker", skillpulse.LevelMentioned},
		{"no heading", "We run everything on AWS.", "aws", skillpulse.LevelMentioned},
		{"must cue in responsibilities", "Responsibilities:\n- You must know Terraform inside out\n", "terraform", skillpulse.LevelRequired},
		{"years cue", "Responsibilities:\n- 3+ years of Go\n", "go", skillpulse.LevelRequired},
		{"strong cue", "Strong Python skills.", "python", skillpulse.LevelRequired},
		{"proficiency cue", "Proficiency in Bash.", "bash", skillpulse.LevelRequired},
		{"required cue stays preferred in bonus", "Bonus:\n- Prometheus expertise\n- 5+ years of Rust\n", "rust", skillpulse.LevelPreferred},
		{"required cue upgrades responsibilities", "Responsibilities:\n- Strong Go\n", "go", skillpulse.LevelRequired},
		{"a plus cue in requirements", "Requirements:\n- Experience with Datadog is a plus\n", "datadog", skillpulse.LevelPreferred},
		{"familiarity cue", "Requirements:\n- Familiarity with Grafana\n", "grafana", skillpulse.LevelPreferred},
		{"exposure cue", "Exposure to Prometheus.", "prometheus", skillpulse.LevelPreferred},
		{"ideally cue", "Ideally you know Pulumi.", "pulumi", skillpulse.LevelPreferred},
		{"negation", "Requirements:\n- No Kubernetes experience needed\n", "kubernetes", skillpulse.LevelMentioned},
		{"not required", "Requirements:\n- Go experience is not required\n", "go", skillpulse.LevelMentioned},
		{"strongest wins", "We use Redis.\nRequirements:\n- Redis\n", "redis", skillpulse.LevelRequired},
		{"clause split", "Strong Python required; Go is a plus.", "go", skillpulse.LevelPreferred},
		{"clause split keeps required", "Strong Python required; Go is a plus.", "python", skillpulse.LevelRequired},
		{"closing cue covers the list", "Terraform, Ansible, or Chef is a plus.", "terraform", skillpulse.LevelPreferred},
		{"opening cue covers only its clause", "Requirements:\n- Hands-on AWS experience, ideally with ECS\n", "aws", skillpulse.LevelRequired},
		{"opening cue covers its clause", "Requirements:\n- Hands-on AWS experience, ideally with ECS\n", "ecs", skillpulse.LevelPreferred},
		{"local parenthesis", "Requirements:\n- Hands-on GCP (preferred) and AWS\n", "gcp", skillpulse.LevelPreferred},
		{"local parenthesis other skill", "Requirements:\n- Hands-on GCP (preferred) and AWS\n", "aws", skillpulse.LevelRequired},
		{"html h2", "<h2>Requirements</h2><ul><li>Ansible</li></ul>", "ansible", skillpulse.LevelRequired},
		{"text heading without colon", "What you'll own\n* Jenkins\nWhat you'll need\n* Solid Python\nBonus\n* Docker\n", "docker", skillpulse.LevelPreferred},
		{"short text line is not a heading", "Requirements:\nKubernetes and Helm\n", "kubernetes", skillpulse.LevelRequired},
		{"html bold paragraph heading", "<p><strong>Nice to have</strong></p><ul><li>Istio</li></ul>", "istio", skillpulse.LevelPreferred},
		{"html inline label", "<p><strong>Requirements:</strong> Linux and Bash.</p>", "bash", skillpulse.LevelRequired},
		{"sub-heading keeps section", "Requirements:\n**Cloud**\n- AWS\n", "aws", skillpulse.LevelRequired},
		{"the company's clause stays mentioned", "We use ClickHouse, but experience with Flink, Spark or Cassandra would also be valuable.", "clickhouse", skillpulse.LevelMentioned},
		{"a closing cue skips the company's clause", "We use ClickHouse, but experience with Flink, Spark or Cassandra would also be valuable.", "flink", skillpulse.LevelPreferred},
		{"a spaced dash splits clauses", "Strong Rust required — distributed systems experience a big plus.", "rust", skillpulse.LevelRequired},
		{"accepted is not asked", "C# preferred, Java or Python ok.", "java", skillpulse.LevelMentioned},
		{"accepted leaves the preference", "C# preferred, Java or Python ok.", "csharp", skillpulse.LevelPreferred},
		{"accepted under requirements", "Requirements:\n- GCP experience. AWS is fine too.\n", "aws", skillpulse.LevelRequired},
		{"the candidate described", "What you'll do:\n- You understand CI/CD for AI systems.\n", "ci-cd", skillpulse.LevelRequired},
		{"an HTML paragraph heading", "Acme | Eng<p>Requirements<p>- Terraform in production<p>Stack<p>Go", "terraform", skillpulse.LevelRequired},
		{"an HTML paragraph heading ends the section", "Acme | Eng<p>Requirements<p>- Terraform in production<p>Stack<p>Go", "go", skillpulse.LevelMentioned},
		{"a requirement is no paragraph heading", "Acme | Eng<p>What you'll do<p>- DevOps experience<p>- Run Kafka", "kafka", skillpulse.LevelMentioned},
		{"a heading opening inline bullets", "Acme | Eng<p>What you’ll do<p>• Operate systems<p>What we’re looking for\n• 5+ years of Python<p>• Experience with FastAPI<p>Stack<p>Go", "fastapi", skillpulse.LevelRequired},
		{"comfort working cue", "Familiarity with Postgres, and comfort working in Rust.", "rust", skillpulse.LevelRequired},
		{"valuable asks in the company's voice", "We think Terraform experience would be valuable.", "terraform", skillpulse.LevelPreferred},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.doc)
			m, ok := mentionOf(tags, tt.id)
			if !ok {
				t.Fatalf("%q: no mention of %s (got %v)", tt.doc, tt.id, ids(tags))
			}
			if m.Level != tt.want {
				t.Errorf("%q: %s level = %v, want %v", tt.doc, tt.id, m.Level, tt.want)
			}
		})
	}
}

func TestYears(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name      string
		doc       string
		id        string // "" checks role-level Tags.Years
		want      int
		wantLevel skillpulse.Level
	}{
		{"plus years", "5+ years of experience with Kubernetes.", "kubernetes", 5, skillpulse.LevelRequired},
		{"range takes lower bound", "3-5 years of Python experience.", "python", 3, skillpulse.LevelRequired},
		{"en dash range", "3–5 years with Terraform.", "terraform", 3, skillpulse.LevelRequired},
		{"spelled out", "Five years of Linux administration.", "linux", 5, skillpulse.LevelRequired},
		{"at least", "At least two years of Kubernetes.", "kubernetes", 2, skillpulse.LevelRequired},
		{"role level", "7+ years of professional experience.\nWe use Go.", "", 7, 0},
		{"role level with umbrella only", "5+ years of experience in cloud infrastructure, SRE, or platform operations.", "", 5, 0},
		{"skill years do not set role years", "4+ years of Ansible.", "", 0, 0},
		{"capped at 30", "50 years of experience with COBOL and Linux.", "linux", 30, skillpulse.LevelRequired},
		{"no years", "Kubernetes experience.", "kubernetes", 0, 0},
		{"years ago is not experience", "Founded 10 years ago, we run on AWS.", "aws", 0, 0},
		// hn-47344076: a company's history, not experience asked.
		{"a stretch of time is not experience", "The foundation that we've built over the past 5 years - building on top of data warehouses like Snowflake.", "snowflake", 0, skillpulse.LevelMentioned},
		{"the last years are not experience", "In the last two years we moved to Kubernetes.", "kubernetes", 0, skillpulse.LevelMentioned},
		{"plus without experience word", "2+ years supporting workloads in AWS.", "aws", 2, skillpulse.LevelRequired},
		{"clause keeps its years", "3+ years in security operations, comfortable writing Python.", "python", 0, skillpulse.LevelRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.doc)
			if tt.id == "" {
				if tags.Years != tt.want {
					t.Errorf("%q: role years = %d, want %d", tt.doc, tags.Years, tt.want)
				}
				return
			}
			m, ok := mentionOf(tags, tt.id)
			if !ok {
				t.Fatalf("%q: no mention of %s (got %v)", tt.doc, tt.id, ids(tags))
			}
			if m.Years != tt.want {
				t.Errorf("%q: %s years = %d, want %d", tt.doc, tt.id, m.Years, tt.want)
			}
			if tt.wantLevel != 0 && m.Level != tt.wantLevel {
				t.Errorf("%q: %s level = %v, want %v", tt.doc, tt.id, m.Level, tt.wantLevel)
			}
		})
	}
}

// TestImpliedCredit: a named skill's parents get implied credit, apart
// from the named skills, at the strongest level of what implies them; a
// parent the posting names keeps its own level and is not implied.
func TestImpliedCredit(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, doc string
		named     []string // id:level
		implied   []string // id:level:via,via
	}{
		{"EKS implies Kubernetes and AWS", "Requirements:\n- EKS\n", []string{"eks:required"},
			[]string{"aws:required:eks", "kubernetes:required:eks", "cloud:required:eks", "containers:required:eks"}},
		{"a named parent is not implied and keeps its level", "Requirements:\n- Kubernetes\nNice to have:\n- EKS\n",
			[]string{"kubernetes:required", "eks:preferred"}, []string{"containers:required:eks,kubernetes", "aws:preferred:eks", "cloud:preferred:eks"}},
		{"a parent asked for less strongly keeps its own level", "Nice to have: Kubernetes.\nRequirements:\n- EKS\n",
			[]string{"eks:required", "kubernetes:preferred"}, []string{"aws:required:eks", "cloud:required:eks", "containers:required:eks,kubernetes"}},
		{"TypeScript does not imply JavaScript", "Stack: TypeScript.", []string{"typescript:mentioned"}, nil},
		{"Linux does not imply Unix", "Requirements: Linux.", []string{"linux:required"}, []string{"os:required:linux"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.doc)
			var named, implied []string
			for _, m := range tags.Mentions {
				named = append(named, m.SkillID+":"+m.Level.String())
			}
			for _, m := range tags.Implied {
				implied = append(implied, m.SkillID+":"+m.Level.String()+":"+strings.Join(m.Via, ","))
			}
			slices.Sort(named)
			slices.Sort(implied)
			want, wantImplied := slices.Sorted(slices.Values(tt.named)), slices.Sorted(slices.Values(tt.implied))
			if !slices.Equal(named, want) || !slices.Equal(implied, wantImplied) {
				t.Errorf("%q:\n named %v, want %v\n implied %v, want %v", tt.doc, named, want, implied, wantImplied)
			}
		})
	}
}

func TestHTMLAndText(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name string
		doc  string
		want []string // id:level of the skills named, all of them, in order
	}{
		{"plain text", "Requirements:\n- Terraform\n- AWS\n", []string{"aws:required", "terraform:required"}},
		{"html", "<h3>Requirements</h3><ul><li>Terraform</li><li>AWS</li></ul>", []string{"aws:required", "terraform:required"}},
		{"escaped html once", "&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Terraform&lt;/li&gt;&lt;/ul&gt;", []string{"terraform:required"}},
		{"script and style dropped", "<style>.docker{}</style><script>var kubernetes=1</script><p>We use Ansible.</p>", []string{"ansible:mentioned"}},
		{"entities decoded", "<p>Terraform&nbsp;&amp;&nbsp;Ansible</p>", []string{"ansible:mentioned", "terraform:mentioned"}},
		{"lever bare li", "\n<li>Docker</li><li>Kubernetes</li>", []string{"docker:mentioned", "kubernetes:mentioned"}},
		{"hn comment", "Acme | SRE | Remote<p>We run Go on Kubernetes.<p>Requirements: Linux", []string{"linux:required", "go:mentioned", "kubernetes:mentioned", "sre:mentioned"}},
		{"inline middle-dot bullets", "<p>Stack · Go · Terraform · AWS</p>", []string{"aws:mentioned", "go:mentioned", "terraform:mentioned"}},
		{"inline round bullets", "<p>Stack • Go • Terraform • AWS</p>", []string{"aws:mentioned", "go:mentioned", "terraform:mentioned"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(g.TagDocument(tt.doc))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("%q:\n got %v\nwant %v", tt.doc, got, tt.want)
			}
		})
	}
}

func TestTagPosting(t *testing.T) {
	g := newTestTagger(t)
	p := &skillpulse.Posting{
		Title:       "Senior Site Reliability Engineer (Kubernetes)",
		Description: "<p>We run a large fleet on GCP.</p>",
		Sections: []skillpulse.Section{
			{Heading: "Requirements", Body: "<li>5+ years with Terraform</li><li>Python or Go</li>"},
			{Heading: "Nice to have", Body: "<li>Istio</li>"},
		},
	}
	tags := g.Tag(p)
	if tags.Seniority != skillpulse.SenioritySenior {
		t.Errorf("seniority = %v, want senior", tags.Seniority)
	}
	if tags.Language != "en" {
		t.Errorf("language = %q, want en", tags.Language)
	}
	want := map[string]skillpulse.Level{
		"kubernetes": skillpulse.LevelRequired, // title
		"sre":        skillpulse.LevelRequired, // title
		"terraform":  skillpulse.LevelRequired,
		"python":     skillpulse.LevelRequired,
		"go":         skillpulse.LevelRequired,
		"istio":      skillpulse.LevelPreferred,
		"gcp":        skillpulse.LevelMentioned,
	}
	for id, lvl := range want {
		m, ok := mentionOf(tags, id)
		if !ok || m.Level != lvl {
			t.Errorf("%s = %v (found %v), want %v; all %v", id, m.Level, ok, lvl, ids(tags))
		}
	}
	if m, _ := mentionOf(tags, "terraform"); m.Years != 5 {
		t.Errorf("terraform years = %d, want 5", m.Years)
	}
	// Sorted by level descending, then id.
	for i := 1; i < len(tags.Mentions); i++ {
		a, b := tags.Mentions[i-1], tags.Mentions[i]
		if a.Level < b.Level || a.Level == b.Level && a.SkillID >= b.SkillID {
			t.Errorf("mentions out of order at %d: %v then %v", i, a, b)
		}
	}
}

func TestSeniority(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		title string
		want  skillpulse.Seniority
	}{
		{"Senior Cloud Engineer", skillpulse.SenioritySenior},
		{"Sr. DevOps Engineer", skillpulse.SenioritySenior},
		{"Staff Platform Engineer", skillpulse.SeniorityStaff},
		{"Principal SRE", skillpulse.SeniorityPrincipal},
		{"Engineering Manager, Infrastructure", skillpulse.SeniorityManager},
		{"Head of Information Security", skillpulse.SeniorityManager},
		{"Tech Lead, Platform", skillpulse.SeniorityLead},
		{"Junior Systems Administrator", skillpulse.SeniorityJunior},
		{"Associate Platform Infrastructure Engineer", skillpulse.SeniorityJunior},
		{"Site Reliability Engineer II", skillpulse.SeniorityMid},
		{"Platform Engineer", skillpulse.SeniorityUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := g.seniorityOf(tt.title); got != tt.want {
				t.Errorf("seniorityOf(%q) = %v, want %v", tt.title, got, tt.want)
			}
		})
	}
}

func TestTagDocumentSeniority(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		doc  string
		want skillpulse.Seniority
	}{
		{"# Staff Platform Engineer\nWe run Kubernetes.", skillpulse.SeniorityStaff},
		{"<h1>Senior SRE</h1><p>Go and AWS.</p>", skillpulse.SenioritySenior},
		{"Requirements:\n- Senior-level Go", skillpulse.SeniorityUnknown},
		{"We run Kubernetes.", skillpulse.SeniorityUnknown},
		// Hacker News "Who is hiring" header lines: the role field is the title.
		{"Acme Corp | Senior Site Reliability Engineer | Remote (US) | $180k-$220k\n\nWe run Kubernetes on AWS.", skillpulse.SenioritySenior},
		{"Acme Corp | Staff Platform Engineer | ONSITE (Berlin)<p>We run Kubernetes on AWS.</p>", skillpulse.SeniorityStaff},
		{"Acme Corp | REMOTE | Principal SRE | Full-time\nGo and Terraform.", skillpulse.SeniorityPrincipal},
		{"# Acme | Junior DevOps Engineer | Remote", skillpulse.SeniorityJunior},
		{"Junior Linux Engineer | Kraków | Full time\n\nWe are a consultancy.", skillpulse.SeniorityJunior},
		{"Acme | Engineering Manager, Infrastructure | NYC\nWe run Kubernetes.", skillpulse.SeniorityManager},
		// The company field is not the role.
		{"Principal Financial | Platform Engineer | Des Moines, IA\nWe run Kubernetes.", skillpulse.SeniorityUnknown},
		{"Lead Bank | Site Reliability Engineer | Kansas City\nWe run Kubernetes.", skillpulse.SeniorityUnknown},
		// A short first line naming a role is the title.
		{"Senior Platform Engineer\n\nWe run Kubernetes.", skillpulse.SenioritySenior},
		{"<p>Lead SRE</p><p>We run Kubernetes.</p>", skillpulse.SeniorityLead},
		// Ordinary first sentences are not titles.
		{"Our senior engineers mentor everyone.\nWe run Kubernetes.", skillpulse.SeniorityUnknown},
		{"We are hiring a senior engineer to lead our platform team\nWe run Go.", skillpulse.SeniorityUnknown},
		{"Acme | Remote | Full-time\nSenior engineers mentor juniors here.", skillpulse.SeniorityUnknown},
		{"Senior leadership backs remote work | ask us about it\nWe run Go.", skillpulse.SeniorityUnknown},
		{"Staff picks | Our blog\nSenior SRE wanted.", skillpulse.SeniorityUnknown},
		{"Acme | Remote | We are looking for a senior engineer to own our Kubernetes clusters and the on-call rota\nGo.", skillpulse.SeniorityUnknown},
	}
	for _, tt := range tests {
		if got := g.TagDocument(tt.doc).Seniority; got != tt.want {
			t.Errorf("%q: seniority %v, want %v", tt.doc, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	g := newTestTagger(t)
	de := "Wir suchen eine DevOps Engineer (m/w/d) für unser Team in Berlin. Du bist verantwortlich für die Kubernetes Cluster und die CI/CD Pipelines mit GitLab. Wir bieten dir eine spannende Aufgabe und ein tolles Team, mit flexiblen Arbeitszeiten und der Möglichkeit, von zu Hause zu arbeiten."
	tags := g.TagDocument(de)
	if tags.Language != "de" {
		t.Errorf("language = %q, want de", tags.Language)
	}
	if len(tags.Mentions) != 0 {
		t.Errorf("non-English posting tagged: %v", ids(tags))
	}
	if got := g.TagDocument("We run Kubernetes on AWS and you will own it.").Language; got != "en" {
		t.Errorf("english language = %q", got)
	}
}

func TestEvidenceBounded(t *testing.T) {
	g := newTestTagger(t)
	long := "We use Kubernetes " + strings.Repeat("and ünïcödé words ", 100) + "daily."
	m, ok := mentionOf(g.TagDocument(long), "kubernetes")
	if !ok {
		t.Fatal("no kubernetes mention")
	}
	if n := utf8.RuneCountInString(m.Evidence); n > maxEvidence {
		t.Errorf("evidence is %d runes, want ≤ %d", n, maxEvidence)
	}
	if !utf8.ValidString(m.Evidence) {
		t.Errorf("evidence is not valid UTF-8: %q", m.Evidence)
	}
	if strings.Contains(m.Evidence, "  ") {
		t.Errorf("evidence whitespace not collapsed: %q", m.Evidence)
	}
}

func TestConcurrentUse(t *testing.T) {
	g := newTestTagger(t)
	doc := "Requirements:\n- 5+ years of Go and Kubernetes\n- Terraform on AWS\n"
	want := strings.Join(ids(g.TagDocument(doc)), " ")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := strings.Join(ids(g.TagDocument(doc)), " "); got != want {
					t.Errorf("concurrent result differs: %s vs %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestMaxInput checks that text past MaxInput is ignored, not read: the
// bound is what callers check input against.
func TestMaxInput(t *testing.T) {
	g := newTestTagger(t)
	pad := strings.Repeat("We value calm and written decisions. ", MaxInput/36)
	if got := ids(g.TagDocument("We run Kafka. " + pad)); !slices.Contains(got, "kafka:mentioned") {
		t.Errorf("skill within MaxInput lost: %v", got)
	}
	if got := ids(g.TagDocument(pad + " We run Kafka.")); slices.Contains(got, "kafka:mentioned") {
		t.Errorf("skill past MaxInput (%d bytes in) was read: %v", len(pad), got)
	}
}

// TestBareAmbiguousNames covers the bare words that name a skill only in
// the right company: IP and routing (networking words or skills next to
// them), SOC (a security operations center, SOC audits being compliance)
// and Elastic (the company, not the adjective).
func TestBareAmbiguousNames(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, doc, id string
		want          bool
	}{
		{"IP routing", "Understanding of IP routing, VLANs and DHCP.", "tcp-ip", true},
		{"IP in a networking list", "Basic understanding of networking: IP, DNS, HTTP.", "tcp-ip", true},
		{"IP subnetting", "Comfortable with IP subnetting.", "tcp-ip", true},
		{"IP/MPLS", "Design our IP/MPLS backbone.", "tcp-ip", true},
		{"public IP", "Assign each service a public IP.", "tcp-ip", true},
		{"TCP and IP", "Know TCP and IP well.", "tcp-ip", true},
		{"TCP/IP as before", "Solid TCP/IP knowledge.", "tcp-ip", true},
		{"intellectual property (IP)", "You assign intellectual property (IP) to the company.", "tcp-ip", false},
		{"protect our IP", "Help protect our IP and trade secrets.", "tcp-ip", false},
		{"IP rights", "All IP rights belong to Acme.", "tcp-ip", false},
		{"IP addresses beside intellectual property", "Intellectual property and IP addresses are logged.", "tcp-ip", false},
		{"lower-case ip", "Send your ip via the form.", "tcp-ip", false},
		{"IP-based licensing", "Our IP-based licensing model.", "tcp-ip", false},

		{"IP routing is routing", "Understanding of IP routing, VLANs and DHCP.", "routing", true},
		{"static routing", "Configure static and dynamic routing.", "routing", true},
		{"dynamic routing", "Configure static and dynamic routing.", "routing", true},
		{"BGP routing", "Troubleshoot BGP routing issues.", "routing", true},
		{"routing, switching", "Knowledge of routing, switching and firewalls.", "routing", true},
		{"switching and routing", "Knowledge of switching and routing.", "routing", true},
		{"Routing/switching", "Routing/switching experience.", "routing", true},
		{"Layer 3 routing", "Layer 3 routing in the data center.", "routing", true},
		{"inter-VLAN routing", "Set up inter-VLAN routing.", "routing", true},
		{"routing tables", "Read routing tables.", "routing", true},
		{"routing beside a networking skill", "Own routing, DNS and VPNs.", "routing", true},
		{"ticket routing", "Improve ticket routing for support.", "routing", false},
		{"alert routing", "Set up alert routing in PagerDuty.", "routing", false},
		{"request routing", "HTTP request routing in our API layer.", "routing", false},
		{"routing number", "Enter your bank routing number.", "routing", false},
		{"URL routing in a web app", "Client-side routing with React Router.", "routing", false},
		{"routing of calls", "Routing of customer calls to agents.", "routing", false},

		{"SOC team", "Work with our SOC team on detections.", "incident-response-security", true},
		{"in a SOC", "1-3 years in a SOC or security operations role.", "incident-response-security", true},
		{"24/7 SOC", "Join our 24/7 SOC.", "incident-response-security", true},
		{"SOC 2 is compliance, not a SOC", "Help with our SOC 2 controls.", "incident-response-security", false},
		{"SOC 2", "Help with our SOC 2 controls.", "soc2", true},
		{"SOC 2 Type II", "Own SOC 2 Type II evidence.", "soc2", true},
		{"SOC audits", "Support SOC audits and ISO 27001.", "compliance", true},
		{"SOC audits are not a SOC", "Support SOC audits and ISO 27001.", "incident-response-security", false},
		{"SOC 1", "Prepare SOC 1 reports.", "compliance", true},
		{"system on a chip", "Bring up Linux on an ARM SOC.", "incident-response-security", false},
		{"SoC mixed case", "Write drivers for our SoC.", "incident-response-security", false},
		{"SOC firmware", "Write SOC firmware in C.", "incident-response-security", false},
		{"SOC occupation code", "SOC code: 15-1244.", "incident-response-security", false},
		{"O*NET-SOC occupation code", "Category: O*NET-SOC 15-1244.00.", "incident-response-security", false},
		{"SOC advisories", "Acknowledge SOC advisories within 4 hours.", "incident-response-security", true},
		{"per IP", "Rate limit: 10,000 requests an hour per IP.", "tcp-ip", false},
		{"mapping and routing", "Mapping and routing systems across the continent.", "routing", false},
		{"lower-case soc", "A soc or two.", "incident-response-security", false},

		{"Elastic the company", "Experience with Splunk or Elastic.", "elk", true},
		{"Elastic Cloud", "We run Elastic Cloud for logs.", "elk", true},
		{"Elastic APM", "Traces in Elastic APM.", "elk", true},
		{"Elastic and Datadog", "Elastic and Datadog for logs.", "elk", true},
		{"Elasticsearch as before", "Elasticsearch clusters.", "elk", true},
		{"elastic adjective", "Design elastic compute for batch jobs.", "elk", false},
		{"Elastic scaling", "Elastic scaling on AWS.", "elk", false},
		{"Elastic Compute in title case", "Elastic Compute Platform.", "elk", false},
		{"Elastic Compute Cloud is EC2", "Run Elastic Compute Cloud instances.", "ec2", true},
		{"Elastic Compute Cloud is not Elastic", "Run Elastic Compute Cloud instances.", "elk", false},
		{"Elastic Beanstalk is AWS", "Deploy to Elastic Beanstalk.", "aws", true},
		{"Elastic Beanstalk is not Elastic", "Deploy to Elastic Beanstalk.", "elk", false},
		{"Elastic Kubernetes Service is EKS", "Run Elastic Kubernetes Service.", "elk", false},
		{"elastic infrastructure", "Elastic infrastructure that grows with demand.", "elk", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := mentionOf(g.TagDocument(tt.doc), tt.id)
			if got != tt.want {
				t.Errorf("%q: mention of %s = %v, want %v (got %v)", tt.doc, tt.id, got, tt.want, ids(g.TagDocument(tt.doc)))
			}
		})
	}
}

// TestAddressesAreNotMentions: words inside URLs of any scheme and after a
// scheme prefix are not mentions (hostile input, issue #12 item 8); a
// label with a colon still is.
func TestAddressesAreNotMentions(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, text, id string
		want           bool
	}{
		{"javascript: scheme", "Requirements: 5+ years with javascript:alert(6)", "javascript", false},
		{"JavaScript: scheme in capitals", "Must have JavaScript:alert(document.cookie)", "javascript", false},
		{"vbscript: scheme", "Strong vbscript:Python(1) skills.", "python", false},
		{"s3:// URL", "Artifacts live in s3://builds/terraform/state.", "terraform", false},
		{"ssh:// URL", "Clone ssh://git@example.net/kubernetes/infra first.", "kubernetes", false},
		{"mailto: address", "Write to mailto:python@example.net today.", "python", false},
		{"data: URI", "data:text/html,<b>Python</b> is required.", "python", false},
		{"label with a colon is a mention", "JavaScript: 5+ years required.", "javascript", true},
		{"Data: label is a label", "Data:PostgreSQL and Redis.", "postgresql", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.text)
			if _, got := mentionOf(tags, tt.id); got != tt.want {
				t.Errorf("%q: %s mentioned %v, want %v (got %v)", tt.text, tt.id, got, tt.want, ids(tags))
			}
			if !tt.want && tags.Years != 0 {
				if m, ok := mentionOf(tags, tt.id); ok {
					t.Errorf("%q: %s has %d years", tt.text, tt.id, m.Years)
				}
			}
		})
	}
}
