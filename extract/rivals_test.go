package extract

import "testing"

// TestRivalsOfAProductAreNoSkillsOfTheJob: what a company replaces,
// competes with or is compared to is no skill the job uses; the team's
// own stack being migrated is.
func TestRivalsOfAProductAreNoSkillsOfTheJob(t *testing.T) {
	g := newTestTagger(t)
	checkNamed(t, g, []namedCase{
		// Unlabelled HN comments: hn-47975687, hn-47223666, hn-47604611,
		// hn-47616922, hn-47976286.
		{"an alternative to", "Our immediate goals include an alternative to eBPF.", "ebpf", false},
		{"a replacement for", "We built a custom editor (a ground-up replacement for Jupyter and VSCode).", "ide", false},
		{"the products to replace", "Help us replace Okta/Auth0, Ping Identity, and Microsoft Entra with modern identity.", "auth0", false},
		{"the last of the products to replace", "Help us replace Okta/Auth0, Ping Identity, and Microsoft Entra with modern identity.", "entra-id", false},
		{"clouds to escape", "Think teams escaping from Heroku or trying to escape AWS/GCP/Azure complexity.", "gcp", false},
		{"the scale of a company", "Building a company on the scale of Palantir or ServiceNow.", "servicenow", false},
		{"instead of", "We chose Postgres instead of MongoDB.", "mongodb", false},
		// hn-47221911 (unlabelled).
		{"differs from", "Our approach differs from LLMs in that we compose algorithms symbolically.", "llm", false},
		{"unlike", "Unlike Kubernetes, our scheduler is tiny.", "kubernetes", false},
		// hn-47976872 (unlabelled): what is compared to.
		{"a Lua-like DSL", "TypeScript, Tengo (a Lua-like workflow DSL — yes, you'll learn it), Rust.", "lua", false},
		{"dbt-style frameworks ask for dbt or the like", "Familiarity with dbt-style transformation frameworks.", "dbt", true},
		{"SQL-like languages are SQL and its kin", "Experience with database technologies, including SQL-like query languages.", "sql", true},
		{"S3-compatible storage", "Karma8 builds S3-compatible object storage.", "s3", true},
		{"a Lua likes nothing", "We embed Lua-scripting in our proxy.", "lua", true},
		{"the chosen one stays", "We chose Postgres instead of MongoDB.", "postgresql", true},
		{"rather than", "We ship Go services rather than Java monoliths.", "java", false},
		{"replacing our own stack", "You'll be replacing our Angular app with React.", "angular", true},
		{"replacing legacy code", "Replace legacy Perl scripts with Go.", "perl", true},
		// hn-47226189 (blind2): a product helps its users leave a rival.
		{"help you move off", "a migration tool to help you move off GitHub", "github", false},
		{"teams moving off", "Built for teams moving off Heroku and onto their own cloud.", "heroku", false},
		{"the team's own move off", "We're moving off Heroku to AWS this quarter.", "heroku", true},
		{"off without a move", "Our CI runs off GitHub Actions runners we host.", "github-actions", true},
		{"an alternative in lower case", "Experience with open-source alternatives to commercial tools, such as Grafana.", "grafana", true},
	})
}
