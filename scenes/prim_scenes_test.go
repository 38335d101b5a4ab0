package scenes

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// maxSceneTriangles is the triangle budget of a built-in scene: the heavy
// hall benchmark's, which keeps frames smooth on a phone.
const maxSceneTriangles = 20000

// TestBuiltinScenesBuild compiles every built-in scene and checks what a
// visitor would notice: broken or stretched polygons, too many triangles,
// a spawn point inside something, portals off the floor.
func TestBuiltinScenesBuild(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	for _, s := range all {
		t.Run(s.ID, func(t *testing.T) {
			c, err := s.Compile()
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			checkPolygons(t, s, c)
			tris := 0
			for _, p := range c.Polygons {
				tris += len(p.Verts) - 2
			}
			if tris > maxSceneTriangles {
				t.Errorf("%d triangles, over the budget of %d", tris, maxSceneTriangles)
			}
			t.Logf("%d polygons, %d triangles", len(c.Polygons), tris)
			sp := mgl32.Vec3{s.Spawn.X, s.Spawn.Y, s.Spawn.Z}
			if got := c.Slide(sp, sp, BodyRadius); got.Sub(sp).Len() > 1e-4 {
				t.Errorf("spawn %v is not free to stand on: Slide pushes it to %v", sp, got)
			}
			if !s.Contains(sp.X(), sp.Y(), sp.Z()) {
				t.Errorf("spawn %v is outside the walkable volume", sp)
			}
			for _, p := range s.Portals {
				if !s.Contains(p.Center[0], 1.6, p.Center[1]) {
					t.Errorf("portal %s at %v is outside the walkable floor", p.ID, p.Center)
				}
				at := mgl32.Vec3{p.Center[0], 1.6, p.Center[1]}
				if got := c.Slide(at, at, BodyRadius); got.Sub(at).Len() > 1e-4 {
					t.Errorf("portal %s centre %v cannot be stood on: Slide pushes it to %v", p.ID, at, got)
				}
			}
		})
	}
}
