package main

import (
	"math"
	"math/rand/v2"
)

// The gilt dragons of the Hall of Supreme Harmony: the six columns round
// the throne, the caisson above it and the screen behind it.

// scatterRuyi strews n gilt clouds over [x0,x1]×[y0,y1], each s across,
// turned at random: the cloud ground the dragons swim through.
func scatterRuyi(c *Canvas, p Pen, r *rand.Rand, n int, x0, y0, x1, y1, s float64, col RGB) {
	for i := 0; i < n; i++ {
		x, y := between(r, x0, x1), between(r, y0, y1)
		sx := 1.0
		if r.IntN(2) == 0 {
			sx = -1
		}
		ruyiCloud(c, p.T(x, y).R(between(r, -0.5, 0.5)).S(sx, 1), s*between(r, 0.8, 1.2), col)
	}
}

// dragonColumn paints one of the six gilded columns round the throne: a
// dragon in raised gold coiling once round the column among gilt clouds,
// head near the top, on vermilion. The texture wraps round the column
// (x) and repeats up it (y): the helix closes on itself.
func dragonColumn(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	c.Map(func(x, y int, _ RGB) RGB {
		return palVermilion.Scale(0.96 + 0.06*quant(grain(x, y, w, h, 6041), 4))
	})
	p := pen(nil)
	r := newRand(6042)
	W, H := float64(w), float64(h)
	// Clouds on a jittered grid so they cover the column evenly.
	for row := 0; row < 10; row++ {
		for col := 0; col < 2; col++ {
			x := (float64(col)+0.5)*W/2 + between(r, -30, 30) + float64(row%2)*W/4
			y := (float64(row)+0.5)*H/10 + between(r, -20, 20)
			sx := 1.0
			if (row+col)%2 == 0 {
				sx = -1
			}
			ruyiCloud(c, p.T(x, y).R(between(r, -0.4, 0.4)).S(sx, 1), between(r, 70, 90), goldLeaf)
		}
	}
	var spine []vec
	for k := 0; k <= 80; k++ {
		t := float64(k) / 80
		spine = append(spine, vec{W*0.45 + W*t + 16*math.Sin(t*6*math.Pi), 160 + t*(H-220)})
	}
	dragon(c, p, spine, 50, -1, palaceDragon)
	flamingPearl(c, p.T(W*0.2, 110), 20)
	return c
}

// flamingPearl draws the dragon's pearl: a silvery sphere with a glint,
// gilt flames curling round it, radius r at the origin.
func flamingPearl(c *Canvas, p Pen, r float64) {
	for i := 0; i < 6; i++ {
		a := float64(i) * math.Pi / 3
		q := p.R(a)
		giltIn(c, q.Stroke(spiral(r*0.9, 0, r*0.2, r*0.7, 0, math.Pi*1.2, 12), r*0.32, r*0.05), imperialYellow)
	}
	sphere(c, p, r)
}

// sphere draws a polished ball lit from the upper left in banded steps.
func sphere(c *Canvas, p Pen, r float64) {
	base := marble.Scale(0.62)
	for i := 0; i < 6; i++ {
		k := 1 - float64(i)*0.14
		off := (1 - k) * r * 0.45
		c.Fill(p.Circle(-off, -off, r*k), base.Mix(marble, float64(i)/5))
	}
	c.Fill(p.Circle(-r*0.35, -r*0.38, r*0.16), shine.Mix(marble, 0.3))
	c.FillA(p.Path().Ellipse(0, 0, r, r, false).Ellipse(0, 0, r-1.2, r-1.2, true), gildShadow, 0.7)
}

