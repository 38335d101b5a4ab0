// Package scenes loads, checks and compiles the scene files: one JSON file
// per cave or hall, describing rooms and solids with a small vocabulary of
// architectural primitives, the texture of every surface, the spawn point and
// the light.
//
// Coordinates are metres with Y up and the floor at y=0. Compass directions
// map to axes as +X east, -X west, -Z north, +Z south, so a yaw of 0 looks
// north and a yaw of +π/2 looks west (see yunyou/protocol's Pose).
//
// Use:
//
//	all, err := scenes.Builtin()          // embedded scenes, checked, sorted by id
//	s := all[0]
//	c, err := s.Compile()                 // polygons with real-size UVs
//	next := c.Slide(from, to, 0.25)       // walk with collision
//	ok := s.Contains(x, y, z)             // is a pose inside the walkable volume?
package scenes

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// FormatVersion is the newest scene file format this package reads. Files
// may omit "format" (it then means 1); a larger number means the file was
// written for a newer program.
const FormatVersion = 1

//go:embed *.json
var builtinFiles embed.FS

// Scene is one scene file as written, after checking. Field names mirror the
// JSON keys.
type Scene struct {
	// Format is the scene format version the file was written for.
	Format int `json:"format,omitempty"`
	// ID names the scene in URLs; it equals the file name without ".json".
	ID string `json:"id"`
	// Title and Era map a language tag ("en", "zh", "fr", ...) to text.
	Title map[string]string `json:"title"`
	Era   map[string]string `json:"era"`
	// Notes tell curators what is approximate or left out.
	Notes string `json:"notes,omitempty"`
	// Spawn is where a visitor first stands (eye position) and looks.
	Spawn Spawn `json:"spawn"`
	// Light is the scene's lighting for the renderer.
	Light Light `json:"light"`
	// Rooms are the walkable spaces.
	Rooms []Room `json:"rooms"`
	// Solids stand inside rooms and block walking and sight.
	Solids []Solid `json:"solids,omitempty"`
	// Hotspots are the points on surfaces that open a panel of text.
	Hotspots []Hotspot `json:"hotspots,omitempty"`
	// Portals lead to other scenes.
	Portals []Portal `json:"portals,omitempty"`
	// Tour is the default route through the scene, for guides and kiosks.
	Tour []TourStop `json:"tour,omitempty"`
}

// Spawn is an eye position and view direction (see yunyou/protocol's Pose
// for the yaw and pitch conventions).
type Spawn struct {
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	Z     float32 `json:"z"`
	Yaw   float32 `json:"yaw"`
	Pitch float32 `json:"pitch"`
}

// Color is a linear RGB colour with components from 0 to 1.
type Color [3]float32

// TextureUse puts a texture on a surface. Size is the real-world size in
// metres of one repeat of the image [width, height], so UVs repeat by real
// size and the image is never stretched. Offset shifts the image on the
// surface, in metres, right and down.
type TextureUse struct {
	Texture string     `json:"texture"`
	Size    [2]float32 `json:"size"`
	Offset  [2]float32 `json:"offset,omitempty"`
}

// Band is one horizontal register of a wall: a texture over a height in
// metres. The last band of a surface may omit its height to fill the rest.
type Band struct {
	TextureUse
	Height float32 `json:"height,omitempty"`
}

// Surface is what covers a floor, ceiling, wall or face: either one texture
// (Texture and Size) or, for vertical surfaces, a list of horizontal Bands
// from the bottom up.
type Surface struct {
	TextureUse
	Bands []Band `json:"bands,omitempty"`
}

// Walls holds the four wall surfaces of a box room by compass side.
type Walls struct {
	North Surface `json:"north"`
	South Surface `json:"south"`
	East  Surface `json:"east"`
	West  Surface `json:"west"`
}

// Ceiling is a flat ceiling (Surface alone) or a ceiling split into Parts
// laid one after the other starting at the Front wall.
type Ceiling struct {
	Surface
	// Front is the wall the first part starts from: "north", "south",
	// "east" or "west".
	Front string        `json:"front,omitempty"`
	Parts []CeilingPart `json:"parts,omitempty"`
}

// Ceiling part shapes.
const (
	// ShapeFlat is a flat ceiling at the top of the walls.
	ShapeFlat = "flat"
	// ShapeGable is two sloped planes meeting at a ridge that runs parallel
	// to the front wall, halfway across the part, Rise metres above the top
	// of the walls; the triangular gable ends close it on the side walls.
	ShapeGable = "gable"
	// ShapeTruncatedPyramid (覆斗, "upturned measure") rises from the four
	// walls as sloped trapezoids to a flat rectangular top Rise metres
	// above the walls.
	ShapeTruncatedPyramid = "truncated-pyramid"
	// ShapeCoffered is a flat ceiling of repeated coffers with an optional
	// recessed caisson.
	ShapeCoffered = "coffered"
)

