package extract

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/skillpulse/skillpulse"
)

// Facts about a posting that its text states but a source may not give as
// fields: where the work is done and what it pays. They are read with a
// few whole-posting patterns (not per skill), from the first factsWindow
// bytes of text, where postings put them.

const factsWindow = 64 << 10

var (
	// Remote work, not remote access or remote management.
	remoteRe = regexp.MustCompile(`(?im)\b(fully[ -]remote|100% remote|remote[- ]first|remote[- ]friendly|work from anywhere|work from home|wfh|remote (?:role|position|job|opportunity|work|working|team|employees?|engineers?|in|within|from|across|us|uk|eu|emea|europe|usa|only|ok|possible)\b|remote\s*[(/|,]|[(|/]\s*remote\b|^remote\b|\bremote$|\(remote\)|distributed team|this (?:role|position|job) is remote)`)
	// An explicit "no remote" outweighs any mention of remote.
	noRemoteRe = regexp.MustCompile(`(?i)\b(?:no|not|non)[- ]remote\b|\bremote:?\s*no\b`)
	// Hybrid work, not hybrid cloud.
	hybridRe = regexp.MustCompile(`(?i)\bhybrid\b(?:\s*[(/|,:-]|\s+(?:role|position|work|working|schedule|model|setup|arrangement|policy|environment|in|from|with|\d)\b)|\b\d\s*(?:days?|x)\s*(?:a|per|/)?\s*week\s*(?:in|at)\s*(?:the|our)?\s*office|\bin (?:the )?office \d`)
	// On-site work, not on-site interviews.
	onsiteRe = regexp.MustCompile(`(?im)\b(?:on[- ]?site|in[- ]office|in[- ]person)\b(?:\s*[(/|,]|\s+(?:role|position|only|work|working|in|at|\d)\b)|\b(?:this|the) (?:role|position|job) is (?:on[- ]?site|in[- ]office|office[- ]based)|\bno remote\b|\bnot remote\b|\(on[- ]?site\)|\bonsite$`)

	// A pay range or amount with a currency: "$150,000 - $180,000",
	// "€60k–80k", "USD 120k to 150k", "£45/hour".
	salaryRe = regexp.MustCompile(`(?i)(?:(?P<sym>(?:c|ca|a|au|us|nz|s|hk)?[$€£])\s?|(?P<code>usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr)\s?)(?P<min>\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*(?P<kmin>k\b)?(?:\s*(?:-|–|—|~|to)\s*(?:(?:c|ca|a|au|us|nz|s|hk)?[$€£]|usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr)?\s?(?P<max>\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*(?P<kmax>k\b)?)?(?:\s*(?P<code2>usd|eur|gbp|cad|aud|chf))?(?P<rest>.{0,30})`)
	periodRe = regexp.MustCompile(`(?i)(?:\b(?:per|an?|p\.?)\s?|/\s?)(year|yr|annum|a\.|annually|hour|hr|month|mo|week|day)\b|\b(annual(?:ly)?|yearly|hourly|monthly|weekly|daily)\b`)
	// A number followed by these is a headcount or a funding round, not pay.
	millionsRe = regexp.MustCompile(`(?i)^\s?(?:m|mm|b|bn|million|billion)\b`)
	// Amounts that are not pay for the role: a budget, stipend, allowance
	// or reimbursement, a bonus on its own, funding, revenue, a price. The
	// word comes right after the amount ("a $1,500 yearly learning
	// budget", "$10k signing bonus") or shortly before it ("tuition
	// reimbursement up to $5,250", "raised $20M").
	notPayAfter  = regexp.MustCompile(`(?i)^\s*(?:(?:per|a|an|/)\s*\w+\s*)?(?:[\w-]+\s+){0,3}(?:budgets?|stipends?|allowances?|reimbursements?|bonus(?:es)?|credits?|grants?|funding|raised|revenue|arr|valuation|in sales|gift|donations?|match(?:ing)?|per seat|per user|subscription|discount|off\b|prize)\b|^\s*(?:/\s*\w+\s*)?for (?:a|an|each|every|one|two|the first|take-home|your)\b`)
	notPayBefore = regexp.MustCompile(`(?i)\b(?:budgets?|stipends?|allowances?|reimburse\w*|bonus(?:es)?|funding|raised|raise|revenue|arr|valuation|prices?|priced|costs?|fees?|worth|grants?|donat\w+|prizes?|match(?:es|ing)?|credits?|saves?|saving|spend|spent|invest\w*|membership|subscription|tickets?|plan|pricing|market)\W+(?:[\w$€£.,-]+\W+){0,4}$`)
)

var symbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "us$": "USD", "c$": "CAD", "ca$": "CAD",
	"a$": "AUD", "au$": "AUD", "nz$": "NZD", "s$": "SGD", "hk$": "HKD"}

// Workplace reads where the work is done from a posting's text (HTML or
// plain). Hybrid wins over remote (a "remote or hybrid" role is partly in
// an office), remote over on-site; WorkplaceUnknown when the text does not
// say.
func Workplace(doc string) skillpulse.Workplace {
	text := factsText(doc)
	switch {
	case hybridRe.MatchString(text):
		return skillpulse.WorkplaceHybrid
	case noRemoteRe.MatchString(text):
		return skillpulse.WorkplaceOnSite
	case remoteRe.MatchString(text):
		return skillpulse.WorkplaceRemote
	case onsiteRe.MatchString(text):
		return skillpulse.WorkplaceOnSite
	}
	return skillpulse.WorkplaceUnknown
}

