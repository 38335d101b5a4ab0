// Package attract moves a kiosk's camera along a scene's tour route by
// itself: from the spawn it turns toward the first stop, walks there in a
// straight line at an easy pace, turns to the stop's view, pauses for the
// stop's dwell, and goes on to the next, until the last stop's dwell ends.
// In a kiosk's "route" walk mode the same route is walked one stop at a
// time on request (Step).
//
//	r := attract.FromScene(scene)
//	for each frame {
//		events = r.Advance(dt, events[:0])
//		camera = r.Pose()
//		for _, e := range events { ... e.Kind == attract.Arrived / attract.End ... }
//	}
//
// The pose is a function of the time played, not of the frame rate: the
// same total time gives the same pose at 20 or 60 frames a second, and
// every arrival is reported exactly once, in order, however long a frame.
// The camera only ever moves along the straight legs between the spawn
// and consecutive stops; the scenes' tests check those legs are clear of
// walls and solids. A route from a scene walks like a visitor: its eye is
// move.EyeHeight above the floor underfoot, rising up a platform's steps
// and easing over each step's edge.
package attract

import (
	"math"

	"yunyou/client/move"
	"yunyou/protocol"
	"yunyou/scenes"
)

// Motion, chosen to read as a calm visitor walking, not a flying camera.
const (
	// WalkSpeed is the cruising speed between stops in metres a second:
	// a slow museum stroll, slower than a visitor's own walk, so the
	// murals can be followed while passing.
	WalkSpeed = 0.7
	// WalkAccel is how quickly the walk starts and stops, in m/s²: about
	// a second to reach WalkSpeed, so no leg starts or ends with a jolt.
	WalkAccel = 0.6
	// TurnRate is the fastest turn in radians a second (about 45°/s):
	// slow enough that the picture never smears on a big screen.
	TurnRate = 0.8
	// minTurnTime is the shortest turn: even a small turn is eased over
	// this long rather than snapped.
	minTurnTime = 0.4
	// turnEpsilon is a turn too small to show, in radians.
	turnEpsilon = 1e-3
	// legEpsilon is a leg too short to walk, in metres (two stops at the
	// same place with different views).
	legEpsilon = 1e-3
	// MaxFrame caps one Advance, in seconds: after a long stall (a
	// hidden tab) the camera resumes where it was rather than skipping
	// stops it never showed.
	MaxFrame = 0.25
	// emptyHold is how long a scene without a tour is shown from its
	// spawn before the route ends, in seconds.
	emptyHold = 30
	// eyeBlend is the stretch of a walk, in metres, over which the eye
	// climbs a change of floor: about 0.15 s at WalkSpeed, as a visitor's
	// eye eases (move.EyeEase), so steps read as a climb, not a jolt.
	eyeBlend = WalkSpeed * 0.15
	// blendSamples is how many points of the floor are averaged over
	// eyeBlend: a step's rise (about 0.25 m) climbs in pieces of 1.5 cm.
	blendSamples = 16
)

// Stop is one stop of a route: where the camera stands and looks, the
// hotspot it shows (or "") and how long it stays, in seconds.
type Stop struct {
	Pose    protocol.Pose
	Hotspot string
	Dwell   float32
}

// Kind is what happened on the route.
type Kind int

const (
	// Arrived: the camera reached a stop and turned to its view.
	Arrived Kind = iota + 1
	// End: the last stop's dwell ended (played routes only).
	End
)

// Event is an arrival at a stop or the end of the route.
type Event struct {
	Kind    Kind
	Index   int    // the stop's index in the tour (Arrived)
	Hotspot string // the stop's hotspot, or ""
	Dwell   float32
	Count   int // number of stops in the route
}

type phaseKind int

const (
	turn phaseKind = iota
	walk
	dwell
)

// phase is one piece of a plan: a turn on the spot, a straight walk or a
// pause. Walks carry the route position at both ends (see Route.u).
type phase struct {
	kind     phaseKind
	dur      float64
	from, to protocol.Pose
	u0, u1   float64
	stop     int  // the stop this phase holds the camera at, or -1
	arrive   int  // stop reported as reached when the phase ends, or -1
	end      bool // the route's end is reported when the phase ends
	distance float64
}

