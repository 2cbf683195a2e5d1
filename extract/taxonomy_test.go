package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse"
)

func TestDefaultTaxonomy(t *testing.T) {
	tx, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	skills := tx.Skills()
	if len(skills) < 300 {
		t.Errorf("default taxonomy has %d skills, want ≥ 300", len(skills))
	}
	if !slices.IsSortedFunc(skills, func(a, b skillpulse.Skill) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Skills() not sorted by id")
	}
	// Ids the report layer keys on.
	for _, id := range []string{"aws", "gcp", "azure", "terraform", "cloudformation", "pulumi", "cdk",
		"linux", "networking", "security", "python", "bash", "docker", "kubernetes", "observability",
		"virtualization", "iam", "dns", "tcp-ip", "load-balancing", "firewalls", "go", "c", "cpp", "csharp",
		"vmware", "prometheus", "grafana", "datadog", "helm", "openshift", "ansible", "chef", "puppet", "salt",
		"packer", "rust", "java", "powershell", "ruby", "vault", "soc2", "iso27001", "pci-dss", "hipaa",
		"zero-trust", "siem", "pki", "secrets-management", "bgp", "ospf", "vpn", "cdn", "vlan", "sdn", "vpc",
		"kvm", "hyper-v", "proxmox", "xen", "vsphere", "postgresql", "mysql", "redis", "kafka",
		"incident-response", "on-call", "capacity-planning", "slos", "troubleshooting", "elk", "opentelemetry",
		"splunk", "new-relic"} {
		if _, ok := tx.Lookup(id); !ok {
			t.Errorf("default taxonomy lacks %q", id)
		}
	}
	for _, s := range skills {
		if !s.Category.Valid() {
			t.Errorf("%s: invalid category %q", s.ID, s.Category)
		}
	}
	eks, _ := tx.Lookup("eks")
	if !slices.Contains(eks.Parents, "kubernetes") || !slices.Contains(eks.Parents, "aws") {
		t.Errorf("eks parents = %v, want kubernetes and aws", eks.Parents)
	}
	if _, ok := tx.Lookup("no-such-skill"); ok {
		t.Error("Lookup of unknown id succeeded")
	}
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadTaxonomyErrors(t *testing.T) {
	base, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		body string
		want string // substring of the error, file:line included
	}{
		{"malformed yaml", "skills: [\n", "user.yaml"},
		{"unknown top key", "skils: []\n", "user.yaml:1: unknown key \"skils\""},
		{"unknown field", "skills:\n- id: x\n  name: X\n  category: tool\n  alias: [x]\n", "user.yaml:5: unknown field \"alias\""},
		{"bad id", "skills:\n- {id: Bad_Id, name: X, category: tool, aliases: [x]}\n", "user.yaml:2: skill id \"Bad_Id\""},
		{"bad category", "skills:\n- {id: x, name: X, category: food, aliases: [x]}\n", "user.yaml:2: skill \"x\": unknown category \"food\""},
		{"no aliases", "skills:\n- {id: x, name: X, category: tool}\n", "no aliases"},
		{"empty sentence veto", "skills:\n- {id: x, name: X, category: tool, exact: [Xx], rule: r, veto_sentence: [\"\"]}\n", "user.yaml:2: skill \"x\": a sentence veto is empty"},
		{"duplicate id in file", "skills:\n- {id: x, name: X, category: tool, aliases: [xx]}\n- {id: x, name: X, category: tool, aliases: [xy]}\n", "user.yaml:3: duplicate id \"x\" (first at line 2)"},
		{"duplicate alias", "skills:\n- {id: my-k8s, name: K, category: tool, aliases: [K8S]}\n", "user.yaml:2: alias \"K8S\" of \"my-k8s\" is already an alias of \"kubernetes\""},
		{"unknown parent", "skills:\n- {id: x, name: X, category: tool, aliases: [xx], parents: [nope]}\n", "user.yaml:2: skill \"x\": unknown parent \"nope\""},
		{"cycle", "skills:\n- {id: a1, name: A, category: tool, aliases: [aa1], parents: [b1]}\n- {id: b1, name: B, category: tool, aliases: [bb1], parents: [a1]}\n", "parent cycle"},
		{"self parent", "skills:\n- {id: a1, name: A, category: tool, aliases: [aa1], parents: [a1]}\n", "own parent"},
		{"veto without rule", "skills:\n- {id: x, name: X, category: tool, exact: [Xx], veto_next: [y]}\n", "needs a rule"},
		{"unknown guard", "skills:\n- {id: x, name: X, category: tool, exact: [Xx], guard: magic, rule: r}\n", "unknown guard \"magic\""},
		{"alias with a line break", "skills:\n- {id: x, name: X, category: tool, aliases: [\"foo\\nbar\"]}\n", "user.yaml:2: skill \"x\": alias \"foo\\nbar\" holds a line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "user.yaml", tt.body)
			_, err := LoadTaxonomy(base, p)
			if err == nil {
				t.Fatalf("LoadTaxonomy succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := LoadTaxonomy(base, filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file error = %v, want it to name the file", err)
	}
}

// TestLoadTaxonomyRefusesHugeFiles checks that a taxonomy file past
// MaxTaxonomyFile, or one that never ends (/dev/zero), is refused by its
// size, naming it, rather than read into memory whole.
func TestLoadTaxonomyRefusesHugeFiles(t *testing.T) {
	big := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxTaxonomyFile+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	for _, f := range []string{big, "/dev/zero"} {
		if _, err := LoadTaxonomy(nil, f); err == nil || !strings.Contains(err.Error(), f+" is over 8 MiB") {
			t.Errorf("LoadTaxonomy(%s) = %v, want it refused by its size", f, err)
		}
	}
}

func TestLoadTaxonomyOverride(t *testing.T) {
	base, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, "user.yaml", `skills:
# Replace terraform's aliases; add a new skill under it.
- {id: terraform, name: Terraform (ours), category: iac, parents: [iac], aliases: [terraform, tf]}
- {id: acme-deployer, name: Acme Deployer, category: cicd, parents: [ci-cd], aliases: [acme deployer]}
`)
	tx, err := LoadTaxonomy(base, p)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := tx.Lookup("terraform"); s.Name != "Terraform (ours)" {
		t.Errorf("terraform not overridden: %+v", s)
	}
	if len(tx.Skills()) != len(base.Skills())+1 {
		t.Errorf("skills = %d, want base+1 = %d", len(tx.Skills()), len(base.Skills())+1)
	}
	g := NewTagger(tx)
	tags := g.TagDocument("Requirements:\n- TF and the Acme Deployer\n")
	for _, id := range []string{"terraform", "acme-deployer"} {
		if _, ok := mentionOf(tags, id); !ok {
			t.Errorf("no %s mention with the user taxonomy: %v", id, ids(tags))
		}
	}
	if !slices.ContainsFunc(tags.Implied, func(m skillpulse.Implied) bool { return m.SkillID == "ci-cd" }) {
		t.Errorf("the user taxonomy's parent ci-cd is not implied: %+v", tags.Implied)
	}
	// The base is untouched.
	if s, _ := base.Lookup("terraform"); s.Name == "Terraform (ours)" {
		t.Error("LoadTaxonomy modified its base")
	}
	if base.Hash() == tx.Hash() {
		t.Error("overriding an entry did not change the taxonomy hash")
	}
	again, _ := DefaultTaxonomy()
	if base.Hash() != again.Hash() {
		t.Error("the same taxonomy hashed differently")
	}
	if got := tx.Aliases("terraform"); strings.Join(got, ",") != "terraform,tf" {
		t.Errorf("Aliases(terraform) = %v", got)
	}
	if got := base.Aliases("go"); !slices.Contains(got, "Go") || !slices.Contains(got, "golang") {
		t.Errorf("Aliases(go) = %v, want golang and Go", got)
	}
	empty, err := LoadTaxonomy(nil)
	if err != nil || len(empty.Skills()) != 0 {
		t.Errorf("LoadTaxonomy(nil) = %d skills, %v; want empty", len(empty.Skills()), err)
	}
}

// TestParentsFollowTheRule: a parent is what a skill is a kind of or runs
// on (see the top of taxonomy.yaml). The links here were reviewed and
// removed (issue #11); they must not come back.
func TestParentsFollowTheRule(t *testing.T) {
	tx, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	notParents := map[string][]string{
		"typescript": {"javascript"}, "linux": {"unix"}, "kotlin": {"java"}, "scala": {"java"},
		"groovy": {"java"}, "clojure": {"java"}, "nodejs": {"javascript"}, "react": {"javascript"},
		"vue": {"javascript"}, "angular": {"javascript"}, "pagerduty": {"on-call"}, "slos": {"sre"},
		"sonarqube": {"ci-cd"}, "artifactory": {"ci-cd"}, "service-catalog": {"platform-engineering"},
		"juniper": {"cisco"}, "arista": {"cisco"}, "ldap": {"active-directory"},
		"cuda": {"mlops"}, "gpu": {"mlops"}, "slurm": {"mlops"}, "ray": {"mlops"},
		"scylladb": {"cassandra"}, "loki": {"grafana"}, "mimir": {"grafana"}, "tempo": {"grafana"},
	}
	for id, bad := range notParents {
		s, ok := tx.Lookup(id)
		if !ok {
			t.Errorf("%s is not in the taxonomy", id)
			continue
		}
		for _, p := range bad {
			if slices.Contains(tx.Ancestors(id), p) {
				t.Errorf("%s has %s among its ancestors (parents %v): it is not a kind of it and does not run on it", id, p, s.Parents)
			}
		}
	}

}
