package main

import "math"

// Painted woodwork of the halls: the coffered ceiling, the hexi-painted
// beams and the lattice doors.

// coiledDragon draws a dragon coiled in a roundel of radius rad at the
// pen's origin, head near the centre, with its pearl.
func coiledDragon(c *Canvas, p Pen, rad float64, st dragonStyle) {
	var spine []vec
	for k := 0; k <= 70; k++ {
		t := float64(k) / 70
		a := math.Pi*0.9 + t*2.3*math.Pi
		rr := rad * (0.12 + 0.62*t)
		spine = append(spine, vec{rr * math.Cos(a), rr * math.Sin(a)})
	}
	dragon(c, p, spine, rad*0.2, -1, st)
	flamingPearl(c, p.T(rad*0.42, -rad*0.5), rad*0.1)
}

// palaceCoffer paints one cell of the coffered ceiling (井口天花): green
// grid bars along the tile edges with gilt rosettes where they cross, a
// blue-bordered square panel, gilt clouds in its corners and in the
// middle a blue roundel with a coiled gilt dragon. Repeats both ways, the
// bars shared between neighbours.
func palaceCoffer(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	W := float64(w)
	m := W / 2
	const bar = 34.0 // half-width of a grid bar
	p := pen(nil)
	c.FillAll(hexiGreen)
	// Panel: blue border, green field.
	c.Fill(p.Rect(bar, bar, W-bar, W-bar), hexiBlue)
	giltBorder(c, p, bar, bar, W-bar, W-bar, 5)
	c.Fill(p.Rect(bar+22, bar+22, W-bar-22, W-bar-22), hexiGreen.Mix(paleGreen, 0.12))
	giltBorder(c, p, bar+22, bar+22, W-bar-22, W-bar-22, 4)
	// Corner clouds, coloured and outlined in gilt.
	for i := 0; i < 4; i++ {
		q := p.T(m, m).R(float64(i)*math.Pi/2+math.Pi/4).T(0, -m*0.98)
		// The corner spandrel (岔角): a red fan between the field's
		// corner and the roundel, outlined in gilt, with a cloud.
		fan := q.Path().MoveTo(-66, 40).LineTo(0, -24).LineTo(66, 40).
			QuadTo(0, 14, -66, 40).Close()
		c.Fill(fan, lacquer.Mix(palVermilion, 0.5))
		ruyiCloud(c, q.T(8, 22), 54, goldLeaf)
		for _, s := range []float64{-1, 1} {
			c.Fill(q.T(s*46, 66).Circle(0, 0, 10), hexiBlue)
			giltIn(c, q.T(s*46, 66).Path().Ellipse(0, 0, 10, 10, false).Ellipse(0, 0, 7, 7, true), imperialYellow)
		}
	}
	// The roundel and its dragon.
	const rr = 150.0
	c.FillShift(p.Circle(m, m, rr+10), 2, 2, gildShadow, 0.7)
	c.Fill(p.Circle(m, m, rr+10), hexiGreen.Scale(0.8))
	gilt(c, p.Path().Ellipse(m, m, rr+10, rr+10, false).Ellipse(m, m, rr+4, rr+4, true))
	c.Fill(p.Circle(m, m, rr), hexiBlue)
	for i := 0; i < 5; i++ {
		c.Fill(p.Circle(m, m, rr*(1-0.16*float64(i))), hexiBlue.Scale(1-0.05*float64(i)))
	}
	coiledDragon(c, p.T(m, m+8), rr*1.02, palaceDragon)
	// Grid bars along the edges (wrapping), gilt-edged, with rosettes.
	for _, vert := range []bool{false, true} {
		q := p
		if vert {
			q = p.R(math.Pi/2).S(1, -1)
		}
		c.Fill(q.Rect(-2, -bar, W+2, bar), hexiGreen)
		for _, y := range []float64{-bar + 4, bar - 9} {
			gilt(c, q.Rect(-2, y, W+2, y+5))
		}
		c.Fill(q.Rect(-2, -3, W+2, 3), hexiBlue.Scale(0.9))
	}
	for _, q := range []vec{{0, 0}} {
		rq := p.T(q.X, q.Y)
		for k := 0; k < 4; k++ {
			giltIn(c, rq.R(float64(k)*math.Pi/2).Path().MoveTo(0, -8).CubeTo(14, -12, 30, -10, 44, 0).
				CubeTo(30, 10, 14, 12, 0, 8).Close(), goldLeaf)
		}
		c.Fill(rq.Circle(0, 0, 22), hexiBlue)
		giltIn(c, rq.Path().Ellipse(0, 0, 22, 22, false).Ellipse(0, 0, 17, 17, true), imperialYellow)
		for k := 0; k < 8; k++ {
			a := float64(k) * math.Pi / 4
			giltIn(c, rq.Circle(11*math.Cos(a), 11*math.Sin(a), 4.5), lacquer.Mix(goldLeaf, 0.2))
		}
		giltIn(c, rq.Circle(0, 0, 6), imperialYellow)
	}
	return c
}

