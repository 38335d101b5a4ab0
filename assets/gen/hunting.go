package main

import (
	"math"
	"math/rand/v2"
)

// Wild animals and hunters of the Cave 249 lower slope, in local units:
// facing +x, feet on y=0, in the "flying gallop" of early Chinese art,
// forelegs thrown forward and hind legs back.

// gallopLegs draws a pair of forelegs and a pair of hind legs in the
// flying gallop; far legs first, in a darker coat, so call it before the
// body with near false and after it with near true. len scales the legs.
func gallopLegs(c *Canvas, p Pen, fore, hind vec, l, w float64, coat RGB, near bool, lw float64) {
	col := coat
	dx := 0.0
	if !near {
		col = coat.Scale(0.8)
		dx = -5
	}
	f := []vec{fore, fore.add(vec{l*0.55 + dx, l * 0.35}), fore.add(vec{l*0.95 + dx, l * 0.62})}
	hh := []vec{hind, hind.add(vec{-l*0.5 + dx, l * 0.42}), hind.add(vec{-l*0.95 + dx, l * 0.58})}
	for _, leg := range [][]vec{f, hh} {
		c.FillO(p.Stroke(leg, w, w*0.55), col, ink, lw)
		e := leg[2]
		c.Fill(p.Circle(e.X, e.Y, w*0.35), ink)
	}
}

// gallopHorse draws a galloping horse with saddle cloth; a rider sits at
// about (-2, -46).
func gallopHorse(c *Canvas, p Pen, coat, cloth RGB, lw float64) {
	gallopLegs(c, p, vec{18, -34}, vec{-22, -34}, 30, 7, coat, false, lw)
	c.FillO(p.Stroke(bez(vec{-30, -42}, vec{-44, -46}, vec{-52, -40}, vec{-62, -44}, 10), 6, 2.5), ink, ink, 0)
	c.FillO(p.Path().MoveTo(-30, -40).CubeTo(-30, -54, 18, -56, 26, -46).
		CubeTo(32, -38, 22, -28, 10, -28).LineTo(-20, -28).
		CubeTo(-30, -28, -33, -34, -30, -40).Close(), coat, ink, lw)
	gallopLegs(c, p, vec{14, -32}, vec{-18, -32}, 30, 7, coat, true, lw)
	c.FillO(p.Path().MoveTo(12, -50).CubeTo(18, -62, 28, -72, 36, -74).
		LineTo(52, -60).CubeTo(54, -55, 50, -52, 46, -54).
		LineTo(32, -50).CubeTo(28, -42, 24, -38, 18, -36).Close(), coat, ink, lw)
	c.FillO(p.Poly(32, -72, 33, -82, 38, -73), coat, ink, lw*0.7)
	c.FillO(p.Stroke(bez(vec{33, -74}, vec{24, -72}, vec{18, -60}, vec{12, -52}, 10), 4, 3), ink, ink, 0)
	c.Fill(p.Circle(40, -67, 1.5), ink)
	c.FillO(p.Path().MoveTo(-14, -52).LineTo(10, -53).LineTo(12, -36).
		CubeTo(0, -34, -10, -34, -16, -36).Close(), cloth, ink, lw*0.8)
	c.FillA(p.Stroke(pts(-12, -38, 10, -39), 1.8, 1.8), gold, 0.9)
	c.FillO(p.Stroke(pts(40, -62, 22, -54, 0, -50), 1.2, 1.2), vermilion, ink, 0)
}

