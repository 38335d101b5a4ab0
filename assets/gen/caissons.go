package main

import "math"

// Caissons: the square panels at the top of the truncated-pyramid
// ceilings of Caves 249 and 285, seen from below. Each side is drawn once
// in a pen rotated about the centre, outward along -y.

// sides returns four pens centred on (m, m), each rotated a quarter turn
// from the last, so a border drawn along -y in one repeats on all sides.
func sides(p Pen, m float64) []Pen {
	out := make([]Pen, 4)
	for i := range out {
		out[i] = p.T(m, m).R(float64(i) * math.Pi / 2)
	}
	return out
}

// squareBand fills the frame between half-widths r0 < r1 round the centre
// of the pen (a square ring) in col, outlined.
func squareBand(c *Canvas, p Pen, r0, r1 float64, col RGB, lw float64) {
	c.FillO(p.Path().Poly(-r1, -r1, r1, -r1, r1, r1, -r1, r1).Poly(-r0, -r0, -r0, r0, r0, r0, r0, -r0), col, ink, lw)
}

// lotusCaisson paints the centre of Cave 249's ceiling: nested frames
// round a great inverted lotus. From the edge inward: a honeysuckle scroll
// on earth red, a band of flames on the white ground, a green square set
// on its corner with a flaming jewel in each corner triangle outside it,
// and the lotus on a lapis pool in a beaded square.
func lotusCaisson(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(whiteGround)
	p := pen(&wobble{amp: 0.6, cell: 16, seed: 2499})
	const lw = 1.8
	m := float64(w) / 2

	// Outer frame: honeysuckle on red, pale rims.
	squareBand(c, p.T(m, m), m-40, m+2, earthRed, lw)
	for _, q := range sides(p, m) {
		c.Fill(q.Rect(-m+6, -m+6, m-6, -m+9), pale)
		c.Fill(q.Rect(-m+34, -m+31, m-34, -m+34), pale)
		honeysuckle(c, q.T(-m+40, -m+20), 2*m-80, 34, 54, []RGB{malachite, lapis, paleGreen}, ochre, lw)
	}
	for _, q := range []vec{{20, 20}, {float64(w) - 20, 20}, {20, float64(h) - 20}, {float64(w) - 20, float64(h) - 20}} {
		c.FillO(p.Rect(q.X-20, q.Y-20, q.X+20, q.Y+20), lapis, ink, lw)
		lotusTop(c, p.T(q.X, q.Y), 16, []RGB{pale, vermilion}, ochre, lw*0.7)
	}
	// Flame band on the white ground, tongues pointing inward.
	squareBand(c, p.T(m, m), m-86, m-40, whiteGround, lw)
	for _, q := range sides(p, m) {
		n := 11
		span := 2 * (m - 52)
		for j := 0; j < n; j++ {
			x := -span/2 + span*(float64(j)+0.5)/float64(n)
			col := []RGB{vermilion, malachite, ochre, lapis}[j%4]
			flameTongue(c, q.T(x, -m+41), 42, col, lw*0.8)
		}
	}
	// The diamond: a square set on its corner, flame triangles outside it.
	d := m - 92
	c.FillO(p.Poly(m, m-d, m+d, m, m, m+d, m-d, m), pale, ink, lw)
	c.FillO(p.Poly(m, m-d+8, m+d-8, m, m, m+d-8, m-d+8, m), malachite, ink, lw)
	for i := 0; i < 4; i++ {
		// Corner triangle between the diamond and the flame band: a
		// flaming jewel.
		q := p.T(m, m).R(float64(i)*math.Pi/2 + math.Pi/4)
		flamingJewel(c, q.T(0, -d*0.98).S(1.15, 1.15), lw)
	}
	// Inner square (axis-aligned, inside the diamond) with the lotus.
	s := d * 0.62
	c.FillO(p.Rect(m-s, m-s, m+s, m+s), ochre, ink, lw)
	c.FillO(p.Rect(m-s+9, m-s+9, m+s-9, m+s-9), lapis, ink, lw)
	for i := 0; i < 24; i++ {
		t := (float64(i) + 0.5) / 24 * 2 * (s - 4.5)
		for _, b := range []vec{{m - s + 4.5 + t, m - s + 4.5}, {m - s + 4.5 + t, m + s - 4.5}, {m - s + 4.5, m - s + 4.5 + t}, {m + s - 4.5, m - s + 4.5 + t}} {
			c.Fill(p.Circle(b.X, b.Y, 2.2), pale)
		}
	}
	lotusTop(c, p.T(m, m).R(math.Pi/8), s*0.95, []RGB{pale, vermilion, paleGreen}, ochre, lw)
	for i := 0; i < 4; i++ {
		q := p.T(m, m).R(float64(i)*math.Pi/2 + math.Pi/4)
		lotusSide(c, q.T(0, -s*1.18).R(math.Pi), 14, pale, vermilion, lw*0.7)
	}
	age(c, weiAge(24990, 4, 160))
	return c
}

