package pipeline

import (
	"fmt"
	"image/color"
	"math"
	"math/rand"
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

var beamGold = color.RGBA{255, 214, 64, 255}

// pointAt returns the beam from `from` to the surface the ray toward
// `toward` meets first, as a guide pointing there would make.
func pointAt(t testing.TB, fx *fixture, from, toward mgl32.Vec3) Beam {
	t.Helper()
	to, ok := fx.world.Raycast(from, toward.Sub(from), 50)
	if !ok {
		t.Fatalf("the ray from %v toward %v meets nothing", from, toward)
	}
	return Beam{From: from, To: to, Color: beamGold}
}

// beamPixels counts the pixels painted by beam 0, and checks each has
// the beam's colour, or one of its marker's lighter colours, unlit by the
// cave.
func beamPixels(t *testing.T, label string, r *raster, b *beamShape) int {
	t.Helper()
	n, wrong := 0, 0
	want := [3]color.RGBA{rgba(b.rgb), rgba(b.facets[0]), rgba(b.facets[1])}
	for i, id := range r.ids {
		if id != BeamSource {
			continue
		}
		n++
		if r.colour == nil {
			continue
		}
		if got := r.colour.RGBAAt(i%r.w, i/r.w); !slices.Contains(want[:], got) && wrong < 3 {
			wrong++
			t.Errorf("%s: beam pixel (%d, %d) is %v, want one of the beam's own %v", label, i%r.w, i/r.w, got, want)
		}
	}
	return n
}

func rgba(c [3]float32) color.RGBA { return color.RGBA{to8(c[0]), to8(c[1]), to8(c[2]), 255} }

// compareBeamParts checks, at every step-th pixel whose ray hits beam 0's
// shaft or marker clearly inside a face, that the pixel shows that part's
// colour: the shaft and the marker share a source, so only their colours
// tell which of the two was painted last.
func compareBeamParts(t *testing.T, label string, fx *fixture, cam Camera, avatars []Avatar, f *Frame, r *raster, step int) (compared int) {
	t.Helper()
	b := &fx.world.beams[0]
	const markerSource = BeamSource - 1000
	polys := truthPolys(fx, avatars)
	for i := range polys {
		if polys[i].src == BeamSource && len(polys[i].verts) == 3 { // the marker's triangular facets
			polys[i].src = markerSource
		}
	}
	aspect := float32(f.Width) / float32(f.Height)
	tx, _ := cam.withDefaults().TanHalf(aspect)
	wrong := 0
	for y := step / 2; y < f.Height; y += step {
		for x := step / 2; x < f.Width; x += step {
			d := rayDir(cam, aspect, (float32(x)+0.5)/float32(f.Width)*2-1, 1-(float32(y)+0.5)/float32(f.Height)*2)
			src, inset, dist, ok := castRay(polys, cam.Pos, d)
			if !ok || (src != BeamSource && src != markerSource) || inset < 3*dist*d.Len()*2*tx/float32(f.Width) {
				continue
			}
			compared++
			got := r.colour.RGBAAt(x, y)
			isShaft := got == rgba(b.rgb)
			if isShaft != (src == BeamSource) && wrong < 5 {
				wrong++
				t.Errorf("%s: pixel (%d, %d) is %v, but the ray meets the beam's %s first", label, x, y, got, map[bool]string{true: "shaft", false: "marker"}[src == BeamSource])
			}
		}
	}
	return compared
}

// TestBeamHiddenExactlyLikeAvatars draws beams in Cave 257 seen from the
// entrance: one across the cave, one behind the central pillar, and one
// pointing at the west wall beside the pillar, whose marker must sit on
// the wall in plain view and not be hidden by it.
func TestBeamHiddenExactlyLikeAvatars(t *testing.T) {
	fx := newFixture(t)
	const W, H = 640, 400
	spawn := Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2}
	tests := []struct {
		name            string
		slug            string // the picture's file name
		cam             Camera
		beam            Beam
		minPixels       int
		maxPixels       int
		markerOnTheSpot bool // the pixel at the marker's centre shows the beam
	}{
		{"across the cave", "across", spawn,
			pointAt(t, fx, mgl32.Vec3{2, 1.4, 2.5}, mgl32.Vec3{-4.8, 1.5, 3.5}), 150, 1 << 30, true},
		{"behind the pillar", "behind-pillar", spawn,
			Beam{From: mgl32.Vec3{-3.4, 1.5, -0.4}, To: mgl32.Vec3{-3.4, 1.9, 0.4}, Color: beamGold}, 0, 0, false},
		{"at the wall behind the pillar", "wall-behind-pillar", spawn,
			pointAt(t, fx, mgl32.Vec3{-3.2, 1.2, 0.2}, mgl32.Vec3{-4.8, 1.6, -0.2}), 0, 0, false},
		{"at the west wall, seen from in front of it", "west-wall", Camera{Pos: mgl32.Vec3{3.9, 1.6, 3}, Yaw: math.Pi / 2},
			pointAt(t, fx, mgl32.Vec3{0.5, 2.0, 3.6}, mgl32.Vec3{-4.8, 1.6, 3}), 20, 1 << 30, true},
		{"at the pillar's east face, seen from the side", "pillar-face", Camera{Pos: mgl32.Vec3{0.5, 1.6, 3.5}, Yaw: math.Pi/2 - 0.6},
			pointAt(t, fx, mgl32.Vec3{2.5, 1.8, -2}, mgl32.Vec3{-0.7, 2.2, 0.4}), 40, 1 << 30, true},
	}
	var f Frame
	for _, tt := range tests {
		fx.world.SetBeams([]Beam{tt.beam})
		fx.world.Render(&f, tt.cam, W, H, nil)
		if tt.minPixels > 0 && !slices.Contains(f.Sources, BeamSource) {
			t.Errorf("%s: no beam triangle emitted", tt.name)
		}
		r := rasterise(&f, fx.atlas, fx.comp.Light)
		n := beamPixels(t, tt.name, r, &fx.world.beams[0])
		if n < tt.minPixels || n > tt.maxPixels {
			t.Errorf("%s: %d beam pixels visible, want %d..%d", tt.name, n, tt.minPixels, tt.maxPixels)
		}
		if tt.markerOnTheSpot {
			x, y, _, ok := tt.cam.Project(W, H, fx.world.beams[0].centre)
			if !ok || r.at(int(x), int(y)) != BeamSource {
				t.Errorf("%s: the marker's centre (%.0f, %.0f) shows %s, want the beam", tt.name, x, y, fx.name(r.at(int(x), int(y))))
			}
		}
		compareWithRays(t, tt.name, fx, tt.cam, nil, &f, r, 2)
		r.savePNG(t, "beam-"+tt.slug)
	}
	fx.world.SetBeams(nil)
}

