package scenes

import (
	"math"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// briefTextures are the texture names the asset generator provides.
var briefTextures = []string{
	"mogao-deer-jataka", "mogao-floor", "mogao-gable-ceiling", "mogao-heavenly-musicians",
	"mogao-lantern-ceiling", "mogao-narrative-band", "mogao-pillar-niche",
	"mogao-thousand-buddhas", "mogao-yaksha-dado",
}

func cave257(t testing.TB) (*Scene, *Compiled) {
	t.Helper()
	all, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	for _, s := range all {
		if s.ID == "mogao-257" {
			c, err := s.Compile()
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			return s, c
		}
	}
	t.Fatal("Builtin has no mogao-257")
	return nil, nil
}

func TestBuiltinCave257(t *testing.T) {
	s, _ := cave257(t)
	for _, lang := range []string{"en", "zh", "fr", "es", "ru", "ar"} {
		if s.Title[lang] == "" || s.Era[lang] == "" {
			t.Errorf("title or era missing in %q", lang)
		}
	}
	if !strings.Contains(s.Era["en"], "Northern Wei") {
		t.Errorf("era %q does not name the Northern Wei", s.Era["en"])
	}
	if !strings.Contains(s.Notes, "approximate") {
		t.Errorf("notes do not say the dimensions are approximate: %q", s.Notes)
	}
	got := s.Textures()
	if strings.Join(got, ",") != strings.Join(briefTextures, ",") {
		t.Errorf("Textures() = %v, want %v", got, briefTextures)
	}
	// The visitor starts at eye height near the entrance (east) looking west.
	if s.Spawn.Y != 1.6 || s.Spawn.X < 3 || math.Abs(float64(s.Spawn.Yaw)-math.Pi/2) > 1e-3 {
		t.Errorf("spawn %+v: want eye height 1.6 near the east wall, yaw π/2 (west)", s.Spawn)
	}
}

// useBySource finds the texture use a polygon came from.
func useBySource(s *Scene) map[string]TextureUse {
	m := map[string]TextureUse{}
	s.eachTextureUse(func(field string, t *TextureUse) { m[field] = *t })
	return m
}

func TestCompileCave257Polygons(t *testing.T) {
	s, c := cave257(t)
	// Floor in 2 strips, north and south walls 4 bands × 2 pieces, east and
	// west 3 bands, 2 gable slopes, 2 gable ends, 1 flat ceiling, pillar 4
	// faces × 2 bands.
	if want := 2 + 8 + 8 + 3 + 3 + 2 + 2 + 1 + 8; len(c.Polygons) != want {
		t.Errorf("%d polygons, want %d", len(c.Polygons), want)
	}
	uses := useBySource(s)
	roomCentre := mgl32.Vec3{0, 2.1, 0}
	pillarCentre := mgl32.Vec3{-1.7, 2.1, 0}
	for _, p := range c.Polygons {
		if len(p.Verts) < 3 {
			t.Fatalf("%s: %d vertices", p.Source, len(p.Verts))
		}
		pts := make([]mgl32.Vec3, len(p.Verts))
		var centroid mgl32.Vec3
		for i, v := range p.Verts {
			pts[i] = v.Pos
			centroid = centroid.Add(v.Pos.Mul(1 / float32(len(p.Verts))))
		}
		checkPlanarConvexCCW(t, p, 1e-4)
		// Room surfaces face into the room, pillar faces out of the pillar.
		switch {
		case strings.HasPrefix(p.Source, "rooms"):
			if roomCentre.Sub(centroid).Dot(p.Normal) <= 0 {
				t.Errorf("%s: normal %v faces out of the room", p.Source, p.Normal)
			}
		case strings.HasPrefix(p.Source, "solids"):
			if centroid.Sub(pillarCentre).Dot(p.Normal) <= 0 {
				t.Errorf("%s: normal %v faces into the pillar", p.Source, p.Normal)
			}
		}
		// UVs follow real size: the distance between any two corners in
		// metres equals their UV distance scaled by the texture's size, so
		// nothing is stretched.
		src, _, _ := strings.Cut(p.Source, "#")
		use, ok := uses[src]
		if !ok {
			t.Fatalf("%s: no texture use with that field", p.Source)
		}
		if use.Texture != p.Texture {
			t.Errorf("%s: texture %q, the field says %q", p.Source, p.Texture, use.Texture)
		}
		for i := range p.Verts {
			for j := i + 1; j < len(p.Verts); j++ {
				d3 := p.Verts[i].Pos.Sub(p.Verts[j].Pos).Len()
				duv := p.Verts[i].UV.Sub(p.Verts[j].UV)
				d2 := mgl32.Vec2{duv[0] * use.Size[0], duv[1] * use.Size[1]}.Len()
				if math.Abs(float64(d3-d2)) > 1e-3 {
					t.Errorf("%s: corners %d–%d are %.4f m apart but %.4f m in texture space", p.Source, i, j, d3, d2)
				}
			}
		}
	}
}

// uvRange returns the u and v extents of the polygons from a field.
func uvRange(c *Compiled, source string) (u0, u1, v0, v1 float32) {
	u0, v0 = float32(math.Inf(1)), float32(math.Inf(1))
	u1, v1 = float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, p := range c.Polygons {
		if p.Source != source {
			continue
		}
		for _, v := range p.Verts {
			u0, u1 = min(u0, v.UV[0]), max(u1, v.UV[0])
			v0, v1 = min(v0, v.UV[1]), max(v1, v.UV[1])
		}
	}
	return
}

func TestCave257ShowsWholeImages(t *testing.T) {
	_, c := cave257(t)
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-3 }
	// The deer story spans the west wall exactly once, upright.
	u0, u1, v0, v1 := uvRange(c, "rooms[0].walls.west.bands[1]")
	if !near(u0, 0) || !near(u1, 1) || !near(v0, 0) || !near(v1, 1) {
		t.Errorf("deer band UVs u %v..%v v %v..%v, want one whole image 0..1", u0, u1, v0, v1)
	}
	// Each pillar face shows its niche image once.
	for _, face := range []string{"north", "south", "east", "west"} {
		u0, u1, v0, v1 := uvRange(c, "solids[0].faces."+face+".bands[1]")
		if !near(u0, 0) || !near(u1, 1) || !near(v0, 0) || !near(v1, 1) {
			t.Errorf("pillar %s face UVs u %v..%v v %v..%v, want 0..1", face, u0, u1, v0, v1)
		}
	}
	// Images read left to right and top down for a viewer facing the west
	// wall: u grows toward the north (-Z), v grows downward.
	for _, p := range c.Polygons {
		if p.Source != "rooms[0].walls.west.bands[1]" {
			continue
		}
		for _, v := range p.Verts {
			wantU := (4.5 - v.Pos.Z()) / 9.0
			wantV := (3.15 - v.Pos.Y()) / 2.25
			if !near(v.UV[0], wantU) || !near(v.UV[1], wantV) {
				t.Errorf("deer band vertex %v has UV %v, want (%v, %v)", v.Pos, v.UV, wantU, wantV)
			}
		}
	}
}

