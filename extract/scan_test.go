package extract

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// The expressions the hand scanners in scan.go replace. They are the
// specification: the scanners must agree with them on every input.
var (
	refYearsPhrase = regexp.MustCompile(`(?i)(at least |minimum of |min\.? |over |more than )?\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s*(?:\+|plus)?\s*(?:(?:-|–|—|to)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)\s*\+?\s*)?(?:years?|yrs?|yoe)\b(?:\s*(?:'|’)?\s*(of|in|with|as|at|on|doing|working|building|running|operating|managing|developing|writing|using|designing|hands-on|professional|industry|relevant|experience|exp)\b)?`)
	// refPlusYPhrase is refYearsPhrase whose unit is a bare y glued to a
	// number's '+' ("5+y"); group 3 is the '+', whose byte before must be
	// a digit.
	refPlusYPhrase = regexp.MustCompile(`(?i)(at least |minimum of |min\.? |over |more than )?\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s*(?:\+|plus)?\s*(?:(?:-|–|—|to)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)\s*)?(\+)y\b(?:\s*(?:'|’)?\s*(of|in|with|as|at|on|doing|working|building|running|operating|managing|developing|writing|using|designing|hands-on|professional|industry|relevant|experience|exp)\b)?`)
	refHTMLTag     = regexp.MustCompile(`(?i)</?(?:p|div|br|li|ul|ol|h[1-6]|strong|b|span|em|i|a|table|tr|td|section|article|pre|code|blockquote)(?:\s[^>]*)?/?>`)
	refEscapedTag  = regexp.MustCompile(`(?i)&lt;/?(?:p|div|br|li|ul|ol|h[1-6]|strong|b|span)(?:\s[^&]*)?/?&gt;`)
	refSeniority   = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:manager|director|head of|vp|vice president|cto|ciso)\b`),
		regexp.MustCompile(`(?i)\b(?:principal|distinguished|fellow)\b`),
		regexp.MustCompile(`(?i)\bstaff\b`),
		regexp.MustCompile(`(?i)\b(?:lead|tech lead|team lead)\b`),
		regexp.MustCompile(`(?i)\b(?:senior|sr\.?|snr|iii|iv)(?:\W|$)`),
		regexp.MustCompile(`(?i)\b(?:mid|mid-level|intermediate|ii)\b`),
		regexp.MustCompile(`(?i)\b(?:junior|jr\.?|graduate|grad|entry[- ]level|intern|internship|trainee|apprentice|associate|i)\b`),
	}
	refCueLocal  = regexp.MustCompile(`(?i)^\s*\(\s*(preferred|preferably|a plus|plus|nice to have|bonus|optional|ideally|required|must|must have|mandatory)\s*\)`)
	refAddresses = regexp.MustCompile(`(?i)(?:\b[a-z][a-z0-9+.-]*://|www\.)[^\s<>"]+|\b(?:javascript|vbscript|mailto|tel|file|blob):[^\s<>"]+|\bdata:[\w.+-]+/[^\s<>"]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|co|dev|ai|app|sh|cloud|tech|us|uk|de|fr|gg|xyz|me|so|ly)\b(?:/[^\s]*)?`)
	refNoise     = regexp.MustCompile(`(?i)\b(?:laptops?|macbooks?|equipment|stipend|home[- ]office|(?:how to|please) apply|^apply|apply (?:on|via|through|at|here|now|by|for this|for the (?:role|position|job))|send (?:us )?your (?:cv|resume|résumé|application)|your choice of|you choose|pick your (?:own )?(?:os|machine|hardware)|mac or (?:windows|linux|pc)|windows or (?:mac|macos|linux))\b|\bto apply[,:]`)
	refCueParens = regexp.MustCompile(`\(\s*(?:preferred|preferably|a plus|plus|nice to have|bonus|optional|ideally|required|must|must have|mandatory)\s*\)`)
	refCueYears  = regexp.MustCompile(`\d\s*\+\s*(?:years?|yrs|yoe\b)|\d\+y\b|\d\s*(?:-|–|to)\s*\d+\s*(?:years?|yrs|yoe\b)|\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\+? (?:years?|yrs|yoe)\b`)
)

// refYears is the reference form of forEachYears: every match as
// "start-end n q t", the short "5+y" form's matches among the others'.
func refYears(s string) string {
	type match struct{ loc []int }
	var all []match
	for _, m := range refYearsPhrase.FindAllStringSubmatchIndex(s, -1) {
		all = append(all, match{[]int{m[0], m[1], m[2], m[4], m[5], m[6]}})
	}
	for _, m := range refPlusYPhrase.FindAllStringSubmatchIndex(s, -1) {
		if plus := m[6]; plus > 0 && isDigit(s[plus-1]) {
			all = append(all, match{[]int{m[0], m[1], m[2], m[4], m[5], m[8]}})
		}
	}
	slices.SortFunc(all, func(a, b match) int { return a.loc[0] - b.loc[0] })
	var b strings.Builder
	for _, m := range all {
		num := s[m.loc[3]:m.loc[4]]
		n, err := strconv.Atoi(num)
		if err != nil {
			n = wordNumber(num)
		}
		b.WriteString(strconv.Itoa(m.loc[0]) + "-" + strconv.Itoa(m.loc[1]) + " " + strconv.Itoa(n) + " " +
			strconv.FormatBool(m.loc[2] >= 0) + " " + strconv.FormatBool(m.loc[5] >= 0) + ";")
	}
	return b.String()
}

func scanYears(s string) string {
	var b strings.Builder
	forEachYears(s, func(m yearsMatch) {
		b.WriteString(strconv.Itoa(m.start) + "-" + strconv.Itoa(m.end) + " " + strconv.Itoa(m.n) + " " +
			strconv.FormatBool(m.qualified) + " " + strconv.FormatBool(m.tail) + ";")
	})
	return b.String()
}

