package main

import "math"

// yakshaPose places a yaksha's limbs: each is shoulder or hip, then elbow
// or knee, then hand or foot. tilt leans the upper body about the hips.
type yakshaPose struct {
	armL, armR, legL, legR []vec
	tilt                   float64
}

// yakshaPoses are the dancing stances of the dado, used in turn.
var yakshaPoses = []yakshaPose{
	{ // both arms raised, deep squat
		armL: pts(-14, -66, -31, -74, -28, -94), armR: pts(14, -66, 31, -74, 28, -94),
		legL: pts(-7, -42, -27, -30, -25, -4), legR: pts(7, -42, 27, -30, 26, -4),
	},
	{ // one hand on the hip, the other high, lunging
		armL: pts(-14, -66, -31, -58, -19, -49), armR: pts(14, -66, 29, -79, 24, -97),
		legL: pts(-7, -42, -23, -24, -31, -4), legR: pts(7, -42, 19, -32, 15, -4),
		tilt: -0.14,
	},
	{ // leaping, one leg kicked up, arms flung out
		armL: pts(-14, -66, -33, -70, -42, -86), armR: pts(14, -66, 31, -63, 42, -72),
		legL: pts(-7, -42, -19, -22, -17, -4), legR: pts(7, -42, 27, -46, 33, -27),
		tilt: 0.2,
	},
}

// yakshaSkin is a shade lighter than the faces of other figures so that
// the yakshas stand out from their dark ground.
var yakshaSkin = darkLead.Mix(pale, 0.14)

