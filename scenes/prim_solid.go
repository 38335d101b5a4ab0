package scenes

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/go-gl/mathgl/mgl32"
)

const (
	// headClearance is the height in metres above the floor from which a
	// raised box (a beam, a lintel) no longer blocks walking: a visitor is
	// about 1.8 m tall.
	headClearance = 2.0
	// stepTread is the depth in metres of one step of a platform's flight:
	// a comfortable tread for palace stairs.
	stepTread = 0.32
	// baseHeight and baseWidth size a column's plinth: a low square block
	// wider than the shaft, as under palace columns.
	baseHeight = 0.25
	baseWidth  = 1.4 // times the column's diameter
	// defaultColumnSides is a column's number of sides when not given.
	defaultColumnSides = 16
	// throneSeat is the seat's height as a share of a throne's height.
	throneSeat = 0.45
	// throneBack is the backrest's thickness as a share of the depth.
	throneBack = 0.25
	// maxStepRise is the highest rise in metres a visitor steps up or down
	// without a flight of steps: a tall stair riser. A walkable platform's
	// edges higher than this are walls from both sides, so nobody walks up
	// its sides or off its top, and a flight with higher risers is not
	// climbed.
	maxStepRise = 0.3
)

// circle is a round obstacle in plan: a column.
type circle struct {
	centre mgl32.Vec2
	radius float32
}

// outwardSides returns the four vertical faces of the plan rectangle
// x0..x1 × z0..z1 as seen from outside: north, south, east, west, each with
// its left and right ends as a viewer in front of it sees them.
func outwardSides(x0, z0, x1, z1 float32) []wallSide {
	ws := []wallSide{
		{name: "north", left: mgl32.Vec2{x1, z0}, right: mgl32.Vec2{x0, z0}},
		{name: "south", left: mgl32.Vec2{x0, z1}, right: mgl32.Vec2{x1, z1}},
		{name: "east", left: mgl32.Vec2{x1, z1}, right: mgl32.Vec2{x1, z0}},
		{name: "west", left: mgl32.Vec2{x0, z0}, right: mgl32.Vec2{x0, z1}},
	}
	for i := range ws {
		ws[i].facing, _ = sideNormal(ws[i].name)
		ws[i].length = ws[i].right.Sub(ws[i].left).Len()
	}
	return ws
}

// blockRect adds the plan outline of a rectangle that visitors walk round.
func (c *Compiled) blockRect(x0, z0, x1, z1 float32) {
	for _, w := range outwardSides(x0, z0, x1, z1) {
		c.walls = append(c.walls, segment{a: w.left, b: w.right, normal: mgl32.Vec2{w.facing.X(), w.facing.Z()}})
	}
}

// flat adds a horizontal rectangle at height y facing up or down.
func (c *Compiled) flat(source string, t TextureUse, x0, z0, x1, z1, y float32, facing mgl32.Vec3) {
	pts := []mgl32.Vec3{{x0, y, z0}, {x1, y, z0}, {x1, y, z1}, {x0, y, z1}}
	c.add(source, pts, facing, t, mapping{origin: mgl32.Vec3{x0, y, z0}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}})
}

// block adds the faces of a box from yb to yt over x0..x1 × z0..z1: side
// faces from side(name), the top (unless top is nil) and, when raised off
// the floor, the bottom.
func (c *Compiled) block(source string, x0, z0, x1, z1, yb, yt float32, side func(name string) (string, *Surface), top, bottom *Surface, floor float32) {
	for _, w := range outwardSides(x0, z0, x1, z1) {
		src, s := side(w.name)
		c.wallGrid(src, s, &w, yb, yt, nil, nil)
	}
	if top != nil {
		c.flat(source+".top", top.TextureUse, x0, z0, x1, z1, yt, up)
	}
	if bottom != nil && yb > floor+fitTolerance {
		c.flat(source+".bottom", bottom.TextureUse, x0, z0, x1, z1, yb, up.Mul(-1))
	}
}

