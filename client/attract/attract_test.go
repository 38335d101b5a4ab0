package attract

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/client/move"
	"yunyou/protocol"
	"yunyou/scenes"
)

// frame is the frame time of the tests' playback: 20 frames a second, a
// kiosk with software WebGL.
const frame = 0.05

// bodyRadius is a visitor's radius: the gliding camera must keep it clear
// of walls like a person walking.
const bodyRadius = 0.25

func builtin(t *testing.T) []*scenes.Scene {
	t.Helper()
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return all
}

func finitePose(p protocol.Pose) bool {
	for _, v := range []float32{p.X, p.Y, p.Z, p.Yaw, p.Pitch} {
		if !finite(float64(v)) {
			return false
		}
	}
	return true
}

func dist(a, b protocol.Pose) float64 {
	return float64(mgl32.Vec3{a.X - b.X, a.Y - b.Y, a.Z - b.Z}.Len())
}

func angle(a, b float32) float64 { return math.Abs(float64(move.WrapAngle(a - b))) }

// pathLength returns the length of the straight legs from the spawn
// through every stop.
func pathLength(r *Route) float64 {
	var l float64
	prev := r.start
	for _, s := range r.stops {
		l += dist(prev, s.Pose)
		prev = s.Pose
	}
	return l
}

// TestPlayBuiltinScenes plays every built-in scene's route at 20 frames a
// second and checks what a person watching the kiosk would see: the
// camera stays inside the scene and never crosses a wall, moves and turns
// without jumps, looks where it walks, reaches every stop in order with
// its view and hotspot, pauses there, and ends after the last dwell.
func TestPlayBuiltinScenes(t *testing.T) {
	for _, s := range builtin(t) {
		t.Run(s.ID, func(t *testing.T) {
			world, err := s.Compile()
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			r := FromScene(s)
			if r.Len() != len(s.Tour) {
				t.Fatalf("Len() = %d, want %d stops", r.Len(), len(s.Tour))
			}
			var dwells float64
			for _, ts := range s.Tour {
				dwells += float64(ts.Dwell)
			}
			// Walking at WalkSpeed and pausing take at least this long;
			// speeding up, slowing down and turning add a little per stop.
			base := pathLength(r)/WalkSpeed + dwells
			slack := float64(len(s.Tour)+1) * (WalkSpeed/WalkAccel + 2*math.Pi/TurnRate)
			if d := r.Duration(); d < base || d > base+slack {
				t.Errorf("Duration() = %.1f s; want between %.1f (path %.1f m at %.1f m/s plus %.0f s of dwells) and %.1f", d, base, pathLength(r), WalkSpeed, dwells, base+slack)
			}

			var events []Event
			var arrived []int
			prev := r.Pose()
			if prev != fromSpawn(s.Spawn) {
				t.Errorf("starts at %+v, want the spawn %+v", prev, s.Spawn)
			}
			played, ends := 0.0, 0
			limit := r.Duration() + 10
			for played < limit && ends == 0 {
				events = r.Advance(frame, events[:0])
				played += frame
				p := r.Pose()
				if !finitePose(p) {
					t.Fatalf("t=%.2f: pose %+v is not finite", played, p)
				}
				if !s.Contains(p.X, p.Y, p.Z) {
					t.Fatalf("t=%.2f: pose (%.2f, %.2f, %.2f) is outside the scene", played, p.X, p.Y, p.Z)
				}
				from, to := mgl32.Vec3{prev.X, prev.Y, prev.Z}, mgl32.Vec3{p.X, p.Y, p.Z}
				if got := world.Slide(from, to, bodyRadius); got.Sub(to).Len() > 0.02 {
					t.Fatalf("t=%.2f: the camera moved from (%.2f, %.2f) to (%.2f, %.2f) through a wall or solid (a body stops at (%.2f, %.2f))",
						played, prev.X, prev.Z, p.X, p.Z, got.X(), got.Z())
				}
				step := dist(prev, p)
				if step > WalkSpeed*frame+1e-4 {
					t.Fatalf("t=%.2f: the camera jumped %.3f m in one frame; walking at %.1f m/s moves at most %.3f", played, step, WalkSpeed, WalkSpeed*frame)
				}
				// A smoothstep turn peaks at 1.5 times its average rate.
				if d := angle(prev.Yaw, p.Yaw); d > 1.5*TurnRate*frame+1e-4 {
					t.Fatalf("t=%.2f: the view swung %.3f rad in one frame", played, d)
				}
				// A frame that ends a walk may start the next turn: allow
				// the little an eased turn does in its first frame.
				if step > 1e-4 {
					heading := float32(math.Atan2(-float64(p.X-prev.X), -float64(p.Z-prev.Z)))
					if angle(heading, p.Yaw) > 0.01 || math.Abs(float64(p.Pitch)) > 0.01 {
						t.Fatalf("t=%.2f: walking toward yaw %.3f but looking at yaw %.3f pitch %.3f", played, heading, p.Yaw, p.Pitch)
					}
					if r.Stop() != -1 {
						t.Fatalf("t=%.2f: Stop() = %d while walking, want -1", played, r.Stop())
					}
				}
				for _, e := range events {
					switch e.Kind {
					case Arrived:
						i := len(arrived)
						if e.Index != i {
							t.Fatalf("arrived at stop %d, want stop %d next", e.Index, i)
						}
						want := s.Tour[i]
						if e.Hotspot != want.Hotspot || e.Dwell != want.Dwell || e.Count != len(s.Tour) {
							t.Errorf("arrival %d = %+v, want hotspot %q dwell %v count %d", i, e, want.Hotspot, want.Dwell, len(s.Tour))
						}
						if d := dist(p, fromSpawn(want.Pose)); d > 1e-3 || angle(p.Yaw, want.Pose.Yaw) > 1e-3 || math.Abs(float64(p.Pitch-want.Pose.Pitch)) > 1e-3 {
							t.Errorf("at arrival %d the camera is at %+v, want the stop's pose %+v", i, p, want.Pose)
						}
						if r.Stop() != i {
							t.Errorf("Stop() = %d on arriving at stop %d", r.Stop(), i)
						}
						arrived = append(arrived, i)
					case End:
						ends++
						if len(arrived) != len(s.Tour) {
							t.Errorf("the route ended after %d of %d stops", len(arrived), len(s.Tour))
						}
					}
				}
				prev = p
			}
			if ends != 1 || !r.Ended() {
				t.Fatalf("End reported %d times after %.1f s (Ended %v); want once", ends, played, r.Ended())
			}
			if math.Abs(played-r.Duration()) > frame+1e-6 {
				t.Errorf("ended after %.2f s of play, Duration() says %.2f", played, r.Duration())
			}
			// After the end the camera stays at the last stop.
			last := r.Pose()
			if events = r.Advance(frame, events[:0]); len(events) != 0 || r.Pose() != last {
				t.Errorf("after the end: events %v, pose %+v (was %+v); want nothing more", events, r.Pose(), last)
			}
		})
	}
}

