package config

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder maps YAML nodes onto typed structs by their `yaml` tags, refusing
// unknown keys and values of the wrong kind. yaml.v3 parses; this only
// decodes, so that every error can name its key path and line, which
// yaml.v3's own Decode does not do.
type decoder struct {
	errs  *errorList
	lines map[string]int // key path → line, for errors found after decoding
	// visited counts the nodes decoded, aliases expanded; past
	// maxDecodedNodes decoding stops with one error (alias amplification).
	visited int
	alias   int // line of the alias being expanded, 0 outside any
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	for n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if !d.budget(n, path) {
		return
	}
	if n.Kind == yaml.AliasNode {
		if d.alias == 0 {
			d.alias = n.Line
			defer func() { d.alias = 0 }()
		}
		n = n.Alias
	}
	if path != "" {
		d.lines[path] = n.Line
	}
	if n.Tag == "!!null" {
		return // an empty value keeps the default
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshaler) {
		if n.Kind != yaml.ScalarNode {
			d.errs.add(n.Line, path, "want a single value, not %s", kindName(n))
			return
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.errs.add(n.Line, path, "%v", err)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	default:
		d.decodeScalar(n, v, path)
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		// A lone scalar where a list is expected is a common slip
		// ("formats: md"); accept it as a list of one.
		if n.Kind == yaml.ScalarNode {
			s := reflect.MakeSlice(v.Type(), 1, 1)
			d.decode(n, s.Index(0), path+"[0]")
			v.Set(s)
			return
		}
		d.errs.add(n.Line, path, "want a list, not %s", kindName(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

// decodeScalar decodes a string, boolean or number; YAML's own typing is
// kept, so "true" in quotes is not a boolean nor "8" a number.
func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errs.add(n.Line, path, "want a string, not %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || err != nil {
			d.errs.add(n.Line, path, "want true or false, not %s", describe(n))
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.errs.add(n.Line, path, "want a whole number, not %s", describe(n))
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil {
			d.errs.add(n.Line, path, "want a number, not %s", describe(n))
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("config: no decoder for %s at %s", v.Type(), path))
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errs.add(n.Line, path, "want a mapping of keys, not %s", kindName(n))
		return
	}
	fields := yamlFields(v.Type())
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := join(path, k.Value)
		if k.Value == "<<" {
			d.errs.add(k.Line, key, "merge keys are not supported")
			continue
		}
		idx, ok := fields[k.Value]
		if !ok {
			d.errs.add(k.Line, key, "unknown key (known keys here: %s)", knownKeys(fields))
			continue
		}
		if seen[k.Value] {
			d.errs.add(k.Line, key, "key given twice")
			continue
		}
		seen[k.Value] = true
		d.decode(val, v.Field(idx), key)
		d.lines[key] = k.Line
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// yamlFields maps each yaml tag of t to its field index; "-" fields are not settable from YAML.
func yamlFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			m[tag] = i
		}
	}
	return m
}

func knownKeys(fields map[string]int) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return describe(n)
}

func describe(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return kindName(n)
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	return strconv.Quote(v)
}

// budget counts one node and reports whether decoding may go on. The
// first node over maxDecodedNodes records one error, at the alias whose
// expansion it is part of (or the node itself).
func (d *decoder) budget(n *yaml.Node, path string) bool {
	d.visited++
	if d.visited <= maxDecodedNodes {
		return true
	}
	if d.visited == maxDecodedNodes+1 {
		line := n.Line
		if d.alias != 0 {
			line = d.alias
		}
		d.errs.add(line, path, "more than %d values once aliases are expanded: refusing alias amplification", maxDecodedNodes)
	}
	return false
}
