package extract

import "strings"

// Lists run into one line: spaced dashes ("Work: - FastAPI - Designing
// APIs") and inline bullets ("What we're looking for • 5+ years of
// Python"), which a posting's author typed as a list but the page keeps as
// one paragraph.

// addDashList adds a list run into one line with spaced dashes ("Work: -
// FastAPI, async Python - Designing APIs - ..."): the line that opens it,
// then each item, as lines of their own, at the level the opening line
// introduces (or base's, when it introduces none).
func (d *doc) addDashList(head, items string, lvl, sec, base section) {
	d.addText(head, lvl)
	il, ok := d.introOf(head, lvl, sec, true)
	if !ok {
		il = base
	}
	for items != "" {
		var item string
		item, items = nextDashItem(items)
		d.addText(item, d.labelLevel(item, il))
	}
}

// dashList reports whether text is a list run into one line with spaced
// dashes, each item opening with a capital or a digit ("Work: - FastAPI,
// async Python - Designing APIs - Performance work", "Staff Engineer - 8+
// years experience - Strong backend foundation"): at least two such
// dashes. head is the text before the first, items the rest from it.
func dashList(text string) (head, items string, ok bool) {
	first := itemDash(text, 0)
	if first < 0 || itemDash(text, first+3) < 0 {
		return "", "", false
	}
	return text[:first], text[first:], true
}

// itemDash returns the offset of the first spaced dash at or after from
// in s that opens an item (a capital or a digit after it), or -1. It
// looks for the dash byte, which prose has far fewer of than spaces.
func itemDash(s string, from int) int {
	for i := from; i < len(s); {
		j := strings.IndexByte(s[i:], '-')
		if j < 0 {
			return -1
		}
		j += i
		if j > 0 && s[j-1] == ' ' && j+2 < len(s) && s[j+1] == ' ' && (s[j+2] >= 'A' && s[j+2] <= 'Z' || isDigit(s[j+2])) {
			return j - 1
		}
		i = j + 1
	}
	return -1
}

// nextDashItem cuts the first item off items, which starts at a spaced
// dash (see dashList): the item runs to the next spaced dash that opens
// one.
func nextDashItem(items string) (item, rest string) {
	items = strings.TrimPrefix(items, " - ")
	if j := itemDash(items, 0); j >= 0 {
		return items[:j], items[j:]
	}
	return items, ""
}

// indexInlineBullet is strings.Index(s, " • "), which looks at every
// space: it looks at the bullet's first byte, which is rare, instead.
func indexInlineBullet(s string) int {
	for i := 1; i < len(s); {
		j := strings.IndexByte(s[i:], "•"[0])
		if j < 0 {
			return -1
		}
		if i += j; s[i-1] == ' ' && strings.HasPrefix(s[i:], "• ") {
			return i - 1
		}
		i++
	}
	return -1
}
