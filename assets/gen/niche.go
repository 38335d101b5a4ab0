package main

import "math"

// pillarNiche paints one face of the central pillar: inside a honeysuckle
// border, a round-arched niche under a pointed lintel of flames with
// dragon heads at its ends, on carved pilasters; in the niche a seated
// Buddha before a flaming mandorla; bodhisattvas stand on both sides,
// apsaras fly above, and two donors kneel at a censer on the plinth.
func pillarNiche(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(earthRed)
	wob := &wobble{amp: 0.7, cell: 16, seed: 8}
	p := pen(wob)
	const (
		lw     = 1.9
		border = 30.0
		cx     = 256.0
		archY  = 520.0 // centre of the niche's round top
		halfW  = 100.0 // niche half-width
		floorY = 862.0 // niche floor
	)
	W, H := float64(w), float64(h)
	r := newRand(80)
	fallingFlowers(c, p, r, 26, border+10, border+10, W-border-10, 330, 10, lw)

	// Apsaras flying toward the lintel's apex.
	apsara(c, p.T(150, 250).R(0.2).S(1.3, 1.3), figureCols{vermilion, lapis, malachite}, malachite, lw)
	apsara(c, p.T(362, 250).R(-0.2).S(-1.3, 1.3), figureCols{malachite, vermilion, ochre}, lapis, lw)
	for _, x := range []float64{96, 416} {
		cloud(c, p.T(x, 150), 60, pale, lw)
	}

	// Lintel: a pointed band of flames over the round arch.
	outer := p.Path().MoveTo(cx-halfW-28, archY+10).
		CubeTo(cx-halfW-28, archY-110, cx-60, archY-150, cx, archY-206).
		CubeTo(cx+60, archY-150, cx+halfW+28, archY-110, cx+halfW+28, archY+10).Close()
	c.FillO(outer, ochre, ink, lw)
	flameRing(c, p.T(cx, archY), halfW+6, halfW+6, halfW+46, halfW+70, math.Pi, 2*math.Pi, 13, []RGB{vermilion, malachite, pale, lapis}, lw)
	for _, s := range []float64{-1, 1} {
		dragonHead(c, p.T(cx+s*(halfW+14), archY+8).S(s, 1), lw)
	}

	// The niche and its pilasters.
	niche := p.Path().MoveTo(cx-halfW, floorY).LineTo(cx-halfW, archY).
		CubeTo(cx-halfW, archY-halfW*0.55, cx-halfW*0.55, archY-halfW, cx, archY-halfW).
		CubeTo(cx+halfW*0.55, archY-halfW, cx+halfW, archY-halfW*0.55, cx+halfW, archY).
		LineTo(cx+halfW, floorY).Close()
	c.FillO(niche, nicheDark, ink, lw*1.4)

	// Flaming mandorla and the Buddha.
	mq := p.T(cx, floorY-6)
	nimbus := func(hw, top float64) *Path {
		return mq.Path().MoveTo(-hw, 0).
			CubeTo(-hw*1.1, top*0.5, -hw*0.6, top*0.85, 0, top).
			CubeTo(hw*0.6, top*0.85, hw*1.1, top*0.5, hw, 0).Close()
	}
	top := -(floorY - 6 - (archY - halfW) - 14)
	c.FillO(nimbus(92, top), vermilion, ink, lw)
	flameTongues(c, mq, 92, top, 22, lw)
	c.FillO(nimbus(80, top+34), malachite, ink, lw)
	c.FillO(nimbus(72, top+56), pale, ink, lw)
	c.FillO(nimbus(64, top+74), lapis, ink, lw)
	const bs = 2.7 // Buddha scale: the figure fills the niche's width
	for i, ring := range []struct {
		r   float64
		col RGB
	}{{66, ochre}, {57, malachite}, {47, pale}, {38, vermilion}} {
		c.FillO(mq.Circle(0, -64*bs, ring.r), ring.col, ink, lw)
		if i == 0 {
			flameRing(c, mq.T(0, -64*bs), 66, 66, 80, 80, 0, 2*math.Pi, 20, []RGB{vermilion, ochre, pale}, lw*0.8)
			c.FillO(mq.Circle(0, -64*bs, 64), ochre, ink, lw)
		}
	}
	seatedBuddha(c, mq.S(bs, bs), buddhaCols{robe: cinnabar, robeIn: malachite, bare: true}, lw)

	for _, x := range []float64{cx - halfW - 14, cx + halfW + 14} {
		pilaster(c, p.T(x, floorY), floorY-archY-8, lw)
	}

	// Bodhisattvas flanking the niche, two on each side.
	bcols := []figureCols{{vermilion, malachite, lapis}, {malachite, lapis, vermilion}, {lapis, vermilion, ochre}, {ochre, malachite, vermilion}}
	for i, b := range []struct{ x, y, s float64 }{
		{77, 620, 1.75}, {77, floorY, 1.75}, {W - 77, 620, -1.75}, {W - 77, floorY, -1.75},
	} {
		bodhisattva(c, p.T(b.x, b.y).S(b.s, math.Abs(b.s)), bcols[i], []RGB{malachite, lapis}[i%2], lw)
	}

	// Plinth with a row of lotus petals; donors kneel at a censer.
	y := stripes(c, p, border, W-border, floorY, []band{{4, ink}, {12, pale}, {3, ink}, {10, vermilion}, {3, ink}})
	for x := border; x < W-border; x += 24 {
		c.FillO(p.Path().MoveTo(x+2, y).CubeTo(x+2, y+18, x+22, y+18, x+22, y).Close(), malachite, ink, lw*0.8)
		c.Fill(p.Path().MoveTo(x+7, y).CubeTo(x+7, y+10, x+17, y+10, x+17, y).Close(), paleGreen)
	}
	y += 18
	c.FillO(p.Rect(border, y, W-border, H-border), lapis.Scale(0.55), ink, lw)
	g := H - border - 8
	c.FillO(p.Stroke(pts(cx, g, cx, g-40), 5, 3), gold, ink, lw*0.7)
	c.FillO(p.Ellipse(cx, g-44, 14, 7), gold, ink, lw*0.8)
	lotusSide(c, p.T(cx, g-50), 16, pale, vermilion, lw*0.8)
	person(c, p.T(cx-70, g).S(0.95, 0.95), personOpts{cols: figureCols{vermilion, malachite, pale}, hat: hatCap, arm: armJoined, kneel: true}, lw)
	person(c, p.T(cx+70, g).S(-0.95, 0.95), personOpts{cols: figureCols{malachite, vermilion, pale}, hat: hatTopknot, arm: armJoined, kneel: true}, lw)

	// Honeysuckle border round the face.
	frameCol := lapis.Scale(0.6)
	for _, e := range []struct {
		q   Pen
		len float64
	}{
		{p.T(0, border/2), W}, {p.T(0, H-border/2), W},
		{p.T(border/2, 0).R(math.Pi / 2), H}, {p.T(W-border/2, 0).R(math.Pi / 2), H},
	} {
		c.FillO(e.q.Rect(-4, -border/2, e.len+4, border/2), frameCol, ink, lw)
		honeysuckle(c, e.q, e.len, border*1.2, 64, []RGB{malachite, pale, paleGreen}, ochre, lw*0.9)
	}
	for _, q := range []vec{{border / 2, border / 2}, {W - border/2, border / 2}, {border / 2, H - border/2}, {W - border/2, H - border/2}} {
		c.FillO(p.Rect(q.X-border/2, q.Y-border/2, q.X+border/2, q.Y+border/2), frameCol, ink, lw)
		lotusTop(c, p.T(q.X, q.Y), border*0.45, []RGB{pale, vermilion}, ochre, lw*0.7)
	}

	age(c, ageOpts{seed: 8183, fade: 0.2, stain: 0.2, flake: 0.685, cracks: 7, specks: 420})
	return c
}