// canopyCaisson paints Cave 285's canopy-type caisson, the earliest at
// Mogao: a green circle with an inverted lotus in a red frame, flaming
// jewels round it, and a valance of triangular pennants and little chimes
// from which long tassels hang out over the slopes.
func canopyCaisson(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(whiteGround)
	p := pen(&wobble{amp: 0.6, cell: 16, seed: 2850})
	r := newRand(2851)
	const lw = 1.8
	m := float64(w) / 2
	blossoms(c, p, r, 30, 10, 10, float64(w)-10, float64(h)-10, 9, []RGB{pale, paleGreen, rose, azure}, lw)

	// Tassels hanging outward onto the slopes, at the corners and between
	// the pennants: strings of beads ending in a fringe.
	for _, q := range sides(p, m) {
		for _, x := range []float64{-120, -60, 0, 60, 120} {
			tassel(c, q.T(x, -150), 90-math.Abs(x)*0.2, lw)
		}
		tassel(c, q.R(-math.Pi/4).T(0, -200), 110, lw)
	}
	// Valance: pennants pointing outward, chimes between them.
	const vr = 150.0 // half-width of the canopy's square edge
	for _, q := range sides(p, m) {
		c.FillO(q.Rect(-vr, -vr, vr, -vr+12), lapis, ink, lw)
		n := 10
		for j := 0; j < n; j++ {
			x := -vr + 2*vr*(float64(j)+0.5)/float64(n)
			col := []RGB{vermilion, malachite, ochre, azure, pale}[j%5]
			c.FillO(q.Poly(x-13, -vr, x+13, -vr, x+3, -vr-34, x, -vr-28, x-3, -vr-34), col, ink, lw*0.8)
			if j < n-1 {
				bx := x + vr/float64(n)
				c.FillO(q.Stroke(pts(bx, -vr, bx, -vr-18), 1.2, 1.2), ink, ink, 0)
				c.FillO(q.Path().MoveTo(bx-5, -vr-18).LineTo(bx+5, -vr-18).LineTo(bx+4, -vr-26).LineTo(bx-4, -vr-26).Close(), gold, ink, lw*0.6)
			}
		}
	}
	squareBand(c, p.T(m, m), vr-12, vr, lapis, lw)
	// The red frame, and the panel with flaming jewels round the circle.
	squareBand(c, p.T(m, m), vr-30, vr-12, vermilion, lw)
	for _, q := range sides(p, m) {
		for x := -vr + 30.0; x <= vr-30; x += 12 {
			c.Fill(q.Circle(x, -vr+21, 2.3), pale)
		}
	}
	for i := 0; i < 4; i++ {
		q := p.T(m, m).R(float64(i)*math.Pi/2 + math.Pi/4)
		flamingJewel(c, q.T(0, -86).S(0.8, 0.8), lw)
		flamingJewel(c, p.T(m, m).R(float64(i)*math.Pi/2).T(0, -84).S(0.5, 0.5), lw*0.8)
	}
	const cr = 74.0 // centre circle radius
	c.FillO(p.Circle(m, m, cr+12), vermilion, ink, lw)
	for i := 0; i < 24; i++ {
		a := float64(i) * 2 * math.Pi / 24
		c.Fill(p.Circle(m+(cr+6)*math.Cos(a), m+(cr+6)*math.Sin(a), 2.2), pale)
	}
	c.FillO(p.Circle(m, m, cr), malachite, ink, lw)
	c.FillA(p.Circle(m, m, cr-10), paleGreen, 0.35)
	lotusTop(c, p.T(m, m), cr*0.86, []RGB{pale, vermilion, paleGreen}, ochre, lw)
	age(c, weiAge(2852, 4, 160))
	return c
}

// tassel draws a hanging ornament from the origin outward along -y, l
// long: a cord of coloured beads, a knot and a spreading fringe.
func tassel(c *Canvas, p Pen, l, lw float64) {
	c.FillO(p.Stroke(pts(0, 0, 1.5, -l*0.5, 0, -l), 1.4, 1.4), ink, ink, 0)
	for k := 1; k < 5; k++ {
		y := -l * 0.16 * float64(k)
		c.FillO(p.Circle(0.3, y, 3.2), []RGB{vermilion, malachite, lapis, ochre}[k%4], ink, lw*0.5)
	}
	c.FillO(p.Poly(-4, -l*0.82, 4, -l*0.82, 2, -l*0.88, -2, -l*0.88), gold, ink, lw*0.5)
	c.FillO(p.Poly(-2.5, -l*0.88, 2.5, -l*0.88, 7, -l*1.08, -7, -l*1.08), vermilion, ink, lw*0.6)
	for x := -5.0; x <= 5; x += 2.5 {
		c.FillA(p.Stroke(pts(x*0.4, -l*0.9, x, -l*1.07), 0.8, 0.8), ink, 0.7)
	}
}

// flameTongue draws one wavering tongue of flame from its root at the
// origin toward +y, l long, with a paler heart: the unit of the flame
// borders round caissons and halos.
func flameTongue(c *Canvas, p Pen, l float64, col RGB, lw float64) {
	w := l * 0.3
	c.FillO(p.Path().MoveTo(-w, 0).
		CubeTo(-w*1.2, l*0.3, w*0.4, l*0.45, -w*0.1, l*0.7).
		CubeTo(-w*0.3, l*0.85, w*0.3, l*0.95, w*0.5, l).
		CubeTo(w*0.6, l*0.8, w*1.2, l*0.55, w*0.5, l*0.35).
		CubeTo(w*0.2, l*0.2, w*0.9, l*0.1, w, 0).Close(), col, ink, lw)
	c.FillA(p.Path().MoveTo(-w*0.45, 0).
		CubeTo(-w*0.6, l*0.25, w*0.3, l*0.4, w*0.05, l*0.62).
		CubeTo(w*0.5, l*0.4, 0, l*0.2, w*0.45, 0).Close(), pale, 0.5)
}
