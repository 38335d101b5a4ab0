package main

import (
	"math"
	"math/rand/v2"
)

// peak draws one Northern Wei mountain: a rounded cone outlined in ink with
// smaller cones of other colours nested inside it, the way the painters
// built ranges out of rows of little coloured hills.
func peak(c *Canvas, p Pen, x, base, w, h float64, cols []RGB, lw float64) {
	shape := func(k float64) *Path {
		hw, hh := w/2*k, h*k
		return p.Path().MoveTo(x-hw, base).
			CubeTo(x-hw*0.85, base-hh*0.6, x-hw*0.3, base-hh, x, base-hh).
			CubeTo(x+hw*0.3, base-hh, x+hw*0.85, base-hh*0.6, x+hw, base).Close()
	}
	c.FillO(shape(1), cols[0], ink, lw)
	for i := 1; i < len(cols); i++ {
		k := 1 - 0.3*float64(i)
		c.Fill(shape(k), cols[i])
	}
}

// mountainPalettes are the colour nestings used for peaks.
var mountainPalettes = [][]RGB{
	{malachite, paleGreen, pale},
	{lapis, azure, pale},
	{pale, malachite, ink},
	{ink, malachite, paleGreen},
	{paleGreen, lapis, pale},
}

// mountainRow draws overlapping peaks with bases on y=base from x0 to x1.
func mountainRow(c *Canvas, p Pen, r *rand.Rand, x0, x1, base, h, lw float64) {
	w := h * 1.25
	for x := x0; x <= x1; x += w * 0.58 {
		hh := h * between(r, 0.75, 1.1)
		pal := mountainPalettes[r.IntN(len(mountainPalettes))]
		if r.IntN(3) == 0 {
			tree(c, p, x+between(r, -w*0.2, w*0.2), base-hh*0.8, hh*0.7, malachite, lw*0.8)
		}
		peak(c, p, x, base, w*between(r, 0.9, 1.1), hh, pal, lw)
	}
}

// mountainStack is a column of peak rows that divides two scenes of a
// narrative band, as the ranges do in the Deer King scroll.
func mountainStack(c *Canvas, p Pen, r *rand.Rand, x, top, bottom, width, lw float64) {
	const rowH = 38 // hill height, pixels
	rows := int((bottom - top) / (rowH * 0.85))
	lean := width * 0.35
	if r.IntN(2) == 0 {
		lean = -lean
	}
	for i := 0; i < rows; i++ {
		t := float64(i) / float64(rows-1)
		base := top + rowH + t*(bottom-top-rowH)
		half := width / 2 * (0.45 + 0.55*t)
		mx := x + lean*(0.5-t)
		mountainRow(c, p, r, mx-half, mx+half, base, rowH, lw)
	}
}

// tree draws a stylised tree: a trunk with two branches and a crown of
// round leaf clusters, each marked with a pale vein fan.
func tree(c *Canvas, p Pen, x, base, h float64, leaf RGB, lw float64) {
	bark := ochre.Scale(0.7)
	c.FillO(p.Stroke(pts(x, base, x+h*0.03, base-h*0.5, x, base-h*0.72), h*0.07, h*0.04), bark, ink, lw)
	c.FillO(p.Stroke(pts(x+h*0.02, base-h*0.5, x-h*0.18, base-h*0.7), h*0.035, h*0.025), bark, ink, lw*0.8)
	c.FillO(p.Stroke(pts(x+h*0.02, base-h*0.56, x+h*0.2, base-h*0.74), h*0.035, h*0.025), bark, ink, lw*0.8)
	crown := p.Path()
	lobes := []vec{{0, -0.92}, {-0.2, -0.78}, {0.2, -0.8}, {-0.12, -0.64}, {0.13, -0.65}}
	for _, l := range lobes {
		crown.Ellipse(x+l.X*h, base+l.Y*h, h*0.15, h*0.13, false)
	}
	c.FillO(crown, leaf, ink, lw)
	for _, l := range lobes {
		cx, cy := x+l.X*h, base+l.Y*h
		for k := -1; k <= 1; k++ {
			a := -math.Pi/2 + float64(k)*0.6
			c.FillA(p.Stroke(pts(cx, cy+h*0.06, cx+math.Cos(a)*h*0.1, cy+math.Sin(a)*h*0.1), h*0.018, h*0.01), pale, 0.6)
		}
	}
}

// lotusTop draws an open lotus seen from above: rings of petals round a
// seed pod, as in the centre of a lantern-ceiling coffer.
func lotusTop(c *Canvas, p Pen, r float64, rings []RGB, pod RGB, lw float64) {
	n := 8
	for i, col := range rings {
		k := 1 - float64(i)*0.28
		rot := float64(i) * math.Pi / float64(n)
		for j := 0; j < n; j++ {
			a := rot + float64(j)*2*math.Pi/float64(n)
			q := p.R(a)
			c.FillO(q.Path().MoveTo(0, 0).
				CubeTo(r*k*0.35, -r*k*0.32, r*k*0.85, -r*k*0.26, r*k, 0).
				CubeTo(r*k*0.85, r*k*0.26, r*k*0.35, r*k*0.32, 0, 0).Close(), col, ink, lw)
			c.FillA(q.Stroke(pts(r*k*0.25, 0, r*k*0.8, 0), lw*0.8, lw*0.4), pale, 0.55)
		}
	}
	c.FillO(p.Circle(0, 0, r*0.22), pod, ink, lw)
	for j := 0; j < 6; j++ {
		a := float64(j) * math.Pi / 3
		c.Fill(p.Circle(math.Cos(a)*r*0.12, math.Sin(a)*r*0.12, r*0.035), ink)
	}
}