// playFor plays seconds of route in frames of the given lengths, cycling
// through them, and returns the events.
func playFor(r *Route, seconds float64, frames ...float32) []Event {
	var all []Event
	played := 0.0
	for i := 0; played < seconds-1e-9; i++ {
		dt := frames[i%len(frames)]
		if rest := seconds - played; float64(dt) > rest {
			dt = float32(rest)
		}
		all = r.Advance(dt, all)
		played += float64(dt)
	}
	return all
}

// TestFrameRateIndependent: a kiosk at 20 frames a second and one at 60
// (or with uneven frames) show the same view at the same moment and
// report the same arrivals.
func TestFrameRateIndependent(t *testing.T) {
	s := sceneByID(t, "mogao-257")
	for _, at := range []float64{1, 7.3, 25, 61.2, 130} {
		a, b, c := FromScene(s), FromScene(s), FromScene(s)
		ea := playFor(a, at, 0.05)
		eb := playFor(b, at, 1.0/60)
		ec := playFor(c, at, 0.01, 0.2, 0.033, 0.07)
		for name, r := range map[string]*Route{"60 Hz": b, "uneven": c} {
			if d := dist(a.Pose(), r.Pose()); d > 1e-3 || angle(a.Pose().Yaw, r.Pose().Yaw) > 1e-3 {
				t.Errorf("t=%.1f: %s pose %+v, 20 Hz pose %+v", at, name, r.Pose(), a.Pose())
			}
		}
		if len(ea) != len(eb) || len(ea) != len(ec) {
			t.Errorf("t=%.1f: %d, %d and %d events at 20 Hz, 60 Hz and uneven frames", at, len(ea), len(eb), len(ec))
		}
	}
}

