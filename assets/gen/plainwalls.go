package main

import "math"

// Walls that repeat: the Western Wei thousand Buddhas, the bare walls of
// the meditation cells and of the Library Cave, and the later embossed
// thousand Buddhas of Cave 16. All wrap both ways.

// thousandBuddhasWhite paints the Western Wei thousand Buddhas of Caves
// 249 and 285 on their white ground: smaller, lighter figures than the
// Northern Wei ones, colours running in diagonals.
func thousandBuddhasWhite(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	c.FillAll(whiteGround)
	const (
		cols, rows = 8, 8
		lineWidth  = 1.1
	)
	sets := []buddhaCols{
		{mandorla: malachite, mandorlaIn: paleGreen, halo: vermilion, haloIn: rose, robe: lapis, robeIn: pale},
		{mandorla: azure, mandorlaIn: pale, halo: malachite, haloIn: paleGreen, robe: vermilion, robeIn: ochre},
		{mandorla: rose, mandorlaIn: pale, halo: lapis, haloIn: azure, robe: malachite, robeIn: vermilion},
		{mandorla: ochre, mandorlaIn: pale, halo: malachite, haloIn: pale, robe: cinnabar, robeIn: malachite},
	}
	wob := &wobble{amp: 0.7, cell: 16, pw: w, ph: h, seed: 2859}
	cw, ch := float64(w)/cols, float64(h)/rows
	s := ch * 0.9 / 108
	for row := 0; row < rows; row++ {
		for col := 0; col < cols; col++ {
			p := pen(wob).T(cw*(float64(col)+0.5), ch*float64(row+1)-8*s-2).S(s, s)
			seatedBuddha(c, p, sets[(col+2*row)%len(sets)], lineWidth)
		}
	}
	age(c, weiAge(2860, 4, 180))
	return c
}

// plasterField paints a wrapping plaster surface: base colour mottled by
// quantised noise of the given strength, so it reads as hand-laid lime or
// clay and still compresses well.
func plasterField(c *Canvas, base RGB, mottle float64, seed uint64) {
	c.Map(func(x, y int, _ RGB) RGB {
		fx, fy := float64(x), float64(y)
		n := fbm(fx, fy, 128, 3, c.W, c.H, seed)
		g := valueNoise(fx, fy, 8, c.W, c.H, seed+5)
		return base.Scale(1 - mottle + 2*mottle*quant(n, 6) + 0.025*quant(g, 2))
	})
}

// meditationCell paints the inside of one of the small meditation cells
// off Cave 285's hall: lime-washed plaster, soot-greyed in soft patches,
// with a faint red-ochre frame line ruled round each wall panel. The
// ruled lines straddle the tile edges, so repeats make panels.
func meditationCell(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	plasterField(c, whiteGround.Mix(plaster, 0.35), 0.04, 2861)
	p := pen(&wobble{amp: 1.2, cell: 32, pw: w, ph: h, seed: 2862})
	W, H := float64(w), float64(h)
	line := earthRed.Mix(whiteGround, 0.45)
	for _, d := range []float64{14, 22} {
		c.FillA(p.Rect(-d, -d, W+d, -d+2.2), line, 0.4)
		c.FillA(p.Rect(-d, -d, -d+2.2, H+d), line, 0.4)
	}
	age(c, ageOpts{seed: 2863, fade: 0.1, stain: 0.16, cracks: 3, specks: 90})
	return c
}

// cave16Wall paints the top layer of Cave 16's walls: thousand Buddhas in
// low relief, Northern Song or Western Xia, in the dull green monotone of
// that period; haloes and mandorlas raised from the ground and lit from
// above left.
func cave16Wall(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	ground := hexRGB("#4f6a58")
	plasterField(c, ground, 0.05, 2864)
	p := pen(&wobble{amp: 0.5, cell: 16, pw: w, ph: h, seed: 2865})
	const n = 8
	cw := float64(w) / n
	figure := hexRGB("#7d9479")
	halo := hexRGB("#8c8a5e")
	robe := hexRGB("#5d7d6a")
	dark := ground.Scale(0.6)
	for row := 0; row < n; row++ {
		for col := 0; col < n; col++ {
			q := p.T(cw*(float64(col)+0.5), cw*(float64(row)+0.5))
			k := (row + col) % 2
			c.Relief(q.Path().MoveTo(-23, 26).CubeTo(-27, 0, -16, -22, 0, -29).CubeTo(16, -22, 27, 0, 23, 26).Close(), []RGB{halo, figure}[k], halo.Mix(pale, 0.4), dark, 2)
			c.Relief(q.Circle(0, -13, 10), []RGB{figure, halo}[k], figure.Mix(pale, 0.4), dark, 1)
			c.Relief(q.Path().MoveTo(-20, 22).CubeTo(-21, 14, -16, 8, -11, 5).
				CubeTo(-11, 0, -10, -4, -6, -5).LineTo(6, -5).CubeTo(10, -4, 11, 0, 11, 5).
				CubeTo(16, 8, 21, 14, 20, 22).Close(), robe, robe.Mix(pale, 0.35), dark, 2)
			c.Relief(q.Ellipse(0, 13, 6, 3), robe, robe.Mix(pale, 0.35), dark, 1)
			c.Relief(q.Ellipse(0, -12, 5, 6), figure, figure.Mix(pale, 0.4), dark, 1)
			c.Relief(q.Circle(0, -19, 2.6), robe.Scale(0.8), robe.Mix(pale, 0.3), dark, 1)
			c.FillA(q.Stroke(bez(vec{-16, 19}, vec{-6, 15}, vec{6, 15}, vec{16, 19}, 8), 1, 1), dark, 0.5)
			for x := -16.0; x <= 16; x += 8 {
				c.Relief(q.Ellipse(x, 25, 4, 2.2), halo, halo.Mix(pale, 0.4), dark, 1)
			}
		}
	}
	c.Map(func(x, y int, col RGB) RGB {
		// The later paint sits dull: pull everything toward one grey-green.
		return col.Mix(ground.Mix(pale, 0.15), 0.25)
	})
	age(c, ageOpts{seed: 2866, fade: 0.14, stain: 0.18, flake: 0.74, cracks: 4, specks: 120})
	return c
}

// libraryWall paints the unpainted walls of the Library Cave: clay plaster
// smoothed by hand, straw chaff showing, a few cracks.
func libraryWall(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	clay := hexRGB("#b39e80")
	plasterField(c, clay, 0.05, 2867)
	p := pen(nil)
	r := newRand(2868)
	for i := 0; i < 160; i++ {
		x, y := between(r, 0, float64(w)), between(r, 0, float64(h))
		a := between(r, 0, math.Pi)
		l := between(r, 3, 9)
		d := vec{math.Cos(a) * l, math.Sin(a) * l}
		c.FillA(p.Stroke([]vec{{x, y}, {x + d.X, y + d.Y}}, 1.1, 0.7), clay.Mix(ochre, 0.4).Mix(pale, 0.3), 0.7)
	}
	age(c, ageOpts{seed: 2869, fade: 0.08, stain: 0.12, cracks: 5, specks: 120})
	return c
}
