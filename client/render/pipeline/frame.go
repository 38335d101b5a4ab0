package pipeline

import (
	"slices"

	"github.com/go-gl/mathgl/mgl32"
)

const (
	// maxBatchVertices is the most vertices one draw call can index with
	// uint16 indices.
	maxBatchVertices = 1 << 16
	// guardBand is how far beyond the screen edges, in screen widths from
	// the centre (normalised device units), polygons are kept before
	// clipping. Clipping at the screen edge itself would be exact too, but
	// a margin means most polygons need no side clipping at all, while
	// still keeping vertex coordinates bounded for the rasteriser.
	guardBand = 2
)

// Vertex mirrors ebiten.Vertex field for field, so the render package
// converts with ebiten.Vertex(v). Meaning of the fields here:
//
//	DstX, DstY        pixel position in the destination
//	SrcX, SrcY        unused (0)
//	ColorR, G, B      the surface's unit normal for textured polygons (for
//	                  lighting), the colour for avatars
//	ColorA            texture slot + 1, or 0 for a flat-coloured avatar face
//	Custom0, Custom1  u/w, v/w: texture coordinate in repeats, divided by w
//	Custom2           1/w, where w is the distance in front of the eye
//	Custom3           the eye's distance from the polygon's plane (lighting)
//
// u/w, v/w and 1/w vary linearly across the screen, so the fragment shader
// recovers perspective-correct u and v by dividing.
type Vertex struct {
	DstX, DstY     float32
	SrcX, SrcY     float32
	ColorR, ColorG float32
	ColorB, ColorA float32
	Custom0        float32
	Custom1        float32
	Custom2        float32
	Custom3        float32
}

// Batch is a run of vertices and indices for one draw call. Indices are
// relative to FirstVertex.
type Batch struct {
	FirstVertex, VertexCount int
	FirstIndex, IndexCount   int
}

// Stats counts the work of one frame.
type Stats struct {
	Triangles   int // triangles emitted
	Vertices    int // vertices emitted
	Batches     int // draw calls needed
	Fragments   int // polygons (static and avatar pieces) that reached the screen
	CulledNodes int // BSP subtrees skipped because they lie outside the view
}

// Frame is the output of Render, reused from frame to frame: keep one and
// pass it to every Render call so its buffers are reused.
type Frame struct {
	// Vertices and Indices, drawn in order, paint the view back to front.
	Vertices []Vertex
	Indices  []uint16
	// Sources holds, per triangle, the index of the scene polygon it
	// belongs to (scenes.Compiled.Polygons), -1-i for avatars[i], or
	// BeamSource-i for the i-th beam set by World.SetBeams.
	Sources []int32
	Batches []Batch
	Stats   Stats
	// Width and Height are the viewport in pixels.
	Width, Height int
	// TanHalf are tan(horizontal fov/2) and tan(vertical fov/2), for
	// recovering each pixel's eye-space position in the shader.
	TanHalf [2]float32
	// Eye is the camera's position, and Right, Up and Forward its unit
	// axes in the world: with TanHalf they give the shader each pixel's
	// world position, for lighting by daylight.
	Eye, Right, Up, Forward mgl32.Vec3
}

// clipVert is a vertex in clip space with its texture coordinate.
type clipVert struct {
	pos mgl32.Vec4
	uv  mgl32.Vec2
}

// Render fills f with the triangles that paint the view from cam into a
// width×height viewport, back to front, avatars and the beams set by
// SetBeams included at their correct place in the order. After the first few frames it allocates nothing.
func (w *World) Render(f *Frame, cam Camera, width, height int, avatars []Avatar) {
	s := &w.scratch
	cam = cam.withDefaults()
	aspect := cam.aspectFor(width, height)
	f.Vertices, f.Indices, f.Sources, f.Batches = f.Vertices[:0], f.Indices[:0], f.Sources[:0], f.Batches[:0]
	f.Stats = Stats{}
	f.Width, f.Height = width, height
	f.TanHalf[0], f.TanHalf[1] = cam.TanHalf(aspect)
	f.Eye = cam.Pos
	f.Right, f.Up, f.Forward = cam.Basis()

	s.f = f
	s.vp = cam.ViewProjection(aspect)
	s.eye = cam.Pos
	s.near, s.far = cam.Near, cam.Far
	s.width, s.height = float32(width), float32(height)
	s.frustum = frustumPlanes(s.vp)
	s.batchFirstVertex, s.batchFirstIndex = 0, 0
	s.nextStamp()

	s.insertSolids(w, avatars)
	w.walk(w.root, false)
	s.closeBatch()
	f.Stats.Vertices = len(f.Vertices)
	f.Stats.Triangles = len(f.Indices) / 3
	f.Stats.Batches = len(f.Batches)
	s.f = nil
}

