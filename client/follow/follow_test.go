package follow

import (
	"math"
	"testing"

	"yunyou/protocol"
)

// run steps the follower for seconds at hz frames a second.
func run(f *Follower, cur, target protocol.Pose, hz, seconds int) protocol.Pose {
	for range hz * seconds {
		cur = f.Step(cur, target, 1/float32(hz))
	}
	return cur
}

func posErr(a, b protocol.Pose) float64 {
	return math.Sqrt(float64((a.X-b.X)*(a.X-b.X) + (a.Y-b.Y)*(a.Y-b.Y) + (a.Z-b.Z)*(a.Z-b.Z)))
}

func angleErr(a, b float32) float64 {
	return math.Abs(math.Remainder(float64(a-b), 2*math.Pi))
}

func TestConverges(t *testing.T) {
	var f Follower
	cur := protocol.Pose{X: 0, Y: 1.6, Z: 0, Yaw: 0, Pitch: 0}
	target := protocol.Pose{X: 3, Y: 1.6, Z: 0, Yaw: 1, Pitch: -0.3}
	half := run(&f, cur, target, 60, 0)
	for range 6 {
		half = f.Step(half, target, 1.0/60)
	}
	if d := posErr(half, target); d > 2.9 || d < 1 {
		t.Errorf("after 0.1 s the camera is %.2f m from a place 3 m away, want a glide (between 1 and 2.9 m)", d)
	}
	got := run(&f, cur, target, 60, 1)
	if d := posErr(got, target); d >= 0.02 {
		t.Errorf("after 1 s the camera is %.3f m from its place, want under 2 cm", d)
	}
	if e := angleErr(got.Yaw, target.Yaw); e > 0.01 {
		t.Errorf("after 1 s the yaw is %.3f off the guide's, want under 0.01 rad", e)
	}
	if e := math.Abs(float64(got.Pitch - target.Pitch)); e > 0.01 {
		t.Errorf("after 1 s the pitch is %.3f off the guide's, want under 0.01 rad", e)
	}
}

func TestFrameRateIndependent(t *testing.T) {
	cur := protocol.Pose{X: -2, Y: 1.5, Z: 4, Yaw: -2, Pitch: 0.4}
	target := protocol.Pose{X: 1, Y: 1.7, Z: -1, Yaw: 2.5, Pitch: -0.2}
	var f20, f60 Follower
	// Part way, where a difference would show most.
	for _, seconds := range []int{0, 1} {
		n20, n60 := 20/5+20*seconds, 60/5+60*seconds
		a, b := cur, cur
		for range n20 {
			a = f20.Step(a, target, 1.0/20)
		}
		for range n60 {
			b = f60.Step(b, target, 1.0/60)
		}
		if d := posErr(a, b); d > 0.005 {
			t.Errorf("after %.1f s: 20 Hz at (%.3f, %.3f, %.3f), 60 Hz at (%.3f, %.3f, %.3f): %.4f m apart",
				0.2+float64(seconds), a.X, a.Y, a.Z, b.X, b.Y, b.Z, d)
		}
		if e := angleErr(a.Yaw, b.Yaw); e > 0.005 {
			t.Errorf("after %.1f s: yaw %.4f at 20 Hz, %.4f at 60 Hz", 0.2+float64(seconds), a.Yaw, b.Yaw)
		}
		if e := math.Abs(float64(a.Pitch - b.Pitch)); e > 0.005 {
			t.Errorf("after %.1f s: pitch %.4f at 20 Hz, %.4f at 60 Hz", 0.2+float64(seconds), a.Pitch, b.Pitch)
		}
	}
}

func TestYawShortWay(t *testing.T) {
	tests := []struct {
		from, to float32
	}{
		{3.1, -3.1},
		{-3.1, 3.1},
		{0.1, -0.1},
		{3, -2.5},
	}
	for _, tt := range tests {
		var f Follower
		cur := protocol.Pose{Y: 1.6, Yaw: tt.from}
		target := protocol.Pose{Y: 1.6, Yaw: tt.to}
		short := angleErr(tt.from, tt.to)
		// Every frame's yaw stays on the short arc between the two.
		for range 60 {
			cur = f.Step(cur, target, 1.0/60)
			if angleErr(cur.Yaw, tt.from)+angleErr(cur.Yaw, tt.to) > short+1e-4 {
				t.Errorf("from %.2f to %.2f the view passed %.3f, off the short turn of %.2f rad", tt.from, tt.to, cur.Yaw, short)
				break
			}
		}
		if e := angleErr(cur.Yaw, tt.to); e > 0.01 {
			t.Errorf("from %.2f to %.2f: ended at %.3f", tt.from, tt.to, cur.Yaw)
		}
	}
}

