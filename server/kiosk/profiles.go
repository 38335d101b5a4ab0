package kiosk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
)

const (
	// DefaultName is the built-in profile's name; a kiosks file may define
	// a profile of that name to replace it.
	DefaultName = "default"
	// DefaultIdleTimeout is how many seconds without a touch send a kiosk
	// back to its attract loop when its profile says nothing.
	DefaultIdleTimeout = 60
	// minIdleTimeout keeps a visitor who pauses to read a panel from being
	// thrown back into the attract loop.
	minIdleTimeout = 5
	// maxIdleTimeout is an hour: past it an abandoned kiosk would stand
	// still for most of a gallery's day.
	maxIdleTimeout = 3600
	// WalkFree lets visitors walk freely; WalkRoute lets them only step
	// along the tour route with next and previous buttons.
	WalkFree  = "free"
	WalkRoute = "route"
)

// Languages are the languages a kiosk may show, in the order messages list
// them.
var Languages = []string{"zh", "en", "fr", "es", "ru", "ar"}

// defaultLanguages is the built-in profile's languages, its start language
// first.
var defaultLanguages = []string{"en", "zh", "fr", "es", "ru", "ar"}

// namePattern is what a kiosk's name may be: it appears in the URL
// /kiosk/NAME, so it is short and needs no escaping.
var namePattern = regexp.MustCompile(`^[a-z0-9-]{1,40}$`)

// Profile is one kiosk's settings, as served at /api/kiosks/NAME.
type Profile struct {
	Name string `json:"name"`
	// Scenes are the scenes the kiosk tours, in order.
	Scenes []string `json:"scenes"`
	// Languages are the languages it offers; the first is the one it
	// starts in.
	Languages []string `json:"languages"`
	// IdleTimeout is how many seconds without a touch return the kiosk to
	// its attract loop.
	IdleTimeout int `json:"idleTimeout"`
	// Walk is WalkFree or WalkRoute.
	Walk string `json:"walk"`
}

// Profiles is a fixed set of kiosk profiles, safe for concurrent use.
type Profiles struct {
	list   []Profile
	byName map[string]int
}

// Default returns the built-in profiles: only "default", which tours every
// scene in sceneIDs, in that order, in every language.
func Default(sceneIDs []string) *Profiles {
	return newProfiles([]Profile{defaultProfile(sceneIDs)})
}

func defaultProfile(sceneIDs []string) Profile {
	return Profile{
		Name:        DefaultName,
		Scenes:      slices.Clone(sceneIDs),
		Languages:   slices.Clone(defaultLanguages),
		IdleTimeout: DefaultIdleTimeout,
		Walk:        WalkFree,
	}
}

func newProfiles(list []Profile) *Profiles {
	p := &Profiles{list: list, byName: make(map[string]int, len(list))}
	for i, k := range list {
		p.byName[k.Name] = i
	}
	return p
}

// Get returns the profile called name.
func (p *Profiles) Get(name string) (Profile, bool) {
	i, ok := p.byName[name]
	if !ok {
		return Profile{}, false
	}
	return p.list[i], true
}

// Names returns the profiles' names: "default" first, then the file's in
// its order.
func (p *Profiles) Names() []string {
	names := make([]string, len(p.list))
	for i, k := range p.list {
		names[i] = k.Name
	}
	return names
}

// Load reads the kiosks file at path, as Parse does. An empty path gives
// the built-in profiles.
func Load(path string, sceneIDs []string) (*Profiles, error) {
	if path == "" {
		return Default(sceneIDs), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Errors{{File: path, Index: -1, Problem: "cannot be read: " + err.Error(), Fix: "give the path of a kiosks file with -kiosks or YUNYOU_KIOSKS"}}
	}
	return Parse(path, data, sceneIDs)
}

