package demo

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// History is a simulated stretch of nights on the demo boards, so that
// `skillpulse demo --weeks N` can show change: besides the authored
// postings of boards/, the Greenhouse boards list generated postings that
// open and close over the nights, drift in skill mix (Terraform gains,
// Puppet fades, most steeply in the last two weeks), state pay in dollars,
// euros and pounds (by year, and some contractors by hour), and one board
// fails one night of the last week (it answers 500, and so closes nothing).
//
// Everything follows from the number of nights and a fixed seed: two
// histories of the same length serve the same bytes.
type History struct {
	nights    int
	jobs      []genJob
	failNight int    // 0-based night on which failBoard answers 500
	failBoard string // a Greenhouse board token
}

// genJob is one generated posting and the nights it is listed on.
type genJob struct {
	id          int64
	board       string
	open, close int // listed on nights open <= n < close
	title       string
	location    string
	content     string // the description HTML, before Greenhouse's entity escaping
	published   time.Time
}

// MaxWeeks bounds a history, so a typo cannot ask for years of crawls.
const MaxWeeks = 26

// historySeed fixes the generated postings: the demo is reproducible.
const historySeed = 20261125

// NewHistory plans weeks*7 nights of boards, the last of which is today.
// first is the time of the first night's crawl; it only dates the postings.
func NewHistory(weeks int, first time.Time) (*History, error) {
	if weeks < 1 || weeks > MaxWeeks {
		return nil, fmt.Errorf("demo: weeks %d: want 1..%d", weeks, MaxWeeks)
	}
	h := &History{nights: weeks * 7, failBoard: "graniteridge"}
	h.failNight = max(h.nights-3, 1) // a night of the last week, never the first
	rng := rand.New(rand.NewPCG(historySeed, uint64(weeks)))
	id := int64(8800000000)
	for night := range h.nights {
		// About 24 postings open each night (more on the first, to start
		// with a full board) and stay 4 to 9 nights.
		n := 20 + rng.IntN(9)
		if night == 0 {
			n = 80
		}
		for range n {
			id++
			j := genJob{id: id, open: night, close: night + 4 + rng.IntN(6)}
			if night == 0 {
				j.close = 1 + rng.IntN(8)
			}
			j.board = []string{"northwind", "tidepool", "graniteridge"}[rng.IntN(3)]
			j.published = first.AddDate(0, 0, night).Add(-time.Duration(rng.IntN(20)) * time.Hour)
			h.fill(&j, rng, float64(night)/float64(max(h.nights-1, 1)))
			h.jobs = append(h.jobs, j)
		}
	}
	return h, nil
}

// Nights is how many nights the history spans; SetHistoryNight takes 0..Nights()-1.
func (h *History) Nights() int { return h.nights }

// FailNight is the night (0-based) on which one board fails, and the board.
func (h *History) FailNight() (int, string) { return h.failNight, h.failBoard }

// drift is how far along the skill-mix shift a posting opened at progress
// t (0: first night, 1: today) is: flat at first, steep near the end.
func drift(t float64) float64 { return 1 / (1 + math.Exp(-(t-0.8)*14)) }

var (
	genRoles = []string{"Site Reliability Engineer", "Platform Engineer", "DevOps Engineer",
		"Cloud Infrastructure Engineer", "Infrastructure Engineer", "Systems Engineer"}
	genLevels    = []string{"", "", "Senior ", "Senior ", "Staff ", "Junior "}
	genLocations = map[string][]string{
		"northwind":    {"Chicago, IL", "Denver, CO", "Remote - US", "Austin, TX"},
		"tidepool":     {"Berlin, Germany", "Amsterdam, Netherlands", "Lisbon, Portugal", "Remote - EU"},
		"graniteridge": {"Manchester, United Kingdom", "Leeds, United Kingdom", "London, United Kingdom"},
	}
	genTeams = []string{"Compute", "Storage", "Edge", "Data Platform", "Developer Experience", "Networking",
		"Reliability", "Identity", "Observability", "Build and Release"}
	// Skills every posting may ask for, as postings write them.
	genCommon = []string{"Kubernetes", "Docker", "Linux", "Python", "Bash", "Prometheus", "Grafana",
		"PostgreSQL", "Kafka", "Ansible", "GitHub Actions", "Jenkins", "Go", "Helm", "Argo CD"}
	genClouds = map[string][]string{
		"northwind":    {"AWS", "AWS", "GCP"},
		"tidepool":     {"GCP", "Azure", "AWS"},
		"graniteridge": {"VMware vSphere", "Azure", "AWS"},
	}
)