// CeilingPart is one strip of a ceiling, Depth metres deep from where the
// previous part ended (the last part may omit Depth to fill the rest).
type CeilingPart struct {
	Shape   string  `json:"shape"`
	Depth   float32 `json:"depth,omitempty"`
	Rise    float32 `json:"rise,omitempty"`
	Surface Surface `json:"surface"`
	// Ends covers the triangular gable ends (gable only).
	Ends *Surface `json:"ends,omitempty"`
	// Top is the [width, depth] in metres of a truncated pyramid's flat
	// top, centred over the part (truncated-pyramid only).
	Top [2]float32 `json:"top,omitzero"`
	// Slopes cover a truncated pyramid's four sloped sides by the wall
	// they rise from (truncated-pyramid only).
	Slopes *Slopes `json:"slopes,omitempty"`
	// Caisson is a recess in a coffered ceiling (coffered only).
	Caisson *Caisson `json:"caisson,omitempty"`
}

// Slopes holds the four sloped sides of a truncated-pyramid ceiling by the
// wall each rises from.
type Slopes struct {
	North Surface `json:"north"`
	South Surface `json:"south"`
	East  Surface `json:"east"`
	West  Surface `json:"west"`
}

// Caisson is a rectangular recess rising Depth metres into a coffered
// ceiling: Center [x, z] and Size [width (x), depth (z)] in plan, Surface
// on its top, Sides on its four vertical sides.
type Caisson struct {
	Center  [2]float32 `json:"center"`
	Size    [2]float32 `json:"size"`
	Depth   float32    `json:"depth"`
	Surface Surface    `json:"surface"`
	Sides   Surface    `json:"sides"`
}

// Primitive type names.
const (
	// TypeBoxRoom is a room with a rectangular plan, vertical walls and a
	// floor at Min[1].
	TypeBoxRoom = "box-room"
	// TypeCentralPillar is a rectangular pillar standing on the floor, the
	// stupa-pillar of the central-pillar caves.
	TypeCentralPillar = "central-pillar"
	// TypeBox is a rectangular block, standing on the floor or raised
	// (Bottom) like a beam.
	TypeBox = "box"
	// TypeColumnRow is a row of evenly spaced round columns (prisms).
	TypeColumnRow = "column-row"
	// TypePlatform is a raised floor with optional flights of steps.
	TypePlatform = "platform"
	// TypeThrone is a seat with a tall back.
	TypeThrone = "throne"
	// TypeScreen is a thin standing panel, painted on its front.
	TypeScreen = "screen"
)

// Room is a walkable space. For "box-room", Min and Max are opposite corners
// [x, y, z] of the walls' box (Max[1] is the top of the walls).
type Room struct {
	Type    string     `json:"type"`
	Name    string     `json:"name,omitempty"`
	Min     [3]float32 `json:"min"`
	Max     [3]float32 `json:"max"`
	Floor   Surface    `json:"floor"`
	Ceiling Ceiling    `json:"ceiling"`
	Walls   Walls      `json:"walls"`
	// Openings are doorways and windows cut through the walls.
	Openings []Opening `json:"openings,omitempty"`
	// Niches are recesses in the walls.
	Niches []Niche `json:"niches,omitempty"`
	// Cells are small walk-in chambers behind the walls.
	Cells []Cell `json:"cells,omitempty"`
}

// Opening is a rectangular hole through a wall. Offset is the centre's
// distance from the wall's midpoint along the wall (toward +X on north and
// south walls, toward +Z on east and west walls). A doorway (Sill 0) is
// walkable where another room lies behind the wall; that room declares the
// same opening in its own wall. To names that room, for readers.
type Opening struct {
	Wall   string  `json:"wall"`
	Offset float32 `json:"offset"`
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
	Sill   float32 `json:"sill,omitempty"`
	To     string  `json:"to,omitempty"`
}

// Niche is a recess Depth metres into a wall (Wall) or a pillar's face
// (Face), Bottom metres above the floor. Arch rounds its top with a half
// circle across its width. Back covers the back, Sides the sides, sill and
// vault.
type Niche struct {
	Wall   string  `json:"wall,omitempty"`
	Face   string  `json:"face,omitempty"`
	Offset float32 `json:"offset"`
	Bottom float32 `json:"bottom,omitempty"`
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
	Depth  float32 `json:"depth"`
	Arch   bool    `json:"arch,omitempty"`
	Back   Surface `json:"back"`
	Sides  Surface `json:"sides"`
}

