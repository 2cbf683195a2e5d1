// Command taxgaps lists the capitalised words of a corpus of postings that
// no taxonomy alias covers, most frequent first: the candidates for the
// next taxonomy entries ("Juniper", "Keycloak", "GlusterFS").
//
//	go run ./cmd/taxgaps [-n 200] [-taxonomy FILE] CORPUS.jsonl
//
// CORPUS is JSON lines with a "text" field (the shared corpus's format).
// A word counts when it is written with a capital or a digit inside
// ("Ceph", "K8s", "iSCSI", "IS-IS") more often than all in lower case, so
// that ordinary words capitalised at a sentence start drop out, and when
// no alias of the taxonomy (the built-in one, with FILE layered over it)
// is that word or contains it as a word. Each line gives the count, the
// number of postings and the word.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillpulse/skillpulse/extract"
)

func main() {
	n := flag.Int("n", 200, "how many words to list")
	taxFile := flag.String("taxonomy", "", "a taxonomy file layered over the built-in one")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: taxgaps [-n N] [-taxonomy FILE] CORPUS.jsonl")
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Arg(0), *taxFile, *n); err != nil {
		fmt.Fprintln(os.Stderr, "taxgaps:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, corpus, taxFile string, n int) error {
	tx, err := extract.DefaultTaxonomy()
	if err != nil {
		return err
	}
	if taxFile != "" {
		if tx, err = extract.LoadTaxonomy(tx, taxFile); err != nil {
			return err
		}
	}
	known := knownWords(tx)
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	counts, err := countWords(f, corpus)
	if err != nil {
		return err
	}
	var gaps []*wordCount
	for _, c := range counts {
		if c.capital > c.lower && !known[strings.ToLower(c.word)] {
			gaps = append(gaps, c)
		}
	}
	slices.SortFunc(gaps, func(a, b *wordCount) int {
		return cmp.Or(cmp.Compare(b.capital, a.capital), cmp.Compare(a.word, b.word))
	})
	for _, c := range gaps[:min(n, len(gaps))] {
		fmt.Fprintf(w, "%6d %5d  %s\n", c.capital, c.postings, c.word)
	}
	return nil
}

// knownWords are the words of every alias, lower-cased: a word inside a
// longer alias ("Engine" in "Google Compute Engine") is known too, which
// errs towards listing fewer words.
func knownWords(tx *extract.Taxonomy) map[string]bool {
	known := map[string]bool{}
	for _, s := range tx.Skills() {
		for _, a := range append(tx.Aliases(s.ID), s.ID) {
			for _, f := range strings.FieldsFunc(strings.ToLower(a), func(r rune) bool { return !isWordRune(r) }) {
				known[f] = true
			}
			known[strings.ToLower(a)] = true
		}
	}
	return known
}

// wordCount is one word's spelling with capitals (the most frequent one)
// and how often it is written so and in lower case.
type wordCount struct {
	word           string
	capital, lower int
	postings       int
	lastPosting    int
	spellings      map[string]int
}

func countWords(r io.Reader, name string) (map[string]*wordCount, error) {
	counts := map[string]*wordCount{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var p struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		for word, start := range words(p.Text) {
			word = strings.Trim(word, "-._")
			if len(word) < 2 || !strings.ContainsFunc(word, unicode.IsLetter) {
				continue
			}
			key := strings.ToLower(word)
			c := counts[key]
			if c == nil {
				c = &wordCount{spellings: map[string]int{}}
				counts[key] = c
			}
			if word == key {
				c.lower++
				continue
			}
			if start && !strings.ContainsFunc(word[1:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
				continue // "We", "Responsibilities": any word opens a sentence so
			}
			c.capital++
			c.spellings[word]++
			if c.spellings[word] > c.spellings[c.word] {
				c.word = word
			}
			if c.lastPosting != line {
				c.postings++
				c.lastPosting = line
			}
		}
	}
	return counts, sc.Err()
}

// words yields the words of text, each with whether it opens a sentence,
// a line or a list item (where any word is capitalised).
func words(text string) func(yield func(string, bool) bool) {
	return func(yield func(string, bool) bool) {
		start := true
		for i := 0; i < len(text); {
			r, size := rune(text[i]), 1
			if r >= 0x80 {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if !isWordRune(r) {
				switch {
				case r == '\n' || r == '.' || r == ':' || r == '!' || r == '?' || r == '•' || r == '|' || r == '(' || r == '"':
					start = true
				case !unicode.IsSpace(r):
					start = false
				}
				i += size
				continue
			}
			j := i
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !isWordRune(r) {
					break
				}
				j += size
			}
			if !yield(text[i:j], start) {
				return
			}
			start = strings.HasSuffix(text[i:j], ".")
			i = j
		}
	}
}

// isWordRune keeps the characters product names are written with
// ("C++", "C#", "IS-IS", ".NET", "Node.js"); a slash separates words
// ("C/C++", "CI/CD").
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("+#-._", r)
}
