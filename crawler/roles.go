package crawler

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
// what to keep). German titles are read in English as well, compounds
// cut apart ("Systemadministratorin" → "system administrator"), so they
// pass exactly when their English equivalents would.
type RoleFilter struct {
	include     []string // normalised, space-padded phrases
	exclude     []string
	engineering []string // nil when not required
	// German titles are read in English too (see germanTitle).
	german      map[string]string
	germanRoles []string
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
	f := &RoleFilter{german: germanWords(), germanRoles: germanRoles()}
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

// germanWords translates the German words of infrastructure titles (and
// of the titles the excludes catch) to the English the phrase lists use,
// so that German titles pass exactly when their English equivalents do:
// "Netzwerk-Ingenieur" is a network engineer, "Vertriebsingenieur" a
// sales engineer.
func germanWords() map[string]string {
	return map[string]string{
		"ingenieur": "engineer", "ingenieurin": "engineer", "ingenieure": "engineers",
		"architekt": "architect", "architektin": "architect",
		"administratorin": "administrator", "administratoren": "administrator",
		"entwickler": "developer", "entwicklerin": "developer",
		"system": "system", "systeme": "systems",
		"netzwerk": "network", "netzwerke": "network", "netz": "network",
		"infrastruktur": "infrastructure", "plattform": "platform",
		"rechenzentrum": "data center", "speicher": "storage",
		"virtualisierung": "virtualization", "betrieb": "operations",
		"vertrieb": "sales",
	}
}

// germanRoles are the role words German writes at the end of a compound
// ("Systemadministrator", "Cloudarchitektin", "Plattformentwickler"),
// longest first so that a feminine form is cut whole.
func germanRoles() []string {
	return []string{
		"administratorin", "administrator", "ingenieurin", "ingenieur", "architektin",
		"architekt", "entwicklerin", "entwickler", "engineer", "admin",
	}
}

// minCompoundHead is the shortest first part of a compound worth cutting
// off ("netz" in "Netzadministrator").
const minCompoundHead = 3

// germanTitle returns words (a normalised title) with German compounds
// ending in one of roles cut into their parts and words translated by
// dict ("systemadministratorin m w d" → "system administrator m w d"),
// or "" when nothing changed. A compound's first part loses a linking s
// ("vertriebs" → "vertrieb") when that makes a known word; a first part
// dict does not know is kept as written ("kubernetesadministrator" →
// "kubernetes administrator").
func germanTitle(words string, dict map[string]string, roles []string) string {
	// Most titles are English: nothing is built until a word changes, and
	// what is built is a copy, so words may be a view of a caller's buffer.
	var out []byte
	add := func(w string) {
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, w...)
	}
	changed := false
	for rest := words; rest != ""; {
		before := words[:len(words)-len(rest)]
		w, tail, _ := strings.Cut(rest, " ")
		rest = tail
		if w == "" {
			continue
		}
		parts, ok := germanWord(w, dict, roles)
		if ok && !changed {
			changed = true
			for before != "" {
				var pw string
				pw, before, _ = strings.Cut(before, " ")
				if pw != "" {
					add(pw)
				}
			}
		}
		if changed {
			add(parts[0])
			if parts[1] != "" {
				add(parts[1])
			}
		}
	}
	if !changed {
		return ""
	}
	return string(out)
}

// germanWord is w in English (one word, or a compound's two parts) and
// whether that differs from w.
func germanWord(w string, dict map[string]string, roles []string) ([2]string, bool) {
	if e, ok := dict[w]; ok {
		return [2]string{e}, e != w
	}
	for _, r := range roles {
		head, ok := strings.CutSuffix(w, r)
		if !ok || len(head) < minCompoundHead {
			continue
		}
		if e, ok := dict[head]; ok {
			head = e
		} else if e, ok := dict[strings.TrimSuffix(head, "s")]; ok && strings.HasSuffix(head, "s") {
			head = e
		}
		role := r
		if e, ok := dict[r]; ok {
			role = e
		}
		return [2]string{head, role}, true
	}
	return [2]string{w}, false
}

// Match reports whether title passes the filter. A German title is also
// read in its English reading (see germanTitle); a phrase matches either
// reading, never across the two.
func (f *RoleFilter) Match(title string) bool {
	var buf [256]byte
	padded := appendPaddedWords(buf[:0], title)
	// t is read only while buf is: Match keeps nothing of it.
	t := unsafe.String(unsafe.SliceData(padded), len(padded))
	words := t[1 : len(t)-1]
	if de := germanTitle(words, f.german, f.germanRoles); de != "" {
		t += "| " + de + " "
	}
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

// appendPaddedWords appends normalizeWords(s) with a space on either side
// to dst, in one pass over s.
func appendPaddedWords(dst []byte, s string) []byte {
	dst = append(dst, ' ')
	inWord := false
	for _, r := range s {
		// As strings.ToLower then unicode's classes, rune by rune.
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			inWord = false
			continue
		}
		if !inWord && len(dst) > 1 {
			dst = append(dst, ' ')
		}
		inWord = true
		dst = utf8.AppendRune(dst, r)
	}
	return append(dst, ' ')
}

// normalizeWords lower-cases s and reduces it to its letter/digit words
// separated by single spaces.
func normalizeWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