// archer draws a mounted hunter on a horse drawn with the same pen,
// drawing a bow: forward, or twisted round in the saddle to shoot
// backward (the "Parthian shot" of the Cave 249 hunt).
func archer(c *Canvas, p Pen, back bool, cols figureCols, lw float64) {
	q := p.T(-2, -50)
	// Leg down the flank.
	c.FillO(q.Stroke(pts(2, -4, 8, 12, 5, 22), 7, 5.5), cols.skirt, ink, lw)
	c.FillO(q.Ellipse(7, 24, 5, 2.5), ink, ink, 0)
	// Torso and head.
	c.FillO(q.Path().MoveTo(-8, 0).CubeTo(-9, -10, -7, -20, -3, -24).
		LineTo(5, -24).CubeTo(8, -18, 9, -8, 8, 0).Close(), cols.robe, ink, lw)
	c.FillO(q.Stroke(pts(-8, -1, 8, -1), 2.6, 2.6), cols.sash, ink, lw*0.5)
	dir := 1.0
	if back {
		dir = -1
	}
	hq := q.S(dir, 1)
	face(c, hq, 1, -31, 6, 7, 0.5, lw)
	c.FillO(hq.Path().MoveTo(-6, -32).CubeTo(-7, -40, 2, -43, 7, -37).CubeTo(2, -37, -2, -36, -3, -30).Close(), hair, ink, lw*0.6)
	// Bow held out toward the quarry, string drawn to the cheek.
	bx := 26.0
	c.FillO(hq.Stroke(arc(bx-14, -24, 14, 16, -math.Pi*0.45, math.Pi*0.45, 12), 2.2, 2.2), ochre.Scale(0.75), ink, lw*0.5)
	top := vec{bx - 14 + 14*math.Cos(-math.Pi*0.45), -24 + 16*math.Sin(-math.Pi*0.45)}
	bot := vec{bx - 14 + 14*math.Cos(math.Pi*0.45), -24 + 16*math.Sin(math.Pi*0.45)}
	c.FillA(hq.Stroke([]vec{top, {4, -24}, bot}, 0.8, 0.8), ink, 0.9)
	c.FillA(hq.Stroke(pts(4, -24, bx+6, -24), 1, 1), ink, 0.9)
	c.Fill(hq.Poly(bx+6, -26, bx+11, -24, bx+6, -22), ink)
	c.FillO(hq.Stroke(pts(2, -20, bx-2, -24), 4.5, 3.5), cols.robe, ink, lw*0.7)
	c.FillO(hq.Stroke(pts(-2, -20, 4, -24), 4.5, 3.5), cols.robe, ink, lw*0.7)
	c.FillO(hq.Circle(bx-1, -24, 2.4), darkLead, ink, lw*0.5)
}

// tiger draws a leaping tiger: long striped ochre body, round-eared head,
// tail curling up behind.
func tiger(c *Canvas, p Pen, lw float64) {
	coat := ochre
	gallopLegs(c, p, vec{20, -30}, vec{-24, -30}, 28, 8, coat, false, lw)
	c.FillO(p.Stroke(bez(vec{-34, -36}, vec{-54, -34}, vec{-52, -62}, vec{-66, -64}, 14), 5, 3), coat, ink, lw)
	c.FillO(p.Path().MoveTo(-36, -34).CubeTo(-34, -48, 20, -50, 30, -40).
		CubeTo(34, -32, 24, -24, 12, -25).LineTo(-24, -25).
		CubeTo(-34, -25, -38, -28, -36, -34).Close(), coat, ink, lw)
	for x := -28.0; x < 24; x += 7 {
		c.FillA(p.Stroke(pts(x, -46, x+2, -38, x-1, -31), 2.2, 1), ink, 0.85)
	}
	gallopLegs(c, p, vec{16, -28}, vec{-20, -28}, 28, 8, coat, true, lw)
	c.FillO(p.Path().Ellipse(36, -44, 11, 10, false), coat, ink, lw)
	c.FillO(p.Path().MoveTo(40, -42).LineTo(54, -40).CubeTo(56, -34, 50, -32, 42, -34).Close(), coat.Mix(pale, 0.4), ink, lw)
	c.Fill(p.Poly(44, -40, 52, -40, 48, -37), vermilion)
	c.FillO(p.Circle(30, -53, 3.5), coat, ink, lw*0.7)
	c.FillO(p.Circle(38, -48, 2.4), pale, ink, lw*0.5)
	c.Fill(p.Circle(38.6, -48, 1.1), ink)
	for _, y := range []float64{-50, -44} {
		c.FillA(p.Stroke(pts(28, y, 33, y+2), 1.6, 1), ink, 0.8)
	}
}

