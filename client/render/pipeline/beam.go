package pipeline

import (
	"image/color"

	"github.com/go-gl/mathgl/mgl32"
)

// Beam proportions in metres.
const (
	// beamWidth is the side of the beam's square cross-section: 2.5 cm
	// is a few pixels across a cave, thin enough not to hide what it
	// points at.
	beamWidth = 0.025
	// markerRadius is the distance from the marker's centre to its
	// corners: a 12 cm diamond reads as a spot from across a cave.
	markerRadius = 0.06
	// markerClearance is the gap left between the marker and the surface
	// its beam ends on, so that no corner of the marker dips behind that
	// surface and is hidden by it.
	markerClearance = 0.005
	// surfaceSearch is how near, in metres, a surface must be to a
	// beam's end for the end to count as lying on it: well above float32
	// rounding of a point from Raycast, well below a step across a cave.
	surfaceSearch = 0.02
)

// BeamSource is the Frame.Sources value of the triangles of the first
// beam set by SetBeams; beam i's triangles carry BeamSource-i. It lies
// far below any avatar's -1-i.
const BeamSource int32 = -1 << 30

// Beam is a pointer drawn from From to To in Color: a thin bright rod
// with a diamond marker at To, unlit so that it reads in the dark. When
// To lies on a surface (as a point from Raycast does), the marker is
// lifted just off it so the surface does not hide it.
type Beam struct {
	From, To mgl32.Vec3
	Color    color.RGBA
}

// beamShape is a beam's geometry, computed once by SetBeams.
type beamShape struct {
	// rgb is the beam's colour, for the shaft; the marker's facets are
	// lighter, in two shades so they read apart, and brighter than the
	// shaft so the spot stands out.
	rgb    [3]float32
	facets [2][3]float32
	// tip is where the shaft meets the marker, and axis the unit
	// direction from From toward the marker: the plane through tip
	// across axis separates the two.
	tip, axis mgl32.Vec3
	// from is the shaft's start (Beam.From) and shaftMid its middle.
	from, shaftMid mgl32.Vec3
	hasShaft       bool
	// shaft holds the prism's four sides and two ends, marker the
	// octahedron's eight facets, corners counter-clockwise around the
	// outward normal.
	shaft  [6]avatarFace
	marker [8]markerFacet
	centre mgl32.Vec3 // the marker's centre
	lo, hi mgl32.Vec3 // bounds of the whole beam
}

// markerFacet is one triangular facet of a beam's marker.
type markerFacet struct {
	n       mgl32.Vec3
	corners [3]mgl32.Vec3
	shade   int // which of beamShape.facets it is drawn in
}

// SetBeams sets the beams drawn by every following Render until the next
// call; nil or an empty slice removes them. The beams are copied.
func (w *World) SetBeams(beams []Beam) {
	w.beams = w.beams[:0]
	for _, b := range beams {
		w.beams = append(w.beams, w.shapeBeam(b))
	}
}

// shapeBeam builds a beam's shaft and marker.
func (w *World) shapeBeam(b Beam) beamShape {
	c := [3]float32{float32(b.Color.R) / 255, float32(b.Color.G) / 255, float32(b.Color.B) / 255}
	white := [3]float32{1, 1, 1}
	sh := beamShape{rgb: c, facets: [2][3]float32{mixRGB(c, white, 0.25), mixRGB(c, white, 0.5)}}

	centre := b.To
	if d := b.To.Sub(b.From); d.Len() > 0 {
		// Does To lie on a surface? Then lift the marker off it, toward
		// the side the beam comes from.
		if t, frag, ok := w.raycast(b.From, d, d.Len()+surfaceSearch); ok && t > d.Len()-surfaceSearch {
			n := w.polys[frag].normal
			if n.Dot(d) > 0 {
				n = n.Mul(-1)
			}
			centre = b.To.Add(n.Mul(markerRadius + markerClearance))
		}
	}
	sh.centre = centre

	axis := centre.Sub(b.From)
	length := axis.Len()
	if length > 0 {
		axis = axis.Mul(1 / length)
	} else {
		axis = mgl32.Vec3{0, -1, 0}
	}
	sh.axis = axis
	sh.tip = centre.Sub(axis.Mul(markerRadius))
	u, v := across(axis)

	// The marker: an octahedron with corners along the axis and across.
	r := float32(markerRadius)
	k := 0
	for _, sa := range [2]float32{-1, 1} {
		for _, su := range [2]float32{-1, 1} {
			for _, sv := range [2]float32{-1, 1} {
				f := &sh.marker[k]
				f.corners = [3]mgl32.Vec3{
					centre.Add(axis.Mul(sa * r)), centre.Add(u.Mul(su * r)), centre.Add(v.Mul(sv * r)),
				}
				f.n = axis.Mul(sa).Add(u.Mul(su)).Add(v.Mul(sv)).Normalize()
				windOutward(f.corners[:], f.n)
				if sa*su*sv > 0 {
					f.shade = 1
				}
				k++
			}
		}
	}
	sh.lo = centre.Sub(mgl32.Vec3{r, r, r})
	sh.hi = centre.Add(mgl32.Vec3{r, r, r})

	// The shaft: a square prism from From to the marker's near corner.
	sh.hasShaft = length > markerRadius
	if sh.hasShaft {
		h := float32(beamWidth / 2)
		ends := [2]mgl32.Vec3{b.From, sh.tip}
		sides := [4]mgl32.Vec3{u, v, u.Mul(-1), v.Mul(-1)}
		for i, n := range sides {
			next := sides[(i+1)%4]
			f := &sh.shaft[i]
			f.n = n
			f.corners = [4]mgl32.Vec3{
				ends[0].Add(n.Mul(h)).Sub(next.Mul(h)), ends[0].Add(n.Mul(h)).Add(next.Mul(h)),
				ends[1].Add(n.Mul(h)).Add(next.Mul(h)), ends[1].Add(n.Mul(h)).Sub(next.Mul(h)),
			}
			windOutward(f.corners[:], n)
		}
		for i, end := range ends {
			f := &sh.shaft[4+i]
			f.n = axis.Mul(float32(2*i - 1))
			f.corners = [4]mgl32.Vec3{
				end.Add(u.Mul(h)).Add(v.Mul(h)), end.Sub(u.Mul(h)).Add(v.Mul(h)),
				end.Sub(u.Mul(h)).Sub(v.Mul(h)), end.Add(u.Mul(h)).Sub(v.Mul(h)),
			}
			windOutward(f.corners[:], f.n)
		}
		for _, f := range sh.shaft {
			for _, p := range f.corners {
				sh.lo, sh.hi = minV(sh.lo, p), maxV(sh.hi, p)
			}
		}
		sh.from, sh.shaftMid = b.From, b.From.Add(sh.tip).Mul(0.5)
	}
	return sh
}

