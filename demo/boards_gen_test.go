package demo

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite boards/ from the postings in postings_test.go")

// This file turns the postings written out in postings_test.go into the
// response bodies under boards/, encoded the way each real API encodes them.
// TestBoardFiles fails when the files and the postings disagree; run it with
// -update to rewrite the files.

// ghBoard is one Greenhouse board as authored.
type ghBoard struct {
	Token   string
	Company string
	JobURL  string // absolute_url pattern with one %d for the job post id
	Jobs    []ghJob
}

// ghJob is one Greenhouse job post as authored; HTML is the description
// before the API's entity escaping.
type ghJob struct {
	ID, InternalID     int64
	Title, Location    string
	Requisition        string
	Updated, Published string
	Department         ghDepartment
	Office             ghOffice
	Metadata           []ghMetadata // nil is sent as null
	HTML               string
}

type ghDepartment struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	ChildIDs []int64 `json:"child_ids"`
	ParentID *int64  `json:"parent_id"`
}

type ghOffice struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Location string  `json:"location"`
	ChildIDs []int64 `json:"child_ids"`
	ParentID *int64  `json:"parent_id"`
}

type ghMetadata struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Value     string `json:"value"`
	ValueType string `json:"value_type"`
}

type ghCompliance struct {
	Type                          string `json:"type"`
	RequiresConsent               bool   `json:"requires_consent"`
	RequiresProcessingConsent     bool   `json:"requires_processing_consent"`
	RequiresRetentionConsent      bool   `json:"requires_retention_consent"`
	RetentionPeriod               *int   `json:"retention_period"`
	DemographicDataConsentApplies bool   `json:"demographic_data_consent_applies"`
}

// ghWireJob has the keys of a live /jobs?content=true job in their order.
type ghWireJob struct {
	AbsoluteURL         string         `json:"absolute_url"`
	DataCompliance      []ghCompliance `json:"data_compliance"`
	InternalJobID       int64          `json:"internal_job_id"`
	Location            ghLocation     `json:"location"`
	Metadata            []ghMetadata   `json:"metadata"`
	ID                  int64          `json:"id"`
	UpdatedAt           string         `json:"updated_at"`
	RequisitionID       string         `json:"requisition_id"`
	Title               string         `json:"title"`
	CompanyName         string         `json:"company_name"`
	FirstPublished      string         `json:"first_published"`
	Language            string         `json:"language"`
	ApplicationDeadline *string        `json:"application_deadline"`
	Content             string         `json:"content"`
	Departments         []ghDepartment `json:"departments"`
	Offices             []ghOffice     `json:"offices"`
	AIDisclaimer        *string        `json:"ai_disclaimer"`
	IncludeAIDisclaimer *bool          `json:"include_ai_disclaimer"`
	AIOptOutRequestURL  *string        `json:"ai_opt_out_request_url"`
}

type ghLocation struct {
	Name string `json:"name"`
}

// ghEscape escapes HTML the way Greenhouse stores `content`: once, with
// &quot; and &#39; for quotes.
var ghEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// encodeGreenhouse renders a board as the live API's response body. Go's
// default JSON encoding writes &, < and > as \u0026, \u003c and \u003e, which
// is what the live API sends too.
func encodeGreenhouse(b ghBoard) ([]byte, error) {
	jobs := make([]ghWireJob, 0, len(b.Jobs))
	for _, j := range b.Jobs {
		jobs = append(jobs, ghWireJob{
			AbsoluteURL:    fmt.Sprintf(b.JobURL, j.ID),
			DataCompliance: []ghCompliance{{Type: "gdpr"}},
			InternalJobID:  j.InternalID,
			Location:       ghLocation{Name: j.Location},
			Metadata:       j.Metadata,
			ID:             j.ID,
			UpdatedAt:      j.Updated,
			RequisitionID:  j.Requisition,
			Title:          j.Title,
			CompanyName:    b.Company,
			FirstPublished: j.Published,
			Language:       "en",
			Content:        ghEscape.Replace(j.HTML),
			Departments:    []ghDepartment{withChildren(j.Department)},
			Offices:        []ghOffice{withOfficeChildren(j.Office)},
		})
	}
	type meta struct {
		Total int `json:"total"`
	}
	return json.Marshal(struct {
		Jobs []ghWireJob `json:"jobs"`
		Meta meta        `json:"meta"`
	}{jobs, meta{len(jobs)}})
}

func withChildren(d ghDepartment) ghDepartment {
	if d.ChildIDs == nil {
		d.ChildIDs = []int64{}
	}
	return d
}

func withOfficeChildren(o ghOffice) ghOffice {
	if o.ChildIDs == nil {
		o.ChildIDs = []int64{}
	}
	return o
}

// lvSite is one Lever site as authored. Opening and Additional are the
// company's boilerplate, shared by its postings as on real sites.
type lvSite struct {
	Site       string
	Opening    string // HTML
	Additional string // HTML
	Postings   []lvPosting
}

// lvPosting is one Lever posting as authored.
type lvPosting struct {
	ID           string
	Title        string
	CreatedAt    int64 // epoch milliseconds
	Commitment   string
	Department   string
	Team         string
	Location     string
	AllLocations []string
	Country      string
	Workplace    string
	Body         string // descriptionBody HTML, may be empty
	Lists        []lvList
	Salary       *lvSalary
}

// lvList is a headed list; Items become bare <li> elements.
type lvList struct {
	Text  string
	Items []string
}

