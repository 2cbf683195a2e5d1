package analyze

import (
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/resume"
)

// TestPathsNameOnlyKnownSkills keeps the paths' typical skills and known
// gaps in step with the taxonomy: an id it no longer has would silently
// stop counting.
func TestPathsNameOnlyKnownSkills(t *testing.T) {
	tax := testTaxonomy(t)
	for _, d := range paths() {
		for _, ids := range append(append([]string{}, d.signals...), d.gap...) {
			for id := range strings.SplitSeq(ids, "|") {
				if _, ok := tax.Lookup(id); !ok {
					t.Errorf("path %s names %q, which the taxonomy lacks", d.id, id)
				}
			}
		}
	}
}

// TestAFamilyOfMonitoringToolsIsOneSysadminSignal checks that Zabbix, which
// once was an alias of Nagios, still reads as a sysadmin's tool, and that a
// resume naming the whole family counts it once.
func TestAFamilyOfMonitoringToolsIsOneSysadminSignal(t *testing.T) {
	sysadmin := &paths()[0]
	for _, tt := range []struct {
		name  string
		named []string
		want  int
	}{
		{"Zabbix alone", []string{"zabbix"}, 1},
		{"Nagios alone", []string{"nagios"}, 1},
		{"the whole family", []string{"nagios", "zabbix", "icinga", "checkmk", "prtg", "solarwinds"}, 1},
		{"the family and Linux", []string{"zabbix", "icinga", "linux"}, 2},
		{"none of them", []string{"kubernetes"}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			prof := &resume.Profile{}
			for _, id := range tt.named {
				prof.Skills = append(prof.Skills, resume.Skill{ID: id})
			}
			got := 0
			for _, signal := range sysadmin.signals {
				if _, ok := namedOf(prof, signal); ok {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("%v: %d sysadmin signals, want %d", tt.named, got, tt.want)
			}
		})
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
