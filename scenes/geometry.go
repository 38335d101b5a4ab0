package scenes

import (
	"fmt"
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

// containsMargin is how far, in metres, a pose may stray outside the
// walkable volume and still count as inside: remote poses are quantised to
// centimetres and interpolated, and a visitor's eye may lean past a wall's
// plane by less than their body radius.
const containsMargin = 0.3

// sideNormal returns the outward direction of a compass side: the way a
// wall on that side of a room faces away from the room.
func sideNormal(side string) (mgl32.Vec3, bool) {
	switch side {
	case "north":
		return mgl32.Vec3{0, 0, -1}, true
	case "south":
		return mgl32.Vec3{0, 0, 1}, true
	case "east":
		return mgl32.Vec3{1, 0, 0}, true
	case "west":
		return mgl32.Vec3{-1, 0, 0}, true
	}
	return mgl32.Vec3{}, false
}

// span is the room's extent in metres from the given wall to the opposite
// one.
func (r *Room) span(front string) float32 {
	n, _ := sideNormal(front)
	if n.X() != 0 {
		return r.Max[0] - r.Min[0]
	}
	return r.Max[2] - r.Min[2]
}

// top is the highest point of the room: the top of the walls or a gable's
// ridge.
func (r *Room) top() float32 {
	top := r.Max[1]
	for _, p := range r.Ceiling.Parts {
		if (p.Shape == ShapeGable || p.Shape == ShapeTruncatedPyramid) && r.Max[1]+p.Rise > top {
			top = r.Max[1] + p.Rise
		}
		if p.Caisson != nil && r.Max[1]+p.Caisson.Depth > top {
			top = r.Max[1] + p.Caisson.Depth
		}
	}
	return top
}

// partSpan is one ceiling part's extent along the front→back axis.
type partSpan struct {
	part   *CeilingPart
	s0, s1 float32 // metres from the front wall
}

// partSpans lays the ceiling parts out from the front wall.
func (r *Room) partSpans() []partSpan {
	span := r.span(r.Ceiling.Front)
	var out []partSpan
	var s float32
	for i := range r.Ceiling.Parts {
		p := &r.Ceiling.Parts[i]
		end := s + p.Depth
		if p.Depth == 0 {
			end = span
		}
		out = append(out, partSpan{p, s, end})
		s = end
	}
	return out
}

// frontAxis maps a distance s from the front wall to a world coordinate
// along the front→back axis: it returns the axis (0 = x, 2 = z) and the
// coordinate function.
func (r *Room) frontAxis() (axis int, at func(s float32) float32) {
	switch r.Ceiling.Front {
	case "east":
		return 0, func(s float32) float32 { return r.Max[0] - s }
	case "west":
		return 0, func(s float32) float32 { return r.Min[0] + s }
	case "south":
		return 2, func(s float32) float32 { return r.Max[2] - s }
	default: // north
		return 2, func(s float32) float32 { return r.Min[2] + s }
	}
}

// underGable reports whether any of the rectangle x0..x1 × z0..z1 lies
// under a gabled ceiling part.
func (r *Room) underGable(x0, z0, x1, z1 float32) bool {
	if len(r.Ceiling.Parts) == 0 {
		return false
	}
	axis, at := r.frontAxis()
	lo, hi := x0, x1
	if axis == 2 {
		lo, hi = z0, z1
	}
	for _, ps := range r.partSpans() {
		if ps.part.Shape != ShapeGable {
			continue
		}
		a, b := at(ps.s0), at(ps.s1)
		if a > b {
			a, b = b, a
		}
		if hi > a && lo < b {
			return true
		}
	}
	return false
}

// roomAt returns the first room whose plan, grown by margin, holds (x, z).
func (s *Scene) roomAt(x, z, margin float32) *Room {
	for i := range s.Rooms {
		r := &s.Rooms[i]
		if x >= r.Min[0]-margin && x <= r.Max[0]+margin && z >= r.Min[2]-margin && z <= r.Max[2]+margin {
			return r
		}
	}
	return nil
}

// Contains reports whether (x, y, z) is inside the walkable volume, give or
// take a small margin: inside a room between its floor and its highest
// ceiling, and not deep inside a solid. The server rejects poses for which
// it is false.
func (s *Scene) Contains(x, y, z float32) bool {
	if !finite(x) || !finite(y) || !finite(z) {
		return false
	}
	inRoom := false
	for i := range s.Rooms {
		r := &s.Rooms[i]
		if x >= r.Min[0]-containsMargin && x <= r.Max[0]+containsMargin &&
			z >= r.Min[2]-containsMargin && z <= r.Max[2]+containsMargin &&
			y >= r.Min[1]-containsMargin && y <= r.top()+containsMargin {
			inRoom = true
			break
		}
		for _, b := range r.cellBoxes() {
			if x >= b[0]-containsMargin && x <= b[2]+containsMargin && z >= b[1]-containsMargin && z <= b[3]+containsMargin &&
				y >= r.Min[1]-containsMargin && y <= r.Max[1]+containsMargin {
				inRoom = true
			}
		}
	}
	if !inRoom {
		return false
	}
	for i := range s.Solids {
		sd := &s.Solids[i]
		if sd.distance(x, z) < -containsMargin && y < sd.Height-containsMargin {
			return false
		}
	}
	return true
}

// footprint returns the pillar's plan rectangle.
func (sd *Solid) footprint() (x0, z0, x1, z1 float32) {
	hx, hz := sd.Depth/2, sd.Width/2
	return sd.Center[0] - hx, sd.Center[1] - hz, sd.Center[0] + hx, sd.Center[1] + hz
}

// distance is the signed distance in plan from (x, z) to the solid's
// outline: positive outside, negative inside.
func (sd *Solid) distance(x, z float32) float32 {
	x0, z0, x1, z1 := sd.footprint()
	switch sd.Type {
	case TypeColumnRow:
		d := float32(math.MaxFloat32)
		for _, ctr := range sd.columnCentres() {
			d = min(d, mgl32.Vec2{x, z}.Sub(ctr).Len()-sd.Diameter/2)
		}
		return d
	case TypePlatform:
		if sd.Walkable {
			return math.MaxFloat32
		}
		x0, z0, x1, z1 = sd.rect()
	case TypeBox:
		if sd.Bottom >= headClearance {
			return math.MaxFloat32
		}
		x0, z0, x1, z1 = sd.rect()
	case TypeThrone, TypeScreen:
		x0, z0, x1, z1 = sd.rect()
	}
	dx := max(x0-x, 0, x-x1)
	dz := max(z0-z, 0, z-z1)
	if dx == 0 && dz == 0 {
		return -min(x-x0, x1-x, z-z0, z1-z)
	}
	return mgl32.Vec2{dx, dz}.Len()
}

// label names a solid for messages.
func (sd *Solid) label(i int) string {
	if sd.Name != "" {
		return fmt.Sprintf("solids[%d] (%s)", i, sd.Name)
	}
	return fmt.Sprintf("solids[%d]", i)
}
