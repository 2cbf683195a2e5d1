package resume

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse/extract"
)

// now is the day the test resumes are read on: "present" is December 2026.
var now = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func newTestParser(t testing.TB) *Parser {
	t.Helper()
	tax, err := extract.DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	return NewParser(extract.NewTagger(tax))
}

// resumeCase is what one test resume must show, whatever format it comes in.
type resumeCase struct {
	name     string
	named    []string          // skills it must name
	notNamed []string          // skills it must not name (implied or absent)
	implied  map[string]string // implied skill → one skill it must be implied via
	years    map[string]int    // skill → years
	titles   []string          // role titles, as listed
	total    int               // Profile.Years
	sections []Section
}

var resumeCases = []resumeCase{
	{
		name:     "sysadmin",
		named:    []string{"linux", "rhel", "ubuntu", "windows-server", "vmware", "vsphere", "ansible", "active-directory", "nagios", "bash", "powershell"},
		notNamed: []string{"terraform", "aws", "kubernetes", "security"},
		implied:  map[string]string{"configuration-management": "ansible", "iam": "active-directory", "os": "linux"},
		// Linux from "Linux (2015–present)"; Windows Server from "10 years
		// of experience with Windows Server", more than its role's dates;
		// Active Directory from its role, Jun 2015 – Feb 2019.
		years:    map[string]int{"linux": 12, "windows-server": 10, "vmware": 8, "active-directory": 4, "ansible": 8},
		titles:   []string{"Senior Systems Administrator", "Systems Administrator", "IT Technician"},
		total:    14,
		sections: []Section{SectionSummary, SectionExperience, SectionSkills, SectionCertifications, SectionEducation},
	},
	{
		name:  "network",
		named: []string{"bgp", "ospf", "cisco", "vlan", "firewalls", "load-balancing", "vpn", "dns", "dhcp", "python"},
		// "network engineer" and "networks" are not the taxonomy's words
		// for the umbrella: networking is implied by what the resume names.
		notNamed: []string{"kubernetes", "docker", "aws", "networking"},
		implied:  map[string]string{"security": "firewalls", "networking": "bgp"},
		// Cisco from the roles: 04/2016 to 08/2021, and CCNP adds no years.
		years:    map[string]int{"bgp": 5, "cisco": 5, "python": 5},
		titles:   []string{"Senior Network Engineer", "Network Engineer"},
		total:    11,
		sections: []Section{SectionSummary, SectionExperience, SectionSkills, SectionCertifications, SectionEducation},
	},
	{
		name:     "devops",
		named:    []string{"kubernetes", "eks", "helm", "terraform", "aws", "github-actions", "argocd", "jenkins", "docker", "prometheus", "grafana", "python", "bash"},
		notNamed: []string{"networking", "security", "linux"},
		implied:  map[string]string{"containers": "kubernetes", "iac": "terraform", "observability": "prometheus", "cloud": "aws"},
		years:    map[string]int{"kubernetes": 8, "terraform": 5, "jenkins": 5},
		titles:   []string{"DevOps Engineer", "Build and Release Engineer", "Build Engineer"},
		total:    10, // July 2017 to December 2026: nine and a half years
		sections: []Section{SectionSummary, SectionExperience, SectionTools, SectionEducation},
	},
	{
		name:     "backend",
		named:    []string{"go", "java", "spring", "postgresql", "redis", "kafka", "docker", "github-actions", "microservices"},
		notNamed: []string{"security", "linux", "capacity-planning", "incident-response", "kubernetes"},
		implied:  map[string]string{"databases": "postgresql", "message-queues": "kafka"},
		years:    map[string]int{"go": 6, "java": 4},
		titles:   []string{"Senior Backend Engineer", "Software Engineer"},
		total:    10,
		sections: []Section{SectionSummary, SectionExperience, SectionSkills, SectionEducation},
	},
	{
		name:     "cloud-support",
		named:    []string{"aws", "ec2", "s3", "iam", "vpc", "linux", "troubleshooting", "python"},
		notNamed: []string{"terraform", "kubernetes", "ansible"},
		implied:  map[string]string{"security": "iam", "networking": "vpc"},
		years:    map[string]int{"ec2": 5, "aws": 5, "python": 3},
		titles:   []string{"Cloud Support Engineer II", "Technical Support Engineer"},
		total:    7,
		sections: []Section{SectionSummary, SectionExperience, SectionSkills, SectionCertifications, SectionEducation},
	},
	{
		name:     "sre",
		named:    []string{"kubernetes", "terraform", "gcp", "aws", "prometheus", "grafana", "opentelemetry", "go", "python", "ansible", "linux", "haproxy", "dns", "vmware", "slos", "on-call", "incident-response", "capacity-planning"},
		notNamed: []string{"security", "docker"},
		implied:  map[string]string{"networking": "haproxy", "cloud": "gcp"},
		// "11 years of experience keeping large Linux fleets" states Linux's.
		years:    map[string]int{"linux": 11, "kubernetes": 7, "vmware": 2},
		titles:   []string{"Senior Site Reliability Engineer", "Site Reliability Engineer", "Systems Engineer"},
		total:    13,
		sections: []Section{SectionSummary, SectionExperience, SectionSkills, SectionEducation},
	},
}

