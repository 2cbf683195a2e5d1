package extract

import (
	"strings"
	"unicode"

	"github.com/skillpulse/skillpulse"
)

// hitCtx is what a guard sees of one candidate match: its sentence, where
// it sits in it, and the accepted neighbouring matches in the same sentence.
type hitCtx struct {
	sentence   string // the sentence text as matched (URLs masked)
	start, end int    // byte span of the match within sentence
	prev, next *hit   // neighbouring hits in the same sentence, or nil
	prevGap    string // sentence text between prev and this match
	nextGap    string // sentence text between this match and next
	tagger     *Tagger
}

// guardFunc decides whether an ambiguous alias names the skill here.
type guardFunc func(c *hitCtx) bool

// guardFor returns the guard a taxonomy entry names, or nil for none known.
// Guards are code, not data, because their rules need more than word lists;
// the taxonomy's rule field says in prose what each entry relies on.
func guardFor(name string) guardFunc {
	switch name {
	case "go-language":
		return goLanguage
	case "list-only":
		return listOnly
	case "network-context":
		return networkContext
	case "engineering-automation":
		return engineeringAutomation
	case "listed":
		return listed
	case "os-administration":
		return osAdministration
	case "given-mentorship":
		return givenMentorship
	case "technical-context":
		return technicalContext
	case "systems-monitoring":
		return systemsMonitoring
	case "systems-scale":
		return systemsScale
	case "built-tools":
		return builtTools
	case "listed-or-field":
		return listedOrField
	case "not-alone":
		return notAlone
	case "network-vendor":
		return networkVendor
	case "noun-phrase":
		return nounPhrase
	}
	return nil
}

// goStopNext are words that turn a capitalised "Go" into the verb:
// "Go to our site", "Go beyond", "go-live" (the dash is checked apart).
const goStopNext = " to ahead live through beyond above over back out from into get big far fast deep further home wrong well hand off up down along after forward first around anywhere viral public this it there here where when our your "

// goStopPrev are words that precede the verb or the idiom: "let's Go",
// "ready, set, Go", "will go", "on the Go".
const goStopPrev = " let's let’s lets let to will can must should may might we you they i ready set who that "

// goLanguage accepts "Go" as the language unless a neighbouring word makes
// it the verb or an idiom. Lower-case "go" never reaches it: the taxonomy
// lists "Go" as an exact alias and "golang" as the free one.
func goLanguage(c *hitCtx) bool {
	r := nextRune(c.sentence, c.end)
	if r == '-' || r == '!' {
		return false // go-live, go-to-market, "Let's Go!"
	}
	if c.start == 0 && strings.HasPrefix(c.sentence[c.end:], " on,") {
		return false // "Go on, be the master of your own destiny."
	}
	if inWords(goStopNext, nextWord(c.sentence, c.end)) {
		// "Go to" is the verb, but "Go, Python" or "Go and Rust" are
		// not in the list and never get here.
		return false
	}
	var buf [2]string
	pw := prevWords(c.sentence, c.start, 2, buf[:0])
	if len(pw) > 0 {
		if inWords(goStopPrev, pw[0]) {
			return false
		}
		if pw[0] == "the" && len(pw) > 1 && pw[1] == "on" {
			return false // on the Go
		}
	}
	return true
}

// listStopPrev are words that make a lone capital letter a label:
// "Series C", "Vitamin C", "Plan B".
const listStopPrev = " series round vitamin grade class type level plan option tier section part appendix building block team phase note step stage figure category "

