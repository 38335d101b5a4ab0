package main

import (
	"math"
	"math/rand/v2"
)

// The Western Wei caves (249, 285) were painted on a white ground of
// gypsum and kaolin; the same mineral pigments as before, used more
// lightly, with diluted reds for the streaming clouds.
var (
	whiteGround = hexRGB("#ede6d5") // 白粉地
	rose        = hexRGB("#d68a72") // diluted cinnabar for cloud lines
	skinWarm    = hexRGB("#6a4a3c") // red-lead flesh half darkened
)

// weiAge is the ageing of the white-ground walls: the gypsum has yellowed
// and greyed in soft patches and flakes less than the Northern Wei clay
// ground, so the drawing stays legible.
func weiAge(seed uint64, cracks, specks int) ageOpts {
	return ageOpts{seed: seed, fade: 0.14, stain: 0.12, flake: 0.72, cracks: cracks, specks: specks}
}

// cloudTrail draws a drifting cloud of the Western Wei slopes: a curled
// head at the origin and three tails streaming back along -x, each a
// tapering band of another colour, length units long. The waving tails are
// what make the white ground read as a windy heaven.
func cloudTrail(c *Canvas, p Pen, length float64, cols []RGB, lw float64) {
	w := length * 0.06
	for i := 2; i >= 0; i-- {
		off := (float64(i) - 1) * w * 1.2
		l := length * (1 - 0.18*float64(i))
		var line []vec
		for k := 0; k <= 28; k++ {
			t := float64(k) / 28
			y := off*(1-0.4*t) + length*0.07*math.Sin(t*2*math.Pi*1.2+float64(i)*0.8)*t
			line = append(line, vec{-t * l, y})
		}
		c.FillO(p.Stroke(line, w, w*0.12), cols[i%len(cols)], ink, lw*0.6)
	}
	// The head: the tails roll up into a pair of curls, like a fern.
	for i, k := range []float64{1, -1} {
		cy := k * w * 0.9
		curl := spiral(w*0.9, cy, w*1.6, w*0.35, math.Pi*(1-0.5*k), math.Pi*(1-0.5*k)+k*math.Pi*2.2, 20)
		curl = append([]vec{{-w * 1.5, cy + k*w*0.9}}, curl...)
		c.FillO(p.Stroke(curl, w*1.05, w*0.5), cols[i], ink, lw*0.6)
	}
}

// cloudSets are the colour runs of the drifting clouds.
var cloudSets = [][]RGB{
	{malachite, paleGreen, rose},
	{azure, pale, vermilion},
	{rose, pale, malachite},
	{paleGreen, malachite, azure},
	{ochre, rose, paleGreen},
}

// scatterClouds draws n drifting clouds at random inside the box
// [x0,x1]×[y0,y1], trailing toward -x when dir is 1 and +x when -1, so
// the whole heaven seems to stream one way.
func scatterClouds(c *Canvas, p Pen, r *rand.Rand, n int, x0, y0, x1, y1, size, dir, lw float64) {
	for i := 0; i < n; i++ {
		x, y := between(r, x0, x1), between(r, y0, y1)
		l := size * between(r, 0.7, 1.25)
		q := p.T(x, y).S(dir, 1).R(between(r, -0.25, 0.2))
		cloudTrail(c, q, l, cloudSets[r.IntN(len(cloudSets))], lw)
	}
}

// blossoms scatters small four-petalled flowers of the given colours
// inside [x0,x1]×[y0,y1]: the falling heavenly flowers of the white
// ground, outlined so that pale ones still show.
func blossoms(c *Canvas, p Pen, r *rand.Rand, n int, x0, y0, x1, y1, size float64, cols []RGB, lw float64) {
	for i := 0; i < n; i++ {
		x, y := between(r, x0, x1), between(r, y0, y1)
		q := p.T(x, y).R(between(r, 0, math.Pi/2))
		col := cols[r.IntN(len(cols))]
		for k := 0; k < 4; k++ {
			c.FillO(q.R(float64(k)*math.Pi/2).Ellipse(size*0.55, 0, size*0.5, size*0.26), col, ink, lw*0.5)
		}
		c.Fill(q.Circle(0, 0, size*0.22), vermilion)
	}
}

// weiPeaks draws a row of the steep, narrow Western Wei hills along the
// base line from x0 to x1: tall pointed cones in alternating greens and
// blues with pale centre strokes, little trees on the crests.
func weiPeaks(c *Canvas, p Pen, r *rand.Rand, x0, x1, base, h, lw float64) {
	w := h * 0.62
	for x := x0; x <= x1; x += w * between(r, 0.45, 0.7) {
		hh := h * between(r, 0.55, 1.05)
		ww := w * between(r, 0.8, 1.15)
		pal := mountainPalettes[r.IntN(len(mountainPalettes))]
		shape := func(k float64) *Path {
			hw, top := ww/2*k, hh*k
			return p.Path().MoveTo(x-hw, base).
				CubeTo(x-hw*0.7, base-top*0.45, x-hw*0.35, base-top*0.9, x, base-top).
				CubeTo(x+hw*0.3, base-top*0.9, x+hw*0.7, base-top*0.45, x+hw, base).Close()
		}
		if r.IntN(3) == 0 {
			sprig(c, p, x+between(r, -ww*0.1, ww*0.1), base-hh*0.95, hh*0.35, lw)
		}
		c.FillO(shape(1), pal[0], ink, lw)
		c.Fill(shape(0.62), pal[1])
		c.FillA(p.Stroke(pts(x, base-hh*0.8, x-ww*0.05, base-hh*0.2), ww*0.06, ww*0.02), pal[2], 0.8)
	}
}

// sprig is a small tree of the Western Wei landscapes: a thin trunk and a
// fan of leaf strokes, as on the hill crests.
func sprig(c *Canvas, p Pen, x, base, h, lw float64) {
	c.FillO(p.Stroke(pts(x, base, x+h*0.05, base-h*0.6, x, base-h), h*0.08, h*0.04), ochre.Scale(0.7), ink, lw*0.6)
	for k := -3; k <= 3; k++ {
		a := -math.Pi/2 + float64(k)*0.36
		l := h * (0.55 - 0.05*math.Abs(float64(k)))
		tip := vec{x + math.Cos(a)*l, base - h*0.7 + math.Sin(a)*l}
		c.FillO(p.Stroke([]vec{{x, base - h*0.62}, tip}, h*0.16, h*0.04), malachite, ink, lw*0.5)
	}
}
