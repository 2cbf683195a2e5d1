package resume

import (
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestEmployerBlurbsNameNoSkills(t *testing.T) {
	p := newTestParser(t)
	cases := []struct {
		name, text string
		named      []string
		notNamed   []string
	}{
		{"a sentence saying what the employer is", "EXPERIENCE\nSRE, Streamly — 2017 – 2020\nStreamly is a video start-up whose platform runs on Kafka and Spark.\n- Ran Puppet on Debian.",
			[]string{"puppet", "debian"}, []string{"kafka", "spark"}},
		{"an article-led description under the employer", "EXPERIENCE\nDevOps Engineer, Finly, 2019 - 2022\nA fintech scale-up building payments on Snowflake and Kubernetes.\n- Wrote Terraform.",
			[]string{"terraform"}, []string{"snowflake", "kubernetes"}},
		{"a description in brackets", "EXPERIENCE\nSRE, Acme (a leading provider of Cassandra hosting), 2019 - 2021\n- Ran Linux.",
			[]string{"linux"}, nil},
		{"the resume owner's own sentence with an article", "EXPERIENCE\nSRE, Acme, 2019 - 2021\nA team of five running Kafka for the whole company.",
			[]string{"kafka"}, nil},
		{"an owner's sentence that ends in the company", "EXPERIENCE\nSRE, Acme, 2019 - 2021\nA team running Kafka for the company.",
			[]string{"kafka"}, nil},
		{"a skill named both in the blurb and in the work", "EXPERIENCE\nSRE, Acme, 2019 - 2021\nAcme is a company built on Kafka.\n- Ran the Kafka clusters.",
			[]string{"kafka"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prof := p.Parse(tc.text, now)
			for _, id := range tc.named {
				if !prof.Named(id) {
					t.Errorf("%s not named; named %s", id, ids(prof))
				}
			}
			for _, id := range tc.notNamed {
				if prof.Named(id) {
					t.Errorf("%s named from the employer's description", id)
				}
			}
		})
	}
}

func TestLoneDatesAndSeasonsOpenRoles(t *testing.T) {
	d := newDateRanges()
	cases := []struct {
		line   string
		months int
	}{
		{"IT Officer | Savanna Logistics | 2017", 12},
		{"Summer 2018", 3},
		{"IT Intern, Acme (Summer 2018)", 3},
		{"Intern — June 2019", 1},
		{"Winter 2020", 3},
	}
	for _, tc := range cases {
		spans, _ := d.single(tc.line, now)
		if len(spans) != 1 || spans[0].Months() != tc.months {
			t.Errorf("%q: %+v, want one span of %d months", tc.line, spans, tc.months)
		}
	}
	for _, line := range []string{"Migrated 2015 servers in 2019 to VMware", "Managed 300 servers", "BSc 1950"} {
		if spans, _ := d.single(line, now); len(spans) != 0 {
			t.Errorf("%q: read as %+v, want no date", line, spans)
		}
	}
}

func TestYearsCountComputingRolesOnly(t *testing.T) {
	p := newTestParser(t)
	const text = "EXPERIENCE\nJunior Cloud Engineer @ Ridgeline — 2024 – now\n- Terraform for AWS.\n" +
		"Store Manager @ Fred Meyer — 2010 – 2023\n- Managed a team of 25.\n" +
		"IT Technician, Cobalt Schools — 2008 – 2010\n- Desktop rollouts and printers.\n"
	prof := p.Parse(text, now)
	if prof.Years != 5 {
		t.Errorf("years %d, want 5: three as a cloud engineer and two as a technician, none as a shop manager", prof.Years)
	}
	if len(prof.Roles) != 3 {
		t.Errorf("roles %+v, want all three listed", prof.Roles)
	}
}

func TestSeniorityComesFromTheLatestTitleElseYears(t *testing.T) {
	p := newTestParser(t)
	cases := []struct {
		name, text string
		want       skillpulse.Seniority
	}{
		{"a staff title", "EXPERIENCE\nStaff SRE, Acme, 2024 - present\n- Kubernetes.\nSRE, Beta, 2023 - 2024\n- Linux.", skillpulse.SeniorityStaff},
		{"a junior title after a long unrelated career", "EXPERIENCE\nJunior Cloud Engineer, Acme, 2025 - present\n- AWS.", skillpulse.SeniorityJunior},
		{"no level in the title and ten years", "EXPERIENCE\nStorage Engineer, Acme, 2016 - present\n- Ceph.", skillpulse.SenioritySenior},
		{"no level in the title and four years", "EXPERIENCE\nDevOps Engineer, Acme, 2022 - present\n- Docker.", skillpulse.SeniorityMid},
		{"an entry-level role of four years", "EXPERIENCE\nNOC Technician, Acme, 2022 - present\n- Zabbix.", skillpulse.SeniorityJunior},
		{"no title level and no dated roles", "DevOps Engineer\nSKILLS\nKubernetes, Terraform", skillpulse.SeniorityUnknown},
		{"a numbered grade", "EXPERIENCE\nCloud Support Engineer II, Acme, 2022 - present\n- AWS.", skillpulse.SeniorityMid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.Parse(tc.text, now).Seniority; got != tc.want {
				t.Errorf("seniority %s, want %s", got, tc.want)
			}
		})
	}
}

