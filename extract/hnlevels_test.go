package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// docLevelCase is an HN comment (its HTML, tagged as a document) and the
// level one skill should take, with what decides it.
type docLevelCase struct {
	name, doc, id string
	level         skillpulse.Level
	reason        skillpulse.LevelReason
}

func checkDocLevels(t *testing.T, tests []docLevelCase) {
	t.Helper()
	g := newTestTagger(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.TagDocument(tt.doc)
			m, ok := mentionOf(tags, tt.id)
			if !ok {
				t.Fatalf("%q: no mention of %s (got %v)", tt.doc, tt.id, ids(tags))
			}
			if m.Level != tt.level || m.Reason != tt.reason {
				t.Errorf("%q: %s is %v (%v), want %v (%v); evidence %q", tt.doc, tt.id, m.Level, m.Reason, tt.level, tt.reason, m.Evidence)
			}
		})
	}
}

// hnHeader opens every case as an HN comment opens: a header line whose
// fields name nothing.
const hnHeader = "<p>Acme | Senior Engineer | Remote | Full-time</p>"

// TestSeekersAskForWhatTheyBring: whom the company is looking for, by
// what they bring, is what it asks ("looking for folks with deep
// ClickHouse ... experience"); a role it is looking for to do something
// asks nothing (RULES.md, sixth pass (HN levels)).
func TestSeekersAskForWhatTheyBring(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		// hn-47606585
		{"folks with deep experience are asked for", hnHeader + "<p>I am especially looking for folks with deep ClickHouse, Postgres, Redis, and Python experience.</p>", "redis", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46861925
		{"seeking a generalist with experience asks", hnHeader + "<p>Seeking a backend generalist with deep Python + Postgres experience who's ready to move quickly.</p>", "postgresql", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-48009832
		{"the company's clause before the ask does not silence it", hnHeader + "<p>We build production systems in Rust and are looking for engineers with meaningful Rust, C++ or Java experience.</p>", "java", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-47977858
		{"looking for experience in a parenthesis asks", hnHeader + "<p>Backend Engineer: (looking for Kotlin/Java/Scala experience).</p>", "scala", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-47220916
		{"skills after the seeker ask", hnHeader + "<p>Looking for a senior engineer with Java 25 skills, PostgreSQL, git and more.</p>", "postgresql", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46558870
		{"a role looked for to do something asks nothing", hnHeader + "<p>We are looking for a Founding Engineer (Python/Django) to partner with us and scale our infrastructure.</p>", "django", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"the developer experience a role improves is no background", hnHeader + "<p>We're hiring engineers who care about the developer experience of our Terraform modules.</p>", "terraform", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a company's own experience asks nothing", hnHeader + "<p>Our founders have deep experience running Kubernetes at scale.</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonCue},
	})
}

// TestPayBonusIsNoPreference: a bonus that is pay ("+ up to 10% bonus",
// "base + bonus + equity") makes nothing in its line preferred; a bonus
// for a skill still does (hn-48013821; RULES.md, sixth pass (HN levels)).
func TestPayBonusIsNoPreference(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		// hn-48013821
		{"a percentage bonus is pay", hnHeader + "<p>Senior Software Engineer, Data Pipeline - $160~180k USD + up to 10% bonus - Go (golang), Kubernetes (K8s), GCP - https://example.com/jobs/1</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a bonus between base and equity is pay", hnHeader + "<p>Comp: market base + bonus + equity, and the whole product runs on Kubernetes.</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"an annual bonus is pay", hnHeader + "<p>Annual bonus and a team that runs Kubernetes in production.</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		// hn-48017525
		{"bonus points for a skill still prefer it", hnHeader + "<p>Bonus points for experience with Go, Docker, Kubernetes, AWS.</p>", "kubernetes", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a skill that is a bonus is still preferred", hnHeader + "<p>Rust experience is a bonus.</p>", "rust", skillpulse.LevelPreferred, skillpulse.ReasonCue},
	})
}

// TestValuedIsAPreference: experience that "is valued" is wanted, not
// required, even after the company's "We highly value" (hn-47605285).
func TestValuedIsAPreference(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"experience that is valued is preferred", hnHeader + "<p>We highly value computer science fundamentals and experience with other languages like Go, C++, Python is valued.</p>", "python", skillpulse.LevelPreferred, skillpulse.ReasonCue},
	})
}

// TestRoleListsAreNoRequirements: under "We are looking for:" a list of
// roles names each role and where to apply or what it does; its skills
// are mentioned, as a header line's role field's are (hn-47975828,
// hn-46468629, hn-47603702, hn-47233701; rolelines.go). A requirement
// under such a heading still asks.
func TestRoleListsAreNoRequirements(t *testing.T) {
	const looking = hnHeader + "<p>We are currently looking for:</p>"
	checkDocLevels(t, []docLevelCase{
		{"a role's fields before its link are mentioned", looking + "<p>Software Engineers - Backend, Python, Rust - https://example.com/job/aaaf901f</p>", "rust", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"a skill in the role's title is mentioned", looking + "<p>Dev Ops Engineer - https://example.com/job/99823479</p>", "devops", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"a skill in the title's parenthesis is mentioned", looking + "<p>Data Engineer (Real-Time &amp; Batch Systems, AWS) - https://example.com/l/2C4jex</p>", "aws", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"what the role works on is mentioned", looking + "<p>- Filterlist Engineer: Working on adblocking and JavaScript fixes for websites.</p>", "javascript", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"what the role will own is mentioned", looking + "<p>Machine Learning Infra Engineer: Own our GPU-backed serving stack, Kubernetes clusters, and media serving layer.</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"a role that asks still asks", looking + "<p>Senior Engineer - 5+ years of Go in production</p>", "go", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a requirement ending in engineers is no role", looking + "<p>Track record of leading architecture and mentoring senior engineers</p>", "mentoring", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a requirement under the heading still asks", looking + "<p>Kubernetes and Terraform in production</p>", "terraform", skillpulse.LevelRequired, skillpulse.ReasonHeading},
	})
}

// TestAbbreviationsEndNoSentence: the full stop of "e.g." or "esp."
// before a capital ends no sentence, so the ask before it governs what it
// introduces (hn-47223685: "experience in system-level development (e.g.
// C or C++ or Rust)").
func TestAbbreviationsEndNoSentence(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"e.g. goes on", hnHeader + "<p>We're looking for candidates with experience in system-level development (e.g. C or C++ or Rust), and network engineering.</p>", "rust", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"esp. goes on", hnHeader + "<p>Bonus for data tools (esp. Polars and DuckDB).</p>", "duckdb", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a sentence that ends in a word still ends", hnHeader + "<p>Strong Go is a must. Kubernetes runs our whole platform.</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestCompanyClausesAskNothing: a later clause in the company's voice
// asks nothing though it holds a cue ("we can teach you everything you
// need to know about our stack", hn-47975944); a later clause that asks
// still does.
func TestCompanyClausesAskNothing(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"what the company will teach is not asked", hnHeader + "<p>If you run a homelab, we can teach you everything you need to know about our stack (Go, React, Kubernetes).</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a later clause that asks still asks", hnHeader + "<p>Our team is small and polyglot, but experience with TypeScript is a must.</p>", "typescript", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"the company's clause after an ask leaves the ask", hnHeader + "<p>Strong Go is required, we run everything on Kubernetes.</p>", "go", skillpulse.LevelRequired, skillpulse.ReasonCue},
		// hn-46976593
		{"the company's clause joined on by and asks nothing", hnHeader + "<p>Contractors are buried in essential paperwork — permits, warranties, rebates — and our AI agents handle these complex workflows so projects stay on track.</p>", "llm", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestSeekerIntrosGovernTheirLists: a line that says whom the company
// needs, a person with or who knows what follows, opens a list of what
// they bring (hn-46634701, hn-47222314); one that says what the person
// will do, or names no person, does not (hn-47221630, hn-46525416).
func TestSeekerIntrosGovernTheirLists(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"engineers who know a list", hnHeader + "<p>We need engineers who know:\n • Linux video pipelines (V4L2, GStreamer, FFmpeg)\n • RTSP / ONVIF</p>", "linux", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"engineers with either of a list", hnHeader + "<p>We’re looking for Senior and Principal engineers with either:\n- Core systems focus (C++/Python, ROS, Linux, hardware integration).</p>", "cpp", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"an engineer who can own the stack names the company's stack", hnHeader + "<p>We're looking for a full-stack engineer who can own features end-to-end across our stack:\n- Backend: Python, FastAPI, PostgreSQL\n- Infra: Kubernetes, GCP</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"a role that bridges technology with a world names no person", hnHeader + "<p>We're also hiring for a role that bridges our technology with real-world enterprise challenges:\n- Consultant: help enterprises run KubeVirt.</p>", "kubevirt", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestExperienceParenthesisCoversItsLine: a closing parenthesis that says
// the experience is required asks for what its line names, even on a
// stack line (hn-46879486); one that names a skill is for that skill
// alone (hn-47603733).
func TestExperienceParenthesisCoversItsLine(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"production experience required covers the stack line", hnHeader + "<p>Stack: Go, Rust, and/or SolidJS (Production experience required).</p>", "rust", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a named experience covers only its name", hnHeader + "<p>Application Software Engineer, Kubernetes Platform (macOS experience preferred)</p>", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestRoleLabelsWantWhatThePersonBrings: a role's label followed by the
// person it wants and what they bring asks for it (hn-47977906,
// hn-47036452); a label followed by what the role does does not.
func TestRoleLabelsWantWhatThePersonBrings(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"a senior eng with production experience is asked for", hnHeader + "<p>Founding Applied AI Engineer: Senior Eng with production Kubernetes experience OR a hungry early-career builder.</p>", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"an ex-engineer with skills is asked for", hnHeader + "<p>Technical Product Manager ($150-225k USD): Business-minded ex-engineer with SQL, analytics, and integration skills.</p>", "sql", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"a role's duties with a stack ask nothing", hnHeader + "<p>Platform Lead: work with Kubernetes and Terraform every day.</p>", "terraform", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestNeededFamiliarityAndBeneficialExperience: familiarity the role
// needs is asked for, and experience called beneficial is wanted
// (RULES.md, the third blind part's decisions; hn-47999750, blind3).
func TestNeededFamiliarityAndBeneficialExperience(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"familiarity you'll need", hnHeader + "<p>The core technologies you'll need familiarity with to be productive are Python, PostgreSQL, Linux, and Git.</p>", "linux", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"familiarity alone", hnHeader + "<p>Familiarity with Linux and Git.</p>", "linux", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"beneficial experience", hnHeader + "<p>Beneficial experience includes PostgreSQL, Python, Rust, Linux, TypeScript, Nix, and data mining.</p>", "rust", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"mutually beneficial asks nothing", hnHeader + "<p>We build mutually beneficial relationships with partners on Rust.</p>", "rust", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestSecondAskAfterAClosedOne, TestYouHeadsWhatTheCandidateBrings and
// the denied preference: cases from the blind parts opened for tuning
// (RULES.md, "Seventh pass"; hn-47976717, hn-47988482, blind3;
// hn-47975833, unlabelled).
func TestSecondAskAfterAClosedOne(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"the required ask before and", hnHeader + "<p>Strong experience with Python is essential and Django experience is preferred.</p>", "python", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"the preferred ask after and", hnHeader + "<p>Strong experience with Python is essential and Django experience is preferred.</p>", "django", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"and inside one ask", hnHeader + "<p>Python and Django experience is preferred.</p>", "python", skillpulse.LevelPreferred, skillpulse.ReasonCue},
	})
}

func TestYouHeadsWhatTheCandidateBrings(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"an inline You: label", hnHeader + "<p>You: Comfortable across the stack. Opinions about migrations, RBAC, and not-overengineering.</p>", "iam", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a You: paragraph over a list", hnHeader + "<p>You:\n- Ownership of the codebase and the systems that support it (CI/CD, monitoring)</p>", "ci-cd", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a denied preference asks as its section does", hnHeader + "<p>You: Shipped real Go in production (not \"willing to learn\").</p>", "go", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"willing to learn still prefers", hnHeader + "<p>Willing to learn Go and Rust.</p>", "go", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a sentence about you is no heading", hnHeader + "<p>You will work with Go.</p>", "go", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}

// TestExpertiseTheRoleGives: expertise the role lets one build asks
// nothing, and cloud familiarity under a requirement heading is asked
// (hn-47673384, blind3; RULES.md, the third blind part's decisions).
func TestExpertiseTheRoleGives(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"a place to build expertise", hnHeader + "<p>Cloud access management is one of the fastest-growing problems in security — this is a good place to build expertise at the center of it.</p>", "iam", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"expertise the candidate has", hnHeader + "<p>Deep expertise in IAM and cloud security.</p>", "iam", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"cloud familiarity asked", hnHeader + "<p>You should have:</p><p>Basic cloud familiarity (AWS, GCP, or Azure)</p>", "cloud", skillpulse.LevelRequired, skillpulse.ReasonHeading},
	})
}

// TestWillingToUseIsAPreference: a language the candidate need only be
// willing to use is wanted, not asked, as one they are willing to learn
// (hn-47975670, blind).
func TestWillingToUseIsAPreference(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"willing to use", hnHeader + "<p>Strong in Go; willing to use Zig, Rust, or C.</p>", "rust", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"strong before the semicolon", hnHeader + "<p>Strong in Go; willing to use Zig, Rust, or C.</p>", "go", skillpulse.LevelRequired, skillpulse.ReasonCue},
	})
}

