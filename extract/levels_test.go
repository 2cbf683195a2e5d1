package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

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
		// hn-48003121 (blind2), hn-46858039 (unlabelled): a person's years.
		{"an engineer's years in a parenthesis", "We’re looking for a senior engineer (9+ years) with hands-on AI/ML and LLM experience.", "llm", 0, skillpulse.LevelRequired},
		{"an engineer's years are the role's", "We’re looking for a senior engineer (9+ years) with hands-on AI/ML and LLM experience.", "", 9, 0},
		{"a person's years in a sentence without skills", "Hiring a Support Engineer (5+ years) to build our support function.", "", 5, 0},
		// Short forms of years (hn-46617364, blind; hn-47270606, dev).
		{"5+y", "Looking fora backend developer, 5+y experience in python, fastapi, docker.", "python", 5, skillpulse.LevelRequired},
		{"YOE is the role's", "Looking for: 6+ YOE, startup experience.", "", 6, 0},
		{"a range of YOE", "We're hiring Lead Engineers with 5-9 YOE who love Go.", "go", 5, skillpulse.LevelRequired},
		{"a person's YOE ask for no skill of the line", "- Senior SRE (10+ YOE) - Set up high-availability Kubernetes clusters.", "kubernetes", 0, skillpulse.LevelMentioned},
		{"a person's YOE are the role's", "- Senior SRE (10+ YOE) - Set up high-availability Kubernetes clusters.", "", 10, 0},
		{"a y after a word is no years", "Use the x and y axes in Python.", "python", 0, skillpulse.LevelMentioned},
		{"a skill's years in a parenthesis", "Strong Python production experience (5+ years).", "python", 5, skillpulse.LevelRequired},
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

// TestOtherRolesOpenings checks that every heading over other roles opens
// with one of the pairs of letters otherRoles looks for.
func TestOtherRolesOpenings(t *testing.T) {
	for _, o := range otherRolesHeadings {
		if p := o[:2]; p != "no" && p != "ot" && p != "ou" && p != "ro" {
			t.Errorf("heading %q opens with %q, which otherRoles does not look for", o, p)
		}
	}
}
