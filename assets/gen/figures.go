package main

// Figures are drawn in local units: about 100 units tall, standing on y=0,
// facing +x where they face sideways. Place them with Pen.T/S; mirror with
// a negative x scale.

// face draws a head whose lead-white flesh has turned dark, as on the
// Northern Wei walls, keeping the pale strokes on nose ridge, eyes, brows
// and chin that survive and give these faces their look. turn moves the
// features toward +x (0 frontal, 0.5 three-quarter).
func face(c *Canvas, p Pen, cx, cy, rx, ry, turn, lw float64) {
	faceSkin(c, p, cx, cy, rx, ry, turn, darkLead, lw)
}

// faceSkin is face with another flesh colour.
func faceSkin(c *Canvas, p Pen, cx, cy, rx, ry, turn float64, skin RGB, lw float64) {
	c.FillO(p.Ellipse(cx, cy, rx, ry), skin, ink, lw)
	sx := cx + turn*rx*0.4
	c.FillA(p.Stroke(pts(sx, cy-ry*0.3, sx+turn*rx*0.1, cy+ry*0.22), rx*0.26, rx*0.2), pale, 0.9)
	for _, side := range []float64{-1, 1} {
		k := 1 - side*turn*0.5 // the far eye is foreshortened
		ex := sx + side*rx*0.42*k
		c.FillA(p.Stroke(pts(ex-rx*0.2*k, cy-ry*0.12, ex+rx*0.2*k, cy-ry*0.12), rx*0.17, rx*0.12), pale, 0.9)
		c.FillA(p.Stroke(arc(ex, cy-ry*0.12, rx*0.3*k, ry*0.22, 3.6, 5.8, 6), rx*0.1, rx*0.08), pale, 0.6)
	}
	c.FillA(p.Circle(sx+turn*rx*0.1, cy+ry*0.62, rx*0.13), pale, 0.8)
}

// buddhaCols are the colours of one seated Buddha. With bare set the
// mandorla and halo are left out, for a Buddha whose nimbus is painted
// separately (a niche).
type buddhaCols struct {
	mandorla, mandorlaIn, halo, haloIn, robe, robeIn RGB
	bare                                             bool
}

// seatedBuddha draws a Buddha seated cross-legged in meditation, hands in
// the lap, before a pointed body mandorla and a round head halo, on a low
// lotus seat: the unit of the Thousand Buddhas walls and of the niches.
// Local extent: x ∈ [-44, 44], y ∈ [-100, 8].
func seatedBuddha(c *Canvas, p Pen, bc buddhaCols, lw float64) {
	ogive := func(hw, top float64) *Path {
		return p.Path().MoveTo(-hw, 0).
			CubeTo(-hw*1.12, top*0.46, -hw*0.55, top*0.82, 0, top).
			CubeTo(hw*0.55, top*0.82, hw*1.12, top*0.46, hw, 0).Close()
	}
	if !bc.bare {
		c.FillO(ogive(40, -100), bc.mandorla, ink, lw)
		c.Fill(ogive(32, -88), bc.mandorlaIn)
		c.FillO(p.Circle(0, -64, 19), bc.halo, ink, lw)
		c.Fill(p.Circle(0, -64, 13.5), bc.haloIn)
	}

	// Robe over both shoulders, spreading over the crossed legs.
	robe := p.Path().MoveTo(-15, -50).
		CubeTo(-22, -48, -24, -38, -24, -27).
		LineTo(-35, -12).
		CubeTo(-37, -5, -32, 0, -26, 0).
		LineTo(26, 0).
		CubeTo(32, 0, 37, -5, 35, -12).
		LineTo(24, -27).
		CubeTo(24, -38, 22, -48, 15, -50).
		CubeTo(8, -53, -8, -53, -15, -50).Close()
	c.FillO(robe, bc.robe, ink, lw)
	c.Fill(p.Poly(-8, -51, 0, -37, 8, -51), bc.robeIn)
	// Concentric U-folds on chest and lap, in the clay-strip manner.
	for i := 0; i < 3; i++ {
		d := float64(i) * 5
		c.FillA(p.Stroke(bez(vec{-14 + d*0.3, -44 + d}, vec{-8, -30 + d}, vec{8, -30 + d}, vec{14 - d*0.3, -44 + d}, 10), 1.4, 1.4), ink, 0.55)
	}
	c.FillA(p.Stroke(bez(vec{-32, -7}, vec{-16, -16}, vec{16, -16}, vec{32, -7}, 12), 1.6, 1.6), ink, 0.6)
	c.FillO(p.Ellipse(0, -19, 9, 4.2), darkLead, ink, lw*0.8)
	c.Fill(p.Rect(-3.5, -56, 3.5, -49), darkLead)
	// Ears, head, ushnisha.
	c.FillO(p.Ellipse(-10, -63, 2.4, 5.5), darkLead, ink, lw*0.8)
	c.FillO(p.Ellipse(10, -63, 2.4, 5.5), darkLead, ink, lw*0.8)
	face(c, p, 0, -64, 9, 11, 0, lw)
	c.FillO(p.Path().MoveTo(-9, -67).CubeTo(-9, -78, 9, -78, 9, -67).
		CubeTo(5, -72, -5, -72, -9, -67).Close(), hair, ink, lw*0.7)
	c.FillO(p.Ellipse(0, -77, 5.5, 4.5), hair, ink, lw*0.7)
	// Lotus seat.
	for i := -3; i <= 3; i++ {
		x := float64(i) * 9
		c.FillO(p.Ellipse(x, 3.5, 5.5, 4), pale, ink, lw*0.7)
		c.Fill(p.Ellipse(x, 4.5, 2.5, 2), vermilion)
	}
}