// boar draws a running wild boar: dark bristly body, a crest of bristles
// along the spine, long snout with a tusk.
func boar(c *Canvas, p Pen, lw float64) {
	coat := hexRGB("#4b3b34")
	gallopLegs(c, p, vec{16, -20}, vec{-18, -20}, 18, 6, coat, false, lw)
	for x := -20.0; x < 16; x += 4 {
		c.FillO(p.Poly(x-2, -34, x+1, -44-2*math.Sin(x/6), x+3, -34), coat, ink, lw*0.5)
	}
	c.FillO(p.Path().MoveTo(-26, -26).CubeTo(-26, -42, 14, -44, 24, -34).
		LineTo(40, -26).LineTo(40, -20).CubeTo(30, -16, 20, -16, 12, -16).
		LineTo(-18, -16).CubeTo(-26, -16, -28, -20, -26, -26).Close(), coat, ink, lw)
	c.FillA(p.Stroke(bez(vec{-20, -32}, vec{-6, -38}, vec{8, -38}, vec{18, -32}, 8), 1.6, 1), pale, 0.5)
	gallopLegs(c, p, vec{12, -18}, vec{-14, -18}, 18, 6, coat, true, lw)
	c.FillO(p.Stroke(pts(32, -22, 30, -30, 26, -31), 2.2, 1), pale, ink, lw*0.4)
	c.Fill(p.Circle(26, -31, 1.4), pale)
	c.Fill(p.Circle(24.5, -31, 0.8), ink)
	c.FillO(p.Poly(18, -36, 16, -44, 22, -37), coat, ink, lw*0.6)
	c.FillO(p.Stroke(bez(vec{-26, -26}, vec{-32, -30}, vec{-30, -22}, vec{-34, -20}, 6), 1.8, 1), coat, ink, lw*0.5)
}

// wildOx draws a running wild ox (yak): heavy humped body, curved horns,
// a tufted tail.
func wildOx(c *Canvas, p Pen, coat RGB, lw float64) {
	gallopLegs(c, p, vec{18, -28}, vec{-22, -28}, 24, 8, coat, false, lw)
	c.FillO(p.Stroke(bez(vec{-32, -38}, vec{-44, -34}, vec{-44, -22}, vec{-48, -14}, 8), 2.4, 1.6), coat, ink, lw*0.7)
	c.FillO(p.Ellipse(-49, -12, 3, 5), ink, ink, 0)
	c.FillO(p.Path().MoveTo(-32, -36).CubeTo(-34, -50, 0, -56, 14, -58).
		CubeTo(26, -56, 34, -46, 34, -36).CubeTo(32, -26, 20, -22, 10, -22).
		LineTo(-22, -22).CubeTo(-32, -22, -34, -28, -32, -36).Close(), coat, ink, lw)
	c.FillA(p.Stroke(bez(vec{-24, -30}, vec{-10, -26}, vec{10, -26}, vec{24, -30}, 8), 2, 1.2), pale, 0.45)
	gallopLegs(c, p, vec{14, -26}, vec{-18, -26}, 24, 8, coat, true, lw)
	c.FillO(p.Path().MoveTo(28, -46).CubeTo(38, -48, 46, -40, 48, -30).
		CubeTo(48, -24, 42, -22, 38, -26).CubeTo(34, -32, 30, -34, 26, -36).Close(), coat, ink, lw)
	for _, s := range []float64{0, 4} {
		c.FillO(p.Stroke(bez(vec{34 + s, -44}, vec{30 + s, -54}, vec{40 + s, -60}, vec{44 + s, -54}, 10), 3, 1.2), pale, ink, lw*0.5)
	}
	c.Fill(p.Circle(40, -38, 1.4), ink)
}

