package scenes

import (
	"fmt"

	"github.com/go-gl/mathgl/mgl32"
)

// Vertex is a polygon corner: a position in metres and a texture coordinate
// in repeats of the texture (1.0 = one texture width or height), derived
// from the texture's real size so images are never stretched.
type Vertex struct {
	Pos mgl32.Vec3
	UV  mgl32.Vec2
}

// Polygon is a convex, planar polygon whose vertices run counter-clockwise
// seen from the front, the side Normal points to. Room surfaces face into
// the room; solids' faces face out of the solid.
type Polygon struct {
	Verts   []Vertex
	Texture string
	Normal  mgl32.Vec3
	// Source is the scene field the polygon comes from, e.g.
	// "rooms[0].walls.west.bands[1]".
	Source string
}

// Compiled is a scene turned into geometry: polygons for drawing and a plan
// outline for walking.
type Compiled struct {
	// ID is the scene's id.
	ID string
	// Polygons are every visible surface.
	Polygons []Polygon
	// Light is the scene's lighting, for the renderer.
	Light Light
	// Min and Max bound all polygons.
	Min, Max mgl32.Vec3

	walls   []segment
	circles []circle
}

// segment is a piece of the plan outline that blocks walking; normal points
// to the side a walker belongs on (into rooms, out of solids).
type segment struct {
	a, b   mgl32.Vec2 // (x, z)
	normal mgl32.Vec2
}

var up = mgl32.Vec3{0, 1, 0}

// Compile turns the scene's primitives into polygons and a collision
// outline.
func (s *Scene) Compile() (*Compiled, error) {
	c := &Compiled{ID: s.ID, Light: s.Light}
	for i := range s.Rooms {
		c.room(fmt.Sprintf("rooms[%d]", i), s, i)
	}
	if err := s.checkPrimitives(); err != nil {
		return nil, err
	}
	for i := range s.Solids {
		sd := &s.Solids[i]
		x, z := sd.Center[0], sd.Center[1]
		if sd.Type == TypeColumnRow {
			x, z = sd.From[0], sd.From[1]
		}
		r := s.roomAt(x, z, 0)
		if r == nil {
			return nil, fmt.Errorf("scene %s: %s stands outside every room; move it inside one", s.ID, sd.label(i))
		}
		if err := c.solid(fmt.Sprintf("solids[%d]", i), sd, r); err != nil {
			return nil, fmt.Errorf("scene %s: %w", s.ID, err)
		}
	}
	if len(c.Polygons) == 0 {
		return nil, fmt.Errorf("scene %s: compiles to no polygons", s.ID)
	}
	c.Min = c.Polygons[0].Verts[0].Pos
	c.Max = c.Min
	for _, p := range c.Polygons {
		for _, v := range p.Verts {
			for k := 0; k < 3; k++ {
				c.Min[k] = min(c.Min[k], v.Pos[k])
				c.Max[k] = max(c.Max[k], v.Pos[k])
			}
		}
	}
	return c, nil
}

// mapping places a texture on a plane: uv = ((p-origin)·u - offset) / size.
type mapping struct {
	origin mgl32.Vec3
	u, v   mgl32.Vec3 // unit vectors: texture right and texture down
}

// add appends a polygon whose corners are pts (any winding), oriented so its
// normal agrees with facing, textured by t through m.
func (c *Compiled) add(source string, pts []mgl32.Vec3, facing mgl32.Vec3, t TextureUse, m mapping) {
	n := newellNormal(pts)
	if n.Dot(facing) < 0 {
		rev := make([]mgl32.Vec3, len(pts))
		for i, p := range pts {
			rev[len(pts)-1-i] = p
		}
		pts, n = rev, n.Mul(-1)
	}
	verts := make([]Vertex, len(pts))
	for i, p := range pts {
		d := p.Sub(m.origin)
		verts[i] = Vertex{Pos: p, UV: mgl32.Vec2{
			(d.Dot(m.u) - t.Offset[0]) / t.Size[0],
			(d.Dot(m.v) - t.Offset[1]) / t.Size[1],
		}}
	}
	c.Polygons = append(c.Polygons, Polygon{Verts: verts, Texture: t.Texture, Normal: n, Source: source})
}

