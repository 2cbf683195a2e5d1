package demo

import "strings"

// The postings of the demo boards. Every company, person, address and
// posting here is fictional and was written for the demo; the shapes follow
// the real APIs (see boards_gen_test.go). After editing, regenerate the
// files with: go test ./demo -run TestBoardFiles -update
//
// Night 2 is night 1 with exactly three changes, made in night2():
//   - ferrous (Lever) "DevOps Engineer": description changed (same id);
//   - northwind (Greenhouse) "Cloud Infrastructure Engineer": removed;
//   - tidepool (Greenhouse) "Platform Engineer, Data Infrastructure": added.

func night1() authoredNight {
	return authoredNight{
		greenhouse: []ghBoard{northwind(), tidepool(false), graniteRidge()},
		lever:      []lvSite{ferrous(false)},
	}
}

func night2() authoredNight {
	nw := northwind()
	kept := nw.Jobs[:0]
	for _, j := range nw.Jobs {
		if j.ID != northwindCloudInfraID {
			kept = append(kept, j)
		}
	}
	nw.Jobs = kept
	return authoredNight{
		greenhouse: []ghBoard{nw, tidepool(true), graniteRidge()},
		lever:      []lvSite{ferrous(true)},
	}
}

// Identifiers the night-2 changes refer to; the tests check them too.
const (
	northwindCloudInfraID = 7401220021
	tidepoolAddedID       = 5530918004
	ferrousChangedID      = "dcc54543-354a-44d2-8843-8a2361a99594"
)

// section is one headed part of a Greenhouse description.
type section struct {
	Heading string
	Paras   []string
	Items   []string
}

func ul(items []string) string {
	return "<ul>\n<li>" + strings.Join(items, "</li>\n<li>") + "</li>\n</ul>"
}

func render(heading func(string) string, secs []section) string {
	var parts []string
	for _, s := range secs {
		parts = append(parts, heading(s.Heading))
		for _, p := range s.Paras {
			parts = append(parts, "<p>"+p+"</p>")
		}
		if len(s.Items) > 0 {
			parts = append(parts, ul(s.Items))
		}
	}
	return strings.Join(parts, "\n")
}

// ---------------------------------------------------------------------------
// northwind: Greenhouse board of Northwind Labs, a logistics software company
// on AWS. Headings are <h2><strong>…</strong></h2>.

func northwindPage(secs ...section) string {
	h := func(s string) string { return "<h2><strong>" + s + "</strong></h2>" }
	intro := "<h2>About Northwind Labs</h2>\n" +
		"<p>Northwind Labs builds the routing and dispatch software that moves freight for more than 900 regional carriers. " +
		"Every day our platform plans around 40,000 truck routes, prices loads in real time and keeps drivers, shippers and warehouses looking at the same picture. " +
		"We are a Series C funded company of about 260 people, split between Chicago, Denver and remote teammates across North America.</p>\n" +
		"<p>&nbsp;</p>"
	benefits := h("What we offer") + "\n" + ul([]string{
		"Competitive salary, equity, and a 401(k) match of 4%",
		"Medical, dental and vision plans with 100% of premiums covered for you and 75% for dependents",
		"Choose a macOS or Windows laptop on your first day, plus a $1,000 home office budget",
		"Flexible PTO with a 15-day minimum we actually track, and a week-long company shutdown in December",
		"A $1,500 yearly learning budget for conferences, books and certifications",
		"Paid parental leave of 16 weeks for every parent",
	}) + "\n<p>Curious how we work? Much of our tooling is open source at <a href=\"https://github.com/northwind-labs\">https://github.com/northwind-labs</a>.</p>\n" +
		"<p><em>Northwind Labs is an equal opportunity employer. We do not discriminate on the basis of race, religion, color, national origin, sex, sexual orientation, gender identity, age, veteran status or disability.</em></p>"
	return intro + "\n" + render(h, secs) + "\n" + benefits
}

