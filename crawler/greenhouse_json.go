package crawler

import (
	"strings"
	"unsafe"
)

// UnmarshalJSON reads one job of a Greenhouse board (decodeJobs reads a
// whole board with decodeJSON, without encoding/json, when it can):
//
//	{"id", "title", "absolute_url", "location": {"name"}, "company_name",
//	 "departments": [{"name"}], "offices": [{"name", "location"}],
//	 "updated_at", "first_published", "content"}
//
// as encoding/json would into a struct with those tags (names matched
// case-insensitively, the last of repeated members winning, null leaving a
// field empty, a member of the wrong type failing the job), but with two
// allocations per job rather than one per field: a board is thousands of
// jobs, and encoding/json's allocations were most of a crawl's. The short
// fields are substrings of one string; the content has a buffer of its own,
// which the description is unescaped from.
func (j *greenhouseJob) UnmarshalJSON(b []byte) error {
	s := jsonScanner{b: b}
	if err := j.decodeJSON(&s); err != nil {
		return err
	}
	if !s.atEnd() {
		return s.fail("data after the job")
	}
	return nil
}

// The short fields of a job, by their index in jobDecoder.spans.
const (
	fID = iota
	fTitle
	fURL
	fLocation
	fCompany
	fDepartment
	fUpdated
	fPublished
	nShortFields
)

// decodeJSON reads a job from s, as UnmarshalJSON does. The short fields
// are appended to one buffer (on the stack while they fit) and become
// substrings of one string at the end.
func (j *greenhouseJob) decodeJSON(s *jsonScanner) error {
	*j = greenhouseJob{}
	var scratch [512]byte
	short := scratch[:0]           // the short fields' values, end to end
	var spans [nShortFields][2]int // where each short field is in short
	var officeSpans [][4]int       // each office's name and location in short
	appendStr := func(field string) ([2]int, error) {
		start := len(short)
		var err error
		short, err = s.appendString(short, field)
		return [2]int{start, len(short)}, err
	}
	str := func(f int, field string) error {
		var err error
		spans[f], err = appendStr(field)
		return err
	}
	err := s.object(func(key []byte) error {
		switch {
		case keyIs(key, "id"):
			id, err := readID(s)
			start := len(short)
			short = append(short, id...)
			spans[fID] = [2]int{start, len(short)}
			return err
		case keyIs(key, "title"):
			return str(fTitle, "greenhouseJob.title")
		case keyIs(key, "absolute_url"):
			return str(fURL, "greenhouseJob.absolute_url")
		case keyIs(key, "company_name"):
			return str(fCompany, "greenhouseJob.company_name")
		case keyIs(key, "updated_at"):
			return str(fUpdated, "greenhouseJob.updated_at")
		case keyIs(key, "first_published"):
			return str(fPublished, "greenhouseJob.first_published")
		case keyIs(key, "location"):
			return decodeJobLocation(s, str)
		case keyIs(key, "departments"):
			spans[fDepartment] = [2]int{}
			return decodeJobDepartments(s, str)
		case keyIs(key, "offices"):
			var err error
			j.Offices, officeSpans, err = decodeJobOffices(s, appendStr, j.Offices[:0], officeSpans[:0])
			return err
		case keyIs(key, "content"):
			content, err := s.appendString(nil, "greenhouseJob.content")
			// content is this job's alone and never written again.
			j.Content = unsafe.String(unsafe.SliceData(content), len(content))
			return err
		}
		_, err := s.skip()
		return err
	})
	if err != nil {
		*j = greenhouseJob{Content: j.Content}
		return err
	}
	j.fillShort(string(short), &spans, officeSpans)
	return nil
}

// decodeJobLocation reads {"name"}. A repeated "location" object adds to
// the first, as encoding/json decodes into the same struct.
func decodeJobLocation(s *jsonScanner, str func(f int, field string) error) error {
	return s.object(func(key []byte) error {
		if keyIs(key, "name") {
			return str(fLocation, "greenhouseJob.location.name")
		}
		_, err := s.skip()
		return err
	})
}

// decodeJobDepartments reads [{"name"}], keeping the first element's name.
func decodeJobDepartments(s *jsonScanner, str func(f int, field string) error) error {
	n := 0 // elements before this one
	return s.array(func() error {
		n++
		return s.object(func(key []byte) error {
			switch {
			case keyIs(key, "name") && n == 1:
				return str(fDepartment, "greenhouseJob.departments.name")
			case keyIs(key, "name"):
				return s.skipString("greenhouseJob.departments.name")
			}
			_, err := s.skip()
			return err
		})
	})
}

// decodeJobOffices reads [{"name", "location"}], appending an empty office
// to offices and the spans of its strings (from appendStr) to spans for
// each element.
func decodeJobOffices(s *jsonScanner, appendStr func(field string) ([2]int, error),
	offices []greenhouseOffice, spans [][4]int) ([]greenhouseOffice, [][4]int, error) {
	err := s.array(func() error {
		var sp [4]int
		err := s.object(func(key []byte) error {
			var at *[2]int
			field := "greenhouseJob.offices.name"
			switch {
			case keyIs(key, "name"):
				at = (*[2]int)(sp[0:2])
			case keyIs(key, "location"):
				at, field = (*[2]int)(sp[2:4]), "greenhouseJob.offices.location"
			default:
				_, err := s.skip()
				return err
			}
			var err error
			*at, err = appendStr(field)
			return err
		})
		offices = append(offices, greenhouseOffice{})
		spans = append(spans, sp)
		return err
	})
	return offices, spans, err
}

// fillShort sets j's short fields and its offices' strings from their
// spans in all.
func (j *greenhouseJob) fillShort(all string, spans *[nShortFields][2]int, officeSpans [][4]int) {
	field := func(sp [2]int) string { return all[sp[0]:sp[1]] }
	j.ID = jsonID(field(spans[fID]))
	j.Title, j.AbsoluteURL = field(spans[fTitle]), field(spans[fURL])
	j.Location, j.CompanyName = field(spans[fLocation]), field(spans[fCompany])
	j.Department = field(spans[fDepartment])
	j.UpdatedAt, j.FirstPublished = field(spans[fUpdated]), field(spans[fPublished])
	for i, sp := range officeSpans {
		j.Offices[i] = greenhouseOffice{Name: all[sp[0]:sp[1]], Location: all[sp[2]:sp[3]]}
	}
}

// readID reads an id as jsonID reads it, returning a view of the input
// when the id stands there as it is.
func readID(s *jsonScanner) ([]byte, error) {
	v, err := s.skip()
	switch {
	case err != nil:
		return nil, err
	case isJSONNumber(v):
		return v, nil
	case len(v) >= 2 && v[0] == '"' && plainJSONString(v[1:len(v)-1]):
		return v[1 : len(v)-1], nil
	}
	var id jsonID
	if err := id.UnmarshalJSON(v); err != nil {
		return nil, err
	}
	return []byte(id), nil
}

// keyIs reports whether a member name is name, as encoding/json matches a
// struct field's: exactly or else case-insensitively.
func keyIs(key []byte, name string) bool {
	return string(key) == name || strings.EqualFold(string(key), name)
}
