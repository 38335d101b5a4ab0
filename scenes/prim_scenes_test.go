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
	byID := map[string]*Scene{}
	for _, s := range all {
		byID[s.ID] = s
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
				if to := byID[p.To]; p.Arrive != nil && to != nil {
					a := p.Arrive
					if !to.Contains(a.X, a.Y, a.Z) {
						t.Errorf("portal %s arrives at (%v, %v, %v), outside %s", p.ID, a.X, a.Y, a.Z, p.To)
					}
					for _, back := range to.Portals {
						if abs(a.X-back.Center[0]) < back.Size[0]/2+BodyRadius && abs(a.Z-back.Center[1]) < back.Size[1]/2+BodyRadius {
							t.Errorf("portal %s arrives inside %s's portal %s: the visitor would be sent straight back", p.ID, p.To, back.ID)
						}
					}
					tc, err := to.Compile()
					if err != nil {
						t.Fatalf("compiling %s: %v", p.To, err)
					}
					at := mgl32.Vec3{a.X, a.Y, a.Z}
					if got := tc.Slide(at, at, BodyRadius); got.Sub(at).Len() > 1e-4 {
						t.Errorf("portal %s arrives at %v in %s, not free to stand on: Slide pushes it to %v", p.ID, at, p.To, got)
					}
				}
				at := mgl32.Vec3{p.Center[0], 1.6, p.Center[1]}
				if got := c.Slide(at, at, BodyRadius); got.Sub(at).Len() > 1e-4 {
					t.Errorf("portal %s centre %v cannot be stood on: Slide pushes it to %v", p.ID, at, got)
				}
			}
		})
	}
}

// TestCave16WalkIntoTheLibraryCave walks from the main chamber along the
// corridor and through the door in its north wall into Cave 17, and checks
// that the corridor's north wall stops a visitor beside the door.
func TestCave16WalkIntoTheLibraryCave(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	var c *Compiled
	for _, s := range all {
		if s.ID == "mogao-16" {
			if c, err = s.Compile(); err != nil {
				t.Fatalf("Compile: %v", err)
			}
		}
	}
	if c == nil {
		t.Fatal("no mogao-16")
	}
	walk := func(path ...mgl32.Vec2) mgl32.Vec2 {
		p := mgl32.Vec3{path[0].X(), 1.6, path[0].Y()}
		for _, q := range path[1:] {
			p = c.Slide(p, mgl32.Vec3{q.X(), 1.6, q.Y()}, BodyRadius)
		}
		return mgl32.Vec2{p.X(), p.Z()}
	}
	got := walk(mgl32.Vec2{5, 0.5}, mgl32.Vec2{9.5, 0.5}, mgl32.Vec2{9.5, -2.6})
	if got.Sub(mgl32.Vec2{9.5, -2.6}).Len() > 1e-3 {
		t.Errorf("walking into the Library Cave ended at %v, want (9.5, -2.6)", got)
	}
	got = walk(mgl32.Vec2{5, 0.5}, mgl32.Vec2{7.5, 0.5}, mgl32.Vec2{7.5, -2.6})
	if want := (mgl32.Vec2{7.5, -1.5 + BodyRadius}); got.Sub(want).Len() > 1e-3 {
		t.Errorf("walking into the corridor's north wall beside the door ended at %v, want %v", got, want)
	}
}
