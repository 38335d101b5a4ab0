package pipeline

import (
	"github.com/go-gl/mathgl/mgl32"
)

// rayEdgeTolerance is how far outside a fragment's edges, in metres, a ray
// may pass and still hit it. The tree splits polygons, and the pieces
// share edges: without a margin, float32 rounding could let a ray aimed
// exactly along a shared edge slip between two pieces of a solid wall.
// 0.1 mm is far below anything a person can aim at.
const rayEdgeTolerance = 1e-4

// Raycast returns the nearest point where the ray from origin along dir
// meets a scene polygon, seen from its front or its back, no farther than
// maxDist metres from origin. ok is false if the ray meets nothing within
// maxDist (it leaves through an opening, or dir is zero).
//
// It walks the BSP tree front to back along the ray, so it tests only the
// polygons in the planes the ray crosses, in order, and stops at the
// first hit: under a microsecond in a cave, a few in a 20,000-triangle
// hall (BenchmarkRaycast, BenchmarkRaycastHeavy).
func (w *World) Raycast(origin, dir mgl32.Vec3, maxDist float32) (hit mgl32.Vec3, ok bool) {
	t, _, ok := w.raycast(origin, dir, maxDist)
	if !ok {
		return mgl32.Vec3{}, false
	}
	return origin.Add(dir.Normalize().Mul(t)), true
}

// raycast is Raycast returning the distance along the ray and the
// fragment hit (an index into w.polys).
func (w *World) raycast(origin, dir mgl32.Vec3, maxDist float32) (t float32, frag int32, ok bool) {
	l := dir.Len()
	if l == 0 || !(maxDist > 0) || w.root < 0 {
		return 0, -1, false
	}
	return w.rayNode(w.root, origin, dir.Mul(1/l), 0, maxDist)
}

// rayNode finds the nearest hit with t in [t0, t1] (the part of the ray
// inside node n's cell) of the ray o + t·d, d a unit vector.
func (w *World) rayNode(n int32, o, d mgl32.Vec3, t0, t1 float32) (float32, int32, bool) {
	for n >= 0 {
		nd := &w.nodes[n]
		dist := nd.normal.Dot(o) - nd.d
		denom := nd.normal.Dot(d)
		near, far := nd.front, nd.back
		if dist < 0 {
			near, far = far, near
		}
		if denom == 0 {
			// Parallel: the ray stays on the origin's side, and a
			// polygon seen edge-on is not hit.
			n = near
			continue
		}
		t := -dist / denom
		switch {
		case t < 0 || t > t1:
			// Moving away from the plane, or reaching it only beyond
			// this part of the ray: all of it on the origin's side.
			n = near
			continue
		case t < t0:
			// Crossed before this part of the ray began.
			n = far
			continue
		}
		if th, frag, ok := w.rayNode(near, o, d, t0, t); ok {
			return th, frag, true
		}
		q := o.Add(d.Mul(t))
		for _, p := range w.nodePolys[nd.first : nd.first+nd.count] {
			if w.fragmentContains(p, q) {
				return t, p, true
			}
		}
		t0, n = t, far
	}
	return 0, -1, false
}

// fragmentContains reports whether q, a point in fragment p's plane, lies
// inside it or within rayEdgeTolerance of its edges.
func (w *World) fragmentContains(p int32, q mgl32.Vec3) bool {
	pp := &w.polys[p]
	verts := w.verts[pp.first : pp.first+pp.count]
	for i := range verts {
		a, b := verts[i].Pos, verts[(i+1)%len(verts)].Pos
		e := b.Sub(a)
		// Corners run counter-clockwise around the normal: inside is to
		// the left of every edge.
		if e.Cross(q.Sub(a)).Dot(pp.normal) < -rayEdgeTolerance*e.Len() {
			return false
		}
	}
	return true
}
