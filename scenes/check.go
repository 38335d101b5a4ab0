package scenes

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// Limits on what a scene may contain.
const (
	// BodyRadius is a visitor's radius in metres for walking: the spawn
	// point must be this far from solids, and clients pass it to Slide.
	BodyRadius = 0.25
	// minSize is the smallest dimension, in metres, of a room, solid, band
	// or texture repeat: anything smaller is a typo (centimetres written as
	// metres the other way round) and would make millions of repeats.
	minSize = 0.01
	// maxSize is the largest coordinate or dimension in metres: the wire
	// protocol carries positions within ±327 m.
	maxSize = 300
	// fitTolerance is how far, in metres, band heights or ceiling depths may
	// miss the size they must add up to (rounding in hand-written numbers).
	fitTolerance = 0.001
)

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	texturePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langPattern    = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// checker collects the mistakes of one scene file with their places.
type checker struct {
	file  string
	data  []byte
	pos   map[string]int // field path → offset of its value (see positions)
	known Known
	errs  *Errors
}

// errf makes a mistake at a field; add places it in the file.
func (c checker) errf(field, fix, format string, args ...any) error {
	return &Error{File: c.file, Field: field, Problem: fmt.Sprintf(format, args...), Fix: fix}
}

// add records err (if any) at the position of its field: the field's
// value, or, when the field is absent, the nearest enclosing value that is
// written in the file.
func (c checker) add(err error) {
	e, ok := err.(*Error)
	if err == nil {
		return
	}
	if !ok {
		e = &Error{File: c.file, Problem: err.Error()}
	}
	c.place(e, e.Field)
	*c.errs = append(*c.errs, e)
}

// addAt records a mistake at the place of the path at (which may be a
// "#key" path pointing at an object key).
func (c checker) addAt(at, field, problem, fix string) {
	e := &Error{File: c.file, Field: field, Problem: problem, Fix: fix}
	c.place(e, at)
	*c.errs = append(*c.errs, e)
}

func (c checker) place(e *Error, path string) {
	for {
		if off, ok := c.pos[path]; ok {
			e.offset = off
			e.Line, e.Col = lineCol(c.data, int64(off))
			return
		}
		if path == "" {
			return
		}
		path = parentField(path)
	}
}

// parentField strips the last component of a field path:
// "a.b[2]" → "a.b", "a.b" → "a", "a#key" → "a".
func parentField(path string) string {
	if i := strings.LastIndexAny(path, ".[#"); i >= 0 {
		return path[:i]
	}
	return ""
}

// solidChecks checks each solid primitive by type name; a primitive's
// file may add its own.
var solidChecks = map[string]func(c checker, s *Scene, field string, sd *Solid) error{
	TypeCentralPillar: checker.solid,
	TypeBox:           checker.placedSolid,
	TypeColumnRow:     checker.placedSolid,
	TypePlatform:      checker.placedSolid,
	TypeThrone:        checker.placedSolid,
	TypeScreen:        checker.placedSolid,
}

// placedSolid checks what every solid needs: a centre inside a room and
// sizes in range. The compiler checks the rest of each primitive, and
// check reports what it finds (see compileError).
func (c checker) placedSolid(s *Scene, field string, sd *Solid) error {
	if sd.Type == TypeColumnRow {
		// A row is placed by its ends, not a centre.
		for _, end := range []struct {
			name string
			p    [2]float32
		}{{"from", sd.From}, {"to", sd.To}} {
			if s.roomAt(end.p[0], end.p[1], 0) == nil {
				return c.errf(field+"."+end.name, "put both ends [x, z] of the row inside a room", "%v is outside every room", end.p)
			}
		}
	} else if s.roomAt(sd.Center[0], sd.Center[1], 0) == nil {
		return c.errf(field+".center", "put the centre [x, z] inside a room", "%v is outside every room", sd.Center)
	}
	for _, d := range []struct {
		name string
		v    float32
	}{{"width", sd.Width}, {"depth", sd.Depth}, {"height", sd.Height}} {
		if !(d.v >= 0 && d.v <= maxSize) {
			return c.errf(field+"."+d.name, fmt.Sprintf("give a size in metres from %g to %d", minSize, maxSize), "%v is out of range", d.v)
		}
	}
	return nil
}

