package extract

import "testing"

// TestRealWordingRecall: spellings of named skills seen in real postings
// (issue #11) are found.
func TestRealWordingRecall(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		name, doc, id string
	}{
		{"Shell in a list of scripting languages", "Scripting in Python, Shell or Perl.", "bash"},
		{"Shell scripting languages", "Experience with scripting languages (Bash, Shell, Python).", "bash"},
		{"C beside C++ with a slash", "Experience in low-level C/C++ design.", "c"},
		{"C++ beside C with a slash", "Experience in low-level C/C++ design.", "cpp"},
		{"C / C++ spaced", "Strong C / C++ skills.", "c"},
		{"Go in a comma-less stack line", "Stack: Go Postgres Kubernetes", "go"},
		{"Go first in a pipe stack line", "Tech stack: Go | Postgres | Kubernetes", "go"},
		{"tokenised .NET", "Backend in C# and . NET Core.", "dotnet"},
		{"C++ with a version", "Modern C++17 and CMake.", "cpp"},
		{"C++ with an old version", "Maintain C++03 code.", "cpp"},
		{"Python with a version", "Services in Python3.", "python"},
		{"Python with a dotted version", "Services in Python3.11 and Go.", "python"},
		{".NET after a comma", "Nice-to-Have: edge design, .NET ecosystem (C#, EF).", "dotnet"},
		{"TS in a stack list", "Stack: React/TS, Node, Postgres.", "typescript"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := mentionOf(g.TagDocument(tt.doc), tt.id); !ok {
				t.Errorf("%q: no %s; got %v", tt.doc, tt.id, ids(g.TagDocument(tt.doc)))
			}
		})
	}
}
