package pipeline

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// TestAvatarFacesWindCounterClockwise checks every avatar face's corners
// run counter-clockwise around its outward normal, as scene polygons do.
func TestAvatarFacesWindCounterClockwise(t *testing.T) {
	for _, part := range []int32{partBody, partHead} {
		for k, fc := range avatarBlock(mgl32.Vec3{1, 0, 2}, 0.7, part) {
			a, b, c := fc.corners[0], fc.corners[1], fc.corners[2]
			if n := b.Sub(a).Cross(c.Sub(b)).Normalize(); n.Sub(fc.n).Len() > 1e-5 {
				t.Errorf("part %d face %d: corners wind around %v, the normal is %v", part, k, n, fc.n)
			}
		}
	}
}