func TestLookAroundAndSnap(t *testing.T) {
	var f Follower
	target := protocol.Pose{X: 1, Y: 1.6, Z: 2, Yaw: 3, Pitch: 0.2}
	cur := run(&f, target, target, 60, 1)
	if f.LookingAround() {
		t.Error("LookingAround before any look, want false")
	}
	f.Look(0.01, -0.01)
	if f.LookingAround() {
		t.Error("LookingAround after a 0.01 rad nudge, want false")
	}
	f.Look(0.49, 0.31)
	if !f.LookingAround() {
		t.Error("LookingAround after turning 0.5 rad, want true")
	}
	// The guide walks and turns; the visitor's turn stays on top.
	moved := protocol.Pose{X: 4, Y: 1.6, Z: -1, Yaw: -1, Pitch: -0.1}
	cur = run(&f, cur, moved, 60, 2)
	if e := angleErr(cur.Yaw, moved.Yaw+0.5); e > 0.01 {
		t.Errorf("following with a 0.5 rad look: yaw %.3f, want the guide's %.2f + 0.5", cur.Yaw, moved.Yaw)
	}
	if e := math.Abs(float64(cur.Pitch - (moved.Pitch + 0.3))); e > 0.01 {
		t.Errorf("following with a 0.3 rad look up: pitch %.3f, want the guide's %.2f + 0.3", cur.Pitch, moved.Pitch)
	}
	if d := posErr(cur, moved); d > 0.01 {
		t.Errorf("looking around, the camera is %.3f m from its place; it should still follow", d)
	}
	f.Snap()
	if f.LookingAround() {
		t.Error("LookingAround after Snap, want false")
	}
	cur = run(&f, cur, moved, 60, 1)
	if e := angleErr(cur.Yaw, moved.Yaw); e > 0.01 {
		t.Errorf("after Snap: yaw %.3f, want the guide's %.2f", cur.Yaw, moved.Yaw)
	}
	if e := math.Abs(float64(cur.Pitch - moved.Pitch)); e > 0.01 {
		t.Errorf("after Snap: pitch %.3f, want the guide's %.2f", cur.Pitch, moved.Pitch)
	}
}

func TestPitchLimit(t *testing.T) {
	var f Follower
	target := protocol.Pose{Y: 1.6, Pitch: 1.0}
	cur := run(&f, target, target, 60, 1)
	f.Look(0, 5) // far past straight up
	cur = run(&f, cur, target, 60, 1)
	if cur.Pitch > MaxPitch+1e-6 {
		t.Errorf("pitch %.3f after looking far up, want at most %.2f", cur.Pitch, MaxPitch)
	}
	// Looking back down acts at once, not after unwinding the excess.
	f.Look(0, -0.3)
	cur = run(&f, cur, target, 60, 1)
	if want := float32(MaxPitch - 0.3); math.Abs(float64(cur.Pitch-want)) > 0.01 {
		t.Errorf("pitch %.3f after looking up to the limit and down 0.3, want %.2f", cur.Pitch, want)
	}
}

func TestJump(t *testing.T) {
	var f Follower
	cur := protocol.Pose{X: 0, Y: 1.6, Z: 0}
	f.Look(0.4, 0)
	far := protocol.Pose{X: 30, Y: 1.6, Z: -5, Yaw: 1, Pitch: 0.1}
	got := f.Step(cur, far, 1.0/60)
	want := far
	want.Yaw += 0.4
	if posErr(got, far) != 0 || angleErr(got.Yaw, want.Yaw) > 1e-6 || got.Pitch != want.Pitch {
		t.Errorf("a target 30 m away: camera at %+v after one frame, want %+v at once", got, want)
	}
	near := protocol.Pose{X: 5, Y: 1.6, Z: 0}
	if got := f.Step(cur, near, 1.0/60); posErr(got, cur) > 1 {
		t.Errorf("a target 5 m away: camera moved %.2f m in one frame, want a glide", posErr(got, cur))
	}
}

func TestNoTimeNoChange(t *testing.T) {
	var f Follower
	f.Look(0.3, 0.1)
	cur := protocol.Pose{X: 1, Y: 1.6, Z: 2, Yaw: 0.5, Pitch: 0}
	target := protocol.Pose{X: 3, Y: 1.6, Z: 0, Yaw: -1}
	for _, dt := range []float32{0, -0.1, float32(math.NaN())} {
		if got := f.Step(cur, target, dt); got != cur {
			t.Errorf("dt %v: camera %+v, want unchanged %+v", dt, got, cur)
		}
	}
	bad := target
	bad.X = float32(math.NaN())
	if got := f.Step(cur, bad, 1.0/60); got != cur {
		t.Errorf("target with NaN: camera %+v, want unchanged %+v", got, cur)
	}
}

func TestStepWithinGoesRoundAPillar(t *testing.T) {
	// A pillar fills -1 < x < 1 between the camera and its place: the
	// glide would cross it, so the camera goes to its place at once.
	reach := func(fx, fz, tx, tz float32) (float32, float32) {
		if fx < -1 && tx > -1 {
			return -1.25, tz
		}
		return tx, tz
	}
	var f Follower
	cur := protocol.Pose{X: -2, Y: 1.6, Z: 0}
	target := protocol.Pose{X: 2, Y: 1.6, Z: 0}
	got := f.StepWithin(cur, target, 0.1, reach)
	if got.X != 2 || got.Z != 0 {
		t.Fatalf("blocked glide went to (%.2f, %.2f); want the place (2, 0) at once, never inside the pillar", got.X, got.Z)
	}
	// In the open it glides as Step does.
	open := func(_, _, tx, tz float32) (float32, float32) { return tx, tz }
	var g Follower
	want := g.Step(cur, protocol.Pose{X: -1.5, Y: 1.6}, 0.1)
	var h Follower
	if got := h.StepWithin(cur, protocol.Pose{X: -1.5, Y: 1.6}, 0.1, open); got != want {
		t.Fatalf("StepWithin in the open = %+v, want Step's %+v", got, want)
	}
}
