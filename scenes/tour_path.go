package scenes

import (
	"fmt"

	"github.com/go-gl/mathgl/mgl32"
)

// Tour routes are walked in straight lines from stop to stop, by a kiosk's
// gliding camera and by guides who follow them, so each leg must be clear.

// tourWalkRadius is the body that walks a tour route: a visitor's radius,
// so a kiosk's gliding camera keeps the same distance from the murals as a
// person walking.
const tourWalkRadius = 0.25

// tourWalkTolerance is how far short of a stop a clear walk may end: a
// straight walk that only grazes a wall arrives within rounding, one that
// is blocked stops far away or slides round the obstacle.
const tourWalkTolerance = 0.02

// tourSampleStep is the spacing of the points checked along a leg: well
// under the thinnest obstacle's width (columns are 0.8 m and more).
const tourSampleStep = 0.05

// straightClearance samples the straight line from a to b and returns the
// sample a visitor's body would be pushed furthest from, and how far. A
// gliding camera follows the straight line, not Slide's detour, so a
// column in the middle of a leg (which Slide walks round and still
// reaches the stop) must count as blocking.
func straightClearance(c *Compiled, a, b mgl32.Vec3) (worst mgl32.Vec2, push float32) {
	from, to := mgl32.Vec2{a.X(), a.Z()}, mgl32.Vec2{b.X(), b.Z()}
	n := int(to.Sub(from).Len()/tourSampleStep) + 1
	for i := 0; i <= n; i++ {
		p := from.Add(to.Sub(from).Mul(float32(i) / float32(n)))
		if d := c.pushOut(p, tourWalkRadius).Sub(p).Len(); d > push {
			worst, push = p, d
		}
	}
	return worst, push
}

// tourWalks checks that the straight walk from the spawn to the first stop
// and from each stop to the next passes no wall or solid.
func (c checker) tourWalks(s *Scene, comp *Compiled) {
	at := func(p Spawn) mgl32.Vec3 { return mgl32.Vec3{p.X, p.Y, p.Z} }
	from, name := at(s.Spawn), "the spawn"
	for i, stop := range s.Tour {
		to := at(stop.Pose)
		field := fmt.Sprintf("tour[%d].pose", i)
		fix := "routes are walked in straight lines: add a stop before this one (a waypoint: \"dwell\": 1, no hotspot) that walks round it"
		if got := comp.Slide(from, to, tourWalkRadius); got.Sub(to).Len() > tourWalkTolerance {
			c.add(c.errf(field, fix, "the straight walk from %s (%.4g, %.4g) is blocked at (%.2f, %.2f) by a wall or solid", name, from.X(), from.Z(), got.X(), got.Z()))
		} else if p, d := straightClearance(comp, from, to); d > tourWalkTolerance {
			c.add(c.errf(field, fix, "the straight walk from %s (%.4g, %.4g) passes through a wall or solid near (%.2f, %.2f)", name, from.X(), from.Z(), p.X(), p.Y()))
		}
		from, name = to, fmt.Sprintf("tour[%d]", i)
	}
}