// solid compiles one solid of any type. r is the room it stands in.
func (c *Compiled) solid(source string, sd *Solid, r *Room) error {
	if err := checkSolid(source, sd, r); err != nil {
		return err
	}
	floor := r.Min[1]
	switch sd.Type {
	case TypeCentralPillar:
		c.pillar(source, sd, r)
	case TypeBox:
		x0, z0, x1, z1 := sd.rect()
		faces := func(name string) (string, *Surface) {
			f := map[string]*Surface{"north": &sd.Faces.North, "south": &sd.Faces.South, "east": &sd.Faces.East, "west": &sd.Faces.West}
			return source + ".faces." + name, f[name]
		}
		bottom := sd.Faces.Bottom
		if bottom == nil {
			bottom = sd.Faces.Top
		}
		top := sd.Faces.Top
		if floor+sd.Bottom+sd.Height >= r.Max[1]-fitTolerance && !r.underRaisedCeiling() {
			top = nil
		}
		c.block(source+".faces", x0, z0, x1, z1, floor+sd.Bottom, floor+sd.Bottom+sd.Height, faces, top, bottom, floor)
		if sd.Bottom < headClearance {
			c.blockRect(x0, z0, x1, z1)
		}
	case TypeColumnRow:
		c.columns(source, sd, r)
	case TypePlatform:
		c.platform(source, sd, floor)
	case TypeThrone:
		c.throne(source, sd, floor)
	case TypeScreen:
		x0, z0, x1, z1 := sd.rect()
		back := sd.Back
		if back == nil {
			back = &sd.Surface
		}
		faces := func(name string) (string, *Surface) {
			if name == sd.Facing {
				return source + ".surface", &sd.Surface
			}
			return source + ".back", back
		}
		yb := floor + sd.Bottom
		top := back
		if yb+sd.Height >= r.Max[1]-fitTolerance && !r.underRaisedCeiling() {
			top = nil
		}
		c.block(source+".back", x0, z0, x1, z1, yb, yb+sd.Height, faces, top, nil, floor)
		c.blockRect(x0, z0, x1, z1)
	}
	return nil
}

// underRaisedCeiling reports whether the room's ceiling rises above its
// walls anywhere, so that the top of something reaching the walls' top can
// still be seen.
func (r *Room) underRaisedCeiling() bool {
	for _, p := range r.Ceiling.Parts {
		if p.Shape == ShapeGable || p.Shape == ShapeTruncatedPyramid {
			return true
		}
	}
	return false
}

// rect returns the plan rectangle of a box, platform, throne or screen.
// Boxes and platforms are Width along X and Depth along Z; thrones and
// screens are Width across the way they face and Depth (a screen's
// Thickness) along it.
func (sd *Solid) rect() (x0, z0, x1, z1 float32) {
	hx, hz := sd.Width/2, sd.Depth/2
	along := sd.Depth
	if sd.Type == TypeScreen {
		along = sd.Thickness
		hz = along / 2
	}
	if (sd.Type == TypeThrone || sd.Type == TypeScreen) && (sd.Facing == "east" || sd.Facing == "west") {
		hx, hz = along/2, sd.Width/2
	}
	return sd.Center[0] - hx, sd.Center[1] - hz, sd.Center[0] + hx, sd.Center[1] + hz
}

// columnCentres returns the plan centres of a column row.
func (sd *Solid) columnCentres() []mgl32.Vec2 {
	from, to := mgl32.Vec2{sd.From[0], sd.From[1]}, mgl32.Vec2{sd.To[0], sd.To[1]}
	if sd.Count <= 1 {
		return []mgl32.Vec2{from}
	}
	out := make([]mgl32.Vec2, sd.Count)
	for i := range out {
		out[i] = from.Add(to.Sub(from).Mul(float32(i) / float32(sd.Count-1)))
	}
	return out
}

