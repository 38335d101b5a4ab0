package main

import "math"

// lanternCeiling paints one laternendecke coffer of the rear ceiling: a
// square frame with a honeysuckle scroll, a diamond set in it, a smaller
// square set in the diamond, and a lotus on a lapis pond in the middle;
// flying apsaras fill the four outer corners and flames the triangles
// between diamond and inner square. The frame straddles the tile edge, so
// repeated tiles share their beams.
func lanternCeiling(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	c.FillAll(malachite)
	wob := &wobble{amp: 0.6, cell: 16, pw: w, ph: h, seed: 6}
	p := pen(wob)
	fallingFlowers(c, p, newRand(60), 40, 0, 0, float64(w), float64(h), 10, 1.4)
	const (
		lw    = 1.8
		frame = 26.0 // half-width of the beam band around the coffer
	)
	W := float64(w)
	m := W / 2

	// Outer corner triangles: green ground with flying apsaras.
	corner := []figureCols{
		{vermilion, lapis, ochre}, {lapis, vermilion, pale}, {malachite, ochre, vermilion}, {ochre, lapis, paleGreen},
	}
	for i, a := range []float64{0, math.Pi / 2, math.Pi, 3 * math.Pi / 2} {
		// Each corner's figure flies along the diamond's edge; rotate the
		// pen about the centre so the four corners are the same design.
		// q's x axis runs along the diamond's edge, its -y toward the
		// tile corner; the origin sits just inside the edge's midpoint.
		q := p.T(m, m).R(a).T(-(m-frame)/2-4, -(m-frame)/2-4).R(-math.Pi / 4)
		cloud(c, q.T(-4, -122), 44, pale, lw*0.8)
		apsara(c, q.T(26, -2).S(1.12, 1.12), corner[i], []RGB{ochre, lapis, pale, azure}[i], lw)
		fq := p.T(m, m).R(a).T(-m+frame+18, -m+frame+18)
		lotusSide(c, fq.R(-math.Pi/4+math.Pi), 16, pale, vermilion, lw*0.7)
	}

	// The diamond: lapis triangles with flame tongues around the inner
	// square.
	d := m - frame
	diamond := func(k float64) *Path {
		r := d * k
		return p.Poly(m, m-r, m+r, m, m, m+r, m-r, m)
	}
	c.FillO(diamond(1), pale, ink, lw)
	c.FillO(diamond(0.93), vermilion, ink, lw)
	c.FillO(diamond(0.88), lapis, ink, lw)
	for i := 0; i < 4; i++ {
		q := p.T(m, m).R(float64(i) * math.Pi / 2)
		// Triangle between the diamond edge and the inner square's side,
		// its apex toward the diamond's vertex at (0, -0.88d).
		for j := -2; j <= 2; j++ {
			x := float64(j) * d * 0.1
			c.FillO(q.Path().MoveTo(x-d*0.045, -d*0.47).
				QuadTo(x-d*0.06, -d*0.56, x+d*0.02, -d*(0.66-0.05*math.Abs(float64(j)))).
				QuadTo(x+d*0.01, -d*0.55, x+d*0.045, -d*0.47).Close(),
				[]RGB{vermilion, ochre, malachite, ochre, vermilion}[j+2], ink, lw*0.8)
		}
		c.FillO(q.Circle(0, -d*0.74, d*0.05), pale, ink, lw*0.8)
		c.Fill(q.Circle(0, -d*0.74, d*0.025), vermilion)
	}

	// Inner square with a beaded border, and the pond with its lotus.
	s := d * 0.44
	c.FillO(p.Rect(m-s, m-s, m+s, m+s), ochre, ink, lw)
	c.FillO(p.Rect(m-s+8, m-s+8, m+s-8, m+s-8), lapis.Scale(0.8), ink, lw)
	for i := 0; i < 16; i++ {
		t := (float64(i) + 0.5) / 16 * 2 * (s - 4)
		for _, b := range []vec{{m - s + 4 + t, m - s + 4}, {m - s + 4 + t, m + s - 4}, {m - s + 4, m - s + 4 + t}, {m + s - 4, m - s + 4 + t}} {
			c.Fill(p.Circle(b.X, b.Y, 2), pale)
		}
	}
	for i := 0; i < 4; i++ {
		q := p.T(m, m).R(float64(i)*math.Pi/2 + math.Pi/4)
		c.FillA(q.Stroke(arc(0, 0, s*0.72, s*0.72, -0.5, 0.5, 8), 2, 2), azure, 0.8)
	}
	lotusTop(c, p.T(m, m), s*0.68, []RGB{pale, vermilion, paleGreen}, ochre, lw)

	// The frame beam along all four tile edges (wrapping), with a
	// honeysuckle scroll on it.
	for _, vertical := range []bool{false, true} {
		q := p
		if vertical {
			q = p.R(math.Pi/2).S(1, -1)
		}
		c.FillO(q.Rect(-2, -frame, W+2, frame), earthRed, ink, lw)
		c.Fill(q.Rect(-2, -frame+5, W+2, -frame+8), pale)
		c.Fill(q.Rect(-2, frame-8, W+2, frame-5), pale)
		honeysuckle(c, q.T(0, 0), W, frame*1.3, 64, []RGB{malachite, lapis, paleGreen}, ochre, lw)
	}
	// Crossing boss where beams meet.
	c.FillO(p.Circle(0, 0, frame*0.8), ochre, ink, lw)
	lotusTop(c, p, frame*0.7, []RGB{pale, vermilion}, malachite, lw*0.8)

	age(c, ageOpts{seed: 6108, fade: 0.2, stain: 0.18, flake: 0.68, cracks: 4, specks: 240})
	return c
}

