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
var employerBlurb = regexp.MustCompile(`^[\s(\-•*_·]*(?:an?\s+|[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,4}\s+(?:is|was|are|were)\s+(?:an?|the|one of the)\s+)(?:[\w&'’\-]+,?\s+){0,6}?(?:company|companies|start-?up|scale-?up|provider|vendor|firm|consultancy|agency|marketplace|retailer|bank|manufacturer|business|maker|leader|operator|insurer|fintech|saas|unicorn|subsidiary|organisation|organization|nonprofit|non-profit)\b`)

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
			if !employerBlurb.MatchString(sentence) {
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
