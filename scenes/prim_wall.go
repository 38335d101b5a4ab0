package scenes

import (
	"fmt"
	"sort"

	"github.com/go-gl/mathgl/mgl32"
)

// wallSide describes one wall of a box room as seen from inside: its plan
// ends left and right, the direction it faces (into the room) and its
// length.
type wallSide struct {
	name        string
	source      string // the surface's field, e.g. "rooms[0].walls.west"
	s           *Surface
	left, right mgl32.Vec2
	facing      mgl32.Vec3
	length      float32
}

// wallSides returns the four walls of a box room, north, south, east, west.
func (r *Room) wallSides() []wallSide {
	x0, z0, x1, z1 := r.Min[0], r.Min[2], r.Max[0], r.Max[2]
	ws := []wallSide{
		{name: "north", s: &r.Walls.North, left: mgl32.Vec2{x0, z0}, right: mgl32.Vec2{x1, z0}},
		{name: "south", s: &r.Walls.South, left: mgl32.Vec2{x1, z1}, right: mgl32.Vec2{x0, z1}},
		{name: "east", s: &r.Walls.East, left: mgl32.Vec2{x1, z0}, right: mgl32.Vec2{x1, z1}},
		{name: "west", s: &r.Walls.West, left: mgl32.Vec2{x0, z1}, right: mgl32.Vec2{x0, z0}},
	}
	for i := range ws {
		out, _ := sideNormal(ws[i].name)
		ws[i].facing = out.Mul(-1)
		ws[i].length = ws[i].right.Sub(ws[i].left).Len()
	}
	return ws
}

// at returns the plan point u metres along the wall from its left end.
func (w *wallSide) at(u float32) mgl32.Vec2 {
	return w.left.Add(w.right.Sub(w.left).Mul(u / w.length))
}

// uOf converts a format offset (from the wall's midpoint, toward +X on
// north and south walls, +Z on east and west walls) to metres from the
// wall's left end as seen from inside.
func (w *wallSide) uOf(offset float32) float32 {
	d := w.right.Sub(w.left)
	if d.X()+d.Y() < 0 { // the wall runs toward -X or -Z from its left end
		offset = -offset
	}
	return w.length/2 + offset
}

// hole is a rectangle cut out of a wall, in metres along the wall from its
// left end (u) and height (y).
// mid, when above y0, is an extra height where the wall must be cut: an
// arch's springline, where the arch's pieces meet the wall's.
type hole struct{ u0, u1, y0, y1, mid float32 }

// holes lists the openings, niches and cells cut into the named wall.
func (r *Room) holes(w *wallSide) []hole {
	y := r.Min[1]
	var out []hole
	for _, o := range r.Openings {
		if o.Wall == w.name {
			u := w.uOf(o.Offset)
			out = append(out, hole{u - o.Width/2, u + o.Width/2, y + o.Sill, y + o.Sill + o.Height, 0})
		}
	}
	for _, n := range r.Niches {
		if n.Wall == w.name {
			u := w.uOf(n.Offset)
			h := hole{u - n.Width/2, u + n.Width/2, y + n.Bottom, y + n.Bottom + n.Height, 0}
			if n.Arch {
				h.mid = max(h.y0, h.y1-n.Width/2)
			}
			out = append(out, h)
		}
	}
	for _, cl := range r.Cells {
		if cl.Wall == w.name {
			u := w.uOf(cl.Offset)
			out = append(out, hole{u - cl.Width/2, u + cl.Width/2, y, y + cl.Height, 0})
		}
	}
	return out
}

// bandSpan is one band of a vertical surface with its heights.
type bandSpan struct {
	source string
	use    TextureUse
	y0, y1 float32
}

// bandSpans stacks a surface's bands from y0 to y1.
func bandSpans(source string, s *Surface, y0, y1 float32) []bandSpan {
	if len(s.Bands) == 0 {
		return []bandSpan{{source, s.TextureUse, y0, y1}}
	}
	var out []bandSpan
	y := y0
	for i, b := range s.Bands {
		top := y + b.Height
		if b.Height == 0 || i == len(s.Bands)-1 {
			top = y1
		}
		out = append(out, bandSpan{fmt.Sprintf("%s.bands[%d]", source, i), b.TextureUse, y, top})
		y = top
	}
	return out
}

// sortedBreaks sorts values, keeps those within lo..hi and drops
// near-duplicates.
func sortedBreaks(vals []float32, lo, hi float32) []float32 {
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	out := []float32{lo}
	for _, v := range vals {
		if v > out[len(out)-1]+fitTolerance && v < hi-fitTolerance {
			out = append(out, v)
		}
	}
	return append(out, hi)
}

