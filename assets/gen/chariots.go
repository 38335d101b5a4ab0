package main

import "math"

// The chariot processions of Cave 249's south and north slopes: a deity
// under a canopy in a chariot drawn through the clouds by phoenixes or
// dragons, with banners, heralds and apsaras, both moving toward the west
// wall (right on the south slope, left on the north).

// paleFace draws a face in the Central Plains manner of the Western Wei
// deities: pale, slender, rosy cheeks, eyes and brows in fine ink, a red
// mouth. turn moves the features toward +x.
func paleFace(c *Canvas, p Pen, cx, cy, rx, ry, turn, lw float64) {
	c.FillO(p.Ellipse(cx, cy, rx, ry), pale.Mix(whiteGround, 0.5), ink, lw)
	sx := cx + turn*rx*0.4
	for _, side := range []float64{-1, 1} {
		k := 1 - side*turn*0.5
		ex := sx + side*rx*0.42*k
		c.FillA(p.Circle(ex, cy+ry*0.25, rx*0.2), rose, 0.45)
		c.FillA(p.Stroke(pts(ex-rx*0.2*k, cy-ry*0.08, ex+rx*0.2*k, cy-ry*0.1), rx*0.09, rx*0.05), ink, 0.85)
		c.FillA(p.Stroke(arc(ex, cy-ry*0.12, rx*0.28*k, ry*0.2, 3.7, 5.7, 6), rx*0.06, rx*0.04), ink, 0.7)
	}
	c.Fill(p.Ellipse(sx+turn*rx*0.1, cy+ry*0.55, rx*0.16, rx*0.08), vermilion)
}

// seatedDeity draws the upper body of a deity seated toward +x, hips at
// the origin, hands forward holding the reins: a robe with wide sleeves
// and, for a goddess, a high double chignon; for a god, a tall black cap.
func seatedDeity(c *Canvas, p Pen, female bool, cols figureCols, lw float64) {
	c.FillO(p.Path().MoveTo(-16, 0).CubeTo(-18, -14, -14, -28, -8, -32).
		CubeTo(-2, -35, 6, -34, 9, -30).CubeTo(12, -20, 14, -8, 16, 0).Close(), cols.robe, ink, lw)
	c.Fill(p.Poly(0, -33, 6, -26, 8, -31), cols.sash)
	c.FillO(p.Path().MoveTo(4, -28).CubeTo(14, -26, 20, -20, 22, -16).
		CubeTo(22, -10, 12, -6, 4, -12).Close(), cols.skirt, ink, lw)
	c.FillO(p.Circle(22, -17, 2.6), pale, ink, lw*0.6)
	c.FillO(p.Stroke(bez(vec{-12, -30}, vec{-24, -26}, vec{-30, -8}, vec{-44, -4}, 12), 3, 1), cols.sash, ink, lw*0.6)
	c.Fill(p.Rect(-1.5, -38, 3.5, -32), pale)
	paleFace(c, p, 1.5, -43, 6.5, 7.5, 0.5, lw)
	if female {
		c.FillO(p.Path().MoveTo(-5, -44).CubeTo(-7, -52, 0, -54, 6, -50).CubeTo(2, -49, -2, -47, -3, -41).Close(), hair, ink, lw*0.6)
		c.FillO(p.Ellipse(-3, -55, 3.5, 5), hair, ink, lw*0.6)
		c.FillO(p.Ellipse(3, -57, 3.2, 4.6), hair, ink, lw*0.6)
		c.FillO(p.Stroke(pts(-8, -54, 9, -58), 1.4, 1.4), gold, ink, lw*0.3)
	} else {
		c.FillO(p.Path().MoveTo(-5, -44).CubeTo(-7, -50, 0, -53, 6, -50).CubeTo(2, -48, -2, -46, -3, -41).Close(), hair, ink, lw*0.6)
		c.FillO(p.Poly(-4, -49, -3, -62, 5, -62, 6, -49), ink, ink, 0)
		c.FillO(p.Stroke(pts(-8, -57, 10, -57), 1.4, 1.4), gold, ink, lw*0.3)
		c.FillO(p.Stroke(bez(vec{3, -38}, vec{5, -34}, vec{3, -30}, vec{4, -27}, 6), 1.4, 0.6), ink, ink, 0)
	}
}

