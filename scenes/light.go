package scenes

import (
	"fmt"
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

// MaxDoors is the most doors a scene's daylight may come through: the
// renderer passes the doors to its fragment shader in fixed-size arrays,
// and every door costs every pixel some work.
const MaxDoors = 8

// Limits on light values.
const (
	// maxTorchIntensity and maxDaylightIntensity bound what a curator may
	// write: beyond them every lit surface is white, which is a typo, not
	// a look.
	maxTorchIntensity    = 10
	maxDaylightIntensity = 50
	// doorProbe is how far, in metres, from a door's centre the checker
	// looks along the door's normal for the room the door opens into.
	doorProbe = 0.05
)

// Light describes how a scene is lit: an ambient term everywhere, an
// optional sky term from above, a torch carried at the visitor's eye whose
// light falls off with distance, optional daylight through doors, and fog
// that fades distant surfaces toward a colour.
type Light struct {
	Ambient Color `json:"ambient"`
	// Sky is light from above added to the ambient term: a surface facing
	// up receives all of it, a vertical wall half, a ceiling none. Zero
	// (or absent) adds nothing.
	Sky      Color     `json:"sky,omitzero"`
	Torch    Torch     `json:"torch"`
	Daylight *Daylight `json:"daylight,omitempty"`
	Fog      Fog       `json:"fog"`
}

// Torch is the light carried at the eye. Its light reaches zero at Range
// metres; Intensity scales it (1 lights a surface facing the eye at close
// range to its full texture colour).
type Torch struct {
	Color     Color   `json:"color"`
	Intensity float32 `json:"intensity"`
	Range     float32 `json:"range"`
}

// Fog blends surfaces toward Color between Near and Far metres from the eye.
type Fog struct {
	Color Color   `json:"color"`
	Near  float32 `json:"near"`
	Far   float32 `json:"far"`
}

// Daylight is light from outside coming in through doors. Every door is a
// rectangle glowing with Color × Intensity, lighting what it sees the way
// an opening onto a bright sky does: a surface receives the door's
// brightness times the share of its view the door fills (the exact form
// factor of the rectangle, so the light is soft, falls off with distance
// and is strongest on surfaces facing the door). Walls do not cast
// shadows from it. Intensity 1 lights a surface pressed against a door
// that fills half its view to half its texture colour; halls usually need
// 3 to 8.
type Daylight struct {
	Color     Color   `json:"color"`
	Intensity float32 `json:"intensity"`
	Doors     []Door  `json:"doors"`
}

// Door is a vertical rectangular opening through which daylight enters:
// its centre in metres, the horizontal direction it faces into the room
// (Normal, e.g. [0, 0, -1] for a door in a south wall), and its width and
// height in metres.
type Door struct {
	Center [3]float32 `json:"center"`
	Normal [3]float32 `json:"normal"`
	Width  float32    `json:"width"`
	Height float32    `json:"height"`
}

// Corners returns the door's corners counter-clockwise as seen from inside
// the room (bottom left, bottom right, top right, top left), so the
// rectangle's front faces into the room.
func (d Door) Corners() [4]mgl32.Vec3 {
	n := mgl32.Vec3{d.Normal[0], 0, d.Normal[2]}.Normalize()
	right := up.Cross(n) // a viewer inside looks along -n
	c := mgl32.Vec3(d.Center)
	w, h := right.Mul(d.Width/2), up.Mul(d.Height/2)
	return [4]mgl32.Vec3{c.Sub(w).Sub(h), c.Add(w).Sub(h), c.Add(w).Add(h), c.Sub(w).Add(h)}
}

func (c checker) light(s *Scene, l *Light) error {
	for _, col := range []struct {
		field string
		c     Color
	}{{"light.ambient", l.Ambient}, {"light.sky", l.Sky}, {"light.torch.color", l.Torch.Color}, {"light.fog.color", l.Fog.Color}} {
		if err := c.color(col.field, col.c); err != nil {
			return err
		}
	}
	if !(l.Torch.Intensity >= 0 && l.Torch.Intensity <= maxTorchIntensity) {
		return c.errf("light.torch.intensity", "use a number from 0 (no torch) to about 2", "%v is out of range", l.Torch.Intensity)
	}
	if !(l.Torch.Range > 0 && l.Torch.Range <= maxSize) {
		return c.errf("light.torch.range", "give the distance in metres at which the torch light reaches zero, e.g. 10",
			"%v is not a positive distance", l.Torch.Range)
	}
	if !(l.Fog.Near >= 0 && l.Fog.Far > l.Fog.Near && l.Fog.Far <= 10*maxSize) {
		return c.errf("light.fog", "give near and far distances in metres with 0 ≤ near < far, e.g. \"near\": 5, \"far\": 20",
			"near %v and far %v do not make a fog range", l.Fog.Near, l.Fog.Far)
	}
	if l.Daylight != nil {
		return c.daylight(s, l.Daylight)
	}
	return nil
}

func (c checker) color(field string, col Color) error {
	for _, v := range col {
		if !(v >= 0 && v <= 1) {
			return c.errf(field, "write three numbers from 0 to 1: [red, green, blue]", "%v is not a colour", col)
		}
	}
	return nil
}

func (c checker) daylight(s *Scene, d *Daylight) error {
	if err := c.color("light.daylight.color", d.Color); err != nil {
		return err
	}
	if d.Color == (Color{}) {
		return c.errf("light.daylight.color", "give the daylight's colour, e.g. [1, 0.95, 0.85] for warm sunlight, or remove \"daylight\"",
			"black daylight lights nothing")
	}
	if !(d.Intensity > 0 && d.Intensity <= maxDaylightIntensity) {
		return c.errf("light.daylight.intensity", fmt.Sprintf("use a number above 0 and at most %d; halls usually need 3 to 8", maxDaylightIntensity),
			"%v is out of range", d.Intensity)
	}
	if len(d.Doors) == 0 {
		return c.errf("light.daylight.doors", "add at least one door: {\"center\": [x, y, z], \"normal\": [x, 0, z], \"width\": w, \"height\": h}, or remove \"daylight\"",
			"daylight needs a door to come in through")
	}
	if len(d.Doors) > MaxDoors {
		return c.errf("light.daylight.doors", fmt.Sprintf("keep the %d largest doors and remove the rest", MaxDoors),
			"%d doors are more than the renderer lights (%d)", len(d.Doors), MaxDoors)
	}
	for i := range d.Doors {
		if err := c.door(s, fmt.Sprintf("light.daylight.doors[%d]", i), &d.Doors[i]); err != nil {
			return err
		}
	}
	return nil
}

func (c checker) door(s *Scene, field string, d *Door) error {
	for _, v := range d.Center {
		if !finite(v) || abs(v) > maxSize {
			return c.errf(field+".center", fmt.Sprintf("give the middle of the opening [x, y, z] in metres, within ±%d", maxSize),
				"%v is not a position", d.Center)
		}
	}
	n := d.Normal
	if !finite(n[0]) || !finite(n[1]) || !finite(n[2]) || n[1] != 0 || n[0]*n[0]+n[2]*n[2] < 1e-6 {
		return c.errf(field+".normal", "doors are vertical: give the horizontal direction the door faces into the room, e.g. [0, 0, -1] for a door in a south wall",
			"%v is not a horizontal direction", n)
	}
	for _, sz := range []struct {
		name string
		v    float32
	}{{"width", d.Width}, {"height", d.Height}} {
		if !(sz.v >= minSize && sz.v <= maxSize) {
			return c.errf(field+"."+sz.name, "give the opening's size in metres, e.g. \"width\": 3, \"height\": 4",
				"%v is not a positive size", sz.v)
		}
	}
	l := float32(math.Hypot(float64(n[0]), float64(n[2])))
	dir := mgl32.Vec3{n[0] / l, 0, n[2] / l}
	in := mgl32.Vec3(d.Center).Add(dir.Mul(doorProbe))
	out := mgl32.Vec3(d.Center).Sub(dir.Mul(doorProbe))
	switch {
	case s.insideRoom(in):
	case s.insideRoom(out):
		// 0-v rather than -v, which turns 0 into "-0" in the message.
		return c.errf(field+".normal", fmt.Sprintf("turn it round: [%g, 0, %g]", 0-n[0], 0-n[2]),
			"%v points out of the room, but it must point into the room the light enters", n)
	default:
		return c.errf(field+".center", "put the door's centre on a wall of a room, e.g. half its height above the floor",
			"%v is not on the edge of any room", d.Center)
	}
	return nil
}

// insideRoom reports whether p lies within a room's box (walls to the top
// of its ceiling).
func (s *Scene) insideRoom(p mgl32.Vec3) bool {
	for i := range s.Rooms {
		r := &s.Rooms[i]
		if p[0] >= r.Min[0] && p[0] <= r.Max[0] && p[2] >= r.Min[2] && p[2] <= r.Max[2] && p[1] >= r.Min[1] && p[1] <= r.top() {
			return true
		}
	}
	return false
}