// Parse reads a kiosks file, {"kiosks": [{"name": ..., "scenes": [...],
// ...}]}, whose scenes must be among sceneIDs. The result holds the
// built-in "default" profile unless the file defines its own. Every
// mistake is reported, as Errors, each naming file, the kiosk and the
// field.
func Parse(file string, data []byte, sceneIDs []string) (*Profiles, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, Errors{syntaxError(file, data, err)}
	}
	var errs Errors
	keys := make([]string, 0, len(top))
	for key := range top {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		if key != "kiosks" {
			errs = append(errs, &Error{File: file, Index: -1, Field: key, Problem: "is not a field of a kiosks file", Fix: `the file holds one field, "kiosks": a list of kiosks`})
		}
	}
	var raw []json.RawMessage
	if k, ok := top["kiosks"]; !ok {
		errs = append(errs, &Error{File: file, Index: -1, Field: "kiosks", Problem: "is missing", Fix: `write {"kiosks": [{"name": "hall", "scenes": [...]}]}`})
	} else if err := json.Unmarshal(k, &raw); err != nil {
		errs = append(errs, &Error{File: file, Index: -1, Field: "kiosks", Problem: "must be a list of kiosks", Fix: `write "kiosks": [{"name": "hall", ...}, ...]`})
	} else if len(raw) == 0 {
		errs = append(errs, &Error{File: file, Index: -1, Field: "kiosks", Problem: "lists no kiosks", Fix: "add at least one kiosk, or start the server without -kiosks to use only the built-in default"})
	}
	v := validator{file: file, scenes: sceneIDs, errs: &errs}
	var list []Profile
	seen := map[string]int{}
	for i, r := range raw {
		p, ok := v.kiosk(i, r)
		if p.Name == "" {
			continue
		}
		if j, dup := seen[p.Name]; dup {
			v.add(i, p.Name, "name", fmt.Sprintf("%q is already the name of kiosks[%d]", p.Name, j), "give each kiosk its own name")
			continue
		}
		seen[p.Name] = i
		if ok {
			list = append(list, p)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if _, ok := seen[DefaultName]; !ok {
		list = append([]Profile{defaultProfile(sceneIDs)}, list...)
	}
	return newProfiles(list), nil
}

// validator checks the kiosks of one file, gathering every mistake.
type validator struct {
	file   string
	scenes []string
	errs   *Errors
}

func (v validator) add(index int, name, field, problem, fix string) {
	*v.errs = append(*v.errs, &Error{File: v.file, Index: index, Name: name, Field: field, Problem: problem, Fix: fix})
}

// kioskFields are the fields a kiosk may have, for the message about an
// unknown one.
var kioskFields = []string{"name", "scenes", "languages", "idleTimeout", "walk"}

// kiosk checks kiosks[i], reporting whether it is sound.
func (v validator) kiosk(i int, raw json.RawMessage) (Profile, bool) {
	before := len(*v.errs)
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		v.add(i, "", "", "must be an object", `write {"name": "hall", "scenes": [...]}`)
		return Profile{}, false
	}
	p := Profile{Languages: slices.Clone(defaultLanguages), IdleTimeout: DefaultIdleTimeout, Walk: WalkFree, Scenes: slices.Clone(v.scenes)}
	// The name first: the other messages name the kiosk by it.
	if r, ok := fields["name"]; !ok {
		v.add(i, "", "name", "is missing", "give the kiosk a name of lower-case letters, digits and '-', such as \"dunhuang-hall\"; it appears in the URL /kiosk/NAME")
	} else if err := json.Unmarshal(r, &p.Name); err != nil || !namePattern.MatchString(p.Name) {
		v.add(i, "", "name", fmt.Sprintf("%s is not a kiosk name", compact(r)), "use 1 to 40 lower-case letters, digits and '-', such as \"dunhuang-hall\"")
		p.Name = ""
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(kioskFields, k) {
			v.add(i, p.Name, k, "is not a field of a kiosk", "the fields are "+strings.Join(kioskFields, ", ")+" (names are case-sensitive)")
		}
	}
	if r, ok := fields["scenes"]; ok {
		p.Scenes = v.scenesOf(i, p.Name, r)
	}
	if r, ok := fields["languages"]; ok {
		p.Languages = v.languagesOf(i, p.Name, r)
	}
	if r, ok := fields["idleTimeout"]; ok {
		var t float64
		err := json.Unmarshal(r, &t)
		switch {
		case err != nil || math.IsInf(t, 0):
			v.add(i, p.Name, "idleTimeout", fmt.Sprintf("%s is not a number", compact(r)), fmt.Sprintf("give the seconds without a touch before the attract loop returns, %d to %d", minIdleTimeout, maxIdleTimeout))
		case t != math.Trunc(t) || t < minIdleTimeout || t > maxIdleTimeout:
			v.add(i, p.Name, "idleTimeout", fmt.Sprintf("%s is out of range", compact(r)), fmt.Sprintf("use a whole number of seconds from %d to %d (default %d)", minIdleTimeout, maxIdleTimeout, DefaultIdleTimeout))
		default:
			p.IdleTimeout = int(t)
		}
	}
	if r, ok := fields["walk"]; ok {
		if err := json.Unmarshal(r, &p.Walk); err != nil || (p.Walk != WalkFree && p.Walk != WalkRoute) {
			v.add(i, p.Name, "walk", fmt.Sprintf("%s is not a way of walking", compact(r)), `use "free" (visitors walk freely) or "route" (visitors step along the tour route)`)
		}
	}
	return p, len(*v.errs) == before
}

