package main

import "math"

// The deities of the Western Wei ceilings, in local units: about 100
// units from the feet (y=0) to the crown, facing front or +x.

// limbW draws a muscular limb (shoulder or hip, elbow or knee, hand or
// foot) in skin with the pale highlight along its upper part that the
// Western Wei painters used for relief.
func limbW(c *Canvas, p Pen, l []vec, w0, w1 float64, skin RGB, lw float64) {
	c.FillO(p.Stroke(l, w0, w1), skin, ink, lw)
	a := l[0].lerp(l[1], 0.25)
	c.FillA(p.Stroke([]vec{a, l[1]}, w0*0.14, w1*0.1), pale, 0.55)
}

// sunDisc draws the sun held aloft: a red disc in an ochre ring with a
// gold heart, r units across at the origin.
func sunDisc(c *Canvas, p Pen, r, lw float64) {
	c.FillO(p.Circle(0, 0, r), ochre, ink, lw)
	c.FillO(p.Circle(0, 0, r*0.78), vermilion, ink, lw*0.6)
	c.Fill(p.Circle(0, 0, r*0.3), gold)
	for i := 0; i < 12; i++ {
		a := float64(i) * math.Pi / 6
		c.FillA(p.Stroke([]vec{{math.Cos(a) * r * 0.42, math.Sin(a) * r * 0.42}, {math.Cos(a) * r * 0.68, math.Sin(a) * r * 0.68}}, r*0.08, r*0.03), gold, 0.8)
	}
}

// moonDisc draws the moon: a pale disc in a blue ring with a darker
// crescent inside.
func moonDisc(c *Canvas, p Pen, r, lw float64) {
	c.FillO(p.Circle(0, 0, r), azure, ink, lw)
	c.FillO(p.Circle(0, 0, r*0.78), pale, ink, lw*0.6)
	c.Fill(p.Path().Ellipse(r*0.1, 0, r*0.55, r*0.55, false).Ellipse(r*0.32, -r*0.1, r*0.48, r*0.5, true), paleGreen)
}

