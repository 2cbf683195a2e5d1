package extract

import (
	"strings"

	"github.com/skillpulse/skillpulse"
)

// Practices in the engineering sense. Risk, change and cost management,
// automation and monitoring are also a business's words: a contact
// centre's cost management, organisational change, automated reports,
// monitoring a competitive landscape. These guards accept them where the
// sentence is about systems.

// businessObjects are what a business automates: its processes, reports
// and paperwork ("automate reports", "automation of processes",
// "invoice automation").
const businessObjects = " business process processes reports report reporting insights findings activities spreadsheets spreadsheet invoice invoices invoicing billing payroll claims accounting finance financial bookkeeping hr paperwork documents documentation emails email outreach content rfqs scoring procurement intake transcription verification "

// businessAutomation reports whether the automation at the hit is of a
// business process, not of systems, in a sentence that names nothing
// technical (see technicalWords: "automate build and release processes"
// is engineering): a business object among the three words before it
// ("invoice automation", "process automation") or the five after it
// ("automate reports", "automation of processes", "automate complex
// workflows and processes"), or a business's flow among the five after
// it with no skill of systems beside it ("automate planning", see
// businessFlows).
func businessAutomation(c *hitCtx) bool {
	s := c.sentence
	isObject := c.tagger.words.businessObjects.hasFold
	// Up to three words before, within the clause's punctuation:
	// "invoice automation", "process re-engineering/automation",
	// "streamline reporting, including automation", "business efficiency
	// and automation programs" (google-job-skills-row107, row690, row141,
	// unlabelled).
	if anyWordBefore(s, c.start, 3, ".;:()", isObject) || anyWordAfter(s, c.end, 5, ".;:", isObject) {
		return !technicalSentence(s, c.tagger.words)
	}
	isFlow := func(w string) bool { return oneOfFold(w, businessFlows[:]) }
	return anyWordAfter(s, c.end, 5, ".;:", isFlow) && !technicalSentence(s, c.tagger.words) && !systemsNeighbour(c)
}

// anyWordBefore reports whether one of the n words before offset i of s
// is one that is reports, looking no further back than a byte of stops.
func anyWordBefore(s string, i, n int, stops string, is func(string) bool) bool {
	for ; n > 0; n-- {
		ws, we := prevWordAt(s, i)
		if ws < 0 || strings.ContainsAny(s[we:i], stops) {
			return false
		}
		if is(s[ws:we]) {
			return true
		}
		i = ws
	}
	return false
}

// anyWordAfter is anyWordBefore looking forward from offset i.
func anyWordAfter(s string, i, n int, stops string, is func(string) bool) bool {
	for ; n > 0; n-- {
		ws, we := wordAt(s, i)
		if ws >= len(s) || strings.ContainsAny(s[i:ws], stops) {
			return false
		}
		if is(s[ws:we]) {
			return true
		}
		i = we
	}
	return false
}

// businessFlows are what a business's people do that a product
// automates for them: "automate messy, high-stakes workflows" (an
// Enterprise AE's product, hn-46857548), "AI agents that automate
// complex back-office workflows" (hn-46877445), "to automate planning,
// inventory management" (hn-47222587). A workflow is engineering only
// beside a skill of systems or with a technical word ("automate CI/CD
// workflows", "deployment workflows"; see systemsNeighbour).
var businessFlows = [...]string{"workflows", "workflow", "planning", "inventory"}

// systemsNeighbour reports whether a neighbouring hit is a skill of
// systems: not a practice, and not a tool such as an LLM or a chat app
// ("AI agents that automate complex back-office workflows" is still a
// business's).
func systemsNeighbour(c *hitCtx) bool {
	sys := func(h *hit) bool {
		if h == nil {
			return false
		}
		cat := c.tagger.skills[h.skill].category
		return cat != skillpulse.CategoryPractice && cat != skillpulse.CategoryTool
	}
	return sys(c.prev) || sys(c.next)
}

// industrialWords make automation a factory's or a robot's, the field
// of industrial control, not the engineering practice: "building
// robotics and automation" (hn-46860888), "Automation & robotics
// (Linux & ROS level)" (hn-47601911).
var industrialWords = [...]string{"robotics", "robots", "industrial", "factory", "factories", "manufacturing", "plc", "scada"}

// industrialAutomation reports whether a word of industrialWords stands
// within two words of the automation hit.
func industrialAutomation(c *hitCtx) bool {
	isIndustrial := func(w string) bool { return oneOfFold(w, industrialWords[:]) }
	return anyWordBefore(c.sentence, c.start, 2, "", isIndustrial) || anyWordAfter(c.sentence, c.end, 2, "", isIndustrial)
}