// fill writes a posting's title, place and description; t is its opening
// night's progress through the history (0..1).
func (h *History) fill(j *genJob, rng *rand.Rand, t float64) {
	d := drift(t)
	level := genLevels[rng.IntN(len(genLevels))]
	team := genTeams[rng.IntN(len(genTeams))]
	j.title = level + genRoles[rng.IntN(len(genRoles))]
	locs := genLocations[j.board]
	j.location = locs[rng.IntN(len(locs))]

	years := 2 + rng.IntN(3)
	switch level {
	case "Senior ":
		years = 5 + rng.IntN(3)
	case "Staff ":
		years = 8 + rng.IntN(3)
	case "Junior ":
		years = 1
	}
	var req, nice []string
	clouds := genClouds[j.board]
	req = append(req, fmt.Sprintf("%d+ years of experience running %s in production", years, clouds[rng.IntN(len(clouds))]))
	// The drift: Terraform from about a fifth of postings to most of them,
	// Puppet from nearly half to a few.
	if rng.Float64() < 0.2+0.65*d {
		req = append(req, fmt.Sprintf("%d+ years of Terraform, including modules you wrote for others", max(years-1, 1)))
	}
	if rng.Float64() < 0.45-0.4*d {
		req = append(req, "Strong Puppet experience managing a fleet of Linux hosts")
	}
	for _, k := range rng.Perm(len(genCommon))[:3+rng.IntN(3)] {
		req = append(req, fmt.Sprintf("Solid hands-on experience with %s", genCommon[k]))
	}
	for _, k := range rng.Perm(len(genCommon))[:2] {
		nice = append(nice, fmt.Sprintf("Familiarity with %s is a plus", genCommon[k]))
	}

	var b strings.Builder
	duty := "and review the changes the rest of the team makes"
	if rng.IntN(2) == 0 {
		duty = "and share the on-call rotation"
	}
	fmt.Fprintf(&b, "<h3>About the role</h3>\n<p>The %s team keeps the systems under our product running. "+
		"As a %s you will build and operate them with the rest of the team, %s.</p>\n", team, j.title, duty)
	b.WriteString("<h3>Requirements</h3>\n" + list(req) + "\n<h3>Nice to have</h3>\n" + list(nice) + "\n")
	b.WriteString("<h3>Compensation and place of work</h3>\n<p>" + genPay(j.board, level, rng) + " " + genPlace(rng) + "</p>\n")
	j.content = b.String()
}

// genPay states pay for about two postings in three: dollars on the US
// board, euros on the EU board, pounds on the UK board (where some
// contractors are paid by the hour).
func genPay(board, level string, rng *rand.Rand) string {
	if rng.IntN(3) == 0 {
		return "Pay is discussed with candidates during the process."
	}
	step := map[string]int{"Junior ": -1, "": 0, "Senior ": 1, "Staff ": 2}[level]
	jitter := rng.IntN(6) * 5
	switch board {
	case "northwind":
		lo := 140 + 30*step + jitter
		return fmt.Sprintf("The base salary range for this role is $%d,000 – $%d,000 per year.", lo, lo+30)
	case "tidepool":
		lo := 70 + 15*step + jitter
		return fmt.Sprintf("The salary for this role is €%d.000 – €%d.000 p.a.", lo, lo+15)
	}
	if rng.IntN(4) == 0 {
		lo := 55 + 10*step + rng.IntN(4)*5
		return fmt.Sprintf("This is a contract role paying £%d – £%d per hour.", lo, lo+10)
	}
	lo := 60 + 15*step + jitter
	return fmt.Sprintf("The salary for this role is £%d,000 – £%d,000 per annum.", lo, lo+15)
}