// asura draws the four-eyed, four-armed Asura of Cave 249: a giant
// red-brown body in a short cinnabar dhoti and green scarf, the upper
// hands raising the sun (left) and the moon (right), the lower ones on
// the hips, four eyes in a row under flaming hair, before a round halo.
// Raised discs reach about y = -126, x = ±51.
func asura(c *Canvas, p Pen, lw float64) {
	skin := skinWarm
	c.FillO(p.Circle(0, -90, 21), ochre, ink, lw)
	c.FillO(p.Circle(0, -90, 17), malachite, ink, lw*0.7)
	c.Fill(p.Circle(0, -90, 12.5), paleGreen)
	// The scarf passes behind the shoulders and streams out at both sides.
	c.FillO(p.Stroke(bez(vec{-27, -84}, vec{-18, -64}, vec{18, -64}, vec{27, -84}, 16), 4, 4), malachite, ink, lw*0.7)
	for _, s := range []float64{-1, 1} {
		c.FillO(p.Stroke(bez(vec{s * 27, -84}, vec{s * 44, -70}, vec{s * 30, -44}, vec{s * 48, -24}, 16), 4, 1.5), malachite, ink, lw*0.7)
	}
	limbW(c, p, pts(-8, -46, -15, -24, -12, -2), 12, 8.5, skin, lw)
	limbW(c, p, pts(8, -46, 15, -24, 12, -2), 12, 8.5, skin, lw)
	// Torso: broad shoulders, narrow waist.
	c.FillO(p.Path().MoveTo(-18, -77).CubeTo(-22, -66, -16, -58, -12, -50).
		LineTo(12, -50).CubeTo(16, -58, 22, -66, 18, -77).
		CubeTo(10, -81, -10, -81, -18, -77).Close(), skin, ink, lw)
	c.FillA(p.Stroke(arc(-7, -71, 7.5, 4, 0.2, 2.9, 8), 1.4, 1.4), pale, 0.6)
	c.FillA(p.Stroke(arc(7, -71, 7.5, 4, 0.2, 2.9, 8), 1.4, 1.4), pale, 0.6)
	c.FillA(p.Stroke(arc(0, -60, 7, 5, 0.3, 2.8, 8), 1.3, 1.3), pale, 0.5)
	// Dhoti and sash.
	c.FillO(p.Path().MoveTo(-14, -53).LineTo(14, -53).LineTo(21, -33).
		CubeTo(8, -29, -8, -29, -21, -33).Close(), cinnabar, ink, lw)
	for _, x := range []float64{-9, -3, 3, 9} {
		c.FillA(p.Stroke(pts(x*0.8, -50, x*1.3, -33), 1.1, 0.9), ink, 0.5)
	}
	c.FillO(p.Stroke(pts(-14, -52, 14, -52), 4, 4), lapis, ink, lw*0.6)
	c.FillO(p.Stroke(pts(2, -51, 6, -36, 3, -24), 3.5, 1.6), lapis, ink, lw*0.6)
	// Four arms: the upper pair raise the discs, the lower rest on the hips.
	for _, s := range []float64{-1, 1} {
		limbW(c, p, pts(s*15, -70, s*30, -62, s*19, -53), 8, 6.5, skin, lw)
		c.FillO(p.Ellipse(s*17.5, -53, 4.6, 3.6), skin, ink, lw*0.7)
		limbW(c, p, pts(s*16, -76, s*36, -86, s*41, -104), 8.5, 7, skin, lw)
		c.FillO(p.Ellipse(s*41, -105, 4, 5), skin, ink, lw*0.7)
		c.FillO(p.Circle(s*33.5, -82, 2.6), gold, ink, lw*0.4)
		c.FillO(p.Circle(s*27, -61, 2.3), gold, ink, lw*0.4)
	}
	sunDisc(c, p.T(-41, -116), 10, lw)
	moonDisc(c, p.T(41, -116), 10, lw)
	c.FillA(p.Stroke(arc(0, -78, 10, 7, 0.4, 2.7, 8), 2.4, 2.4), gold, 0.95)
	// Head: four eyes in a row, fangs, flaming hair.
	c.Fill(p.Rect(-4, -82, 4, -76), skin)
	for i := -3; i <= 3; i++ {
		x := float64(i) * 3.4
		tip := vec{x * 1.5, -110 - 5*math.Cos(float64(i)*0.45)}
		c.FillO(p.Path().MoveTo(x-3, -96).QuadTo(x-2+float64(i), -104, tip.X, tip.Y).QuadTo(x+1+float64(i)*0.5, -103, x+3, -96).Close(), vermilion, ink, lw*0.6)
	}
	c.FillO(p.Ellipse(0, -89, 10, 11), skin, ink, lw)
	for _, x := range []float64{-7, -2.6, 2.6, 7} {
		c.FillO(p.Ellipse(x, -91, 2.1, 1.4), pale, ink, lw*0.35)
		c.Fill(p.Circle(x, -91, 0.9), ink)
	}
	c.FillA(p.Stroke(pts(0, -89, 0.4, -85), 1.8, 1.5), pale, 0.8)
	c.FillO(p.Path().MoveTo(-4.5, -82).QuadTo(0, -80, 4.5, -82).QuadTo(0, -79.5, -4.5, -82).Close(), vermilion, ink, lw*0.4)
	c.Fill(p.Poly(-3.5, -82, -2.6, -79.6, -1.8, -81.8), pale)
	c.Fill(p.Poly(3.5, -82, 2.6, -79.6, 1.8, -81.8), pale)
	c.FillA(p.Stroke(pts(-9, -95, -3.5, -94), 1.3, 0.9), ink, 0.7)
	c.FillA(p.Stroke(pts(9, -95, 3.5, -94), 1.3, 0.9), ink, 0.7)
	c.FillO(p.Ellipse(-10.5, -88, 2.2, 4.5), skin, ink, lw*0.6)
	c.FillO(p.Ellipse(10.5, -88, 2.2, 4.5), skin, ink, lw*0.6)
}

