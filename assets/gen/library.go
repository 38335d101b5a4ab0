package main

import (
	"math"
	"math/rand/v2"
)

// The north-wall mural of the Library Cave (Cave 17, Late Tang, 851–862):
// two trees behind the portrait statue of the monk Hongbian, a cloth bag
// hanging on the west one with a female attendant holding a staff, a
// water flask hanging on the east one with a nun holding a fan painted
// with two phoenixes, and two small birds. The middle stays bare: the
// statue sits there.

// tangGround is the cream ground of the Late Tang painting, gone buff.
var tangGround = whiteGround.Mix(plaster, 0.32)

// leafBlob is one leaf cluster of a tree crown.
type leafBlob struct{ x, y, rx, ry float64 }

// tangTree draws a broad Tang tree from its foot at (x, base), h tall: a
// knotted trunk forking into boughs under a spreading crown of leaf
// clusters, each dotted with small leaves. It returns two points on the
// lowest boughs where things can hang.
func tangTree(c *Canvas, p Pen, r *rand.Rand, x, base, h, lw float64) (left, right vec) {
	bark := hexRGB("#6b5040")
	trunk := p.Path().MoveTo(x-22, base).CubeTo(x-12, base-h*0.2, x-16, base-h*0.4, x-10, base-h*0.55).
		LineTo(x+10, base-h*0.55).CubeTo(x+14, base-h*0.4, x+10, base-h*0.2, x+24, base).Close()
	c.FillO(trunk, bark, ink, lw)
	for i := 0; i < 5; i++ {
		y := base - h*(0.08+0.09*float64(i))
		c.FillA(p.Stroke(bez(vec{x - 10, y}, vec{x - 4, y - 6}, vec{x + 4, y + 2}, vec{x + 9, y - 6}, 8), 1.2, 0.8), ink, 0.5)
	}
	left = vec{x - h*0.36, base - h*0.62}
	right = vec{x + h*0.38, base - h*0.6}
	for _, b := range [][]vec{
		{{x - 6, base - h*0.5}, {x - h*0.18, base - h*0.62}, left},
		{{x + 6, base - h*0.5}, {x + h*0.2, base - h*0.64}, right},
		{{x, base - h*0.52}, {x - h*0.04, base - h*0.72}, {x + h*0.02, base - h*0.82}},
	} {
		c.FillO(p.Stroke(b, h*0.045, h*0.018), bark, ink, lw)
	}
	dark := hexRGB("#3f6b4c")
	light := paleGreen.Mix(tangGround, 0.2)
	var blobs []leafBlob
	for i := 0; i < 22; i++ {
		a := float64(i) / 22 * 2 * math.Pi
		k := 0.45 + 0.55*r.Float64()
		blobs = append(blobs, leafBlob{x + math.Cos(a)*h*0.36*k, base - h*0.76 + math.Sin(a)*h*0.2*k, h * between(r, 0.07, 0.14), h * between(r, 0.06, 0.1)})
	}
	blobs = append(blobs, leafBlob{x, base - h*0.8, h * 0.2, h * 0.13})
	crown := p.Path()
	for _, b := range blobs {
		crown.Ellipse(b.x, b.y, b.rx, b.ry, false)
	}
	c.FillO(crown, dark, ink, lw)
	for _, b := range blobs {
		for j := 0; j < 7; j++ {
			a := between(r, 0, 2*math.Pi)
			d := between(r, 0.2, 0.95)
			lx, ly := b.x+math.Cos(a)*b.rx*d, b.y+math.Sin(a)*b.ry*d
			col := []RGB{light, light, malachite.Mix(ochre, 0.4)}[j%3]
			c.FillO(p.T(lx, ly).R(a+math.Pi/2).Path().MoveTo(-7, 0).QuadTo(0, -4, 7, 0).QuadTo(0, 4, -7, 0).Close(), col, dark.Scale(0.6), lw*0.4)
		}
	}
	return left, right
}

// clothBag draws the cloth bag hanging from a bough at the origin: a cord,
// a gathered neck and a full, patterned body, about 60 units long.
func clothBag(c *Canvas, p Pen, lw float64) {
	cloth := hexRGB("#a0643f")
	c.FillA(p.Stroke(pts(0, 0, 1, 16), 1.4, 1.4), ink, 0.9)
	c.FillO(p.Path().MoveTo(-4, 16).LineTo(5, 16).CubeTo(16, 26, 22, 48, 14, 58).
		CubeTo(6, 64, -8, 64, -14, 56).CubeTo(-20, 46, -14, 26, -4, 16).Close(), cloth, ink, lw)
	c.FillO(p.Stroke(pts(-6, 19, 7, 19), 3, 3), ochre, ink, lw*0.5)
	for _, y := range []float64{30, 40, 50} {
		c.FillA(p.Stroke(bez(vec{-13, y}, vec{-4, y + 3}, vec{6, y + 3}, vec{14, y}, 8), 1.2, 1.2), pale, 0.5)
	}
	c.FillA(p.Stroke(pts(-2, 20, -8, 52), 1, 1), ink, 0.4)
}

