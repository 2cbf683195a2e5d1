package extract

import "strings"

// Words of another trade or of a named product that read as an umbrella
// skill: Google's "Cloud Platform" in a Google Cloud posting, the
// security of a protective-services role, a borehole's logging. Each is
// judged from the words of its posting, after the guards, by
// dropOtherSenses.

// otherTrade reports whether the hit at s[start:end] (s is its sentence;
// title says it is the posting's own title) names another trade's thing
// rather than the skill.
func (g *Tagger) otherTrade(d *doc, s string, start, end, skill int, title bool) bool {
	switch g.skills[skill].id {
	case "cloud":
		return googlePlatform(d, s, s[start:end], title)
	case "gcp":
		return title && divisionTitle(s, g.words)
	case "bare-metal":
		return dataCentreName(s[start:end]) && dataCentreSite(d)
	case "security":
		return physicalSecurity(d, s[start:end]) || idiomAfter(s, start, end, "hardening", "battle")
	case "risk-management", "incident-response", "backup-recovery":
		return physicalTitle(d)
	case "automation":
		return businessTitle(d) || shopFloorTitle(d) || qaTitle(d) || testTitle(d) || chipDesignAutomation(s, end)
	case "observability":
		return groundLogging(s, start, end) || signIn(s, start, end) || crmLogging(s, start, end) || monitoringOfWork(s, start, end) ||
			tracingVerb(s, start, end) || livingHealth(s, start, end)
	case "compliance":
		return businessCompliance(s, start, end, g.words)
	case "databases":
		return staffRecords(s, start) || staffSentence(s, start, end, g.words)
	case "troubleshooting":
		return shopFloorTitle(d)
	case "agile":
		return personalAgile(s, start, end)
	case "gcs":
		return s[start:end] == "Cloud Storage" && !strings.Contains(d.text, "GCP") && !strings.Contains(d.text, "Google")
	}
	return false
}

// googlePlatform reports whether the cloud hit m, in sentence s, is
// "Cloud Platform" written as a name where the posting's own title or the
// sentence names Google Cloud: Google's product, short for Google Cloud
// Platform, not cloud computing at large ("Program Manager, Cloud Platform
// Sales Development, Google Cloud"; "G Suite and Cloud Platform",
// google-job-skills-row211, row888). In the title itself (inTitle) it is
// Google's product too where the posting names Google Cloud anywhere
// ("Developer Advocate, Cloud Platform" over "drive the success of
// Google’s Cloud Platform", row75, blind3, labelled cloud only from its
// Preferred qualifications). A team called "Cloud Platform" at another
// employer is not judged here.
func googlePlatform(d *doc, s, m string, inTitle bool) bool {
	if m != "Cloud Platform" {
		return false
	}
	if namesGoogleCloud(s) {
		return true
	}
	if inTitle {
		return d.facts.googleCloud.get(func() bool {
			d.reads += len(d.text)
			return namesGoogleCloud(d.text)
		})
	}
	title, ok := postingTitle(d)
	return ok && namesGoogleCloud(title)
}

// divisionTitle reports whether title, a posting's own title that names
// Google Cloud, names a role that is not technical (no word of
// engineWords): there the name is the employer's division or the product
// line the role sells, markets or serves, not a skill it asks for
// ("Account Executive, Google Cloud", "Associate Legal Counsel,
// Commercial, Google Cloud", google-job-skills-row496, row1051; RULES.md,
// "Seventh pass"). An engineer's, architect's or technical role's title
// keeps it ("Partner Sales Engineer, Google Cloud", row25).
func divisionTitle(title string, ws *wordSets) bool {
	return !titleNames(title, ws.engine, wordSet{})
}

// siteWords, in a posting that names a data centre, make it a building
// to find, buy or build, not computing the team runs, wherever the
// posting names it:
// "Technical Program Manager, Data Center Design" managing "construction
// projects", "Strategic Negotiator, Data Center" leading "site selection"
// and "real estate evaluation" (google-job-skills-row161, blind;
// row185, blind2; RULES.md's decision for row161).
var siteWords = [...]string{"construction", "site selection", "real estate", "landowners"}

