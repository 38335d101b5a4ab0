package move

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/protocol"
)

// wallAtX is a collider with one infinite wall on the plane x = X: a body of
// radius r stays at x ≤ X-r and slides freely along Z.
type wallAtX struct{ X float32 }

func (w wallAtX) Slide(from, to mgl32.Vec3, r float32) mgl32.Vec3 {
	if to[0] > w.X-r {
		to[0] = w.X - r
	}
	return to
}

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-4 }

func TestStepWalksWhereTheVisitorFaces(t *testing.T) {
	start := protocol.Pose{Y: 1.6}
	tests := []struct {
		name       string
		yaw        float32
		in         Intent
		dt         float32
		wantX      float32
		wantZ      float32
		wantYawDeg float32
	}{
		{"forward at yaw 0 goes -Z", 0, Keys{Forward: true}.Intent(), 1.0 / 10, 0, -0.14, 0},
		{"forward at yaw π/2 goes -X", math.Pi / 2, Keys{Forward: true}.Intent(), 0.1, -0.14, 0, 90},
		{"back at yaw 0 goes +Z", 0, Keys{Back: true}.Intent(), 0.1, 0, 0.14, 0},
		{"strafe right at yaw 0 goes +X", 0, Keys{Right: true}.Intent(), 0.1, 0.14, 0, 0},
		{"strafe left at yaw π/2 goes +Z", math.Pi / 2, Keys{Left: true}.Intent(), 0.1, 0, 0.14, 90},
		{"running is faster", 0, Keys{Forward: true, Run: true}.Intent(), 0.1, 0, -0.3, 0},
		{"opposite keys cancel", 0, Keys{Forward: true, Back: true}.Intent(), 0.1, 0, 0, 0},
		{"diagonal is no faster than straight", 0, Keys{Forward: true, Right: true}.Intent(), 0.1,
			0.14 / math.Sqrt2, -0.14 / math.Sqrt2, 0},
		{"half-pushed stick walks at half speed", 0, Intent{Forward: 0.5}, 0.1, 0, -0.07, 0},
		{"a stalled frame moves at most MaxDT", 0, Keys{Forward: true}.Intent(), 5, 0, -0.14, 0},
		{"turn left raises yaw", 0, Keys{TurnLeft: true}.Intent(), 0.1, 0, 0, TurnSpeed * 0.1 * 180 / math.Pi},
		{"turn right lowers yaw", 0, Keys{TurnRight: true}.Intent(), 0.1, 0, 0, -TurnSpeed * 0.1 * 180 / math.Pi},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := start
			p.Yaw = tt.yaw
			got := Step(p, tt.in, tt.dt, nil, nil)
			if !near(got.X, tt.wantX) || !near(got.Z, tt.wantZ) {
				t.Errorf("position = (%.4f, %.4f), want (%.4f, %.4f)", got.X, got.Z, tt.wantX, tt.wantZ)
			}
			if got.Y != 1.6 {
				t.Errorf("eye height changed to %v; walking must stay level", got.Y)
			}
			if yawDeg := got.Yaw * 180 / math.Pi; !near(yawDeg, tt.wantYawDeg) {
				t.Errorf("yaw = %.3f°, want %.3f°", yawDeg, tt.wantYawDeg)
			}
		})
	}
}

func TestStepStopsAtWallsAndSlidesAlong(t *testing.T) {
	wall := wallAtX{X: 1}
	// Face +X (yaw -π/2) and walk for two seconds: the body stops Radius
	// short of the wall instead of passing through.
	p := protocol.Pose{Y: 1.6, Yaw: -math.Pi / 2}
	for i := 0; i < 120; i++ {
		p = Step(p, Keys{Forward: true, Run: true}.Intent(), 1.0/60, wall, nil)
	}
	if !near(p.X, 1-Radius) {
		t.Fatalf("after walking into the wall x = %.3f, want %.3f (wall at 1, radius %.2f)", p.X, 1-Radius, Radius)
	}
	// Walking diagonally into the wall keeps the part of the move along it.
	p = protocol.Pose{X: 1 - Radius, Y: 1.6, Yaw: -math.Pi / 4} // facing +X and -Z
	got := Step(p, Keys{Forward: true}.Intent(), 0.1, wall, nil)
	if got.X > 1-Radius+1e-5 {
		t.Errorf("went into the wall: x = %.3f", got.X)
	}
	if got.Z >= -0.05 {
		t.Errorf("did not slide along the wall: z = %.3f, want about %.3f", got.Z, -0.14/math.Sqrt2)
	}
}