// hexiBeam paints a beam in hexi caihua (和玺彩画), the highest grade of
// palace painting, repeating along the beam: end bands (箍头) at the tile
// edges, then the zaotou bays where raised gilt lines zigzag in the W
// figures that name the style, then the pointed central panel (枋心) with
// a striding gold dragon chasing a pearl. Blue and green alternate.
func hexiBeam(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	W, H := float64(w), float64(h)
	p := pen(nil)
	c.FillAll(hexiGreen)
	const (
		edge = 14.0  // gilt border band at top and bottom
		band = 56.0  // half-width of the end band
		fang = 300.0 // x where the central panel's point is
	)
	top, bot := edge, H-edge
	mid := H / 2
	// Zaotou: chevron bands alternating blue and green, points inward.
	chev := func(x float64, col RGB, dir float64) {
		// A band between two chevrons: apex at (x, mid), arms to
		// (x+dir*60, top) and (x+dir*60, bot), 36 wide.
		c.Fill(p.Poly(x, mid, x+dir*60, top, x+dir*96, top, x+dir*36, mid, x+dir*96, bot, x+dir*60, bot), col)
	}
	for _, s := range []struct{ x, dir float64 }{{fang, 1}, {W - fang, -1}} {
		chev(s.x-s.dir*36, hexiBlue, s.dir)
		chev(s.x-s.dir*72, hexiGreen, s.dir)
		chev(s.x-s.dir*108, hexiBlue, s.dir)
	}
	// Central panel: blue, pointed at both ends.
	c.Fill(p.Poly(fang, mid, fang+60, top, W-fang-60, top, W-fang, mid, W-fang-60, bot, fang+60, bot), hexiBlue)
	// Raised gilt lines along every chevron edge: the W figures.
	for _, s := range []struct{ x, dir float64 }{{fang, 1}, {W - fang, -1}} {
		for k := 0; k < 4; k++ {
			x := s.x - s.dir*36*float64(k)
			gilt(c, p.Stroke([]vec{{x + s.dir*60, top}, {x, mid}, {x + s.dir*60, bot}}, 5, 5))
		}
		// The zaotou bay between the chevrons and the end band: a small
		// dragon in a gilt-framed box.
		bx := s.x - s.dir*(108+70)
		c.Fill(p.Rect(bx-52, top+18, bx+52, bot-18), hexiGreen.Scale(0.9))
		giltBorder(c, p, bx-52, top+18, bx+52, bot-18, 4)
		var spine []vec
		for k := 0; k <= 40; k++ {
			t := float64(k) / 40
			spine = append(spine, vec{bx + s.dir*(30-60*t), mid - 58 + 116*t + 18*math.Sin(t*2*math.Pi)})
		}
		dragon(c, p, spine, 16, s.dir, palaceDragon)
	}
	// The walking dragon of the central panel, and its pearl.
	var spine []vec
	for k := 0; k <= 60; k++ {
		t := float64(k) / 60
		spine = append(spine, vec{W/2 + 130 - 270*t, mid - 10 + 40*math.Sin(t*2.2*math.Pi+0.6)})
	}
	dragon(c, p, spine, 30, 1, palaceDragon)
	flamingPearl(c, p.T(W/2+215, mid-30), 14)
	ruyiCloud(c, p.T(W/2-170, mid+58), 60, goldLeaf)
	ruyiCloud(c, p.T(W/2+30, mid+70).S(-1, 1), 54, goldLeaf)
	ruyiCloud(c, p.T(W/2-40, top+30), 50, goldLeaf)
	// End band straddling the tile edge: blue, gilt-edged.
	c.Fill(p.Rect(-band, top, band, bot), hexiBlue)
	for _, x := range []float64{-band, band - 6, -band + 16, band - 22} {
		gilt(c, p.Rect(x, top, x+6, bot))
	}
	c.Fill(p.Rect(-band+26, top, band-32, bot), hexiGreen)
	// Top and bottom borders.
	c.Fill(p.Rect(-2, 0, W+2, edge), hexiGreen.Scale(0.7))
	c.Fill(p.Rect(-2, H-edge, W+2, H), hexiGreen.Scale(0.7))
	gilt(c, p.Rect(-2, edge-5, W+2, edge))
	gilt(c, p.Rect(-2, H-edge, W+2, H-edge+5))
	return c
}