// Salary reads the first stated pay for the role (a range or a single
// amount, with a currency) from a posting's text; nil when none is stated.
// The period is read from the words after it; an amount of 10,000 or more
// with none written is yearly, a smaller one without a period is not read
// as pay. Budgets, stipends, allowances, reimbursements, bonuses on their
// own, funding, revenue and prices are never pay (see payContext).
func Salary(doc string) *skillpulse.Salary {
	text := factsText(doc)
	for _, loc := range salaryRe.FindAllStringSubmatchIndex(text, 8) {
		get := func(name string) string {
			i := salaryRe.SubexpIndex(name)
			if loc[2*i] < 0 {
				return ""
			}
			return text[loc[2*i]:loc[2*i+1]]
		}
		if !payContext(text[max(0, loc[0]-60):loc[0]], text[loc[2*salaryRe.SubexpIndex("rest")]:]) {
			continue
		}
		cur := symbols[strings.ToLower(get("sym"))]
		if cur == "" {
			cur = strings.ToUpper(get("code"))
		}
		if c2 := strings.ToUpper(get("code2")); c2 != "" && get("sym") == "$" {
			cur = c2 // "$120k CAD"
		}
		lo, hi := amount(get("min")), amount(get("max"))
		if get("kmax") != "" {
			hi *= 1000
		}
		// "$120-150k": the k of the upper end covers the lower one too.
		if get("kmin") != "" || (get("kmax") != "" && lo < 1000) {
			lo *= 1000
		}
		if lo <= 0 || millionsRe.MatchString(get("rest")) {
			continue
		}
		if hi > 0 && hi < lo {
			continue // "$5 - 3 days" and other non-ranges
		}
		s := &skillpulse.Salary{Min: lo, Max: hi, Currency: cur}
		s.Period = period(get("rest"))
		if s.Period == "" {
			if max(lo, hi) < 10000 {
				// Without a period written, only a yearly-sized amount
				// reads as pay ("$140k–$180k"); "$300 for take-home
				// exercises" and a bare "$2,000" could be anything.
				continue
			}
			s.Period = "year"
		}
		if hi == 0 {
			s.Max = lo
		}
		return s
	}
	return nil
}

// payContext reports whether an amount, with before the text just before
// it and after the text from just after its number on, is pay for the
// role rather than a budget, a bonus alone, funding, revenue or a price.
func payContext(before, after string) bool {
	if i := strings.LastIndexAny(before, ".;\n•"); i >= 0 {
		before = before[i+1:] // only the amount's own sentence
	}
	after = after[:min(len(after), 60)]
	return !notPayAfter.MatchString(after) && !notPayBefore.MatchString(before)
}

// amount parses "150,000", "150 000", "150.000" (European thousands),
// "150" or "1.5".
func amount(s string) float64 {
	s = strings.NewReplacer(",", "", " ", "").Replace(s)
	if i := strings.LastIndex(s, "."); i >= 0 && len(s)-i-1 == 3 {
		s = strings.ReplaceAll(s, ".", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return f
}

func period(rest string) string {
	m := periodRe.FindStringSubmatch(rest)
	if m == nil {
		return ""
	}
	w := strings.ToLower(m[1] + m[2])
	switch {
	case strings.HasPrefix(w, "y"), strings.HasPrefix(w, "ann"), w == "a.":
		return "year"
	case strings.HasPrefix(w, "h"):
		return "hour"
	case strings.HasPrefix(w, "mo"):
		return "month"
	case strings.HasPrefix(w, "w"):
		return "week"
	case strings.HasPrefix(w, "d"):
		return "day"
	}
	return ""
}

// Enrich fills p's Workplace and Salary from its text where the source left
// them unset; what a source states as fields always wins. It is
// deterministic, so a posting enriched on every crawl keeps its content hash.
func Enrich(p *skillpulse.Posting) {
	if p.Workplace != skillpulse.WorkplaceUnknown && p.Salary != nil {
		return
	}
	var b strings.Builder
	b.WriteString(p.Title)
	b.WriteString("\n")
	b.WriteString(p.Location)
	b.WriteString("\n")
	b.WriteString(p.Description)
	for _, s := range p.Sections {
		b.WriteString("\n")
		b.WriteString(s.Body)
	}
	doc := b.String()
	if p.Workplace == skillpulse.WorkplaceUnknown {
		p.Workplace = Workplace(doc)
	}
	if p.Salary == nil {
		p.Salary = Salary(doc)
	}
}

// factsText turns HTML into text with one line per block, bounded to
// factsWindow; plain text passes through (bounded).
func factsText(doc string) string {
	if len(doc) > factsWindow {
		doc = doc[:factsWindow]
	}
	if !strings.Contains(doc, "<") {
		return doc
	}
	var b bytes.Buffer
	z := html.NewTokenizer(strings.NewReader(doc))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt := z.Token().Type; tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol":
				b.WriteByte('\n')
			}
		}
	}
}