func northwind() ghBoard {
	tech := ghDepartment{ID: 4410230003, Name: "Engineering"}
	design := ghDepartment{ID: 4410231003, Name: "Product & Design"}
	chicago := ghOffice{ID: 4102200003, Name: "Chicago", Location: "Chicago, Illinois, United States"}
	remote := ghOffice{ID: 4102201003, Name: "Remote - US", Location: "United States"}
	denver := ghOffice{ID: 4102202003, Name: "Denver", Location: "Denver, Colorado, United States"}
	return ghBoard{
		Token:   "northwind",
		Company: "Northwind Labs",
		JobURL:  "https://job-boards.greenhouse.io/northwind/jobs/%d",
		Jobs: []ghJob{
			{
				ID: 7401220003, InternalID: 6512340003, Title: "Site Reliability Engineer", Location: "Chicago, IL; Remote - US",
				Requisition: "ENG-214", Updated: "2026-11-18T10:42:07-05:00", Published: "2026-10-29T09:15:44-04:00",
				Department: tech, Office: chicago,
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"Our dispatch API answers about 3,000 requests a second at peak, and a carrier whose trucks sit idle for ten minutes notices before we do. " +
							"As a Site Reliability Engineer on the Reliability team you will own the availability of the services that plan and price routes, " +
							"set the SLOs that product teams build against, and make our on-call rotation something people are not afraid of. " +
							"You will split your time between engineering work that removes whole classes of incidents and hands-on operations when things do go wrong.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Define service level objectives with product teams and build the Prometheus recording rules, Grafana dashboards and burn-rate alerts behind them",
						"Join a 1-in-6 on-call rotation for production, lead incident response as incident commander, and write blameless postmortems that lead to real fixes",
						"Run and upgrade our Amazon EKS clusters and the Terraform that describes them, including node pools, autoscaling and cluster add-ons",
						"Tune PostgreSQL on Amazon RDS with the data team: connection pooling, replicas, failover drills",
						"Write small services and tooling in Go or Python that automate toil away, from capacity reports to safe rollback buttons",
						"Run quarterly game days and chaos experiments against staging and, carefully, production",
					}},
					section{Heading: "What you'll need", Items: []string{
						"4+ years of experience in SRE, production engineering or infrastructure roles running customer-facing services",
						"Solid experience operating workloads on AWS (EC2, EKS, RDS, ELB, Route 53)",
						"2+ years running Kubernetes in production, and comfort debugging pods, networking and scheduling issues",
						"Hands-on Terraform experience; you have written modules, not only applied them",
						"Strong Linux troubleshooting skills: processes, memory, file systems, TCP, and reading strace output when you must",
						"Proficiency in Go or Python for automation and tooling",
						"Experience with Prometheus and Grafana, or an equivalent metrics stack",
						"Calm, clear communication during incidents",
					}},
					section{Heading: "Nice to have", Items: []string{
						"Experience with Kafka or another event streaming platform in production",
						"Familiarity with Datadog or OpenTelemetry tracing",
						"Experience with load testing tools such as k6 or Locust",
					}},
				),
			},
			{
				ID: 7401220011, InternalID: 6512340011, Title: "Senior Platform Engineer", Location: "Remote - US",
				Requisition: "ENG-221", Updated: "2026-11-20T16:03:51-05:00", Published: "2026-11-03T11:30:12-05:00",
				Department: tech, Office: remote,
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"The Platform team builds the paved road that 70 product engineers use to ship: service templates, CI/CD pipelines, Kubernetes clusters and the self-service tooling around them. " +
							"We want a senior engineer who treats the platform as a product, talks to its users every week and measures success in how fast a new service reaches production safely. " +
							"You will lead the design of our next-generation deployment system and mentor two mid-level engineers.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Design and build an internal developer platform on Kubernetes, with Helm charts and Argo CD for GitOps delivery",
						"Own the Terraform module library that provisions AWS accounts, networks and data stores for product teams",
						"Replace hand-written CI pipelines with reusable GitHub Actions workflows that build, scan and sign Docker images",
						"Write Go services and Kubernetes operators where configuration alone is not enough",
						"Set technical direction for the platform with the staff engineer and the engineering director",
						"Mentor engineers on the team and review designs across the organization",
					}},
					section{Heading: "What you'll need", Items: []string{
						"6+ years of software or infrastructure engineering experience, including 3+ years building internal platforms",
						"Deep Kubernetes knowledge: controllers, RBAC, resource management, upgrades",
						"3+ years of Terraform, ideally maintaining shared modules used by other teams",
						"Strong Go programming skills; you are comfortable shipping production Go code",
						"Experience with AWS at scale, including multi-account setups",
						"Experience with Docker and container image supply chains",
					}},
					section{Heading: "Bonus points", Items: []string{
						"Experience with Pulumi, Crossplane or the AWS CDK",
						"Open Policy Agent or Kyverno for admission control",
						"Contributions to open source infrastructure projects",
					}},
				),
			},
			{
				ID: northwindCloudInfraID, InternalID: 6512340021, Title: "Cloud Infrastructure Engineer", Location: "Denver, CO",
				Requisition: "ENG-198", Updated: "2026-11-12T08:27:33-05:00", Published: "2026-09-30T13:02:09-04:00",
				Department: tech, Office: denver,
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"We grew up on a single AWS account and a pile of CloudFormation stacks. Today we run 40 accounts, and the templates that made sense in 2021 now slow everyone down. " +
							"As a Cloud Infrastructure Engineer you will lead the migration of our remaining CloudFormation stacks to Terraform, tighten IAM across the organization and help us prepare a second region for disaster recovery. " +
							"This is a hands-on role for someone who likes leaving things tidier than they found them.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Migrate CloudFormation stacks to Terraform without downtime, importing live resources and proving plans are empty",
						"Design VPC layouts, Transit Gateway attachments and security groups for new workloads",
						"Manage IAM roles, permission boundaries and service control policies with least privilege in mind",
						"Automate account vending and guardrails with Python and AWS Control Tower",
						"Build the runbooks and infrastructure for a warm standby region",
					}},
					section{Heading: "What you'll need", Items: []string{
						"3+ years of hands-on AWS experience: VPC, IAM, EC2, S3, RDS, CloudWatch",
						"2+ years of Terraform and working knowledge of CloudFormation",
						"Scripting skills in Python or Bash",
						"Good understanding of networking fundamentals: subnets, routing, NAT, DNS",
						"Ability to explain trade-offs in writing to engineers and managers",
					}},
					section{Heading: "Nice to have", Items: []string{
						"Exposure to GCP or Azure",
						"AWS Certified Solutions Architect or SysOps Administrator certification",
						"Experience with cost optimization and FinOps tooling",
					}},
				),
			},
			{
				ID: 7401220034, InternalID: 6512340034, Title: "Network Engineer", Location: "Chicago, IL",
				Requisition: "ENG-205", Updated: "2026-11-16T14:11:45-05:00", Published: "2026-10-14T10:48:20-04:00",
				Department: tech, Office: chicago,
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"Northwind still runs a colocation footprint in two Chicago data centers next to our AWS regions: our largest carriers connect to us over private lines, and telematics from 60,000 trucks lands there first. " +
							"We are looking for a Network Engineer to own that hybrid network end to end, from BGP sessions with our transit providers to the firewalls in front of the dispatch API, and to automate what is still configured by hand.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Operate and evolve our data center network: BGP with two upstream providers, OSPF internally, and AWS Direct Connect into our VPCs",
						"Manage Palo Alto firewalls, F5 and HAProxy load balancers, and the DNS zones behind our public and internal services",
						"Automate configuration and compliance checks with Ansible and Python, and keep the network source of truth in NetBox accurate",
						"Troubleshoot latency and packet loss with carriers' network teams, sometimes at 2 a.m. as part of a light on-call rotation",
						"Plan capacity and lead hardware refreshes",
					}},
					section{Heading: "What you'll need", Items: []string{
						"5+ years of experience as a network engineer in production environments",
						"Strong knowledge of BGP, OSPF, VLANs and TCP/IP troubleshooting",
						"Experience with enterprise firewalls and load balancers",
						"Working knowledge of AWS networking: VPC, Transit Gateway, Direct Connect",
						"Automation experience with Python and Ansible",
						"CCNP or equivalent experience",
					}},
					section{Heading: "Nice to have", Items: []string{
						"Comfort on the Linux command line",
						"Terraform for cloud network resources",
						"Kubernetes networking with Cilium or Calico",
					}},
				),
			},
			{
				ID: 7401220042, InternalID: 6512340042, Title: "Infrastructure Security Engineer", Location: "Remote - US",
				Requisition: "SEC-031", Updated: "2026-11-19T09:56:18-05:00", Published: "2026-11-05T15:20:37-05:00",
				Department: tech, Office: remote,
				Metadata: []ghMetadata{{ID: 9920011003, Name: "Clearance Required", Value: "No", ValueType: "single_select"}},
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"Shippers trust us with rates, routes and customer addresses, and our SOC 2 Type II report is part of every enterprise deal. " +
							"As our first Infrastructure Security Engineer you will make the secure path the easy path: secrets that never touch a laptop, short-lived credentials everywhere, and guardrails that catch mistakes in review instead of in production. " +
							"You will work inside the infrastructure group rather than beside it.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Roll out HashiCorp Vault for secrets and dynamic database credentials across our services",
						"Own our public key infrastructure and TLS everywhere, including mTLS between services",
						"Review IAM policies and Terraform changes, and build automated checks with tools like Checkov and tfsec",
						"Harden Kubernetes clusters: pod security, network policies, image signing",
						"Lead the technical side of SOC 2 audits and turn audit findings into engineering work",
						"Take part in security incident response",
					}},
					section{Heading: "What you'll need", Items: []string{
						"5+ years in security engineering, infrastructure or SRE roles, with at least 2 focused on cloud security",
						"Deep understanding of AWS IAM, KMS and organization-level controls",
						"Experience operating Vault or a comparable secrets manager",
						"Solid knowledge of TLS, certificates and PKI",
						"Ability to read and write Terraform",
						"Programming skills in Python or Go",
						"Experience preparing for SOC 2 or ISO 27001 audits",
					}},
					section{Heading: "Nice to have", Items: []string{
						"Kubernetes security experience",
						"Experience with a SIEM or Datadog Cloud SIEM",
						"OSCP, CISSP or similar certifications",
					}},
				),
			},
			{
				ID: 7401220057, InternalID: 6512340057, Title: "DevOps Engineer (Build & Release)", Location: "Denver, CO; Remote - US",
				Requisition: "ENG-227", Updated: "2026-11-21T11:19:02-05:00", Published: "2026-11-10T09:05:55-05:00",
				Department: tech, Office: denver,
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"A full build of our monorepo takes 38 minutes and engineers feel every one of them. " +
							"The Build &amp; Release team exists to make shipping boring: fast builds, reproducible artifacts and deploys that nobody has to babysit. " +
							"We are hiring a DevOps Engineer to own our CI/CD system day to day and to lead the work of cutting build times in half.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Maintain and speed up our CI pipelines in GitHub Actions and the remaining Jenkins jobs we are retiring",
						"Build and publish Docker images, and manage our container registry and artifact retention",
						"Automate release workflows with Bash and Python, including changelogs and feature-flag rollouts",
						"Manage the CI runner fleet on AWS with Terraform, with autoscaling and spot instances",
						"Help engineers debug flaky tests and slow builds",
					}},
					section{Heading: "Requirements", Items: []string{
						"3+ years of experience in DevOps, build or release engineering",
						"Strong experience with GitHub Actions or Jenkins",
						"Proficiency with Docker",
						"Scripting skills in Bash and Python",
						"Experience with Terraform and AWS",
					}},
					section{Heading: "Bonus points", Items: []string{
						"Experience with Bazel or another build system with remote caching",
						"Kubernetes and Helm experience",
						"Experience with artifact signing and SBOMs",
					}},
				),
			},
			{
				ID: 7401220065, InternalID: 6512340065, Title: "Product Designer", Location: "Chicago, IL",
				Requisition: "DES-012", Updated: "2026-11-17T12:34:09-05:00", Published: "2026-10-21T14:40:26-04:00",
				Department: design, Office: chicago,
				HTML: northwindPage(
					section{Heading: "About the role", Paras: []string{
						"Dispatchers spend ten hours a day in our product, often with a phone on each ear. " +
							"We are looking for a Product Designer to join the Dispatch squad and redesign the live load board, the screen where dispatchers match loads to drivers. " +
							"You will work with a product manager and six engineers, spend time in carrier offices watching real work, and ship improvements every two weeks. " +
							"Your work will also shape the settings console that our customers' IT teams use to connect Northwind to their ERP and cloud platforms.",
					}},
					section{Heading: "What you'll do", Items: []string{
						"Lead design for the load board from research through high-fidelity prototypes in Figma",
						"Run usability sessions with dispatchers and drivers, on site and remote",
						"Contribute to and extend our design system",
						"Partner with engineers during implementation and review what ships",
					}},
					section{Heading: "What you'll need", Items: []string{
						"4+ years of product design experience on complex B2B software",
						"A portfolio that shows your process as well as polished screens",
						"Strong interaction design and information design skills",
						"Experience with Figma and prototyping tools",
					}},
					section{Heading: "Nice to have", Items: []string{
						"Experience designing data-dense or real-time operational tools",
						"Familiarity with logistics, transportation or field operations",
					}},
				),
			},
		},
	}
}