// TestMarkerLiftedOffItsWall checks the marker of a beam ending on a wall
// lies wholly on the beam's side of that wall, and the marker of a beam
// ending in mid-air is centred on its end.
func TestMarkerLiftedOffItsWall(t *testing.T) {
	fx := newFixture(t)
	wall := pointAt(t, fx, mgl32.Vec3{0, 1.5, 3}, mgl32.Vec3{-4.8, 1.1, 4})
	air := Beam{From: mgl32.Vec3{0, 1.5, 3}, To: mgl32.Vec3{-2, 1.5, 3.5}}
	fx.world.SetBeams([]Beam{wall, air})
	defer fx.world.SetBeams(nil)
	for _, f := range fx.world.beams[0].marker {
		for _, p := range f.corners {
			if p.X() < -4.8+markerClearance/2 {
				t.Errorf("marker corner %v lies behind the west wall (x = -4.8)", p)
			}
		}
	}
	if d := fx.world.beams[0].centre.Sub(wall.To).Len(); d > 2*markerRadius {
		t.Errorf("marker centre %v is %.3f m from the spot pointed at %v", fx.world.beams[0].centre, d, wall.To)
	}
	if c := fx.world.beams[1].centre; c != air.To {
		t.Errorf("marker of a beam ending in mid-air is at %v, want its end %v", c, air.To)
	}
}

// TestBeamOrderMatchesRayCasting paints random views with figures and a
// beam over their heads (a guide points above the group) and checks every
// pixel against a ray cast.
func TestBeamOrderMatchesRayCasting(t *testing.T) {
	fx := newFixture(t)
	defer fx.world.SetBeams(nil)
	rng := rand.New(rand.NewSource(11))
	var f Frame
	for i := 0; i < 24; i++ {
		avatars := randomAvatars(rng, 3)
		from := randomView(rng, fx, avatars).Pos
		from[1] = 2.1 + rng.Float32()*1.5
		dir := mgl32.Vec3{rng.Float32()*2 - 1, rng.Float32() * 0.8, rng.Float32()*2 - 1}
		to, ok := fx.world.Raycast(from, dir, 50)
		if !ok {
			t.Fatalf("view %d: a ray from inside the cave escaped it", i)
		}
		fx.world.SetBeams([]Beam{{From: from, To: to, Color: beamGold}})
		cam := randomView(rng, fx, avatars)
		fx.world.Render(&f, cam, 160, 100, avatars)
		r := rasterise(&f, nil, fx.comp.Light)
		compareWithRays(t, fmt.Sprintf("view %d %+v", i, cam), fx, cam, avatars, &f, r, 1)
	}
}

