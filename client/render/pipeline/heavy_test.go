package pipeline

import (
	"fmt"
	"image/color"
	"math"
	"math/rand"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// Proportions of the synthetic palace hall used to measure the renderer on
// a scene as heavy as the palace halls will be (about 20,000 triangles):
// a 60 × 33 m hall 12 m high, four rows of ten 32-sided columns, a
// coffered ceiling, a tiled floor and a stepped dais.
const (
	hallX0, hallX1 = -30, 30
	hallZ0, hallZ1 = -16.5, 16.5
	hallHeight     = 12
	hallTile       = 2 // floor tile side
	hallCoffer     = 3 // ceiling coffer cell side
	columnSides    = 32
	columnRows     = 4
	columnsPerRow  = 10
)

// hallBuilder collects polygons for the synthetic hall.
type hallBuilder struct{ c *scenes.Compiled }

// add appends a convex polygon with corners pts, turned so that its
// normal agrees with facing, textured by planar projection onto u and v
// with a repeat of size metres.
func (b *hallBuilder) add(source, texture string, pts []mgl32.Vec3, facing mgl32.Vec3, u, v mgl32.Vec3, size float32) {
	var n mgl32.Vec3
	for i, a := range pts {
		c := pts[(i+1)%len(pts)]
		n[0] += (a.Y() - c.Y()) * (a.Z() + c.Z())
		n[1] += (a.Z() - c.Z()) * (a.X() + c.X())
		n[2] += (a.X() - c.X()) * (a.Y() + c.Y())
	}
	n = n.Normalize()
	if n.Dot(facing) < 0 {
		rev := make([]mgl32.Vec3, len(pts))
		for i, p := range pts {
			rev[len(pts)-1-i] = p
		}
		pts, n = rev, n.Mul(-1)
	}
	verts := make([]scenes.Vertex, len(pts))
	for i, p := range pts {
		verts[i] = scenes.Vertex{Pos: p, UV: mgl32.Vec2{p.Dot(u) / size, p.Dot(v) / size}}
	}
	b.c.Polygons = append(b.c.Polygons, scenes.Polygon{Verts: verts, Texture: texture, Normal: n, Source: source})
}

// cylinder adds the sides of a columnSides-sided prism around (cx, cz)
// from y0 to y1, facing out.
func (b *hallBuilder) cylinder(source string, cx, cz, r, y0, y1 float32) {
	for k := 0; k < columnSides; k++ {
		a0 := 2 * math.Pi * float64(k) / columnSides
		a1 := 2 * math.Pi * float64(k+1) / columnSides
		p0 := mgl32.Vec3{cx + r*float32(math.Cos(a0)), 0, cz + r*float32(math.Sin(a0))}
		p1 := mgl32.Vec3{cx + r*float32(math.Cos(a1)), 0, cz + r*float32(math.Sin(a1))}
		mid := p0.Add(p1).Mul(0.5).Sub(mgl32.Vec3{cx, 0, cz})
		pts := []mgl32.Vec3{{p0[0], y0, p0[2]}, {p1[0], y0, p1[2]}, {p1[0], y1, p1[2]}, {p0[0], y1, p0[2]}}
		along := p1.Sub(p0).Normalize()
		b.add(fmt.Sprintf("%s.side#%d", source, k), "mogao-pillar-niche", pts, mid, along, mgl32.Vec3{0, -1, 0}, 1)
	}
}

// ring adds the flat annulus between radii r0 < r1 at height y, facing
// up or down.
func (b *hallBuilder) ring(source string, cx, cz, r0, r1, y float32, facing mgl32.Vec3) {
	for k := 0; k < columnSides; k++ {
		a0 := 2 * math.Pi * float64(k) / columnSides
		a1 := 2 * math.Pi * float64(k+1) / columnSides
		at := func(r float32, a float64) mgl32.Vec3 {
			return mgl32.Vec3{cx + r*float32(math.Cos(a)), y, cz + r*float32(math.Sin(a))}
		}
		pts := []mgl32.Vec3{at(r0, a0), at(r1, a0), at(r1, a1), at(r0, a1)}
		b.add(fmt.Sprintf("%s#%d", source, k), "mogao-floor", pts, facing, mgl32.Vec3{1, 0, 0}, mgl32.Vec3{0, 0, 1}, 1)
	}
}

// box adds the top and four sides of an axis-aligned box standing on y0.
func (b *hallBuilder) box(source, texture string, lo, hi mgl32.Vec3) {
	x0, y0, z0, x1, y1, z1 := lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]
	ex, ey, ez := mgl32.Vec3{1, 0, 0}, mgl32.Vec3{0, 1, 0}, mgl32.Vec3{0, 0, 1}
	down := ey.Mul(-1)
	b.add(source+".top", texture, []mgl32.Vec3{{x0, y1, z0}, {x1, y1, z0}, {x1, y1, z1}, {x0, y1, z1}}, ey, ex, ez, 1)
	b.add(source+".north", texture, []mgl32.Vec3{{x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0}}, ez.Mul(-1), ex, down, 1)
	b.add(source+".south", texture, []mgl32.Vec3{{x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}}, ez, ex, down, 1)
	b.add(source+".west", texture, []mgl32.Vec3{{x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, {x0, y1, z0}}, ex.Mul(-1), ez, down, 1)
	b.add(source+".east", texture, []mgl32.Vec3{{x1, y0, z0}, {x1, y0, z1}, {x1, y1, z1}, {x1, y1, z0}}, ex, ez, down, 1)
}

// heavyHall builds the synthetic palace hall. It is deterministic: the
// same polygons in the same order every time.
func heavyHall() *scenes.Compiled {
	b := &hallBuilder{c: &scenes.Compiled{ID: "synthetic-hall"}}
	ex, ey, ez := mgl32.Vec3{1, 0, 0}, mgl32.Vec3{0, 1, 0}, mgl32.Vec3{0, 0, 1}
	down := ey.Mul(-1)

	// Floor tiles.
	for x := float32(hallX0); x < hallX1; x += hallTile {
		for z := float32(hallZ0); z < hallZ1-1e-3; z += hallTile {
			z1 := min(z+hallTile, hallZ1)
			b.add(fmt.Sprintf("floor#%v,%v", x, z), "mogao-floor",
				[]mgl32.Vec3{{x, 0, z}, {x + hallTile, 0, z}, {x + hallTile, 0, z1}, {x, 0, z1}}, ey, ex, ez, 1.5)
		}
	}
	// Walls in bays of three registers.
	bands := []float32{0, 1.2, 8, hallHeight}
	wall := func(name string, a, c mgl32.Vec2, bays int, facing mgl32.Vec3) {
		for i := 0; i < bays; i++ {
			p := a.Add(c.Sub(a).Mul(float32(i) / float32(bays)))
			q := a.Add(c.Sub(a).Mul(float32(i+1) / float32(bays)))
			along := mgl32.Vec3{q[0] - p[0], 0, q[1] - p[1]}.Normalize()
			for k := 0; k+1 < len(bands); k++ {
				pts := []mgl32.Vec3{{p[0], bands[k], p[1]}, {q[0], bands[k], q[1]}, {q[0], bands[k+1], q[1]}, {p[0], bands[k+1], p[1]}}
				b.add(fmt.Sprintf("%s#%d.%d", name, i, k), "mogao-thousand-buddhas", pts, facing, along, down, 1.2)
			}
		}
	}
	wall("walls.north", mgl32.Vec2{hallX0, hallZ0}, mgl32.Vec2{hallX1, hallZ0}, 11, ez)
	wall("walls.south", mgl32.Vec2{hallX1, hallZ1}, mgl32.Vec2{hallX0, hallZ1}, 11, ez.Mul(-1))
	wall("walls.east", mgl32.Vec2{hallX1, hallZ0}, mgl32.Vec2{hallX1, hallZ1}, 5, ex.Mul(-1))
	wall("walls.west", mgl32.Vec2{hallX0, hallZ1}, mgl32.Vec2{hallX0, hallZ0}, 5, ex)

	// Coffered ceiling: each cell a flat frame of four trapezoids at the
	// ceiling, four sloped sides rising 0.4 m and a flat top.
	const frame, depth = 0.4, 0.4
	for x := float32(hallX0); x < hallX1-1e-3; x += hallCoffer {
		for z := float32(hallZ0); z < hallZ1-1e-3; z += hallCoffer {
			src := fmt.Sprintf("ceiling#%v,%v", x, z)
			y, yt := float32(hallHeight), float32(hallHeight+depth)
			o := [4]mgl32.Vec3{{x, y, z}, {x + hallCoffer, y, z}, {x + hallCoffer, y, z + hallCoffer}, {x, y, z + hallCoffer}}
			in := [4]mgl32.Vec3{{x + frame, y, z + frame}, {x + hallCoffer - frame, y, z + frame}, {x + hallCoffer - frame, y, z + hallCoffer - frame}, {x + frame, y, z + hallCoffer - frame}}
			top := in
			for i := range top {
				top[i][1] = yt
			}
			for i := 0; i < 4; i++ {
				j := (i + 1) % 4
				b.add(fmt.Sprintf("%s.frame#%d", src, i), "mogao-lantern-ceiling", []mgl32.Vec3{o[i], o[j], in[j], in[i]}, down, ex, ez, 3)
				side := []mgl32.Vec3{in[i], in[j], top[j], top[i]}
				centre := mgl32.Vec3{x + hallCoffer/2, y, z + hallCoffer/2}
				facing := centre.Sub(in[i].Add(in[j]).Mul(0.5))
				facing[1] = -0.5
				b.add(fmt.Sprintf("%s.side#%d", src, i), "mogao-gable-ceiling", side, facing, ex, ez, 3)
			}
			b.add(src+".top", "mogao-lantern-ceiling", top[:], down, ex, ez, 3)
		}
	}

	// Columns: plinth, base drum, shaft in two drums, capital.
	for row := 0; row < columnRows; row++ {
		cz := float32(hallZ0) + 33*(float32(row)+0.5)/columnRows
		for i := 0; i < columnsPerRow; i++ {
			cx := float32(hallX0) + 60*(float32(i)+0.5)/columnsPerRow
			src := fmt.Sprintf("columns[%d,%d]", row, i)
			b.box(src+".plinth", "mogao-yaksha-dado", mgl32.Vec3{cx - 0.9, 0, cz - 0.9}, mgl32.Vec3{cx + 0.9, 0.15, cz + 0.9})
			b.cylinder(src+".base", cx, cz, 0.75, 0.15, 0.45)
			b.ring(src+".base.top", cx, cz, 0.55, 0.75, 0.45, ey)
			b.cylinder(src+".shaft#0", cx, cz, 0.55, 0.45, 5.5)
			b.cylinder(src+".shaft#1", cx, cz, 0.55, 5.5, 11.2)
			b.ring(src+".capital.bottom", cx, cz, 0.55, 0.72, 11.2, down)
			b.cylinder(src+".capital", cx, cz, 0.72, 11.2, hallHeight)
		}
	}

	// A dais of five steps against the west wall.
	for k := 0; k < 5; k++ {
		inset := float32(k) * 0.5
		b.box(fmt.Sprintf("dais.step#%d", k), "mogao-floor",
			mgl32.Vec3{hallX0, float32(k) * 0.2, -6 + inset}, mgl32.Vec3{-22 - inset, float32(k+1) * 0.2, 6 - inset})
	}
	b.c.Light = scenes.Light{
		Ambient: scenes.Color{0.3, 0.3, 0.3},
		Torch:   scenes.Torch{Color: scenes.Color{1, 1, 1}, Intensity: 0.5, Range: 20},
		Fog:     scenes.Fog{Color: scenes.Color{0.6, 0.6, 0.62}, Near: 40, Far: 120},
	}
	b.c.Min, b.c.Max = mgl32.Vec3{hallX0, 0, hallZ0}, mgl32.Vec3{hallX1, hallHeight + depth, hallZ1}
	return b.c
}

// triangleCount counts the triangles of the polygons as fans.
func triangleCount(c *scenes.Compiled) int {
	n := 0
	for _, p := range c.Polygons {
		n += len(p.Verts) - 2
	}
	return n
}

// newHeavyFixture builds the synthetic hall's BSP tree (no atlas: the
// hall's tests and benchmark do not shade).
func newHeavyFixture(t testing.TB) *fixture {
	t.Helper()
	c := heavyHall()
	slots := map[string]int{}
	for _, p := range c.Polygons {
		if _, ok := slots[p.Texture]; !ok {
			slots[p.Texture] = len(slots)
		}
	}
	w, err := NewWorld(c, slots)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{comp: c, world: w}
}

// heavyViews are the benchmark's views of the hall: standing in the east
// bay and sweeping the gaze across the whole hall, the worst case, where
// nearly everything is in view.
func heavyViews() []Camera {
	views := make([]Camera, 64)
	for i := range views {
		t := float32(i) / float32(len(views))
		views[i] = Camera{
			Pos:   mgl32.Vec3{27, 1.6, -6 + 12*t},
			Yaw:   math.Pi/2 + (t*2-1)*1.1,
			Pitch: 0.15 * float32(math.Sin(float64(t)*2*math.Pi)),
			Far:   200,
		}
	}
	return views
}

// heavyAvatars is a tour group of eight people in the hall.
func heavyAvatars() []Avatar {
	var out []Avatar
	for i := 0; i < 8; i++ {
		out = append(out, Avatar{
			Feet:  mgl32.Vec3{20 - 3*float32(i), 0, float32(i%3) - 1},
			Yaw:   float32(i),
			Color: color.RGBA{uint8(40 * i), 120, 200, 255},
		})
	}
	return out
}

func TestHeavyHallIsAsHeavyAsAPalaceHall(t *testing.T) {
	fx := newHeavyFixture(t)
	if n := triangleCount(fx.comp); n < 18000 || n > 24000 {
		t.Errorf("the synthetic hall has %d triangles, want about 20,000", n)
	}
	t.Logf("%d polygons, %d triangles, %d fragments after the BSP build", len(fx.comp.Polygons), triangleCount(fx.comp), fx.world.Polygons())
}

// TestHeavyHallOrderMatchesRayCasting checks the BSP order in the hall,
// where many column faces are split by other columns' planes, against ray
// casting, from random places among the columns.
func TestHeavyHallOrderMatchesRayCasting(t *testing.T) {
	if testing.Short() {
		t.Skip("ray casting 10,000 polygons per pixel is slow")
	}
	fx := newHeavyFixture(t)
	rng := rand.New(rand.NewSource(20))
	var f Frame
	// Every 10th pixel of a 512×320 view: fine enough that columns and
	// tiles span many pixels, few enough rays to cast.
	const W, H, step = 512, 320, 10
	for i := 0; i < 3; i++ {
		avatars := heavyAvatars()
		cam := Camera{
			Pos: mgl32.Vec3{rng.Float32()*56 - 28, 0.5 + rng.Float32()*10, rng.Float32()*30 - 15},
			Yaw: rng.Float32() * 2 * math.Pi, Pitch: (rng.Float32()*2 - 1) * 0.8, Far: 200,
		}
		fx.world.Render(&f, cam, W, H, avatars)
		r := rasterise(&f, nil, fx.comp.Light)
		if n := compareWithRays(t, fmt.Sprintf("hall view %d %+v", i, cam), fx, cam, avatars, &f, r, step); n < W*H/step/step/4 {
			t.Errorf("hall view %d: only %d pixels compared", i, n)
		}
	}
}

// TestShortcutsChangeNothing renders hall views with and without the
// per-frame shortcuts (frustum culling of subtrees, and emitting polygons
// wholly inside the clip planes from cached corners without the clipper):
// the triangles must be the same, in the same order, at the same places.
func TestShortcutsChangeNothing(t *testing.T) {
	fx := newHeavyFixture(t)
	views := heavyViews()
	var a, b Frame
	for i := 0; i < len(views); i += 7 {
		fx.world.Render(&a, views[i], 640, 360, heavyAvatars())
		fx.world.noCull, fx.world.alwaysClip = true, true
		fx.world.Render(&b, views[i], 640, 360, heavyAvatars())
		fx.world.noCull, fx.world.alwaysClip = false, false
		if len(a.Vertices) != len(b.Vertices) || fmt.Sprint(a.Sources) != fmt.Sprint(b.Sources) {
			t.Fatalf("view %d: %d vertices with shortcuts, %d without, or another order", i, len(a.Vertices), len(b.Vertices))
		}
		// The same arithmetic either way: the vertices are bit for bit equal.
		for k := range a.Vertices {
			if va, vb := a.Vertices[k], b.Vertices[k]; va != vb {
				t.Fatalf("view %d vertex %d: %+v with shortcuts, %+v without", i, k, va, vb)
			}
		}
		if a.Stats.CulledNodes == 0 && i == 0 {
			t.Errorf("view %d culled nothing", i)
		}
	}
}

// benchFrames renders views round and round, reporting triangles and
// draw calls per frame. Buffers are warmed up first, so allocations
// reported are those of a running frame.
func benchFrames(b *testing.B, fx *fixture, views []Camera, avatars []Avatar) {
	var f Frame
	for _, v := range views {
		fx.world.Render(&f, v, 1280, 720, avatars)
	}
	triangles, batches := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fx.world.Render(&f, views[i%len(views)], 1280, 720, avatars)
		triangles += f.Stats.Triangles
		batches += f.Stats.Batches
	}
	b.ReportMetric(float64(triangles)/float64(b.N), "triangles/op")
	b.ReportMetric(float64(batches)/float64(b.N), "drawcalls/op")
}

// BenchmarkFrameHeavy is the CPU work of one frame in a palace-sized hall
// of about 20,000 triangles, looking across nearly all of it, with a tour
// group of eight in view.
func BenchmarkFrameHeavy(b *testing.B) {
	fx := newHeavyFixture(b)
	benchFrames(b, fx, heavyViews(), heavyAvatars())
	b.ReportMetric(float64(triangleCount(fx.comp)), "scene-triangles")
}

// BenchmarkNewWorldHeavy is the BSP build of the synthetic hall, done once
// when a scene loads.
func BenchmarkNewWorldHeavy(b *testing.B) {
	c := heavyHall()
	slots := map[string]int{}
	for _, p := range c.Polygons {
		slots[p.Texture] = 0
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := NewWorld(c, slots); err != nil {
			b.Fatal(err)
		}
	}
}
