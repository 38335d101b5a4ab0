package main

// Animals are drawn in profile facing +x, hooves on y=0, in local units.

// speckleCols are the "nine colours" of the Deer King's coat.
var speckleCols = []RGB{malachite, lapis, vermilion, ochre, pale, paleGreen, azure, ink, gold}

// deer draws the Nine-Coloured Deer: a slender pale deer with branching
// antlers and speckles of many colours. lying folds its legs under it, as
// when the royal party finds it asleep. About 80 units long.
func deer(c *Canvas, p Pen, lying bool, seed uint64, lw float64) {
	dy := 0.0
	if lying {
		dy = 20
	}
	q := p.T(0, dy)
	body := q.Path().MoveTo(-28, -36).
		CubeTo(-30, -50, 14, -54, 22, -42).
		CubeTo(26, -34, 16, -27, 8, -27).
		LineTo(-20, -27).CubeTo(-30, -27, -33, -31, -28, -36).Close()
	if lying {
		c.FillO(p.Stroke(pts(-18, -8, -4, -4, 4, -3), 5, 3.5), pale, ink, lw)
		c.FillO(p.Stroke(pts(12, -8, 26, -4, 32, -3), 5, 3.5), pale, ink, lw)
	} else {
		for _, l := range [][]vec{
			pts(-24, -32, -28, -16, -26, -2), pts(-18, -32, -14, -16, -17, -2),
			pts(10, -32, 12, -16, 10, -2), pts(16, -32, 22, -16, 23, -2),
		} {
			c.FillO(p.Stroke(l, 5.5, 3), pale, ink, lw)
			f := l[2]
			c.Fill(p.Ellipse(f.X+1, f.Y, 3, 2), ink)
		}
	}
	c.FillO(q.Stroke(pts(-29, -40, -34, -44), 4, 2), pale, ink, lw)
	c.FillO(body, pale, ink, lw)
	neck := q.Path().MoveTo(11, -44).CubeTo(15, -54, 19, -62, 23, -67).
		CubeTo(28, -74, 35, -72, 43, -64).CubeTo(45, -61, 41, -59, 37, -60).
		LineTo(29, -57).CubeTo(25, -49, 23, -42, 19, -35).Close()
	c.FillO(neck, pale, ink, lw)
	c.FillO(q.Path().MoveTo(24, -68).CubeTo(20, -76, 16, -76, 14, -74).
		CubeTo(18, -71, 21, -69, 23, -66).Close(), pale, ink, lw*0.8)
	c.Fill(q.Circle(31, -66, 1.4), ink)
	c.Fill(q.Circle(42.5, -62.5, 1.2), ink)
	// Antlers: a main beam sweeping back with three tines.
	beam := pts(27, -70, 26, -80, 21, -90, 13, -96)
	c.FillO(q.Stroke(beam, 2.6, 1.6), ochre, ink, lw*0.7)
	for _, t := range [][]vec{pts(26, -79, 33, -86), pts(22, -88, 27, -98), pts(17, -93, 16, -102)} {
		c.FillO(q.Stroke(t, 2, 1.2), ochre, ink, lw*0.7)
	}
	r := newRand(seed)
	for i := 0; i < 22; i++ {
		x := between(r, -26, 18)
		y := between(r, -46, -30)
		col := speckleCols[i%len(speckleCols)]
		c.Fill(q.Ellipse(x, y, between(r, 1.6, 2.6), between(r, 1.2, 2)), col)
	}
	for i := 0; i < 5; i++ {
		x := between(r, 15, 24)
		y := between(r, -60, -44)
		c.Fill(q.Circle(x, y, 1.5), speckleCols[(i*4)%len(speckleCols)])
	}
}

