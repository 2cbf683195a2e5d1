package crawler

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// Bounds on scraped strings, the domain's (see skillpulse.CheckPosting).
// A posting is untrusted input: these keep one hostile or broken item from
// bloating the store and every report.
const (
	maxIDLen          = skillpulse.MaxIDLen
	maxTitleLen       = skillpulse.MaxTitleLen
	maxShortLen       = skillpulse.MaxShortLen
	maxURLLen         = skillpulse.MaxURLLen
	maxDescription    = skillpulse.MaxDescription
	maxSectionBody    = skillpulse.MaxSectionBody
	maxSections       = skillpulse.MaxSections
	maxCurrencyLen    = skillpulse.MaxCurrencyLen
	maxSalaryPeriodLn = skillpulse.MaxSalaryPeriod
)

// boundPosting trims and bounds every string of p in place, replaces
// control characters in one-line fields and caps their stacks of
// combining marks (skillpulse.CapMarks), drops NUL from bodies, and
// reports whether p has the id and title every posting needs.
func boundPosting(p *skillpulse.Posting) bool {
	p.NativeID = clipRunes(oneLine(p.NativeID), maxIDLen)
	p.Title = clipRunes(collapseSpaces(skillpulse.CapMarks(skillpulse.StripControl(p.Title))), maxTitleLen)
	p.URL = safeURL(clipBytes(strings.TrimSpace(p.URL), maxURLLen))
	p.Company = clipRunes(oneLine(p.Company), maxShortLen)
	p.Location = clipRunes(oneLine(p.Location), maxShortLen)
	p.Department = clipRunes(oneLine(p.Department), maxShortLen)
	p.Description = clipBytes(noNUL(p.Description), maxDescription)
	if len(p.Sections) > maxSections {
		p.Sections = p.Sections[:maxSections]
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		s.Heading = clipRunes(oneLine(s.Heading), maxShortLen)
		s.Body = clipBytes(noNUL(s.Body), maxSectionBody)
	}
	if p.Salary != nil {
		p.Salary.Currency = clipRunes(oneLine(p.Salary.Currency), maxCurrencyLen)
		p.Salary.Period = clipRunes(oneLine(p.Salary.Period), maxSalaryPeriodLn)
		if !(p.Salary.Min >= 0 && p.Salary.Min <= skillpulse.MaxSalary) || !(p.Salary.Max >= 0 && p.Salary.Max <= skillpulse.MaxSalary) {
			p.Salary = nil
		}
	}
	return p.NativeID != "" && p.Title != ""
}

// collapseSpaces is strings.Join(strings.Fields(s), " "): s trimmed, with
// every run of white space made one space. A title that is so already,
// as nearly all are, is returned as it is.
func collapseSpaces(s string) string {
	prevSpace := true // at the start, a space would be leading
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prevSpace) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = space
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ") // a trailing space
	}
	return s
}

// oneLine is s trimmed, with control characters made spaces and no
// stack of more than skillpulse.MaxMarks combining marks.
func oneLine(s string) string {
	return strings.TrimSpace(skillpulse.CapMarks(skillpulse.StripControl(s)))
}

// noNUL is s without NUL bytes, which no stored text carries.
func noNUL(s string) string { return strings.ReplaceAll(s, "\x00", "") }

// dropBadDates zeroes p's dates outside skillpulse.DateInRange (a board's
// "published 9999-12-31") and reports how many it dropped: such a date is
// no information, and not worth the posting.
func dropBadDates(p *skillpulse.Posting) int {
	n := 0
	for _, t := range []*time.Time{&p.Posted, &p.Updated} {
		if !t.IsZero() && !skillpulse.DateInRange(*t) {
			*t = time.Time{}
			n++
		}
	}
	return n
}

