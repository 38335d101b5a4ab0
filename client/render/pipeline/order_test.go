package pipeline

import (
	"fmt"
	"image/color"
	"math"
	"math/rand"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// rayPoly is a convex polygon for ray casting, with the source id the
// renderer gives its triangles.
type rayPoly struct {
	verts  []mgl32.Vec3
	normal mgl32.Vec3
	src    int32
}

// truthPolys lists the scene's polygons, the avatars' faces and the faces
// of the beams set on the world.
func truthPolys(fx *fixture, avatars []Avatar) []rayPoly {
	var out []rayPoly
	for i, p := range fx.comp.Polygons {
		rp := rayPoly{normal: p.Normal, src: int32(i)}
		for _, v := range p.Verts {
			rp.verts = append(rp.verts, v.Pos)
		}
		out = append(out, rp)
	}
	for i, a := range avatars {
		for _, part := range []int32{partBody, partHead} {
			for _, fc := range avatarBlock(a.Feet, a.Yaw, part) {
				out = append(out, rayPoly{verts: fc.corners[:], normal: fc.n, src: int32(-1 - i)})
			}
		}
	}
	for i := range fx.world.beams {
		b := &fx.world.beams[i]
		if b.hasShaft {
			for _, fc := range b.shaft {
				out = append(out, rayPoly{verts: fc.corners[:], normal: fc.n, src: BeamSource - int32(i)})
			}
		}
		for _, fc := range b.marker {
			out = append(out, rayPoly{verts: fc.corners[:], normal: fc.n, src: BeamSource - int32(i)})
		}
	}
	return out
}

// castRay returns the source of the nearest polygon the ray hits, how far
// inside that polygon's edges the hit lies (metres) and the distance.
func castRay(polys []rayPoly, o, d mgl32.Vec3) (src int32, inset, dist float32, ok bool) {
	best := float32(math.Inf(1))
	for _, p := range polys {
		den := p.normal.Dot(d)
		if den == 0 {
			continue
		}
		tt := (p.normal.Dot(p.verts[0]) - p.normal.Dot(o)) / den
		if tt <= 0 || tt >= best {
			continue
		}
		q := o.Add(d.Mul(tt))
		in := float32(math.Inf(1))
		for i, a := range p.verts {
			b := p.verts[(i+1)%len(p.verts)]
			e := b.Sub(a)
			in = min(in, e.Cross(q.Sub(a)).Dot(p.normal)/e.Len())
		}
		if in < 0 {
			continue
		}
		best, src, inset, ok = tt, p.src, in, true
	}
	return src, inset, best, ok
}

// randomView picks an eye inside the cave, clear of the pillar and the
// avatars, looking anywhere.
func randomView(rng *rand.Rand, fx *fixture, avatars []Avatar) Camera {
	for {
		p := mgl32.Vec3{rng.Float32()*9 - 4.5, 0.3 + rng.Float32()*3.7, rng.Float32()*8.4 - 4.2}
		if p.X() > -2.9 && p.X() < -0.5 && p.Z() > -1.2 && p.Z() < 1.2 {
			continue
		}
		clear := true
		for _, a := range avatars {
			if (mgl32.Vec2{p.X() - a.Feet.X(), p.Z() - a.Feet.Z()}).Len() < 0.5 {
				clear = false
			}
		}
		if clear {
			return Camera{Pos: p, Yaw: rng.Float32() * 2 * math.Pi, Pitch: (rng.Float32()*2 - 1) * 1.2}
		}
	}
}

// randomAvatars places n figures in the cave, apart from each other and
// off the pillar.
func randomAvatars(rng *rand.Rand, n int) []Avatar {
	var out []Avatar
	for len(out) < n {
		p := mgl32.Vec3{rng.Float32()*9 - 4.5, 0, rng.Float32()*8.4 - 4.2}
		if p.X() > -3.0 && p.X() < -0.4 && p.Z() > -1.3 && p.Z() < 1.3 {
			continue
		}
		ok := true
		for _, a := range out {
			if a.Feet.Sub(p).Len() < 0.8 {
				ok = false
			}
		}
		if ok {
			out = append(out, Avatar{Feet: p, Yaw: rng.Float32() * 2 * math.Pi, Color: color.RGBA{200, 40, 180, 255}})
		}
	}
	return out
}

// compareWithRays checks, at every step-th pixel across and down whose ray
// hits a polygon clearly inside its edges, that the painter's last
// triangle there comes from the polygon the ray hits first. It returns how
// many pixels were compared.
func compareWithRays(t *testing.T, label string, fx *fixture, cam Camera, avatars []Avatar, f *Frame, r *raster, step int) int {
	t.Helper()
	polys := truthPolys(fx, avatars)
	aspect := float32(f.Width) / float32(f.Height)
	tx, _ := cam.withDefaults().TanHalf(aspect)
	compared, wrong := 0, 0
	for y := step / 2; y < f.Height; y += step {
		for x := step / 2; x < f.Width; x += step {
			ndcX := (float32(x)+0.5)/float32(f.Width)*2 - 1
			ndcY := 1 - (float32(y)+0.5)/float32(f.Height)*2
			d := rayDir(cam, aspect, ndcX, ndcY)
			src, inset, dist, ok := castRay(polys, cam.Pos, d)
			if !ok {
				continue
			}
			// Skip pixels within three pixel widths of the hit polygon's
			// edge, where the rasteriser may rightly pick a neighbour.
			pixel := dist * d.Len() * 2 * tx / float32(f.Width)
			if inset < 3*pixel {
				continue
			}
			compared++
			if got := r.at(x, y); got != src && wrong < 5 {
				wrong++
				t.Errorf("%s: pixel (%d, %d) painted by %s, but the nearest surface is %s", label, x, y, fx.name(got), fx.name(src))
			}
		}
	}
	return compared
}

func (fx *fixture) name(src int32) string {
	switch {
	case src == noSource:
		return "nothing"
	case src <= BeamSource:
		return fmt.Sprintf("beam %d", BeamSource-src)
	case src < 0:
		return fmt.Sprintf("avatar %d", -1-src)
	}
	return fx.comp.Polygons[src].Source
}

// TestOrderMatchesRayCasting paints many random views with avatars and
// checks every pixel against a ray cast: the BSP order must hide exactly
// what is hidden.
func TestOrderMatchesRayCasting(t *testing.T) {
	fx := newFixture(t)
	rng := rand.New(rand.NewSource(257))
	var f Frame
	total := 0
	for i := 0; i < 40; i++ {
		avatars := randomAvatars(rng, 4)
		cam := randomView(rng, fx, avatars)
		fx.world.Render(&f, cam, 160, 100, avatars)
		r := rasterise(&f, nil, fx.comp.Light)
		total += compareWithRays(t, fmt.Sprintf("view %d %+v", i, cam), fx, cam, avatars, &f, r, 1)
	}
	if total < 40*160*100/2 {
		t.Errorf("only %d pixels compared: the test views show too little", total)
	}
}

// TestAvatarHiddenByPillar stands at the entrance looking west: a figure
// behind the pillar must not show, one in front must, and one half behind
// its edge must show only in part.
func TestAvatarHiddenByPillar(t *testing.T) {
	fx := newFixture(t)
	cam := Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2}
	tests := []struct {
		name       string
		feet       mgl32.Vec3
		minVisible int
		maxVisible int
	}{
		{"behind the pillar", mgl32.Vec3{-3.8, 0, 0}, 0, 0},
		{"in front of the pillar", mgl32.Vec3{0.5, 0, 0}, 500, 1 << 30},
		{"half behind the pillar's edge", mgl32.Vec3{-3.8, 0, 1.7}, 20, 1 << 30},
	}
	var f Frame
	for _, tt := range tests {
		avatars := []Avatar{{Feet: tt.feet, Yaw: -math.Pi / 2, Color: color.RGBA{0, 200, 255, 255}}}
		fx.world.Render(&f, cam, 320, 200, avatars)
		r := rasterise(&f, fx.atlas, fx.comp.Light)
		visible := 0
		for _, id := range r.ids {
			if id == -1 {
				visible++
			}
		}
		if visible < tt.minVisible || visible > tt.maxVisible {
			t.Errorf("%s: %d avatar pixels visible, want %d..%d", tt.name, visible, tt.minVisible, tt.maxVisible)
		}
		compareWithRays(t, tt.name, fx, cam, avatars, &f, r, 1)
		r.savePNG(t, "avatar-"+fmt.Sprint(tt.feet.X(), tt.feet.Z()))
	}
}

