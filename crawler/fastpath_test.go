package crawler

import (
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// The title, location and role-filter helpers take allocation-free paths
// for the common case; FuzzFastPathsMatchTheirDefinitions holds each to the
// plain definition it replaced, for any input.
func FuzzFastPathsMatchTheirDefinitions(f *testing.F) {
	for _, s := range []string{"Senior Site Reliability Engineer", "  DevOps\tEngineer  (m/w/d) ", "Systemadministratorin",
		"Remote - EMEA", "HYBRİD, Berlin", "Netzwerk-Ingenieur", "Vertriebsingenieur", "Kubernetesadministrator Cloud",
		"\xff\xfeinvalid", "Ingenieur\u00a0Plattform", "", " ", "K\u212aelvin remote"} {
		f.Add(s)
	}
	rf := NewRoleFilter(config.Roles{})
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendPaddedWords(nil, s)), " "+normalizeWords(s)+" "; got != want {
			t.Errorf("appendPaddedWords(%q) = %q, want %q", s, got, want)
		}
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
		if got, want := workplaceFromLocation(s), refWorkplace(s); got != want {
			t.Errorf("workplaceFromLocation(%q) = %v, want %v", s, got, want)
		}
		words := normalizeWords(s)
		if got, want := germanTitle(words, rf.german, rf.germanRoles), refGermanTitle(words, rf.german, rf.germanRoles); got != want {
			t.Errorf("germanTitle(%q) = %q, want %q", words, got, want)
		}
	})
}

func refWorkplace(loc string) skillpulse.Workplace {
	for _, w := range strings.FieldsFunc(strings.ToLower(loc), func(r rune) bool { return !('a' <= r && r <= 'z') }) {
		switch w {
		case "remote":
			return skillpulse.WorkplaceRemote
		case "hybrid":
			return skillpulse.WorkplaceHybrid
		}
	}
	return skillpulse.WorkplaceUnknown
}

// refGermanTitle is germanTitle as it was first written.
func refGermanTitle(words string, dict map[string]string, roles []string) string {
	var out []string
	changed := false
	for _, w := range strings.Fields(words) {
		if e, ok := dict[w]; ok {
			out = append(out, e)
			changed = changed || e != w
			continue
		}
		cut := false
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
			out = append(out, head, role)
			cut = true
			break
		}
		if !cut {
			out = append(out, w)
		}
		changed = changed || cut
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}
