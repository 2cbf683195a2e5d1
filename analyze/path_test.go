package analyze

import (
	"testing"

	"github.com/skillpulse/skillpulse/resume"
)

// TestPathsNameOnlyKnownSkills keeps the paths' typical skills and known
// gaps in step with the taxonomy: an id it no longer has would silently
// stop counting.
func TestPathsNameOnlyKnownSkills(t *testing.T) {
	tax := testTaxonomy(t)
	for _, d := range paths() {
		for _, id := range append(append([]string{}, d.signals...), d.gap...) {
			if _, ok := tax.Lookup(id); !ok {
				t.Errorf("path %s names %q, which the taxonomy lacks", d.id, id)
			}
		}
	}
}

func TestPathTitlesReadAsTheirPath(t *testing.T) {
	cases := map[string]PathID{
		"Senior Systems Administrator": PathSysadmin, "Linux Administrator": PathSysadmin, "Sysadmin": PathSysadmin,
		"Network Engineer II": PathNetwork, "NOC Engineer": PathNetwork,
		"DevOps Engineer": PathDevOps, "Site Reliability Engineer": PathDevOps, "Senior SRE": PathDevOps, "Platform Engineer": PathDevOps,
		"Backend Engineer": PathBackend, "Senior Software Engineer": PathBackend, "Go Developer": PathBackend,
		"Cloud Support Engineer": PathCloudSupport, "Technical Support Engineer": PathCloudSupport, "Customer Engineer, Google Cloud": PathCloudSupport,
	}
	for title, want := range cases {
		prof := &resume.Profile{Roles: []resume.Role{{Title: title}}}
		p, _ := detectPath(paths(), prof)
		if p.From == nil || *p.From != want {
			t.Errorf("%q reads as %+v, want %s", title, p, want)
		}
	}
	for _, title := range []string{"Head Baker", "Account Executive", "Product Designer"} {
		if p, _ := detectPath(paths(), &resume.Profile{Roles: []resume.Role{{Title: title}}}); p.From != nil {
			t.Errorf("%q reads as %s, want no path", title, *p.From)
		}
	}
}