// wordNumber reads the spelled-out numbers refYearsPhrase accepts, as the
// tagger did before the scanner.
func wordNumber(w string) int {
	for _, nw := range numberWords {
		if strings.ToLower(w) == nw.w {
			return nw.n
		}
	}
	return 0
}

func refCueYearsIndex(s string) int {
	if loc := refCueYears.FindStringIndex(s); loc != nil {
		return loc[0]
	}
	return -1
}

var testCues = newCueMatcher()

// testStop is the language table the tally checks read.
var testStop = newStopwords()

// refBullet is the expression bulletEnd replaces.
var refBullet = regexp.MustCompile(`^(?:[-*•·–◦▪]|\d{1,2}[.)])\s+`)

// testNoise is the noise triggers as an automaton, whose occurrences at
// word starts are the reference for the scan in triggers.
var testNoise = newAutomaton(strings.Split(noiseTriggers, "|"))

// testAliases are the default taxonomy's aliases as the tagger compiles
// them, and testOddAliases patterns that open with what no alias of it
// does (bytes beyond ASCII, apostrophes, digits): the trigger scan walks
// both as findAnchored does.
var testAliases, testOddAliases = func() *automaton {
	tx, err := DefaultTaxonomy()
	if err != nil {
		panic(err)
	}
	return NewTagger(tx).ac
}(), newAutomaton([]string{"é", "éq", "l'", "'s", "’s", "s’", ".net", "c++", "3d", "_x", "x_", "é go", "ü", "go", "go-", "a.b", "\xff", "it's", "don", "t"})

