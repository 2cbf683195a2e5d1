package extract

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxText bounds the text the tagger reads from one document. Postings are a
// few kilobytes; anything past a mebibyte is a scraping accident, and
// bounding it bounds the work.
const maxText = 1 << 20

// maxBlocks bounds the blocks kept from one document for the same reason.
const maxBlocks = 20000

type blockKind uint8

const (
	blockPara blockKind = iota
	blockItem
	blockHeading
	// blockMaybeHeading is a short plain-text line with no closing
	// punctuation ("What you'll need"): a heading if it reads as a known
	// section heading, else a paragraph. Only the tagger can tell.
	blockMaybeHeading
)

// block is one paragraph, list item or heading of a document, its text
// whitespace-collapsed.
type block struct {
	kind blockKind
	text string
}

// splitBlocks turns a document, HTML or plain text, into blocks.
func splitBlocks(doc string) []block {
	doc = truncate(doc, maxText)
	markup := isHTML(doc)
	if !markup && isEscapedHTML(doc) {
		doc = html.UnescapeString(doc)
		markup = isHTML(doc)
	}
	if markup {
		return htmlBlocks(doc)
	}
	return textBlocks(doc)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// collapse folds every run of white space (NBSP included) into one space
// and trims the ends.
func collapse(s string) string {
	if collapsed(s) {
		return s // the common case for sentences: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// collapsed reports whether s is already what collapse would return.
func collapsed(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			return false
		}
	}
	return true
}

// htmlBlocks walks the token stream (no tree: postings are flat and the
// tokenizer is cheaper) and cuts a block at every block-level boundary.
// A paragraph or item that is entirely bold and short reads as a heading,
// since many ATS editors make headings that way.
func htmlBlocks(doc string) []block {
	z := xhtml.NewTokenizer(strings.NewReader(doc))
	var (
		out       []block
		cur       strings.Builder
		boldText  int // non-space runes inside <strong>/<b> in cur
		allText   int // non-space runes in cur
		kind      = blockPara
		skip      int // depth inside script/style/head/title
		bold      int
		inHeading int
	)
	flush := func(next blockKind) {
		text := collapse(cur.String())
		if text != "" && len(out) < maxBlocks {
			k := kind
			if inHeading > 0 || k == blockHeading {
				k = blockHeading
			} else if allText > 0 && boldText*10 >= allText*9 && utf8.RuneCountInString(text) <= 80 {
				k = blockHeading
			}
			out = append(out, block{kind: k, text: text})
		}
		cur.Reset()
		boldText, allText = 0, 0
		kind = next
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			flush(blockPara)
			return out
		case xhtml.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			cur.Write(t)
			nonSpace := 0
			for _, c := range string(t) {
				if !unicode.IsSpace(c) && c != '\u00a0' {
					nonSpace++
				}
			}
			allText += nonSpace
			if bold > 0 {
				boldText += nonSpace
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt != xhtml.EndTagToken
			switch a {
			case atom.Script, atom.Style, atom.Head, atom.Title, atom.Noscript, atom.Template:
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Strong, atom.B:
				if tt == xhtml.StartTagToken {
					bold++
				} else if tt == xhtml.EndTagToken && bold > 0 {
					bold--
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if start {
					flush(blockHeading)
					inHeading++
				} else {
					flush(blockPara)
					if inHeading > 0 {
						inHeading--
					}
				}
			case atom.Li, atom.Dt, atom.Dd:
				if start {
					flush(blockItem)
				} else {
					flush(blockPara)
				}
			case atom.Br, atom.P, atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Tr, atom.Td,
				atom.Th, atom.Section, atom.Article, atom.Pre, atom.Blockquote, atom.Hr, atom.Header,
				atom.Footer, atom.Main, atom.Body, atom.Html:
				flush(blockPara)
			default:
				// Inline tags (a, span, em, code) keep the words on
				// either side apart only when the source put space there.
			}
		}
	}
}

var (
	mdHeading   = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*$`)
	boldHeading = regexp.MustCompile(`^(?:\*\*|__)(.+?)(?:\*\*|__):?$`)
	bullet      = regexp.MustCompile(`^(?:[-*•·–◦▪]|\d{1,2}[.)])\s+`)
)

// textBlocks splits plain text (or Markdown) into lines, each a block.
// A heading is a Markdown heading, a bold-only line, a short line ending in
// ':' or a short line in capitals.
func textBlocks(doc string) []block {
	var out []block
	for _, line := range strings.Split(doc, "\n") {
		if len(out) >= maxBlocks {
			break
		}
		line = collapse(line)
		if line == "" {
			continue
		}
		if m := mdHeading.FindStringSubmatch(line); m != nil {
			out = append(out, block{kind: blockHeading, text: m[1]})
			continue
		}
		if m := boldHeading.FindStringSubmatch(line); m != nil {
			out = append(out, block{kind: blockHeading, text: m[1]})
			continue
		}
		if loc := bullet.FindStringIndex(line); loc != nil {
			out = append(out, block{kind: blockItem, text: line[loc[1]:]})
			continue
		}
		if looksLikeHeading(line) {
			out = append(out, block{kind: blockHeading, text: line})
			continue
		}
		if maybeHeading(line) {
			out = append(out, block{kind: blockMaybeHeading, text: line})
			continue
		}
		out = append(out, block{kind: blockPara, text: line})
	}
	return out
}

// maybeHeading: at most six words and no closing punctuation.
func maybeHeading(line string) bool {
	if len(line) > 50 || len(strings.Fields(line)) > 6 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".,;!?)", last)
}

// looksLikeHeading: short, and either ends in ':' or has letters and no
// lower-case ones (REQUIREMENTS).
func looksLikeHeading(line string) bool {
	if utf8.RuneCountInString(line) > 60 || len(strings.Fields(line)) > 8 {
		return false
	}
	if strings.HasSuffix(line, ":") {
		return true
	}
	letters, lower := 0, 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	return letters >= 4 && lower == 0
}
