package pipeline

import (
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// southDoor is a door 3 m wide and 4 m high in a wall at z = 5, facing
// north into the room.
var southDoor = scenes.Door{Center: [3]float32{0, 2, 5}, Normal: [3]float32{0, 0, -1}, Width: 3, Height: 4}

// integrateDoor computes a door's form factor at p with normal n by
// summing over a fine grid of the opening: ∫ cosθₚ cosθ_d / (π r²) dA.
func integrateDoor(d scenes.Door, p, n mgl32.Vec3) float64 {
	c := d.Corners()
	const steps = 400
	du, dv := c[1].Sub(c[0]), c[3].Sub(c[0])
	area := float64(du.Len() * dv.Len())
	dn := mgl32.Vec3{d.Normal[0], d.Normal[1], d.Normal[2]}.Normalize()
	sum := 0.0
	for i := 0; i < steps; i++ {
		for j := 0; j < steps; j++ {
			q := c[0].Add(du.Mul((float32(i) + 0.5) / steps)).Add(dv.Mul((float32(j) + 0.5) / steps))
			r := q.Sub(p)
			r2 := float64(r.Dot(r))
			l := r.Normalize()
			cp := math.Max(float64(l.Dot(n)), 0)
			cd := math.Max(float64(-l.Dot(dn)), 0)
			sum += cp * cd / (math.Pi * r2)
		}
	}
	return sum * area / steps / steps
}

func TestDoorIrradianceIsTheFormFactor(t *testing.T) {
	corners := southDoor.Corners()
	tests := []struct {
		name string
		p, n mgl32.Vec3
	}{
		{"wall opposite", mgl32.Vec3{0, 2, -5}, mgl32.Vec3{0, 0, 1}},
		{"floor in front", mgl32.Vec3{0.5, 0, 3}, mgl32.Vec3{0, 1, 0}},
		{"side wall", mgl32.Vec3{-6, 2, 1}, mgl32.Vec3{1, 0, 0}},
		{"slanted, off to one side", mgl32.Vec3{4, 1, 0}, mgl32.Vec3{-0.3, 0.2, 0.9}.Normalize()},
		{"close to the opening", mgl32.Vec3{0.2, 1.5, 4.7}, mgl32.Vec3{0, 0, 1}},
	}
	for _, tt := range tests {
		got := float64(DoorIrradiance(&corners, tt.p, tt.n))
		want := integrateDoor(southDoor, tt.p, tt.n)
		if math.Abs(got-want) > 0.01*want+1e-4 {
			t.Errorf("%s: form factor %.5f, integration gives %.5f", tt.name, got, want)
		}
	}
}

// TestDaylightFromADoor checks what a visitor sees: the floor is brightest
// near the door and darker further in, a wall facing the door is lit more
// than one at right angles to it, and nothing behind the door or facing
// away from it is lit.
func TestDaylightFromADoor(t *testing.T) {
	c := southDoor.Corners()
	at := func(x, y, z float32, n mgl32.Vec3) float32 { return DoorIrradiance(&c, mgl32.Vec3{x, y, z}, n) }
	floor, north := mgl32.Vec3{0, 1, 0}, mgl32.Vec3{0, 0, -1}
	threshold, near, far := at(0, 0, 4.8, floor), at(0, 0, 3, floor), at(0, 0, -4, floor)
	if !(threshold > near && near > 2*far && far > 0) {
		t.Errorf("floor light at 0.2, 2 and 9 m from the door: %.3f, %.3f, %.3f; want a falling, soft slope", threshold, near, far)
	}
	if facing, across := at(0, 2, -5, mgl32.Vec3{0, 0, 1}), at(-6, 2, -5, mgl32.Vec3{1, 0, 0}); !(facing > 1.5*across) {
		t.Errorf("wall facing the door %.3f, wall at right angles %.3f: facing should be brighter", facing, across)
	}
	for _, tt := range []struct {
		name string
		v    float32
	}{
		{"outside, behind the door", at(0, 1, 7, floor)},
		{"a surface facing away", at(0, 2, 0, north)},
		{"the wall beside the door", at(3, 2, 5, north)},
	} {
		if tt.v > 1e-4 {
			t.Errorf("%s: lit %.4f by the door, want 0", tt.name, tt.v)
		}
	}
}

// TestTorchLightsNearMuralsAndLeavesFarOnesDark checks Cave 257's torch: a
// mural an arm's length away reads well, one across the cave is dim.
func TestTorchLightsNearMuralsAndLeavesFarOnesDark(t *testing.T) {
	fx := newFixture(t)
	l := NewLighting(fx.comp.Light)
	white := [3]float32{1, 1, 1}
	lum := func(dist float32) float32 {
		// A wall facing the eye straight on, dist away.
		c := l.Shade(white, mgl32.Vec3{0, 0, -dist}, mgl32.Vec3{0, 0, 1}, dist, dist)
		return (c[0] + c[1] + c[2]) / 3
	}
	near, mid, far := lum(1.5), lum(4), lum(9)
	if near < 0.75 {
		t.Errorf("a mural 1.5 m away is lit to %.2f of its colour, want it to read well (≥ 0.75)", near)
	}
	if !(mid < 0.8*near && far < 0.3*near) {
		t.Errorf("murals at 1.5, 4 and 9 m are lit %.2f, %.2f, %.2f: the light should fall off into the dark", near, mid, far)
	}
}

// TestPixelPositionFindsTheSurface checks the world position the shader
// reconstructs for a pixel lies on the polygon drawn there.
func TestPixelPositionFindsTheSurface(t *testing.T) {
	fx := newFixture(t)
	cam := Camera{Pos: mgl32.Vec3{2, 1.3, 2.5}, Yaw: 0.9, Pitch: 0.3}
	var f Frame
	fx.world.Render(&f, cam, 400, 300, nil)
	checked := 0
	for tri, src := range f.Sources {
		if src < 0 {
			continue
		}
		poly := fx.comp.Polygons[src]
		for k := 0; k < 3; k++ {
			v := f.Vertices[f.Indices[3*tri+k]]
			ndcX, ndcY := v.DstX/float32(f.Width)*2-1, 1-v.DstY/float32(f.Height)*2
			p := PixelPosition(&f, ndcX, ndcY, 1/v.Custom2)
			if d := poly.Normal.Dot(p.Sub(poly.Verts[0].Pos)); math.Abs(float64(d)) > 2e-3 {
				t.Errorf("%s: pixel (%.1f, %.1f) maps to %v, %.4f m off its plane", poly.Source, v.DstX, v.DstY, p, d)
			}
			if n := (mgl32.Vec3{v.ColorR, v.ColorG, v.ColorB}); n.Sub(poly.Normal).Len() > 1e-5 {
				t.Errorf("%s: vertex normal %v, want %v", poly.Source, n, poly.Normal)
			}
			checked++
		}
	}
	if checked < 30 {
		t.Fatalf("only %d vertices checked", checked)
	}
}

// daylightFixture is the daylight test hall of the scenes tests.
func daylightFixture(t *testing.T) *fixture {
	t.Helper()
	data, err := os.ReadFile("../../../scenes/testdata/daylight-hall.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenes.Parse("daylight-hall.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return fixtureFor(t, s)
}

// TestDaylightPictures renders the daylight hall: the floor in front of
// the south door must be much brighter than the floor at the far wall.
// Set YUNYOU_RENDER_PNG to a directory to look at the views.
func TestDaylightPictures(t *testing.T) {
	fx := daylightFixture(t)
	const W, H = 640, 400
	views := map[string]Camera{
		"daylight-spawn":      {Pos: mgl32.Vec3{fx.scene.Spawn.X, fx.scene.Spawn.Y, fx.scene.Spawn.Z}, Yaw: fx.scene.Spawn.Yaw, Pitch: fx.scene.Spawn.Pitch},
		"daylight-door":       {Pos: mgl32.Vec3{0, 1.6, -3}, Yaw: math.Pi, Pitch: -0.35},
		"daylight-from-door":  {Pos: mgl32.Vec3{0.5, 1.6, 4}, Yaw: 0.3, Pitch: -0.1},
		"daylight-east-door":  {Pos: mgl32.Vec3{-2, 1.6, 1}, Yaw: -math.Pi/2 - 0.3, Pitch: -0.2},
		"daylight-whole-hall": {Pos: mgl32.Vec3{-7.5, 4.5, -4.5}, Yaw: math.Pi*3/4 + math.Pi/2, Pitch: -0.45},
	}
	var f Frame
	for _, name := range sortedKeys(views) {
		cam := views[name]
		fx.world.Render(&f, cam, W, H, nil)
		r := rasterise(&f, fx.atlas, fx.comp.Light)
		r.savePNG(t, name)
	}
	// Brightness of the floor near the door and at the north wall, seen
	// from the middle of the hall looking along it.
	cam := Camera{Pos: mgl32.Vec3{-3, 2.5, 0}, Yaw: -math.Pi / 2, Pitch: -0.5, FovY: 1.6}
	fx.world.Render(&f, cam, W, H, nil)
	r := rasterise(&f, fx.atlas, fx.comp.Light)
	patch := func(p mgl32.Vec3) float64 {
		x, y, _, ok := cam.Project(W, H, p)
		if !ok || x < 3 || y < 3 || x > W-4 || y > H-4 {
			t.Fatalf("floor point %v is not in view", p)
		}
		sum := 0.0
		for dy := -3; dy <= 3; dy++ {
			for dx := -3; dx <= 3; dx++ {
				c := r.colour.RGBAAt(int(x)+dx, int(y)+dy)
				sum += float64(c.R) + float64(c.G) + float64(c.B)
			}
		}
		return sum / 49 / 3
	}
	nearDoor, farWall := patch(mgl32.Vec3{0, 0, 4}), patch(mgl32.Vec3{0, 0, -4.5})
	if nearDoor < 3*farWall || nearDoor < 60 {
		t.Errorf("floor brightness near the door %.0f, at the far wall %.0f: the door should light the floor in front of it", nearDoor, farWall)
	}
	t.Logf("floor brightness near the door %.0f, at the far wall %.0f", nearDoor, farWall)
	r.savePNG(t, fmt.Sprintf("daylight-floor"))
}