// dataCentreName reports whether m, a bare-metal hit, is a data centre's
// name ("data center", "Datacenters"), not bare metal, on-prem or a colo.
func dataCentreName(m string) bool {
	return len(m) >= 4 && strings.EqualFold(m[:4], "data")
}

// dataCentreSite reports whether the posting speaks of siteWords. The
// answer is the document's, read once (d.facts).
func dataCentreSite(d *doc) bool {
	return d.facts.dataCentreSite.get(func() bool {
		for _, w := range siteWords {
			d.reads += len(d.text)
			if indexFoldASCII(d.text, w) >= 0 {
				return true
			}
		}
		return false
	})
}

// qaWords in a posting's own title name a role in testing.
const qaWords = " qa sdet sdets tester testers testing test "

// qaTitle reports whether the posting's own title names a role in testing
// ("QA Manager - Logistics", whose "automation initiatives" widen
// "automation coverage for both UI and service-based tests",
// fixture:greenhouse/jobs_content_takealotgroup.json#8113700, blind2): the
// automation it names is of tests, which the taxonomy counts as testing.
func qaTitle(d *doc) bool {
	title, ok := postingTitle(d)
	return ok && titleNames(title, d.g.words.qa, wordSet{})
}

// chipWords, among the three words after "automation for" or "automation
// of", make it the automation of chip design (electronic design
// automation, which the taxonomy's rule leaves out), not the engineering
// practice: "Experience with automation for silicon design"
// (google-job-skills-row127, blind3).
const chipWords = " silicon chip chips asic asics rtl vlsi soc "

// chipDesignAutomation reports whether the automation hit ending at end
// of s is for or of chip design (see chipWords).
func chipDesignAutomation(s string, end int) bool {
	rest := s[end:]
	if !strings.HasPrefix(rest, " for ") && !strings.HasPrefix(rest, " of ") {
		return false
	}
	return anyWordAfter(s, end, 4, ".,;:", func(w string) bool { return inWordsFold(chipWords, w) })
}

// postingTitle returns the posting's own title, when it has one: the
// first sentence, which only Tag adds (TagDocument has none).
func postingTitle(d *doc) (string, bool) {
	if len(d.sentences) == 0 || !d.sentences[0].title {
		return "", false
	}
	t := &d.sentences[0]
	return d.text[t.start:t.end], true
}

// titleNames reports whether title holds a word of list and none of
// unless, in any ASCII case.
func titleNames(title string, list, unless wordSet) bool {
	found := false
	for j := 0; j < len(title); {
		ws, we := wordAt(title, j)
		if ws >= len(title) {
			break
		}
		w := title[ws:we]
		if unless.hasFold(w) {
			return false
		}
		found = found || list.hasFold(w)
		j = we
	}
	return found
}

// namesGoogleCloud reports whether s names Google's cloud business.
func namesGoogleCloud(s string) bool {
	return strings.Contains(s, "Google Cloud") || strings.Contains(s, "G Suite") || strings.Contains(s, "G-Suite")
}

// physicalTitles name roles that protect people, events and buildings.
var physicalTitles = [...]string{"Physical Security", "Protective Services", "Campus Security", "Event Security", "Executive Protection", "Security Officer", "Security Guard", "Workplace Security"}

// physicalSecurity reports whether the security hit m ("security",
// "security operations") is the physical protection of people, events and
// buildings because the posting's own title says the role is that:
// "Protective Services Specialist, Event Security" asking for "5 years of
// experience managing security for events", "Campus Security Manager"
// managing "security and safety vendors" (google-job-skills-row1195,
// row1244, row1246, unlabelled). Named skills of another kind there
// ("cyber security", "network security") are kept.
func physicalSecurity(d *doc, m string) bool {
	return (strings.EqualFold(m, "security") || strings.EqualFold(m, "security operations")) && physicalTitle(d)
}

// physicalWords, in a posting titled for "Security", say the role guards
// people and buildings: "Cluster Manager, Security" managing "our Google
// Security Guard Force" with "CCTV, Access Control" (google-job-skills-
// row1222, unlabelled).
var physicalWords = [...]string{"guard force", "Guard Force", "CCTV", "protective services", "Protective Services", "security guards", "security officers", "executive protection", "Executive Protection"}

