package extract

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/skillpulse/skillpulse"
	"go.yaml.in/yaml/v3"
)

// defaultTaxonomyYAML is a string, not a []byte, so that the package
// holds nothing mutable.
//
//go:embed taxonomy.yaml
var defaultTaxonomyYAML string

// Taxonomy is the set of skills the tagger knows, with the aliases that name
// them in postings and the rules that keep ambiguous aliases honest. A
// Taxonomy is immutable once built, so one value may back many Taggers.
type Taxonomy struct {
	entries []*entry          // sorted by id
	byID    map[string]*entry // id → entry
}

// entry is one skill as written in a taxonomy file, with where it was
// written so that errors can point at it.
type entry struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Category string   `yaml:"category"`
	Parents  []string `yaml:"parents"`
	// Umbrella marks a general area (cloud, networking, observability)
	// rather than a specific skill: years stated next to umbrellas only are
	// read as the role's years, and reports may treat them apart.
	Umbrella bool `yaml:"umbrella"`
	// Aliases match case-insensitively; Exact aliases match only with the
	// case written (Go, Chef, C). Both obey word boundaries.
	Aliases []string `yaml:"aliases"`
	Exact   []string `yaml:"exact"`
	// Rule says in words why an ambiguous alias is restricted; it is
	// documentation, required wherever a guard or veto is set.
	Rule string `yaml:"rule"`
	// Guard names a context check implemented in code (see guards.go).
	Guard string `yaml:"guard"`
	// VetoPrev/VetoNext reject a match whose neighbouring word (lower-case)
	// is listed; VetoSentence rejects it when the sentence holds any of the
	// listed words. They keep "Salt Lake City" and "head chef" out.
	VetoPrev     []string `yaml:"veto_prev"`
	VetoNext     []string `yaml:"veto_next"`
	VetoSentence []string `yaml:"veto_sentence"`

	file string
	line int
}

func (e *entry) where() string { return fmt.Sprintf("%s:%d", e.file, e.line) }

func (e *entry) skill() skillpulse.Skill {
	return skillpulse.Skill{
		ID:       e.ID,
		Name:     e.Name,
		Category: skillpulse.Category(e.Category),
		Parents:  slices.Clone(e.Parents),
	}
}

// knownKey reports whether k is a field an entry may have; anything else is
// a typo that would otherwise silently do nothing.
func knownKey(k string) bool {
	switch k {
	case "id", "name", "category", "parents", "umbrella", "aliases", "exact", "rule", "guard",
		"veto_prev", "veto_next", "veto_sentence":
		return true
	}
	return false
}

// DefaultTaxonomy returns the taxonomy embedded in the binary
// (extract/taxonomy.yaml).
func DefaultTaxonomy() (*Taxonomy, error) {
	entries, err := parseTaxonomy("taxonomy.yaml", []byte(defaultTaxonomyYAML))
	if err != nil {
		return nil, err
	}
	return build(entries)
}

// MaxTaxonomyFile bounds a user taxonomy file, eighty times the built-in
// one: a path to a log, a disk image or /dev/zero by mistake is refused
// by its size instead of read into memory whole.
const MaxTaxonomyFile = 8 << 20

// readTaxonomyFile reads f, refusing one over MaxTaxonomyFile.
func readTaxonomyFile(f string) ([]byte, error) {
	fh, err := os.Open(f)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, MaxTaxonomyFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f, err)
	}
	if len(data) > MaxTaxonomyFile {
		return nil, fmt.Errorf("%s is over %d MiB: a taxonomy file is a few KiB to a few hundred", f, MaxTaxonomyFile>>20)
	}
	return data, nil
}

