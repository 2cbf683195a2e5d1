package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// The seventh pass's rules (testdata/real/RULES.md, "Seventh pass"): each
// case quotes the posting that showed it.

// TestGoogleCloudDivisionTitle checks that Google Cloud named in the title
// of a role that is not technical is the employer's division or the
// product line the role sells, not a skill it asks for
// (google-job-skills-row496, row393, blind; row1051, unlabelled), while
// the body's own words still name it at their section's level, and an
// engineer's, architect's or developer's title keeps it required
// (row25, blind; row29, dev).
func TestGoogleCloudDivisionTitle(t *testing.T) {
	g := newTestTagger(t)
	for _, tt := range []struct {
		name, title, desc string
		want              skillpulse.Level // 0: not named
	}{
		{"a sales title names the division", "Strategic Account Sales Manager Central/LatAm, Google Cloud",
			"Minimum qualifications:\n10 years of relevant sales experience in the technology industry with SaaS, PaaS or IaaS products and platforms.", 0},
		{"a legal title names the division", "Associate Legal Counsel, Commercial, Google Cloud", "Minimum qualifications:\nJD degree.", 0},
		{"a marketing title over Google Cloud Platform", "Product Marketing Manager, IoT, Google Cloud Platform", "Minimum qualifications:\nBA/BS degree.", 0},
		{"the body still names it at its section's level", "Account Executive, Google Cloud",
			"Responsibilities:\nQualify, and assist customers in identifying use cases suitable for Google cloud deployment.", skillpulse.LevelMentioned},
		{"an engineer's title keeps it", "Partner Sales Engineer, Google Cloud", "Minimum qualifications:\nBA/BS degree.", skillpulse.LevelRequired},
		{"a technical trainer's title keeps it", "Technical Trainer Manager, Google Cloud", "Minimum qualifications:\nBA/BS degree.", skillpulse.LevelRequired},
		{"a developer advocate's title keeps it", "Developer Advocate, Google Cloud Platform", "Minimum qualifications:\nBA/BS degree.", skillpulse.LevelRequired},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.Tag(&skillpulse.Posting{Title: tt.title, Description: tt.desc})
			m, ok := mentionOf(tags, "gcp")
			switch {
			case tt.want == 0 && ok:
				t.Errorf("%q: gcp %v from %q, want not named", tt.title, m.Level, m.Evidence)
			case tt.want != 0 && !ok:
				t.Errorf("%q: gcp not named, want %v (got %v)", tt.title, tt.want, ids(tags))
			case tt.want != 0 && m.Level != tt.want:
				t.Errorf("%q: gcp %v from %q, want %v", tt.title, m.Level, m.Evidence, tt.want)
			}
		})
	}
}

// TestOtherTradesInTitles checks the title- and posting-wide senses of the
// seventh pass.
func TestOtherTradesInTitles(t *testing.T) {
	checkTitled(t, []titledCase{
		// google-job-skills-row161 (blind), row185 (blind2): a data centre
		// to design, build or buy is a building.
		{"a data centre to build", "Technical Program Manager, Data Center Design",
			"Manage multiple, simultaneous data center design projects. 10 years of work experience managing multi-group construction projects.", "bare-metal", false},
		{"a data centre site to buy", "Strategic Negotiator, Data Center",
			"Lead the acquisition of appropriate data centers. Experience with site selection for high-technology projects.", "bare-metal", false},
		{"a data centre the team runs", "Data Center Technician",
			"Rack servers and replace failed disks in our data centers.", "bare-metal", true},
		// row75 (blind3): Google's Cloud Platform in the title of a posting
		// that names Google Cloud; its cloud comes from its own words.
		{"Cloud Platform titling a Google posting", "Developer Advocate, Cloud Platform",
			"Advocate the adoption of Google Cloud Platform to strategic partners.", "cloud", false},
		{"Cloud Platform titling another employer's posting", "Developer Advocate, Cloud Platform",
			"Advocate our product to developers.", "cloud", true},
		// fixture:greenhouse/jobs_content_takealotgroup.json#8113700 (blind2).
		{"automation in a QA manager's posting", "QA Manager - Logistics - FY27",
			"Collaborate with engineering leadership to architect and manage an integrated roadmap for automation initiatives.", "automation", false},
		{"automation in an SRE's posting", "Site Reliability Engineer",
			"Collaborate with engineering leadership to architect and manage an integrated roadmap for automation initiatives.", "automation", true},
	})
}