// TestAvatarKeepsItsColour checks a figure facing the viewer is drawn in
// its own colour, unlit by the dark cave.
func TestAvatarKeepsItsColour(t *testing.T) {
	fx := newFixture(t)
	cam := Camera{Pos: mgl32.Vec3{3.9, 1.0, 0}, Yaw: math.Pi / 2}
	want := color.RGBA{230, 60, 30, 255}
	// The figure faces east, toward the viewer (yaw -π/2 looks toward +X).
	avatars := []Avatar{{Feet: mgl32.Vec3{1.5, 0, 0}, Yaw: -math.Pi / 2, Color: want}}
	var f Frame
	fx.world.Render(&f, cam, 320, 200, avatars)
	r := rasterise(&f, fx.atlas, fx.comp.Light)
	got := r.colour.RGBAAt(160, 100)
	if r.at(160, 100) != -1 || got != want {
		t.Errorf("centre pixel is %v from %s, want the avatar's own %v", got, fx.name(r.at(160, 100)), want)
	}
}

// TestCullingKeepsEverythingVisible renders views with and without
// frustum culling: culling must skip work, never anything on screen.
func TestCullingKeepsEverythingVisible(t *testing.T) {
	fx := newFixture(t)
	views := []Camera{
		{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2},
		{Pos: mgl32.Vec3{4.2, 1.6, 4}, Yaw: -math.Pi / 4},       // into the south-east corner
		{Pos: mgl32.Vec3{0, 1.6, -3}, Yaw: 0, Pitch: 0.3},       // at the north wall
		{Pos: mgl32.Vec3{-4, 1.6, -4}, Yaw: math.Pi, Pitch: -1}, // down at the floor
	}
	culledSome := false
	var a, b Frame
	for i, cam := range views {
		fx.world.Render(&a, cam, 320, 200, nil)
		fx.world.noCull = true
		fx.world.Render(&b, cam, 320, 200, nil)
		fx.world.noCull = false
		if a.Stats.CulledNodes > 0 {
			culledSome = true
		}
		if a.Stats.Triangles != b.Stats.Triangles || fmt.Sprint(a.Sources) != fmt.Sprint(b.Sources) {
			t.Errorf("view %d: culling changed the picture: %v vs %v", i, a.Sources, b.Sources)
		}
	}
	if !culledSome {
		t.Error("no view culled any subtree")
	}
}