// columns adds a row of n-sided prisms, each with an optional square
// plinth, and their round outlines for walking.
func (c *Compiled) columns(source string, sd *Solid, r *Room) {
	n := sd.Sides.N
	if n == 0 {
		n = defaultColumnSides
	}
	rad := sd.Diameter / 2
	side := 2 * rad * float32(math.Sin(math.Pi/float64(n)))
	floor := r.Min[1]
	yt := floor + sd.Height
	for ci, ctr := range sd.columnCentres() {
		src := source + ".surface"
		ring := make([]mgl32.Vec2, n)
		for k := range ring {
			a := 2 * math.Pi * float64(k) / float64(n)
			// Clockwise in plan seen from above, so that u runs left to
			// right for a viewer outside.
			ring[k] = ctr.Add(mgl32.Vec2{rad * float32(math.Cos(a)), -rad * float32(math.Sin(a))})
		}
		for k := 0; k < n; k++ {
			a, b := ring[k], ring[(k+1)%n]
			mid := a.Add(b).Mul(0.5).Sub(ctr).Normalize()
			w := wallSide{left: a, right: b, facing: mgl32.Vec3{mid.X(), 0, mid.Y()}, length: side}
			// Shift u so the texture wraps once round the column.
			s := shiftU(sd.Surface, float32(k)*side)
			yb := floor
			if sd.Base != nil {
				yb = floor + baseHeight
			}
			c.wallGrid(src, &s, &w, yb, yt, nil, nil)
		}
		if yt < r.Max[1]-fitTolerance || r.underRaisedCeiling() {
			pts := make([]mgl32.Vec3, n)
			for k, p := range ring {
				pts[k] = mgl32.Vec3{p.X(), yt, p.Y()}
			}
			c.add(fmt.Sprintf("%s#top%d", src, ci), pts, up, sd.Surface.TextureUse,
				mapping{origin: pts[0], u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}})
		}
		if sd.Base != nil {
			h := rad * baseWidth
			base := sd.Base
			c.block(source+".base", ctr.X()-h, ctr.Y()-h, ctr.X()+h, ctr.Y()+h, floor, floor+baseHeight,
				func(string) (string, *Surface) { return source + ".base", base }, base, nil, floor)
		}
		c.circles = append(c.circles, circle{ctr, rad})
	}
}

// shiftU returns a copy of the surface with every texture moved right by
// du metres, so that pieces round a column continue one another.
func shiftU(s Surface, du float32) Surface {
	out := s
	out.Offset[0] -= du
	if len(s.Bands) > 0 {
		out.Bands = append([]Band(nil), s.Bands...)
		for i := range out.Bands {
			out.Bands[i].Offset[0] -= du
		}
	}
	return out
}

// stepFrame gives a platform side's outward direction and the direction
// along it in plan (+X on north and south sides, +Z on east and west).
func stepFrame(side string) (out, along mgl32.Vec2) {
	n, _ := sideNormal(side)
	out = mgl32.Vec2{n.X(), n.Z()}
	along = mgl32.Vec2{abs(n.Z()), abs(n.X())}
	return out, along
}

// platform adds a raised floor with its flights of steps. Unless walkable,
// the platform and its steps are walked round. A walkable one is climbed
// by its flights; where it is higher than maxStepRise, its edges elsewhere
// are walls (see platformEdges), and FloorAt gives the height to stand at.
func (c *Compiled) platform(source string, sd *Solid, floor float32) {
	x0, z0, x1, z1 := sd.rect()
	top := floor + sd.Height
	sides := sd.Sides.Surface
	if sides == nil {
		sides = &sd.Surface
	}
	for _, w := range outwardSides(x0, z0, x1, z1) {
		var holes []hole
		for _, st := range sd.Steps {
			if st.Side != w.name {
				continue
			}
			u := w.uOf(st.Offset)
			holes = append(holes, hole{u - st.Width/2, u + st.Width/2, floor, floor + sd.stepTop(&st, st.Count), 0})
		}
		c.wallGrid(source+".sides", sides, &w, floor, top, holes, nil)
	}
	c.flat(source+".surface", sd.Surface.TextureUse, x0, z0, x1, z1, top, up)
	switch {
	case !sd.Walkable:
		c.blockRect(x0, z0, x1, z1)
	case sd.Height > maxStepRise:
		c.platformEdges(sd, x0, z0, x1, z1)
	}
	for i := range sd.Steps {
		c.steps(fmt.Sprintf("%s.steps[%d]", source, i), sd, &sd.Steps[i], floor)
	}
}

