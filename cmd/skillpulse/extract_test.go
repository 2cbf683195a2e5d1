package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestExtractJSONContract(t *testing.T) {
	post := `<h2>What you'll need</h2><ul><li>5+ years of experience with Terraform and AWS</li><li>Strong Linux skills</li></ul>
<h2>Nice to have</h2><ul><li>Experience with Kubernetes</li></ul>`
	for _, args := range [][]string{
		{"extract", "--format", "json"},                                            // stdin
		{"extract", writeFile(t, t.TempDir(), "p.html", post), "--format", "json"}, // flags after the file
		{"extract", "--format", "json", "-"},
	} {
		code, out, stderr := cli(t, post, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var doc struct {
			Skills []map[string]any `json:"skills"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		levels := map[string]string{}
		for _, s := range doc.Skills {
			for _, k := range []string{"id", "name", "category", "level", "level_reason", "evidence"} {
				if _, ok := s[k]; !ok {
					t.Errorf("skill %v lacks %q", s, k)
				}
			}
			levels[s["id"].(string)] = s["level"].(string)
			if y, ok := s["years"]; ok && y.(float64) <= 0 {
				t.Errorf("years present but %v", y)
			}
		}
		for id, want := range map[string]string{"terraform": "required", "aws": "required", "linux": "required", "kubernetes": "preferred"} {
			if levels[id] != want {
				t.Errorf("%v: %s level %q, want %q (all: %v)", args, id, levels[id], want, levels)
			}
		}
	}
}

// TestExtractJSONNamedApartFromImplied: skills lists only what the text
// names; parent credit is in implied, with via.
func TestExtractJSONNamedApartFromImplied(t *testing.T) {
	code, out, stderr := cli(t, "Requirements:\n- Experience with ECS/EKS and TypeScript\n", "extract", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Skills []struct {
			ID string `json:"id"`
		} `json:"skills"`
		Implied []struct {
			ID, Name, Category, Level string
			Via                       []string
		} `json:"implied"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var named []string
	for _, s := range doc.Skills {
		named = append(named, s.ID)
	}
	slices.Sort(named)
	if want := []string{"ecs", "eks", "typescript"}; !slices.Equal(named, want) {
		t.Errorf("skills %v, want only the named %v", named, want)
	}
	implied := map[string][]string{}
	for _, m := range doc.Implied {
		if m.Name == "" || m.Category == "" || m.Level != "required" {
			t.Errorf("implied %+v lacks a name, category or its level", m)
		}
		implied[m.ID] = m.Via
	}
	if !slices.Equal(implied["kubernetes"], []string{"eks"}) || !slices.Equal(implied["aws"], []string{"ecs", "eks"}) {
		t.Errorf("implied %v, want kubernetes via eks and aws via ecs, eks", implied)
	}
	if _, ok := implied["javascript"]; ok {
		t.Error("TypeScript implies JavaScript; it is not a kind of it")
	}
}

// TestExtractTitle: --title gives seniority and makes the skills it names
// required; a plain-text first line naming a role is read as the title.
func TestExtractTitle(t *testing.T) {
	for _, tt := range []struct {
		name, stdin string
		args        []string
		seniority   string
	}{
		{"--title", "We run Kubernetes.", []string{"--title", "Staff Go Engineer"}, "staff"},
		{"first line names a role", "Senior Site Reliability Engineer\nWe run Kubernetes.\n", nil, "senior"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := cli(t, tt.stdin, append([]string{"extract", "--json"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var doc struct {
				Seniority string `json:"seniority"`
				Skills    []struct{ ID, Level string }
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Seniority != tt.seniority {
				t.Errorf("seniority %q, want %q", doc.Seniority, tt.seniority)
			}
			if tt.args != nil && !slices.ContainsFunc(doc.Skills, func(s struct{ ID, Level string }) bool { return s.ID == "go" && s.Level == "required" }) {
				t.Errorf("Go in the title is not required: %+v", doc.Skills)
			}
		})
	}
}

func TestExtractTable(t *testing.T) {
	code, out, _ := cli(t, "Requirements:\n- 3+ years of Terraform\n", "extract")
	if code != 0 || !strings.Contains(out, "terraform") || !strings.Contains(out, "required") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// extract tags a posting's text or HTML; a PDF, a Word file or binary
// data is refused, naming the file and what it is, rather than read as
// text in which no skill is found.
func TestExtractRefusesWhatIsNotText(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"posting.pdf":  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
		"posting.docx": "PK\x03\x04\x14\x00\x06\x00",
		"logo.png":     "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"data.bin":     "\x00\x01\x02\x03 Terraform \x00\xff",
	} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, dir, name, content)
			code, out, stderr := cli(t, "", "extract", path)
			if code != exitFailure || !strings.Contains(stderr, path+": not a posting's text or HTML") {
				t.Errorf("exit %d, want %d naming %s as not text:\n%s%s", code, exitFailure, path, out, stderr)
			}
		})
	}
	// Text in a Windows code page or UTF-16 is still text.
	for name, content := range map[string]string{
		"latin1.txt": "Requirements:\n- 3+ years of Terraform, \xe9quipe\n",
		"utf16.txt":  "\xff\xfeR\x00e\x00q\x00",
	} {
		if code, out, stderr := cli(t, "", "extract", writeFile(t, dir, name, content)); code != 0 {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, stderr)
		}
	}
}
