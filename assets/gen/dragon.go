package main

import "math"

// dragonStyle says how a dragon is painted: in ink-outlined mineral
// colours on the Mogao ceilings, or as raised gilt lit from the upper left
// in the palace.
type dragonStyle struct {
	body, belly, fin, mane, mouth RGB
	line                          RGB     // contour (ink) or shadow colour (relief)
	lw                            float64 // contour width, pixels; for relief, the shadow offset
	relief                        bool
	scales                        bool // rows of scales along the body
}

// paint fills path q as the style wants: outlined, or raised.
func (st dragonStyle) paint(c *Canvas, q *Path, col RGB) {
	if st.relief {
		c.FillShift(q, int(st.lw), int(st.lw), st.line, 0.85)
		c.Relief(q, col, col.Mix(shine, 0.55), col.Scale(0.55), 1)
		return
	}
	c.FillO(q, col, st.line, st.lw)
}

// mark draws a detail line (belly plates, scales, eye rims) in the style's
// line colour.
func (st dragonStyle) mark(c *Canvas, q *Path, a float64) {
	col := st.line
	if st.relief {
		col = st.body.Scale(0.5)
	}
	c.FillA(q, col, a)
}

// dragon draws a dragon along spine (in p's coordinates), head at spine[0]
// and tail at the end, its body width at the shoulders; belly is +1 or -1
// for the side of the spine its legs and belly plates are on (the left of
// the direction of travel toward the head is +1). The body swells behind
// the neck and tapers to a tufted tail; four legs with splayed claws, a
// ridge of fins, and a horned head with open jaws, whiskers and a mane.
func dragon(c *Canvas, p Pen, spine []vec, width, belly float64, st dragonStyle) {
	total := 0.0
	for i := 1; i < len(spine); i++ {
		total += spine[i].sub(spine[i-1]).len()
	}
	n := max(24, int(total/(width*0.25)))
	sp := resample(spine, n)
	ws := make([]float64, len(sp))
	for i := range sp {
		t := float64(i) / float64(n)
		switch {
		case t < 0.08:
			ws[i] = width * (0.62 + 2.5*t)
		case t < 0.3:
			ws[i] = width * (0.82 + 0.18*(t-0.08)/0.22)
		default:
			ws[i] = width * math.Max(0.1, 1-0.9*math.Pow((t-0.3)/0.7, 1.15))
		}
	}
	ns := normals(sp)
	at := func(t float64) int { return min(n, max(0, int(t*float64(n)))) }

	// Fins along the back: small flame-like points leaning to the tail.
	for i := 3; i < n-3; i += 3 {
		b := sp[i].sub(ns[i].mul(belly * ws[i] * 0.4))
		back := sp[i+3].sub(ns[i+3].mul(belly * ws[i+3] * 0.4))
		tip := sp[i+3].sub(ns[i+3].mul(belly * (ws[i+3]*0.5 + width*0.24)))
		mid := b.lerp(back, 0.45).sub(ns[i+1].mul(belly * (ws[i+1]*0.5 + width*0.1)))
		st.paint(c, p.Path().MoveTo(b.X, b.Y).QuadTo(mid.X, mid.Y, tip.X, tip.Y).LineTo(back.X, back.Y).Close(), st.fin)
	}
	// Legs: the far ones behind the body, the near ones in front.
	leg := func(t, reach float64, near bool) {
		i := at(t)
		d := sp[min(n, i+1)].sub(sp[max(0, i-1)])
		d = d.mul(1 / d.len()) // toward the tail
		nb := ns[i].mul(belly)
		base := sp[i].add(nb.mul(ws[i] * 0.25))
		knee := base.add(nb.mul(width * 0.75)).add(d.mul(reach * width * 0.55))
		foot := knee.add(nb.mul(width * 0.45)).add(d.mul(-reach * width * 0.6))
		col := st.body
		if !near {
			col = st.body.Scale(0.8)
		}
		st.paint(c, p.Stroke([]vec{base, knee, foot}, width*0.36, width*0.16), col)
		// A flame-like tuft of hair streams back from the elbow.
		tuft := knee.add(d.mul(width * 0.5)).add(nb.mul(-width * 0.1))
		st.paint(c, p.Stroke([]vec{knee, knee.lerp(tuft, 0.5).add(nb.mul(width * 0.12)), tuft}, width*0.2, width*0.03), st.mane)
		for k := -1.0; k <= 1; k++ {
			a := math.Atan2(nb.Y, nb.X) + k*0.75
			tip := foot.add(vec{math.Cos(a), math.Sin(a)}.mul(width * 0.3))
			hook := tip.add(d.mul(-width * 0.1)).add(vec{math.Cos(a), math.Sin(a)}.mul(-width * 0.05))
			st.paint(c, p.Stroke([]vec{foot, tip, hook}, width*0.1, width*0.035), st.belly)
		}
	}
	leg(0.2, 1, false)
	leg(0.6, 1, false)
	// Tail tuft: flames fanning from the tip.
	tail := sp[n]
	td := sp[n].sub(sp[n-2])
	ta := math.Atan2(td.Y, td.X)
	for k := -1.0; k <= 1; k++ {
		a := ta + k*0.45
		tip := tail.add(vec{math.Cos(a), math.Sin(a)}.mul(width * (0.9 - 0.2*math.Abs(k))))
		st.paint(c, p.Stroke([]vec{tail, tail.lerp(tip, 0.5).add(vec{-math.Sin(a), math.Cos(a)}.mul(width * 0.1)), tip}, width*0.26, width*0.05), st.mane)
	}
	// Body and belly plates.
	st.paint(c, p.StrokeW(sp, ws), st.body)
	bws := make([]float64, len(ws))
	for i, w := range ws {
		bws[i] = w * 0.36
	}
	bl := offsetLine(sp, ws, belly*0.52)
	c.Fill(p.StrokeW(bl[2:n-3], bws[2:n-3]), st.belly)
	for i := 3; i < n-3; i++ {
		a := bl[i].add(ns[i].mul(bws[i] * 0.5))
		b := bl[i].sub(ns[i].mul(bws[i] * 0.5))
		st.mark(c, p.Stroke([]vec{a, b}, width*0.035, width*0.035), 0.6)
	}
	if st.scales {
		// Fish-scale rows: arcs open toward the tail, staggered.
		for i := 2; i < n-4; i++ {
			d := sp[i+1].sub(sp[i])
			a := math.Atan2(d.Y, d.X)
			for j := 0; j < 3; j++ {
				k := -0.45 + 0.22*float64(j) + 0.11*float64(i%2)
				if k > 0.05 {
					continue // the belly plates take the other side
				}
				q := sp[i].add(ns[i].mul(-belly * ws[i] * k))
				rad := ws[i] * 0.17
				st.mark(c, p.Stroke(arc(q.X, q.Y, rad, rad, a+math.Pi*0.55, a+math.Pi*1.45, 6), width*0.035, width*0.035), 0.5)
			}
		}
	}
	leg(0.2, 1, true)
	leg(0.62, -0.6, true)

	// Head, drawn in units of the body width, kept upright.
	h0 := sp[0]
	hd := sp[0].sub(sp[2])
	ang := math.Atan2(hd.Y, hd.X)
	q := p.T(h0.X, h0.Y).R(ang)
	if hd.X < 0 {
		q = q.S(1, -1)
	}
	q = q.S(width, width)
	loongHead(c, q, st)
}