func TestRenderAllocatesNothing(t *testing.T) {
	fx := newFixture(t)
	rng := rand.New(rand.NewSource(1))
	avatars := randomAvatars(rng, 6)
	var f Frame
	cams := make([]Camera, 16)
	for i := range cams {
		cams[i] = randomView(rng, fx, avatars)
		fx.world.Render(&f, cams[i], 1280, 720, avatars) // warm up
	}
	i := 0
	allocs := testing.AllocsPerRun(50, func() {
		fx.world.Render(&f, cams[i%len(cams)], 1280, 720, avatars)
		i++
	})
	if allocs != 0 {
		t.Errorf("Render allocates %v times a frame after warm-up, want 0", allocs)
	}
}

// TestPictures renders a few views with shading. Set YUNYOU_RENDER_PNG to
// a directory to look at them.
func TestPictures(t *testing.T) {
	fx := newFixture(t)
	views := map[string]Camera{
		"spawn":       {Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2},
		"gable":       {Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2, Pitch: 0.9},
		"west-wall":   {Pos: mgl32.Vec3{-3.6, 1.6, 3.5}, Yaw: math.Pi/2 - 0.5},
		"north-wall":  {Pos: mgl32.Vec3{2, 1.6, 2}, Yaw: 0.3},
		"close-wall":  {Pos: mgl32.Vec3{-4.8 + 0.25, 1.6, 0.5}, Yaw: math.Pi/2 + 1.2, Pitch: 0.2}, // as near as walking allows
		"pillar-side": {Pos: mgl32.Vec3{0.5, 1.6, 3}, Yaw: math.Pi/2 - 0.8},
	}
	avatars := []Avatar{
		{Feet: mgl32.Vec3{1.2, 0, 1.0}, Yaw: -math.Pi / 2, Color: color.RGBA{233, 30, 99, 255}},
		{Feet: mgl32.Vec3{-3.6, 0, 1.4}, Yaw: 0, Color: color.RGBA{0, 188, 212, 255}},
	}
	var f Frame
	for _, name := range sortedKeys(views) {
		fx.world.Render(&f, views[name], 640, 400, avatars)
		r := rasterise(&f, fx.atlas, fx.comp.Light)
		holes := 0
		for _, id := range r.ids {
			if id == noSource {
				holes++
			}
		}
		// Inside a closed room every pixel is covered; a few may fall in
		// cracks along shared edges.
		if holes > 640*400/1000 {
			t.Errorf("%s: %d pixels left unpainted", name, holes)
		}
		r.savePNG(t, name)
	}
}

// BenchmarkFrame is the CPU work of one frame in Cave 257: turning on the
// spot at the entrance, with four visitors about.
func BenchmarkFrame(b *testing.B) {
	fx := newFixture(b)
	avatars := randomAvatars(rand.New(rand.NewSource(2)), 4)
	views := make([]Camera, 64)
	for i := range views {
		views[i] = Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi/2 + float32(i)/64*2*math.Pi}
	}
	benchFrames(b, fx, views, avatars)
}