// TestCompanyDomainAsksNothing: a skill's name right before "startup" or
// "company" names what the company works in (hn-46862140, blind); one
// before "startup environment" is where the candidate worked
// (hn-47219972, unlabelled).
func TestCompanyDomainAsksNothing(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"a security startup", hnHeader + "<p>Hiring 7+yrs Senior or Staff Engineers who want to be founding members at our Stealth AI-security startup (seed $15M).</p>", "security", skillpulse.LevelMentioned, skillpulse.ReasonCue},
		{"a startup environment", hnHeader + "<p>Preferably in a cloud native startup environment.</p>", "cloud", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"security the skill", hnHeader + "<p>7+ years of security engineering at a startup.</p>", "security", skillpulse.LevelRequired, skillpulse.ReasonCue},
	})
}

// TestStrongFocusIsTheTeams: "a strong focus on" is the team's emphasis,
// not what the candidate must be strong in (hn-46857760, blind2).
func TestStrongFocusIsTheTeams(t *testing.T) {
	checkDocLevels(t, []docLevelCase{
		{"a strong focus", hnHeader + "<p>Tech / How we work: React, Java on AWS Lambda, serverless, strong focus on automated tests.</p>", "testing", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
		{"strong in a skill", hnHeader + "<p>Strong automated testing skills.</p>", "testing", skillpulse.LevelRequired, skillpulse.ReasonCue},
	})
}
