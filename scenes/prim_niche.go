package scenes

import (
	"fmt"
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

// archSegments is how many straight pieces approximate a niche's half-round
// arch: 8 keeps the outline round at the distance a visitor sees a niche
// from, for 8 more quads per niche.
const archSegments = 8

// recess is a box-shaped hollow behind a vertical surface: a niche or a
// cell, in the coordinates of the wall it opens from.
type recess struct {
	w          *wallSide
	u0, u1     float32 // along the wall from its left end
	y0, y1     float32 // bottom and top of the opening
	depth      float32
	arch       bool
	back, side *Surface
	// floor and wallTop are the heights of the wall's foot and top, for
	// finding the band an arch cuts into.
	floor, wallTop float32
}

// point returns the world point u metres along the wall, at height y, d
// metres behind the wall's face.
func (rc *recess) point(u, y, d float32) mgl32.Vec3 {
	p := rc.w.at(u)
	out := rc.w.facing.Mul(-d)
	return mgl32.Vec3{p.X() + out.X(), y, p.Y() + out.Z()}
}

// springline is the height where an arch starts.
func (rc *recess) springline() float32 {
	if !rc.arch {
		return rc.y1
	}
	return max(rc.y0, rc.y1-(rc.u1-rc.u0)/2)
}

// arc returns the arch's outline from the left springing point over to the
// right one, as (u, y) pairs.
func (rc *recess) arc() [][2]float32 {
	um, ys := (rc.u0+rc.u1)/2, rc.springline()
	rad := (rc.u1 - rc.u0) / 2
	rise := rc.y1 - ys
	out := make([][2]float32, archSegments+1)
	for k := 0; k <= archSegments; k++ {
		a := math.Pi * float64(k) / archSegments
		out[k] = [2]float32{um - rad*float32(math.Cos(a)), ys + rise*float32(math.Sin(a))}
	}
	return out
}

// add draws the recess's back, sides, sill and top (or vault), all facing
// into the hollow, plus for an arch the wall pieces between the arch and
// the rectangular hole cut in the wall.
func (c *Compiled) recessPolys(source string, rc *recess, sill bool) {
	w := rc.w
	uDir := w.facing.Mul(-1).Cross(up).Normalize()
	out := w.facing.Mul(-1)
	down := up.Mul(-1)
	ys := rc.springline()
	// Back: a rectangle, or a rectangle crowned by a half disc (convex).
	backPts := []mgl32.Vec3{rc.point(rc.u0, rc.y0, rc.depth), rc.point(rc.u1, rc.y0, rc.depth)}
	if rc.arch {
		arc := rc.arc()
		for k := len(arc) - 1; k >= 0; k-- {
			backPts = append(backPts, rc.point(arc[k][0], arc[k][1], rc.depth))
		}
	} else {
		backPts = append(backPts, rc.point(rc.u1, rc.y1, rc.depth), rc.point(rc.u0, rc.y1, rc.depth))
	}
	c.add(source+".back", backPts, w.facing, rc.back.TextureUse,
		mapping{origin: rc.point(rc.u0, rc.y1, rc.depth), u: uDir, v: down})
	// Sides, facing each other.
	for k, u := range []float32{rc.u0, rc.u1} {
		facing := uDir
		if k == 1 {
			facing = uDir.Mul(-1)
		}
		pts := []mgl32.Vec3{rc.point(u, rc.y0, 0), rc.point(u, rc.y0, rc.depth), rc.point(u, ys, rc.depth), rc.point(u, ys, 0)}
		c.add(fmt.Sprintf("%s.sides#%d", source, k), pts, facing, rc.side.TextureUse,
			mapping{origin: rc.point(u, ys, 0), u: out, v: down})
	}
	if sill {
		pts := []mgl32.Vec3{rc.point(rc.u0, rc.y0, 0), rc.point(rc.u1, rc.y0, 0), rc.point(rc.u1, rc.y0, rc.depth), rc.point(rc.u0, rc.y0, rc.depth)}
		c.add(source+".sides#sill", pts, up, rc.side.TextureUse, mapping{origin: pts[0], u: uDir, v: out})
	}
	if !rc.arch {
		pts := []mgl32.Vec3{rc.point(rc.u0, rc.y1, 0), rc.point(rc.u1, rc.y1, 0), rc.point(rc.u1, rc.y1, rc.depth), rc.point(rc.u0, rc.y1, rc.depth)}
		c.add(source+".sides#top", pts, down, rc.side.TextureUse, mapping{origin: pts[0], u: uDir, v: out})
		return
	}
	// Vault: one strip per arc segment, facing the arch's centre; and the
	// spandrels: fans from the hole's top corners to the arc, in the wall.
	arc := rc.arc()
	centre := rc.point((rc.u0+rc.u1)/2, ys, rc.depth/2)
	for k := 0; k+1 < len(arc); k++ {
		a, b := arc[k], arc[k+1]
		pts := []mgl32.Vec3{rc.point(a[0], a[1], 0), rc.point(b[0], b[1], 0), rc.point(b[0], b[1], rc.depth), rc.point(a[0], a[1], rc.depth)}
		mid := pts[0].Add(pts[2]).Mul(0.5)
		tangent := pts[1].Sub(pts[0]).Normalize()
		c.add(fmt.Sprintf("%s.sides#vault%d", source, k), pts, centre.Sub(mid), rc.side.TextureUse,
			mapping{origin: pts[0], u: out, v: tangent})
	}
	use, field := spandrelUse(w.source, w.s, rc.y1-rc.floor-fitTolerance)
	// The spandrels continue the wall's band: its v starts at the band's top.
	var bandTop float32
	for _, b := range bandSpans(w.source, w.s, rc.floor, rc.wallTop) {
		if b.source == field {
			bandTop = b.y1
		}
	}
	wallMap := mapping{origin: mgl32.Vec3{w.left.X(), bandTop, w.left.Y()}, u: uDir, v: down}
	half := archSegments / 2
	for k := 0; k < archSegments; k++ {
		corner := rc.point(rc.u0, rc.y1, 0)
		if k >= half {
			corner = rc.point(rc.u1, rc.y1, 0)
		}
		pts := []mgl32.Vec3{corner, rc.point(arc[k][0], arc[k][1], 0), rc.point(arc[k+1][0], arc[k+1][1], 0)}
		c.add(fmt.Sprintf("%s#spandrel%d", field, k), pts, w.facing, use, wallMap)
	}
}

// spandrelUse is the texture of a wall's surface at height y above the
// wall's foot (the band there), for the pieces of wall an arch leaves, and
// the field it comes from.
func spandrelUse(source string, s *Surface, y float32) (TextureUse, string) {
	if len(s.Bands) == 0 {
		return s.TextureUse, source
	}
	var h float32
	for i, b := range s.Bands {
		h += b.Height
		if y <= h+fitTolerance || b.Height == 0 || i == len(s.Bands)-1 {
			return b.TextureUse, fmt.Sprintf("%s.bands[%d]", source, i)
		}
	}
	return s.TextureUse, source
}

// niches adds the recesses in a room's walls.
func (c *Compiled) niches(source string, r *Room, walls []wallSide) {
	for i := range r.Niches {
		n := &r.Niches[i]
		for k := range walls {
			if walls[k].name != n.Wall {
				continue
			}
			u := walls[k].uOf(n.Offset)
			rc := &recess{w: &walls[k], u0: u - n.Width/2, u1: u + n.Width/2,
				y0: r.Min[1] + n.Bottom, y1: r.Min[1] + n.Bottom + n.Height,
				depth: n.Depth, arch: n.Arch, back: &n.Back, side: &n.Sides, floor: r.Min[1], wallTop: r.Max[1]}
			c.recessPolys(fmt.Sprintf("%s.niches[%d]", source, i), rc, true)
		}
	}
}

// cells adds the walk-in meditation cells behind a room's walls: a small
// box room entered through a doorway, with its own walls in the collision
// outline.
func (c *Compiled) cells(source string, r *Room, walls []wallSide) {
	for i := range r.Cells {
		cl := &r.Cells[i]
		for k := range walls {
			w := &walls[k]
			if w.name != cl.Wall {
				continue
			}
			u := w.uOf(cl.Offset)
			rc := &recess{w: w, u0: u - cl.Width/2, u1: u + cl.Width/2,
				y0: r.Min[1], y1: r.Min[1] + cl.Height, depth: cl.Depth, back: &cl.Surface, side: &cl.Surface}
			src := fmt.Sprintf("%s.cells[%d]", source, i)
			c.recessPolys(src+".surface", rc, false)
			// The cell's floor continues the room's floor texture.
			pts := []mgl32.Vec3{rc.point(rc.u0, rc.y0, 0), rc.point(rc.u1, rc.y0, 0), rc.point(rc.u1, rc.y0, rc.depth), rc.point(rc.u0, rc.y0, rc.depth)}
			c.add(source+".floor", pts, up, r.Floor.TextureUse,
				mapping{origin: mgl32.Vec3{r.Min[0], r.Min[1], r.Min[2]}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}})
			uDir := w.facing.Mul(-1).Cross(up).Normalize()
			flat := func(p mgl32.Vec3) mgl32.Vec2 { return mgl32.Vec2{p.X(), p.Z()} }
			a0, a1 := flat(rc.point(rc.u0, 0, 0)), flat(rc.point(rc.u0, 0, rc.depth))
			b0, b1 := flat(rc.point(rc.u1, 0, 0)), flat(rc.point(rc.u1, 0, rc.depth))
			c.walls = append(c.walls,
				segment{a: a0, b: a1, normal: mgl32.Vec2{uDir.X(), uDir.Z()}},
				segment{a: a1, b: b1, normal: mgl32.Vec2{w.facing.X(), w.facing.Z()}},
				segment{a: b1, b: b0, normal: mgl32.Vec2{-uDir.X(), -uDir.Z()}})
		}
	}
}

// cellBoxes returns the plan rectangles [x0, z0, x1, z1] of a room's
// cells, which are walkable too.
func (r *Room) cellBoxes() [][4]float32 {
	var out [][4]float32
	for _, w := range r.wallSides() {
		for _, cl := range r.Cells {
			if cl.Wall != w.name {
				continue
			}
			u := w.uOf(cl.Offset)
			rc := &recess{w: &w, u0: u - cl.Width/2, u1: u + cl.Width/2, depth: cl.Depth}
			p, q := rc.point(rc.u0, 0, 0), rc.point(rc.u1, 0, rc.depth)
			out = append(out, [4]float32{min(p.X(), q.X()), min(p.Z(), q.Z()), max(p.X(), q.X()), max(p.Z(), q.Z())})
		}
	}
	return out
}
