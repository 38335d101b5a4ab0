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
	"embed"
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
}

// Primitive type names.
const (
	// TypeBoxRoom is a room with a rectangular plan, vertical walls and a
	// floor at Min[1].
	TypeBoxRoom = "box-room"
	// TypeCentralPillar is a rectangular pillar standing on the floor, the
	// stupa-pillar of the central-pillar caves.
	TypeCentralPillar = "central-pillar"
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
}

// Solid is something standing in a room. For "central-pillar", Center is
// [x, z] of the pillar's middle on the floor, Width its extent north–south
// (across the cave as seen from an east entrance), Depth its extent
// east–west, Height how tall it stands from the floor.
type Solid struct {
	Type   string     `json:"type"`
	Name   string     `json:"name,omitempty"`
	Center [2]float32 `json:"center"`
	Width  float32    `json:"width"`
	Depth  float32    `json:"depth"`
	Height float32    `json:"height"`
	Faces  Faces      `json:"faces"`
}

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
		}
		surface(p+".walls.north", &r.Walls.North)
		surface(p+".walls.south", &r.Walls.South)
		surface(p+".walls.east", &r.Walls.East)
		surface(p+".walls.west", &r.Walls.West)
	}
	for i := range s.Solids {
		sd := &s.Solids[i]
		p := fmt.Sprintf("solids[%d].faces", i)
		surface(p+".north", &sd.Faces.North)
		surface(p+".south", &sd.Faces.South)
		surface(p+".east", &sd.Faces.East)
		surface(p+".west", &sd.Faces.West)
		if sd.Faces.Top != nil {
			surface(p+".top", sd.Faces.Top)
		}
	}
}