// physicalTitle reports whether the posting's own title names a role that
// protects people, events and buildings, or names "Security" in a
// posting that speaks of guards, CCTV or protective services (see
// physicalWords): its risk assessments, incident management and business
// continuity are of those too ("Campus Security Manager": "create
// benchmarking to support risk assessments and threat identification",
// google-job-skills-row1246; "Communications Analyst, Physical Security":
// "business continuity checklists", row656; unlabelled).
//
// The answer is the document's, not the hit's: it is read once per
// document (d.facts), not once per "security" hit.
func physicalTitle(d *doc) bool {
	return d.facts.physicalTitle.get(func() bool { return readPhysicalTitle(d) })
}

// readPhysicalTitle reads physicalTitle's answer from the finished text.
func readPhysicalTitle(d *doc) bool {
	title, ok := postingTitle(d)
	if !ok {
		return false
	}
	for _, w := range physicalTitles {
		if strings.Contains(title, w) {
			return true
		}
	}
	if !strings.Contains(title, "Security") {
		return false
	}
	for _, w := range physicalWords {
		d.reads += len(d.text)
		if strings.Contains(d.text, w) {
			return true
		}
	}
	return false
}

// groundWords, before "logging", log a borehole or a well, not software.
const groundWords = " borehole boreholes well wells wireline mud downhole geophysical petrophysical "

// groundLogging reports whether s[start:end] is "logging" of the ground:
// "Our software handles borehole logging, lab testing, CPT data"
// (hn-46857875, unlabelled), well or wireline logging in oil and gas.
func groundLogging(s string, start, end int) bool {
	if !strings.EqualFold(s[start:end], "logging") {
		return false
	}
	ws, we := prevWordAt(s, start)
	if ws < 0 || start-we != 1 || s[we] != ' ' && s[we] != '-' {
		return false // the word must stand right before: "borehole logging"
	}
	return inWordsFold(groundWords, s[ws:we])
}

// businessWords in a posting's title name a business role; engineWords
// name an engineering one, which wins ("Sales Engineer", "Finance
// Systems Developer").
const (
	businessWords = " accountant accountants accounting controller payroll tax treasury auditor audit counsel paralegal legal marketing sales staffing recruiter recruiting revenue finance financial procurement people "
	engineWords   = " engineer engineers engineering developer developers architect architects sre devops technical programmer scientist "
)

// businessTitle reports whether the posting's own title names a business
// role (finance, tax, payroll, legal, marketing, sales, staffing, people
// operations) and no engineering one: the automation such a role names is
// of the business's processes, not the engineering practice ("Tax
// Analyst": "develop processes and procedures with a focus on continuous
// improvement and automation"; "Entity Controller": "efficiency through
// automation"; "People Analyst, Reporting and Insights":
// "automate data and analytics solutions", google-job-skills-row971,
// row1016, row1128, unlabelled; row132, dev, labels "automate business
// processes" no skill).
func businessTitle(d *doc) bool {
	title, ok := postingTitle(d)
	return ok && titleNames(title, d.g.words.businessTitle, d.g.words.engine)
}

// signIn reports whether s[start:end] is "logging" of users into a
// service: "Instead of users logging into platforms" (hn-47976439,
// unlabelled) signs in, it keeps no logs.
func signIn(s string, start, end int) bool {
	if !strings.EqualFold(s[start:end], "logging") {
		return false
	}
	rest := s[end:]
	return strings.HasPrefix(rest, " into ") || strings.HasPrefix(rest, " onto ")
}

// idiomAfter reports whether s[start:end] is the word m right after the
// word prev, an idiom rather than the skill: "battle hardening our
// pipeline" makes it sturdy, it hardens no systems (hn-47603440,
// unlabelled).
func idiomAfter(s string, start, end int, m, prev string) bool {
	if !strings.EqualFold(s[start:end], m) {
		return false
	}
	ws, we := prevWordAt(s, start)
	return ws >= 0 && start-we == 1 && (s[we] == ' ' || s[we] == '-') && strings.EqualFold(s[ws:we], prev)
}

