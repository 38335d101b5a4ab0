// Package formation says where each member of a guided group stands around
// the guide. Server and browser client both compute it from the same guide
// pose, slot number and walls, and get the same answer, so nobody needs to
// send the members' places over the network.
//
// Members stand in arcs behind the guide, looking where the guide looks, so
// everyone sees what the guide sees with the guide in front of them:
//
//	reach := func(fx, fz, tx, tz float32) (float32, float32) {
//		p := compiled.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, scenes.BodyRadius)
//		return p.X(), p.Z()
//	}
//	pose := formation.Place(guide, member.Slot, reach)
//
// On uneven ground (a platform with steps), PlaceOn and PlacesOn also take
// the floor, so that a member standing below the guide's platform stands on
// the floor there instead of floating at the guide's height:
//
//	pose := formation.PlaceOn(guide, member.Slot, reach, scene.FloorAt)
//
// A place that a wall or solid cuts off from the guide is given up for the
// nearest free one (the other side, the same row, a nearer row, beside or in
// front of the guide). Place is deterministic: the same guide pose, slot and
// walls always give the same pose.
package formation

import (
	"math"
	"slices"
	"sync"

	"yunyou/protocol"
)

const (
	// MaxSlots is the highest slot that has a place of its own: a tour holds
	// at most this many people, so no slot number goes beyond it.
	MaxSlots = protocol.MaxTourMembers
	// AvatarRadius is the radius of a member's body in metres, the same as
	// the walking radius in yunyou/scenes; places closer than twice this
	// would make avatars overlap.
	AvatarRadius = 0.25
	// firstRow is the distance from the guide to the first arc: far enough
	// that the guide is seen whole, near enough to hear a talk in a cave.
	firstRow = 1.5
	// rowGap is the distance between arcs and spacing the least distance
	// between neighbours in an arc: an avatar's width (0.5 m) plus room to
	// see between heads.
	rowGap  = 0.85
	spacing = 0.85
	// halfArc is how far round from straight behind an arc reaches, in
	// radians (70°). Wider arcs would put people level with the guide, where
	// they see the guide side-on; narrower ones would need a thirteenth row
	// for MaxSlots, nearly 12 m away; with 70° the back row is 10.85 m.
	halfArc = 75 * math.Pi / 180
	// reachTolerance is how near the reach must end to a place for the
	// place to be usable. A larger gap means a wall stands in between or the
	// place is inside a solid.
	reachTolerance = 0.05
	// probeBeyond is the distance past which a place is first tried half
	// way: a walk's cost grows with its length, and in a cave most far
	// places lie beyond a wall that the half walk already meets.
	probeBeyond = 4.0
)

// Reach reports where a walker going in a straight line from (fromX, fromZ)
// toward (toX, toZ) ends, stopped by walls and solids (scenes.Compiled.Slide
// gives it).
type Reach func(fromX, fromZ, toX, toZ float32) (x, z float32)

// Floor reports the height of the floor at (x, z), in metres
// (scenes.Scene.FloorAt gives it).
type Floor func(x, z float32) float32

// spot is a place around the guide in the guide's own frame: side is metres
// to the guide's right, back metres behind the guide.
type spot struct {
	side, back float64
}

// layout is the fixed geometry shared by every call: it depends on nothing
// but the constants above, so it is built once.
type layout struct {
	// spots are every place on every ring around the guide. The first
	// MaxSlots, in slot order, are the formation behind the guide; the
	// rest (the far parts of the rings, beside and in front of the guide)
	// are spare places for members cut off from their own.
	spots []spot
	// prefs[s-1] lists spot indices in the order slot s tries them when
	// its own spot is not usable: nearest to its own spot first.
	prefs [][]int16
}

var theLayout = sync.OnceValue(buildLayout)