// ---------------------------------------------------------------------------
// tidepool: Greenhouse board of Tidepool Health, a clinical data company
// running on Azure and its own data centers. Content starts with a board
// intro div and ends with a conclusion div, as boards with both configured do.

func tidepoolPage(secs ...section) string {
	h := func(s string) string { return "<h2>" + s + "</h2>" }
	intro := "<div class=\"content-intro\"><p>Tidepool Health connects 300 hospitals and clinics to a shared clinical data platform, so that a lab result in one system shows up in the chart of another within seconds. " +
		"Our software handles protected health information for 11 million patients, which is why we run a hybrid estate: Azure for most workloads and two of our own data centers for the hospitals that require it.</p></div>"
	why := h("Why Tidepool") + "\n" +
		"<p>We are a team of 180 people in Minneapolis and Toronto, and we take sustainable pace seriously: on-call is compensated, and nobody is expected to answer messages on weekends.</p>\n" +
		ul([]string{
			"Health, dental and vision coverage from day one, including mental health support",
			"RRSP or 401(k) matching up to 5%",
			"Choose a macOS or Windows laptop, and a yearly stipend for home office equipment",
			"Four weeks of vacation plus your birthday off",
			"A hybrid schedule: two days a week in the office, with a catered lunch from our in-house chef",
		})
	outro := "<div class=\"content-conclusion\"><p>Tidepool Health is committed to an inclusive hiring process. If you need an accommodation at any stage, write to <a href=\"mailto:jobs@tidepool.example\">jobs@tidepool.example</a> and we will make it work.</p></div>"
	return intro + "\n" + render(h, secs) + "\n" + why + "\n" + outro
}