// newellNormal returns the unit normal of a planar polygon whose vertices
// run counter-clockwise around it.
func newellNormal(pts []mgl32.Vec3) mgl32.Vec3 {
	var n mgl32.Vec3
	for i, a := range pts {
		b := pts[(i+1)%len(pts)]
		n[0] += (a.Y() - b.Y()) * (a.Z() + b.Z())
		n[1] += (a.Z() - b.Z()) * (a.X() + b.X())
		n[2] += (a.X() - b.X()) * (a.Y() + b.Y())
	}
	return n.Normalize()
}

// vertical adds the pieces of a vertical surface between plan points left
// and right (as a viewer in front of it sees them), from height y0 to y1,
// facing facing. wallLeft is the left end of the whole wall, so that u runs
// on continuously when a wall is cut into pieces. Bands are stacked from
// y0 up.
func (c *Compiled) vertical(source string, s *Surface, wallLeft, left, right mgl32.Vec2, y0, y1 float32, facing mgl32.Vec3) {
	uDir := facing.Mul(-1).Cross(up).Normalize()
	quad := func(src string, t TextureUse, yb, yt float32) {
		pts := []mgl32.Vec3{
			{left.X(), yb, left.Y()}, {right.X(), yb, right.Y()},
			{right.X(), yt, right.Y()}, {left.X(), yt, left.Y()},
		}
		c.add(src, pts, facing, t, mapping{origin: mgl32.Vec3{wallLeft.X(), yt, wallLeft.Y()}, u: uDir, v: up.Mul(-1)})
	}
	if len(s.Bands) == 0 {
		quad(source, s.TextureUse, y0, y1)
		return
	}
	y := y0
	for i, b := range s.Bands {
		top := y + b.Height
		if b.Height == 0 || i == len(s.Bands)-1 {
			top = y1
		}
		quad(fmt.Sprintf("%s.bands[%d]", source, i), b.TextureUse, y, top)
		y = top
	}
}

// room adds a box room's floor, walls and ceiling and its plan outline.
func (c *Compiled) room(source string, s *Scene, ri int) {
	r := &s.Rooms[ri]
	x0, y0, z0 := r.Min[0], r.Min[1], r.Min[2]
	x1, y1, z1 := r.Max[0], r.Max[1], r.Max[2]

	// Cuts along the front→back axis where ceiling parts meet. Walls and
	// floor are cut there too, so neighbouring polygons share whole edges
	// (no T-junctions, which can show as cracks when rasterised).
	axis, at := -1, func(float32) float32 { return 0 }
	var cuts []float32
	if len(r.Ceiling.Parts) > 0 {
		axis, at = r.frontAxis()
		for _, ps := range r.partSpans()[1:] {
			cuts = append(cuts, at(ps.s0))
		}
	}
	// pieces splits the interval lo..hi of the given axis at the cuts.
	pieces := func(ax int, lo, hi float32) [][2]float32 {
		out := [][2]float32{{lo, hi}}
		if ax != axis {
			return out
		}
		for _, cut := range cuts {
			var next [][2]float32
			for _, p := range out {
				if cut > p[0]+fitTolerance && cut < p[1]-fitTolerance {
					next = append(next, [2]float32{p[0], cut}, [2]float32{cut, p[1]})
				} else {
					next = append(next, p)
				}
			}
			out = next
		}
		return out
	}

	// Floor, cut into strips along the front axis.
	floorMap := mapping{origin: mgl32.Vec3{x0, y0, z0}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}}
	strips := pieces(0, x0, x1)
	stripAxis := 0
	if axis == 2 {
		strips, stripAxis = pieces(2, z0, z1), 2
	}
	for i, st := range strips {
		src := source + ".floor"
		if len(strips) > 1 {
			src = fmt.Sprintf("%s.floor#%d", source, i)
		}
		var pts []mgl32.Vec3
		if stripAxis == 0 {
			pts = []mgl32.Vec3{{st[0], y0, z0}, {st[1], y0, z0}, {st[1], y0, z1}, {st[0], y0, z1}}
		} else {
			pts = []mgl32.Vec3{{x0, y0, st[0]}, {x1, y0, st[0]}, {x1, y0, st[1]}, {x0, y0, st[1]}}
		}
		c.add(src, pts, up, r.Floor.TextureUse, floorMap)
	}

	// Walls: each cut at the ceiling parts' edges and around its holes.
	walls := r.wallSides()
	for k := range walls {
		w := &walls[k]
		w.source = source + ".walls." + w.name
		ax := 0
		if w.name == "east" || w.name == "west" {
			ax = 2
		}
		var uCuts []float32
		if ax == axis {
			base := w.left[ax/2]
			for _, cut := range cuts {
				uCuts = append(uCuts, abs(cut-base))
			}
		}
		c.wallGrid(source+".walls."+w.name, w.s, w, y0, y1, r.holes(w), uCuts)
		c.wallCollision(s, ri, w)
	}
	c.niches(source, r, walls)
	c.cells(source, r, walls)

	c.ceiling(source+".ceiling", r, walls[0].left, walls[1].left, walls[2].left, walls[3].left)
}