// buildLayout lays out rings of radius firstRow, firstRow+rowGap, … around
// the guide until the parts behind the guide hold MaxSlots places. Odd rings
// are turned half a step so that each member looks between the heads of the
// row in front.
func buildLayout() *layout {
	var behind, spare []spot
	for ring := 0; len(behind) < MaxSlots; ring++ {
		r := firstRow + rowGap*float64(ring)
		// The chord between neighbours must be at least spacing; a whole
		// number of steps round the circle keeps the spare places, which
		// go all round, that far apart too.
		n := int(2 * math.Pi / (2 * math.Asin(spacing/(2*r))))
		step := 2 * math.Pi / float64(n)
		offset := 0.0
		if ring%2 == 1 {
			offset = step / 2
		}
		// Angles are from straight behind, positive to the guide's right,
		// taken nearest-behind first and right before left, which is the
		// order slots fill a row.
		angles := make([]float64, n)
		for j := range angles {
			a := math.Remainder(offset+float64(j)*step, 2*math.Pi)
			angles[j] = a
		}
		slices.SortStableFunc(angles, func(a, b float64) int {
			if c := compareMM(math.Abs(a)*r, math.Abs(b)*r); c != 0 {
				return c
			}
			return compareMM(-a, -b)
		})
		for _, a := range angles {
			s := spot{side: r * math.Sin(a), back: r * math.Cos(a)}
			if math.Abs(a) <= halfArc+1e-9 && len(behind) < MaxSlots {
				behind = append(behind, s)
			} else {
				spare = append(spare, s)
			}
		}
	}
	l := &layout{spots: append(behind, spare...)}
	l.prefs = make([][]int16, MaxSlots)
	for s := range l.prefs {
		own := l.spots[s]
		order := make([]int16, 0, len(l.spots)-1)
		for i := range l.spots {
			if i != s {
				order = append(order, int16(i))
			}
		}
		// Distances are compared in whole millimetres, index breaking ties,
		// so that rounding differences between machines cannot reorder two
		// places that are equally near.
		slices.SortStableFunc(order, func(a, b int16) int {
			if c := compareMM(own.dist(l.spots[a]), own.dist(l.spots[b])); c != 0 {
				return c
			}
			return int(a) - int(b)
		})
		l.prefs[s] = order
	}
	return l
}

func (a spot) dist(b spot) float64 { return math.Hypot(a.side-b.side, a.back-b.back) }

// compareMM compares two lengths rounded to whole millimetres.
func compareMM(a, b float64) int {
	ma, mb := math.Round(a*1000), math.Round(b*1000)
	switch {
	case ma < mb:
		return -1
	case ma > mb:
		return 1
	}
	return 0
}

// Place returns the pose of the member with the given slot (1, 2, 3, …)
// around a guide standing at guide: at the guide's eye height, looking where
// the guide looks (same yaw and pitch), in arcs behind the guide about 0.85 m
// apart, the first 1.5 m behind, so that avatars do not overlap.
//
// A place is usable when reach from the guide arrives within 5 cm of it. Slots
// are served in order: each takes its own place when usable and not already
// taken by a lower slot, otherwise the usable free place nearest its own. A
// slot outside 1..MaxSlots, or one for which nothing is usable, stands at the
// guide's own position: stacking is better than standing in a wall.
//
// Place checks each place around the guide at most once, and only as many as
// slots 1..slot need: in an open room about one walk per slot, in a small
// cave up to all 627 places (about 0.5 ms for slot 30 and 25 ms for slot 200
// in Cave 257 on a server core). Callers should place again when the guide's
// pose changes, not every frame; to place a whole group, Places does it once
// for everyone.
func Place(guide protocol.Pose, slot int, reach Reach) protocol.Pose {
	return PlaceOn(guide, slot, reach, nil)
}

// PlaceOn is Place on uneven ground: each member's eye is as high above
// the floor where the member stands as the guide's is above the guide's
// floor. A nil floor is level ground, the same as Place.
func PlaceOn(guide protocol.Pose, slot int, reach Reach, floor Floor) protocol.Pose {
	if slot < 1 || slot > MaxSlots {
		return guide
	}
	a := newAssigner(guide, reach, floor)
	var p protocol.Pose
	for s := 1; s <= slot; s++ {
		p = a.next(s)
	}
	return p
}

