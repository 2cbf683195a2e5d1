package extract

import (
	"slices"
	"testing"
)

// TestAmbiguousNames checks each ambiguous name in a sentence where it is
// the skill and one where it is not.
func TestAmbiguousNames(t *testing.T) {
	g := newTestTagger(t)
	checkNamed(t, g, []namedCase{
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
		// google-job-skills-row288, row109 (unlabelled): a device's design
		// and its platform teams.
		{"consumer electronics system design", "Demonstrated knowledge of consumer electronics architecture and system design methodologies.", "system-design", false},
		{"platform engineering beside manufacturing", "Work with all cross-functional teams (software, industrial design, manufacturing operations) with an emphasis working with platform engineering teams.", "platform-engineering", false},
		{"platform engineering of developers", "Our platform engineering team builds golden paths for developers.", "platform-engineering", true},
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
		// hn-47985197, hn-47607341 (unlabelled): places in a header.
		{"Palo Alto among places", "Latitude AI | Software Engineer | Pittsburgh, Palo Alto, Dearborn, Remote (US) | Full-time", "firewalls", false},
		{"Palo Alto alone in a field", "Sycamore | Palo Alto | Full-time", "firewalls", false},
		{"Palo Alto beside network words", "Configure Palo Alto rules across the network.", "firewalls", true},
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
	})
}

// TestBareAmbiguousNames covers the bare words that name a skill only in
// the right company: IP and routing (networking words or skills next to
// them), SOC (a security operations center, SOC audits being compliance)
// and Elastic (the company, not the adjective).
func TestBareAmbiguousNames(t *testing.T) {
	g := newTestTagger(t)
	checkNamed(t, g, []namedCase{
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
	})
}

// TestLeftmostLongestTakesMatchesInAnyOrder: the automaton's matches, read
// in the order the text was built (by start, then end, without a sort),
// give the hits they give sorted any other way: "Terraform Cloud" over
// "Terraform", a vetoed "Salt Lake" leaving room for nothing, overlaps.
func TestLeftmostLongestTakesMatchesInAnyOrder(t *testing.T) {
	g := newTestTagger(t)
	text := "Runs on Terraform Cloud and Terraform Cloudflare. We moved to Salt Lake City; Salt is our config tool. Google Cloud Platform, GCP and AWS."
	hitsOf := func(reverse bool) []hit {
		sc := g.getScratch()
		defer g.putScratch(sc)
		d := doc{g: g, sc: sc}
		d.start(len(text))
		d.addBlocks(d.splitBlocks(text), section{})
		d.finish()
		if !byStartThenEnd(sc.raw) {
			t.Fatalf("the matches do not come by start, then end: %v", sc.raw)
		}
		if reverse {
			slices.Reverse(sc.raw)
		}
		return slices.Clone(g.leftmostLongest(&d))
	}
	want, got := hitsOf(false), hitsOf(true)
	if len(want) < 5 || !slices.Equal(got, want) {
		t.Errorf("matches reversed give %v, in order %v", got, want)
	}
}
