package scenes

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// daylightHall reads the daylight test scene in testdata.
func daylightHall(t testing.TB) *Scene {
	t.Helper()
	data, err := os.ReadFile("testdata/daylight-hall.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("testdata/daylight-hall.json", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return s
}

func TestDaylightSceneParses(t *testing.T) {
	s := daylightHall(t)
	d := s.Light.Daylight
	if d == nil || len(d.Doors) != 2 {
		t.Fatalf("daylight = %+v, want two doors", d)
	}
	if s.Light.Sky == (Color{}) {
		t.Error("the sky tint was not read")
	}
	c, err := s.Compile()
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	if c.Light.Daylight == nil || c.Light.Daylight.Intensity != 12 {
		t.Errorf("the compiled scene lost its daylight: %+v", c.Light.Daylight)
	}
}

// TestDoorCornersFaceIntoTheRoom checks the door rectangle: the right size,
// centred, upright, and wound so its front faces the way the door does.
func TestDoorCornersFaceIntoTheRoom(t *testing.T) {
	tests := []Door{
		{Center: [3]float32{0, 2, 5}, Normal: [3]float32{0, 0, -1}, Width: 3, Height: 4},
		{Center: [3]float32{8, 1.5, -2}, Normal: [3]float32{-2, 0, 0}, Width: 1.2, Height: 3},
		{Center: [3]float32{1, 1, 1}, Normal: [3]float32{1, 0, 1}, Width: 2, Height: 2},
	}
	for _, d := range tests {
		c := d.Corners()
		want := mgl32.Vec3{d.Normal[0], 0, d.Normal[2]}.Normalize()
		if n := newellNormal(c[:]); n.Sub(want).Len() > 1e-5 {
			t.Errorf("door %+v: corners wind around %v, want the door's normal %v", d, n, want)
		}
		if w := c[1].Sub(c[0]).Len(); abs(w-d.Width) > 1e-5 {
			t.Errorf("door %+v: %v wide", d, w)
		}
		if h := c[3].Y() - c[0].Y(); abs(h-d.Height) > 1e-5 || c[3].X() != c[0].X() || c[3].Z() != c[0].Z() {
			t.Errorf("door %+v: not upright or %v high: %v", d, h, c)
		}
		mid := c[0].Add(c[2]).Mul(0.5)
		if mid.Sub(mgl32.Vec3(d.Center)).Len() > 1e-5 {
			t.Errorf("door %+v: centred at %v", d, mid)
		}
	}
}

// TestDaylightErrors checks every daylight mistake names the field and the
// fix.
func TestDaylightErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/daylight-hall.json")
	if err != nil {
		t.Fatal(err)
	}
	good := string(data)
	door0 := `{"center": [0, 2, 5], "normal": [0, 0, -1], "width": 3, "height": 4}`
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"sky not a colour", `"sky": [0.05, 0.06, 0.08]`, `"sky": [0.05, 2, 0.08]`,
			[]string{"light.sky:", "not a colour", "three numbers from 0 to 1"}},
		{"black daylight", `"color": [1.0, 0.93, 0.8]`, `"color": [0, 0, 0]`,
			[]string{"light.daylight.color:", "lights nothing"}},
		{"no intensity", `"intensity": 12`, `"intensity": 0`,
			[]string{"light.daylight.intensity:", "0 is out of range", "3 to 8"}},
		{"empty doors", door0 + ",", "", nil},
		{"vertical normal", `"normal": [0, 0, -1]`, `"normal": [0, -1, 0]`,
			[]string{"light.daylight.doors[0].normal:", "not a horizontal direction", "doors are vertical"}},
		{"zero normal", `"normal": [0, 0, -1]`, `"normal": [0, 0, 0]`,
			[]string{"light.daylight.doors[0].normal:", "not a horizontal direction"}},
		{"normal pointing out", `"normal": [-1, 0, 0]`, `"normal": [1, 0, 0]`,
			[]string{"light.daylight.doors[1].normal:", "points out of the room", "turn it round: [-1, 0, 0]"}},
		{"door off every wall", `"center": [8, 1.5, -2]`, `"center": [20, 1.5, -2]`,
			[]string{"light.daylight.doors[1].center:", "not on the edge of any room", "on a wall"}},
		{"door with no width", `"width": 1.2`, `"width": 0`,
			[]string{"light.daylight.doors[1].width:", "0 is not a positive size"}},
		{"misspelt door key", `"height": 4}`, `"hieght": 4}`,
			[]string{"hieght: is not a known key"}},
		{"too many doors", door0, strings.Repeat(door0+", ", MaxDoors) + door0,
			[]string{"light.daylight.doors:", "10 doors are more than the renderer lights (8)", "keep the 8 largest"}},
	}
	for _, tt := range tests {
		src := strings.Replace(good, tt.old, tt.new, 1)
		if src == good {
			t.Fatalf("%s: the replacement did not change the scene", tt.name)
		}
		_, err := Parse("hall.json", []byte(src))
		if tt.want == nil {
			// Removing a door is fine: the other still lights the hall.
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("%s: error %v (%T) is not *scenes.Error", tt.name, err, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
	}
	noDoors := strings.Replace(good, `"doors": [`+"\n        "+door0+",", `"doors": [`, 1)
	noDoors = strings.Replace(noDoors, `{"center": [8, 1.5, -2], "normal": [-1, 0, 0], "width": 1.2, "height": 3}`, "", 1)
	if _, err := Parse("hall.json", []byte(noDoors)); err == nil || !strings.Contains(err.Error(), "light.daylight.doors: daylight needs a door") {
		t.Errorf("daylight without doors: %v", err)
	}
}
