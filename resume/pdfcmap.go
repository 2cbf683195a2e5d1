package resume

import (
	"bytes"
	"encoding/hex"
	"io"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// cmapRange maps the codes lo..hi to consecutive text starting at dst
// (a bfrange), or each to its own text (a bfrange with an array).
type cmapRange struct {
	lo, hi int
	dst    []uint16
	each   []string
}

// toUnicode is a font's ToUnicode character map, read for two-byte codes:
// the PDF library reads a bfrange only within its last byte, so a map
// of one range over all codes (<0000> <FFFF> <0000>, as fpdf and other
// libraries write Unicode fonts) lost every letter past Latin-1.
type toUnicode struct {
	chars  map[int]string
	ranges []cmapRange
}

// maxCmapEntries bounds what one map may declare.
const maxCmapEntries = 1 << 16

// readToUnicode reads the map's bfchar and bfrange entries; nil when v is
// no stream or holds none.
func readToUnicode(v pdf.Value) *toUnicode {
	if v.Kind() != pdf.Stream {
		return nil
	}
	rc := v.Reader()
	data, err := io.ReadAll(io.LimitReader(rc, MaxStream))
	rc.Close()
	if err != nil {
		return nil
	}
	return parseToUnicode(data)
}

// parseToUnicode reads a CMap's bfchar and bfrange entries.
func parseToUnicode(data []byte) *toUnicode {
	m := &toUnicode{chars: map[int]string{}}
	toks := cmapTokens(data)
	mode := ""
	for i := 0; i < len(toks) && len(m.chars)+len(m.ranges) < maxCmapEntries; i++ {
		switch t := toks[i]; {
		case t == "beginbfchar" || t == "beginbfrange":
			mode = t
		case t == "endbfchar" || t == "endbfrange":
			mode = ""
		case mode == "beginbfchar" && i+1 < len(toks) && isHex(t) && isHex(toks[i+1]):
			m.chars[hexInt(t)] = hexText(toks[i+1])
			i++
		case mode == "beginbfrange" && i+2 < len(toks) && isHex(t) && isHex(toks[i+1]):
			r := cmapRange{lo: hexInt(t), hi: hexInt(toks[i+1])}
			i += 2
			if toks[i] == "[" {
				for i++; i < len(toks) && toks[i] != "]"; i++ {
					r.each = append(r.each, hexText(toks[i]))
				}
			} else if isHex(toks[i]) {
				r.dst = utf16Units(toks[i])
			}
			if r.hi >= r.lo && (len(r.dst) > 0 || len(r.each) > 0) {
				m.ranges = append(m.ranges, r)
			}
		}
	}
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// decode returns the text of one code, "" when the map lacks it.
func (m *toUnicode) decode(code int) string {
	if s, ok := m.chars[code]; ok {
		return s
	}
	for _, r := range m.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		if r.each != nil {
			if k := code - r.lo; k < len(r.each) {
				return r.each[k]
			}
			return ""
		}
		units := append([]uint16(nil), r.dst...)
		units[len(units)-1] += uint16(code - r.lo)
		return string(utf16.Decode(units))
	}
	return ""
}

// cmapTokens splits a CMap into hex strings ("<0041>"), brackets and
// words.
func cmapTokens(data []byte) []string {
	var toks []string
	for i := 0; i < len(data); {
		switch c := data[i]; {
		case c == '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return toks
			}
			toks = append(toks, string(data[i:i+j+1]))
			i += j + 1
		case c == '[' || c == ']':
			toks = append(toks, string(c))
			i++
		case c <= ' ':
			i++
		default:
			j := i
			for j < len(data) && data[j] > ' ' && data[j] != '<' && data[j] != '[' && data[j] != ']' {
				j++
			}
			toks = append(toks, string(data[i:j]))
			i = j
		}
	}
	return toks
}

func isHex(t string) bool { return len(t) >= 2 && t[0] == '<' && t[len(t)-1] == '>' }

func hexBytes(t string) []byte {
	if !isHex(t) {
		return nil
	}
	b, _ := hex.DecodeString(string(bytes.Join(bytes.Fields([]byte(t[1:len(t)-1])), nil)))
	return b
}

func hexInt(t string) int {
	n := 0
	for _, c := range hexBytes(t) {
		n = n<<8 | int(c)
	}
	return n
}

func utf16Units(t string) []uint16 {
	b := hexBytes(t)
	var u []uint16
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	if len(b)%2 == 1 {
		u = append(u, uint16(b[len(b)-1]))
	}
	return u
}

func hexText(t string) string {
	u := utf16Units(t)
	if len(u) == 0 {
		return ""
	}
	return string(utf16.Decode(u))
}
