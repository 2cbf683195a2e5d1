package crawler

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// Bounds on scraped strings. A posting is untrusted input: these keep one
// hostile or broken item from bloating the store and every report.
const (
	maxIDLen          = 200       // runes
	maxTitleLen       = 300       // runes
	maxShortLen       = 200       // runes: company, location, department, heading
	maxURLLen         = 2048      // bytes
	maxDescription    = 256 << 10 // bytes
	maxSectionBody    = 64 << 10  // bytes
	maxSections       = 32
	maxCurrencyLen    = 8
	maxSalaryPeriodLn = 16
)

// boundPosting trims and bounds every string of p in place and reports
// whether p has the id and title every posting needs.
func boundPosting(p *skillpulse.Posting) bool {
	p.NativeID = clipRunes(strings.TrimSpace(p.NativeID), maxIDLen)
	p.Title = clipRunes(strings.Join(strings.Fields(p.Title), " "), maxTitleLen)
	p.URL = safeURL(clipBytes(strings.TrimSpace(p.URL), maxURLLen))
	p.Company = clipRunes(strings.TrimSpace(p.Company), maxShortLen)
	p.Location = clipRunes(strings.TrimSpace(p.Location), maxShortLen)
	p.Department = clipRunes(strings.TrimSpace(p.Department), maxShortLen)
	p.Description = clipBytes(p.Description, maxDescription)
	if len(p.Sections) > maxSections {
		p.Sections = p.Sections[:maxSections]
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		s.Heading = clipRunes(strings.TrimSpace(s.Heading), maxShortLen)
		s.Body = clipBytes(s.Body, maxSectionBody)
	}
	if p.Salary != nil {
		p.Salary.Currency = clipRunes(strings.TrimSpace(p.Salary.Currency), maxCurrencyLen)
		p.Salary.Period = clipRunes(strings.TrimSpace(p.Salary.Period), maxSalaryPeriodLn)
	}
	return p.NativeID != "" && p.Title != ""
}

// safeURL returns s if it is an absolute http(s) URL, else "": a scraped
// "javascript:" link must never reach a report as a link.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

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
	for _, w := range strings.FieldsFunc(strings.ToLower(loc), func(r rune) bool {
		return !('a' <= r && r <= 'z')
	}) {
		switch w {
		case "remote":
			return skillpulse.WorkplaceRemote
		case "hybrid":
			return skillpulse.WorkplaceHybrid
		}
	}
	return skillpulse.WorkplaceUnknown
}
