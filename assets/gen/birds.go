package main

import "math"

// Birds in local units, flying or walking toward +x, body centre at the
// origin, about 110 units from tail tip to beak.

// phoenixCols are the colours of a phoenix or Scarlet Bird.
type phoenixCols struct {
	body, wing, wingIn RGB
	tail               []RGB
}

// phoenix draws a flying phoenix: small crested head on an arched neck,
// one wing raised high, long plumes streaming and curling behind.
func phoenix(c *Canvas, p Pen, pc phoenixCols, lw float64) {
	// Tail plumes: each a long tapering curve ending in a curl.
	for i, k := range []float64{-1, 0, 1} {
		end := vec{-92 + 6*math.Abs(k), 4 + 16*k}
		plume := bez(vec{-16, 2}, vec{-40, -6 + 10*k}, vec{-60, 18 + 8*k}, end, 20)
		curl := spiral(end.X+5, end.Y-5, 7, 2, math.Pi*0.75, math.Pi*2.6, 10)
		plume = append(plume, curl...)
		c.FillO(p.Stroke(plume, 7, 1.6), pc.tail[i%len(pc.tail)], ink, lw*0.7)
		c.FillA(p.Stroke(plume[2:18], 1.6, 0.6), pale, 0.7)
	}
	// Far wing, lower and darker.
	c.FillO(p.Path().MoveTo(-2, -4).CubeTo(-10, -14, -26, -18, -40, -16).
		LineTo(-32, -10).LineTo(-38, -6).LineTo(-26, -4).Close(), pc.wing.Scale(0.8), ink, lw*0.8)
	// Body.
	c.FillO(p.Path().MoveTo(16, -6).CubeTo(12, 6, -6, 10, -20, 4).
		CubeTo(-12, -4, 0, -10, 16, -6).Close(), pc.body, ink, lw)
	c.FillA(p.Stroke(bez(vec{12, -2}, vec{4, 4}, vec{-6, 5}, vec{-14, 3}, 8), 1.4, 0.8), pale, 0.6)
	// Neck and head.
	c.FillO(p.Stroke(bez(vec{10, -5}, vec{20, -8}, vec{18, -22}, vec{28, -27}, 10), 8, 5), pc.body, ink, lw)
	c.FillO(p.Circle(30, -28, 5), pc.body, ink, lw*0.8)
	c.FillO(p.Poly(33, -31, 43, -27, 33, -25), ochre, ink, lw*0.6)
	c.Fill(p.Circle(31, -29.5, 1.2), ink)
	for i := 0; i < 3; i++ {
		tip := vec{20 - float64(i)*4, -42 + float64(i)*3}
		c.FillO(p.Stroke(bez(vec{28, -32}, vec{26, -38}, tip.add(vec{4, -2}), tip, 8), 2.4, 1), pc.wingIn, ink, lw*0.5)
	}
	c.FillO(p.Stroke(pts(30, -23, 29, -18), 2.5, 1.2), vermilion, ink, lw*0.4)
	// Near wing raised high, feathers fanning back.
	wing := p.Path().MoveTo(4, -6).CubeTo(2, -24, -6, -40, -14, -50).
		LineTo(-16, -40).LineTo(-24, -46).LineTo(-24, -34).LineTo(-34, -38).
		LineTo(-30, -26).LineTo(-40, -26).CubeTo(-26, -14, -12, -6, -8, -2).Close()
	c.FillO(wing, pc.wing, ink, lw)
	for i := 0; i < 4; i++ {
		a := vec{-2 - float64(i)*3, -8 - float64(i)*2}
		b := vec{-14 - float64(i)*7, -44 + float64(i)*5}
		c.FillA(p.Stroke([]vec{a, b}, 2.2, 1), pc.wingIn, 0.9)
	}
	// Legs tucked under.
	c.FillO(p.Stroke(pts(-2, 6, -10, 14, -16, 13), 1.8, 1.2), ochre.Scale(0.7), ink, lw*0.4)
}

// peacock draws a peacock standing toward +x with its long train sweeping
// back along the ground, studded with eyes.
func peacock(c *Canvas, p Pen, lw float64) {
	for i, k := range []float64{-1, -0.3, 0.4, 1} {
		end := vec{-96, -8 + 10*k}
		train := bez(vec{-12, -12}, vec{-40, -14 + 6*k}, vec{-64, -6 + 8*k}, end, 16)
		c.FillO(p.Stroke(train, 10, 6), []RGB{malachite, paleGreen, malachite, azure}[i], ink, lw*0.7)
	}
	for i := 0; i < 9; i++ {
		x := -30 - float64(i)*7.5
		y := -12 + 6*math.Sin(float64(i)*1.7)
		c.FillO(p.Ellipse(x, y, 3.4, 2.8), gold, ink, lw*0.4)
		c.Fill(p.Circle(x, y, 1.4), lapis)
	}
	for _, l := range [][]vec{pts(-4, -6, -6, 10, -8, 22), pts(4, -6, 6, 10, 6, 22)} {
		c.FillO(p.Stroke(l, 2.2, 1.6), ochre.Scale(0.7), ink, lw*0.4)
	}
	c.FillO(p.Path().MoveTo(16, -18).CubeTo(14, -2, -6, 2, -18, -8).
		CubeTo(-10, -20, 4, -26, 16, -18).Close(), lapis, ink, lw)
	c.FillO(p.Path().MoveTo(8, -18).CubeTo(-2, -20, -12, -14, -14, -8).
		CubeTo(-4, -10, 4, -12, 10, -14).Close(), malachite, ink, lw*0.7)
	c.FillO(p.Stroke(bez(vec{10, -18}, vec{16, -26}, vec{14, -38}, vec{20, -46}, 10), 6.5, 4.5), lapis, ink, lw)
	c.FillO(p.Circle(21, -47, 4.2), lapis, ink, lw*0.8)
	c.FillO(p.Poly(24, -49, 31, -46.5, 24, -45), ochre, ink, lw*0.5)
	c.Fill(p.Circle(22, -48, 1), pale)
	for i := 0; i < 3; i++ {
		a := -math.Pi/2 - 0.5 + float64(i)*0.4
		tip := vec{20 + math.Cos(a)*11, -50 + math.Sin(a)*11}
		c.FillA(p.Stroke([]vec{{20, -50}, tip}, 0.8, 0.8), ink, 0.8)
		c.Fill(p.Circle(tip.X, tip.Y, 1.6), malachite)
	}
}

// smallBird draws a little perching bird toward +x, about 24 units long.
func smallBird(c *Canvas, p Pen, body, wing RGB, lw float64) {
	c.FillO(p.Poly(-8, -2, -20, 2, -18, -4), wing, ink, lw*0.6)
	c.FillO(p.Path().MoveTo(8, -6).CubeTo(6, 2, -4, 3, -10, -1).
		CubeTo(-6, -7, 2, -10, 8, -6).Close(), body, ink, lw*0.8)
	c.FillO(p.Circle(7, -7, 3.6), body, ink, lw*0.7)
	c.FillO(p.Poly(10, -8.5, 14, -7, 10, -5.5), ochre, ink, lw*0.4)
	c.Fill(p.Circle(8, -8, 0.8), ink)
	c.FillO(p.Path().MoveTo(4, -5).CubeTo(0, -8, -6, -6, -10, -2).CubeTo(-4, -2, 0, -2, 4, -5).Close(), wing, ink, lw*0.5)
	c.FillA(p.Stroke(pts(-1, 2, -2, 6), 0.8, 0.8), ink, 0.8)
	c.FillA(p.Stroke(pts(2, 2, 2, 6), 0.8, 0.8), ink, 0.8)
}