// LoadTaxonomy returns base extended by the given taxonomy files, applied in
// order. An entry whose id already exists replaces the earlier entry whole
// (aliases included); a new id adds a skill. A nil base starts empty.
// Errors carry file:line: malformed YAML, unknown fields, missing or invalid
// fields, an id twice in one file, an alias shared by two skills, a parent
// that does not exist, a cycle in the parent graph.
func LoadTaxonomy(base *Taxonomy, files ...string) (*Taxonomy, error) {
	var entries []*entry
	idx := map[string]int{}
	if base != nil {
		for _, e := range base.entries {
			idx[e.ID] = len(entries)
			entries = append(entries, e)
		}
	}
	for _, f := range files {
		data, err := readTaxonomyFile(f)
		if err != nil {
			return nil, fmt.Errorf("load taxonomy: %w", err)
		}
		add, err := parseTaxonomy(f, data)
		if err != nil {
			return nil, err
		}
		for _, e := range add {
			if i, ok := idx[e.ID]; ok {
				entries[i] = e
				continue
			}
			idx[e.ID] = len(entries)
			entries = append(entries, e)
		}
	}
	return build(entries)
}

// parseTaxonomy reads one file: a mapping with a "skills" sequence. It checks
// everything that can be checked within the file.
func parseTaxonomy(file string, data []byte) ([]*entry, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(root.Content) == 0 {
		return nil, nil // an empty file adds nothing
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping with a skills list", file, doc.Line)
	}
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := doc.Content[i]
		if k.Value != "skills" {
			return nil, fmt.Errorf("%s:%d: unknown key %q (want skills)", file, k.Line, k.Value)
		}
		list = doc.Content[i+1]
	}
	if list == nil {
		return nil, nil
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: skills: want a list", file, list.Line)
	}
	seen := map[string]*entry{}
	out := make([]*entry, 0, len(list.Content))
	for _, n := range list.Content {
		if n.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: skill: want a mapping", file, n.Line)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; !knownKey(k.Value) {
				return nil, fmt.Errorf("%s:%d: unknown field %q", file, k.Line, k.Value)
			}
		}
		e := &entry{file: file, line: n.Line}
		if err := n.Decode(e); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n.Line, err)
		}
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", e.where(), err)
		}
		if prev, ok := seen[e.ID]; ok {
			return nil, fmt.Errorf("%s: duplicate id %q (first at line %d)", e.where(), e.ID, prev.line)
		}
		seen[e.ID] = e
		out = append(out, e)
	}
	return out, nil
}

// check validates what one entry can say about itself.
func (e *entry) check() error {
	if !validID(e.ID) {
		return fmt.Errorf("skill id %q: want a lower-case slug (a-z, 0-9, '-')", e.ID)
	}
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Errorf("skill %q: missing name", e.ID)
	}
	if !skillpulse.Category(e.Category).Valid() {
		return fmt.Errorf("skill %q: unknown category %q", e.ID, e.Category)
	}
	if len(e.Aliases)+len(e.Exact) == 0 {
		return fmt.Errorf("skill %q: no aliases", e.ID)
	}
	for _, a := range append(slices.Clone(e.Aliases), e.Exact...) {
		if strings.TrimSpace(a) != a || a == "" {
			return fmt.Errorf("skill %q: alias %q is empty or has surrounding spaces", e.ID, a)
		}
		if strings.ContainsFunc(a, unicode.IsControl) {
			// Text is matched a sentence at a time, each ended by '\n': an
			// alias holding a line break or another control character
			// could never be found.
			return fmt.Errorf("skill %q: alias %q holds a line break or another control character", e.ID, a)
		}
	}
	if slices.Contains(e.VetoSentence, "") {
		return fmt.Errorf("skill %q: a sentence veto is empty", e.ID)
	}
	if e.Guard != "" {
		if guardFor(e.Guard) == nil {
			return fmt.Errorf("skill %q: unknown guard %q", e.ID, e.Guard)
		}
	}
	restricted := e.Guard != "" || len(e.VetoPrev)+len(e.VetoNext)+len(e.VetoSentence) > 0
	if restricted && strings.TrimSpace(e.Rule) == "" {
		return fmt.Errorf("skill %q: a guard or veto needs a rule saying why", e.ID)
	}
	for _, p := range e.Parents {
		if p == e.ID {
			return fmt.Errorf("skill %q: is its own parent", e.ID)
		}
	}
	return nil
}

