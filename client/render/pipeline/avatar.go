package pipeline

import (
	"image/color"
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

// Avatar figure proportions in metres: a body block with a lighter head on
// top, 1.70 m tall in all. The body's half-diagonal (0.247 m) stays within
// the walking radius of 0.25 m, so a figure never pokes through a wall it
// stands against.
const (
	avatarBodyWidth  = 0.42
	avatarBodyDepth  = 0.26
	avatarBodyHeight = 1.42
	avatarHeadWidth  = 0.24
	avatarHeadDepth  = 0.26
	avatarHeadHeight = 0.28
)

// Avatar is a person drawn as a simple figure standing at Feet, facing Yaw
// (the same convention as Camera), in Color. Figures are lit only by fixed
// face shading, so their colour reads clearly in the dark.
type Avatar struct {
	Feet  mgl32.Vec3
	Yaw   float32
	Color color.RGBA
}

// Parts of the moving solids: an avatar's body and head, drawn in an
// order that depends on the eye's height, and a beam's shaft and marker.
const (
	partBody = iota
	partHead
	partShaft
	partMarker
)

// dynFrag is a convex piece of a face of an avatar or a beam that has
// been pushed down the BSP tree to the leaf (empty cell) holding it.
type dynFrag struct {
	leaf         int32
	owner        int32 // index of the avatar, or of the beam
	part         int32
	first, count int32 // range in scratch.dynVerts
	rgb          [3]float32
}

// isBeam reports whether the piece belongs to a beam.
func (f *dynFrag) isBeam() bool { return f.part >= partShaft }

// source is the Frame.Sources value of the piece's triangles.
func (f *dynFrag) source() int32 {
	if f.isBeam() {
		return BeamSource - f.owner
	}
	return -1 - f.owner
}

// scratch is the per-frame working space of a World, kept between frames
// so that rendering allocates nothing once warm.
type scratch struct {
	f                 *Frame
	vp                mgl32.Mat4
	eye               mgl32.Vec3
	near, far         float32
	width, height     float32
	frustum           frustum
	batchFirstVertex  int
	batchFirstIndex   int
	clipA, clipB      []clipVert
	dynCount          []int32 // per node: avatar and beam fragments that passed through
	dynVerts          []mgl32.Vec3
	dynFrags, sorted  []dynFrag
	leafStart         []int32 // counting sort of sorted by leaf
	avatarOrder       []int32 // avatar indices, far to near
	avatarRank        []int32 // per avatar: its place in avatarOrder
	avatarDist        []float32
	avatarHeadFirst   []bool
	avatarCentre      []mgl32.Vec3
	beamMarkerFirst   []bool // per beam: the marker is painted before the shaft
	splitFront, split []mgl32.Vec3
	// proj caches the transform of each scene point (World.points) for
	// the frame whose stamp matches stamp[i].
	proj       []projected
	stamp      []uint32
	frameStamp uint32
}

func (s *scratch) init(w *World) {
	s.dynCount = make([]int32, len(w.nodes))
	s.leafStart = make([]int32, w.leaves+1)
	s.clipA = make([]clipVert, 0, 16)
	s.clipB = make([]clipVert, 0, 16)
	s.proj = make([]projected, len(w.points))
	s.stamp = make([]uint32, len(w.points))
}

// insertSolids files the visible pieces of the avatars and beams under the
// BSP leaves they lie in, so the walk paints each piece right after the
// walls behind it and before those in front of it, and orders the pieces
// within each leaf.
func (s *scratch) insertSolids(w *World, avatars []Avatar) {
	for i := range s.dynCount {
		s.dynCount[i] = 0
	}
	s.dynVerts, s.dynFrags, s.sorted = s.dynVerts[:0], s.dynFrags[:0], s.sorted[:0]
	s.insertAvatars(w, avatars)
	s.insertBeams(w)
	s.sortFrags(w)
}

// insertAvatars builds the visible faces of every avatar and files their
// pieces under the BSP leaves they lie in. Faces that cross a splitting
// plane are cut along it, which makes the order exact against the scene
// however an avatar straddles a plane.
func (s *scratch) insertAvatars(w *World, avatars []Avatar) {
	s.avatarOrder, s.avatarDist, s.avatarHeadFirst = s.avatarOrder[:0], s.avatarDist[:0], s.avatarHeadFirst[:0]
	s.avatarCentre = s.avatarCentre[:0]
	for i, a := range avatars {
		d := a.Feet.Sub(s.eye)
		d[1] = 0
		s.avatarDist = append(s.avatarDist, d.Len())
		s.avatarCentre = append(s.avatarCentre, a.Feet.Add(mgl32.Vec3{0, (avatarBodyHeight + avatarHeadHeight) / 2, 0}))
		s.avatarOrder = append(s.avatarOrder, int32(i))
		// Seen from above the neck the head is nearer the eye than the
		// body's top; from below, the body is nearer than the head's
		// underside. The neck plane separates the two parts exactly.
		s.avatarHeadFirst = append(s.avatarHeadFirst, s.eye.Y() < a.Feet.Y()+avatarBodyHeight)
	}
	// Order avatars far to near (insertion sort: few avatars, no
	// allocation), then note each one's rank.
	order := s.avatarOrder
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && s.avatarDist[order[j-1]] < s.avatarDist[order[j]]; j-- {
			order[j-1], order[j] = order[j], order[j-1]
		}
	}
	s.avatarRank = append(s.avatarRank[:0], order...)
	for rank, idx := range order {
		s.avatarRank[idx] = int32(rank)
	}

	for i := range avatars {
		a := &avatars[i]
		lo := a.Feet.Sub(mgl32.Vec3{0.3, 0, 0.3})
		hi := a.Feet.Add(mgl32.Vec3{0.3, avatarBodyHeight + avatarHeadHeight, 0.3})
		if !s.frustum.intersectsBox(lo, hi) {
			continue
		}
		c := [3]float32{float32(a.Color.R) / 255, float32(a.Color.G) / 255, float32(a.Color.B) / 255}
		head := mixRGB(c, [3]float32{1, 1, 1}, 0.45)
		face := mixRGB(c, [3]float32{1, 1, 1}, 0.75)
		s.block(w, int32(i), partBody, a, c, c)
		s.block(w, int32(i), partHead, a, head, face)
	}
}

