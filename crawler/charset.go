package crawler

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// htmlToUTF8 decodes an HTML body whose charset is declared in the page
// itself (a byte-order mark, or a <meta charset> or http-equiv tag in its
// first kilobyte, as browsers prescan) rather than in the Content-Type
// header; colly already converts bodies whose header names a charset.
// Only a declaration is acted on: a page that declares nothing is left as
// it is, since guessing (windows-1252 is the HTML default) would garble
// UTF-8 pages that simply do not say so.
func htmlToUTF8(body []byte, contentType string) []byte {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "charset") || !looksHTML(ct, body) {
		return body
	}
	label := ""
	if _, name, certain := charset.DetermineEncoding(body, ""); certain {
		label = name // a byte-order mark
	} else {
		label = metaCharset(body[:min(len(body), 1024)])
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// metaCharset returns the charset a <meta> tag in head declares, or "".
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
			default:
				continue
			}
			var cs, equiv, content string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					equiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs != "" {
				return strings.TrimSpace(cs)
			}
			if equiv == "content-type" {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

func looksHTML(contentType string, body []byte) bool {
	if strings.Contains(contentType, "html") {
		return true
	}
	if contentType != "" && !strings.HasPrefix(contentType, "text/plain") && !strings.HasPrefix(contentType, "application/octet-stream") {
		return false
	}
	head := bytes.ToLower(body[:min(len(body), 512)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<meta"))
}