// technicalWords are the words that put a management practice in the
// engineering sense: "the change management process for infrastructure
// changes", "security governance, including risk management", "cloud
// cost management".
const technicalWords = " security cyber cybersecurity infosec privacy gdpr pci hipaa soc iso nist infrastructure infra software threat threats vulnerability vulnerabilities incident incidents production deployment deployments deploy release releases code bug bugs network networks networking cloud server servers itil itsm devops sre compute kubernetes outage outages uptime finops etl pipeline pipelines extraction ingestion "

// technicalContext accepts a practice whose name is also a business
// one ("risk management", "change management", "cost management") only
// in engineering company: a word of technicalWords in the sentence ("IT"
// in capitals), or a neighbouring skill that is no practice ("fraud risk
// management, security and threat analysis", "change management in
// ServiceNow"). A business's risk assessments, organisational change
// management or a contact centre's cost management are not the
// practice.
func technicalContext(c *hitCtx) bool {
	other := func(h *hit) bool {
		return h != nil && c.tagger.skills[h.skill].category != skillpulse.CategoryPractice
	}
	return other(c.prev) || other(c.next) || technicalSentence(c.sentence, c.tagger.words)
}

// technicalSentence reports whether s holds a word of technicalWords
// ("IT" in capitals).
func technicalSentence(s string, sets *wordSets) bool {
	if strings.Contains(s, "IT") && hasWord(s, "IT") {
		return true
	}
	prev := ""
	for i := 0; i < len(s); {
		ws, we := wordAt(s, i)
		if ws >= len(s) {
			break
		}
		w := s[ws:we]
		if sets.technical.hasFold(w) && !otherSenseAfter(prev, w) {
			return true
		}
		prev, i = w, max(we, ws+1)
	}
	return false
}

// otherSenseAfter reports whether the technical word w, after the word
// prev, names a nation's or a utility's concern rather than systems':
// "monitoring frontier AI for national security risks" (hn-46920617),
// "protecting power grids, monitoring critical infrastructure"
// (hn-47230454, both unlabelled).
func otherSenseAfter(prev, w string) bool {
	switch {
	case strings.EqualFold(w, "security"):
		return inWordsFold(" national homeland social food job physical ", prev)
	case strings.EqualFold(w, "infrastructure"):
		return inWordsFold(" critical physical public civil ", prev)
	}
	return false
}

// hasWord reports whether s holds w as a whole word, as written.
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if wordBoundary(s, j) && wordBoundary(s, j+len(w)) {
			return true
		}
		i = j + 1
	}
}

// monitorWords are the words that make bare "monitoring" the watching
// of systems, besides technicalWords: what is watched and how.
const monitorWords = " logs logging alerts alerting dashboards dashboard latency reliability tracing telemetry services systems apis api backend on-call oncall sla slas slo slos "

// systemsMonitoring accepts bare "monitoring" as observability only
// where the sentence is about systems: an item of a list of skills
// ("CI/CD, monitoring, IaC", "testing/monitoring/debugging"), a skill
// beside it that is no practice ("monitoring with Zabbix"), a word of
// technicalWords or monitorWords ("release and monitoring", "monitoring
// of production services"). A satellite "global monitoring system",
// monitoring a grant application, a competitive landscape, investments
// or energy markets is not.
func systemsMonitoring(c *hitCtx) bool {
	if c.prev != nil && listJoin(c.prevGap) || c.next != nil && listJoin(c.nextGap) {
		return true
	}
	return technicalContext(c) || sentenceHas(c.sentence, c.tagger.words.monitor)
}

// scaleWords are the words that make scalability a property of
// software, besides technicalWords and monitorWords.
const scaleWords = " system architecture distributed throughput availability performance database databases traffic queries concurrency latency "

// systemsScale accepts scalability as the engineering practice where the
// sentence is about systems (see systemsMonitoring, and scaleWords:
// "speed, reliability, and scalability as we grow", "the challenge of
// performance, scalability, and developer experience"), not a business's
// ("processes allowing for scalability and innovation").
func systemsScale(c *hitCtx) bool {
	return systemsMonitoring(c) || sentenceHas(c.sentence, c.tagger.words.scale)
}

// sentenceHas reports whether s holds one of the words of set, in any
// ASCII case.
func sentenceHas(s string, set wordSet) bool {
	for i := 0; i < len(s); {
		ws, we := wordAt(s, i)
		if ws >= len(s) {
			break
		}
		if set.hasFold(s[ws:we]) {
			return true
		}
		i = max(we, ws+1)
	}
	return false
}