func validID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// build checks what needs the whole set (aliases unique, parents known, no
// cycles) and indexes it.
func build(entries []*entry) (*Taxonomy, error) {
	t := &Taxonomy{byID: make(map[string]*entry, len(entries))}
	aliases := map[string]*entry{}
	for _, e := range entries {
		t.byID[e.ID] = e
		for _, a := range append(slices.Clone(e.Aliases), e.Exact...) {
			k := strings.ToLower(a)
			if prev, ok := aliases[k]; ok && prev != e {
				return nil, fmt.Errorf("%s: alias %q of %q is already an alias of %q (%s)", e.where(), a, e.ID, prev.ID, prev.where())
			}
			aliases[k] = e
		}
	}
	for _, e := range entries {
		for _, p := range e.Parents {
			if _, ok := t.byID[p]; !ok {
				return nil, fmt.Errorf("%s: skill %q: unknown parent %q", e.where(), e.ID, p)
			}
		}
	}
	// Depth-first search for cycles: white (unvisited), grey (on the
	// stack), black (done).
	color := map[string]int{}
	var visit func(e *entry, path []string) error
	visit = func(e *entry, path []string) error {
		switch color[e.ID] {
		case 1:
			return fmt.Errorf("%s: parent cycle %s", e.where(), strings.Join(append(path, e.ID), " → "))
		case 2:
			return nil
		}
		color[e.ID] = 1
		for _, p := range e.Parents {
			if err := visit(t.byID[p], append(path, e.ID)); err != nil {
				return err
			}
		}
		color[e.ID] = 2
		return nil
	}
	for _, e := range entries {
		if err := visit(e, nil); err != nil {
			return nil, err
		}
	}
	t.entries = slices.Clone(entries)
	sort.Slice(t.entries, func(i, j int) bool { return t.entries[i].ID < t.entries[j].ID })
	return t, nil
}

// Skills returns every skill, sorted by id. The slice is the caller's.
func (t *Taxonomy) Skills() []skillpulse.Skill {
	out := make([]skillpulse.Skill, len(t.entries))
	for i, e := range t.entries {
		out[i] = e.skill()
	}
	return out
}

// Lookup returns the skill with the given id.
func (t *Taxonomy) Lookup(id string) (skillpulse.Skill, bool) {
	e, ok := t.byID[id]
	if !ok {
		return skillpulse.Skill{}, false
	}
	return e.skill(), true
}

// Umbrella reports whether id is an umbrella (a general area such as
// cloud or networking that more specific skills roll up to).
func (t *Taxonomy) Umbrella(id string) bool {
	e, ok := t.byID[id]
	return ok && e.Umbrella
}

// Aliases returns the names id is matched by: case-insensitive aliases
// first, then exact-case ones, as the taxonomy lists them.
func (t *Taxonomy) Aliases(id string) []string {
	e, ok := t.byID[id]
	if !ok {
		return nil
	}
	return append(slices.Clone(e.Aliases), e.Exact...)
}

// Hash is a digest of everything in the taxonomy that affects tagging.
// Stored tags made under a different hash may be stale: a caller that
// keeps tags can re-tag when it changes.
func (t *Taxonomy) Hash() string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, e := range t.entries {
		field(e.ID)
		field(e.Name)
		field(e.Category)
		field(strings.Join(e.Parents, ","))
		field(strconv.FormatBool(e.Umbrella))
		field(strings.Join(e.Aliases, "\x01"))
		field(strings.Join(e.Exact, "\x01"))
		field(e.Guard)
		field(strings.Join(e.VetoPrev, ","))
		field(strings.Join(e.VetoNext, ","))
		field(strings.Join(e.VetoSentence, ","))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Ancestors returns every skill id that id rolls up to (parents, their
// parents, ...), each once, in breadth-first order.
func (t *Taxonomy) Ancestors(id string) []string {
	var out []string
	seen := map[string]bool{id: true}
	queue := []string{id}
	for len(queue) > 0 {
		e := t.byID[queue[0]]
		queue = queue[1:]
		if e == nil {
			continue
		}
		for _, p := range e.Parents {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				queue = append(queue, p)
			}
		}
	}
	return out
}