// gableCeiling paints the front gable slope: raised rafters painted in
// stripes run down the slope, and between them, on a pale ground,
// celestials hold long-stemmed lotuses among honeysuckle sprays. Four
// rafter bays repeat across, one figure per bay, alternately high and low.
func gableCeiling(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	c.FillAll(pale.Mix(ochre, 0.22))
	wob := &wobble{amp: 0.6, cell: 16, pw: w, ph: h, seed: 7}
	p := pen(wob)
	fallingFlowers(c, p, newRand(70), 60, 0, 0, float64(w), float64(h), 9, 1.3)
	const (
		bays = 4
		lw   = 1.7
		half = 15.0 // rafter half-width
	)
	W, H := float64(w), float64(h)
	bw := W / bays
	cols := []figureCols{
		{vermilion, malachite, lapis}, {malachite, vermilion, ochre}, {lapis, ochre, vermilion}, {ochre, lapis, malachite},
	}
	halos := []RGB{malachite, lapis, ochre, azure}
	for i := 0; i < bays; i++ {
		cx := bw * (float64(i) + 0.5)
		cy := H * 0.25
		if i%2 == 1 {
			cy = H * 0.75
		}
		sx := 1.0
		if i%2 == 1 {
			sx = -1
		}
		// A lotus plant rising between the figures, half a tile away.
		lq := p.T(cx, cy+H/2)
		c.FillO(lq.Stroke(bez(vec{0, 110}, vec{-14, 60}, vec{12, 10}, vec{0, -60}, 20), 3, 2.2), malachite, ink, lw*0.7)
		c.FillO(lq.Stroke(bez(vec{0, 40}, vec{20, 30}, vec{30, 10}, vec{26, -10}, 12), 2.4, 1.8), malachite, ink, lw*0.7)
		c.FillO(lq.T(26, -10).R(0.4).Ellipse(0, 0, 16, 7), malachite, ink, lw*0.7)
		lotusSide(c, lq.T(0, -58), 30, pale, vermilion, lw)
		c.FillO(lq.Stroke(bez(vec{0, 70}, vec{-16, 62}, vec{-26, 46}, vec{-24, 30}, 12), 2.4, 1.8), malachite, ink, lw*0.7)
		lotusSide(c, lq.T(-24, 30).R(-0.3), 16, pale, vermilion, lw*0.8)

		// The celestial, standing on a lotus, holding a stem with a flower.
		q := p.T(cx+sx*4, cy+96).S(sx*1.85, 1.85)
		lotusSide(c, q.T(0, 2), 6, pale, vermilion, lw*0.6)
		cloud(c, q.T(16, -104).S(-1, 1), 26, pale, lw*0.6)
		bodhisattva(c, q, cols[i], halos[i], lw)
		c.FillO(q.Stroke(bez(vec{-9, -64}, vec{-14, -84}, vec{-20, -96}, vec{-18, -112}, 16), 1.6, 1.3), malachite, ink, lw*0.5)
		c.FillO(q.T(-14, -88).R(-0.9).Ellipse(0, 0, 6, 2.6), malachite, ink, lw*0.5)
		lotusSide(c, q.T(-18, -111), 13, pale, vermilion, lw*0.8)
	}
	// Rafters: each a raised beam with a central chain of lozenges.
	for i := 0; i < bays; i++ {
		x := bw * float64(i)
		c.FillO(p.Rect(x-half, -2, x+half, H+2), earthRed, ink, lw)
		c.Fill(p.Rect(x-half+3, -2, x-half+6, H+2), ochre)
		c.Fill(p.Rect(x+half-6, -2, x+half-3, H+2), ochre)
		for k := 0; k < h/32; k++ {
			y := float64(k)*32 + 16
			col := []RGB{malachite, lapis, pale, lapis}[k%4]
			c.FillO(p.Poly(x, y-14, x+7, y, x, y+14, x-7, y), col, ink, lw*0.7)
		}
	}
	age(c, ageOpts{seed: 7007, fade: 0.22, stain: 0.2, flake: 0.67, cracks: 6, specks: 260})
	return c
}

// floor paints a floor of worn square bricks under packed earth: each
// brick a slightly different tone, the joints showing only in places, the
// rest trodden dust in soft patches.
func floor(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	const brick = 128 // pixels per brick: 4 across a tile, bricks about 35 cm
	earth := hexRGB("#7a6450")
	n := w / brick
	c.Map(func(x, y int, _ RGB) RGB {
		fx, fy := float64(x), float64(y)
		bx, by := x/brick, y/brick
		tone := 0.95 + 0.08*quant(hash2(bx%n, by%n, 804), 3)
		col := earth.Scale(tone * (0.88 + 0.2*quant(fbm(fx, fy, 64, 4, w, h, 801), 6)))
		// Joints are worn to nothing in places and a few pixels wide in
		// others; dust fills them, so they read darker with a pale lip.
		jw := 0.5 + 2*fbm(fx, fy, 32, 2, w, h, 802)
		edge := func(v int) float64 { return math.Abs(float64((v+brick/2)%brick-brick/2) + 0.5) }
		d := math.Min(edge(x), edge(y)) // distance to the nearest joint line
		shown := fbm(fx, fy, 64, 2, w, h, 805) > 0.45
		switch {
		case shown && d < jw:
			col = col.Scale(0.8)
		case shown && d < jw+1.5:
			col = col.Mix(pale, 0.1)
		}
		if v := valueNoise(fx, fy, 4, w, h, 803); v > 0.85 {
			col = col.Scale(0.94)
		}
		return col
	})
	age(c, ageOpts{seed: 8008, fade: 0.12, stain: 0.12, specks: 300})
	return c
}