// check validates a decoded scene, recording every mistake in c.
func (s *Scene) check(c checker) {
	switch {
	case s.Format == 0:
		s.Format = 1
	case s.Format < 0 || s.Format > FormatVersion:
		c.add(c.errf("format", fmt.Sprintf("use \"format\": %d, or update the program", FormatVersion),
			"is %d but this program reads scene formats up to %d", s.Format, FormatVersion))
	}
	if !idPattern.MatchString(s.ID) {
		c.add(c.errf("id", "use lower-case letters, digits and hyphens, e.g. \"mogao-257\"",
			"%q is not a valid scene id", s.ID))
	} else if c.known.ID != "" && s.ID != c.known.ID {
		c.add(c.errf("id", fmt.Sprintf("set \"id\": %q or rename the file to %s.json", c.known.ID, s.ID),
			"is %q but the file is named %s.json", s.ID, c.known.ID))
	}
	c.texts("title", s.Title, true)
	c.texts("era", s.Era, true)
	c.add(c.light(s, &s.Light))
	if len(s.Rooms) == 0 {
		c.add(c.errf("rooms", "add at least one room: {\"type\": \"box-room\", \"min\": [...], \"max\": [...], ...}",
			"the scene has no rooms"))
		return
	}
	before := len(*c.errs)
	for i := range s.Rooms {
		c.room(fmt.Sprintf("rooms[%d]", i), &s.Rooms[i])
	}
	for i := range s.Solids {
		field := fmt.Sprintf("solids[%d]", i)
		f, ok := solidChecks[s.Solids[i].Type]
		if !ok {
			c.add(c.errf(field+".type", "the known solid primitives are: "+quoteList(solidChecks),
				"%q is not a known solid primitive", s.Solids[i].Type))
			continue
		}
		c.add(f(c, s, field, &s.Solids[i]))
	}
	c.add(c.spawn(s))
	var comp *Compiled
	if len(*c.errs) == before {
		// Only sound rooms and solids can be compiled; the compiler finds
		// what only building the geometry shows (an opening wider than its
		// wall), and hotspots are checked against its polygons.
		var err error
		if comp, err = s.Compile(); err != nil {
			c.add(c.compileError(s, err))
		}
	}
	// A missing texture does not change the geometry, so it is checked
	// after compiling.
	if c.known.Textures != nil {
		s.eachTextureUse(func(field string, t *TextureUse) {
			if t.Texture != "" && !c.known.Textures[t.Texture] {
				c.add(c.errf(field+".texture", fmt.Sprintf("use one of the built-in textures (see assets/textures) or put %s.png in the content directory's textures/", t.Texture),
					"texture %q not found", t.Texture))
			}
		})
	}
	c.content(s, comp)
}

// compileError turns a compiler error "scene ID: FIELD: problem; fix" into
// an *Error at FIELD.
func (c checker) compileError(s *Scene, err error) error {
	msg := strings.TrimPrefix(err.Error(), "scene "+s.ID+": ")
	field, rest, ok := strings.Cut(msg, ": ")
	if !ok || strings.ContainsAny(field, " ") {
		return c.errf("rooms", "fix the rooms and solids so the scene can be built", "the scene cannot be built: %s", msg)
	}
	problem, fix, _ := strings.Cut(rest, "; ")
	return &Error{File: c.file, Field: field, Problem: problem, Fix: fix}
}

// texts checks a language → text map; needEnglish requires "en".
func (c checker) texts(field string, texts map[string]string, needEnglish bool) {
	if needEnglish && strings.TrimSpace(texts["en"]) == "" {
		c.add(c.errf(field, fmt.Sprintf("add \"%s\": {\"en\": \"...\"} (other languages are optional)", lastField(field)),
			"has no English text"))
	}
	langs := make([]string, 0, len(texts))
	for lang := range texts {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		if !langPattern.MatchString(lang) {
			c.add(c.errf(field+"."+lang, "use a language tag such as \"en\", \"zh\", \"fr\", \"es\", \"ru\", \"ar\"",
				"%q is not a language tag", lang))
		}
	}
}

func lastField(path string) string {
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		return path[i+1:]
	}
	return path
}

func (c checker) room(field string, r *Room) {
	if r.Type != TypeBoxRoom {
		c.add(c.errf(field+".type", fmt.Sprintf("the known room primitives are: %q", TypeBoxRoom),
			"%q is not a known room primitive", r.Type))
		return
	}
	for axis := 0; axis < 3; axis++ {
		for _, corner := range []struct {
			name string
			v    [3]float32
		}{{"min", r.Min}, {"max", r.Max}} {
			if v := corner.v[axis]; !finite(v) || abs(v) > maxSize {
				c.add(c.errf(field+"."+corner.name, fmt.Sprintf("keep coordinates within ±%d m", maxSize), "%v is out of range", corner.v))
				return
			}
		}
		if r.Max[axis]-r.Min[axis] < minSize {
			c.add(c.errf(field+".max", "each component of max must be larger than the same one of min: [x, y, z] in metres",
				"the room has a non-positive size %v along %s", r.Max[axis]-r.Min[axis], "xyz"[axis:axis+1]))
			return
		}
	}
	c.add(c.surface(field+".floor", &r.Floor, 0))
	height := r.Max[1] - r.Min[1]
	for _, w := range []struct {
		name string
		s    *Surface
	}{{"north", &r.Walls.North}, {"south", &r.Walls.South}, {"east", &r.Walls.East}, {"west", &r.Walls.West}} {
		c.add(c.surface(field+".walls."+w.name, w.s, height))
	}
	c.add(c.ceiling(field+".ceiling", r))
}