// chariot draws a flying chariot toward +x, its wheel resting at the
// origin: a carriage with a scrolled front board, the deity inside, a
// fringed canopy overhead and two swallow-tailed banners streaming back.
// It reaches about 130 units up and 100 across.
func chariot(c *Canvas, p Pen, female bool, cols figureCols, lw float64) {
	for i, y := range []float64{-96, -84} {
		pole := pts(-28+float64(i)*6, -44, -40+float64(i)*6, y)
		c.FillO(p.Stroke(pole, 1.8, 1.6), ochre.Scale(0.7), ink, lw*0.5)
		top := pole[1]
		var flag []vec
		for k := 0; k <= 16; k++ {
			t := float64(k) / 16
			flag = append(flag, vec{top.X - t*70, top.Y + 6*math.Sin(t*5+float64(i)) + t*10})
		}
		ws := make([]float64, len(flag))
		for k := range ws {
			ws[k] = 9 - 4*float64(k)/16
		}
		c.FillO(p.StrokeW(flag, ws), []RGB{vermilion, malachite}[i], ink, lw*0.6)
		end := flag[len(flag)-1]
		c.FillO(p.Poly(end.X+4, end.Y-4, end.X-10, end.Y-8, end.X-2, end.Y, end.X-10, end.Y+8, end.X+4, end.Y+4), []RGB{vermilion, malachite}[i], ink, lw*0.6)
	}
	// Canopy on its pole, over the deity.
	c.FillO(p.Stroke(pts(-12, -40, -12, -114), 2, 2), ochre.Scale(0.7), ink, lw*0.6)
	c.FillO(p.Path().MoveTo(-40, -104).CubeTo(-34, -122, 10, -122, 16, -104).Close(), lapis, ink, lw)
	c.FillO(p.Rect(-40, -106, 16, -100), vermilion, ink, lw*0.7)
	for x := -38.0; x <= 14; x += 6.5 {
		c.FillO(p.Poly(x-3, -100, x+3, -100, x, -92), pale, ink, lw*0.4)
	}
	for _, x := range []float64{-40, 16} {
		c.FillO(p.Stroke(bez(vec{x, -102}, vec{x - 8, -90}, vec{x - 4, -76}, vec{x - 14, -66}, 10), 2.4, 1), malachite, ink, lw*0.5)
	}
	c.FillO(p.Circle(-12, -120, 3), gold, ink, lw*0.5)
	seatedDeity(c, p.T(-8, -40), female, cols, lw)
	// Carriage: back board, box and the scrolled front.
	c.FillO(p.Path().MoveTo(-36, -22).LineTo(-38, -52).CubeTo(-38, -58, -30, -58, -30, -52).LineTo(-28, -34).Close(), ochre, ink, lw)
	c.FillO(p.Path().MoveTo(-36, -22).LineTo(30, -22).CubeTo(40, -24, 44, -40, 40, -52).
		CubeTo(38, -60, 28, -58, 30, -50).CubeTo(32, -44, 28, -38, 20, -38).
		LineTo(-34, -38).Close(), vermilion, ink, lw)
	c.Fill(p.Rect(-30, -34, 22, -28), ochre)
	for x := -26.0; x < 20; x += 9 {
		c.Fill(p.Circle(x+4, -31, 1.8), malachite)
	}
	c.FillO(p.Stroke(pts(30, -30, 62, -34), 2.6, 2.2), ochre.Scale(0.8), ink, lw*0.6)
	// The wheel.
	c.FillO(p.Circle(-4, -20, 19), ochre, ink, lw)
	c.FillO(p.Circle(-4, -20, 15), whiteGround, ink, lw*0.6)
	for k := 0; k < 10; k++ {
		a := float64(k) * math.Pi / 5
		c.FillO(p.Stroke([]vec{{-4, -20}, {-4 + 15*math.Cos(a), -20 + 15*math.Sin(a)}}, 1.6, 1.6), ochre.Scale(0.8), ink, lw*0.4)
	}
	c.FillO(p.Circle(-4, -20, 4), gold, ink, lw*0.6)
}