// checkScanners compares every scanner with its expression on s.
func checkScanners(t *testing.T, s string) {
	t.Helper()
	for from := range min(len(s), 12) + 1 {
		e, sep := clauseBreak(s, from)
		if we, wsep := refClauseBreak(s, from); e != we || sep != wsep {
			t.Errorf("clauseBreak %q from %d: %d %d, reference %d %d", s, from, e, sep, we, wsep)
		}
	}
	for from := range min(len(s), 12) + 1 {
		if got, want := indexYears(s, from), refIndexYears(s, from); got != want {
			t.Errorf("indexYears %q from %d: %d, reference %d", s, from, got, want)
		}
	}
	if got, want := string(appendCollapsed([]byte("x"), s)), "x"+string(refAppendCollapsed(nil, s)); got != want {
		t.Errorf("appendCollapsed %q: %q, reference %q", s, got, want)
	}
	for from := range min(len(s), 10) + 1 {
		want := strings.IndexAny(s[from:], "&\r\x00")
		if want < 0 {
			want = len(s)
		} else {
			want += from
		}
		if got := nextSpecial(s, from); got != want {
			t.Errorf("nextSpecial %q from %d: %d, IndexAny %d", s, from, got, want)
		}
	}
	for _, list := range []string{goStopNext, " a b ab ", " " + s + " ", " x" + s + "x y "} {
		for _, w := range []string{s, strings.TrimSpace(s), s[:len(s)/2]} {
			if got, want := inWords(list, w), w != "" && strings.Contains(list, " "+w+" "); got != want {
				t.Errorf("inWords(%q, %q): %v, strings.Contains %v", list, w, got, want)
			}
		}
	}
	if got, want := fmt.Sprint(appendRestSpans(s, nil, nil)), fmt.Sprint(refRestSpans(s)); got != want {
		t.Errorf("appendRestSpans %q: %s, token by token %s", s, got, want)
	}
	if got, want := indexInlineBullet(s), strings.Index(s, " • "); got != want {
		t.Errorf("indexInlineBullet %q: %d, strings.Index %d", s, got, want)
	}
	for from := 0; from <= len(s); from += max(1, len(s)/5) {
		wantEnd := len(s)
		if j := strings.IndexByte(s[from:], '\n'); j >= 0 {
			wantEnd = from + j
		}
		end, ok := collapsedLine(s, from)
		if want := refCollapsed(s[from:wantEnd]); end != wantEnd || ok != want {
			t.Errorf("collapsedLine %q from %d: %d %v, IndexByte and reference %d %v", s, from, end, ok, wantEnd, want)
		}
	}
	wantOther := false
	for _, o := range otherRolesHeadings {
		wantOther = wantOther || indexFoldASCII(s, o) >= 0
	}
	if got := otherRoles(s); got != wantOther {
		t.Errorf("otherRoles %q: %v, a search for each heading %v", s, got, wantOther)
	}
	for _, ac := range []*automaton{testAliases, testOddAliases} {
		// The trigger scan that walks the aliases on the way decides
		// and tallies as the one that does not, and finds what
		// findAnchored finds.
		tally, ref := langTally{stop: testStop}, langTally{stop: testStop}
		kinds, ok, got := testCues.sentenceTriggers(s, &tally, ac, nil)
		refKinds, refOK, _ := testCues.sentenceTriggers(s, &ref, nil, nil)
		if kinds != refKinds || ok != refOK || tally != ref {
			t.Errorf("trigger scan with aliases %q: %v %v %v, without %v %v %v", s, kinds, ok, tally, refKinds, refOK, ref)
		}
		// The words it tallies are those the plain language scan reads.
		if plain := (langTally{stop: testStop}); ok {
			if plain.addText(s); tally != plain {
				t.Errorf("trigger scan tally %q: %v, addText %v", s, tally, plain)
			}
		}
		if want := ac.findAnchored(s, nil); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("aliases found by the trigger scan %q:\n got %v\nwant %v", s, got, want)
		}
		// Both read the same word filters: the full automaton pass,
		// which reads none, is the reference for them.
		var want []acMatch
		for _, m := range ac.findAll(s, nil) {
			if (m.start == 0 || !isWordByte(s[m.start-1])) && (int(m.end) == len(s) || !isWordByte(s[m.end])) {
				want = append(want, m)
			}
		}
		sortMatches(got)
		sortMatches(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("aliases found by the trigger scan %q:\n got %v\nthe full automaton pass at word starts and ends %v", s, got, want)
		}
	}
	if got, want := scanYears(s), refYears(s); got != want {
		t.Errorf("years %q: scanner %q, expression %q", s, got, want)
	}
	l := strings.ToLower(s)
	if !mayNegate(l) && cueNegation.MatchString(l) {
		t.Errorf("negation %q: mayNegate says none can match, the expression matches %q", l, cueNegation.FindString(l))
	}
	for _, w := range []struct {
		w string
		k int
	}{{"required", 2}, {"needed", 3}, {s[:len(s)/2], 0}, {s[:len(s)/2], len(s) / 4}} {
		if w.w == "" {
			continue // no byte to look for: not a call the tagger makes
		}
		if got, want := containsAfterSpace(s, w.w, w.k), strings.Contains(s, " "+w.w); got != want {
			t.Errorf("containsAfterSpace(%q, %q, %d): %v, strings.Contains %v", s, w.w, w.k, got, want)
		}
	}
	for _, w := range []struct {
		w string
		k int
	}{{" and ", 3}, {s[:len(s)/2], 0}, {s[len(s)/2:], len(s) / 4}} {
		if w.w == "" || w.k >= len(w.w) {
			continue // no byte to look for: not a call the tagger makes
		}
		if got, want := indexAt(s, w.w, w.k), strings.Index(s, w.w); got != want {
			t.Errorf("indexAt(%q, %q, %d): %d, strings.Index %d", s, w.w, w.k, got, want)
		}
	}
	if got, want := cueYearsIndex(l), refCueYearsIndex(l); got != want {
		t.Errorf("cue years %q: scanner %d, expression %d", l, got, want)
	}
	if got, want := isHTML(s), refHTMLTag.MatchString(s); got != want {
		t.Errorf("isHTML %q: scanner %v, expression %v", s, got, want)
	}
	if got, want := isEscapedHTML(s), refEscapedTag.MatchString(s); got != want {
		t.Errorf("isEscapedHTML %q: scanner %v, expression %v", s, got, want)
	}
	{
		// localCue as the tagger read it with the expression.
		var want skillpulse.Level
		wantOK := false
		if len(s) > 0 && (s[0] == ' ' || s[0] == '(') {
			if m := refCueLocal.FindStringSubmatch(s); m != nil {
				wantOK, want = true, skillpulse.LevelPreferred
				switch strings.ToLower(m[1]) {
				case "required", "must", "must have", "mandatory":
					want = skillpulse.LevelRequired
				}
			}
		}
		if got, ok := localCue(s); got != want || ok != wantOK {
			t.Errorf("localCue %q: scanner %v %v, expression %v %v", s, got, ok, want, wantOK)
		}
	}
	if got, want := dropParenCues(l), refCueParens.ReplaceAllString(l, ""); got != want {
		t.Errorf("dropParenCues %q: scanner %q, expression %q", l, got, want)
	}
	if got, want := opensClause(s), refOpensClause(s); got != want {
		t.Errorf("opensClause %q: %v, reference %v", s, got, want)
	}
	if got, want := listGap(s), refListGap(s); got != want {
		t.Errorf("listGap %q: %v, reference %v", s, got, want)
	}
	for _, i := range []int{len(s), len(s) / 2, len(s) / 3} {
		for len(s) > 0 && i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
			i--
		}
		var buf [2]string
		if got, want := strings.Join(prevWords(s, i, 2, buf[:0]), "|"), strings.Join(refPrevWords(s, i, 2), "|"); got != want {
			t.Errorf("prevWords %q at %d: %q, reference %q", s, i, got, want)
		}
	}
	if got, want := appendSentences(nil, s), refAppendSentences(nil, s); !slices.Equal(got, want) {
		t.Errorf("appendSentences %q: %q, reference %q", s, got, want)
	}
	if got, want := parenHasCue(s), refParenHasCue(s); got != want {
		t.Errorf("parenHasCue %q: %v, reference %v", s, got, want)
	}
	// A sentence's clauses read from one scan of the whole sentence
	// read as each read alone.
	if got, want := appendClauses(nil, s, testCues, &sentenceCues{}), appendClauses(nil, s, testCues, &sentenceCues{alone: true}); !slices.Equal(got, want) {
		t.Errorf("clauses of %q read from the sentence's scan:\n %+v\nread alone:\n %+v", s, got, want)
	}
	var buf []byte
	if got, want := toLower(s, &buf), strings.ToLower(s); got != want {
		t.Errorf("toLower %q: %q, strings.ToLower %q", s, got, want)
	}
	{
		// lowerKeeping keeps offsets when every rune lower-cases to as
		// many bytes as it has.
		want := true
		for i, r := range s {
			_, n := utf8.DecodeRuneInString(s[i:])
			want = want && utf8.RuneLen(unicode.ToLower(r)) == n
		}
		if _, got := lowerKeeping(s, &buf); got != want {
			t.Errorf("lowerKeeping %q keeps offsets: %v, rune by rune %v", s, got, want)
		}
	}
	for _, n := range []int{0, 1, 6, 8} {
		if got, want := fieldsAtMost(s, n), len(strings.Fields(s)) <= n; got != want {
			t.Errorf("fieldsAtMost(%q, %d): %v, strings.Fields %v", s, n, got, want)
		}
	}
	if got, want := appendBounded(nil, s), refAppendBounded(nil, s); !slices.Equal(got, want) {
		t.Errorf("appendBounded %q: %q, reference %q", s, got, want)
	}
	for _, sub := range []string{"experience", "year", " to ", "not a fit", "@x", "-", strings.ToLower(s[len(s)/2:])} {
		if got, want := indexFoldASCII(s, sub), refIndexFoldASCII(s, sub); got != want {
			t.Errorf("indexFoldASCII(%q, %q): %d, byte by byte %d", s, sub, got, want)
		}
	}
	if got, want := trimHeadingMarks(s), strings.Trim(s, headingMarks); got != want {
		t.Errorf("trimHeadingMarks %q: %q, strings.Trim %q", s, got, want)
	}
	if got, want := mentionsYears(s), refMentionsYears(s); got != want {
		t.Errorf("mentionsYears %q: %v, reference %v", s, got, want)
	}
	if got, want := collapsed(s), refCollapsed(s); got != want {
		t.Errorf("collapsed %q: %v, reference %v", s, got, want)
	}
	if s != "" {
		want := -1
		if loc := refBullet.FindStringIndex(s); loc != nil {
			want = loc[1]
		}
		if got := bulletEnd(s); got != want {
			t.Errorf("bulletEnd %q: %d, expression %d", s, got, want)
		}
	}
	{
		// The trigger short cut decides as the full trigger pass did.
		var full cueKind
		for _, m := range testCues.trig.findAll(s, nil) {
			full |= testCues.trigKinds[m.pat]
		}
		short := testCues.triggers(s)
		// Without a long s or a Kelvin sign, which fold into ASCII
		// letters, the one-pass scan decides the triggers themselves as
		// the automata do, and tallies the words as detectLanguage does.
		plain := !strings.Contains(s, "ſ") && !strings.Contains(s, "\u212a")
		atStart := false // a noise trigger starts at a word start
		for _, m := range testNoise.findAll(s, nil) {
			atStart = atStart || m.start == 0 || !isWordByte(s[m.start-1])
		}
		if plain && (short&cueNoiseTrig != 0) != atStart {
			t.Errorf("noise trigger %q: %v, noise triggers walked from word starts %v", s, short&cueNoiseTrig != 0, !(short&cueNoiseTrig != 0))
		}
		tally, ref := langTally{stop: testStop}, langTally{stop: testStop}
		ref.addText(s)
		if _, ok, _ := testCues.sentenceTriggers(s, &tally, nil, nil); ok != plain || ok && tally != ref {
			t.Errorf("language tally %q: %v (tallied %v), detectLanguage's %v", s, tally, ok, ref)
		}
		if plain && short&cueAddrTrig != full&cueAddrTrig {
			t.Errorf("address trigger %q: %v, full trigger pass %v", s, short&cueAddrTrig != 0, full&cueAddrTrig != 0)
		}
		if got, want := short&cueNoiseTrig != 0 && isNoise(s), full&cueNoiseTrig != 0 && refNoise.MatchString(s); got != want {
			t.Errorf("noise decision %q: %v, full trigger pass %v", s, got, want)
		}
		var got, want [][2]int
		if short&cueAddrTrig != 0 {
			got = addressSpans(s, nil)
		}
		if full&cueAddrTrig != 0 {
			want = addressSpans(s, nil)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("addresses %q: %v, full trigger pass %v", s, got, want)
		}
		// The hand scan blanks what one expression with every address
		// shape did.
		if g, w := blanked(s, addressSpans(s, nil)), blanked(s, refAddressSpans(s)); g != w {
			t.Errorf("addresses %q: blank %q, expression %q", s, g, w)
		}
	}
	if got, want := isNoise(s), refNoise.MatchString(s); got != want {
		t.Errorf("isNoise %q: scanner %v, expression %v", s, got, want)
	}
	rules := newSeniorityRules()
	var all [][]string
	firstRule := -1
	for i, r := range rules {
		all = append(all, r.words)
		if got, want := newTitleIndex(r.words).first(s) >= 0, refSeniority[i].MatchString(s); got != want {
			t.Errorf("seniority rule %d %q: scanner %v, expression %v", i, s, got, want)
		}
		if firstRule < 0 && refSeniority[i].MatchString(s) {
			firstRule = i
		}
	}
	if got := newTitleIndex(all...).first(s); got != firstRule {
		t.Errorf("seniority %q: scanner finds rule %d first, expressions %d", s, got, firstRule)
	}
}