func tidepool(withAdded bool) ghBoard {
	eng := ghDepartment{ID: 4077120004, Name: "Infrastructure & Operations"}
	sales := ghDepartment{ID: 4077121004, Name: "Sales"}
	mpls := ghOffice{ID: 4011850004, Name: "Minneapolis", Location: "Minneapolis, Minnesota, United States"}
	toronto := ghOffice{ID: 4011851004, Name: "Toronto", Location: "Toronto, Ontario, Canada"}
	fullTime := []ghMetadata{{ID: 8830014004, Name: "Employment Type", Value: "Full-time", ValueType: "single_select"}}
	jobs := []ghJob{
		{
			ID: 5530918001, InternalID: 4470231004, Title: "DevOps Engineer", Location: "Minneapolis, MN (Hybrid)",
			Requisition: "R-1102", Updated: "2026-11-19T13:22:40-06:00", Published: "2026-10-27T10:05:17-05:00",
			Department: eng, Office: mpls, Metadata: fullTime,
			HTML: tidepoolPage(
				section{Heading: "About the role", Paras: []string{
					"Our application teams deploy to Azure Kubernetes Service dozens of times a day, and every pipeline has to prove that patient data stays where it should. " +
						"As a DevOps Engineer you will own the delivery pipelines and the Azure landing zones they deploy into, working closely with our compliance team so that HIPAA controls are built in rather than bolted on.",
				}},
				section{Heading: "Responsibilities", Items: []string{
					"Build and maintain CI/CD pipelines in Azure DevOps for about 45 services",
					"Provision Azure resources with Terraform: AKS clusters, Azure SQL, Key Vault, virtual networks and private endpoints",
					"Containerize legacy .NET and Java services with Docker and move them onto Kubernetes",
					"Write automation in Bash and PowerShell for the tasks that fall between tools",
					"Support engineers with build and deployment issues, and take part in a business-hours support rotation",
				}},
				section{Heading: "Requirements", Items: []string{
					"3+ years in a DevOps or infrastructure engineering role",
					"Hands-on experience with Microsoft Azure, especially AKS and networking",
					"2+ years of Terraform",
					"Experience with Docker and Kubernetes in production",
					"Scripting in Bash and PowerShell",
					"Experience with Azure DevOps Pipelines or GitHub Actions",
				}},
				section{Heading: "Bonus points", Items: []string{
					"Helm chart authoring",
					"Azure Bicep or ARM templates",
					"Experience in a regulated environment (HIPAA, SOC 2, HITRUST)",
					"AZ-104 or AZ-400 certification",
				}},
			),
		},
		{
			ID: 5530918002, InternalID: 4470232004, Title: "Systems Engineer", Location: "Minneapolis, MN",
			Requisition: "R-1087", Updated: "2026-11-14T09:48:11-06:00", Published: "2026-10-08T08:30:00-05:00",
			Department: eng, Office: mpls, Metadata: fullTime,
			HTML: tidepoolPage(
				section{Heading: "About the role", Paras: []string{
					"Twelve of our hospital customers require their data to stay in facilities we control, so we run two data centers with about 600 virtual machines on VMware vSphere and a growing KVM cluster. " +
						"We are looking for a Systems Engineer to keep that estate healthy, to lead our move from vSphere to KVM for new capacity, and to help connect it cleanly to our Azure environment.",
				}},
				section{Heading: "Responsibilities", Items: []string{
					"Administer VMware vSphere and KVM hosts, storage and backups across two data centers",
					"Build and patch Red Hat Enterprise Linux servers with Ansible, and keep configuration drift at zero",
					"Maintain core services: DNS, DHCP, NTP, LDAP and internal certificate authorities",
					"Work with the network team on VLANs, firewall rules and site-to-site VPNs to Azure",
					"Support PostgreSQL and SQL Server hosts with the database team",
					"Participate in a weekly on-call rotation for the data centers",
				}},
				section{Heading: "Requirements", Items: []string{
					"5+ years of Linux systems administration or systems engineering, ideally with RHEL",
					"3+ years of experience with VMware vSphere, KVM or another hypervisor in production",
					"Experience with Ansible or a similar configuration management tool",
					"Good understanding of networking: TCP/IP, DNS, DHCP, VLANs",
					"Experience with backup and disaster recovery procedures",
				}},
				section{Heading: "Bonus points", Items: []string{
					"Experience with Microsoft Azure hybrid services",
					"Scripting in Python",
					"Storage experience with Ceph or NetApp",
					"RHCE certification",
				}},
			),
		},
		{
			ID: 5530918003, InternalID: 4470233004, Title: "Senior Site Reliability Engineer", Location: "Toronto, ON (Hybrid)",
			Requisition: "R-1110", Updated: "2026-11-21T15:37:26-05:00", Published: "2026-11-04T09:12:48-05:00",
			Department: eng, Office: toronto, Metadata: fullTime,
			HTML: tidepoolPage(
				section{Heading: "About the role", Paras: []string{
					"Every clinical message we receive flows through Kafka and lands in PostgreSQL, and a delay of a few minutes can mean a clinician acting on stale data. " +
						"As a Senior Site Reliability Engineer you will own the reliability of that pipeline, lead our incident response practice and raise the operational bar across engineering. " +
						"You will report to the Director of Infrastructure and work with every product team.",
				}},
				section{Heading: "Responsibilities", Items: []string{
					"Own the reliability of our Kafka clusters and the PostgreSQL fleet behind the clinical data platform",
					"Define SLOs and alerting in Datadog, and retire alerts nobody acts on",
					"Lead incident response and the postmortem process; coach others to become incident commanders",
					"Improve our Kubernetes platform and the Terraform that manages it, with the DevOps team",
					"Build reliability tooling in Go or Python",
					"Plan capacity for growth and for the next hospital onboarding wave",
				}},
				section{Heading: "Requirements", Items: []string{
					"6+ years in SRE, infrastructure or backend roles with production responsibility",
					"Experience operating Kafka at scale",
					"Strong PostgreSQL operations knowledge: replication, vacuum, query tuning",
					"3+ years of Terraform",
					"Production Kubernetes experience",
					"Proficiency in Go or Python",
					"Experience with Datadog or a comparable observability platform",
					"Experience leading on-call and incident response",
				}},
				section{Heading: "Bonus points", Items: []string{
					"Azure or GCP experience",
					"Linux performance analysis with perf or eBPF tools",
					"Experience with HL7 or FHIR integrations",
				}},
			),
		},
		{
			ID: 5530918005, InternalID: 4470235004, Title: "Linux Systems Administrator", Location: "Minneapolis, MN",
			Requisition: "R-1094", Updated: "2026-11-13T10:03:59-06:00", Published: "2026-10-16T11:25:31-05:00",
			Department: eng, Office: mpls, Metadata: fullTime,
			HTML: tidepoolPage(
				section{Heading: "About the role", Paras: []string{
					"Our data center servers run the interfaces that hospitals connect to, and they need to be patched, monitored and boring. " +
						"As a Linux Systems Administrator you will handle day-to-day operations of around 400 Linux servers, own our patching cadence and help us replace shell scripts written years ago with Ansible roles that anyone on the team can read.",
				}},
				section{Heading: "Responsibilities", Items: []string{
					"Administer Red Hat Enterprise Linux and Ubuntu servers, physical and virtual on KVM",
					"Run monthly patching and emergency security updates with minimal downtime",
					"Manage BIND DNS, host firewalls with nftables and iptables, and SSH access",
					"Write and maintain Ansible roles and Bash scripts",
					"Monitor systems with Prometheus and Grafana and respond to alerts",
					"Document procedures so that any teammate can follow them",
				}},
				section{Heading: "Requirements", Items: []string{
					"3+ years of Linux system administration in production",
					"Strong Bash scripting",
					"Experience with Ansible",
					"Working knowledge of DNS, firewalls and TCP/IP networking",
					"Experience with KVM or another virtualization platform",
				}},
				section{Heading: "Bonus points", Items: []string{
					"Python scripting",
					"VMware vSphere experience",
					"RHCSA or RHCE certification",
				}},
			),
		},
		{
			ID: 5530918007, InternalID: 4470237004, Title: "Account Executive, Cloud", Location: "Toronto, ON",
			Requisition: "R-1099", Updated: "2026-11-18T12:55:14-05:00", Published: "2026-10-22T13:48:02-04:00",
			Department: sales, Office: toronto, Metadata: fullTime,
			HTML: tidepoolPage(
				section{Heading: "About the role", Paras: []string{
					"Tidepool Cloud is our managed offering for health systems that want our platform without running it themselves. " +
						"As an Account Executive you will own new business with mid-sized health systems in Canada and the US Midwest, from first call to signed contract. " +
						"Your buyers are CIOs and infrastructure leaders weighing us against building on AWS, Azure or GCP themselves, so you should be comfortable talking about cloud architecture at a high level, " +
						"though you will always have a solutions engineer beside you for the deep questions about Kubernetes, Terraform or data residency.",
				}},
				section{Heading: "Responsibilities", Items: []string{
					"Build and manage a pipeline of new health system accounts",
					"Run discovery, demos and commercial negotiations with a solutions engineer",
					"Forecast accurately in Salesforce",
					"Represent Tidepool at regional health IT events",
				}},
				section{Heading: "Requirements", Items: []string{
					"5+ years of B2B SaaS sales experience with a record of meeting quota",
					"Experience selling to IT or infrastructure buyers",
					"Experience with long, multi-stakeholder sales cycles",
				}},
				section{Heading: "Bonus points", Items: []string{
					"Healthcare or health IT sales experience",
					"Familiarity with cloud platforms such as AWS or Azure",
				}},
			),
		},
	}
	if withAdded {
		jobs = append(jobs, ghJob{
			ID: tidepoolAddedID, InternalID: 4470234004, Title: "Platform Engineer, Data Infrastructure", Location: "Toronto, ON (Hybrid)",
			Requisition: "R-1121", Updated: "2026-11-25T08:14:33-05:00", Published: "2026-11-25T08:14:33-05:00",
			Department: eng, Office: toronto, Metadata: fullTime,
			HTML: tidepoolPage(
				section{Heading: "About the role", Paras: []string{
					"Our analytics customers want de-identified data sets delivered on a schedule, and the pipelines that build them have outgrown a single team's cron jobs. " +
						"We are hiring a Platform Engineer to build the data infrastructure platform those pipelines run on: streaming ingestion, storage, and self-service provisioning for data engineers. " +
						"We are piloting Pulumi for this platform and would like your opinion on it.",
				}},
				section{Heading: "Responsibilities", Items: []string{
					"Provision data infrastructure on Azure and GCP with Pulumi and Terraform",
					"Operate Kafka topics, connectors and schema registry for data teams",
					"Run PostgreSQL and object storage for analytical workloads",
					"Build self-service tooling in Python so data engineers can create pipelines without a ticket",
					"Deploy services to Kubernetes with Helm",
				}},
				section{Heading: "Requirements", Items: []string{
					"4+ years in platform, infrastructure or data engineering",
					"Infrastructure as code experience with Pulumi or Terraform",
					"Experience with Azure or GCP",
					"Operational experience with Kafka and PostgreSQL",
					"Proficiency in Python",
					"Experience with Kubernetes",
				}},
				section{Heading: "Bonus points", Items: []string{
					"Go programming",
					"Experience with Helm and Argo CD",
					"Familiarity with de-identification techniques for health data",
				}},
			),
		})
	}
	return ghBoard{
		Token:   "tidepool",
		Company: "Tidepool Health",
		JobURL:  "https://tidepool.example/careers/openings?gh_jid=%d",
		Jobs:    jobs,
	}
}

