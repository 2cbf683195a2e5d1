package extract

import (
	"slices"
	"strings"
)

// Lists of organisations by name: "customers like Cursor, Temporal and
// DigitalOcean", "investors including Spark Capital", "a team from Meta,
// Pinecone and AWS", "ex-Google, GitHub". A skill's name there names a
// company (see dropOtherSenses).

// nameListMemo remembers, within one sentence, whether the last hit
// looked at sat in a list of names (see inNameList), so that the hits of
// one list are judged once: a hit joined to the last by list words only
// shares its verdict.
type nameListMemo struct {
	end    int // where the last hit looked at ends, -1 for none
	inList bool
	words  *wordSets
}

// opensName reports whether c may open a name in a list of names: a
// capital, a digit ("1Password") or a byte beyond ASCII. Any other word
// is lower-case, which only a list's fill words may be.
func opensName(c byte) bool { return isUpperASCII(c) || isDigit(c) || c >= 0x80 }

// in reports whether the hit at s[start:end] sits in a list of names.
func (m *nameListMemo) in(s string, start, end int) bool {
	if !opensName(s[start]) {
		return false // a list of names holds no lower-case word but its fill
	}
	if m.end < 0 || m.end > start || !listTokens(s[m.end:start], m.words) {
		m.inList = inNameList(s, start, m.words)
	}
	m.end = end
	return m.inList
}

// wordAt returns the next word of s at or after i (a run of word bytes or
// bytes beyond ASCII, so "we’re" is one word), or start == len(s).
func wordAt(s string, i int) (start, end int) {
	for i < len(s) && !isWordByte(s[i]) && s[i] < 0x80 {
		if s[i] == ';' {
			return len(s), len(s) // a list never runs past a semicolon
		}
		i++
	}
	start = i
	for i < len(s) && (isWordByte(s[i]) || s[i] >= 0x80) {
		i++
	}
	return start, i
}

// orgWord tells the words for organisations (and the people of one) that
// a list of names follows ("customers include", "investors including",
// "companies such as", "teams at", "industries including") and the
// participles that take "by" before such a list ("backed by", "trusted
// by", "used by"), in any ASCII case: a switch, which costs nothing to
// allocate or search.
func orgWord(w string) uint8 {
	var buf [16]byte
	if len(w) < 3 || len(w) > len(buf) {
		return 0
	}
	for i := 0; i < len(w); i++ {
		buf[i] = lowerASCII(w[i])
	}
	switch string(buf[:len(w)]) {
	case "customers", "customer", "clients", "client", "companies", "organizations", "organisations", "orgs",
		"brands", "enterprises", "businesses", "investors", "backers", "funds", "startups", "logos", "industries",
		"team", "teams", "engineers", "folks", "alumni", "retailers", "banks", "fintechs", "partners", "leaders",
		"backgrounds", "employers":
		return orgNoun
	case "founders", "veterans", "founder", "cofounder", "cofounders", "ceo", "cto", "cfo", "coo", "cpo":
		return orgPeople
	case "backed", "trusted", "used", "loved", "funded", "adopted", "acquired":
		return orgParticiple
	}
	return 0
}

// The kinds orgWord tells.
const (
	orgNoun = 1 + iota
	orgParticiple
	orgPeople // the people of organisations, who take "of" too: "founders of Cloudflare", "CEO of HuggingFace"
)

// executive reports whether w is an executive's title written as an
// acronym ("CEO", "CTO"), which names the company right beside it:
// "cofounder/CTO MongoDB", "Sridhar Ramaswamy (Snowflake CEO)".
func executive(w string) bool {
	switch w {
	case "CEO", "CTO", "CFO", "COO", "CPO", "CISO":
		return true
	}
	return false
}

