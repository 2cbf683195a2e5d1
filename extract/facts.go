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
	salaryRe = regexp.MustCompile(`(?i)(?:(?P<sym>[$€£])\s?|(?P<code>usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr)\s?)(?P<min>\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*(?P<kmin>k\b)?(?:\s*(?:-|–|—|to)\s*(?:[$€£]|usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr)?\s?(?P<max>\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*(?P<kmax>k\b)?)?(?:\s*(?P<code2>usd|eur|gbp|cad|aud|chf))?(?P<rest>.{0,30})`)
	periodRe = regexp.MustCompile(`(?i)(?:\b(?:per|an?|p\.?)\s?|/\s?)(year|yr|annum|a\.|annually|hour|hr|month|mo|week|day)\b|\b(annual(?:ly)?|yearly|hourly|monthly|weekly|daily)\b`)
	// A number followed by these is a headcount or a funding round, not pay.
	millionsRe = regexp.MustCompile(`(?i)^\s?(?:m|mm|b|bn|million|billion)\b`)
)

var symbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP"}

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

// Salary reads the first stated pay range (or single amount) with a
// currency from a posting's text; nil when none is stated. The period is
// read from the words after it, else inferred from the size (yearly from
// 10,000 up, hourly below 500).
func Salary(doc string) *skillpulse.Salary {
	text := factsText(doc)
	for _, m := range salaryRe.FindAllStringSubmatch(text, 8) {
		get := func(name string) string { return m[salaryRe.SubexpIndex(name)] }
		cur := symbols[get("sym")]
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
			switch top := max(lo, hi); {
			case top >= 10000:
				s.Period = "year"
			case top < 500:
				s.Period = "hour"
			default:
				continue // a bare "$2,000" could be anything: a bonus, a budget
			}
		}
		if hi == 0 {
			s.Max = lo
		}
		return s
	}
	return nil
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
