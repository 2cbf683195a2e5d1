package resume

import (
	"regexp"
)

// certification is a credential that shows skills its name does not spell
// out (RHCSA is Red Hat Linux; CCNA is Cisco networking). It names the most
// specific skill; the taxonomy's parents of it are implied as for any
// named skill. Certifications that name their
// skill ("AWS Certified ...", "HashiCorp Terraform Associate") need no
// entry: the tagger finds the skill in the name.
type certification struct {
	re     *regexp.Regexp
	skills []string // taxonomy ids; those the taxonomy lacks are skipped
}

func newCertifications() []certification {
	c := func(pattern string, skills ...string) certification {
		// A name may end in "+" (Network+), after which \b finds no
		// boundary: the end is any non-word character or the line's end.
		return certification{regexp.MustCompile(`(?i)\b(?:` + pattern + `)(?:\W|$)`), skills}
	}
	return []certification{
		c(`RHCSA|RHCE|RHCA|Red Hat Certified`, "rhel"),
		c(`LFCS|LFCE|LPIC-?[123]|Linux\+|Linux Foundation Certified System Administrator`, "linux"),
		c(`CCNA|CCNP|CCIE`, "cisco"),
		c(`JNCIA|JNCIS|JNCIP|Network\+|CWNA`, "networking"),
		c(`CKA|CKAD|CKS|Certified Kubernetes`, "kubernetes"),
		c(`Security\+|CISSP|CISM|CCSP|OSCP|CEH|GIAC|GSEC`, "security"),
		c(`VCP(?:-DCV)?|VCAP|VMware Certified`, "vmware"),
		c(`AZ-(?:104|305|400|500|700|900)|Azure Administrator Associate|Azure Solutions Architect`, "azure"),
		c(`MCSA|MCSE`, "windows-server"),
		c(`Professional Cloud Architect|Associate Cloud Engineer|Professional Cloud DevOps Engineer`, "gcp"),
		c(`SysOps Administrator|Solutions Architect (?:Associate|Professional)`, "aws"),
		c(`ITIL`, "itsm-support"),
	}
}

// certSkills returns the taxonomy ids the certifications named in line
// stand for.
func certSkills(certs []certification, line string) []string {
	var ids []string
	for _, c := range certs {
		if c.re.MatchString(line) {
			ids = append(ids, c.skills...)
		}
	}
	return ids
}