// listOnly accepts a one-letter language name (C, R) only where a
// language list or "in C" makes it one: "C, C++ or Rust", "Go/C", "written
// in C", "experience with R, SAS or Python". Prose capitals ("Series C",
// "C-level", "R&D") are rejected.
func listOnly(c *hitCtx) bool {
	r := nextRune(c.sentence, c.end)
	if r == '-' || r == '&' || r == '\'' || r == '’' || r == '.' && c.end+1 < len(c.sentence) && c.sentence[c.end+1] != ' ' {
		return false
	}
	if c.start > 0 && (c.sentence[c.start-1] == '&' || c.sentence[c.start-1] == '-') {
		return false // the second letter of "R&R", "B-R"
	}
	isLang := func(h *hit) bool {
		return h != nil && c.tagger.skills[h.skill].category == skillpulse.CategoryLanguage
	}
	// A slash joining it to a language ("C/C++", "React/TS") makes a
	// list whatever the word before says ("low-level C/C++").
	if isLang(c.next) && strings.TrimSpace(c.nextGap) == "/" || isLang(c.prev) && strings.TrimSpace(c.prevGap) == "/" {
		return true
	}
	var buf [1]string
	pw := prevWords(c.sentence, c.start, 1, buf[:0])
	if len(pw) > 0 {
		if inWords(listStopPrev, pw[0]) {
			return false
		}
	}
	if isLang(c.prev) && listGap(c.prevGap) || isLang(c.next) && listGap(c.nextGap) {
		return true
	}
	if len(pw) > 0 && (pw[0] == "in" || pw[0] == "with" || pw[0] == "using") {
		rest := strings.TrimLeft(c.sentence[c.end:], " ")
		if rest == "" || strings.ContainsRune(",.;:)/", rune(rest[0])) ||
			strings.HasPrefix(rest, "and ") || strings.HasPrefix(rest, "or ") {
			return true
		}
	}
	return false
}

// netBefore are words that make the bare word right after them a
// networking term ("static routing", "public IP", "Layer 3 routing",
// "inter-VLAN routing"); netAfter do it from right after ("IP
// addressing", "routing tables", "IP/MPLS").
const (
	netBefore = " ip ipv4 ipv6 tcp udp network networking dynamic static multicast unicast anycast packet wan lan internet l3 3 vlan inter public private floating virtual segment bgp ospf mpls eigrp "
	netAfter  = " address addresses addressing network networks networking routing subnet subnets subnetting stack protocol protocols transit connectivity multicast fabric allocation range ranges table tables packets traffic vlan vlans bgp ospf mpls fundamentals concepts principles "
	// netListed are networking words that count even across list
	// punctuation: "routing, switching", "switching and routing".
	netListed = " switching switches "
)

// networkContext accepts a bare word that is a networking term only in
// networking company ("IP", "routing"): a networking word right before
// or after it (see netBefore, netAfter), "switching" next to it in a
// list, or a networking skill next to it in a list ("DNS, DHCP, IP",
// "BGP routing", "routing, VLANs"). "Intellectual property (IP)",
// "protect our IP", "ticket routing" and "routing number" have none of
// these.
func networkContext(c *hitCtx) bool {
	isNet := func(h *hit) bool {
		return h != nil && c.tagger.skills[h.skill].category == skillpulse.CategoryNetworking
	}
	if isNet(c.prev) && listGap(c.prevGap) || isNet(c.next) && listGap(c.nextGap) {
		return true
	}
	before, listedBefore := wordBefore(c.sentence, c.start)
	after, listedAfter := wordAfter(c.sentence, c.end)
	return inWords(netBefore, before) || inWords(netAfter, after) ||
		inWords(netListed, listedBefore) || inWords(netListed, listedAfter)
}

// engineeringAutomation accepts "automation" and "automate" as the
// engineering practice, not as what a company sells: a sentence in the
// company's voice ("We automate grid interconnection studies", "We're
// building intelligent automation for healthcare", see companyVoice), a
// statement of its purpose (see purposeFrom), or "X is automating ..."
// describes the product, whose customers' work is automated, as does a
// sentence that opens with the product's or company's name and what it
// is or does ("Maiven is the software platform automating ...", see
// productVoice).
func engineeringAutomation(c *hitCtx) bool {
	if companyVoice(c.sentence) {
		return false
	}
	if p := productVoice(c.sentence); p >= 0 && c.start >= p {
		return false
	}
	if p := purposeFrom(c.sentence); p >= 0 && c.start >= p {
		return false
	}
	var buf [1]string
	pw := prevWords(c.sentence, c.start, 1, buf[:0])
	if len(pw) > 0 && (pw[0] == "is" || pw[0] == "are" || pw[0] == "we're" || pw[0] == "we’re") {
		return false
	}
	return !businessAutomation(c) && !industrialAutomation(c) && !testAutomation(c.sentence, c.start, c.tagger.words)
}