// walk paints a subtree back to front from the eye. inside is true when
// the subtree is known to lie wholly inside the view frustum, so its boxes
// need no more tests.
func (w *World) walk(n int32, inside bool) {
	s := &w.scratch
	if n < 0 {
		s.emitLeaf(w, -n-1)
		return
	}
	nd := &w.nodes[n]
	if !inside && !w.noCull {
		switch s.frustum.classifyBox(nd.min, nd.max) {
		case boxOutside:
			// Avatar and beam pieces may lie in cells below this
			// node even though no scene polygon of it is in view;
			// walk on for them.
			if s.dynCount[n] == 0 {
				s.f.Stats.CulledNodes++
				return
			}
		case boxInside:
			inside = true
		}
	}
	dist := nd.normal.Dot(s.eye) - nd.d
	near, far := nd.front, nd.back
	if dist < 0 {
		near, far = far, near
	}
	w.walk(far, inside)
	// Fragments in the plane are seen only from their front side, and not
	// at all edge-on.
	if dist > planeEpsilon || dist < -planeEpsilon {
		for _, p := range w.nodePolys[nd.first : nd.first+nd.count] {
			pp := &w.polys[p]
			if (pp.normal.Dot(nd.normal) > 0) == (dist > 0) {
				w.emitStatic(pp)
			}
		}
	}
	w.walk(near, inside)
}

// emitStatic emits one scene fragment. Its corners are transformed once a
// frame however many fragments share them; a fragment wholly inside the
// near plane and the guard band, the usual case, is emitted without
// clipping.
func (w *World) emitStatic(pp *poly) {
	s := &w.scratch
	all, some := uint32(outAll), uint32(0)
	for _, k := range w.cornerPoint[pp.first : pp.first+pp.count] {
		if s.stamp[k] != s.frameStamp {
			s.project(w, k)
		}
		c := s.proj[k].code
		all &= c
		some |= c
	}
	if all&outReject != 0 {
		return // wholly beyond one side of the view
	}
	h := pp.normal.Dot(s.eye) - pp.d
	n := pp.normal
	if some&outClip == 0 && !w.alwaysClip {
		s.emitProjected(w, pp, h)
		return
	}
	in := s.clipA[:0]
	for i := pp.first; i < pp.first+pp.count; i++ {
		in = append(in, clipVert{pos: s.proj[w.cornerPoint[i]].clip, uv: w.uvs[i]})
	}
	s.clipA = in
	s.emit(n[0], n[1], n[2], float32(pp.slot+1), h, pp.source, clipMask(some))
}

// emitProjected appends a fragment that needs no clipping as a triangle
// fan, straight from its corners' cached screen positions.
func (s *scratch) emitProjected(w *World, pp *poly, h float32) {
	f := s.f
	count := int(pp.count)
	if len(f.Vertices)-s.batchFirstVertex+count > maxBatchVertices {
		s.closeBatch()
	}
	base := len(f.Vertices) - s.batchFirstVertex
	n := pp.normal
	slot := float32(pp.slot + 1)
	// Grow once and fill in place: this loop writes every vertex of a
	// large hall's frame.
	first := len(f.Vertices)
	f.Vertices = slices.Grow(f.Vertices, count)[:first+count]
	out := f.Vertices[first:]
	corners := w.cornerPoint[pp.first : pp.first+pp.count]
	uvs := w.uvs[pp.first : pp.first+pp.count]
	for k := range out {
		p := &s.proj[corners[k]]
		uv := uvs[k]
		// Field by field: assigning a composite literal builds it on the
		// stack first and copies it.
		v := &out[k]
		v.DstX, v.DstY = p.x, p.y
		v.SrcX, v.SrcY = 0, 0
		v.ColorR, v.ColorG, v.ColorB, v.ColorA = n[0], n[1], n[2], slot
		v.Custom0, v.Custom1, v.Custom2, v.Custom3 = uv[0]*p.invW, uv[1]*p.invW, p.invW, h
	}
	s.fan(base, count, pp.source)
}

// fan appends the indices of a triangle fan over count vertices starting
// at base, and the triangles' source.
func (s *scratch) fan(base, count int, source int32) {
	f := s.f
	for i := 1; i+1 < count; i++ {
		f.Indices = append(f.Indices, uint16(base), uint16(base+i), uint16(base+i+1))
		f.Sources = append(f.Sources, source)
	}
	f.Stats.Fragments++
}