// executiveBeside reports whether the name at s[start:end] is written
// with an executive's title right before or after it, joined by a space
// (or an opening parenthesis) only: the person's company, not a skill
// ("cofounder/CTO MongoDB", "Snowflake CEO", "ex-GitHub CTO", "Proven,
// technical founder (MongoDB)"; hn-46858035, hn-47608799, hn-46501421).
func executiveBeside(s string, start, end int) bool {
	// The titles end in 'O' (CEO, CTO ...) or 'r' (founder, cofounder):
	// the word before is read only then.
	j := start - 1 // where the word before must end
	if j > 1 && s[j] == '(' && s[j-1] == ' ' {
		j--
	}
	if j > 0 && s[j] == ' ' && (s[j-1] == 'O' || s[j-1] == 'r') {
		ws, we := prevWordAny(s, start)
		if ws >= 0 && we == j && (executive(s[ws:we]) || foldASCIIEqual(s[ws:we], "founder") || foldASCIIEqual(s[ws:we], "cofounder")) {
			return true
		}
	}
	if end+1 < len(s) && s[end] == ' ' && s[end+1] == 'C' {
		ws, we := wordAt(s, end)
		return ws == end+1 && executive(s[ws:we])
	}
	return false
}

const (
	// orgJoin are the words that introduce the list after an
	// organisation noun.
	orgJoin = " like include includes including such e.g eg at from "
	// listFill are the lower-case words a list of names may hold besides
	// the names: "Ramp, Bilt and many others", "Canva, FanDuel, etc".
	listFill = " and or etc many more others other among the of plus a few to name just dozens hundreds thousands with as e.g eg "
)

// inNameList reports whether the word at offset start of s sits in a list
// of organisations by name: walking back over capitalised words (and the
// fill words between them, see listFill) it meets the word that joins the
// list to an organisation noun ("customers like Cursor, Temporal and
// DigitalOcean", "Our customers, including Alibaba Cloud, BILT Rewards
// ... and many others", "investors including Spark Capital", "teams at
// Cloudflare"), the noun within five words before it, "by" after a
// participle ("trusted by Vercel", "Backed by Nat Friedman"), "of" after
// founders or veterans ("founders of Cloudflare") or "ex-" before former
// employers ("ex-Google, GitHub"). Any other lower-case word on the way
// ("Customers like Ramp rely on our Kafka") or a semicolon ends the list.
func inNameList(s string, start int, sets *wordSets) bool {
	i := start
	for {
		ws, we := prevWordAny(s, i)
		if ws < 0 {
			return false
		}
		w := s[ws:we]
		switch c := s[ws]; {
		case opensName(c) && employerItem(s, ws, we):
			return true // "experience at scale (Google/Meta/AWS/Abnormal/Wiz)"
		case opensName(c):
		case foldASCIIEqual(w, "of"):
			ps, pe := prevWordAny(s, ws)
			if ps >= 0 && orgWord(s[ps:pe]) == orgPeople {
				return true // "founders of Cloudflare, DigitalOcean and Segment"
			}
			if ps >= 0 && foldASCIIEqual(s[ps:pe], "out") && outOf(s, ps) {
				return true // "a small team out of PyTorch, FAIR, and Meta"
			}
		case sets.listFill.hasFold(w):
		case foldASCIIEqual(w, "ex") && we < len(s) && s[we] == '-':
			return true // former employers: "(ex-Google, GitHub, Meta)"
		case foldASCIIEqual(w, "by"):
			ps, pe := prevWordAny(s, ws)
			return ps >= 0 && orgWord(s[ps:pe]) == orgParticiple
		case sets.orgJoin.hasFold(w):
			j := ws
			for range 5 {
				ps, pe := prevWordAny(s, j)
				if ps < 0 {
					return false
				}
				if k := orgWord(s[ps:pe]); k == orgNoun || k == orgPeople {
					return true
				}
				j = ps
			}
			return false
		default:
			return false
		}
		i = ws
	}
}

