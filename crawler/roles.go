package crawler

import (
	"strings"
	"unicode"

	"github.com/skillpulse/skillpulse/config"
)

// RoleFilter decides from a title whether a posting is an infrastructure
// engineering role. Phrases match case-insensitively on word boundaries,
// punctuation counting as a boundary ("DevOps/SRE", "Site-Reliability").
//
// A title is kept when it contains an include phrase and no exclude
// phrase. With the default include list it must also name an engineering
// role (engineer, architect, administrator, developer, SRE, ops, ...), so
// "Platform Marketing Manager" is out even before the excludes. Include
// or exclude lists given in config replace the defaults (and a configured
// include list drops the engineering-role requirement: it says exactly
// what to keep).
type RoleFilter struct {
	include     []string // normalised, space-padded phrases
	exclude     []string
	engineering []string // nil when not required
}

// Default title phrases.
func defaultIncludes() []string {
	return []string{
		"infrastructure", "infra", "platform", "devops", "dev ops", "devsecops",
		"sre", "site reliability", "reliability", "cloud", "systems", "system",
		"network", "networking", "production engineer", "sysadmin", "kubernetes",
		"virtualization", "virtualisation", "storage", "linux", "data center",
		"datacenter", "data centre", "observability", "release",
	}
}

func defaultExcludes() []string {
	return []string{
		"marketing", "sales", "account executive", "account manager", "recruiter",
		"recruiting", "talent", "designer", "product manager", "counsel", "legal",
		"attorney", "paralegal", "accountant", "human resources", "customer success",
		"business development", "copywriter",
	}
}

func engineeringWords() []string {
	return []string{
		"engineer", "engineers", "engineering", "architect", "administrator", "admin",
		"sysadmin", "sre", "ops", "operations", "developer", "devops", "devsecops",
	}
}

// NewRoleFilter builds the filter for r.
func NewRoleFilter(r config.Roles) *RoleFilter {
	f := &RoleFilter{}
	if len(r.Include) > 0 {
		f.include = phrases(r.Include)
	} else {
		f.include = phrases(defaultIncludes())
		f.engineering = phrases(engineeringWords())
	}
	if len(r.Exclude) > 0 {
		f.exclude = phrases(r.Exclude)
	} else {
		f.exclude = phrases(defaultExcludes())
	}
	return f
}

// Match reports whether title passes the filter.
func (f *RoleFilter) Match(title string) bool {
	t := " " + normalizeWords(title) + " "
	if !containsAny(t, f.include) || containsAny(t, f.exclude) {
		return false
	}
	return f.engineering == nil || containsAny(t, f.engineering)
}

func containsAny(padded string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(padded, p) {
			return true
		}
	}
	return false
}

func phrases(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		if n := normalizeWords(s); n != "" {
			out = append(out, " "+n+" ")
		}
	}
	return out
}

// normalizeWords lower-cases s and reduces it to its letter/digit words
// separated by single spaces.
func normalizeWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