// emit clips s.clipA against the planes in mask (outNear and the guard
// band bits) and appends the result as a triangle fan with the given
// colour (or normal), slot code (ColorA), plane distance h and source.
func (s *scratch) emit(r, g, b, a, h float32, source int32, mask uint32) {
	pts := s.clip(mask)
	if len(pts) < 3 {
		return
	}
	f := s.f
	if len(f.Vertices)-s.batchFirstVertex+len(pts) > maxBatchVertices {
		s.closeBatch()
	}
	base := len(f.Vertices) - s.batchFirstVertex
	for _, v := range pts {
		invW := 1 / v.pos.W()
		f.Vertices = append(f.Vertices, Vertex{
			DstX:   (v.pos.X()*invW + 1) * 0.5 * s.width,
			DstY:   (1 - v.pos.Y()*invW) * 0.5 * s.height,
			ColorR: r, ColorG: g, ColorB: b, ColorA: a,
			Custom0: v.uv.X() * invW,
			Custom1: v.uv.Y() * invW,
			Custom2: invW,
			Custom3: h,
		})
	}
	s.fan(base, len(pts), source)
}

// closeBatch ends the current batch if it holds anything.
func (s *scratch) closeBatch() {
	f := s.f
	if len(f.Vertices) == s.batchFirstVertex {
		return
	}
	f.Batches = append(f.Batches, Batch{
		FirstVertex: s.batchFirstVertex, VertexCount: len(f.Vertices) - s.batchFirstVertex,
		FirstIndex: s.batchFirstIndex, IndexCount: len(f.Indices) - s.batchFirstIndex,
	})
	s.batchFirstVertex, s.batchFirstIndex = len(f.Vertices), len(f.Indices)
}

// Outcode bits of a clip-space point: which side of each plane it lies.
const (
	outLeft      = 1 << iota // x < -w: left of the screen
	outRight                 // x > w
	outBottom                // y < -w
	outTop                   // y > w
	outFar                   // w > far
	outNear                  // w < near: nearer than the near plane, or behind the eye
	outGuardLeft             // x < -guardBand·w: beyond the guard band
	outGuardRight
	outGuardBottom
	outGuardTop

	outAll = 1<<iota - 1
	// outReject: a polygon whose corners all share one of these bits lies
	// wholly outside the view.
	outReject = outLeft | outRight | outBottom | outTop | outFar
	// outClip: a polygon with a corner carrying one of these bits must be
	// clipped (clip planes, in the order clip applies them).
	outClip = outNear | outGuardLeft | outGuardRight | outGuardBottom | outGuardTop
)

// outcode classifies a clip-space point against the view's planes. The
// guard band bits are exact only for points in front of the near plane
// (a point behind the eye carries outNear, and polygons with such a point
// are clipped against every plane).
func outcode(p mgl32.Vec4, near, far float32) uint32 {
	x, y, w := p[0], p[1], p[3]
	var c uint32
	// The guard band lies outside the screen, so a point is only tested
	// against it when it is off the screen on that side.
	if x < -w {
		c |= outLeft
		if x < -guardBand*w {
			c |= outGuardLeft
		}
	} else if x > w {
		c |= outRight
		if x > guardBand*w {
			c |= outGuardRight
		}
	}
	if y < -w {
		c |= outBottom
		if y < -guardBand*w {
			c |= outGuardBottom
		}
	} else if y > w {
		c |= outTop
		if y > guardBand*w {
			c |= outGuardTop
		}
	}
	if w > far {
		c |= outFar
	} else if w < near {
		c |= outNear
	}
	return c
}

// clipMask returns the clip planes a polygon whose corners' outcodes OR to
// some must be clipped against: those its corners lie beyond, or all of
// them if a corner is nearer than the near plane.
func clipMask(some uint32) uint32 {
	if some&outNear != 0 {
		return outClip
	}
	return some & outClip
}

// clipDistance returns the signed distance of a clip-space point from the
// clip plane with outcode bit plane (inside when ≥ 0): the near plane
// w = near, or a side of the guard band around the screen.
func clipDistance(plane uint32, p mgl32.Vec4, near float32) float32 {
	switch plane {
	case outNear:
		return p.W() - near
	case outGuardLeft:
		return guardBand*p.W() + p.X()
	case outGuardRight:
		return guardBand*p.W() - p.X()
	case outGuardBottom:
		return guardBand*p.W() + p.Y()
	default:
		return guardBand*p.W() - p.Y()
	}
}

// clip clips the convex polygon in s.clipA against the clip planes whose
// outcode bits are in mask (see outClip), in homogeneous clip space
// (Sutherland–Hodgman), before any division by w. New vertices are
// interpolated linearly in clip space, which is exact because clip space
// is a linear image of world space: no vertex is ever moved, so nothing
// near the eye warps. Callers have already dropped polygons wholly
// outside the view (outReject).
func (s *scratch) clip(mask uint32) []clipVert {
	in, out := s.clipA, s.clipB[:0]
	for plane := uint32(outNear); plane <= outGuardTop && len(in) >= 3; plane <<= 1 {
		if mask&plane == 0 {
			continue
		}
		out = out[:0]
		for i, a := range in {
			b := in[(i+1)%len(in)]
			da, db := clipDistance(plane, a.pos, s.near), clipDistance(plane, b.pos, s.near)
			if da >= 0 {
				out = append(out, a)
			}
			if (da >= 0) != (db >= 0) {
				t := da / (da - db)
				out = append(out, clipVert{
					pos: a.pos.Add(b.pos.Sub(a.pos).Mul(t)),
					uv:  a.uv.Add(b.uv.Sub(a.uv).Mul(t)),
				})
			}
		}
		// Swap buffers, keeping both (possibly grown) for reuse.
		in, out = out, in
	}
	s.clipA, s.clipB = in, out
	return in
}