// testTools are browser and app test frameworks: automation in a
// sentence that names one is of tests ("Experience with automation
// frameworks (e.g., Playwright) and in-house integration testing tools",
// fixture:greenhouse/jobs_content_takealotgroup.json#8113700, blind2;
// "exposure to automation frameworks (Cypress, Playwright, etc.)",
// hn-46858532, unlabelled).
const testTools = " playwright cypress selenium puppeteer webdriverio appium "

// testAutomation reports whether the automation at offset i of s is
// coordinated with tests, so of tests (the taxonomy's rule: test
// automation is testing): "writing unit tests, automation and performing
// code reviews" (fixture:lever/postings_yassir_infra_subset.json#5c741a26,
// dev, labelled no automation), "diagnostic test and automation software"
// (google-job-skills-row280, unlabelled); or in a sentence naming one of
// testTools.
func testAutomation(s string, i int, sets *wordSets) bool {
	if sentenceHas(s, sets.testTools) {
		return true
	}
	ws, we := prevWordAt(s, i)
	if ws < 0 {
		return false
	}
	if gap := strings.TrimSpace(s[we:i]); gap == "" && foldASCIIEqual(s[ws:we], "and") {
		i = ws
		if ws, we = prevWordAt(s, i); ws < 0 || strings.TrimSpace(s[we:i]) != "" {
			return false
		}
	} else if gap != "," && gap != "/" {
		return false
	}
	w := s[ws:we]
	return foldASCIIEqual(w, "test") || foldASCIIEqual(w, "tests") || foldASCIIEqual(w, "testing")
}

// listed accepts a common word ("testing", "cloud", "Dynamo") as the
// skill only as an item of a list of skills: a neighbouring match joined
// to it by list punctuation or a conjunction ("FastAPI, testing, and
// CI/CD", "cloud/containerization", "Postgres/Dynamo"). A capitalised
// word right after it makes it part of a name ("Cloud Operations"). An
// acronym of the entry ("RAID") stands on its own.
func listed(c *hitCtx) bool {
	if acronym(c.sentence[c.start:c.end]) {
		return true // "RAID" is no common word
	}
	if w, e := wordAt(c.sentence, c.end); e > w && c.sentence[w] >= 'A' && c.sentence[w] <= 'Z' && strings.TrimSpace(c.sentence[c.end:w]) == "" {
		return false
	}
	return c.prev != nil && listJoin(c.prevGap) || c.next != nil && listJoin(c.nextGap)
}

// osAdmin are the words whose administration is systems administration.
const osAdmin = " linux unix os windows server servers solaris macos "

// osAdministration accepts "administration" only of an operating system
// or servers: "Linux administration", "OS administration".
func osAdministration(c *hitCtx) bool {
	var buf [1]string
	pw := prevWords(c.sentence, c.start, 1, buf[:0])
	return len(pw) > 0 && inWords(osAdmin, pw[0])
}

// receivedWords say, within the four words before "mentorship", that the
// candidate gets it ("an entry role with mentorship", "receive
// mentorship", "support through peer reviews and mentorship").
const receivedWords = " receive receiving receives get gets getting have with through offer offers offering plus "

// givenMentorship accepts "mentorship" as the practice unless the
// sentence says the candidate receives it, a perk like any other. A
// sentence that has the candidate provide something before it ("providing
// mentorship to junior colleagues", "Provide technical leadership through
// coaching and mentorship") is the practice.
func givenMentorship(c *hitCtx) bool {
	if indexFoldASCII(c.sentence[:c.start], "provid") >= 0 {
		return true
	}
	var buf [4]string
	for _, w := range prevWords(c.sentence, c.start, 4, buf[:0]) {
		if inWords(receivedWords, w) {
			return false
		}
	}
	return true
}

// toolUseWords, within the three words before "internal tools", make the
// tools something the role uses, not builds: "Leverage internal tools,
// logs and data", "Know our internal tools", "Understand Google
// products, internal tools and processes".
const toolUseWords = " leverage leveraging use using uses utilize utilise utilizing know knowing understand understanding navigate learn "

// parenReach is how far back builtTools looks for the parenthesis a
// hit stands in.
const parenReach = 160