// ---------------------------------------------------------------------------
// ferrous: Lever site of Ferrous, an edge compute and CDN company running
// bare metal in 30 points of presence plus GCP for its control plane.

func ferrous(changed bool) lvSite {
	opening := "<div><b>Ferrous</b> runs an edge network in 30 cities that serves about 2 million requests a second for online stores, game studios and news sites. " +
		"We operate our own bare metal servers in every point of presence and run our control plane on Google Cloud.&nbsp;</div>" +
		"<div>We are a team of 95 people, mostly engineers, with hubs in Lisbon and Berlin and teammates across Europe.</div>"
	additional := "<div><b>What we offer</b></div>" +
		"<div>A salary within the range shown on this posting, stock options, and 30 days of paid holiday.</div>" +
		"<div>Choose a macOS or Windows laptop, and we will ship you a monitor and chair wherever you work in Europe.</div>" +
		"<div>A learning budget of €1,500 a year and a week of hack time every quarter.</div>" +
		"<div><br></div>" +
		"<div>We are Series B funded and profitable in our core markets. Read about our infrastructure on our engineering blog at https://ferrous.example/blog, and send questions to careers@ferrous.example.</div>" +
		"<div><br></div>" +
		"<div>Ferrous is an equal opportunity employer and welcomes applicants from every background.</div>"
	lisbon := []string{"Lisbon, Portugal", "Berlin, Germany", "Remote - Europe"}
	base := func(id, title string, created int64, team, workplace string) lvPosting {
		return lvPosting{
			ID: id, Title: title, CreatedAt: created,
			Commitment: "Full-time", Department: "Engineering", Team: team,
			Location: "Lisbon, Portugal", AllLocations: lisbon, Country: "PT", Workplace: workplace,
		}
	}

	sre := base("3aeab3e2-e5fb-4a3f-bbca-e70d7da8373e", "Site Reliability Engineer", 1761560231418, "Reliability", "hybrid")
	sre.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>When a point of presence degrades, traffic has to move elsewhere before customers notice. Our Reliability team builds the health checks, traffic steering and alerting that make that happen, and it runs the incident process for the whole company. " +
		"You will join a team of five SREs, take part in on-call, and spend most of your time on engineering that makes on-call quieter.</div>"
	sre.Lists = []lvList{
		{"What you'll do", []string{
			"Build and run the monitoring for 30 points of presence with Prometheus, Thanos and Grafana",
			"Write Go services for health checking and automated traffic failover",
			"Take part in on-call (one week in six) and lead incident response and postmortems",
			"Operate the Kubernetes clusters on GCP that run our control plane",
			"Work with the Systems team on Linux kernel and NIC tuning for our edge servers",
		}},
		{"What you'll need", []string{
			"3+ years in SRE or production engineering",
			"Strong Linux fundamentals: networking stack, systemd, performance tools",
			"Production experience with Kubernetes",
			"Experience with Prometheus and Grafana",
			"Programming skills in Go",
			"Experience with GCP or another major cloud",
			"Experience with on-call and incident response",
		}},
		{"Nice to have", []string{
			"eBPF tooling experience",
			"Terraform",
			"Knowledge of CDN or HTTP caching internals",
		}},
	}
	sre.Salary = &lvSalary{Currency: "EUR", Interval: "per-year-salary", Min: 62000, Max: 82000}

	platform := base("7b130ad0-0998-4bd2-9e11-c0684473746e", "Senior Platform Engineer", 1762264914203, "Platform", "remote")
	platform.Location = "Remote - Europe"
	platform.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>Our product engineers should be able to go from an idea to a running service in a day. The Platform team owns the path that makes it possible: service templates, CI/CD, Kubernetes on GKE and the Terraform behind our Google Cloud projects. " +
		"As a senior engineer you will shape that path, work directly with the teams that use it and help us decide where Pulumi fits next to Terraform.</div>"
	platform.Lists = []lvList{
		{"Responsibilities", []string{
			"Design and operate our GKE clusters and the Helm charts every service deploys with",
			"Own the Terraform that manages our Google Cloud organization, projects and networks",
			"Build internal tooling in Go, including a CLI engineers use to create and deploy services",
			"Improve our CI pipelines and Docker build times",
			"Mentor engineers and lead design reviews",
		}},
		{"Requirements", []string{
			"5+ years of infrastructure or platform engineering",
			"Deep experience with Kubernetes and Helm",
			"3+ years of Terraform",
			"Experience with Google Cloud Platform",
			"Strong Go programming skills",
			"Experience with Docker and CI/CD systems",
		}},
		{"Nice to have", []string{
			"Pulumi",
			"Argo CD or Flux",
			"Experience with multi-tenant Kubernetes",
		}},
	}
	platform.Salary = &lvSalary{Currency: "EUR", Interval: "per-year-salary", Min: 80000, Max: 105000}

	devops := base(ferrousChangedID, "DevOps Engineer", 1762791603550, "Platform", "hybrid")
	devops.Location = "Berlin, Germany"
	devops.AllLocations = []string{"Berlin, Germany", "Lisbon, Portugal"}
	devops.Country = "DE"
	devops.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>Our billing and customer dashboard services run on AWS, separate from the edge, and they deploy through a Jenkins setup that has grown over five years. " +
		"We are hiring a DevOps Engineer to own those pipelines and the AWS environment, and to make releases faster and safer.</div>"
	devops.Lists = []lvList{
		{"What you'll do", []string{
			"Maintain our Jenkins pipelines and the shared libraries behind them",
			"Build Docker images and manage deployments to Amazon ECS",
			"Manage AWS infrastructure with Terraform and configure hosts with Ansible",
			"Automate routine work with Bash scripts",
			"Support developers when builds and deployments fail",
		}},
		{"What you'll need", []string{
			"3+ years of experience in a DevOps role",
			"Experience with Jenkins",
			"Experience with Docker",
			"Experience with Terraform and Ansible",
			"Experience with AWS",
			"Bash scripting",
		}},
		{"Nice to have", []string{
			"Python",
			"Kubernetes",
		}},
	}
	if changed {
		// Night 2: the team rewrote the posting after deciding to move off
		// Jenkins and ECS; same id, same createdAt, new body and lists.
		devops.Body = "<div><br></div><div><b>About the role</b></div>" +
			"<div>Our billing and customer dashboard services run on AWS, separate from the edge. We are moving them from Jenkins and ECS to GitHub Actions and Amazon EKS this winter, and we want the DevOps Engineer who joins now to lead that migration. " +
			"You will own the pipelines and the AWS environment, and make releases faster and safer.</div>"
		devops.Lists = []lvList{
			{"What you'll do", []string{
				"Lead the migration of our CI pipelines from Jenkins to GitHub Actions",
				"Move services from Amazon ECS to Kubernetes on Amazon EKS, packaged with Helm",
				"Manage AWS infrastructure with Terraform and configure hosts with Ansible",
				"Automate routine work with Python and Bash",
				"Support developers when builds and deployments fail",
			}},
			{"What you'll need", []string{
				"4+ years of experience in a DevOps role",
				"Experience with GitHub Actions or Jenkins",
				"Experience with Docker and Kubernetes",
				"Experience with Terraform and Ansible",
				"Experience with AWS, including EKS",
				"Python and Bash scripting",
			}},
			{"Nice to have", []string{
				"Helm chart authoring",
				"Argo CD",
			}},
		}
	}

	network := base("147bb137-1cd4-492d-beae-3ea92dd84217", "Network Engineer", 1760954425871, "Network", "hybrid")
	network.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>Our network is the product. We announce our prefixes over BGP from 30 cities, peer at a dozen internet exchanges and answer DNS for 40,000 customer domains over anycast. " +
		"As a Network Engineer you will operate and grow that network, automate how we configure it and be part of the team that decides where Ferrous goes next.</div>"
	network.Lists = []lvList{
		{"What you'll do", []string{
			"Operate our anycast network: BGP sessions with transit providers and peers, route policies, RPKI",
			"Deploy and configure Juniper and Arista routers and switches in new points of presence",
			"Run our authoritative DNS platform and the load balancers in front of it",
			"Maintain edge firewalls and DDoS mitigation filters",
			"Automate configuration generation and validation with Python",
		}},
		{"What you'll need", []string{
			"5+ years of experience operating service provider or CDN networks",
			"Expert knowledge of BGP and internet routing",
			"Strong understanding of DNS",
			"Experience with load balancers and firewalls",
			"Experience with Juniper or Arista platforms",
			"Linux networking knowledge",
			"Python for network automation",
		}},
		{"Nice to have", []string{
			"Go",
			"Ansible or Nornir",
			"Experience with XDP or DPDK",
		}},
	}

	systems := base("aaadb7fc-59b3-4c90-bef2-5af3e3c3d030", "Systems Engineer, Bare Metal", 1761814080117, "Systems", "onsite")
	systems.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>Every one of our 1,800 edge servers is ours, from firmware to kernel. The Systems team builds the images, provisions machines with PXE and keeps the KVM hosts that run our internal services alive. " +
		"This role is based in Lisbon and includes occasional travel to our points of presence.</div>"
	systems.Lists = []lvList{
		{"What you'll do", []string{
			"Build and maintain our Linux server images and the PXE provisioning pipeline",
			"Operate KVM and QEMU hosts that run internal services",
			"Automate server lifecycle with Ansible and Bash, from racking to decommissioning",
			"Diagnose hardware failures with our data center partners",
			"Tune the kernel and network drivers with the Reliability team",
		}},
		{"What you'll need", []string{
			"4+ years of Linux systems engineering",
			"Experience with KVM/QEMU virtualization",
			"Experience with PXE boot and bare metal provisioning",
			"Ansible and Bash",
			"Hardware troubleshooting skills",
		}},
		{"Nice to have", []string{
			"VMware experience",
			"Go programming",
			"Terraform",
		}},
	}

	security := base("430ea59f-f61d-4c44-ac8a-92412156d235", "Infrastructure Security Engineer", 1762441308846, "Security", "remote")
	security.Location = "Remote - Europe"
	security.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>We terminate TLS for thousands of customers, which means we hold their private keys. " +
		"As an Infrastructure Security Engineer you will protect those keys and the systems around them, lead our SOC 2 and ISO 27001 work with the compliance lead and build the guardrails that keep our cloud and edge secure by default.</div>"
	security.Lists = []lvList{
		{"What you'll do", []string{
			"Run HashiCorp Vault and the key management system for customer TLS certificates",
			"Design IAM for Google Cloud and access controls for the edge fleet",
			"Secure our Kubernetes clusters and container supply chain",
			"Review Terraform changes and build policy checks into CI",
			"Own technical evidence for SOC 2 and ISO 27001 audits",
		}},
		{"What you'll need", []string{
			"5+ years in security or infrastructure engineering",
			"Experience with Vault and PKI",
			"Deep understanding of TLS",
			"Cloud IAM experience, ideally on Google Cloud",
			"Kubernetes security knowledge",
			"Terraform",
			"Experience with SOC 2 or ISO 27001",
		}},
		{"Nice to have", []string{
			"Go or Python",
			"Experience with HSMs",
		}},
	}

	cloud := base("9981be62-b63a-48e9-8235-8c221d25e55f", "Cloud Infrastructure Engineer", 1761223307920, "Platform", "hybrid")
	cloud.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>Some of our largest customers want Ferrous to extend into their own cloud accounts, so we are building origin shield and private connectivity offerings on Azure and AWS. " +
		"As a Cloud Infrastructure Engineer you will design and build the infrastructure for those offerings, from VPC and VNet design to automation that customers can run themselves.</div>"
	cloud.Lists = []lvList{
		{"What you'll do", []string{
			"Design network architecture on Azure and AWS: VNets, VPCs, private links and peering",
			"Write Terraform modules and CloudFormation templates that customers deploy in their accounts",
			"Automate testing of infrastructure code across both clouds",
			"Work with Network Engineers on interconnects between our edge and cloud regions",
		}},
		{"What you'll need", []string{
			"3+ years of experience with Azure and AWS",
			"Strong Terraform skills",
			"Experience with CloudFormation",
			"Solid knowledge of cloud networking, VPC design and load balancers",
			"Scripting skills in Python or Bash",
		}},
		{"Nice to have", []string{
			"Pulumi",
			"Google Cloud experience",
			"Azure or AWS networking certifications",
		}},
	}
	cloud.Salary = &lvSalary{Currency: "EUR", Interval: "per-year-salary", Min: 60000, Max: 78000}

	marketing := base("ae66d6b5-f405-4408-8151-bd79d93d25d0", "Platform Marketing Manager", 1762530812574, "Marketing", "hybrid")
	marketing.Department = "Marketing"
	marketing.Body = "<div><br></div><div><b>About the role</b></div>" +
		"<div>Developers discover Ferrous through our docs, our blog and word of mouth. We want a Platform Marketing Manager to tell the story of our edge platform to the engineers who choose it. " +
		"You will work with product managers and engineers to launch features, write for a technical audience and run campaigns that reach platform teams.</div>"
	marketing.Lists = []lvList{
		{"What you'll do", []string{
			"Own positioning and launches for our edge compute platform",
			"Write blog posts, case studies and comparison pages with engineers",
			"Run campaigns aimed at platform and DevOps teams",
			"Measure what works and report on pipeline impact",
		}},
		{"What you'll need", []string{
			"5+ years in product or platform marketing for developer tools or cloud infrastructure",
			"Excellent writing in English",
			"Ability to explain concepts like Kubernetes, Terraform providers or CDN caching to a mixed audience",
		}},
		{"Nice to have", []string{
			"German or Portuguese",
			"Experience with developer communities",
		}},
	}

	return lvSite{
		Site:       "ferrous",
		Opening:    opening,
		Additional: additional,
		Postings:   []lvPosting{sre, platform, devops, network, systems, security, cloud, marketing},
	}
}

