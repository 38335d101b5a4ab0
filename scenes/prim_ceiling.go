package scenes

import (
	"fmt"

	"github.com/go-gl/mathgl/mgl32"
)

// pyramid adds a truncated-pyramid ceiling over the plan rectangle
// xa..xb × za..zb: four sloped trapezoids rising from the top of the walls
// (y1) to a flat top of p.Top centred over the rectangle, p.Rise higher.
// A slope's texture runs left to right as a visitor facing that wall sees
// it, and down the slope from the top; bands stack up the slope from the
// wall, their heights measured along the slope.
func (c *Compiled) pyramid(src string, p *CeilingPart, xa, za, xb, zb, y1 float32) {
	cx, cz := (xa+xb)/2, (za+zb)/2
	hw, hd := min(p.Top[0], xb-xa)/2, min(p.Top[1], zb-za)/2
	yt := y1 + p.Rise
	nw, ne := mgl32.Vec3{xa, y1, za}, mgl32.Vec3{xb, y1, za}
	se, sw := mgl32.Vec3{xb, y1, zb}, mgl32.Vec3{xa, y1, zb}
	tnw, tne := mgl32.Vec3{cx - hw, yt, cz - hd}, mgl32.Vec3{cx + hw, yt, cz - hd}
	tse, tsw := mgl32.Vec3{cx + hw, yt, cz + hd}, mgl32.Vec3{cx - hw, yt, cz + hd}
	slopes := []struct {
		name           string
		s              *Surface
		bl, br, tr, tl mgl32.Vec3
	}{
		{"north", &p.Slopes.North, nw, ne, tne, tnw},
		{"south", &p.Slopes.South, se, sw, tsw, tse},
		{"east", &p.Slopes.East, ne, se, tse, tne},
		{"west", &p.Slopes.West, sw, nw, tnw, tsw},
	}
	for _, sl := range slopes {
		c.slope(fmt.Sprintf("%s.slopes.%s", src, sl.name), sl.s, sl.bl, sl.br, sl.tr, sl.tl)
	}
	if hw > 0 && hd > 0 {
		pts := []mgl32.Vec3{tnw, tne, tse, tsw}
		c.add(src+".surface", pts, up.Mul(-1), p.Surface.TextureUse,
			mapping{origin: tnw, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}})
	}
}

// slope adds one sloped side of a truncated pyramid: base corners bl, br
// at the wall and top corners tr, tl, cut into bands up the slope.
func (c *Compiled) slope(source string, s *Surface, bl, br, tr, tl mgl32.Vec3) {
	uDir := br.Sub(bl).Normalize()
	d := bl.Sub(tl)
	down := d.Sub(uDir.Mul(d.Dot(uDir))) // from the top edge to the base, across the slope
	slant := down.Len()
	if slant < minSize {
		return
	}
	down = down.Mul(1 / slant)
	// edge returns the two ends of the line slant distance s up from the
	// base.
	edge := func(s float32) (l, r mgl32.Vec3) {
		f := s / slant
		return bl.Add(tl.Sub(bl).Mul(f)), br.Add(tr.Sub(br).Mul(f))
	}
	facing := newellNormal([]mgl32.Vec3{bl, br, tr, tl})
	if facing.Y() > 0 {
		facing = facing.Mul(-1)
	}
	for _, b := range bandSpans(source, s, 0, slant) {
		l0, r0 := edge(b.y0)
		l1, r1 := edge(b.y1)
		pts := []mgl32.Vec3{l0, r0, r1}
		// A pyramid with no flat top meets in a point: a triangle.
		if l1.Sub(r1).Len() > fitTolerance {
			pts = append(pts, l1)
		}
		// Texture origin: on the band's top line, above the wall's left end.
		origin := bl.Sub(down.Mul(b.y1))
		c.add(b.source, pts, facing, b.use, mapping{origin: origin, u: uDir, v: down})
	}
}

// coffered adds a flat coffered ceiling over xa..xb × za..zb at height y1,
// with its caisson (if any) cut out and recessed Caisson.Depth upward.
func (c *Compiled) coffered(src string, p *CeilingPart, xa, za, xb, zb, y1 float32) {
	down := up.Mul(-1)
	flatMap := mapping{origin: mgl32.Vec3{xa, y1, za}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}}
	cs := p.Caisson
	if cs == nil {
		c.add(src+".surface", []mgl32.Vec3{{xa, y1, za}, {xb, y1, za}, {xb, y1, zb}, {xa, y1, zb}}, down, p.Surface.TextureUse, flatMap)
		return
	}
	cx0, cx1 := cs.Center[0]-cs.Size[0]/2, cs.Center[0]+cs.Size[0]/2
	cz0, cz1 := cs.Center[1]-cs.Size[1]/2, cs.Center[1]+cs.Size[1]/2
	xs := sortedBreaks([]float32{cx0, cx1}, xa, xb)
	zs := sortedBreaks([]float32{cz0, cz1}, za, zb)
	for i := 0; i+1 < len(xs); i++ {
		for j := 0; j+1 < len(zs); j++ {
			mx, mz := (xs[i]+xs[i+1])/2, (zs[j]+zs[j+1])/2
			if mx > cx0 && mx < cx1 && mz > cz0 && mz < cz1 {
				continue
			}
			pts := []mgl32.Vec3{{xs[i], y1, zs[j]}, {xs[i+1], y1, zs[j]}, {xs[i+1], y1, zs[j+1]}, {xs[i], y1, zs[j+1]}}
			c.add(src+".surface", pts, down, p.Surface.TextureUse, flatMap)
		}
	}
	yt := y1 + cs.Depth
	c.add(src+".caisson.surface", []mgl32.Vec3{{cx0, yt, cz0}, {cx1, yt, cz0}, {cx1, yt, cz1}, {cx0, yt, cz1}}, down,
		cs.Surface.TextureUse, mapping{origin: mgl32.Vec3{cx0, yt, cz0}, u: mgl32.Vec3{1, 0, 0}, v: mgl32.Vec3{0, 0, 1}})
	// The caisson's sides are the walls of a little room above.
	box := &Room{Min: [3]float32{cx0, y1, cz0}, Max: [3]float32{cx1, yt, cz1}}
	for _, w := range box.wallSides() {
		c.wallGrid(src+".caisson.sides", &cs.Sides, &w, y1, yt, nil, nil)
	}
}