// wallGrid adds a vertical surface from y0 to y1 along a wall with holes
// cut out. The wall is cut into a grid at every hole edge, band edge and
// extra cut (uCuts), and every cell outside the holes becomes a quad, so
// neighbouring quads always share whole edges (no T-junctions, which can
// show as cracks when rasterised). Texture u runs on continuously from the
// wall's left end; each band's v starts at the band's top.
func (c *Compiled) wallGrid(source string, s *Surface, w *wallSide, y0, y1 float32, holes []hole, uCuts []float32) {
	bands := bandSpans(source, s, y0, y1)
	us := append([]float32{}, uCuts...)
	ys := []float32{}
	for _, h := range holes {
		us = append(us, h.u0, h.u1)
		ys = append(ys, h.y0, h.y1)
		if h.mid > h.y0 {
			ys = append(ys, h.mid)
		}
	}
	for _, b := range bands {
		ys = append(ys, b.y0)
	}
	ub := sortedBreaks(us, 0, w.length)
	yb := sortedBreaks(ys, y0, y1)
	uDir := w.facing.Mul(-1).Cross(up).Normalize()
	for i := 0; i+1 < len(ub); i++ {
		for j := 0; j+1 < len(yb); j++ {
			um, ym := (ub[i]+ub[i+1])/2, (yb[j]+yb[j+1])/2
			cut := false
			for _, h := range holes {
				if um > h.u0 && um < h.u1 && ym > h.y0 && ym < h.y1 {
					cut = true
					break
				}
			}
			if cut {
				continue
			}
			band := bands[len(bands)-1]
			for _, b := range bands {
				if ym >= b.y0 && ym < b.y1 {
					band = b
					break
				}
			}
			l, rt := w.at(ub[i]), w.at(ub[i+1])
			pts := []mgl32.Vec3{
				{l.X(), yb[j], l.Y()}, {rt.X(), yb[j], rt.Y()},
				{rt.X(), yb[j+1], rt.Y()}, {l.X(), yb[j+1], l.Y()},
			}
			c.add(band.source, pts, w.facing, band.use,
				mapping{origin: mgl32.Vec3{w.left.X(), band.y1, w.left.Y()}, u: uDir, v: up.Mul(-1)})
		}
	}
}

// sharedSpans returns the stretches of wall w (as u intervals) that lie
// against a wall of another room, with that room's index.
func (s *Scene) sharedSpans(ri int, w *wallSide) []sharedSpan {
	r := &s.Rooms[ri]
	var out []sharedSpan
	for j := range s.Rooms {
		if j == ri {
			continue
		}
		o := &s.Rooms[j]
		var touch bool
		var lo, hi float32 // along the wall's world axis
		switch w.name {
		case "north":
			touch, lo, hi = near(o.Max[2], r.Min[2]), max(r.Min[0], o.Min[0]), min(r.Max[0], o.Max[0])
		case "south":
			touch, lo, hi = near(o.Min[2], r.Max[2]), max(r.Min[0], o.Min[0]), min(r.Max[0], o.Max[0])
		case "east":
			touch, lo, hi = near(o.Min[0], r.Max[0]), max(r.Min[2], o.Min[2]), min(r.Max[2], o.Max[2])
		case "west":
			touch, lo, hi = near(o.Max[0], r.Min[0]), max(r.Min[2], o.Min[2]), min(r.Max[2], o.Max[2])
		}
		if !touch || hi-lo < fitTolerance {
			continue
		}
		// Convert the world interval to u along the wall.
		base := w.left.X()
		if w.name == "east" || w.name == "west" {
			base = w.left.Y()
		}
		u0, u1 := lo-base, hi-base
		if w.name == "south" || w.name == "west" {
			u0, u1 = base-hi, base-lo
		}
		out = append(out, sharedSpan{u0, u1, j})
	}
	return out
}

// sharedSpan is a stretch of wall against another room.
type sharedSpan struct {
	u0, u1 float32
	room   int
}

func near(a, b float32) bool { return abs(a-b) <= fitTolerance }

// wallCollision adds the plan outline of a room's wall. Doorways (openings
// with no sill) where another room lies behind, and cell doorways, are
// left open. A stretch against another room is a two-sided segment added
// once, by the room listed first, so that a visitor on either side is kept
// on their own side.
func (c *Compiled) wallCollision(s *Scene, ri int, w *wallSide) {
	r := &s.Rooms[ri]
	shared := s.sharedSpans(ri, w)
	var gaps [][2]float32
	for _, o := range r.Openings {
		if o.Wall != w.name || o.Sill > fitTolerance {
			continue
		}
		u := w.uOf(o.Offset)
		for _, sh := range shared {
			if u > sh.u0 && u < sh.u1 {
				gaps = append(gaps, [2]float32{u - o.Width/2, u + o.Width/2})
				break
			}
		}
	}
	for _, cl := range r.Cells {
		if cl.Wall == w.name {
			u := w.uOf(cl.Offset)
			gaps = append(gaps, [2]float32{u - cl.Width/2, u + cl.Width/2})
		}
	}
	var cuts []float32
	for _, g := range gaps {
		cuts = append(cuts, g[0], g[1])
	}
	for _, sh := range shared {
		cuts = append(cuts, sh.u0, sh.u1)
	}
	ub := sortedBreaks(cuts, 0, w.length)
	normal := mgl32.Vec2{w.facing.X(), w.facing.Z()}
	for i := 0; i+1 < len(ub); i++ {
		um := (ub[i] + ub[i+1]) / 2
		open := false
		for _, g := range gaps {
			if um > g[0] && um < g[1] {
				open = true
			}
		}
		if open {
			continue
		}
		seg := segment{a: w.at(ub[i]), b: w.at(ub[i+1]), normal: normal}
		skip := false
		for _, sh := range shared {
			if um > sh.u0 && um < sh.u1 {
				seg.normal = mgl32.Vec2{}
				skip = sh.room < ri
			}
		}
		if !skip {
			c.walls = append(c.walls, seg)
		}
	}
}