// TestOtherSensesOfTheSeventhPass checks the sentence-level senses of the
// seventh pass.
func TestOtherSensesOfTheSeventhPass(t *testing.T) {
	g := newTestTagger(t)
	checkNamed(t, g, []namedCase{
		// google-job-skills-row147 (blind): device drivers are no kernel's.
		{"device drivers beside embedded Linux", "Experience with Wi-Fi, Bluetooth, embedded Linux and device drivers.", "linux-kernel", false},
		{"the Linux kernel by name", "Familiarity with Linux kernel, device driver APIs, and chipsets.", "linux-kernel", true},
		// row237 (blind2): Oracle's Agile PLM.
		{"Agile PLM", "Experience with the implementation of Windchill PDM/Agile PLM.", "agile", false},
		{"Agile the way of working", "Experience working within an agile team.", "agile", true},
		// row127 (blind3): electronic design automation.
		{"automation for silicon design", "Experience with automation for silicon design.", "automation", false},
		{"automation for deployments", "Experience with automation for deployments.", "automation", true},
		// row1164 (blind), row1228 (unlabelled): organisational change.
		{"change management guidance to customers", "Provide change management guidance to G Suite and Google cloud Platform customers throughout their deployments.", "change-management", false},
		{"change management equipping an organization", "Own implementation and the change management process, equipping the organization with the tools to deploy them.", "change-management", false},
		{"change management of infrastructure changes", "Own the change management process for infrastructure changes.", "change-management", true},
		// fixture:greenhouse/jobs_content_impact_infra_subset.json#8642851002 (blind).
		{"log storage is observability's", "Maintain observability backends (metrics pipelines, log storage, and alerting).", "storage", false},
		{"storage in a list", "Deploy platform infrastructure: VPCs, compute pools, storage, Kubernetes clusters.", "storage", true},
		{"what a role does not own", "Role Boundaries\nTo maintain focus, this role does not own:\n- Developer-facing observability standards or CI/CD deployment tooling.\n", "ci-cd", false},
		// fixture:greenhouse/jobs_content_takealotgroup.json#8083086 (blind).
		{"data lineage tracing", "Experience designing for auditability, data lineage tracing, and compliance requirements.", "observability", false},
		{"tracing in a list", "Proficiency with metrics, logging, tracing/APM, and alerting.", "observability", true},
		// fixture:lever/postings_moo.json#68ebc6e6 (blind3).
		{"databases of staff records", "Contractual changes: updating databases and trackers ensuring information on all staff is accurate.", "databases", false},
		{"databases of a service", "Operate the databases behind our payment services.", "databases", true},
		// fixture:ashby/job-board_truelogic_lcarlini.json#3af5b1b2 (blind3).
		{"CLI tools used to set up environments", "How to manage and set up environments using IaaC (Terraform, CloudFormation, or CLI tools).", "internal-tooling", false},
		{"CLI tools built for engineers", "Build CLI tools that our engineers use every day.", "internal-tooling", true},
		{"MS-SQL is SQL Server", "Storage technologies (like: PostgreSQL, MySQL, MS-SQL, Oracle).", "sql-server", true},
		// fixture:greenhouse/jobs_content_takealotgroup.json#8113700 (blind2), hn-46858532 (unlabelled).
		{"automation frameworks beside Playwright", "Experience with automation frameworks (e.g., Playwright) and in-house integration testing tools.", "automation", false},
		{"QA automation", "Staff QA Automation Engineer", "automation", false},
	})
}