// safeURL returns s if it is an absolute http(s) URL, else "": a scraped
// "javascript:" link must never reach a report as a link.
func safeURL(s string) string {
	if plainHTTPURL(s) {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// plainHTTPURL is skillpulse.PlainHTTPURL: the URLs that need no parse.
func plainHTTPURL(s string) bool { return skillpulse.PlainHTTPURL(s) }

// clipRunes cuts s to at most n runes, replacing invalid UTF-8.
func clipRunes(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// clipBytes cuts s to at most n bytes on a rune boundary, replacing
// invalid UTF-8.
func clipBytes(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

const utf8BOM = "\xef\xbb\xbf"

// decodeJSON unmarshals body into v. Its errors carry the byte offset of
// the problem, so a truncated or corrupt payload can be found in a dump.
// A UTF-8 byte order mark, which encoding/json rejects, is skipped.
func decodeJSON(body []byte, v any) error {
	body = bytes.TrimPrefix(body, []byte(utf8BOM))
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		if firstByte(body) == '<' {
			// A board's error or maintenance page, served with 200.
			return fmt.Errorf("%w at byte %d of %d: the answer is HTML or XML, not JSON (an error page?)", err, syn.Offset, len(body))
		}
		return fmt.Errorf("%w at byte %d of %d", err, syn.Offset, len(body))
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%w at byte %d", err, typ.Offset)
	}
	return err
}

// firstByte is the first byte of body after any BOM and white space, or 0.
func firstByte(body []byte) byte {
	body = bytes.TrimLeft(bytes.TrimPrefix(body, []byte(utf8BOM)), " \t\r\n")
	if len(body) == 0 {
		return 0
	}
	return body[0]
}

// jsonID is a source's id, which some send as a number and others as a
// string; numbers keep their exact decimal digits.
type jsonID string

func (id *jsonID) UnmarshalJSON(b []byte) error {
	// Most ids are plain: a number, or a string without escapes. They are
	// taken as they stand; anything else goes through encoding/json.
	if isJSONNumber(b) {
		*id = jsonID(b)
		return nil
	}
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && plainJSONString(b[1:len(b)-1]) {
		*id = jsonID(b[1 : len(b)-1])
		return nil
	}
	switch firstByte(b) {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = jsonID(s)
	case 'n': // null
		*id = ""
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("id: want a number or string, got %.20s", b)
		}
		*id = jsonID(n.String())
	}
	return nil
}

// plainJSONString reports whether s, the inside of a JSON string, means
// itself: valid UTF-8 with no escape, quote or control character.
func plainJSONString(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(s)
}

// isJSONNumber reports whether b is exactly a JSON number: -?int frac? exp?
func isJSONNumber(b []byte) bool {
	digits := func(i int) int { // index after the digits from i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i
	}
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(b)
}

// parseTime reads an RFC 3339 timestamp (offset or Z, optional fraction);
// anything else is the zero time, as a missing date is not worth failing
// a source for.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}

// workplaceFromLocation guesses a workplace from free-text location
// ("Remote - EMEA", "Hybrid, Berlin") for sources without a field for it.
func workplaceFromLocation(loc string) skillpulse.Workplace {
	// The words are the runs of letters a to z once lower-cased; they are
	// compared without building the lower-cased string.
	start := -1
	for i, r := range loc {
		if l := unicode.ToLower(r); 'a' <= l && l <= 'z' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := workplaceWord(loc[start:i]); w != skillpulse.WorkplaceUnknown {
				return w
			}
			start = -1
		}
	}
	if start >= 0 {
		return workplaceWord(loc[start:])
	}
	return skillpulse.WorkplaceUnknown
}

// workplaceWord is the workplace word names once lower-cased: "remote" or
// "hybrid".
func workplaceWord(word string) skillpulse.Workplace {
	switch {
	case lowerIs(word, "remote"):
		return skillpulse.WorkplaceRemote
	case lowerIs(word, "hybrid"):
		return skillpulse.WorkplaceHybrid
	}
	return skillpulse.WorkplaceUnknown
}

// lowerIs reports whether strings.ToLower(word) == ascii, a lower-case
// ASCII word, without building the lower-cased string.
func lowerIs(word, ascii string) bool {
	i := 0
	for _, r := range word {
		if i == len(ascii) || unicode.ToLower(r) != rune(ascii[i]) {
			return false
		}
		i++
	}
	return i == len(ascii)
}
