// Package move turns what a visitor asks for — walk, strafe, turn, look —
// into their next pose, sliding along walls and pillars instead of passing
// through them.
//
// A frame of the game gathers an Intent from the keyboard, the mouse and the
// touch screen and calls Step:
//
//	pose = move.Step(pose, intent, dt, compiledScene, scene.FloorAt)
//
// The eye stays EyeHeight above the floor underfoot: up a flight of steps
// onto a platform and down again, easing over a fraction of a second at
// each step instead of jumping.
//
// The package knows nothing of Ebiten or the page, so its rules are tested
// natively.
package move

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/protocol"
)

// Speeds and limits of a visitor's body.
const (
	// WalkSpeed is an unhurried museum pace, in metres a second.
	WalkSpeed = 1.4
	// RunSpeed, with Shift held, crosses a cave quickly without feeling like
	// a teleport.
	RunSpeed = 3.0
	// TurnSpeed is how fast the arrow keys turn, in radians a second: about
	// 110° a second, a comfortable head turn.
	TurnSpeed = 1.9
	// MaxPitch keeps the view short of straight up or down (85°), where yaw
	// stops meaning anything and the view would flip.
	MaxPitch = 85 * math.Pi / 180
	// Radius is the visitor's collision radius in metres: shoulders fit
	// through a cave's doorway, and the camera's near plane never reaches a
	// wall.
	Radius = 0.25
	// MaxDT bounds one step's time in seconds. After a stall (a hidden tab,
	// a slow frame) the visitor resumes where they were instead of jumping.
	MaxDT = 0.1
	// maxSubstep is the longest straight move handed to the collider at
	// once, half the radius, so no single move can skip over a thin wall.
	maxSubstep = Radius / 2
	// EyeHeight is how far above the floor underfoot a visitor's eye is,
	// in metres.
	EyeHeight = 1.6
	// EyeEase is the time constant, in seconds, with which the eye follows
	// a change of floor: 95% of a step's rise is climbed in three of them
	// (0.15 s), so stairs read as a climb, not a jolt at each edge, and
	// the eye still keeps up with a run up the steps.
	EyeEase = 0.05
	// eyeSettle is how near its height the eye snaps to it, in metres, so
	// that it comes to rest exactly.
	eyeSettle = 0.001
)

// MouseRadiansPerPixel is the mouse look sensitivity: radians of turn for
// each CSS pixel the mouse moves. A 1,400-pixel sweep turns about 180°.
const MouseRadiansPerPixel = 0.0022

// Collider moves a point horizontally from one place to another, stopping
// at or sliding along anything in the way. *scenes.Compiled is one.
type Collider interface {
	Slide(from, to mgl32.Vec3, radius float32) mgl32.Vec3
}

// Floor reports the height of the floor underfoot at (x, z), in metres:
// scenes.Scene.FloorAt is one.
type Floor func(x, z float32) float32

// Intent is what the visitor asks for during one frame.
type Intent struct {
	// Forward and Right are the walk direction relative to where the
	// visitor faces, each in -1…1. A vector longer than 1 is shortened to 1
	// so walking diagonally is no faster than walking straight; a shorter
	// one (a half-pushed touch stick) walks slower.
	Forward, Right float32
	// Turn turns at TurnSpeed: +1 turns left, -1 right.
	Turn float32
	// Run selects RunSpeed instead of WalkSpeed.
	Run bool
	// Yaw and Pitch are look changes in radians this frame, already scaled
	// from mouse or touch movement: +Yaw turns left, +Pitch looks up.
	Yaw, Pitch float32
}

// Add combines two intents, such as the keyboard's and a touch stick's.
func (in Intent) Add(o Intent) Intent {
	return Intent{
		Forward: in.Forward + o.Forward,
		Right:   in.Right + o.Right,
		Turn:    clamp(in.Turn+o.Turn, -1, 1),
		Run:     in.Run || o.Run,
		Yaw:     in.Yaw + o.Yaw,
		Pitch:   in.Pitch + o.Pitch,
	}
}

// Keys is the state of the walking keys during one frame.
type Keys struct {
	Forward, Back       bool // W / S, ↑ / ↓
	Left, Right         bool // A / D: strafe
	TurnLeft, TurnRight bool // ← / →
	Run                 bool // Shift
}

// Intent maps the keys to an intent: opposite keys cancel each other.
func (k Keys) Intent() Intent {
	return Intent{
		Forward: axis(k.Forward, k.Back),
		Right:   axis(k.Right, k.Left),
		Turn:    axis(k.TurnLeft, k.TurnRight),
		Run:     k.Run,
	}
}

func axis(pos, neg bool) float32 {
	var v float32
	if pos {
		v++
	}
	if neg {
		v--
	}
	return v
}

// Step returns the pose after dt seconds of the intent. Walking is
// horizontal; with a floor, the eye then eases toward EyeHeight above the
// floor where the visitor stands (see Settle), walking or standing still.
// Without one (nil), Y stays as it is. c may be nil for free movement.
func Step(p protocol.Pose, in Intent, dt float32, c Collider, floor Floor) protocol.Pose {
	dt = clamp(dt, 0, MaxDT)

	p.Yaw = WrapAngle(p.Yaw + in.Yaw + clamp(in.Turn, -1, 1)*TurnSpeed*dt)
	p.Pitch = clamp(p.Pitch+in.Pitch, -MaxPitch, MaxPitch)

	fwd, right := in.Forward, in.Right
	if l := float32(math.Hypot(float64(fwd), float64(right))); l > 1 {
		fwd, right = fwd/l, right/l
	}
	speed := float32(WalkSpeed)
	if in.Run {
		speed = RunSpeed
	}
	sin, cos := math.Sincos(float64(p.Yaw))
	s, co := float32(sin), float32(cos)
	// Yaw 0 faces -Z and yaw +π/2 faces -X (see protocol.Pose), so forward
	// is (-sin, 0, -cos) and right is (cos, 0, -sin).
	delta := mgl32.Vec3{-s*fwd + co*right, 0, -co*fwd - s*right}.Mul(speed * dt)
	if delta.Len() > 0 {
		pos := mgl32.Vec3{p.X, p.Y, p.Z}
		if c == nil {
			pos = pos.Add(delta)
		} else {
			n := int(math.Ceil(float64(delta.Len() / maxSubstep)))
			part := delta.Mul(1 / float32(n))
			for i := 0; i < n; i++ {
				pos = c.Slide(pos, pos.Add(part), Radius)
			}
		}
		p.X, p.Z = pos[0], pos[2]
	}
	if floor != nil {
		p.Y = Settle(p.Y, floor(p.X, p.Z)+EyeHeight, dt)
	}
	return p
}

// Settle returns the eye height y after dt seconds of easing toward want
// with time constant EyeEase. The ease is exponential, so any split of the
// same time gives the same height, at 20 frames a second or at 60; within
// a millimetre it arrives exactly. A y that is not a number (never set)
// goes to want at once.
func Settle(y, want, dt float32) float32 {
	if !finite(y) {
		return want
	}
	dt = clamp(dt, 0, MaxDT)
	y += (want - y) * float32(-math.Expm1(-float64(dt)/EyeEase))
	if abs(want-y) <= eyeSettle {
		return want
	}
	return y
}

// WrapAngle returns a in (-π, π].
func WrapAngle(a float32) float32 {
	r := float32(math.Remainder(float64(a), 2*math.Pi))
	if r <= -math.Pi {
		r += 2 * math.Pi
	}
	return r
}

func clamp(v, lo, hi float32) float32 {
	return max(lo, min(hi, v))
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func finite(v float32) bool {
	return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
}