// TestBeamOrderCloseUp checks, pixel by pixel against ray casting, views
// where a beam is wide on the screen and overlaps a figure or its own
// marker: a beam passing in front of a figure and one passing behind it,
// and a beam seen from beyond its marker, which must hide the shaft
// behind it.
func TestBeamOrderCloseUp(t *testing.T) {
	fx := newFixture(t)
	defer fx.world.SetBeams(nil)
	cam := Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2}
	figure := []Avatar{{Feet: mgl32.Vec3{2.6, 0, 0}, Yaw: -math.Pi / 2, Color: color.RGBA{0, 200, 255, 255}}}
	tests := []struct {
		name    string
		slug    string
		avatars []Avatar
		beam    Beam
	}{
		{"beam in front of a figure", "in-front", figure, Beam{From: mgl32.Vec3{3.2, 1.2, -0.6}, To: mgl32.Vec3{3.2, 1.3, 0.6}, Color: beamGold}},
		{"beam behind a figure", "behind", figure, Beam{From: mgl32.Vec3{2.25, 1.2, -0.6}, To: mgl32.Vec3{2.25, 1.3, 0.6}, Color: beamGold}},
		{"beam seen from beyond its marker", "beyond-marker", nil, Beam{From: mgl32.Vec3{1.2, 0.9, -1.0}, To: mgl32.Vec3{2.9, 1.6, 0.1}, Color: beamGold}},
	}
	var f Frame
	for _, tt := range tests {
		fx.world.SetBeams([]Beam{tt.beam})
		const W, H = 960, 600
		fx.world.Render(&f, cam, W, H, tt.avatars)
		r := rasterise(&f, fx.atlas, fx.comp.Light)
		if n := beamPixels(t, tt.name, r, &fx.world.beams[0]); n < 1000 {
			t.Errorf("%s: only %d beam pixels: the view does not show the beam up close", tt.name, n)
		}
		compareWithRays(t, tt.name, fx, cam, tt.avatars, &f, r, 2)
		if n := compareBeamParts(t, tt.name, fx, cam, tt.avatars, &f, r, 2); n < 100 {
			t.Errorf("%s: only %d pixels of the shaft and marker compared", tt.name, n)
		}
		r.savePNG(t, "beam-close-"+tt.slug)
	}
}

func TestSetBeamsNilRemovesThem(t *testing.T) {
	fx := newFixture(t)
	cam := Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi / 2}
	beams := []Beam{pointAt(t, fx, mgl32.Vec3{2, 1.4, 2.5}, mgl32.Vec3{-4.8, 1.5, 3.5})}
	var f Frame
	count := func() (n int) {
		fx.world.Render(&f, cam, 320, 200, nil)
		for _, src := range f.Sources {
			if src == BeamSource {
				n++
			}
		}
		return n
	}
	fx.world.SetBeams(beams)
	beams[0].To = mgl32.Vec3{100, 100, 100} // SetBeams copied: no effect
	if count() == 0 {
		t.Error("no beam drawn after SetBeams")
	}
	fx.world.SetBeams(nil)
	if n := count(); n != 0 {
		t.Errorf("%d beam triangles drawn after SetBeams(nil)", n)
	}
}

func TestRenderWithBeamAllocatesNothing(t *testing.T) {
	fx := newFixture(t)
	defer fx.world.SetBeams(nil)
	fx.world.SetBeams([]Beam{pointAt(t, fx, mgl32.Vec3{2, 1.4, 2.5}, mgl32.Vec3{-4.8, 1.5, 3.5})})
	avatars := randomAvatars(rand.New(rand.NewSource(3)), 4)
	var f Frame
	views := beamViews()
	for _, v := range views {
		fx.world.Render(&f, v, 1280, 720, avatars) // warm up
	}
	i := 0
	if allocs := testing.AllocsPerRun(50, func() {
		fx.world.Render(&f, views[i%len(views)], 1280, 720, avatars)
		i++
	}); allocs != 0 {
		t.Errorf("Render with a beam allocates %v times a frame after warm-up, want 0", allocs)
	}
}

// beamViews turn on the spot at the entrance of Cave 257, as
// BenchmarkFrame does.
func beamViews() []Camera {
	views := make([]Camera, 64)
	for i := range views {
		views[i] = Camera{Pos: mgl32.Vec3{3.9, 1.6, 0}, Yaw: math.Pi/2 + float32(i)/64*2*math.Pi}
	}
	return views
}

// BenchmarkFrameBeam is BenchmarkFrame with a guide's beam across the
// cave to the west wall.
func BenchmarkFrameBeam(b *testing.B) {
	fx := newFixture(b)
	fx.world.SetBeams([]Beam{pointAt(b, fx, mgl32.Vec3{2, 1.4, 2.5}, mgl32.Vec3{-4.8, 1.5, 3.5})})
	benchFrames(b, fx, beamViews(), randomAvatars(rand.New(rand.NewSource(2)), 4))
}
