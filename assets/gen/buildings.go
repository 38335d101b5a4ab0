package main

import (
	"math"
	"math/rand/v2"
)

// pavilionBack draws the platform and dark interior wall of a hall whose
// base centre is the origin, hw half-width and h height (local units).
// Figures seated inside are drawn next, then pavilionFront.
func pavilionBack(c *Canvas, p Pen, hw, h, lw float64) {
	c.FillO(p.Rect(-hw+4, -h*0.62, hw-4, -9), lapis.Scale(0.45), ink, lw)
	c.FillA(p.Rect(-hw+4, -h*0.62, hw-4, -h*0.55), ochre, 0.5)
}

// pavilionFront draws the platform, columns and roof of a hall drawn by
// pavilionBack.
func pavilionFront(c *Canvas, p Pen, hw, h float64, roof RGB, lw float64) {
	c.FillO(p.Rect(-hw-4, -10, hw+4, 0), pale, ink, lw)
	for x := -hw; x < hw-1; x += 12 {
		c.Fill(p.Rect(x+3, -7, x+9, -3), ochre)
	}
	for _, x := range []float64{-hw + 4, hw - 4} {
		c.FillO(p.Rect(x-3.5, -h*0.62, x+3.5, -10), vermilion, ink, lw)
	}
	pavilionRoof(c, p, hw, h, roof, lw)
}

// pavilionRoof draws the beam and the upswept tiled roof with owl-tail
// ridge ends of a hall h high whose base centre is the origin.
func pavilionRoof(c *Canvas, p Pen, hw, h float64, roof RGB, lw float64) {
	c.FillO(p.Rect(-hw-2, -h*0.66, hw+2, -h*0.6), ochre, ink, lw)
	for x := -hw + 8; x < hw-4; x += 10 {
		c.Fill(p.Rect(x, -h*0.65, x+4, -h*0.61), malachite)
	}
	top := -h * 0.9
	c.FillO(p.Path().MoveTo(-hw-20, -h*0.6).
		QuadTo(-hw*0.95, -h*0.67, -hw*0.62, top).
		LineTo(hw*0.62, top).
		QuadTo(hw*0.95, -h*0.67, hw+20, -h*0.6).
		QuadTo(0, -h*0.66, -hw-20, -h*0.6).Close(), roof, ink, lw)
	for x := -hw * 0.9; x <= hw*0.9+1e-6; x += hw * 0.15 {
		c.FillA(p.Stroke(pts(x*0.68, top+2, x, -h*0.64), 1.2, 1.6), ink, 0.5)
	}
	c.FillO(p.Stroke(pts(-hw*0.62, top, hw*0.62, top), 4, 4), ochre.Scale(0.8), ink, lw)
	for _, s := range []float64{-1, 1} {
		q := p.T(s*hw*0.62, top).S(s, 1)
		c.FillO(q.Path().MoveTo(-2, 1).CubeTo(-4, -8, 2, -14, 8, -12).
			CubeTo(4, -10, 3, -6, 5, 1).Close(), ochre.Scale(0.8), ink, lw)
	}
}

// stupa draws a Central Asian stupa: stepped base, square drum, dome and a
// mast of parasol discs with a fluttering banner. Local height about 140.
func stupa(c *Canvas, p Pen, lw float64) {
	c.FillO(p.Rect(-30, -10, 30, 0), pale, ink, lw)
	c.FillO(p.Rect(-24, -18, 24, -10), ochre, ink, lw)
	c.FillO(p.Rect(-18, -52, 18, -18), pale, ink, lw)
	c.FillO(p.Path().MoveTo(-10, -18).LineTo(-10, -38).CubeTo(-10, -46, 10, -46, 10, -38).LineTo(10, -18).Close(), nicheDark, ink, lw*0.8)
	seatedBuddha(c, p.T(0, -20).S(0.18, 0.18), buddhaCols{mandorla: lapis, mandorlaIn: azure, halo: malachite, haloIn: paleGreen, robe: cinnabar, robeIn: ochre}, lw*0.6)
	c.FillO(p.Path().MoveTo(-22, -52).CubeTo(-22, -78, 22, -78, 22, -52).Close(), pale, ink, lw)
	c.FillO(p.Rect(-7, -80, 7, -70), ochre, ink, lw)
	c.FillO(p.Stroke(pts(0, -80, 0, -138), 2.5, 2), gold, ink, lw*0.7)
	for i := 0; i < 5; i++ {
		y := -88 - float64(i)*9
		w := 14 - float64(i)*2
		c.FillO(p.Ellipse(0, y, w, 2.2), gold, ink, lw*0.7)
	}
	c.FillO(p.Stroke(bez(vec{0, -136}, vec{14, -140}, vec{22, -126}, vec{36, -130}, 10), 3, 1.5), vermilion, ink, lw*0.6)
}

