package scenes

import (
	"math"
	"math/rand"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

func TestSlide(t *testing.T) {
	_, c := cave257(t)
	const r = BodyRadius
	// Cave 257: walls at x = ±4.8, z = ±4.5; pillar x -2.7..-0.7, z -1..1.
	tests := []struct {
		name     string
		from, to mgl32.Vec2 // (x, z)
		want     mgl32.Vec2
	}{
		{"free walk", mgl32.Vec2{3, 2}, mgl32.Vec2{2, 3}, mgl32.Vec2{2, 3}},
		{"stops at the west wall", mgl32.Vec2{-3.5, 3}, mgl32.Vec2{-6, 3}, mgl32.Vec2{-4.8 + r, 3}},
		{"slides along the north wall", mgl32.Vec2{3, -3}, mgl32.Vec2{2, -6}, mgl32.Vec2{2, -4.5 + r}},
		{"stops in a corner", mgl32.Vec2{3, 3}, mgl32.Vec2{10, 10}, mgl32.Vec2{4.8 - r, 4.5 - r}},
		{"stops at the pillar", mgl32.Vec2{1, 0.2}, mgl32.Vec2{-1.5, 0.2}, mgl32.Vec2{-0.7 + r, 0.2}},
		{"slides along the pillar", mgl32.Vec2{0.5, 0}, mgl32.Vec2{-1.5, 0.6}, mgl32.Vec2{-0.7 + r, 0.6}},
		{"slides along the pillar's north face", mgl32.Vec2{-1.2, -3}, mgl32.Vec2{-2.2, 0}, mgl32.Vec2{-2.2, -1 - r}},
		{"a very long move does not pass through the pillar", mgl32.Vec2{2, 0}, mgl32.Vec2{-1000, 0}, mgl32.Vec2{-0.7 + r, 0}},
		{"a very long move does not pass through a wall", mgl32.Vec2{0, 3}, mgl32.Vec2{-1e6, 3}, mgl32.Vec2{-4.8 + r, 3}},
	}
	for _, tt := range tests {
		got := c.Slide(mgl32.Vec3{tt.from.X(), 1.6, tt.from.Y()}, mgl32.Vec3{tt.to.X(), 1.7, tt.to.Y()}, r)
		if math.Abs(float64(got.X()-tt.want.X())) > 1e-3 || math.Abs(float64(got.Z()-tt.want.Y())) > 1e-3 {
			t.Errorf("%s: Slide ended at (%.4f, %.4f), want (%.4f, %.4f)", tt.name, got.X(), got.Z(), tt.want.X(), tt.want.Y())
		}
		if got.Y() != 1.7 {
			t.Errorf("%s: Y = %v, want the target's 1.7", tt.name, got.Y())
		}
	}
}

// TestSlideNeverEntersWalls walks random long paths and checks the body
// never ends up overlapping a wall or the pillar, nor leaves the room.
func TestSlideNeverEntersWalls(t *testing.T) {
	s, c := cave257(t)
	rng := rand.New(rand.NewSource(257))
	const r = BodyRadius
	pos := mgl32.Vec3{s.Spawn.X, 1.6, s.Spawn.Z}
	for i := 0; i < 3000; i++ {
		d := float32(rng.ExpFloat64() * 3)
		a := rng.Float64() * 2 * math.Pi
		to := pos.Add(mgl32.Vec3{d * float32(math.Cos(a)), 0, d * float32(math.Sin(a))})
		next := c.Slide(pos, to, r)
		if next.X() < -4.8+r-1e-3 || next.X() > 4.8-r+1e-3 || next.Z() < -4.5+r-1e-3 || next.Z() > 4.5-r+1e-3 {
			t.Fatalf("step %d: from %v toward %v ended at %v, too close to or outside the walls", i, pos, to, next)
		}
		if dist := s.Solids[0].distance(next.X(), next.Z()); dist < r-1e-3 {
			t.Fatalf("step %d: from %v toward %v ended at %v, %.4f m from the pillar", i, pos, to, next, dist)
		}
		pos = next
	}
}
