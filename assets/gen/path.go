package main

import "math"

// vec is a 2-D point or direction; y grows downward as in images.
type vec struct{ X, Y float64 }

func (a vec) add(b vec) vec             { return vec{a.X + b.X, a.Y + b.Y} }
func (a vec) sub(b vec) vec             { return vec{a.X - b.X, a.Y - b.Y} }
func (a vec) mul(k float64) vec         { return vec{a.X * k, a.Y * k} }
func (a vec) len() float64              { return math.Hypot(a.X, a.Y) }
func (a vec) lerp(b vec, t float64) vec { return a.add(b.sub(a).mul(t)) }

type segKind uint8

const (
	segMove segKind = iota
	segLine
	segQuad
	segCube
	segClose
)

type seg struct {
	kind segKind
	p    [3]vec
}

// Path is a shape in canvas pixels, built from local coordinates through
// the Pen that created it. Several closed subpaths may be combined: ones
// with the same orientation add up (union), opposite ones cancel (holes).
type Path struct {
	pen      Pen
	segs     []seg
	min, max vec
}

// wobble displaces every point by a smooth noise field so that repeated
// motifs (a thousand identical Buddhas) look drawn by hand, each a little
// different, and straight edges are not ruler-straight.
type wobble struct {
	amp    float64 // pixels
	cell   int     // noise cell, pixels; must divide the canvas size
	pw, ph int     // noise period = canvas size, so wobble wraps too
	seed   uint64
}

func (w *wobble) at(p vec) vec {
	if w == nil || w.amp == 0 {
		return p
	}
	dx := valueNoise(p.X, p.Y, w.cell, w.pw, w.ph, w.seed)*2 - 1
	dy := valueNoise(p.X, p.Y, w.cell, w.pw, w.ph, w.seed+7)*2 - 1
	return vec{p.X + dx*w.amp, p.Y + dy*w.amp}
}

// Pen is an affine map from a motif's local coordinates to canvas pixels:
// x' = a·x + c·y + e, y' = b·x + d·y + f. Motifs are drawn once in their own
// units and placed, scaled and mirrored with T, S and R.
type Pen struct {
	a, b, c, d, e, f float64
	wob              *wobble
}

// pen returns the identity pen with the given wobble (nil for none).
func pen(w *wobble) Pen { return Pen{a: 1, d: 1, wob: w} }

func (p Pen) then(q Pen) Pen {
	return Pen{
		a: p.a*q.a + p.c*q.b, b: p.b*q.a + p.d*q.b,
		c: p.a*q.c + p.c*q.d, d: p.b*q.c + p.d*q.d,
		e: p.a*q.e + p.c*q.f + p.e, f: p.b*q.e + p.d*q.f + p.f,
		wob: p.wob,
	}
}

// T translates the local origin to (x, y).
func (p Pen) T(x, y float64) Pen { return p.then(Pen{a: 1, d: 1, e: x, f: y}) }

// S scales local units; a negative sx mirrors left-right.
func (p Pen) S(sx, sy float64) Pen { return p.then(Pen{a: sx, d: sy}) }

// R rotates by rad (clockwise on screen, since y grows downward).
func (p Pen) R(rad float64) Pen {
	s, c := math.Sincos(rad)
	return p.then(Pen{a: c, b: s, c: -s, d: c})
}

func (p Pen) apply(x, y float64) vec {
	return p.wob.at(vec{p.a*x + p.c*y + p.e, p.b*x + p.d*y + p.f})
}

// Path starts an empty path in this pen's coordinates.
func (p Pen) Path() *Path {
	return &Path{pen: p, min: vec{math.Inf(1), math.Inf(1)}, max: vec{math.Inf(-1), math.Inf(-1)}}
}

func (pa *Path) grow(v vec) {
	pa.min = vec{math.Min(pa.min.X, v.X), math.Min(pa.min.Y, v.Y)}
	pa.max = vec{math.Max(pa.max.X, v.X), math.Max(pa.max.Y, v.Y)}
}

func (pa *Path) push(k segKind, pts ...float64) *Path {
	s := seg{kind: k}
	for i := 0; i+1 < len(pts); i += 2 {
		s.p[i/2] = pa.pen.apply(pts[i], pts[i+1])
		pa.grow(s.p[i/2])
	}
	pa.segs = append(pa.segs, s)
	return pa
}

// MoveTo starts a subpath.
func (pa *Path) MoveTo(x, y float64) *Path { return pa.push(segMove, x, y) }

// LineTo adds a straight edge.
func (pa *Path) LineTo(x, y float64) *Path { return pa.push(segLine, x, y) }