// faceShade darkens the faces of a figure by the way they face, so its
// shape reads without scene lighting: front, right, back, left, top,
// bottom.
var faceShade = [6]float32{1, 0.8, 0.62, 0.8, 0.92, 0.5}

// avatarFace is one face of an avatar block: outward normal and corners
// counter-clockwise seen from outside.
type avatarFace struct {
	n       mgl32.Vec3
	corners [4]mgl32.Vec3
}

// faceCorners lists, per face (front, right, back, left, top, bottom), the
// corners as (sideways sign, forward sign, 1 for the top).
var faceCorners = [6][4][3]float32{
	{{1, 1, 0}, {-1, 1, 0}, {-1, 1, 1}, {1, 1, 1}},
	{{1, -1, 0}, {1, 1, 0}, {1, 1, 1}, {1, -1, 1}},
	{{-1, -1, 0}, {1, -1, 0}, {1, -1, 1}, {-1, -1, 1}},
	{{-1, 1, 0}, {-1, -1, 0}, {-1, -1, 1}, {-1, 1, 1}},
	{{-1, -1, 1}, {1, -1, 1}, {1, 1, 1}, {-1, 1, 1}},
	{{-1, 1, 0}, {1, 1, 0}, {1, -1, 0}, {-1, -1, 0}},
}

// avatarBlock returns the faces of an avatar's body (partBody) or head
// (partHead) standing at feet and facing yaw.
func avatarBlock(feet mgl32.Vec3, yaw float32, part int32) [6]avatarFace {
	hw, hd, y0, y1 := float32(avatarBodyWidth/2), float32(avatarBodyDepth/2), float32(0), float32(avatarBodyHeight)
	if part == partHead {
		hw, hd, y0, y1 = avatarHeadWidth/2, avatarHeadDepth/2, avatarBodyHeight, avatarBodyHeight+avatarHeadHeight
	}
	sy, cy := math.Sincos(float64(yaw))
	fwd := mgl32.Vec3{float32(-sy), 0, float32(-cy)}
	right := mgl32.Vec3{float32(cy), 0, float32(-sy)}
	up := mgl32.Vec3{0, 1, 0}
	normals := [6]mgl32.Vec3{fwd, right, fwd.Mul(-1), right.Mul(-1), up, up.Mul(-1)}
	var faces [6]avatarFace
	for k := range faces {
		faces[k].n = normals[k]
		for i, c := range faceCorners[k] {
			y := y0
			if c[2] > 0 {
				y = y1
			}
			faces[k].corners[i] = feet.Add(right.Mul(c[0] * hw)).Add(fwd.Mul(c[1] * hd)).Add(up.Mul(y))
		}
	}
	return faces
}

// block adds the faces of one avatar block that face the eye. front is the
// colour of the face looking along the avatar's yaw, rgb the others'.
func (s *scratch) block(w *World, avatar, part int32, a *Avatar, rgb, front [3]float32) {
	for k, fc := range avatarBlock(a.Feet, a.Yaw, part) {
		// Back-face culling: the eye must be in front of the face.
		if s.eye.Sub(fc.corners[0]).Dot(fc.n) <= 0 {
			continue
		}
		col := rgb
		if k == 0 {
			col = front
		}
		shade := faceShade[k]
		col = [3]float32{col[0] * shade, col[1] * shade, col[2] * shade}
		first := int32(len(s.dynVerts))
		s.dynVerts = append(s.dynVerts, fc.corners[:]...)
		s.insert(w, w.root, dynFrag{owner: avatar, part: part, first: first, count: 4, rgb: col}, fc.n)
	}
}

