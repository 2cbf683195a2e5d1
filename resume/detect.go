package resume

import (
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Detect tells a document's format from its content: the PDF and ZIP
// magic numbers, then markup, then whether the bytes read as text. Formats
// Read cannot take (images, legacy Word, RTF, other binaries) are an
// ErrUnsupported DocumentError naming what they look like.
func Detect(data []byte) (Format, error) {
	head := data[:min(len(data), 1024)]
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return FormatPDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return FormatDOCX, nil // readDOCX refuses archives that are not Word documents
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "", docErr(ErrUnsupported, "", "a legacy Word .doc (or another OLE file); save it as .docx or PDF")
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "", docErr(ErrUnsupported, "", "an RTF document; save it as .docx, PDF or plain text")
	}
	sniffed := http.DetectContentType(data)
	switch {
	case strings.HasPrefix(sniffed, "image/"), strings.HasPrefix(sniffed, "audio/"), strings.HasPrefix(sniffed, "video/"):
		return "", docErr(ErrUnsupported, "", "%s, not a document", sniffed)
	case strings.HasPrefix(sniffed, "text/html"):
		return FormatHTML, nil
	case strings.HasPrefix(sniffed, "application/") && sniffed != "application/octet-stream":
		return "", docErr(ErrUnsupported, "", "%s, not a resume format (plain text, Markdown, HTML, PDF or .docx)", sniffed)
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return textFormat(decodeText(data)), nil
	}
	if !looksText(data) {
		return "", docErr(ErrUnsupported, "", "binary data, not a document")
	}
	return textFormat(decodeText(data)), nil
}

// textFormat tells Markdown from plain text (a Markdown heading or
// emphasis marks it; both are read the same way, the format is only
// reported) and catches HTML fragments that do not start with markup.
func textFormat(s string) Format {
	for line := range strings.Lines(s[:min(len(s), 8192)]) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "**") {
			return FormatMarkdown
		}
	}
	if looksHTML(s) {
		return FormatHTML
	}
	return FormatText
}

// looksHTML catches HTML fragments that http.DetectContentType does not
// (markup that does not start the document).
func looksHTML(s string) bool {
	l := strings.ToLower(s[:min(len(s), 4096)])
	for _, tag := range []string{"<p>", "<div", "<li>", "<br", "<h1", "<h2", "<h3", "<ul>", "<table"} {
		if strings.Contains(l, tag) {
			return true
		}
	}
	return false
}

// looksText reports whether data reads as text: no NUL bytes and few
// control characters in its first 8 KiB, in UTF-8 or a single-byte
// Windows code page.
func looksText(data []byte) bool {
	sample := data[:min(len(data), 8192)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return false
	}
	ctl := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*100 <= len(sample)
}

// decodeText returns data as UTF-8: UTF-16 with a byte-order mark is
// decoded, a UTF-8 byte-order mark dropped, and bytes that are not UTF-8
// read as Windows-1252 (what older editors save).
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return string(out)
		}
		return ""
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	}
	if utf8.Valid(data) {
		return string(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "")
	}
	return string(out)
}
