package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// seniorityRule maps title words to a seniority: any of words standing as
// a whole word, case folded.
type seniorityRule struct {
	words []string
	s     skillpulse.Seniority
}

// newSeniorityRules returns the rules in the order they are tried; the
// first that matches the title wins, so "Senior Engineering Manager" is a
// manager and "Senior Staff" is staff. Built per Tagger rather than held
// in a package variable. ("sr." and "jr." need no rule of their own: the
// word "sr" before the dot already matches.)
func newSeniorityRules() []seniorityRule {
	return []seniorityRule{
		{[]string{"manager", "director", "head of", "vp", "vice president", "cto", "ciso"}, skillpulse.SeniorityManager},
		{[]string{"principal", "distinguished", "fellow"}, skillpulse.SeniorityPrincipal},
		{[]string{"staff"}, skillpulse.SeniorityStaff},
		{[]string{"lead", "tech lead", "team lead"}, skillpulse.SeniorityLead},
		{[]string{"senior", "sr", "snr", "iii", "iv"}, skillpulse.SenioritySenior},
		{[]string{"mid", "mid-level", "intermediate", "ii"}, skillpulse.SeniorityMid},
		{[]string{"junior", "jr", "graduate", "grad", "entry-level", "entry level", "intern", "internship", "trainee", "apprentice", "associate", "i"}, skillpulse.SeniorityJunior},
	}
}

// Seniority reads a job title's seniority ("Senior SRE" is senior, "Cloud
// Support Engineer II" mid), SeniorityUnknown when the title says none.
func (g *Tagger) Seniority(title string) skillpulse.Seniority { return g.seniorityOf(title) }

// seniorityOf reads the role's seniority from its title.
func (g *Tagger) seniorityOf(title string) skillpulse.Seniority {
	if i := g.seniorityWords.first(title); i >= 0 {
		return g.seniority[i].s
	}
	return skillpulse.SeniorityUnknown
}

// roleWords name a job. A document with no title of its own may open
// with a header line whose role part is the title ("Acme | Senior SRE |
// Remote"); these words find that part, and make a short first line a
// title only when it names a job. (crawler keeps a list like it to pick
// the title field of Hacker News headers; stages do not share code.)
func roleWords() []string {
	return []string{
		"engineer", "engineers", "engineering", "developer", "developers", "dev", "devs",
		"programmer", "programmers", "architect", "administrator", "admin", "sysadmin",
		"sre", "sres", "devops", "devsecops", "ops", "operations", "scientist", "researcher",
		"analyst", "manager", "director", "lead", "head of", "specialist", "consultant",
		"technician", "intern", "internship", "cto", "ciso", "vp", "swe",
	}
}

// maxHeaderField bounds the role part of a header line, in bytes: a
// role is a few words ("Senior Site Reliability Engineer (Kubernetes)"),
// and a longer field is prose that happens to hold a '|'.
const maxHeaderField = 80

// documentTitle returns the part of a document's first block that reads
// as the role's title, or "" when it has none. The block is the title
// when it is a heading that is not a section name ("# Senior SRE"). A
// header line in the Hacker News "Who is hiring" style ("Acme Corp |
// Senior Site Reliability Engineer | Remote (US) | $180k") gives its
// role field: the first field after the company that names a role, else
// the first field when it names one ("Junior Linux Engineer | Kraków").
// A short first line without closing punctuation ("Senior Platform
// Engineer") is a title when it names a role. Ordinary first sentences
// are none of these: they are long or punctuated, and hold no '|'
// fields short enough to be a role.
//
// company is the header line's first field when a later field is the
// role and the first names none ("Acme Corp"), or when the line has three
// fields or more and none names a role, else "".
func (g *Tagger) documentTitle(first block) (title, company string) {
	line := first.text
	if line == "" {
		return "", ""
	}
	if _, section := g.heads.classify(line); section {
		return "", ""
	}
	roles := g.roles
	isRole := func(f string) bool { return f != "" && len(f) <= maxHeaderField && roles.first(f) >= 0 }
	if strings.IndexByte(line, '|') >= 0 {
		var buf [8]string
		fields := buf[:0]
		for f := range strings.SplitSeq(line, "|") {
			fields = append(fields, strings.TrimSpace(f))
		}
		if len(fields) >= 2 {
			for _, f := range fields[1:] {
				if isRole(f) {
					if !isRole(fields[0]) && len(fields[0]) <= maxHeaderField {
						company = fields[0]
					}
					return f, company
				}
			}
			if isRole(fields[0]) {
				return fields[0], ""
			}
			// No field names a role ("Temporal Technologies | Multiple
			// positions | Remote"): the first is still the company, as
			// the header style has it.
			if len(fields) >= 3 && fields[0] != "" && len(fields[0]) <= maxHeaderField {
				company = fields[0]
			}
		}
	}
	switch {
	case first.kind == blockHeading:
		return line, ""
	case maybeHeading(line) && roles.first(line) >= 0:
		return line, ""
	}
	return "", company
}

// titleIndex finds which of several word lists has a word standing in a
// title as a whole word, as \b(?:w1|w2|...)\b would under (?i), for every
// list in one scan: the words are indexed by their first letter, so that
// each word start of the title is compared with the few words that can
// start there rather than with every word of every list.
type titleIndex struct {
	byFirst [26][]titleWord // by first letter; every word starts with one
	all     []titleWord     // every word: only a long s or Kelvin sign folds from afar
}

type titleWord struct {
	w    string // lower-case
	list int
}

func newTitleIndex(lists ...[]string) *titleIndex {
	t := &titleIndex{}
	for i, l := range lists {
		for _, w := range l {
			tw := titleWord{w: w, list: i}
			t.byFirst[w[0]-'a'] = append(t.byFirst[w[0]-'a'], tw)
			t.all = append(t.all, tw)
		}
	}
	return t
}

// first returns the index of the first list with a word in s, or -1.
func (t *titleIndex) first(s string) int {
	best := -1
	prevWord := false // whether s[p-1] is a word byte: wordBoundary, carried from byte to byte
	for p := 0; p < len(s); p++ {
		w := isWordByte(s[p])
		if w == prevWord {
			continue
		}
		prevWord = w
		var words []titleWord
		switch c := lowerASCII(s[p]); {
		case c >= utf8.RuneSelf:
			words = t.all
		case c >= 'a' && c <= 'z':
			words = t.byFirst[c-'a']
		}
		for _, w := range words {
			if best >= 0 && w.list >= best {
				continue
			}
			if e := foldLit(s, p, w.w); e >= 0 && wordBoundary(s, e) {
				if best = w.list; best == 0 {
					return 0
				}
			}
		}
	}
	return best
}