// Route is a camera's way through a scene's tour. It is not safe for
// concurrent use.
type Route struct {
	start protocol.Pose
	stops []Stop
	// floor gives the floor's height under the camera, or nil on a route
	// made by New, whose poses keep the heights they were given.
	floor func(x, z float32) float32

	plan   []phase
	next   int     // index of the phase being played
	t      float64 // time into plan[next]
	pose   protocol.Pose
	u      float64 // position along the route: point k is the spawn (0) or stop k-1, fractions lie on the leg between
	stop   int     // stop the camera is at, or -1
	goal   int     // point a manual walk is heading for
	manual bool    // walking by Step, not playing the whole route
	ended  bool
}

// FromScene returns the route of the scene's tour, starting at its spawn,
// ready to play from the start.
func FromScene(s *scenes.Scene) *Route {
	// Every point of the route stands on the floor there, as a visitor
	// would: a stop on a platform sees from the platform.
	ground := func(p scenes.Spawn) protocol.Pose {
		q := fromSpawn(p)
		q.Y = s.FloorAt(q.X, q.Z) + move.EyeHeight
		return q
	}
	stops := make([]Stop, len(s.Tour))
	for i, ts := range s.Tour {
		stops[i] = Stop{Pose: ground(ts.Pose), Hotspot: ts.Hotspot, Dwell: ts.Dwell}
	}
	r := &Route{start: ground(s.Spawn), stops: stops, floor: s.FloorAt}
	r.Reset()
	return r
}

func fromSpawn(p scenes.Spawn) protocol.Pose {
	return protocol.Pose{X: p.X, Y: p.Y, Z: p.Z, Yaw: move.WrapAngle(p.Yaw), Pitch: p.Pitch}
}

// New returns a route from start through stops, ready to play from the
// start.
func New(start protocol.Pose, stops []Stop) *Route {
	r := &Route{start: start, stops: stops}
	r.Reset()
	return r
}

// Len returns the number of stops.
func (r *Route) Len() int { return len(r.stops) }

// Pose returns the camera's pose now.
func (r *Route) Pose() protocol.Pose { return r.pose }

// Stop returns the index of the stop the camera is at (pausing there, or
// holding there after a Step), or -1 while it moves between stops.
func (r *Route) Stop() int { return r.stop }

// Ended reports that a played route has finished its last stop's dwell.
func (r *Route) Ended() bool { return r.ended }

// Moving reports whether the camera has anywhere left to go on its
// current plan.
func (r *Route) Moving() bool { return r.next < len(r.plan) }

// Reset puts the camera back at the start and plays the whole route from
// there: every stop in order with its dwell, then End.
func (r *Route) Reset() {
	r.pose, r.u, r.stop, r.ended = r.start, 0, -1, false
	r.plan = r.plan[:0]
	if len(r.stops) == 0 {
		r.plan = append(r.plan, phase{kind: dwell, dur: emptyHold, from: r.start, to: r.start, stop: -1, arrive: -1, end: true})
	}
	cur := r.start
	for i, s := range r.stops {
		u := float64(i + 1)
		cur = r.appendLeg(cur, float64(i), u, s.Pose)
		cur = r.appendTurn(cur, s.Pose, u)
		// The arrival is reported as the pause begins: the view is settled.
		r.appendArrival(cur, u, i)
		r.plan = append(r.plan, phase{kind: dwell, dur: float64(s.Dwell), from: cur, to: cur, u0: u, u1: u, stop: i, arrive: -1, end: i == len(r.stops)-1})
	}
	r.next, r.t = 0, 0
	r.goal, r.manual = len(r.stops), false
}

// Hold stops the camera where it is: an automatic play ends without
// reaching further stops, and Step then walks from here.
func (r *Route) Hold() {
	r.plan = r.plan[:0]
	r.next, r.t = 0, 0
	r.goal, r.manual = r.nearestPoint(), true
}