// loongHead draws a dragon's head facing +x in units of the body width,
// the back of the skull at the origin.
func loongHead(c *Canvas, q Pen, st dragonStyle) {
	// Mane streaming back over the neck.
	for i := 0; i < 5; i++ {
		y := -0.55 + 0.25*float64(i)
		st.paint(c, q.Stroke(bez(vec{0.1, y * 0.6}, vec{-0.5, y - 0.2}, vec{-0.9, y + 0.1}, vec{-1.5, y - 0.25}, 10), 0.32, 0.06), st.mane)
	}
	// Antlers.
	for _, k := range []float64{0, 0.18} {
		st.paint(c, q.Stroke(bez(vec{0.25 - k, -0.5}, vec{-0.1 - k, -1.0}, vec{-0.6 - k, -1.1}, vec{-1.1 - k, -1.45}, 10), 0.2, 0.1), st.fin)
		st.paint(c, q.Stroke(pts(-0.35-k, -1.0, -0.35-k, -1.45), 0.13, 0.06), st.fin)
	}
	// Lower jaw hanging open, tongue curling out.
	st.paint(c, q.Path().MoveTo(0.2, 0.15).LineTo(1.5, 0.42).
		CubeTo(1.55, 0.65, 1.2, 0.8, 0.2, 0.62).Close(), st.body)
	c.Fill(q.Path().MoveTo(0.3, 0.12).LineTo(1.55, 0.35).LineTo(1.6, 0.05).Close(), st.mouth)
	c.FillA(q.Stroke(bez(vec{0.6, 0.3}, vec{1.4, 0.2}, vec{1.9, 0.5}, vec{1.7, 0.75}, 10), 0.14, 0.07), st.mouth.Mix(pale, 0.3), 1)
	// Skull and upturned snout.
	skull := q.Path().MoveTo(-0.2, 0.3).CubeTo(-0.35, -0.3, 0.0, -0.75, 0.55, -0.7).
		CubeTo(1.0, -0.65, 1.5, -0.55, 1.85, -0.55).
		CubeTo(2.1, -0.5, 2.1, -0.05, 1.8, 0.05).
		LineTo(0.3, 0.2).Close()
	st.paint(c, skull, st.body)
	c.Fill(q.Poly(1.45, 0.05, 1.55, 0.32, 1.62, 0.05), pale)
	c.Fill(q.Poly(0.9, 0.12, 0.98, 0.36, 1.05, 0.14), pale)
	st.paint(c, q.Path().Ellipse(1.85, -0.35, 0.22, 0.2, false), st.body)
	st.paint(c, q.Path().Ellipse(0.55, -0.45, 0.22, 0.19, false), pale)
	c.Fill(q.Circle(0.6, -0.45, 0.1), ink)
	st.paint(c, q.Stroke(bez(vec{0.2, -0.62}, vec{0.4, -0.9}, vec{0.8, -0.75}, vec{0.95, -0.95}, 8), 0.16, 0.05), st.mane)
	// Whiskers.
	st.mark(c, q.Stroke(bez(vec{1.8, -0.2}, vec{2.4, -0.4}, vec{2.6, 0.3}, vec{3.1, 0.1}, 14), 0.09, 0.04), 0.95)
	st.mark(c, q.Stroke(bez(vec{1.6, -0.6}, vec{2.0, -1.1}, vec{2.6, -0.8}, vec{2.9, -1.2}, 14), 0.08, 0.03), 0.95)
	st.paint(c, q.Stroke(bez(vec{0.5, 0.6}, vec{0.3, 0.9}, vec{0.0, 0.95}, vec{-0.2, 1.2}, 8), 0.18, 0.05), st.mane)
}
