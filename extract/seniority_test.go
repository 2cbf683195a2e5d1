package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestSeniority(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		title string
		want  skillpulse.Seniority
	}{
		{"Senior Cloud Engineer", skillpulse.SenioritySenior},
		{"Sr. DevOps Engineer", skillpulse.SenioritySenior},
		{"Staff Platform Engineer", skillpulse.SeniorityStaff},
		{"Principal SRE", skillpulse.SeniorityPrincipal},
		{"Engineering Manager, Infrastructure", skillpulse.SeniorityManager},
		{"Head of Information Security", skillpulse.SeniorityManager},
		{"Tech Lead, Platform", skillpulse.SeniorityLead},
		{"Junior Systems Administrator", skillpulse.SeniorityJunior},
		{"Associate Platform Infrastructure Engineer", skillpulse.SeniorityJunior},
		{"Site Reliability Engineer II", skillpulse.SeniorityMid},
		{"Platform Engineer", skillpulse.SeniorityUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := g.seniorityOf(tt.title); got != tt.want {
				t.Errorf("seniorityOf(%q) = %v, want %v", tt.title, got, tt.want)
			}
		})
	}
}

func TestTagDocumentSeniority(t *testing.T) {
	g := newTestTagger(t)
	tests := []struct {
		doc  string
		want skillpulse.Seniority
	}{
		{"# Staff Platform Engineer\nWe run Kubernetes.", skillpulse.SeniorityStaff},
		{"<h1>Senior SRE</h1><p>Go and AWS.</p>", skillpulse.SenioritySenior},
		{"Requirements:\n- Senior-level Go", skillpulse.SeniorityUnknown},
		{"We run Kubernetes.", skillpulse.SeniorityUnknown},
		// Hacker News "Who is hiring" header lines: the role field is the title.
		{"Acme Corp | Senior Site Reliability Engineer | Remote (US) | $180k-$220k\n\nWe run Kubernetes on AWS.", skillpulse.SenioritySenior},
		{"Acme Corp | Staff Platform Engineer | ONSITE (Berlin)<p>We run Kubernetes on AWS.</p>", skillpulse.SeniorityStaff},
		{"Acme Corp | REMOTE | Principal SRE | Full-time\nGo and Terraform.", skillpulse.SeniorityPrincipal},
		{"# Acme | Junior DevOps Engineer | Remote", skillpulse.SeniorityJunior},
		{"Junior Linux Engineer | Kraków | Full time\n\nWe are a consultancy.", skillpulse.SeniorityJunior},
		{"Acme | Engineering Manager, Infrastructure | NYC\nWe run Kubernetes.", skillpulse.SeniorityManager},
		// The company field is not the role.
		{"Principal Financial | Platform Engineer | Des Moines, IA\nWe run Kubernetes.", skillpulse.SeniorityUnknown},
		{"Lead Bank | Site Reliability Engineer | Kansas City\nWe run Kubernetes.", skillpulse.SeniorityUnknown},
		// A short first line naming a role is the title.
		{"Senior Platform Engineer\n\nWe run Kubernetes.", skillpulse.SenioritySenior},
		{"<p>Lead SRE</p><p>We run Kubernetes.</p>", skillpulse.SeniorityLead},
		// Ordinary first sentences are not titles.
		{"Our senior engineers mentor everyone.\nWe run Kubernetes.", skillpulse.SeniorityUnknown},
		{"We are hiring a senior engineer to lead our platform team\nWe run Go.", skillpulse.SeniorityUnknown},
		{"Acme | Remote | Full-time\nSenior engineers mentor juniors here.", skillpulse.SeniorityUnknown},
		{"Senior leadership backs remote work | ask us about it\nWe run Go.", skillpulse.SeniorityUnknown},
		{"Staff picks | Our blog\nSenior SRE wanted.", skillpulse.SeniorityUnknown},
		{"Acme | Remote | We are looking for a senior engineer to own our Kubernetes clusters and the on-call rota\nGo.", skillpulse.SeniorityUnknown},
	}
	for _, tt := range tests {
		if got := g.TagDocument(tt.doc).Seniority; got != tt.want {
			t.Errorf("%q: seniority %v, want %v", tt.doc, got, tt.want)
		}
	}
}
