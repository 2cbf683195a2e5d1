package crawler

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScanner walks one JSON value in place, without allocating: a source's
// parser reads the members it wants and skips the rest, collecting strings
// into buffers of its own instead of one allocation per field, as
// encoding/json's reflection makes. It is strict where a parser relies on it
// (every member and element is consumed, strings are checked for control
// characters, numbers for their grammar) and fails on anything else; the
// decoders that use it run behind encoding/json, which has validated the
// whole payload first.
type jsonScanner struct {
	b     []byte
	i     int
	depth int // objects and arrays open
}

// maxJSONDepth bounds nesting as encoding/json's does, so that hostile
// input cannot recurse the scanner out of stack.
const maxJSONDepth = 10000

// scanDecoder is a type that decodes itself from a scanner positioned at
// its value, consuming it; decodeJobs reads arrays of them without
// encoding/json.
type scanDecoder interface {
	decodeJSON(s *jsonScanner) error
}

// scanJobs reads the array of a {"jobs":[...]} payload of T without
// encoding/json, when T is a scanDecoder. It reports false, and leaves the
// payload to encoding/json and its errors, for anything but a well-formed
// object with one "jobs" array whose every element decodes.
func scanJobs[T any](body []byte) ([]T, bool) {
	var zero T
	if _, ok := any(&zero).(scanDecoder); !ok {
		return nil, false
	}
	s := jsonScanner{b: body}
	if len(body) >= len(utf8BOM) && string(body[:len(utf8BOM)]) == utf8BOM {
		s.i = len(utf8BOM)
	}
	if s.peek() != '{' {
		return nil, false
	}
	var jobs []T
	seen := false
	err := s.object(func(key []byte) error {
		if !keyIs(key, "jobs") {
			_, err := s.skip()
			return err
		}
		if seen || s.peek() != '[' {
			return errJSONSyntax // a repeated or null "jobs": encoding/json's rules
		}
		seen = true
		jobs = []T{}
		return s.array(func() error {
			jobs = append(jobs, zero)
			return any(&jobs[len(jobs)-1]).(scanDecoder).decodeJSON(&s)
		})
	})
	if err != nil || !seen || !s.atEnd() {
		return nil, false
	}
	return jobs, true
}

// errJSONSyntax is what the scanner reports for input it does not accept.
var errJSONSyntax = errors.New("invalid JSON")

func (s *jsonScanner) fail(what string) error {
	return fmt.Errorf("%w: %s at byte %d", errJSONSyntax, what, s.i)
}

// peek skips white space and returns the next byte, or 0 at the end.
func (s *jsonScanner) peek() byte {
	for s.i < len(s.b) {
		switch c := s.b[s.i]; c {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return c
		}
	}
	return 0
}

// atEnd skips white space and reports whether the input ends there.
func (s *jsonScanner) atEnd() bool {
	s.peek()
	return s.i >= len(s.b)
}

// kind names the JSON type of a value starting with c, as encoding/json's
// type errors do.
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// null consumes a null and reports whether there was one.
func (s *jsonScanner) null() bool {
	if s.peek() == 'n' && len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

// object calls member for every member of the object that starts here,
// with its name; member must consume the value. A null is an object without members.
func (s *jsonScanner) object(member func(key []byte) error) error {
	if s.null() {
		return nil
	}
	if s.peek() != '{' {
		return s.fail("want an object")
	}
	if s.depth++; s.depth > maxJSONDepth {
		return s.fail("nested too deep")
	}
	defer func() { s.depth-- }()
	s.i++
	if s.peek() == '}' {
		s.i++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.fail("want a member name")
		}
		key, plain, err := s.stringSpan()
		if err == nil && !plain {
			key, err = appendUnquoted(nil, key) // rare: an escaped name
		}
		if err != nil {
			return err
		}
		if s.peek() != ':' {
			return s.fail("want a colon")
		}
		s.i++
		if err := member(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return nil
		default:
			return s.fail("want a comma or the end of the object")
		}
	}
}

// array calls elem for every element of the array that starts here; elem
// must consume the element. A null is an empty array.
func (s *jsonScanner) array(elem func() error) error {
	if s.null() {
		return nil
	}
	if s.peek() != '[' {
		return s.fail("want an array")
	}
	if s.depth++; s.depth > maxJSONDepth {
		return s.fail("nested too deep")
	}
	defer func() { s.depth-- }()
	s.i++
	if s.peek() == ']' {
		s.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return nil
		default:
			return s.fail("want a comma or the end of the array")
		}
	}
}