// QuadTo adds a quadratic Bézier edge.
func (pa *Path) QuadTo(bx, by, x, y float64) *Path { return pa.push(segQuad, bx, by, x, y) }

// CubeTo adds a cubic Bézier edge.
func (pa *Path) CubeTo(bx, by, cx, cy, x, y float64) *Path {
	return pa.push(segCube, bx, by, cx, cy, x, y)
}

// Close ends the subpath.
func (pa *Path) Close() *Path { return pa.push(segClose) }

// Poly adds a closed polygon from a flat list x0,y0,x1,y1,...
func (pa *Path) Poly(xy ...float64) *Path {
	pa.MoveTo(xy[0], xy[1])
	for i := 2; i+1 < len(xy); i += 2 {
		pa.LineTo(xy[i], xy[i+1])
	}
	return pa.Close()
}

// PolyV adds a closed polygon through pts.
func (pa *Path) PolyV(pts []vec) *Path {
	pa.MoveTo(pts[0].X, pts[0].Y)
	for _, q := range pts[1:] {
		pa.LineTo(q.X, q.Y)
	}
	return pa.Close()
}

// Ellipse adds an ellipse; hole reverses its orientation so that it cuts
// out of an enclosing subpath of the same path.
func (pa *Path) Ellipse(cx, cy, rx, ry float64, hole bool) *Path {
	const k = 0.5522847498 // cubic Bézier quarter-circle handle length
	if hole {
		ry = -ry
	}
	pa.MoveTo(cx+rx, cy)
	pa.CubeTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	pa.CubeTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	pa.CubeTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	pa.CubeTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	return pa.Close()
}

// Circle is a path holding one circle.
func (p Pen) Circle(cx, cy, r float64) *Path { return p.Path().Ellipse(cx, cy, r, r, false) }

// Ellipse is a path holding one ellipse.
func (p Pen) Ellipse(cx, cy, rx, ry float64) *Path {
	return p.Path().Ellipse(cx, cy, rx, ry, false)
}

// Poly is a path holding one closed polygon.
func (p Pen) Poly(xy ...float64) *Path { return p.Path().Poly(xy...) }

// Rect is a path holding an axis-aligned (in local units) rectangle.
func (p Pen) Rect(x0, y0, x1, y1 float64) *Path {
	return p.Path().Poly(x0, y0, x1, y0, x1, y1, x0, y1)
}

// signedArea is positive for the orientation Ellipse uses for solids.
func signedArea(pts []vec) float64 {
	s := 0.0
	for i, a := range pts {
		b := pts[(i+1)%len(pts)]
		s += a.X*b.Y - b.X*a.Y
	}
	return s
}

// Stroke is a brush line through pts, its width easing from w0 to w1 along
// its length, with round joins and ends: a tapered line reads as painted.
func (p Pen) Stroke(pts []vec, w0, w1 float64) *Path {
	return p.Path().Stroke(pts, w0, w1)
}

// Stroke adds a brush line to the path (see Pen.Stroke).
func (pa *Path) Stroke(pts []vec, w0, w1 float64) *Path {
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += pts[i].sub(pts[i-1]).len()
	}
	width := func(at float64) float64 {
		if total == 0 {
			return w0
		}
		return w0 + (w1-w0)*at/total
	}
	at := 0.0
	for i, q := range pts {
		if i > 0 {
			prev := pts[i-1]
			d := q.sub(prev)
			l := d.len()
			if l > 1e-9 {
				n := vec{-d.Y / l, d.X / l}
				wa, wb := width(at)/2, width(at+l)/2
				quad := []vec{prev.add(n.mul(wa)), q.add(n.mul(wb)), q.sub(n.mul(wb)), prev.sub(n.mul(wa))}
				if signedArea(quad) < 0 {
					quad[1], quad[3] = quad[3], quad[1]
				}
				pa.PolyV(quad)
			}
			at += l
		}
		r := width(at) / 2
		pa.Ellipse(q.X, q.Y, r, r, false)
	}
	return pa
}

// bez samples a cubic Bézier curve at n+1 points.
func bez(p0, p1, p2, p3 vec, n int) []vec {
	out := make([]vec, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		out = append(out, vec{
			u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
			u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
		})
	}
	return out
}

// arc samples a circular arc from angle a0 to a1 (radians) at n+1 points.
func arc(cx, cy, rx, ry, a0, a1 float64, n int) []vec {
	out := make([]vec, 0, n+1)
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		out = append(out, vec{cx + rx*math.Cos(a), cy + ry*math.Sin(a)})
	}
	return out
}

// pts builds a point list from a flat x0,y0,x1,y1,... list.
func pts(xy ...float64) []vec {
	out := make([]vec, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		out = append(out, vec{xy[i], xy[i+1]})
	}
	return out
}
