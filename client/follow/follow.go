// Package follow moves a visitor's camera in follow mode: the camera glides
// to the visitor's place in the guide's group and looks where the guide
// looks, while the visitor may still turn the view to look around.
//
//	var f follow.Follower
//	f.Look(dYaw, dPitch)                   // on mouse or touch drag
//	cam = f.Step(cam, place, dt)           // every frame; place from yunyou/formation
//	if f.LookingAround() { showSnapHint() }
//	f.Snap()                               // on "look with the guide"
package follow

import (
	"math"

	"yunyou/formation"
	"yunyou/protocol"
)

const (
	// TimeConstant is how fast the camera closes on its target, in
	// seconds: the gap shrinks by e each TimeConstant, so after one second
	// less than 0.4% of it is left. Quick enough that the visitor keeps up
	// with a walking guide, slow enough that a guide's turn reads as a
	// turn rather than a cut.
	TimeConstant = 0.18
	// JumpDistance is how far, in metres, a target may be before the
	// camera jumps to it at once: a gather into another room or a move
	// through a portal would otherwise fly the visitor through walls.
	JumpDistance = 15
	// MaxPitch bounds the look up and down in radians, short of straight
	// up or down where yaw stops meaning anything.
	MaxPitch = 1.5
	// lookThreshold is the turn away from the guide's view, in radians
	// (about 3°), below which the visitor counts as looking with the
	// guide: a slight touch on the screen should not show "look around".
	lookThreshold = 0.05
)

// Follower moves a visitor's camera smoothly toward a target pose (its
// formation place), while letting the visitor look around. The zero value
// follows the guide's view exactly. It is not safe for concurrent use; the
// frame loop owns it.
type Follower struct {
	// lookYaw and lookPitch are the visitor's own turn on top of the
	// guide's view; lookYaw is kept within (-π, π].
	lookYaw, lookPitch float32
	// basePitch is the last target pitch seen by Step, so that Look can
	// keep the total within ±MaxPitch and turning back acts at once.
	basePitch float32
}

// Look turns the visitor's own view by dYaw, dPitch on top of the followed
// view (looking around freely). The pitch stops at ±MaxPitch in total.
func (f *Follower) Look(dYaw, dPitch float32) {
	if !finite(dYaw) || !finite(dPitch) {
		return
	}
	f.lookYaw = wrap(f.lookYaw + dYaw)
	f.lookPitch = clamp(f.basePitch+f.lookPitch+dPitch, -MaxPitch, MaxPitch) - f.basePitch
}

// Snap drops the visitor's own look: the view returns to where the guide
// looks.
func (f *Follower) Snap() {
	f.lookYaw, f.lookPitch = 0, 0
}

// LookingAround reports whether the visitor turned away from the guide's
// view (offset beyond a small threshold).
func (f *Follower) LookingAround() bool {
	return abs(f.lookYaw) > lookThreshold || abs(f.lookPitch) > lookThreshold
}

// Step returns the camera pose after dt seconds, moving cur toward target.
// Position and view approach the target exponentially with TimeConstant,
// the same whatever the frame rate; yaw turns the short way round. A target
// more than JumpDistance away is jumped to at once. The visitor's look is
// added to the target's yaw and pitch, the pitch clamped to ±MaxPitch. A dt
// of zero or less, or a target that is not finite, leaves cur unchanged.
func (f *Follower) Step(cur, target protocol.Pose, dt float32) protocol.Pose {
	// A broken target (never sent, or garbled) must not poison the camera
	// or the visitor's look; staying put until a good one comes is safe.
	for _, v := range [...]float32{target.X, target.Y, target.Z, target.Yaw, target.Pitch} {
		if !finite(v) {
			return cur
		}
	}
	f.basePitch = clamp(target.Pitch, -MaxPitch, MaxPitch)
	want := target
	want.Yaw = wrap(target.Yaw + f.lookYaw)
	want.Pitch = clamp(target.Pitch+f.lookPitch, -MaxPitch, MaxPitch)
	if !(dt > 0) {
		return cur
	}
	dx, dy, dz := want.X-cur.X, want.Y-cur.Y, want.Z-cur.Z
	gap := math.Sqrt(float64(dx*dx + dy*dy + dz*dz))
	// A camera with no finite position yet (never placed) jumps too.
	if !(gap <= JumpDistance) || !finite(cur.Yaw) || !finite(cur.Pitch) {
		return want
	}
	// 1-e^(-dt/τ) per step multiplies out to the same total over any split
	// of the same time, which is what makes 20 Hz and 60 Hz agree.
	k := float32(-math.Expm1(-float64(dt) / TimeConstant))
	return protocol.Pose{
		X:     cur.X + dx*k,
		Y:     cur.Y + dy*k,
		Z:     cur.Z + dz*k,
		Yaw:   wrap(cur.Yaw + wrap(want.Yaw-cur.Yaw)*k),
		Pitch: clamp(cur.Pitch+(want.Pitch-cur.Pitch)*k, -MaxPitch, MaxPitch),
	}
}

// wrap returns the angle a turned into (-π, π].
func wrap(a float32) float32 {
	w := float32(math.Remainder(float64(a), 2*math.Pi))
	if w <= -math.Pi {
		w += 2 * math.Pi
	}
	return w
}

func clamp(v, lo, hi float32) float32 { return max(lo, min(hi, v)) }

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func finite(v float32) bool {
	return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
}

// blockedBy is how far short of its step a walk may stop before the step
// counts as blocked by a wall or solid.
const blockedBy = 0.05

// StepWithin is Step inside a scene's walls: reach (see formation.Reach)
// tells where a straight walk from cur stops. When a wall or pillar stands
// in the glide's way, as when the guide turns and a place at the back of
// the group swings round a pillar, the camera goes to its place at once
// instead of through the solid: the place itself is always reachable from
// the guide.
func (f *Follower) StepWithin(cur, target protocol.Pose, dt float32, reach formation.Reach) protocol.Pose {
	next := f.Step(cur, target, dt)
	if reach == nil || next == cur {
		return next
	}
	x, z := reach(cur.X, cur.Z, next.X, next.Z)
	if dx, dz := x-next.X, z-next.Z; dx*dx+dz*dz <= blockedBy*blockedBy {
		return next
	}
	next.X, next.Y, next.Z = target.X, target.Y, target.Z
	return next
}
