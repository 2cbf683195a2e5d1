package resume

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// maxClearText bounds the clear-text part of an embedded Type 1 font read
// for its encoding (a TeX font's is 1 to 2 KiB).
const maxClearText = 64 << 10

// builtinEncoding reads the text of each code of a simple font that has
// neither /Encoding nor /ToUnicode from the encoding its embedded Type 1
// program declares ("dup 123 /endash put" in its clear-text part), as
// pdflatex writes TeX's Computer Modern fonts without \pdfgentounicode
// (older TeX installations, and dvips or dvipdfmx). The PDF library reads
// such codes as PDFDocEncoding, which turns "fi" into a control character,
// an en-dash into "{" and cmsy's "|" into "j". It reads at most
// maxClearText bytes, and no more than budget holds, which it spends; nil
// when the font is not such a font or declares no encoding.
func builtinEncoding(f pdf.Value, budget *int64) *[256]string {
	if f.Key("Encoding").Kind() != pdf.Null || f.Key("ToUnicode").Kind() == pdf.Stream {
		return nil
	}
	ff := f.Key("FontDescriptor").Key("FontFile")
	n := min(ff.Key("Length1").Int64(), maxClearText, *budget)
	if ff.Kind() != pdf.Stream || n <= 0 {
		return nil
	}
	rc := ff.Reader()
	data, err := io.ReadAll(io.LimitReader(rc, n))
	rc.Close()
	*budget -= int64(len(data))
	if err != nil {
		return nil
	}
	return parseBuiltinEncoding(data)
}

// parseBuiltinEncoding reads the "dup CODE /NAME put" entries of a Type 1
// font's clear text.
func parseBuiltinEncoding(data []byte) *[256]string {
	var enc [256]string
	found := false
	for rest := data; ; {
		i := bytes.Index(rest, []byte("dup "))
		if i < 0 {
			break
		}
		rest = rest[i+4:]
		f := bytes.Fields(rest[:min(len(rest), 64)])
		if len(f) < 3 || string(f[2]) != "put" || len(f[1]) < 2 || f[1][0] != '/' {
			continue
		}
		code, err := strconv.Atoi(string(f[0]))
		if err != nil || code < 0 || code > 255 {
			continue
		}
		enc[code] = glyphText(string(f[1][1:]))
		found = true
	}
	if !found {
		return nil
	}
	return &enc
}

// glyphText is the text of a glyph name: a letter's own name, uniXXXX,
// or one of glyphNames; "" for an accent TeX places over a letter and
// for names it does not know.
func glyphText(name string) string {
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name
	}
	if s, ok := glyphNames[name]; ok {
		return s
	}
	if len(name) == 7 && name[:3] == "uni" {
		if r, err := strconv.ParseUint(name[3:], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
			return string(rune(r))
		}
	}
	return ""
}

// glyphNames gives the text of the glyph names TeX's text and symbol
// fonts use (OT1, T1, OMS), from the Adobe Glyph List.
var glyphNames = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%", "ampersand": "&",
	"quotesingle": "'", "parenleft": "(", "parenright": ")", "asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-",
	"period": ".", "slash": "/", "colon": ":", "semicolon": ";", "less": "<", "equal": "=", "greater": ">", "question": "?",
	"at": "@", "bracketleft": "[", "backslash": "\\", "bracketright": "]", "underscore": "_", "braceleft": "{", "bar": "|",
	"braceright": "}", "asciicircum": "^", "asciitilde": "~", "exclamdown": "¡", "questiondown": "¿",
	"quoteleft": "‘", "quoteright": "’", "quotedblleft": "“", "quotedblright": "”", "quotedblbase": "„", "quotesinglbase": "‚",
	"guillemotleft": "«", "guillemotright": "»", "endash": "–", "emdash": "—", "bullet": "•", "periodcentered": "·",
	"ff": "ff", "fi": "fi", "fl": "fl", "ffi": "ffi", "ffl": "ffl", "dotlessi": "ı", "dotlessj": "ȷ", "germandbls": "ß",
	"ae": "æ", "oe": "œ", "oslash": "ø", "AE": "Æ", "OE": "Œ", "Oslash": "Ø", "lslash": "ł", "Lslash": "Ł",
	"section": "§", "paragraph": "¶", "dagger": "†", "daggerdbl": "‡", "copyright": "©", "registered": "®", "sterling": "£",
	"minus": "−", "multiply": "×", "divide": "÷", "plusminus": "±", "asteriskmath": "∗", "openbullet": "◦", "circle": "○",
	"arrowright": "→", "arrowleft": "←", "lessequal": "≤", "greaterequal": "≥", "similar": "∼", "infinity": "∞",
	"element": "∈", "logicalnot": "¬", "degree": "°", "diamondmath": "⋄", "heart": "♡", "checkmark": "✓",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
	"Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

// texBitmapFont reports whether f is a bitmap font pdflatex made from a
// TeX font it found no Type 1 version of (T1-encoded text without the
// cm-super fonts installed, a common LaTeX setup): a Type 3 font without
// ToUnicode whose glyphs are named after their codes ("/a28"), which say
// nothing of what they are. Its codes are then read as the T1 (Cork)
// encoding's where that differs from ASCII and Latin-1 (see t1Text).
func texBitmapFont(f pdf.Value) bool {
	if f.Key("Subtype").Name() != "Type3" || f.Key("ToUnicode").Kind() == pdf.Stream {
		return false
	}
	d := f.Key("Encoding").Key("Differences")
	code, named := 0, 0
	for i := range min(d.Len(), 512) {
		x := d.Index(i)
		if x.Kind() == pdf.Integer {
			code = int(x.Int64())
			continue
		}
		if name := x.Name(); name != ".notdef" {
			if name != "a"+strconv.Itoa(code) {
				return false
			}
			named++
		}
		code++
	}
	return named > 0
}

// t1Low is the text of the T1 encoding's codes below 0x20: accents TeX
// places over a letter (none), quotes, dashes, dotless i and j, and the
// ligatures.
var t1Low = [32]string{
	0x0D: "‚", 0x0E: "‹", 0x0F: "›", 0x10: "“", 0x11: "”", 0x12: "„", 0x13: "«", 0x14: "»",
	0x15: "–", 0x16: "—", 0x19: "ı", 0x1A: "ȷ", 0x1B: "ff", 0x1C: "fi", 0x1D: "fl", 0x1E: "ffi", 0x1F: "ffl",
}

// t1Text is the text of a T1 code where it differs from what the PDF
// library reads (ASCII and Latin-1 otherwise); ok is false elsewhere.
func t1Text(code int) (string, bool) {
	switch {
	case code < 0x20:
		return t1Low[code], true
	case code == 0x7F:
		return "-", true // the hyphen TeX breaks words with
	case code == 0xD7:
		return "Œ", true
	case code == 0xDF:
		return "SS", true
	case code == 0xF7:
		return "œ", true
	case code == 0xFF:
		return "ß", true
	case code >= 0xC0 && code <= 0xFF:
		return string(rune(code)), true // Latin-1
	}
	return "", false
}
