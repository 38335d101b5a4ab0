package main

import "math"

// The Conversion of the Five Hundred Robbers, the full-width band of Cave
// 285's south wall, on a pale ground with green and blue hills: armoured
// cavalry routs the bandits, the blinded bandits wander in the forest, the
// Buddha restores their sight and preaches, and they meditate as monks.

// armouredRider draws a rider in lamellar armour and helmet on a horse
// drawn with the same pen, couching a lance with a pennant.
func armouredRider(c *Canvas, p Pen, cols figureCols, lw float64) {
	q := p.T(-2, -50)
	c.FillO(q.Stroke(pts(2, -4, 8, 12, 5, 22), 7, 5.5), cols.skirt, ink, lw)
	c.FillO(q.Ellipse(7, 24, 5, 2.5), ink, ink, 0)
	c.FillO(q.Stroke(pts(-24, -18, 70, -30), 1.8, 1.6), ochre.Scale(0.7), ink, lw*0.5)
	c.FillO(q.Poly(70, -32, 80, -31, 70, -28), pale, ink, lw*0.5)
	c.FillO(q.Poly(60, -29, 48, -34, 54, -28, 48, -22, 60, -27), vermilion, ink, lw*0.5)
	torso := q.Path().MoveTo(-9, 0).CubeTo(-10, -10, -8, -20, -4, -25).
		LineTo(5, -25).CubeTo(9, -19, 10, -9, 9, 0).Close()
	c.FillO(torso, cols.robe, ink, lw)
	for y := -21.0; y < 0; y += 4 {
		c.FillA(q.Stroke(pts(-8, y, 8, y), 0.8, 0.8), ink, 0.55)
		for x := -6.0; x < 8; x += 4 {
			c.FillA(q.Stroke(pts(x+2*math.Mod(y/4, 2), y, x+2*math.Mod(y/4, 2), y+4), 0.6, 0.6), ink, 0.4)
		}
	}
	c.FillO(q.Stroke(pts(2, -20, 12, -16, 20, -22), 4.5, 3.5), cols.robe, ink, lw*0.7)
	c.FillO(q.Circle(20, -22, 2.4), darkLead, ink, lw*0.5)
	face(c, q, 2, -31, 5.5, 6.5, 0.5, lw)
	// Helmet with neck guard and plume.
	c.FillO(q.Path().MoveTo(-6, -30).CubeTo(-7, -42, 8, -43, 8, -34).LineTo(6, -33).
		CubeTo(2, -37, -2, -36, -3, -30).LineTo(-6, -24).LineTo(-8, -26).Close(), cols.sash, ink, lw*0.7)
	c.FillO(q.Stroke(pts(1, -41, -3, -48, -9, -50), 2.4, 1), vermilion, ink, lw*0.4)
}

// armouredHorse draws a galloping horse in full barding (具装): a coat of
// plates over neck and body, a chamfron on the face.
func armouredHorse(c *Canvas, p Pen, coat, plate RGB, lw float64) {
	gallopHorse(c, p, coat, plate, lw)
	body := p.Path().MoveTo(-31, -42).CubeTo(-31, -54, 18, -57, 26, -47).
		CubeTo(30, -40, 26, -32, 18, -30).LineTo(-26, -30).CubeTo(-32, -32, -33, -36, -31, -42).Close()
	c.FillO(body, plate, ink, lw)
	neck := p.Path().MoveTo(14, -50).CubeTo(20, -62, 28, -70, 34, -72).LineTo(40, -64).
		LineTo(28, -48).CubeTo(24, -42, 22, -40, 18, -38).Close()
	c.FillO(neck, plate, ink, lw)
	for y := -50.0; y < -31; y += 5 {
		for x := -28.0; x < 24; x += 6 {
			c.FillA(p.Stroke(arc(x+3*math.Mod((y+50)/5, 2), y, 3, 2.4, 0.2, math.Pi-0.2, 5), 0.9, 0.9), ink, 0.5)
		}
	}
	c.FillO(p.Poly(36, -72, 50, -60, 46, -56, 34, -64), pale, ink, lw*0.7)
}

