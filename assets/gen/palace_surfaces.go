package main

import "math"

// Plain surfaces of the halls, all repeating both ways: lacquered columns,
// the red walls, golden-brick and marble floors.

// grain is quantised wood grain for a lacquered column: noise stretched
// along y so its features run with the column, period-matched so the
// surface wraps round the column and up its height.
func grain(x, y, w, h int, seed uint64) float64 {
	const stretch = 8 // grain features are 8× longer than wide
	return fbm(float64(x), float64(y)/stretch, 8, 3, w, h/stretch, seed)
}

// palaceColumn paints the lacquered vermilion of a column: a faint grain
// showing through the lacquer, a few places worn pale by hands and
// shoulders.
func palaceColumn(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	c.Map(func(x, y int, _ RGB) RGB {
		g := grain(x, y, w, h, 6001)
		col := palVermilion.Scale(0.95 + 0.1*quant(g, 5))
		wear := fbm(float64(x), float64(y), 64, 4, w, h, 6002)
		if wear > 0.68 {
			col = col.Mix(palVermilion.Mix(ochre, 0.4).Scale(1.1), 0.5*quant((wear-0.68)/0.32, 3))
		}
		return col
	})
	age(c, ageOpts{seed: 6003, fade: 0.04, stain: 0.06, specks: 60})
	return c
}

// palaceWall paints the red-plastered inner walls: flat vermilion over
// lime, mottled where the trowel went, a little faded.
func palaceWall(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	plasterField(c, palVermilion.Mix(ochre, 0.08), 0.035, 6011)
	p := pen(&wobble{amp: 2, cell: 64, pw: w, ph: h, seed: 6012})
	r := newRand(6013)
	for i := 0; i < 14; i++ {
		// Broad trowel sweeps, a shade lighter.
		x, y := between(r, 0, float64(w)), between(r, 0, float64(h))
		a := between(r, -0.4, 0.4)
		c.FillA(p.T(x, y).R(a).Path().Ellipse(0, 0, between(r, 60, 120), between(r, 8, 16), false), palVermilion.Mix(pale, 0.2), 0.12)
	}
	age(c, ageOpts{seed: 6014, fade: 0.06, stain: 0.08, specks: 40})
	return c
}

// goldenBrick paints the floor of golden bricks: four 2-chi bricks per
// tile, tung-oiled to a dark sheen, each a slightly different tone with
// a soft glossy band across it; hairline joints with a pale lip.
func goldenBrick(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	const n = 2 // bricks across the tile
	bw := w / n
	c.Map(func(x, y int, _ RGB) RGB {
		bx, by := x/bw, y/bw
		u, v := float64(x%bw)/float64(bw), float64(y%bw)/float64(bw)
		tone := 0.92 + 0.1*hash2(bx, by, 6021)
		// Gloss: a broad band running corner to corner, angle per brick.
		k := 0.6 + 0.8*hash2(bx, by, 6022)
		gl := math.Exp(-math.Pow((u*k+v*(1-k)+0.2*hash2(bx, by, 6023)-0.6)*1.8, 2))
		cloud := fbm(float64(x), float64(y), 64, 3, w, h, 6024)
		col := brickDark.Scale(tone * (0.95 + 0.07*quant(cloud, 5)))
		col = col.Mix(brickDark.Mix(shine, 0.14), 0.45*quant(gl*(0.7+0.3*cloud), 8))
		// Joints: a dark hairline on each brick's left and top edge with
		// a pale lip beside it.
		jx, jy := x%bw, y%bw
		switch {
		case jx == 0 || jy == 0:
			col = brickDark.Scale(0.55)
		case jx == 1 || jy == 1:
			col = col.Mix(marble, 0.14)
		}
		return col
	})
	p := pen(nil)
	r := newRand(6025)
	for i := 0; i < 70; i++ {
		x, y := between(r, 0, float64(w)), between(r, 0, float64(h))
		c.FillA(p.Circle(x, y, between(r, 0.7, 1.6)), brickDark.Scale(0.6), 0.7)
	}
	for i := 0; i < 12; i++ {
		x, y := between(r, 0, float64(w)), between(r, 0, float64(h))
		a := between(r, 0, math.Pi)
		l := between(r, 20, 70)
		c.FillA(p.Stroke([]vec{{x, y}, {x + math.Cos(a)*l, y + math.Sin(a)*l}}, 0.9, 0.6), marble, 0.08)
	}
	return c
}

// palaceMarble paints white-marble paving: four slabs per tile, each
// with faint grey veins wandering across, and fine joints.
func palaceMarble(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	const n = 2
	bw := w / n
	c.Map(func(x, y int, _ RGB) RGB {
		fx, fy := float64(x), float64(y)
		bx, by := x/bw, y/bw
		col := marble.Scale(0.97 + 0.03*hash2(bx, by, 6031))
		cloud := fbm(fx, fy, 128, 3, w, h, 6032)
		col = col.Scale(0.97 + 0.05*quant(cloud, 4))
		// Veins: level lines of a warped periodic field, thin and grey.
		warp := fbm(fx, fy, 128, 4, w, h, 6033)
		f := math.Sin(2*math.Pi*(fx+fy*0.5)/float64(w) + 5*warp)
		if d := math.Abs(f); d < 0.05 && fbm(fx, fy, 64, 2, w, h, 6034) > 0.45 {
			col = col.Mix(hexRGB("#b4b5b0"), 0.35*quant(1-d/0.05, 4))
		}
		jx, jy := x%bw, y%bw
		switch {
		case jx == 0 || jy == 0:
			col = marble.Scale(0.72)
		case jx == 1 || jy == 1:
			col = col.Scale(0.9)
		}
		return col
	})
	age(c, ageOpts{seed: 6035, fade: 0.0, stain: 0.05, specks: 50})
	return c
}
