package formation

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/protocol"
	"yunyou/scenes"
)

// TestPlacesFollowTheFloor stands a guide on the Hall of Supreme Harmony's
// throne platform (opened to visitors: 2 m high, seven steps down its
// south side), facing the throne, with the group behind on the steps and
// the hall's floor: everyone's eye must be 1.6 m above the floor where
// they stand, not at the guide's height.
func TestPlacesFollowTheFloor(t *testing.T) {
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	var hall *scenes.Scene
	for _, s := range all {
		if s.ID == "fc-supreme-harmony" {
			hall = s
		}
	}
	if hall == nil {
		t.Fatal("no built-in scene fc-supreme-harmony")
	}
	for i := range hall.Solids {
		if hall.Solids[i].Name == "throne platform" {
			hall.Solids[i].Walkable = true
		}
	}
	c, err := hall.Compile()
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	reach := func(fx, fz, tx, tz float32) (float32, float32) {
		p := c.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, AvatarRadius)
		return p.X(), p.Z()
	}
	const eye = 1.6
	guide := protocol.Pose{X: 0, Y: 2 + eye, Z: -6, Yaw: 0}
	const n = 30
	level := Places(guide, n, reach)
	placed := PlacesOn(guide, n, reach, hall.FloorAt)
	onFloor, onSteps := 0, 0
	for i, p := range placed {
		if p.X != level[i].X || p.Z != level[i].Z {
			t.Errorf("slot %d: the floor moved the place from (%.2f, %.2f) to (%.2f, %.2f); it should only set the height",
				i+1, level[i].X, level[i].Z, p.X, p.Z)
		}
		floor := hall.FloorAt(p.X, p.Z)
		if math.Abs(float64(p.Y-(floor+eye))) > 1e-4 {
			t.Errorf("slot %d at (%.2f, %.2f): eye at %.3f m over a floor at %.2f m, want %.2f", i+1, p.X, p.Z, p.Y, floor, floor+eye)
		}
		if !hall.Contains(p.X, p.Y, p.Z) {
			t.Errorf("slot %d: the server would refuse the place (%.2f, %.2f, %.2f)", i+1, p.X, p.Y, p.Z)
		}
		switch {
		case floor == 0:
			onFloor++
		case floor < 2:
			onSteps++
		}
		if p.Yaw != guide.Yaw || p.Pitch != guide.Pitch {
			t.Errorf("slot %d looks (%.2f, %.2f), want the guide's view", i+1, p.Yaw, p.Pitch)
		}
	}
	if onFloor == 0 || onSteps == 0 {
		t.Errorf("%d members on the hall's floor and %d on the steps; the test wants some of each below the guide", onFloor, onSteps)
	}
	if got := PlaceOn(guide, 5, reach, hall.FloorAt); got != placed[4] {
		t.Errorf("PlaceOn slot 5 = %+v, PlacesOn gave %+v", got, placed[4])
	}
	if got := PlaceOn(guide, 5, reach, nil); got.Y != guide.Y {
		t.Errorf("with no floor, slot 5 stands at eye height %.2f, want the guide's %.2f", got.Y, guide.Y)
	}
}