// clipPolygon classifies s.clipA as a whole: it returns false if the
// polygon lies wholly outside the view, and otherwise the clip planes it
// crosses.
func (s *scratch) clipPolygon() (mask uint32, visible bool) {
	all, some := uint32(outAll), uint32(0)
	for _, v := range s.clipA {
		c := outcode(v.pos, s.near, s.far)
		all &= c
		some |= c
	}
	return clipMask(some), all&outReject == 0
}

// projected is a scene point transformed for the current frame.
type projected struct {
	clip mgl32.Vec4
	// x, y are the pixel position and invW is 1/w, valid when the point
	// is in front of the near plane (no outNear bit).
	x, y, invW float32
	code       uint32
}

// project transforms scene point i for this frame into s.proj[i]. Callers
// check s.stamp first, so each point is transformed once a frame.
func (s *scratch) project(w *World, i int32) {
	p := &s.proj[i]
	s.stamp[i] = s.frameStamp
	// vp·(x, y, z, 1) written out: mgl32's Mul4x1 is not inlined, and
	// this runs for every visible corner.
	m, q := &s.vp, w.points[i]
	p.clip = mgl32.Vec4{
		m[0]*q[0] + m[4]*q[1] + m[8]*q[2] + m[12],
		m[1]*q[0] + m[5]*q[1] + m[9]*q[2] + m[13],
		m[2]*q[0] + m[6]*q[1] + m[10]*q[2] + m[14],
		m[3]*q[0] + m[7]*q[1] + m[11]*q[2] + m[15],
	}
	p.code = outcode(p.clip, s.near, s.far)
	if p.code&outNear == 0 {
		p.invW = 1 / p.clip[3]
		p.x = (p.clip[0]*p.invW + 1) * 0.5 * s.width
		p.y = (1 - p.clip[1]*p.invW) * 0.5 * s.height
	}
}

// nextStamp starts a frame: every cached point transform becomes stale.
func (s *scratch) nextStamp() {
	s.frameStamp++
	if s.frameStamp == 0 {
		// After 2³² frames the counter wraps; clear the stamps so no old
		// one can match.
		clear(s.stamp)
		s.frameStamp = 1
	}
}

// boxSide is how an axis-aligned box lies against the view frustum.
type boxSide int

const (
	boxCrossing boxSide = iota // partly inside, or not known to be outside
	boxOutside                 // wholly outside one plane
	boxInside                  // wholly inside every plane
)

// frustum holds the view frustum's planes in world space (a·x+b·y+c·z+d ≥ 0
// inside): left, right, bottom, top, near, far.
type frustum [6]mgl32.Vec4

// frustumPlanes extracts the world-space frustum planes from a
// view-projection matrix (Gribb & Hartmann).
func frustumPlanes(m mgl32.Mat4) frustum {
	r0, r1, r2, r3 := m.Rows()
	return frustum{r3.Add(r0), r3.Sub(r0), r3.Add(r1), r3.Sub(r1), r3.Add(r2), r3.Sub(r2)}
}

// intersectsBox reports whether an axis-aligned box may be in view: false
// only if it lies wholly outside one plane.
func (f *frustum) intersectsBox(lo, hi mgl32.Vec3) bool {
	return f.classifyBox(lo, hi) != boxOutside
}

// classifyBox tells whether an axis-aligned box lies wholly outside one
// plane, wholly inside all of them, or neither.
func (f *frustum) classifyBox(lo, hi mgl32.Vec3) boxSide {
	inside := true
	for _, p := range f {
		// The box corners furthest along and against the plane's normal.
		fx, fy, fz := lo[0], lo[1], lo[2]
		nx, ny, nz := hi[0], hi[1], hi[2]
		if p[0] > 0 {
			fx, nx = nx, fx
		}
		if p[1] > 0 {
			fy, ny = ny, fy
		}
		if p[2] > 0 {
			fz, nz = nz, fz
		}
		if p[0]*fx+p[1]*fy+p[2]*fz+p[3] < 0 {
			return boxOutside
		}
		if p[0]*nx+p[1]*ny+p[2]*nz+p[3] < 0 {
			inside = false
		}
	}
	if inside {
		return boxInside
	}
	return boxCrossing
}