// builtTools accepts internal tooling as the practice of building and
// running tools for the company's own people, not the use of its tools
// (see toolUseWords). Inside a parenthesis the verb that governs it
// stands before the parenthesis: "set up environments using IaaC
// (Terraform, CloudFormation, or CLI tools)"
// (fixture:ashby/job-board_truelogic_lcarlini.json#3af5b1b2, blind3).
func builtTools(c *hitCtx) bool {
	var buf [3]string
	for _, w := range prevWords(c.sentence, c.start, 3, buf[:0]) {
		if inWords(toolUseWords, w) {
			return false
		}
	}
	lo := max(0, c.start-parenReach) // bounded: a long sentence of hits stays linear
	open := strings.LastIndexByte(c.sentence[lo:c.start], '(')
	if open < 0 || strings.IndexByte(c.sentence[lo+open:c.start], ')') >= 0 {
		return true
	}
	open += lo
	for _, w := range prevWords(c.sentence, open, 3, buf[:0]) {
		if inWords(toolUseWords, w) {
			return false
		}
	}
	return true
}

// listedOrField is listed, or the word as a field of work right after
// "in" or "within" and closing its phrase: "5 years of experience
// working within cloud and working with clients", "experience in cloud,
// data and security" (a capital after it names something: "in Cloud
// Operations").
func listedOrField(c *hitCtx) bool {
	if listed(c) {
		return true
	}
	if prevWordIs(c.sentence, c.start, "in", "within") < 0 {
		return false
	}
	rest := strings.TrimLeft(c.sentence[c.end:], " ")
	return rest == "" || strings.ContainsRune(",.;:)", rune(rest[0])) || strings.HasPrefix(rest, "and ") || strings.HasPrefix(rest, "or ")
}

// notAlone keeps a match only when its sentence has another word: a bare
// "MCP;" cut from a list of certifications ("CISA; CISM; ITILv3; MCP;
// MCSE") is the Microsoft certification, while "MCP servers" or "AWS,
// MCP, RAG" name the protocol.
func notAlone(c *hitCtx) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return strings.IndexFunc(c.sentence[:c.start], word) >= 0 || strings.IndexFunc(c.sentence[c.end:], word) >= 0
}

// networkWords make a vendor's bare name ("Palo Alto") the vendor's
// equipment.
const networkWords = " firewall firewalls ngfw network networks networking vpn vpns panorama routing switching "

// networkVendor keeps a network vendor's bare name only in a sentence
// about networks: beside a networking or security skill ("Manage Palo
// Alto and Fortinet firewalls") or with a word of networkWords. The
// Californian city is written alone in a header field or among other
// places ("Pittsburgh, Palo Alto, Dearborn, Remote (US)", hn-47985197;
// "Sycamore | Palo Alto | Full-time", hn-47607341).
func networkVendor(c *hitCtx) bool {
	near := func(h *hit) bool {
		if h == nil {
			return false
		}
		cat := c.tagger.skills[h.skill].category
		return cat == skillpulse.CategoryNetworking || cat == skillpulse.CategorySecurity
	}
	return near(c.prev) || near(c.next) || sentenceHas(c.sentence, c.tagger.words.network)
}

// verbOpeners are the words after which a phrase that may be a verb and
// its object ("build pipelines") is the verb: "you'll build pipelines",
// "to build pipelines", "and build pipelines".
const verbOpeners = " to will you'll you’ll we we'll we’ll can and you i must should "

// nounPhrase keeps a phrase that reads as a verb and its object only as
// the noun ("our build pipelines", "CI/CD and build pipelines"): not
// opening a sentence, a list item or what follows a label's colon (a
// duty: "Data Systems Engineer: Build pipelines and power data-driven
// products", hn-47607341), and not after a word of verbOpeners ("a
// growth role where you'll build pipelines, write scripts",
// hn-46996070; both unlabelled).
func nounPhrase(c *hitCtx) bool {
	before := strings.TrimRight(c.sentence[:c.start], " ")
	if before == "" || strings.HasSuffix(before, ":") || strings.HasSuffix(before, "-") || strings.HasSuffix(before, "•") || strings.HasSuffix(before, "*") {
		return false
	}
	if c.prev != nil && listJoin(c.prevGap) {
		return true // an item of a list of skills: "Bazel, caching and build pipelines"
	}
	var buf [1]string
	pw := prevWords(c.sentence, c.start, 1, buf[:0])
	return len(pw) == 0 || !inWords(verbOpeners, pw[0])
}
