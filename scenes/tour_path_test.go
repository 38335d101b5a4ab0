package scenes

import (
	"fmt"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// TestTourRoutesWalkClear checks that a camera gliding in straight lines
// from the spawn to the first tour stop and from each stop to the next
// never passes through a wall, a pillar or a platform: every leg must be
// walkable by a visitor's body. Where a leg is blocked, the scene needs a
// waypoint stop (a short dwell without a hotspot) to walk round the
// obstacle.
func TestTourRoutesWalkClear(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	for _, s := range all {
		t.Run(s.ID, func(t *testing.T) {
			if len(s.Tour) == 0 {
				t.Skip("no tour")
			}
			c, err := s.Compile()
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			at := func(p Spawn) mgl32.Vec3 { return mgl32.Vec3{p.X, p.Y, p.Z} }
			from, name := at(s.Spawn), "spawn"
			for i, stop := range s.Tour {
				to := at(stop.Pose)
				got := c.Slide(from, to, tourWalkRadius)
				if d := got.Sub(to).Len(); d > tourWalkTolerance {
					t.Errorf("walk %s (%.2f, %.2f) → tour[%d] (%.2f, %.2f) is blocked: it stops at (%.2f, %.2f), %.2f m short; add a waypoint stop round the obstacle",
						name, from.X(), from.Z(), i, to.X(), to.Z(), got.X(), got.Z(), d)
				}
				if at, d := straightClearance(c, from, to); d > tourWalkTolerance {
					t.Errorf("walk %s (%.2f, %.2f) → tour[%d] (%.2f, %.2f) grazes a wall or solid at (%.2f, %.2f): a body there is pushed %.2f m off the straight line; add a waypoint stop round the obstacle",
						name, from.X(), from.Z(), i, to.X(), to.Z(), at.X(), at.Y(), d)
				}
				from, name = to, fmt.Sprintf("tour[%d]", i)
			}
		})
	}
}

// TestTourWalkCheckCatchesWalls makes sure the walk check above can fail:
// in Cave 257 a straight line from the entrance to the back of the central
// pillar goes through it.
func TestTourWalkCheckCatchesWalls(t *testing.T) {
	s, c := cave257(t)
	from := mgl32.Vec3{s.Spawn.X, 1.6, 0}
	to := mgl32.Vec3{-4, 1.6, 0} // behind the pillar, which stands at x = -1.7
	got := c.Slide(from, to, tourWalkRadius)
	if d := got.Sub(to).Len(); d <= tourWalkTolerance {
		t.Errorf("a walk through the central pillar reached (%.2f, %.2f); Slide should stop at the pillar", got.X(), got.Z())
	}
	if _, d := straightClearance(c, from, to); d <= tourWalkTolerance {
		t.Errorf("the straight line through the central pillar counts as clear (pushed %.2f m)", d)
	}
	// A clear leg in front of the pillar passes both checks.
	clear := mgl32.Vec3{1, 1.6, 2}
	if got := c.Slide(from, clear, tourWalkRadius); got.Sub(clear).Len() > tourWalkTolerance {
		t.Errorf("a clear walk to (1, 2) stopped at (%.2f, %.2f)", got.X(), got.Z())
	}
	if at, d := straightClearance(c, from, clear); d > tourWalkTolerance {
		t.Errorf("a clear walk to (1, 2) is pushed %.2f m at (%.2f, %.2f)", d, at.X(), at.Y())
	}
}
