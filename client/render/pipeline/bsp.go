package pipeline

import (
	"fmt"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

const (
	// planeEpsilon is how far, in metres, a point may lie from a plane and
	// still count as on it. Scene coordinates are hand-written to the
	// millimetre and computed in float32; 0.1 mm is well above float32
	// rounding at cave scale and well below any real gap.
	planeEpsilon = 1e-4
	// splitPenalty weighs one split polygon against one polygon of
	// imbalance when choosing a splitting plane: splits add polygons and
	// T-junctions (possible one-pixel cracks), imbalance only adds depth.
	splitPenalty = 8
	// maxSplitterCandidates bounds the polygons tried as splitter at each
	// node, keeping the build near O(n log n) for large scenes: the
	// 20,000-triangle test hall builds in about 0.2 s natively with 16,
	// and trying 64 took 2.5 times as long for no fewer splits.
	maxSplitterCandidates = 16
)

// World is a compiled scene prepared for drawing: its polygons in a BSP
// tree built once, which yields an exact back-to-front order from any
// viewpoint. A World is not safe for concurrent use: Render reuses scratch
// space between calls.
type World struct {
	verts []scenes.Vertex // corners of all fragments
	// points are the distinct corner positions, and cornerPoint[i] the
	// point of verts[i]: fragments share corners, so each is transformed
	// once a frame. uvs[i] is verts[i].UV, packed densely for the frame
	// loop.
	points      []mgl32.Vec3
	cornerPoint []int32
	uvs         []mgl32.Vec2
	polys       []poly // fragments: scene polygons, split where the tree cut them
	nodes       []node
	// nodePolys lists each node's coplanar fragments: node.first..+count.
	nodePolys []int32
	leaves    int
	root      int32
	light     scenes.Light
	sources   []scenes.Polygon // the scene polygons, for occlusion tests
	beams     []beamShape      // set by SetBeams, drawn by every Render

	scratch scratch
	// noCull turns frustum culling off, and alwaysClip sends every
	// polygon through the clipper, for tests that check these shortcuts
	// change nothing visible.
	noCull, alwaysClip bool
}

// poly is a convex fragment of a scene polygon.
type poly struct {
	first, count int32 // range in World.verts
	normal       mgl32.Vec3
	d            float32 // plane: normal·p = d
	slot         int32   // texture slot
	source       int32   // index of the scene polygon
}

// node is a splitting plane with the fragments lying in it. Children are
// node indices when ≥ 0, and leaf (empty convex cell) -1-id when < 0.
type node struct {
	normal       mgl32.Vec3
	d            float32
	first, count int32 // range in World.nodePolys
	front, back  int32
	min, max     mgl32.Vec3 // bounds of every fragment in the subtree
}

// NewWorld builds the BSP tree of a compiled scene. slot maps a texture
// name to its texture slot (see Atlas.Slots); every texture the scene uses
// must have one.
func NewWorld(c *scenes.Compiled, slot map[string]int) (*World, error) {
	w := &World{light: c.Light, sources: c.Polygons}
	list := make([]int32, 0, len(c.Polygons))
	for i, p := range c.Polygons {
		s, ok := slot[p.Texture]
		if !ok {
			return nil, fmt.Errorf("pipeline: scene %s: %s uses texture %q, which has no image", c.ID, p.Source, p.Texture)
		}
		if len(p.Verts) < 3 {
			return nil, fmt.Errorf("pipeline: scene %s: %s has %d vertices, need 3 or more", c.ID, p.Source, len(p.Verts))
		}
		first := int32(len(w.verts))
		w.verts = append(w.verts, p.Verts...)
		w.polys = append(w.polys, poly{
			first: first, count: int32(len(p.Verts)),
			normal: p.Normal, d: p.Normal.Dot(p.Verts[0].Pos),
			slot: int32(s), source: int32(i),
		})
		list = append(list, int32(len(w.polys)-1))
	}
	w.root = w.build(list)
	w.sharePoints()
	w.scratch.init(w)
	return w, nil
}

// sharePoints finds the distinct corner positions and packs the texture
// coordinates.
func (w *World) sharePoints() {
	index := make(map[mgl32.Vec3]int32, len(w.verts)/2)
	w.cornerPoint = make([]int32, len(w.verts))
	w.uvs = make([]mgl32.Vec2, len(w.verts))
	for i, v := range w.verts {
		w.uvs[i] = v.UV
		k, ok := index[v.Pos]
		if !ok {
			k = int32(len(w.points))
			w.points = append(w.points, v.Pos)
			index[v.Pos] = k
		}
		w.cornerPoint[i] = k
	}
}

// Polygons returns how many fragments the tree holds (scene polygons plus
// the extra pieces from splitting).
func (w *World) Polygons() int { return len(w.polys) }

// side classifies a fragment against a plane.
type side int

const (
	sideOn side = iota
	sideFront
	sideBack
	sideSpanning
)

func (w *World) classify(p int32, n mgl32.Vec3, d float32) side {
	pp := &w.polys[p]
	front, back := false, false
	for _, v := range w.verts[pp.first : pp.first+pp.count] {
		s := n.Dot(v.Pos) - d
		if s > planeEpsilon {
			front = true
		} else if s < -planeEpsilon {
			back = true
		}
	}
	switch {
	case front && back:
		return sideSpanning
	case front:
		return sideFront
	case back:
		return sideBack
	}
	return sideOn
}

// build makes the subtree for the fragments in list and returns its index
// (or a leaf).
func (w *World) build(list []int32) int32 {
	if len(list) == 0 {
		w.leaves++
		return int32(-w.leaves)
	}
	split := w.chooseSplitter(list)
	sp := w.polys[split]
	var on, front, back []int32
	for _, p := range list {
		switch w.classify(p, sp.normal, sp.d) {
		case sideOn:
			on = append(on, p)
		case sideFront:
			front = append(front, p)
		case sideBack:
			back = append(back, p)
		case sideSpanning:
			f, b := w.split(p, sp.normal, sp.d)
			front = append(front, f)
			back = append(back, b)
		}
	}
	idx := int32(len(w.nodes))
	w.nodes = append(w.nodes, node{normal: sp.normal, d: sp.d, first: int32(len(w.nodePolys)), count: int32(len(on))})
	w.nodePolys = append(w.nodePolys, on...)
	fi := w.build(front)
	bi := w.build(back)
	nd := &w.nodes[idx]
	nd.front, nd.back = fi, bi
	nd.min, nd.max = w.polyBounds(on[0])
	for _, p := range on[1:] {
		lo, hi := w.polyBounds(p)
		nd.min, nd.max = minV(nd.min, lo), maxV(nd.max, hi)
	}
	for _, c := range [2]int32{fi, bi} {
		if c >= 0 {
			nd.min, nd.max = minV(nd.min, w.nodes[c].min), maxV(nd.max, w.nodes[c].max)
		}
	}
	return idx
}

// chooseSplitter picks the fragment whose plane splits fewest others and
// balances the rest best.
func (w *World) chooseSplitter(list []int32) int32 {
	best, bestScore := list[0], -1
	step := max(1, len(list)/maxSplitterCandidates)
	for i := 0; i < len(list); i += step {
		c := w.polys[list[i]]
		splits, front, back := 0, 0, 0
		for _, p := range list {
			switch w.classify(p, c.normal, c.d) {
			case sideFront:
				front++
			case sideBack:
				back++
			case sideSpanning:
				splits++
			}
		}
		score := splitPenalty*splits + abs(front-back)
		if bestScore < 0 || score < bestScore {
			best, bestScore = list[i], score
		}
	}
	return best
}

// split cuts fragment p by a plane into a front and a back fragment,
// interpolating positions and UVs where edges cross.
func (w *World) split(p int32, n mgl32.Vec3, d float32) (front, back int32) {
	src := w.polys[p]
	verts := w.verts[src.first : src.first+src.count]
	var fv, bv []scenes.Vertex
	for i, a := range verts {
		b := verts[(i+1)%len(verts)]
		da, db := n.Dot(a.Pos)-d, n.Dot(b.Pos)-d
		if da >= -planeEpsilon {
			fv = append(fv, a)
		}
		if da <= planeEpsilon {
			bv = append(bv, a)
		}
		if (da > planeEpsilon && db < -planeEpsilon) || (da < -planeEpsilon && db > planeEpsilon) {
			t := da / (da - db)
			m := scenes.Vertex{
				Pos: a.Pos.Add(b.Pos.Sub(a.Pos).Mul(t)),
				UV:  a.UV.Add(b.UV.Sub(a.UV).Mul(t)),
			}
			fv = append(fv, m)
			bv = append(bv, m)
		}
	}
	add := func(vs []scenes.Vertex) int32 {
		np := src
		np.first, np.count = int32(len(w.verts)), int32(len(vs))
		w.verts = append(w.verts, vs...)
		w.polys = append(w.polys, np)
		return int32(len(w.polys) - 1)
	}
	return add(fv), add(bv)
}

func (w *World) polyBounds(p int32) (lo, hi mgl32.Vec3) {
	pp := w.polys[p]
	lo = w.verts[pp.first].Pos
	hi = lo
	for _, v := range w.verts[pp.first+1 : pp.first+pp.count] {
		lo, hi = minV(lo, v.Pos), maxV(hi, v.Pos)
	}
	return lo, hi
}

func minV(a, b mgl32.Vec3) mgl32.Vec3 {
	return mgl32.Vec3{min(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2])}
}

