package analyze

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/skillpulse/skillpulse/resume"
)

// PathID names one of the article's paths into infrastructure engineering.
type PathID string

const (
	PathSysadmin     PathID = "sysadmin"
	PathNetwork      PathID = "network"
	PathDevOps       PathID = "devops"
	PathBackend      PathID = "backend"
	PathCloudSupport PathID = "cloud-support"
)

// pathDef is one path: the titles and skills that show it, and the gap the
// article names for it (skill ids and the sentence that says so).
type pathDef struct {
	id      PathID
	name    string
	titles  *regexp.Regexp
	signals []string // skills typical of the path; "a|b" counts once for either
	gap     []string // the known gap, as taxonomy ids
	gapWhy  string
}

// paths are the article's five paths. The known gaps are its words:
// sysadmins formalise IaC and deepen cloud; network engineers lack compute,
// storage, containers and cloud services beyond networking; backend
// engineers lack operations (networking, security, capacity planning,
// incident response); cloud support engineers move from advising to
// building (IaC and automation); DevOps engineers specialise toward the
// foundation layer below the pipeline.
func paths() []pathDef {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return []pathDef{
		{PathSysadmin, "Systems administrator",
			re(`\bsys(?:tems?)?\s*admin(?:istrator)?s?\b|\b(?:linux|unix|windows|server|it|infrastructure)\s+admin(?:istrator)?\b|\bsystems engineer\b|\bit operations\b`),
			[]string{"system-administration", "linux", "windows-server", "active-directory", "vmware", "rhel", "backup-recovery", "nagios|zabbix|icinga|checkmk|prtg|solarwinds"},
			[]string{"terraform", "iac", "cloudformation", "pulumi", "aws", "gcp", "azure", "cloud"},
			"sysadmins moving to infrastructure engineering formalise IaC and deepen cloud expertise"},
		{PathNetwork, "Network engineer",
			re(`\bnetwork\s+(?:engineer|administrator|admin|architect|specialist|technician|analyst|operations)\b|\bnoc\b|\bnetops\b`),
			[]string{"networking", "routing", "bgp", "ospf", "cisco", "firewalls", "vlan", "load-balancing", "vpn", "sdn"},
			[]string{"docker", "kubernetes", "containers", "storage", "virtualization", "aws", "gcp", "azure", "cloud", "ec2", "s3"},
			"network engineers lack compute, storage, containers and cloud services beyond networking"},
		{PathDevOps, "DevOps engineer",
			re(`\bdev\s*ops\b|\bsite reliability\b|\bsre\b|\bplatform engineer|\brelease engineer|\bbuild (?:and|&) release\b`),
			[]string{"ci-cd", "jenkins", "github-actions", "gitlab-ci", "argocd", "docker", "kubernetes", "terraform", "helm", "sre", "slos"},
			[]string{"networking", "virtualization", "storage", "capacity-planning", "security"},
			"DevOps engineers specialise toward the foundation layer below the pipeline: networks, compute, storage and security boundaries"},
		{PathBackend, "Backend engineer",
			re(`\bback[- ]?end\b|\bsoftware (?:engineer|developer)\b|\b(?:java|python|go|golang|ruby|node(?:\.js)?|php|api|full[- ]?stack) (?:developer|engineer)\b|\bfull[- ]?stack\b`),
			[]string{"go", "java", "python", "nodejs", "rails", "django", "spring", "postgresql", "microservices", "api-design", "testing", "redis"},
			[]string{"networking", "security", "capacity-planning", "incident-response", "on-call"},
			"backend engineers lack operations: networking, security, capacity planning and incident response"},
		{PathCloudSupport, "Cloud support engineer",
			re(`\bcloud support\b|\bsupport engineer\b|\btechnical support\b|\bcustomer engineer\b|\bsolutions engineer\b|\btechnical account manager\b|\bpremium support\b`),
			[]string{"itsm-support", "troubleshooting", "aws", "azure", "gcp", "documentation"},
			[]string{"terraform", "iac", "ansible", "configuration-management", "ci-cd", "kubernetes"},
			"cloud support engineers move from advising customers to building infrastructure: IaC and automation"},
	}
}

// Path is the path into infrastructure engineering a resume reads as.
type Path struct {
	From *PathID `json:"from"` // null when nothing fits
	Name string  `json:"name,omitempty"`
	Why  string  `json:"why"`
}

// pathScoreMin is the least score that names a path: a matching current
// title alone, or an older title with the path's typical skills.
const pathScoreMin = 5

// namedOf returns the first of signal's '|'-separated skill ids that the
// resume names: a family of tools that do one job counts once.
func namedOf(prof *resume.Profile, signal string) (string, bool) {
	for id := range strings.SplitSeq(signal, "|") {
		if prof.Named(id) {
			return id, true
		}
	}
	return "", false
}

// detectPath scores every path by the resume's titles (the latest role
// counts most, then the headline, then older roles and the summary) and by
// how many of the path's typical skills it names, and picks the best.
func detectPath(defs []pathDef, prof *resume.Profile) (Path, *pathDef) {
	latest, older := latestTitle(prof)
	best, bestScore := -1, 0
	var bestWhy []string
	for i, d := range defs {
		score, why := 0, []string(nil)
		switch {
		case latest != "" && d.titles.MatchString(latest):
			score += 6
			why = append(why, fmt.Sprintf("latest title %q", latest))
		case prof.Headline != "" && d.titles.MatchString(prof.Headline):
			score += 5
			why = append(why, fmt.Sprintf("headline %q", prof.Headline))
		}
		for _, t := range older {
			if d.titles.MatchString(t) {
				score += 2
				why = append(why, fmt.Sprintf("earlier title %q", t))
				break
			}
		}
		if d.titles.MatchString(prof.Summary) {
			score += 2
			why = append(why, "the summary")
		}
		var named []string
		for _, signal := range d.signals {
			if id, ok := namedOf(prof, signal); ok {
				named = append(named, id)
			}
		}
		score += min(len(named), 5)
		if len(named) > 0 {
			why = append(why, fmt.Sprintf("%d of its typical skills (%s)", len(named), strings.Join(named, ", ")))
		}
		if score > bestScore {
			best, bestScore, bestWhy = i, score, why
		}
	}
	if best < 0 || bestScore < pathScoreMin {
		return Path{Why: "no title or set of skills in the resume reads as one of the five paths (sysadmin, network, devops, backend, cloud support)"}, nil
	}
	d := &defs[best]
	id := d.id
	return Path{From: &id, Name: d.name, Why: "from " + strings.Join(bestWhy, ", ") + "; known gap: " + d.gapWhy}, d
}

// latestTitle returns the title of the role that ended last (the current
// one if any), and the other roles' titles.
func latestTitle(prof *resume.Profile) (string, []string) {
	roles := slices.Clone(prof.Roles)
	slices.SortStableFunc(roles, func(a, b resume.Role) int { return b.Span.End.Compare(a.Span.End) })
	var titles []string
	for _, r := range roles {
		if r.Title != "" {
			titles = append(titles, r.Title)
		}
	}
	if len(titles) == 0 {
		return "", nil
	}
	return titles[0], titles[1:]
}