func TestResumeSentencesAboutEquipmentAreWork(t *testing.T) {
	p := newTestParser(t)
	prof := p.Parse("EXPERIENCE\nSystems Administrator, Acme, 2020 - present\n- Manage 600 Windows 11 laptops with Intune.\n", now)
	i := slices.IndexFunc(prof.Skills, func(s Skill) bool { return s.ID == "intune" })
	if i < 0 || prof.Skills[i].Years != 7 {
		t.Errorf("intune %+v, want named with 7 years; named %s", prof.Skills, ids(prof))
	}
}

func TestCertificationsEndingInAPlusCount(t *testing.T) {
	certs := newCertifications()
	for line, want := range map[string]string{
		"CompTIA Network+ (2023)": "networking",
		"CompTIA Linux+":          "linux",
		"Security+, CISSP":        "security",
		"CKAD":                    "kubernetes",
	} {
		if got := certSkills(certs, line); !slices.Contains(got, want) {
			t.Errorf("%q: %v, want %s", line, got, want)
		}
	}
	if got := certSkills(certs, "CKAX and RHCEx"); len(got) != 0 {
		t.Errorf("CKAX and RHCEx: %v, want none", got)
	}
}

func TestStatedYearsCountForTheSkillsOfTheirClause(t *testing.T) {
	p := newTestParser(t)
	prof := p.Parse("SUMMARY\nWindows and VMware administrator with ten years in enterprise IT, now moving infrastructure to Azure.\n"+
		"SRE with 11 years of experience keeping large Linux fleets up.\n", now)
	for id, want := range map[string]int{"windows": 10, "vmware": 10, "azure": 0, "linux": 11} {
		i := slices.IndexFunc(prof.Skills, func(s Skill) bool { return s.ID == id })
		if i < 0 || prof.Skills[i].Years != want {
			t.Errorf("%s: %+v, want %d years", id, prof.Skills, want)
		}
	}
}

// A letter that grows when lower-cased ("Ⱥ", two bytes, lower-cases to
// "ⱥ", three) once put the offsets of a skill's name past the end of the
// sentence they were used on: the parser panicked on such a resume.
func TestStatedYearsSurviveLettersThatGrowWhenLowerCased(t *testing.T) {
	p := newTestParser(t)
	prof := p.Parse("SUMMARY\n5+ years of experience with Kubernetes "+strings.Repeat("Ⱥ", 40)+" and Go.\n", now)
	i := slices.IndexFunc(prof.Skills, func(s Skill) bool { return s.ID == "kubernetes" })
	if i < 0 || prof.Skills[i].Years != 5 {
		t.Errorf("skills %+v, want kubernetes with its 5 stated years", prof.Skills)
	}
}

func TestATitleAboveTheEmployerLineTitlesTheRole(t *testing.T) {
	p := newTestParser(t)
	prof := p.Parse("Experience\nNetwork Administrator\nBanco Azul, São Paulo\nMay 2018 – Present\nFortinet firewalls and Cisco switches.\n"+
		"Helpdesk Analyst\nBanco Azul\nJan 2016 – Apr 2018\nWindows 10 support, Active Directory accounts.\n", now)
	var titles []string
	for _, r := range prof.Roles {
		titles = append(titles, r.Title)
	}
	if !slices.Equal(titles, []string{"Network Administrator", "Helpdesk Analyst"}) {
		t.Errorf("titles %q, want the lines two above the dates", titles)
	}
}