func genPlace(rng *rand.Rand) string {
	switch rng.IntN(4) {
	case 0:
		return "This role is fully remote."
	case 1:
		return "This is a hybrid role: 3 days in the office each week."
	case 2:
		return "This role is on-site in our office."
	}
	return ""
}

// night builds the dataset served on night n (0-based): the authored
// boards (night 2's on the last night, night 1's before) with the
// generated postings listed that night added to the Greenhouse boards.
func (h *History) night(n int, authored [Nights]*dataset) (*dataset, error) {
	base := authored[0]
	if n == h.nights-1 {
		base = authored[Nights-1]
	}
	d := &dataset{greenhouse: map[string]greenhouseBoard{}, lever: base.lever}
	if n == h.failNight {
		d.failing = map[string]bool{h.failBoard: true}
	}
	for token, b := range base.greenhouse {
		var extra []genJob
		for _, j := range h.jobs {
			if j.board == token && j.open <= n && n < j.close {
				extra = append(extra, j)
			}
		}
		raw, err := appendJobs(b.withContent, token, extra)
		if err != nil {
			return nil, fmt.Errorf("demo: night %d: board %s: %w", n, token, err)
		}
		stripped, err := withoutContent(raw)
		if err != nil {
			return nil, fmt.Errorf("demo: night %d: board %s: %w", n, token, err)
		}
		d.greenhouse[token] = greenhouseBoard{withContent: raw, withoutContent: stripped}
	}
	return d, nil
}

// ghGenerated is a generated job in the Greenhouse wire format.
type ghGenerated struct {
	AbsoluteURL    string          `json:"absolute_url"`
	InternalJobID  int64           `json:"internal_job_id"`
	Location       ghName          `json:"location"`
	Metadata       json.RawMessage `json:"metadata"`
	ID             int64           `json:"id"`
	UpdatedAt      string          `json:"updated_at"`
	RequisitionID  string          `json:"requisition_id"`
	Title          string          `json:"title"`
	CompanyName    string          `json:"company_name"`
	FirstPublished string          `json:"first_published"`
	Language       string          `json:"language"`
	Content        string          `json:"content"`
	Departments    []ghDept        `json:"departments"`
	Offices        []ghDept        `json:"offices"`
}

type ghName struct {
	Name string `json:"name"`
}

type ghDept struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// appendJobs returns the board body raw with jobs added to its list and
// meta.total updated. Greenhouse entity-escapes content once; Go's JSON
// encoder writes <, > and & as \u003c, \u003e, \u0026 as the live API does.
func appendJobs(raw []byte, token string, jobs []genJob) ([]byte, error) {
	var list struct {
		Jobs []json.RawMessage `json:"jobs"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("decode jobs: %w", err)
	}
	company := map[string]string{"northwind": "Northwind Labs", "tidepool": "Tidepool", "graniteridge": "Granite Ridge Systems"}[token]
	for _, j := range jobs {
		g := ghGenerated{
			AbsoluteURL:   fmt.Sprintf("https://job-boards.greenhouse.io/%s/jobs/%d", token, j.id),
			InternalJobID: j.id - 1000000000, Metadata: json.RawMessage("null"), ID: j.id,
			UpdatedAt: j.published.UTC().Format(time.RFC3339), RequisitionID: fmt.Sprintf("GEN-%d", j.id%100000),
			Title: j.title, CompanyName: company, FirstPublished: j.published.UTC().Format(time.RFC3339),
			Language: "en", Content: html.EscapeString(j.content),
			Departments: []ghDept{{ID: 1, Name: "Engineering"}}, Offices: []ghDept{{ID: 2, Name: j.location}},
		}
		g.Location.Name = j.location
		b, err := json.Marshal(g)
		if err != nil {
			return nil, err
		}
		list.Jobs = append(list.Jobs, b)
	}
	out, err := json.Marshal(struct {
		Jobs []json.RawMessage `json:"jobs"`
		Meta struct {
			Total int `json:"total"`
		} `json:"meta"`
	}{Jobs: list.Jobs, Meta: struct {
		Total int `json:"total"`
	}{len(list.Jobs)}})
	return out, err
}

func list(items []string) string {
	return "<ul>\n<li>" + strings.Join(items, "</li>\n<li>") + "</li>\n</ul>"
}