// insert pushes a fragment down the tree from node n, cutting it where a
// node's plane crosses it, and files every piece under its leaf.
func (s *scratch) insert(w *World, n int32, f dynFrag, normal mgl32.Vec3) {
	for n >= 0 {
		s.dynCount[n]++
		nd := &w.nodes[n]
		front, back := false, false
		for _, v := range s.dynVerts[f.first : f.first+f.count] {
			d := nd.normal.Dot(v) - nd.d
			if d > planeEpsilon {
				front = true
			} else if d < -planeEpsilon {
				back = true
			}
		}
		switch {
		case front && back:
			ff, bf := s.splitDyn(f, nd.normal, nd.d)
			s.insert(w, nd.front, ff, normal)
			f, n = bf, nd.back
		case front:
			n = nd.front
		case back:
			n = nd.back
		default: // in the plane: belongs to the side it faces
			if normal.Dot(nd.normal) > 0 {
				n = nd.front
			} else {
				n = nd.back
			}
		}
	}
	f.leaf = -n - 1
	s.dynFrags = append(s.dynFrags, f)
}

// splitDyn cuts an avatar or beam fragment by a plane into a front and a back
// piece, appended to dynVerts.
func (s *scratch) splitDyn(f dynFrag, n mgl32.Vec3, d float32) (front, back dynFrag) {
	s.splitFront, s.split = s.splitFront[:0], s.split[:0]
	verts := s.dynVerts[f.first : f.first+f.count]
	for i, a := range verts {
		b := verts[(i+1)%len(verts)]
		da, db := n.Dot(a)-d, n.Dot(b)-d
		if da >= -planeEpsilon {
			s.splitFront = append(s.splitFront, a)
		}
		if da <= planeEpsilon {
			s.split = append(s.split, a)
		}
		if (da > planeEpsilon && db < -planeEpsilon) || (da < -planeEpsilon && db > planeEpsilon) {
			m := a.Add(b.Sub(a).Mul(da / (da - db)))
			s.splitFront = append(s.splitFront, m)
			s.split = append(s.split, m)
		}
	}
	front, back = f, f
	front.first, front.count = int32(len(s.dynVerts)), int32(len(s.splitFront))
	s.dynVerts = append(s.dynVerts, s.splitFront...)
	back.first, back.count = int32(len(s.dynVerts)), int32(len(s.split))
	s.dynVerts = append(s.dynVerts, s.split...)
	return front, back
}

// sortFrags groups fragments by leaf (counting sort) and orders each
// leaf's fragments: farther solids first, and within an avatar or a beam
// the part hidden by the other first.
func (s *scratch) sortFrags(w *World) {
	for i := range s.leafStart {
		s.leafStart[i] = 0
	}
	for _, f := range s.dynFrags {
		s.leafStart[f.leaf+1]++
	}
	for i := 1; i < len(s.leafStart); i++ {
		s.leafStart[i] += s.leafStart[i-1]
	}
	s.sorted = append(s.sorted[:0], s.dynFrags...)
	// Place fragments at their leaf's slots; leafStart[leaf] counts up
	// while filling and is restored below.
	for _, f := range s.dynFrags {
		s.sorted[s.leafStart[f.leaf]] = f
		s.leafStart[f.leaf]++
	}
	for i := len(s.leafStart) - 1; i > 0; i-- {
		s.leafStart[i] = s.leafStart[i-1]
	}
	s.leafStart[0] = 0
	for leaf := 0; leaf+1 < len(s.leafStart); leaf++ {
		group := s.sorted[s.leafStart[leaf]:s.leafStart[leaf+1]]
		for i := 1; i < len(group); i++ {
			for j := i; j > 0 && s.fragLess(w, group[j], group[j-1]); j-- {
				group[j], group[j-1] = group[j-1], group[j]
			}
		}
	}
}

// fragLess reports whether a is painted before b within one leaf.
func (s *scratch) fragLess(w *World, a, b dynFrag) bool {
	switch {
	case !a.isBeam() && !b.isBeam():
		if a.owner != b.owner {
			return s.avatarRank[a.owner] < s.avatarRank[b.owner]
		}
		return s.partOrder(a) < s.partOrder(b)
	case a.isBeam() && b.isBeam() && a.owner == b.owner:
		// Shaft and marker: the plane across the beam at the tip
		// separates them exactly.
		return a.part != b.part && s.beamMarkerFirst[a.owner] == (a.part == partMarker)
	}
	return s.paintedBefore(w, a, b)
}

func (s *scratch) partOrder(f dynFrag) int32 {
	if s.avatarHeadFirst[f.owner] == (f.part == partHead) {
		return 0
	}
	return 1
}

// emitLeaf paints the avatar and beam pieces filed under a leaf, in flat
// colour (slot code 0), unlit.
func (s *scratch) emitLeaf(w *World, leaf int32) {
	for _, f := range s.sorted[s.leafStart[leaf]:s.leafStart[leaf+1]] {
		in := s.clipA[:0]
		for _, v := range s.dynVerts[f.first : f.first+f.count] {
			in = append(in, clipVert{pos: s.vp.Mul4x1(v.Vec4(1))})
		}
		s.clipA = in
		if mask, visible := s.clipPolygon(); visible {
			s.emit(f.rgb[0], f.rgb[1], f.rgb[2], 0, 0, f.source(), mask)
		}
	}
}

func mixRGB(a, b [3]float32, t float32) [3]float32 {
	return [3]float32{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}
