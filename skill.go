package skillpulse

import (
	"fmt"
	"strings"
)

// Level is how strongly a posting asks for a skill. Levels are ordered:
// a greater Level is a stronger requirement, so the strongest of several
// mentions is their maximum.
type Level uint8

const (
	LevelMentioned Level = iota + 1 // named, but neither required nor preferred
	LevelPreferred                  // nice to have, a plus, preferred
	LevelRequired                   // must have, required, N+ years
)

func (l Level) String() string {
	switch l {
	case LevelMentioned:
		return "mentioned"
	case LevelPreferred:
		return "preferred"
	case LevelRequired:
		return "required"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Valid reports whether l is one of the defined levels.
func (l Level) Valid() bool { return l >= LevelMentioned && l <= LevelRequired }

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, fmt.Errorf("invalid level %d", uint8(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLevel reads "required", "preferred" or "mentioned".
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "required":
		return LevelRequired, nil
	case "preferred":
		return LevelPreferred, nil
	case "mentioned":
		return LevelMentioned, nil
	}
	return 0, fmt.Errorf("unknown level %q (want required, preferred or mentioned)", s)
}

// Category groups skills for reports. The set is closed: the taxonomy may use
// only these, so reports can rely on them.
type Category string

const (
	CategoryCloud          Category = "cloud"
	CategoryIaC            Category = "iac"
	CategoryOS             Category = "os"
	CategoryNetworking     Category = "networking"
	CategorySecurity       Category = "security"
	CategoryLanguage       Category = "language"
	CategoryContainers     Category = "containers"
	CategoryCICD           Category = "cicd"
	CategoryObservability  Category = "observability"
	CategoryVirtualization Category = "virtualization"
	CategoryData           Category = "data"
	CategoryPractice       Category = "practice"
	CategoryTool           Category = "tool"
)

// Categories lists every category in report order.
var Categories = []Category{
	CategoryCloud, CategoryIaC, CategoryOS, CategoryNetworking, CategorySecurity,
	CategoryLanguage, CategoryContainers, CategoryCICD, CategoryObservability,
	CategoryVirtualization, CategoryData, CategoryPractice, CategoryTool,
}

// Valid reports whether c is one of the defined categories.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Skill is one entry of the taxonomy.
type Skill struct {
	ID       string   `json:"id"` // stable lower-case slug: terraform, kubernetes, aws
	Name     string   `json:"name"`
	Category Category `json:"category"`
	// Parents are the skills this one is a kind of or runs on (eks →
	// kubernetes, aws): a posting that names it gives them implied credit
	// (see Tags.Implied), which umbrella areas may count and skill shares
	// do not.
	Parents []string `json:"parents,omitempty"`
}

// Mention is one skill the extractor found in a posting, at the strongest
// level the posting asks for it.
type Mention struct {
	SkillID  string `json:"id"`
	Level    Level  `json:"level"`
	Years    int    `json:"years,omitempty"`    // years of experience asked; 0 when unstated
	Evidence string `json:"evidence,omitempty"` // the sentence it was found in, bounded
	// Reason says what decided Level in that sentence. The extractor sets
	// it; stores need not keep it.
	Reason LevelReason `json:"level_reason,omitempty"`
}

// LevelReason is what decided a mention's level: the posting's title, the
// heading (or inline label) of its section, a cue in its sentence ("5+
// years", "a plus", "we use", a parenthesis), or nothing (the default,
// mentioned).
type LevelReason uint8

const (
	ReasonNone    LevelReason = iota // not recorded
	ReasonDefault                    // no heading or cue decided: mentioned
	ReasonHeading                    // the section's heading or an inline label
	ReasonCue                        // a cue in the sentence or clause
	ReasonTitle                      // named in the posting's title
)

var levelReasonNames = [...]string{"", "default", "heading", "cue", "title"}

func (r LevelReason) String() string {
	if int(r) < len(levelReasonNames) {
		return levelReasonNames[r]
	}
	return fmt.Sprintf("LevelReason(%d)", uint8(r))
}

// MarshalText implements encoding.TextMarshaler.
func (r LevelReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *LevelReason) UnmarshalText(b []byte) error {
	for i, n := range levelReasonNames {
		if n == string(b) {
			*r = LevelReason(i)
			return nil
		}
	}
	return fmt.Errorf("unknown level reason %q (want default, heading, cue or title)", b)
}

// Seniority is the level of the role a posting is for.
type Seniority uint8

const (
	SeniorityUnknown Seniority = iota
	SeniorityJunior
	SeniorityMid
	SenioritySenior
	SeniorityStaff
	SeniorityPrincipal
	SeniorityLead
	SeniorityManager
)

var seniorityNames = [...]string{"unknown", "junior", "mid", "senior", "staff", "principal", "lead", "manager"}

func (s Seniority) String() string {
	if int(s) < len(seniorityNames) {
		return seniorityNames[s]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (s Seniority) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Seniority) UnmarshalText(b []byte) error {
	for i, n := range seniorityNames {
		if n == string(b) {
			*s = Seniority(i)
			return nil
		}
	}
	return fmt.Errorf("unknown seniority %q", b)
}

// Implied is credit a posting gives a skill only through more specific
// skills it names, the skill's descendants in the taxonomy (EKS implies
// Kubernetes and AWS): the posting does not name it itself.
type Implied struct {
	SkillID string `json:"id"`
	// Level is the strongest level of the named skills it is implied by.
	Level Level `json:"level"`
	// Via are the ids of those named skills, sorted.
	Via []string `json:"via"`
}

// Tags is everything the extractor read from one posting.
type Tags struct {
	// Mentions are the skills the posting names, each with its evidence.
	// Tags written before skills and implied credit were kept apart (the
	// store's records before schema 10) may mix implied credit in; retag
	// separates them.
	Mentions []Mention `json:"skills"`
	// Implied are the skills the posting does not name but implies through
	// the ones it names; never a skill of Mentions.
	Implied   []Implied `json:"implied,omitempty"`
	Seniority Seniority `json:"seniority"`
	// Language is the posting's detected language (ISO 639-1, "en"); empty
	// when unknown. Postings not in English are not skill-tagged.
	Language string `json:"language,omitempty"`
	// Years is the experience asked of the role as a whole, 0 when unstated.
	Years int `json:"years,omitempty"`
}