// ceiling adds a room's ceiling: one flat polygon or the parts laid from
// the front wall. The wall-left points let gable ends continue their wall's
// u coordinate.
func (c *Compiled) ceiling(source string, r *Room, northLeft, southLeft, eastLeft, westLeft mgl32.Vec2) {
	x0, z0 := r.Min[0], r.Min[2]
	x1, y1, z1 := r.Max[0], r.Max[1], r.Max[2]
	down := mgl32.Vec3{0, -1, 0}
	flatMap := mapping{origin: mgl32.Vec3{x0, y1, z0}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}}
	if len(r.Ceiling.Parts) == 0 {
		pts := []mgl32.Vec3{{x0, y1, z0}, {x1, y1, z0}, {x1, y1, z1}, {x0, y1, z1}}
		c.add(source, pts, down, r.Ceiling.TextureUse, flatMap)
		return
	}
	axis, at := r.frontAxis()
	// point builds a world point from a front-axis coordinate a, a
	// cross-axis coordinate b and a height.
	point := func(a, b, y float32) mgl32.Vec3 {
		if axis == 0 {
			return mgl32.Vec3{a, y, b}
		}
		return mgl32.Vec3{b, y, a}
	}
	b0, b1 := z0, z1
	if axis == 2 {
		b0, b1 = x0, x1
	}
	for i, ps := range r.partSpans() {
		src := fmt.Sprintf("%s.parts[%d]", source, i)
		a0, a1 := at(ps.s0), at(ps.s1)
		p := ps.part
		rx0, rz0, rx1, rz1 := min(a0, a1), b0, max(a0, a1), b1
		if axis == 2 {
			rx0, rz0, rx1, rz1 = b0, min(a0, a1), b1, max(a0, a1)
		}
		switch p.Shape {
		case ShapeTruncatedPyramid:
			c.pyramid(src, p, rx0, rz0, rx1, rz1, y1)
			continue
		case ShapeCoffered:
			c.coffered(src, p, rx0, rz0, rx1, rz1, y1)
			continue
		}
		if p.Shape == ShapeFlat {
			pts := []mgl32.Vec3{point(a0, b0, y1), point(a1, b0, y1), point(a1, b1, y1), point(a0, b1, y1)}
			c.add(src+".surface", pts, down, p.Surface.TextureUse, flatMap)
			continue
		}
		// Gable: the ridge runs along the cross axis halfway across.
		am := (a0 + a1) / 2
		ridge := y1 + p.Rise
		along := point(0, 1, 0) // unit vector along the ridge
		for k, eave := range []float32{a0, a1} {
			// Texture down runs from the ridge to the eave along the slope.
			downSlope := point(eave, 0, y1).Sub(point(am, 0, ridge)).Normalize()
			pts := []mgl32.Vec3{point(eave, b0, y1), point(eave, b1, y1), point(am, b1, ridge), point(am, b0, ridge)}
			facing := newellNormal(pts)
			if facing.Y() > 0 {
				facing = facing.Mul(-1)
			}
			c.add(fmt.Sprintf("%s.surface#%d", src, k), pts, facing, p.Surface.TextureUse,
				mapping{origin: point(am, b0, ridge), u: along, v: downSlope})
		}
		// Gable ends on the two side walls, continuing each wall's u.
		for _, end := range []struct {
			b        float32
			name     string
			wallLeft mgl32.Vec2
		}{{b0, "#0", northLeft}, {b1, "#1", southLeft}} {
			wl := end.wallLeft
			if axis == 2 {
				wl = westLeft
				if end.b == b1 {
					wl = eastLeft
				}
			}
			pts := []mgl32.Vec3{point(a0, end.b, y1), point(a1, end.b, y1), point(am, end.b, ridge)}
			facing := point(0, 1, 0)
			if end.b == b1 {
				facing = facing.Mul(-1)
			}
			uDir := facing.Mul(-1).Cross(up).Normalize()
			c.add(src+".ends"+end.name, pts, facing, p.Ends.TextureUse,
				mapping{origin: mgl32.Vec3{wl.X(), ridge, wl.Y()}, u: uDir, v: down})
		}
	}
}