// waterFlask draws the kundika hanging from a bough at the origin: a
// pear-shaped body, a long neck and a side spout, in a cord sling.
func waterFlask(c *Canvas, p Pen, lw float64) {
	bronze := hexRGB("#5f7a6e")
	c.FillA(p.Stroke(pts(0, 0, 0, 14), 1.4, 1.4), ink, 0.9)
	c.FillO(p.Rect(-2, 10, 2, 30), bronze, ink, lw)
	c.FillO(p.Ellipse(0, 10, 4, 1.8), bronze, ink, lw*0.6)
	c.FillO(p.Path().MoveTo(-4, 30).LineTo(4, 30).CubeTo(16, 38, 16, 60, 8, 64).
		LineTo(-8, 64).CubeTo(-16, 60, -16, 38, -4, 30).Close(), bronze, ink, lw)
	c.FillO(p.Stroke(pts(10, 42, 18, 36, 20, 30), 3, 2), bronze, ink, lw*0.6)
	c.FillA(p.Stroke(bez(vec{-8, 40}, vec{-11, 48}, vec{-10, 56}, vec{-6, 60}, 8), 2, 1), pale, 0.5)
	for _, s := range []float64{-1, 1} {
		c.FillA(p.Stroke(pts(0, 14, s*12, 40, s*8, 62), 0.9, 0.9), ink, 0.7)
	}
	c.FillO(p.Rect(-9, 63, 9, 67), bronze.Scale(0.8), ink, lw*0.6)
}

// tangLady draws the female attendant standing toward +x, feet at the
// origin, about 100 units tall: hair in a high bun, a round-collared robe
// belted at the waist, both hands on a long staff.
func tangLady(c *Canvas, p Pen, lw float64) {
	robe := hexRGB("#b7714f")
	c.FillO(p.Stroke(pts(16, 4, 16, -118), 2.4, 2.4), hexRGB("#6b5040"), ink, lw*0.5)
	c.FillO(p.Circle(16, -120, 3), gold, ink, lw*0.5)
	c.FillO(p.Path().MoveTo(-9, -78).CubeTo(-14, -60, -14, -30, -16, -2).
		LineTo(14, -2).CubeTo(12, -30, 12, -60, 9, -78).
		CubeTo(4, -81, -4, -81, -9, -78).Close(), robe, ink, lw)
	c.FillO(p.Path().MoveTo(-14, -32).LineTo(12, -32).CubeTo(13, -20, 14, -8, 14, -2).LineTo(-16, -2).
		CubeTo(-15, -10, -14, -20, -14, -32).Close(), hexRGB("#6d7f66"), ink, lw)
	c.FillO(p.Stroke(pts(-12, -50, 11, -50), 3, 3), ink.Mix(robe, 0.3), ink, lw*0.4)
	for _, x := range []float64{-8, -2, 5} {
		c.FillA(p.Stroke(pts(x, -30, x*1.2, -4), 1, 0.8), ink, 0.45)
	}
	c.FillO(p.Ellipse(-6, -1.5, 4, 2), ink, ink, 0)
	c.FillO(p.Ellipse(6, -1.5, 4, 2), ink, ink, 0)
	// Arms: sleeves bent forward to the staff.
	c.FillO(p.Stroke(pts(-4, -74, 2, -58, 14, -62), 7, 6), robe, ink, lw)
	c.FillO(p.Stroke(pts(6, -74, 10, -66, 15, -72), 6.5, 5.5), robe.Scale(0.9), ink, lw)
	c.FillO(p.Circle(15, -62, 2.6), pale, ink, lw*0.5)
	c.FillO(p.Circle(16, -73, 2.4), pale, ink, lw*0.5)
	c.Fill(p.Rect(-2, -84, 3, -78), pale)
	c.FillO(p.Path().MoveTo(-6, -80).CubeTo(-2, -76, 4, -76, 7, -80).LineTo(4, -78).LineTo(-3, -78).Close(), pale, ink, lw*0.5)
	paleFace(c, p, 1, -90, 7, 8.5, 0.45, lw)
	c.FillO(p.Path().MoveTo(-7, -90).CubeTo(-9, -100, 2, -104, 8, -96).CubeTo(3, -97, -2, -95, -4, -86).Close(), hair, ink, lw*0.6)
	c.FillO(p.Ellipse(-2, -104, 5, 5.5), hair, ink, lw*0.6)
	c.FillA(p.Stroke(pts(-8, -104, 4, -106), 1.2, 1.2), gold, 0.9)
}