// figureCols are the garment colours of a standing or moving figure.
type figureCols struct{ robe, skirt, sash RGB }

// Headwear of narrative figures.
const (
	hatTopknot = iota
	hatCrown
	hatCap
	hatShaven
)

// Arm gestures of narrative figures.
const (
	armForward = iota // pointing or speaking
	armJoined         // hands joined in supplication
	armDown
	armUp // raised high
)

// personOpts describes a narrative figure.
type personOpts struct {
	cols   figureCols
	hat    int
	arm    int
	kneel  bool
	spots  bool // the informer, covered in sores
	stride float64
}

// person draws a narrative figure facing +x: a long robe with a skirt of
// another colour, belt, wide sleeve, dark face with pale features.
func person(c *Canvas, p Pen, o personOpts, lw float64) {
	sh := -66.0 // shoulder line
	if o.kneel {
		sh = -46
	}
	hy := sh - 10
	col := o.cols
	if o.kneel {
		c.FillO(p.Path().MoveTo(-8, sh).
			CubeTo(-12, sh+6, -12, -24, -13, -12).
			CubeTo(-15, -6, -16, -3, -14, -1).
			LineTo(21, -1).CubeTo(23, -5, 19, -10, 10, -12).
			LineTo(8, -24).CubeTo(9, -34, 9, sh+4, 6, sh).Close(), col.robe, ink, lw)
		c.FillO(p.Ellipse(-15, -2, 4, 2.5), ink, ink, 0)
	} else {
		s := o.stride
		c.FillO(p.Ellipse(-6-s, -1.5, 4.5, 2.5), ink, ink, 0)
		c.FillO(p.Ellipse(8+s, -1.5, 4.5, 2.5), ink, ink, 0)
		c.FillO(p.Path().MoveTo(-8, sh).
			CubeTo(-13, sh+6, -13, -42, -12, -30).
			CubeTo(-14, -18, -17-s, -8, -19-s, -3).
			LineTo(17+s, -3).CubeTo(15+s, -8, 12, -18, 11, -30).
			CubeTo(12, -42, 11, sh+6, 7, sh).Close(), col.robe, ink, lw)
		c.FillO(p.Path().MoveTo(-12, -32).LineTo(11, -32).
			CubeTo(12, -18, 15+s, -8, 17+s, -3).LineTo(-19-s, -3).
			CubeTo(-17-s, -8, -14, -18, -12, -32).Close(), col.skirt, ink, lw)
		c.FillO(p.Stroke(pts(-12, -32, 11, -32), 3, 3), col.sash, ink, lw*0.5)
		c.FillA(p.Stroke(pts(-2, -31, -4, -14), 1.5, 1), ink, 0.6)
	}
	c.Fill(p.Rect(-2.5, sh-4, 3.5, sh+2), darkLead)
	var sleeve []vec
	switch o.arm {
	case armForward:
		sleeve = pts(2, sh+3, 12, sh+18, 22, sh+10)
	case armJoined:
		sleeve = pts(2, sh+3, 10, sh+18, 16, sh+11)
	case armDown:
		sleeve = pts(0, sh+3, 4, sh+24, 6, sh+31)
	case armUp:
		sleeve = pts(2, sh+3, 12, sh-6, 16, sh-18)
	}
	c.FillO(p.Stroke(sleeve, 8, 6), col.robe, ink, lw)
	end := sleeve[len(sleeve)-1]
	c.FillO(p.Circle(end.X+1.5, end.Y-1, 3), darkLead, ink, lw*0.7)
	face(c, p, 1, hy, 7.5, 9, 0.5, lw)
	switch o.hat {
	case hatTopknot:
		c.FillO(p.Path().MoveTo(-7, hy+1).CubeTo(-9, hy-9, -2, hy-12, 6, hy-9).
			CubeTo(8, hy-7, 8, hy-5, 7, hy-4).CubeTo(3, hy-6, -2, hy-5, -4, hy+3).Close(), hair, ink, lw*0.7)
		c.FillO(p.Circle(-2, hy-11, 3.6), hair, ink, lw*0.7)
	case hatCrown:
		c.FillO(p.Poly(-7, hy-6, -6, hy-15, -2, hy-10, 1, hy-18, 4, hy-10, 8, hy-15, 8, hy-5), gold, ink, lw*0.7)
		c.FillO(p.Stroke(pts(-7, hy-3, -14, hy+8, -12, hy+16), 2.4, 1.2), col.sash, ink, lw*0.5)
	case hatCap:
		c.FillO(p.Poly(-7, hy-5, -5, hy-16, 6, hy-16, 8, hy-5), ink, ink, 0)
		c.FillO(p.Stroke(pts(-6, hy-10, -13, hy-2), 2, 1), ink, ink, 0)
	case hatShaven:
	}
	if o.spots {
		r := newRand(uint64(int64(p.e*31 + p.f)))
		for i := 0; i < 18; i++ {
			x, y := between(r, -12, 12), between(r, sh-16, -6)
			c.Fill(p.Circle(x, y, between(r, 1.2, 2.2)), pale)
		}
	}
}