// dragonCaisson paints the caisson over the throne seen from below:
// a square frame, corner triangles with gilt clouds, an octagonal frame,
// a ring of gilt bracket sets round the round well, and in the well a
// coiled gilt dragon holding in its mouth the pearl of the Xuanyuan
// mirror, head down toward the throne.
func dragonCaisson(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(hexiGreen)
	p := pen(nil)
	W := float64(w)
	m := W / 2
	// Outer frame: blue band with gilt beading.
	squareRing := func(r0, r1 float64) *Path {
		return p.T(m, m).Path().Poly(-r1, -r1, r1, -r1, r1, r1, -r1, r1).Poly(-r0, -r0, -r0, r0, r0, r0, r0, -r0)
	}
	c.Fill(squareRing(m-44, m), hexiBlue)
	giltBorder(c, p, 6, 6, W-6, W-6, 7)
	giltBorder(c, p, 38, 38, W-38, W-38, 6)
	for i := 0; i < 36; i++ {
		t := 30 + (W-60)*float64(i)/35
		for _, q := range []vec{{t, 22}, {t, W - 22}, {22, t}, {W - 22, t}} {
			giltIn(c, p.Circle(q.X, q.Y, 4.5), imperialYellow)
		}
	}
	// Corner triangles: gilt clouds on green.
	const octR = 430.0 // octagon circumradius
	for i := 0; i < 4; i++ {
		q := p.T(m, m).R(float64(i)*math.Pi/2 + math.Pi/4)
		ruyiCloud(c, q.T(0, -560).R(math.Pi/2), 120, goldLeaf)
		ruyiCloud(c, q.T(-70, -520).R(math.Pi/2+0.3).S(1, -1), 80, goldLeaf)
		ruyiCloud(c, q.T(70, -520).R(math.Pi/2-0.3), 80, goldLeaf)
	}
	oct := func(rad float64) []vec {
		var v []vec
		for k := 0; k < 8; k++ {
			a := math.Pi/8 + float64(k)*math.Pi/4
			v = append(v, vec{m + rad*math.Cos(a), m + rad*math.Sin(a)})
		}
		return v
	}
	c.FillShift(p.Path().PolyV(oct(octR)), 3, 3, gildShadow, 0.8)
	c.Fill(p.Path().PolyV(oct(octR)), hexiBlue)
	gilt(c, p.Path().PolyV(oct(octR)).PolyV(reverse(oct(octR-10))))
	c.Fill(p.Path().PolyV(oct(octR-24)), hexiGreen.Scale(0.85))
	gilt(c, p.Path().PolyV(oct(octR-24)).PolyV(reverse(oct(octR-31))))
	// Ring of bracket sets: gilt blocks stepping inward round the well.
	const wellR = 330.0
	n := 48
	for k := 0; k < n; k++ {
		a := float64(k) * 2 * math.Pi / float64(n)
		q := p.T(m, m).R(a)
		gilt(c, q.Rect(-13, -wellR-64, 13, -wellR-48))
		giltIn(c, q.Rect(-9, -wellR-48, 9, -wellR-30), imperialYellow)
		gilt(c, q.Rect(-16, -wellR-30, 16, -wellR-18))
		c.Fill(q.Rect(-6, -wellR-18, 6, -wellR-6), hexiBlue.Scale(0.8))
	}
	c.FillShift(p.Circle(m, m, wellR), 3, 3, gildShadow, 0.8)
	// The well: blue deepening toward the centre, gilt clouds round it.
	for i := 0; i < 7; i++ {
		k := 1 - float64(i)*0.12
		c.Fill(p.Circle(m, m, wellR*k), hexiBlue.Scale(1-0.07*float64(i)))
	}
	gilt(c, p.Path().Ellipse(m, m, wellR, wellR, false).Ellipse(m, m, wellR-12, wellR-12, true))
	for k := 0; k < 10; k++ {
		a := float64(k) * 2 * math.Pi / 10
		ruyiCloud(c, p.T(m+math.Cos(a)*(wellR-60), m+math.Sin(a)*(wellR-60)).R(a+math.Pi/2), 70, goldLeaf)
	}
	// The dragon: coiling inward to the centre, head down.
	var spine []vec
	for k := 0; k <= 90; k++ {
		t := float64(k) / 90
		a := -math.Pi/2 + t*2.6*math.Pi
		rad := 30 + t*220
		spine = append(spine, vec{m + rad*math.Cos(a), m + 40 + rad*0.92*math.Sin(a)})
	}
	spine = append([]vec{{m + 10, m + 60}, {m + 4, m + 30}}, spine[1:]...)
	dragon(c, p, spine, 66, -1, palaceDragon)
	flamingPearl(c, p.T(m+70, m+170), 36)
	return c
}

