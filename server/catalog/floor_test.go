package catalog_test

import (
	"testing"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/server/catalog"
)

// The Hall of Supreme Harmony's throne platform is walkable: a guided
// group gathered round a guide on it stands on the platform and its
// steps, not in them or over the hall's floor, and the server accepts
// every place.
func TestTourSceneGivesTheFloor(t *testing.T) {
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	info, ok := cat.TourScene("fc-supreme-harmony")
	if !ok || info.Floor == nil {
		t.Fatalf("the tour scene has no floor (found %v)", ok)
	}
	if got := info.Floor(0, -7); got != 2 {
		t.Fatalf("the floor on the throne platform is %v m, want 2", got)
	}
	s, _ := cat.Scene("fc-supreme-harmony")
	guide := protocol.Pose{X: 0, Y: 3.6, Z: -7, Yaw: 0}
	for i, p := range formation.PlacesOn(guide, 12, info.Reach, info.Floor) {
		if want := info.Floor(p.X, p.Z) + 1.6; p.Y != want {
			t.Errorf("slot %d at (%.2f, %.2f): eye at %.2f m, want %.2f over the floor there", i+1, p.X, p.Z, p.Y, want)
		}
		if !s.Contains(p) {
			t.Errorf("slot %d: the server refuses its own place %+v", i+1, p)
		}
	}
}