// across returns two unit vectors perpendicular to the unit vector a and
// to each other.
func across(a mgl32.Vec3) (u, v mgl32.Vec3) {
	helper := mgl32.Vec3{0, 1, 0}
	if a.Y() > 0.9 || a.Y() < -0.9 {
		helper = mgl32.Vec3{1, 0, 0}
	}
	u = a.Cross(helper).Normalize()
	return u, a.Cross(u)
}

// windOutward reverses a planar convex polygon's corners if they do not
// run counter-clockwise around n.
func windOutward(corners []mgl32.Vec3, n mgl32.Vec3) {
	if corners[1].Sub(corners[0]).Cross(corners[2].Sub(corners[1])).Dot(n) < 0 {
		for i, j := 0, len(corners)-1; i < j; i, j = i+1, j-1 {
			corners[i], corners[j] = corners[j], corners[i]
		}
	}
}

// insertBeams files the faces of every beam that face the eye under the
// BSP leaves they lie in, as insertAvatars does for figures.
func (s *scratch) insertBeams(w *World) {
	s.beamMarkerFirst = s.beamMarkerFirst[:0]
	for i := range w.beams {
		b := &w.beams[i]
		// Seen from the shaft's side of the plane between them, the
		// marker is the farther of the two and is painted first.
		s.beamMarkerFirst = append(s.beamMarkerFirst, s.eye.Sub(b.tip).Dot(b.axis) < 0)
		if !s.frustum.intersectsBox(b.lo, b.hi) {
			continue
		}
		if b.hasShaft {
			for k := range b.shaft {
				f := &b.shaft[k]
				if s.eye.Sub(f.corners[0]).Dot(f.n) <= 0 {
					continue
				}
				first := int32(len(s.dynVerts))
				s.dynVerts = append(s.dynVerts, f.corners[:]...)
				s.insert(w, w.root, dynFrag{owner: int32(i), part: partShaft, first: first, count: 4, rgb: b.rgb}, f.n)
			}
		}
		for k := range b.marker {
			f := &b.marker[k]
			if s.eye.Sub(f.corners[0]).Dot(f.n) <= 0 {
				continue
			}
			rgb := b.facets[f.shade]
			first := int32(len(s.dynVerts))
			s.dynVerts = append(s.dynVerts, f.corners[:]...)
			s.insert(w, w.root, dynFrag{owner: int32(i), part: partMarker, first: first, count: 3, rgb: rgb}, f.n)
		}
	}
}

// paintedBefore orders two pieces of different solids in one leaf when
// a beam is involved: the farther first, each solid's depth taken where
// it crosses the line of sight to the other. For a thin rod passing a
// compact figure or marker this is the depth that matters, where the two
// overlap on the screen.
func (s *scratch) paintedBefore(w *World, a, b dynFrag) bool {
	// Sight along the line to the more compact of the two.
	anchor := s.anchor(w, b)
	if b.part == partShaft && a.part != partShaft {
		anchor = s.anchor(w, a)
	}
	dir := anchor.Sub(s.eye)
	if l := dir.Len(); l > 0 {
		dir = dir.Mul(1 / l)
	}
	return s.depthOnSight(w, a, dir) > s.depthOnSight(w, b, dir)
}

// anchor is a point standing for a solid: an avatar's chest, a marker's
// centre, a shaft's middle.
func (s *scratch) anchor(w *World, f dynFrag) mgl32.Vec3 {
	switch f.part {
	case partShaft:
		return w.beams[f.owner].shaftMid
	case partMarker:
		return w.beams[f.owner].centre
	}
	return s.avatarCentre[f.owner]
}

// depthOnSight returns how far in front of the eye, along the unit
// direction dir, the solid of f lies nearest the line of sight along dir.
func (s *scratch) depthOnSight(w *World, f dynFrag, dir mgl32.Vec3) float32 {
	p := s.anchor(w, f)
	if f.part == partShaft {
		b := &w.beams[f.owner]
		p = closestOnSegment(b.from, b.tip, s.eye, dir)
	}
	return p.Sub(s.eye).Dot(dir)
}

// closestOnSegment returns the point of segment p0–p1 nearest the line
// through o along the unit vector d.
func closestOnSegment(p0, p1, o, d mgl32.Vec3) mgl32.Vec3 {
	u := p1.Sub(p0)
	w0 := p0.Sub(o)
	a, b := u.Dot(u), u.Dot(d)
	den := a - b*b // |u|²·sin² of the angle between them
	if den <= 1e-12 {
		return p0 // parallel: every point is as near
	}
	t := (b*d.Dot(w0) - u.Dot(w0)) / den
	return p0.Add(u.Mul(min(max(t, 0), 1)))
}
