package extract

import (
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Addresses are URLs, e-mail addresses, bare domain names and scheme
// prefixes: words in them ("careers.aws.com", "jobs@kubernetes.io",
// "s3://bucket/terraform", "javascript:alert(6)") are not mentions, and
// the tagger blanks them out before matching. A URL is any scheme
// followed by "://"; a scheme that takes no slashes (addressSchemes)
// counts when text follows its colon directly, so that a label
// ("JavaScript: 5+ years") stays a mention; "data:" counts before a media
// type only. ".net" is left out of the bare-domain rule (addressTLDs) so
// that ASP.NET survives.
//
// URLs and scheme prefixes are found by hand, from each "://" or ':'
// outwards: as alternatives of one expression they made the expression
// try a scheme at every word of every sentence with an address in it.

// addressRest is what addressSpans leaves to an expression: www. hosts,
// e-mail addresses and bare domains.
var addressRest = regexp.MustCompile(`(?i)www\.[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:` +
	strings.Join(addressTLDs[:], "|") + `)\b(?:/[^\s]*)?`)

// addressSchemes are the URL schemes written without "//" that a posting
// (or a hostile board) may carry in its text.
var addressSchemes = [...]string{"javascript", "vbscript", "mailto", "tel", "file", "blob"}

// addressSpans appends to dst the [start, end) byte spans of the addresses
// in s, in order, overlapping ones merged.
func addressSpans(s string, dst [][2]int) [][2]int {
	base := len(dst)
	dst = appendURLSpans(s, dst)
	urls := len(dst)
	dst = appendSchemeSpans(s, dst)
	dst = appendRestSpans(s, dst, dst[base:urls])
	return mergeSpans(dst, base)
}

// appendURLSpans appends the URLs in s: a scheme ([a-z][a-z0-9+.-]*, on a
// word boundary), "://" and everything up to a space, '<', '>' or '"'.
func appendURLSpans(s string, dst [][2]int) [][2]int {
	for i := 0; ; {
		j := strings.Index(s[i:], "://")
		if j < 0 {
			return dst
		}
		j += i
		st := urlSchemeStart(s, j)
		if st == j || (st > 0 && isWordByte(s[st-1])) {
			i = j + 3
			continue
		}
		end := urlEnd(s, j+3)
		if end == j+3 {
			i = j + 3 // "https://" with nothing after is not a URL
			continue
		}
		dst = append(dst, [2]int{st, end})
		i = end
	}
}

// urlSchemeStart returns where the scheme before the "://" at s[j] starts:
// back over scheme runes, then forward to its first letter (j if none).
func urlSchemeStart(s string, j int) int {
	st := j
	for st > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:st])
		if !isSchemeRune(r) {
			break
		}
		st -= n
	}
	for st < j { // a scheme starts with a letter
		r, n := utf8.DecodeRuneInString(s[st:])
		if isSchemeLetter(r) {
			break
		}
		st += n
	}
	return st
}

// appendSchemeSpans appends the scheme prefixes in s: "javascript:alert(6)",
// "mailto:a@b", "data:text/html,...".
func appendSchemeSpans(s string, dst [][2]int) [][2]int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			return dst
		}
		j += i
		i = j + 1
		if j+1 >= len(s) || isURLStop(s[j+1]) {
			continue
		}
		st := schemeStart(s, j)
		if st < 0 || (st > 0 && isWordByte(s[st-1])) {
			continue
		}
		if j-st == 4 && !hasMediaType(s, j+1) { // data: needs a media type
			continue
		}
		dst = append(dst, [2]int{st, urlEnd(s, j+1)})
	}
}

// hasMediaType reports whether s[k:] starts with a media type's first
// part and its slash ("text/html").
func hasMediaType(s string, k int) bool {
	e := k
	for e < len(s) && (isWordByte(s[e]) || s[e] == '.' || s[e] == '+' || s[e] == '-') {
		e++
	}
	return e > k && e < len(s) && s[e] == '/'
}