// beastHead draws the animal head of a nature god, centre at the origin,
// radius r, facing +x: round skull, long upturned snout with open jaws
// and fangs, a pointed ear and a big round eye.
func beastHead(c *Canvas, p Pen, r float64, skin RGB, lw float64) {
	c.FillO(p.Poly(-r*0.2, -r*0.6, -r*0.75, -r*1.7, r*0.25, -r*0.8), skin, ink, lw)
	c.Fill(p.Poly(-r*0.2, -r*0.75, -r*0.55, -r*1.35, r*0.05, -r*0.85), vermilion)
	c.FillO(p.Path().MoveTo(r*0.2, r*0.2).LineTo(r*1.35, r*0.32).
		CubeTo(r*1.3, r*0.6, r*0.9, r*0.7, r*0.2, r*0.62).Close(), skin, ink, lw)
	c.FillO(p.Path().MoveTo(r*0.1, r*0.15).LineTo(r*1.3, r*0.3).LineTo(r*1.3, r*0.12).Close(), vermilion, ink, lw*0.5)
	c.FillO(p.Ellipse(0, 0, r, r*0.9), skin, ink, lw)
	c.FillO(p.Path().MoveTo(r*0.2, -r*0.6).CubeTo(r*0.9, -r*0.68, r*1.5, -r*0.55, r*1.7, -r*0.3).
		CubeTo(r*1.75, -r*0.05, r*1.55, r*0.12, r*1.3, r*0.12).LineTo(r*0.3, r*0.25).Close(), skin, ink, lw)
	c.Fill(p.Poly(r*1.1, r*0.14, r*1.2, r*0.5, r*1.28, r*0.15), pale)
	c.Fill(p.Poly(r*0.75, r*0.2, r*0.82, r*0.48, r*0.9, r*0.22), pale)
	c.FillO(p.Circle(r*0.3, -r*0.3, r*0.3), pale, ink, lw*0.6)
	c.Fill(p.Circle(r*0.38, -r*0.3, r*0.14), ink)
	c.FillA(p.Stroke(pts(r*0.05, -r*0.72, r*0.6, -r*0.66), r*0.14, r*0.06), vermilion, 0.9)
	c.Fill(p.Circle(r*1.55, -r*0.32, r*0.07), ink)
	// A mane of flame-like tufts behind the skull.
	for i := 0; i < 4; i++ {
		a := math.Pi*0.55 + float64(i)*0.32
		b := vec{math.Cos(a) * r * 0.8, math.Sin(a) * r * 0.75}
		t := vec{math.Cos(a) * r * 1.55, math.Sin(a)*r*1.4 - r*0.2}
		c.FillO(p.Stroke([]vec{b, t}, r*0.3, r*0.05), ochre, ink, lw*0.5)
	}
}

// flyPose places a flying god's limbs (shoulder or hip, elbow or knee,
// hand or foot) about hips at the origin; the head sits at head.
type flyPose struct {
	armL, armR, legL, legR []vec
	shoulder, head         vec
}