// standingBuddha draws a standing Buddha facing front, feet at the
// origin, the right hand raised in reassurance: pointed mandorla, round
// halo, a robe over both shoulders to the ankles. About 120 units tall.
func standingBuddha(c *Canvas, p Pen, bc buddhaCols, lw float64) {
	c.FillO(p.Path().MoveTo(-34, 0).CubeTo(-40, -60, -26, -110, 0, -124).
		CubeTo(26, -110, 40, -60, 34, 0).Close(), bc.mandorla, ink, lw)
	c.Fill(p.Path().MoveTo(-26, 0).CubeTo(-32, -56, -20, -100, 0, -112).
		CubeTo(20, -100, 32, -56, 26, 0).Close(), bc.mandorlaIn)
	c.FillO(p.Circle(0, -96, 15), bc.halo, ink, lw)
	c.Fill(p.Circle(0, -96, 10.5), bc.haloIn)
	lotusSide(c, p.T(0, 2).S(2.2, 0.5), 10, pale, vermilion, lw*0.6)
	robe := p.Path().MoveTo(-10, -82).CubeTo(-16, -78, -17, -60, -16, -40).
		CubeTo(-17, -22, -18, -10, -15, -4).LineTo(15, -4).
		CubeTo(18, -10, 17, -22, 16, -40).CubeTo(17, -60, 16, -78, 10, -82).
		CubeTo(4, -85, -4, -85, -10, -82).Close()
	c.FillO(robe, bc.robe, ink, lw)
	for i := 0; i < 5; i++ {
		y := -66 + float64(i)*12
		c.FillA(p.Stroke(bez(vec{-13, y - 6}, vec{-6, y + 4}, vec{6, y + 4}, vec{13, y - 6}, 10), 1.2, 1.2), ink, 0.55)
	}
	c.Fill(p.Poly(-6, -83, 0, -72, 6, -83), bc.robeIn)
	c.FillO(p.Ellipse(-5, -2, 4, 2), darkLead, ink, lw*0.6)
	c.FillO(p.Ellipse(5, -2, 4, 2), darkLead, ink, lw*0.6)
	c.FillO(p.Stroke(pts(12, -66, 20, -60, 20, -74), 6, 5), bc.robe, ink, lw*0.8)
	c.FillO(p.Ellipse(20, -77, 3, 4), darkLead, ink, lw*0.6)
	c.FillO(p.Stroke(pts(-12, -64, -16, -50, -12, -46), 6, 5), bc.robe, ink, lw*0.8)
	c.Fill(p.Rect(-3, -89, 3, -83), darkLead)
	face(c, p, 0, -96, 8, 9.5, 0, lw)
	c.FillO(p.Path().MoveTo(-8, -99).CubeTo(-8, -108, 8, -108, 8, -99).CubeTo(4, -103, -4, -103, -8, -99).Close(), hair, ink, lw*0.7)
	c.FillO(p.Ellipse(0, -107, 4.6, 3.8), hair, ink, lw*0.7)
}

// monkHut draws a monk meditating in a little thatched hut, base centre at
// the origin, about 60 units tall: a cowled figure in a brown robe.
func monkHut(c *Canvas, p Pen, robe RGB, lw float64) {
	c.FillO(p.Path().MoveTo(-24, 0).LineTo(-24, -34).CubeTo(-24, -44, 24, -44, 24, -34).LineTo(24, 0).Close(), nicheDark.Mix(lapis, 0.3), ink, lw)
	c.FillO(p.Path().MoveTo(-16, 0).CubeTo(-18, -8, -14, -16, -9, -18).
		CubeTo(-10, -24, -8, -32, 0, -33).CubeTo(8, -32, 10, -24, 9, -18).
		CubeTo(14, -16, 18, -8, 16, 0).Close(), robe, ink, lw)
	faceSkin(c, p, 0, -24, 5, 6, 0, darkLead, lw*0.7)
	c.FillA(p.Stroke(pts(-4, -26.5, -1.5, -26), 1, 1), ink, 0.9)
	c.FillA(p.Stroke(pts(4, -26.5, 1.5, -26), 1, 1), ink, 0.9)
	c.FillA(p.Stroke(bez(vec{-12, -6}, vec{-4, -12}, vec{4, -12}, vec{12, -6}, 8), 1.2, 1.2), ink, 0.6)
	c.FillO(p.Path().MoveTo(-32, -30).LineTo(0, -62).LineTo(32, -30).CubeTo(20, -36, -20, -36, -32, -30).Close(), ochre, ink, lw)
	for x := -24.0; x <= 24; x += 6 {
		c.FillA(p.Stroke(pts(x*0.3, -56, x, -34), 1, 1.2), ink, 0.5)
	}
	c.FillO(p.Rect(-27, -3, 27, 0), pale, ink, lw*0.7)
}

