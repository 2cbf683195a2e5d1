package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse"
)

// seniorityWords are tried in order; the first that matches the title wins,
// so "Senior Engineering Manager" is a manager and "Senior Staff" is staff.
var seniorityWords = []struct {
	re *regexp.Regexp
	s  skillpulse.Seniority
}{
	{regexp.MustCompile(`(?i)\b(?:manager|director|head of|vp|vice president|cto|ciso)\b`), skillpulse.SeniorityManager},
	{regexp.MustCompile(`(?i)\b(?:principal|distinguished|fellow)\b`), skillpulse.SeniorityPrincipal},
	{regexp.MustCompile(`(?i)\bstaff\b`), skillpulse.SeniorityStaff},
	{regexp.MustCompile(`(?i)\b(?:lead|tech lead|team lead)\b`), skillpulse.SeniorityLead},
	{regexp.MustCompile(`(?i)\b(?:senior|sr\.?|snr|iii|iv)(?:\W|$)`), skillpulse.SenioritySenior},
	{regexp.MustCompile(`(?i)\b(?:mid|mid-level|intermediate|ii)\b`), skillpulse.SeniorityMid},
	{regexp.MustCompile(`(?i)\b(?:junior|jr\.?|graduate|grad|entry[- ]level|intern|internship|trainee|apprentice|associate|i)\b`), skillpulse.SeniorityJunior},
}

// seniorityOf reads the role's seniority from its title.
func seniorityOf(title string) skillpulse.Seniority {
	for _, w := range seniorityWords {
		if w.re.MatchString(title) {
			return w.s
		}
	}
	return skillpulse.SeniorityUnknown
}

// stopwords are frequent function words that belong to one language only
// (words shared between languages, like "de" or "en", are left out).
var stopwords = []struct {
	lang  string
	words string
}{
	{"en", " the and to of you with for our we is are will be on your this that in have an "},
	{"de", " und der die das mit für wir ist eine zu von auf bei dich deine sie ihre werden sowie oder nicht ein den im "},
	{"fr", " et les des vous nous pour avec une dans est sur du vos notre au aux nos "},
	{"es", " y el los las con para una que por nuestro tu es del su al como "},
	{"pt", " os com uma você não nossa são do da na no em ao seu sua "},
	{"nl", " het een van voor wij jij zijn ons naar bij ook je wat "},
	{"it", " il della di per che sono nostro gli delle nel alla dei "},
}

// detectLanguage guesses the language of text from function words. It
// answers "en" unless another language clearly dominates (at least eight
// of its words and twice the English count); "" when there are no words.
func detectLanguage(text string) string {
	counts := make([]int, len(stopwords))
	words := 0
	for i := 0; i < len(text); {
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
		if j-i <= 8 {
			var buf [40]byte
			w := append(buf[:0], ' ')
			for _, r := range text[i:j] {
				w = utf8.AppendRune(w, unicode.ToLower(r))
			}
			w = append(w, ' ')
			for k := range stopwords {
				if containsBytes(stopwords[k].words, w) {
					counts[k]++
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
		return stopwords[best].lang
	}
	return "en"
}

func containsBytes(s string, w []byte) bool { return strings.Contains(s, string(w)) }
