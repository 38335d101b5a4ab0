// Package touch turns fingers on a touch screen into walking and looking: a
// finger that lands on the left half of the screen is a virtual joystick
// (drag from where it landed to walk that way, further to walk faster), a
// finger on the right half drags the view.
//
// Each frame the game lists the touches that are down and calls Update; it
// draws the joystick from Stick. Coordinates are screen pixels with y down.
package touch

import (
	"math"

	"yunyou/client/move"
)

// Gesture sizes, relative to the shorter side of the screen so they feel
// the same on a phone and a tablet.
const (
	// StickRadius is how far a finger drags the joystick to walk at full
	// walking speed: a thumb's comfortable reach.
	StickRadius = 0.12
	// runBeyond is how far past the stick's rim, in stick radii, a drag must
	// go to run.
	runBeyond = 1.6
	// deadZone ignores the first part of a drag, so resting a thumb does not
	// creep.
	deadZone = 0.12
	// LookPerWidth is the turn, in radians, of a drag across the whole
	// width of the screen: half a turn.
	LookPerWidth = math.Pi
)

// Point is one finger that is down.
type Point struct {
	ID   int
	X, Y float32
}

type role int

const (
	roleStick role = iota + 1
	roleLook
)

type finger struct {
	role       role
	startX     float32 // where a stick finger landed
	startY     float32
	lastX      float32 // where a look finger was last frame
	lastY      float32
	seenUpdate uint64
}

// Pad tracks the fingers between frames. The zero value is ready to use.
type Pad struct {
	fingers map[int]*finger
	update  uint64

	stick                  bool
	stickX, stickY         float32 // origin of the active stick
	knobX, knobY           float32 // where its finger is
	stickRadiusPx, screenW float32
}

// Update takes the fingers that are down this frame on a screen of the
// given size and returns what they ask for. A finger keeps its role (stick
// or look) until it lifts, even if it crosses the middle of the screen.
func (p *Pad) Update(points []Point, width, height float32) move.Intent {
	if p.fingers == nil {
		p.fingers = make(map[int]*finger)
	}
	p.update++
	p.screenW = width
	p.stickRadiusPx = StickRadius * min(width, height)
	p.stick = false

	var in move.Intent
	stickTaken := false
	for _, f := range p.fingers {
		if f.role == roleStick {
			stickTaken = true
		}
	}
	for _, pt := range points {
		f, ok := p.fingers[pt.ID]
		if !ok {
			f = &finger{role: roleLook, startX: pt.X, startY: pt.Y, lastX: pt.X, lastY: pt.Y}
			// One stick at a time: a second finger on the left looks.
			if pt.X < width/2 && !stickTaken {
				f.role = roleStick
				stickTaken = true
			}
			p.fingers[pt.ID] = f
		}
		f.seenUpdate = p.update
		switch f.role {
		case roleStick:
			in = in.Add(p.stickIntent(f, pt))
		case roleLook:
			perPx := LookPerWidth / max(width, 1)
			in.Yaw -= (pt.X - f.lastX) * perPx
			in.Pitch -= (pt.Y - f.lastY) * perPx
			f.lastX, f.lastY = pt.X, pt.Y
		}
	}
	for id, f := range p.fingers {
		if f.seenUpdate != p.update {
			delete(p.fingers, id)
		}
	}
	return in
}

func (p *Pad) stickIntent(f *finger, pt Point) move.Intent {
	p.stick = true
	p.stickX, p.stickY = f.startX, f.startY
	p.knobX, p.knobY = pt.X, pt.Y
	r := max(p.stickRadiusPx, 1)
	dx, dy := (pt.X-f.startX)/r, (pt.Y-f.startY)/r
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l < deadZone {
		return move.Intent{}
	}
	// Rescale so the push starts from zero at the dead zone's edge and
	// reaches 1 at the rim.
	scale := min((l-deadZone)/(1-deadZone), 1) / l
	return move.Intent{Forward: -dy * scale, Right: dx * scale, Run: l > runBeyond}
}

// Stick reports the joystick to draw: its centre, where the finger is
// (clamped to the rim), its radius in pixels, and whether it is in use.
func (p *Pad) Stick() (cx, cy, knobX, knobY, radius float32, active bool) {
	if !p.stick {
		return 0, 0, 0, 0, 0, false
	}
	kx, ky := p.knobX-p.stickX, p.knobY-p.stickY
	if l := float32(math.Hypot(float64(kx), float64(ky))); l > p.stickRadiusPx {
		kx, ky = kx*p.stickRadiusPx/l, ky*p.stickRadiusPx/l
	}
	return p.stickX, p.stickY, p.stickX + kx, p.stickY + ky, p.stickRadiusPx, true
}

// Active reports whether any finger is down.
func (p *Pad) Active() bool { return len(p.fingers) > 0 }
