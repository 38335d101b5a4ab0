package scenes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
}

// Error formats the mistake as "file:line:col: field: problem; fix".
func (e *Error) Error() string {
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

// Parse reads one scene file and checks it. name is used in error messages
// (give the path the curator knows, e.g. "scenes/mogao-257.json"). Errors
// are *Error values naming the field and the fix.
func Parse(name string, data []byte) (*Scene, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	// Unknown keys are almost always typos ("heigth"); refusing them tells
	// the curator at once instead of silently ignoring the value.
	dec.DisallowUnknownFields()
	var s Scene
	if err := dec.Decode(&s); err != nil {
		return nil, decodeError(name, data, err)
	}
	if dec.More() {
		line, col := lineCol(data, dec.InputOffset())
		return nil, &Error{File: name, Line: line, Col: col,
			Problem: "there is more text after the scene's closing brace",
			Fix:     "a scene file holds exactly one JSON object; remove the extra text"}
	}
	if err := s.check(name); err != nil {
		return nil, err
	}
	return &s, nil
}

// decodeError turns an encoding/json error into an *Error with a position.
func decodeError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the offending byte as read; point at it.
		line, col := lineCol(data, syn.Offset-1)
		return &Error{File: name, Line: line, Col: col,
			Problem: "malformed JSON: " + syn.Error(),
			Fix:     "check for a missing comma, quote or bracket just before this place"}
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset)
		return &Error{File: name, Line: line, Col: col, Field: typ.Field,
			Problem: fmt.Sprintf("is a JSON %s but must be %s", typ.Value, goTypeWord(typ.Type.String())),
			Fix:     "write a value of the right kind (numbers without quotes, text in quotes, lists in [ ])"}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return &Error{File: name, Line: line, Col: col, Problem: "the file is empty or ends too early",
			Fix: "a scene file is one JSON object: { \"id\": ..., \"rooms\": [...] }"}
	}
	msg := err.Error()
	if field, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		field = strings.Trim(field, `"`)
		line, col := 0, 0
		if i := bytes.Index(data, []byte(`"`+field+`"`)); i >= 0 {
			line, col = lineCol(data, int64(i))
		}
		return &Error{File: name, Line: line, Col: col, Field: field,
			Problem: "is not a known key",
			Fix:     "check the spelling against the scene format (keys are lower case, e.g. \"height\", \"texture\", \"size\")"}
	}
	return &Error{File: name, Problem: "cannot be read: " + msg}
}

// goTypeWord names a Go type the way a curator thinks of JSON values.
func goTypeWord(t string) string {
	switch {
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "int"):
		return "a number"
	case t == "string":
		return "text in quotes"
	case strings.HasPrefix(t, "[]"), strings.HasPrefix(t, "["):
		return "a list [ ... ]"
	case strings.HasPrefix(t, "map"):
		return "an object { \"en\": \"...\" }"
	}
	return "an object { ... }"
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