// stag draws a running deer with branched antlers.
func stag(c *Canvas, p Pen, coat RGB, lw float64) {
	gallopLegs(c, p, vec{16, -32}, vec{-20, -32}, 30, 4.5, coat, false, lw)
	c.FillO(p.Path().MoveTo(-28, -38).CubeTo(-30, -50, 14, -52, 22, -42).
		CubeTo(26, -34, 16, -29, 8, -29).LineTo(-20, -29).
		CubeTo(-30, -29, -32, -32, -28, -38).Close(), coat, ink, lw)
	c.FillO(p.Stroke(pts(-29, -42, -35, -48), 4, 2), pale, ink, lw)
	for _, sp := range []vec{{-14, -40}, {-4, -42}, {6, -40}, {-8, -35}, {2, -35}} {
		c.Fill(p.Circle(sp.X, sp.Y, 1.5), pale)
	}
	gallopLegs(c, p, vec{12, -30}, vec{-16, -30}, 30, 4.5, coat, true, lw)
	c.FillO(p.Path().MoveTo(11, -46).CubeTo(16, -56, 22, -62, 28, -66).
		CubeTo(34, -70, 40, -66, 46, -60).CubeTo(47, -56, 43, -55, 39, -56).
		LineTo(31, -54).CubeTo(27, -46, 23, -40, 19, -36).Close(), coat, ink, lw)
	c.FillO(p.Poly(28, -66, 22, -74, 25, -65), coat, ink, lw*0.7)
	c.Fill(p.Circle(35, -62, 1.4), ink)
	beam := pts(31, -68, 28, -80, 22, -90, 14, -94)
	c.FillO(p.Stroke(beam, 2.4, 1.4), ochre.Scale(0.8), ink, lw*0.6)
	for _, t := range [][]vec{pts(29, -79, 36, -86), pts(24, -88, 28, -98)} {
		c.FillO(p.Stroke(t, 1.8, 1), ochre.Scale(0.8), ink, lw*0.6)
	}
}

// huntingFrieze paints the hunt of Cave 249's lower slopes on a white
// ground, repeating across: among ranges of steep hills and trees, a
// mounted archer turns in the saddle to shoot a tiger leaping after him,
// another rides down a herd of fleeing deer, wild oxen stampede and a
// sounder of boars runs past the peaks.
func huntingFrieze(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	bandFrame(c, whiteGround)
	p := pen(&wobble{amp: 0.7, cell: 16, pw: w, seed: 2495})
	r := newRand(2496)
	const lw = bandLine
	W := float64(w)
	g := float64(bandGround)
	// Far ranges along the top and hills between the scenes.
	weiPeaks(c, p, r, 0, W, 96, 80, lw)
	blossoms(c, p, r, 26, 0, 110, W, 200, 8, []RGB{pale, paleGreen, rose}, lw)
	for _, x := range []float64{270, 600, 800} {
		hillClump(c, p, r, x, g+10, lw)
	}
	tiger(c, p.T(96, g-12).S(1.25, 1.25), lw)
	gallopHorse(c, p.T(214, g-4).S(1.3, 1.3), pale, vermilion, lw)
	archer(c, p.T(214, g-4).S(1.3, 1.3), true, figureCols{malachite, lapis, vermilion}, lw)

	for i, d := range []struct{ x, y float64 }{{350, g - 2}, {406, g - 30}, {440, g + 4}} {
		stag(c, p.T(d.x, d.y).S(-1.05, 1.05), []RGB{ochre, vermilion.Mix(ochre, 0.5), ochre.Scale(0.85)}[i], lw)
	}
	gallopHorse(c, p.T(540, g-4).S(-1.3, 1.3), ochre, lapis, lw)
	archer(c, p.T(540, g-4).S(-1.3, 1.3), false, figureCols{vermilion, malachite, pale}, lw)

	wildOx(c, p.T(680, g-2).S(1.2, 1.2), darkLead.Mix(ochre, 0.3), lw)
	wildOx(c, p.T(730, g-40).S(1.05, 1.05), ink.Mix(lapis, 0.3), lw)
	for i, x := range []float64{880, 950, 1000} {
		boar(c, p.T(x, g-float64(i%2)*18).S(-1.1, 1.1), lw)
	}
	sprig(c, p, 150, 120, 60, lw)
	sprig(c, p, 980, 130, 56, lw)
	age(c, weiAge(2497, 4, 160))
	return c
}

// hillClump is a cluster of steep hills with a tree, parting two scenes.
func hillClump(c *Canvas, p Pen, r *rand.Rand, x, base, lw float64) {
	sprig(c, p, x+between(r, -10, 10), base-82, 56, lw)
	weiPeaks(c, p, r, x-30, x+30, base, 96, lw)
}
