package main

import "math"

// The Forbidden City palette. Keep in step with assets.PalacePalette,
// which lists the main hues for tests that look for them on screen.
var (
	palVermilion   = hexRGB("#a8322d") // walls and columns
	lacquer        = hexRGB("#b0281f") // lacquered doors and frames
	imperialYellow = hexRGB("#e9a81f") // glaze yellow, the light side of gilt
	goldLeaf       = hexRGB("#d4af37") // gilding
	hexiBlue       = hexRGB("#1f4e8c") // 和玺 blue ground
	hexiGreen      = hexRGB("#2e7d5b") // 和玺 green ground
	marble         = hexRGB("#ecebe4") // white marble (汉白玉)
	brickDark      = hexRGB("#3a3a38") // oiled golden brick (金砖)
	shine          = hexRGB("#fff4cc") // the glint on polished gold
	gildShadow     = hexRGB("#3c1a10") // shadow cast by raised gilding
)

// Palace textures are crisp: new paint and gilding under the hall's
// steady light, with only the slightest wear. Gilt ornament stands on
// raised chalk paste, so every gilt shape is drawn in relief.

// gilt paints q as raised gold leaf: a cast shadow below right, a bright
// rim above left.
func gilt(c *Canvas, q *Path) { giltIn(c, q, goldLeaf) }

// giltIn is gilt in another shade of gold.
func giltIn(c *Canvas, q *Path, col RGB) {
	c.FillShift(q, 2, 2, gildShadow, 0.75)
	c.Relief(q, col, col.Mix(shine, 0.6), col.Scale(0.5), 1)
}

// palaceDragon is the style of the gilt dragons of the halls.
var palaceDragon = dragonStyle{
	body: goldLeaf, belly: imperialYellow.Mix(shine, 0.25), fin: goldLeaf.Scale(0.9),
	mane: imperialYellow, mouth: lacquer, line: gildShadow, lw: 2, relief: true, scales: true,
}

// ruyiCloud draws a gilt auspicious cloud at the origin, s units across:
// three ruyi-headed lobes curling into spirals, trailing a tapering tail
// toward -x.
func ruyiCloud(c *Canvas, p Pen, s float64, col RGB) {
	tail := bez(vec{-s * 0.2, s * 0.1}, vec{-s * 0.45, s * 0.25}, vec{-s * 0.7, 0}, vec{-s * 0.95, s * 0.12}, 12)
	giltIn(c, p.Stroke(tail, s*0.16, s*0.03), col)
	lobes := p.Path()
	for _, l := range []vec{{-s * 0.18, 0}, {s * 0.08, -s * 0.14}, {s * 0.3, s * 0.02}} {
		lobes.Ellipse(l.X, l.Y, s*0.17, s*0.15, false)
	}
	giltIn(c, lobes, col)
	for _, l := range []vec{{-s * 0.18, 0}, {s * 0.08, -s * 0.14}, {s * 0.3, s * 0.02}} {
		c.FillA(p.Stroke(spiral(l.X, l.Y, s*0.11, s*0.02, math.Pi, 3.4*math.Pi, 14), s*0.025, s*0.015), col.Scale(0.45), 0.9)
	}
}

// giltBorder paints a raised gilt line round the rectangle [x0,x1]×[y0,y1],
// w wide: the beading that frames every painted panel.
func giltBorder(c *Canvas, p Pen, x0, y0, x1, y1, w float64) {
	gilt(c, p.Path().Poly(x0, y0, x1, y0, x1, y1, x0, y1).Poly(x0+w, y0+w, x0+w, y1-w, x1-w, y1-w, x1-w, y0+w))
}