// bodhisattva draws a standing bodhisattva facing front: crown, halo,
// bare dark torso, long skirt, a scarf hanging in loops and streaming out
// at the sides, one hand raised with a lotus bud.
func bodhisattva(c *Canvas, p Pen, cols figureCols, haloCol RGB, lw float64) {
	c.FillO(p.Circle(0, -84, 14), haloCol, ink, lw)
	c.Fill(p.Circle(0, -84, 10), haloCol.Mix(pale, 0.35))
	// Scarf: ends stream out and down on both sides.
	for _, s := range []float64{-1, 1} {
		c.FillO(p.Stroke(bez(vec{s * 9, -70}, vec{s * 20, -60}, vec{s * 14, -30}, vec{s * 24, -16}, 12), 3.2, 2.2), cols.sash, ink, lw*0.7)
	}
	c.FillO(p.Stroke(bez(vec{-9, -62}, vec{-6, -38}, vec{6, -38}, vec{9, -62}, 12), 3, 3), cols.sash, ink, lw*0.7)
	c.FillO(p.Path().MoveTo(-9, -50).LineTo(9, -50).
		CubeTo(11, -30, 13, -10, 12, -3).LineTo(-12, -3).
		CubeTo(-13, -10, -11, -30, -9, -50).Close(), cols.skirt, ink, lw)
	for _, x := range []float64{-4, 0, 4} {
		c.FillA(p.Stroke(pts(x, -46, x*1.6, -6), 1.2, 1), ink, 0.55)
	}
	c.FillO(p.Path().MoveTo(-10, -72).CubeTo(-11, -64, -9, -56, -8, -49).
		LineTo(8, -49).CubeTo(9, -56, 11, -64, 10, -72).
		CubeTo(5, -75, -5, -75, -10, -72).Close(), darkLead, ink, lw)
	c.FillO(p.Stroke(pts(-11, -50, 11, -50), 4, 4), cols.robe, ink, lw*0.6)
	c.FillA(p.Stroke(arc(0, -72, 7, 6, 0.3, 2.8, 8), 1.6, 1.6), gold, 0.9)
	// Right hand raised holding a bud, left down holding the scarf.
	c.FillO(p.Stroke(pts(-9, -70, -14, -58, -9, -60), 4, 3.2), darkLead, ink, lw*0.8)
	c.FillO(p.Stroke(pts(-9, -60, -8, -72), 1.2, 1.2), malachite, ink, lw*0.4)
	lotusSide(c, p.T(-8, -71), 7, pale, vermilion, lw*0.6)
	c.FillO(p.Stroke(pts(9, -70, 13, -58, 13, -46), 4, 3.2), darkLead, ink, lw*0.8)
	c.FillO(p.Ellipse(-4, -1, 3.5, 2), darkLead, ink, lw*0.6)
	c.FillO(p.Ellipse(4, -1, 3.5, 2), darkLead, ink, lw*0.6)
	face(c, p, 0, -83, 6.5, 8, 0, lw)
	c.FillO(p.Poly(-7, -89, -6, -97, -2.5, -93, 0, -100, 2.5, -93, 6, -97, 7, -89), gold, ink, lw*0.6)
	c.FillO(p.Stroke(pts(-7, -88, -13, -80, -12, -72), 2, 1), cols.sash, ink, lw*0.4)
	c.FillO(p.Stroke(pts(7, -88, 13, -80, 12, -72), 2, 1), cols.sash, ink, lw*0.4)
}

