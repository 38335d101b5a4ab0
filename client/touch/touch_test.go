package touch

import (
	"math"
	"testing"
)

const w, h = 800, 400 // landscape phone; stick radius 0.12*400 = 48 px

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-3 }

func TestStickWalksTowardTheDrag(t *testing.T) {
	tests := []struct {
		name         string
		dx, dy       float32
		wantFwd      float32
		wantRight    float32
		wantRun      bool
		wantStickOut bool
	}{
		{"resting thumb does not creep", 3, -3, 0, 0, false, true},
		{"drag up to the rim walks forward at full speed", 0, -48, 1, 0, false, true},
		{"drag down walks back", 0, 48, -1, 0, false, true},
		{"drag right strafes right", 48, 0, 0, 1, false, true},
		{"half a drag walks slower", 0, -27, 0.5028, 0, false, true},
		{"far past the rim runs", 0, -100, 1, 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Pad
			p.Update([]Point{{ID: 1, X: 100, Y: 300}}, w, h)
			in := p.Update([]Point{{ID: 1, X: 100 + tt.dx, Y: 300 + tt.dy}}, w, h)
			if !near(in.Forward, tt.wantFwd) || !near(in.Right, tt.wantRight) || in.Run != tt.wantRun {
				t.Errorf("intent = fwd %.4f right %.4f run %v, want fwd %.4f right %.4f run %v",
					in.Forward, in.Right, in.Run, tt.wantFwd, tt.wantRight, tt.wantRun)
			}
			if in.Yaw != 0 || in.Pitch != 0 {
				t.Errorf("the stick also turned the view: yaw %.3f pitch %.3f", in.Yaw, in.Pitch)
			}
			cx, cy, kx, ky, r, on := p.Stick()
			if !on || cx != 100 || cy != 300 || r != 48 {
				t.Errorf("Stick() = centre (%v,%v) r %v active %v, want (100,300) r 48 active", cx, cy, r, on)
			}
			if d := math.Hypot(float64(kx-cx), float64(ky-cy)); d > 48+1e-3 {
				t.Errorf("knob drawn %.1f px from the centre, outside the 48 px rim", d)
			}
		})
	}
}

func TestRightHalfDragsTheView(t *testing.T) {
	var p Pad
	if in := p.Update([]Point{{ID: 7, X: 600, Y: 200}}, w, h); in.Yaw != 0 || in.Pitch != 0 {
		t.Fatalf("touching down turned the view: %+v", in)
	}
	in := p.Update([]Point{{ID: 7, X: 500, Y: 150}}, w, h)
	// The view follows the finger as it follows a mouse: finger left turns
	// left (yaw +), finger up looks up (pitch +).
	if !near(in.Yaw, 100*LookPerWidth/w) {
		t.Errorf("drag 100 px left: yaw change %.4f, want %.4f (turn left)", in.Yaw, 100*LookPerWidth/w)
	}
	if !near(in.Pitch, 50*LookPerWidth/w) {
		t.Errorf("drag 50 px up: pitch change %.4f, want %.4f (look up)", in.Pitch, 50*LookPerWidth/w)
	}
	if in.Forward != 0 || in.Right != 0 {
		t.Errorf("looking also walked: %+v", in)
	}
	if _, _, _, _, _, on := p.Stick(); on {
		t.Error("a look drag shows the joystick")
	}
	// Lifting and touching elsewhere does not jump the view.
	p.Update(nil, w, h)
	if in := p.Update([]Point{{ID: 8, X: 700, Y: 300}}, w, h); in.Yaw != 0 {
		t.Errorf("a new finger turned the view by %.3f on landing", in.Yaw)
	}
}

func TestTwoThumbsWalkAndLook(t *testing.T) {
	var p Pad
	p.Update([]Point{{ID: 1, X: 100, Y: 300}, {ID: 2, X: 600, Y: 200}}, w, h)
	in := p.Update([]Point{{ID: 1, X: 100, Y: 252}, {ID: 2, X: 620, Y: 200}}, w, h)
	if !near(in.Forward, 1) || in.Yaw >= 0 {
		t.Errorf("walk + look = %+v, want forward 1 and a right turn (yaw < 0)", in)
	}
}

func TestStickFingerKeepsItsRoleAcrossTheMiddle(t *testing.T) {
	var p Pad
	p.Update([]Point{{ID: 1, X: 380, Y: 200}}, w, h)
	in := p.Update([]Point{{ID: 1, X: 450, Y: 200}}, w, h)
	if !near(in.Right, 1) || in.Yaw != 0 {
		t.Errorf("stick finger crossing the middle: %+v, want strafe right only", in)
	}
	// A second finger on the left while the stick is held looks instead.
	in = p.Update([]Point{{ID: 1, X: 450, Y: 200}, {ID: 2, X: 50, Y: 50}}, w, h)
	in = p.Update([]Point{{ID: 1, X: 450, Y: 200}, {ID: 2, X: 30, Y: 50}}, w, h)
	if in.Yaw <= 0 {
		t.Errorf("second left finger should look: yaw %.4f", in.Yaw)
	}
}

func TestLiftingEndsTheStick(t *testing.T) {
	var p Pad
	p.Update([]Point{{ID: 1, X: 100, Y: 300}}, w, h)
	p.Update([]Point{{ID: 1, X: 100, Y: 200}}, w, h)
	if !p.Active() {
		t.Fatal("finger down but pad not active")
	}
	if in := p.Update(nil, w, h); in.Forward != 0 {
		t.Errorf("still walking after the finger lifted: %+v", in)
	}
	if _, _, _, _, _, on := p.Stick(); on || p.Active() {
		t.Error("joystick still shown after the finger lifted")
	}
}
