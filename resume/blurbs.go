package resume

import (
	"regexp"
	"strings"
)

// employerBlurb matches a sentence that describes an employer rather than
// the work done there: "Streamly is a video start-up whose platform runs
// on Kafka", "A fintech scale-up building payments on Kubernetes",
// "(a leading provider of Spark-based analytics)". The skills such a
// sentence names are the employer's, not the resume owner's.
var employerBlurb = regexp.MustCompile(`^[\s(\-•*_·]*(?:[Aa]n?\s+|[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,4}\s+(?:is|was|are|were)\s+(?:an?|the|one of the)\s+)(?P<mid>(?:[\w&'’\-]+,?\s+){0,6}?)(?:company|companies|start-?up|scale-?up|provider|vendor|firm|consultancy|agency|marketplace|retailer|bank|manufacturer|business|maker|leader|operator|insurer|fintech|saas|unicorn|subsidiary|organisation|organization|nonprofit|non-profit)\b`)

// sentenceEnd splits a line into sentences.
var sentenceEnd = regexp.MustCompile(`[.!?](?:\s+|$)`)

// dropEmployerBlurbs blanks the sentences of text that describe an
// employer (see employerBlurb), keeping every line in its place.
func dropEmployerBlurbs(text string) string {
	if !strings.Contains(text, " ") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for line := range strings.Lines(text) {
		body := strings.TrimRight(line, "\r\n")
		nl := line[len(body):]
		keep := func(sentence string) {
			if !isEmployerBlurb(sentence) {
				b.WriteString(sentence)
			}
		}
		start := 0
		for _, m := range sentenceEnd.FindAllStringIndex(body, -1) {
			keep(body[start:m[1]])
			start = m[1]
		}
		keep(body[start:])
		b.WriteString(nl)
	}
	return b.String()
}

// isEmployerBlurb reports whether sentence describes an employer: the
// words between its article and the noun that names a business describe
// that business ("a fast-growing healthcare company"); a preposition or a
// verb there makes the noun the object of the owner's own sentence ("A
// team of five running Kafka for the company").
func isEmployerBlurb(sentence string) bool {
	m := employerBlurb.FindStringSubmatch(sentence)
	if m == nil {
		return false
	}
	for w := range strings.FieldsSeq(strings.ToLower(m[employerBlurb.SubexpIndex("mid")])) {
		w = strings.Trim(w, ",")
		if blurbStops[w] || strings.HasSuffix(w, "ing") && w != "leading" && w != "growing" && w != "fast-growing" && w != "engineering" && w != "consulting" {
			return false
		}
	}
	return true
}

// blurbStops are words that cannot stand between an article and the noun
// of a description of a business.
var blurbStops = map[string]bool{
	"of": true, "for": true, "with": true, "to": true, "in": true, "on": true, "at": true, "by": true,
	"from": true, "into": true, "across": true, "i": true, "we": true, "my": true, "our": true,
}
