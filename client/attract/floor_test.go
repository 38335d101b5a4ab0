package attract

import (
	"math"
	"testing"

	"yunyou/client/move"
	"yunyou/scenes"
)

// TestRouteClimbsThePlatformSteps plays a route in the Hall of Supreme
// Harmony, with its throne platform opened to visitors, from the hall's
// floor up the seven steps to a stop on the platform and back down: the
// camera's eye must stay 1.6 m over the floor underfoot, easing over the
// step edges instead of jumping, and end on the platform at 3.6 m. The
// stop on the platform is written at y 1.6, as over the hall's floor: the
// camera still stands on the platform.
func TestRouteClimbsThePlatformSteps(t *testing.T) {
	s := sceneByID(t, "fc-supreme-harmony")
	for i := range s.Solids {
		if s.Solids[i].Name == "throne platform" {
			s.Solids[i].Walkable = true
		}
	}
	s.Spawn = scenes.Spawn{X: 0, Y: move.EyeHeight, Z: -1}
	s.Tour = []scenes.TourStop{
		{Pose: scenes.Spawn{X: 0, Y: move.EyeHeight, Z: -7}, Hotspot: "dragon-throne", Dwell: 1},
		{Pose: scenes.Spawn{X: 0, Y: move.EyeHeight, Z: -1.5, Yaw: math.Pi}, Hotspot: "golden-bricks", Dwell: 1},
	}
	r := FromScene(s)
	const (
		frame   = 1.0 / 60
		riser   = 0.25 // 2 m in eight rises
		maxJump = riser / 4
	)
	prev := r.Pose()
	var arrived []float32
	var events []Event
	for played := 0.0; !r.Ended() && played < 120; played += frame {
		events = r.Advance(frame, events[:0])
		p := r.Pose()
		if d := math.Abs(float64(p.Y - prev.Y)); d >= maxJump {
			t.Fatalf("t=%.2f s: the eye jumped %.3f m (%.3f → %.3f at z %.2f): steps must ease", played, d, prev.Y, p.Y, p.Z)
		}
		floor := s.FloorAt(p.X, p.Z)
		if over := p.Y - floor; math.Abs(float64(over-move.EyeHeight)) > riser {
			t.Fatalf("t=%.2f s at z %.2f: the eye is %.3f m over the floor, want within a step's rise of %.1f", played, p.Z, over, move.EyeHeight)
		}
		if !s.Contains(p.X, p.Y, p.Z) {
			t.Fatalf("t=%.2f s: pose (%.2f, %.2f, %.2f) is outside the scene", played, p.X, p.Y, p.Z)
		}
		for _, e := range events {
			if e.Kind == Arrived {
				arrived = append(arrived, p.Y)
			}
		}
		prev = p
	}
	if !r.Ended() {
		t.Fatal("the route did not end within 120 s")
	}
	want := []float32{2 + move.EyeHeight, move.EyeHeight}
	if len(arrived) != len(want) {
		t.Fatalf("arrived %d times, want %d", len(arrived), len(want))
	}
	for i := range want {
		if math.Abs(float64(arrived[i]-want[i])) > 1e-4 {
			t.Errorf("at stop %d the eye is at %.3f m, want %.3f", i, arrived[i], want[i])
		}
	}
}