// Cell is a small meditation chamber entered through a doorway in a wall:
// Width along the wall, Depth behind it, Height from the floor; Surface
// covers its inside.
type Cell struct {
	Wall    string  `json:"wall"`
	Offset  float32 `json:"offset"`
	Width   float32 `json:"width"`
	Height  float32 `json:"height"`
	Depth   float32 `json:"depth"`
	Surface Surface `json:"surface"`
}

// Faces holds the four side faces of a pillar by the compass direction they
// face.
type Faces struct {
	North Surface `json:"north"`
	South Surface `json:"south"`
	East  Surface `json:"east"`
	West  Surface `json:"west"`
	// Top is needed only when the pillar stops below the ceiling.
	Top *Surface `json:"top,omitempty"`
	// Bottom covers the underside of a raised box (defaults to Top).
	Bottom *Surface `json:"bottom,omitempty"`
}

// Solid is something standing in a room. For "central-pillar", Center is
// [x, z] of the pillar's middle on the floor, Width its extent north–south
// (across the cave as seen from an east entrance), Depth its extent
// east–west, Height how tall it stands from the floor. For "box" and
// "platform", Width is the extent east–west (X) and Depth north–south (Z);
// for "throne" and "screen", Width runs across the direction they face.
// A "column-row" uses From, To, Count, Diameter, Height and Sides instead
// of Center and the sizes.
type Solid struct {
	Type   string     `json:"type"`
	Name   string     `json:"name,omitempty"`
	Center [2]float32 `json:"center"`
	Width  float32    `json:"width"`
	Depth  float32    `json:"depth"`
	Height float32    `json:"height"`
	Faces  Faces      `json:"faces,omitzero"`
	// Niches are recesses in a central pillar's faces.
	Niches []Niche `json:"niches,omitempty"`
	// Bottom raises a box, throne or screen above the floor, in metres.
	Bottom float32 `json:"bottom,omitempty"`
	// From and To are the plan ends [x, z] of a column row; Count columns
	// of Diameter stand evenly spaced from one to the other inclusive.
	From     [2]float32 `json:"from,omitzero"`
	To       [2]float32 `json:"to,omitzero"`
	Count    int        `json:"count,omitempty"`
	Diameter float32    `json:"diameter,omitempty"`
	// Sides is a column's number of sides, or the surface of a platform's
	// sides: the format uses one key for both.
	Sides Sides `json:"sides,omitzero"`
	// Surface covers columns, a platform's top, a throne, a screen's front.
	Surface Surface `json:"surface,omitzero"`
	// Base covers a column's plinth.
	Base *Surface `json:"base,omitempty"`
	// Back covers a screen's back and edges.
	Back *Surface `json:"back,omitempty"`
	// Steps are flights up a platform's sides.
	Steps []Steps `json:"steps,omitempty"`
	// Walkable lets visitors step onto a platform instead of walking round.
	Walkable bool `json:"walkable,omitempty"`
	// Facing is the compass direction a throne or screen faces.
	Facing string `json:"facing,omitempty"`
	// Thickness is a screen's thickness in metres.
	Thickness float32 `json:"thickness,omitempty"`
}

// Steps is a flight of Count steps up the Side of a platform, Width metres
// wide, centred Offset metres from the middle of that side (toward +X on
// north and south sides, +Z on east and west sides).
type Steps struct {
	Side    string  `json:"side"`
	Offset  float32 `json:"offset,omitempty"`
	Width   float32 `json:"width"`
	Count   int     `json:"count"`
	Surface Surface `json:"surface"`
}

// Sides is the "sides" key of a solid: a number (a column's sides) or a
// surface (a platform's sides).
type Sides struct {
	N       int
	Surface *Surface
}

// UnmarshalJSON reads either a number or a surface object.
func (sd *Sides) UnmarshalJSON(b []byte) error {
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] == '{' {
		sd.Surface = new(Surface)
		dec := json.NewDecoder(bytes.NewReader(t))
		dec.DisallowUnknownFields()
		return dec.Decode(sd.Surface)
	}
	return json.Unmarshal(t, &sd.N)
}

// MarshalJSON writes the form that was read.
func (sd Sides) MarshalJSON() ([]byte, error) {
	if sd.Surface != nil {
		return json.Marshal(sd.Surface)
	}
	return json.Marshal(sd.N)
}

// IsZero reports that neither form is set, so the key is left out.
func (sd Sides) IsZero() bool { return sd.N == 0 && sd.Surface == nil }