var scanSeeds = []string{
	"0000000 | 0", "Acme | Engineer | Remote. Go | Rust", "a |b | c| d", " | x",
	"mail jobs@acme.io or see www.acme.com/jobs and acme.dev, not node.js; ſ.io x@ñ.co 12345678.io", "a b c d e f g h i j k l.io", "résumé@x.io",
	"Apply via email with Windows", "send your CV", "officers of the Mac", "equipment stipend laptops", "pick choose choice macbook", "wi wit win ma mac off of",
	"we need more than      fifteen   plus  –  twelve  +   yrs of Go", "at leaſt ſeven plus — fifteen + years", "minimum of\t\t\n 10 \r to 12 YEARS in", "5 years 6 yrs, 7 yr and 8 year", "App+Y 0 5+y 8 YOE yoe+yoe 9+Yoe", "0+Y", "5+y,", "2-3+y yoe", "0YOe", "5 plusyoe", "employoe", "3-5yoe", "x5+yoe",
	"the and und les don't 1st k8s_x a7 ab_cd wxyz1234 Über ok. a", "das ist der die und eine sehr gut", "l'équipe d'ingénieurs",
	"NOT YOUR TECH STACK?", "Other Open Positions", "Role boundaries: out of ScOpe", "not the right fi", "nnot your stack",
	"no prior experience", "not a great fit", "we don’t expect", "not, required", "never be a prerequisite", "without it; a must", "a  required needed", " required",
	"abcdefgyear", "xxxxxxxYr", "0123456789 years", "aaaaaaay", "aaaaaaaYe", "aaaaaaaaYEAR", "ÿyyyyyyyyyyy", "\xd9r\xd9r\xd9r\xd9r\xf9r",
	"aaaaaaaaaaaaaaayeaR", "aaaaaaa Yea", "aaaaaaaaaaaaaaaaaaaaay",
	"React is a plus", "PREFERABLY x", "preferredx", "xmust", "must-have", "not all are required", "a  plus", "Ideally_",
	"ÉQUIPE Über \xff\xfe İstanbul ǅ Σ ΑΣ", "MiXeD ascii then é",
	"the—and of’ we’re", "a\u00a0the", "x’apply", "l'office'", "it's '' the",
	" · · ", "a · · b", "x • • y", "a • · b",
	"café l’office équipement", "l'office", "x\u00e9office", "5laptop", "naïve résumé: send your cv", "über das Büro und die",
	"  a\t\tb\u00a0 c\u200b\ufeffd \u2003 e\x85f\xc2\x85g \xff\xfe h\x0b\x0ci\x1fj\x7f ", "\x00 \x00",
	"\x01<\x00\x01\x00<", "\x00\x01\x01<", "&\x01<", "ab\r\x01\x01\x01\x01<", "<\x01&", "abcdefgh<ijklmnop&<", "\x01\x00\x01\x01\x01\x01\x01\x01\x01<", ";=<=;%&'",
	"0123456&", "01234567\r", "0123456789\x00", "\x80\x81\x82\x83\x84\x85\x86\x87&", "%&'%&'%&'", "\x0c\x0e\x0c\x0e\x0c\x0e\x0c\x0e",
	"a — b, c – d", " — x", "a —b — c", "a \xe2\x80 — b", "a, — b", "x —, y — z", "—  — ", "yyyyyyyyyyyyyyyyyyyr", "yyyyyyyyyyyyyyyyyyyyear", "0123456Y", "01234567Yr", "0123456789abcdeYEAR",
	"it's l'équipe’s don't 3D _x x_ go- .NET a.b éq é go ü C++ s’", "é'é' 'x x'' ’s", "5G 3d, 3dx_y x3d", "\xff\xffgo", "ſ .NET l'x",
	"ſtipend", "déjà vu, apply on www.x.io", "中文 apply here", "don't we'll it's", "a\u212aapply",
	"Skills: • Go • AWS", "a · Go · b", "x •y", " • a", "• a", "a. B. c", "a; b", "a!  B", "a?(b", "a.\"B", "end. ", "x · . Y", "a. É", "a.", ";",
	"y", "yr", "Yr", "yR", "year", "YEAR", "yea", "ye", "y year", "yyr", "xyz", "Y", "yea r", "5 yrs", "a Year",
	"a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u200bb", "\x7f x", "a \xff b", "ok text", "a \u2003b",
	"- Go", "-Go", "*  x", "1. x", "12) x", "123. x", "1.x", "7)\tx", "• Go", "·\u00a0x", "– x", "◦ x", "▪ x", "\xe2 x", "1", "-",
	"see www.1", "mail jobs@acme.io", "https://x", "see https://github.com/acme/go and s3://b/k.", "x://y", "A://", "HTTPſ://x.io", "javaſcript:x", "1ab://c", "a-b://c", "go:https://x", "mailto:a@b.io", "data:/x", "DATA:text/html,x y", "javascript:alert(6)", "JavaScript: x", "Data:x", "data:text/html,x", "s3://b/go", "ab:c", "mailto:a", "acme.com rocks", "e.g. this", "Node.JS and x.IO/p", "WWW.x", "awww.b", "a.ſh", "a.KDE", "foo.com_bar", "foo.co1", "foo.cloud.", "a.b.Tech!", "x@", ".com", "a .uk", "end.", "ſtipend backoffice",
	"HTTPſ://x.io", "we use Node.js", "a.ſh file", "x.SH y", "WWW.", "ww.", "a.Cloud", "x.l", ":/", "e.g. here",
	"and or & , ", "AND/OR", " andor ", "x", "Experienced with (preferred) and (must have ) x", "(  a plus)",
	"Let's Go and the rest of the very long sentence that goes past sixty-four bytes, then Go",
	"  and also: ", "plus – but", "and, ", "R&D and C", "Series C", "on the Go",
	"A laptop of your choice", "laptopsx", "MacBooks", "macbooK", "home-office budget", "home  office",
	"How to apply", "please apply", "Apply now", "apply", "applying", "we apply for the role", "we apply for the roles", "we apply for the x",
	"Send us your résumé", "send your RÉSUMÉ", "send your résuméx", "send your CV.", "send your cvs",
	"your choice of OS", "You choose", "pick your own hardware", "pick your os", "To apply, email", "to apply:",
	"to apply.", "ſend your cv", "xapply now", "é apply now", "apply on GitHub", "we apply at scale",
	" (preferred)", "(Must Have )", " ( muſt have)", "  (a plus) and", " (must have", "(plus)", " (nice  to have)",
	" (MANDATORY)", "\t(bonus)", " x (preferred)", " (optional\n)",
	"<p>x</p>", "<P class=a>", "</li>", "<br/>", "<br />", "<b", "<bx>", "<p x", "<ſpan>", "<blocKquote>",
	"a < p > b", "<h7>", "<h3>", "<ul\n>", "&lt;p&gt;", "&LT;/Li&GT;", "&lt;p class=x&gt;", "&lt;p x&amp;&gt;",
	"&lt;br/&gt;", "&lt;strongx&gt;", "Senior SRE", "Sr. Engineer", "Sr.Engineer", "Jr.", "SR", "ſenior",
	"Engineer II", "Engineer III", "Engineer IV", "Head of Infra", "Entry-Level", "entry level", "Intern",
	"Mid-Level", "VP Eng", "Tech Lead", "Team-Lead", "Staff_", "Principal/Staff", "I", "i.e. nothing",

	"5+ years of experience with Kubernetes", "3-5 years of Python", "3–5 years with Terraform",
	"Five years of Linux", "At least two years of Kubernetes", "min. 3 yrs", "minimum of 4 years",
	"more than 10 years' experience", "over 2 years ’ hands-on", "123 years", "12 yearsx", "1 yr",
	"5 plus years", "5 plusyears", "3 to 5 yrs in", "3-x years", "twenty years industry",
	"ſix ſeven yearſ", "ſenior 5 yearſ of", "\xc5 5 years", "at least ſix years", "5 years in",
	"5 years indus", "10 years ago", "flat least 5 years", "3 - 12 + years exp", "2+ yrs",
	"one+ years", "one+ year", "3 -123 years", "5\tyears\nof", "x5 years", "_5 years", "5 years_",
	"ten years-of", "five years’experience", "3—5 years", "eleven years", "a 2-3 yrs b 4 to 5 years c",
	"", "5", "year", "nine", "3-", "3-5", "3-5 years", "3-5 ", "3 +", "3 + yearsx",
	"you and your day, any yet: 5 YEARS", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy yEAr", "abcdefgy" + "ear", "abcdefgyr", "abcdefg yeaR",
	"Yes, yellow yeast, Yr", "\xd9\xc5\xc1\xd2 \xf9\xe5\xe1\xf2 yeay yeaar",
	// containsAfterSpace at its rare byte: at the start, after a space,
	// twice, and cut short at the end.
	"required needed", "x required, as needed", "a requiredrequired  needed", "be requi", "ab ab", " ab",
	// indexAt at " and "'s 'd': at the start and the end, after a near
	// miss, and cut short.
	" and x", "x and ", "band and ", "x an and", " anddd and  and", " an",
	// toLower eight bytes at a time: the bytes either side of 'A'..'Z',
	// and capitals before and after a byte beyond ASCII.
	"@AZ[`az{@AZ[`az{ AWS EXPERIENCE", "STRONG KUBERNETES Ä SKILLS REQUIRED \xff GO",
	// Clauses read from their sentence's scan: cue phrases across a
	// clause's ends, in parentheses that hold cues, around "as
	// required", and a sentence lower-casing moves.
	"Strong Go, nice to have Rust or exposure to Kafka (preferred) — a plus, must",
	"Terraform (React is a plus), mustas required, AWS is a plus, Python (preferred)",
	"Python (Go, nice to have) with AWS, Rust",
	"Go (x (plus) y), Rust ( ( preferred ) ) and (AWS (Required)), ((((C) a plus",
	"GCP (ideally GKE), familiarity with Helm, not required, 5+ years, \u212aubernetes a plus",
	// lowerKeeping: runes that lower-case to fewer bytes, or more,
	// between ASCII words.
	"Strong \u212a8s and Go", "İstanbul based, Go", "AWS’ GCP – \xe2\x80 and more",
	// trimHeadingMarks: the wide marks whole, cut short and beside bytes
	// that are not UTF-8.
	"•– Requirements —:", "#*-:\xe2\x80 x \xe2\x80\x94\x94", "\xe2\xe2\x80\x93", "\x80\x93—", "–", "\xe2\x80",
}

