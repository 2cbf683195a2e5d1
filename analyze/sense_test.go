package analyze

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/resume"
)

// analyzeFile reads a resume of resume/testdata/labelled in whatever
// format it is and sets it against src.
func analyzeFile(t *testing.T, src Source, name string) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "resume", "testdata", "labelled", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := resume.ReadBytes(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	return analyzeText(t, testTaxonomy(t), src, doc.Text, 40)
}

func gapIDs(r *Result) []string {
	var out []string
	for _, g := range r.Gaps {
		out = append(out, g.ID)
	}
	return out
}

// TestASeniorResumeIsNotToldToLearnWhatItPlainlyHas sets the senior SRE,
// platform and network resumes (Markdown, HTML, PDF) against the test
// market and checks that no gap is a skill they name or imply: a senior
// SRE running Debian fleets is not told to learn Linux, one running EKS
// not told to learn Kubernetes or AWS.
func TestASeniorResumeIsNotToldToLearnWhatItPlainlyHas(t *testing.T) {
	tax := testTaxonomy(t)
	src := testMarket(t, tax)
	cases := []struct {
		file string
		has  []string
	}{
		{"senior-sre.md", []string{"linux", "kubernetes", "aws", "terraform", "python", "go", "prometheus", "on-call", "incident-response"}},
		{"platform-principal.html", []string{"kubernetes", "gcp", "aws", "terraform", "python", "go", "postgresql"}},
		{"sre-twocolumn.pdf", []string{"linux", "kubernetes", "gcp", "terraform", "docker", "capacity-planning"}},
		{"windows-admin.docx", []string{"vmware", "virtualization", "azure"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r := analyzeFile(t, src, tc.file)
			gaps := gapIDs(r)
			for _, id := range tc.has {
				if slices.Contains(gaps, id) {
					t.Errorf("%s listed as a gap; gaps %v", id, gaps)
				}
			}
			if r.Seniority == skillpulse.SeniorityJunior || r.Seniority == skillpulse.SeniorityUnknown {
				t.Errorf("seniority %s, want senior or above", r.Seniority)
			}
		})
	}
}

// TestEKSCreditsKubernetesAndAWSAsImplied checks that a resume naming EKS
// alone has Kubernetes and AWS implied via eks, not named, and neither is
// a gap.
func TestEKSCreditsKubernetesAndAWSAsImplied(t *testing.T) {
	tax := testTaxonomy(t)
	r := analyzeText(t, tax, testMarket(t, tax), "EXPERIENCE\nSite Reliability Engineer, Acme, 2020 - present\n- Ran 30 EKS clusters.\n", 40)
	for _, id := range []string{"kubernetes", "aws"} {
		if slices.ContainsFunc(r.Skills, func(s resume.Skill) bool { return s.ID == id }) {
			t.Errorf("%s named; the resume only names EKS", id)
		}
		i := slices.IndexFunc(r.Implied, func(s resume.Implied) bool { return s.ID == id })
		if i < 0 || !slices.Equal(r.Implied[i].Via, []string{"eks"}) {
			t.Errorf("%s not implied via eks: %+v", id, r.Implied)
		}
		if slices.Contains(gapIDs(r), id) {
			t.Errorf("%s listed as a gap", id)
		}
	}
}

// TestGapsFollowTheMarketWeighting checks, for each labelled resume, that
// gaps come by impact, that each impact is the documented formula of the
// gap's own figures, and that a gap the market neither names nor weighs
// never shows.
func TestGapsFollowTheMarketWeighting(t *testing.T) {
	tax := testTaxonomy(t)
	src := testMarket(t, tax)
	for _, file := range []string{"junior-helpdesk.txt", "devops-junior.txt", "storage-engineer.md", "network-senior.pdf", "devops-mid.docx", "linkedin-cloud.pdf"} {
		t.Run(file, func(t *testing.T) {
			r := analyzeFile(t, src, file)
			if len(r.Gaps) == 0 {
				t.Fatal("no gaps")
			}
			for i, g := range r.Gaps {
				boost := 1.0
				if g.Known {
					boost = KnownGapBoost
				}
				if want := round(min(1, (g.RequiredShare+g.Weight)/2*boost)); g.Impact != want {
					t.Errorf("%s: impact %v, want %v", g.ID, g.Impact, want)
				}
				if i > 0 && g.Impact > r.Gaps[i-1].Impact {
					t.Errorf("%s (%v) after %s (%v): not by impact", g.ID, g.Impact, r.Gaps[i-1].ID, r.Gaps[i-1].Impact)
				}
				if g.Weight == 0 && g.Share == 0 {
					t.Errorf("%s: a gap the market neither names nor weighs", g.ID)
				}
			}
		})
	}
}

// TestMatchesKeepLevelsApartLast checks that a staff engineer's best
// matches are not junior openings, and a junior's not senior ones, when
// postings of a nearer level fit about as well.
func TestMatchesKeepLevelsApartLast(t *testing.T) {
	tax := testTaxonomy(t)
	src := testMarket(t, tax)
	// The same skills asked by a junior, a mid-level and a senior opening.
	asked := []string{"kubernetes", "terraform", "aws", "linux"}
	for i, title := range []string{"Junior Cloud Engineer", "Cloud Engineer II", "Senior Cloud Engineer"} {
		p := posting(tax, 100+i, title, asked, nil)
		p.Tags.Seniority = []skillpulse.Seniority{skillpulse.SeniorityJunior, skillpulse.SeniorityMid, skillpulse.SenioritySenior}[i]
		src.posts = append(src.posts, seenPosting{src.posts[0].at, p})
	}
	for _, tc := range []struct{ resume, last string }{
		{"EXPERIENCE\nStaff Cloud Engineer, Acme, 2014 - present\n- Kubernetes, Terraform, AWS and Linux.\n", "Junior Cloud Engineer"},
		{"EXPERIENCE\nJunior Cloud Engineer, Acme, 2025 - present\n- Kubernetes, Terraform, AWS and Linux.\n", "Senior Cloud Engineer"},
	} {
		r := analyzeText(t, tax, src, tc.resume, 40)
		var titles []string
		for _, m := range r.Matches {
			if strings.Contains(m.Title, "Cloud Engineer") && m.Covered == 1 {
				titles = append(titles, m.Title)
			}
		}
		// The opening two levels away ranks after the other two, if it
		// makes the list at all.
		if i := slices.Index(titles, tc.last); len(titles) < 2 || i >= 0 && i != len(titles)-1 || i < 0 && len(titles) != 2 {
			t.Errorf("%s resume: fully covered openings %q, want %q last or not listed", r.Seniority, titles, tc.last)
		}
	}
}

// TestJSONSaysYearsAndSeniority checks the fields README documents for the
// resume's experience.
func TestJSONSaysYearsAndSeniority(t *testing.T) {
	tax := testTaxonomy(t)
	r := analyzeFile(t, testMarket(t, tax), "junior-helpdesk.txt")
	var buf strings.Builder
	if err := r.Write(&buf, "json"); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Years     int    `json:"years"`
		Seniority string `json:"seniority"`
	}
	if err := json.Unmarshal([]byte(buf.String()), &js); err != nil {
		t.Fatal(err)
	}
	if js.Years != 4 && js.Years != 5 || js.Seniority != "junior" {
		t.Errorf("years %d seniority %q, want 4 or 5 years (computing roles only), junior", js.Years, js.Seniority)
	}
}
