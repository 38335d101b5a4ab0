package main

import (
	"math"
	"math/rand/v2"
)

// The four slopes of Cave 249's truncated-pyramid ceiling, 1024×512 each,
// bottom edge along the wall top. A slope is a trapezoid narrowing upward,
// so each keeps its main figure in the middle and lets the top corners go.

const slopeLine = 1.7 // contour width on the slopes, pixels

// westSlope249 paints the Asura: four-eyed, four-armed, standing in the
// sea with the water at his knees, raising the sun and moon; Mount
// Sumeru rises behind him with the palace of the Trayastrimsa heaven on
// its top; the wind god with his bag flies in from the left and the
// thunder god in his ring of drums from the right, among streaming clouds.
func westSlope249(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(whiteGround)
	p := pen(&wobble{amp: 0.7, cell: 16, seed: 249})
	r := newRand(2491)
	W, H := float64(w), float64(h)
	const lw = slopeLine
	cx := W / 2

	blossoms(c, p, r, 40, 40, 20, W-40, H-110, 9, []RGB{pale, paleGreen, azure, rose}, lw)
	scatterClouds(c, p, r, 7, 60, 40, 330, 380, 95, 1, lw)
	scatterClouds(c, p, r, 7, 700, 40, 970, 380, 95, -1, lw)

	sumeru(c, p, cx, 160, H-88, lw)
	heavenPalace(c, p, cx, 160, 78, lw)

	windGod(c, p.T(262, 250).S(1.55, 1.55), lw)
	thunderGod(c, p.T(780, 250).S(-1.5, 1.5), lw)
	scarletBird(c, p.T(150, 400).S(0.9, 0.9), lw)
	scarletBird(c, p.T(884, 396).S(-0.85, 0.85), lw)

	asura(c, p.T(cx, H-6).S(3.05, 3.05), lw*1.1)
	sea(c, p, r, -4, W+4, H-92, H+4, lw)
	// Ripples where the Asura's shins break the water.
	for _, s := range []float64{-1, 1} {
		x := cx + s*40
		c.FillA(p.Stroke(arc(x, H-88, 34, 8, 0.15, math.Pi-0.15, 14), 2.2, 2.2), pale, 0.9)
		c.FillA(p.Stroke(arc(x, H-80, 44, 10, 0.3, math.Pi-0.3, 14), 1.6, 1.6), pale, 0.7)
	}
	age(c, weiAge(24901, 6, 260))
	return c
}

// sea fills [x0,x1]×[top,bottom] with lapis water under rows of pale
// scalloped wave crests, the way the slopes paint the great ocean round
// Mount Sumeru.
func sea(c *Canvas, p Pen, r *rand.Rand, x0, x1, top, bottom, lw float64) {
	var edge []vec
	for x := x0; x <= x1+1e-9; x += 8 {
		edge = append(edge, vec{x, top + 4*math.Sin(x/23)})
	}
	edge = append(edge, vec{x1, bottom}, vec{x0, bottom})
	c.FillO(p.Path().PolyV(edge), azure, ink, lw)
	rows := int((bottom - top) / 14)
	for row := 0; row < rows; row++ {
		y := top + 12 + float64(row)*14
		col := pale
		if row%2 == 1 {
			col = paleGreen
		}
		if row >= rows/2 {
			c.Fill(p.Rect(x0, y-4, x1, y+10), azure.Mix(lapis, 0.6))
		}
		off := float64(row%2) * 13
		for x := x0 + off; x < x1; x += 26 {
			c.FillA(p.Stroke(arc(x, y, 12, 7, math.Pi*1.05, math.Pi*1.95, 8), 2, 1.2), col, 0.9)
		}
	}
	for i := 0; i < 8; i++ {
		x := between(r, x0+20, x1-20)
		c.FillA(p.Stroke(spiral(x, top+6, 6, 1, 0, 4*math.Pi/2*1.6, 14), 1.6, 1), pale, 0.9)
	}
}

// sumeru draws Mount Sumeru behind the Asura: an hourglass of rock from
// the palace at top down to the sea, in bands of blue and green with pale
// ledges.
func sumeru(c *Canvas, p Pen, cx, top, bottom, lw float64) {
	waist := top + (bottom-top)*0.45
	shape := func(k float64) *Path {
		tw, ww, bw := 150*k, 52*k, 120*k
		return p.Path().MoveTo(cx-tw, top+4).LineTo(cx+tw, top+4).
			CubeTo(cx+tw*0.7, top+40, cx+ww, waist-40, cx+ww, waist).
			CubeTo(cx+ww, waist+50, cx+bw*0.8, bottom-30, cx+bw, bottom).
			LineTo(cx-bw, bottom).
			CubeTo(cx-bw*0.8, bottom-30, cx-ww, waist+50, cx-ww, waist).
			CubeTo(cx-ww, waist-40, cx-tw*0.7, top+40, cx-tw, top+4).Close()
	}
	c.FillO(shape(1), lapis, ink, lw)
	c.Fill(shape(0.82), malachite)
	c.Fill(shape(0.55), paleGreen)
	for y := top + 18; y < bottom-6; y += 18 {
		t := math.Abs(y-waist) / (bottom - top)
		hw := 40 + 220*t*t
		for x := cx - hw; x <= cx+hw; x += 22 {
			c.FillA(p.Stroke(arc(x, y, 10, 5, math.Pi*1.1, math.Pi*1.9, 6), 1.6, 1.2), pale, 0.8)
		}
	}
	c.FillO(p.Rect(cx-160, top-2, cx+160, top+8), ochre, ink, lw)
}

