package skillpulse_test

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestCSVCellNeverLeavesAFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x.example","click")`, `'=HYPERLINK("http://x.example","click")`},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-0.25", "-0.25"},
		{"120000", "120000"},
		{"Acme = Good", "Acme = Good"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := skillpulse.CSVCell(tt.in); got != tt.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
