package scenes

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// maxDepth bounds the nesting of a scene file: the deepest real field is
// about eight levels down, and a bound keeps a hostile file from using
// the stack up.
const maxDepth = 64

// node is one JSON value of a scene file with the byte offset where it
// starts, so every field path can be turned into a line and column.
type node struct {
	kind    byte // '{', '[', '"', '0' (number), 't'/'f' (bool), 'n' (null)
	off     int
	members []member // objects, in file order
	items   []*node  // arrays
	text    string   // strings, numbers and literals as written
}

// member is one key of an object.
type member struct {
	key    string
	keyOff int
	value  *node
}

// syntaxError is malformed JSON at a byte offset.
type syntaxError struct {
	off int
	msg string
}

// jsonParser is a small JSON reader that keeps offsets; encoding/json
// reports only the first mistake and not where each field is.
type jsonParser struct {
	data []byte
	pos  int
}

// parseTree reads data as exactly one JSON value.
func parseTree(data []byte) (*node, *syntaxError) {
	p := &jsonParser{data: data}
	p.space()
	if p.pos >= len(data) {
		return nil, &syntaxError{len(data), "the file is empty"}
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(data) {
		return nil, &syntaxError{p.pos, "there is more text after the scene's closing brace"}
	}
	return n, nil
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) errAt(format string, args ...any) *syntaxError {
	return &syntaxError{p.pos, fmt.Sprintf(format, args...)}
}

// found describes the byte at the current position for messages.
func (p *jsonParser) found() string {
	if p.pos >= len(p.data) {
		return "the end of the file"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) value(depth int) (*node, *syntaxError) {
	if depth > maxDepth {
		return nil, p.errAt("the values are nested more than %d deep", maxDepth)
	}
	if p.pos >= len(p.data) {
		return nil, p.errAt("the file ends where a value should be")
	}
	n := &node{off: p.pos}
	switch c := p.data[p.pos]; {
	case c == '{':
		n.kind = '{'
		p.pos++
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			return n, nil
		}
		for {
			p.space()
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return nil, p.errAt("expected a key in quotes but found %s", p.found())
			}
			keyOff := p.pos
			key, err := p.str()
			if err != nil {
				return nil, err
			}
			p.space()
			if p.pos >= len(p.data) || p.data[p.pos] != ':' {
				return nil, p.errAt("expected ':' after the key %q but found %s", key, p.found())
			}
			p.pos++
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.members = append(n.members, member{key, keyOff, v})
			p.space()
			if p.pos < len(p.data) && p.data[p.pos] == ',' {
				p.pos++
				p.space()
				if p.pos < len(p.data) && p.data[p.pos] == '}' {
					return nil, p.errAt("a comma before '}' (JSON allows no trailing comma)")
				}
				continue
			}
			if p.pos < len(p.data) && p.data[p.pos] == '}' {
				p.pos++
				return n, nil
			}
			return nil, p.errAt("missing comma: expected ',' or '}' after the value of %q but found %s", key, p.found())
		}
	case c == '[':
		n.kind = '['
		p.pos++
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return n, nil
		}
		for {
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, v)
			p.space()
			if p.pos < len(p.data) && p.data[p.pos] == ',' {
				p.pos++
				p.space()
				if p.pos < len(p.data) && p.data[p.pos] == ']' {
					return nil, p.errAt("a comma before ']' (JSON allows no trailing comma)")
				}
				continue
			}
			if p.pos < len(p.data) && p.data[p.pos] == ']' {
				p.pos++
				return n, nil
			}
			return nil, p.errAt("missing comma: expected ',' or ']' in the list but found %s", p.found())
		}
	case c == '"':
		n.kind = '"'
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n.text = s
		return n, nil
	case c == '-' || c >= '0' && c <= '9':
		n.kind = '0'
		start := p.pos
		for p.pos < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.pos]) >= 0 {
			p.pos++
		}
		n.text = string(p.data[start:p.pos])
		if _, err := strconv.ParseFloat(n.text, 64); err != nil || !validNumber(n.text) {
			p.pos = start
			return nil, p.errAt("%q is not a number", n.text)
		}
		return n, nil
	default:
		for _, lit := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(lit))]), lit) {
				n.kind, n.text = lit[0], lit
				p.pos += len(lit)
				return n, nil
			}
		}
		return nil, p.errAt("expected a value but found %s", p.found())
	}
}

