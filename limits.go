package skillpulse

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds on a posting. The crawlers clip scraped values to them, and
// CheckPosting refuses a posting outside them wherever it comes from (a
// crawl, an import): one rule, written once.
const (
	MaxSourceLen      = 64        // bytes: letters, digits, '.', '_', '-'
	MaxTypeLen        = 32        // bytes
	MaxIDLen          = 200       // runes
	MaxTitleLen       = 300       // runes
	MaxShortLen       = 200       // runes: company, location, department, section heading
	MaxURLLen         = 2048      // bytes
	MaxDescription    = 256 << 10 // bytes
	MaxSectionBody    = 64 << 10  // bytes
	MaxSections       = 32
	MaxCurrencyLen    = 8  // runes
	MaxSalaryPeriod   = 16 // runes
	MaxSalary         = 1e12
	MaxMentions       = 1000
	MaxSkillIDLen     = 200 // bytes
	MaxEvidenceLen    = 200 // runes
	MaxYears          = 30  // years of experience; the extractor reads no more
	MaxLanguageLen    = 8   // bytes
	maxSeniorityValue = SeniorityManager
)

// The dates a posting may carry: a board's "published 9999-12-31" or
// "1600-01-01" is not live data. Both ends lie well inside what the store
// and every time encoding can represent.
var (
	EarliestDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestDate   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// DateInRange reports whether t is a plausible posting or crawl date:
// within [EarliestDate, LatestDate).
func DateInRange(t time.Time) bool {
	return !t.Before(EarliestDate) && t.Before(LatestDate)
}

// FieldError is a value refused by CheckPosting or CheckTags: Field names
// it in the export's terms ("title", "salary.currency", "tags.skills[3].id").
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Err: fmt.Errorf(format, args...)}
}

// ValidSourceName reports whether s may name a source: 1 to 64 letters,
// digits, '.', '_' or '-', starting with a letter or digit.
func ValidSourceName(s string) bool {
	if s == "" || len(s) > MaxSourceLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// CheckPosting reports the first field of p outside what may be stored:
// the source name, type and id, a title, bounded valid UTF-8 everywhere,
// no control characters in one-line fields and no NUL anywhere, an
// http(s) URL, a plausible salary, and dates within [EarliestDate,
// LatestDate). The crawler applies it to every posting after clipping,
// and import to every record before writing anything.
func CheckPosting(p *Posting) error {
	if !ValidSourceName(p.Source) {
		return fieldErr("source", "%.80q: want 1 to %d letters, digits, '.', '_' or '-'", p.Source, MaxSourceLen)
	}
	if err := line(p.SourceType, MaxTypeLen, false); err != nil {
		return &FieldError{Field: "type", Err: err}
	}
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{
		{"native_id", p.NativeID, MaxIDLen, true},
		{"title", p.Title, MaxTitleLen, true},
		{"company", p.Company, MaxShortLen, false},
		{"location", p.Location, MaxShortLen, false},
		{"department", p.Department, MaxShortLen, false},
	} {
		if f.required && strings.TrimSpace(f.v) == "" {
			return fieldErr(f.name, "required")
		}
		if err := line(f.v, f.max, true); err != nil {
			return &FieldError{Field: f.name, Err: err}
		}
	}
	if err := CheckURL(p.URL); err != nil {
		return &FieldError{Field: "url", Err: err}
	}
	if p.Workplace > WorkplaceRemote {
		return fieldErr("workplace", "unknown value %d", p.Workplace)
	}
	if err := text(p.Description, MaxDescription); err != nil {
		return &FieldError{Field: "description", Err: err}
	}
	if len(p.Sections) > MaxSections {
		return fieldErr("sections", "%d sections, over %d", len(p.Sections), MaxSections)
	}
	for i, s := range p.Sections {
		if err := line(s.Heading, MaxShortLen, true); err != nil {
			return &FieldError{Field: fmt.Sprintf("sections[%d].heading", i), Err: err}
		}
		if err := text(s.Body, MaxSectionBody); err != nil {
			return &FieldError{Field: fmt.Sprintf("sections[%d].body", i), Err: err}
		}
	}
	if err := checkSalary(p.Salary); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"posted", p.Posted}, {"updated", p.Updated}} {
		if !d.t.IsZero() && !DateInRange(d.t) {
			return fieldErr(d.name, "%s is outside %d–%d", d.t.UTC().Format(time.RFC3339), EarliestDate.Year(), LatestDate.Year()-1)
		}
	}
	return nil
}

func checkSalary(s *Salary) error {
	if s == nil {
		return nil
	}
	for _, v := range []struct {
		name string
		f    float64
	}{{"salary.min", s.Min}, {"salary.max", s.Max}} {
		if math.IsNaN(v.f) || v.f < 0 || v.f > MaxSalary {
			return fieldErr(v.name, "%g is outside 0–%g", v.f, float64(MaxSalary))
		}
	}
	if err := line(s.Currency, MaxCurrencyLen, true); err != nil {
		return &FieldError{Field: "salary.currency", Err: err}
	}
	if err := line(s.Period, MaxSalaryPeriod, true); err != nil {
		return &FieldError{Field: "salary.period", Err: err}
	}
	return nil
}

