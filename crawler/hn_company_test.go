package crawler

import (
	"encoding/json"
	"testing"
)

// TestHNCompanyOfCommentsWithoutAPipeHeader reads the company of real
// "Who is hiring" comments (2026 threads, quoted by HN id, shortened) whose
// first paragraph is not a "Company | Role | ..." header. Where the text
// does not say the company without doubt, none is given.
func TestHNCompanyOfCommentsWithoutAPipeHeader(t *testing.T) {
	tests := []struct {
		name, id, text, want string
	}{
		{"a Company label on its own line", "46467434", "Company: Watchtower Health\nLocation: Remote US\nRole: Founding Full Stack Engineer<p>We are", "Watchtower Health"},
		{"a COMPANY label in capitals", "47250277", "COMPANY: Tvrtle\nROLE: Founding Full Stack Engineer\nLOCATION: Remote", "Tvrtle"},
		{"a Company label run on with the next label", "48009493", "Company: This Dot Labs Location: REMOTE (US) Role: Senior Frontend Engineers", "This Dot Labs"},
		{"em dashes for pipes", "46610239", "Wolf Games — Director of Engineering, Creative Automation — Remote (US&#x2F;Canada) — Contract<p>", "Wolf Games"},
		{"mixed hyphens and en dashes", "47983050", "Marker Learning - Founding Full Stack Engineer – Remote (USA) – 180-250k<p>", "Marker Learning"},
		{"dashes with an aside after the name", "47324849", "Spruce (London&#x2F;Bristol, UK) — Lead Full Stack Engineer — £85–120k + equity — Hybrid", "Spruce (London/Bristol, UK)"},
		{"a name that is hiring", "47976359", "Mapbox is hiring a Geospatial Data Engineer on our Boundaries team.", "Mapbox"},
		{"a name that is looking for someone", "46876996", "Wolf Games is looking for a U.S.-based, fully remote Software Engineer", "Wolf Games"},
		{"at a name, we", "48017490", "At SentiLink, we stop identity fraud at scale.", "SentiLink"},
		{"at a name with its site, we", "46893972", "At CloudX (<a href=\"https:&#x2F;&#x2F;cloudx.io\">https:&#x2F;&#x2F;cloudx.io</a>) we’re building a new supply-side advertising platform", "CloudX"},
		{"a role at a name", "46466830", "Founding Engineer @ Conductor (San Francisco, ONSITE)<p>", "Conductor"},
		{"roles at a name in a city", "46862140", "Staff &#x2F; Principal Product, Backend, Distributed Systems Engineers @Artemis in NYC<p>", "Artemis"},
		{"an e-mail address is no name", "", "Platform Engineer, write to jobs@acme.example<p>", ""},
		{"a name alone above a pipe header", "47754408", "Lucia Protocol\nRemote | Full time | https:&#x2F;&#x2F;www.luciaprotocol.com&#x2F;", "Lucia Protocol"},
		{"a name alone above its roles (fixture 48804695)", "48804695", "This Dot Labs\nOpen roles: • Engineering Leads • Senior Engineers<p>", "This Dot Labs"},

		{"a greeting before the dash", "47225302", "Hey HN — Adobe is hiring an AI Agent Engineer.\nMy team is building", ""},
		{"a pronoun before the dash", "46998778", "We are - REMOTE US Hours - Engineering, sales, support and other roles", ""},
		{"a role before the dash", "46467492", "Hiring: Fullstack Engineer and UI Designer (Remote, LATAM) – BudgetSimple", ""},
		{"a role that is hiring", "47235390", "Mobian is hiring Senior &#x2F; Staff Engineers (Remote, Global) — AI-First Systems", "Mobian"},
		{"a sentence about the company", "47703426", "Turquoise Health is a series C HealthTech startup, spread out remotely across the USA.", ""},
		{"a label that is not Company", "46492105", "Who is hiring: BuilderBase\nLocation: Remote (US-based preferred)", ""},
		{"a place and workplace", "47610945", "Remote or Netherlands<p>", ""},
		{"a role above a pipe header", "47229571", "Senior Machine Learning Engineer – LLM &amp; Reinforcement Learning (m&#x2F;f&#x2F;d)\n€160.000+ | Full-Time | ONSITE", ""},
		{"a sentence above a pipe header", "46535464", "I have adapted our &quot;Stealth&quot; pitch to fit their strict format.\nStealth PropTech Startup | Boston, MA (or Remote) | Founding Full-Stack Engineer |", ""},
		{"a product after the dash", "47977154", "Fathom – AI Notetaker (fathom.ai)<p>", ""},
		{"a one-line paragraph that is a title", "46466223", "John Carroll University Faculty of Practice in Data Science<p>Cleveland OH | Onsite", ""},
		{"a reply at the top level", "48859053", "@janpieterz do you support remote work from Turkey please?", ""},
		{"nothing", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hnCompany(tt.text); got != tt.want {
				t.Errorf("hnCompany(%s: %.60q) = %q, want %q", tt.id, tt.text, got, tt.want)
			}
		})
	}
}

// TestHNThreadCompanyOfAHeaderBelowTheFirstLine checks the thread parser
// end to end: a pipe header under a first line of its own does not take
// that line into its company field.
func TestHNThreadCompanyOfAHeaderBelowTheFirstLine(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"a name alone above the header (47754408)", "Lucia Protocol\nRemote | Full time | https:&#x2F;&#x2F;www.luciaprotocol.com&#x2F;<p>We build", "Lucia Protocol"},
		{"a role above the header (47229571)", "Senior Machine Learning Engineer – LLM (m&#x2F;f&#x2F;d)\n€160.000+ | Full-Time | ONSITE<p>", ""},
		{"a one-line header", "Wave | On-Premises SRE | Remote (EMEA) | Permanent (Full-time)<p>We", "Wave"},
		{"a header wrapped onto a second line", "Acme | Platform Engineer | Berlin |\nFull-time | €90k<p>", "Acme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _ := json.Marshal(tt.text)
			body := []byte(`{"id":1,"children":[{"id":2,"author":"a","created_at":"2026-05-01T10:00:00Z","text":` + string(text) + `}]}`)
			posts, err := parseHNThread(body)
			if err != nil || len(posts) != 1 {
				t.Fatalf("parseHNThread: %d postings, %v", len(posts), err)
			}
			if posts[0].Company != tt.want {
				t.Errorf("company %q, want %q", posts[0].Company, tt.want)
			}
		})
	}
}
