package pipeline

import (
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
//	ColorR, G, B      tint for textured polygons (1, 1, 1), colour for avatars
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
	// belongs to (scenes.Compiled.Polygons), or -1-i for avatars[i].
	Sources []int32
	Batches []Batch
	Stats   Stats
	// Width and Height are the viewport in pixels.
	Width, Height int
	// TanHalf are tan(horizontal fov/2) and tan(vertical fov/2), for
	// recovering each pixel's eye-space position in the shader.
	TanHalf [2]float32
}

// clipVert is a vertex in clip space with its texture coordinate.
type clipVert struct {
	pos mgl32.Vec4
	uv  mgl32.Vec2
}

// Render fills f with the triangles that paint the view from cam into a
// width×height viewport, back to front, avatars included at their correct
// place in the order. After the first few frames it allocates nothing.
func (w *World) Render(f *Frame, cam Camera, width, height int, avatars []Avatar) {
	s := &w.scratch
	cam = cam.withDefaults()
	aspect := aspectOf(width, height)
	f.Vertices, f.Indices, f.Sources, f.Batches = f.Vertices[:0], f.Indices[:0], f.Sources[:0], f.Batches[:0]
	f.Stats = Stats{}
	f.Width, f.Height = width, height
	f.TanHalf[0], f.TanHalf[1] = cam.TanHalf(aspect)

	s.f = f
	s.vp = cam.ViewProjection(aspect)
	s.eye = cam.Pos
	s.near, s.far = cam.Near, cam.Far
	s.width, s.height = float32(width), float32(height)
	s.frustum = frustumPlanes(s.vp)
	s.batchFirstVertex, s.batchFirstIndex = 0, 0

	s.insertAvatars(w, avatars)
	w.walk(w.root)
	s.closeBatch()
	f.Stats.Vertices = len(f.Vertices)
	f.Stats.Triangles = len(f.Indices) / 3
	f.Stats.Batches = len(f.Batches)
	s.f = nil
}

// walk paints a subtree back to front from the eye.
func (w *World) walk(n int32) {
	s := &w.scratch
	if n < 0 {
		s.emitLeaf(w, -n-1)
		return
	}
	nd := &w.nodes[n]
	if s.dynCount[n] == 0 && !w.noCull && !s.frustum.intersectsBox(nd.min, nd.max) {
		s.f.Stats.CulledNodes++
		return
	}
	dist := nd.normal.Dot(s.eye) - nd.d
	near, far := nd.front, nd.back
	if dist < 0 {
		near, far = far, near
	}
	w.walk(far)
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
	w.walk(near)
}

// emitStatic clips and emits one scene fragment.
func (w *World) emitStatic(pp *poly) {
	s := &w.scratch
	in := s.clipA[:0]
	for _, v := range w.verts[pp.first : pp.first+pp.count] {
		in = append(in, clipVert{pos: s.vp.Mul4x1(v.Pos.Vec4(1)), uv: v.UV})
	}
	s.clipA = in
	h := pp.normal.Dot(s.eye) - pp.d
	s.emit(1, 1, 1, float32(pp.slot+1), h, pp.source)
}

// emit clips s.clipA and appends the result as a triangle fan with the
// given colour, slot code (ColorA), plane distance h and source.
func (s *scratch) emit(r, g, b, a, h float32, source int32) {
	pts := s.clip()
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
	for i := 1; i+1 < len(pts); i++ {
		f.Indices = append(f.Indices, uint16(base), uint16(base+i), uint16(base+i+1))
		f.Sources = append(f.Sources, source)
	}
	f.Stats.Fragments++
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

// clipDistance returns the signed distance of a clip-space point from clip
// plane k (inside when ≥ 0): 0 is the near plane w = near, 1–4 the guard
// band around the screen.
func clipDistance(k int, p mgl32.Vec4, near float32) float32 {
	switch k {
	case 0:
		return p.W() - near
	case 1:
		return guardBand*p.W() - p.X()
	case 2:
		return guardBand*p.W() + p.X()
	case 3:
		return guardBand*p.W() - p.Y()
	default:
		return guardBand*p.W() + p.Y()
	}
}

const clipPlanes = 5

// clip clips the convex polygon in s.clipA against the near plane and the
// guard band in homogeneous clip space (Sutherland–Hodgman), before any
// division by w. New vertices are interpolated linearly in clip space,
// which is exact because clip space is a linear image of world space: no
// vertex is ever moved, so nothing near the eye warps.
func (s *scratch) clip() []clipVert {
	in, out := s.clipA, s.clipB[:0]
	// Reject polygons wholly outside one side of the view frustum early.
	for k := 0; k < 4; k++ {
		outside := true
		for _, v := range in {
			if frustumSide(k, v.pos) >= 0 {
				outside = false
				break
			}
		}
		if outside {
			return nil
		}
	}
	farOut := true
	for _, v := range in {
		if v.pos.W() <= s.far {
			farOut = false
			break
		}
	}
	if farOut {
		return nil
	}
	for k := 0; k < clipPlanes && len(in) >= 3; k++ {
		allIn := true
		for _, v := range in {
			if clipDistance(k, v.pos, s.near) < 0 {
				allIn = false
				break
			}
		}
		if allIn {
			continue
		}
		out = out[:0]
		for i, a := range in {
			b := in[(i+1)%len(in)]
			da, db := clipDistance(k, a.pos, s.near), clipDistance(k, b.pos, s.near)
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

// frustumSide is the signed distance-like value of a clip-space point from
// the screen's side k (0 left, 1 right, 2 bottom, 3 top), inside when ≥ 0.
func frustumSide(k int, p mgl32.Vec4) float32 {
	switch k {
	case 0:
		return p.W() + p.X()
	case 1:
		return p.W() - p.X()
	case 2:
		return p.W() + p.Y()
	default:
		return p.W() - p.Y()
	}
}

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
	for _, p := range f {
		// The box corner furthest along the plane's normal.
		x, y, z := lo[0], lo[1], lo[2]
		if p[0] > 0 {
			x = hi[0]
		}
		if p[1] > 0 {
			y = hi[1]
		}
		if p[2] > 0 {
			z = hi[2]
		}
		if p[0]*x+p[1]*y+p[2]*z+p[3] < 0 {
			return false
		}
	}
	return true
}