// ---------------------------------------------------------------------------
// graniteridge: Greenhouse board of Granite Ridge Manufacturing, a maker of
// agricultural equipment whose IT runs mostly on premises: VMware and
// Hyper-V, Cisco and Fortinet networks, Windows Server and PowerShell. It is
// the same in both nights. Section headings are bold paragraphs, as many
// real boards write them, with only the company intro under an <h2>.

func graniteRidgePage(secs ...section) string {
	h := func(s string) string { return "<p><strong>" + s + "</strong></p>" }
	intro := "<h2>Who we are</h2>\n" +
		"<p>Granite Ridge Manufacturing has built planters, tillage tools and grain carts in the Upper Midwest since 1958. " +
		"Today we are 2,100 people across three plants in Wisconsin and Iowa and a parts distribution center in Nebraska. " +
		"Our factories run around the clock, and so do the systems behind them: plant floor networks, MES servers, engineering workstations and the ERP that ties it all together.</p>"
	benefits := h("Benefits") + "\n" + ul([]string{
		"Medical, dental and vision insurance starting on day one",
		"401(k) with a 6% company match and annual profit sharing",
		"Three weeks of paid time off in your first year, plus ten paid holidays",
		"Tuition reimbursement up to $5,250 a year",
		"On-site fitness center and a discount on Granite Ridge parts and merchandise",
	}) + "\n<p>Granite Ridge Manufacturing is an Equal Opportunity Employer, including disability and veterans. This position may require pre-employment drug screening and a background check.</p>"
	return intro + "\n" + render(h, secs) + "\n" + benefits
}