func TestScannersMatchExpressions(t *testing.T) {
	for _, s := range scanSeeds {
		checkScanners(t, s)
	}
}

// FuzzScanners checks the hand scanners against their expressions.
func FuzzScanners(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}

// refIndexFoldASCII is indexFoldASCII as it read byte by byte.
func refIndexFoldASCII(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

// refAppendBounded is appendBounded as it read before its short cut for
// pieces with nothing to trim.
func refAppendBounded(out []string, s string) []string {
	for len(s) > maxSentence {
		cut := strings.LastIndexByte(s[:maxSentence], ' ')
		if cut <= 0 {
			cut = maxSentence
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 {
				cut = maxSentence
			}
		}
		if t := strings.TrimSpace(s[:cut]); t != "" {
			out = append(out, t)
		}
		s = s[cut:]
	}
	if t := strings.TrimSpace(s); t != "" {
		out = append(out, t)
	}
	return out
}

// refIndexYears is indexYears as it read byte by byte, short forms
// (shortYears) included.
func refIndexYears(s string, from int) int {
	for i := from; i < len(s); i++ {
		if s[i]|0x20 != 'y' {
			continue
		}
		if refShortYearsAt(s, i) {
			return i
		}
		if i+1 == len(s) {
			break
		}
		if next := s[i+1] | 0x20; next == 'r' || next == 'e' && i+3 < len(s) && s[i+2]|0x20 == 'a' && s[i+3]|0x20 == 'r' {
			return i
		}
	}
	return -1
}

// refRestSpans is appendRestSpans as it walked over every token.
func refRestSpans(s string) (dst [][2]int) {
	for i := 0; i < len(s); {
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		switch {
		case i == j || !mayHoldAddress(s[i:j]):
		case isASCII(s[i:j]):
			dst = appendRestASCII(s[i:j], i, dst)
		default:
			for _, loc := range addressRest.FindAllStringIndex(s[i:j], -1) {
				dst = append(dst, [2]int{i + loc[0], i + loc[1]})
			}
		}
		i = j
	}
	return dst
}

// refAppendCollapsed is appendCollapsed as it decoded and appended
// every rune.
func refAppendCollapsed(dst []byte, s string) []byte {
	space, wrote := false, false
	for _, r := range s {
		if isCollapseSpace(r) {
			space = true
			continue
		}
		if space && wrote {
			dst = append(dst, ' ')
		}
		space, wrote = false, true
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// refClauseBreak is clauseBreak as it searched for the dashes' first
// three bytes, space included.
func refClauseBreak(s string, from int) (end, sep int) {
	end, sep = len(s), 2
	if i := strings.Index(s[from:], ", "); i >= 0 {
		end = from + i
	}
	for k := from; k < end; {
		i := strings.Index(s[k:end], " \xe2\x80")
		if i < 0 {
			break
		}
		k += i
		if k+5 <= len(s) && (s[k+3] == 0x94 || s[k+3] == 0x93) && s[k+4] == ' ' {
			return k, 5
		}
		k++
	}
	return end, sep
}

// The reference forms of helpers that used to allocate.
func refOpensClause(prefix string) bool {
	for _, w := range strings.Fields(prefix) {
		switch strings.Trim(w, "&-–—:") {
		case "", "and", "or", "but", "also", "plus":
		default:
			return false
		}
	}
	return true
}

func refListGap(g string) bool {
	if len(g) > 12 {
		return false
	}
	g = strings.ToLower(g)
	g = strings.NewReplacer("and", " ", "or", " ", ",", " ", "/", " ", "&", " ", "|", " ", "(", " ", ")", " ").Replace(g)
	return strings.TrimSpace(g) == ""
}

func refPrevWords(s string, i, n int) []string {
	lo := max(0, i-64)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	fields := strings.FieldsFunc(s[lo:i], func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’')
	})
	if lo > 0 && len(fields) > 0 {
		fields = fields[1:]
	}
	var out []string
	for j := len(fields) - 1; j >= 0 && len(out) < n; j-- {
		out = append(out, strings.ToLower(fields[j]))
	}
	return out
}

// refCollapsed is collapsed before its printable-ASCII short cut.
func refCollapsed(s string) bool {
	if len(s) == 0 {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			}
			prevSpace = false
			if c >= '\t' && c <= '\r' {
				return false
			}
			continue
		}
		prevSpace = false
		r, n := utf8.DecodeRuneInString(s[i:])
		if isCollapseSpace(r) {
			return false
		}
		i += n - 1
	}
	return true
}