// flyingGod draws a beast-headed nature god flying toward +x: muscular
// body, skirt, small feathered wings at the shoulders (the mark of the
// Western Wei nature gods), legs trailing, scarf streaming behind.
func flyingGod(c *Canvas, p Pen, pose flyPose, skin RGB, cols figureCols, lw float64) {
	sh := pose.shoulder
	// Scarf streaming back from the shoulders.
	c.FillO(p.Stroke(bez(sh.add(vec{-4, 2}), vec{-20, sh.Y - 10}, vec{-40, sh.Y + 14}, vec{-64, sh.Y + 2}, 18), 3.4, 1.2), cols.sash, ink, lw*0.6)
	// Wings: three feather strokes fanning back from the shoulder.
	for i := 0; i < 3; i++ {
		a := math.Pi*1.12 + float64(i)*0.22
		tip := sh.add(vec{math.Cos(a) * (26 - 4*float64(i)), math.Sin(a) * (26 - 4*float64(i))})
		c.FillO(p.Stroke(bez(sh, sh.lerp(tip, 0.4).add(vec{0, -4}), sh.lerp(tip, 0.8).add(vec{2, -3}), tip, 10), 5, 1.5),
			[]RGB{azure, malachite, paleGreen}[i], ink, lw*0.6)
	}
	limbW(c, p, pose.legR, 9, 6.5, skin.Scale(0.85), lw)
	limbW(c, p, pose.armR, 7, 5.5, skin.Scale(0.85), lw)
	// Body from hips to shoulders.
	d := sh.sub(vec{})
	l := d.len()
	q := p.R(math.Atan2(d.Y, d.X) + math.Pi/2)
	c.FillO(q.Path().MoveTo(-7, 2).CubeTo(-10, -l*0.4, -11, -l*0.8, -8, -l-2).
		CubeTo(-3, -l-5, 5, -l-5, 9, -l-2).CubeTo(11, -l*0.7, 9, -l*0.3, 7, 2).Close(), skin, ink, lw)
	c.FillA(q.Stroke(arc(0, -l*0.75, 5, 3, 0.2, 2.9, 8), 1.2, 1.2), pale, 0.55)
	limbW(c, p, pose.legL, 9.5, 7, skin, lw)
	c.FillO(q.Path().MoveTo(-9, -2).LineTo(9, -2).LineTo(12, 10).CubeTo(4, 13, -6, 13, -13, 9).Close(), cols.skirt, ink, lw)
	for _, l := range [][]vec{pose.legL, pose.legR} {
		f := l[2]
		c.FillO(p.Ellipse(f.X-1, f.Y, 4.5, 2.6), skin, ink, lw*0.6)
	}
	limbW(c, p, pose.armL, 7.5, 6, skin, lw)
	for _, a := range [][]vec{pose.armL, pose.armR} {
		h := a[2]
		c.FillO(p.Circle(h.X, h.Y, 3.2), skin, ink, lw*0.6)
	}
	beastHead(c, p.T(pose.head.X, pose.head.Y), 8, skin, lw)
}

// windGodPose holds the bag of winds over the head with both hands.
var windGodPose = flyPose{
	armL:     pts(6, -26, -6, -38, 0, -52),
	armR:     pts(10, -24, 24, -34, 26, -50),
	legL:     pts(0, 0, -18, 4, -32, -4),
	legR:     pts(-2, 2, -12, 16, -30, 16),
	shoulder: vec{7, -26},
	head:     vec{14, -38},
}

// windGod draws the wind god: a beast-headed flier holding over its head
// a long bag whose open mouth pours out a streaming cloud.
func windGod(c *Canvas, p Pen, lw float64) {
	bag := bez(vec{26, -50}, vec{30, -78}, vec{-10, -86}, vec{-34, -62}, 24)
	ws := make([]float64, len(bag))
	for i := range ws {
		t := float64(i) / float64(len(ws)-1)
		ws[i] = 6 + 9*math.Sin(math.Pi*math.Min(1, t*1.1))
	}
	cloudTrail(c, p.T(-38, -56).R(math.Pi*0.8).S(1, -1), 70, []RGB{paleGreen, pale, azure}, lw)
	c.FillO(p.StrokeW(bag, ws), pale.Mix(ochre, 0.35), ink, lw)
	c.FillA(p.Stroke(offsetLine(bag, ws, 0.3)[3:20], 1.4, 1), ochre, 0.8)
	flyingGod(c, p, windGodPose, skinWarm.Mix(darkLead, 0.4), figureCols{vermilion, malachite, azure}, lw)
}

// thunderGodPose swings two hammers at the drums around it.
var thunderGodPose = flyPose{
	armL:     pts(6, -26, 20, -36, 34, -32),
	armR:     pts(8, -24, -2, -42, -14, -50),
	legL:     pts(0, 0, -16, 8, -30, 2),
	legR:     pts(-2, 2, -8, 18, -24, 24),
	shoulder: vec{7, -26},
	head:     vec{14, -38},
}

