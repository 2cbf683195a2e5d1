package skillpulse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Workplace says where the work is done, as far as a posting tells.
type Workplace uint8

const (
	WorkplaceUnknown Workplace = iota
	WorkplaceOnSite
	WorkplaceHybrid
	WorkplaceRemote
)

var workplaceNames = [...]string{"unknown", "on-site", "hybrid", "remote"}

func (w Workplace) String() string {
	if int(w) < len(workplaceNames) {
		return workplaceNames[w]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (w Workplace) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; unknown words read as
// WorkplaceUnknown rather than failing, since sources invent their own.
func (w *Workplace) UnmarshalText(b []byte) error {
	*w = ParseWorkplace(string(b))
	return nil
}

// ParseWorkplace maps the spellings sources use ("remote", "On-site",
// "onsite", "hybrid", "telecommute") to a Workplace.
func ParseWorkplace(s string) Workplace {
	switch strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))) {
	case "remote", "telecommute", "fully remote", "remote-first":
		return WorkplaceRemote
	case "hybrid":
		return WorkplaceHybrid
	case "on-site", "onsite", "on site", "in-office", "office":
		return WorkplaceOnSite
	}
	return WorkplaceUnknown
}

// Section is one headed part of a posting, such as a Lever list ("Requirements")
// or a SmartRecruiters qualifications block. Body is HTML or plain text.
type Section struct {
	Heading string `json:"heading"`
	Body    string `json:"body"`
}

// Origin is one place a posting was seen: the configured source name and the
// posting's public URL there. Cross-source dedup gives a posting several.
type Origin struct {
	Source string `json:"source"`
	URL    string `json:"url"`
}

// Salary is a stated pay range. Zero Min or Max means that end is unstated.
type Salary struct {
	Min      float64 `json:"min,omitempty"`
	Max      float64 `json:"max,omitempty"`
	Currency string  `json:"currency,omitempty"`
	Period   string  `json:"period,omitempty"` // year, month, hour, ...
}

// Posting is one job posting as a source reported it. Every string in it
// was scraped and is untrusted: crawlers bound their sizes, and whoever
// renders them escapes them.
type Posting struct {
	Source     string    `json:"source"`    // configured source name
	SourceType string    `json:"type"`      // greenhouse, lever, ...
	NativeID   string    `json:"native_id"` // the id the source gives the posting
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	Company    string    `json:"company,omitempty"`
	Location   string    `json:"location,omitempty"`
	Department string    `json:"department,omitempty"`
	Workplace  Workplace `json:"workplace"`
	Salary     *Salary   `json:"salary,omitempty"`
	Posted     time.Time `json:"posted,omitzero"`
	Updated    time.Time `json:"updated,omitzero"`
	// Description is the posting's body, HTML or plain text.
	Description string `json:"description"`
	// Sections are headed parts kept apart by the source (Lever lists).
	Sections []Section `json:"sections,omitempty"`
}

// Key identifies a posting within skillpulse: its source name and native id.
func (p *Posting) Key() PostingKey { return PostingKey{Source: p.Source, NativeID: p.NativeID} }

// ContentHash is a digest of everything in the posting that the extractor
// reads or a report shows. Equal hashes mean nothing worth re-tagging or
// re-storing changed; fields that merely tick (Updated) are left out.
func (p *Posting) ContentHash() Hash {
	h := sha256.New()
	// Strings go through one small buffer: converting a description to
	// []byte would copy all of it for every posting hashed.
	buf := make([]byte, 0, 512)
	field := func(s string) {
		for len(s) > 0 {
			n := min(len(s), cap(buf))
			h.Write(append(buf[:0], s[:n]...))
			s = s[n:]
		}
		h.Write([]byte{0})
	}
	field(p.Title)
	field(p.Company)
	field(p.Location)
	field(p.Department)
	field(p.Workplace.String())
	field(p.URL)
	if p.Salary != nil {
		field(fmt.Sprintf("%g-%g %s/%s", p.Salary.Min, p.Salary.Max, p.Salary.Currency, p.Salary.Period))
	}
	field(p.Description)
	for _, s := range p.Sections {
		field(s.Heading)
		field(s.Body)
	}
	var out Hash
	h.Sum(out[:0])
	return out
}

// PostingKey identifies a posting: the configured source it came from and
// the source's own id for it.
type PostingKey struct {
	Source   string
	NativeID string
}

func (k PostingKey) String() string { return k.Source + "/" + k.NativeID }

// Hash is a SHA-256 content digest.
type Hash [sha256.Size]byte

func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// IsZero reports whether h is the zero hash (no content recorded).
func (h Hash) IsZero() bool { return h == Hash{} }