// validNumber reports whether s has JSON's number syntax (no leading '+',
// no leading zeros, digits on both sides of '.').
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	start := i
	if n := digits(); n == 0 || n > 1 && s[start] == '0' {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// str reads a string at the current position (which is a quote).
func (p *jsonParser) str() (string, *syntaxError) {
	start := p.pos
	p.pos++
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; {
		case c == '"':
			p.pos++
			s, err := strconv.Unquote(string(p.data[start:p.pos]))
			if err != nil {
				// strconv knows Go escapes, a superset of JSON's but for
				// \/; fall back to the raw text, which is rare in scenes.
				s = strings.ReplaceAll(string(p.data[start+1:p.pos-1]), `\/`, "/")
			}
			return s, nil
		case c == '\\':
			p.pos += 2
		case c < 0x20:
			return "", p.errAt("a line break or control character inside quotes; close the text with '\"' on the same line")
		default:
			p.pos++
		}
	}
	p.pos = start
	return "", p.errAt("the text in quotes is never closed")
}

// positions maps every field path ("rooms[0].walls.west") to the offset of
// its value, and path+"#key" to the offset of an object key.
func positions(root *node) map[string]int {
	out := map[string]int{}
	var walk func(path string, n *node)
	walk = func(path string, n *node) {
		out[path] = n.off
		for _, m := range n.members {
			p := joinField(path, m.key)
			out[p+"#key"] = m.keyOff
			walk(p, m.value)
		}
		for i, it := range n.items {
			walk(fmt.Sprintf("%s[%d]", path, i), it)
		}
	}
	walk("", root)
	return out
}

func joinField(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonKeys returns the JSON keys a struct type accepts, with the field
// index path of each, following embedded structs the way encoding/json
// does.
func jsonKeys(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonKeys(f.Type) {
				if _, dup := out[k]; !dup {
					out[k] = v
				}
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// shape checks that the tree has the shape of Go type t: known keys only,
// the right kind of value everywhere, lists of fixed length where the
// type is an array. It reports every mismatch.
func (c *checker) shape(path string, n *node, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.kind == 'n' {
		return // null leaves the zero value, as encoding/json does
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return // a type that reads itself (several forms); decoding checks it
	}
	want := ""
	switch t.Kind() {
	case reflect.Struct:
		if n.kind != '{' {
			want = "an object { ... }"
			break
		}
		keys := jsonKeys(t)
		seen := map[string]bool{}
		for _, m := range n.members {
			ft, ok := keys[m.key]
			p := joinField(path, m.key)
			if seen[m.key] {
				c.addAt(p+"#key", p, "appears twice in the same object", "keep one; the second would silently replace the first")
				continue
			}
			seen[m.key] = true
			if !ok {
				c.addAt(p+"#key", p, "is not a known key",
					"check the spelling: the keys allowed here are "+quoteList(keys))
				continue
			}
			c.shape(p, m.value, ft)
		}
	case reflect.Map:
		if n.kind != '{' {
			want = "an object { \"en\": \"...\" }"
			break
		}
		for _, m := range n.members {
			c.shape(joinField(path, m.key), m.value, t.Elem())
		}
	case reflect.Slice, reflect.Array:
		if n.kind != '[' {
			want = "a list [ ... ]"
			break
		}
		if t.Kind() == reflect.Array && len(n.items) != t.Len() {
			c.addAt(path, path, fmt.Sprintf("has %d values but needs %d", len(n.items), t.Len()),
				fmt.Sprintf("write exactly %d numbers, e.g. %s", t.Len(), exampleList(t.Len())))
		}
		for i, it := range n.items {
			c.shape(fmt.Sprintf("%s[%d]", path, i), it, t.Elem())
		}
	case reflect.String:
		if n.kind != '"' {
			want = "text in quotes"
		}
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64, reflect.Int32:
		if n.kind != '0' {
			want = "a number"
		} else if k := t.Kind(); k != reflect.Float32 && k != reflect.Float64 && strings.ContainsAny(n.text, ".eE") {
			want = "a whole number"
		}
	case reflect.Bool:
		if n.kind != 't' && n.kind != 'f' {
			want = "true or false"
		}
	}
	if want != "" {
		c.addAt(path, path, fmt.Sprintf("is %s but must be %s", kindWord(n.kind), want),
			"write a value of the right kind (numbers without quotes, text in quotes, lists in [ ], objects in { })")
	}
}

func kindWord(k byte) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "text"
	case '0':
		return "a number"
	case 't', 'f':
		return "true or false"
	}
	return "null"
}

func exampleList(n int) string {
	parts := []string{"1", "2", "3", "4"}
	if n > len(parts) {
		n = len(parts)
	}
	return "[" + strings.Join(parts[:n], ", ") + "]"
}

// quoteList lists map keys sorted and quoted: "a", "b" and "c".
func quoteList[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, strconv.Quote(k))
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}
