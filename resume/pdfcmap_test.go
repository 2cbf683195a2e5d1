package resume

import "testing"

func TestToUnicodeReadsCharsRangesAndArrays(t *testing.T) {
	m := parseToUnicode([]byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0003> <0020>
<0010> <00660069>
endbfchar
3 beginbfrange
<0020> <0022> <0041>
<0100> <0101> [<2013> <2022>]
<1000> <FFFF> <1000>
endbfrange
endcmap`))
	if m == nil {
		t.Fatal("no map read")
	}
	for code, want := range map[int]string{0x03: " ", 0x10: "fi", 0x20: "A", 0x22: "C", 0x100: "–", 0x101: "•", 0x2014: "—", 0x5: ""} {
		if got := m.decode(code); got != want {
			t.Errorf("code %#x: %q, want %q", code, got, want)
		}
	}
}

func FuzzParseToUnicode(f *testing.F) {
	f.Add([]byte("1 beginbfrange <0000> <FFFF> <0000> endbfrange 1 beginbfchar <01> <D83DDE00> endbfchar"))
	f.Add([]byte("beginbfrange <00> <05> [<41> <42>] endbfrange"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if m := parseToUnicode(data); m != nil {
			for code := range 300 {
				m.decode(code)
			}
		}
	})
}