// yaksha draws a stocky dancing yaksha: dark muscular body with the pale
// highlight lines of the "relief" shading, pot belly, big head and round
// eyes, short dhoti, a scarf looping from hand to hand, a round halo.
func yaksha(c *Canvas, p Pen, pose yakshaPose, cols figureCols, haloCol RGB, lw float64) {
	skin := yakshaSkin
	u := p.T(0, -44).R(pose.tilt).T(0, 44) // upper body, leaning about the hips
	c.FillO(u.Circle(0, -80, 17), haloCol, ink, lw)
	c.Fill(u.Circle(0, -80, 12.5), haloCol.Mix(pale, 0.3))
	// The scarf hangs behind the back from hand to hand, its ends
	// streaming outward.
	hl, hr := pose.armL[2], pose.armR[2]
	c.FillO(u.Stroke(bez(hl, vec{hl.X * 0.7, -44}, vec{hr.X * 0.7, -44}, hr, 24), 3.2, 3.2), cols.sash, ink, lw*0.6)
	for _, h := range []vec{hl, hr} {
		s := 1.0
		if h.X < 0 {
			s = -1
		}
		c.FillO(u.Stroke(bez(h, vec{h.X + s*12, h.Y + 8}, vec{h.X + s*4, h.Y + 26}, vec{h.X + s*16, h.Y + 40}, 12), 3, 1.4), cols.sash, ink, lw*0.6)
	}
	limb := func(q Pen, l []vec, w0, w1 float64) {
		c.FillO(q.Stroke(l, w0, w1), skin, ink, lw)
		c.FillA(q.Stroke(pts(l[0].X*0.8+l[1].X*0.2, l[0].Y*0.8+l[1].Y*0.2, l[1].X, l[1].Y), 1.3, 1), pale, 0.55)
	}
	limb(p, pose.legL, 12, 8)
	limb(p, pose.legR, 12, 8)
	for _, l := range [][]vec{pose.legL, pose.legR} {
		f := l[2]
		s := 1.0
		if f.X < 0 {
			s = -1
		}
		c.FillO(p.Ellipse(f.X+s*2, f.Y+1, 6.5, 3), skin, ink, lw*0.7)
		a := l[1].lerp(f, 0.6)
		c.FillO(p.Stroke(pts(a.X-4, a.Y, a.X+4, a.Y), 2.2, 2.2), gold, ink, lw*0.4)
	}
	torso := u.Path().MoveTo(-14, -68).CubeTo(-19, -60, -17, -50, -12, -44).
		CubeTo(-6, -40, 6, -40, 12, -44).CubeTo(17, -50, 19, -60, 14, -68).
		CubeTo(8, -71, -8, -71, -14, -68).Close()
	c.FillO(torso, skin, ink, lw)
	c.FillO(u.Ellipse(1, -50, 12, 8.5), skin, ink, lw*0.8)
	c.FillO(p.Path().MoveTo(-14, -46).LineTo(14, -46).LineTo(20, -33).
		CubeTo(10, -28, -10, -28, -20, -33).Close(), cols.skirt, ink, lw)
	c.FillO(p.Stroke(pts(-14, -46, 14, -46), 3.5, 3.5), cols.robe, ink, lw*0.6)
	c.FillO(p.Stroke(pts(3, -44, 8, -28, 4, -18), 3, 1.5), cols.robe, ink, lw*0.6)
	// Pale relief lines: pectorals and belly.
	c.FillA(u.Stroke(arc(-6, -63, 7, 4, 0.2, 2.9, 8), 1.4, 1.4), pale, 0.6)
	c.FillA(u.Stroke(arc(6, -63, 7, 4, 0.2, 2.9, 8), 1.4, 1.4), pale, 0.6)
	c.FillA(u.Stroke(arc(1, -51, 8, 5, 0.3, 2.8, 8), 1.4, 1.4), pale, 0.5)
	limb(u, pose.armL, 9, 6.5)
	limb(u, pose.armR, 9, 6.5)
	for _, a := range [][]vec{pose.armL, pose.armR} {
		h := a[2]
		d := h.sub(a[1])
		c.FillO(u.T(h.X, h.Y).R(math.Atan2(d.Y, d.X)).Ellipse(2, 0, 6, 4.2), skin, ink, lw*0.7)
		e := a[1].lerp(h, 0.55)
		c.FillO(u.Circle(e.X, e.Y, 2.4), gold, ink, lw*0.4)
	}
	c.FillA(u.Stroke(arc(0, -70, 9, 6, 0.4, 2.7, 8), 2.2, 2.2), gold, 0.9)
	faceSkin(c, u, 0, -81, 10, 10.5, 0, skin, lw)
	c.FillO(u.Circle(-4, -82.5, 2), pale, ink, lw*0.5)
	c.FillO(u.Circle(4, -82.5, 2), pale, ink, lw*0.5)
	// Bristling hair.
	for i := -2; i <= 2; i++ {
		x := float64(i) * 4.5
		c.FillO(u.Poly(x-3.5, -88, x+float64(i)*1.5, -98-2*float64(2-abs(i)), x+3.5, -88), hair, ink, lw*0.6)
	}
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// Instruments of the heavenly musicians.
const (
	instPipa = iota
	instFlute
	instDrum
	instHarp
	instPanpipes
	instHorn
	instrumentCount
)

// musician draws a heavenly musician seen from the waist up, as if leaning
// on the balcony railing at y=0, playing one of the instruments.
func musician(c *Canvas, p Pen, inst int, cols figureCols, haloCol RGB, lw float64) {
	c.FillO(p.Circle(0, -52, 15), haloCol, ink, lw)
	c.Fill(p.Circle(0, -52, 11), haloCol.Mix(pale, 0.35))
	c.FillO(p.Path().MoveTo(-20, 2).CubeTo(-20, -14, -18, -28, -12, -34).
		CubeTo(-6, -37, 6, -37, 12, -34).CubeTo(18, -28, 20, -14, 20, 2).Close(), cols.robe, ink, lw)
	c.Fill(p.Poly(-6, -36, 0, -26, 6, -36), darkLead)
	c.FillO(p.Stroke(bez(vec{-13, -33}, vec{-26, -26}, vec{-20, -12}, vec{-28, 0}, 10), 3, 2.4), cols.sash, ink, lw*0.6)
	c.FillO(p.Stroke(bez(vec{13, -33}, vec{26, -26}, vec{20, -12}, vec{28, 0}, 10), 3, 2.4), cols.sash, ink, lw*0.6)
	c.Fill(p.Rect(-3, -43, 3, -35), darkLead)
	arms := func(l, r []vec) {
		for _, a := range [][]vec{l, r} {
			c.FillO(p.Stroke(a, 6, 4.5), cols.skirt, ink, lw*0.8)
			h := a[len(a)-1]
			c.FillO(p.Circle(h.X, h.Y, 3), darkLead, ink, lw*0.6)
		}
	}
	switch inst {
	case instPipa:
		q := p.T(4, -14).R(-0.65)
		c.FillO(q.Stroke(pts(-10, 0, -30, 0), 3.5, 3), ochre.Scale(0.7), ink, lw*0.7)
		c.FillO(q.Ellipse(0, 0, 12, 7.5), ochre, ink, lw)
		c.FillA(q.Stroke(pts(-26, -1, 9, -1), 0.7, 0.7), pale, 0.8)
		c.FillA(q.Stroke(pts(-26, 1.5, 9, 1.5), 0.7, 0.7), pale, 0.8)
		c.FillO(q.Ellipse(3, 0, 2.5, 2), ink, ink, 0)
		arms(pts(-13, -31, -18, -20, -14, -30), pts(13, -31, 16, -18, 7, -14))
	case instFlute:
		arms(pts(-13, -31, -16, -36, -10, -43), pts(13, -31, 12, -36, 6, -41))
		c.FillO(p.Stroke(pts(-24, -45, 20, -40), 2.6, 2.6), ochre, ink, lw*0.6)
	case instDrum:
		c.FillO(p.Poly(-16, -22, 0, -17, 16, -22, 16, -8, 0, -13, -16, -8), vermilion, ink, lw)
		c.FillO(p.Ellipse(-16, -15, 3, 7.5), pale, ink, lw*0.7)
		c.FillO(p.Ellipse(16, -15, 3, 7.5), pale, ink, lw*0.7)
		arms(pts(-13, -31, -22, -24, -19, -16), pts(13, -31, 22, -24, 19, -16))
	case instHarp:
		c.FillO(p.Stroke(pts(-18, -4, -14, -50, -2, -48), 3, 2.5), ochre.Scale(0.8), ink, lw*0.7)
		c.FillO(p.Stroke(pts(-18, -4, 6, -14), 2.5, 2.5), ochre.Scale(0.8), ink, lw*0.7)
		for i := 1; i <= 5; i++ {
			t := float64(i) / 6
			top := vec{-14 + 12*t, -50 + 2*t}
			bot := vec{-18 + 24*t, -4 - 10*t}
			c.FillA(p.Stroke([]vec{top, bot}, 0.7, 0.7), pale, 0.8)
		}
		arms(pts(-13, -31, -20, -22, -10, -26), pts(13, -31, 10, -22, 0, -20))
	case instPanpipes:
		for i := 0; i < 6; i++ {
			x := -8 + float64(i)*3
			c.FillO(p.Rect(x, -44, x+2.6, -34+float64(i)*1.6), pale, ink, lw*0.5)
		}
		c.FillO(p.Rect(-9, -40, 10, -37.5), vermilion, ink, lw*0.5)
		arms(pts(-13, -31, -16, -34, -10, -38), pts(13, -31, 16, -34, 11, -38))
	case instHorn:
		c.FillO(p.Path().MoveTo(5, -47).CubeTo(14, -52, 22, -58, 28, -66).
			LineTo(33, -60).CubeTo(24, -54, 15, -46, 6, -44).Close(), pale, ink, lw*0.8)
		arms(pts(-13, -31, -4, -36, 8, -46), pts(13, -31, 22, -42, 20, -54))
	}
	face(c, p, 0, -51, 7.5, 9, 0.15, lw)
	c.FillO(p.Path().MoveTo(-7.5, -52).CubeTo(-8, -61, 8, -61, 7.5, -52).
		CubeTo(4, -57, -4, -57, -7.5, -52).Close(), hair, ink, lw*0.6)
	c.FillO(p.Poly(-6, -57, -5, -64, -2, -61, 0, -67, 2, -61, 5, -64, 6, -57), gold, ink, lw*0.6)
}
