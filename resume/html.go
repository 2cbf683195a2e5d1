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
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String(), nil // io.EOF or a bound: keep what was read
		case html.TextToken:
			if skip == 0 {
				writeCollapsed(&b, string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
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
