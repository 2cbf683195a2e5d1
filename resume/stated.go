package resume

import (
	"regexp"
	"strings"
)

// yearsPhrase finds a stated length of experience ("11 years", "ten
// years", "5+ yrs").
var yearsPhrase = regexp.MustCompile(`(?i)\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\+?\s*(?:years?|yrs?)\b`)

// clauseBreak separates what a stated length of experience is about from
// what a sentence goes on to: "ten years in enterprise IT, now moving to
// Azure" says nothing of Azure's years.
var clauseBreak = regexp.MustCompile(`(?i);|\s[–—]\s|,\s*(?:and\s+)?(?:now|currently|recently|lately|today|but|while|where|before|after)\b|\bbut\b|\bnow\b`)

// statedApplies reports whether the years stated in sentence are about
// skill id: its name stands in the same clause as the stated length. A
// sentence with no length the expression can find is given the benefit
// of the doubt (the tagger found one).
func (p *Parser) statedApplies(sentence, id string) bool {
	// Every offset is lower's: a letter may change its length in UTF-8
	// when lower-cased ("Ⱥ" is two bytes, "ⱥ" three), so offsets found in
	// lower do not hold in sentence.
	lower := strings.ToLower(sentence)
	loc := yearsPhrase.FindStringIndex(lower)
	if loc == nil {
		return true
	}
	for _, a := range p.tax.Aliases(id) {
		a = strings.ToLower(a)
		for from := 0; from < len(lower); {
			i := strings.Index(lower[from:], a)
			if i < 0 {
				break
			}
			i += from
			j := i + len(a)
			if wordAt(lower, i, j) {
				lo, hi := loc[1], i
				if j <= loc[0] {
					lo, hi = j, loc[0]
				}
				if hi <= lo || !clauseBreak.MatchString(lower[lo:hi]) {
					return true
				}
			}
			from = i + 1
		}
	}
	return false
}
