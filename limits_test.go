package skillpulse_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
)

func TestCheckPosting(t *testing.T) {
	good := func() skillpulse.Posting {
		return skillpulse.Posting{Source: "acme", SourceType: "greenhouse", NativeID: "1", Title: "SRE",
			URL: "https://example.com/1", Posted: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	}
	tests := []struct {
		name string
		mod  func(p *skillpulse.Posting)
		want string // "" for a valid posting
	}{
		{"a plain posting is valid", func(*skillpulse.Posting) {}, ""},
		{"an empty URL is valid", func(p *skillpulse.Posting) { p.URL = "" }, ""},
		{"a source name with a slash is refused", func(p *skillpulse.Posting) { p.Source = "a/b" }, "source:"},
		{"a javascript: URL is refused", func(p *skillpulse.Posting) { p.URL = "javascript:alert(6)" }, "url:"},
		{"a title over 300 characters is refused", func(p *skillpulse.Posting) { p.Title = strings.Repeat("é", 301) }, "title: 301 characters, over 300"},
		{"an escape sequence in the company is refused", func(p *skillpulse.Posting) { p.Company = "\x1b]0;pwned\x07" }, "company: contains control characters"},
		{"invalid UTF-8 is refused", func(p *skillpulse.Posting) { p.Location = "\xff" }, "location: not valid UTF-8"},
		{"a posting published in 9999 is refused", func(p *skillpulse.Posting) { p.Posted = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }, "posted:"},
		{"a posting updated in 1600 is refused", func(p *skillpulse.Posting) { p.Updated = time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC) }, "updated:"},
		{"33 sections are refused", func(p *skillpulse.Posting) { p.Sections = make([]skillpulse.Section, 33) }, "sections: 33 sections"},
		{"a NaN salary is refused", func(p *skillpulse.Posting) { p.Salary = &skillpulse.Salary{Min: nan()} }, "salary.min"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := good()
			tt.mod(&p)
			err := skillpulse.CheckPosting(&p)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("CheckPosting = %v, want %q", err, tt.want)
			}
		})
	}
}

func nan() float64 { z := 0.0; return z / z }

func TestStripControlLeavesNoEscapeSequence(t *testing.T) {
	got := skillpulse.StripControl("terraform\x1b[31m\r\nred\x00\u0085")
	if skillpulse.HasControl(got) || got != "terraform [31m  red  " {
		t.Errorf("StripControl = %q", got)
	}
}
