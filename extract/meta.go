package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// seniorityRule maps title words to a seniority: any of words standing as
// a whole word, case folded.
type seniorityRule struct {
	words []string
	s     skillpulse.Seniority
}

// newSeniorityRules returns the rules in the order they are tried; the
// first that matches the title wins, so "Senior Engineering Manager" is a
// manager and "Senior Staff" is staff. Built per Tagger rather than held
// in a package variable. ("sr." and "jr." need no rule of their own: the
// word "sr" before the dot already matches.)
func newSeniorityRules() []seniorityRule {
	return []seniorityRule{
		{[]string{"manager", "director", "head of", "vp", "vice president", "cto", "ciso"}, skillpulse.SeniorityManager},
		{[]string{"principal", "distinguished", "fellow"}, skillpulse.SeniorityPrincipal},
		{[]string{"staff"}, skillpulse.SeniorityStaff},
		{[]string{"lead", "tech lead", "team lead"}, skillpulse.SeniorityLead},
		{[]string{"senior", "sr", "snr", "iii", "iv"}, skillpulse.SenioritySenior},
		{[]string{"mid", "mid-level", "intermediate", "ii"}, skillpulse.SeniorityMid},
		{[]string{"junior", "jr", "graduate", "grad", "entry-level", "entry level", "intern", "internship", "trainee", "apprentice", "associate", "i"}, skillpulse.SeniorityJunior},
	}
}

// seniorityOf reads the role's seniority from its title.
func (g *Tagger) seniorityOf(title string) skillpulse.Seniority {
	for _, w := range g.seniority {
		if anyTitleWord(title, w.words) {
			return w.s
		}
	}
	return skillpulse.SeniorityUnknown
}

// stopwordLists are frequent function words that belong to one language
// only (words shared between languages, like "de" or "en", are left out).
// Index 0 must be English.
const (
	stopEN = "the and to of you with for our we is are will be on your this that in have an"
	stopDE = "und der die das mit für wir ist eine zu von auf bei dich deine sie ihre werden sowie oder nicht ein den im"
	stopFR = "et les des vous nous pour avec une dans est sur du vos notre au aux nos"
	stopES = "y el los las con para una que por nuestro tu es del su al como"
	stopPT = "os com uma você não nossa são do da na no em ao seu sua"
	stopNL = "het een van voor wij jij zijn ons naar bij ook je wat"
	stopIT = "il della di per che sono nostro gli delle nel alla dei"
)

// languages lists the codes in the bit order newStopwords uses.
const languages = "en de fr es pt nl it"

// newStopwords maps each stop word to the languages it belongs to, one bit
// per language in the order of languages.
func newStopwords() map[string]uint8 {
	m := map[string]uint8{}
	for i, list := range []string{stopEN, stopDE, stopFR, stopES, stopPT, stopNL, stopIT} {
		for _, w := range strings.Fields(list) {
			m[w] |= 1 << i
		}
	}
	return m
}

// maxLanguageWords bounds the words read for language detection: the
// first few hundred words decide it as well as the whole text would.
const maxLanguageWords = 600

// detectLanguage guesses the language of text from function words. It
// answers "en" unless another language clearly dominates (at least eight
// of its words and twice the English count); "" when there are no words.
func detectLanguage(text string, stop map[string]uint8) string {
	codes := strings.Fields(languages)
	counts := make([]int, len(codes))
	words := 0
	var buf [32]byte
	for i := 0; i < len(text) && words < maxLanguageWords; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && r != '\'' {
				break
			}
			j += n
		}
		words++
		if j-i <= 12 {
			w := buf[:0]
			for _, r := range text[i:j] {
				w = utf8.AppendRune(w, unicode.ToLower(r))
			}
			if bits := stop[string(w)]; bits != 0 {
				for k := range codes {
					if bits&(1<<k) != 0 {
						counts[k]++
					}
				}
			}
		}
		i = j
	}
	if words == 0 {
		return ""
	}
	best := 0
	for k := range counts {
		if counts[k] > counts[best] {
			best = k
		}
	}
	if best != 0 && counts[best] >= 8 && counts[best] > 2*counts[0] {
		return codes[best]
	}
	return "en"
}