// parasol draws a royal canopy on a pole from (x, y0) up to y1.
func parasol(c *Canvas, p Pen, x, y0, y1, lw float64) {
	c.FillO(p.Stroke(pts(x, y0, x, y1), 1.8, 1.8), ochre.Scale(0.7), ink, lw*0.6)
	c.FillO(p.Path().MoveTo(x-18, y1+6).CubeTo(x-14, y1-6, x+14, y1-6, x+18, y1+6).Close(), vermilion, ink, lw)
	for i := 0; i < 6; i++ {
		fx := x - 15 + float64(i)*6
		c.FillO(p.Stroke(pts(fx, y1+6, fx, y1+12), 2, 1.4), pale, ink, lw*0.4)
	}
	c.FillO(p.Circle(x, y1-5, 2.4), gold, ink, lw*0.5)
}

// fallingFlowers scatters the small four-petalled blossoms that fill the
// empty ground of early Mogao paintings, inside the box [x0,x1]×[y0,y1].
func fallingFlowers(c *Canvas, p Pen, r *rand.Rand, n int, x0, y0, x1, y1, size, lw float64) {
	for i := 0; i < n; i++ {
		x, y := between(r, x0, x1), between(r, y0, y1)
		a := between(r, 0, math.Pi/2)
		q := p.T(x, y).R(a)
		col := []RGB{pale, paleGreen, pale, azure}[r.IntN(4)]
		for k := 0; k < 4; k++ {
			pq := q.R(float64(k) * math.Pi / 2)
			c.FillO(pq.Ellipse(size*0.55, 0, size*0.5, size*0.28), col, ink, lw*0.5)
		}
		c.Fill(q.Circle(0, 0, size*0.22), vermilion)
	}
}

// water draws a river between x0 and x1, its surface near y0 and its far
// bank near y1: a band with wavy banks and rounded ends, lapis water with
// pale curling wave crests.
func water(c *Canvas, p Pen, x0, x1, y0, y1, lw float64) {
	mid, half := (y0+y1)/2, (y1-y0)/2
	xc, hl := (x0+x1)/2, (x1-x0)/2
	// A superellipse profile: full depth in the middle, rounding off at
	// the ends.
	depth := func(x float64) float64 {
		u := math.Abs(x-xc) / hl
		return half * math.Pow(math.Max(0, 1-math.Pow(u, 6)), 0.25)
	}
	var top, bottom []vec
	for x := x0; x <= x1+1e-9; x += (x1 - x0) / 60 {
		top = append(top, vec{x, mid - depth(x) + 2.5*math.Sin((x-x0)/9)})
		bottom = append(bottom, vec{x, mid + depth(x) + 2*math.Sin((x-x0)/13+1)})
	}
	outline := append([]vec{}, top...)
	for i := len(bottom) - 1; i >= 0; i-- {
		outline = append(outline, bottom[i])
	}
	c.FillO(p.Path().PolyV(outline), azure, ink, lw)
	for row := 0; row < 4; row++ {
		y := y0 + 8 + float64(row)*(y1-y0-10)/4
		for x := x0 + 10 + float64(row%2)*12; x < x1-10; x += 24 {
			c.FillA(p.Stroke(arc(x, y, 7, 4, math.Pi, 2*math.Pi+1.2, 10), 1.6, 1), pale, 0.85)
		}
	}
}
