package crawler

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// maxFeedDepth bounds how deeply a feed's XML elements may nest. A real
// feed nests a handful of levels (rss, channel, item, a field, an
// extension element and its children). gofeed walks nested elements
// recursively and keeps each one, so a 4 MB feed of nothing but nested
// elements cost it over a gigabyte of memory and seconds of CPU: the
// depth is checked first, by a streaming pass that keeps only a count.
const maxFeedDepth = 256

// maxFeedElements bounds a feed's XML elements: 5,000 items (max_items'
// default) of 60 fields each. gofeed keeps every namespaced element of an
// item, so a 9 MB item of 1.5 million empty <x:a/> cost it half a
// gigabyte.
const maxFeedElements = 300_000

// checkFeedDepth returns an error when the XML in body nests elements
// deeper than maxFeedDepth or holds more than maxFeedElements. A body that is not XML (a JSON Feed), or that
// the tokenizer cannot read, is left to the feed parser to judge.
func checkFeedDepth(body []byte) error {
	if firstByte(body) != '<' {
		return nil
	}
	// As gofeed reads it: lenient, any declared charset taken as is (the
	// structure is ASCII in every charset a feed uses).
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	depth, elements := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return nil
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxFeedDepth {
				return fmt.Errorf("XML elements nest deeper than %d levels at byte %d (a feed nests a few)", maxFeedDepth, d.InputOffset())
			}
			if elements++; elements > maxFeedElements {
				return fmt.Errorf("more than %d XML elements by byte %d (a feed of 5,000 postings has fewer)", maxFeedElements, d.InputOffset())
			}
		case xml.EndElement:
			depth--
		}
	}
}
