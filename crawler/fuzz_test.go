package crawler

import (
	"testing"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// The parsers read untrusted bytes: whatever they get, they must not
// panic, and what survives boundPosting must be valid, bounded UTF-8 that
// skillpulse.CheckPosting accepts (absurd dates dropped).
// Seed corpora live in testdata/fuzz/<FuzzName>/.

func FuzzParseGreenhouse(f *testing.F) { fuzzParser(f, parseGreenhouse) }
func FuzzParseLever(f *testing.F)      { fuzzParser(f, parseLever) }
func FuzzParseAshby(f *testing.F)      { fuzzParser(f, parseAshby) }
func FuzzParseRemoteOK(f *testing.F)   { fuzzParser(f, parseRemoteOK) }

func fuzzParser(f *testing.F, parse func([]byte) ([]skillpulse.Posting, error)) {
	f.Fuzz(func(t *testing.T, body []byte) {
		posts, err := parse(body)
		if err != nil && !isTruncation(err) {
			return
		}
		for i := range posts {
			p := posts[i]
			if !boundPosting(&p) {
				continue
			}
			// What the crawl keeps passes the store's and import's one
			// rule: bounded, no control characters, dates in range.
			dropBadDates(&p)
			p.Source, p.SourceType = "fuzz", "fuzz"
			if err := skillpulse.CheckPosting(&p); err != nil {
				t.Errorf("a bounded posting fails CheckPosting: %v", err)
			}
			for name, s := range map[string]string{
				"id": p.NativeID, "title": p.Title, "url": p.URL, "company": p.Company,
				"location": p.Location, "department": p.Department, "description": p.Description,
			} {
				if !utf8.ValidString(s) {
					t.Errorf("%s is not valid UTF-8: %q", name, s)
				}
			}
			if utf8.RuneCountInString(p.Title) > maxTitleLen || len(p.Description) > maxDescription ||
				len(p.Sections) > maxSections || len(p.URL) > maxURLLen {
				t.Errorf("posting exceeds its bounds: title %d runes, description %d bytes, %d sections",
					utf8.RuneCountInString(p.Title), len(p.Description), len(p.Sections))
			}
		}
	})
}

func FuzzRoleFilter(f *testing.F) {
	def := NewRoleFilter(config.Roles{})
	own := NewRoleFilter(config.Roles{Include: []string{"site reliability", "c++"}, Exclude: []string{"intern"}})
	f.Fuzz(func(t *testing.T, title string) {
		// Matching must not depend on case or on which punctuation
		// separates the words.
		for _, rf := range []*RoleFilter{def, own} {
			if rf.Match(title) != rf.Match(normalizeWords(title)) {
				t.Errorf("Match(%q) differs from Match of its normalised words %q", title, normalizeWords(title))
			}
		}
	})
}