// Places returns the poses of slots 1..n, the same as calling Place for each
// but checking each place against the walls only once. Slots past MaxSlots
// stand at the guide's position.
func Places(guide protocol.Pose, n int, reach Reach) []protocol.Pose {
	return PlacesOn(guide, n, reach, nil)
}

// PlacesOn is Places on uneven ground (see PlaceOn).
func PlacesOn(guide protocol.Pose, n int, reach Reach, floor Floor) []protocol.Pose {
	if n <= 0 {
		return nil
	}
	out := make([]protocol.Pose, n)
	a := newAssigner(guide, reach, floor)
	for s := 1; s <= n; s++ {
		if s > MaxSlots {
			out[s-1] = guide
			continue
		}
		out[s-1] = a.next(s)
	}
	return out
}

// Usability of a place, found lazily: most calls never look past the first
// few rows.
const (
	unknown int8 = iota
	usable
	blocked
)

// assigner hands out places to slots 1, 2, 3, … in turn around one guide.
type assigner struct {
	guide        protocol.Pose
	reach        Reach
	floor        Floor
	eye          float32 // the guide's eye above the guide's floor
	l            *layout
	right, back  [2]float64 // world (x, z) of the guide's right and back
	state, taken []int8
}

func newAssigner(guide protocol.Pose, reach Reach, floor Floor) *assigner {
	l := theLayout()
	sin, cos := math.Sincos(float64(guide.Yaw))
	var eye float32
	if floor != nil {
		eye = guide.Y - floor(guide.X, guide.Z)
	}
	return &assigner{
		guide: guide,
		reach: reach,
		floor: floor,
		eye:   eye,
		l:     l,
		// Forward is (-sin yaw, -cos yaw): yaw 0 looks toward -Z and yaw
		// π/2 toward -X. Right is forward turned a quarter clockwise seen
		// from above.
		right: [2]float64{cos, -sin},
		back:  [2]float64{sin, cos},
		state: make([]int8, len(l.spots)),
		taken: make([]int8, len(l.spots)),
	}
}

// next returns slot s's pose; slots must be asked for in order from 1.
func (a *assigner) next(s int) protocol.Pose {
	own := s - 1
	if a.taken[own] == 0 && a.ok(own) {
		return a.take(own)
	}
	for _, i := range a.l.prefs[own] {
		if a.taken[i] == 0 && a.ok(int(i)) {
			return a.take(int(i))
		}
	}
	return a.guide
}

// world returns the world (x, z) of a spot.
func (a *assigner) world(sp spot) (x, z float32) {
	x = a.guide.X + float32(sp.side*a.right[0]+sp.back*a.back[0])
	z = a.guide.Z + float32(sp.side*a.right[1]+sp.back*a.back[1])
	return x, z
}

// ok reports whether spot i can be walked to from the guide.
func (a *assigner) ok(i int) bool {
	if a.state[i] == unknown {
		a.state[i] = blocked
		if sp := a.l.spots[i]; math.Hypot(sp.side, sp.back) <= probeBeyond || a.arrives(i, 0.5) {
			if a.arrives(i, 1) {
				a.state[i] = usable
			}
		}
	}
	return a.state[i] == usable
}

// arrives reports whether a straight walk from the guide toward spot i,
// stopped at the given fraction of the way, ends where it was meant to.
func (a *assigner) arrives(i int, frac float64) bool {
	sp := a.l.spots[i]
	x, z := a.world(spot{side: sp.side * frac, back: sp.back * frac})
	rx, rz := a.reach(a.guide.X, a.guide.Z, x, z)
	dx, dz := float64(rx-x), float64(rz-z)
	// NaN compares false, so a reach that returns NaN does not arrive.
	return dx*dx+dz*dz <= reachTolerance*reachTolerance
}

// take gives spot i to the slot being placed and returns its pose.
func (a *assigner) take(i int) protocol.Pose {
	a.taken[i] = 1
	x, z := a.world(a.l.spots[i])
	p := a.guide
	p.X, p.Z = x, z
	if a.floor != nil {
		p.Y = a.floor(x, z) + a.eye
	}
	return p
}