func graniteRidge() ghBoard {
	it := ghDepartment{ID: 4500310002, Name: "Information Technology"}
	wausau := ghOffice{ID: 4200110002, Name: "Wausau, WI", Location: "Wausau, Wisconsin, United States"}
	dubuque := ghOffice{ID: 4200111002, Name: "Dubuque, IA", Location: "Dubuque, Iowa, United States"}
	return ghBoard{
		Token:   "graniteridge",
		Company: "Granite Ridge Manufacturing",
		JobURL:  "https://boards.greenhouse.io/graniteridge/jobs/%d",
		Jobs: []ghJob{
			{
				ID: 6120450001, InternalID: 5031170002, Title: "Systems Administrator (Windows)", Location: "Wausau, WI",
				Requisition: "IT-2026-041", Updated: "2026-11-17T08:31:12-06:00", Published: "2026-10-20T07:45:03-05:00",
				Department: it, Office: wausau,
				HTML: graniteRidgePage(
					section{Heading: "Position summary", Paras: []string{
						"We are looking for a Systems Administrator to join our five-person infrastructure team in Wausau. " +
							"You will look after about 250 Windows servers and 1,400 endpoints across our plants, keep Active Directory and Group Policy in good order and automate the repetitive parts of the job with PowerShell. " +
							"Our plants cannot stop for IT, so planning changes carefully matters as much as technical skill here.",
					}},
					section{Heading: "Essential duties", Items: []string{
						"Administer Windows Server 2019 and 2022, Active Directory, DNS, DHCP and Group Policy",
						"Manage patching and software deployment with Microsoft Configuration Manager and Intune",
						"Write and maintain PowerShell scripts for user lifecycle, reporting and server builds",
						"Run Veeam backups and test restores every quarter",
						"Manage virtual machines on VMware vSphere with the virtualization engineer",
						"Support Microsoft 365, Exchange Online and Entra ID hybrid identity",
						"Take part in an after-hours on-call rotation, one week in five",
					}},
					section{Heading: "Qualifications", Items: []string{
						"3+ years of Windows Server administration in a multi-site environment",
						"Strong Active Directory and Group Policy experience",
						"PowerShell scripting skills",
						"Experience with VMware vSphere or Hyper-V",
						"Working knowledge of networking: DNS, DHCP, VLANs",
						"Associate degree in IT or equivalent experience",
					}},
					section{Heading: "Preferred", Items: []string{
						"Microsoft certifications such as MCSA or Azure Administrator",
						"Experience with manufacturing or OT environments",
						"Some Linux experience",
					}},
				),
			},
			{
				ID: 6120450002, InternalID: 5031171002, Title: "Network Engineer", Location: "Wausau, WI",
				Requisition: "IT-2026-044", Updated: "2026-11-20T10:12:44-06:00", Published: "2026-10-28T09:20:37-05:00",
				Department: it, Office: wausau,
				HTML: graniteRidgePage(
					section{Heading: "Position summary", Paras: []string{
						"Each of our plants has a corporate network and a plant floor network that must stay apart, and the line between them is where most of our hard problems live. " +
							"As a Network Engineer you will own routing, switching, wireless and firewalls across four sites, lead a rollout of SD-WAN to replace our MPLS circuits and work with controls engineers to segment the plant floor properly.",
					}},
					section{Heading: "Essential duties", Items: []string{
						"Design, configure and support Cisco Catalyst switches, Cisco routers and Meraki wireless across all sites",
						"Manage Fortinet FortiGate firewalls, site-to-site VPNs and remote access",
						"Lead the migration from MPLS to SD-WAN",
						"Maintain OSPF and BGP routing with our carriers",
						"Segment OT networks following IEC 62443 guidance with the controls engineering team",
						"Maintain network documentation and monitoring in LibreNMS",
					}},
					section{Heading: "Qualifications", Items: []string{
						"5+ years of network engineering experience in an enterprise environment",
						"CCNA required; CCNP preferred",
						"Strong knowledge of routing and switching: VLANs, spanning tree, OSPF, BGP",
						"Experience with firewalls, ideally Fortinet or Palo Alto",
						"Experience with wireless networks in large facilities",
						"Willingness to travel to our plants about four days a month",
					}},
					section{Heading: "Preferred", Items: []string{
						"SD-WAN deployment experience",
						"Industrial networking experience: Profinet, EtherNet/IP",
						"Scripting with Python or Ansible for network automation",
					}},
				),
			},
			{
				ID: 6120450003, InternalID: 5031172002, Title: "Virtualization Engineer", Location: "Dubuque, IA",
				Requisition: "IT-2026-037", Updated: "2026-11-10T14:06:29-06:00", Published: "2026-10-06T10:02:18-05:00",
				Department: it, Office: dubuque,
				HTML: graniteRidgePage(
					section{Heading: "Position summary", Paras: []string{
						"We run about 420 virtual machines on VMware vSphere and vSAN in two data centers, plus a small Hyper-V cluster at our distribution center. " +
							"Licensing changes mean we are evaluating what comes next, and we want a Virtualization Engineer to run that evaluation, keep today's platform healthy and lead whatever migration we choose. " +
							"Proxmox VE and Hyper-V are both on the table; a public cloud move for our plant systems is not.",
					}},
					section{Heading: "Essential duties", Items: []string{
						"Operate VMware vSphere, vCenter and vSAN clusters, including upgrades and capacity planning",
						"Run a structured evaluation of Hyper-V and Proxmox VE (KVM) as future platforms",
						"Manage Pure Storage arrays and the iSCSI and Fibre Channel networks behind them",
						"Automate provisioning and reporting with PowerShell and PowerCLI",
						"Own disaster recovery between data centers with Veeam replication",
					}},
					section{Heading: "Qualifications", Items: []string{
						"5+ years of experience administering VMware vSphere in production",
						"Experience with vSAN or enterprise SAN storage",
						"PowerShell and PowerCLI scripting",
						"Experience with Hyper-V or KVM",
						"Solid Windows Server and Linux administration skills",
						"Understanding of networking for virtualized environments: VLANs, distributed switches, iSCSI",
					}},
					section{Heading: "Preferred", Items: []string{
						"VCP-DCV certification",
						"Experience with Proxmox VE or Nutanix",
						"Familiarity with Ansible or Terraform for on-premises infrastructure",
					}},
				),
			},
			{
				ID: 6120450004, InternalID: 5031173002, Title: "Senior Infrastructure Engineer", Location: "Wausau, WI; Dubuque, IA",
				Requisition: "IT-2026-046", Updated: "2026-11-21T09:44:51-06:00", Published: "2026-11-06T08:10:40-06:00",
				Department: it, Office: wausau,
				HTML: graniteRidgePage(
					section{Heading: "Position summary", Paras: []string{
						"The Senior Infrastructure Engineer is the technical lead of our infrastructure team. " +
							"You will set standards for servers, storage, identity and the network edge, take the hardest escalations and mentor the systems administrators. " +
							"Our estate is mostly Windows with a growing number of Linux servers for MES and data collection, and a small Azure footprint for identity and backups that we expect to grow slowly.",
					}},
					section{Heading: "Essential duties", Items: []string{
						"Lead architecture decisions for compute, storage, backup and identity",
						"Maintain Active Directory and the hybrid connection to Entra ID and Azure",
						"Build standard Windows and Red Hat Enterprise Linux server images, automated with PowerShell and Ansible",
						"Own our certificate authority, TLS certificates and privileged access management",
						"Lead incident response for major outages and run the post-incident reviews",
						"Mentor systems administrators and review their changes",
					}},
					section{Heading: "Qualifications", Items: []string{
						"7+ years of infrastructure experience, including 2+ years in a lead or senior role",
						"Deep Windows Server and Active Directory knowledge",
						"Experience administering Linux servers",
						"Strong PowerShell skills; Ansible experience",
						"Experience with VMware vSphere",
						"Good knowledge of DNS, PKI and firewalls",
					}},
					section{Heading: "Preferred", Items: []string{
						"Azure experience, especially Entra ID, Azure Backup and Azure Arc",
						"Experience in manufacturing or another 24x7 operations environment",
						"ITIL Foundation",
					}},
				),
			},
		},
	}
}
