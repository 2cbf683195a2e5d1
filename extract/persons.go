package extract

// What belongs to the person hired or to the company rather than to a
// skill: years written beside the person ("a senior engineer (9+ years)
// with ... LLM experience") and a skill's name used for what a company
// works in ("our Stealth AI-security startup"). Neither asks for the
// skill nor gives it years.

// hiredNouns name a person hired; years in a parenthesis right after one
// are that person's, not a skill's.
const hiredNouns = " engineer engineers developer developers sre sres scientist scientists designer designers architect architects analyst analysts lead leads manager managers ae aes generalist generalists "

// rolesYears reports whether the years phrase at offset i of s opens a
// parenthesis right after one of hiredNouns: "We're looking for a senior
// engineer (9+ years) with hands-on AI/ML and LLM experience" gives the
// engineer nine years, not LLMs (hn-48003121, blind2; RULES.md, the
// second blind part's decisions); "Strong Python production experience
// (5+ years)" are Python's.
func rolesYears(s string, i int) bool {
	if i < 2 || s[i-1] != '(' || s[i-2] != ' ' {
		return false
	}
	ws, we := prevWordAt(s, i-1)
	return ws >= 0 && we == i-2 && inWordsFold(hiredNouns, s[ws:we])
}

// companyNouns, right after a skill's name, make it the domain of a
// company: "an AI-security startup", "a data company".
var companyNouns = [...]string{"startup", "startups", "start-up", "company", "companies", "firm", "scale-up", "scaleup"}

// companyDomain reports whether rest, the sentence right after a hit,
// opens with one of companyNouns, joined by a space or a hyphen: the
// skill names what a company works in, which asks nothing and takes no
// years ("Hiring 7+yrs Senior or Staff Engineers who want to be founding
// members at our Stealth AI-security startup", hn-46862140, blind).
func companyDomain(rest string) bool {
	if len(rest) < 2 || rest[0] != ' ' && rest[0] != '-' {
		return false
	}
	ws, we := wordAt(rest, 1)
	if ws != 1 || !oneOfFold(rest[ws:we], companyNouns[:]) {
		return false
	}
	// "in a cloud native startup environment" is where the candidate
	// worked: what the preference is for.
	ns, ne := wordAt(rest, we)
	return !oneOfFold(rest[ns:ne], workplaceNouns[:])
}

// workplaceNouns, after "startup" or "company", make it the candidate's
// background: "a cloud native startup environment", "SaaS company
// experience".
var workplaceNouns = [...]string{"environment", "environments", "experience", "background", "backgrounds", "setting", "settings"}