// platformEdges adds two-sided walls along a walkable platform's edges
// except where a climbable flight meets them: one on top cannot walk off,
// one below cannot walk up the side. Two-sided, because visitors belong on
// both sides of them.
func (c *Compiled) platformEdges(sd *Solid, x0, z0, x1, z1 float32) {
	for _, w := range outwardSides(x0, z0, x1, z1) {
		var open [][2]float32
		for i := range sd.Steps {
			st := &sd.Steps[i]
			if st.Side == w.name && sd.climbable(st) {
				u := w.uOf(st.Offset)
				open = append(open, [2]float32{u - st.Width/2, u + st.Width/2})
			}
		}
		slices.SortFunc(open, func(a, b [2]float32) int { return cmp.Compare(a[0], b[0]) })
		var u float32
		for _, o := range open {
			if o[0] > u {
				c.rail(w.at(u), w.at(min(o[0], w.length)))
			}
			u = max(u, o[1])
		}
		if u < w.length {
			c.rail(w.at(u), w.at(w.length))
		}
	}
}

// rail adds a wall from a to b that keeps walkers on whichever side they
// are: it has no normal, so it only ever pushes a body back the way it came.
func (c *Compiled) rail(a, b mgl32.Vec2) {
	c.walls = append(c.walls, segment{a: a, b: b})
}

// climbable reports whether a visitor can walk up a flight: its risers are
// no higher than maxStepRise.
func (sd *Solid) climbable(st *Steps) bool {
	return sd.Height/float32(st.Count+1) <= maxStepRise
}

// stepTop is the height above the floor of step i (1 = lowest) of a
// flight: the risers divide the platform's height evenly.
func (sd *Solid) stepTop(st *Steps, i int) float32 {
	return sd.Height * float32(i) / float32(st.Count+1)
}

// steps adds one flight: for each step a riser, a tread and two side
// pieces, the lowest step farthest out.
func (c *Compiled) steps(source string, sd *Solid, st *Steps, floor float32) {
	out, along := stepFrame(st.Side)
	x0, z0, x1, z1 := sd.rect()
	half := (x1 - x0) / 2
	if out.Y() != 0 {
		half = (z1 - z0) / 2
	}
	ctr := mgl32.Vec2{sd.Center[0], sd.Center[1]}.Add(along.Mul(st.Offset))
	// p builds a world point from a distance along the side, a distance
	// out from the platform's edge and a height.
	p := func(a, o, y float32) mgl32.Vec3 {
		q := ctr.Add(along.Mul(a)).Add(out.Mul(half + o))
		return mgl32.Vec3{q.X(), y, q.Y()}
	}
	hw := st.Width / 2
	out3, along3 := mgl32.Vec3{out.X(), 0, out.Y()}, mgl32.Vec3{along.X(), 0, along.Y()}
	t := st.Surface.TextureUse
	for i := 1; i <= st.Count; i++ {
		yb, yt := floor+sd.stepTop(st, i-1), floor+sd.stepTop(st, i)
		oOut := float32(st.Count+1-i) * stepTread // this step's front edge
		oIn := oOut - stepTread
		riser := []mgl32.Vec3{p(-hw, oOut, yb), p(hw, oOut, yb), p(hw, oOut, yt), p(-hw, oOut, yt)}
		c.add(source+".surface", riser, out3, t, mapping{origin: p(-hw, oOut, yt), u: along3, v: up.Mul(-1)})
		tread := []mgl32.Vec3{p(-hw, oIn, yt), p(hw, oIn, yt), p(hw, oOut, yt), p(-hw, oOut, yt)}
		c.add(source+".surface", tread, up, t, mapping{origin: p(-hw, 0, yt), u: along3, v: out3})
		for _, a := range []float32{-hw, hw} {
			facing := along3.Mul(a / hw)
			side := []mgl32.Vec3{p(a, oIn, floor), p(a, oOut, floor), p(a, oOut, yt), p(a, oIn, yt)}
			c.add(source+".surface", side, facing, t, mapping{origin: p(a, 0, yt), u: out3, v: up.Mul(-1)})
		}
	}
	switch {
	case !sd.Walkable || !sd.climbable(st):
		a, b := p(-hw, 0, 0), p(hw, float32(st.Count)*stepTread, 0)
		c.blockRect(min(a.X(), b.X()), min(a.Z(), b.Z()), max(a.X(), b.X()), max(a.Z(), b.Z()))
	case sd.Height > maxStepRise:
		// The steps higher than maxStepRise stand above the floor beside
		// the flight like a wall: rail their sides from the platform out
		// to the front of the lowest of them. The low steps stay open, so
		// a visitor may step onto the flight from the side there.
		for i := 1; i <= st.Count; i++ {
			if sd.stepTop(st, i) > maxStepRise {
				reach := float32(st.Count+1-i) * stepTread
				for _, a := range []float32{-hw, hw} {
					from, to := p(a, 0, 0), p(a, reach, 0)
					c.rail(mgl32.Vec2{from.X(), from.Z()}, mgl32.Vec2{to.X(), to.Z()})
				}
				break
			}
		}
	}
}

