package pipeline

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// builtinWorld builds the BSP tree of a built-in scene with a texture slot
// per texture name (no atlas: ray casting needs none).
func builtinWorld(t testing.TB, id string) *fixture {
	t.Helper()
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ID != id {
			continue
		}
		c, err := s.Compile()
		if err != nil {
			t.Fatal(err)
		}
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
		return &fixture{scene: s, comp: c, world: w}
	}
	t.Fatalf("no built-in scene %s", id)
	return nil
}

func TestRaycastHitsTheNearestSurface(t *testing.T) {
	cave := newFixture(t)                 // Cave 257: room x ±4.8, z ±4.5; pillar x -2.7..-0.7, z ±1
	cells := builtinWorld(t, "mogao-285") // main chamber to x 3.15, doorway 1.4 m wide into the antechamber to x 5.4
	west, down := mgl32.Vec3{-1, 0, 0}, mgl32.Vec3{0, -1, 0}
	tests := []struct {
		name        string
		fx          *fixture
		origin, dir mgl32.Vec3
		maxDist     float32
		want        mgl32.Vec3
		ok          bool
	}{
		{"west wall beside the pillar", cave, mgl32.Vec3{3.9, 1.6, 3}, west, 20, mgl32.Vec3{-4.8, 1.6, 3}, true},
		{"pillar, not the wall behind it", cave, mgl32.Vec3{3.9, 1.6, 0}, west, 20, mgl32.Vec3{-0.7, 1.6, 0}, true},
		{"pillar's far face from inside the pillar", cave, mgl32.Vec3{-1.7, 1.6, 0}, west, 20, mgl32.Vec3{-2.7, 1.6, 0}, true},
		{"floor", cave, mgl32.Vec3{2, 1.6, 2}, down, 20, mgl32.Vec3{2, 0, 2}, true},
		{"diagonal at the south-west corner", cave, mgl32.Vec3{-3.8, 1, 3.5}, mgl32.Vec3{-1, 0.5, 1}, 20, mgl32.Vec3{-4.8, 1.5, 4.5}, true},
		{"wall beyond maxDist", cave, mgl32.Vec3{3.9, 1.6, 3}, west, 8.6, mgl32.Vec3{}, false},
		{"wall just within maxDist", cave, mgl32.Vec3{3.9, 1.6, 3}, west, 8.8, mgl32.Vec3{-4.8, 1.6, 3}, true},
		{"through the doorway to the antechamber's far wall", cells, mgl32.Vec3{1, 1.5, 0.3}, mgl32.Vec3{1, 0, 0}, 20, mgl32.Vec3{5.4, 1.5, 0.3}, true},
		{"wall beside the doorway", cells, mgl32.Vec3{1, 1.5, 1.2}, mgl32.Vec3{1, 0, 0}, 20, mgl32.Vec3{3.15, 1.5, 1.2}, true},
		{"zero direction", cave, mgl32.Vec3{0, 1.6, 3}, mgl32.Vec3{}, 20, mgl32.Vec3{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.fx.world.Raycast(tt.origin, tt.dir, tt.maxDist)
		if ok != tt.ok || got.Sub(tt.want).Len() > 1e-3 {
			t.Errorf("%s: Raycast = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRaycastAgreesWithEveryPolygon casts random rays and checks each
// against a plain loop over all scene polygons.
func TestRaycastAgreesWithEveryPolygon(t *testing.T) {
	for _, tc := range []struct {
		fx     *fixture
		origin func(*rand.Rand) mgl32.Vec3
	}{
		{newFixture(t), func(r *rand.Rand) mgl32.Vec3 {
			return mgl32.Vec3{r.Float32()*9.4 - 4.7, 0.1 + r.Float32()*4, r.Float32()*8.8 - 4.4}
		}},
		{builtinWorld(t, "mogao-285"), func(r *rand.Rand) mgl32.Vec3 {
			return mgl32.Vec3{r.Float32()*8 - 3, 0.5 + r.Float32()*2, r.Float32()*6 - 3}
		}},
		{newHeavyFixture(t), func(r *rand.Rand) mgl32.Vec3 {
			return mgl32.Vec3{r.Float32()*56 - 28, 0.5 + r.Float32()*10, r.Float32()*30 - 15}
		}},
	} {
		rng := rand.New(rand.NewSource(5))
		polys := truthPolys(tc.fx, nil)
		compared := 0
		for i := 0; i < 400; i++ {
			o := tc.origin(rng)
			d := mgl32.Vec3{rng.Float32()*2 - 1, rng.Float32()*2 - 1, rng.Float32()*2 - 1}
			if d.Len() < 0.1 {
				continue
			}
			d = d.Normalize()
			_, inset, dist, want := castRay(polys, o, d)
			if want && inset < 1e-3 {
				continue // grazing an edge: either answer is right
			}
			compared++
			got, ok := tc.fx.world.Raycast(o, d, 1000)
			if ok != want || (ok && math.Abs(float64(got.Sub(o).Len()-dist)) > 1e-3) {
				t.Errorf("%s: ray %v along %v: Raycast %v, %v (%.4f m); the nearest polygon is %.4f m away (%v)",
					tc.fx.comp.ID, o, d, got, ok, got.Sub(o).Len(), dist, want)
			}
		}
		if compared < 300 {
			t.Errorf("%s: only %d rays compared", tc.fx.comp.ID, compared)
		}
	}
}

// benchRays casts rays from the views' eyes along their gaze, as a guide
// pointing does.
func benchRays(b *testing.B, fx *fixture, views []Camera) {
	hits := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := views[i%len(views)]
		if _, ok := fx.world.Raycast(v.Pos, v.Forward(), 200); ok {
			hits++
		}
	}
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}

// BenchmarkRaycast is one pointing ray in Cave 257, turning on the spot.
func BenchmarkRaycast(b *testing.B) {
	fx := newFixture(b)
	views := make([]Camera, 64)
	for i := range views {
		views[i] = Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi/2 + float32(i)/64*2*math.Pi, Pitch: 0.3 * float32(math.Sin(float64(i)))}
	}
	benchRays(b, fx, views)
}

// BenchmarkRaycastHeavy is one pointing ray across the 20,000-triangle
// hall.
func BenchmarkRaycastHeavy(b *testing.B) {
	fx := newHeavyFixture(b)
	benchRays(b, fx, heavyViews())
}

func ExampleWorld_Raycast() {
	// A room 4 m wide: a ray from its middle toward the east wall.
	var c scenes.Compiled
	wall := scenes.Polygon{Texture: "plaster", Normal: mgl32.Vec3{-1, 0, 0}, Verts: []scenes.Vertex{
		{Pos: mgl32.Vec3{2, 0, -2}}, {Pos: mgl32.Vec3{2, 0, 2}}, {Pos: mgl32.Vec3{2, 3, 2}}, {Pos: mgl32.Vec3{2, 3, -2}},
	}}
	c.Polygons = append(c.Polygons, wall)
	w, err := NewWorld(&c, map[string]int{"plaster": 0})
	if err != nil {
		panic(err)
	}
	hit, ok := w.Raycast(mgl32.Vec3{0, 1.6, 0}, mgl32.Vec3{1, 0, 0}, 10)
	fmt.Println(hit, ok)
	_, ok = w.Raycast(mgl32.Vec3{0, 1.6, 0}, mgl32.Vec3{1, 0, 0}, 1.5)
	fmt.Println(ok)
	// Output:
	// [2 1.6 0] true
	// false
}
