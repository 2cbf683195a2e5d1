package crawler

import (
	"testing"

	"github.com/skillpulse/skillpulse/config"
)

func TestRoleFilterDefaults(t *testing.T) {
	tests := []struct {
		title string
		want  bool
	}{
		{"Site Reliability Engineer", true},
		{"Senior Platform Engineer", true},
		{"DevOps Engineer", true},
		{"Cloud Infrastructure Engineer", true},
		{"Sr. SRE", true},
		{"DevOps/SRE Lead", true},
		{"Dev Ops Engineer", true},
		{"Network Engineer II", true},
		{"Production Engineer, Storage", true},
		{"Systems Administrator", true},
		{"Internal Systems Engineer", true},
		{"Senior Software Engineer (DevOps)", true},
		{"Cloud Operations Manager", true},
		{"Infrastructure Architect", true},
		{"site-reliability engineer", true},
		{"SITE RELIABILITY ENGINEER", true},
		{"Virtualization Engineer", true},
		{"Storage Engineer", true},
		{"Linux Systems Administrator", true},
		{"Data Center Operations Engineer", true},
		{"Observability Engineer", true},
		{"Release Engineer", true},
		{"Release Manager", false}, // no engineering role
		{"Platform Marketing Manager", false},
		{"Account Executive, Cloud", false},
		{"Cloud Sales Engineer", false},
		{"Technical Recruiter, Infrastructure", false},
		{"Product Manager, Platform", false},
		{"Product Designer, Cloud Console", false},
		{"Senior Counsel, Cloud", false},
		{"Platform Analyst", false},         // no engineering role
		{"Backend Engineer", false},         // no infrastructure phrase
		{"Frontend Developer", false},       // no infrastructure phrase
		{"Platformer Game Designer", false}, // "platform" only as part of a word
		{"Resourcing Partner", false},       // "sre" inside a word does not count
		{"", false},
	}
	f := NewRoleFilter(config.Roles{})
	for _, tt := range tests {
		if got := f.Match(tt.title); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

func TestRoleFilterGermanTitles(t *testing.T) {
	tests := []struct {
		title string
		want  bool
	}{
		{"Systemadministrator", true},
		{"Systemadministratorin", true},
		{"Systemadministrator (m/w/d)", true},
		{"Systemadministrator:in", true},
		{"SystemadministratorIn Linux", true},
		{"Netzwerkadministrator (m/w/d)", true},
		{"Netzadministrator", true},
		{"DevOps-Ingenieur", true},
		{"DevOps Ingenieurin (w/m/d)", true},
		{"Cloud-Architekt", true},
		{"Cloud Architektin", true},
		{"Cloudarchitekt", true},
		{"Linux-Administrator", true},
		{"Linux-Administratorin", true},
		{"IT-Systemadministrator", true},
		{"Netzwerk-Ingenieur", true},
		{"Netzwerkingenieur", true},
		{"Infrastrukturarchitekt", true},
		{"Plattformingenieur", true},
		{"Senior Plattform-Entwickler", true},     // platform developer
		{"Rechenzentrumsingenieur", true},         // data center engineer
		{"Kubernetesadministrator", true},         // an English head word is kept
		{"Vertriebsmitarbeiter", false},           // sales staff
		{"Buchhalter", false},                     // accountant
		{"Kundenberater", false},                  // customer adviser
		{"Softwareentwickler Frontend", false},    // Frontend Developer is out in English too
		{"Softwareentwickler", false},             // no infrastructure phrase
		{"Cloud-Vertriebsingenieur", false},       // Cloud Sales Engineer is out in English too
		{"Landschaftsarchitekt", false},           // landscape architect
		{"Netzwerktechniker", false},              // Network Technician names no engineering role
		{"Plattformmarketing Manager", false},     // no engineering role
		{"Systemberater", false},                  // systems consultant
		{"Datenbankadministrator (m/w/d)", false}, // Database Administrator is out in English too
	}
	f := NewRoleFilter(config.Roles{})
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := f.Match(tt.title); got != tt.want {
				t.Errorf("Match(%q) = %v, want %v", tt.title, got, tt.want)
			}
		})
	}
}

func TestRoleFilterConfigReplacesDefaults(t *testing.T) {
	tests := []struct {
		name  string
		roles config.Roles
		title string
		want  bool
	}{
		{"own include, no engineering word needed", config.Roles{Include: []string{"Data Platform"}}, "Data Platform Lead", true},
		{"own include replaces defaults", config.Roles{Include: []string{"data platform"}}, "Site Reliability Engineer", false},
		{"default excludes still apply", config.Roles{Include: []string{"cloud"}}, "Cloud Sales Lead", false},
		{"own exclude replaces defaults", config.Roles{Exclude: []string{"junior"}}, "Cloud Sales Engineer", true},
		{"own exclude applies", config.Roles{Exclude: []string{"junior"}}, "Junior DevOps Engineer", false},
		{"multi-word phrase on word boundaries", config.Roles{Include: []string{"site reliability"}}, "Site-Reliability Lead", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewRoleFilter(tt.roles).Match(tt.title); got != tt.want {
				t.Errorf("Match(%q) = %v, want %v", tt.title, got, tt.want)
			}
		})
	}
}