// refShortYears are the short forms of "years": "yoe" ending a word, or a
// bare y glued to a number's '+'.
var refShortYears = regexp.MustCompile(`(?i)yoe\b|\d\+y\b`)

// refShortYearsAt reports whether a short form of "years" has its y at
// s[i].
func refShortYearsAt(s string, i int) bool {
	for _, loc := range refShortYears.FindAllStringIndex(s, -1) {
		y := loc[0] // "yoe"
		if s[y]|0x20 != 'y' {
			y = loc[1] - 1 // "5+y"
		}
		if y == i {
			return true
		}
	}
	return false
}

// refMentionsYears is mentionsYears before it found its candidates with
// IndexByte.
func refMentionsYears(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != 'y' {
			continue
		}
		if refShortYearsAt(s, i) {
			return true
		}
		if i+1 == len(s) {
			break
		}
		switch s[i+1] | 0x20 {
		case 'r':
			return true
		case 'e':
			if i+3 < len(s) && s[i+2]|0x20 == 'a' && s[i+3]|0x20 == 'r' {
				return true
			}
		}
	}
	return false
}

// refAppendSentences is appendSentences before it looked for inline
// bullets at their first byte (with the middle dot's length fixed and
// the header line's " | " fields read apart since).
func refAppendSentences(out []string, s string) []string {
	last := 0
	for i := 0; i < len(s)-1; i++ {
		c := s[i]
		if c == ' ' && (s[i+1] == 0xe2 || s[i+1] == 0xc2) && (strings.HasPrefix(s[i:], " • ") || strings.HasPrefix(s[i:], " · ")) {
			// Inline bullets ("What we're looking for: • Go • AWS").
			if t := strings.TrimSpace(s[min(last, i):i]); t != "" {
				out = appendBounded(out, t)
			}
			last = i + len(" • ")
			if strings.HasPrefix(s[i:], " · ") {
				last = i + len(" · ")
			}
			continue
		}
		if c == '|' && i > 0 && s[i-1] == ' ' && s[i+1] == ' ' {
			// The fields of a header line ("Acme | Engineer | Remote").
			if t := strings.TrimSpace(s[last:i]); t != "" {
				out = appendBounded(out, t)
			}
			last = i + 1
			continue
		}
		if c != '.' && c != '!' && c != '?' && c != ';' {
			continue
		}
		if s[i+1] != ' ' {
			continue
		}
		if c != ';' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '(') {
				continue
			}
		}
		if t := strings.TrimSpace(s[last : i+1]); t != "" {
			out = appendBounded(out, t)
		}
		last = i + 1
	}
	if t := strings.TrimSpace(s[last:]); t != "" {
		out = appendBounded(out, t)
	}
	return out
}

