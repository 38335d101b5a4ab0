package formation

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/protocol"
	"yunyou/scenes"
)

// open is a floor without walls: every walk arrives.
func open(_, _, tx, tz float32) (float32, float32) { return tx, tz }

// wallX stops walkers at a wall along x = at, keeping a body's radius from it
// on the side they came from.
func wallX(at float32) Reach {
	return func(fx, fz, tx, tz float32) (float32, float32) {
		stop := at - AvatarRadius
		if tx <= stop || fx >= stop {
			return tx, tz
		}
		t := (stop - fx) / (tx - fx)
		return stop, fz + (tz-fz)*t
	}
}

// wallZ is wallX for a wall along z = at, walkers coming from lower z.
func wallZ(at float32) Reach {
	w := wallX(at)
	return func(fx, fz, tx, tz float32) (float32, float32) {
		z, x := w(fz, fx, tz, tx)
		return x, z
	}
}

func forward(p protocol.Pose) (x, z float64) {
	return -math.Sin(float64(p.Yaw)), -math.Cos(float64(p.Yaw))
}

func dist(a, b protocol.Pose) float64 {
	return math.Hypot(float64(a.X-b.X), float64(a.Z-b.Z))
}

// checkSpread fails when two members stand so close that avatars overlap.
func checkSpread(t *testing.T, name string, ps []protocol.Pose) {
	t.Helper()
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if d := dist(ps[i], ps[j]); d < 2*AvatarRadius {
				t.Errorf("%s: slots %d and %d stand %.2f m apart at (%.2f, %.2f) and (%.2f, %.2f); avatars overlap",
					name, i+1, j+1, d, ps[i].X, ps[i].Z, ps[j].X, ps[j].Z)
			}
		}
	}
}

func TestOpenFloor(t *testing.T) {
	guides := []protocol.Pose{
		{X: 0, Y: 1.6, Z: 0},
		{X: 3, Y: 1.7, Z: -2, Yaw: math.Pi / 2, Pitch: 0.3},
		{X: -10, Y: 1.5, Z: 7, Yaw: -2.5, Pitch: -0.2},
	}
	for _, g := range guides {
		ps := make([]protocol.Pose, MaxSlots)
		fx, fz := forward(g)
		for s := 1; s <= MaxSlots; s++ {
			p := Place(g, s, open)
			ps[s-1] = p
			if p.Y != g.Y || p.Yaw != g.Yaw || p.Pitch != g.Pitch {
				t.Errorf("guide %+v slot %d: eye %.2f yaw %.3f pitch %.3f, want the guide's %.2f %.3f %.3f",
					g, s, p.Y, p.Yaw, p.Pitch, g.Y, g.Yaw, g.Pitch)
			}
			dx, dz := float64(p.X-g.X), float64(p.Z-g.Z)
			if d := math.Hypot(dx, dz); d > 11 || d < firstRow-0.01 {
				t.Errorf("guide %+v slot %d stands %.2f m from the guide, want 1.5..11 m", g, s, d)
			}
			// Everyone stands behind the guide: within 70° of straight back.
			if back := -(dx*fx + dz*fz) / math.Hypot(dx, dz); back < math.Cos(halfArc)-1e-3 {
				t.Errorf("guide %+v slot %d at (%.2f, %.2f) is not behind the guide (cos from back %.2f)", g, s, p.X, p.Z, back)
			}
		}
		checkSpread(t, "open floor", ps)
		// Low slots are the front row: slot 1 right behind the guide.
		if d := dist(ps[0], g); math.Abs(d-firstRow) > 0.01 {
			t.Errorf("slot 1 stands %.2f m from the guide, want %.2f", d, firstRow)
		}
	}
}

