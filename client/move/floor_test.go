package move

import (
	"math"
	"testing"

	"yunyou/protocol"
	"yunyou/scenes"
)

// Yaws of the four ways to face (see protocol.Pose).
const (
	north = 0
	south = math.Pi
	east  = -math.Pi / 2
	west  = math.Pi / 2
)

// throneHall returns the Hall of Supreme Harmony with its throne platform
// open to visitors ("walkable": true), compiled, and the platform. The
// platform is 2 m high over x -3.3…3.3, z -11.4…-5.4, with a flight of
// seven steps 3 m wide down its south side to z = -3.16.
func throneHall(t *testing.T, walkable bool) (*scenes.Scene, *scenes.Compiled) {
	t.Helper()
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	for _, s := range all {
		if s.ID != "fc-supreme-harmony" {
			continue
		}
		found := false
		for i := range s.Solids {
			if s.Solids[i].Type == scenes.TypePlatform && s.Solids[i].Name == "throne platform" {
				s.Solids[i].Walkable = walkable
				found = true
			}
		}
		if !found {
			t.Fatal("fc-supreme-harmony has no solid named \"throne platform\"")
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

const (
	platformTop = 2.0
	frame       = float32(1) / 60
)

// walk holds the keys for secs seconds at 60 frames a second and returns
// the pose after each frame.
func walk(p protocol.Pose, k Keys, secs float32, c Collider, floor Floor) []protocol.Pose {
	var out []protocol.Pose
	for i := 0; i < int(secs/frame); i++ {
		p = Step(p, k.Intent(), frame, c, floor)
		out = append(out, p)
	}
	return out
}

// checkEye asserts that no frame jumps the eye by as much as half a step's
// rise (a riser here is 0.25 m), and that the server would accept every
// pose.
func checkEye(t *testing.T, s *scenes.Scene, path []protocol.Pose) {
	t.Helper()
	const maxJump = 0.125
	for i := 1; i < len(path); i++ {
		if d := abs(path[i].Y - path[i-1].Y); d >= maxJump {
			t.Fatalf("frame %d: the eye jumped %.3f m (%.3f → %.3f at z %.2f): it pops at a step instead of easing",
				i, d, path[i-1].Y, path[i].Y, path[i].Z)
		}
	}
	for i, p := range path {
		if !s.Contains(p.X, p.Y, p.Z) {
			t.Fatalf("frame %d: the server would refuse the pose (%.2f, %.2f, %.2f)", i, p.X, p.Y, p.Z)
		}
	}
}

func TestWalkUpTheThroneStepsAndDownAgain(t *testing.T) {
	s, c := throneHall(t, true)
	// From the hall's floor south of the flight, walk north up the steps
	// until the throne stops the walk.
	up := walk(protocol.Pose{X: 0, Y: EyeHeight, Z: -1, Yaw: north}, Keys{Forward: true}, 8, c, s.FloorAt)
	checkEye(t, s, up)
	top := up[len(up)-1]
	if want := float32(platformTop + EyeHeight); abs(top.Y-want) > 1e-3 {
		t.Fatalf("on the platform (z %.2f) the eye is at %.3f m, want %.3f (platform %.1f m + eye %.1f m)", top.Z, top.Y, want, platformTop, EyeHeight)
	}
	if top.Z > -8 {
		t.Fatalf("the walk up the steps ended at z %.2f, want it on the platform before the throne (z < -8)", top.Z)
	}
	// Climbing rises through the height of the flight, never going down.
	for i := 1; i < len(up); i++ {
		if up[i].Y < up[i-1].Y-1e-5 {
			t.Fatalf("frame %d: walking up the eye went down from %.3f to %.3f", i, up[i-1].Y, up[i].Y)
		}
	}

	down := walk(top, Keys{Back: true}, 7, c, s.FloorAt)
	checkEye(t, s, down)
	end := down[len(down)-1]
	if end.Z < -2 || abs(end.Y-EyeHeight) > 1e-3 {
		t.Fatalf("after walking back down the steps: z %.2f, eye %.3f m; want z > -2 on the hall's floor at %.1f m", end.Z, end.Y, EyeHeight)
	}
}

func TestPlatformSidesWithoutStepsBlock(t *testing.T) {
	s, c := throneHall(t, true)
	tests := []struct {
		name   string
		start  protocol.Pose
		secs   float32
		stopAt func(p protocol.Pose) float32 // the coordinate the walk stops at
		want   float32
		eye    float32
	}{
		// The east edge at x = 3.3 has no steps: walking east on top stops
		// a body's radius short of the drop.
		{"walking off the east edge", protocol.Pose{X: 1.5, Y: platformTop + EyeHeight, Z: -7, Yaw: east}, 3,
			func(p protocol.Pose) float32 { return p.X }, 3.3 - Radius, platformTop + EyeHeight},
		// The north side at z = -11.4 is a 2 m wall seen from the floor.
		{"walking up the north side", protocol.Pose{X: 0, Y: EyeHeight, Z: -13, Yaw: south}, 3,
			func(p protocol.Pose) float32 { return p.Z }, -11.4 - Radius, EyeHeight},
		// Beside the flight its upper steps stand as high as a wall.
		{"stepping onto the flight's high steps from the side", protocol.Pose{X: 2.4, Y: EyeHeight, Z: -4.5, Yaw: west}, 2,
			func(p protocol.Pose) float32 { return p.X }, 1.5 + Radius, EyeHeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := walk(tt.start, Keys{Forward: true}, tt.secs, c, s.FloorAt)
			checkEye(t, s, path)
			end := path[len(path)-1]
			if got := tt.stopAt(end); abs(got-tt.want) > 0.01 {
				t.Errorf("the walk ended at (%.3f, %.3f), want it stopped at %.3f", end.X, end.Z, tt.want)
			}
			if abs(end.Y-tt.eye) > 1e-3 {
				t.Errorf("the eye ended at %.3f m, want %.3f: the visitor must not climb or fall here", end.Y, tt.eye)
			}
		})
	}

	// The lowest step is a single riser (0.25 m) above the floor: it may
	// be stepped onto from the side.
	path := walk(protocol.Pose{X: 2.4, Y: EyeHeight, Z: -3.2, Yaw: west}, Keys{Forward: true}, 1, c, s.FloorAt)
	checkEye(t, s, path)
	if end := path[len(path)-1]; end.X > 1.2 || abs(end.Y-(0.25+EyeHeight)) > 1e-3 {
		t.Errorf("stepping onto the lowest step from the side ended at x %.2f, eye %.3f; want x < 1.2, eye %.3f", end.X, end.Y, 0.25+EyeHeight)
	}
}

func TestPlatformNotWalkableIsWalkedRound(t *testing.T) {
	// As built in, the throne platform is roped off: the flight stops the
	// walk at its foot and the eye stays on the hall's floor.
	s, c := throneHall(t, false)
	path := walk(protocol.Pose{X: 0, Y: EyeHeight, Z: -1, Yaw: north}, Keys{Forward: true}, 4, c, s.FloorAt)
	end := path[len(path)-1]
	if want := float32(-3.16 + Radius); abs(end.Z-want) > 0.01 || end.Y != EyeHeight {
		t.Errorf("walking at the roped-off flight ended at z %.3f, eye %.3f; want z %.3f, eye %.1f", end.Z, end.Y, want, EyeHeight)
	}
}

func TestEyeEasesOntoAStep(t *testing.T) {
	s, c := throneHall(t, true)
	// Just short of the lowest step's front edge at z = -3.16, facing it:
	// one frame's walk crosses it.
	p := protocol.Pose{X: 0, Y: EyeHeight, Z: -3.15, Yaw: north}
	p = Step(p, Keys{Forward: true}.Intent(), frame, c, s.FloorAt)
	if s.FloorAt(p.X, p.Z) != 0.25 {
		t.Fatalf("after a step the visitor stands on floor %.2f, want the lowest step at 0.25", s.FloorAt(p.X, p.Z))
	}
	const riser = 0.25
	if rise := p.Y - EyeHeight; rise <= 0 || rise >= riser/2 {
		t.Fatalf("one frame onto the step raised the eye %.3f m, want a part of the %.2f m rise, not a jump", rise, float32(riser))
	}
	// Standing still, the eye keeps easing: most of the way within
	// 0.15 s, all of it soon after.
	want := float32(riser + EyeHeight)
	path := walk(p, Keys{}, 0.15, c, s.FloorAt)
	if left := want - path[len(path)-1].Y; left > riser*0.06 || left < 0 {
		t.Errorf("0.15 s after stepping up the eye is %.4f m short of %.3f, want at most 6%% of the rise", left, want)
	}
	path = walk(path[len(path)-1], Keys{}, 0.25, c, s.FloorAt)
	if got := path[len(path)-1].Y; got != want {
		t.Errorf("0.4 s after stepping up the eye is at %.4f, want exactly %.4f", got, want)
	}
}

func TestSettleIsTheSameAtAnyFrameRate(t *testing.T) {
	const from, to = 1.6, 3.6
	var y20, y60 float32 = from, from
	for i := 0; i < 2; i++ {
		y20 = Settle(y20, to, 1.0/20)
	}
	for i := 0; i < 6; i++ {
		y60 = Settle(y60, to, 1.0/60)
	}
	if abs(y20-y60) > 1e-4 {
		t.Errorf("after 0.1 s the eye is at %.4f at 20 frames a second and %.4f at 60", y20, y60)
	}
	if y20 <= from || y20 >= to {
		t.Errorf("after 0.1 s the eye is at %.4f, want it between %.1f and %.1f", y20, from, to)
	}
	if got := Settle(float32(math.NaN()), to, 0); got != to {
		t.Errorf("an eye never placed settles to %v, want %v at once", got, float32(to))
	}
	if got := Settle(to-0.0005, to, 0.001); got != to {
		t.Errorf("an eye within half a millimetre settles to %v, want exactly %v", got, float32(to))
	}
}
