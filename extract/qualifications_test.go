package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// levelCase is a posting (title and text) and the level one skill
// should take, with what decides it.
type levelCase struct {
	name, title, desc, id string
	level                 skillpulse.Level
	reason                skillpulse.LevelReason
}

func checkLevels(t *testing.T, tests []levelCase) {
	t.Helper()
	g := newTestTagger(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.Tag(&skillpulse.Posting{Title: tt.title, Description: tt.desc})
			m, ok := mentionOf(tags, tt.id)
			if !ok {
				t.Fatalf("%q: no mention of %s (got %v)", tt.desc, tt.id, ids(tags))
			}
			if m.Level != tt.level || m.Reason != tt.reason {
				t.Errorf("%q: %s is %v (%v), want %v (%v); evidence %q", tt.desc, tt.id, m.Level, m.Reason, tt.level, tt.reason, m.Evidence)
			}
		})
	}
}

// TestQualificationLinesAreNoHeadings: a Google posting writes its
// qualifications as lines without a full stop. A short one ("Experience
// with FPGA prototyping") is a requirement, not a heading that makes the
// Preferred qualifications after it required (RULES.md, "Sixth pass").
func TestQualificationLinesAreNoHeadings(t *testing.T) {
	// google-job-skills-row269 and row108 (unlabelled).
	hls := "Minimum qualifications:\nExperience in low-level C/C++ design suitable for hardware implementations\n\n" +
		"Preferred qualifications:\nExperience with FPGA prototyping\nExperience with C/C++, Python, SystemVerilog, Verilog, Bash\n"
	proto := "Minimum qualifications:\nProgramming experience in C or C++.\n\nPreferred qualifications:\n" +
		"Experience in SystemC or RTL\nExperience in instruction set simulator, dynamic binary translation, or virtualization\n"
	checkLevels(t, []levelCase{
		{"a preferred line after a short experience line", "High-level Synthesis Design Engineer", hls, "python", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"a preferred line after experience in a language", "Software Engineer, Virtual Prototyping", proto, "virtualization", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"a minimum line stays required", "Software Engineer, Virtual Prototyping", proto, "cpp", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a line that is only experience still heads", "Engineer", "About us\nWe build tools.\nRequired Experience\nKubernetes and Go\n", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"skills alone still heads", "Engineer", "About us\nWe build tools.\nSkills\nKubernetes and Go\n", "go", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a line ending in a colon still heads", "Engineer", "<p>About us</p><p>We build tools.</p><ul><li>Experience with the following:<ul><li>Kubernetes</li></ul></li></ul>", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
	})
}

// TestResponsibilityLinesAskNothing: a Google posting's Responsibilities
// are what the role will do or be, mentioned whatever their words say
// ("strong expertise", "expert"): lines that open with leverage, facilitate
// or, under a duties heading, "Be" (google-job-skills-row926, row1226,
// row383, unlabelled). "Be proficient in" where no heading decides, and
// the candidate's own lines under a duties heading, still ask.
func TestResponsibilityLinesAskNothing(t *testing.T) {
	checkLevels(t, []levelCase{
		{"facilitate with strong expertise", "Business Analyst, Strategic Relationships", "Responsibilities:\nFacilitate effective partner development with strong expertise in Kubernetes.\n\nMinimum qualifications:\nBA/BS degree.", "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"leverage your expertise", "REWS Business Partner", "Responsibilities:\nLeverage REWS partner subject matter expertise and your personal domain knowledge (including real estate, SQL, safety) to evaluate and solve problems.\n", "sql", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"be an expert", "Account Executive (Direct), United Kingdom/Ireland", "Responsibilities:\nBe a multi-platform expert and trusted advisor to our largest advertisers, helping them adopt all Google platforms, including Google Cloud etc.\n", "gcp", skillpulse.LevelMentioned, skillpulse.ReasonHeading},
		{"be proficient where no heading decides", "Engineer", "We are a small team. Be proficient in Python.", "python", skillpulse.LevelRequired, skillpulse.ReasonCue},
		{"be proficient under requirements", "Engineer", "Requirements:\nBe proficient in Python.\n", "python", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a candidate's line under responsibilities", "Engineer", "Responsibilities:\nYou are comfortable writing Python.\n", "python", skillpulse.LevelRequired, skillpulse.ReasonCue},
	})
}

// TestAHeadingOverOtherRolesHoldsNoSkillOfThisJob: what a posting lists
// under a heading over other roles ("NOT YOUR TECH STACK?" over the
// stacks a marketplace also hires for, in a graphic designer's posting,
// fixture:remotive/remote-jobs_lcarlini.json#2091081, unlabelled) is no
// skill of this job, and its years are not the role's; the next heading
// ends it.
func TestAHeadingOverOtherRolesHoldsNoSkillOfThisJob(t *testing.T) {
	g := newTestTagger(t)
	lemon := `<p><strong>Requirements:</strong></p><ul><li>5+ years of experience in Graphic Design</li></ul>` +
		`<p><strong>NOT YOUR TECH STACK?</strong></p><p>We have a variety of projects, so if you have 4+ years of commercial software development experience and are proficient in React &amp; Python, Golang, DevOps, or MLOps, we would be happy to connect with you.</p>` +
		`<p><strong>Nice to have:</strong></p><ul><li>Figma and Kubernetes</li></ul>`
	tags := g.Tag(&skillpulse.Posting{Title: "Senior Graphic Designer", Description: lemon})
	for _, id := range []string{"react", "python", "go", "devops", "mlops"} {
		if m, ok := mentionOf(tags, id); ok {
			t.Errorf("%s named under a heading over other roles: %+v", id, m)
		}
	}
	if m, ok := mentionOf(tags, "kubernetes"); !ok || m.Level != skillpulse.LevelPreferred {
		t.Errorf("kubernetes under the next heading = %+v, %v; want preferred", m, ok)
	}
	if tags.Years != 5 {
		t.Errorf("role years %d, want 5 (the other roles' 4+ years are not this one's)", tags.Years)
	}
}

// TestSeventhPassLevels: a heading that names requirements and, after a
// conjunction, preferences ("Qualifications & Preferred Experience") is a
// requirement section (fixture:greenhouse/jobs_content_takealotgroup.json
// #8079500, blind); a conjunct opened by a preference cue ("and exposure
// to", "and a willingness to learn") is a clause of its own
// (fixture:greenhouse/jobs_content_impact_infra_subset.json#8545895002,
// #8547200002, blind); hands-on experience the candidate wants or will
// gain asks nothing (#8547200002); a line's topic label ("Cloud &
// Kubernetes:") yields to the line's own mention of the skill
// (#8545895002). RULES.md, "Seventh pass".
func TestSeventhPassLevels(t *testing.T) {
	mrd := "Qualifications & Preferred Experience:\nExperience with Python\nExperience with BigQuery.\n\nBonus Skills and Experience:\nExperience with MLflow.\n"
	sre := "What You Bring:\nCloud & Kubernetes: Experience operating services on a major cloud (ideally GCP/GKE) and exposure to Kubernetes and containers.\n" +
		"Comfort with Linux command line and a willingness to learn systems administration basics.\n"
	intro := "Your Role:\nIf you want hands-on experience with Kubernetes, cloud architecture and building reliable systems, this is the role.\n"
	checkLevels(t, []levelCase{
		{"requirements joined to preferences head requirements", "Senior Machine Learning Engineer", mrd, "bigquery", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"the bonus section after them still prefers", "Senior Machine Learning Engineer", mrd, "mlflow", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"Preferred qualifications stay preferred", "Engineer", "Preferred qualifications:\nExperience with Python\n", "python", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"what comes before an exposure conjunct asks", "Site Reliability Engineer", sre, "cloud", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"the exposure conjunct prefers", "Site Reliability Engineer", sre, "containers", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a topic label yields to the line's own mention", "Site Reliability Engineer", sre, "kubernetes", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		{"a topic label alone still names", "Site Reliability Engineer", "What You Bring:\nKubernetes: Proficiency with Helm charts.\n", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"what comes before a willingness to learn asks", "Associate Platform Infrastructure Engineer", sre, "linux", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"the willingness to learn prefers", "Associate Platform Infrastructure Engineer", sre, "system-administration", skillpulse.LevelPreferred, skillpulse.ReasonCue},
		// fixture:lever/postings_moo.json#91e9c325 (blind).
		{"a willingness after \"and are\" opens its own clause", "Software Engineer", "About you:\nYou have some experience of working in an agile environment, and are willing to learn and evolve your skillset.\n", "agile", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"experience the candidate wants asks nothing", "Associate Platform Infrastructure Engineer", intro, "kubernetes", skillpulse.LevelMentioned, skillpulse.ReasonDefault},
	})
}