// apsara draws a flying celestial moving toward +x, hips at the origin:
// body bent at the waist, legs swept up behind in a flaring skirt, long
// scarves streaming back in loops, one hand holding out a flower. About
// 130 units long from scarf tips to hand.
func apsara(c *Canvas, p Pen, cols figureCols, haloCol RGB, lw float64) {
	c.FillO(p.Stroke(bez(vec{14, -36}, vec{-2, -76}, vec{-44, -64}, vec{-84, -54}, 24), 4.2, 1.8), cols.sash, ink, lw*0.7)
	c.FillO(p.Stroke(pts(-84, -54, -92, -60), 2, 1), cols.sash, ink, lw*0.5)
	c.FillO(p.Stroke(pts(-84, -54, -93, -50), 2, 1), cols.sash, ink, lw*0.5)
	c.FillO(p.Stroke(bez(vec{8, -28}, vec{-10, 2}, vec{-50, -2}, vec{-88, -16}, 24), 3.6, 1.6), cols.robe.Mix(pale, 0.25), ink, lw*0.7)
	// Skirt: from the hips back and up to the feet, with pointed lappets.
	c.FillO(p.Path().MoveTo(-4, -22).CubeTo(-20, -27, -36, -37, -52, -42).
		LineTo(-60, -30).CubeTo(-40, -22, -20, -6, 6, -6).Close(), cols.skirt, ink, lw)
	c.FillO(p.Poly(-44, -34, -66, -42, -52, -26), cols.skirt.Mix(pale, 0.3), ink, lw*0.8)
	c.FillA(p.Stroke(bez(vec{-4, -14}, vec{-18, -18}, vec{-34, -28}, vec{-48, -34}, 10), 1.3, 1), ink, 0.6)
	c.FillO(p.Ellipse(-56, -43, 4.5, 2.4), darkLead, ink, lw*0.6)
	c.FillO(p.Path().MoveTo(-2, -20).CubeTo(2, -28, 8, -36, 14, -38).
		LineTo(25, -34).CubeTo(20, -24, 12, -12, 6, -6).Close(), darkLead, ink, lw)
	c.FillO(p.Stroke(pts(-2, -15, 9, -10), 3.4, 3.4), cols.robe, ink, lw*0.5)
	c.FillO(p.Circle(23, -47, 12.5), haloCol, ink, lw)
	c.Fill(p.Circle(23, -47, 9), haloCol.Mix(pale, 0.3))
	c.FillO(p.Stroke(pts(15, -36, 6, -46, 2, -56), 4, 3), darkLead, ink, lw*0.7)
	c.FillO(p.Stroke(pts(21, -34, 32, -30, 40, -38), 4, 3), darkLead, ink, lw*0.7)
	c.FillA(p.Stroke(arc(19, -36, 6, 4, 0.3, 2.8, 6), 1.4, 1.4), gold, 0.9)
	lotusSide(c, p.T(42, -40).R(0.4), 11, pale, vermilion, lw*0.6)
	face(c, p, 24, -47, 7, 8, 0.6, lw)
	c.FillO(p.Path().MoveTo(17, -46).CubeTo(16, -56, 25, -59, 31, -53).
		CubeTo(26, -53, 22, -51, 19, -44).Close(), hair, ink, lw*0.6)
	c.FillO(p.Circle(21, -57, 3.4), hair, ink, lw*0.6)
}