func (v validator) scenesOf(i int, name string, r json.RawMessage) []string {
	var ids []string
	if err := json.Unmarshal(r, &ids); err != nil {
		v.add(i, name, "scenes", "must be a list of scene ids", `write "scenes": ["`+strings.Join(v.scenes[:min(2, len(v.scenes))], `", "`)+`"]`)
		return nil
	}
	if len(ids) == 0 {
		v.add(i, name, "scenes", "lists no scenes", "list the scenes the kiosk tours, in order, or leave the field out to tour every scene")
	}
	for j, id := range ids {
		if !slices.Contains(v.scenes, id) {
			v.add(i, name, fmt.Sprintf("scenes[%d]", j), fmt.Sprintf("%q is not a scene", id), "the scenes are "+strings.Join(v.scenes, ", "))
		}
	}
	return ids
}

func (v validator) languagesOf(i int, name string, r json.RawMessage) []string {
	var langs []string
	if err := json.Unmarshal(r, &langs); err != nil {
		v.add(i, name, "languages", "must be a list of languages", `write "languages": ["zh", "en"], the start language first`)
		return nil
	}
	if len(langs) == 0 {
		v.add(i, name, "languages", "lists no languages", "list the kiosk's languages, the start language first, or leave the field out to offer all six")
	}
	for j, l := range langs {
		switch {
		case !slices.Contains(Languages, l):
			v.add(i, name, fmt.Sprintf("languages[%d]", j), fmt.Sprintf("%q is not a language Yunyou speaks", l), "use some of "+strings.Join(Languages, ", "))
		case slices.Index(langs, l) < j:
			v.add(i, name, fmt.Sprintf("languages[%d]", j), fmt.Sprintf("%q is listed twice", l), "list each language once")
		}
	}
	return langs
}

// compact returns a JSON value on one line, shortened for a message.
func compact(r json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, r) != nil {
		return string(r)
	}
	s := b.String()
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// syntaxError describes data that is not JSON, or not a JSON object.
func syntaxError(file string, data []byte, err error) *Error {
	e := &Error{File: file, Index: -1, Problem: "is not valid JSON: " + strings.TrimPrefix(err.Error(), "json: "), Fix: `a kiosks file is {"kiosks": [...]}; check the brackets, quotes and commas near there`}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		e.Line, e.Col = lineCol(data, syn.Offset)
	case errors.As(err, &typ):
		e.Problem, e.Fix = "is not a JSON object", `a kiosks file is {"kiosks": [...]}`
	}
	return e
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// Error is one mistake in a kiosks file.
type Error struct {
	File      string
	Line, Col int    // 1-based, 0 when unknown
	Index     int    // the kiosk's index in "kiosks", -1 for the file as a whole
	Name      string // the kiosk's name, "" when it has none yet
	Field     string // e.g. "scenes[2]"
	// Problem says what is wrong, Fix what to do about it.
	Problem, Fix string
}

// Error formats the mistake as one line:
// `FILE[:LINE:COL]: kiosks[I] "NAME": FIELD: what is wrong; how to fix it`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Index >= 0 {
		fmt.Fprintf(&b, "kiosks[%d]", e.Index)
		if e.Name != "" {
			fmt.Fprintf(&b, " %q", e.Name)
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Problem)
	if e.Fix != "" {
		b.WriteString("; " + e.Fix)
	}
	return b.String()
}

// Errors are the mistakes in a kiosks file, in the file's order.
type Errors []*Error

// Error returns the mistakes, one line each.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}