// appendRestSpans appends addressRest's matches in s. None of its shapes
// holds white space, so each match lies in one white-space-delimited
// token, where \b reads as it does in the sentence: the expression runs on
// the few tokens that may hold one (mayHoldAddress), not over the whole
// sentence, and is read by hand (appendRestASCII) on those that hold no
// rune it folds into an ASCII letter. A token that one of urls (s's URL
// spans, in order) covers whole is not read: what the expression finds
// there lies in the URL, which is blanked anyway.
func appendRestSpans(s string, dst, urls [][2]int) [][2]int {
	// Every shape holds a '.' or an '@', which (?i) folds nothing into:
	// the tokens are found around those bytes, eight bytes read at a
	// time, rather than all walked over.
	u := 0
	for i := 0; i < len(s); {
		k := nextAddressByte(s, i)
		if k == len(s) {
			break
		}
		for i = k; i > 0 && !isSpaceByte(s[i-1]); i-- {
		}
		for u < len(urls) && urls[u][1] <= k {
			u++ // ends before this token's byte k, and so before every later token
		}
		// A URL holds no white space: one that starts by the token's start,
		// holds k and ends at white space or the end of s ends where the
		// token does, so covers it whole, which need not be walked.
		if u < len(urls) && urls[u][0] <= i && (urls[u][1] == len(s) || isSpaceByte(s[urls[u][1]])) {
			i = urls[u][1]
			continue
		}
		j := k
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		switch {
		case i == j || !mayHoldAddress(s[i:j]):
		case !foldsIntoASCII(s[i:j]):
			dst = appendRestASCII(s[i:j], i, dst)
		default: // (?i) folds the long s and the Kelvin sign into \w
			for _, loc := range addressRest.FindAllStringIndex(s[i:j], -1) {
				dst = append(dst, [2]int{i + loc[0], i + loc[1]})
			}
		}
		i = j
	}
	return dst
}

// appendRestASCII appends, offset by off, the matches of addressRest in
// tok, a token without white space or a rune that (?i) folds into an
// ASCII letter (see foldsIntoASCII), as FindAllStringIndex finds
// them (leftmost start first; at one start the www. host, then the e-mail
// address, then the bare domain; none overlapping), without the
// expression: it ran on a token of most postings and allocated on each.
// Each start costs O(1) amortised: what follows a run of e-mail or label
// bytes is the same for every start inside the run, so it is read once
// per run (see restScan).
func appendRestASCII(tok string, off int, dst [][2]int) [][2]int {
	r := restScan{s: tok, localEnd: -1, labelEnd: -1}
	for p := 0; p < len(tok); {
		if e := r.matchAt(p); e > p {
			dst = append(dst, [2]int{off + p, off + e})
			p = e
			continue
		}
		p++
	}
	return dst
}

// restScan is addressRest read by hand over one ASCII token s. localEnd
// is where the run of [\w.+-] bytes holding the last start looked at
// ends, and email where the e-mail address from any start in that run
// ends (-1: none); labelEnd and domain are the same for runs of [\w-]
// bytes and the bare domain.
type restScan struct {
	s                string
	localEnd, email  int
	labelEnd, domain int
}

// matchAt returns the end of addressRest's match starting at p, or -1.
func (r *restScan) matchAt(p int) int {
	s, c := r.s, r.s[p]
	// www\.[^\s<>"]+
	if c|0x20 == 'w' && p+4 < len(s) && foldASCIIEqual(s[p:p+4], "www.") && !isRestStop(s[p+4]) {
		e := p + 5
		for e < len(s) && !isRestStop(s[e]) {
			e++
		}
		return e
	}
	// [\w.+-]+@[\w-]+(?:\.[\w-]+)+
	if isLocalByte(c) {
		if p >= r.localEnd {
			r.localEnd = runEnd(s, p, isLocalByte)
			r.email = emailEnd(s, r.localEnd)
		}
		if r.email > 0 {
			return r.email
		}
	}
	// \b[\w-]+(?:\.[\w-]+)*\.(?:tld)\b(?:/[^\s]*)?
	if isLabelByte(c) && wordBoundary(s, p) {
		if p >= r.labelEnd {
			r.labelEnd = runEnd(s, p, isLabelByte)
			r.domain = domainEnd(s, r.labelEnd)
		}
		if r.domain > 0 {
			return r.domain
		}
	}
	return -1
}