func TestParseFindsSkillsYearsAndRolesOfEachResume(t *testing.T) {
	p := newTestParser(t)
	for _, tc := range resumeCases {
		t.Run(tc.name, func(t *testing.T) {
			checkProfile(t, tc, p.Parse(testResume(t, tc.name), now), true)
		})
	}
}

// TestParseReadsTheSameResumeFromPDFAndDOCX reads three resumes from a PDF,
// a .docx and an HTML page the test writes, and expects what the text
// gives.
func TestParseReadsTheSameResumeFromPDFAndDOCX(t *testing.T) {
	p := newTestParser(t)
	for _, tc := range resumeCases {
		if tc.name != "sysadmin" && tc.name != "backend" && tc.name != "sre" {
			continue
		}
		text := testResume(t, tc.name)
		for format, data := range map[Format][]byte{FormatPDF: makePDF(t, text, false), FormatDOCX: makeDOCX(t, text), FormatHTML: makeHTML(text)} {
			t.Run(tc.name+" as "+string(format), func(t *testing.T) {
				doc, err := ReadBytes(context.Background(), data)
				if err != nil {
					t.Fatal(err)
				}
				if doc.Format != format {
					t.Errorf("format %q, want %q", doc.Format, format)
				}
				checkProfile(t, tc, p.Parse(doc.Text, now), false)
			})
		}
	}
}

func checkProfile(t *testing.T, tc resumeCase, prof *Profile, exactTitles bool) {
	t.Helper()
	for _, id := range tc.named {
		if !prof.Named(id) {
			t.Errorf("%s not named; named: %v", id, ids(prof))
		}
	}
	for _, id := range tc.notNamed {
		if prof.Named(id) {
			t.Errorf("%s named, but the resume never says it", id)
		}
	}
	for id, via := range tc.implied {
		i := slices.IndexFunc(prof.Implied, func(s Implied) bool { return s.ID == id })
		switch {
		case i < 0:
			t.Errorf("%s not implied; implied: %+v", id, prof.Implied)
		case !slices.Contains(prof.Implied[i].Via, via):
			t.Errorf("%s implied via %v, want via %s", id, prof.Implied[i].Via, via)
		}
	}
	for id, want := range tc.years {
		i := slices.IndexFunc(prof.Skills, func(s Skill) bool { return s.ID == id })
		if i < 0 {
			t.Errorf("%s: not named, want %d years", id, want)
			continue
		}
		if got := prof.Skills[i].Years; got != want {
			t.Errorf("%s: %d years, want %d (evidence %q)", id, got, want, prof.Skills[i].Evidence)
		}
		if prof.Skills[i].Evidence == "" {
			t.Errorf("%s: no evidence", id)
		}
	}
	var titles []string
	for _, r := range prof.Roles {
		titles = append(titles, r.Title)
	}
	if exactTitles && !slices.Equal(titles, tc.titles) {
		t.Errorf("role titles %q, want %q", titles, tc.titles)
	}
	if len(titles) == 0 || titles[0] != tc.titles[0] {
		t.Errorf("latest role %q, want %q", titles, tc.titles[0])
	}
	if prof.Years != tc.total {
		t.Errorf("total years %d, want %d", prof.Years, tc.total)
	}
	if !slices.Equal(prof.Sections, tc.sections) {
		t.Errorf("sections %v, want %v", prof.Sections, tc.sections)
	}
}

func ids(p *Profile) string {
	var out []string
	for _, s := range p.Skills {
		out = append(out, s.ID)
	}
	return strings.Join(out, " ")
}

