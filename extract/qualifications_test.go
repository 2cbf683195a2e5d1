package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

// levelCase is a posting (title and text) and the level one skill
// should take, with what decides it.
type levelCase struct {
	name, title, desc, id string
	level                 skillpulse.Level
	reason                skillpulse.LevelReason
}

func checkLevels(t *testing.T, tests []levelCase) {
	t.Helper()
	g := newTestTagger(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := g.Tag(&skillpulse.Posting{Title: tt.title, Description: tt.desc})
			m, ok := mentionOf(tags, tt.id)
			if !ok {
				t.Fatalf("%q: no mention of %s (got %v)", tt.desc, tt.id, ids(tags))
			}
			if m.Level != tt.level || m.Reason != tt.reason {
				t.Errorf("%q: %s is %v (%v), want %v (%v); evidence %q", tt.desc, tt.id, m.Level, m.Reason, tt.level, tt.reason, m.Evidence)
			}
		})
	}
}

// TestQualificationLinesAreNoHeadings: a Google posting writes its
// qualifications as lines without a full stop. A short one ("Experience
// with FPGA prototyping") is a requirement, not a heading that makes the
// Preferred qualifications after it required (RULES.md, "Sixth pass").
func TestQualificationLinesAreNoHeadings(t *testing.T) {
	// google-job-skills-row269 and row108 (unlabelled).
	hls := "Minimum qualifications:\nExperience in low-level C/C++ design suitable for hardware implementations\n\n" +
		"Preferred qualifications:\nExperience with FPGA prototyping\nExperience with C/C++, Python, SystemVerilog, Verilog, Bash\n"
	proto := "Minimum qualifications:\nProgramming experience in C or C++.\n\nPreferred qualifications:\n" +
		"Experience in SystemC or RTL\nExperience in instruction set simulator, dynamic binary translation, or virtualization\n"
	checkLevels(t, []levelCase{
		{"a preferred line after a short experience line", "High-level Synthesis Design Engineer", hls, "python", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"a preferred line after experience in a language", "Software Engineer, Virtual Prototyping", proto, "virtualization", skillpulse.LevelPreferred, skillpulse.ReasonHeading},
		{"a minimum line stays required", "Software Engineer, Virtual Prototyping", proto, "cpp", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"a line that is only experience still heads", "Engineer", "About us\nWe build tools.\nRequired Experience\nKubernetes and Go\n", "kubernetes", skillpulse.LevelRequired, skillpulse.ReasonHeading},
		{"skills alone still heads", "Engineer", "About us\nWe build tools.\nSkills\nKubernetes and Go\n", "go", skillpulse.LevelRequired, skillpulse.ReasonHeading},
	})
}
