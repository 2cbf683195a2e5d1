package extract

import "strings"

// What to send with an application, given as a list: "send a cover
// letter ... with answers to:" over "- Your 3 biggest pain points working
// with AI/LLMs/agents". The line names an apply verb (applyVerbs, as an
// apply line does, see applyLine); the items after it name no skill of
// the job (doc.introOf marks them as said elsewhere).

// applyIntroEnds are the last words of a line that opens a list of what
// to send with an application: "Email sam [at] budgetsimple [dot] com
// with:", "To apply, email ... and include:", "Email Jackson ... with
// your resume and answers to the following:".
var applyIntroEnds = [...]string{"with", "include", "including", "following", "answers to", "answer to"}

// applyIntro reports whether text, a line that ends in ':', names an
// apply verb (see applyVerbs) and ends with one of applyIntroEnds: the
// list after it says what to send, not what the job asks.
func applyIntro(text string) bool {
	// Most paragraphs do not end in ':': their last byte rules them out
	// before anything else is read.
	n := len(text)
	for n > 0 && (text[n-1] == ' ' || text[n-1] == '\n' || text[n-1] == '\t' || text[n-1] == '\r') {
		n--
	}
	if n < 6 || text[n-1] != ':' {
		return false
	}
	t := strings.TrimRight(text[:n-1], " ")
	ends := false
	for _, e := range applyIntroEnds {
		if len(t) > len(e) && foldASCIIEqual(t[len(t)-len(e):], e) && !isWordByte(t[len(t)-len(e)-1]) {
			ends = true
			break
		}
	}
	if !ends {
		return false
	}
	for _, v := range applyVerbs {
		for k := 0; ; {
			j := indexFoldASCII(t[k:], v)
			if j < 0 {
				break
			}
			j += k
			if wordBoundary(t, j) && wordBoundary(t, j+len(v)) {
				return true
			}
			k = j + 1
		}
	}
	return false
}