// reverse returns pts in reverse order: a polygon wound the other way,
// which cuts a hole when added to the same path.
func reverse(pts []vec) []vec {
	out := make([]vec, len(pts))
	for i, q := range pts {
		out[len(pts)-1-i] = q
	}
	return out
}

// palaceScreen paints the seven-panel gilt screen behind the throne: a
// wider centre panel with a coiled dragon facing out, three panels either
// side with dragons rising and descending toward it, all in raised gold on
// a gilt cloud ground, framed in red lacquer, under a crest of clouds and
// over a plinth of lotus petals.
func palaceScreen(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(lacquer)
	p := pen(nil)
	r := newRand(6061)
	W, H := float64(w), float64(h)
	const (
		crest  = 74.0
		plinth = 70.0
		centre = 208.0
	)
	side := (W - centre) / 6
	ground := goldLeaf.Mix(ochre, 0.45).Scale(0.8)
	bright := imperialYellow.Mix(goldLeaf, 0.4)
	x := 0.0
	for i := 0; i < 7; i++ {
		pw := side
		if i == 3 {
			pw = centre
		}
		x0, x1 := x+8, x+pw-8
		y0, y1 := crest+6, H-plinth-6
		top := y0
		if i != 3 {
			top = y0 + 10*math.Abs(float64(i)-3)
		}
		c.Fill(p.Rect(x0, top, x1, y1), ground)
		scatterRuyi(c, p, r, 5+b2i(i == 3)*4, x0+20, top+20, x1-20, y1-20, 44, goldLeaf.Mix(ground, 0.35))
		st := palaceDragon
		st.body = bright
		cx := (x0 + x1) / 2
		var spine []vec
		if i == 3 {
			for k := 0; k <= 70; k++ {
				t := float64(k) / 70
				a := -math.Pi/2 + t*2.2*math.Pi
				rad := 16 + t*78
				spine = append(spine, vec{cx + rad*math.Cos(a), (top+y1)/2 + 10 + rad*1.4*math.Sin(a)})
			}
			dragon(c, p, spine, 26, -1, st)
			flamingPearl(c, p.T(cx, top+34), 14)
		} else {
			s := 1.0
			if i > 3 {
				s = -1
			}
			hw := (x1 - x0) / 2
			for k := 0; k <= 60; k++ {
				t := float64(k) / 60
				spine = append(spine, vec{cx + s*hw*0.45*math.Sin(t*2.6*math.Pi+0.6), top + 40 + t*(y1-top-70)})
			}
			if i%2 == 1 {
				spine = reverse(spine)
			}
			dragon(c, p, spine, 20, s, st)
			py := top + 40.0
			if i%2 == 1 {
				py = y1 - 30
			}
			flamingPearl(c, p.T(cx-s*hw*0.5, py), 10)
		}
		giltBorder(c, p, x0, top, x1, y1, 5)
		// Crest over the panel: gilt clouds on red, stepped down outward.
		ruyiCloud(c, p.T((x0+x1)/2, top-30).S(1, 1), math.Min(pw*0.5, 90), goldLeaf)
		giltBorder(c, p, x+2, top-64, x+pw-2, H-4, 4)
		x += pw
	}
	// Plinth: a row of lotus petals in gilt.
	for px := 14.0; px < W-10; px += 28 {
		gilt(c, p.Path().MoveTo(px-11, H-plinth+8).CubeTo(px-12, H-plinth+40, px+12, H-plinth+40, px+11, H-plinth+8).
			CubeTo(px+4, H-plinth+14, px-4, H-plinth+14, px-11, H-plinth+8).Close())
	}
	gilt(c, p.Rect(0, H-plinth+42, W, H-plinth+50))
	return c
}