// employers are companies whose name is no skill and no cloud, and which
// a posting names only as a place people worked: a list of names that
// holds one of them is a list of employers.
var employers = [...]string{"Meta", "Facebook", "Netflix", "Uber", "Airbnb"}

// employerItem reports whether s[ws:we] is one of employers written as a
// whole item of a list, not the first word of a longer name ("Meta
// Llama"): "Prefer experience at scale (Google/Meta/AWS/Abnormal/Wiz)"
// (hn-46862140) names Wiz as a company, not the CSPM product.
func employerItem(s string, ws, we int) bool {
	if we-ws < 4 || we-ws > 8 || !slices.Contains(employers[:], s[ws:we]) {
		return false
	}
	return we == len(s) || s[we] != ' ' || we+1 == len(s) || !isUpperASCII(s[we+1])
}

// outOf reports whether the "out" at offset i of s says where people
// come from: an organisation noun or "spun" within the three words
// before it ("a small team out of PyTorch", "spun out of Stripe").
func outOf(s string, i int) bool {
	for range 3 {
		ps, pe := prevWordAny(s, i)
		if ps < 0 {
			return false
		}
		if k := orgWord(s[ps:pe]); k == orgNoun || k == orgPeople || foldASCIIEqual(s[ps:pe], "spun") {
			return true
		}
		i = ps
	}
	return false
}

// prevWordAny returns the span of the word before offset i of s, as
// wordAt reads words, or -1 at the start or at a semicolon.
func prevWordAny(s string, i int) (ws, we int) {
	for i > 0 && !isWordByte(s[i-1]) && s[i-1] < 0x80 {
		if s[i-1] == ';' {
			return -1, -1
		}
		i--
	}
	we = i
	for i > 0 && (isWordByte(s[i-1]) || s[i-1] >= 0x80) {
		i--
	}
	if i == we {
		return -1, -1
	}
	return i, we
}

// listTokens reports whether g, the text between two hits, holds only
// what a list of names may: punctuation (no semicolon), capitalised
// words, numbers and fill words.
func listTokens(g string, sets *wordSets) bool {
	for i := 0; ; {
		ws, we := wordAt(g, i)
		if ws == len(g) {
			return strings.IndexByte(g[i:], ';') < 0
		}
		if !opensName(g[ws]) && !sets.listFill.hasFold(g[ws:we]) {
			return false
		}
		i = we
	}
}

// orgNouns end the name of an organisation, a programme or an event:
// "Spark Capital", "Nomad Insurance", "the Vercel AI Accelerator", "the
// Linux Foundation".
var orgNouns = [...]string{"capital", "ventures", "partners", "fund", "insurance", "health", "bank", "foundation",
	"accelerator", "fellowship", "summit", "conference", "labs", "inc", "ltd", "llc", "gmbh", "technologies"}

// orgNamed reports whether the name at s[start:end] begins the name of
// an organisation, a programme or an event: followed by a capitalised
// word of orgNouns, perhaps after "AI" ("General Manager, Nomad
// Insurance", hn-47678523; "won #1 in the Vercel AI Accelerator",
// hn-46857784; "Backed by founders of OpenAI, MotherDuck, dbt Labs",
// hn-47999884). "Kubernetes Operators" or "Go services" are the skill.
func orgNamed(s string, start, end int) bool {
	if end+1 >= len(s) || s[end] != ' ' || !isUpperASCII(s[end+1]) {
		return false
	}
	ws, we := wordAt(s, end)
	if s[ws:we] == "AI" && we < len(s) && s[we] == ' ' {
		ws, we = wordAt(s, we)
	}
	return ws < we && isUpperASCII(s[ws]) && oneOfFold(s[ws:we], orgNouns[:])
}

// oneOfFold reports whether w is one of words (lower-case), in any ASCII
// case, without allocating.
func oneOfFold(w string, words []string) bool {
	for _, x := range words {
		if len(x) == len(w) && foldASCIIEqual(w, x) {
			return true
		}
	}
	return false
}