func TestPlacesMatchesPlace(t *testing.T) {
	g := protocol.Pose{X: 1, Y: 1.6, Z: 1, Yaw: 0.7}
	for name, reach := range map[string]Reach{"open": open, "wall": wallX(2), "back wall": wallZ(1.5)} {
		all := Places(g, MaxSlots+2, reach)
		for s := 1; s <= MaxSlots+2; s++ {
			if p := Place(g, s, reach); p != all[s-1] {
				t.Errorf("%s: Place slot %d = %+v, Places gave %+v", name, s, p, all[s-1])
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	g := protocol.Pose{X: 0.3, Y: 1.6, Z: -0.4, Yaw: 2.1, Pitch: 0.1}
	first := Places(g, 60, wallX(1))
	for range 3 {
		again := Places(g, 60, wallX(1))
		for i := range first {
			if first[i] != again[i] {
				t.Fatalf("slot %d: %+v then %+v for the same inputs", i+1, first[i], again[i])
			}
		}
	}
}

func TestWalls(t *testing.T) {
	tests := []struct {
		name  string
		guide protocol.Pose
		reach Reach
		// inside reports whether a member at (x, z) is on the guide's side.
		inside func(x, z float32) bool
		n      int
	}{
		{
			name: "wall at x=2 to the guide's right, looking -Z",
			// Behind is +Z; right is +X.
			guide:  protocol.Pose{X: 0, Y: 1.6, Z: 0},
			reach:  wallX(2),
			inside: func(x, _ float32) bool { return x <= 2-AvatarRadius+1e-4 },
			n:      MaxSlots,
		},
		{
			name: "wall at x=2 behind the guide, looking -X",
			// Yaw π/2 looks toward -X, so behind is +X, 1.2 m to the wall.
			guide:  protocol.Pose{X: 0.8, Y: 1.6, Z: 0, Yaw: math.Pi / 2},
			reach:  wallX(2),
			inside: func(x, _ float32) bool { return x <= 2-AvatarRadius+1e-4 },
			n:      40,
		},
		{
			name: "back against a wall, looking -Z",
			// The wall is 0.3 m behind the guide: no row fits behind.
			guide:  protocol.Pose{X: 0, Y: 1.6, Z: 0},
			reach:  wallZ(0.3),
			inside: func(_, z float32) bool { return z <= 0.3-AvatarRadius+1e-4 },
			n:      40,
		},
	}
	for _, tt := range tests {
		ps := Places(tt.guide, tt.n, tt.reach)
		for s, p := range ps {
			if !tt.inside(p.X, p.Z) {
				t.Errorf("%s: slot %d at (%.2f, %.2f) is beyond the wall", tt.name, s+1, p.X, p.Z)
			}
			if p == tt.guide {
				t.Errorf("%s: slot %d stacked on the guide although the floor has room", tt.name, s+1)
			}
		}
		checkSpread(t, tt.name, ps)
	}
}

// A guide with the back to a wall has the group beside and in front, and the
// nearest places are used first: slot 1 stands beside the guide.
func TestBackToWallUsesSides(t *testing.T) {
	g := protocol.Pose{X: 0, Y: 1.6, Z: 0}
	p := Place(g, 1, wallZ(0.3))
	if d := dist(p, g); d > firstRow+0.01 {
		t.Errorf("slot 1 at (%.2f, %.2f) is %.2f m from the guide, want a place in the first ring beside the guide", p.X, p.Z, d)
	}
	if math.Abs(float64(p.X)) < 1 {
		t.Errorf("slot 1 at (%.2f, %.2f) is not beside the guide", p.X, p.Z)
	}
}

// A post standing on slot 1's place moves slot 1 aside. Members whose places
// are free keep them, except a few that make room by moving one place on.
func TestBlockedPlaceMovesOnlyNeighbours(t *testing.T) {
	g := protocol.Pose{X: 0, Y: 1.6, Z: 0}
	post := func(fx, fz, tx, tz float32) (float32, float32) {
		// A post at (0, 1.5), the place right behind the guide.
		if math.Hypot(float64(tx), float64(tz-1.5)) < 0.4 {
			return fx, fz
		}
		return tx, tz
	}
	free := Places(g, 30, open)
	ps := Places(g, 30, post)
	moved := 0
	for i := range ps {
		if ps[i] != free[i] {
			moved++
			if d := dist(ps[i], free[i]); d > rowGap+0.1 {
				t.Errorf("slot %d moved %.2f m from (%.2f, %.2f) to (%.2f, %.2f), want at most one place on",
					i+1, d, free[i].X, free[i].Z, ps[i].X, ps[i].Z)
			}
		}
		if math.Hypot(float64(ps[i].X), float64(ps[i].Z-1.5)) < 0.4 {
			t.Errorf("slot %d stands in the post at (%.2f, %.2f)", i+1, ps[i].X, ps[i].Z)
		}
	}
	checkSpread(t, "post", ps)
	if moved == 0 || moved > 8 {
		t.Errorf("%d of 30 members moved for one blocked place, want a few", moved)
	}
}

func TestNothingUsableStacksOnGuide(t *testing.T) {
	g := protocol.Pose{X: 2, Y: 1.6, Z: 3, Yaw: 1, Pitch: 0.2}
	boxed := func(fx, fz, _, _ float32) (float32, float32) { return fx, fz }
	for _, s := range []int{1, 2, 50, MaxSlots} {
		if p := Place(g, s, boxed); p != g {
			t.Errorf("slot %d boxed in: %+v, want the guide's pose", s, p)
		}
	}
	for _, s := range []int{0, -1, MaxSlots + 1} {
		if p := Place(g, s, open); p != g {
			t.Errorf("slot %d (out of range): %+v, want the guide's pose", s, p)
		}
	}
}

// cave257 loads the built-in Cave 257 and a Reach that walks its walls.
func cave257(tb testing.TB) (*scenes.Scene, Reach) {
	tb.Helper()
	all, err := scenes.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	for _, sc := range all {
		if sc.ID != "mogao-257" {
			continue
		}
		c, err := sc.Compile()
		if err != nil {
			tb.Fatal(err)
		}
		return sc, func(fx, fz, tx, tz float32) (float32, float32) {
			p := c.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, scenes.BodyRadius)
			return p.X(), p.Z()
		}
	}
	tb.Fatal("built-in scene mogao-257 is missing")
	return nil, nil
}

func TestCave257(t *testing.T) {
	sc, reach := cave257(t)
	sp := sc.Spawn
	// Cave 257: walls at x = ±4.8, z = ±4.5; pillar x -2.7..-0.7, z -1..1.
	guides := map[string]protocol.Pose{
		"spawn, back to the east wall":     {X: sp.X, Y: sp.Y, Z: sp.Z, Yaw: sp.Yaw, Pitch: sp.Pitch},
		"facing the pillar":                {X: 0, Y: 1.6, Z: 0, Yaw: math.Pi / 2},
		"back to the pillar":               {X: -0.3, Y: 1.6, Z: 0, Yaw: -math.Pi / 2},
		"beside the pillar, looking north": {X: -1.7, Y: 1.6, Z: 1.6, Yaw: 0},
		"corridor behind the pillar":       {X: -3.7, Y: 1.6, Z: 0, Yaw: math.Pi},
	}
	for name, g := range guides {
		ps := Places(g, 30, reach)
		for s, p := range ps {
			if !sc.Contains(p.X, p.Y, p.Z) {
				t.Errorf("%s: slot %d at (%.2f, %.2f, %.2f) is outside the cave", name, s+1, p.X, p.Y, p.Z)
			}
		}
		checkSpread(t, name, ps)
	}
}

// BenchmarkPlacesCave257 places a full tour in Cave 257, where most places
// are cut off by walls and the pillar: the worst case for reach calls.
func BenchmarkPlacesCave257(b *testing.B) {
	_, reach := cave257(b)
	g := protocol.Pose{X: 0, Y: 1.6, Z: 0, Yaw: math.Pi / 2}
	for b.Loop() {
		Places(g, MaxSlots, reach)
	}
}

// BenchmarkPlaceOpen is one member's place on an open floor, the common case
// of a client placing itself.
func BenchmarkPlaceOpen(b *testing.B) {
	g := protocol.Pose{X: 0, Y: 1.6, Z: 0}
	for b.Loop() {
		Place(g, 30, open)
	}
}

// BenchmarkPlace30Cave257 is one client placing itself as slot 30 in a cave.
func BenchmarkPlace30Cave257(b *testing.B) {
	_, reach := cave257(b)
	g := protocol.Pose{X: 0, Y: 1.6, Z: 0, Yaw: math.Pi / 2}
	for b.Loop() {
		Place(g, 30, reach)
	}
}