// flameTongues edges a pointed mandorla (half-width hw at the base, apex
// at top, base on y=0) with n tongues of flame licking outward and up.
func flameTongues(c *Canvas, p Pen, hw, top float64, n int, lw float64) {
	at := func(t float64) vec {
		// Follow the mandorla's left side (t 0 → 1) and right side (1 → 2).
		side := -1.0
		if t > 1 {
			side, t = 1, 2-t
		}
		u := 1 - t
		return vec{
			side * (u*u*u*hw + 3*u*u*t*hw*1.1 + 3*u*t*t*hw*0.6),
			3*u*u*t*top*0.5 + 3*u*t*t*top*0.85 + t*t*t*top,
		}
	}
	cols := []RGB{ochre, malachite, pale, lapis}
	for i := 0; i < n; i++ {
		t0 := 0.1 + 1.8*float64(i)/float64(n)
		t1 := 0.1 + 1.8*float64(i+1)/float64(n)
		a, b := at(t0), at(t1)
		mid := a.lerp(b, 0.5)
		// Outward normal: away from the mandorla's axis, and up.
		out := vec{mid.X, (mid.Y - top*0.45) * 0.35}
		l := out.len()
		out = out.mul(20 / l)
		tip := mid.add(out).add(vec{0, -10})
		c.FillO(p.Path().MoveTo(a.X, a.Y).QuadTo(mid.X+out.X*0.3, mid.Y+out.Y*0.3+4, tip.X, tip.Y).
			QuadTo(mid.X+out.X*0.5, mid.Y-2, b.X, b.Y).Close(), cols[i%len(cols)], ink, lw*0.8)
	}
}

// pilaster draws a column standing on y=0, h tall, with a lotus capital.
func pilaster(c *Canvas, p Pen, h, lw float64) {
	c.FillO(p.Rect(-10, -h, 10, 0), ochre, ink, lw)
	c.Fill(p.Rect(-4, -h+10, 4, -10), vermilion)
	for y := -h + 24; y < -16; y += 22 {
		c.FillO(p.Poly(0, y-6, 4, y, 0, y+6, -4, y), malachite, ink, lw*0.6)
	}
	c.FillO(p.Rect(-14, -8, 14, 0), pale, ink, lw)
	c.FillO(p.Path().MoveTo(-16, -h).CubeTo(-16, -h-14, 16, -h-14, 16, -h).Close(), malachite, ink, lw)
	c.FillO(p.Rect(-14, -h-4, 14, -h+4), pale, ink, lw)
}

// dragonHead draws the dragon head that ends a niche lintel, facing +x,
// jaws open, at the origin.
func dragonHead(c *Canvas, p Pen, lw float64) {
	c.FillO(p.Path().MoveTo(-10, -4).CubeTo(-8, -20, 10, -24, 22, -16).
		LineTo(34, -14).LineTo(30, -8).LineTo(18, -6).LineTo(30, 0).LineTo(24, 6).
		CubeTo(10, 8, -6, 8, -10, -4).Close(), malachite, ink, lw)
	c.FillO(p.Stroke(pts(4, -18, -2, -32, 6, -40), 3.5, 1.5), ochre, ink, lw*0.7)
	c.FillO(p.Circle(12, -14, 3), pale, ink, lw*0.6)
	c.Fill(p.Circle(12.5, -14, 1.3), ink)
	c.FillO(p.Stroke(pts(-8, 0, -16, 8, -12, 16), 3, 1.5), vermilion, ink, lw*0.6)
	c.FillA(p.Stroke(pts(2, -2, 16, -4), 1.4, 1), pale, 0.8)
}