func TestContains(t *testing.T) {
	s, _ := cave257(t)
	tests := []struct {
		name    string
		x, y, z float32
		want    bool
	}{
		{"spawn", s.Spawn.X, s.Spawn.Y, s.Spawn.Z, true},
		{"west aisle behind the pillar", -3.8, 1.6, 0, true},
		{"just past a wall, within the margin", 4.9, 1.6, 0, true},
		{"outside the east wall", 5.5, 1.6, 0, false},
		{"outside the north wall", 0, 1.6, -6, false},
		{"inside the pillar", -1.7, 1.6, 0, false},
		{"at the pillar's surface", -0.7, 1.6, 0, true},
		{"under the gable ridge", 2.8, 4.9, 0, true},
		{"above the gable ridge", 2.8, 6, 0, false},
		{"below the floor", 0, -1, 0, false},
		{"not a number", float32(math.NaN()), 1.6, 0, false},
	}
	for _, tt := range tests {
		if got := s.Contains(tt.x, tt.y, tt.z); got != tt.want {
			t.Errorf("%s: Contains(%v, %v, %v) = %v, want %v", tt.name, tt.x, tt.y, tt.z, got, tt.want)
		}
	}
}

// checkPlanarConvexCCW checks that p is planar, convex and
// counter-clockwise seen from the front (every turn bends the same way as
// the normal), and that its normal agrees with its winding within tol.
func checkPlanarConvexCCW(t *testing.T, p Polygon, tol float32) {
	t.Helper()
	pts := make([]mgl32.Vec3, len(p.Verts))
	for i, v := range p.Verts {
		pts[i] = v.Pos
		if d := v.Pos.Sub(p.Verts[0].Pos).Dot(p.Normal); math.Abs(float64(d)) > 1e-4 {
			t.Errorf("%s: vertex %v is %.5f m off the plane", p.Source, v.Pos, d)
		}
	}
	for i := range pts {
		a, b, c := pts[i], pts[(i+1)%len(pts)], pts[(i+2)%len(pts)]
		if turn := b.Sub(a).Cross(c.Sub(b)).Dot(p.Normal); turn <= 0 {
			t.Errorf("%s: corner %d turns the wrong way (%v): not convex CCW", p.Source, (i+1)%len(pts), turn)
		}
	}
	if n := newellNormal(pts); n.Sub(p.Normal).Len() > tol {
		t.Errorf("%s: Normal %v disagrees with winding %v", p.Source, p.Normal, n)
	}
}