// horse draws a horse with saddle cloth; the rider (if any) is drawn by
// the caller at the saddle, about (−2, −48). About 95 units long.
func horse(c *Canvas, p Pen, coat, cloth RGB, lw float64) {
	for _, l := range [][]vec{pts(-22, -34, -28, -16, -24, -2), pts(18, -34, 22, -16, 24, -2)} {
		c.FillO(p.Stroke(l, 7, 4), coat.Scale(0.85), ink, lw)
	}
	c.FillO(p.Stroke(bez(vec{-32, -46}, vec{-44, -42}, vec{-44, -26}, vec{-40, -14}, 10), 5, 2), ink, ink, 0)
	c.FillO(p.Path().MoveTo(-30, -42).CubeTo(-32, -58, 20, -62, 26, -48).
		CubeTo(30, -38, 22, -30, 10, -30).LineTo(-22, -30).
		CubeTo(-32, -30, -34, -36, -30, -42).Close(), coat, ink, lw)
	for _, l := range [][]vec{pts(-16, -34, -12, -16, -16, -2), pts(12, -34, 10, -16, 14, -2)} {
		c.FillO(p.Stroke(l, 7, 4), coat, ink, lw)
	}
	for _, x := range []float64{-24, -16, 14, 24} {
		c.Fill(p.Ellipse(x, -1.5, 3.5, 2), ink)
	}
	c.FillO(p.Path().MoveTo(14, -52).CubeTo(20, -64, 28, -74, 34, -78).
		LineTo(48, -64).CubeTo(50, -60, 46, -57, 42, -59).
		LineTo(30, -52).CubeTo(28, -44, 24, -40, 18, -38).Close(), coat, ink, lw)
	c.FillO(p.Poly(31, -76, 33, -86, 37, -76), coat, ink, lw*0.7)
	c.FillO(p.Stroke(bez(vec{32, -78}, vec{24, -76}, vec{18, -64}, vec{14, -54}, 10), 4, 3), ink, ink, 0)
	c.Fill(p.Circle(38, -71, 1.5), ink)
	c.FillO(p.Path().MoveTo(-14, -54).LineTo(10, -56).LineTo(12, -38).
		CubeTo(0, -36, -10, -36, -16, -38).Close(), cloth, ink, lw*0.8)
	c.FillA(p.Stroke(pts(-12, -40, 10, -41), 1.8, 1.8), gold, 0.9)
	c.FillO(p.Stroke(pts(36, -66, 20, -56, -2, -52), 1.4, 1.4), vermilion, ink, 0)
}

// elephant draws a white elephant, as ridden in the Sumagadha story.
// About 100 units long, 75 tall.
func elephant(c *Canvas, p Pen, cloth RGB, lw float64) {
	for _, l := range [][]vec{pts(-24, -30, -25, -2), pts(16, -30, 18, -2)} {
		c.FillO(p.Stroke(l, 12, 11), pale.Scale(0.85), ink, lw)
	}
	c.FillO(p.Path().MoveTo(-36, -40).CubeTo(-38, -70, 22, -76, 30, -52).
		CubeTo(32, -40, 26, -28, 16, -26).LineTo(-26, -26).
		CubeTo(-36, -28, -38, -32, -36, -40).Close(), pale, ink, lw)
	for _, l := range [][]vec{pts(-16, -30, -15, -2), pts(8, -30, 8, -2)} {
		c.FillO(p.Stroke(l, 12, 11), pale, ink, lw)
	}
	c.FillO(p.Path().MoveTo(22, -66).CubeTo(36, -72, 46, -60, 44, -46).
		CubeTo(44, -30, 48, -16, 54, -10).LineTo(50, -6).
		CubeTo(42, -14, 36, -30, 34, -40).CubeTo(28, -40, 22, -46, 22, -52).Close(), pale, ink, lw)
	c.FillO(p.Path().MoveTo(24, -64).CubeTo(12, -64, 10, -46, 16, -38).
		CubeTo(22, -40, 26, -50, 24, -64).Close(), pale.Scale(0.9), ink, lw*0.8)
	c.FillO(p.Stroke(pts(40, -42, 46, -36), 3, 1.5), pale, ink, lw*0.6)
	c.Fill(p.Circle(33, -56, 1.6), ink)
	c.FillO(p.Path().MoveTo(-22, -66).LineTo(10, -68).LineTo(14, -44).
		CubeTo(0, -40, -14, -40, -24, -44).Close(), cloth, ink, lw)
	for x := -18.0; x <= 8; x += 6.5 {
		c.Fill(p.Circle(x, -45, 1.7), gold)
	}
	c.FillO(p.Stroke(bez(vec{-36, -44}, vec{-44, -40}, vec{-42, -30}, vec{-44, -22}, 8), 2, 1), ink, ink, 0)
}
