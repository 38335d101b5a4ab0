package scenes

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// eyeHeight is a visitor's eye over the floor underfoot, as the client
// keeps it.
const eyeHeight = 1.6

// openThroneHall returns the built-in Hall of Supreme Harmony with its
// throne platform (2 m high over x -3.3…3.3, z -11.4…-5.4, seven steps
// 3 m wide down its south side) walkable or not, compiled.
func openThroneHall(t *testing.T, walkable bool) (*Scene, *Compiled) {
	t.Helper()
	all, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	for _, s := range all {
		if s.ID != "fc-supreme-harmony" {
			continue
		}
		for i := range s.Solids {
			if s.Solids[i].Name == "throne platform" {
				s.Solids[i].Walkable = walkable
			}
		}
		c, err := s.Compile()
		if err != nil {
			t.Fatalf("Compile: %v", err)
		}
		return s, c
	}
	t.Fatal("no built-in scene fc-supreme-harmony")
	return nil, nil
}

func TestFloorAtThroneSteps(t *testing.T) {
	s, _ := openThroneHall(t, true)
	const edge = -5.4 // the platform's south edge, where the flight starts
	tests := []struct {
		name string
		x, z float32
		want float32
	}{
		{"on the hall's floor before the flight", 0, -1, 0},
		{"on the lowest step", 0, edge + 6.5*stepTread, 0.25},
		{"on the fourth step", 0, edge + 3.5*stepTread, 1.0},
		{"on the top step", 0, edge + 0.5*stepTread, 1.75},
		{"on the platform", 0, -7, 2},
		{"on the platform's far corner", 3.2, -11.3, 2},
		{"beside the flight", 2, edge + 3.5*stepTread, 0},
		{"north of the platform", 0, -12, 0},
	}
	for _, tt := range tests {
		if got := s.FloorAt(tt.x, tt.z); math.Abs(float64(got-tt.want)) > 1e-4 {
			t.Errorf("%s: FloorAt(%v, %v) = %v, want %v", tt.name, tt.x, tt.z, got, tt.want)
		}
		// The server takes the eye of a visitor standing there.
		if eye := tt.want + eyeHeight; !s.Contains(tt.x, eye, tt.z) {
			t.Errorf("%s: Contains refuses the eye at (%v, %v, %v)", tt.name, tt.x, eye, tt.z)
		}
	}
	// As built in, the platform is roped off: its floor is the hall's.
	shut, _ := openThroneHall(t, false)
	if got := shut.FloorAt(0, -7); got != 0 {
		t.Errorf("FloorAt on the roped-off platform = %v, want the hall's floor 0", got)
	}
}

func TestWalkablePlatformEdges(t *testing.T) {
	_, c := openThroneHall(t, true)
	tests := []struct {
		name     string
		from, to mgl32.Vec2
		want     mgl32.Vec2 // where the walk ends
	}{
		{"up the flight onto the platform", mgl32.Vec2{0, -1}, mgl32.Vec2{0, -7}, mgl32.Vec2{0, -7}},
		{"down the flight", mgl32.Vec2{0, -7}, mgl32.Vec2{0, -1}, mgl32.Vec2{0, -1}},
		{"off the east edge", mgl32.Vec2{1.5, -7}, mgl32.Vec2{3.7, -7}, mgl32.Vec2{3.3 - BodyRadius, -7}},
		{"off the south edge beside the flight", mgl32.Vec2{2.5, -7}, mgl32.Vec2{2.5, -4}, mgl32.Vec2{2.5, -5.4 - BodyRadius}},
		{"up the north side", mgl32.Vec2{0, -13}, mgl32.Vec2{0, -10}, mgl32.Vec2{0, -11.4 - BodyRadius}},
		{"onto the high steps from the side", mgl32.Vec2{2.4, -4.5}, mgl32.Vec2{0, -4.5}, mgl32.Vec2{1.5 + BodyRadius, -4.5}},
		{"onto the lowest step from the side", mgl32.Vec2{2.4, -3.2}, mgl32.Vec2{0, -3.2}, mgl32.Vec2{0, -3.2}},
	}
	for _, tt := range tests {
		got := c.Slide(mgl32.Vec3{tt.from.X(), eyeHeight, tt.from.Y()}, mgl32.Vec3{tt.to.X(), eyeHeight, tt.to.Y()}, BodyRadius)
		if d := (mgl32.Vec2{got.X(), got.Z()}).Sub(tt.want).Len(); d > 1e-3 {
			t.Errorf("%s: the walk from %v to %v ended at (%.3f, %.3f), want %v", tt.name, tt.from, tt.to, got.X(), got.Z(), tt.want)
		}
	}
}

func TestLowWalkablePlatformHasNoEdges(t *testing.T) {
	// A dais no higher than a step is walked onto from any side.
	s := primScene()
	s.Solids[1].Walkable = true
	s.Solids[1].Height = maxStepRise
	c, err := s.Compile()
	if err != nil {
		t.Fatal(err)
	}
	// The platform spans x 2…4, z 0.5…1.5, its steps on the north side.
	got := c.Slide(mgl32.Vec3{4.6, eyeHeight, 0.7}, mgl32.Vec3{3.6, eyeHeight, 0.7}, BodyRadius)
	if math.Abs(float64(got.X()-3.6)) > 1e-3 {
		t.Errorf("walking onto a %.1f m dais from the east ended at x %.3f, want 3.6", float32(maxStepRise), got.X())
	}
}

func TestUnclimbableFlightBlocks(t *testing.T) {
	// One step up a 2 m platform is a 1 m riser: not a way up.
	s := primScene()
	s.Solids[1].Walkable = true
	s.Solids[1].Height = 2
	s.Solids[1].Steps[0].Count = 1
	s.Solids = s.Solids[:2] // no throne or screen on top
	c, err := s.Compile()
	if err != nil {
		t.Fatal(err)
	}
	// The flight is one tread north of the platform's north edge (z 0.5).
	got := c.Slide(mgl32.Vec3{3, eyeHeight, -1}, mgl32.Vec3{3, eyeHeight, 1}, BodyRadius)
	if want := float32(0.5 - stepTread - BodyRadius); math.Abs(float64(got.Z()-want)) > 1e-3 {
		t.Errorf("walking at a flight of 1 m risers ended at z %.3f, want %.3f before it", got.Z(), want)
	}
}
