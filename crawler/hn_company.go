package crawler

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hnCompany names the company of a hiring comment whose first paragraph
// is not the "Company | Role | ..." header, from the few other shapes
// posters use that say it without doubt (real comments from the 2026
// threads, by HN id):
//
//	Company: Watchtower Health           a labelled line (46467434)
//	Wolf Games — Director of Engineering — Remote (US/Canada) — Contract
//	                                     dashes for pipes (46610239)
//	Mapbox is hiring a Geospatial Data Engineer ...        (47976359)
//	At SentiLink, we stop identity fraud at scale. ...     (48017490)
//	Founding Engineer @ Conductor (San Francisco, ONSITE)  (46466830)
//	This Dot Labs⏎Open roles: ...        a name alone on the first line
//
// The name must look like one: a few words, not a role, a place, a
// greeting or a sentence ("Hey HN — Adobe is hiring" names no company
// this way, and "We are - REMOTE US Hours" is not one). Anything else
// gives "": a posting without a company is better than one with a wrong
// company, which would count it for someone else.
func hnCompany(text string) string {
	lines := hnParagraphLines(text)
	if len(lines) == 0 {
		return ""
	}
	first := lines[0]
	if m := hnCompanyLabel.FindStringSubmatch(first); m != nil {
		return hnLabelledValue(m[1])
	}
	if strings.Contains(first, "|") {
		return "" // a header the pipe parser read, or could not
	}
	if name := hnDashHeaderCompany(first); name != "" {
		return name
	}
	if m := hnNameIsHiring.FindStringSubmatch(first); m != nil && hnNameLike(m[1]) {
		return m[1]
	}
	if m := hnAtNameWe.FindStringSubmatch(first); m != nil && hnNameLike(m[1]) {
		return strings.TrimSpace(m[1])
	}
	if m := hnRoleAtName.FindStringSubmatch(first); m != nil && looksLikeRole(m[1]) && hnNameLike(m[2]) {
		return m[2]
	}
	if len(lines) > 1 && hnNameLike(first) && hnHeaderLike(lines[1]) {
		return first // a name alone, the header below it
	}
	return ""
}

// hnHeaderSpans reports whether a comment's first paragraph has a pipe
// header below a first line without one ("Lucia Protocol⏎Remote | Full
// time | ..."): joined, as the header parser reads it, that line would
// run into the header's first field and be taken for the company.
func hnHeaderSpans(text string) bool {
	lines := hnParagraphLines(text)
	return len(lines) > 1 && !strings.Contains(lines[0], "|") &&
		slices.ContainsFunc(lines[1:], func(l string) bool { return strings.Contains(l, "|") })
}

// hnHeaderLike reports whether a line reads like the rest of a header: a
// pipe header, or a line naming a role or a workplace.
func hnHeaderLike(line string) bool {
	return strings.Contains(line, "|") || looksLikeRole(line) || hnWorkplace([]string{line}) != 0
}

// hnParagraphLines is the text lines of a comment's first paragraph, as
// plain text, empty ones dropped: the line breaks inside the paragraph
// that hnFirstLine joins.
func hnParagraphLines(text string) []string {
	if i := strings.Index(strings.ToLower(text), "<p>"); i >= 0 {
		text = text[:i]
	}
	var out []string
	for line := range strings.SplitSeq(clipBytes(text, maxFirstLine), "\n") {
		if line = htmlText(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

var (
	// hnCompanyLabel is a first line "Company: Acme" (any case).
	hnCompanyLabel = regexp.MustCompile(`(?i)^company\s*:\s*(\S.*)$`)
	// hnNextLabel is where a labelled value run on with the next label
	// ("Company: Acme Location: Remote") ends.
	hnNextLabel = regexp.MustCompile(`(?i)\s(?:location|role|roles|position|positions|title|type|remote|compensation|salary|pay|tech|stack|website|url|commitment|experience|visa|hiring)\s*:`)
	// hnNameIsHiring is "Acme is hiring ..." at the start of a line.
	hnNameIsHiring = regexp.MustCompile(`^(\S.*?)\s+(?:is|are)\s+(?:hiring|looking for|recruiting|seeking)\b`)
	// hnAtNameWe is "At Acme, we ..." or "At Acme (acme.com) we're ...".
	hnAtNameWe = regexp.MustCompile(`^At\s+([^,(]+?)\s*(?:\([^)]*\))?\s*,?\s+[Ww]e(?:\b|['’])`)
	// hnRoleAtName is "Founding Engineer @ Conductor (San Francisco)" or
	// "... Engineers @Artemis in NYC": a role, then the name after " @"
	// up to an aside, " in " or the end. An e-mail address has no space
	// before its @.
	hnRoleAtName = regexp.MustCompile(`^(.+?)\s@\s?([^(@]+?)(?:\s+in\s.*|\s*\(.*|\s*)$`)
	// hnDash splits a header written with dashes for pipes; only spaced
	// dashes, so "Full-Stack" and "U.S.—based" stay whole.
	hnDash = regexp.MustCompile(`\s+(?:-{1,2}|–|—)\s+`)
)

// hnLabelledValue is the value of a "Company:" label, without a next
// label run on into it.
func hnLabelledValue(v string) string {
	if loc := hnNextLabel.FindStringIndex(v); loc != nil {
		v = v[:loc[0]]
	}
	return strings.TrimSpace(v)
}

// hnDashHeaderCompany reads "Acme — Role — Place — ..." the way a pipe
// header is read: the first field is the company when it looks like a
// name and the rest looks like a header, with a role, workplace, URL or
// salary among its fields, or at least two more fields.
func hnDashHeaderCompany(line string) string {
	fields := hnDash.Split(line, -1)
	if len(fields) < 2 || !hnNameLike(fields[0]) {
		return ""
	}
	if len(fields) >= 3 || hnWorkplace(fields[1:]) != 0 {
		return strings.TrimSpace(fields[0])
	}
	for _, f := range fields[1:] {
		lower := strings.ToLower(f)
		if looksLikeRole(f) || strings.ContainsAny(f, "$€£") || strings.Contains(lower, "://") {
			return strings.TrimSpace(fields[0])
		}
	}
	return ""
}

// hnNotNameWords are words that make a first field a sentence, a
// greeting, a role or a label rather than a company's name.
var hnNotNameWords = []string{
	"hey", "hi", "hello", "we", "we're", "we’re", "i", "i'm", "i’m", "our", "my", "you", "your",
	"is", "are", "was", "hiring", "looking", "seeking", "join", "building", "needed", "want",
	"who", "what", "do", "edit", "update", "closed", "location", "role", "roles",
}

// hnNameLike reports whether s can be a company's name: one to six words,
// starting with a capital letter or a digit, no sentence punctuation or
// comma ("Berlin, Germany"), no
// role, no place or workplace alone, no word of hnNotNameWords. An aside
// in parentheses after the name is not judged.
func hnNameLike(s string) bool {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i]) // "Spruce (London, UK)": the aside is the pipe header's too
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || utf8.RuneCountInString(s) > 60 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(s, ",:!?;") || strings.Contains(s, ". ") || looksLikeRole(s) || hnWorkplace([]string{s}) != 0 {
		return false
	}
	for _, w := range words {
		if slices.Contains(hnNotNameWords, strings.ToLower(strings.Trim(w, ",.()"))) {
			return false
		}
	}
	return true
}