func isRestStop(c byte) bool  { return c == '<' || c == '>' || c == '"' }
func isLocalByte(c byte) bool { return isWordByte(c) || c == '.' || c == '+' || c == '-' }
func isLabelByte(c byte) bool { return isWordByte(c) || c == '-' }

// runEnd returns the end of the run of bytes in class from s[i].
func runEnd(s string, i int, in func(byte) bool) int {
	for i < len(s) && in(s[i]) {
		i++
	}
	return i
}

// emailEnd returns where the e-mail address whose local part ends at
// s[at] ends: an '@', a label and at least one more after a dot, each
// label as long as it runs; or -1.
func emailEnd(s string, at int) int {
	if at >= len(s) || s[at] != '@' {
		return -1
	}
	j := runEnd(s, at+1, isLabelByte)
	if j == at+1 {
		return -1
	}
	labels := 0
	for j < len(s) && s[j] == '.' {
		k := runEnd(s, j+1, isLabelByte)
		if k == j+1 {
			break
		}
		j, labels = k, labels+1
	}
	if labels == 0 {
		return -1
	}
	return j
}

// domainEnd returns where the bare domain whose first label ends at
// s[q] ends, or -1. The labels repeat greedily, so the domain ends at
// the last dot of the chain of labels that is followed by a top-level
// domain and a word boundary; a path after it ('/' and the rest of the
// token) belongs to it.
func domainEnd(s string, q int) int {
	end := -1
	for q < len(s) && s[q] == '.' {
		if n := tldAt(s, q+1); n > 0 {
			end = q + 1 + n
		}
		k := runEnd(s, q+1, isLabelByte)
		if k == q+1 {
			break
		}
		q = k
	}
	if end > 0 && end < len(s) && s[end] == '/' {
		end = len(s)
	}
	return end
}

// tldAt returns the length of the one of addressTLDs that s[i:] starts
// with, ASCII case folded, before a word boundary, or 0. (No two can: a
// shorter one that is a prefix of a longer one is followed by a letter
// there.)
func tldAt(s string, i int) int {
	for _, t := range addressTLDs {
		if e := i + len(t); e <= len(s) && foldASCIIEqual(s[i:e], t) && (e == len(s) || !isWordByte(s[e])) {
			return len(t)
		}
	}
	return 0
}

