package scenes

import (
	"math"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// tex is a one-texture surface whose name tells the test its size.
func tex(name string, w, h float32) Surface {
	return Surface{TextureUse: TextureUse{Texture: name, Size: [2]float32{w, h}}}
}

// allWalls gives every wall one surface.
func allWalls(s Surface) Walls { return Walls{North: s, South: s, East: s, West: s} }

// primScene is two rooms side by side joined by a doorway: room A (west,
// x -4..0) with a truncated-pyramid ceiling, a niche and two cells in its
// north wall; room B (east, x 0..6) with a coffered ceiling and caisson, a
// column row, a platform with steps and a throne before a screen, and a
// raised beam.
func primScene() *Scene {
	wall := tex("wall", 1.2, 1.2)
	pyr := tex("slope", 4, 1.5)
	return &Scene{
		ID:    "prim",
		Spawn: Spawn{X: -2, Y: 1.6, Z: 0},
		Rooms: []Room{
			{
				Type: TypeBoxRoom, Name: "A", Min: [3]float32{-4, 0, -3}, Max: [3]float32{0, 3, 3},
				Floor: tex("floor", 1.5, 1.5), Walls: allWalls(wall),
				Ceiling: Ceiling{Front: "east", Parts: []CeilingPart{{
					Shape: ShapeTruncatedPyramid, Rise: 1.2, Top: [2]float32{1.5, 1.5},
					Slopes:  &Slopes{North: pyr, South: pyr, East: pyr, West: pyr},
					Surface: tex("caisson", 1.5, 1.5),
				}}},
				Openings: []Opening{{Wall: "east", Offset: 1, Width: 1.2, Height: 2.2, To: "B"}},
				Niches: []Niche{{Wall: "west", Offset: 0, Bottom: 0.8, Width: 1.6, Height: 2, Depth: 0.8, Arch: true,
					Back: tex("niche", 1.6, 2), Sides: tex("nicheside", 1, 1)}},
				Cells: []Cell{
					{Wall: "north", Offset: -1, Width: 1, Height: 1.8, Depth: 1.2, Surface: tex("cell", 1, 1)},
					{Wall: "north", Offset: 1, Width: 1, Height: 1.8, Depth: 1.2, Surface: tex("cell", 1, 1)},
				},
			},
			{
				Type: TypeBoxRoom, Name: "B", Min: [3]float32{0, 0, -3}, Max: [3]float32{6, 4, 3},
				Floor: tex("floor", 1.5, 1.5), Walls: allWalls(wall),
				Ceiling: Ceiling{Front: "north", Parts: []CeilingPart{{
					Shape: ShapeCoffered, Surface: tex("coffer", 0.8, 0.8),
					Caisson: &Caisson{Center: [2]float32{3, 0}, Size: [2]float32{2, 2}, Depth: 0.6,
						Surface: tex("dragon", 2, 2), Sides: tex("beam", 2, 0.6)},
				}}},
				Openings: []Opening{{Wall: "west", Offset: 1, Width: 1.2, Height: 2.2, To: "A"}},
			},
		},
		Solids: []Solid{
			{Type: TypeColumnRow, From: [2]float32{1, -2}, To: [2]float32{5, -2}, Count: 3, Diameter: 0.6, Height: 4,
				Sides: Sides{N: 12}, Surface: tex("column", 1.885, 4), Base: &Surface{TextureUse: TextureUse{Texture: "marble", Size: [2]float32{1, 1}}}},
			{Type: TypePlatform, Center: [2]float32{3, 1}, Width: 2, Depth: 1, Height: 0.6, Surface: tex("marble", 1, 1),
				Sides: Sides{Surface: &Surface{TextureUse: TextureUse{Texture: "marble", Size: [2]float32{1, 1}}}},
				Steps: []Steps{{Side: "north", Width: 1, Count: 2, Surface: tex("marble", 1, 1)}}},
			{Type: TypeThrone, Center: [2]float32{3, 1.2}, Bottom: 0.6, Facing: "north", Width: 1, Depth: 0.5, Height: 1.2, Surface: tex("gold", 1, 1)},
			{Type: TypeScreen, Center: [2]float32{3, 2.5}, Facing: "north", Width: 3, Height: 3, Thickness: 0.2,
				Surface: tex("screen", 3, 1.5), Back: &Surface{TextureUse: TextureUse{Texture: "wall", Size: [2]float32{1.2, 1.2}}}},
			{Type: TypeBox, Center: [2]float32{4, 0}, Bottom: 3.4, Width: 4, Depth: 0.4, Height: 0.4,
				Faces: Faces{North: tex("beam", 2, 0.6), South: tex("beam", 2, 0.6), East: tex("beam", 2, 0.6), West: tex("beam", 2, 0.6), Top: &Surface{TextureUse: TextureUse{Texture: "beam", Size: [2]float32{2, 0.6}}}}},
		},
	}
}

// checkPolygons asserts every polygon is planar, convex, counter-clockwise
// seen from the side its normal points to, and textured at real size: the
// distance between two corners in metres equals their UV distance times
// the texture's size.
func checkPolygons(t *testing.T, s *Scene, c *Compiled) {
	t.Helper()
	byTexture := map[string][2]float32{}
	byField := map[string]TextureUse{}
	s.eachTextureUse(func(field string, u *TextureUse) {
		byTexture[u.Texture] = u.Size
		byField[field] = *u
	})
	// sizeOf finds the texture use a polygon came from: its source field,
	// or the nearest enclosing field that has one of the same texture
	// (pieces such as a plinth's top or an arch's spandrels).
	sizeOf := func(p Polygon) ([2]float32, bool) {
		src, _, _ := strings.Cut(p.Source, "#")
		for src != "" {
			if u, ok := byField[src]; ok && u.Texture == p.Texture {
				return u.Size, true
			}
			i := strings.LastIndexAny(src, ".[")
			if i < 0 {
				break
			}
			src = src[:i]
		}
		size, ok := byTexture[p.Texture]
		return size, ok
	}
	for _, p := range c.Polygons {
		if len(p.Verts) < 3 {
			t.Fatalf("%s: %d vertices", p.Source, len(p.Verts))
		}
		checkPlanarConvexCCW(t, p, 1e-3)
		size, ok := sizeOf(p)
		if !ok {
			t.Fatalf("%s: texture %q is not in the scene", p.Source, p.Texture)
		}
		for i := range p.Verts {
			for j := i + 1; j < len(p.Verts); j++ {
				d3 := p.Verts[i].Pos.Sub(p.Verts[j].Pos).Len()
				duv := p.Verts[i].UV.Sub(p.Verts[j].UV)
				d2 := mgl32.Vec2{duv[0] * size[0], duv[1] * size[1]}.Len()
				if math.Abs(float64(d3-d2)) > 2e-3 {
					t.Errorf("%s: corners %d–%d are %.4f m apart but %.4f m in texture space", p.Source, i, j, d3, d2)
				}
			}
		}
	}
}

func compilePrim(t *testing.T) (*Scene, *Compiled) {
	t.Helper()
	s := primScene()
	c, err := s.Compile()
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return s, c
}

func TestPrimitivePolygons(t *testing.T) {
	s, c := compilePrim(t)
	checkPolygons(t, s, c)
	count := func(prefix string) int {
		n := 0
		for _, p := range c.Polygons {
			// "a#b" counts the polygons from field a (any band) marked #b.
			field, mark, marked := strings.Cut(prefix, "#")
			if strings.HasPrefix(p.Source, field) && (!marked || strings.Contains(p.Source, "#"+mark)) {
				n++
			}
		}
		return n
	}
	normalOf := func(prefix string) mgl32.Vec3 {
		for _, p := range c.Polygons {
			if strings.HasPrefix(p.Source, prefix) {
				return p.Normal
			}
		}
		t.Fatalf("no polygon from %s", prefix)
		return mgl32.Vec3{}
	}
	tests := []struct {
		prefix string
		want   int
	}{
		{"rooms[0].ceiling.parts[0].slopes", 4},
		{"rooms[0].ceiling.parts[0].surface", 1},
		{"rooms[1].ceiling.parts[0].surface", 8}, // the coffers round the caisson
		{"rooms[1].ceiling.parts[0].caisson.surface", 1},
		{"rooms[1].ceiling.parts[0].caisson.sides", 4},
		// back, 2 sides, sill, 8 vault strips; the 8 spandrels belong to
		// the wall
		{"rooms[0].niches[0]", 1 + 2 + 1 + archSegments},
		{"rooms[0].walls.west#spandrel", archSegments},
		// back, 2 sides, top; each cell
		{"rooms[0].cells[0]", 4},
		{"rooms[0].cells[1]", 4},
		// 3 columns × 12 sides; 3 plinths × (4 sides + top)
		{"solids[0].surface", 36},
		{"solids[0].base", 15},
		// 2 steps × (riser, tread, 2 sides)
		{"solids[1].steps[0]", 8},
		{"solids[1].surface", 1},
		{"solids[4].faces", 4 + 1 + 1}, // a raised beam shows its underside
	}
	for _, tt := range tests {
		if got := count(tt.prefix); got != tt.want {
			t.Errorf("%s: %d polygons, want %d", tt.prefix, got, tt.want)
		}
	}
	// The east wall of A has a doorway: no wall polygon covers its middle.
	for _, p := range c.Polygons {
		if !strings.HasPrefix(p.Source, "rooms[0].walls.east") && !strings.HasPrefix(p.Source, "rooms[1].walls.west") {
			continue
		}
		var lo, hi mgl32.Vec3 = p.Verts[0].Pos, p.Verts[0].Pos
		for _, v := range p.Verts {
			for k := 0; k < 3; k++ {
				lo[k], hi[k] = min(lo[k], v.Pos[k]), max(hi[k], v.Pos[k])
			}
		}
		if lo.Z() < 1 && hi.Z() > 1 && lo.Y() < 1 && hi.Y() > 1 {
			t.Errorf("%s covers the doorway at z=1: %v–%v", p.Source, lo, hi)
		}
	}
	// Slopes face down into the room; the caisson's sides face inward.
	if n := normalOf("rooms[0].ceiling.parts[0].slopes.north"); n.Y() >= 0 || n.Z() <= 0 {
		t.Errorf("north slope normal %v: want down and toward the south", n)
	}
	if n := normalOf("rooms[0].cells[0].surface.back"); n.Z() <= 0.99 {
		t.Errorf("cell back normal %v: want +Z (facing the room from behind the north wall)", n)
	}
	if n := normalOf("solids[3].surface"); n.Z() >= -0.99 {
		t.Errorf("screen front normal %v: want -Z (facing north)", n)
	}
}

func TestPrimitiveSlide(t *testing.T) {
	s, c := compilePrim(t)
	const r = BodyRadius
	tests := []struct {
		name     string
		from, to mgl32.Vec2
		want     mgl32.Vec2
	}{
		{"walks through the doorway into the next room", mgl32.Vec2{-2, 1}, mgl32.Vec2{1.5, 1}, mgl32.Vec2{1.5, 1}},
		{"walks back through the doorway", mgl32.Vec2{1.5, 1}, mgl32.Vec2{-2, 1}, mgl32.Vec2{-2, 1}},
		{"the shared wall stops a visitor in A", mgl32.Vec2{-2, -1}, mgl32.Vec2{2, -1}, mgl32.Vec2{-r, -1}},
		{"the shared wall stops a visitor in B", mgl32.Vec2{0.6, -0.5}, mgl32.Vec2{-2, -0.5}, mgl32.Vec2{r, -0.5}},
		{"walks into a cell", mgl32.Vec2{-3, 0}, mgl32.Vec2{-3, -5}, mgl32.Vec2{-3, -4.2 + r}},
		{"stops at the wall between cells", mgl32.Vec2{-2, 0}, mgl32.Vec2{-2, -5}, mgl32.Vec2{-2, -3 + r}},
		{"stops at a niche (not walkable)", mgl32.Vec2{-2, 0}, mgl32.Vec2{-6, 0}, mgl32.Vec2{-4 + r, 0}},
		{"stops at a column", mgl32.Vec2{3, -0.5}, mgl32.Vec2{3, -3}, mgl32.Vec2{3, -2 + 0.3 + r}},
		{"stops at the steps", mgl32.Vec2{3, -0.5}, mgl32.Vec2{3, 0.6}, mgl32.Vec2{3, 0.5 - 2*stepTread - r}},
		{"walks under a raised beam", mgl32.Vec2{4.5, -1}, mgl32.Vec2{4.5, 0.3}, mgl32.Vec2{4.5, 0.3}},
		{"stops at the screen", mgl32.Vec2{1.8, 1.9}, mgl32.Vec2{1.8, 3}, mgl32.Vec2{1.8, 2.4 - r}},
	}
	for _, tt := range tests {
		got := c.Slide(mgl32.Vec3{tt.from.X(), 1.6, tt.from.Y()}, mgl32.Vec3{tt.to.X(), 1.6, tt.to.Y()}, r)
		if math.Abs(float64(got.X()-tt.want.X())) > 0.02 || math.Abs(float64(got.Z()-tt.want.Y())) > 0.02 {
			t.Errorf("%s: Slide ended at (%.3f, %.3f), want (%.3f, %.3f)", tt.name, got.X(), got.Z(), tt.want.X(), tt.want.Y())
		}
	}
	if !s.Contains(-3, 1.6, -3.8) {
		t.Error("Contains: a point inside a cell is not walkable")
	}
	if !s.Contains(-2, 3.9, 0) {
		t.Error("Contains: a point under the pyramid ceiling's top is outside")
	}
	if s.Contains(-3, 1.6, -4.6) {
		t.Error("Contains: a point behind a cell's back wall counts as walkable")
	}
}

func TestPillarNiche(t *testing.T) {
	wall := tex("wall", 1.2, 1.2)
	s := &Scene{
		ID:    "pillar",
		Spawn: Spawn{X: 3, Y: 1.6, Z: 0},
		Rooms: []Room{{Type: TypeBoxRoom, Min: [3]float32{-4, 0, -4}, Max: [3]float32{4, 4, 4},
			Floor: tex("floor", 1.5, 1.5), Ceiling: Ceiling{Surface: tex("ceiling", 1, 1)}, Walls: allWalls(wall)}},
		Solids: []Solid{{Type: TypeCentralPillar, Center: [2]float32{0, 0}, Width: 2, Depth: 2, Height: 4,
			Faces: Faces{North: wall, South: wall, East: wall, West: wall},
			Niches: []Niche{{Face: "east", Offset: 0.2, Bottom: 1, Width: 1, Height: 1.6, Depth: 0.4, Arch: true,
				Back: tex("niche", 1, 2), Sides: tex("nicheside", 1, 1)}}}},
	}
	c, err := s.Compile()
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	checkPolygons(t, s, c)
	var niche, east int
	for _, p := range c.Polygons {
		switch {
		case strings.HasPrefix(p.Source, "solids[0].niches[0]"):
			niche++
			if p.Normal.X() < -1e-3 {
				t.Errorf("%s: normal %v faces into the pillar", p.Source, p.Normal)
			}
		case strings.HasPrefix(p.Source, "solids[0].faces.east"):
			east++
			if p.Normal.X() < 0.99 {
				t.Errorf("%s: normal %v, want +X", p.Source, p.Normal)
			}
		}
	}
	if want := 1 + 2 + 1 + archSegments; niche != want {
		t.Errorf("niche: %d polygons, want %d", niche, want)
	}
	// The east face is cut round the niche into a 3 × 4 grid less the
	// hole, plus the spandrels beside the arch.
	if want := 3*4 - 2 + archSegments; east != want {
		t.Errorf("east face: %d polygons, want %d", east, want)
	}
	got := c.Slide(mgl32.Vec3{3, 1.6, 0.2}, mgl32.Vec3{0, 1.6, 0.2}, BodyRadius)
	if math.Abs(float64(got.X()-(1+BodyRadius))) > 1e-3 {
		t.Errorf("walking at the niche ended at x=%.3f, want the face at %.3f: a niche is not walkable", got.X(), 1+BodyRadius)
	}
	s.Solids[0].Niches[0].Depth = 1.5
	if _, err := s.Compile(); err == nil || !strings.Contains(err.Error(), "solids[0].niches[0]") {
		t.Errorf("a niche deeper than half the pillar compiled (err %v)", err)
	}
}

func TestFloorAtWalkablePlatform(t *testing.T) {
	s := primScene()
	if got := s.FloorAt(3, 1); got != 0 {
		t.Errorf("FloorAt on a platform that is not walkable = %v, want the room's floor 0", got)
	}
	s.Solids[1].Walkable = true // 0.6 m high, 2 steps up its north side
	tests := []struct {
		name string
		x, z float32
		want float32
	}{
		{"on the platform", 3, 1, 0.6},
		{"on the upper step", 3, 0.5 - stepTread/2, 0.4},
		{"on the lower step", 3, 0.5 - 1.5*stepTread, 0.2},
		{"beside the steps", 2.1, 0.5 - stepTread/2, 0},
		{"on the floor", 1, -1, 0},
	}
	for _, tt := range tests {
		if got := s.FloorAt(tt.x, tt.z); math.Abs(float64(got-tt.want)) > 1e-4 {
			t.Errorf("%s: FloorAt(%v, %v) = %v, want %v", tt.name, tt.x, tt.z, got, tt.want)
		}
	}
	c, err := s.Compile()
	if err != nil {
		t.Fatal(err)
	}
	// A walkable platform does not stop a visitor.
	if got := c.Slide(mgl32.Vec3{3, 1.6, -0.5}, mgl32.Vec3{3, 1.6, 0.65}, BodyRadius); math.Abs(float64(got.Z()-0.65)) > 1e-3 {
		t.Errorf("walking onto a walkable platform ended at z=%.3f, want 0.65 (the throne stands behind)", got.Z())
	}
}