func (c checker) ceiling(field string, r *Room) error {
	cl := &r.Ceiling
	if len(cl.Parts) == 0 {
		if cl.Front != "" {
			return c.errf(field+".front", "remove \"front\" or add \"parts\"", "is only used with \"parts\"")
		}
		return c.surface(field, &cl.Surface, 0)
	}
	if cl.Texture != "" || len(cl.Bands) > 0 {
		return c.errf(field, "give either one texture for a flat ceiling or \"parts\", not both",
			"has both a texture and parts")
	}
	if _, ok := sideNormal(cl.Front); !ok {
		return c.errf(field+".front", "use \"north\", \"south\", \"east\" or \"west\": the wall the first part starts from",
			"%q is not a wall", cl.Front)
	}
	span := r.span(cl.Front)
	var used float32
	for i := range cl.Parts {
		p := &cl.Parts[i]
		pf := fmt.Sprintf("%s.parts[%d]", field, i)
		last := i == len(cl.Parts)-1
		switch {
		case p.Depth == 0 && last:
		case !(p.Depth >= minSize):
			return c.errf(pf+".depth", "give the part's depth in metres from the previous part (only the last part may omit it)",
				"%v is not a positive depth", p.Depth)
		}
		used += p.Depth
		switch p.Shape {
		case ShapeFlat:
			if p.Rise != 0 || p.Ends != nil {
				return c.errf(pf, "remove \"rise\" and \"ends\" or use \"shape\": \"gable\"", "a flat part has no rise or gable ends")
			}
		case ShapeGable:
			if !(p.Rise >= minSize && p.Rise <= maxSize) {
				return c.errf(pf+".rise", "give the ridge height above the top of the walls in metres, e.g. 0.9",
					"%v is not a positive rise", p.Rise)
			}
			if p.Ends == nil {
				return c.errf(pf+".ends", "add \"ends\": {\"texture\": ..., \"size\": [w, h]} for the triangular gable ends",
					"a gable needs a texture for its ends")
			}
			if err := c.surface(pf+".ends", p.Ends, 0); err != nil {
				return err
			}
		case ShapeTruncatedPyramid, ShapeCoffered:
			// The compiler checks their rise, top, slopes and caisson.
		default:
			return c.errf(pf+".shape", fmt.Sprintf("use one of %q, %q, %q or %q", ShapeFlat, ShapeGable, ShapeTruncatedPyramid, ShapeCoffered),
				"%q is not a known ceiling shape", p.Shape)
		}
		if err := c.surface(pf+".surface", &p.Surface, 0); err != nil {
			return err
		}
	}
	if used > span+fitTolerance {
		return c.errf(field+".parts", "make the parts' depths add up to at most the room's depth",
			"the parts are %.3g m deep but the room is only %.3g m from the %s wall to the opposite one", used, span, cl.Front)
	}
	if last := cl.Parts[len(cl.Parts)-1]; last.Depth != 0 && used < span-fitTolerance {
		return c.errf(field+".parts", "omit the last part's depth so it fills the rest, or make the depths add up",
			"the parts cover %.3g m of the room's %.3g m", used, span)
	}
	return nil
}

// surface checks a surface; height > 0 means a vertical surface of that
// height, which may use bands.
func (c checker) surface(field string, s *Surface, height float32) error {
	if len(s.Bands) == 0 {
		return c.textureUse(field, &s.TextureUse)
	}
	if s.Texture != "" {
		return c.errf(field, "give either one \"texture\" or \"bands\", not both", "has both a texture and bands")
	}
	if height == 0 {
		return c.errf(field+".bands", "use one \"texture\" here; bands are for walls and pillar faces", "floors and ceilings cannot have bands")
	}
	var sum float32
	for i := range s.Bands {
		b := &s.Bands[i]
		bf := fmt.Sprintf("%s.bands[%d]", field, i)
		if err := c.textureUse(bf, &b.TextureUse); err != nil {
			return err
		}
		last := i == len(s.Bands)-1
		if !(b.Height >= minSize || (b.Height == 0 && last)) {
			return c.errf(bf+".height", "give the band's height in metres (only the last band may omit it to fill the rest)",
				"%v is not a positive height", b.Height)
		}
		sum += b.Height
	}
	if sum > height+fitTolerance {
		return c.errf(field+".bands", "make the bands' heights add up to the wall's height",
			"the bands are %.3g m high but the surface is %.3g m high", sum, height)
	}
	if s.Bands[len(s.Bands)-1].Height != 0 && sum < height-fitTolerance {
		return c.errf(field+".bands", "omit the top band's height so it fills the rest, or make the heights add up",
			"the bands are %.3g m high but the surface is %.3g m high", sum, height)
	}
	return nil
}