// CheckURL accepts "" or an absolute http(s) URL of at most MaxURLLen
// bytes: a "javascript:" link must never reach a report as a link.
func CheckURL(s string) error {
	if s == "" {
		return nil
	}
	if len(s) > MaxURLLen {
		return fmt.Errorf("%d bytes, over %d", len(s), MaxURLLen)
	}
	if HasControl(s) {
		return errors.New("contains control characters")
	}
	if PlainHTTPURL(s) {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%.80q is not an absolute http or https URL", s)
	}
	return nil
}

// PlainHTTPURL reports, without parsing s into a url.URL, whether s is
// an http(s) URL of the plainest kind: a lower-case scheme, a host of
// lower-case letters, digits, dots and hyphens, and a path, query and
// fragment of unreserved and sub-delimiter characters and well-formed
// percent escapes. Every such s is one url.Parse accepts with that scheme
// and host (the crawler's FuzzSafeURL checks it); nearly every posting's URL is one.
func PlainHTTPURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
	}
	if host == "" {
		return false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	rest = rest[len(host):]
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~/?#=&+,;:@!$'()*", c) >= 0:
		case c == '%' && i+2 < len(rest) && isHex(rest[i+1]) && isHex(rest[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// CheckTags reports the first of t's values outside what the extractor
// can produce: too many mentions (named or implied), a skill id (named,
// implied or one an implied skill comes through) that is empty, carries
// control characters or (when known is not nil) is not in the taxonomy, a
// level that is not one, years outside 0–MaxYears, overlong evidence, an
// unknown seniority.
func CheckTags(t *Tags, known func(id string) bool) error {
	if len(t.Mentions) > MaxMentions {
		return fieldErr("tags.skills", "%d skills, over %d", len(t.Mentions), MaxMentions)
	}
	for i, m := range t.Mentions {
		f := fmt.Sprintf("tags.skills[%d]", i)
		if err := checkSkillID(f+".id", m.SkillID, known); err != nil {
			return err
		}
		switch {
		case !m.Level.Valid():
			return fieldErr(f+".level", "want required, preferred or mentioned")
		case m.Years < 0 || m.Years > MaxYears:
			return fieldErr(f+".years", "%d is outside 0–%d", m.Years, MaxYears)
		}
		if n := utf8.RuneCountInString(m.Evidence); n > MaxEvidenceLen {
			return fieldErr(f+".evidence", "%d characters, over %d", n, MaxEvidenceLen)
		}
		if err := text(m.Evidence, 4*MaxEvidenceLen); err != nil {
			return &FieldError{Field: f + ".evidence", Err: err}
		}
	}
	if len(t.Implied) > MaxMentions {
		return fieldErr("tags.implied", "%d skills, over %d", len(t.Implied), MaxMentions)
	}
	for i, m := range t.Implied {
		f := fmt.Sprintf("tags.implied[%d]", i)
		if err := checkSkillID(f+".id", m.SkillID, known); err != nil {
			return err
		}
		if !m.Level.Valid() {
			return fieldErr(f+".level", "want required, preferred or mentioned")
		}
		if len(m.Via) == 0 || len(m.Via) > MaxMentions {
			return fieldErr(f+".via", "%d skills, want 1–%d", len(m.Via), MaxMentions)
		}
		for j, id := range m.Via {
			if err := checkSkillID(fmt.Sprintf("%s.via[%d]", f, j), id, known); err != nil {
				return err
			}
		}
	}
	if t.Seniority > maxSeniorityValue {
		return fieldErr("tags.seniority", "unknown value %d", t.Seniority)
	}
	if t.Years < 0 || t.Years > MaxYears {
		return fieldErr("tags.years", "%d is outside 0–%d", t.Years, MaxYears)
	}
	if len(t.Language) > MaxLanguageLen || HasControl(t.Language) {
		return fieldErr("tags.language", "%.20q is not a language code", t.Language)
	}
	return nil
}

// checkSkillID checks a skill id in field f: not empty, at most
// MaxSkillIDLen bytes of printable UTF-8, in the taxonomy when known is not
// nil.
func checkSkillID(f, id string, known func(id string) bool) error {
	switch {
	case id == "":
		return fieldErr(f, "required")
	case len(id) > MaxSkillIDLen || !utf8.ValidString(id) || HasControl(id):
		return fieldErr(f, "%.80q: want at most %d bytes of printable UTF-8", id, MaxSkillIDLen)
	case known != nil && !known(id):
		return fieldErr(f, "unknown skill %q (not in the taxonomy)", id)
	}
	return nil
}

// line checks a one-line field: valid UTF-8, at most max runes (bytes
// when !runes), no control characters.
func line(s string, max int, runes bool) error {
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	n := len(s)
	if runes {
		n = utf8.RuneCountInString(s)
	}
	if n > max {
		unit := "bytes"
		if runes {
			unit = "characters"
		}
		return fmt.Errorf("%d %s, over %d", n, unit, max)
	}
	if HasControl(s) {
		return errors.New("contains control characters")
	}
	return nil
}

// text checks a body of text (HTML or plain): valid UTF-8, at most max
// bytes, no NUL.
func text(s string, max int) error {
	switch {
	case !utf8.ValidString(s):
		return errors.New("not valid UTF-8")
	case len(s) > max:
		return fmt.Errorf("%d bytes, over %d", len(s), max)
	case strings.IndexByte(s, 0) >= 0:
		return errors.New("contains NUL")
	}
	return nil
}