// latticeDoor paints one leaf of a hall door: a red-lacquered frame; the
// upper lattice in the three-way interlaced pattern (三交六椀) with a gilt
// six-petalled boss at every crossing, the paper behind it lit by
// daylight; a waist panel with a gilt cloud, a skirt panel with a coiled
// gilt dragon; gilt angle plates at every joint of the frame.
func latticeDoor(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	W, H := float64(w), float64(h)
	p := pen(nil)
	const (
		stile  = 30.0
		latEnd = 610.0 // bottom of the lattice
		waist0 = 640.0
		waist1 = 716.0
		skirt0 = 746.0
		skirt1 = 980.0
		d      = 42.0 // lattice line spacing
		bar    = 4.2  // half-width of a lattice bar
	)
	paper := hexRGB("#f3ecdc")
	ns := []vec{{1, 0}, {0.5, math.Sqrt(3) / 2}, {-0.5, math.Sqrt(3) / 2}}
	c.Map(func(x, y int, _ RGB) RGB {
		fx, fy := float64(x)+0.5, float64(y)+0.5
		if fx < stile || fx > W-stile || fy < stile || fy > latEnd {
			return lacquer
		}
		// Daylight through the paper, a little brighter toward the top.
		col := paper.Scale(0.97 + 0.05*(1-fy/latEnd))
		cov := 0.0
		for _, n := range ns {
			u := ((fx-W/2)*n.X + (fy-stile)*n.Y) / d
			dist := math.Abs(u-math.Round(u)) * d
			cov = math.Max(cov, smoothstep(bar+0.6, bar-0.6, dist))
		}
		return col.Mix(lacquer, cov)
	})
	// Gilt bosses where the three bars cross.
	for j := -2; j < 20; j++ {
		for i := -8; i < 9; i++ {
			// Crossing points of the lattice: u0 = i, u1 = j.
			x := W/2 + float64(i)*d
			y := stile + (float64(j)*d-float64(i)*d*0.5)/(math.Sqrt(3)/2)
			if x < stile+6 || x > W-stile-6 || y < stile+6 || y > latEnd-6 {
				continue
			}
			q := p.T(x, y)
			for k := 0; k < 6; k++ {
				a := float64(k)*math.Pi/3 + math.Pi/6
				c.Fill(q.Circle(9*math.Cos(a), 9*math.Sin(a), 4.2), lacquer)
			}
			giltIn(c, q.Circle(0, 0, 6.5), goldLeaf)
			c.Fill(q.Circle(0, 0, 2.2), lacquer)
		}
	}
	// Frame members: stiles, rails, waist and skirt panels.
	// The top rail's shadow falls on the paper.
	c.FillA(p.Rect(stile, stile, W-stile, stile+5), gildShadow, 0.3)
	for _, y := range []float64{latEnd, waist1, skirt1} {
		c.Fill(p.Rect(stile, y, W-stile, y+30), lacquer.Scale(1.04))
	}
	c.Fill(p.Rect(stile+14, waist0, W-stile-14, waist1), lacquer.Scale(0.92))
	giltBorder(c, p, stile+14, waist0, W-stile-14, waist1, 4)
	ruyiCloud(c, p.T(W/2, (waist0+waist1)/2), 120, goldLeaf)
	c.Fill(p.Rect(stile+14, skirt0, W-stile-14, skirt1), lacquer.Scale(0.92))
	giltBorder(c, p, stile+14, skirt0, W-stile-14, skirt1, 4)
	coiledDragon(c, p.T(W/2, (skirt0+skirt1)/2), 100, palaceDragon)
	for _, s := range []float64{-1, 1} {
		ruyiCloud(c, p.T(W/2+s*150, skirt0+46).S(s, 1), 60, goldLeaf)
		ruyiCloud(c, p.T(W/2+s*150, skirt1-40).S(-s, 1), 60, goldLeaf)
	}
	// Gilt angle plates (看叶) at the joints of frame and rails.
	for _, y := range []float64{stile, latEnd, waist0, waist1, skirt0, skirt1} {
		for _, s := range []float64{-1, 1} {
			x := W/2 + s*(W/2-stile)
			angle(c, p.T(x, y).S(-s, 1))
		}
	}
	c.FillA(p.Rect(0, 0, 3, H), gildShadow, 0.5)
	c.FillA(p.Rect(W-3, 0, W, H), gildShadow, 0.5)
	return c
}

// angle draws an L-shaped gilt plate over a frame joint at the origin,
// its arms along +x and ±y, with a boss at the corner.
func angle(c *Canvas, p Pen) {
	gilt(c, p.Path().MoveTo(-8, -38).LineTo(8, -38).LineTo(8, -8).LineTo(40, -8).
		LineTo(40, 8).LineTo(8, 8).LineTo(8, 38).LineTo(-8, 38).Close())
	for _, q := range []vec{{0, -30}, {32, 0}, {0, 30}} {
		giltIn(c, p.Circle(q.X, q.Y, 2.6), imperialYellow)
	}
	giltIn(c, p.Circle(0, 0, 6), imperialYellow)
}