// Step walks to the stop delta stops ahead (negative: back), passing
// through the stops in between without pausing, and reports Arrived when
// it has turned to that stop's view. Steps while walking count from the
// stop being walked to, so two quick taps go two stops on. Stops without
// a hotspot (waypoints round an obstacle) are passed over unless no stop
// with a hotspot lies that way. A step beyond either end goes to that end.
func (r *Route) Step(delta int) {
	if len(r.stops) == 0 || delta == 0 {
		return
	}
	if !r.manual {
		r.Hold()
	}
	// Held between two points, the next stop is the one ahead and the
	// previous the one behind.
	from := r.goal
	if !r.Moving() {
		from = int(math.Floor(r.u))
		if delta < 0 {
			from = int(math.Ceil(r.u))
		}
	}
	goal := from
	for ; delta != 0; delta -= sign(delta) {
		goal = r.nextPoint(goal, sign(delta))
	}
	if goal == 0 {
		goal = 1 // the spawn is not a stop: back from the first stop is the first stop
	}
	if float64(goal) == r.u && !r.Moving() && r.stop == goal-1 {
		return // already there: at an end of the route
	}
	r.goal = goal
	r.plan = r.plan[:0]
	r.next, r.t = 0, 0
	cur, u := r.pose, r.u
	r.stop = -1
	for u != float64(goal) {
		var p float64
		if float64(goal) > u {
			p = math.Floor(u) + 1
		} else {
			p = math.Ceil(u) - 1
		}
		cur = r.appendLeg(cur, u, p, r.point(int(p)))
		u = p
	}
	cur = r.appendTurn(cur, r.point(goal), u)
	r.appendArrival(cur, u, goal-1)
}

// nextPoint returns the route point after p in direction d (±1) that is a
// stop with a hotspot, or the adjacent point when there is none that way.
func (r *Route) nextPoint(p, d int) int {
	for q := p + d; q >= 1 && q <= len(r.stops); q += d {
		if r.stops[q-1].Hotspot != "" {
			return q
		}
	}
	return max(0, min(len(r.stops), p+d))
}

// nearestPoint returns the route point nearest the camera's place on the
// route.
func (r *Route) nearestPoint() int { return int(math.Round(r.u)) }

// point returns route point k's pose: the start, or stop k-1.
func (r *Route) point(k int) protocol.Pose {
	if k == 0 {
		return r.start
	}
	return r.stops[k-1].Pose
}

// Advance plays dt seconds (at most MaxFrame) and appends what happened
// to dst.
func (r *Route) Advance(dt float32, dst []Event) []Event {
	d := float64(max(0, min(dt, MaxFrame)))
	if !finite(d) {
		d = 0
	}
	r.t += d
	for r.next < len(r.plan) && r.t >= r.plan[r.next].dur {
		ph := &r.plan[r.next]
		r.t -= ph.dur
		r.next++
		r.pose, r.u, r.stop = ph.to, ph.u1, ph.stop
		if ph.arrive >= 0 {
			s := r.stops[ph.arrive]
			dst = append(dst, Event{Kind: Arrived, Index: ph.arrive, Hotspot: s.Hotspot, Dwell: s.Dwell, Count: len(r.stops)})
		}
		if ph.end {
			r.ended = true
			dst = append(dst, Event{Kind: End, Index: -1, Count: len(r.stops)})
		}
	}
	if r.next >= len(r.plan) {
		r.t = 0
		return dst
	}
	ph := &r.plan[r.next]
	r.pose, r.u, r.stop = ph.at(r.t, r.floor)
	return dst
}

// at returns the pose, route position and stop t seconds into the phase.
// With a floor, a walk's eye is EyeHeight above the floor underfoot,
// blended over eyeBlend (see eyeFloor).
func (ph *phase) at(t float64, floor func(x, z float32) float32) (protocol.Pose, float64, int) {
	switch ph.kind {
	case turn:
		f := float32(smoothstep(t / ph.dur))
		p := ph.from
		p.Yaw = move.WrapAngle(ph.from.Yaw + move.WrapAngle(ph.to.Yaw-ph.from.Yaw)*f)
		p.Pitch = ph.from.Pitch + (ph.to.Pitch-ph.from.Pitch)*f
		return p, ph.u0, -1
	case walk:
		f := walked(ph.distance, t) / ph.distance
		p := ph.from
		p.X += (ph.to.X - ph.from.X) * float32(f)
		p.Y += (ph.to.Y - ph.from.Y) * float32(f)
		p.Z += (ph.to.Z - ph.from.Z) * float32(f)
		if floor != nil {
			p.Y = ph.eyeFloor(f*ph.distance, floor) + move.EyeHeight
		}
		return p, ph.u0 + (ph.u1-ph.u0)*f, -1
	default:
		return ph.from, ph.u0, ph.stop
	}
}