// TestLongFrameSkipsNothing: one long stall (a hidden tab) neither skips
// a stop nor moves the camera more than MaxFrame's worth.
func TestLongFrameSkipsNothing(t *testing.T) {
	r := FromScene(sceneByID(t, "mogao-249"))
	before := r.Pose()
	events := r.Advance(3600, nil)
	if len(events) > 1 {
		t.Errorf("an hour-long frame reported %d events, want at most one stop", len(events))
	}
	if d := dist(before, r.Pose()); d > WalkSpeed*MaxFrame {
		t.Errorf("an hour-long frame moved the camera %.2f m", d)
	}
	for _, dt := range []float32{float32(math.NaN()), float32(math.Inf(1)), -1} {
		p := r.Pose()
		r.Advance(dt, nil)
		if !finitePose(r.Pose()) || dist(p, r.Pose()) > WalkSpeed*MaxFrame {
			t.Errorf("Advance(%v) moved the camera from %+v to %+v", dt, p, r.Pose())
		}
	}
}

func sceneByID(t *testing.T, id string) *scenes.Scene {
	t.Helper()
	for _, s := range builtin(t) {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no built-in scene %s", id)
	return nil
}

// walkTo plays until the route stops moving and returns the arrivals.
func walkTo(t *testing.T, s *scenes.Scene, r *Route) []int {
	t.Helper()
	var got []int
	var events []Event
	for n := 0; r.Moving(); n++ {
		if n > 1e5 {
			t.Fatal("a step never arrives")
		}
		events = r.Advance(frame, events[:0])
		p := r.Pose()
		if !finitePose(p) || !s.Contains(p.X, p.Y, p.Z) {
			t.Fatalf("stepping: pose %+v is outside the scene", p)
		}
		for _, e := range events {
			if e.Kind == End {
				t.Errorf("a step reported the route's end")
			}
			got = append(got, e.Index)
		}
	}
	return got
}

// TestStepVisitsHotspotStops: in route-walk mode, next and previous walk
// from stop to stop with a hotspot, passing waypoints, and stop at the
// ends.
func TestStepVisitsHotspotStops(t *testing.T) {
	for _, s := range builtin(t) {
		t.Run(s.ID, func(t *testing.T) {
			var want []int
			for i, ts := range s.Tour {
				if ts.Hotspot != "" {
					want = append(want, i)
				}
			}
			r := FromScene(s)
			r.Hold()
			for _, i := range want {
				r.Step(+1)
				got := walkTo(t, s, r)
				if len(got) != 1 || got[0] != i {
					t.Fatalf("Step(+1) arrived at %v, want stop %d", got, i)
				}
				if r.Stop() != i || dist(r.Pose(), fromSpawn(s.Tour[i].Pose)) > 1e-3 || angle(r.Pose().Yaw, s.Tour[i].Pose.Yaw) > 1e-3 {
					t.Fatalf("after Step(+1) to stop %d: Stop() = %d, pose %+v, want %+v", i, r.Stop(), r.Pose(), s.Tour[i].Pose)
				}
			}
			r.Step(+1)
			if got := walkTo(t, s, r); len(got) != 0 || r.Stop() != want[len(want)-1] {
				t.Errorf("Step(+1) at the last stop went to %v (Stop %d); want to stay", got, r.Stop())
			}
			for k := len(want) - 2; k >= 0; k-- {
				r.Step(-1)
				if got := walkTo(t, s, r); len(got) != 1 || got[0] != want[k] {
					t.Fatalf("Step(-1) arrived at %v, want stop %d", got, want[k])
				}
			}
			r.Step(-1)
			if got := walkTo(t, s, r); len(got) != 0 || r.Stop() != want[0] {
				t.Errorf("Step(-1) at the first stop went to %v (Stop %d); want to stay", got, r.Stop())
			}
		})
	}
}

// TestStepWhileMoving: two quick taps go two stops on; a step back in the
// middle of a leg walks back along it; stepping from the attract play
// starts where the camera is.
func TestStepWhileMoving(t *testing.T) {
	s := sceneByID(t, "mogao-257")
	r := FromScene(s)
	r.Hold()
	r.Step(+1)
	r.Advance(frame, nil)
	r.Step(+1)
	if got := walkTo(t, s, r); len(got) != 1 || got[0] != 1 {
		t.Errorf("two quick Step(+1) from the start arrived at %v, want stop 1", got)
	}
	r.Step(+1) // toward stop 2
	playFor(r, 3, frame)
	if r.Stop() != -1 {
		t.Fatalf("3 s into a 3 m walk Stop() = %d, want -1", r.Stop())
	}
	r.Step(-1)
	if got := walkTo(t, s, r); len(got) != 1 || got[0] != 1 {
		t.Errorf("Step(-1) mid-walk arrived at %v, want stop 1 again", got)
	}

	// Held in the middle of a leg, next is the stop ahead and previous
	// the stop behind.
	for _, tc := range []struct {
		delta int
		want  int
	}{{+1, 1}, {-1, 0}} {
		r = FromScene(s)
		r.Hold()
		r.Step(+1)
		walkTo(t, s, r) // at stop 0, where the spawn is
		r.Step(+1)      // toward stop 1, 2.8 m away
		playFor(r, 2, frame)
		r.Hold()
		if r.Stop() != -1 {
			t.Fatalf("held 2 s into a walk: Stop() = %d, want -1", r.Stop())
		}
		r.Step(tc.delta)
		if got := walkTo(t, s, r); len(got) != 1 || got[0] != tc.want {
			t.Errorf("held between stops 0 and 1, Step(%+d) arrived at %v, want stop %d", tc.delta, got, tc.want)
		}
	}

	// The attract play is interrupted mid-walk between stops 5 and 6
	// (round the pillar); a step continues from there.
	r = FromScene(s)
	for r.Stop() != 5 {
		r.Advance(frame, nil)
	}
	for r.Stop() == 5 {
		r.Advance(frame, nil)
	}
	playFor(r, 2, frame)
	r.Hold()
	held := r.Pose()
	playFor(r, 5, frame)
	if r.Pose() != held {
		t.Errorf("Hold: the camera moved from %+v to %+v", held, r.Pose())
	}
	r.Step(+1)
	if got := walkTo(t, s, r); len(got) != 1 || got[0] != 7 {
		t.Errorf("Step(+1) after the attract play arrived at %v, want stop 7 (past the waypoint)", got)
	}
}

// TestReset: a new visitor's kiosk starts again from the spawn and replays
// the same route.
func TestReset(t *testing.T) {
	s := sceneByID(t, "fc-preserving-harmony")
	r := FromScene(s)
	first := playFor(r, 200, frame)
	r.Reset()
	if r.Pose() != fromSpawn(s.Spawn) || r.Stop() != -1 || r.Ended() {
		t.Fatalf("after Reset: pose %+v, Stop %d, Ended %v; want the spawn, -1, false", r.Pose(), r.Stop(), r.Ended())
	}
	again := playFor(r, 200, frame)
	if len(first) == 0 || len(first) != len(again) {
		t.Fatalf("before Reset %d events, after %d", len(first), len(again))
	}
	for i := range first {
		if first[i] != again[i] {
			t.Errorf("event %d: %+v before Reset, %+v after", i, first[i], again[i])
		}
	}
	// Reset after route walking plays the whole route again.
	r.Hold()
	r.Step(+2)
	walkTo(t, s, r)
	r.Reset()
	if ev := playFor(r, r.Duration()+1, frame); len(ev) != len(s.Tour)+1 || ev[len(ev)-1].Kind != End {
		t.Errorf("after Reset from route walking: %d events, want %d arrivals and the end", len(ev), len(s.Tour))
	}
}

// TestNoTour: a scene without a tour is shown from its spawn for a while,
// then the route ends so the kiosk moves on.
func TestNoTour(t *testing.T) {
	start := protocol.Pose{X: 1, Y: 1.6, Z: 2, Yaw: 0.5}
	r := New(start, nil)
	events := playFor(r, emptyHold+1, frame)
	if len(events) != 1 || events[0].Kind != End || r.Pose() != start {
		t.Errorf("events %+v, pose %+v; want only the end, at the start", events, r.Pose())
	}
	r.Step(+1)
	if r.Moving() || r.Pose() != start {
		t.Errorf("Step on an empty route moved to %+v", r.Pose())
	}
}

// TestWalkProfile: a walk starts and ends at rest, never exceeds
// WalkSpeed, and covers exactly its distance.
func TestWalkProfile(t *testing.T) {
	for _, d := range []float64{0.01, 0.3, WalkSpeed * WalkSpeed / WalkAccel, 2, 27} {
		total := walkTime(d)
		if got := walked(d, total); math.Abs(got-d) > 1e-9 {
			t.Errorf("walk of %.2f m covers %.4f", d, got)
		}
		prev := 0.0
		for tt := 0.0; tt <= total; tt += 0.01 {
			w := walked(d, tt)
			if w < prev-1e-12 || w-prev > WalkSpeed*0.01+1e-9 {
				t.Fatalf("walk of %.2f m: from %.4f to %.4f m at t=%.2f", d, prev, w, tt)
			}
			prev = w
		}
		if first := walked(d, 0.01); first > WalkAccel*0.01*0.01 {
			t.Errorf("walk of %.2f m starts with a jolt: %.5f m in 10 ms", d, first)
		}
	}
}