func TestDateRangesReadTheWaysPeopleWriteThem(t *testing.T) {
	d := newDateRanges()
	cases := []struct {
		line   string
		months int
		now    bool
	}{
		{"Senior SRE, Acme — Jan 2019 – Present", 96, true},
		{"Linux (2015–present)", 144, true},
		{"Engineer | March 2019 - December 2021", 34, false},
		{"04/2016 – 08/2021", 65, false},
		{"2021-09 – present", 64, true},
		{"Fjordbank — 2016 – 2020", 48, false},
		{"Acme (2018–2018)", 12, false},
		{"Sep 2016 to Jan 2021", 53, false},
		{"Linux (2015present)", 144, true},
		{"Feb. 2021 – current", 71, true},
		{"Terraform since 2019", 96, true},
		{"on call since March 2022", 58, true},
		// Resumes from other countries keep their own word for "present".
		{"DevOps Engineer, Firma A — 03/2021 – heute", 70, true},
		{"Ingeniera SRE (2020 - actualidad)", 84, true},
		{"Ingénieur système, 2019 – aujourd'hui", 96, true},
		{"Ingénieur, 2019 - présent", 96, true},
		{"Sistemista 2018 – oggi", 108, true},
		{"Engenheiro, 2022 – atual", 60, true},
		{"Beheerder 2017 – heden", 120, true},
	}
	for _, tc := range cases {
		spans, _ := d.find(tc.line, now)
		if len(spans) != 1 {
			t.Errorf("%q: %d spans, want 1", tc.line, len(spans))
			continue
		}
		if m := spans[0].Months(); m != tc.months || spans[0].Current != tc.now {
			t.Errorf("%q: %d months (current %v), want %d (current %v)", tc.line, m, spans[0].Current, tc.months, tc.now)
		}
	}
	for _, line := range []string{"Managed 2015 servers", "Call 2019 4040", "2030 – 2032", "BSc 1950 – 1954"} {
		if spans, _ := d.find(line, now); len(spans) != 0 {
			t.Errorf("%q: read as %+v, want no range", line, spans)
		}
	}
}

func TestUnionYearsCountsOverlapsOnce(t *testing.T) {
	m := func(y, mo int) time.Time { return time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC) }
	spans := []Span{{Start: m(2015, 1), End: m(2019, 1)}, {Start: m(2017, 1), End: m(2020, 1)}, {Start: m(2022, 1), End: m(2023, 1)}}
	if got := unionYears(spans); got != 6 {
		t.Errorf("unionYears = %d, want 6 (2015–2020 and 2022)", got)
	}
}

func TestHeadingsAndLabelsSetTheSection(t *testing.T) {
	lines := split("Jane\n## Work Experience\nSRE at Acme (2019 – present)\nTools: Terraform, Helm\n**SKILLS & TOOLS:**\nLinux\nLicenses & Certifications\nCKA\n")
	want := []Section{SectionHeader, SectionExperience, SectionExperience, SectionTools, SectionSkills, SectionSkills, SectionCertifications, SectionCertifications}
	var got []Section
	for _, l := range lines {
		got = append(got, l.Section)
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections %v, want %v", got, want)
	}
}

func TestCertificationsNameKnownSkills(t *testing.T) {
	p := newTestParser(t)
	for _, c := range newCertifications() {
		for _, id := range c.skills {
			if _, ok := p.tax.Lookup(id); !ok {
				t.Errorf("certification %s names %q, which the taxonomy lacks", c.re, id)
			}
		}
	}
}

// TestParseReadsLibreOfficeDocuments reads the test resumes as an office
// suite writes them (testdata/libreoffice) and expects the skills, roles
// and years their text gives.
func TestParseReadsLibreOfficeDocuments(t *testing.T) {
	parseDocumentsLikeText(t, "libreoffice", 6)
}

// TestParseReadsChromiumPDFs reads test resumes as a browser prints them
// (testdata/chromium): the PDF library knows none of their glyphs' widths,
// so the gap after a glyph cannot be measured, and a letter must not read
// as a word of its own ("K u b e r n e t e s").
func TestParseReadsChromiumPDFs(t *testing.T) {
	parseDocumentsLikeText(t, "chromium", 3)
}

// parseDocumentsLikeText reads the want documents of testdata/dir, each
// named after a test resume, and expects what the resume's text gives.
func parseDocumentsLikeText(t *testing.T, dir string, want int) {
	p := newTestParser(t)
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, file := range files {
		ext := filepath.Ext(file)
		if ext != ".pdf" && ext != ".docx" {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(file), ext)
		i := slices.IndexFunc(resumeCases, func(c resumeCase) bool { return c.name == name })
		if i < 0 {
			t.Fatalf("%s: no resume case named %q", file, name)
		}
		read++
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadBytes(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			if want := Format(ext[1:]); doc.Format != want {
				t.Errorf("format %q, want %q", doc.Format, want)
			}
			checkProfile(t, resumeCases[i], p.Parse(doc.Text, now), true)
			fromText := p.Parse(testResume(t, name), now)
			if got, want := ids(p.Parse(doc.Text, now)), ids(fromText); got != want {
				t.Errorf("named skills differ from the text's:\n got %s\nwant %s", got, want)
			}
		})
	}
	if read != want {
		t.Errorf("read %d documents in testdata/%s, want %d", read, dir, want)
	}
}