// crmLogging reports whether s[start:end] is "logging" of a sales or
// support team's contacts into a CRM: "accurately logging every
// interaction within CRM systems like Salesforce or Zendesk"
// (fixture:lever/postings_moo.json#46a0e250, unlabelled) keeps records,
// not logs.
func crmLogging(s string, start, end int) bool {
	return strings.EqualFold(s[start:end], "logging") && containsWord(s, "CRM")
}

// businessObligations, in a sentence with "compliance requirements", make
// them a business's own filings and contracts: "tax filings and other
// compliance requirements" (google-job-skills-row942), "compliance
// requirements for entities in multiple jurisdictions" (row976),
// "contractual and licensing compliance requirements with vendors"
// (row986), "GAAP and local compliance requirements" (row976), "VAT and
// customs compliance requirements"
// (fixture:greenhouse/jobs_content_takealotgroup.json#8129945), all
// unlabelled; row132 (dev) labels license compliance no skill.
const businessObligations = " tax taxes vat customs statutory jurisdictions jurisdiction licensing contractual payroll employment gaap ifrs accounting "

// businessCompliance reports whether s[start:end], "compliance
// requirements", are a business's obligations (see businessObligations).
func businessCompliance(s string, start, end int, ws *wordSets) bool {
	if !strings.EqualFold(s[start:end], "compliance requirements") {
		return false
	}
	return sentenceHas(s, ws.business)
}

// staffNouns, anywhere in the sentence, are about staff (see
// staffSentence).
const staffNouns = " staff employee employees personnel hr "

// staffWords, right before "databases", make them records of people:
// "Experience with HR databases, Application Tracking Systems"
// (fixture:greenhouse/jobs_content_takealotgroup.json#8125460,
// unlabelled), as the third blind part decided for staff records.
const staffWords = " hr candidate candidates staff employee employees recruiting recruitment donor donors "

// staffSentence reports whether the bare "databases" at s[start:end] sit
// in a sentence about staff records and nothing technical: "updating
// databases and trackers ensuring information on all staff is accurate"
// (a People Coordinator's, fixture:lever/postings_moo.json#68ebc6e6,
// blind3).
func staffSentence(s string, start, end int, ws *wordSets) bool {
	return strings.EqualFold(s[start:end], "databases") && sentenceHas(s, ws.staffNouns) && !technicalSentence(s, ws)
}

// staffRecords reports whether the databases hit at start of s follows
// one of staffWords.
func staffRecords(s string, start int) bool {
	ws, we := prevWordAt(s, start)
	return ws >= 0 && start-we == 1 && s[we] == ' ' && inWordsFold(staffWords, s[ws:we])
}

// shopWords in a posting's title name a role on a factory or print floor
// or at its artwork ("Midweight Graphic Designer": "troubleshoot and
// complete design requests", moo#23cb1746, unlabelled);
// techWords name one in computing, which wins ("IT Support Technician",
// "Data Center Technician", "Network Operator").
const (
	shopWords = " technician technicians operator operators mechanic machinist maintenance production press warehouse forklift assembler graphic artworker "
	techWords = " it network networks data computer systems software engineer engineering developer devops sre cloud server servers "
)

// shopFloorTitle reports whether the posting's own title names a role on
// a factory or print floor and none in computing: the troubleshooting and
// automation it names are of machines ("automation systems, sensors, or
// basic PLC troubleshooting") ("Maintenance Technician (2nd Shift)": "Support
// press operators through coaching, troubleshooting",
// fixture:lever/postings_moo.json#686a002f, unlabelled), as the third
// blind part decided for troubleshooting of machines.
func shopFloorTitle(d *doc) bool {
	title, ok := postingTitle(d)
	return ok && titleNames(title, d.g.words.shop, d.g.words.tech)
}

// workItems, watched after "monitoring of", are a team's work, not
// systems: "Assess the quality of releases through monitoring of incoming
// bugs and code changes" (google-job-skills-row208, unlabelled) tracks a
// bug queue.
const workItems = " bugs bug tickets ticket progress campaigns campaign complaints feedback deadlines budgets budget "

