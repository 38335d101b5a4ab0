package main

import "math"

// Fuxi and Nüwa on Cave 285's east slope: the serpent-tailed creators of
// Chinese myth, Fuxi with the carpenter's square and the sun on his
// breast, Nüwa with the compasses and the moon, flying on either side of
// the Mani pearl that two warriors hold up, thunder gods drumming above.

// serpentTail draws a tapering scaled tail along spine from the waist (at
// spine[0], width w) to a curled tip.
func serpentTail(c *Canvas, p Pen, spine []vec, w float64, body, belly RGB, lw float64) {
	n := 48
	sp := resample(spine, n)
	ws := make([]float64, len(sp))
	for i := range ws {
		t := float64(i) / float64(n)
		ws[i] = w * (1 - 0.88*math.Pow(t, 0.9))
	}
	c.FillO(p.StrokeW(sp, ws), body, ink, lw)
	bws := make([]float64, len(ws))
	for i := range ws {
		bws[i] = ws[i] * 0.34
	}
	bl := offsetLine(sp, ws, 0.5)
	c.Fill(p.StrokeW(bl[1:n-2], bws[1:n-2]), belly)
	ns := normals(sp)
	for i := 2; i < n-2; i++ {
		a := bl[i].add(ns[i].mul(bws[i] * 0.5))
		b := bl[i].sub(ns[i].mul(bws[i] * 0.5))
		c.FillA(p.Stroke([]vec{a, b}, 0.9, 0.9), ink, 0.5)
		if i%3 == 0 {
			q := sp[i].sub(ns[i].mul(ws[i] * 0.15))
			c.FillA(p.Circle(q.X, q.Y, ws[i]*0.12), pale, 0.6)
		}
	}
}

// creator draws Fuxi (female false) or Nüwa flying toward +x, waist at
// the origin: robed upper body with sleeves streaming back, one hand
// raising the square or the compasses, the sun or moon disc on the
// breast, and a long serpent tail trailing behind and below.
func creator(c *Canvas, p Pen, female bool, lw float64) {
	robe, sleeve := vermilion, malachite
	if female {
		robe, sleeve = malachite, vermilion
	}
	tail := bez(vec{-2, 2}, vec{-30, 44}, vec{-80, -6}, vec{-124, 30}, 30)
	tail = append(tail, spiral(-124, 42, 12, 4, -math.Pi/2, -math.Pi/2-math.Pi*1.6, 10)...)
	serpentTail(c, p, tail, 20, []RGB{lapis, malachite}[b2i(female)], pale, lw)
	// Scarf streaming back over the tail.
	c.FillO(p.Stroke(bez(vec{-6, -30}, vec{-30, -46}, vec{-50, -20}, vec{-84, -34}, 16), 3.4, 1.2), ochre, ink, lw*0.6)
	// Sleeves, the far one first.
	c.FillO(p.Path().MoveTo(-4, -28).CubeTo(-20, -30, -36, -24, -48, -12).
		CubeTo(-36, -14, -22, -14, -6, -18).Close(), sleeve.Scale(0.85), ink, lw)
	c.FillO(p.Path().MoveTo(-9, 2).CubeTo(-12, -12, -10, -26, -4, -31).
		CubeTo(2, -34, 8, -33, 11, -29).CubeTo(14, -18, 12, -6, 10, 2).Close(), robe, ink, lw)
	c.FillO(p.Stroke(pts(-10, 0, 11, 0), 4, 4), sleeve, ink, lw*0.6)
	if female {
		moonDisc(c, p.T(1, -17), 8, lw*0.8)
	} else {
		sunDisc(c, p.T(1, -17), 8, lw*0.8)
	}
	// Raised arm with the tool, and the near sleeve hanging from it.
	c.FillO(p.Path().MoveTo(6, -28).CubeTo(14, -34, 18, -44, 20, -50).
		LineTo(26, -48).CubeTo(20, -36, 26, -24, 16, -16).CubeTo(14, -22, 10, -24, 6, -24).Close(), sleeve, ink, lw)
	c.FillO(p.Circle(23, -52, 2.8), pale, ink, lw*0.5)
	if female {
		// Compasses: two legs hinged at the top.
		c.FillO(p.Stroke(pts(23, -52, 16, -76), 2.2, 1.6), ochre.Scale(0.75), ink, lw*0.5)
		c.FillO(p.Stroke(pts(16, -76, 30, -70), 2, 1.2), ochre.Scale(0.75), ink, lw*0.5)
		c.FillO(p.Circle(16, -76, 2.2), gold, ink, lw*0.4)
	} else {
		// Carpenter's square.
		c.FillO(p.Stroke(pts(16, -46, 30, -70), 2.6, 2.6), ochre.Scale(0.75), ink, lw*0.5)
		c.FillO(p.Stroke(pts(30, -70, 40, -62), 2.6, 2.6), ochre.Scale(0.75), ink, lw*0.5)
	}
	c.Fill(p.Rect(-1, -38, 4, -32), pale)
	paleFace(c, p, 2, -43, 6.5, 7.5, 0.5, lw)
	if female {
		c.FillO(p.Path().MoveTo(-5, -44).CubeTo(-7, -52, 0, -54, 6, -50).CubeTo(2, -49, -2, -47, -3, -41).Close(), hair, ink, lw*0.6)
		c.FillO(p.Ellipse(-2, -55, 4, 4.5), hair, ink, lw*0.6)
	} else {
		c.FillO(p.Path().MoveTo(-5, -44).CubeTo(-7, -50, 0, -53, 6, -50).CubeTo(2, -48, -2, -46, -3, -41).Close(), hair, ink, lw*0.6)
		c.FillO(p.Poly(-4, -49, -3, -58, 5, -58, 6, -49), ink, ink, 0)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fuxiNuwa paints Cave 285's east slope.
func fuxiNuwa(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(whiteGround)
	p := pen(&wobble{amp: 0.7, cell: 16, seed: 2856})
	r := newRand(2857)
	W, H := float64(w), float64(h)
	const lw = slopeLine
	cx := W / 2
	blossoms(c, p, r, 40, 30, 20, W-30, H-90, 9, []RGB{pale, paleGreen, azure, rose}, lw)
	scatterClouds(c, p, r, 7, 40, 60, 380, 420, 100, 1, lw)
	scatterClouds(c, p, r, 7, 644, 60, 984, 420, 100, -1, lw)
	weiPeaks(c, p, r, -10, W+10, H+2, 60, lw)

	c.FillO(p.Stroke(pts(cx, 290, cx, 340), 8, 8), malachite, ink, lw)
	for _, s := range []float64{-1, 1} {
		yaksha(c, p.T(cx+s*56, H-40).S(-s*1.6, 1.6), liftPose, figureCols{[]RGB{vermilion, lapis}[int(s+1)/2], []RGB{malachite, vermilion}[int(s+1)/2], azure}, []RGB{malachite, ochre}[int(s+1)/2], lw)
	}
	maniPearl(c, p.T(cx, 300).S(1.9, 1.9), lw)

	creator(c, p.T(330, 250).S(2.4, 2.4), false, lw)
	creator(c, p.T(694, 250).S(-2.4, 2.4), true, lw)
	thunderGod(c, p.T(150, 120).S(1.1, 1.1), lw)
	thunderGod(c, p.T(874, 120).S(-1.1, 1.1), lw)
	age(c, weiAge(2858, 6, 220))
	return c
}