// eyeFloor returns the floor under a walk s metres along it, averaged over
// eyeBlend centred there: a step's edge becomes a short ramp. The stretch
// narrows toward the walk's ends, so that at each end it is the floor
// there exactly and the camera neither jumps as the walk starts nor as it
// stops. It depends only on s, so the pose stays a function of time.
func (ph *phase) eyeFloor(s float64, floor func(x, z float32) float32) float32 {
	half := min(eyeBlend/2, s, ph.distance-s)
	half = max(half, 0)
	var sum float32
	for i := 0; i < blendSamples; i++ {
		at := s - half + 2*half*(float64(i)+0.5)/blendSamples
		f := float32(at / ph.distance)
		sum += floor(ph.from.X+(ph.to.X-ph.from.X)*f, ph.from.Z+(ph.to.Z-ph.from.Z)*f)
	}
	return sum / blendSamples
}

// appendLeg adds the walk from cur (at route position u0) to the place of
// pose to (at u1): a turn to face the way, then the walk, looking level
// ahead. It returns the pose at the end.
func (r *Route) appendLeg(cur protocol.Pose, u0, u1 float64, to protocol.Pose) protocol.Pose {
	dx, dy, dz := float64(to.X-cur.X), float64(to.Y-cur.Y), float64(to.Z-cur.Z)
	dist := math.Sqrt(dx*dx + dy*dy + dz*dz)
	if dist < legEpsilon {
		return cur
	}
	// Yaw 0 faces -Z and +π/2 faces -X (see protocol.Pose).
	ahead := cur
	ahead.Yaw, ahead.Pitch = float32(math.Atan2(-dx, -dz)), 0
	cur = r.appendTurn(cur, ahead, u0)
	// A turn too small to show is skipped: walk exactly the way ahead.
	cur.Yaw, cur.Pitch = ahead.Yaw, ahead.Pitch
	end := to
	end.Yaw, end.Pitch = cur.Yaw, cur.Pitch
	r.plan = append(r.plan, phase{kind: walk, dur: walkTime(dist), from: cur, to: end, u0: u0, u1: u1, stop: -1, arrive: -1, distance: dist})
	return end
}

// appendArrival adds the moment of reaching stop i, standing at cur.
func (r *Route) appendArrival(cur protocol.Pose, u float64, i int) {
	r.plan = append(r.plan, phase{kind: dwell, from: cur, to: cur, u0: u, u1: u, stop: i, arrive: i})
}

// appendTurn adds an eased turn on the spot from cur's view to to's view,
// if there is anything to turn. It returns the pose at the end.
func (r *Route) appendTurn(cur, to protocol.Pose, u float64) protocol.Pose {
	end := cur
	end.Yaw, end.Pitch = move.WrapAngle(to.Yaw), to.Pitch
	dyaw := math.Abs(float64(move.WrapAngle(end.Yaw - cur.Yaw)))
	dpitch := math.Abs(float64(end.Pitch - cur.Pitch))
	if dyaw < turnEpsilon && dpitch < turnEpsilon {
		return cur
	}
	dur := max(minTurnTime, max(dyaw, dpitch)/TurnRate)
	r.plan = append(r.plan, phase{kind: turn, dur: dur, from: cur, to: end, u0: u, u1: u, stop: -1, arrive: -1})
	return end
}

// Duration returns how long the whole route takes when played from the
// start, in seconds.
func (r *Route) Duration() float64 {
	c := &Route{start: r.start, stops: r.stops}
	c.Reset()
	var total float64
	for _, ph := range c.plan {
		total += ph.dur
	}
	return total
}

// walkTime returns how long a walk of dist metres takes: speeding up at
// WalkAccel to WalkSpeed, cruising, and slowing down again; a leg too
// short to reach full speed turns back halfway.
func walkTime(dist float64) float64 {
	ramp := WalkSpeed / WalkAccel
	if dist >= WalkSpeed*ramp {
		return dist/WalkSpeed + ramp
	}
	return 2 * math.Sqrt(dist/WalkAccel)
}

// walked returns the distance covered t seconds into a walk of dist
// metres.
func walked(dist, t float64) float64 {
	total := walkTime(dist)
	t = max(0, min(total, t))
	ramp := min(WalkSpeed/WalkAccel, total/2)
	switch {
	case t < ramp:
		return WalkAccel * t * t / 2
	case t > total-ramp:
		rest := total - t
		return dist - WalkAccel*rest*rest/2
	default:
		return WalkAccel*ramp*ramp/2 + WalkSpeed*(t-ramp)
	}
}

// smoothstep eases 0..1 in and out.
func smoothstep(x float64) float64 {
	x = max(0, min(1, x))
	return x * x * (3 - 2*x)
}

func sign(v int) int {
	if v < 0 {
		return -1
	}
	return 1
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