// procession paints one chariot slope; mirror runs it toward -x.
func procession(w, h int, female bool, seed uint64) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(whiteGround)
	W, H := float64(w), float64(h)
	base := pen(&wobble{amp: 0.7, cell: 16, seed: seed})
	p := base
	if !female {
		p = base.T(W, 0).S(-1, 1)
	}
	r := newRand(seed + 1)
	const lw = slopeLine
	blossoms(c, base, r, 34, 40, 20, W-40, H-90, 9, []RGB{pale, paleGreen, azure, rose}, lw)
	scatterClouds(c, p, r, 12, 40, 40, W-40, H-110, 100, 1, lw)
	weiPeaks(c, base, r, -10, W+10, H+2, 60, lw)
	// Cloud bank the procession rides on.
	for i := 0; i < 5; i++ {
		x := 280 + float64(i)*110
		cloudTrail(c, p.T(x, 370+12*math.Sin(float64(i)*1.9)), 150, cloudSets[i%len(cloudSets)], lw)
	}
	cols := figureCols{vermilion, malachite, azure}
	if !female {
		cols = figureCols{lapis, vermilion, malachite}
	}
	if female {
		for i, q := range []Pen{p.T(640, 232), p.T(760, 300), p.T(668, 348)} {
			pc := phoenixCols{body: []RGB{vermilion, ochre, cinnabar}[i], wing: []RGB{malachite, lapis, malachite}[i], wingIn: pale, tail: []RGB{vermilion, malachite, azure}}
			phoenix(c, q.S(1.25, 1.25), pc, lw)
			c.FillA(p.Stroke([]vec{{470, 262}, q.T(16, -8).apply(0, 0)}, 1.2, 1.2), ink, 0.7)
		}
	} else {
		st := dragonStyle{body: malachite, belly: pale, fin: vermilion, mane: ochre, mouth: vermilion, line: ink, lw: lw}
		for i, d := range []struct{ x, y float64 }{{720, 206}, {800, 258}, {710, 310}, {810, 362}} {
			var spine []vec
			for k := 0; k <= 30; k++ {
				t := float64(k) / 30
				spine = append(spine, vec{d.x - t*230, d.y + 16*math.Sin(t*2*math.Pi+float64(i)) + t*8})
			}
			s := st
			if i%2 == 1 {
				s.body, s.fin = azure, malachite
			}
			dragon(c, p, spine, 19, 1, s)
			c.FillA(p.Stroke([]vec{{470, 262}, spine[2]}, 1.2, 1.2), ink, 0.7)
		}
	}
	chariot(c, p.T(420, 346).S(2.05, 2.05), female, cols, lw)
	// A herald on a cloud ahead, and apsaras about the canopy.
	weiApsara(c, p.T(880, 160).S(1.3, 1.3), figureCols{malachite, vermilion, azure}, lw)
	weiApsara(c, p.T(230, 140).R(0.1).S(1.3, 1.3), figureCols{azure, vermilion, malachite}, lw)
	weiApsara(c, p.T(170, 300).S(1.2, 1.2), figureCols{vermilion, lapis, ochre}, lw)
	age(c, weiAge(seed+2, 6, 240))
	return c
}