// thunderGod draws the thunder god inside his ring of drums, striking
// them with hammers.
func thunderGod(c *Canvas, p Pen, lw float64) {
	const n, ring = 10, 44.0
	cx, cy := 0.0, -18.0
	c.FillO(p.Stroke(arc(cx, cy, ring, ring, 0, 2*math.Pi, 60), 3, 3), ochre, ink, lw*0.6)
	for i := 0; i < n; i++ {
		a := float64(i) * 2 * math.Pi / n
		q := p.T(cx+ring*math.Cos(a), cy+ring*math.Sin(a)).R(a)
		c.FillO(q.Path().MoveTo(-5, -6).LineTo(5, -6).QuadTo(7, 0, 5, 6).LineTo(-5, 6).QuadTo(-7, 0, -5, -6).Close(), vermilion, ink, lw*0.7)
		c.FillO(q.Ellipse(5.2, 0, 1.8, 6), pale, ink, lw*0.5)
		c.FillO(q.Ellipse(-5.2, 0, 1.8, 6), pale, ink, lw*0.5)
		c.FillA(q.Stroke(pts(-3, -6, -3, 6), 1, 1), gold, 0.9)
		c.FillA(q.Stroke(pts(3, -6, 3, 6), 1, 1), gold, 0.9)
	}
	flyingGod(c, p, thunderGodPose, darkLead.Mix(lapis, 0.25), figureCols{malachite, lapis, vermilion}, lw)
	for _, h := range []vec{thunderGodPose.armL[2], thunderGodPose.armR[2]} {
		c.FillO(p.Stroke([]vec{h, h.add(vec{0, -9})}, 2, 2), ochre.Scale(0.7), ink, lw*0.5)
		c.FillO(p.T(h.X, h.Y-10).Rect(-4, -2.5, 4, 2.5), ochre, ink, lw*0.6)
	}
}

// maniPearl draws the wish-granting jewel on a lotus, base at the origin:
// a pointed, faceted jewel wrapped in flames, on an open lotus. About 70
// units tall.
func maniPearl(c *Canvas, p Pen, lw float64) {
	flamingJewel(c, p, lw)
	lotusSide(c, p.T(0, -2).S(1.6, 1), 24, pale, vermilion, lw)
	c.FillO(p.Ellipse(0, -1, 22, 4), malachite, ink, lw)
}

// flamingJewel is the Mani pearl without its lotus: the jewel (its foot
// at y = -22) in its flames.
func flamingJewel(c *Canvas, p Pen, lw float64) {
	jewel := func(k float64) *Path {
		return p.Path().MoveTo(0, -66*k-16*(1-k)).CubeTo(14*k, -52*k-16*(1-k), 18*k, -34, 0, -22).
			CubeTo(-18*k, -34, -14*k, -52*k-16*(1-k), 0, -66*k-16*(1-k)).Close()
	}
	// Flames licking up and out round the jewel.
	for i := 0; i < 9; i++ {
		a := math.Pi*1.05 + float64(i)*math.Pi*0.9/8
		b := vec{math.Cos(a) * 16, -40 + math.Sin(a)*22}
		t := vec{math.Cos(a-0.25) * 34, -44 + math.Sin(a-0.25)*40}
		c.FillO(p.Path().MoveTo(b.X-4, b.Y+3).QuadTo(t.X*0.7-4, t.Y*0.9+6, t.X, t.Y).QuadTo(t.X*0.7+6, t.Y*0.8+8, b.X+4, b.Y-1).Close(),
			[]RGB{vermilion, ochre, rose, vermilion, gold}[i%5], ink, lw*0.6)
	}
	c.FillO(jewel(1), lapis, ink, lw)
	c.Fill(jewel(0.72), azure)
	c.Fill(jewel(0.4), pale)
	c.FillA(p.Stroke(pts(0, -64, 0, -24), 1.2, 1.2), ink, 0.5)
}