type lvSalary struct {
	Currency string `json:"currency"`
	Interval string `json:"interval"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
}

type lvCategories struct {
	Commitment   string   `json:"commitment"`
	Department   string   `json:"department"`
	Location     string   `json:"location"`
	Team         string   `json:"team"`
	AllLocations []string `json:"allLocations"`
}

type lvWireList struct {
	Text    string `json:"text"`
	Content string `json:"content"`
}

// lvWire has the keys of a live Lever posting in their order.
type lvWire struct {
	AdditionalPlain      string       `json:"additionalPlain"`
	Additional           string       `json:"additional"`
	Categories           lvCategories `json:"categories"`
	CreatedAt            int64        `json:"createdAt"`
	DescriptionPlain     string       `json:"descriptionPlain"`
	Description          string       `json:"description"`
	ID                   string       `json:"id"`
	Lists                []lvWireList `json:"lists"`
	Text                 string       `json:"text"`
	Country              string       `json:"country"`
	WorkplaceType        string       `json:"workplaceType"`
	SalaryRange          *lvSalary    `json:"salaryRange,omitempty"`
	Opening              string       `json:"opening"`
	OpeningPlain         string       `json:"openingPlain"`
	DescriptionBody      string       `json:"descriptionBody"`
	DescriptionBodyPlain string       `json:"descriptionBodyPlain"`
	HostedURL            string       `json:"hostedUrl"`
	ApplyURL             string       `json:"applyUrl"`
}

var (
	tagRE = regexp.MustCompile(`<[^>]*>`)
	// lvPlainText mirrors how Lever derives the …Plain fields: a div ends a
	// line, an empty <div><br></div> is a blank line, entities are decoded
	// (&nbsp; becomes U+00A0).
	lvBlankLine = strings.NewReplacer("<div><br></div>", "\n", "</div>", "\n", "<br>", "\n")
)

func lvPlainText(h string) string {
	return html.UnescapeString(tagRE.ReplaceAllString(lvBlankLine.Replace(h), ""))
}

// encodeLever renders a site as the live API's bare array; HTML stays raw.
func encodeLever(s lvSite) ([]byte, error) {
	out := make([]lvWire, 0, len(s.Postings))
	for _, p := range s.Postings {
		lists := make([]lvWireList, 0, len(p.Lists))
		for _, l := range p.Lists {
			var c strings.Builder
			c.WriteString("\n")
			for _, it := range l.Items {
				c.WriteString("<li>" + it + "</li>\n")
			}
			lists = append(lists, lvWireList{Text: l.Text, Content: c.String()})
		}
		url := "https://jobs.lever.co/" + s.Site + "/" + p.ID
		out = append(out, lvWire{
			AdditionalPlain:      lvPlainText(s.Additional),
			Additional:           s.Additional,
			Categories:           lvCategories{p.Commitment, p.Department, p.Location, p.Team, p.AllLocations},
			CreatedAt:            p.CreatedAt,
			DescriptionPlain:     lvPlainText(s.Opening + p.Body),
			Description:          s.Opening + p.Body,
			ID:                   p.ID,
			Lists:                lists,
			Text:                 p.Title,
			Country:              p.Country,
			WorkplaceType:        p.Workplace,
			SalaryRange:          p.Salary,
			Opening:              s.Opening,
			OpeningPlain:         lvPlainText(s.Opening),
			DescriptionBody:      p.Body,
			DescriptionBodyPlain: lvPlainText(p.Body),
			HostedURL:            url,
			ApplyURL:             url + "/apply",
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // Lever sends raw <, > and &
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// boardFile is one generated file under boards/.
type boardFile struct {
	path string
	body []byte
}

func generateBoards(t *testing.T) []boardFile {
	t.Helper()
	var files []boardFile
	for night, ds := range []authoredNight{night1(), night2()} {
		dir := fmt.Sprintf("boards/night%d", night+1)
		for _, b := range ds.greenhouse {
			body, err := encodeGreenhouse(b)
			if err != nil {
				t.Fatalf("encode greenhouse board %q: %v", b.Token, err)
			}
			files = append(files, boardFile{dir + "/greenhouse/" + b.Token + ".json", body})
		}
		for _, s := range ds.lever {
			body, err := encodeLever(s)
			if err != nil {
				t.Fatalf("encode lever site %q: %v", s.Site, err)
			}
			files = append(files, boardFile{dir + "/lever/" + s.Site + ".json", body})
		}
	}
	return files
}

// authoredNight is one night's boards as written in postings_test.go.
type authoredNight struct {
	greenhouse []ghBoard
	lever      []lvSite
}

// TestBoardFiles checks that every file under boards/ is exactly what the
// authored postings encode to, and that no stray file is bundled.
func TestBoardFiles(t *testing.T) {
	files := generateBoards(t)
	want := map[string]bool{}
	for _, f := range files {
		want[f.path] = true
		if *update {
			if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f.path, f.body, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := boardFiles.ReadFile(f.path)
		if err != nil {
			t.Errorf("%s: not bundled (run go test ./demo -run TestBoardFiles -update): %v", f.path, err)
			continue
		}
		if !bytes.Equal(got, f.body) {
			t.Errorf("%s: differs from the authored postings (run go test ./demo -run TestBoardFiles -update)", f.path)
		}
	}
	if *update {
		return
	}
	var stray []string
	err := walkJSON(func(p string) {
		if !want[p] {
			stray = append(stray, p)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(stray) > 0 {
		t.Errorf("bundled files with no authored postings: %v", stray)
	}
}
