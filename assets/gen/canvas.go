package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// RGB is a colour with float channels in [0,1] (sRGB-encoded). Layers are
// blended in float so that many translucent glazes do not pile up 8-bit
// rounding errors; the canvas is quantised once, when it is encoded.
type RGB struct{ R, G, B float64 }

// hexRGB parses "#rrggbb". It panics on malformed input because every
// colour is a literal in this program: a typo is a programming error.
func hexRGB(s string) RGB {
	var r, g, b uint8
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b); err != nil {
		panic(fmt.Sprintf("bad colour literal %q: %v", s, err))
	}
	return RGB{float64(r) / 255, float64(g) / 255, float64(b) / 255}
}

// Mix returns c moved toward o by t (0 = c, 1 = o).
func (c RGB) Mix(o RGB, t float64) RGB {
	return RGB{c.R + (o.R-c.R)*t, c.G + (o.G-c.G)*t, c.B + (o.B-c.B)*t}
}

// Scale multiplies every channel by k (k < 1 darkens).
func (c RGB) Scale(k float64) RGB { return RGB{c.R * k, c.G * k, c.B * k} }

// RGBA converts to an opaque 8-bit colour, rounding and clamping.
func (c RGB) RGBA() color.RGBA {
	q := func(v float64) uint8 {
		v = math.Round(v * 255)
		if v < 0 {
			return 0
		}
		if v > 255 {
			return 255
		}
		return uint8(v)
	}
	return color.RGBA{q(c.R), q(c.G), q(c.B), 255}
}

// Canvas is a float RGB painting surface. When WrapX (WrapY) is set, shapes
// that cross the right (bottom) edge re-enter on the left (top): painting on
// a torus is what makes a texture repeat without seams, with no need to fix
// up the edges afterwards.
type Canvas struct {
	W, H         int
	WrapX, WrapY bool
	pix          []RGB

	z     vector.Rasterizer
	alpha image.Alpha // scratch mask reused between shapes
	cov   []float64   // scratch coverage (mask, dilated mask)
}

// NewCanvas returns a canvas of w×h pixels, black.
func NewCanvas(w, h int, wrapX, wrapY bool) *Canvas {
	return &Canvas{W: w, H: h, WrapX: wrapX, WrapY: wrapY, pix: make([]RGB, w*h)}
}

// index maps (x, y) to the pixel index, wrapping or clipping; ok is false
// for a clipped pixel.
func (c *Canvas) index(x, y int) (int, bool) {
	if c.WrapX {
		x = ((x % c.W) + c.W) % c.W
	} else if x < 0 || x >= c.W {
		return 0, false
	}
	if c.WrapY {
		y = ((y % c.H) + c.H) % c.H
	} else if y < 0 || y >= c.H {
		return 0, false
	}
	return y*c.W + x, true
}

// blend lays col over pixel (x, y) with opacity a.
func (c *Canvas) blend(x, y int, col RGB, a float64) {
	if i, ok := c.index(x, y); ok {
		p := &c.pix[i]
		p.R += (col.R - p.R) * a
		p.G += (col.G - p.G) * a
		p.B += (col.B - p.B) * a
	}
}

// FillAll paints the whole canvas one colour.
func (c *Canvas) FillAll(col RGB) {
	for i := range c.pix {
		c.pix[i] = col
	}
}

// Map replaces every pixel by f(x, y, old colour).
func (c *Canvas) Map(f func(x, y int, p RGB) RGB) {
	for y := 0; y < c.H; y++ {
		for x := 0; x < c.W; x++ {
			i := y*c.W + x
			c.pix[i] = f(x, y, c.pix[i])
		}
	}
}

// Image quantises the canvas to 8-bit opaque RGBA.
func (c *Canvas) Image() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, c.W, c.H))
	for i, p := range c.pix {
		q := p.RGBA()
		copy(img.Pix[4*i:4*i+4], []uint8{q.R, q.G, q.B, q.A})
	}
	return img
}

