package resume

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText returns the text of an HTML document, a line per block
// element, with list items as "• " bullets. Scripts, styles and the head
// are dropped; entities are decoded.
func htmlText(doc string) (string, error) {
	z := html.NewTokenizer(strings.NewReader(doc))
	z.SetMaxBuf(MaxSize)
	var b strings.Builder
	skip := 0 // depth inside script, style, head, ...
	var veil veiled
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String(), nil // io.EOF or a bound: keep what was read
		case html.TextToken:
			if skip == 0 && veil.depth == 0 {
				writeCollapsed(&b, string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if veil.tag(a, tt, hasAttr && tt == html.StartTagToken && hiddenByAttr(z)) {
				continue
			}
			if hidden(a) && tt != html.SelfClosingTagToken {
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch {
			case a == atom.Li && tt == html.StartTagToken:
				b.WriteString("\n• ")
			case a == atom.Td || a == atom.Th:
				b.WriteString(" | ")
			case block(a):
				b.WriteByte('\n')
			}
		}
	}
}

// veiled follows an element the page hides from its reader with an
// attribute, while its text is left out.
type veiled struct {
	a     atom.Atom
	depth int // open elements named a, the hidden one among them
}

// tag reports whether a tag of element a is inside, or opens or closes,
// a hidden element; hides says the tag's own attributes hide it. Only
// elements whose end tag is required are followed, so that a hidden
// element always ends where the page says.
func (v *veiled) tag(a atom.Atom, tt html.TokenType, hides bool) bool {
	switch {
	case v.depth == 0 && hides && endTagRequired(a):
		v.a, v.depth = a, 1
	case v.depth == 0:
		return false
	case a == v.a && tt == html.StartTagToken:
		v.depth++
	case a == v.a && tt == html.EndTagToken:
		v.depth--
	}
	return true
}

// hiddenByAttr reads the attributes of the start tag z is at: the hidden
// attribute, or an inline style of display:none or visibility:hidden.
func hiddenByAttr(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "hidden":
			return true
		case "style":
			style := strings.ToLower(strings.Join(strings.Fields(string(val)), ""))
			if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
				return true
			}
		}
		if !more {
			return false
		}
	}
}

// endTagRequired reports whether every a element ends with an end tag
// (HTML lets p, li, td and others end without one).
func endTagRequired(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Span, atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer, atom.Nav, atom.Main,
		atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Small, atom.Font, atom.Label, atom.Ul, atom.Ol, atom.Table,
		atom.Blockquote, atom.Pre, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dl, atom.Details, atom.Figure:
		return true
	}
	return false
}

func hidden(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Head, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object:
		return true
	}
	return false
}

func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Tr, atom.Table, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Dd, atom.Dt, atom.Dl,
		atom.Blockquote, atom.Pre, atom.Hr, atom.Main, atom.Aside, atom.Nav, atom.Body, atom.Title:
		return true
	}
	return false
}

// writeCollapsed appends s with runs of white space folded into one space.
func writeCollapsed(b *strings.Builder, s string) {
	if f := strings.Fields(s); len(f) > 0 {
		if strings.IndexByte(" \t\n\r\f", s[0]) >= 0 && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(f, " "))
		if strings.IndexByte(" \t\n\r\f", s[len(s)-1]) >= 0 {
			b.WriteByte(' ')
		}
	}
}
