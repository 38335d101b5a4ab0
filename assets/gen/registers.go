package main

import "math"

// heavenlyMusicians paints the top register of the Cave 257 walls: the
// balconies of a heavenly palace, round-arched and gate-tower bays in
// turn, each with a musician leaning over the railing, under a valance of
// hanging triangles. Eight bays repeat across the 1024 pixels.
func heavenlyMusicians(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	bandFrame(c, earthRed)
	wob := &wobble{amp: 0.6, cell: 16, pw: w, seed: 4}
	p := pen(wob)
	const (
		bays    = 8
		railTop = 196.0
		lw      = bandLine
	)
	bw := float64(w) / bays

	// Valance: a stripe with hanging triangles and bells.
	stripes(c, p, 0, float64(w), bandBorder, []band{{6, malachite}, {2, ink}, {5, pale}, {2, ink}})
	vals := []RGB{lapis, vermilion, malachite, ochre}
	for i := 0; i < w/32; i++ {
		x := float64(i) * 32
		c.FillO(p.Poly(x, 25, x+32, 25, x+16, 47), vals[i%len(vals)], ink, lw)
		c.Fill(p.Poly(x+8, 25, x+24, 25, x+16, 36), pale.Mix(vals[i%len(vals)], 0.3))
		c.FillO(p.Circle(x+16, 50, 3), gold, ink, lw*0.7)
	}

	interiors := []RGB{nicheDark, lapis.Scale(0.55), malachite.Scale(0.45), nicheDark}
	frames := []RGB{pale, malachite, pale, azure}
	robes := []figureCols{
		{vermilion, malachite, pale}, {malachite, lapis, vermilion}, {lapis, vermilion, ochre},
		{ochre, malachite, pale}, {vermilion, lapis, paleGreen}, {malachite, ochre, vermilion},
		{lapis, cinnabar, pale}, {cinnabar, malachite, azure},
	}
	halos := []RGB{malachite, lapis, ochre, azure}
	for i := 0; i < bays; i++ {
		cx := bw * (float64(i) + 0.5)
		q := p.T(cx, 0)
		inner := interiors[i%len(interiors)]
		if i%2 == 0 {
			// Round arch.
			arch := func(hw, top float64) *Path {
				return q.Path().MoveTo(-hw, railTop).LineTo(-hw, top+hw).
					CubeTo(-hw, top+hw*0.45, -hw*0.55, top, 0, top).
					CubeTo(hw*0.55, top, hw, top+hw*0.45, hw, top+hw).
					LineTo(hw, railTop).Close()
			}
			c.FillO(arch(50, 58), frames[i%len(frames)], ink, lw)
			c.FillO(arch(42, 66), inner, ink, lw)
			flameRing(c, q.T(0, 108), 50, 50, 60, 60, math.Pi*1.08, math.Pi*1.92, 9, []RGB{vermilion, ochre, malachite}, lw*0.8)
		} else {
			// Gate-tower bay: square opening under a small tiled roof.
			c.FillO(q.Rect(-46, 84, 46, railTop), frames[i%len(frames)], ink, lw)
			c.FillO(q.Rect(-38, 92, 38, railTop), inner, ink, lw)
			pavilionRoof(c, q.T(0, 142), 40, 96, lapis, lw)
		}
		musician(c, q.T(0, railTop+2).S(1.52, 1.52), i%instrumentCount, robes[i], halos[i%len(halos)], lw)
	}
	// Pilasters between the bays.
	for i := 0; i < bays; i++ {
		x := bw * float64(i)
		c.FillO(p.Rect(x-6, 52, x+6, railTop), ochre, ink, lw)
		c.Fill(p.Rect(x-2, 60, x+2, railTop-6), vermilion)
		c.FillO(p.Rect(x-9, 52, x+9, 58), pale, ink, lw)
	}
	// Balcony railing: a parapet of coloured blocks seen slightly from
	// above, the rhythm that ties the register together.
	c.FillO(p.Rect(-2, railTop, float64(w)+2, railTop+8), pale, ink, lw)
	blocks := []RGB{lapis, malachite, vermilion, pale}
	for i := 0; i < w/16; i++ {
		x := float64(i) * 16
		col := blocks[i%len(blocks)]
		c.FillO(p.Rect(x+1, railTop+8, x+15, railTop+24), col, ink, lw*0.8)
		c.Fill(p.Poly(x+1, railTop+8, x+15, railTop+8, x+11, railTop+13, x+5, railTop+13), col.Mix(pale, 0.4))
	}
	c.FillO(p.Rect(-2, railTop+24, float64(w)+2, railTop+30), ochre, ink, lw)
	for x := 0.0; x < float64(w); x += 24 {
		c.Fill(p.Poly(x, railTop+30, x+24, railTop+30, x+12, railTop+40), cinnabar.Scale(0.8))
	}
	age(c, ageOpts{seed: 4004, fade: 0.2, stain: 0.2, flake: 0.67, cracks: 5, specks: 260})
	return c
}

// yakshaDado paints the bottom register: stocky yakshas dancing on a dark
// ground under a border of coloured blocks, six across the band, their
// stances and colours varying in turn.
func yakshaDado(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	c.FillAll(darkGround.Mix(earthRed, 0.3))
	wob := &wobble{amp: 0.7, cell: 16, pw: w, seed: 5}
	p := pen(wob)
	const (
		count = 6
		lw    = 1.8
		s     = 1.9
	)
	y := stripes(c, pen(nil), 0, float64(w), 0, []band{{2, ink}, {5, pale}, {2, ink}})
	blocks := []RGB{malachite, pale, lapis, vermilion}
	for i := 0; i < w/32; i++ {
		x := float64(i) * 32
		c.FillO(p.Rect(x+1, y, x+31, y+10), blocks[i%len(blocks)], ink, lw*0.6)
	}
	stripes(c, pen(nil), 0, float64(w), y+10, []band{{2, ink}})
	stripes(c, pen(nil), 0, float64(w), float64(h-6), []band{{2, ink}, {4, earthRed.Scale(0.7)}})
	r := newRand(50)
	fallingFlowers(c, p, r, 30, 0, 30, float64(w), float64(h)-20, 8, lw)
	cols := []figureCols{
		{vermilion, malachite, azure}, {ochre, lapis, vermilion}, {malachite, vermilion, pale},
	}
	halos := []RGB{malachite, lapis, ochre, azure, paleGreen, malachite}
	step := float64(w) / count
	for i := 0; i < count; i++ {
		sx := s
		if i%2 == 1 {
			sx = -s
		}
		q := p.T(step*(float64(i)+0.5), float64(h)-10).S(sx, s)
		yaksha(c, q, yakshaPoses[i%len(yakshaPoses)], cols[(i/2+i)%len(cols)], halos[i], lw)
	}
	age(c, ageOpts{seed: 5107, fade: 0.15, stain: 0.15, flake: 0.67, cracks: 5, specks: 200})
	return c
}