// countingCollider records how far each move it is asked for goes.
type countingCollider struct{ longest float32 }

func (c *countingCollider) Slide(from, to mgl32.Vec3, r float32) mgl32.Vec3 {
	c.longest = max(c.longest, to.Sub(from).Len())
	return to
}

func TestStepNeverAsksTheColliderForLongMoves(t *testing.T) {
	var c countingCollider
	p := Step(protocol.Pose{}, Keys{Forward: true, Run: true}.Intent(), MaxDT, &c, nil)
	if c.longest > maxSubstep+1e-5 {
		t.Errorf("one move of %.3f m; moves longer than %.3f m can skip thin walls", c.longest, maxSubstep)
	}
	if !near(p.Z, -RunSpeed*MaxDT) {
		t.Errorf("z = %.3f after substeps, want %.3f", p.Z, -RunSpeed*MaxDT)
	}
}

func TestLookClampsPitchAndWrapsYaw(t *testing.T) {
	p := Step(protocol.Pose{}, Intent{Pitch: 3}, 0.01, nil, nil)
	if !near(p.Pitch, MaxPitch) {
		t.Errorf("pitch = %.3f after looking far up, want the limit %.3f", p.Pitch, MaxPitch)
	}
	p = Step(protocol.Pose{}, Intent{Pitch: -3}, 0.01, nil, nil)
	if !near(p.Pitch, -MaxPitch) {
		t.Errorf("pitch = %.3f after looking far down, want %.3f", p.Pitch, -MaxPitch)
	}
	p = Step(protocol.Pose{Yaw: 3}, Intent{Yaw: 1}, 0.01, nil, nil)
	if p.Yaw <= -math.Pi || p.Yaw > math.Pi || !near(p.Yaw, 4-2*math.Pi) {
		t.Errorf("yaw = %.4f after turning past π, want %.4f in (-π, π]", p.Yaw, 4-2*math.Pi)
	}
	if err := p.Check(); err != nil {
		t.Errorf("stepped pose cannot be sent: %v", err)
	}
}

func TestIntentAdd(t *testing.T) {
	k := Keys{Forward: true, TurnLeft: true}.Intent()
	got := k.Add(Intent{Forward: 0.5, Right: 0.5, Turn: 1, Yaw: 0.1, Run: true})
	want := Intent{Forward: 1.5, Right: 0.5, Turn: 1, Yaw: 0.1, Run: true}
	if got != want {
		t.Errorf("Add = %+v, want %+v", got, want)
	}
}

func TestWrapAngle(t *testing.T) {
	for _, tt := range []struct{ in, want float32 }{
		{0, 0}, {math.Pi, math.Pi}, {-math.Pi, math.Pi}, {1, 1}, {3 * math.Pi / 2, -math.Pi / 2},
		{-3 * math.Pi / 2, math.Pi / 2}, {10 * math.Pi, 0},
	} {
		got := WrapAngle(tt.in)
		if got <= -math.Pi || got > math.Pi {
			t.Errorf("WrapAngle(%.4f) = %.4f, outside (-π, π]", tt.in, got)
		}
		// float32(π) lies a little above π, so ±π are the same answer.
		if d := math.Remainder(float64(got-tt.want), 2*math.Pi); math.Abs(d) > 1e-4 {
			t.Errorf("WrapAngle(%.4f) = %.4f, want %.4f", tt.in, got, tt.want)
		}
	}
}
