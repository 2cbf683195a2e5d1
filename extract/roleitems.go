package extract

import "strings"

// A list of the roles a company is hiring for, under "We are looking for:"
// or "Here's what we're looking for:" (hn-47975828, hn-46468629,
// hn-47233701), is no list of requirements: each item names a role, as a
// header line's role field does, and says what it will do or where to
// apply. Its skills are mentioned (RULES.md, levels 1 and 4; sixth pass,
// HN levels).

// roleTitleNouns, lower-cased, end a role's title.
const roleTitleNouns = " engineer engineers developer developers lead leads manager managers designer designers scientist scientists architect architects executive executives analyst analysts administrator administrators specialist specialists director directors intern interns researcher researchers programmer programmers consultant consultants technician technicians owner sre sres "

// roleLabelEnd returns, for sentence s that opens with a role's title
// ("Data Engineer (Real-Time & Batch Systems, AWS) - https://...",
// "Filterlist Engineer: Working on adblocking ...", "Senior Engineers
// (Kotlin/Java/React/Typescript)"), where the title with its parenthesis
// ends and where what follows it starts; ok is false when s opens with
// no role's title. The title is at most eight words, opens with a capital
// and ends in one of roleTitleNouns.
func roleLabelEnd(s string) (end, rest int, ok bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '-' || s[i] == '*' || s[i] == '>') {
		i++
	}
	if i == len(s) || s[i] < 'A' || s[i] > 'Z' {
		return 0, 0, false
	}
	words, last := 0, ""
	for j := i; j < len(s) && words <= 8; {
		ws, we := j, j
		for we < len(s) && s[we] != ' ' && s[we] != ':' && s[we] != '(' {
			we++
		}
		if we > ws {
			words++
			last = s[ws:we]
			if c := last[0]; c >= 'a' && c <= 'z' && !inWords(" of and for the a ", last) {
				return 0, 0, false // a title is capitalised: "Track record of ... mentoring senior engineers" is none
			}
		}
		j = we
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j == len(s) || s[j] == ':' || s[j] == '(' || j+1 < len(s) && isDash(s, j) {
			if !inWordsFold(roleTitleNouns, strings.TrimRight(last, ",.")) {
				return 0, 0, false
			}
			return roleTail(s, j)
		}
	}
	return 0, 0, false
}

// roleTail reads what follows a role's title at offset j of s: an
// optional parenthesis, then a separator (':', a spaced dash) or the end.
func roleTail(s string, j int) (end, rest int, ok bool) {
	if j < len(s) && s[j] == '(' {
		c := strings.IndexByte(s[j:], ')')
		if c < 0 {
			return 0, 0, false
		}
		j += c + 1
		for j < len(s) && s[j] == ' ' {
			j++
		}
	}
	end = j
	switch {
	case j == len(s) || s[j] == '.':
		return end, len(s), true
	case s[j] == ':':
		return end, j + 1, true
	case isDash(s, j):
		k := j + 1
		for k < len(s) && (s[k] == 0x80 || s[k] == 0x93 || s[k] == 0x94) {
			k++
		}
		return end, k, true
	}
	return 0, 0, false
}

// isDash reports whether a dash ('-', '–', '—') starts at s[j] and a
// space follows it.
func isDash(s string, j int) bool {
	n := 0
	switch {
	case s[j] == '-':
		n = 1
	case strings.HasPrefix(s[j:], "–"), strings.HasPrefix(s[j:], "—"):
		n = 3
	default:
		return false
	}
	return j+n < len(s) && s[j+n] == ' '
}

// roleItemAt reports whether the hit at byte off of sentence i of d
// names or describes a role in a list of roles rather than what the
// candidate brings: the sentence opens with a role's title and the hit is
// in it ("C++ Engineer: Working on privacy features"), or what follows the
// title is where to apply or what the role will do ("Filterlist
// Engineer: Working on adblocking and JavaScript fixes", "Machine
// Learning Infra Engineer: Own our GPU-backed serving stack, Kubernetes
// clusters") or, when asked says no cue governs the hit, the role's
// fields ("Software Engineers - Backend, Python, Rust - https://...").
// The sentence's clauses are read (see clausesOf); its role's title is
// looked for once per sentence, not once per hit.
func roleItemAt(d *doc, i, off int, asked bool) bool {
	info := &d.sc.infos[d.sc.sentInfo[i]-1]
	s := d.sentences[i].text
	if info.role == 0 {
		end, rest, ok := roleLabelEnd(s)
		info.role, info.roleEnd, info.roleRest = 1, int32(end), int32(rest)
		if ok {
			info.role = 2
		}
	}
	return info.role == 2 && roleItemAfter(s, int(info.roleEnd), int(info.roleRest), off, asked)
}

// roleItemAfter is roleItemAt once the role's title of s is known to end
// at end and what follows it to start at rest.
func roleItemAfter(s string, end, rest, off int, asked bool) bool {
	if off < end {
		return true
	}
	t := strings.TrimLeft(s[rest:], " ")
	switch {
	case t == "" || foldLit(t, 0, "http") >= 0:
		return true
	case dutyAt(t) || foldLit(t, 0, "working on ") >= 0 || foldLit(t, 0, "work on ") >= 0:
		return true
	}
	return !asked
}