func (c checker) textureUse(field string, t *TextureUse) error {
	if t.Texture == "" {
		return c.errf(field+".texture", "name a texture, e.g. \"texture\": \"mogao-thousand-buddhas\"", "no texture is given")
	}
	if !texturePattern.MatchString(t.Texture) {
		return c.errf(field+".texture", "texture names use lower-case letters, digits and hyphens (the PNG file name without .png)",
			"%q is not a valid texture name", t.Texture)
	}
	if !(t.Size[0] >= minSize && t.Size[1] >= minSize && t.Size[0] <= maxSize && t.Size[1] <= maxSize) {
		return c.errf(field+".size", "give the real size in metres of one repeat of the image: \"size\": [width, height], e.g. [1.2, 1.2]",
			"%v is not two positive sizes", t.Size)
	}
	if !finite(t.Offset[0]) || !finite(t.Offset[1]) {
		return c.errf(field+".offset", "give the shift in metres: [right, down]", "%v is not two numbers", t.Offset)
	}
	return nil
}

// solid checks a "central-pillar".
func (c checker) solid(s *Scene, field string, sd *Solid) error {
	for _, d := range []struct {
		name string
		v    float32
	}{{"width", sd.Width}, {"depth", sd.Depth}, {"height", sd.Height}} {
		if !(d.v >= minSize) {
			return c.errf(field+"."+d.name, "give a positive size in metres", "%v is not a positive size", d.v)
		}
		if d.v > maxSize {
			return c.errf(field+"."+d.name, fmt.Sprintf("give the size in metres, at most %d", maxSize), "%v m is far too large", d.v)
		}
	}
	r := s.roomAt(sd.Center[0], sd.Center[1], 0)
	if r == nil {
		return c.errf(field+".center", "put the pillar's centre [x, z] inside a room", "%v is outside every room", sd.Center)
	}
	x0, z0, x1, z1 := sd.footprint()
	if x0 < r.Min[0] || x1 > r.Max[0] || z0 < r.Min[2] || z1 > r.Max[2] {
		return c.errf(field, "move the centre or shrink width (north–south) or depth (east–west) so the pillar stands inside the room",
			"the pillar reaches through the room's walls")
	}
	wallHeight := r.Max[1] - r.Min[1]
	if sd.Height > wallHeight+fitTolerance {
		return c.errf(field+".height", fmt.Sprintf("make it at most %.3g m (the top of the walls)", wallHeight),
			"%v pokes through the ceiling", sd.Height)
	}
	for _, f := range []struct {
		name string
		s    *Surface
	}{{"north", &sd.Faces.North}, {"south", &sd.Faces.South}, {"east", &sd.Faces.East}, {"west", &sd.Faces.West}} {
		c.add(c.surface(field+".faces."+f.name, f.s, sd.Height))
	}
	if sd.Faces.Top != nil {
		return c.surface(field+".faces.top", sd.Faces.Top, 0)
	}
	if sd.Height < wallHeight-fitTolerance || r.underGable(x0, z0, x1, z1) {
		return c.errf(field+".faces.top", "add \"top\": {\"texture\": ..., \"size\": [w, h]}",
			"the pillar stops below the ceiling, so its top can be seen")
	}
	return nil
}

func (c checker) spawn(s *Scene) error {
	sp := s.Spawn
	for _, v := range []float32{sp.X, sp.Y, sp.Z, sp.Yaw, sp.Pitch} {
		if !finite(v) {
			return c.errf("spawn", "write numbers for x, y, z, yaw and pitch", "has a value that is not a number")
		}
	}
	if abs(sp.Pitch) > math.Pi/2 {
		return c.errf("spawn.pitch", "use radians within ±1.5708", "%v looks past straight up or down", sp.Pitch)
	}
	r := s.roomAt(sp.X, sp.Z, 0)
	if r == nil || sp.Y <= r.Min[1] || sp.Y >= r.Max[1] {
		return c.errf("spawn", "put the spawn point inside a room, eye height about 1.6 m above the floor",
			"(%v, %v, %v) is outside every room", sp.X, sp.Y, sp.Z)
	}
	for i := range s.Solids {
		if s.Solids[i].distance(sp.X, sp.Z) < BodyRadius {
			return c.errf("spawn", fmt.Sprintf("move the spawn point at least %.2g m away from %s", float32(BodyRadius), s.Solids[i].label(i)),
				"(%v, %v, %v) is inside or touching solids[%d]", sp.X, sp.Y, sp.Z, i)
		}
	}
	return nil
}

func finite(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
