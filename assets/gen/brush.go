package main

import "math"

// StrokeW adds a brush line through pts whose width at pts[i] is ws[i]:
// the swelling and thinning body of a dragon or a serpent's tail, which a
// line tapering evenly from end to end cannot give.
func (pa *Path) StrokeW(pts []vec, ws []float64) *Path {
	for i, q := range pts {
		if i > 0 {
			prev := pts[i-1]
			d := q.sub(prev)
			if l := d.len(); l > 1e-9 {
				n := vec{-d.Y / l, d.X / l}
				wa, wb := ws[i-1]/2, ws[i]/2
				quad := []vec{prev.add(n.mul(wa)), q.add(n.mul(wb)), q.sub(n.mul(wb)), prev.sub(n.mul(wa))}
				if signedArea(quad) < 0 {
					quad[1], quad[3] = quad[3], quad[1]
				}
				pa.PolyV(quad)
			}
		}
		pa.Ellipse(q.X, q.Y, ws[i]/2, ws[i]/2, false)
	}
	return pa
}

// StrokeW is a path holding one variable-width brush line.
func (p Pen) StrokeW(pts []vec, ws []float64) *Path { return p.Path().StrokeW(pts, ws) }

// normals returns the unit normal of a polyline at each point (the
// average of the neighbouring segments' normals), pointing to the left of
// the direction of travel on screen.
func normals(pts []vec) []vec {
	out := make([]vec, len(pts))
	for i := range pts {
		a, b := pts[max(0, i-1)], pts[min(len(pts)-1, i+1)]
		d := b.sub(a)
		l := d.len()
		if l < 1e-9 {
			out[i] = vec{0, -1}
			continue
		}
		out[i] = vec{d.Y / l, -d.X / l}
	}
	return out
}

// offsetLine moves each point of pts along its normal by k times half the
// width there: k = 1 runs along one edge of a StrokeW body, -1 the other.
func offsetLine(pts []vec, ws []float64, k float64) []vec {
	ns := normals(pts)
	out := make([]vec, len(pts))
	for i, q := range pts {
		out[i] = q.add(ns[i].mul(k * ws[i] / 2))
	}
	return out
}

// resample returns n+1 points evenly spaced by arc length along pts, so
// that marks placed along a curve (scales, fins, feathers) keep an even
// rhythm however the curve was sampled.
func resample(pts []vec, n int) []vec {
	cum := make([]float64, len(pts))
	for i := 1; i < len(pts); i++ {
		cum[i] = cum[i-1] + pts[i].sub(pts[i-1]).len()
	}
	total := cum[len(cum)-1]
	out := make([]vec, 0, n+1)
	j := 0
	for k := 0; k <= n; k++ {
		s := total * float64(k) / float64(n)
		for j < len(pts)-2 && cum[j+1] < s {
			j++
		}
		seg := cum[j+1] - cum[j]
		t := 0.0
		if seg > 1e-9 {
			t = math.Min(1, math.Max(0, (s-cum[j])/seg))
		}
		out = append(out, pts[j].lerp(pts[j+1], t))
	}
	return out
}

// spiral samples a spiral around (cx, cy) from radius r0 at angle a0 to
// radius r1 at angle a1: the curl of a cloud head or a scroll.
func spiral(cx, cy, r0, r1, a0, a1 float64, n int) []vec {
	out := make([]vec, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		r := r0 + (r1-r0)*t
		a := a0 + (a1-a0)*t
		out = append(out, vec{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return out
}
