package extract

import (
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestWorkplace(t *testing.T) {
	cases := []struct {
		name, doc string
		want      skillpulse.Workplace
	}{
		{"HN header", "Acme | Senior SRE | Berlin | REMOTE (EU) | $150k", skillpulse.WorkplaceRemote},
		{"fully remote", "<p>This is a fully remote role across Europe.</p>", skillpulse.WorkplaceRemote},
		{"remote-first", "We are a remote-first company.", skillpulse.WorkplaceRemote},
		{"hybrid with days", "Hybrid: 3 days a week in the office in London.", skillpulse.WorkplaceHybrid},
		{"hybrid role", "This is a hybrid role based in Austin.", skillpulse.WorkplaceHybrid},
		{"remote or hybrid is hybrid", "Remote (US) or hybrid (NYC) work possible.", skillpulse.WorkplaceHybrid},
		{"on-site", "This role is on-site in our Munich data centre.", skillpulse.WorkplaceOnSite},
		{"no remote", "Acme | Network Engineer | Paris | ONSITE, no remote", skillpulse.WorkplaceOnSite},
		{"hybrid cloud is not hybrid work", "Experience running hybrid cloud and on-prem Kubernetes.", skillpulse.WorkplaceUnknown},
		{"remote access is not remote work", "Manage VPN and remote access for 2,000 staff; remote management of servers via IPMI.", skillpulse.WorkplaceUnknown},
		{"on-site interviews are not on-site work", "Our process ends with on-site interviews.", skillpulse.WorkplaceUnknown},
		{"silent", "We build Terraform modules.", skillpulse.WorkplaceUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Workplace(tc.doc); got != tc.want {
				t.Errorf("Workplace(%q) = %v, want %v", tc.doc, got, tc.want)
			}
		})
	}
}

func TestSalary(t *testing.T) {
	cases := []struct {
		name, doc string
		want      *skillpulse.Salary
	}{
		{"dollar range", "Base salary: $150,000 - $180,000 per year plus equity.", &skillpulse.Salary{Min: 150000, Max: 180000, Currency: "USD", Period: "year"}},
		{"k range, k on the upper end", "Acme | SRE | Remote | $120-150k", &skillpulse.Salary{Min: 120000, Max: 150000, Currency: "USD", Period: "year"}},
		{"euro k range with en dash", "<li>Salary €60k–80k annually</li>", &skillpulse.Salary{Min: 60000, Max: 80000, Currency: "EUR", Period: "year"}},
		{"code and to", "Compensation: USD 120k to 140k", &skillpulse.Salary{Min: 120000, Max: 140000, Currency: "USD", Period: "year"}},
		{"pound hourly", "Contract rate £55 - £65 per hour", &skillpulse.Salary{Min: 55, Max: 65, Currency: "GBP", Period: "hour"}},
		{"European thousands", "Gehalt: €70.000 – €85.000 pro Jahr (p.a.)", &skillpulse.Salary{Min: 70000, Max: 85000, Currency: "EUR", Period: "year"}},
		{"single amount", "Pay: $95/hr", &skillpulse.Salary{Min: 95, Max: 95, Currency: "USD", Period: "hour"}},
		{"learning budget is not pay", "A $1,500 yearly learning budget for conferences, books and certifications", nil},
		{"tuition reimbursement is not pay", "Tuition reimbursement up to $5,250 a year", nil},
		{"a bonus alone is not pay", "A $10,000 signing bonus on day one", nil},
		{"a stipend is not pay", "$500/month home office stipend", nil},
		{"funding is not pay", "We raised $12,000,000 in seed funding", nil},
		{"a price is not pay", "Plans start at $49/month per seat", nil},
		{"pay with a bonus beside it", "Salary range: $150,000-$220,000 with eligibility for a discretionary annual bonus", &skillpulse.Salary{Min: 150000, Max: 220000, Currency: "USD", Period: "year"}},
		{"Canadian dollars as written", "Up to C$140k + equity", &skillpulse.Salary{Min: 140000, Max: 140000, Currency: "CAD", Period: "year"}},
		{"a small amount with no period is not pay", "We pay $300 for take-home exercises", nil},
		{"a bare budget is not pay", "You get a $2,000 learning budget.", nil},
		{"funding is not pay", "We raised a Series C of $120M", nil},
		{"no currency, no salary", "5+ years of experience with Terraform", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Salary(tc.doc)
			if (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
				t.Errorf("Salary(%q) = %+v, want %+v", tc.doc, got, tc.want)
			}
		})
	}
}

func TestEnrichKeepsSourceFields(t *testing.T) {
	p := skillpulse.Posting{Title: "SRE", Description: "Fully remote. $150,000 - $180,000 per year.", Workplace: skillpulse.WorkplaceHybrid}
	Enrich(&p)
	if p.Workplace != skillpulse.WorkplaceHybrid {
		t.Errorf("Enrich replaced the source's workplace with %v", p.Workplace)
	}
	if p.Salary == nil || p.Salary.Min != 150000 {
		t.Errorf("Enrich did not read the salary: %+v", p.Salary)
	}
	h := p.ContentHash()
	q := skillpulse.Posting{Title: "SRE", Description: "Fully remote. $150,000 - $180,000 per year.", Workplace: skillpulse.WorkplaceHybrid}
	Enrich(&q)
	if q.ContentHash() != h {
		t.Error("Enrich is not deterministic: the content hash differs between crawls")
	}
}

func FuzzFacts(f *testing.F) {
	for _, s := range []string{"$120-150k", "€70.000 – €85.000 p.a.", "<p>hybrid (3 days)</p>", "REMOTE | $1,000,000,000,000,000,000,000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		Workplace(doc)
		if s := Salary(doc); s != nil && (s.Min <= 0 || s.Max < s.Min || s.Currency == "" || s.Period == "") {
			t.Errorf("Salary(%q) = %+v: an incomplete range", doc, s)
		}
	})
}
