package pipeline

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// fixture is Cave 257 ready to render, with test textures.
type fixture struct {
	scene *scenes.Scene
	comp  *scenes.Compiled
	atlas *Atlas
	world *World
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var s *scenes.Scene
	for _, sc := range all {
		if sc.ID == "mogao-257" {
			s = sc
		}
	}
	if s == nil {
		t.Fatal("no mogao-257 scene")
	}
	return fixtureFor(t, s)
}

// fixtureFor compiles s and builds its atlas and world.
func fixtureFor(t testing.TB, s *scenes.Scene) *fixture {
	t.Helper()
	c, err := s.Compile()
	if err != nil {
		t.Fatal(err)
	}
	atlas, err := BuildAtlas(testTextures(t))
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWorld(c, atlas.Slots)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{scene: s, comp: c, atlas: atlas, world: w}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// clipAll clips s.clipA the way Render does: nothing if it lies wholly
// outside the view, else against the planes it crosses.
func clipAll(s *scratch) []clipVert {
	mask, visible := s.clipPolygon()
	if !visible {
		return nil
	}
	return s.clip(mask)
}

// onSegment reports whether p lies on the clip-space segment a–b.
func onSegment(p, a, b mgl32.Vec4) bool {
	ab := b.Sub(a)
	t := p.Sub(a).Dot(ab) / ab.Dot(ab)
	return t >= -1e-5 && t <= 1+1e-5 && a.Add(ab.Mul(t)).Sub(p).Len() < 1e-5
}

func TestClipTriangleCrossingNearPlane(t *testing.T) {
	const near = 0.1
	s := &scratch{near: near, far: 100}
	a := mgl32.Vec4{0, 0, 0, 2}      // in front
	b := mgl32.Vec4{0.1, 0, 0, -1}   // behind the eye
	c := mgl32.Vec4{-0.1, 0.1, 0, 2} // in front
	s.clipA = []clipVert{{pos: a, uv: mgl32.Vec2{0, 0}}, {pos: b, uv: mgl32.Vec2{1, 0}}, {pos: c, uv: mgl32.Vec2{0, 1}}}
	got := clipAll(s)
	if len(got) != 4 {
		t.Fatalf("clipped to %d vertices, want a quad", len(got))
	}
	if got[0].pos != a || got[3].pos != c {
		t.Errorf("the vertices in front moved: %v, %v", got[0].pos, got[3].pos)
	}
	for i, e := range [][2]mgl32.Vec4{{a, b}, {b, c}} {
		v := got[1+i]
		if math.Abs(float64(v.pos.W()-near)) > 1e-6 {
			t.Errorf("new vertex %d has w = %v, want the near plane %v", 1+i, v.pos.W(), near)
		}
		if !onSegment(v.pos, e[0], e[1]) {
			t.Errorf("new vertex %v is not on the edge it cut", v.pos)
		}
	}
	// The texture coordinate is cut at the same place as the position.
	tAB := (2 - near) / 3
	if math.Abs(float64(got[1].uv.X()-float32(tAB))) > 1e-5 {
		t.Errorf("cut UV %v, want u = %v", got[1].uv, tAB)
	}
}

func TestClipDropsWhatIsBehind(t *testing.T) {
	s := &scratch{near: 0.1, far: 100}
	s.clipA = []clipVert{{pos: mgl32.Vec4{0, 0, 0, -1}}, {pos: mgl32.Vec4{1, 0, 0, -2}}, {pos: mgl32.Vec4{0, 1, 0, 0.05}}}
	if got := clipAll(s); len(got) >= 3 {
		t.Errorf("a triangle behind the near plane left %d vertices", len(got))
	}
}

// TestNothingBehindTheCamera renders the view west from the entrance: the
// east wall behind the visitor must not appear, and every vertex must be in
// front of the near plane.
func TestNothingBehindTheCamera(t *testing.T) {
	fx := newFixture(t)
	sp := fx.scene.Spawn
	cam := Camera{Pos: mgl32.Vec3{sp.X, sp.Y, sp.Z}, Yaw: sp.Yaw}
	var f Frame
	fx.world.Render(&f, cam, 320, 200, nil)
	if f.Stats.Triangles == 0 {
		t.Fatal("nothing drawn")
	}
	for i, src := range f.Sources {
		if strings.Contains(fx.comp.Polygons[src].Source, "walls.east") {
			t.Errorf("triangle %d comes from the east wall behind the camera", i)
		}
	}
	for i, v := range f.Vertices {
		if v.Custom2 <= 0 || v.Custom2 > 1/DefaultNear*(1+1e-4) {
			t.Errorf("vertex %d has 1/w = %v: behind the near plane", i, v.Custom2)
		}
	}
}

// affineUV returns the texture coordinate a scene polygon maps point p to.
func affineUV(p scenes.Polygon, q mgl32.Vec3) mgl32.Vec2 {
	v0, v1, v2 := p.Verts[0], p.Verts[1], p.Verts[len(p.Verts)-1]
	e1, e2, d := v1.Pos.Sub(v0.Pos), v2.Pos.Sub(v0.Pos), q.Sub(v0.Pos)
	a11, a12, a22 := e1.Dot(e1), e1.Dot(e2), e2.Dot(e2)
	b1, b2 := d.Dot(e1), d.Dot(e2)
	det := a11*a22 - a12*a12
	s := (b1*a22 - b2*a12) / det
	r := (a11*b2 - a12*b1) / det
	return v0.UV.Add(v1.UV.Sub(v0.UV).Mul(s)).Add(v2.UV.Sub(v0.UV).Mul(r))
}

// rayDir returns the world direction through normalised device (x, y).
func rayDir(cam Camera, aspect, x, y float32) mgl32.Vec3 {
	cam = cam.withDefaults()
	f := cam.Forward()
	r := f.Cross(mgl32.Vec3{0, 1, 0}).Normalize()
	u := r.Cross(f)
	tx, ty := cam.TanHalf(aspect)
	return f.Add(r.Mul(x * tx)).Add(u.Mul(y * ty))
}

// TestWallCloseToTheEyeIsNotWarped stands 5 cm from the west wall looking
// along it: the wall's band edges must stay straight on screen and the
// texture must land exactly where a ray from the eye hits the wall.
func TestWallCloseToTheEyeIsNotWarped(t *testing.T) {
	fx := newFixture(t)
	cam := Camera{Pos: mgl32.Vec3{-4.75, 1.6, 0.5}, Yaw: math.Pi/2 + 1.2, Pitch: 0.2}
	const W, H = 320, 200
	var f Frame
	fx.world.Render(&f, cam, W, H, nil)
	deer := -1
	for i, p := range fx.comp.Polygons {
		if p.Source == "rooms[0].walls.west.bands[1]" {
			deer = i
		}
	}
	checked, edgeVerts := 0, 0
	for tri, src := range f.Sources {
		if src < 0 || !strings.Contains(fx.comp.Polygons[src].Source, "walls.west") {
			continue
		}
		poly := fx.comp.Polygons[src]
		a, b, c := f.Vertices[f.Indices[3*tri]], f.Vertices[f.Indices[3*tri+1]], f.Vertices[f.Indices[3*tri+2]]
		// Points inside the triangle: interpolate as the GPU does, then
		// compare with the truth found by casting a ray.
		for _, wts := range [][3]float32{{1. / 3, 1. / 3, 1. / 3}, {0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}, {0.45, 0.45, 0.1}} {
			sx := wts[0]*a.DstX + wts[1]*b.DstX + wts[2]*c.DstX
			sy := wts[0]*a.DstY + wts[1]*b.DstY + wts[2]*c.DstY
			iw := wts[0]*a.Custom2 + wts[1]*b.Custom2 + wts[2]*c.Custom2
			uv := mgl32.Vec2{(wts[0]*a.Custom0 + wts[1]*b.Custom0 + wts[2]*c.Custom0) / iw,
				(wts[0]*a.Custom1 + wts[1]*b.Custom1 + wts[2]*c.Custom1) / iw}
			dir := rayDir(cam, W/float32(H), sx/W*2-1, 1-sy/H*2)
			tHit := (poly.Normal.Dot(poly.Verts[0].Pos) - poly.Normal.Dot(cam.Pos)) / poly.Normal.Dot(dir)
			want := affineUV(poly, cam.Pos.Add(dir.Mul(tHit)))
			if d := uv.Sub(want); math.Abs(float64(d[0])) > 2e-3 || math.Abs(float64(d[1])) > 2e-3 {
				t.Errorf("%s at pixel (%.1f, %.1f): texture at %v, the ray hits %v", poly.Source, sx, sy, uv, want)
			}
			checked++
		}
	}
	// The deer band's lower edge (v = 1, y = 0.9 m) projects to one
	// straight line; every emitted vertex on it must lie on that line.
	p0x, p0y, _, ok0 := cam.Project(W, H, mgl32.Vec3{-4.8, 0.9, 2})
	p1x, p1y, _, ok1 := cam.Project(W, H, mgl32.Vec3{-4.8, 0.9, 4})
	if !ok0 || !ok1 {
		t.Fatal("test points on the band edge are not in front of the camera")
	}
	dx, dy := p1x-p0x, p1y-p0y
	for tri, src := range f.Sources {
		if int(src) != deer {
			continue
		}
		for k := 0; k < 3; k++ {
			v := f.Vertices[f.Indices[3*tri+k]]
			if math.Abs(float64(v.Custom1/v.Custom2-1)) > 1e-4 {
				continue
			}
			edgeVerts++
			dist := math.Abs(float64((v.DstX-p0x)*dy-(v.DstY-p0y)*dx)) / math.Hypot(float64(dx), float64(dy))
			if dist > 0.05 {
				t.Errorf("band edge vertex at (%.2f, %.2f) is %.3f px off the edge's line", v.DstX, v.DstY, dist)
			}
		}
	}
	if checked < 20 || edgeVerts < 2 {
		t.Fatalf("checked %d points and %d edge vertices: the view does not show the west wall as intended", checked, edgeVerts)
	}
}
