package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// detectLanguageCases mix the languages' stop words in ASCII and not,
// in any case, with apostrophes and long words.
var detectLanguageCases = []string{
	"",
	"The team and you will be on call for our platform with AWS.",
	"Wir suchen dich für unser Team und die Plattform mit Kubernetes, sowie eine Cloud oder nicht.",
	"Nous recherchons pour notre équipe des ingénieurs avec une expérience dans les nuages et vous.",
	"Você não é uma pessoa com experiência em nossa são equipe do da na no ao seu sua",
	"DER DIE DAS UND MIT FÜR WIR IST EINE ZU VON AUF BEI DICH DEINE SIE",
	"Het een van voor wij jij zijn ons naar bij ook je wat het een van",
	"il della di per che sono nostro gli delle nel alla dei il della di",
	"y el los las con para una que por nuestro tu es del su al como y el",
	"don't won't it's O'Reilly l'équipe d'un Kelvin\u212a ſtraße İstanbul",
	"supercalifragilistic antidisestablishment the the the und und und und und und und und und und und und und und und",
}

func TestDetectLanguageMatchesReference(t *testing.T) {
	stop := newStopwords()
	texts := append([]string(nil), detectLanguageCases...)
	for _, l := range loadLabelled(t) {
		texts = append(texts, l.Title+"\n"+l.Description)
	}
	for _, s := range texts {
		if got, want := detectLanguage(s, stop), refDetectLanguage(s, stop); got != want {
			t.Errorf("detectLanguage(%.60q) = %q, reference %q", s, got, want)
		}
	}
}

func FuzzDetectLanguage(f *testing.F) {
	for _, s := range detectLanguageCases {
		f.Add(s)
	}
	stop := newStopwords()
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := detectLanguage(s, stop), refDetectLanguage(s, stop); got != want {
			t.Errorf("detectLanguage(%q) = %q, reference %q", s, got, want)
		}
	})
}

// refDetectLanguage is detectLanguage as it was before ASCII words were
// looked up by a packed key: every word of up to 12 bytes lower-cased
// and looked up as a string.
func refDetectLanguage(text string, stop *stopTable) string {
	const nlang = (len(languages) + 1) / 3
	var counts [nlang]int
	words := 0
	var buf [32]byte
	for i := 0; i < len(text) && words < maxLanguageWords; {
		if c := text[i]; c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if !isASCIILetter(c) && c != '\'' {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
		words++
		if j-i <= 12 {
			w := buf[:0]
			for k := i; k < j; {
				if c := text[k]; c < utf8.RuneSelf {
					w = append(w, lowerASCII(c))
					k++
					continue
				}
				r, n := utf8.DecodeRuneInString(text[k:])
				w = utf8.AppendRune(w, unicode.ToLower(r))
				k += n
			}
			if bits := stop.lookup(w); bits != 0 {
				for k := range counts {
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
		return languages[3*best : 3*best+2]
	}
	return "en"
}

// TestShortStopTableAgreesWithTheWordTable checks the packed table that
// ASCII words are looked up in against the string table, for every stop
// word and for words that are none.
func TestShortStopTableAgreesWithTheWordTable(t *testing.T) {
	stop := newStopwords()
	words := strings.Fields(strings.Join([]string{stopEN, stopDE, stopFR, stopES, stopPT, stopNL, stopIT,
		"kubernetes go a x thee andd youu wir0 their"}, " "))
	for _, w := range append(words, "abcdefgh", "thethe\x00\x00") {
		if len(w) > 8 || !isASCII(w) {
			continue
		}
		var key uint64
		for i := 0; i < len(w); i++ {
			key = key<<8 | uint64(w[i]|0x20)
		}
		want := stop.lookup([]byte(w))
		if len(w) == 8 {
			want = 0 // the packed table holds words of seven bytes at most
		}
		if got := stop.lookupShort(key); got != want {
			t.Errorf("%q: packed table %08b, word table %08b", w, got, want)
		}
	}
	if got := stop.lookupShort(0); got != 0 {
		t.Errorf("key 0 (a long word's): packed table %08b, want none", got)
	}
}

// TestTallyCountsAWordOfTwoLanguagesInBoth covers the word no stop list
// shares today: it counts for each of its languages.
func TestTallyCountsAWordOfTwoLanguagesInBoth(t *testing.T) {
	stop := &stopTable{}
	stop.add("zz", 1<<0)
	stop.add("zz", 1<<2)
	stop.add("yy", 1<<1)
	tally := langTally{stop: stop}
	tally.addText("zz yy zz qq")
	if want := [numLanguages]int{2, 1, 2}; [numLanguages]int(tally.counts[:numLanguages]) != want || tally.words != 4 {
		t.Errorf("counts %v over %d words, want %v over 4", tally.counts[:numLanguages], tally.words, want)
	}
}