// lotusSide draws a lotus flower in profile, base at the origin, opening
// upward to height h: a fan of petals.
func lotusSide(c *Canvas, p Pen, h float64, body, tip RGB, lw float64) {
	petal := func(a, k float64, col RGB) {
		q := p.R(a)
		c.FillO(q.Path().MoveTo(0, 0).
			CubeTo(-h*0.32*k, -h*0.3*k, -h*0.2*k, -h*0.8*k, 0, -h*k).
			CubeTo(h*0.2*k, -h*0.8*k, h*0.32*k, -h*0.3*k, 0, 0).Close(), col, ink, lw)
	}
	petal(-0.75, 0.75, body)
	petal(0.75, 0.75, body)
	petal(-0.35, 0.92, tip)
	petal(0.35, 0.92, tip)
	petal(0, 1, body)
	c.FillA(p.Stroke(pts(0, -h*0.15, 0, -h*0.75), lw, lw*0.5), tip, 0.8)
}

// honeysuckle draws a scroll of half-palmette leaves on a wavy stem along
// the local x axis from 0 to length, within y ∈ [-height/2, height/2].
// With length a whole number of periods the band joins itself seamlessly.
func honeysuckle(c *Canvas, p Pen, length, height, period float64, leaves []RGB, stem RGB, lw float64) {
	amp := height * 0.22
	var line []vec
	for x := -period / 8; x <= length+period/8; x += period / 24 {
		line = append(line, vec{x, amp * math.Sin(2*math.Pi*x/period)})
	}
	c.FillO(p.Stroke(line, height*0.07, height*0.07), stem, ink, lw*0.7)
	half := period / 2
	for k := 0; float64(k)*half < length-1e-6; k++ {
		x := (float64(k) + 0.25) * half
		side := 1.0
		if k%2 == 1 {
			side = -1
		}
		// The leaf springs from the stem near a crest and curls into the
		// hollow on the other side: three lobes of decreasing length.
		y0 := amp * math.Sin(2*math.Pi*x/period)
		q := p.T(x, y0).S(1, side)
		col := leaves[k%len(leaves)]
		for i, a := range []float64{-0.35, 0.35, 1.05} {
			l := height * (0.46 - 0.07*float64(i))
			lq := q.R(a)
			c.FillO(lq.Path().MoveTo(0, 0).
				CubeTo(l*0.3, -l*0.28, l*0.8, -l*0.22, l, l*0.05).
				CubeTo(l*0.7, l*0.12, l*0.3, l*0.1, 0, 0).Close(), col, ink, lw*0.7)
		}
		c.FillA(q.Stroke(pts(0, 0, half*0.3, amp*0.6), height*0.04, height*0.02), pale, 0.7)
	}
}

// flameRing draws tongues of flame around an ellipse from angle a0 to a1,
// their roots on radius (rx0, ry0) and tips reaching (rx1, ry1), each
// leaning the same way: the flame border of a Buddha's halo.
func flameRing(c *Canvas, p Pen, rx0, ry0, rx1, ry1, a0, a1 float64, n int, cols []RGB, lw float64) {
	step := (a1 - a0) / float64(n)
	for i := 0; i < n; i++ {
		a := a0 + step*(float64(i)+0.5)
		root := func(da float64) vec { return vec{rx0 * math.Cos(a+da), ry0 * math.Sin(a+da)} }
		l, rt := root(-step*0.6), root(step*0.6)
		tip := vec{rx1 * math.Cos(a+step*0.7), ry1 * math.Sin(a+step*0.7)}
		mid := vec{(rx0 + rx1) / 2 * math.Cos(a-step*0.2), (ry0 + ry1) / 2 * math.Sin(a-step*0.2)}
		c.FillO(p.Path().MoveTo(l.X, l.Y).
			QuadTo(mid.X, mid.Y, tip.X, tip.Y).
			QuadTo((mid.X+rt.X)/2+(tip.X-mid.X)*0.2, (mid.Y+rt.Y)/2+(tip.Y-mid.Y)*0.2, rt.X, rt.Y).Close(),
			cols[i%len(cols)], ink, lw)
	}
}

// cloud draws a curling auspicious cloud: a few linked scrolls.
func cloud(c *Canvas, p Pen, w float64, col RGB, lw float64) {
	c.FillO(p.Path().Ellipse(-w*0.25, 0, w*0.25, w*0.14, false).
		Ellipse(w*0.1, -w*0.06, w*0.22, w*0.15, false).
		Ellipse(w*0.33, w*0.02, w*0.17, w*0.11, false), col, ink, lw)
	c.FillA(p.Stroke(arc(w*0.1, -w*0.04, w*0.1, w*0.07, 0, 5, 12), lw, lw*0.6), ink, 0.8)
}

// stripes paints horizontal bands from y downward (local units), each
// {height, colour}; used for frieze borders.
func stripes(c *Canvas, p Pen, x0, x1, y float64, bands []band) float64 {
	for _, b := range bands {
		c.Fill(p.Rect(x0, y, x1, y+b.h), b.col)
		y += b.h
	}
	return y
}

type band struct {
	h   float64
	col RGB
}