// heavenPalace draws the palace on the summit: a wall with the rounded,
// West-Asian crenellations seen on the slope, an arched gate under a
// tiled gate tower, and a tower at each end. base is the wall's foot.
func heavenPalace(c *Canvas, p Pen, cx, base, hw, lw float64) {
	const wallH = 44
	top := base - wallH
	for _, s := range []float64{-1, 1} {
		x := cx + s*hw
		c.FillO(p.Rect(x-16, top-26, x+16, base), pale, ink, lw)
		c.FillO(p.Rect(x-8, top-14, x+8, top+6), nicheDark, ink, lw*0.7)
		pavilionRoof(c, p.T(x, top-4), 16, 50, lapis, lw)
	}
	c.FillO(p.Rect(cx-hw+16, top, cx+hw-16, base), pale, ink, lw)
	for y := top + 11; y < base; y += 11 {
		c.FillA(p.Stroke(pts(cx-hw+18, y, cx+hw-18, y), 1, 1), ochre, 0.6)
	}
	for x := cx - hw + 24; x <= cx+hw-24; x += 14 {
		c.FillO(p.Path().MoveTo(x-5, top).LineTo(x-5, top-5).CubeTo(x-5, top-12, x+5, top-12, x+5, top-5).LineTo(x+5, top).Close(), pale, ink, lw*0.7)
	}
	// The gate and its tower.
	c.FillO(p.Rect(cx-30, top-6, cx+30, base), ochre, ink, lw)
	c.FillO(p.Path().MoveTo(cx-16, base).LineTo(cx-16, base-22).CubeTo(cx-16, base-38, cx+16, base-38, cx+16, base-22).LineTo(cx+16, base).Close(), nicheDark, ink, lw)
	c.FillO(p.Rect(cx-24, top-30, cx+24, top-6), vermilion, ink, lw)
	c.FillO(p.Rect(cx-16, top-26, cx+16, top-10), nicheDark, ink, lw*0.7)
	pavilionRoof(c, p.T(cx, top-8), 30, 70, malachite, lw)
}

// scarletBird draws the Scarlet Bird (朱雀) flying toward +x: a red bird
// with a crest, spread wings and a long forked tail of plumes.
func scarletBird(c *Canvas, p Pen, lw float64) {
	phoenix(c, p, phoenixCols{body: vermilion, wing: cinnabar, wingIn: ochre, tail: []RGB{vermilion, ochre, malachite}}, lw)
}

// liftPose is a wrestler-warrior heaving something overhead toward +x:
// legs braced apart, both hands high and a little ahead.
var liftPose = yakshaPose{
	armL: pts(-14, -66, -10, -92, 8, -108), armR: pts(14, -66, 30, -86, 26, -110),
	legL: pts(-7, -42, -26, -28, -31, -4), legR: pts(7, -42, 22, -26, 21, -4),
	tilt: 0.1,
}

// eastSlope249 paints the wish-granting Mani pearl on a lotus raised by
// two wrestler-warriors, apsaras flying in toward it, and the Scarlet
// Bird and the peacock facing each other below (Cave 249 has no Fuxi and
// Nüwa here, unlike Cave 285).
func eastSlope249(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	c.FillAll(whiteGround)
	p := pen(&wobble{amp: 0.7, cell: 16, seed: 24940})
	r := newRand(24941)
	W, H := float64(w), float64(h)
	const lw = slopeLine
	cx := W / 2
	blossoms(c, p, r, 40, 40, 20, W-40, H-90, 9, []RGB{pale, paleGreen, azure, rose}, lw)
	scatterClouds(c, p, r, 6, 60, 60, 340, 330, 100, 1, lw)
	scatterClouds(c, p, r, 6, 690, 60, 970, 330, 100, -1, lw)
	weiPeaks(c, p, r, -10, W+10, H+2, 64, lw)

	// The pearl's lotus on a stem the warriors hold up.
	c.FillO(p.Stroke(pts(cx, 250, cx, 300), 9, 9), malachite, ink, lw)
	for _, s := range []float64{-1, 1} {
		yaksha(c, p.T(cx+s*74, H-36).S(-s*2.05, 2.05), liftPose, figureCols{[]RGB{vermilion, lapis}[int(s+1)/2], []RGB{malachite, vermilion}[int(s+1)/2], azure}, []RGB{malachite, ochre}[int(s+1)/2], lw)
	}
	maniPearl(c, p.T(cx, 254).S(2.3, 2.3), lw)

	weiApsara(c, p.T(300, 150).R(0.15).S(1.35, 1.35), figureCols{vermilion, malachite, azure}, lw)
	weiApsara(c, p.T(724, 150).R(-0.15).S(-1.35, 1.35), figureCols{malachite, lapis, rose}, lw)
	scarletBird(c, p.T(250, 350).S(1.3, 1.3), lw)
	peacock(c, p.T(790, 380).S(-1.7, 1.7), lw)
	age(c, weiAge(24942, 6, 220))
	return c
}