// southSlope249 paints the goddess (Queen Mother of the West, or Sakra's
// consort: the identification is disputed) in a chariot drawn by three
// phoenixes, toward the west wall on the right.
func southSlope249(w, h int) *Canvas { return procession(w, h, true, 24920) }

// northSlope249 paints the god (King Father of the East, or Sakra) in a
// chariot drawn by four dragons, toward the west wall on the left.
func northSlope249(w, h int) *Canvas { return procession(w, h, false, 24930) }

// weiApsara draws a Western Wei apsara flying toward +x, hips at the
// origin: slender and pale-faced in the Central Plains manner, a long
// skirt sweeping back and up to the feet, and two scarves looping far
// behind in wide arcs; one hand holds out a flower. About 140 units from
// scarf tips to hand.
func weiApsara(c *Canvas, p Pen, cols figureCols, lw float64) {
	scarf := func(pts []vec, col RGB) {
		end := pts[len(pts)-1]
		pts = append(pts, spiral(end.X+4, end.Y-4, 6, 1.5, math.Pi*0.75, math.Pi*2.5, 10)...)
		c.FillO(p.Stroke(pts, 4.2, 1.4), col, ink, lw*0.6)
	}
	scarf(bez(vec{12, -30}, vec{-6, -74}, vec{-60, -66}, vec{-104, -44}, 26), cols.sash)
	scarf(bez(vec{2, -18}, vec{-24, 14}, vec{-70, -4}, vec{-112, 4}, 26), cols.robe.Mix(pale, 0.3))
	// Skirt from the hips back and up to the feet, flaring at the hem.
	c.FillO(p.Path().MoveTo(4, -26).CubeTo(-16, -30, -34, -38, -54, -46).
		LineTo(-64, -40).LineTo(-58, -34).LineTo(-66, -28).
		CubeTo(-42, -20, -20, -8, 6, -10).Close(), cols.skirt, ink, lw)
	c.FillA(p.Stroke(bez(vec{0, -18}, vec{-16, -22}, vec{-34, -30}, vec{-52, -38}, 10), 1.2, 0.8), ink, 0.5)
	c.FillA(p.Stroke(bez(vec{0, -14}, vec{-18, -16}, vec{-38, -24}, vec{-58, -32}, 10), 1.2, 0.8), pale, 0.5)
	c.FillO(p.Ellipse(-60, -47, 4, 2.2), pale, ink, lw*0.5)
	// Bare torso leaning forward, sash at the waist.
	c.FillO(p.Path().MoveTo(0, -22).CubeTo(2, -30, 8, -38, 14, -40).
		LineTo(22, -36).CubeTo(18, -28, 12, -18, 8, -12).Close(), pale.Mix(whiteGround, 0.3), ink, lw)
	c.FillO(p.Stroke(pts(-1, -16, 10, -12), 3.6, 3.6), cols.robe, ink, lw*0.5)
	// Arms: the back one trailing, the front one holding out a flower.
	c.FillO(p.Stroke(pts(14, -38, 4, -48, -6, -52), 3.4, 2.6), pale.Mix(whiteGround, 0.3), ink, lw*0.7)
	c.FillO(p.Stroke(pts(19, -35, 30, -30, 40, -36), 3.4, 2.6), pale.Mix(whiteGround, 0.3), ink, lw*0.7)
	lotusSide(c, p.T(42, -38).R(0.5), 10, pale, vermilion, lw*0.6)
	c.FillA(p.Stroke(arc(18, -36, 5, 3.5, 0.3, 2.8, 6), 1.4, 1.4), gold, 0.9)
	paleFace(c, p, 24, -46, 6, 7, 0.6, lw)
	c.FillO(p.Path().MoveTo(18, -46).CubeTo(17, -54, 25, -57, 30, -52).CubeTo(26, -52, 22, -50, 20, -43).Close(), hair, ink, lw*0.6)
	c.FillO(p.Ellipse(20, -56, 3.6, 4.2), hair, ink, lw*0.6)
}