// refAddressSpans are the matches of refAddresses, the one expression
// addressSpans replaces.
func refAddressSpans(s string) [][2]int {
	var out [][2]int
	for _, loc := range refAddresses.FindAllStringIndex(s, -1) {
		out = append(out, [2]int{loc[0], loc[1]})
	}
	return out
}

// blanked is s with the spans blanked, as the tagger reads it.
func blanked(s string, spans [][2]int) string {
	b := []byte(s)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// refParenHasCue is parenHasCue as it read before its one pass: each cue
// searched for in turn.
func refParenHasCue(inner string) bool {
	for _, w := range parenCues {
		for k := 0; ; {
			j := indexFoldASCII(inner[k:], w)
			if j < 0 {
				break
			}
			j += k
			if wordBoundary(inner, j) && wordBoundary(inner, j+len(w)) {
				return true
			}
			k = j + 1
		}
	}
	return false
}

// TestNoiseInitials checks that every noise shape is filed under the
// letter its every opening word starts with, and that noiseInitials holds
// those letters and those of "apply" and "to apply", and no other:
// isNoise skips the word starts with any other letter.
func TestNoiseInitials(t *testing.T) {
	var want uint32
	for i, shapes := range noiseShapes {
		letter := byte('a' + i)
		for _, shape := range shapes {
			for _, alt := range shape[0] {
				if alt == "" || alt[0] != letter {
					t.Fatalf("noise shape %q, filed under %q, opens with %q", shape, letter, alt)
				}
			}
			want |= 1 << i
		}
	}
	want |= 1 | 1<<('t'-'a') // "apply", "to apply"
	if noiseInitials != want {
		t.Errorf("noiseInitials = %026b, the shapes open with %026b", noiseInitials, want)
	}
}

func TestBackgroundInitials(t *testing.T) {
	finals := func(words []string) []string { // each word's last letter
		var out []string
		for _, w := range words {
			out = append(out, w[len(w)-1:])
		}
		return out
	}
	initials := func(words ...string) uint32 {
		var set uint32
		for _, w := range words {
			if w[0] < 'a' || w[0] > 'z' {
				t.Fatalf("%q opens with no lower-case ASCII letter", w)
			}
			set |= 1 << (w[0] - 'a')
		}
		return set
	}
	for _, c := range []struct {
		name      string
		got, want uint32
	}{
		{"conjunctionInitials", conjunctionInitials, initials("and ", "or ", "plus ")},
		{"adjectiveInitials", adjectiveInitials, initials(backgroundAdjectives[:]...)},
		{"openerInitials", openerInitials, initials(backgroundOpeners[:]...)},
		{"conjunctCueInitials", conjunctCueInitials, initials(conjunctCues[:]...)},
		{"closingAskFinals", closingAskFinals, initials(finals(closingAsks[:])...)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %026b, the words open with %026b", c.name, c.got, c.want)
		}
	}
	for c := range 256 {
		for _, set := range []string{"aop", "dgprsw", "abehktu"} {
			var bits uint32
			for i := 0; i < len(set); i++ {
				bits |= 1 << (set[i] - 'a')
			}
			if got, want := letterIn(bits, byte(c)), strings.IndexByte(set, byte(c)|0x20) >= 0; got != want {
				t.Errorf("letterIn(%q, %q) = %v, strings.IndexByte says %v", set, byte(c), got, want)
			}
		}
	}
}

// TestMayNegateCoversTheExpression spells out every way cueNegation can
// match (each alternation taken every way, an optional part both ways,
// the gap of up to 50 bytes as one space) and checks that mayNegate lets
// each through: a new alternative whose words negationObjects lacks
// fails here rather than going unread.
func TestMayNegateCoversTheExpression(t *testing.T) {
	re, err := syntax.Parse(cueNegation.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	var spell func(re *syntax.Regexp) []string
	spell = func(re *syntax.Regexp) []string {
		switch re.Op {
		case syntax.OpLiteral:
			return []string{string(re.Rune)}
		case syntax.OpWordBoundary, syntax.OpEmptyMatch:
			return []string{""}
		case syntax.OpCharClass, syntax.OpRepeat, syntax.OpStar, syntax.OpPlus:
			return []string{" "} // the gap between a negation and its object
		case syntax.OpQuest:
			return append(spell(re.Sub[0]), "")
		case syntax.OpCapture:
			return spell(re.Sub[0])
		case syntax.OpAlternate:
			var out []string
			for _, sub := range re.Sub {
				out = append(out, spell(sub)...)
			}
			return out
		case syntax.OpConcat:
			out := []string{""}
			for _, sub := range re.Sub {
				var next []string
				for _, a := range out {
					for _, b := range spell(sub) {
						next = append(next, a+b)
					}
				}
				out = next
			}
			return out
		}
		t.Fatalf("cueNegation holds %v, which this test cannot spell out", re.Op)
		return nil
	}
	ways := spell(re)
	if len(ways) < 50 {
		t.Fatalf("only %d ways spelled out", len(ways))
	}
	for _, s := range ways {
		if !cueNegation.MatchString(s) {
			continue // a gap spelled so that it cannot match ("no" beside its object)
		}
		if !mayNegate(s) {
			t.Errorf("cueNegation matches %q, mayNegate says it cannot", s)
		}
	}
}

// TestYearsReach holds yearsReach to the longest years phrase yearsAt
// reads before its "year": a qualifier, a number word, "plus", a dash, a
// number word and a '+', each spelled with a long s where it has an s
// (one byte more) and a Kelvin sign where it has a k (two more), white
// space not counted.
func TestYearsReach(t *testing.T) {
	longest := func(words []string) int {
		n := 0
		for _, w := range words {
			l := len(strings.ReplaceAll(w, " ", "")) + strings.Count(w, "s") + 2*strings.Count(w, "k")
			n = max(n, l)
		}
		return n
	}
	var numbers []string
	for _, w := range numberWords {
		numbers = append(numbers, w.w)
	}
	reach := longest(yearsQualifiers[:]) + longest(numbers) + longest([]string{"+", "plus"}) +
		longest([]string{"-", "–", "—", "to"}) + longest(rangeWords[:]) + 1
	if reach > yearsReach {
		t.Errorf("a years phrase may reach %d bytes before its year, yearsReach is %d", reach, yearsReach)
	}
}