// Builtin returns every scene embedded in the program, checked, sorted by id.
func Builtin() ([]*Scene, error) {
	names, err := fs.Glob(builtinFiles, "*.json")
	if err != nil {
		return nil, fmt.Errorf("scenes: listing embedded files: %w", err)
	}
	var out []*Scene
	for _, name := range names {
		data, err := fs.ReadFile(builtinFiles, name)
		if err != nil {
			return nil, fmt.Errorf("scenes: reading embedded %s: %w", name, err)
		}
		file := "scenes/" + name
		s, err := Parse(file, data)
		if err != nil {
			return nil, err
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); s.ID != want {
			return nil, &Error{File: file, Field: "id",
				Problem: fmt.Sprintf("is %q but the file is named %s", s.ID, name),
				Fix:     fmt.Sprintf("set \"id\": %q or rename the file to %s.json", want, s.ID)}
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Textures returns the names of the textures the scene uses, sorted, each
// once.
func (s *Scene) Textures() []string {
	seen := map[string]bool{}
	s.eachTextureUse(func(_ string, t *TextureUse) { seen[t.Texture] = true })
	out := make([]string, 0, len(seen))
	for name := range seen {
		if name != "" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// eachTextureUse calls f for every texture use in the scene with its field
// path, in file order.
func (s *Scene) eachTextureUse(f func(field string, t *TextureUse)) {
	surface := func(field string, sf *Surface) {
		if len(sf.Bands) == 0 {
			f(field, &sf.TextureUse)
			return
		}
		for i := range sf.Bands {
			f(fmt.Sprintf("%s.bands[%d]", field, i), &sf.Bands[i].TextureUse)
		}
	}
	for i := range s.Rooms {
		r := &s.Rooms[i]
		p := fmt.Sprintf("rooms[%d]", i)
		surface(p+".floor", &r.Floor)
		if len(r.Ceiling.Parts) == 0 {
			surface(p+".ceiling", &r.Ceiling.Surface)
		}
		for j := range r.Ceiling.Parts {
			cp := &r.Ceiling.Parts[j]
			pp := fmt.Sprintf("%s.ceiling.parts[%d]", p, j)
			surface(pp+".surface", &cp.Surface)
			if cp.Ends != nil {
				surface(pp+".ends", cp.Ends)
			}
			if sl := cp.Slopes; sl != nil {
				surface(pp+".slopes.north", &sl.North)
				surface(pp+".slopes.south", &sl.South)
				surface(pp+".slopes.east", &sl.East)
				surface(pp+".slopes.west", &sl.West)
			}
			if cs := cp.Caisson; cs != nil {
				surface(pp+".caisson.surface", &cs.Surface)
				surface(pp+".caisson.sides", &cs.Sides)
			}
		}
		for j := range r.Niches {
			surface(fmt.Sprintf("%s.niches[%d].back", p, j), &r.Niches[j].Back)
			surface(fmt.Sprintf("%s.niches[%d].sides", p, j), &r.Niches[j].Sides)
		}
		for j := range r.Cells {
			surface(fmt.Sprintf("%s.cells[%d].surface", p, j), &r.Cells[j].Surface)
		}
		surface(p+".walls.north", &r.Walls.North)
		surface(p+".walls.south", &r.Walls.South)
		surface(p+".walls.east", &r.Walls.East)
		surface(p+".walls.west", &r.Walls.West)
	}
	for i := range s.Solids {
		sd := &s.Solids[i]
		sp := fmt.Sprintf("solids[%d]", i)
		if sd.Type == TypeCentralPillar || sd.Type == TypeBox {
			p := sp + ".faces"
			surface(p+".north", &sd.Faces.North)
			surface(p+".south", &sd.Faces.South)
			surface(p+".east", &sd.Faces.East)
			surface(p+".west", &sd.Faces.West)
			if sd.Faces.Top != nil {
				surface(p+".top", sd.Faces.Top)
			}
			if sd.Faces.Bottom != nil {
				surface(p+".bottom", sd.Faces.Bottom)
			}
		}
		for j := range sd.Niches {
			surface(fmt.Sprintf("%s.niches[%d].back", sp, j), &sd.Niches[j].Back)
			surface(fmt.Sprintf("%s.niches[%d].sides", sp, j), &sd.Niches[j].Sides)
		}
		if sd.Surface.Texture != "" || len(sd.Surface.Bands) > 0 {
			surface(sp+".surface", &sd.Surface)
		}
		if sd.Sides.Surface != nil {
			surface(sp+".sides", sd.Sides.Surface)
		}
		if sd.Base != nil {
			surface(sp+".base", sd.Base)
		}
		if sd.Back != nil {
			surface(sp+".back", sd.Back)
		}
		for j := range sd.Steps {
			surface(fmt.Sprintf("%s.steps[%d].surface", sp, j), &sd.Steps[j].Surface)
		}
	}
}