// throne adds a seat and a tall back on a base Bottom metres up, all in
// its surface, and blocks its footprint.
func (c *Compiled) throne(source string, sd *Solid, floor float32) {
	x0, z0, x1, z1 := sd.rect()
	yb := floor + sd.Bottom
	same := func(string) (string, *Surface) { return source + ".surface", &sd.Surface }
	c.block(source+".surface", x0, z0, x1, z1, yb, yb+sd.Height*throneSeat, same, &sd.Surface, nil, floor)
	// The back stands at the rear, away from the way the throne faces.
	n, _ := sideNormal(sd.Facing)
	bx0, bz0, bx1, bz1 := x0, z0, x1, z1
	switch {
	case n.Z() > 0:
		bz1 = z0 + (z1-z0)*throneBack
	case n.Z() < 0:
		bz0 = z1 - (z1-z0)*throneBack
	case n.X() > 0:
		bx1 = x0 + (x1-x0)*throneBack
	default:
		bx0 = x1 - (x1-x0)*throneBack
	}
	c.block(source+".surface", bx0, bz0, bx1, bz1, yb+sd.Height*throneSeat, yb+sd.Height, same, &sd.Surface, nil, floor)
	c.blockRect(x0, z0, x1, z1)
}

// FloorAt returns the height of the floor a visitor stands on at (x, z):
// the top of a walkable platform or of one of its steps where there is one,
// else the floor of the room there (0 outside every room). Clients add the
// eye height to it when walking onto a walkable platform.
func (s *Scene) FloorAt(x, z float32) float32 {
	var floor float32
	if r := s.roomAt(x, z, 0); r != nil {
		floor = r.Min[1]
	}
	base := floor
	for i := range s.Solids {
		sd := &s.Solids[i]
		if sd.Type != TypePlatform || !sd.Walkable {
			continue
		}
		x0, z0, x1, z1 := sd.rect()
		if x >= x0 && x <= x1 && z >= z0 && z <= z1 {
			floor = max(floor, base+sd.Height)
			continue
		}
		for j := range sd.Steps {
			st := &sd.Steps[j]
			out, along := stepFrame(st.Side)
			half := (x1 - x0) / 2
			if out.Y() != 0 {
				half = (z1 - z0) / 2
			}
			rel := mgl32.Vec2{x - sd.Center[0], z - sd.Center[1]}
			a := rel.Dot(along) - st.Offset
			o := rel.Dot(out) - half // distance out from the platform's edge
			if abs(a) > st.Width/2 || o < 0 || o > float32(st.Count)*stepTread {
				continue
			}
			// Step i (1 = lowest) runs out to (Count+1-i) treads.
			i := st.Count + 1 - int(math.Ceil(float64(o/stepTread)))
			i = min(max(i, 1), st.Count)
			floor = max(floor, base+sd.stepTop(st, i))
		}
	}
	return floor
}