// coverage rasterises p into c.cov over its bounding box grown by pad
// pixels and returns the box origin and size. The box may extend past the
// canvas: compositing wraps or clips it.
func (c *Canvas) coverage(p *Path, pad int) (x0, y0, w, h int, ok bool) {
	if len(p.segs) == 0 {
		return 0, 0, 0, 0, false
	}
	x0 = int(math.Floor(p.min.X)) - pad
	y0 = int(math.Floor(p.min.Y)) - pad
	x1 := int(math.Ceil(p.max.X)) + pad
	y1 := int(math.Ceil(p.max.Y)) + pad
	w, h = x1-x0, y1-y0
	if w <= 0 || h <= 0 {
		return 0, 0, 0, 0, false
	}
	c.z.Reset(w, h)
	c.z.DrawOp = draw.Src // the scratch mask is overwritten, not accumulated
	ox, oy := float64(x0), float64(y0)
	pt := func(v vec) (float32, float32) { return float32(v.X - ox), float32(v.Y - oy) }
	for _, s := range p.segs {
		switch s.kind {
		case segMove:
			c.z.MoveTo(pt(s.p[0]))
		case segLine:
			c.z.LineTo(pt(s.p[0]))
		case segQuad:
			ax, ay := pt(s.p[0])
			bx, by := pt(s.p[1])
			c.z.QuadTo(ax, ay, bx, by)
		case segCube:
			ax, ay := pt(s.p[0])
			bx, by := pt(s.p[1])
			cx, cy := pt(s.p[2])
			c.z.CubeTo(ax, ay, bx, by, cx, cy)
		case segClose:
			c.z.ClosePath()
		}
	}
	if cap(c.alpha.Pix) < w*h {
		c.alpha.Pix = make([]uint8, w*h)
	}
	c.alpha.Pix = c.alpha.Pix[:w*h]
	c.alpha.Stride = w
	c.alpha.Rect = image.Rect(0, 0, w, h)
	c.z.Draw(&c.alpha, c.alpha.Rect, image.Opaque, image.Point{})
	if cap(c.cov) < w*h {
		c.cov = make([]float64, w*h)
	}
	c.cov = c.cov[:w*h]
	for i, a := range c.alpha.Pix {
		c.cov[i] = float64(a) / 255
	}
	return x0, y0, w, h, true
}

// composite lays col over the canvas through coverage m at opacity a.
func (c *Canvas) composite(m []float64, x0, y0, w, h int, col RGB, a float64) {
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			if v := m[j*w+i]; v > 0 {
				c.blend(x0+i, y0+j, col, v*a)
			}
		}
	}
}

// Fill paints path p opaquely in col.
func (c *Canvas) Fill(p *Path, col RGB) { c.FillA(p, col, 1) }

// FillA paints path p in col at opacity a.
func (c *Canvas) FillA(p *Path, col RGB, a float64) {
	if x0, y0, w, h, ok := c.coverage(p, 1); ok {
		c.composite(c.cov, x0, y0, w, h, col, a)
	}
}

// FillO paints path p in col with an outline of width lw pixels in ink.
// The outline is the shape's mask dilated by lw and painted first, the way
// a mural painter lays the ink contour and then fills inside it: the line
// sits outside the fill, so thin shapes keep their colour.
func (c *Canvas) FillO(p *Path, col, ink RGB, lw float64) {
	pad := int(math.Ceil(lw)) + 1
	x0, y0, w, h, ok := c.coverage(p, pad)
	if !ok {
		return
	}
	m := append([]float64(nil), c.cov...)
	c.composite(dilate(m, w, h, lw), x0, y0, w, h, ink, 1)
	c.composite(m, x0, y0, w, h, col, 1)
}

// dilate grows mask m (w×h) by radius r with an antialiased disc.
func dilate(m []float64, w, h int, r float64) []float64 {
	out := make([]float64, len(m))
	k := int(math.Ceil(r + 0.5))
	type tap struct {
		dx, dy int
		wt     float64
	}
	var taps []tap
	for dy := -k; dy <= k; dy++ {
		for dx := -k; dx <= k; dx++ {
			d := math.Hypot(float64(dx), float64(dy))
			if wt := math.Min(1, r+0.5-d); wt > 0 {
				taps = append(taps, tap{dx, dy, wt})
			}
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			best := 0.0
			for _, t := range taps {
				xx, yy := x+t.dx, y+t.dy
				if xx < 0 || yy < 0 || xx >= w || yy >= h {
					continue
				}
				if v := m[yy*w+xx] * t.wt; v > best {
					best = v
				}
			}
			out[y*w+x] = best
		}
	}
	return out
}