// mergeSpans sorts dst[base:] by start and merges overlapping spans.
func mergeSpans(dst [][2]int, base int) [][2]int {
	spans := dst[base:]
	if len(spans) < 2 {
		return dst
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	out := spans[:1]
	for _, sp := range spans[1:] {
		if last := &out[len(out)-1]; sp[0] <= last[1] {
			last[1] = max(last[1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return dst[:base+len(out)]
}

// nextAddressByte returns the offset of the first '.' or '@' in s at or
// after i, or len(s).
func nextAddressByte(s string, i int) int {
	zero := func(x uint64) uint64 { return (x - laneOnes) &^ x & laneHighs } // see textRunEnd
	for ; i+8 <= len(s); i += 8 {
		w := load8(s, i)
		if m := zero(w^'.'*laneOnes) | zero(w^'@'*laneOnes); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(s) && s[i] != '.' && s[i] != '@' {
		i++
	}
	return i
}

// mayHoldAddress reports whether addressRest may match in tok, a token
// without white space: it has an '@', "www." or a dot followed by one of
// addressTLDs and a word boundary. A token with a rune that the
// expression's (?i) folds into an ASCII letter may (see foldsIntoASCII).
// Other bytes beyond ASCII are read as the expression reads them: no
// word bytes, no white space.
func mayHoldAddress(tok string) bool {
	for k := 0; k < len(tok); k++ {
		switch c := tok[k]; {
		case c == '@':
			return true
		case c == '.':
			if k >= 3 && strings.EqualFold(tok[k-3:k], "www") {
				return true
			}
			e := k + 1
			for e < len(tok) && isWordByte(tok[e]) {
				e++
			}
			if isAddressTLD(tok[k+1 : e]) {
				return true
			}
		}
	}
	return foldsIntoASCII(tok)
}

// foldsIntoASCII reports whether s holds a rune that (?i) folds into an
// ASCII letter: the long s (ſ, folded as s) or the Kelvin sign (K, as
// k), the only two. Elsewhere addressRest reads a byte beyond ASCII as
// the hand reading does (see appendRestASCII).
func foldsIntoASCII(s string) bool {
	return strings.Contains(s, "ſ") || strings.Contains(s, "\u212a")
}

// isAddressTLD reports whether w is one of addressTLDs, ASCII case folded.
func isAddressTLD(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, t := range addressTLDs {
		if len(t) == len(w) && strings.EqualFold(t, w) {
			return true
		}
	}
	return false
}

// schemeStart returns where the scheme ending at s[j] (the colon) starts,
// if it is one of addressSchemes or "data" (case folded as (?i) folds:
// ASCII, and the long s and Kelvin sign as s and k), else -1.
//
// It runs at every colon of a sentence with an address trigger, most of
// them a URL's ("https:"), so the schemes are spelled out backwards only
// when the byte before the colon is one of schemeEnds; a byte beyond
// ASCII may end a folded letter (ſ, K) and lets them be tried.
func schemeStart(s string, j int) int {
	if j == 0 || s[j-1] < utf8.RuneSelf && strings.IndexByte(schemeEnds, lowerASCII(s[j-1])) < 0 {
		return -1
	}
	if st := foldSuffix(s, j, "data"); st >= 0 {
		return st
	}
	for _, sc := range addressSchemes {
		if st := foldSuffix(s, j, sc); st >= 0 {
			return st
		}
	}
	return -1
}

// schemeEnds are the last letters of "data" and addressSchemes.
const schemeEnds = "atoleb"

// foldSuffix returns where lit (lower-case ASCII) ends s[:j], case
// folded, or -1.
func foldSuffix(s string, j int, lit string) int {
	for k := len(lit) - 1; k >= 0; k-- {
		if j == 0 {
			return -1
		}
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if foldRune(r) != rune(lit[k]) {
			return -1
		}
		j -= n
	}
	return j
}

// foldRune folds r as (?i) does for matching ASCII letters: ASCII upper
// case, the long s (ſ) and the Kelvin sign (K) to their lower-case ASCII.
func foldRune(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r == 'ſ':
		return 's'
	case r == '\u212a':
		return 'k'
	}
	return r
}

// urlEnd returns the offset of the first byte at or after i that ends a
// URL: white space, '<', '>' or '"'.
func urlEnd(s string, i int) int {
	for i < len(s) && !isURLStop(s[i]) {
		i++
	}
	return i
}

func isURLStop(c byte) bool { return isSpaceByte(c) || c == '<' || c == '>' || c == '"' }

// isSchemeRune and isSchemeLetter are [a-z0-9+.-] and [a-z] as (?i)
// reads them.
func isSchemeRune(r rune) bool {
	return isSchemeLetter(r) || r >= '0' && r <= '9' || r == '+' || r == '.' || r == '-'
}

func isSchemeLetter(r rune) bool {
	r = foldRune(r)
	return r >= 'a' && r <= 'z'
}