// monitoringOfWork reports whether s[start:end] is "monitoring of" one
// of workItems: among the three words after "of", within its clause.
func monitoringOfWork(s string, start, end int) bool {
	if !strings.EqualFold(s[start:end], "monitoring") || !strings.HasPrefix(s[end:], " of ") {
		return false
	}
	return anyWordAfter(s, end+4, 3, ".,;:", func(w string) bool { return inWordsFold(workItems, w) })
}

// traits are words for a person that "agile" may be coordinated with, an
// adjective then, not the way of working: "Agile and creative problem
// solver" (google-job-skills-row385, unlabelled), "curious and agile".
const traits = " creative flexible adaptable curious proactive resourceful resilient innovative nimble versatile "

// personalAgile reports whether the agile hit s[start:end] is joined by
// "and" or "or" to one of traits.
func personalAgile(s string, start, end int) bool {
	if ws, we := wordAt(s, end); ws < len(s) && strings.TrimSpace(s[end:ws]) == "" && (foldASCIIEqual(s[ws:we], "and") || foldASCIIEqual(s[ws:we], "or")) {
		if ts, te := wordAt(s, we); ts < len(s) && inWordsFold(traits, s[ts:te]) {
			return true
		}
	}
	ws, we := prevWordAt(s, start)
	if ws < 0 || strings.TrimSpace(s[we:start]) != "" || !foldASCIIEqual(s[ws:we], "and") && !foldASCIIEqual(s[ws:we], "or") {
		return false
	}
	ts, te := prevWordAt(s, ws)
	return ts >= 0 && inWordsFold(traits, s[ts:te])
}

// objectOpeners, right after "tracing", make it a verb with its object.
const objectOpeners = " a an the this that each every one "

// tracingVerb reports whether s[start:end] is "tracing" followed by a
// determiner: following one thing by hand ("If tracing an x86 instruction
// in the morning and hunting a control-plane race in the afternoon both
// sound fun", hn-47975670, blind), not tracing as a kind of telemetry
// ("logging, metrics, tracing").
func tracingVerb(s string, start, end int) bool {
	if !strings.EqualFold(s[start:end], "tracing") {
		return false
	}
	ws, we := wordAt(s, end)
	return ws < len(s) && strings.TrimSpace(s[end:ws]) == "" && inWordsFold(objectOpeners, s[ws:we])
}

// systemWords, before "health monitoring", make it the health of systems
// ("cluster health monitoring"); any other health monitored is a living
// thing's.
const systemWords = " system systems service services cluster clusters node nodes server servers application applications app apps infrastructure network database databases pipeline pipelines fleet device devices platform "

// livingHealth reports whether s[start:end] is "monitoring" right after
// "health", after a word that names no system: "remote health
// monitoring" of a coop's hens (hn-47979300, blind) or "patient health
// monitoring". "Health monitoring of our services" says nothing before
// it and stays.
func livingHealth(s string, start, end int) bool {
	if !strings.EqualFold(s[start:end], "monitoring") {
		return false
	}
	ws, we := prevWordAt(s, start)
	if ws < 0 || start-we != 1 || !foldASCIIEqual(s[ws:we], "health") {
		return false
	}
	ps, pe := prevWordAt(s, ws)
	return ps >= 0 && ws-pe == 1 && s[pe] == ' ' && !inWordsFold(systemWords, s[ps:pe])
}

// testWords in a role's title name a role that tests software; otherRoleWords
// name another role beside it, which keeps the automation a question for
// the sentence ("Software, Mobile, QA, IT, TPM").
const (
	testWords      = " qa sdet sdets tester testers "
	otherRoleWords = " devops sre platform infrastructure infra backend frontend fullstack full-stack software mobile android ios it data ml cloud security systems network developer developers tpm "
)

// testTitle reports whether the role's title, the posting's own or what a
// document's first line says ("Link11 | QA Engineer | Remote"), names a
// role that tests software and no other: the automation it asks for is
// test automation, the taxonomy's testing ("You Should Have: ...
// Automation chops (Python, JavaScript, Bash)" beside "Build automated
// test suites", hn-46630621, blind3).
func testTitle(d *doc) bool {
	title := d.role
	if t, ok := postingTitle(d); ok {
		title = t
	}
	return title != "" && titleNames(title, d.g.words.test, d.g.words.otherRole)
}