// skip consumes one value of any type and returns its bytes.
func (s *jsonScanner) skip() ([]byte, error) {
	c := s.peek()
	start := s.i
	var err error
	switch {
	case c == '"':
		_, _, err = s.stringSpan()
	case c == '{':
		err = s.object(func([]byte) error { _, err := s.skip(); return err })
	case c == '[':
		err = s.array(func() error { _, err := s.skip(); return err })
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if len(s.b)-s.i >= len(lit) && string(s.b[s.i:s.i+len(lit)]) == lit {
				s.i += len(lit)
				return s.b[start:s.i], nil
			}
		}
		err = s.fail("want a value")
	default:
		for s.i < len(s.b) && isNumberByte(s.b[s.i]) {
			s.i++
		}
		if !isJSONNumber(s.b[start:s.i]) {
			err = s.fail("want a value")
		}
	}
	return s.b[start:s.i], err
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// stringSpan consumes a string and returns what is between its quotes, and
// whether that is its value as it stands (no escapes, valid UTF-8).
func (s *jsonScanner) stringSpan() (raw []byte, plain bool, err error) {
	if s.peek() != '"' {
		return nil, false, s.fail("want a string")
	}
	s.i++
	start := s.i
	plain = true
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			raw = s.b[start:s.i]
			s.i++
			return raw, plain && utf8.Valid(raw), nil
		case c == '\\':
			plain = false
			if err := s.escape(); err != nil {
				return nil, false, err
			}
		case c < 0x20:
			return nil, false, s.fail("control character in string")
		default:
			s.i++
		}
	}
	return nil, false, s.fail("unterminated string")
}

// escape consumes the escape sequence at s.i, which must be one JSON
// allows.
func (s *jsonScanner) escape() error {
	if s.i+1 >= len(s.b) {
		return s.fail("unterminated string")
	}
	switch s.b[s.i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.i += 2
	case 'u':
		if _, ok := hex4(s.b[s.i+2:]); !ok {
			return s.fail("bad \\u escape")
		}
		s.i += 6
	default:
		return s.fail("bad escape")
	}
	return nil
}

// appendString consumes a string and appends its value to dst; a null
// appends nothing. Another type is an error naming field, as encoding/json
// names it.
func (s *jsonScanner) appendString(dst []byte, field string) ([]byte, error) {
	if s.null() {
		return dst, nil
	}
	if c := s.peek(); c != '"' {
		return dst, s.typeError(c, field)
	}
	raw, plain, err := s.stringSpan()
	if err != nil {
		return dst, err
	}
	// A value is never longer than its quoted form: one allocation at most.
	dst = slices.Grow(dst, len(raw))
	if plain {
		return append(dst, raw...), nil
	}
	return appendUnquoted(dst, raw)
}

// skipString consumes a string or null; another type is an error naming
// field, as appendString's.
func (s *jsonScanner) skipString(field string) error {
	if s.null() {
		return nil
	}
	if c := s.peek(); c != '"' {
		return s.typeError(c, field)
	}
	_, _, err := s.stringSpan()
	return err
}

// typeError consumes a value that starts with c and is not of the type
// field has, string, and reports it as encoding/json does.
func (s *jsonScanner) typeError(c byte, field string) error {
	at := s.i
	if _, err := s.skip(); err != nil {
		return err
	}
	return fmt.Errorf("json: cannot unmarshal %s into Go struct field %s of type string at byte %d", jsonKind(c), field, at)
}

// appendUnquoted appends the value of raw, the inside of a JSON string, to
// dst, as encoding/json decodes it: escapes resolved, invalid UTF-8 and
// unpaired surrogates replaced with U+FFFD.
func appendUnquoted(dst, raw []byte) ([]byte, error) {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			if i+1 >= len(raw) {
				return dst, fmt.Errorf("%w: truncated escape", errJSONSyntax)
			}
			switch e := raw[i+1]; e {
			case '"', '\\', '/':
				dst = append(dst, e)
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r, ok := hex4(raw[i+2:])
				if !ok {
					return dst, fmt.Errorf("%w: bad \\u escape", errJSONSyntax)
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A pair makes one rune; a lone half is U+FFFD and
					// what follows it is read on its own.
					if len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
						if r2, ok := hex4(raw[i+2:]); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								dst = utf8.AppendRune(dst, dec)
								i += 6
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				dst = utf8.AppendRune(dst, r)
				continue
			default:
				return dst, fmt.Errorf("%w: bad escape \\%c", errJSONSyntax, e)
			}
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, n := utf8.DecodeRune(raw[i:])
			dst = utf8.AppendRune(dst, r) // RuneError for invalid bytes
			i += n
		}
	}
	return dst, nil
}

// hex4 reads the four hex digits a \u escape starts with.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