// pillar adds a central pillar's faces and plan outline. Faces face out of
// the pillar; a viewer standing in front of a face sees u run left to right.
func (c *Compiled) pillar(source string, sd *Solid, r *Room) {
	x0, z0, x1, z1 := sd.footprint()
	yb := r.Min[1]
	yt := yb + sd.Height
	faces := map[string]*Surface{"north": &sd.Faces.North, "south": &sd.Faces.South, "east": &sd.Faces.East, "west": &sd.Faces.West}
	for _, w := range outwardSides(x0, z0, x1, z1) {
		w.s = faces[w.name]
		src := source + ".faces." + w.name
		w.source = src
		var holes []hole
		for i := range sd.Niches {
			n := &sd.Niches[i]
			if n.Face != w.name {
				continue
			}
			u := w.uOf(n.Offset)
			rc := &recess{w: &w, u0: u - n.Width/2, u1: u + n.Width/2, y0: yb + n.Bottom, y1: yb + n.Bottom + n.Height,
				depth: n.Depth, arch: n.Arch, back: &n.Back, side: &n.Sides, floor: yb, wallTop: yt}
			h := hole{rc.u0, rc.u1, rc.y0, rc.y1, 0}
			if n.Arch {
				h.mid = rc.springline()
			}
			holes = append(holes, h)
			c.recessPolys(fmt.Sprintf("%s.niches[%d]", source, i), rc, true)
		}
		c.wallGrid(src, w.s, &w, yb, yt, holes, nil)
		c.walls = append(c.walls, segment{a: w.left, b: w.right, normal: mgl32.Vec2{w.facing.X(), w.facing.Z()}})
	}
	if sd.Faces.Top != nil {
		pts := []mgl32.Vec3{{x0, yt, z0}, {x1, yt, z0}, {x1, yt, z1}, {x0, yt, z1}}
		c.add(source+".faces.top", pts, up, sd.Faces.Top.TextureUse,
			mapping{origin: mgl32.Vec3{x0, yt, z0}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}})
	}
}