func maxV(a, b mgl32.Vec3) mgl32.Vec3 {
	return mgl32.Vec3{max(a[0], b[0]), max(a[1], b[1]), max(a[2], b[2])}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// Occluded reports whether the segment from eye to p passes through a
// scene polygon (from either side) before reaching p. Name labels use it to
// hide the names of people standing behind a pillar.
func (w *World) Occluded(eye, p mgl32.Vec3) bool {
	dir := p.Sub(eye)
	for i := range w.sources {
		sp := &w.sources[i]
		n := sp.Normal
		denom := n.Dot(dir)
		if denom > -1e-9 && denom < 1e-9 {
			continue
		}
		t := (n.Dot(sp.Verts[0].Pos) - n.Dot(eye)) / denom
		// Stop a little short of p so a point on a surface is not hidden
		// by that surface.
		if t <= 0 || t >= 1-1e-4 {
			continue
		}
		if insideConvex(sp.Verts, n, eye.Add(dir.Mul(t))) {
			return true
		}
	}
	return false
}

// insideConvex reports whether q, a point in the polygon's plane, lies
// inside the convex counter-clockwise polygon.
func insideConvex(verts []scenes.Vertex, n, q mgl32.Vec3) bool {
	for i, a := range verts {
		b := verts[(i+1)%len(verts)]
		if b.Pos.Sub(a.Pos).Cross(q.Sub(a.Pos)).Dot(n) < 0 {
			return false
		}
	}
	return true
}