// robbersBand paints the story of the five hundred robbers, repeating
// across.
func robbersBand(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	bandFrame(c, whiteGround.Mix(paleGreen, 0.08))
	p := pen(&wobble{amp: 0.7, cell: 16, pw: w, seed: 2853})
	r := newRand(2854)
	const (
		lw = bandLine
		s  = 1.2
	)
	g := float64(bandGround)
	blossoms(c, p, r, 30, 0, 20, float64(w), 170, 8, []RGB{pale, paleGreen, azure}, lw)
	for _, x := range []float64{0, 418, 600, 826} {
		mountainStack(c, p, r, x, 18, g+12, 56, lw)
	}
	// The battle: cavalry in barding charges the bandits on foot.
	for i, x := range []float64{60, 190} {
		q := p.T(x, g-2-float64(i)*6).S(1.3, 1.3)
		armouredHorse(c, q, pale, []RGB{lapis, malachite}[i], lw)
		armouredRider(c, q, figureCols{[]RGB{malachite, lapis}[i], ochre, ink}, lw)
	}
	for i, x := range []float64{286, 330, 370} {
		q := p.T(x, g).S(-s, s)
		person(c, q, personOpts{cols: figureCols{[]RGB{vermilion, ochre, pale}[i], ink.Mix(lapis, 0.4), vermilion}, hat: hatTopknot, arm: armForward, stride: 4}, lw)
		c.FillO(q.Ellipse(24, -52, 6, 12), []RGB{ochre, malachite, vermilion}[i], ink, lw)
		c.Fill(q.Circle(24, -52, 2), gold)
	}
	// The blinded bandits in the forest.
	tree(c, p, 462, g, 130, malachite, lw)
	tree(c, p, 556, g, 120, malachite.Mix(lapis, 0.4), lw)
	for i, x := range []float64{480, 520, 566} {
		q := p.T(x, g).S(s, s)
		person(c, q, personOpts{cols: figureCols{pale, []RGB{vermilion, ochre, lapis}[i], ink}, hat: hatTopknot, arm: []int{armForward, armUp, armForward}[i], stride: 3}, lw)
		// Blinded: a blood-soaked cloth over the eyes, blood on the cheeks.
		c.FillO(q.Stroke(pts(-4, -77.5, 9, -76.5), 2.6, 2.6), vermilion, ink, lw*0.4)
		for _, dx := range []float64{0, 5} {
			c.FillA(q.Stroke(pts(1+dx, -75, 1.5+dx, -69), 1.2, 0.6), vermilion, 0.9)
		}
	}
	// The Buddha restores their sight and preaches.
	standingBuddha(c, p.T(712, g).S(1.45, 1.45), buddhaCols{mandorla: malachite, mandorlaIn: paleGreen, halo: lapis, haloIn: azure, robe: cinnabar, robeIn: ochre}, lw)
	person(c, p.T(650, g).S(s, s), personOpts{cols: figureCols{pale, lapis, vermilion}, hat: hatTopknot, arm: armJoined, kneel: true}, lw)
	person(c, p.T(778, g).S(-s, s), personOpts{cols: figureCols{ochre, malachite, vermilion}, hat: hatShaven, arm: armJoined, kneel: true}, lw)
	// The converts meditate as monks in huts among the hills.
	for i, x := range []float64{884, 968} {
		monkHut(c, p.T(x, g-float64(i)*36).S(1.35, 1.35), []RGB{cinnabar, ochre.Scale(0.75)}[i], lw)
	}
	age(c, weiAge(2855, 4, 160))
	return c
}