// fanNun draws the nun standing toward -x (she faces the attendant across
// the statue), feet at the origin: shaven head, a patched kasaya over a
// grey-green under-robe, holding up a round fan painted with two
// phoenixes facing each other.
func fanNun(c *Canvas, p Pen, lw float64) {
	kasaya := hexRGB("#7e4a3a")
	under := hexRGB("#71806d")
	q := p.S(-1, 1)
	c.FillO(q.Path().MoveTo(-9, -78).CubeTo(-14, -60, -14, -30, -15, -2).
		LineTo(14, -2).CubeTo(12, -30, 12, -60, 9, -78).
		CubeTo(4, -81, -4, -81, -9, -78).Close(), under, ink, lw)
	k := q.Path().MoveTo(-10, -76).CubeTo(-14, -58, -15, -34, -14, -12).
		LineTo(12, -18).CubeTo(12, -36, 10, -60, 6, -78).Close()
	c.FillO(k, kasaya, ink, lw)
	for _, y := range []float64{-62, -46, -30} {
		c.FillA(q.Stroke(pts(-13, y, 11, y-3), 1, 1), ochre, 0.6)
	}
	for _, x := range []float64{-6, 2} {
		c.FillA(q.Stroke(pts(x, -74, x-1, -16), 1, 1), ochre, 0.6)
	}
	c.FillO(q.Ellipse(-6, -1.5, 4, 2), ink, ink, 0)
	c.FillO(q.Ellipse(6, -1.5, 4, 2), ink, ink, 0)
	// The fan on its handle, held up before the shoulder.
	c.FillO(q.Stroke(pts(10, -56, 18, -84), 2, 2), hexRGB("#6b5040"), ink, lw*0.5)
	fq := q.T(21, -96)
	c.FillO(fq.Circle(0, 0, 15), pale.Mix(whiteGround, 0.6), ink, lw)
	c.FillA(fq.Circle(0, 0, 13), hexRGB("#c9b48a"), 0.3)
	for _, s := range []float64{-1, 1} {
		smallBird(c, fq.T(s*6, 3).S(-s*0.42, 0.42), vermilion, malachite, lw*0.6)
		c.FillA(fq.Stroke(bez(vec{s * 9, 3}, vec{s * 12, 6}, vec{s * 11, 10}, vec{s * 7, 11}, 8), 1.2, 0.5), vermilion, 0.9)
	}
	c.FillO(q.Stroke(pts(-4, -74, 4, -60, 12, -58), 7, 6), kasaya, ink, lw)
	c.FillO(q.Circle(12, -58, 2.6), pale, ink, lw*0.5)
	c.Fill(q.Rect(-2, -84, 3, -78), pale)
	paleFace(c, q, 1, -90, 7, 8.5, 0.45, lw)
	c.FillA(q.Path().MoveTo(-6.8, -92).CubeTo(-6, -99, 5, -100, 7.2, -93).CubeTo(3, -96, -3, -96, -6.8, -92).Close(), darkLead, 0.35)
}

// libraryTrees paints the Library Cave's north wall.
func libraryTrees(w, h int) *Canvas {
	c := NewCanvas(w, h, false, false)
	plasterField(c, tangGround, 0.03, 1701)
	p := pen(&wobble{amp: 0.5, cell: 16, seed: 1702})
	r := newRand(1703)
	const lw = 1.5
	H := float64(h)
	wl, _ := tangTree(c, p, r, 236, H-22, 470, lw)
	_, er := tangTree(c, p, r, 790, H-22, 470, lw)
	clothBag(c, p.T(wl.lerp(vec{236, wl.Y}, 0.45).X, wl.Y+10).S(1.3, 1.3), lw)
	waterFlask(c, p.T(er.lerp(vec{790, er.Y}, 0.45).X, er.Y+10).S(1.3, 1.3), lw)
	tangLady(c, p.T(62, H-24).S(2.3, 2.3), lw)
	fanNun(c, p.T(972, H-24).S(2.3, 2.3), lw)
	smallBird(c, p.T(150, 150).S(1.5, 1.5), ochre, malachite, lw)
	smallBird(c, p.T(880, 130).S(-1.5, 1.5), azure.Mix(pale, 0.3), ochre, lw)
	// A faint ground line under the figures and the trees.
	c.FillA(p.Rect(0, H-24, float64(w), H-21), ink.Mix(plaster, 0.5), 0.4)
	age(c, ageOpts{seed: 1704, fade: 0.14, stain: 0.16, flake: 0.74, cracks: 6, specks: 160})
	return c
}
