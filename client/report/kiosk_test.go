package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestKioskState: a kiosk's state carries "kiosk": {"mode", "stop",
// "stops"}, with stop -1 between stops; other clients' state has no
// "kiosk" key at all.
func TestKioskState(t *testing.T) {
	var b Board
	b.Publish(&State{Scene: "mogao-257", Kiosk: &Kiosk{Mode: "attract", Stop: -1, Stops: 9}})
	var got struct {
		Kiosk *struct {
			Mode  *string `json:"mode"`
			Stop  *int    `json:"stop"`
			Stops *int    `json:"stops"`
		} `json:"kiosk"`
	}
	if err := json.Unmarshal([]byte(b.JSON()), &got); err != nil {
		t.Fatal(err)
	}
	k := got.Kiosk
	if k == nil || k.Mode == nil || k.Stop == nil || k.Stops == nil || *k.Mode != "attract" || *k.Stop != -1 || *k.Stops != 9 {
		t.Errorf("kiosk state = %s; want mode attract, stop -1, stops 9", b.JSON())
	}
	b.Publish(&State{Scene: "mogao-257"})
	if s := b.JSON(); strings.Contains(s, `"kiosk"`) {
		t.Errorf("a visitor's state mentions a kiosk: %s", s)
	}
}

// TestKioskStateIsCopied: the game reuses its kiosk state every frame; the
// board keeps what was published until the next Publish.
func TestKioskStateIsCopied(t *testing.T) {
	var b Board
	k := Kiosk{Mode: "interactive", Stop: 2, Stops: 9}
	b.Publish(&State{Scene: "mogao-257", Kiosk: &k})
	k.Stop = 5
	if s := b.JSON(); !strings.Contains(s, `"stop":2`) {
		t.Errorf("state after the publisher changed its copy: %s; want stop 2", s)
	}
}
