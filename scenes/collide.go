package scenes

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

const (
	// slideStepFraction is the longest sub-step of a move as a fraction of
	// the body radius. A wall is a line of zero thickness; a circle that
	// starts clear of it and moves less than its radius cannot get its
	// centre to the far side, so the push-out always goes back the right
	// way. Half the radius leaves room for corners pushing twice.
	slideStepFraction = 0.5
	// slideIterations is how many push-out passes run after each sub-step;
	// in a corner one wall's push can move the body into the other, and a
	// few passes settle it.
	slideIterations = 4
	// maxSlideSteps bounds the work of one call: a move longer than this
	// many sub-steps stops short instead of tunnelling or stalling the
	// caller (at radius 0.25 m that is over 8 km).
	maxSlideSteps = 1 << 16
	// minSlideRadius keeps sub-steps finite for a zero or negative radius.
	minSlideRadius = 0.01
)

// Slide moves a body of the given radius horizontally from from toward to,
// stopping at walls and solids and sliding along them. Y is taken from to
// unchanged. Long moves are cut into sub-steps shorter than the radius, so
// nothing is passed through however far the move.
func (c *Compiled) Slide(from, to mgl32.Vec3, radius float32) mgl32.Vec3 {
	radius = max(radius, minSlideRadius)
	p := mgl32.Vec2{from.X(), from.Z()}
	d := mgl32.Vec2{to.X() - from.X(), to.Z() - from.Z()}
	length := d.Len()
	if !finite(length) {
		return from
	}
	stepLen := radius * slideStepFraction
	steps := int(math.Ceil(float64(length / stepLen)))
	if steps > maxSlideSteps {
		d = d.Mul(float32(maxSlideSteps) * stepLen / length)
		steps = maxSlideSteps
	}
	p = c.pushOut(p, radius)
	if steps > 0 {
		step := d.Mul(1 / float32(steps))
		for i := 0; i < steps; i++ {
			p = c.pushOut(p.Add(step), radius)
		}
	}
	return mgl32.Vec3{p.X(), to.Y(), p.Y()}
}

// pushOut moves p so that it is at least radius from every outline segment,
// pushing straight away from the nearest point of each one it overlaps.
// Pushing along that line removes only the part of the motion that went
// into the wall, which is what makes the body slide.
func (c *Compiled) pushOut(p mgl32.Vec2, radius float32) mgl32.Vec2 {
	for it := 0; it < slideIterations; it++ {
		moved := false
		for _, s := range c.walls {
			q := closestOnSegment(p, s.a, s.b)
			diff := p.Sub(q)
			dist := diff.Len()
			if dist >= radius {
				continue
			}
			// A two-sided segment (between rooms) has no normal: a centre
			// exactly on it cannot be told which side it belongs to, and
			// sub-steps shorter than the radius never put it there.
			if dist < 1e-6 && s.normal == (mgl32.Vec2{}) {
				continue
			}
			// A centre exactly on the line, or one that has crossed to the
			// wrong side, goes back along the segment's normal.
			if dist < 1e-6 || diff.Dot(s.normal) < 0 && onSegmentInterior(p, s.a, s.b) {
				p = q.Add(s.normal.Mul(radius))
			} else {
				p = q.Add(diff.Mul(radius / dist))
			}
			moved = true
		}
		for _, cl := range c.circles {
			diff := p.Sub(cl.centre)
			dist := diff.Len()
			if reach := cl.radius + radius; dist < reach && dist > 1e-6 {
				p = cl.centre.Add(diff.Mul(reach / dist))
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	return p
}

// closestOnSegment returns the point of segment a–b nearest to p.
func closestOnSegment(p, a, b mgl32.Vec2) mgl32.Vec2 {
	ab := b.Sub(a)
	l2 := ab.Dot(ab)
	if l2 == 0 {
		return a
	}
	t := p.Sub(a).Dot(ab) / l2
	t = max(0, min(1, t))
	return a.Add(ab.Mul(t))
}

// onSegmentInterior reports whether p projects strictly inside a–b, where
// the segment's normal is the right way to push (not round an end).
func onSegmentInterior(p, a, b mgl32.Vec2) bool {
	ab := b.Sub(a)
	t := p.Sub(a).Dot(ab) / ab.Dot(ab)
	return t > 0 && t < 1
}
