package scenes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Error is a mistake in a scene file: where it is and how to fix it.
type Error struct {
	File  string // file name as given to Parse, e.g. "scenes/mogao-257.json"
	Line  int    // 1-based line, 0 when unknown
	Col   int    // 1-based column in bytes, 0 when unknown
	Field string // JSON path, e.g. "rooms[0].walls.west.bands[1].size"
	// Problem says what is wrong, Fix what to do about it.
	Problem string
	Fix     string

	offset int // byte offset of Line:Col, for sorting
}

// String formats the mistake as one line,
// "FILE:LINE:COL: field.path: what is wrong; how to fix it".
func (e *Error) String() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	if e.Fix != "" {
		b.WriteString("; ")
		b.WriteString(e.Fix)
	}
	return b.String()
}

// Error returns String.
func (e *Error) Error() string { return e.String() }

// Errors is every mistake found in one or more scene files, sorted by file
// and position. As an error it prints one line per mistake; errors.As
// finds the first *Error.
type Errors []*Error

// Error returns the mistakes, one line each.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the mistakes as errors, for errors.As and errors.Is.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Sort orders the mistakes by file, then position in the file.
func (es Errors) Sort() {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		return es[i].offset < es[j].offset
	})
}

// Known is what scenes may refer to outside themselves. A nil set is not
// checked (Parse cannot know which textures and scenes a server has).
type Known struct {
	// Textures holds the texture names that exist (built-in and curators').
	Textures map[string]bool
	// Scenes holds the scene ids portals may lead to.
	Scenes map[string]bool
	// ID is the id the scene must have, its file name without ".json"
	// ("": any).
	ID string
}

// Parse reads one scene file and checks it. name is used in error messages
// (give the path the curator knows, e.g. "scenes/mogao-257.json"). The
// error, if any, is an Errors listing every mistake found.
func Parse(name string, data []byte) (*Scene, error) {
	s, errs := Validate(name, data, Known{})
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// Validate reads one scene file and returns it with every mistake found,
// sorted by position; the scene is nil when there is any mistake. Textures
// and portal targets are checked against known.
func Validate(name string, data []byte, known Known) (*Scene, Errors) {
	root, serr := parseTree(data)
	if serr != nil {
		line, col := lineCol(data, int64(serr.off))
		ends := ""
		if serr.off >= len(data) {
			ends = "the file ends too early: "
		}
		return nil, Errors{{File: name, Line: line, Col: col, offset: serr.off,
			Problem: "malformed JSON: " + ends + serr.msg,
			Fix:     "check for a missing comma, quote or bracket just before this place"}}
	}
	c := checker{file: name, data: data, pos: positions(root), known: known, errs: new(Errors)}
	if root.kind != '{' {
		c.addAt("", "", "the file holds "+kindWord(root.kind)+", not a scene",
			"a scene file is one JSON object: { \"id\": ..., \"rooms\": [...] }")
		return nil, *c.errs
	}
	c.shape("", root, reflect.TypeOf(Scene{}))
	var s Scene
	// Unknown keys and wrong kinds of value were reported above with their
	// places; decoding only fails on what shape already reported.
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil || len(*c.errs) > 0 {
		if len(*c.errs) == 0 {
			e := &Error{File: name, Problem: "cannot be read: " + strings.TrimPrefix(err.Error(), "json: "),
				Fix: "write the value as the format describes (scenes/README.md)"}
			var typ *json.UnmarshalTypeError
			if errors.As(err, &typ) {
				e.Field = typ.Field
				e.offset = int(typ.Offset)
				e.Line, e.Col = lineCol(data, typ.Offset)
			}
			*c.errs = append(*c.errs, e)
		}
		c.errs.Sort()
		return nil, *c.errs
	}
	s.check(c)
	if len(*c.errs) > 0 {
		c.errs.Sort()
		return nil, *c.errs
	}
	return &s, nil
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
